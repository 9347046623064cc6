"""A delivery the warehouse typed into 出入库 by hand from the supplier's note (入库, 单号 the PO number), and then
received with its count file the same day, as the finance desk does to close the PO and book the payment. The shop
is test_purchasing's hand-worked one (甲厂's draft CG20261122-01: A×20 at 20.00, B×10 at 30.00); stock.xlsx is
written and read back."""

from __future__ import annotations

import datetime as dt

import openpyxl

from shopbook.io.reader import read_workbook
from shopbook.purchasing import workflow as W
from shopbook.schema import STOCK, Movement, PoStatus, PurchaseLine

from test_purchasing import TODAY, _scan, d, shop  # noqa: F401 - the fixture

PO = "CG20261122-01"


def _typed_by_hand(shop, day: dt.date, sku: str, qty: int) -> None:
    wb = openpyxl.load_workbook(shop.path(STOCK))
    wb["出入库"].append([dt.datetime.combine(day, dt.time()), sku, "入库", qty, PO, "到货"])
    wb.save(shop.path(STOCK))


def test_goods_typed_in_by_hand_that_day_are_the_delivery_its_count_file_counts_not_a_second_one(shop, tmp_path):  # noqa: F811
    """10 shirts A came on 11-25; the warehouse typed 入库 10 against the PO, then the count file (A 10, B 10) was
    received: A was posted again, 20 on the book for 10 on the shelf, the PO line 已到货 and ✓, and the payment
    proposed ¥700.00 for goods worth ¥500.00. The hand-typed row is now the same delivery's, as a count posted that
    day is: only B is posted, A stays owed 10, the payment is ¥500.00, and it says why (and --new-delivery)."""
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    _typed_by_hand(shop, d("11-25"), "A", 10)
    r = W.purchase_receive(shop, _scan(tmp_path, "note.txt", "A,10\nB,10\n"), PO, d("11-25"))
    assert [(m.sku, m.qty) for m in r.movements] == [("B", 10)]
    assert r.owed == 10 * 20 + 10 * 30 and r.payment.amount == 500
    assert r.typed_same_day and not r.complete
    said = "\n".join(zh for _, zh, _ in r.said())
    said_en = "\n".join(en for _, _, en in r.said())
    assert f"出入库第 {r.typed_same_day[0]} 行手工录入的入库" in said and "--new-delivery" in said, said
    assert f"typed on Movements row {r.typed_same_day[0]}" in said_en and "--new-delivery" in said_en, said_en
    wd = read_workbook(shop.path(STOCK), STOCK)
    assert sum(m.qty for m in wd.rows(Movement) if m.ref == PO and m.sku == "A") == 10
    po = {ln.sku: (ln.status, ln.received) for ln in wd.rows(PurchaseLine) if ln.po_no == PO}
    assert po == {"A": (PoStatus.PARTLY, 10), "B": (PoStatus.RECEIVED, 10)}


def test_goods_typed_in_by_hand_on_an_earlier_day_or_a_second_delivery_are_posted_as_before(shop, tmp_path):  # noqa: F811
    """A stock-in typed on 11-24 is an earlier delivery: the count of 11-25 posts all it counts; so does one the same
    day with --new-delivery (a second truck)."""
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    _typed_by_hand(shop, d("11-24"), "A", 5)
    r = W.purchase_receive(shop, _scan(tmp_path, "one.txt", "A,10\n"), PO, d("11-25"))
    assert [(m.sku, m.qty) for m in r.movements] == [("A", 10)] and not r.typed_same_day
    _typed_by_hand(shop, d("11-26"), "B", 4)
    r = W.purchase_receive(shop, _scan(tmp_path, "two.txt", "A,5\nB,6\n"), PO, d("11-26"), new_delivery=True)
    assert [(m.sku, m.qty) for m in r.movements] == [("A", 5), ("B", 6)]
