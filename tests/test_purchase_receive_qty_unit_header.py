"""QA: a delivery sheet whose quantity column is headed with its unit, 实收数量(件) (or Received (pcs)), was read
as having no quantity column: each row counted 1, and `purchase receive` posted A 1 of the 20 that came
(short 19) into 出入库; beside a 数量 column (a PO printout's, what was ordered) that one was read instead. Now a unit of single pieces in brackets is the column's; a unit of boxes (箱) is not
taken for pieces. The shop is test_purchasing's (甲厂's draft CG20261122-01: A×20, B×10)."""

from __future__ import annotations

import openpyxl
import pytest

from shopbook.purchasing import workflow as W

from test_purchasing import TODAY, d, shop  # noqa: F401 - the fixture


def _sheet(path, head, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(head)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


@pytest.mark.parametrize("qty", ["实收数量(件)", "实收数量（件）", "Received (pcs)"])
def test_a_quantity_headed_with_its_unit_is_read(shop, tmp_path, qty):  # noqa: F811
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    path = _sheet(tmp_path / "c.xlsx", ["商家编码", "数量", qty], [["A", 20, 20], ["B", 10, 6]])
    r = W.purchase_receive(shop, path, "CG20261122-01", d("11-25"))
    assert [(m.sku, m.qty) for m in r.movements] == [("A", 20), ("B", 6)]  # 实收, not the ordered 数量 beside it


def test_alone_it_is_not_one_a_row(shop, tmp_path):  # noqa: F811
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    path = _sheet(tmp_path / "c.xlsx", ["商家编码", "实收数量(件)"], [["A", 20], ["B", 6]])
    r = W.purchase_receive(shop, path, "CG20261122-01", d("11-25"))
    assert [(m.sku, m.qty) for m in r.movements] == [("A", 20), ("B", 6)]


def test_a_code_column_with_a_note_after_its_name_is_read(shop, tmp_path):  # noqa: F811
    """商品编码(SKU) was no code column: the sheet was refused as holding no codes at all."""
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    path = _sheet(tmp_path / "c.xlsx", ["序号", "商品编码(SKU)", "名称", "实收数量(件)"], [[1, "A", "T", 20], [2, "B", "S", 6]])
    r = W.purchase_receive(shop, path, "CG20261122-01", d("11-25"))
    assert [(m.sku, m.qty) for m in r.movements] == [("A", 20), ("B", 6)] and not r.problems


@pytest.mark.parametrize("head", [["商家编码", "实收数量(箱)"], ["商家编码", "数量", "实收数量（箱）"], ["SKU", "Received (cartons)"]])
def test_a_count_in_boxes_is_refused_at_its_header(shop, tmp_path, head):  # noqa: F811
    """实收数量(箱): 2 boxes of A were read as 1 piece a row (no column), or the 数量 beside it (what was ordered)
    was read: posted. Now refused at the header cell, nothing posted, saying to count pieces (the 商品 sheet has
    no box size to multiply by)."""
    from shopbook.io.reader import read_workbook
    from shopbook.issues import ShopbookError
    from shopbook.schema import STOCK, Movement

    W.purchase_suggest(shop, TODAY, write_drafts=True)
    rows = [["A", 20, 2], ["B", 10, 1]] if len(head) == 3 else [["A", 2], ["B", 1]]
    path = _sheet(tmp_path / "c.xlsx", head, rows)
    with pytest.raises(ShopbookError) as e:
        W.purchase_receive(shop, path, "CG20261122-01", d("11-25"))
    col = "C" if len(head) == 3 else "B"
    assert f"第 1 行 {col} 列" in e.value.zh and "箱数" in e.value.zh and "件数" in e.value.zh
    assert f"row 1, column {col} counts boxes" in e.value.en and "pieces" in e.value.en
    moved = read_workbook(shop.path(STOCK), STOCK).rows(Movement)
    assert not [m for m in moved if m.ref == "CG20261122-01"]


def test_boxes_beside_pieces_reads_the_pieces(shop, tmp_path):  # noqa: F811
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    path = _sheet(tmp_path / "c.xlsx", ["商家编码", "实收数量(箱)", "实收数量(件)"], [["A", 2, 20], ["B", 1, 6]])
    r = W.purchase_receive(shop, path, "CG20261122-01", d("11-25"))
    assert [(m.sku, m.qty) for m in r.movements] == [("A", 20), ("B", 6)]


@pytest.mark.parametrize("head", ["实到数量", "到货件数", "件数"])
def test_other_words_for_the_pieces_received_are_read(shop, tmp_path, head):  # noqa: F811
    """商家编码 | 实到数量 (20 and 6): no quantity column was found, each row counted 1 and A 1, B 1 were posted."""
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    path = _sheet(tmp_path / "c.xlsx", ["商家编码", head], [["A", 20], ["B", 6]])
    r = W.purchase_receive(shop, path, "CG20261122-01", d("11-25"))
    assert [(m.sku, m.qty) for m in r.movements] == [("A", 20), ("B", 6)]


@pytest.mark.parametrize("head", ["送货数量", "箱数", "Shipped qty"])
def test_a_quantity_under_a_header_not_read_is_refused_at_it(shop, tmp_path, head):  # noqa: F811
    """商家编码 | 送货数量: each row was counted 1 piece and posted. Now refused at the header cell."""
    from shopbook.io.reader import read_workbook
    from shopbook.issues import ShopbookError
    from shopbook.schema import STOCK, Movement

    W.purchase_suggest(shop, TODAY, write_drafts=True)
    path = _sheet(tmp_path / "c.xlsx", ["商家编码", "名称", head], [["A", "T", 20], ["B", "S", 6]])
    with pytest.raises(ShopbookError) as e:
        W.purchase_receive(shop, path, "CG20261122-01", d("11-25"))
    assert f"第 1 行 C 列的表头“{head}”不是 shopbook 认得的收货数量列：没有入库" in e.value.zh
    assert "row 1, column C is no received-quantity column" in e.value.en
    assert not [m for m in read_workbook(shop.path(STOCK), STOCK).rows(Movement) if m.ref == "CG20261122-01"]
