"""Orders to parcels on real files: platform exports in the platform's bytes, the
orders workbook written and re-read, the pick list documents opened again."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections import Counter
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import forkserver
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.issues import ShopbookError
from shopbook.orders.workflow import follow_up, import_orders, make_picklist, review, ship
from shopbook.schema import (ORDERS, STOCK, Movement, MovementType, OrderLine, OrderStatus, Product, Promotion,
                             ReviewRule, ShippingRate)
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook
from built_once import built_once
from taobao_fixtures import detail_row, order_row, write_pair

D = Decimal
TODAY = dt.date(2026, 11, 22)


def product(sku, style, colour, size, bin_, barcode, stock, price="99.00", status="在售", weight="0.4"):
    return Product(sku=sku, style=style, name=f"{style}衬衫", colour=colour, size=size, bin=bin_, barcode=barcode,
                   cost=D("30"), price=D(price), opening_qty=stock, safety_stock=2, weight_kg=D(weight),
                   status=status)


def add_products(shop, *products: Product) -> None:
    """More products in the shop's stock.xlsx, its other sheets as they were."""
    stock = read_workbook(shop.path(STOCK), STOCK)
    write_workbook(shop.path(STOCK), STOCK, "zh", {**{m: stock.rows(m) for m in stock.sheets},
                                                  Product: [*stock.rows(Product), *products]}, keep_backup=False)


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def build_shop(tmp_path):
    """A small shop: five SKUs (one delisted, one without a bin), rates, a 满就送, rules (built once a
    process and copied for each call: built_once)."""
    folder = tmp_path / "shop"
    built_once(folder, "test_orders.build_shop", _build_shop)
    return open_shop(folder)


def _build_shop(folder: Path):
    init_shop(folder)
    products = [
        product("SH-WH-M", "SH01", "白色", "M", "A-01-1", "0690000000017", 5),
        product("SH-WH-L", "SH01", "白色", "L", "A-01-2", "0690000000024", 1),
        product("SH-BK-M", "SH01", "黑色", "M", "", "0690000000031", 10),
        product("GIFT-1", "GF", "", "", "Z-09-9", "0690000000048", 50, price="0.00"),
        product("OLD-1", "OLD", "灰色", "M", "B-02-1", "0690000000055", 3, status="下架"),
    ]
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: products}, keep_backup=False)
    rates = [ShippingRate(courier="中通", province=p, first_kg=D("1"), first_price=D(f), extra_per_kg=D(e))
             for p, f, e in (("浙江", "5", "1"), ("新疆", "20", "10"), ("其他", "8", "4"))]
    promos = [Promotion(name="满199送袜子", kind="满就送", threshold=D("199"), gift_sku="GIFT-1", gift_qty=1,
                        start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30), enabled=True)]
    rules = [ReviewRule(rule="手机号格式", enabled=True), ReviewRule(rule="偏远地区", enabled=True, parameter="新疆,西藏")]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {ShippingRate: rates, Promotion: promos, ReviewRule: rules},
                   keep_backup=False)
    return open_shop(folder)


def exports(tmp_path, **kw):
    orders = [
        order_row("3515131473293579", "tb_amy", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                  "2026-11-21 09:15:02", goods="198.00"),
        order_row("3515131473293580", "tb_bob", "王芳", "13900001111", "浙江省 杭州市 西湖区 文三路100号(310000)",
                  "2026-11-21 10:00:00", goods="99.00"),
        order_row("3515131473293581", "tb_cat", "张伟", "138****5678", "新疆维吾尔自治区 乌鲁木齐市 天山区 某路1号(830000)",
                  "2026-11-21 11:00:00", goods="99.00"),
        order_row("3515131473293582", "tb_dan", "赵敏", "12345", "浙江省 宁波市 海曙区 中山路5号(315000)",
                  "2026-11-21 12:00:00", message="=HYPERLINK(\"http://x\",\"点我\")", goods="99.00"),
        order_row("3515131473293583", "tb_eve", "钱七", "13700002222", "浙江省 温州市 鹿城区 人民路8号(325000)",
                  "2026-11-21 13:00:00", status="交易成功", goods="99.00"),
        order_row("3515131473293584", "tb_fay", "孙八", "13600003333", "浙江省 湖州市 吴兴区 湖州路9号(313000)",
                  "2026-11-21 14:00:00", goods="99.00"),
    ]
    details = [
        detail_row("3515131473293579", "白衬衫", "99.00", "2", "SH-WH-M", "颜色分类：白色;尺码：M"),
        detail_row("3515131473293580", "白衬衫", "99.00", "1", "SH-WH-L"),
        detail_row("3515131473293581", "黑衬衫", "99.00", "1", "SH-BK-M"),
        detail_row("3515131473293582", "黑衬衫", "99.00", "1", "SH-BK-M"),
        detail_row("3515131473293583", "黑衬衫", "99.00", "1", "SH-BK-M", status="交易成功"),
        detail_row("3515131473293584", "旧款", "99.00", "1", "", external="NOPE-9"),
    ]
    return write_pair(tmp_path / "exports", orders, details, **kw)


def lines_of(shop) -> list[OrderLine]:
    return read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)


def test_export_bytes_are_the_platforms(tmp_path):
    a, b = exports(tmp_path)
    raw = a.read_bytes()
    assert raw.decode("gb18030").startswith('"订单编号","买家会员名"')
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert b'"="3515131473293579""' not in raw and '"=""3515131473293579"""'.encode() in raw
    assert b.read_bytes().decode("gb18030").splitlines()[1].endswith(",")


def test_import_creates_new_orders_and_skips_with_reasons(shop, tmp_path):
    res = import_orders(shop, list(exports(tmp_path)))
    lines = lines_of(shop)
    assert [ln.order_no for ln in lines] == ["3515131473293579", "3515131473293580", "3515131473293581",
                                             "3515131473293582", "3515131473293584"]
    first = lines[0]
    assert first.sku == "SH-WH-M" and first.qty == 2 and first.unit_price == D("99.00")
    assert first.phone == "13812345678" and first.address == "浙江省 杭州市 西湖区 文三路100号(310000)"
    assert first.status is OrderStatus.NEW and first.buyer == "tb_amy"
    assert first.paid_at == dt.datetime(2026, 11, 21, 9, 15, 2)
    assert lines[4].sku == "NOPE-9"  # 外部系统编号 when 商家编码 is blank
    assert res.unknown_skus == ["NOPE-9"]
    assert [s["order_no"] for s in res.skipped] == ["3515131473293583"]
    # the message that looks like a formula is text in the workbook, not a formula
    ws = openpyxl.load_workbook(shop.path(ORDERS))["订单"]
    col = [c.value for c in ws[1]].index("买家留言") + 1
    cell = ws.cell(row=5, column=col)
    assert cell.value.startswith("=HYPERLINK") and cell.data_type == "s"


def test_reimport_adds_nothing_and_never_moves_back(shop, tmp_path):
    files = list(exports(tmp_path))
    import_orders(shop, files)
    review(shop)
    before = [(ln.order_no, ln.status) for ln in lines_of(shop)]
    res = import_orders(shop, files)
    assert res.imported == []
    assert [(ln.order_no, ln.status) for ln in lines_of(shop)] == before


