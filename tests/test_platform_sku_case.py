"""A 商家编码 typed on the platform in another letter case than our SKU ("sh-wh-m" for SH-WH-M): read as
that SKU with a warning at its row, as typed and agents' sheets read it; a code two of our SKUs share that
way is read as none, an error at its row naming both."""

from __future__ import annotations

from platform_fixtures import douyin_row, pdd_row, write_douyin, write_pdd
from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus
from test_orders import add_products, build_shop, lines_of, product


def test_a_platform_code_in_another_case_is_read_as_our_sku_with_a_warning_at_its_row(tmp_path):
    shop = build_shop(tmp_path)
    pdd = write_pdd(tmp_path / "in", [pdd_row("261121-001", "待发货", "sh-wh-m", qty=2, total="198.00"),
                                      pdd_row("261121-002", "待发货", "sh-wh-m")])
    dy = write_douyin(tmp_path / "in", [douyin_row("6931000000000000001", "6931000000000000011", "Sh-Bk-M ")])
    res = import_orders(shop, [pdd, dy])
    got = {(ln.order_no, ln.sku, ln.qty) for ln in lines_of(shop)}
    assert got == {("261121-001", "SH-WH-M", 2), ("261121-002", "SH-WH-M", 1),
                   ("6931000000000000001", "SH-BK-M", 1)}
    assert not res.unknown_skus
    said = [i for i in res.issues if "读取" in i.message_zh]
    assert [(i.severity, i.book, i.row, i.value) for i in said] == [
        ("warning", pdd.name, 2, "sh-wh-m"), ("warning", dy.name, 2, "Sh-Bk-M")]
    assert "拼多多 商家编码“sh-wh-m”按 SH-WH-M 读取" in said[0].message_zh and "2 行" in said[0].message_zh
    assert "was read as SH-WH-M" in said[0].message_en and "2 lines" in said[0].message_en


def test_a_platform_code_two_of_our_skus_share_but_for_case_is_read_as_neither(tmp_path):
    shop = build_shop(tmp_path)
    add_products(shop, product("sh-wh-m", "SH01", "白色", "M", "A-01-3", "0690000000062", 5))
    path = write_pdd(tmp_path / "in", [pdd_row("261121-001", "待发货", "Sh-Wh-M")])
    res = import_orders(shop, [path])
    (ln,) = lines_of(shop)
    assert ln.sku == "Sh-Wh-M" and ln.status is OrderStatus.NEW  # an unknown code: the review holds it
    (err,) = [i for i in res.issues if i.is_error]
    assert (err.book, err.row, err.value) == (path.name, 2, "Sh-Wh-M")
    assert "SH-WH-M、sh-wh-m" in err.message_zh and "没有按任何一个读取" in err.message_zh


def _resaved_by_excel(path, rows, headers):
    """A 拼多多 CSV opened in Excel and saved as .xlsx: digits become numbers (0123 → 123), times dates."""
    import datetime as dt

    import openpyxl

    def as_excel(v: str):
        v = v.strip()
        if not v:
            return None
        if v[:4].isdigit() and v[4:5] == "-" and ":" in v:
            return dt.datetime.strptime(v, "%Y-%m-%d %H:%M:%S")
        try:
            return int(v) if v.isdigit() else float(v)
        except ValueError:
            return v

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = path.stem
    ws.append(headers)
    for r in rows:
        ws.append([as_excel(r.get(h, "")) for h in headers])
    wb.save(path)
    return path


