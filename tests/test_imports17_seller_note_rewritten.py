"""A seller's note the platform brought into 卖家备注 (买家要求改发黑色M), which a person then acted on and rewrote there
(已改成黑色M，可发) or cleared, and approved: the next day's export, the platform's note unchanged on it, put the
platform's words back after the person's (已改成黑色M，可发；买家要求改发黑色M), said 平台上新加了卖家备注, and held the
approved order again, every import, for a note nobody had added. shopbook now remembers the note each export had
(.shopbook-imported.json): the same note again is not new, the person's cell stands; a note the platform changes since
is still added and holds the order. Real 淘宝 GBK export pairs, orders.xlsx typed in as a person does, re-read."""

from __future__ import annotations

import json

import openpyxl
from test_imports16_seller_note_later import TB, TB2, by_no, tb_pair
from test_orders import TODAY, build_shop

from shopbook.orders.imported import RECORD_NAME
from shopbook.orders.workflow import import_orders, review
from shopbook.schema import ORDERS, OrderStatus


def type_cells(shop, no: str, **typed) -> None:
    """A person types into the order's row (header → value; None clears the cell), in Excel."""
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == no:
            for h, value in typed.items():
                ws.cell(r, head.index(h) + 1).value = value
    wb.save(shop.path(ORDERS))


def _noted_and_approved(tmp_path, rewritten: str | None):
    shop = build_shop(tmp_path)
    import_orders(shop, tb_pair(tmp_path, "202611210930", note="买家要求改发黑色M"), today=TODAY)
    review(shop)
    assert by_no(shop)[TB].status is OrderStatus.HELD  # the review holds an order with a note
    type_cells(shop, TB, 卖家备注=rewritten, 状态="已审核")  # read, done, rewritten (or cleared), released
    return shop


def test_a_note_the_person_rewrote_is_not_brought_back_by_the_next_export(tmp_path):
    shop = _noted_and_approved(tmp_path, "已改成黑色M，可发")
    s = import_orders(shop, tb_pair(tmp_path, "202611211530", note="买家要求改发黑色M"), today=TODAY)
    ln = by_no(shop)[TB]
    assert ln.seller_note == "已改成黑色M，可发" and ln.status is OrderStatus.APPROVED
    assert not s.changes
    assert json.loads((shop.folder / RECORD_NAME).read_text("utf-8"))["notes"]["taobao"][TB][1] == "买家要求改发黑色M"

    # the 客服 writes something else on the platform later: that is new, added after the person's, and holds
    s = import_orders(shop, tb_pair(tmp_path, "202611221000", note="买家要求改发黑色M，再送一双袜子"), today=TODAY)
    ln = by_no(shop)[TB]
    assert ln.seller_note == "已改成黑色M，可发；买家要求改发黑色M，再送一双袜子"
    assert ln.status is OrderStatus.HELD and [c.order_no for c in s.changes] == [TB]
    assert by_no(shop)[TB2].seller_note is None


def test_a_note_the_person_cleared_stays_cleared(tmp_path):
    shop = _noted_and_approved(tmp_path, None)
    s = import_orders(shop, tb_pair(tmp_path, "202611211530", note="买家要求改发黑色M"), today=TODAY)
    ln = by_no(shop)[TB]
    assert ln.seller_note is None and ln.status is OrderStatus.APPROVED and not s.changes


def test_an_older_export_does_not_make_its_note_the_one_remembered(tmp_path):
    shop = _noted_and_approved(tmp_path, "已改成黑色M，可发")
    import_orders(shop, tb_pair(tmp_path, "202611211530", note="买家要求改发黑色M"), today=TODAY)
    import_orders(shop, tb_pair(tmp_path, "202611200800", note="先别发"), today=TODAY)  # yesterday's, found late
    assert json.loads((shop.folder / RECORD_NAME).read_text("utf-8"))["notes"]["taobao"][TB][1] == "买家要求改发黑色M"
    s = import_orders(shop, tb_pair(tmp_path, "202611221000", note="买家要求改发黑色M"), today=TODAY)
    ln = by_no(shop)[TB]
    assert ln.seller_note == "已改成黑色M，可发" and ln.status is OrderStatus.APPROVED and not s.changes
