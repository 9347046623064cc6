"""The same delivery received twice by two people on two days: the warehouse scans it on 11-25 (A×12, B×5), the
buyer imports the supplier's note the next day, which lists C with its 实收数量 blank (not sent). Before: a code
counted 0 made it another count: A's 12 posted again (24 of 20, 多到 4), the PO closed, the payment proposed for
¥700 where ¥390 of goods came. A code counted 0 counts nothing: it is the count posted on 11-25. The shop is
test_purchasing's (甲厂's draft CG20261122-01: A×20 @¥20, B×10 @¥30)."""

from __future__ import annotations

import openpyxl

from shopbook.io.reader import read_workbook
from shopbook.purchasing import workflow as W
from shopbook.schema import STOCK, Movement

from test_purchasing import TODAY, _scan, d, shop  # noqa: F401 - the fixture


def test_a_note_listing_an_item_not_sent_is_the_count_already_posted(shop, tmp_path):  # noqa: F811
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    W.purchase_receive(shop, _scan(tmp_path, "scan.txt", "A,12\nB,5\n"), "CG20261122-01", d("11-25"))
    wb = openpyxl.Workbook()
    for row in (["商家编码", "品名", "实收数量"], ["A", "衬衫", 12], ["B", "衬衫L", 5], ["C", "T恤", None]):
        wb.active.append(row)
    wb.save(note := tmp_path / "送货单.xlsx")
    r = W.purchase_receive(shop, note, "CG20261122-01", d("11-26"))
    assert r.already_posted and r.posted_on == [d("11-25")] and not r.movements and not r.closed
    ins = [(m.sku, m.qty) for m in read_workbook(shop.path(STOCK), STOCK).rows(Movement) if m.ref == "CG20261122-01"]
    assert ins == [("A", 12), ("B", 5)]
    # a count posted by an earlier version, whose id had the codes counted 0 in it, is still found by that id
    import hashlib

    old = "R" + hashlib.sha256("A\t12\nB\t5\nC\t0".encode()).hexdigest()[:8]
    assert old in W.read_count(note)[0].aliases
