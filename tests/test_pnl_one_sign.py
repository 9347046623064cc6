"""The 利润表 and `ledger --month` sign money alike: money in +, money out −, 支出合计 too (the workbook
said 支出合计 -2,269.00 where the screen said 2,269.00); the workbook's amount column says so."""

from __future__ import annotations

import openpyxl
import pytest

from cli_run import flat, shopbook
from test_money import shop  # noqa: F401 - the fixture: 685.00 in, 2,269.00 out in 2026-11


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_expense_total_is_signed_alike_on_screen_and_in_the_workbook(shop, lang):  # noqa: F811
    if lang == "en":
        toml = shop.folder / "shopbook.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    r = shopbook("ledger", shop.folder, "--month", "2026-11")
    said = flat(r.stdout)
    label, head, name = (("支出合计", "金额（收入为正，支出为负）", "利润表-2026-11.xlsx") if lang == "zh"
                         else ("expense", "Amount (in +, out −)", "pnl-2026-11.xlsx"))
    assert f"{label}-2,269.00" in said, r.stdout
    ws = openpyxl.load_workbook(shop.reports / name).worksheets[0]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    assert rows[0][2] == head
    totals = {r[0]: r[2] for r in rows[1:] if r[0] in ("收入合计", "支出合计", "净额", "Income", "Expense", "Net")}
    assert list(totals.values()) == [685.0, -2269.0, -1584.0], totals


def test_a_group_of_money_in_and_out_shows_the_categories_its_totals_add(tmp_path):
    """QA: 运费收入 (收入, 分组 快递运费, 20.00) beside 快递费 (支出, 34.50) printed 快递运费 -14.50 and
    收入合计 1,254.50 under 销售 1,234.50: 收入合计 adds categories, and 运费收入 was nowhere on screen. Now
    a group of both signs lists its categories under it, and the totals re-add from the lines shown."""
    import datetime as dt

    from test_ledger_as_made import ENTRIES, ledger_shop

    from shopbook.money.said import ledger_said
    from shopbook.money.workflow import ledger_report
    from shopbook.shop import open_shop

    folder = ledger_shop(tmp_path, rows=[*ENTRIES, (dt.datetime(2026, 11, 4), "收入", "运费收入", "20", "支付宝")])
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    wb["类别"].append(["运费收入", "收入", "快递运费"])
    wb.save(folder / "ledger.xlsx")
    report, _, path = ledger_report(open_shop(folder), "2026-11")
    said = [flat(zh) for _, zh, _ in ledger_said(report, None, path)]
    assert said[1:7] == ["销售1,234.50", "快递运费-14.50", "快递费-34.50", "运费收入20.00", "收入合计1,254.50",
                         "支出合计-34.50"], said


def test_an_account_the_books_open_after_the_month_has_no_balance_in_it(tmp_path):
    """QA: 银行 added to the 账户 sheet on 2026-12-01 with 5,000.00; November's P&L (screen, --json and the
    利润表's 账户余额 sheet) showed 银行 期初 5,000.00 期末 5,000.00, a balance nobody stated for November.
    Now an account opened after the month is not among its balances; December's has it."""
    import datetime as dt

    from test_ledger_as_made import ENTRIES, ledger_shop

    from shopbook.money.workflow import ledger_report
    from shopbook.shop import open_shop

    folder = ledger_shop(tmp_path, rows=ENTRIES[:1])
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    wb["账户"]["B3"] = dt.datetime(2026, 12, 1)
    wb.save(folder / "ledger.xlsx")
    shop = open_shop(folder)
    report, _, path = ledger_report(shop, "2026-11")
    assert [(a["account"], a["opening"], a["closing"]) for a in report.to_json()["accounts"]] == [
        ("支付宝", "1000.00", "2234.50")]
    assert [r[0] for r in openpyxl.load_workbook(path)["账户余额"].iter_rows(min_row=2, values_only=True)] == ["支付宝"]
    report, _, _ = ledger_report(shop, "2026-12")
    assert [(a.account, str(a.opening)) for a in report.accounts] == [("支付宝", "2234.50"), ("银行", "5000.00")]


def test_the_pnl_of_the_month_under_way_says_so_in_its_file(tmp_path):
    """QA: `ledger --month` of the month under way said '（本月还没有结束：到今天为止）' on screen, but its
    利润表 workbook, read later, was titled '利润表 2026-12' like a whole month. Its title now says to which day."""
    import datetime as dt

    from test_ledger_as_made import ledger_shop

    from shopbook.money.workflow import ledger_report
    from shopbook.shop import open_shop

    shop = open_shop(ledger_shop(tmp_path))
    today = dt.date.today()
    _, _, path = ledger_report(shop, f"{today:%Y-%m}")
    assert openpyxl.load_workbook(path).active["A1"].value.endswith(f"（本月还没有结束：到 {today} 为止）")
    _, _, path = ledger_report(shop, "2026-11")
    assert openpyxl.load_workbook(path).active["A1"].value == "我的店铺 利润表 2026-11"


def test_the_pnl_of_the_month_under_way_says_the_rows_dated_after_today_it_counts():
    """QA (the month's close): the P&L of December made on 12-05 was titled 'to 2026-12-05', and counted the
    rent typed ahead for 12-25 all the same. Its title, on screen and in the file, now says how many such rows
    it holds; a month that is over says nothing of it."""
    import datetime as dt
    from decimal import Decimal as D

    from shopbook.money.ledger import pnl
    from shopbook.money.said import ledger_said
    from shopbook.schema import Account, Category, Direction, Entry

    def entry(day, amount):
        return Entry(date=day, direction=Direction.OUT, category="房租", amount=D(amount), account="支付宝")

    cats, accounts = [Category(category="房租", direction="支出", group="运营")], [
        Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D(1000))]
    rows = [entry(dt.date(2026, 12, 1), 100), entry(dt.date(2026, 12, 25), 3000)]
    report = pnl("2026-12", rows, cats, accounts, today=dt.date(2026, 12, 5))
    assert report.expense == 3100 and report.ahead == 1
    assert report.so_far() == ("（本月还没有结束：到 2026-12-05 为止；含 1 笔日期在这之后的流水）",
                               " (the month is not over: to 2026-12-05; with 1 entry dated after it)")
    head = ledger_said(report, None, None)[0]
    assert head[1] == "2026-12 利润表（本月还没有结束：到 2026-12-05 为止；含 1 笔日期在这之后的流水）", head
    assert pnl("2026-12", rows, cats, accounts, today=dt.date(2027, 1, 2)).so_far() == ("", "")
