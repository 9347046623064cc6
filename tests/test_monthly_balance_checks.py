"""The monthly review beside a 余额核对 that disagrees, on the demo shop's real workbooks.

The review builds its own P&L from the entries. Before, with a balance check by the month's end that
the entries do not give (an entry missing or wrong), `report monthly` printed the month under a ✓,
exit 0, and its workbook's P&L sheet said nothing. Now it says each failing check as `ledger --month`
does (the same lines, then that the P&L may be wrong), exits 1, the 月报 button is a loud box, --json
carries them as balance_issues and the P&L sheet notes them under the net. Checks that agree leave
all of it as it was."""

from __future__ import annotations

import json

import openpyxl
import pytest
from typer.testing import CliRunner

from demo_shop import demo_copy
from shopbook import xl
from shopbook.cli import app
from shopbook.schema import KPI, BalanceCheck
from test_pnl_balance_checks import loud_box_as_the_cli
from xlfake import FakeBook

CHECK_ROW = 10  # the demo's Alipay 余额核对 on 2026-11-21: 82,409.77, which the entries give
PARTIAL = {"zh": "! 2026-11 的 30 天里只有 21 天有数据", "en": "! Only 21 of the 30 days of 2026-11 have figures"}
REVIEW = {"zh": ("月报-2026-11.xlsx", "利润表", "净额"), "en": ("monthly-2026-11.xlsx", "P&L", "Net")}


pytestmark = pytest.mark.usefixtures("wide_console")  # one line a message, the path whole


def check_typed_wrong(folder, lang: str) -> None:
    """The 11-21 Alipay balance typed ¥100 over what the entries give."""
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    ws = wb[BalanceCheck.zh if lang == "zh" else BalanceCheck.en]
    ws.cell(CHECK_ROW, 3).value = 82409.77 + 100
    wb.save(folder / "ledger.xlsx")


def review(folder, *more):
    return CliRunner().invoke(app, ["report", "monthly", str(folder), "--period", "2026-11", *more])


def pnl_sheet(folder, lang: str) -> list[tuple]:
    name, sheet, _ = REVIEW[lang]
    return [r for r in openpyxl.load_workbook(folder / "reports" / name)[sheet].iter_rows(values_only=True)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_failing_balance_check_is_said_with_the_review_as_ledger_says_it(tmp_path, lang):
    folder = demo_copy(tmp_path / "shop", lang)
    check_typed_wrong(folder, lang)
    zh = lang == "zh"
    path = folder / "reports" / REVIEW[lang][0]

    r = review(folder)
    assert r.exit_code == 1, r.output
    assert "✓" not in r.output, r.output
    lines = r.output.splitlines()
    assert lines[0] == ("2026-11：订单 1,186，销售额 ¥355,172.96" if zh else "2026-11: orders 1,186, sales ¥355,172.96")
    assert lines[1].startswith(PARTIAL[lang]), lines[1]  # the demo's 日报 ends on 11-21 (test_review_days_missing)
    place = f"ledger.xlsx › {'余额核对' if zh else 'Balance checks'} › C{CHECK_ROW}"
    (warned,) = [ln for ln in lines if place in ln]
    assert warned.startswith("! ") and ("相差 +¥100.00" if zh else "by +¥100.00") in warned, warned
    assert lines[-1].startswith(f"! {path}{'：利润表可能不对' if zh else ': the P&L may be wrong'}"), lines[-1]
    assert ("1 个余额核对" if zh else "1 balance check disagrees") in lines[-1]
    assert ("the P&L" not in r.output) if zh else ("利润表" not in r.output)  # the shop's language only
    # the very lines `ledger --month` says of it, its file aside
    led = CliRunner().invoke(app, ["ledger", str(folder), "--month", "2026-11"]).output.splitlines()
    assert [ln for ln in lines if ln.startswith("! ")][1:-1] == [ln for ln in led if ln.startswith("! ")][:-1]
    after_file = (lambda ln: ln[ln.index(".xlsx") + len(".xlsx"):])
    assert after_file(lines[-1]) == after_file(led[-1])

    r = review(folder, "--json")
    assert r.exit_code == 1
    j = json.loads(r.stdout)
    assert [(i["cell"], i["value"]) for i in j["balance_issues"]] == [(f"C{CHECK_ROW}", "82509.77")]
    assert j["total"] is not None and j["pnl"] is not None  # the review itself as before

    # the workbook: under the P&L's net, the check where it is and why the P&L may be wrong
    rows = pnl_sheet(folder, lang)
    net = [r_[0] for r_ in rows].index(REVIEW[lang][2])
    assert rows[net + 1] == (None, None)
    assert rows[net + 2][0] == place and ("相差 +¥100.00" if zh else "by +¥100.00") in rows[net + 2][1]
    assert rows[net + 3][0].startswith("利润表可能不对。1 个余额核对" if zh else "The P&L may be wrong. 1 balance check")
    assert len(rows) == net + 4


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_balance_checks_that_agree_leave_the_review_as_it_was(tmp_path, lang):
    """The demo's checks all agree: the month's line, no balance_issues, the P&L sheet ends at its
    net. (No ✓ and exit 1 only for the demo's days after 11-21, which have no figures:
    test_review_days_missing.)"""
    folder = demo_copy(tmp_path / "shop", lang)
    path = folder / "reports" / REVIEW[lang][0]
    r = review(folder)
    lines = r.output.splitlines()
    assert r.exit_code == 1 and len(lines) == 3 and lines[0] == (
        "2026-11：订单 1,186，销售额 ¥355,172.96" if lang == "zh" else "2026-11: orders 1,186, sales ¥355,172.96")
    assert lines[1].startswith(PARTIAL[lang]) and lines[2] == f"– {path}", r.output  # (no ✓: part of the month)
    r = review(folder, "--json")
    assert "balance_issues" not in json.loads(r.stdout)
    assert pnl_sheet(folder, lang)[-1][0] == REVIEW[lang][2]


def test_the_weekly_review_reads_no_ledger_and_is_as_it_was(tmp_path):
    folder = demo_copy(tmp_path / "shop", "zh")
    check_typed_wrong(folder, "zh")
    r = CliRunner().invoke(app, ["report", "weekly", str(folder), "--period", "2026-W46"])  # (a week of 日报 rows)
    assert r.exit_code == 0 and r.output.splitlines()[-1].startswith("✓ ") and "!" not in r.output, r.output


def test_the_monthly_review_button_says_the_failing_check_as_the_cli_in_a_loud_box(tmp_path):
    folder = demo_copy(tmp_path / "shop", "zh")
    check_typed_wrong(folder, "zh")
    cli = review(folder)
    book = FakeBook(folder / KPI.filename)
    xl.monthly_report("2026-11", book)
    # (the days missing: the box names the 导入生意参谋… button where the command line names its command)
    loud_box_as_the_cli(book, cli.output.replace("（shopbook kpi import，", "（按“导入生意参谋…”，"))