def test_same_order_in_two_files_is_imported_once(shop, tmp_path):
    a1, b1 = exports(tmp_path)
    a2, b2 = exports(tmp_path / "again", stamp="20261122")
    res = import_orders(shop, [a1, b1, a2, b2])
    assert len(res.imported) == 5
    assert Counter(ln.order_no for ln in lines_of(shop)).most_common(1)[0][1] == 1


def test_utf8_export_reads_the_same(shop, tmp_path):
    res = import_orders(shop, list(exports(tmp_path, encoding="utf-8")))
    assert len(res.imported) == 5 and {f["encoding"] for f in res.files} == {"utf-8"}


def test_only_one_of_the_two_files_is_a_clear_error(shop, tmp_path):
    a, b = exports(tmp_path)
    with pytest.raises(ShopbookError) as e:
        import_orders(shop, [a])
    assert "ExportOrderDetailList" in e.value.en and "宝贝报表" in e.value.zh
    with pytest.raises(ShopbookError):
        import_orders(shop, [b])


def test_file_from_another_platform_names_missing_columns(shop, tmp_path):
    other = tmp_path / "jd.csv"
    other.write_text("订单号,客户姓名,客户地址,商品编号\n1,a,b,c\n", encoding="utf-8")
    with pytest.raises(ShopbookError) as e:
        import_orders(shop, [other])
    # it shares 订单号 with 拼多多's export and a waybill tool's file: what each lacks is named
    assert "拼多多 订单查询导出，但缺少 订单状态、商品数量(件)、商家编码-规格维度、售后状态" in e.value.zh
    assert "lacks 快递公司, 快递单号" in e.value.en and "Taobao/Tmall order list" in e.value.en


def test_quantity_zero_or_negative_is_reported(shop, tmp_path):
    orders = [order_row("111", "b", "甲", "13800000000", "浙江省 杭州市 西湖区 x", "2026-11-21 09:00:00")]
    details = [detail_row("111", "t", "1", "0", "SH-WH-M"), detail_row("111", "t", "1", "-2", "SH-BK-M")]
    res = import_orders(shop, list(write_pair(tmp_path / "q", orders, details)))
    assert res.imported == []
    assert [i.value for i in res.issues] == ["0", "-2", "111"]  # each line, then the order they leave out
    assert "有商品行没有读懂" in res.issues[-1].message_zh


def test_review_rules(shop, tmp_path):
    import_orders(shop, list(exports(tmp_path)))
    decisions, _ = review(shop)
    by = {d.order_no: d for d in decisions}
    assert by["3515131473293579"].status is OrderStatus.APPROVED  # 2 of 5 available
    assert any("合并" in n[0] for n in by["3515131473293579"].notes)  # same receiver address as …580
    assert by["3515131473293580"].status is OrderStatus.APPROVED  # the 1 SH-WH-L
    c = by["3515131473293581"]
    assert c.status is OrderStatus.HELD and any("偏远" in h[0] for h in c.holds)
    assert any("无法核对" in n[0] for n in c.notes) and not any("手机" in h[0] for h in c.holds)
    d = by["3515131473293582"]
    assert d.status is OrderStatus.HELD
    assert {h[0][:4] for h in d.holds} >= {"手机号“", "买家留言"}
    assert any("不存在" in h[0] for h in by["3515131473293584"].holds)
    written = {ln.order_no: ln for ln in lines_of(shop)}
    assert written["3515131473293581"].status is OrderStatus.HELD and "偏远" in written["3515131473293581"].review


def test_postcode_000000_and_other_district_are_review_warnings(shop, tmp_path):
    """The export's address keeps its "(邮编)" in the 订单 sheet, so the review still sees (000000)."""
    orders = [order_row("701", "b", "甲", "13800000000", "浙江省 杭州市 西湖区 文三路1号(000000)", "2026-11-21 09:00:00"),
              order_row("702", "c", "乙", "13800000001", "浙江省 杭州市 其它区 某路2号(310000)", "2026-11-21 09:05:00")]
    details = [detail_row("701", "白衬衫", "99.00", "1", "SH-BK-M"), detail_row("702", "白衬衫", "99.00", "1", "SH-BK-M")]
    import_orders(shop, list(write_pair(tmp_path / "e", orders, details)))
    assert {ln.order_no: ln.address for ln in lines_of(shop)}["701"] == "浙江省 杭州市 西湖区 文三路1号(000000)"
    by = {d.order_no: d for d in review(shop)[0]}
    assert by["701"].status is OrderStatus.APPROVED and ("邮编是 000000", "the postcode is 000000") in by["701"].notes
    assert any("其它区" in n[0] for n in by["702"].notes)
    make_picklist(shop, today=dt.date(2026, 11, 21))
    waybill = next((shop.folder / "reports").glob("面单-*.csv")).read_text(encoding="utf-8-sig")
    assert ",文三路1号," in waybill and "(000000)" not in waybill  # the courier gets the street without it


def test_an_amount_that_does_not_read_is_a_warning_not_a_silent_blank(shop, tmp_path):
    orders = [order_row("711", "b", "甲", "13800000000", "浙江省 杭州市 西湖区 文三路1号(310000)", "2026-11-21 09:00:00",
                        postage="包邮")]
    details = [detail_row("711", "白衬衫", "99.00", "1", "SH-BK-M")]
    s = import_orders(shop, list(write_pair(tmp_path / "e", orders, details)))
    assert [ln.order_no for ln in s.imported] == ["711"] and s.imported[0].shipping_fee is None
    assert [(i.severity, i.column, i.value, i.row) for i in s.issues] == [("warning", "买家应付邮费", "包邮", 2)]


def test_stock_is_allotted_oldest_payment_first(shop, tmp_path):
    orders = [order_row(n, "b", f"人{n}", "13800000000", f"浙江省 杭州市 西湖区 路{n}号", t)
              for n, t in (("201", "2026-11-21 12:00:00"), ("202", "2026-11-21 08:00:00"))]
    details = [detail_row("201", "t", "99", "1", "SH-WH-L"), detail_row("202", "t", "99", "1", "SH-WH-L")]
    import_orders(shop, list(write_pair(tmp_path / "s", orders, details)))
    by = {d.order_no: d for d in review(shop)[0]}
    assert by["202"].status is OrderStatus.APPROVED  # paid first
    assert by["201"].status is OrderStatus.HELD and "库存不足" in by["201"].holds[0][0]


