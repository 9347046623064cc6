"""QA (excel7): a cell holding one of Excel 365's newer errors (#CALC! from a FILTER with nothing to show,
#SPILL! from a blocked array) in a shop workbook open in Excel. xlwings 0.37.8 turns only the seven classic
errors into their text (xlwings/_xlwindows.py cell_errors, _clean_value_data_element); a newer one comes over
Range.Value as the bare COM code, an int (0x800A0000 + XlCVError: #CALC! 2050 → -2146826238), which every
button read as a number: the 校验 button said 售价 “-2146826238.00” 价格不能是负数 where `shopbook validate`
of the same file says the cell holds the formula error #CALC!. The stand-in book is given the int, as COM
gives it."""

from __future__ import annotations

import openpyxl

from shopbook import xl
from shopbook.config import load_config
from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK
from shopbook.shop import init_shop
from shopbook.validate.run import run_checks
from xlfake import FakeBook

COM = {"#CALC!": -2146826238, "#SPILL!": -2146826243}  # VT_ERROR codes as pywin32 hands them over


def test_the_validate_button_reads_a_newer_error_as_the_cli_reads_it(tmp_path):
    init_shop(tmp_path / "shop")
    path = tmp_path / "shop" / "stock.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["商品"]
    ws.append(["A001", "K1", "T恤", "白", "M", None, None, 20, None, 5, 10, 7, 0.3])
    ws.append(["A002", "K1", "T恤", "黑", "M", None, None, None, 59, 5, 10, 7, 0.3])
    for ref, error in (("I3", "#CALC!"), ("H4", "#SPILL!")):
        ws[ref] = error
        ws[ref].data_type = "e"  # an error value in the file, as Excel saves it
    wb.save(path)
    cli = run_checks([read_workbook(path, STOCK)], {"stock.xlsx"}, load_config(path.parent))
    assert sorted((i.cell, i.value) for i in cli) == [("H4", "#SPILL!"), ("I3", "#CALC!")]

    book = FakeBook(path)
    cells = book.sheets["商品"].store.values
    for (row, col), error in (((3, 9), "#CALC!"), ((4, 8), "#SPILL!")):
        assert cells[row, col] == error
        cells[row, col] = COM[error]  # as Range.Value gives it through COM
    xl.validate(book)
    issues = book.sheets[book.sheets[len(book.sheets) - 1].name]
    rows = issues.range((2, 1), (3, 6)).options(ndim=2).value
    said = sorted((r[2], r[4], r[5]) for r in rows)
    assert said == sorted((i.cell, i.value, i.message_zh) for i in cli), said
    assert "2146826" not in book.app.alerts[-1]["prompt"] + str(rows)
