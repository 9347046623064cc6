"""QA (returns): a return of 2 shirts in two parcels (退货单号 "YT…890 / YT…891"). The first came and the warehouse
typed it in by hand on 出入库 (退货 P1 × 1, 单号 YT…890); then the second was scanned. Before, nothing was posted
(the hand-typed row taken for the whole return: stock one short) and the box said "not in yet: YT…890 … its whole
quantity posted" and "posted by hand … not posted again", all false. Now the rest (P1 × 1) is posted under the
case's number and the words say what was typed and what was posted. And a two-parcel case whose units a person is
to count (a partial refund, 数量 blank), one parcel scanned: nothing posted, said so, not "its whole quantity"."""

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
NO1, NO2 = "390000000000000001", "390000000000000002"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("typed_one_parcel") / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="P1", name="衬衫", cost=D(30), price=D(99))],
        Movement: [Movement(date=dt.date(2026, 11, 1), sku="P1", type="入库", qty=50),
                   Movement(date=dt.date(2026, 11, 24), sku="P1", type="退货", qty=1, ref="YT1234567890")]})
    lines = [OrderLine(order_no=no, source="淘宝", paid_at=dt.datetime(2026, 11, 18, 10), receiver="赵六",
                       phone="13800000000", address="浙江省 杭州市 西湖区 文三路 1 号", sku="P1", qty=2, unit_price=D(99),
                       status="已发货", courier="中通", tracking_no=f"7500000000000{k}", shipped_on=dt.date(2026, 11, 19))
             for k, no in ((1, NO1), (2, NO2))]
    cases = [AfterSalesCase(case_no="TH-1", opened_on=dt.date(2026, 11, 22), order_no=NO1, type="退货退款", sku="P1",
                            qty=2, return_tracking="YT1234567890 / YT1234567891", status="等退货"),
             # a partial refund: how many units come back is for a person to count
             AfterSalesCase(case_no="TH-2", opened_on=dt.date(2026, 11, 22), order_no=NO2, type="退货退款", sku="P1",
                            return_tracking="YT2234567890 / YT2234567891", status="等退货", needs="退回件数")]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, AfterSalesCase: cases})
    res = aftersales(open_shop(folder), TODAY, received=["YT1234567891", "YT2234567890"])
    back = [(m.ref, m.qty) for m in read_workbook(folder / "stock.xlsx", STOCK, (Movement,)).rows(Movement)
            if m.type is MovementType.RETURN]
    later = aftersales(open_shop(folder), TODAY)  # the next run: nothing more to post, nothing short
    return res, back, later


def test_the_rest_of_the_case_is_posted_and_said(run):
    res, back, later = run
    assert back == [("YT1234567890", 1), ("TH-1", 1)]  # the typed parcel's unit, and the scanned one's: 2
    zh = next(z for _, z, _ in res.said("zh", 9) if z.startswith("YT1234567891："))
    en = next(e for _, _, e in res.said("en", 9) if e.startswith("YT1234567891:"))
    assert "YT1234567890 已在出入库手工入库" in zh and "都到了" in zh and "这次入库 P1 × 1" in zh
    assert "还没到" not in zh and "整单数量" not in zh
    assert "YT1234567890 typed in by hand" in en and "posted back to stock now: 1 × P1" in en
    assert "not in yet" not in en and "whole quantity" not in en
    hand = next(i for i in res.issues if i.field == "return_tracking" and "TH-1" in i.message_zh)
    assert "P1 × 1（单号 YT1234567890）" in hand.message_zh and "这次入库其余的 P1 × 1（单号 TH-1）" in hand.message_zh
    assert "没有再入库" not in hand.message_zh and "the rest, 1 × P1, posted now (ref TH-1)" in hand.message_en
    assert not [i for i in later.issues if "TH-1" in i.message_zh and i.field == "qty"]
    assert later.returns == []


def test_a_case_whose_units_are_to_count_says_nothing_posted(run):
    res, back, _ = run
    assert not any(ref == "TH-2" for ref, _ in back)
    zh = next(z for _, z, _ in res.said("zh", 9) if z.startswith("YT2234567890："))
    en = next(e for _, _, e in res.said("en", 9) if e.startswith("YT2234567890:"))
    assert "还没到：YT2234567891" in zh and "这次没有入库" in zh and "整单数量" not in zh
    assert "nothing posted back to stock now" in en and "whole quantity" not in en