def test_picklist_quantities_equal_approved_lines_plus_gifts(shop, tmp_path):
    import_orders(shop, list(exports(tmp_path)))
    review(shop)
    res = make_picklist(shop, today=TODAY)
    approved = [ln for ln in lines_of(shop) if ln.status is OrderStatus.APPROVED]
    want = Counter()
    for ln in approved:
        want[ln.sku] += ln.qty
    # …579 is 2 × 99.00 = 198.00, one fen short of the 199 threshold: no gift
    got = Counter({x.sku: x.qty for x in res.lines})
    assert got == want and "GIFT-1" not in got
    assert [x.bin for x in res.lines] == sorted(x.bin for x in res.lines)  # A-01-1 before A-01-2
    xlsx, csv_path = res.files
    wb = openpyxl.load_workbook(xlsx)
    ws = wb["拣货单"]
    assert ws.print_title_rows == "$3:$3" and ws.page_setup.fitToWidth == 1
    assert [c.value for c in ws[4]][:6] == ["A-01-1", "SH-WH-M", "SH01衬衫", "白色", "M", 2]
    text = csv_path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["订单编号", "收货人", "手机", "省"]
    assert rows[1][3:6] == ["浙江", "杭州市", "西湖区"]
    # …579 and …580 go to one receiver at one address (the review's 建议合并发货): one box, one waybill row
    assert rows[1][0] == "3515131473293579,3515131473293580"
    assert rows[1][9] == "6.00"  # 3 × 0.4 + 0.1 = 1.3 kg: first kg to 浙江 and one more
    # orders are marked: a second pick list finds nothing
    assert {ln.batch for ln in lines_of(shop) if ln.status is OrderStatus.APPROVED} == {res.batch}
    assert make_picklist(shop, today=TODAY).parcels == []


def test_gift_over_threshold_appears_on_pick_list_and_note(shop, tmp_path):
    orders = [order_row("301", "b", "甲", "13800000000", "浙江省 杭州市 西湖区 x路1号", "2026-11-21 09:00:00")]
    details = [detail_row("301", "t", "99.50", "2", "SH-BK-M")]  # 199.00: reaches the threshold
    import_orders(shop, list(write_pair(tmp_path / "g", orders, details)))
    review(shop)
    res = make_picklist(shop, today=TODAY)
    assert {(x.sku, x.qty, x.gift) for x in res.lines} == {("SH-BK-M", 2, False), ("GIFT-1", 1, True)}
    assert res.lines[-1].sku == "SH-BK-M"  # no bin: last
    notes = openpyxl.load_workbook(res.files[0])["发货单"]
    values = [c.value for row in notes.iter_rows() for c in row if c.value is not None]
    assert "GIFT-1" in values and "赠品" in values


def test_packing_notes_one_page_each_in_the_templates_look(shop, tmp_path):
    """The packing notes are written as XML (fast); they must keep the template's look:
    a page per order, bold labels, the blue header row, boxed item rows, fitted to the page."""
    import re
    import shutil
    import subprocess

    evil = '=HYPERLINK("http://x.example","点我")'
    orders = [order_row(str(400 + i), f"b{i}", evil if i == 0 else f"收货人{i}", "13800000000",
                        f"浙江省 杭州市 西湖区 文{i}路{i}号", "2026-11-21 09:00:00", goods="99.00") for i in range(3)]
    details = [detail_row(str(400 + i), "t", "99.00", "1", "SH-BK-M") for i in range(3)]
    import_orders(shop, list(write_pair(tmp_path / "p", orders, details)))
    review(shop)
    res = make_picklist(shop, today=TODAY)
    assert len(res.parcels) == 3
    wb = openpyxl.load_workbook(res.files[0])
    notes = wb["发货单"]
    assert [b.id for b in notes.row_breaks.brk] == [11, 21]  # 6 labels, head, 1 item, 2 blank rows: 10 a note
    assert notes.page_setup.fitToWidth == 1 and int(notes.page_setup.paperSize) == 9  # A4
    assert [notes.cell(row=r, column=1).value for r in (3, 13, 23)] == ["订单编号"] * 3
    assert notes["A3"].font.b and notes["A9"].fill.fgColor.rgb.endswith("1F4E78")
    assert notes["A10"].value == "SH-BK-M" and notes["A10"].border.left.style == "thin"
    receiver = notes["B4"]
    assert receiver.value == evil and receiver.data_type == "s"  # text from a buyer never runs as a formula
    pick = wb["拣货单"]
    assert pick["B4"].value == "SH-BK-M" and pick["F4"].value == 3 and pick["A4"].border.left.style == "thin"
    if shutil.which("soffice"):  # LibreOffice reads it and prints a page per note after the pick list
        r = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                            "pdf", "--outdir", str(tmp_path), str(res.files[0])], capture_output=True, timeout=180)
        assert r.returncode == 0, r.stderr
        pdf = (tmp_path / res.files[0].with_suffix(".pdf").name).read_bytes()
        assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1 + 3


def scan_text(*parcels):
    out = []
    for head, codes in parcels:
        out.append(",".join(head))
        out.extend(codes)
    return "\n".join(out) + "\n"


def picked(shop, tmp_path):
    """The sample exports imported, reviewed and picked: where their scan file goes."""
    import_orders(shop, list(exports(tmp_path)))
    review(shop)
    make_picklist(shop, today=TODAY)
    return tmp_path / "scan.txt"


def test_ship_scan_check_and_stock_moves_once(shop, tmp_path):
    scans = picked(shop, tmp_path)
    scans.write_text(scan_text(
        (("3515131473293579", "中通", "7310001"), ("0690000000017", "0690000000017")),   # right
        (("3515131473293580", "中通", "7310002"), ("0690000000017",)),                  # white M instead of L
        (("3515131473293579", "中通", "7310001"), ("0690000000017", "0690000000017")),   # scanned again
        (("999", "中通", "7310003"), ("123",)),
    ), encoding="utf-8")
    res = ship(shop, scans, today=TODAY)
    assert res.shipped == ["3515131473293579"]
    wrong = res.checks[1]
    assert not wrong.ok and "颜色/尺码不对" in wrong.problems[0][0]
    assert res.checks[2].already_shipped
    assert "找不到订单" in res.checks[3].problems[0][0]
    by = {ln.order_no: ln for ln in lines_of(shop)}
    assert by["3515131473293579"].status is OrderStatus.SHIPPED
    assert (by["3515131473293579"].courier, by["3515131473293579"].tracking_no) == ("中通", "7310001")
    assert by["3515131473293579"].shipped_on == TODAY
    assert by["3515131473293580"].status is OrderStatus.APPROVED
    moves = read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
    assert [(m.sku, m.qty, m.type, m.ref) for m in moves] == [("SH-WH-M", 2, MovementType.OUT, "3515131473293579")]
    # the whole scan file again: nothing ships twice, stock moves once
    res2 = ship(shop, scans, today=TODAY)
    assert res2.shipped == [] and res2.movements == []
    assert len(read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)) == 1
    # the shipped parcel's scans alone again: no ✓ over "shipped: 0" (QA), it says nothing new was done
    again = tmp_path / "again.txt"
    again.write_text(scan_text((("3515131473293579", "中通", "7310001"), ("0690000000017", "0690000000017"))),
                     encoding="utf-8")
    said = CliRunner().invoke(app, ["ship", str(shop.folder), str(again)])
    assert said.exit_code == 0 and "✓" not in said.output
    assert "没有新发货：扫描的1个包裹都已发过" in "".join(said.output.split())


def test_barcode_of_no_sku_and_missing_item(shop, tmp_path):
    import_orders(shop, list(exports(tmp_path)))
    review(shop)
    scans = tmp_path / "s.csv"
    scans.write_text("订单编号,快递公司,快递单号,条码\n3515131473293579,中通,73,0690000000017\n"
                     "3515131473293579,中通,73,9999999999999\n", encoding="utf-8")
    res = ship(shop, scans, today=TODAY)
    probs = [p[1] for p in res.checks[0].problems]
    assert any("belongs to no SKU" in p for p in probs) and any("missing SH-WH-M" in p for p in probs)
    assert res.shipped == []


