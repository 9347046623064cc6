"""An order a person held by hand (已挂起 typed, their reason in 审单结果: 先别发，买家要改地址) that a later export then
showed with a refund asked had its 审单结果 written over with the refund's hold; when the refund closed, the import
released it to 待审核 and the next review approved it: picked and shipped, the person's hold and their words gone.
Now the refund's hold keeps the person's beside it (人工挂起：their words), and the refund closing leaves the order held
as the person held it, their words back in 审单结果; an order the import alone held is released as before."""

from __future__ import annotations

import openpyxl
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import TODAY, build_shop, lines_of

from shopbook.orders.workflow import import_orders, review
from shopbook.schema import ORDERS, OrderStatus

TB, TB2 = "3515000000000001701", "3515000000000001702"
WORDS = "先别发，买家要改地址，等他回复"


def tb_pair(tmp_path, stamp: str, refund: str = ""):
    rows, lines = [], []
    for no, sku in ((TB, "SH-WH-M"), (TB2, "SH-BK-M")):
        rows.append(order_row(no, f"tb_{no[-2:]}", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                              "2026-11-21 09:00:00", goods="99.00"))
        d = detail_row(no, "衬衫", "99.00", "1", sku)
        d["退款状态"] = refund
        lines.append(d)
    return list(write_pair(tmp_path / stamp, rows, lines, stamp=stamp))


def hold_by_hand(shop, no: str, words: str | None) -> None:
    """A person types 已挂起 (and, where given, their reason in 审单结果) on the order's row, in Excel."""
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == no:
            ws.cell(r, head.index("状态") + 1).value = "已挂起"
            if words is not None:
                ws.cell(r, head.index("审单结果") + 1).value = words
    wb.save(shop.path(ORDERS))


def by_no(shop) -> dict:
    return {ln.order_no: ln for ln in lines_of(shop)}


def test_a_refund_that_closes_leaves_an_order_held_by_hand_held_with_the_persons_words(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, tb_pair(tmp_path, "202611210930"), today=TODAY)
    review(shop)
    hold_by_hand(shop, TB, WORDS)

    import_orders(shop, tb_pair(tmp_path, "202611211230", refund="退款中"), today=TODAY)
    held, other = by_no(shop)[TB], by_no(shop)[TB2]
    assert held.status is OrderStatus.HELD and held.platform_status == "退款中"
    assert "退款中" in held.review and WORDS in held.review  # the refund's hold, the person's beside it
    assert other.status is OrderStatus.HELD and WORDS not in other.review  # the import's hold alone

    s = import_orders(shop, tb_pair(tmp_path, "202611211530", refund="退款关闭"), today=TODAY)
    held, other = by_no(shop)[TB], by_no(shop)[TB2]
    assert held.status is OrderStatus.HELD and held.review == WORDS and held.platform_status == "退款关闭"
    assert other.status is OrderStatus.NEW  # released as before: the import alone held it
    assert {c.order_no: c.after for c in s.changes} == {TB: OrderStatus.HELD, TB2: OrderStatus.NEW}
    review(shop)
    assert by_no(shop)[TB].status is OrderStatus.HELD and by_no(shop)[TB].review == WORDS


def test_an_order_held_by_hand_over_the_reviews_pass_stays_held_by_hand(tmp_path):
    """已挂起 typed with the review's 通过 / 提示：… left in 审单结果 (no words of the person's): 人工挂起 after the refund."""
    shop = build_shop(tmp_path)
    import_orders(shop, tb_pair(tmp_path, "202611210930"), today=TODAY)
    review(shop)
    hold_by_hand(shop, TB, None)
    import_orders(shop, tb_pair(tmp_path, "202611211230", refund="退款中"), today=TODAY)
    import_orders(shop, tb_pair(tmp_path, "202611211530", refund="退款关闭"), today=TODAY)
    held = by_no(shop)[TB]
    assert held.status is OrderStatus.HELD and held.review == "人工挂起"
