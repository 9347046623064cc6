"""An Alipay statement a person opened in Excel and saved as .xlsx, where Excel made the 16-digit
业务流水号 a number and kept 15 of its digits (2.02611022200112E+15): each line is refused at the cell
that lost them. Before, the error named the 账务流水号 column and that line's own number, which is
whole: a person looking there found nothing wrong."""

from __future__ import annotations

import csv
import io

import openpyxl
from test_money import classic_statement, november_lines

from shopbook.money.alipay import read_statement


def test_a_business_number_excel_cut_is_said_at_its_own_cell(tmp_path):
    lines = [[f"2026110{k}00358{k}", *ln[1:]] for k, ln in enumerate(november_lines()[:2], 1)]
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in csv.reader(io.StringIO(classic_statement(lines).decode("gbk"))):
        cells = [c.strip("\t") for c in r]
        if cells[0].startswith("2026"):  # as Excel read the numbers: the 14 digits whole, the 16 cut to 15
            cells[0], cells[1] = int(cells[0]), float(cells[1] + "123")
        ws.append(cells)
    wb.save(tmp_path / "账务明细.xlsx")
    st = read_statement(tmp_path / "账务明细.xlsx")
    assert [(i.row, i.column, i.value) for i in st.issues if i.is_error] == [
        (6, "业务流水号", "2.02611022200112e+15"), (7, "业务流水号", "2.02611022200212e+15")]
    assert st.lines == []
