"""QA (the year's turn): a shop keeping a sheet a year (2026流水 and 2027流水, 2026日报 and 2027日报, no
sheet called 流水 or 日报) has this year's read. In January, `ledger --month` of December made a P&L of
0.00 with every 余额核对 said to disagree ('请查找漏记或记错的流水'), and `report monthly` a review of
December from the orders alone, traffic blank, unsaid: December's rows were on the sheet not read.
Now the report stops, naming the sheet not read and what to do; run a second time (the parsed-sheet
cache's copy), it says the same."""

import datetime as dt

import openpyxl
import pytest

from shopbook.issues import ShopbookError
from shopbook.money.workflow import ledger_report
from shopbook.report.monthly import build_review
from shopbook.shop import init_shop, open_shop


def _split_by_year(path, sheet: str, rows: list[dict], last_year: int) -> None:
    """`sheet` of the workbook at `path` as two sheets named for their year, `rows` on each by its date."""
    wb = openpyxl.load_workbook(path)
    old = wb[sheet]
    old.title = f"{last_year}{sheet}"
    new = wb.copy_worksheet(old)
    new.title = f"{last_year + 1}{sheet}"
    head = [c.value for c in old[1]]
    for r in rows:
        (old if r["日期"].year == last_year else new).append([r.get(h) for h in head])
    wb.save(path)


def test_a_report_of_last_year_whose_rows_are_on_last_years_sheet_stops_saying_so(tmp_path, monkeypatch):
    from shopbook.io import cache

    monkeypatch.setattr(cache, "MIN_BYTES", 0)  # (these small workbooks kept in the parsed-sheet cache too)
    y = dt.date.today().year - 1  # December of last year, reported in this year (whose sheet is read)
    folder = tmp_path / "shop"
    init_shop(folder)
    dec, jan = dt.datetime(y, 12, 30), dt.datetime(y + 1, 1, 2)
    _split_by_year(folder / "ledger.xlsx", "流水", [
        {"日期": dec, "收支": "收入", "类别": "销售收入", "金额": 500, "账户": "支付宝"},
        {"日期": jan, "收支": "收入", "类别": "销售收入", "金额": 80, "账户": "支付宝"}], y)
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    wb["账户"].append(["支付宝", dt.datetime(y, 12, 1), 1000])
    wb["类别"].append(["销售收入", "收入", "销售"])
    wb.save(folder / "ledger.xlsx")
    _split_by_year(folder / "kpi.xlsx", "日报", [{"日期": dec, "访客数": 100, "支付订单数": 2, "销售额": 500},
                                                {"日期": jan, "访客数": 90, "支付订单数": 1, "销售额": 80}], y)
    shop = open_shop(folder)
    for _ in range(2):  # read, then from the parsed-sheet cache (which kept no note of the sheet not read)
        with pytest.raises(ShopbookError) as e:
            ledger_report(shop, f"{y}-12")
        assert f"“{y}流水”表没有读取" in e.value.zh and f"（“{y + 1}流水”）" in e.value.zh, e.value.zh
        assert "表名改为“流水”" in e.value.zh and f"The sheet '{y}流水' was not read" in e.value.en
    with pytest.raises(ShopbookError) as e:
        build_review(shop, "monthly", f"{y}-12")
    assert f"“{y}日报”表没有读取" in e.value.zh and f"{y}-12 的报表要用到那里的行" in e.value.zh, e.value.zh
    # this year's month: its own lines are read, but its balances count last year's too
    with pytest.raises(ShopbookError) as e:
        ledger_report(shop, f"{y + 1}-01")
    assert f"“{y}流水”表没有读取" in e.value.zh


