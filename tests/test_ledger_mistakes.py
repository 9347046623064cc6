"""Mistakes a bookkeeper makes in ledger.xlsx, on real files, and what validate says of them.

A 余额核对 that disagrees named only the gap ("请查找漏记或记错的流水"): the bookkeeper then read
the whole month line by line. Where one line's amount explains the gap (a transfer booked on one
side, a line typed twice, 收支 reversed, a date typed in a later year) the check names its row."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from shopbook.schema import LEDGER, Account, BalanceCheck, Category, Entry
from shopbook.shop import init_shop
from shopbook.validate import validate_path
from shopbook.workbook_builder import write_workbook

CATEGORIES = [("销售收入", "收入", "销售"), ("直通车", "支出", "推广"),
              ("内部转出", "支出", "内部转账"), ("内部转入", "收入", "内部转账")]


def nov(n: int, year: int = 2026) -> dt.date:
    return dt.date(year, 11, n)


@pytest.fixture
def shop(tmp_path):
    """支付宝 1000, 银行 5000, 微信 100, opened 11-01; the rows of 流水 are 2…7."""
    folder = tmp_path / "shop"
    init_shop(folder)
    E = Entry
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Entry: [
            E(date=nov(2), direction="收入", category="销售收入", amount=D("200.00"), account="支付宝"),  # 2
            # 3: withdrawn to the bank; the bank's 内部转入 500 was never booked
            E(date=nov(3), direction="支出", category="内部转出", amount=D("500.00"), account="支付宝"),
            E(date=nov(4), direction="支出", category="直通车", amount=D("30.00"), account="微信"),  # 4
            E(date=nov(4), direction="支出", category="直通车", amount=D("30.00"), account="微信"),  # 5: typed twice
            # 6: paid 20 from Alipay, typed 收入 (the category is 支出: its own error too)
            E(date=nov(5), direction="收入", category="直通车", amount=D("20.00"), account="支付宝"),
            # 7: 2027 typed for 2026
            E(date=nov(5, 2027), direction="支出", category="直通车", amount=D("45.00"), account="银行"),
        ],
        Account: [Account(account=a, opening_date=nov(1), opening_balance=D(b))
                  for a, b in (("支付宝", "1000.00"), ("银行", "5000.00"), ("微信", "100.00"))],
        BalanceCheck: [  # as the bank, Alipay and WeChat show them
            BalanceCheck(date=nov(3), account="支付宝", balance=D("700.00")),  # agrees: row 2 is before it
            BalanceCheck(date=nov(6), account="支付宝", balance=D("680.00")),  # 720 computed
            BalanceCheck(date=nov(6), account="银行", balance=D("5455.00")),   # 5000 computed: +500 −45
            BalanceCheck(date=nov(6), account="微信", balance=D("70.00")),     # 40 computed
        ],
        Category: [Category(category=c, direction=d, group=g) for c, d, g in CATEGORIES],
    }, keep_backup=False)
    return folder


def test_a_balance_check_that_disagrees_names_the_line_that_explains_it(shop):
    v = validate_path(shop)
    said = {i.cell: i for i in v.errors if i.sheet == "余额核对"}
    assert set(said) == {"C3", "C4", "C5"}, [i.message_zh for i in v.errors]
    # 支付宝 −40: the 20 typed 收入 counts +20 instead of −20 (the check of 11-03 agreed: row 2 is not suspect)
    alipay = said["C3"]
    assert "流水第 6 行" in alipay.message_zh and "收支可能填反了" in alipay.message_zh
    assert "第 2 行" not in alipay.message_zh and "第 3 行" not in alipay.message_zh
    assert "Entries row 6 (支付宝 2026-11-05 in ¥20.00 直通车): its direction may be reversed" in alipay.message_en
    # 微信 +30: row 4 and row 5 are the same payment booked twice
    wechat = said["C5"]
    assert "流水第 4 行" in wechat.message_zh and "流水第 5 行" in wechat.message_zh and "重复记录" in wechat.message_zh
    assert "booked twice" in wechat.message_en
    # 银行 +455 = the missing 内部转入 500 and the 45 dated 2027: neither alone explains it
    assert "请查找漏记或记错的流水" in said["C4"].message_zh


def test_a_transfer_booked_on_one_side_and_a_date_in_the_wrong_year(shop):
    import openpyxl

    wb = openpyxl.load_workbook(shop / "ledger.xlsx")
    wb["余额核对"]["C4"] = 5500  # the bank's own figure without the 2027 line: only the transfer is missing
    wb.save(shop / "ledger.xlsx")
    said = {i.cell: i for i in validate_path(shop).errors if i.sheet == "余额核对"}
    bank = said["C4"].message_zh
    assert "流水第 3 行（支付宝 2026-11-03 支出 ¥500.00 内部转出）：是支付宝的内部转账：这边少记了对应的一行（银行 2026-11-03 +¥500.00）" in bank
    assert "its other side is missing here (银行 2026-11-03 +¥500.00)" in said["C4"].message_en
    wb["余额核对"]["C4"] = 5455  # the bank's statement: the 45 was paid on 2026-11-05, typed 2027
    wb["流水"].append([dt.datetime(2026, 11, 3), "收入", "内部转入", 500, "银行"])  # the transfer booked
    wb.save(shop / "ledger.xlsx")
    said = {i.cell: i for i in validate_path(shop).errors if i.sheet == "余额核对"}
    assert "流水第 7 行" in said["C4"].message_zh and "日期 2027-11-05 在核对日之后" in said["C4"].message_zh
    assert "dated 2027-11-05, after this check; if the money moved by 2026-11-06, correct its date" \
        in said["C4"].message_en


def test_the_same_txn_no_twice_in_one_account(tmp_path):
    """A line pasted twice (the same 流水号, account, 收支 and amount) was no error: `ledger` printed a
    P&L that counted it twice. Now it is an error at the second row's 流水号, and `ledger` stops; the
    number copied onto another payment is a warning; a transfer's two sides may share one number."""
    import openpyxl
    from typer.testing import CliRunner

    from shopbook.cli import app

    folder = tmp_path / "shop"
    init_shop(folder)
    E = Entry
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Entry: [
            E(date=nov(2), direction="收入", category="销售收入", amount=D("200.00"), account="支付宝", txn_no="T1"),
            E(date=nov(3), direction="支出", category="内部转出", amount=D("100.00"), account="支付宝", txn_no="T2"),
            E(date=nov(3), direction="收入", category="内部转入", amount=D("100.00"), account="银行", txn_no="T2"),
            E(date=nov(4), direction="支出", category="直通车", amount=D("30.00"), account="支付宝", txn_no="T3"),
        ],
        Account: [Account(account=a, opening_date=nov(1), opening_balance=D("0")) for a in ("支付宝", "银行")],
        Category: [Category(category=c, direction=d, group=g) for c, d, g in CATEGORIES],
    }, keep_backup=False)
    assert not validate_path(folder).issues
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    wb["流水"].append([dt.datetime(2026, 11, 4), "支出", "直通车", 30, "支付宝", None, "T3"])  # row 6: pasted twice
    wb["流水"].append([dt.datetime(2026, 11, 5), "支出", "直通车", 12.5, "支付宝", None, "T1"])  # row 7: T1 copied
    # rows 8-9: one payment of ¥40 split in halves over two categories, under its one number: a warning only
    wb["流水"].append([dt.datetime(2026, 11, 6), "支出", "直通车", 20, "支付宝", None, "T4"])
    wb["流水"].append([dt.datetime(2026, 11, 6), "支出", "内部转出", 20, "支付宝", None, "T4"])
    wb.save(folder / "ledger.xlsx")
    v = validate_path(folder)
    said = {(i.cell, i.severity): i for i in v.issues if i.sheet == "流水"}
    assert set(said) == {("G6", "error"), ("G7", "warning"), ("G9", "warning")}, [i.message_zh for i in v.issues]
    assert said["G6", "error"].value == "T3" and "在第 5 行已有" in said["G6", "error"].message_zh
    assert "Delete one of the rows" in said["G6", "error"].message_en
    assert "在第 2 行已有（同一账户支付宝）" in said["G7", "warning"].message_zh
    r = CliRunner().invoke(app, ["ledger", str(folder), "--month", "2026-11"])
    assert r.exit_code == 2 and "✓" not in r.output and "G6" in r.stderr, r.output


