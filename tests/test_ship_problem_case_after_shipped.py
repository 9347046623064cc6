"""A parcel that failed the scan check opens a 问题件 for customer service; put right and scanned again in the
next scan file it ships, but the case still said "查看并处理：颜色/尺码不对……", sending customer service to look
into a parcel that had gone out right. Its next step now says the order has since passed the check and shipped,
with the failure and its tracking no., for customer service to confirm and mark it done (zh and en); a case typed by a person,
or one whose order has not shipped, says what it said."""

from __future__ import annotations

from test_orders import lines_of
from test_ship_scan_csv_rescanned import BK_M, WH_M, A, two_orders

from shopbook.aftersales.cases import next_step
from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import ship
from shopbook.schema import ORDERS, AfterSalesCase


def _cases(shop):
    return read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)


def test_a_failed_parcel_shipped_since_is_said_so_on_its_case(tmp_path):
    shop = two_orders(tmp_path)  # A: SH-WH-M, approved
    scan = tmp_path / "scan.txt"
    scan.write_text(f"{A},中通,73100000000001\n{BK_M}\n", encoding="utf-8")  # the wrong shirt
    assert ship(shop, scan).shipped == []
    (case,) = _cases(shop)
    assert next_step(case, lines_of(shop)) == "查看并处理：颜色/尺码不对：应为 SH-WH-M，扫到 SH-BK-M；处理后改为已完成"
    scan.write_text(f"{A},中通,73100000000001\n{WH_M}\n", encoding="utf-8")  # put right, the next file
    assert ship(shop, scan).shipped == [A]
    (case,) = _cases(shop)
    assert next_step(case, lines_of(shop)) == ("验货不过（颜色/尺码不对：应为 SH-WH-M，扫到 SH-BK-M）的包裹之后重新验货通过，"
                                               "订单已发货（快递单号 73100000000001）：确认后改为已完成")
    en = case.model_copy(update={"reason": "wrong colour/size: SH-WH-M expected, SH-BK-M scanned",
                                 "note": "failed the scan check"})  # (an English shop's case, as ship opens it)
    assert next_step(en, lines_of(shop), "en") == (
        "the parcel that failed the scan check (wrong colour/size: SH-WH-M expected, SH-BK-M scanned) has since "
        "passed it and the order shipped (tracking no. 73100000000001): confirm, then mark it done")
    typed = case.model_copy(update={"note": None})  # a 问题件 a person typed for the order: theirs, as before
    assert next_step(typed, lines_of(shop)).startswith("查看并处理：")
