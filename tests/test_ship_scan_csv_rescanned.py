"""A scanner's CSV of one row per scan (订单编号, 快递公司, 快递单号, 条码): a parcel that failed (the wrong
shirt), put right and scanned again after the next parcel, had its second scan's codes added to its first's:
"多了 SH-BK-M", exit 1 and a 售后 问题件 opened for an order that then went out right. Its order scanned again
after another parcel's rows is a check of its own, as a second parcel line is in the text form: it ships."""

from __future__ import annotations

from cli_run import flat, shopbook
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, AfterSalesCase, OrderLine
from shopbook.workbook_builder import write_workbook
from test_orders import build_shop, lines_of

A, B = "3515131473290001", "3515131473290002"
WH_M, BK_M = "0690000000017", "0690000000031"  # build_shop's barcodes of SH-WH-M and SH-BK-M


def two_orders(tmp_path):
    shop = build_shop(tmp_path)
    lines = [OrderLine(order_no=no, receiver=who, phone="13812345678", address=addr, sku=sku, qty=1, status="已审核")
             for no, who, addr, sku in ((A, "王芳", "浙江省 杭州市 西湖区 文三路100号", "SH-WH-M"),
                                        (B, "赵敏", "浙江省 宁波市 海曙区 中山路5号", "SH-BK-M"))]
    write_workbook(shop.folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines}, keep_backup=False)
    return shop


def test_a_parcel_put_right_and_scanned_again_after_another_ships(tmp_path):
    shop = two_orders(tmp_path)
    scan = tmp_path / "scan.csv"
    scan.write_bytes((f"订单编号,快递公司,快递单号,条码\r\n{A},中通,73100000000001,{BK_M}\r\n"
                      f"{B},中通,73100000000002,{BK_M}\r\n\r\n{A},中通,73100000000001,{WH_M}\r\n").encode("gbk"))
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "✓发货：2，出库：2" in flat(r.stdout) and "✗" not in r.stdout
    assert {ln.order_no: (ln.status.value, ln.tracking_no) for ln in lines_of(shop)} == {
        A: ("已发货", "73100000000001"), B: ("已发货", "73100000000002")}
    # no 问题件 for a parcel that went out right
    assert read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase) == []


def test_a_parcel_s_rows_one_after_another_are_one_parcel(tmp_path):
    """Rows of one order together are one parcel's scans, a unit too many still said."""
    shop = two_orders(tmp_path)
    scan = tmp_path / "scan.csv"
    scan.write_text(f"订单编号,快递公司,快递单号,条码\n{A},中通,73100000000001,{WH_M}\n{A},中通,73100000000001,{WH_M}\n"
                    f"{B},中通,73100000000002,{BK_M}\n", encoding="utf-8")
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 1, r.stdout + r.stderr
    said = flat(r.stdout)
    assert "发货：1，出库：1件；1个包裹没有通过" in said and f"✗{A}：多了SH-WH-M：应1件，扫到2件" in said, r.stdout