def test_the_daily_self_check_names_the_line_validate_names(shop):
    """daily's 自检 (report.selfcheck: the finance role's list) says a failing 余额核对 in validate's
    words, the transfer whose other side is missing included: it knows which categories are
    transfers, as validate does."""
    import openpyxl

    from shopbook.report.selfcheck import read_selfcheck
    from shopbook.shop import open_shop

    wb = openpyxl.load_workbook(shop / "ledger.xlsx")
    wb["余额核对"]["C4"] = 5500  # only the transfer's other side is missing
    wb.save(shop / "ledger.xlsx")
    said = {i.cell: i.message_zh for i in validate_path(shop).errors if i.sheet == "余额核对"}
    items = [i for i in read_selfcheck(open_shop(shop), today=nov(7)) if i.role == "finance"]
    bank = next(i.what for i in items if i.what.startswith("银行"))
    assert "是支付宝的内部转账：这边少记了对应的一行（银行 2026-11-03 +¥500.00）" in bank
    assert bank == said["C4"]


def test_a_cash_book_of_income_and_expense_columns_is_not_told_to_rename_one(tmp_path):
    """QA: a 流水 sheet kept as a cash book, 日期 | 类别 | 收入 | 支出 | 账户 (each amount under the column of
    its direction) was told '缺少必填列“收支”：表头“收入”是不是这一列？是的话请把它改为“收支”': done, its
    amounts would be read as directions. A header that is one of the column's values is said as such,
    with what the sheet needs: a 收支 column of 收入/支出 and the amounts in one 金额 column."""
    import openpyxl

    folder = tmp_path / "shop"
    init_shop(folder)
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    ws = wb["流水"]
    ws.delete_rows(1, ws.max_row)
    ws.append(["日期", "类别", "收入", "支出", "账户"])
    ws.append([nov(5), "快递费", None, 88.5, "支付宝"])
    ws.append([nov(6), "销售收入", 100, None, "支付宝"])
    wb.save(folder / "ledger.xlsx")
    issues = {i.column: i for i in validate_path(folder).errors if i.sheet == "流水"}
    i = issues["收入"]
    assert i.cell == "C1" and "是不是这一列" not in i.message_zh and "rename it" not in i.message_en
    assert "表头“收入”是这一列的一个值（收入、支出），不是它的列名，不能改成“收支”" in i.message_zh
    assert "金额都放在一列“金额”里，填正数" in i.message_zh and "one column 'amount'" in i.message_en