def test_a_daily_row_typed_with_the_year_wrong_is_pointed_at_where_its_day_is_reported(tmp_path):
    """The first days of a year: 2026-01-02 typed for 2027-01-02 by habit (or, in January, late December's
    "12-30" given this year by Excel). The row counted on no day: the day's report took its orders, no
    traffic, with '这一天日报里没有', and the month's review said nothing. Now both name the row and the day
    it is likely meant for."""
    from test_daily import demo_like_shop

    from shopbook.report.workflow import run_daily
    from shopbook.schema import KPI

    shop = demo_like_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.path(KPI))
    ws = wb["日报"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value.date() == dt.date(2026, 11, 21))
    ws.cell(row, 1).value = dt.datetime(2025, 11, 21)  # below 11-20 of 2026
    wb.save(shop.path(KPI))
    run = run_daily(shop, dt.date(2026, 11, 21), send=False, steps_only=("kpi",))  # X1 paid that day
    (kpi,) = run.steps
    said = f"kpi.xlsx › 日报 › A{row}：日期“2025-11-21”和它上下的行（2026-11-20）差了一年：是不是 2026-11-21 的年份写错了？"
    assert kpi.ok is False and said in kpi.detail, kpi.detail
    assert "是不是 2026-11-21 的年份写错了" in run.summary.kpi_note and "生意参谋" not in run.summary.kpi_note
    rev = build_review(shop, "monthly", "2026-11")
    assert [(i.row, i.severity) for i in rev.year_typos] == [(row, "warning")], rev.year_typos
    lines = rev.said(shop.reports / "月报-2026-11.xlsx")
    assert any(m == "!" and said in zh for m, zh, _ in lines) and not any(m == "✓" for m, _, _ in lines), lines
    # its year left off ("11-21" typed as text, as "1-1" on New Year's Day): the day's own row that does not
    # read, said at its cell (✗), not '日报里有读不出的单元格…这一天的行可能是其中之一' under a ✓
    wb = openpyxl.load_workbook(shop.path(KPI))
    wb["日报"].cell(row, 1).value = "11-21"
    wb.save(shop.path(KPI))
    (kpi,) = run_daily(shop, dt.date(2026, 11, 21), send=False, steps_only=("kpi",)).steps
    assert kpi.ok is False and "日报里 2026-11-21 这一行有读不出的单元格，没有用它" in kpi.detail, kpi.detail
    assert f"kpi.xlsx › 日报 › A{row} 日期“11-21”没有年份" in kpi.detail, kpi.detail


def test_an_agents_payment_typed_with_last_years_year_is_said_on_its_statement(tmp_path):
    """In the first days of a year a 收款 typed 2026-01-05 for 2027-01-05 counted in January of last year:
    taken off every statement's 上期结余 since, on none of its own month, settle's ✓ and no word. Now a
    收款 a year off the rows around it is said at its 日期 on the agent's statement (the summary no ✓)."""
    from decimal import Decimal as D

    from test_agents_settlement import line, make_shop

    from shopbook.agents.workflow import settle_month
    from shopbook.schema import Payment

    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 4, "27.50", shipped=dt.date(2026, 10, 3)),
                                      line("DL1-002", "A", 2, "27.50", shipped=dt.date(2026, 11, 3))],
                     payments=[Payment(date=dt.date(2026, 10, 9), agent_id="DL1", amount=D(110)),
                               Payment(date=dt.date(2025, 11, 9), agent_id="DL1", amount=D(55)),  # for 2026-11-09
                               Payment(date=dt.date(2026, 11, 20), agent_id="DL1", amount=D(5))])
    res = settle_month(shop, "2026-11")
    (i,) = res.statements[0].issues
    assert (i.sheet, i.cell, i.severity) == ("收款", "A3", "warning"), i
    assert "收款日期“2025-11-09”和它上下的行差了一年：是不是 2026-11-09？代理 DL1 的这笔 55.00 元现在算在 2025-11" in i.message_zh
    assert "is it 2026-11-09?" in i.message_en and res.said()[-1][0] == "!"