def test_follow_up(shop, tmp_path):
    scans = picked(shop, tmp_path)
    scans.write_text(scan_text((("3515131473293579", "中通", "7310001"), ("0690000000017", "0690000000017"))))
    ship(shop, scans, today=dt.date(2026, 11, 15))
    fu = follow_up(shop, today=TODAY)
    assert [x.order_no for x in fu.not_delivered] == ["3515131473293579"]
    assert {x.order_no for x in fu.held} == {"3515131473293581", "3515131473293582", "3515131473293584"}
    assert follow_up(shop, days=10, today=TODAY).not_delivered == []


def test_cli_orders_flow_json(shop, tmp_path):
    a, b = exports(tmp_path)
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), str(a), str(b), "--json"])
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    assert j["imported_orders"] == 5 and j["unknown_skus"] == ["NOPE-9"]
    r = CliRunner().invoke(app, ["orders", "review", str(shop.folder), "--json"])
    statuses = {d["order_no"]: d["status"] for d in json.loads(r.stdout)}
    assert statuses["3515131473293581"] == "已挂起"
    r = CliRunner().invoke(app, ["picklist", str(shop.folder), "--json", "--batch", "B1"])
    assert json.loads(r.stdout)["batch"] == "B1"
    r = CliRunner().invoke(app, ["picklist", str(shop.folder)])
    assert r.exit_code == 0 and "没有待拣货" in r.output
    r = CliRunner().invoke(app, ["picklist", str(shop.folder), "--batch", "B1"])
    assert r.exit_code == 2 and "B1" in r.output  # a batch name is never used twice


def test_xlsx_form_of_the_exports(shop, tmp_path):
    """The seller centre also exports .xlsx: same headers, order numbers as text."""
    a, b = exports(tmp_path)
    out = []
    for src in (a, b):
        rows = list(csv.reader(io.StringIO(src.read_bytes().decode("gb18030"))))
        wb = openpyxl.Workbook()
        for r in rows:
            wb.active.append([c[2:-1] if c.startswith('="') else c for c in r])
        path = src.with_suffix(".xlsx")
        wb.save(path)
        out.append(path)
    res = import_orders(shop, out)
    assert len(res.imported) == 5 and res.imported[0].order_no == "3515131473293579"


def test_xlsx_export_with_order_numbers_kept_as_numbers(shop, tmp_path):
    """Excel keeps 15 digits of a number: 3515131473293579 becomes 3515131473293570, and …580 to
    …584 all become …580. Such orders are refused with a located error, never merged."""
    a, b = exports(tmp_path)
    out = []
    for src in (a, b):
        rows = list(csv.reader(io.StringIO(src.read_bytes().decode("gb18030"))))
        wb = openpyxl.Workbook()
        for i, r in enumerate(rows):
            values = [c[2:-1] if c.startswith('="') else c for c in r]
            if i:
                values[0] = float(values[0][:15] + "0")
            wb.active.append(values)
        out.append(src.with_suffix(".xlsx"))
        wb.save(out[-1])
    res = import_orders(shop, out)
    assert res.imported == [] and res.issues
    assert all(i.column == "订单编号" and "15" in i.message_en for i in res.issues)


def test_plain_orders_file_and_risky_text(shop, tmp_path):
    """A hand-made CSV with the 订单 headers; buyer text beginning with = + - @ stays text
    in the workbook, the packing note and the waybill CSV."""
    plain = tmp_path / "manual.csv"
    plain.write_text(
        "订单编号,收货人,手机,收货地址,商家编码,数量,买家留言,付款时间\n"
        "M-1,@张三,13800000001,浙江省 杭州市 西湖区 a路1号,SH-BK-M,1,+1 要大一码,2026-11-21 08:00\n"
        "M-2,-李四,13800000002,浙江省 杭州市 西湖区 b路2号,SH-BK-M,1,,2026-11-21 08:30\n",
        encoding="utf-8")
    res = import_orders(shop, [plain])
    assert [ln.source.value for ln in res.imported] == ["手工", "手工"]
    ws = openpyxl.load_workbook(shop.path(ORDERS))["订单"]
    head = [c.value for c in ws[1]]
    assert ws.cell(row=2, column=head.index("收货人") + 1).value == "@张三"
    assert ws.cell(row=2, column=head.index("买家留言") + 1).value == "+1 要大一码"
    # approve by hand (no message rule) and pick: the waybill CSV neutralises leading = + - @
    review(shop)
    lines = lines_of(shop)
    assert {ln.order_no: ln.status for ln in lines}["M-2"] is OrderStatus.APPROVED
    res = make_picklist(shop, today=TODAY)
    rows = list(csv.reader(io.StringIO(res.files[1].read_bytes().decode("utf-8-sig"))))
    assert rows[1][1] == "'-李四"


def test_an_export_cut_inside_a_chinese_character_says_so(shop, tmp_path):
    a, b = exports(tmp_path)
    b.write_bytes(b.read_bytes()[:-1].rstrip(b"\r\n,\"")[:-1])  # the download stopped inside a character
    with pytest.raises(ShopbookError) as e:
        import_orders(shop, [a, b])
    assert "cut off" in e.value.en and b.name in str(e.value)


def test_a_gift_of_a_bought_sku_and_a_missing_gift(shop, tmp_path):
    """Four GIFT-1 bought and one more as the 满199 gift: five leave the shelf, five are posted. A
    parcel scanned without its gift is not ready: reported, not shipped, nothing posted."""
    orders = [order_row("901", "b", "甲", "13800000000", "浙江省 杭州市 西湖区 x路1号", "2026-11-21 09:00:00"),
              order_row("902", "c", "乙", "13800000001", "浙江省 杭州市 西湖区 x路2号", "2026-11-21 09:05:00")]
    details = [detail_row("901", "袜子", "50.00", "4", "GIFT-1"), detail_row("902", "t", "99.50", "2", "SH-BK-M")]
    import_orders(shop, list(write_pair(tmp_path / "g", orders, details)))
    review(shop)
    res = make_picklist(shop, today=TODAY)
    assert {(x.sku, x.qty, x.gift) for x in res.lines} >= {("GIFT-1", 4, False), ("GIFT-1", 2, True)}
    scans = tmp_path / "scan.txt"
    scans.write_text(scan_text((("901", "中通", "7310009"), ("0690000000048",) * 5),
                               (("902", "中通", "7310010"), ("0690000000031",) * 2)), encoding="utf-8")
    r = ship(shop, scans, today=TODAY)
    assert r.shipped == ["901"]
    assert r.checks[1].problems == [("少了赠品 GIFT-1：应 1 件（含赠品 1 件），扫到 0 件",
                                     "missing gift GIFT-1: 1 expected (1 free), 0 scanned")]
    moves = read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
    assert [(m.sku, m.qty, m.ref) for m in moves] == [("GIFT-1", 5, "901")]