@pytest.mark.parametrize("categories, says", [
    ([("内部转账", "支出", "内部转账")],
     "内部转账的两边要两个类别：请在类别表加一个收入类别（分组填 内部转账，如 内部转入），把这一行的类别改成它。"),
    ([("内部转账", "支出", "内部转账"), ("转入", "收入", "内部转账")], "内部转账的这一边是收入：类别请改为“转入”。"),
    ([("直通车", "支出", "推广")], "改正“收支”，或换一个收入类别。"),
])
def test_a_line_the_other_way_from_its_category_says_what_to_do(tmp_path, categories, says):
    """QA: a transfer booked as a bookkeeper would, one category 内部转账 for both sides (支付宝 支出 500,
    银行 收入 500), was told '类别“内部转账”是支出，这一行却是收入。' and nothing more: a transfer's two sides
    take two categories of the transfers group, which the sheet may lack. Now the error says which to
    take, or to add; another category's line, to correct 收支 or take a category of its way."""
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Entry: [Entry(date=nov(3), direction="支出", category=categories[0][0], amount=D("500.00"), account="支付宝"),
                Entry(date=nov(3), direction="收入", category=categories[0][0], amount=D("500.00"), account="银行")],
        Account: [Account(account=a, opening_date=nov(1), opening_balance=D(1000)) for a in ("支付宝", "银行")],
        Category: [Category(category=c, direction=d, group=g) for c, d, g in categories]}, keep_backup=False)
    [i] = [i for i in validate_path(folder).errors if i.sheet == "流水"]
    assert (i.cell, i.message_zh) == ("B3", f"类别“{categories[0][0]}”是支出，这一行却是收入。{says}")
