"""QA: a delivery scanned by its SKU labels with a scanner that sends lower case (t100-bk-l for
T100-BK-L), as ship's scan check already reads them. Before, every line was an unknown code, not
posted, with the advice to add it to the 商品 sheet (a second row of the same SKU)."""

from __future__ import annotations

from shopbook.io.reader import read_workbook
from shopbook.purchasing import workflow as W
from shopbook.schema import STOCK, Movement, PoStatus, PurchaseLine

from test_purchasing import TODAY, _scan, d, shop  # noqa: F401 - the fixture


def test_sku_labels_scanned_in_lower_case_are_received(shop, tmp_path):  # noqa: F811
    W.purchase_suggest(shop, TODAY, write_drafts=True)  # CG20261122-01: A × 20, B × 10
    r = W.purchase_receive(shop, _scan(tmp_path, "scan.txt", "a,20\nb,10\n"), "CG20261122-01", d("11-25"))
    assert r.wrong == [] and sorted((m.sku, m.qty) for m in r.movements) == [("A", 20), ("B", 10)]
    wd = read_workbook(shop.path(STOCK), STOCK)
    assert sorted((m.sku, m.qty) for m in wd.rows(Movement) if m.date == d("11-25")) == [("A", 20), ("B", 10)]
    assert {ln.sku: ln.status for ln in wd.rows(PurchaseLine) if ln.po_no == "CG20261122-01"} == {
        "A": PoStatus.RECEIVED, "B": PoStatus.RECEIVED}
