"""QA: an amount typed as (12.00), the accountants' negative, in the ledger's 金额 is read as
-12.00, and validate's error said `金额 = '-12.00'`: a value no cell holds, so a person searching
the sheet for it finds nothing. The issue now quotes the cell as typed, (12.00), read as before;
from the parsed-sheet cache too."""

from __future__ import annotations

import json
from decimal import Decimal

import openpyxl
import pytest
from cli_run import type_in
from test_money import shop  # noqa: F401 (the fixture, asked for by name below)
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io import cache
from shopbook.io.reader import read_workbook
from shopbook.schema import LEDGER, Entry
from shopbook.validate import validate_path

runner = CliRunner()


pytestmark = pytest.mark.usefixtures("wide_console")  # one line a message, the path whole


@pytest.fixture
def typed(request):
    """test_money's ledger, its first entry's 金额 (D2, 198.00) typed as the text (12.00)."""
    ours = request.getfixturevalue("shop")
    type_in(ours.path(LEDGER), "流水", {(2, "金额"): "(12.00)"})
    assert openpyxl.load_workbook(ours.path(LEDGER))["流水"]["D2"].value == "(12.00)"  # text, as typed
    return ours


def d2(issues) -> list:
    return [i for i in issues if i.sheet == "流水" and i.cell == "D2"]


def test_the_error_quotes_the_amount_as_typed_and_reads_it_as_before(typed):
    assert read_workbook(typed.path(LEDGER), LEDGER).rows(Entry)[0].amount == Decimal("-12.00")  # read as ever
    r = runner.invoke(app, ["validate", str(typed.folder)])
    assert r.exit_code == 1, r.output
    assert "ledger.xlsx › 流水 › D2 金额 = '(12.00)'" in r.output and "-12.00" not in r.output, r.output
    assert "金额填正数，收入或支出看“收支”列。" in r.output
    j = json.loads(runner.invoke(app, ["validate", str(typed.folder), "--json"]).stdout)
    (it,) = [i for i in j if i["cell"] == "D2"]  # (a list of the issues)
    assert (it["value"], it["value_en"], it["column"]) == ("(12.00)", "(12.00)", "金额"), it
    assert it["message_en"] == "Enter the amount as a positive number; the direction column says in or out."


def test_a_negative_typed_with_its_minus_is_quoted_as_it_was(request):
    ours = request.getfixturevalue("shop")
    type_in(ours.path(LEDGER), "流水", {(2, "金额"): "-12.00"})
    (it,) = d2(validate_path(ours.folder).issues)
    assert it.value == "-12.00"


def test_the_cache_keeps_how_it_was_typed(typed, monkeypatch):
    monkeypatch.setattr(cache, "disabled", False)
    monkeypatch.setattr(cache, "_by_folder", {})
    monkeypatch.setattr(cache, "MIN_BYTES", 0)  # this small ledger kept too
    for k in cache.stats:
        monkeypatch.setitem(cache.stats, k, 0)
    path = typed.path(LEDGER)
    cold = read_workbook(path, LEDGER)
    assert cold.sheets[Entry].typed_as == {(2, "amount"): ("-12.00", "(12.00)")}
    hits = cache.stats["hits"]
    hit = read_workbook(path, LEDGER)
    assert cache.stats["hits"] == hits + 1 and hit.sheets[Entry].typed_as == cold.sheets[Entry].typed_as
    (it,) = d2(validate_path(typed.folder).issues)
    assert it.value == "(12.00)"
