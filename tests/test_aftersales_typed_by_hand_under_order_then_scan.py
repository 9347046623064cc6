"""QA (returns): a return of 2 shirts in two parcels (退货单号 "YT…890 / YT…891"). The first came and the warehouse
typed it in by hand on 出入库 under the ORDER NUMBER (退货 P1 × 1, 单号 = the order's number, the order's only
return); then YT…891 was scanned. Before, nothing was posted (the hand row taken for the whole return: stock one
short) and the box said "not in yet: YT…890 … nothing posted now", both false. The row under the order number counts
for its units, as one under a parcel's number does: the rest (P1 × 1) is posted under the case's number, and the box
says the parcel under the order number was typed in by hand, all in, what was posted; a later run posts nothing more
and finds nothing off."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from shopbook.aftersales.workflow import aftersales
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, STOCK, AfterSalesCase, Movement, MovementType, OrderLine, Product
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

TODAY = dt.date(2026, 11, 25)
NO = "390000000000000001"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("typed_under_order") / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="P1", name="衬衫", cost=D(30), price=D(99))],
        Movement: [Movement(date=dt.date(2026, 11, 1), sku="P1", type="入库", qty=50),
                   Movement(date=dt.date(2026, 11, 24), sku="P1", type="退货", qty=1, ref=NO)]})
    lines = [OrderLine(order_no=NO, source="淘宝", paid_at=dt.datetime(2026, 11, 18, 10), receiver="赵六",
                       phone="13800000000", address="浙江省 杭州市 西湖区 文三路 1 号", sku="P1", qty=2, unit_price=D(99),
                       status="已发货", courier="中通", tracking_no="75000000000001", shipped_on=dt.date(2026, 11, 19))]
    cases = [AfterSalesCase(case_no="TH-1", opened_on=dt.date(2026, 11, 22), order_no=NO, type="退货退款", sku="P1",
                            qty=2, return_tracking="YT1234567890 / YT1234567891", status="等退货")]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, AfterSalesCase: cases})
    res = aftersales(open_shop(folder), TODAY, received=["YT1234567891"])
    back = [(m.ref, m.qty) for m in read_workbook(folder / "stock.xlsx", STOCK, (Movement,)).rows(Movement)
            if m.type is MovementType.RETURN]
    later = aftersales(open_shop(folder), TODAY)
    return res, back, later


def test_the_rest_is_posted_once(run):
    res, back, later = run
    assert back == [(NO, 1), ("TH-1", 1)]  # the hand-typed parcel's shirt and the scanned one's: 2
    assert later.returns == [] and not [i for i in later.issues if "TH-1" in i.message_zh and i.field == "qty"]
    hand = next(i for i in res.issues if i.field == "return_tracking" and "TH-1" in i.message_zh)
    assert f"P1 × 1（单号 {NO}）" in hand.message_zh and "这次入库其余的 P1 × 1（单号 TH-1）" in hand.message_zh
    assert "the rest, 1 × P1, posted now (ref TH-1)" in hand.message_en


def test_the_box_says_the_parcel_typed_under_the_order_number(run):
    res, _, _ = run
    zh = next(z for _, z, _ in res.said("zh", 9) if z.startswith("YT1234567891："))
    en = next(e for _, _, e in res.said("en", 9) if e.startswith("YT1234567891:"))
    assert f"一个包裹已在出入库以订单编号 {NO} 手工入库" in zh and "都到了" in zh and "这次入库 P1 × 1" in zh
    assert "还没到" not in zh and "这次没有入库" not in zh
    assert f"a parcel typed in by hand under order number {NO} before" in en and "posted back to stock now: 1 × P1" in en
    assert "not in yet" not in en and "nothing posted" not in en
