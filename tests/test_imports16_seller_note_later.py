"""A seller's note the 客服 wrote on the platform after the order came in (千牛's 备注 → the order list's 订单备注,
拼多多's and 抖店's 商家备注: 改发黑色M, 先别发) never reached orders.xlsx: a later export's note was read and dropped,
so an order approved before it was picked and packed as it stood, while the same note on a new order holds it at the
review. Now the note is added to its 卖家备注 after what is there (a person's words kept), an approved order is held
for a person to read it, the change is said; the same export again changes nothing."""

from __future__ import annotations

import openpyxl
from platform_fixtures import pdd_row, write_pdd
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import TODAY, build_shop, lines_of

from shopbook.orders.workflow import import_orders, review
from shopbook.schema import ORDERS, OrderStatus

TB, TB2 = "3515000000000001601", "3515000000000001602"


def tb_pair(tmp_path, stamp: str, note: str = "", refund: str = ""):
    """淘宝's export pair of TB and TB2; `note` and `refund` (its item's 退款状态) on TB alone."""
    rows, lines = [], []
    for no, sku in ((TB, "SH-WH-M"), (TB2, "SH-BK-M")):
        r = order_row(no, f"tb_{no[-2:]}", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                      "2026-11-21 09:00:00", goods="99.00", note=note if no == TB else "")
        rows.append(r)
        lines.append({**detail_row(no, "衬衫", "99.00", "1", sku), "退款状态": refund if no == TB else ""})
    return list(write_pair(tmp_path / stamp, rows, lines, stamp=stamp))


def type_note(shop, no: str, text: str) -> None:
    """A person types into 卖家备注 of the order's row, in Excel."""
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == no:
            ws.cell(r, head.index("卖家备注") + 1, text)
    wb.save(shop.path(ORDERS))


def by_no(shop) -> dict:
    return {ln.order_no: ln for ln in lines_of(shop)}


def test_a_note_written_on_the_platform_after_approval_holds_the_order_and_keeps_the_persons(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, tb_pair(tmp_path, "202611210930"), today=TODAY)
    review(shop)
    assert by_no(shop)[TB].status is OrderStatus.APPROVED
    type_note(shop, TB, "送小样")

    s = import_orders(shop, tb_pair(tmp_path, "202611211530", note="买家要求改发黑色M"), today=TODAY)
    ln, other = by_no(shop)[TB], by_no(shop)[TB2]
    assert ln.seller_note == "送小样；买家要求改发黑色M"  # the person's words, then the platform's
    assert ln.status is OrderStatus.HELD and "买家要求改发黑色M" in ln.review
    assert other.status is OrderStatus.APPROVED and other.seller_note is None
    [change] = s.changes
    assert change.order_no == TB and "买家要求改发黑色M" in change.note_zh and "买家要求改发黑色M" in change.note_en

    before = shop.path(ORDERS).read_bytes()
    again = import_orders(shop, tb_pair(tmp_path, "202611211530", note="买家要求改发黑色M"), today=TODAY)
    assert not again.changes and shop.path(ORDERS).read_bytes() == before


def test_a_note_on_a_new_order_is_added_for_the_review(tmp_path):
    shop = build_shop(tmp_path)
    no = "261121-500000000000001"
    write_pdd(tmp_path / "a", [pdd_row(no, "待发货", "SH-WH-M")], name="orders_export2026-11-21-09-30-00.csv")
    import_orders(shop, [tmp_path / "a" / "orders_export2026-11-21-09-30-00.csv"], today=TODAY)
    later = pdd_row(no, "待发货", "SH-WH-M")
    later["商家备注"] = "先别发，等买家确认"
    path = write_pdd(tmp_path / "b", [later], name="orders_export2026-11-21-15-30-00.csv")
    s = import_orders(shop, [path], today=TODAY)
    ln = by_no(shop)[no]
    assert ln.seller_note == "先别发，等买家确认" and ln.status is OrderStatus.NEW  # the review holds it, as any note
    assert [c.order_no for c in s.changes] == [no]
    review(shop)
    assert by_no(shop)[no].status is OrderStatus.HELD and "先别发" in by_no(shop)[no].review


def test_a_note_on_two_lines_as_it_came_in_is_no_new_note(tmp_path):
    """A note with a line break (千牛 keeps the 客服's Enter), brought in with the order: the same note in a later
    export is the note the rows hold, whatever the spaces and line breaks, never added or held for again."""
    shop = build_shop(tmp_path)
    import_orders(shop, tb_pair(tmp_path, "202611210930", note="加急\r\n发顺丰"), today=TODAY)
    review(shop)
    was = by_no(shop)[TB]
    assert was.status is OrderStatus.HELD and "加急" in was.seller_note  # the review holds it for its note
    before = shop.path(ORDERS).read_bytes()
    s = import_orders(shop, tb_pair(tmp_path, "202611211530", note="加急 发顺丰 "), today=TODAY)
    assert not s.changes and shop.path(ORDERS).read_bytes() == before


def test_a_note_brought_with_a_refund_asked_is_said_with_the_refunds_hold(tmp_path):
    """The later export has both 退款中 and a new note on an approved order: held for the refund, its change line
    says the note too (before: the 卖家备注 cell was written, the change said only the refund)."""
    shop = build_shop(tmp_path)
    import_orders(shop, tb_pair(tmp_path, "202611210930"), today=TODAY)
    review(shop)
    s = import_orders(shop, tb_pair(tmp_path, "202611211530", note="买家要求改发黑色M", refund="退款中"), today=TODAY)
    ln = by_no(shop)[TB]
    assert ln.status is OrderStatus.HELD and ln.seller_note == "买家要求改发黑色M"
    [change] = [c for c in s.changes if c.order_no == TB]
    assert "退款" in change.note_zh
    assert "买家要求改发黑色M" in change.note_zh and "买家要求改发黑色M" in change.note_en
