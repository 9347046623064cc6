"""A later export that says the buyer changed the address and, in the same file, holds the order for something
else (a refund asked on one line, part of it shipped by the platform's tool): before, the other hold was written
over the address change, which nobody saw; once the refund closed (or a person decided what still ships), the
parcel went to the old address. Now the hold names both, the same file again changes nothing, and a refund closed
later leaves the order held for the new address."""

from __future__ import annotations

from test_imports11_partial_refund_words import NANJING, two_shirts
from test_orders import TODAY, build_shop
from test_orders import lines_of as all_lines

from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus

NO = "3515000000000000311"


def lines_of(shop, no):
    return [r for r in all_lines(shop) if r.order_no == no]
OLD, NEW = NANJING, "北京 北京市 朝阳区 建国路 1 号"


def _export(tmp_path, stamp: str, new_address: str = "", refund: str = ""):
    return two_shirts(tmp_path, stamp, NO, refund, new_address=new_address)


def test_a_refund_and_a_new_address_in_one_export_are_both_held_for(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, _export(tmp_path, "202611211000"), today=TODAY)
    day2 = _export(tmp_path, "202611221000", new_address=NEW, refund="买家已经申请退款，等待卖家同意")
    s = import_orders(shop, day2, today=TODAY)
    rows = lines_of(shop, NO)
    assert {r.status for r in rows} == {OrderStatus.HELD}
    assert all(r.address == OLD for r in rows)  # the cell is the person's to correct
    assert all("退款" in r.review and NEW in r.review for r in rows), rows[0].review
    assert [c.order_no for c in s.changes] == [NO] and NEW in s.changes[0].note_zh
    assert not import_orders(shop, day2, today=TODAY).changes  # the same export again: nothing
    # the refund closed on day 3, the address still the new one there: held for the address, not back to 待审核
    import_orders(shop, _export(tmp_path, "202611231000", new_address=NEW, refund="退款关闭"), today=TODAY)
    rows = lines_of(shop, NO)
    assert {r.status for r in rows} == {OrderStatus.HELD} and all(NEW in r.review for r in rows), rows[0].review
