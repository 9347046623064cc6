"""A row that is one merged cell across the table (以下为11月下半月 over the month's second half), as
staff put one above a block of rows (qa-validate4): it was two errors on one row (the merge, and
its text "not a date") and the sheet's figures stopped; it is a heading, skipped with a note, as
one typed into a single cell is. A merge over data cells is still said."""

from __future__ import annotations

from blank_books import ledger_with_alipay

from shopbook.validate import validate_path


def test_a_heading_merged_across_the_rows_is_skipped_a_merge_over_data_is_said(tmp_path):
    path, wb = ledger_with_alipay(tmp_path)
    ws = wb["流水"]
    rows = [["2026-11-01", "支出", "快递费", 12, "支付宝"], ["以下为11月下半月"],
            ["2026-11-20", "支出", "快递费", 14, "支付宝", None, None, None, "中通"],
            ["2026-11-21", "支出", "快递费", 15, "支付宝", None, None, None, None]]
    for r, row in enumerate(rows, start=2):
        for c, v in enumerate(row, start=1):
            ws.cell(r, c, v)
    ws.merge_cells("A3:I3")  # the heading across the table
    ws.merge_cells("I4:I5")  # a 备注 merged down over two entries: data cells, said
    wb.save(path)
    result = validate_path(path)
    assert [(i.cell, i.severity) for i in result.issues] == [("I4", "warning")], [i.message_zh for i in result.issues]
    note = [(n.cell, n.value, n.message_zh, n.message_en) for n in result.notes]
    assert note == [("A3", "以下为11月下半月", "第 3 行是一行分组标题（合并单元格），不是数据，已跳过。",
                     "Row 3 holds only a heading over the rows below (a merged cell), not data: skipped.")], note
