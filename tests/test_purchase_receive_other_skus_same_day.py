"""A second box of the same PO the same day, of other SKUs than the first: the first (A×10) typed into 出入库 by
hand, or received with its own count; the second (B×5) received with its count file. All of B was posted, as it
should be, but the run said "this file is taken as the same delivery counted again and posts only what it adds;
for another delivery, receive it again with --new-delivery": a person taking the advice posted B a second time.
Now that is said only where a line of the file was taken as posted by the earlier count (A counted again), never
beside a file posted whole. The shop is test_purchasing's hand-worked one (甲厂's CG20261122-01: A×20, B×10)."""

from __future__ import annotations

from shopbook.io.reader import read_workbook
from shopbook.purchasing import workflow as W
from shopbook.schema import STOCK, Movement

from test_purchase_receive_typed_by_hand import PO, _typed_by_hand
from test_purchasing import TODAY, _scan, d, shop  # noqa: F401 - the fixture


def _said(r) -> tuple[str, str]:
    return "\n".join(zh for _, zh, _ in r.said()), "\n".join(en for _, _, en in r.said())


def test_a_box_of_other_skus_after_one_typed_by_hand_is_posted_whole_without_the_recount_advice(shop, tmp_path):  # noqa: F811
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    _typed_by_hand(shop, d("11-25"), "A", 10)
    r = W.purchase_receive(shop, _scan(tmp_path, "b.txt", "B,5\n"), PO, d("11-25"))
    assert [(m.sku, m.qty) for m in r.movements] == [("B", 5)]
    zh, en = _said(r)
    assert "--new-delivery" not in zh and "同一批货" not in zh, zh
    assert "--new-delivery" not in en and "same delivery" not in en, en
    moves = read_workbook(shop.path(STOCK), STOCK).rows(Movement)
    assert sorted((m.sku, m.qty) for m in moves if m.ref == PO) == [("A", 10), ("B", 5)]


def test_a_box_of_other_skus_after_a_count_that_day_likewise_and_a_recount_still_says_it(shop, tmp_path):  # noqa: F811
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    W.purchase_receive(shop, _scan(tmp_path, "a.txt", "A,10\n"), PO, d("11-25"))
    r = W.purchase_receive(shop, _scan(tmp_path, "b.txt", "B,5\n"), PO, d("11-25"))
    assert [(m.sku, m.qty) for m in r.movements] == [("B", 5)]
    zh, en = _said(r)
    assert "--new-delivery" not in zh and "--new-delivery" not in en, en
    # the first box counted again with one more found: only what it adds, and the advice for a second truck
    r = W.purchase_receive(shop, _scan(tmp_path, "a2.txt", "A,11\n"), PO, d("11-25"))
    assert [(m.sku, m.qty) for m in r.movements] == [("A", 1)]
    zh, en = _said(r)  # (A×1 posted now: --new-delivery would post it again; the rest, if another truck, by hand)
    assert "同一批货重新清点" in zh and "手工记入库" in zh and "不要加 --new-delivery" in zh, zh
    assert "same delivery counted again" in en and "by hand" in en and "do not receive this file again" in en, en


def test_a_mixed_box_after_a_count_that_day_is_never_told_to_be_received_again_whole(shop, tmp_path):  # noqa: F811
    """A×5 received; a second box the same day of A×3 and B×5: B posted, A×3 taken as the first box counted again.
    The run advised --new-delivery for another truck, and taking it posted A×3 and B×5 again: B twice."""
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    W.purchase_receive(shop, _scan(tmp_path, "a.txt", "A,5\n"), PO, d("11-25"))
    r = W.purchase_receive(shop, _scan(tmp_path, "b.txt", "A,3\nB,5\n"), PO, d("11-25"))
    assert [(m.sku, m.qty) for m in r.movements] == [("B", 5)]
    zh, en = _said(r)
    assert "不要加 --new-delivery" in zh and "请加 --new-delivery 再收" not in zh, zh
    assert "receive it again with --new-delivery" not in en and "by hand" in en, en
