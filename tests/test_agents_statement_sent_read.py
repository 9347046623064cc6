"""agents.workflow._statement_sent reads a statement as sent (what it billed each order), for the note that names
the orders that moved an agent's 上期结余. It held every exception (`except Exception`): a fault in reading a
statement shopbook wrote was taken for 'not a statement', and the note named no order, unsaid. Now only a file
that does not read as a workbook, or not as a statement, is None; any other fault is raised."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import pytest

from shopbook.agents import workflow
from shopbook.agents.workflow import _statement_sent, settle_month
from test_agents_settlement import d, line, make_shop


def _statement(tmp_path):
    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 2, "27.50", shipped=d(2026, 10, 3), fee="6")])
    return settle_month(shop, "2026-10").files[0]


def test_a_statement_reads_and_a_file_that_is_none_is_none(tmp_path):
    f = _statement(tmp_path)
    assert _statement_sent(f) == {"DL1-001": Decimal("61.00")}
    bad = f.with_name("DL1-甲-对账单-2026-09.xlsx")
    bad.write_bytes(b"not a workbook")  # (a sync service's half-copied file)
    assert _statement_sent(bad) is None
    assert _statement_sent(f.with_name("DL1-甲-对账单-2026-08.xlsx")) is None  # gone


def test_a_fault_reading_a_statement_is_raised_not_taken_for_no_statement(tmp_path, monkeypatch):
    f = _statement(tmp_path)

    def broken(v):
        raise InvalidOperation("a fault in shopbook, not in the file")

    monkeypatch.setattr(workflow, "money", broken)
    with pytest.raises(InvalidOperation):
        _statement_sent(f)
