"""Order sheets as people and scripts really leave them: a formula a script wrote that no Excel
ever calculated (calamine reads it as a blank: the price was silently None), and the header typed
again in the middle (two exports pasted one under the other: before, one error per column of that
row, none saying what it was). Real workbooks, written and read back by both readers (calamine's
rows and the Arrow read) and by the commands a person runs."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from shopbook.io.reader import error_cells_in_xml
from shopbook.issues import ShopbookError
from shopbook.orders.workflow import review
from shopbook.schema import KPI, ORDERS, DailyKpi, OrderLine
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


def _kpi_with_formulas_filled_down(shop: Path) -> Path:
    """日报 as a shop keeps it: two days filled in; 客单价 =IFERROR(F/D,0) and 转化率 =D/C dragged down
    past them, over two dates typed ahead (rows 4-5) and rows with no date yet (6-8); row 9 has its
    访客数 and 支付买家数 typed, nothing else. The values cached as Excel saves them: 0, and #DIV/0! for =D/C."""
    path = shop / "kpi.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["日报"]
    col = {c.value: c.column_letter for c in ws[1]}
    for r, day in ((2, 20), (3, 21)):
        for head, v in (("日期", dt.date(2026, 11, day)), ("访客数", 1000), ("支付买家数", 20), ("支付订单数", 20),
                        ("销售额", 2000)):
            ws[f"{col[head]}{r}"] = v
    for r in range(4, 10):
        if r < 6:
            ws[f"{col['日期']}{r}"] = dt.date(2026, 11, 18 + r)
        ws[f"{col['客单价']}{r}"] = f"=IFERROR({col['销售额']}{r}/{col['支付买家数']}{r},0)"
        ws[f"{col['转化率']}{r}"] = f"={col['支付买家数']}{r}/{col['访客数']}{r}"
    ws[f"{col['访客数']}9"], ws[f"{col['支付买家数']}9"] = 800, 16
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    part = next(n for n in parts if n.startswith("xl/worksheets/") and b"IFERROR" in parts[n])
    empty = rb"(?:<v\s*/>|<v></v>)"  # (what openpyxl writes for a formula's value)
    xml = re.sub(rb"(<f>IFERROR[^<]*</f>)" + empty, rb"\1<v>0</v>", parts[part])
    xml = re.sub(rb"(<f>[A-Z]+9/[A-Z]+9</f>)" + empty, rb"\1<v>0.02</v>", xml)  # 16 / 800
    parts[part] = re.sub(rb'<c r="([A-Z]+\d+)"([^>]*)><f>([A-Z]+\d+/[A-Z]+\d+)</f>' + empty,
                         rb'<c r="\1"\2 t="e"><f>\3</f><v>#DIV/0!</v>', xml)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return path


def test_formulas_filled_down_ahead_of_their_figures_are_no_rows_of_errors(tmp_path, both):
    """Before: rows 4-8 were 23 errors (日期, 访客数, 支付订单数, 销售额 required; #DIV/0!) for formulas
    dragged down on purpose. Now the dates typed ahead are days not filled in yet (as a date alone is),
    the rows of formulas alone are said once and skipped, and row 9, with a figure typed, is as before."""
    from shopbook.workbook_builder import write_workbook

    write_workbook(tmp_path / "kpi.xlsx", KPI, "zh", {}, keep_backup=False)
    path = _kpi_with_formulas_filled_down(tmp_path)
    rows, arrow, _ = both(path, KPI)
    assert rows == arrow
    v = validate_path(path)
    assert sorted(i.cell for i in v.issues) == ["A9", "E9", "F9"]
    assert [(n.sheet, n.cell, n.message_zh) for n in v.notes] == [
        ("日报", "A4", "第 4–5 行只填了日期（2 天），还没有数据，已跳过（填上数据就会读到）。"),
        ("日报", "H6", "第 6–8 行（3 行）只有往下拉好的公式（结果为 0、空白或错误值），还没有数据，已跳过（填上数据就会读到）。")]
    assert "Rows 6–8 (3 rows) hold only formulas filled down" in v.notes[1].message_en
    from shopbook.io.reader import read_workbook
    sd = read_workbook(path, KPI).sheets[DailyKpi]
    assert sd.ahead == [4, 5] and [x.row for x in sd.unreadable] == [4, 5, 9]