def test_the_same_hand_made_order_in_two_files_of_one_import(shop, tmp_path):
    head = "订单编号,收货人,手机,收货地址,商家编码,数量,付款时间\n"
    m1 = "M-1,张三,13800000001,浙江省 杭州市 西湖区 a路1号,SH-BK-M,2,2026-11-21 08:00\n"
    (tmp_path / "mon.csv").write_text(head + m1, encoding="utf-8")
    (tmp_path / "tue.csv").write_text(head + m1 + "M-2,李四,13800000002,浙江省 杭州市 西湖区 b路2号,SH-WH-M,1,"
                                      "2026-11-22 08:00\n", encoding="utf-8")
    res = import_orders(shop, [tmp_path / "mon.csv", tmp_path / "tue.csv"])
    assert [(ln.order_no, ln.qty) for ln in res.imported] == [("M-1", 2), ("M-2", 1)]
    assert [(x["order_no"], x["file"]) for x in res.skipped] == [("M-1", "tue.csv")]
    assert [(ln.order_no, ln.qty) for ln in lines_of(shop)] == [("M-1", 2), ("M-2", 1)]


def test_a_scan_header_that_does_not_read_takes_its_codes_with_it(shop, tmp_path):
    """Parcel …579 is one short; the next header lacks its courier. Its barcode must not fill
    …579's gap: …579 is reported short, the bad header by its real file line (blank lines count)."""
    scans = picked(shop, tmp_path)
    scans.write_text("\n3515131473293579,中通,7310001\n0690000000017\n\n3515131473293580,7310002\n0690000000017\n",
                     encoding="utf-8")
    r = ship(shop, scans, today=TODAY)
    assert r.shipped == [] and r.movements == []
    assert "少了 SH-WH-M" in r.checks[0].problems[0][0]
    assert r.checks[1].problems[0][0].startswith("扫描文件第 5 行看不懂：“3515131473293580,7310002”")


@pytest.mark.parametrize("text", ["", "\n\n  \n"])
def test_a_scan_file_of_no_parcels_stops(shop, tmp_path, text):
    """QA: an empty scan file (a scanner's file never saved) gave "✓ 发货：0" and exit 0: nothing
    was checked, so nothing can have passed. It stops, saying so, and orders.xlsx is as it was."""
    scans = picked(shop, tmp_path)
    scans.write_text(text, encoding="utf-8")
    before = shop.path(ORDERS).read_bytes()
    with pytest.raises(ShopbookError) as e:
        ship(shop, scans, today=TODAY)
    assert "没有任何包裹" in e.value.zh and "holds no parcels" in e.value.en
    r = CliRunner().invoke(app, ["ship", str(shop.folder), str(scans)])
    assert r.exit_code == 2 and "✓" not in r.output
    assert shop.path(ORDERS).read_bytes() == before


def test_a_scan_file_typed_in_full_width_reads_as_meant(shop, tmp_path):
    """An input method left in full-width mode types ， and ０６９…: the parcel line reads and the
    codes are the products' barcodes, so the parcel ships and no after-sales case is opened."""
    scans = picked(shop, tmp_path)
    scans.write_text("打包员，小李\n３５１５１３１４７３２９３５７９，中通，７３１０００１\n０６９００００００００１７\n0690000000017\n",
                     encoding="utf-8")
    r = ship(shop, scans, today=TODAY)
    assert [c.problems for c in r.checks] == [[]] and r.shipped == ["3515131473293579"] and not r.cases_opened
    by = {ln.order_no: ln for ln in lines_of(shop)}
    assert (by["3515131473293579"].tracking_no, by["3515131473293579"].packer) == ("7310001", "小李")


@pytest.mark.parametrize("end", ["\r", "\r\n", "\n"])
def test_a_scan_file_with_any_line_ends_reads(shop, tmp_path, end):
    """QA: a scanner file saved with CR alone between lines was refused with Python's words (new-line
    character seen in unquoted field). CR, CRLF and LF all end a line, and the parcel ships."""
    scans = picked(shop, tmp_path)
    scans.write_bytes(end.join(["打包员,小李", "3515131473293579,中通,7310001", "0690000000017", "0690000000017", ""])
                      .encode("utf-8"))
    r = CliRunner().invoke(app, ["ship", str(shop.folder), str(scans), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["shipped"] == ["3515131473293579"]
    assert {ln.order_no: ln.packer for ln in lines_of(shop)}["3515131473293579"] == "小李"


@pytest.mark.parametrize("text, zh, en", [
    ("3515131473293579、中通、7310001\n0690000000017\n", "✗ scan.txt：扫描文件第 1 行看不懂：“3515131473293579、中通、7310001”。"
     "包裹的第一行应是 订单编号,快递公司,快递单号（用逗号、Tab 或空格隔开），之后每行一个条码。改好这一行后再运行 ship。",
     "✗ scan.txt: line 1 of the scan file does not read: '3515131473293579、中通、7310001'. A parcel's first line is "
     "order no.,courier,tracking no. (separated by commas, tabs or spaces), then one barcode a line. Correct this "
     "line and run ship again."),
    ("\n0690000000017\n", "✗ scan.txt：扫描文件第 2 行“0690000000017”前面没有包裹行：每个包裹先扫一行 订单编号,快递公司,"
     "快递单号，再扫它的条码。补上这个包裹的第一行后再运行 ship。",
     "✗ scan.txt: line 2 of the scan file, '0690000000017', has no parcel line above it: each parcel starts with a "
     "line order no.,courier,tracking no., then its barcodes. Add the parcel's first line and run ship again."),
])
def test_a_scan_line_that_does_not_read_says_where_what_and_what_to_do(shop, tmp_path, text, zh, en):
    """On the command line, in the shop's language: the file, the line, what it holds, the fix."""
    import sys

    picked(shop, tmp_path).write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}  # output to a pipe: lines whole
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1] / "src")  # (this tree's shopbook)
    r = forkserver.run([sys.executable, "-m", "shopbook.cli", "ship", str(shop.folder), str(tmp_path / "scan.txt")],
                       capture_output=True, text=True, timeout=120, env=env)
    assert r.returncode == 1 and zh in r.stdout.splitlines()[1], r.stdout
    toml = shop.folder / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    r = forkserver.run([sys.executable, "-m", "shopbook.cli", "ship", str(shop.folder), str(tmp_path / "scan.txt")],
                       capture_output=True, text=True, timeout=120, env=env)
    assert r.returncode == 1 and en in r.stdout.splitlines()[1], r.stdout


def test_phones_from_abroad_and_remote_provinces_by_full_name():
    from shopbook.orders.address import check_phone
    from shopbook.orders.picking import Parcel, waybill_rows
    from shopbook.orders.review import review_orders, rules_from_sheet
    from shopbook.orders.shipping_fee import RateTable

    assert check_phone("+86 138 0013 8000") == ("ok", "13800138000")
    assert check_phone("0086 13800138000") == ("ok", "13800138000")
    assert check_phone("+86-571-88886666") == ("ok", "057188886666")  # a landline written from abroad
    line = OrderLine(order_no="X1", receiver="甲", phone="+86 138 0013 8000", sku="SH-BK-M", qty=1,
                     address="新疆维吾尔自治区 乌鲁木齐市 天山区 某路1号", status="待审核",
                     paid_at=dt.datetime(2026, 11, 21, 9))
    product = Product(sku="SH-BK-M", name="衬衫", cost=Decimal(30), price=Decimal(99), weight_kg=Decimal("0.4"))
    rules, _ = rules_from_sheet([], ["新疆维吾尔自治区", "西藏自治区"])  # as staff may type them
    (d,) = review_orders([line], [product], {"SH-BK-M": 5}, rules)
    assert d.status is OrderStatus.HELD and any("偏远" in h[0] for h in d.holds)
    (row,) = waybill_rows([Parcel("X1", [line])], [product], RateTable([]), None)
    assert row.phone == "13800138000"  # what the courier's software takes


