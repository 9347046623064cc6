"""QA (validate, what staff type): 金额 merged across 账户 on one line (D20:E20, as a person widens a cell) was
said as a merge down an order's lines is: "Excel shows D20's value in each of its cells … unmerge it and fill
the value into each cell", which is the amount typed into 账户. A merge across columns now says that its other
cells want their own column's value, and that the row (one row: not "those rows") is not used; a merge down a
column is said as before."""

import datetime as dt

import openpyxl

from shopbook.shop import init_shop
from shopbook.validate import validate_path


def _ledger(folder, lang: str = "zh"):
    init_shop(folder, lang)
    path = folder / "ledger.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    wb.worksheets[1].append(["支付宝", dt.datetime(2026, 11, 1), 1000])
    wb.worksheets[3].append(["销售收入", "收入" if lang == "zh" else "in", "销售"])
    first = ws.max_row + 1
    for k in range(4):
        ws.append([dt.datetime(2026, 11, 3), "收入" if lang == "zh" else "in", "销售收入", 10 + k, "支付宝", None, None,
                   None, "备注"])
    ws.merge_cells(f"D{first}:E{first}")  # 金额 over 账户
    ws.merge_cells(f"I{first + 1}:I{first + 3}")  # 备注 down three lines
    wb.save(path)
    return path, first


def test_a_merge_across_columns_asks_for_each_columns_own_value(tmp_path):
    path, first = _ledger(tmp_path / "shop")
    said = {i.cell: i for i in validate_path(path).issues}
    across, down = said[f"D{first}"], said[f"I{first + 1}"]
    assert across.is_error and across.message_zh == (
        f"D{first}:E{first} 是合并单元格，跨了几列：文件里只有 D{first} 有值，其余各格（账户）读出来是空的，这一行没有使用。"
        "请取消合并，在每一格填上它那一列的值。"), across
    assert "把这个值填进每一格" not in across.message_zh
    assert down.severity == "warning" and down.message_zh.endswith("请取消合并，把这个值填进每一格。"), down


def test_an_english_shop_reads_it_in_english(tmp_path):
    path, first = _ledger(tmp_path / "shop", "en")
    (across,) = [i for i in validate_path(path).issues if i.cell == f"D{first}"]
    assert across.message_en == (
        f"D{first}:E{first} is a merged cell across columns: only D{first} holds a value in the file, and its other "
        "cells (account) read as blank, so that row is not used. Unmerge it and fill each cell with its own column's "
        "value."), across
