"""QA (order review, 审单结果): two ways a person's words there were lost or misread.

1. A note a person typed into the 审单结果 of an order still 待审核 (先别发，等买家回复颜色) was written over by the next
   `orders review` (通过, or its holds): the note gone, and the order approved into the pick list past it. Now the
   review holds such an order for a person, the note quoted (审单结果原写着：…): nothing is lost, and it does not go
   out unread. Released and set back to 待审核 to review again, the note is carried on as a note (read already).
   Words the review or the import wrote (通过, its holds, 退款已关闭，请重新审单) are the review's to write over.

2. review_held told shopbook's own 挂起：… holds from a person's by the reasons' opening words: a person's own
   "挂起：地址要改" (or 挂起：库存不足，等到货) counted as the review's, so the next review took it back (re-reviewed
   as a stock hold and approved) and follow-up aged it as stuck since the review. Now shopbook writes its own word,
   自动挂起：/auto-held: (as against 人工挂起 / held by hand): a 挂起：… beside it is a person's. A cell without it (an
   earlier version's, or one a person typed whole) is read by the reasons' opening words, as before: the wordings
   changed over the versions, and an earlier hold read as a person's would stay held for good
   (test_review53_warehouse)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from test_orders import build_shop, lines_of

from shopbook.orders import review as R
from shopbook.orders.workflow import follow_up, review
from shopbook.schema import ORDERS, OrderLine, OrderStatus
from shopbook.workbook_builder import write_workbook


def order(no, sku="SH-WH-M", qty=1, status="待审核", review_=None, day=1, row_no=None):
    return OrderLine(order_no=no, receiver=f"王芳{no}", phone="13812345678", address=f"浙江省 杭州市 西湖区 文三路{day}号",
                     sku=sku, qty=qty, unit_price=Decimal("99.00"), status=status, review=review_,
                     paid_at=dt.datetime(2026, 12, day, 9))


def test_a_note_typed_in_the_review_cell_of_a_new_order_is_kept_and_read_first(tmp_path):
    shop = build_shop(tmp_path)
    note = "先别发，等买家回复颜色"
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: [
        order("A", review_=note, day=1),  # a person's note on an order the review has not seen
        order("B", review_="挂起：先别发，买家要改颜色", day=2),  # their note, worded as the review words a hold
        order("C", review_="通过", day=3),  # the review's own words, the order set back to 待审核: written over
        order("D", review_="退款已关闭，请重新审单", day=4),  # the import's: written over
        order("E", day=5)]}, keep_backup=False)
    decisions, _ = review(shop)
    said = {d.order_no: d for d in decisions}
    now = {ln.order_no: (ln.status, ln.review) for ln in lines_of(shop)}
    assert now["A"] == (OrderStatus.HELD, f"自动挂起：审单结果原写着：{note}"), now["A"]
    assert now["B"] == (OrderStatus.HELD, "自动挂起：审单结果原写着：挂起：先别发，买家要改颜色"), now["B"]
    assert now["C"] == now["D"] == now["E"] == (OrderStatus.APPROVED, "通过"), now
    assert said["A"].text("en") == f"auto-held: the review cell said: {note}"

    # a person reads it, releases it (已审核), and later sets it back to 待审核 to be reviewed again
    rows = lines_of(shop)
    first = [ln.model_copy(update={"status": OrderStatus.APPROVED}) if ln.order_no == "A" else ln for ln in rows]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: first}, keep_backup=False)
    review(shop)
    a = {ln.order_no: ln for ln in lines_of(shop)}["A"]
    assert a.status is OrderStatus.APPROVED and note in a.review and a.review.startswith("人工放行"), a.review
    back = [ln.model_copy(update={"status": OrderStatus.NEW}) if ln.order_no == "A" else ln for ln in lines_of(shop)]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: back}, keep_backup=False)
    review(shop)
    a = {ln.order_no: ln for ln in lines_of(shop)}["A"]
    assert (a.status, a.review) == (OrderStatus.APPROVED, f"提示：审单结果原写着：{note}"), a.review


def test_a_note_on_an_orders_second_row_holds_the_whole_order_in_an_english_shop(tmp_path):
    shop = build_shop(tmp_path)
    rows = [order("A", day=1), order("A", sku="SH-WH-L", day=1, review_="customer will call back first")]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: rows}, keep_backup=False)
    review(shop, lang="en")
    now = [(ln.status, ln.review) for ln in lines_of(shop)]
    want = (OrderStatus.HELD, "auto-held: the review cell said: customer will call back first")
    assert now == [want, want], now


def test_the_reviews_own_holds_are_told_by_its_own_word_and_earlier_ones_by_their_reasons():
    for own in ("自动挂起：地址无法解析出省和市，请核对", "auto-held: remote area (新疆): confirm fee and courier",
                # written by earlier versions: read by their reasons, whole
                "挂起：地址无法解析出省和市，请核对", "挂起：库存不足：SH-WH-M 需要 2，可用 1；提示：地址没有区县",
                "held: the address does not parse into province and city", "挂起：SH-WH-M 已下架",
                "held: not enough stock: SH-WH-M needs 2, 0 available"):
        assert R.review_held(own) and not R.held_by_hand(own), own
    for person in ("挂起：先别发，买家要改颜色", "held: call the buyer first", "held: not enough stock, wait",
                   # beside shopbook's own word: a person's, whatever its words
                   "自动挂起：地址无法解析出省和市，请核对；挂起：地址我来改", "auto-held: remote area (新疆); held: the address is wrong",
                   "自动挂起：偏远地区（新疆），请确认运费和快递；挂起：库存不足：等到货再发"):
        assert not R.review_held(person) and R.held_by_hand(person), person


def test_a_persons_hold_worded_as_a_stock_hold_is_not_reviewed_again(tmp_path):
    shop = build_shop(tmp_path)
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: [
        order("P", status="已挂起", review_="自动挂起：偏远地区（新疆），请确认运费和快递；挂起：库存不足：等到货再发", day=1),  # a person's,
        # in the review's words, beside the review's own hold
        order("Q", status="已挂起", review_="挂起：库存不足：SH-WH-M 需要 1，可用 0", day=2),  # an earlier version's
    ]}, keep_backup=False)
    decisions, _ = review(shop)
    assert [d.order_no for d in decisions] == ["Q"]  # (stock is there now: the review's own hold reviewed again)
    now = {ln.order_no: (ln.status, ln.review) for ln in lines_of(shop)}
    assert now["P"] == (OrderStatus.HELD, "自动挂起：偏远地区（新疆），请确认运费和快递；挂起：库存不足：等到货再发")
    assert now["Q"][0] is OrderStatus.APPROVED
    up = follow_up(shop, today=dt.date(2026, 12, 9))
    assert [h.order_no for h in up.held_by_hand] == ["P"] and up.held == []