def test_county_level_cities_under_the_province_parse():
    """仙桃市, 琼海市, 石河子市 … sit right under their province: an address there is complete."""
    from shopbook.orders.address import parse_addresses

    got = [(a.province, a.city, a.complete) for a in parse_addresses(
        ["湖北省 仙桃市 干河街道 某路1号", "海南省 琼海市 嘉积镇 某路2号", "新疆 石河子市 某路4号"])]
    assert got == [("湖北", "仙桃市", True), ("海南", "琼海市", True), ("新疆", "石河子市", True)]


def test_the_waybill_s_places_are_the_review_s_addresses():
    """The waybill takes each parcel's province, city, district and detail as the review parsed
    them (address.places: without the postcode, blank for a blank address)."""
    from shopbook.orders.address import parse_addresses, places

    raws = ["浙江省 杭州市 西湖区 x路1号(310000)", "", "湖北省 仙桃市 干河街道 某路1号", "某某地方 000000"]
    assert places(raws) == [(a.province, a.city, a.district, a.detail) for a in parse_addresses(raws)]
    assert places(raws)[0] == ("浙江", "杭州市", "西湖区", "x路1号") and places(raws)[1] == ("", "", "", "")


def test_sku_labels_scanned_in_lower_case(shop, tmp_path):
    scans = picked(shop, tmp_path)
    scans.write_text(scan_text((("3515131473293579", "中通", "7310001"), ("sh-wh-m", "SH-WH-M"))), encoding="utf-8")
    assert ship(shop, scans, today=TODAY).shipped == ["3515131473293579"]


def test_one_sku_from_two_listings_at_two_prices(shop, tmp_path):
    """Bought from two listings (¥99 and ¥150): two lines, both prices, goods 249 (the 满199 gift
    is earned); the pick list still asks for 2; shipping posts 2 out."""
    orders = [order_row("908", "b", "甲", "13800000000", "浙江省 杭州市 西湖区 a路1号(310000)", "2026-11-21 09:00:00",
                        goods="249.00")]
    details = [detail_row("908", "黑衬衫", "99.00", "1", "SH-BK-M"),
               detail_row("908", "黑衬衫(新款链接)", "150.00", "1", "SH-BK-M")]
    res = import_orders(shop, list(write_pair(tmp_path / "e", orders, details)))
    assert sorted((ln.qty, ln.unit_price) for ln in res.imported) == [(1, D("99.00")), (1, D("150.00"))]
    review(shop)
    pick = make_picklist(shop, today=TODAY)
    assert {(x.sku, x.qty, x.gift) for x in pick.lines} == {("SH-BK-M", 2, False), ("GIFT-1", 1, True)}
    scans = tmp_path / "scan.txt"
    scans.write_text(scan_text((("908", "中通", "7310011"), ("0690000000031", "0690000000031", "0690000000048"))),
                     encoding="utf-8")
    assert ship(shop, scans, today=TODAY).shipped == ["908"]
    moves = read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
    assert sorted((m.sku, m.qty) for m in moves) == [("GIFT-1", 1), ("SH-BK-M", 2)]