def test_a_code_excel_dropped_the_zeros_of_is_read_as_our_zero_led_sku(tmp_path):
    from platform_fixtures import PDD_CURRENT

    shop = build_shop(tmp_path)
    add_products(shop, product("0123", "NUM", "白色", "M", "A-09-1", "0690000000093", 5))
    rows = [pdd_row("261121-001", "待发货", "0123", qty=2, total="198.00")]
    book = _resaved_by_excel(tmp_path / "orders_export20261121.xlsx", rows, PDD_CURRENT)
    res = import_orders(shop, [book])
    assert [(ln.sku, ln.qty) for ln in lines_of(shop)] == [("0123", 2)] and not res.unknown_skus
    (said,) = [i for i in res.issues if "读取" in i.message_zh]
    assert (said.book, said.row, said.value) == (book.name, 2, "123")
    assert "按 0123 读取（前面的 0 没有了：多半是用 Excel 打开再保存时被去掉的" in said.message_zh
    # a CSV Excel saved again loses them too; a SKU of ours that is the number as it stands is that SKU
    shop2 = build_shop(tmp_path / "two")
    add_products(shop2, product("0123", "NUM", "白色", "M", "A-09-1", "0690000000093", 5),
                 product("45", "NUM", "黑色", "M", "A-09-2", "0690000000109", 5),
                 product("045", "NUM", "灰色", "M", "A-09-3", "0690000000116", 5))
    csv = write_pdd(tmp_path / "csv", [pdd_row("261121-002", "待发货", "123"), pdd_row("261121-003", "待发货", "45")])
    assert not import_orders(shop2, [csv]).unknown_skus
    assert sorted((ln.order_no, ln.sku) for ln in lines_of(shop2)) == [("261121-002", "0123"), ("261121-003", "45")]


def test_an_english_shop_reads_the_platform_s_name_capitalised(tmp_path):
    from shopbook.shop import open_shop

    shop = build_shop(tmp_path)
    toml = shop.folder / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    shop = open_shop(shop.folder)
    path = write_pdd(tmp_path / "in", [pdd_row("261121-001", "待发货", "sh-wh-m"), pdd_row("261121-002", "待发货", "NOPE")])
    res = import_orders(shop, [path])
    said = " ".join(i.message_en for i in res.issues)
    assert "The Pinduoduo SKU 'sh-wh-m' was read as SH-WH-M" in said and "The Pinduoduo code 'NOPE'" in said


def test_a_platform_code_the_sku_map_has_in_another_case_is_read_as_that_row(tmp_path):
    """QA: the 商品映射 row typed "set-a" (a set of two shirts), the 拼多多 export saying "SET-A": the line
    came in as the unknown code SET-A, held, its two shirts never picked. It is read as the map's row,
    with a warning at its row saying how to tidy the map; a code two map rows share but for case is read
    as neither (an error at its row), as our SKUs are."""
    from decimal import Decimal as D

    from shopbook.workbook_builder import write_workbook
    from shopbook.schema import ORDERS, Platform, ReviewRule, ShippingRate, SkuMap

    shop = build_shop(tmp_path)
    maps = [SkuMap(platform=Platform.PINDUODUO, code="set-a", sku="SH-BK-M", qty=1),
            SkuMap(platform=Platform.PINDUODUO, code="set-a", sku="SH-WH-L", qty=1),
            SkuMap(code="Twin-B", sku="SH-BK-M", qty=2), SkuMap(code="twin-b", sku="SH-WH-L", qty=2)]
    rates = [ShippingRate(courier="中通", province="其他", first_kg=D("1"), first_price=D("8"), extra_per_kg=D("4"))]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {SkuMap: maps, ShippingRate: rates, ReviewRule: []},
                   keep_backup=False)
    path = write_pdd(tmp_path / "in", [pdd_row("261121-001", "待发货", "SET-A", total="150.00"),
                                       pdd_row("261121-002", "待发货", "SET-A", total="150.00"),
                                       pdd_row("261121-003", "待发货", "TWIN-B")])
    res = import_orders(shop, [path])
    got = sorted((ln.order_no, ln.sku, ln.qty) for ln in lines_of(shop))
    assert got[:4] == [("261121-001", "SH-BK-M", 1), ("261121-001", "SH-WH-L", 1),
                       ("261121-002", "SH-BK-M", 1), ("261121-002", "SH-WH-L", 1)]
    assert got[4] == ("261121-003", "TWIN-B", 1)  # two rows of the map but for case: neither guessed
    (warn,) = [i for i in res.issues if not i.is_error and "商品映射 表里的" in i.message_zh]
    assert (warn.book, warn.row, warn.value) == (path.name, 2, "SET-A")
    assert "拼多多 商家编码“SET-A”按 商品映射 表里的“set-a”读取" in warn.message_zh and "2 行" in warn.message_zh
    assert "read as the SKU map's 'set-a'" in warn.message_en
    (err,) = [i for i in res.issues if i.is_error and "商品映射 表里的" in i.message_zh]
    assert (err.row, err.value) == (4, "TWIN-B") and "Twin-B、twin-b" in err.message_zh
