"""QA: a supplier ships a PO in two boxes of the same quantities on different days (乙厂's CG20261110-01, 24 C, 10 in:
a box of 5 on 11-20, another box of 5 on 11-25, each scanned into a file of its own). The second box counts what
the first counted, so it was taken for the first file posted again: "– 没有入库…没有改动", exit 0, nothing said of
--new-delivery. The 5 shirts on the shelf were never on the book and the PO still showed 9 owed. Now, on another
day with the PO still owing those SKUs, it says ! what is still owed and that --new-delivery posts a second box
alike; the file posted again the same day, or once the lines are in, is "–" as before. The shop is test_purchasing's
hand-worked one; stock.xlsx is written and read back."""

from __future__ import annotations

from shopbook.io.reader import read_workbook
from shopbook.purchasing import workflow as W
from shopbook.schema import STOCK, Movement

from test_purchasing import _scan, d, shop  # noqa: F401 - the fixture

PO = "CG20261110-01"


def _c_in(shop) -> list[int]:
    return [m.qty for m in read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
            if m.ref == PO and m.sku == "C"]


def test_a_second_box_of_the_same_quantities_another_day_is_said_with_new_delivery(shop, tmp_path):  # noqa: F811
    W.purchase_receive(shop, _scan(tmp_path, "box1.txt", "C,5\n"), PO, d("11-20"))
    box2 = _scan(tmp_path, "box2.txt", "C,5\n")
    same_day = W.purchase_receive(shop, box2, PO, d("11-20"))  # the same day: the same delivery counted again
    assert same_day.already_posted and same_day.ok and same_day.said()[0][0] == "–"
    r = W.purchase_receive(shop, box2, PO, d("11-25"))
    assert r.already_posted and not r.movements and _c_in(shop) == [10, 5]  # never posted unasked
    assert not r.ok  # exit 1: a person looks
    said = r.said()
    zh, en = " ".join(s[1] for s in said), " ".join(s[2] for s in said)
    assert said[0][0] == "!"
    assert "还差 C 9 件没到" in zh and "--new-delivery" in zh and "2026-11-20" in zh
    assert "still owes 9 of C" in en and "--new-delivery" in en
    assert r.to_json()["still_owed_if_new_delivery"] == [{"sku": "C", "owed": 9}]
    # as said: --new-delivery posts the second box
    again = W.purchase_receive(shop, box2, PO, d("11-25"), new_delivery=True)
    assert [m.qty for m in again.movements] == [5] and _c_in(shop) == [10, 5, 5]


def test_a_count_posted_again_once_its_lines_are_in_is_said_as_before(shop, tmp_path):  # noqa: F811
    W.purchase_receive(shop, _scan(tmp_path, "all.txt", "C,14\n"), PO, d("11-20"))
    r = W.purchase_receive(shop, _scan(tmp_path, "all-again.txt", "C,14\n"), PO, d("11-26"))
    assert r.already_posted and r.ok and r.said()[0][0] == "–" and not r.owed_again
    assert "--new-delivery" not in " ".join(s[1] for s in r.said())


def test_a_count_posted_on_a_po_closed_since_is_said_as_before(shop, tmp_path):  # noqa: F811
    """(review) Received with --close, the PO owes nothing: the same file another day was said to owe 9 C and to use
    --new-delivery, which would post 5 shirts that never came onto a closed PO."""
    box = _scan(tmp_path, "box1.txt", "C,5\n")
    W.purchase_receive(shop, box, PO, d("11-20"), close=True)
    r = W.purchase_receive(shop, box, PO, d("11-25"))
    assert r.already_posted and r.ok and not r.owed_again and r.said()[0][0] == "–", r.said()
    assert r.to_json()["still_owed_if_new_delivery"] == []


def test_a_count_of_skus_some_in_already_gives_no_new_delivery_advice(shop, tmp_path):  # noqa: F811
    """(review) 甲厂's A×20 all in and B 5 of 10: the same file the next day was told --new-delivery for B, which
    would post A's 20 again as well. Only a count every SKU of which the PO still owes is a second box alike."""
    from test_purchasing import _receive_setup

    _receive_setup(shop)  # 甲厂's CG20261122-01: A×20, B×10
    f = _scan(tmp_path, "box1.txt", "A,20\nB,5\n")
    W.purchase_receive(shop, f, "CG20261122-01", d("11-25"))
    r = W.purchase_receive(shop, f, "CG20261122-01", d("11-26"))
    assert r.already_posted and r.ok and not r.owed_again and r.said()[0][0] == "–", r.said()
    assert "--new-delivery" not in " ".join(s[1] + s[2] for s in r.said())


def test_a_second_box_alike_booked_with_pay_is_no_tick(shop, tmp_path):  # noqa: F811
    """(review) --pay on the second box: '✓ … 货款已写入流水' though the box was not posted (exit 1)."""
    W.purchase_receive(shop, _scan(tmp_path, "box1.txt", "C,5\n"), PO, d("11-20"))
    r = W.purchase_receive(shop, _scan(tmp_path, "box2.txt", "C,5\n"), PO, d("11-25"), book_payment=True)
    assert r.owed_again and not r.ok
    assert "✓" not in [s[0] for s in r.said()], r.said()