def type_into(path, sheet, header, values):
    """What a person does in Excel: type into cells of a column (found by its header), save."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    col = next(c.column for c in ws[1] if c.value == header)
    for row, v in values.items():
        ws.cell(row=row, column=col, value=v)
    wb.save(path)


def gift_cells(shop) -> dict[str, str | None]:
    return {ln.order_no: ln.gifts for ln in lines_of(shop)}


def test_the_scan_expects_the_gifts_the_order_was_picked_with(shop, tmp_path):
    """…910 earns the 满199 gift and is picked with it; …911 (¥99) is picked without. Then the
    promotion is switched off and another one with no threshold is added. The parcels are packed
    as their packing notes said: both ship, the gift is posted, nothing is "extra" or "missing"."""
    orders = [order_row("910", "b", "甲", "13800000000", "浙江省 杭州市 西湖区 a路1号", "2026-11-21 09:00:00"),
              order_row("911", "c", "乙", "13800000001", "浙江省 杭州市 西湖区 a路2号", "2026-11-21 09:05:00")]
    details = [detail_row("910", "t", "99.50", "2", "SH-BK-M"), detail_row("911", "t", "99.00", "1", "SH-BK-M")]
    import_orders(shop, list(write_pair(tmp_path / "g", orders, details)))
    review(shop)
    make_picklist(shop, today=TODAY)
    assert gift_cells(shop) == {"910": "GIFT-1×1", "911": "无"}  # kept with the order, as staff read it
    type_into(shop.path(ORDERS), "促销", "启用", {2: "否"})
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    wb["促销"].append(["人人有礼", "满就送", 0, "SH-WH-M", 1, dt.date(2026, 11, 1), dt.date(2026, 11, 30), "是"])
    wb.save(shop.path(ORDERS))
    scans = tmp_path / "scan.txt"
    scans.write_text(scan_text((("910", "中通", "7310020"), ("0690000000031", "0690000000031", "0690000000048")),
                               (("911", "中通", "7310021"), ("0690000000031",))), encoding="utf-8")
    r = ship(shop, scans, today=TODAY)
    assert [c.problems for c in r.checks] == [[], []] and r.shipped == ["910", "911"]
    moves = read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
    assert sorted((m.ref, m.sku, m.qty) for m in moves) == [("910", "GIFT-1", 1), ("910", "SH-BK-M", 2),
                                                            ("911", "SH-BK-M", 1)]


def test_gifts_typed_before_the_pick_list(shop, tmp_path):
    """Customer service decides, in the 赠品 cell: …920 (earns the 满199 gift) is typed 无; …921
    (no promotion) gets a shirt as a make-good; …922 earns the gift and a 收藏有礼 shirt is typed:
    both go, the promotion's added after what was typed; …923 earns one GIFT-1 and is typed
    GIFT-1×2: two. Pick list, packing notes and scan follow; typed text stays word for word."""
    orders = [order_row(n, "b", f"收货人{n}", "13800000000", f"浙江省 杭州市 西湖区 a路{n}号", f"2026-11-21 09:0{k}:00")
              for k, n in enumerate(("920", "921", "922", "923"))]
    details = [detail_row(n, "t", price, q, "SH-BK-M")
               for n, price, q in (("920", "99.50", "2"), ("921", "99.00", "1"), ("922", "99.50", "2"),
                                   ("923", "99.50", "2"))]
    import_orders(shop, list(write_pair(tmp_path / "g", orders, details)))
    review(shop)
    rows = {ln.order_no: ln.row for ln in lines_of(shop)}
    type_into(shop.path(ORDERS), "订单", "赠品", {rows["920"]: "无", rows["921"]: "SH-WH-M × 1",
                                                 rows["922"]: "SH-WH-L", rows["923"]: "GIFT-1*2"})
    res = make_picklist(shop, today=TODAY)
    assert {(x.sku, x.qty, x.gift) for x in res.lines} == {
        ("SH-BK-M", 7, False), ("SH-WH-M", 1, True), ("SH-WH-L", 1, True), ("GIFT-1", 3, True)}
    assert gift_cells(shop) == {"920": "无", "921": "SH-WH-M × 1", "922": "SH-WH-L；GIFT-1×1", "923": "GIFT-1*2"}
    notes = openpyxl.load_workbook(res.files[0])["发货单"]
    gifts = [[c.value for c in row][:5] for row in notes.iter_rows() if row[5].value == "赠品"]
    assert gifts == [["SH-WH-M", "SH01衬衫", "白色", "M", 1], ["GIFT-1", "GF衬衫", None, None, 1],
                     ["SH-WH-L", "SH01衬衫", "白色", "L", 1], ["GIFT-1", "GF衬衫", None, None, 2]]
    bk, gift, wh_l = "0690000000031", "0690000000048", "0690000000024"  # (SH-WH-M 0690000000017 is not scanned)
    scans = tmp_path / "scan.txt"
    scans.write_text(scan_text((("920", "中通", "7310030"), (bk, bk, gift)), (("921", "中通", "7310031"), (bk,)),
                               (("922", "中通", "7310032"), (bk, bk, gift, wh_l)),
                               (("923", "中通", "7310033"), (bk, bk, gift, gift))), encoding="utf-8")
    r = ship(shop, scans, today=TODAY)
    assert r.checks[0].problems == [("多了 GIFT-1：应 0 件，扫到 1 件", "extra GIFT-1: 0 expected, 1 scanned")]
    assert r.checks[1].problems[0][0].startswith("少了赠品 SH-WH-M")
    assert r.shipped == ["922", "923"]
    moves = read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
    assert sorted((m.ref, m.sku, m.qty) for m in moves) == [
        ("922", "GIFT-1", 1), ("922", "SH-BK-M", 2), ("922", "SH-WH-L", 1), ("923", "GIFT-1", 2), ("923", "SH-BK-M", 2)]


def test_a_gift_cell_that_does_not_read_is_located(shop, tmp_path):
    import_orders(shop, list(exports(tmp_path)))
    review(shop)
    row = next(ln.row for ln in lines_of(shop) if ln.order_no == "3515131473293579")
    type_into(shop.path(ORDERS), "订单", "赠品", {row: "GIFT-1×两"})
    before = shop.path(ORDERS).read_bytes()
    with pytest.raises(ShopbookError) as e:
        make_picklist(shop, today=TODAY)
    col = openpyxl.utils.get_column_letter(next(c.column for c in openpyxl.load_workbook(shop.path(ORDERS))["订单"][1]
                                                if c.value == "赠品"))
    assert f"订单 › {col}{row}" in e.value.zh and "GIFT-1×两" in e.value.zh and "code×qty" in e.value.en
    assert shop.path(ORDERS).read_bytes() == before  # nothing picked, nothing written
    type_into(shop.path(ORDERS), "订单", "赠品", {row: "NO-SUCH×1"})
    out = CliRunner().invoke(app, ["validate", str(shop.folder), "--json"])
    found = [i for i in json.loads(out.stdout) if i["cell"] == f"{col}{row}"]
    assert [i["message_en"].split(".")[0] for i in found] == ["Gift SKU 'NO-SUCH' is not in the Products sheet"]


def test_orders_picked_by_an_earlier_shopbook_are_checked_as_before(shop, tmp_path):
    """A workbook from before 赠品 existed: …930 was picked with the 满199 gift on its packing
    note, not shipped yet. Its 赠品 cell is blank (not 无): the scan works its gifts out from the
    promotions, as shopbook did then, and the parcel with its gift ships."""
    orders = [order_row("930", "b", "甲", "13800000000", "浙江省 杭州市 西湖区 a路1号", "2026-11-21 09:00:00")]
    import_orders(shop, list(write_pair(tmp_path / "a", orders, [detail_row("930", "t", "99.50", "2", "SH-BK-M")])))
    review(shop)
    make_picklist(shop, today=TODAY)
    wb = openpyxl.load_workbook(shop.path(ORDERS))  # the workbook as an earlier shopbook left it
    ws = wb["订单"]
    ws.delete_cols(next(c.column for c in ws[1] if c.value == "赠品"))
    wb.save(shop.path(ORDERS))
    orders = [order_row("931", "c", "乙", "13800000001", "浙江省 杭州市 西湖区 a路2号", "2026-11-21 10:00:00")]
    import_orders(shop, list(write_pair(tmp_path / "b", orders, [detail_row("931", "t", "99.00", "1", "SH-BK-M")])))
    review(shop)
    make_picklist(shop, today=TODAY)
    assert gift_cells(shop) == {"930": None, "931": "无"}
    scans = tmp_path / "scan.txt"
    scans.write_text(scan_text((("930", "中通", "7310040"), ("0690000000031", "0690000000031", "0690000000048"))),
                     encoding="utf-8")
    assert ship(shop, scans, today=TODAY).shipped == ["930"]


def test_a_favourite_the_shop_promotion_says_its_gift_is_typed_per_order(shop):
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    wb["促销"].append(["收藏有礼", "收藏有礼", None, "GIFT-1", 1, dt.date(2026, 11, 1), dt.date(2026, 11, 30), "是"])
    row = wb["促销"].max_row
    wb.save(shop.path(ORDERS))
    out = CliRunner().invoke(app, ["validate", str(shop.path(ORDERS)), "--json"])
    found = [(i["cell"], i["severity"]) for i in json.loads(out.stdout) if i["sheet"] == "促销"]
    assert found == [(f"B{row}", "warning")]


def _snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_pick_list_or_a_shipment_writes_nothing_while_orders_xlsx_is_open(shop, tmp_path):
    """Excel's lock on orders.xlsx stops the pick list before its documents are written (they
    would list orders never marked), and the scan check before stock is posted."""
    import_orders(shop, list(exports(tmp_path)))
    review(shop)
    lock = shop.folder / "~$orders.xlsx"
    lock.write_bytes(b"\x05alice" + b" " * 50)
    before = _snapshot(shop.folder)
    with pytest.raises(ShopbookError) as e:
        make_picklist(shop, today=TODAY)
    assert "alice" in e.value.zh and _snapshot(shop.folder) == before
    lock.unlink()
    make_picklist(shop, today=TODAY)
    lock.write_bytes(b"\x05alice" + b" " * 50)
    scans = tmp_path / "scan.txt"
    scans.write_text(scan_text((("3515131473293579", "中通", "7310001"), ("0690000000017", "0690000000017"))),
                     encoding="utf-8")
    before = _snapshot(shop.folder)
    with pytest.raises(ShopbookError):
        ship(shop, scans, today=TODAY)
    assert _snapshot(shop.folder) == before  # no 出库 posted for a parcel whose order stays unshipped


@pytest.mark.parametrize("name", ["x/../../orders", "../escaped", "a:b", ".hidden"])
def test_a_batch_name_cannot_reach_outside_reports(shop, tmp_path, name):
    import_orders(shop, list(exports(tmp_path)))
    review(shop)
    before = _snapshot(shop.folder)
    with pytest.raises(ShopbookError) as e:
        make_picklist(shop, batch=name, today=TODAY)
    assert "batch name" in e.value.en and _snapshot(shop.folder) == before


def test_a_merge_note_names_five_orders_and_counts_the_rest():
    """One receiver and address on many open orders (an agent's warehouse): each order's note
    names five of the others and says how many more and where to see them, instead of every
    number in every cell (a month of such orders once made orders.xlsx too big to open)."""
    from shopbook.orders.review import MERGE_NAMED, review_orders, rules_from_sheet

    def line(k: int, receiver: str = "仓库") -> OrderLine:
        return OrderLine(order_no=f"M{k:02d}", receiver=receiver, phone="13800138000", sku="SH-BK-M", qty=1,
                         address="浙江省 杭州市 西湖区 文三路1号", status="待审核",
                         paid_at=dt.datetime(2026, 11, 21, 9, k))

    product = Product(sku="SH-BK-M", name="衬衫", cost=Decimal(30), price=Decimal(99))
    rules, _ = rules_from_sheet([], [])
    lines = [line(k) for k in range(MERGE_NAMED + 4)] + [line(50, "张三"), line(51, "张三")]
    notes = {d.order_no: [n for n in d.notes if "合并" in n[0]] for d in
             review_orders(lines, [product], {"SH-BK-M": 100}, rules)}
    (zh, en), = notes["M00"]
    assert zh == ("同一收货人和地址还有 8 个订单（M01, M02, M03, M04, M05 等，另 3 个在订单表按收货人筛选可见），建议合并发货")
    assert en == ("same receiver and address as 8 other orders (M01, M02, M03, M04, M05 and 3 more: filter the orders "
                  "sheet by receiver): ship together")
    assert notes["M50"] == [("同一收货人和地址还有订单 M51，建议合并发货", "same receiver and address as M51: ship together")]


def test_a_merge_note_names_an_approved_order_among_a_year_of_shipped_ones():
    """A new order to the receiver and address of one already approved (not yet shipped) is
    suggested to ship with it, however many shipped orders the sheet holds: the review looks
    only at the orders still open, all of them, not only the new ones."""
    from shopbook.orders.review import review_orders, rules_from_sheet

    def line(no: str, status: str, receiver: str) -> OrderLine:
        return OrderLine(order_no=no, receiver=receiver, phone="13800138000", sku="SH-BK-M", qty=1,
                         address="浙江省 杭州市 西湖区 文三路1号", status=status,
                         paid_at=dt.datetime(2026, 11, 21, 9, 0))

    product = Product(sku="SH-BK-M", name="衬衫", cost=Decimal(30), price=Decimal(99))
    rules, _ = rules_from_sheet([], [])
    shipped = [line(f"S{k:03d}", "已发货", f"买家{k}") for k in range(50)] + [line("S999", "已发货", "张三")]
    lines = shipped + [line("A01", "已审核", "张三"), line("N01", "待审核", "张三")]
    (d,) = review_orders(lines, [product], {"SH-BK-M": 100}, rules)
    assert d.order_no == "N01"
    assert [n for n in d.notes if "合并" in n[0]] == [("同一收货人和地址还有订单 A01，建议合并发货",
                                                       "same receiver and address as A01: ship together")]


def test_the_waybill_csv_writes_every_weight_alike():
    """Each parcel's weight to 0.01 kg, whatever its products' weights were typed as (0.3 gives
    0.40, 0.40 gives 0.50: one column said 0.4 and 0.50); a weight typed finer keeps its digits."""
    import csv
    import io
    from decimal import Decimal as D

    from shopbook.orders.documents import waybill_csv
    from shopbook.orders.picking import WaybillRow

    rows = [WaybillRow(f"T{i}", "张三", "13800000000", "浙江", "杭州市", "西湖区", "文三路 1 号", "S×1", w, D("5"))
            for i, w in enumerate((D("0.4"), D("0.50"), D("1"), D("0.225")))]
    got = list(csv.reader(io.StringIO(waybill_csv(rows).decode("utf-8-sig"))))
    assert [r[8] for r in got[1:]] == ["0.40", "0.50", "1.00", "0.225"]


def test_the_gift_cell_is_written_in_the_shop_s_language():
    """A typed gift and a promotion's together, and no gift at all, as the 赠品 cell says them: '；' and
    无 in a Chinese shop, '; ' and none in an English one (it was '；' in both)."""
    from shopbook.orders.picking import Parcel, order_gifts, read_gifts

    def parcel(gifts=None):
        return Parcel("T1", [OrderLine(order_no="T1", receiver="r", phone="13800000000", address="a", sku="SH-WH-M",
                                       qty=2, unit_price=D("150"), gifts=gifts, row=2)])

    promo = [Promotion(name="满199送袜子", kind="满就送", threshold=D("199"), gift_sku="GIFT-1", gift_qty=1,
                       start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30), enabled=True)]
    on = dt.date(2026, 11, 21)
    assert order_gifts(parcel("CARD×1"), promo, on, "zh")[1] == "CARD×1；GIFT-1×1"
    assert order_gifts(parcel("CARD×1"), promo, on, "en")[1] == "CARD×1; GIFT-1×1"
    assert read_gifts("CARD×1; GIFT-1×1") == read_gifts("CARD×1；GIFT-1×1")  # read back either way
    assert (order_gifts(parcel(), [], on, "zh")[1], order_gifts(parcel(), [], on, "en")[1]) == ("无", "none")


def test_a_scan_finds_a_barcode_excel_stored_without_its_leading_zero(shop, tmp_path):
    """QA: 0690000000017 typed into a General-format 条码 cell is stored by Excel as the number
    690000000017; the warehouse scanner reads 0690000000017, and ship said "barcode 0690000000017
    belongs to no SKU": the parcel could not ship until the sheet was fixed. Now the scan finds the
    product by that barcode's other form (validate warns at the cell meanwhile)."""
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb["商品"]
    head = [c.value for c in ws[1]]
    assert ws.cell(2, 1).value == "SH-WH-M"
    ws.cell(2, head.index("条码") + 1).value = 690000000017  # as Excel keeps 0690000000017 typed into a General cell
    wb.save(shop.path(STOCK))
    assert read_workbook(shop.path(STOCK), STOCK, (Product,)).rows(Product)[0].barcode == "690000000017"
    scans = picked(shop, tmp_path)
    scans.write_text(scan_text((("3515131473293579", "中通", "7310001"), ("0690000000017", "0690000000017"))),
                     encoding="utf-8")
    res = ship(shop, scans, today=TODAY)
    assert res.shipped == ["3515131473293579"], [c.problems for c in res.checks]
    moves = read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
    assert [(m.sku, m.qty, m.type) for m in moves] == [("SH-WH-M", 2, MovementType.OUT)]
