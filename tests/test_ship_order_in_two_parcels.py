"""An order of two pieces packed as two parcels, each under its own waybill, scanned one after the other with its
goods shared between them: in the text form each parcel failed ("少了" the piece in the other), nothing shipped and
a 问题件 was opened for an order packed right; in a scanner's CSV (a row a scan) it shipped, but under the first
parcel's number alone, the second's lost (then "没有记上" when it was scanned again). Now the parcels are checked
together: the order ships once, its goods posted once, both numbers on it (A/B); the same file again changes
nothing and says each parcel is the order's. A parcel put right and scanned again is still checked alone."""

from __future__ import annotations

from test_orders import build_shop, lines_of
from test_ship_scan_csv_rescanned import BK_M, WH_M, A, B

from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import ship
from shopbook.schema import ORDERS, AfterSalesCase, OrderLine
from shopbook.workbook_builder import write_workbook

T1, T2 = "73100000000008", "73100000000009"


def _shop(tmp_path):
    shop = build_shop(tmp_path)
    lines = [OrderLine(order_no=A, receiver="王芳", phone="13812345678", address="浙江省 杭州市 西湖区 文三路100号",
                       sku=sku, qty=1, status="已审核") for sku in ("SH-WH-M", "SH-BK-M")]
    lines.append(OrderLine(order_no=B, receiver="赵敏", phone="13812345678", address="浙江省 宁波市 海曙区 中山路5号",
                           sku="SH-WH-M", qty=1, status="已审核"))
    write_workbook(shop.folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines}, keep_backup=False)
    return shop


def _state(shop):
    return {(ln.order_no, ln.sku): (ln.status.value, ln.courier, ln.tracking_no) for ln in lines_of(shop)}


def test_two_parcels_scanned_one_after_the_other_ship_the_order_once(tmp_path):
    shop = _shop(tmp_path)
    scan = tmp_path / "scan.txt"
    scan.write_text(f"{A},中通,{T1}\r\n{WH_M}\r\n{A},顺丰,SF1000000000001\r\n{BK_M}\r\n"
                    f"{B},中通,73100000000010\r\n{WH_M}\r\n", encoding="utf-8")
    res = ship(shop, scan)
    assert [(c.order_no, c.ok, c.problems) for c in res.checks] == [(A, True, []), (B, True, [])]
    assert res.shipped == [A, B] and sorted((m.ref, m.sku) for m in res.movements) == [
        (A, "SH-BK-M"), (A, "SH-WH-M"), (B, "SH-WH-M")]
    assert _state(shop) == {(A, "SH-WH-M"): ("已发货", "中通/顺丰", f"{T1}/SF1000000000001"),
                            (A, "SH-BK-M"): ("已发货", "中通/顺丰", f"{T1}/SF1000000000001"),
                            (B, "SH-WH-M"): ("已发货", "中通", "73100000000010")}
    assert read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase) == []  # no 问题件
    again = ship(shop, scan)  # the same file again: nothing shipped or posted, each parcel said as the order's
    assert again.shipped == [] and again.movements == [] and _state(shop)[(A, "SH-WH-M")][2] == f"{T1}/SF1000000000001"
    assert [m for m, _, _ in again.said(30, scan)] == ["–", "–", "–", "–"]
    assert again.said(30, scan)[1][2] == (f"{A}: parcel 1 of 2 of the order (tracking no. {T1}), which has shipped; "
                                          "nothing posted again")


def test_a_scanner_csv_keeps_the_second_parcels_number(tmp_path):
    shop = _shop(tmp_path)
    scan = tmp_path / "scan.csv"
    scan.write_bytes((f"订单编号,快递公司,快递单号,条码\r\n{A},中通,{T1},{WH_M}\r\n{A},中通,{T2},{BK_M}\r\n").encode("gbk"))
    res = ship(shop, scan)
    assert res.shipped == [A] and len(res.movements) == 2
    assert _state(shop)[(A, "SH-BK-M")] == ("已发货", "中通", f"{T1}/{T2}")
    again = ship(shop, scan)
    assert again.shipped == [] and [m for m, _, _ in again.said(30, scan)] == ["–", "–"], again.said(30, scan)


def test_a_short_parcel_then_the_whole_one_under_a_new_label_is_checked_alone(tmp_path):
    shop = _shop(tmp_path)
    scan = tmp_path / "scan.txt"  # the first packed short, put right and relabelled: the second holds both pieces
    scan.write_text(f"{A},中通,{T1}\n{WH_M}\n{A},中通,{T2}\n{WH_M}\n{BK_M}\n", encoding="utf-8")
    res = ship(shop, scan)
    assert res.shipped == [A] and len(res.movements) == 2
    assert _state(shop)[(A, "SH-BK-M")] == ("已发货", "中通", T2)
