"""A cash journal's day typed alone in its row over that day's entries (11月6日, 11月7日（周六）), as its month is (11月),
was read as an entry: 日期“11月6日”没有年份, then “收支”“类别”“金额”“账户”必填, five errors for a heading. It is now a heading
over the rows below, skipped and said among the rows skipped; the entries under it read. A date alone that reads (a row
begun: 2026-11-05) is still said as a row short of its values."""

from __future__ import annotations

import datetime as dt

from blank_books import append_by_header, ledger_with_alipay

from shopbook.validate import validate_path


def test_a_day_typed_alone_over_its_entries_is_a_heading(tmp_path):
    path, wb = ledger_with_alipay(tmp_path)
    ws = wb["流水"]
    ws.delete_rows(2, ws.max_row)
    row = {"收支": "支出", "类别": "快递费", "金额": 12.5, "账户": "支付宝"}
    ws.append(["11月6日"])  # row 2
    append_by_header(ws, [row | {"日期": dt.date(2026, 11, 6)}])
    ws.append(["11月7日（周六）"])  # row 4
    append_by_header(ws, [row | {"日期": dt.date(2026, 11, 7)}, row | {"日期": dt.date(2026, 11, 7)}])
    ws.append([dt.date(2026, 11, 8)])  # row 7: begun, not finished
    wb.save(path)
    res = validate_path(path)
    assert sorted({x.row for x in res.issues}) == [7], [(x.cell, x.message_zh) for x in res.issues]
    assert [(n.cell, n.message_zh) for n in res.notes] == [("A2", "第 2 行是一行分组标题，不是数据，已跳过。"),
                                                          ("A4", "第 4 行是一行分组标题，不是数据，已跳过。")]
