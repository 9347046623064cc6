"""Receiving as the warehouse types it: a PO number copied with spaces or in lower case, a
wrong item scanned by its barcode, a stop about the shop's data in the shop's language.
The shop is test_purchasing's hand-worked one (甲厂's draft CG20261122-01: A×20, B×10)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import shopbook.cli
from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.purchasing import workflow as W
from shopbook.schema import STOCK, Movement, PoStatus, PurchaseLine

from test_purchasing import TODAY, _scan, d, shop  # noqa: F401 - the fixture


def test_a_po_number_typed_with_spaces_or_in_lower_case_is_the_sheets(shop, tmp_path):  # noqa: F811
    """`--po " CG 20261122-01"` stopped with "the Purchases sheet has no PO": it is that PO."""
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    r = W.purchase_receive(shop, _scan(tmp_path, "a.txt", "A,20\n"), " cg 20261122-01 ", d("11-25"))
    assert r.po_no == "CG20261122-01" and [(m.sku, m.qty, m.ref) for m in r.movements] == [("A", 20, "CG20261122-01")]
    wd = read_workbook(shop.path(STOCK), STOCK)
    assert [(m.sku, m.ref) for m in wd.rows(Movement) if m.date == d("11-25")] == [("A", "CG20261122-01")]
    po = {ln.sku: (ln.status, ln.received) for ln in wd.rows(PurchaseLine) if ln.po_no == "CG20261122-01"}
    assert po == {"A": (PoStatus.RECEIVED, 20), "B": (PoStatus.ORDERED, 0)}
    # full-width, from a Chinese input method, through the command line
    res = CliRunner().invoke(app, ["purchase", "receive", str(shop.folder), str(_scan(tmp_path, "b.txt", "B,10\n")),
                                   "--po", "ＣＧ２０２６１１２２－０１", "--date", "2026-11-25"])
    assert res.exit_code == 0, res.output
    po = {ln.sku: ln.status for ln in read_workbook(shop.path(STOCK), STOCK).rows(PurchaseLine)
          if ln.po_no == "CG20261122-01"}
    assert po == {"A": PoStatus.RECEIVED, "B": PoStatus.RECEIVED}
