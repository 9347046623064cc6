"""Rows of an order export or order sheet that do not read as they stand: said where they are, and
their order held back whole, or read as what they plainly are (a totals row, one of our SKUs)."""

from __future__ import annotations

import openpyxl
import pytest

from platform_fixtures import douyin_row, write_douyin
from taobao_fixtures import ORDER_HEADERS, PAID, export_bytes, order_row
from shopbook.orders.workflow import import_orders
from test_orders import TODAY, build_shop, lines_of

NO, S1, S2 = "6930000000000000981", "6930000000000000991", "6930000000000000992"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def test_douyin_sub_order_number_in_scientific_notation_holds_its_order_back(shop, tmp_path):
    """Excel turned a 子订单编号 into 4.9E+18: said at that cell, and the order not brought in (before, its
    line came in all the same while the error asked for a re-paste; with the export again as it was
    downloaded, the line came in a second time)."""
    pasted = write_douyin(tmp_path / "a", [douyin_row(NO, "4.9E+18", "SH-WH-M"), douyin_row(NO, S2, "SH-BK-M")])
    s = import_orders(shop, [pasted], today=TODAY)
    assert lines_of(shop) == []
    said = [i for i in s.issues if i.is_error]
    assert said[0].column == "子订单编号" and said[0].cell.startswith("第 2 行") and "科学计数法" in said[0].message_zh
    assert any(NO in i.message_zh and "没有导入" in i.message_zh and "第 2 行" in i.message_zh for i in said)
    # the same pasted file with the export as downloaded, later, in one import: still held back, never doubled
    whole = write_douyin(tmp_path / "b", [douyin_row(NO, S1, "SH-WH-M"), douyin_row(NO, S2, "SH-BK-M")],
                         stamp=1763780400)
    import_orders(shop, [pasted, whole], today=TODAY)
    assert lines_of(shop) == []
    import_orders(shop, [whole], today=TODAY)  # the export as downloaded, alone: the order whole, once
    assert sorted((ln.sku, ln.qty) for ln in lines_of(shop)) == [("SH-BK-M", 1), ("SH-WH-M", 1)]


def test_douyin_line_with_its_order_number_blank_is_said_and_its_order_held(shop, tmp_path):
    """主订单编号 kept in the order's first line alone (merged, then unmerged in Excel): the second sub-order's
    line was passed over without a word and the order came in short. Now said at its cell, and the order above
    held back until the number is filled in."""
    f = write_douyin(tmp_path / "a", [douyin_row(NO, S1, "SH-WH-M"), douyin_row("-", S2, "SH-BK-M", qty=2)])
    s = import_orders(shop, [f], today=TODAY)
    assert lines_of(shop) == []
    [blank] = [i for i in s.issues if i.column == "主订单编号"]
    assert blank.is_error and blank.cell.startswith("第 3 行") and S2 in blank.message_zh
    assert any(NO in i.message_zh and "没有导入" in i.message_zh and "第 3 行" in i.message_zh for i in s.issues)
    f.write_bytes(f.read_bytes().replace(b"\r\n-," + S2.encode(), f"\r\n{NO},{S2}".encode()))  # filled in
    assert [i for i in import_orders(shop, [f], today=TODAY).issues if i.is_error] == []
    assert sorted((ln.sku, ln.qty) for ln in lines_of(shop)) == [("SH-BK-M", 2), ("SH-WH-M", 1)]


