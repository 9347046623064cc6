"""Order sheets as people and scripts really leave them: a formula a script wrote that no Excel
ever calculated (calamine reads it as a blank: the price was silently None), and the header typed
again in the middle (two exports pasted one under the other: before, one error per column of that
row, none saying what it was). Real workbooks, written and read back by both readers (calamine's
rows and the Arrow read) and by the commands a person runs."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from shopbook.io.reader import error_cells_in_xml
from shopbook.issues import ShopbookError
from shopbook.orders.workflow import review
from shopbook.schema import ORDERS, OrderLine
from shopbook.shop import open_shop
from shopbook.validate import validate_path
from test_arrow_read import both  # noqa: F401 - the fixture: a workbook read both ways
from test_concurrency import small_shop

D = Decimal


@pytest.fixture
def shop(tmp_path) -> Path:
    small_shop(tmp_path / "shop")
    return tmp_path / "shop"


def _orders(shop: Path, edit) -> Path:
    path = shop / "orders.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["订单"]
    edit(ws, {c.value: c.column_letter for c in ws[1]})
    wb.save(path)
    return path


def test_a_formula_without_its_value_is_a_located_error(shop, both):
    """=90+9 in 单价 of rows 2-3, saved by openpyxl: no cached value in the file."""
    def edit(ws, col):
        ws[f"{col['单价']}2"] = "=90+9"
        ws[f"{col['单价']}3"] = "=SUM(K3:K3)*99"
    path = _orders(shop, edit)
    rows, arrow, _ = both(path, ORDERS)
    assert rows == arrow
    v = validate_path(shop)
    assert [(i.book, i.sheet, i.cell, i.value, i.severity) for i in v.issues] == [
        ("orders.xlsx", "订单", "L2", "=90+9", "error"), ("orders.xlsx", "订单", "L3", "=SUM(K3:K3)*99", "error")]
    assert "公式还没有算出结果" in v.issues[0].message_zh and "Open and save the workbook" in v.issues[0].message_en
    with pytest.raises(ShopbookError) as e:
        review(open_shop(shop))
    assert "订单 › L2" in e.value.zh


def test_formulas_with_values_and_empty_text_results_are_values():
    """What Excel and LibreOffice save: each formula's value beside it; "" as t="str" with an empty value."""
    xml = (b'<row r="2"><c r="L2" t="n"><f aca="false">90+9</f><v>99</v></c><c r="M2" t="str"><f>""</f><v></v></c>'
           b'<c r="N2" s="1"/><c r="O2"><f t="shared" si="0"/><v>3</v></c></row>')
    assert error_cells_in_xml(xml) == {}
    assert error_cells_in_xml(xml.replace(b"<v>3</v>", b"")) == {(1, 14): "="}
    assert error_cells_in_xml(b'<x:c r="B5"><x:f>A5&lt;2</x:f><x:v /></x:c>') == {(4, 1): "=A5<2"}


@pytest.mark.parametrize("swap", [False, True])
def test_the_header_typed_again_in_the_middle(shop, both, swap):
    """Row 14 holds the header again: where its columns are the first header's, it is skipped with a
    note; where two are swapped (买家 / 收货人 of another export), the rows below it would be read
    wrongly: one error at the moved header's cell, and no command runs."""
    def edit(ws, col):
        heads = [c.value for c in ws[1]]
        if swap:
            heads[5], heads[6] = heads[6], heads[5]
        ws.insert_rows(14)
        for j, h in enumerate(heads, start=1):
            ws.cell(14, j, h)
    path = _orders(shop, edit)
    rows, arrow, _ = both(path, ORDERS)
    assert rows == arrow
    v = validate_path(shop)
    if not swap:
        assert v.issues == []
        assert [(n.sheet, n.cell, n.message_zh) for n in v.notes] == [
            ("订单", "A14", "第 14 行是又一行表头（两份表粘在了一起？），已跳过。")]
        s = open_shop(shop)
        review(s)
        from shopbook.io.reader import read_workbook
        lines = read_workbook(path, ORDERS).rows(OrderLine)
        assert len(lines) == 36 and 14 not in {x.row for x in lines}
        return
    assert [(i.sheet, i.cell, i.value, i.severity) for i in v.issues] == [("订单", "F14", "收货人", "error")]
    assert "第 14 行是又一行表头" in v.issues[0].message_zh and "G1" in v.issues[0].message_zh
    assert "Row 14 is another header row" in v.issues[0].message_en
    with pytest.raises(ShopbookError) as e:
        review(open_shop(shop))
    assert "订单 › F14" in e.value.zh
