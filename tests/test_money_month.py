"""A hand-worked month: November 2026 of a small shop, 31 ledger lines over two accounts
and a 26-line Alipay statement in Alipay's own bytes. Every expected figure below was
worked out by hand from the two tables (the sums are written out beside them), not by
the code under test.

In it: a refund, a partial refund, an order paid into Alipay that the ledger books by
order number only, one booked with no numbers at all (found by day and amount), a day's
two payments booked as one line, a service fee missing from the ledger, a payment booked
at the wrong amount, a line in the ledger that Alipay never saw, and a wrong 余额核对."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D

import openpyxl
import pytest
from test_money import classic_statement, files_of, pin_account, write_statement
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.money.workflow import ledger_report, reconcile_alipay_file
from shopbook.schema import LEDGER, Account, BalanceCheck, Category, Direction, Entry
from shopbook.shop import init_shop, open_shop
from shopbook.validate import validate_path
from shopbook.workbook_builder import write_workbook

O = {n: f"35151314732936{n:02d}" for n in range(1, 19)}  # Taobao order numbers O1 … O18

# Alipay, opening 2,000.00 on 1 November (1,500.00 opened 1 October + 500.00 sold in October)
#  txn  order  time             income  expense  balance    业务类型
STATEMENT = [
    ("S01", 1, "11-01 09:00", "100.00", "", "2100.00", "在线支付"),
    ("S02", 2, "11-01 10:00", "200.00", "", "2300.00", "在线支付"),
    ("S03", 3, "11-02 11:00", "150.00", "", "2450.00", "在线支付"),
    ("S04", 0, "11-02 15:00", "", "300.00", "2150.00", "转账"),  # 直通车 top-up
    ("S05", 4, "11-03 09:00", "80.00", "", "2230.00", "在线支付"),  # ledger: order number only
    ("S06", 2, "11-04 10:00", "", "200.00", "2030.00", "交易退款"),  # O2 refunded
    ("S07", 5, "11-05 14:00", "120.00", "", "2150.00", "在线支付"),
    ("S08", 6, "11-06 16:00", "60.50", "", "2210.50", "在线支付"),
    ("S09", 0, "11-07 00:30", "", "12.84", "2197.66", "收费"),  # service fee: not in the ledger
    ("S10", 7, "11-08 09:00", "90.00", "", "2287.66", "在线支付"),
    ("S11", 8, "11-09 13:00", "188.00", "", "2475.66", "在线支付"),  # ledger says 180.00
    ("S12", 9, "11-10 10:00", "45.00", "", "2520.66", "在线支付"),  # ledger: no numbers
    ("S13", 10, "11-11 00:05", "500.00", "", "3020.66", "在线支付"),
    ("S14", 11, "11-11 08:00", "300.00", "", "3320.66", "在线支付"),
    ("S15", 10, "11-12 10:00", "", "50.00", "3270.66", "交易退款"),  # O10 partly refunded
    ("S16", 0, "11-13 09:00", "", "66.00", "3204.66", "转账"),  # packaging supplier
    ("S17", 12, "11-14 12:00", "130.00", "", "3334.66", "在线支付"),
    ("S18", 13, "11-15 12:00", "70.00", "", "3404.66", "在线支付"),  # S18 + S19 = the ledger's
    ("S19", 14, "11-15 18:00", "40.00", "", "3444.66", "在线支付"),  # one 110.00 line of the day
    ("S20", 0, "11-16 00:30", "", "8.16", "3436.50", "收费"),
    ("S21", 15, "11-18 10:00", "210.00", "", "3646.50", "在线支付"),
    ("S22", 16, "11-20 09:00", "95.00", "", "3741.50", "在线支付"),
    ("S23", 17, "11-22 14:00", "160.00", "", "3901.50", "在线支付"),
    ("S24", 16, "11-25 10:00", "", "95.00", "3806.50", "交易退款"),  # O16 refunded
    ("S25", 18, "11-28 16:00", "240.00", "", "4046.50", "在线支付"),
    ("S26", 0, "11-30 20:00", "", "200.00", "3846.50", "转账"),  # 直通车 top-up
]

#  date    收支  category     amount     account  order  txn
LEDGER_LINES = [
    ("10-20", "收入", "销售收入", "500.00", "支付宝", None, "S00"),  # October: before the statement
    ("11-01", "收入", "销售收入", "100.00", "支付宝", 1, "S01"),
    ("11-01", "收入", "销售收入", "200.00", "支付宝", 2, "S02"),
    ("11-02", "收入", "销售收入", "150.00", "支付宝", 3, "S03"),
    ("11-02", "支出", "直通车", "300.00", "支付宝", None, "S04"),
    ("11-03", "收入", "销售收入", "80.00", "支付宝", 4, None),
    ("11-04", "支出", "退款", "200.00", "支付宝", 2, "S06"),
    ("11-05", "收入", "销售收入", "120.00", "支付宝", 5, "S07"),
    ("11-06", "收入", "销售收入", "60.50", "支付宝", 6, "S08"),
    ("11-08", "收入", "销售收入", "90.00", "支付宝", 7, "S10"),
    ("11-09", "收入", "销售收入", "180.00", "支付宝", 8, "S11"),
    ("11-10", "收入", "销售收入", "45.00", "支付宝", None, None),
    ("11-11", "收入", "销售收入", "500.00", "支付宝", 10, "S13"),
    ("11-11", "收入", "销售收入", "300.00", "支付宝", 11, "S14"),
    ("11-12", "支出", "退款", "50.00", "支付宝", 10, "S15"),
    ("11-13", "支出", "包装耗材", "66.00", "支付宝", None, "S16"),
    ("11-14", "收入", "销售收入", "130.00", "支付宝", 12, "S17"),
    ("11-15", "收入", "销售收入", "110.00", "支付宝", None, None),
    ("11-16", "支出", "平台服务费", "8.16", "支付宝", None, "S20"),
    ("11-18", "收入", "销售收入", "210.00", "支付宝", 15, "S21"),
    ("11-20", "收入", "销售收入", "95.00", "支付宝", 16, "S22"),
    ("11-22", "收入", "销售收入", "160.00", "支付宝", 17, "S23"),
    ("11-25", "支出", "退款", "95.00", "支付宝", 16, "S24"),
    ("11-28", "收入", "销售收入", "240.00", "支付宝", 18, "S25"),
    ("11-29", "收入", "销售收入", "55.00", "支付宝", None, "S99"),  # Alipay never saw it
    ("11-30", "支出", "直通车", "200.00", "支付宝", None, "S26"),
    ("11-05", "支出", "采购货款", "3000.00", "银行", None, None),
    ("11-10", "支出", "工资", "4000.00", "银行", None, None),
    ("11-15", "支出", "快递费", "450.00", "银行", None, None),
    ("11-20", "支出", "包装耗材", "120.00", "银行", None, None),
    ("11-25", "收入", "代理结算", "800.00", "银行", None, None),
    ("11-30", "支出", "其他支出", "35.00", "银行", None, None),
]

# the 分组 words as staff type them
CATEGORIES = [("销售收入", "收入", "销售"), ("退款", "支出", "退款"), ("采购货款", "支出", "商品成本"),
              ("快递费", "支出", "快递运费"), ("直通车", "支出", "推广"), ("工资", "支出", "工资"),
              ("包装耗材", "支出", "包装耗材"), ("代理结算", "收入", "代理结算"), ("平台服务费", "支出", "其他"),
              ("其他支出", "支出", "其他")]


def date(md: str) -> dt.date:
    return dt.date(2026, int(md[:2]), int(md[3:]))


@pytest.fixture
def month(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    entries = [Entry(date=date(d), direction=dr, category=c, amount=D(a), account=acc,
                     order_no=O[o] if o else None, txn_no=t) for d, dr, c, a, acc, o, t in LEDGER_LINES]
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Entry: entries,
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 10, 1), opening_balance=D("1500.00")),
                  Account(account="银行", opening_date=dt.date(2026, 11, 1), opening_balance=D("10000.00"))],
        BalanceCheck: [BalanceCheck(date=date("11-06"), account="支付宝", balance=D("2210.50")),  # right
                       BalanceCheck(date=date("11-15"), account="支付宝", balance=D("3440.00")),  # wrong
                       BalanceCheck(date=date("11-30"), account="银行", balance=D("3195.00"))],  # right
        Category: [Category(category=c, direction=d_, group=g) for c, d_, g in CATEGORIES],
    }, keep_backup=False)
    lines = [[t, f"2026{t[1:]}22{i:05d}", f"T200P{O[o]}" if o else "", "商品", f"2026-{when}:00", "buyer",
              inc, exp, bal, "支付宝", kind, ""] for i, (t, o, when, inc, exp, bal, kind) in enumerate(STATEMENT)]
    statement = write_statement(tmp_path, classic_statement(lines))
    return open_shop(folder), statement


def test_the_months_pnl_and_balances(month):
    shop, _ = month
    report, _, path = ledger_report(shop, "2026-11")
    # sales: 100 + 200 + 150 + 80 + 120 + 60.50 + 90 + 180 + 45 + 500 + 300 + 130 + 110 + 210 + 95 + 160
    #        + 240 + 55 = 2,825.50; refunds 200 + 50 + 95; advertising 300 + 200; packaging 66 + 120;
    # other: the platform fee 8.16 + the bank's 35.00
    assert {g: report.group_total(g) for g in report.lines} == {
        "sales": D("2825.50"), "refunds": D("-345.00"), "cost of goods": D("-3000.00"), "shipping": D("-450.00"),
        "advertising": D("-500.00"), "salaries": D("-4000.00"), "packaging": D("-186.00"),
        "agent settlements": D("800.00"), "other": D("-43.16")}
    # income 2,825.50 + 800; expense 345 + 3,000 + 450 + 500 + 4,000 + 186 + 43.16
    assert (report.income, report.expense, report.net) == (D("3625.50"), D("8524.16"), D("-4898.66"))
    # Alipay: 1,500 + October's 500 = 2,000 at the start of November; out 300 + 200 + 50 + 66 + 8.16 + 95 + 200
    # Bank: out 3,000 + 4,000 + 450 + 120 + 35, in 800
    assert {a.account: (a.opening, a.income, a.expense, a.closing) for a in report.accounts} == {
        "支付宝": (D("2000.00"), D("2825.50"), D("919.16"), D("3906.34")),
        "银行": (D("10000.00"), D("800.00"), D("7605.00"), D("3195.00"))}
    ws = openpyxl.load_workbook(path)["利润表"]
    assert [r[2].value for r in ws.iter_rows(min_row=4) if r[0].value == "净额"] == [-4898.66]


def test_the_pnl_workbook_says_the_wrong_balance_check_and_shows_money_to_the_fen(month):
    """QA: `ledger --month` said the wrong 余额核对 (11-15) and '利润表可能不对' on screen only: the 利润表
    workbook it wrote, which is what is kept and sent on, read as a P&L with nothing amiss; and its 账户余额
    sheet showed 3906.34 beside 2000 (General format: 2000.5 for 2,000.50). Now the workbook says each
    failing check and why the P&L may be wrong below the net, as the monthly review's P&L sheet does,
    and every money cell shows its fen."""
    shop, _ = month
    _, _, path = ledger_report(shop, "2026-11")
    wb = openpyxl.load_workbook(path)
    texts = [r[0].value for r in wb["利润表"].iter_rows() if isinstance(r[0].value, str)]
    assert "ledger.xlsx › 余额核对 › C3" in texts and any(t.startswith("利润表可能不对。1 个余额核对") for t in texts), texts
    acc = wb["账户余额"]
    assert [c.value for c in acc[2]] == ["支付宝", 2000, 2825.5, 919.16, 3906.34]
    assert {c.number_format for row in acc.iter_rows(min_row=2, min_col=2) for c in row} == {"#,##0.00"}
    assert {r[1].number_format for r in wb["毛利"].iter_rows()} == {"#,##0.00"}


def test_the_ledger_checks_find_the_wrong_balance_check(month):
    shop, _ = month
    issues = [i for i in validate_path(shop.folder).errors if i.sheet == "余额核对"]
    # Alipay by the ledger at the end of 15 November: 2,000 + 100 + 200 + 150 − 300 + 80 − 200 + 120 + 60.50
    # + 90 + 180 + 45 + 500 + 300 − 50 − 66 + 130 + 110 = 3,449.50; stated 3,440.00
    assert [(i.cell, i.value) for i in issues] == [("C3", "3440.00")]
    assert "¥3,449.50" in issues[0].message_zh and "-¥9.50" in issues[0].message_en


def test_the_months_reconciliation(month, tmp_path):
    shop, statement = month
    res = reconcile_alipay_file(shop, statement)
    r = res.result
    by_txn = [f"S{n:02d}" for n in (1, 2, 3, 4, 6, 7, 8, 10, 13, 14, 15, 16, 17, 20, 21, 22, 23, 24, 25, 26)]
    assert sorted(p.line.txn_no for p in r.matched) == sorted(by_txn + ["S05", "S12"])  # by order no., by day
    assert {p.line.txn_no: p.entry.order_no for p in r.matched}["S05"] == O[4]
    ((day_total, parts),) = r.grouped
    assert (day_total.date, day_total.amount, [x.txn_no for x in parts]) == (date("11-15"), D("110.00"), ["S18", "S19"])
    assert [(p.line.txn_no, p.line.amount, p.entry.amount) for p in r.amount_differs] == [("S11", D("188.00"), D("180.00"))]
    assert [x.txn_no for x in r.alipay_only] == ["S09"]
    assert [e.txn_no for e in r.ledger_only] == ["S99"]
    (fee,) = r.proposed
    assert (fee.date, fee.direction, fee.category, fee.amount, fee.account) == (
        date("11-07"), Direction.OUT, "平台服务费", D("12.84"), "支付宝")
    assert r.counts() == {"matched": 24, "amount_differs": 1, "alipay_only": 1, "ledger_only": 1,
                          "probable_duplicates": 0, "on_another_account": 0, "proposed": 1}
    # the statement's own running balance holds; its end of 15 November is 3,444.66, against 3,440.00 stated
    assert res.statement_issues == []
    (wrong,) = res.balance_issues
    assert wrong.row == 3 and "¥3,444.66" in wrong.message_zh and "-¥4.66" in wrong.message_en

    # the wrong 余额核对 and no account named: --apply books nothing and writes nothing
    files = files_of(shop.folder)
    out = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(statement), "--apply", "--json"])
    j = json.loads(out.stdout)
    assert out.exit_code == 1 and j["applied"] == 0 and j["report"] is None and "余额核对" in j["refused"]["message_zh"]
    assert files_of(shop.folder) == files
    # the CLI says the same, and --apply books the missing fee once the account is named
    shop = pin_account(shop)
    out = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(statement), "--apply", "--json"])
    j = json.loads(out.stdout)
    assert j["applied"] == 1 and j["account"] == "20881234567890120156"
    assert (j["matched"], j["amount_differs"], j["alipay_only"], j["ledger_only"]) == (24, 1, 1, 1)
    report, _, _ = ledger_report(shop, "2026-11")
    # other: 43.16 + 12.84; Alipay closing 3,906.34 − 12.84
    assert (report.group_total("other"), report.net) == (D("-56.00"), D("-4911.50"))
    assert {a.account: a.closing for a in report.accounts}["支付宝"] == D("3893.50")
    again = reconcile_alipay_file(shop, statement).result
    assert again.alipay_only == [] and again.counts()["matched"] == 25


def test_ledger_month_says_the_blank_entries_sheet_whose_rows_are_in_another(tmp_path):
    """流水 left blank, the month's lines typed into 流水2026 (same headers) beside it: `ledger --month`
    made a P&L of nothing with a ✓, unsaid; validate warned. Now it says the reader's warning, names the
    report without a ✓, and carries it in --json."""
    import openpyxl
    from typer.testing import CliRunner

    from shopbook.cli import app
    from test_money import money_shop_at

    shop = money_shop_at(tmp_path)
    path = shop.folder / "ledger.xlsx"
    wb = openpyxl.load_workbook(path)
    wb.copy_worksheet(wb["流水"]).title = "流水2026"
    wb["流水"].delete_rows(2, wb["流水"].max_row)
    wb["余额核对"].delete_rows(2, wb["余额核对"].max_row)  # (none to disagree: the P&L would get its ✓)
    wb.save(path)
    r = CliRunner().invoke(app, ["ledger", str(shop.folder), "--month", "2026-11"])
    said = "".join(r.output.split())
    assert "!ledger.xlsx›流水2026：“流水”里没有数据，而“流水2026”有相同的表头" in said, r.output
    assert "✓" not in said and "–" + str(shop.folder / "reports") in said, r.output
    r = CliRunner().invoke(app, ["ledger", str(shop.folder), "--month", "2026-11", "--json"])
    got = json.loads(r.output)["sheet_warnings"]
    assert [w["sheet"] for w in got] == ["流水2026"]
    # and the 利润表 file, which outlives the screen, says it below its figures (review)
    cells = [c for row in openpyxl.load_workbook(shop.folder / "reports" / "利润表-2026-11.xlsx")["利润表"].values
             for c in row if isinstance(c, str)]
    assert any("“流水”里没有数据，而“流水2026”有相同的表头" in c for c in cells), cells


def test_the_monthly_review_says_the_blank_entries_sheet_and_signs_its_pnl_as_ledger_does(tmp_path, wide_console):
    """QA: with 流水 blank and the month's lines in 流水2026, `report monthly` made its review with no P&L
    and a ✓, unsaid (`ledger --month` says it). It says the reader's warning now, without a ✓; and its
    利润表 sheet's column says its sign, as `ledger`'s 利润表 does (expenses negative)."""
    import openpyxl
    from typer.testing import CliRunner

    from demo_shop import november_copy as demo_copy
    from shopbook.cli import app

    folder = tmp_path / "demo"
    demo_copy(folder)
    r = CliRunner().invoke(app, ["report", "monthly", str(folder), "--period", "2026-11"])
    made = next((folder / "reports").glob("月报-2026-11*.xlsx"))
    pnl = openpyxl.load_workbook(made)["利润表"]
    assert pnl["B1"].value == "金额（收入为正，支出为负）", r.output
    rows = {row[0]: row[1] for row in pnl.iter_rows(min_row=2, values_only=True) if row[0]}
    assert rows["商品成本"] < 0 < rows["销售"]
    path = folder / "ledger.xlsx"
    wb = openpyxl.load_workbook(path)
    wb.copy_worksheet(wb["流水"]).title = "流水2026"
    wb["流水"].delete_rows(2, wb["流水"].max_row)
    wb["余额核对"].delete_rows(2, wb["余额核对"].max_row)
    wb.save(path)
    r = CliRunner().invoke(app, ["report", "monthly", str(folder), "--period", "2026-11"])
    said = "".join(r.output.split())
    assert "!ledger.xlsx›流水2026：“流水”里没有数据，而“流水2026”有相同的表头" in said, r.output
    assert "✓" not in said, r.output