def test_taobao_sales_detail_line_with_its_order_number_blank_is_said_and_its_order_held(shop, tmp_path):
    """The 销售明细 CSV keyed by 主订单编号 / 子订单编号, an order's second line without its 主订单编号 and no
    宝贝总数量 to count by: the order came in with one line of two, nothing said."""
    a = "3600000000000000021"
    heads = ["主订单编号" if h == "订单编号" else h for h in ORDER_HEADERS]
    o = order_row(a, "tb1", "张三", "13900000001", "浙江省 杭州市 西湖区 文三路 1 号", "2026-11-21 09:00:00")
    o["主订单编号"], o["宝贝总数量"] = o.pop("订单编号"), ""
    folder = tmp_path / "tb"
    folder.mkdir()
    (folder / "ExportOrderList20261121.csv").write_bytes(export_bytes(heads, [o]))
    dh = ["主订单编号", "子订单编号", "标题", "价格", "购买数量", "外部系统编号", "商品属性", "订单状态", "商家编码", "退款状态"]

    def d(no, sub, sku):
        return {"主订单编号": f'="{no}"' if no else "", "子订单编号": f'="{sub}"', "标题": "衬衫", "价格": "99.00",
                "购买数量": "1", "商家编码": sku, "订单状态": PAID, "退款状态": "没有申请退款"}
    (folder / "销售明细20261121.csv").write_bytes(
        export_bytes(dh, [d(a, a + "1", "SH-WH-M"), d("", a + "2", "SH-BK-M")], trailing_comma=True))
    s = import_orders(shop, sorted(folder.iterdir()), today=TODAY)
    assert lines_of(shop) == []
    [blank] = [i for i in s.issues if i.column == "主订单编号" and i.book == "销售明细20261121.csv"]
    assert blank.is_error and blank.cell.startswith("第 3 行") and "没有主订单编号" in blank.message_zh
    assert any(a in i.message_zh and "没有导入" in i.message_zh for i in s.issues)


@pytest.mark.parametrize("label", ["合计：¥1,234.00", "合　计"])
def test_a_totals_row_with_its_sum_under_an_export_and_a_typed_sheet_is_no_order(shop, tmp_path, label):
    """合计：¥1,234.00 in the order-number column was read as an order: 不认识的订单状态“” under a 抖店 export;
    on a typed order sheet four 必填 errors and 订单 合计:¥1,234.00 有一行读不出, as 合　计 was (the code cell
    holds the label full-width made half)."""
    f = write_douyin(tmp_path / "a", [douyin_row(NO, S1, "SH-WH-M"), douyin_row(label, "-", "-", status="-", qty=3)])
    res = import_orders(shop, [f], today=TODAY)
    assert res.issues == [] and res.left_out == []
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "订单"
    ws.append(["订单编号", "收货人", "手机", "收货地址", "商家编码", "数量", "单价"])
    ws.append(["M1", "张三", "13812345678", "浙江省杭州市西湖区文三路1号", "SH-BK-M", 1, 99])
    ws.append([label, None, None, None, None, 1, 99])
    wb.save(tmp_path / "typed.xlsx")
    res = import_orders(shop, [tmp_path / "typed.xlsx"], today=TODAY)
    assert res.issues == []
    assert sorted(ln.order_no for ln in lines_of(shop)) == [NO, "M1"]


def test_a_typed_sku_in_lower_case_is_read_as_our_sku_with_a_warning_at_its_row(shop, tmp_path):
    """An agent's sheet typed "sh-wh-m": it came in as an unknown code (未知商家编码：sh-wh-m) the review held,
    while validate asked 是不是“SH-WH-M”. Now read as SH-WH-M and said at its row; a code that is none of ours
    stays unknown."""
    path = tmp_path / "agent.csv"
    path.write_text("订单编号,代理编号,收货人,手机,收货地址,商家编码,数量\n"
                    "A1,AG01,张三,13812345678,浙江省杭州市西湖区文三路1号,sh-wh-m ,2\n"
                    "A2,AG01,李四,13812345679,浙江省杭州市西湖区文三路2号,Sh-bk-m,1\n"
                    "A3,AG01,王五,13812345670,浙江省杭州市西湖区文三路3号,XX-NOPE,1\n", encoding="utf-8")
    res = import_orders(shop, [path], today=TODAY)
    assert sorted((ln.order_no, ln.sku, ln.qty) for ln in lines_of(shop)) == [
        ("AG01-A1", "SH-WH-M", 2), ("AG01-A2", "SH-BK-M", 1), ("AG01-A3", "XX-NOPE", 1)]
    assert res.unknown_skus == ["XX-NOPE"]
    said = [(i.book, i.cell, i.column, i.value) for i in res.issues if "读取" in i.message_zh]
    assert said == [("agent.csv", "第 2 行 / row 2", "商家编码", "sh-wh-m"),
                    ("agent.csv", "第 3 行 / row 3", "商家编码", "Sh-bk-m")]


