"""Review of this session's purchase-receiving changes: (1) a warehouse's workbook of scans on its first sheet (no
header) with shopbook's own PO printout pasted as its second had the PO read as the count, its 数量 the units ordered:
goods that never came posted and the PO closed (the count-on-another-sheet change, reverted: the first sheet is the
count); (2) a scan file with a line 数量,12 among its first lines was refused as holding no code once headers were looked
for over 30 lines; (3) a 货号 two of the supplier's products share (jx-1, a style's two sizes) was matched, by its
case, to a third product's JX-1."""

from __future__ import annotations

import openpyxl
from test_purchasing import TODAY, _build_shop, d, products

from shopbook.purchasing import receive as R
from shopbook.purchasing import workflow as W
from shopbook.shop import open_shop


def _shop(folder):
    _build_shop(folder)
    shop = open_shop(folder)
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    return shop


def test_a_po_printout_beside_the_scans_is_not_the_count(tmp_path):
    shop = _shop(tmp_path / "shop")
    [printout] = sorted(shop.folder.rglob("*CG20261122-01*.xlsx"))
    wb = openpyxl.Workbook()
    wb.active.title = "扫描"
    for _ in range(12):
        wb.active.append(["6900000000017"])  # 12 of A scanned
    ws = wb.create_sheet("采购单")
    for row in openpyxl.load_workbook(printout).active.iter_rows(values_only=True):
        ws.append(list(row))
    wb.save(f := tmp_path / "收货.xlsx")
    r = W.purchase_receive(shop, f, "CG20261122-01", d("11-25"))
    assert [(m.sku, m.qty) for m in r.movements] == [("A", 12)] and not r.closed


def test_a_count_line_under_the_scans_is_no_header(tmp_path):
    shop = _shop(tmp_path / "shop")
    f = tmp_path / "scan.txt"
    f.write_text("CG20261122-01\n" + "6900000000017\n" * 12 + "数量,12\n", encoding="utf-8")
    r = W.purchase_receive(shop, f, "CG20261122-01", d("11-25"))
    assert [(m.sku, m.qty) for m in r.movements] == [("A", 12)]


def test_a_shared_supplier_code_in_another_case_is_no_third_product_s():
    ps = products()
    ps[0].supplier_code = ps[1].supplier_code = "jx-1"  # 甲厂's A and B, one style's two sizes
    ps[4].supplier, ps[4].supplier_code = "甲厂", "JX-1"
    m = R._code_map(ps, "甲厂", codes=["jx-1", "JX-1"])
    assert m.get("jx-1") is None and m.get("JX-1") == ps[4].sku
