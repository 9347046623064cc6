"""`shopbook ledger` beside a 余额核对 that disagrees, on the demo shop's real workbooks.

A refund booked as 收入 under 销售收入 (a valid category: validate has nothing to say of the entry)
overstates the month's sales; the Alipay balance check of that month then disagrees. Before,
`ledger` printed the P&L under a ✓, exit 0, and said nothing of it. Now each failing check in or
before the month is said as validate words it (located, stated and computed, the row that likely
explains it, what to do), the P&L's line is no ✓ and says why, and the command exits 1 (validate
calls the check an error). A check that agrees leaves the output as it was."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D

import openpyxl
import pytest
from typer.testing import CliRunner

from demo_shop import demo_copy
from shopbook import xl
from shopbook.cli import app
from shopbook.money.said import ledger_said
from shopbook.money.workflow import ledger_report
from shopbook.schema import LEDGER, BalanceCheck, Entry
from shopbook.shop import open_shop
from xlfake import FakeBook

# the demo's words, per language: the Alipay account, 收入, the sales category
WORDS = {"zh": ("支付宝", "收入", "销售收入"), "en": ("Alipay", "in", "Sales")}
CHECK_ROW = 10  # the demo's 余额核对 row of Alipay on 2026-11-21: 82,409.77, which the entries give
OCTOBER_ROW = 8  # Alipay on 2026-10-31: 88,375.08


pytestmark = pytest.mark.usefixtures("wide_console")  # one line a message, the path whole


def sheet_of(wb, model, lang: str):
    return wb[model.zh if lang == "zh" else model.en]


def refund_booked_as_sales(folder, lang: str) -> int:
    """A ¥199 refund paid from Alipay on 11-10, booked as 收入 under 销售收入; the 11-21 balance check
    as Alipay shows it (the refund out of it). Its row on 流水."""
    account, inn, sales = WORDS[lang]
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    ws = sheet_of(wb, Entry, lang)
    ws.append([dt.datetime(2026, 11, 10), inn, sales, 199, account, "T-REFUND-1", None, None, "退款 refund"])
    sheet_of(wb, BalanceCheck, lang).cell(CHECK_ROW, 3).value = 82409.77 - 199
    wb.save(folder / "ledger.xlsx")
    return ws.max_row


def ledger_cli(folder, *more):
    return CliRunner().invoke(app, ["ledger", str(folder), "--month", "2026-11", *more])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_refund_booked_as_sales_is_said_with_the_pnl_and_the_pnl_is_no_tick(tmp_path, lang):
    folder = demo_copy(tmp_path / "shop", lang)
    row = refund_booked_as_sales(folder, lang)
    zh = lang == "zh"

    report, _, path = ledger_report(open_shop(folder), "2026-11")
    (issue,) = report.balance_issues
    assert (issue.book, issue.sheet, issue.cell) == ("ledger.xlsx", BalanceCheck.zh if zh else BalanceCheck.en,
                                                     f"C{CHECK_ROW}")
    # check_balances' own words: stated, computed, the row that explains it and what to do
    assert "填的是 ¥82,210.77，按流水算是 ¥82,608.77，相差 -¥398.00" in issue.message_zh
    assert f"流水第 {row} 行" in issue.message_zh and "收支可能填反了" in issue.message_zh
    assert "the stated balance ¥82,210.77 differs from the computed ¥82,608.77 by -¥398.00" in issue.message_en
    assert f"Entries row {row}" in issue.message_en and "its direction may be reversed" in issue.message_en
    said = ledger_said(report, None, path)
    assert said[-1][0] == "!" and "✓" not in [m for m, *_ in said]
    assert said[-1][1].startswith(f"{path}：利润表可能不对") and "1 个余额核对" in said[-1][1]
    assert said[-1][2].startswith(f"{path}: the P&L may be wrong") and "1 balance check disagrees" in said[-1][2]

    r = ledger_cli(folder)
    assert r.exit_code == 1, r.output
    lines = r.output.splitlines()
    assert "✓" not in r.output, r.output
    place = f"ledger.xlsx › {'余额核对' if zh else 'Balance checks'} › C{CHECK_ROW}"
    (warned,) = [ln for ln in lines if place in ln]
    assert warned.startswith("! ") and (issue.message_zh if zh else issue.message_en) in warned
    assert ("利润表可能不对" if zh else "the P&L may be wrong") in lines[-1] and lines[-1].startswith(f"! {path}")
    assert ("the P&L" not in r.output) if zh else ("利润表" not in r.output.replace(path.name, ""))  # one language

    r = ledger_cli(folder, "--json")
    assert r.exit_code == 1
    j = json.loads(r.stdout)
    assert [(i["cell"], i["value"]) for i in j["balance_issues"]] == [(f"C{CHECK_ROW}", "82210.77")]
    assert D(j["groups"]["sales"]["total"]) == D("339292.93") + 199  # the P&L itself as before: overstated


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_balance_check_that_agrees_leaves_the_output_as_it_was(tmp_path, lang):
    """The demo's checks all agree: the P&L under a ✓, exit 0, no balance_issues in --json."""
    folder = demo_copy(tmp_path / "shop", lang)
    report, _, path = ledger_report(open_shop(folder), "2026-11")
    assert report.balance_issues == []
    r = ledger_cli(folder)
    assert r.exit_code == 0 and r.output.splitlines()[-1] == f"✓ {path}", r.output
    assert "!" not in r.output
    r = ledger_cli(folder, "--json")
    assert r.exit_code == 0 and "balance_issues" not in json.loads(r.stdout)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_check_before_the_month_is_said_and_one_after_it_is_not(tmp_path, lang):
    """October's last check typed wrong is said with November's P&L (the balances November starts
    from are in doubt); November's wrong check is not said with October's P&L."""
    folder = demo_copy(tmp_path / "shop", lang)
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    sheet_of(wb, BalanceCheck, lang).cell(OCTOBER_ROW, 3).value = 88375.08 + 50
    wb.save(folder / "ledger.xlsx")
    r = ledger_cli(folder)
    assert r.exit_code == 1 and "✓" not in r.output and f"› C{OCTOBER_ROW}" in r.output, r.output
    assert "2026-10-31" in r.output and "+¥50.00" in r.output

    folder = demo_copy(tmp_path / "other", lang)
    refund_booked_as_sales(folder, lang)
    r = CliRunner().invoke(app, ["ledger", str(folder), "--month", "2026-10"])
    assert r.exit_code == 0 and r.output.splitlines()[-1].startswith("✓ ") and "!" not in r.output, r.output


def test_the_pnl_button_says_the_failing_check_as_the_cli_in_a_loud_box(tmp_path):
    folder = demo_copy(tmp_path / "shop", "zh")
    refund_booked_as_sales(folder, "zh")
    cli = ledger_cli(folder)
    book = FakeBook(folder / LEDGER.filename)
    xl.pnl("2026-11", book)
    loud_box_as_the_cli(book, cli.output)


def loud_box_as_the_cli(book, output: str) -> None:
    """The button's last box is the loud one, with no ✓, its ! lines the command's, the last why the
    P&L may be wrong (the 利润表 button, the 月报 button)."""
    alert = book.app.alerts[-1]
    assert alert["mode"] == "critical", alert
    lines = alert["prompt"].splitlines()
    assert lines[-1].startswith("! ") and "利润表可能不对" in lines[-1] and "✓" not in alert["prompt"]
    assert [ln for ln in lines if ln.startswith("! ")] == [ln for ln in output.splitlines() if ln.startswith("! ")]