def test_orders_import_says_where_each_unknown_sku_is(shop, tmp_path):
    """`orders import` said "! 未知商家编码：XX-NOPE" and nothing else: which file, row or order, nobody could tell
    (a typed or agent's line had no other word of it at all)."""
    from typer.testing import CliRunner

    from shopbook.cli import app

    path = tmp_path / "agent.csv"
    path.write_text("订单编号,代理编号,收货人,手机,收货地址,商家编码,数量\n"
                    "A1,AG01,张三,13812345678,浙江省杭州市西湖区文三路1号,SH-WH-M,1\n"
                    "A2,AG01,李四,13812345679,浙江省杭州市西湖区文三路2号,XX-NOPE,1\n"
                    "A3,AG01,王五,13812345670,浙江省杭州市西湖区文三路3号,XX-NOPE,2\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["orders", "import", str(shop.folder), str(path)]).output
    assert "未知商家编码 1 个" in out
    assert "XX-NOPE：agent.csv › 第 3 行，订单 AG01-A2（共 2 行）" in out


def test_a_typed_code_is_read_as_the_platforms_are_zeros_map_rows_and_codes_two_skus_share(shop, tmp_path):
    """Review: the typed and agents' sheets' "read as our SKU" was a copy of the platforms' that lacked its
    later cases. Now one rule (SkuResolver.read_as): "123" for our 0123 (Excel dropped its zeros), "set-a"
    for the 商品映射 row SET-A, each read so and said at its row; "sh-wh-m" where sh-wh-m and SH-WH-M are both
    ours (only case between them) read as neither, an error at its row (before: left as typed unsaid)."""
    from decimal import Decimal as D

    from shopbook.schema import ORDERS, ShippingRate, SkuMap
    from shopbook.workbook_builder import write_workbook
    from test_orders import add_products, product

    add_products(shop, product("0123", "NUM", "白色", "M", "A-09-1", "0690000000093", 5),
                 product("sh-wh-m", "SH01", "白色", "M", "A-01-3", "0690000000062", 5))
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {
        SkuMap: [SkuMap(code="SET-A", sku="SH-BK-M", qty=1), SkuMap(code="SET-A", sku="SH-WH-L", qty=1)],
        ShippingRate: [ShippingRate(courier="中通", province="其他", first_kg=D("1"), first_price=D("8"),
                                    extra_per_kg=D("4"))]}, keep_backup=False)
    path = tmp_path / "agent.csv"
    path.write_text("订单编号,代理编号,收货人,手机,收货地址,商家编码,数量\n"
                    "A1,AG01,张三,13812345678,浙江省杭州市西湖区文三路1号,123,2\n"
                    "A2,AG01,李四,13812345679,浙江省杭州市西湖区文三路2号,set-a,1\n"
                    "A3,AG01,王五,13812345670,浙江省杭州市西湖区文三路3号,Sh-Wh-M,1\n", encoding="utf-8")
    res = import_orders(shop, [path], today=TODAY)
    got = sorted((ln.order_no, ln.sku, ln.qty) for ln in lines_of(shop))
    assert got == [("AG01-A1", "0123", 2), ("AG01-A2", "SH-BK-M", 1), ("AG01-A2", "SH-WH-L", 1),
                   ("AG01-A3", "Sh-Wh-M", 1)], got
    warned = {i.value: i.message_zh for i in res.issues if not i.is_error and "读取" in i.message_zh}
    assert "前面的 0 没有了" in warned["123"] and "商品映射 表里的SET-A" in warned["set-a"], warned
    (err,) = [i for i in res.issues if i.is_error and i.value == "Sh-Wh-M"]
    assert err.cell == "第 4 行 / row 4" and "SH-WH-M、sh-wh-m" in err.message_zh
