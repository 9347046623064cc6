"""A small table a person keeps under the 流水 (after a blank row: 账户 | 金额 | 备注, the month's sums by account)
was read as entries: its header row and each row under it came out as errors of their own, cell by cell, none
saying what they were (不是日期：“账户”, “100”不是可选值, “金额”必填 …, 14 of them for a table of two rows). Now the
row that begins it is one error at its cell naming its headers and the rows under it, which are not read, and
what to do; the entries above still read."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from blank_books import append_by_header, ledger_with_alipay

from shopbook.validate import validate_path


def _ledger_with_table_below(folder):
    path, wb = ledger_with_alipay(folder)
    ws = wb["流水"]
    ws.delete_rows(2, ws.max_row)
    append_by_header(ws, [{"日期": dt.date(2026, 11, 3), "收支": "支出", "类别": "快递费", "金额": 12.5, "账户": "支付宝"},
                          {"日期": dt.date(2026, 11, 4), "收支": "支出", "类别": "快递费", "金额": 8, "账户": "支付宝"}])
    ws.append([])
    ws.append(["账户", "金额", "备注"])  # row 5
    ws.append(["支付宝", 100, "11月"])
    ws.append(["微信", "¥200.00"])
    ws.append([])
    ws.append(["说明：上面是月底各账户合计"])
    wb.save(path)
    return path


def test_a_table_under_the_entries_is_one_error_at_its_header(tmp_path):
    path = _ledger_with_table_below(tmp_path)
    res = validate_path(path)
    flagged = [x for x in res.issues if x.severity in ("error", "warning")]
    assert [(x.sheet, x.cell) for x in flagged] == [("流水", "A5")], [(x.cell, x.message_zh) for x in flagged]
    x = flagged[0]
    assert x.severity == "error" and x.book == "ledger.xlsx"
    assert "第 5 行起是另一张表" in x.message_zh and "“账户”、“金额”、“备注”" in x.message_zh
    assert "第 6–7 行（2 行）没有读取" in x.message_zh and "移到另一张工作表" in x.message_zh
    assert "Row 5 begins another table" in x.message_en and "6–7 (2 rows), are not read" in x.message_en


def test_the_entries_above_it_still_read(tmp_path):
    from shopbook.io.reader import read_workbook
    from shopbook.schema import WORKBOOKS

    path = _ledger_with_table_below(tmp_path)
    spec = next(w for w in WORKBOOKS if w.filename == "ledger.xlsx")
    sd = next(s for s in read_workbook(path, spec).sheets.values() if s.sheet == "流水")
    assert [(e.row, e.amount, e.account) for e in sd.records] == [(2, Decimal("12.5"), "支付宝"),
                                                                   (3, Decimal("8"), "支付宝")]


def test_one_row_under_it_is_said_as_one(tmp_path):
    path, wb = ledger_with_alipay(tmp_path)
    ws = wb["流水"]
    ws.delete_rows(2, ws.max_row)
    append_by_header(ws, [{"日期": dt.date(2026, 11, 3), "收支": "支出", "类别": "快递费", "金额": 12.5, "账户": "支付宝"}])
    ws.append([])
    ws.append(["账户", "金额"])  # row 4
    ws.append(["支付宝", 100])
    wb.save(path)
    (x,) = [x for x in validate_path(path).issues if x.severity == "error"]
    assert x.cell == "A4" and "它下面的第 5 行没有读取" in x.message_zh
    assert "the row below it, 5, is not read" in x.message_en


def test_a_few_headers_typed_again_over_entries_that_read_are_a_note(tmp_path):
    # (日期 | 金额 typed again after a blank row, the entries under it whole: a label line, not another table)
    path, wb = ledger_with_alipay(tmp_path)
    ws = wb["流水"]
    ws.delete_rows(2, ws.max_row)
    row = {"日期": dt.date(2026, 11, 3), "收支": "支出", "类别": "快递费", "金额": 12.5, "账户": "支付宝"}
    append_by_header(ws, [row])
    ws.append([])
    ws.append(["日期", None, None, "金额"])  # row 4
    append_by_header(ws, [row | {"日期": dt.date(2026, 11, 4)}])
    wb.save(path)
    res = validate_path(path)
    assert [(x.cell, x.message_zh) for x in res.issues] == []
    assert [(n.cell, n.message_zh) for n in res.notes] == [("A4", "第 4 行是又一行表头（“日期”、“金额”），不是数据，已跳过。")]