def test_a_balance_check_names_lines_typed_a_year_late_that_together_make_its_gap(tmp_path):
    """Late December's lines typed in January with the new year (Excel gives "12-30" the year it is typed
    in; here November's, a month already over): the month-end 余额核对 disagreed by their sum and said only
    '请查找漏记或记错的流水', no one line being the gap, and the month's P&L lacked them unsaid. Now the check
    names them and the year, and `ledger --month` each at its cell."""
    from decimal import Decimal as D

    from shopbook.schema import LEDGER, Account, BalanceCheck, Category, Entry
    from shopbook.validate import validate_path
    from shopbook.workbook_builder import write_workbook

    folder = tmp_path / "shop"
    init_shop(folder)
    E = Entry
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Entry: [E(date=dt.date(2026, 11, 2), direction="收入", category="销售收入", amount=D("200.00"), account="支付宝"),
                E(date=dt.date(2027, 11, 20), direction="收入", category="销售收入", amount=D("30.00"), account="支付宝"),
                E(date=dt.date(2027, 11, 20), direction="支出", category="直通车", amount=D("5.00"), account="支付宝"),
                E(date=dt.date(2026, 11, 25), direction="支出", category="直通车", amount=D("5.00"), account="支付宝")],
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D("1000.00"))],
        BalanceCheck: [BalanceCheck(date=dt.date(2026, 11, 30), account="支付宝", balance=D("1220.00"))],
        Category: [Category(category="销售收入", direction="收入", group="销售"),
                   Category(category="直通车", direction="支出", group="推广")]}, keep_backup=False)
    (c,) = [i for i in validate_path(folder / "ledger.xlsx").issues if i.sheet == "余额核对"]
    assert "相差 +25.00。可能的原因：流水第 3 行（支付宝 2027-11-20 收入 30.00 销售收入）：日期在核对日之后，正好晚一年；" \
           "它和第 4 行（共 2 行，都是这样）合起来正好是差额" in c.message_zh, c.message_zh
    assert "with rows 4 (2 in all, each so) it makes the gap exactly: is the year mistyped?" in c.message_en
    # and `ledger --month` of the month they were meant for says each, at its cell (a P&L lacking them)
    from shopbook.money.workflow import ledger_report

    report, _, _ = ledger_report(open_shop(folder), "2026-11")
    assert [(i.cell, i.severity) for i in report.sheet_warnings] == [("A3", "warning"), ("A4", "warning")]
    assert "日期“2027-11-20”和它上下的行差了一年：是不是 2026-11-20？这笔收入 30.00（销售收入）现在算在 2027-11 的利润表里" \
        in report.sheet_warnings[0].message_zh, report.sheet_warnings[0].message_zh


def test_the_self_check_owes_last_months_statement_less_what_was_paid_since(tmp_path):
    """December's statement paid on 01-05 (or November's on 12-03): the self-check told finance every morning
    of the new month that the whole of it was still owed ('2026-12 对账单应收 ¥11,014.90 未收齐') — the
    payment is dated after the month it pays for, so on no statement of that month. Now what was paid since
    the month ended is taken off: the rest is said, and nothing once it is all in."""
    from decimal import Decimal as D

    from test_agents_settlement import line, make_shop

    from shopbook.report.selfcheck import read_selfcheck
    from shopbook.schema import Payment

    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 2, "27.50", status="已签收", shipped=dt.date(2026, 11, 3))],
                     payments=[Payment(date=dt.date(2026, 12, 3), agent_id="DL1", amount=D(20))])

    due = [i.what for i in read_selfcheck(shop, dt.date(2026, 12, 5), []) if i.role == "finance" and "对账单应收" in i.what]
    assert due == ["2026-11 对账单应收 ¥35.00 未收齐"], due  # 55.00 billed, 20.00 paid on 12-03


def test_a_stocktake_typed_with_last_years_year_is_not_posted_a_year_back(tmp_path):
    """The first days of a year: the week's counts typed 2026-01-02 for 2027-01-02, by habit. `stocktake post
    --date 2026-01-02` (as the warning on posting the week before told: 'post them too') set them against the
    book of a year ago and wrote 盘盈/盘亏 dated then. Now it stops naming the date meant, and posting the
    other counts says it. (Here a year earlier: 2025-12-01 typed for 2026-12-01, the run on 2026-12-05.)"""
    from decimal import Decimal as D

    from shopbook.issues import DataStop
    from shopbook.schema import STOCK, Movement, Product, StocktakeCount
    from shopbook.stock.workflow import stocktake_post
    from shopbook.workbook_builder import write_workbook

    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="A", name="T恤", cost=D(10), price=D(50), opening_qty=10)],
        Movement: [Movement(date=dt.date(2026, 11, 10), sku="A", type="出库", qty=2)],
        StocktakeCount: [StocktakeCount(date=dt.date(2026, 11, 24), sku="A", counted=8),
                         StocktakeCount(date=dt.date(2025, 12, 1), sku="A", counted=7)]}, keep_backup=False)
    shop = open_shop(folder)
    with pytest.raises(DataStop) as e:
        stocktake_post(shop, dt.date(2025, 12, 1), today=dt.date(2026, 12, 5))
    assert "“盘点”表里 2025-12-01 的盘点（1 行）比其他盘点早了一年：是不是 2026-12-01 的年份写错了？" in e.value.zh, e.value.zh
    plan = stocktake_post(shop, dt.date(2026, 11, 24), dry_run=True, today=dt.date(2026, 12, 5))
    assert "比其他盘点早了一年：是不是 2026-12-01 的年份写错了？" in plan.warnings[0][0], plan.warnings
