"""QA (holds): a person who held an order by hand and wrote their reason as the review words its own (已挂起, and
审单结果 “挂起：先别发，买家要改地址”, the word they see on every held row) had it taken for the review's hold: a refund
asked then closed wrote their words over and released the order to 待审核 (the next review approved it: picked and
shipped to the old address), and the follow-up list aged it as one stuck since the review. Now a 挂起：reason the
review never writes is a person's: kept beside the refund's hold and back once it closes, the order still held;
listed as held by hand. An order the review held (挂起：买家留言：…) is released as before."""

from __future__ import annotations

from test_imports16_held_by_hand_refund import TB, TB2, by_no, hold_by_hand, tb_pair
from test_orders import TODAY, build_shop

from shopbook.orders import review as R
from shopbook.orders.workflow import follow_up, import_orders, review
from shopbook.schema import OrderStatus

WORDS = "挂起：先别发，买家要改地址，等他回复"


def test_a_persons_held_words_survive_a_refund_that_closes(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, tb_pair(tmp_path, "202611210930"), today=TODAY)
    review(shop)
    hold_by_hand(shop, TB, WORDS)
    up = follow_up(shop, today=TODAY)  # a person's: listed apart, not as stuck since the review
    assert [h.order_no for h in up.held_by_hand] == [TB] and up.held == []
    import_orders(shop, tb_pair(tmp_path, "202611211230", refund="退款中"), today=TODAY)
    held = by_no(shop)[TB]
    assert held.status is OrderStatus.HELD and WORDS[3:] in held.review
    import_orders(shop, tb_pair(tmp_path, "202611211530", refund="退款关闭"), today=TODAY)
    held, other = by_no(shop)[TB], by_no(shop)[TB2]
    assert held.status is OrderStatus.HELD and WORDS[3:] in held.review, held.review
    assert other.status is OrderStatus.NEW
    review(shop)
    assert by_no(shop)[TB].status is OrderStatus.HELD


def test_the_reviews_own_held_words_are_told_from_a_persons():
    for own in ("挂起：买家留言：周五前发", "挂起：库存不足：SH-WH-M 需要 2，可用 1；提示：地址没有区县",
                "held: remote area (新疆): confirm fee and courier", "挂起：手机号“123”格式不对；挂起：SH-WH-M 已下架",
                "挂起：商家编码 X 不存在：请在 stock.xlsx 的“商品”表加上 X，再审单",
                "挂起：售后单 SH1 已关闭，这个补发单还要发吗？不发：把状态改为已关闭；要发：改为已审核"):
        assert R.review_held(own) and not R.held_by_hand(own), own
    for person in (WORDS, "held: customer asked to wait", "挂起：买家留言：周五前发；挂起：等我确认"):
        assert not R.review_held(person) and R.held_by_hand(person), person


def test_the_imports_held_words_are_its_own_too(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, tb_pair(tmp_path, "202611210930"), today=TODAY)
    import_orders(shop, tb_pair(tmp_path, "202611211230", refund="退款中"), today=TODAY)
    held = by_no(shop)[TB]
    assert held.status is OrderStatus.HELD and R.review_held(held.review) and not R.held_by_hand(held.review)
    up = follow_up(shop, today=TODAY)
    assert TB in [h.order_no for h in up.held] and up.held_by_hand == []
    for own in ("挂起：平台已发货，编码 X 未对应商家编码（在商品映射表补上后再导入）", "held: on the platform, refunding",
                "held: the platform has 1 more line that the orders sheet lacks: add those rows, then approve"):
        assert R.review_held(own), own
