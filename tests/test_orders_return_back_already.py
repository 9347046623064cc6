"""QA (returns): a shipped Taobao order's return received at the desk (`aftersales receive`: its case 已收到退货, the
退货 posted in stock.xlsx), then the next refund export says 退款成功: the import's change still said 退货到了再扫描或录入
退货入库 (enter the return when it arrives), of goods back on the shelf. Now it says the return is back (and posted, or
for the desk to post), naming the case; a return still coming, or a case typed 已完成 with no 退货 posted, says as before."""

from __future__ import annotations

import openpyxl
from platform_fixtures import refund_row, write_refunds
from taobao_fixtures import write_pair
from test_order_life import moves_of, tb_detail, tb_order
from test_orders import build_shop

from shopbook.aftersales.workflow import aftersales
from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS, MovementType

NO = "3700000000000000881"
WHEN = ("退货到了再扫描或录入退货入库", "enter the return when it arrives")


def _order(tmp_path, stamp: str, status: str, **more):
    return list(write_pair(tmp_path / stamp, [tb_order(NO, status=status, **more)],
                           [tb_detail(NO, "SH-BK-M", status=status)], stamp=stamp))


def _refund(tmp_path, stamp: str, status: str):
    return [write_refunds(tmp_path / stamp, [refund_row("RF1", NO, "SH-BK-M", "99.00", status, needs_return="是",
                                                       goods="买家已退货")], name=f"ExportRefundList{stamp}.csv")]


def _returning(tmp_path):
    """The order shipped, its return asked (需退货): its case 等退货."""
    shop = build_shop(tmp_path)
    import_orders(shop, _order(tmp_path, "202611211000", "买家已付款，等待卖家发货"))
    import_orders(shop, _order(tmp_path, "202611221000", "卖家已发货，等待买家确认", courier="中通", tracking="7300000001"))
    res = import_orders(shop, _refund(tmp_path, "202611231000", "买家已经退货，等待卖家确认收货"))
    [case] = res.cases_opened
    assert res.changes[0].note_zh.endswith(WHEN[0])  # (coming: said as before)
    return shop, case.case_no


def _set_status(shop, case_no: str, status: str) -> None:
    path = shop.path(ORDERS)
    wb = openpyxl.load_workbook(path)
    ws = wb["售后"]
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[head.index("售后单号")].value == case_no:
            row[head.index("状态")].value = status
    wb.save(path)


def _paid_note(shop, tmp_path) -> tuple[str, str]:
    [change] = import_orders(shop, _refund(tmp_path, "202611241000", "退款成功")).changes
    assert change.order_no == NO
    return change.note_zh, change.note_en


def test_a_refund_paid_after_the_return_was_received_says_it_is_back(tmp_path):
    shop, case_no = _returning(tmp_path)
    aftersales(shop, received=[case_no])
    assert (case_no, "SH-BK-M", 1, MovementType.RETURN) in moves_of(shop)
    zh, en = _paid_note(shop, tmp_path)
    assert zh.endswith(f"退货已收到并已入库（售后单 {case_no}），不用再扫描或录入"), zh
    assert en.endswith(f"the return came back and was posted to stock (case {case_no}), so nothing to scan or "
                       "enter"), en
    assert WHEN[0] not in zh and WHEN[1] not in en
    assert [m for m in moves_of(shop) if m[3] is MovementType.RETURN] == [(case_no, "SH-BK-M", 1, MovementType.RETURN)]


def test_marked_received_by_hand_not_posted_yet_says_the_desk_posts_it(tmp_path):
    shop, case_no = _returning(tmp_path)
    _set_status(shop, case_no, "已收到退货")
    zh, en = _paid_note(shop, tmp_path)
    assert zh.endswith(f"退货已收到（售后单 {case_no}），不用再扫描，运行 shopbook aftersales 记退货入库"), zh
    assert en.endswith(f"the return came back (case {case_no}): nothing to scan, run shopbook aftersales to post it "
                       "to stock"), en


def test_a_return_still_coming_or_done_with_none_posted_says_as_before(tmp_path):
    shop, case_no = _returning(tmp_path)
    _set_status(shop, case_no, "已完成")  # typed done, its 退货 never posted: not said back
    zh, en = _paid_note(shop, tmp_path)
    assert zh.endswith(WHEN[0]) and en.endswith(WHEN[1]), (zh, en)


def test_waiting_for_the_return_says_as_before(tmp_path):
    shop, _ = _returning(tmp_path)
    zh, en = _paid_note(shop, tmp_path)
    assert zh.endswith(WHEN[0]) and en.endswith(WHEN[1]), (zh, en)


def test_received_then_marked_done_is_back_too(tmp_path):
    """The usual day: the parcel scanned in, the refund paid on the platform, the case set 已完成 by hand."""
    shop, case_no = _returning(tmp_path)
    aftersales(shop, received=[case_no])
    _set_status(shop, case_no, "已完成")
    zh, _ = _paid_note(shop, tmp_path)
    assert zh.endswith(f"退货已收到并已入库（售后单 {case_no}），不用再扫描或录入"), zh
