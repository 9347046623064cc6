"""A kind kept on a sheet a month, named 2026-11 beside 2026-12 (or 2026_11, as LibreOffice's copy names
it), read as one in date order: a sheet's name keeps its hyphen and underscore when compared, unlike a
column's header (Unit Price for unit_price), or 2026-11 is no month and its rows go unread."""

from __future__ import annotations

import pytest
from blank_books import append_by_header, ledger_with_alipay

from shopbook.io.reader import read_workbook
from shopbook.schema import LEDGER
from shopbook.schema.ledger import Entry
from shopbook.validate import validate_path


@pytest.mark.parametrize("names", [("2026-11", "2026-12"), ("2026_11", "2026_12")])
def test_month_sheets_named_with_a_hyphen_are_read_as_one(tmp_path, names):
    path, wb = ledger_with_alipay(tmp_path)
    nov = wb["流水"]
    nov.title = names[0]
    dec = wb.copy_worksheet(nov)
    dec.title = names[1]
    line = {"收支": "支出", "类别": "快递费", "账户": "支付宝"}
    append_by_header(nov, [{**line, "日期": "2026-11-03", "金额": 12}])
    append_by_header(dec, [{**line, "日期": "2026-12-01", "金额": 8}])
    wb.save(path)

    entries = read_workbook(path, LEDGER, (Entry,)).rows(Entry)
    assert sorted(str(e.amount) for e in entries) == ["12.00", "8.00"]
    assert not [i for i in validate_path(path).issues if i.severity != "note"]
