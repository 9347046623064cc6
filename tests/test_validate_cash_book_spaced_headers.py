"""QA: a 流水 kept as a cash book, its 收入 | 支出 headers spaced out to the cells' width as Chinese sheets do
(收　入 with a full-width space, 支 出): the header 收入 was said as a value of 收支, not its name, but 收　入 was
told '表头“收　入”是不是这一列？是的话请把它改为“收支”' — done, its amounts would be read as directions. A spaced-out
header is now read as the header is (spaces out): said as one of 收支's values, with what the sheet needs."""

import datetime as dt

import openpyxl

from shopbook.shop import init_shop
from shopbook.validate import validate_path


def test_a_spaced_out_income_header_is_not_told_to_be_renamed_a_direction(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    ws = wb["流水"]
    ws.delete_rows(1, ws.max_row)
    ws.append(["日期", "类别", "收\u3000入", "支 出", "账户"])
    ws.append([dt.datetime(2026, 11, 5), "快递费", None, 88.5, "支付宝"])
    wb.save(folder / "ledger.xlsx")
    issues = {i.column: i for i in validate_path(folder / "ledger.xlsx").errors if i.sheet == "流水"}
    i = issues["收\u3000入"]
    assert i.cell == "C1" and "是不是这一列" not in i.message_zh and "rename it" not in i.message_en, i.message_zh
    assert "表头“收\u3000入”是这一列的一个值（收入、支出），不是它的列名，不能改成“收支”" in i.message_zh, i.message_zh
    assert "is one of its values (in, out), not its name, and must not be renamed" in i.message_en, i.message_en


def test_a_choices_english_value_with_a_space_is_still_one_of_its_values():
    """(review) Taking every space out for 收　入 made 'refund only', 'partly received' no values of their columns;
    only the spaces between Chinese characters are taken out."""
    from shopbook.io.reader import _is_choice
    from shopbook.schema import CaseType, Direction, PoStatus

    assert _is_choice(Direction, "收\u3000入") and _is_choice(Direction, "支 出")
    assert _is_choice(CaseType, "refund only") and _is_choice(PoStatus, "partly received")
    assert not _is_choice(Direction, "日期")
