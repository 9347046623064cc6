"""A number typed into a choice column (100 in 收支, a row of sums typed one column over) was said as the reader
holds it: “100.0”不是可选值, a value the person never typed. It is now said as typed: “100”."""

from __future__ import annotations

import datetime as dt

from blank_books import append_by_header, ledger_with_alipay

from shopbook.validate import validate_path


def test_a_number_in_a_choice_column_is_said_as_typed(tmp_path):
    path, wb = ledger_with_alipay(tmp_path)
    ws = wb["流水"]
    ws.delete_rows(2, ws.max_row)
    append_by_header(ws, [{"日期": dt.date(2026, 11, 3), "收支": 100, "类别": "快递费", "金额": 12.5, "账户": "支付宝"}])
    wb.save(path)
    x = next(x for x in validate_path(path).issues if x.cell == "B2")
    assert x.severity == "error" and x.sheet == "流水"
    assert x.message_zh.startswith("“100”不是可选值") and x.message_en.startswith("'100' is not one of")
    assert "100.0" not in x.message_zh + x.message_en
