"""Payment statements in the shapes Alipay and WeChat Pay write them, where what they say is more
than a line of money: Alipay's running balance (a blank cell, lines of one second listed either
way), WeChat's refund state, and the categories lines of no sale, refund or fee are proposed under."""

from __future__ import annotations


import datetime as dt
from decimal import Decimal as D

import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.schema import LEDGER, Direction, Entry
import test_money
from test_money import balance_agrees, classic_statement, november_lines, pin_account, write_statement


@pytest.fixture
def shop(tmp_path):
    return test_money.shop.__wrapped__(tmp_path)


def _cli(*args: str):
    return CliRunner().invoke(app, [*args])


def test_a_blank_balance_and_a_fee_listed_before_its_sale_are_no_break_in_the_running_balance(shop, tmp_path):
    """QA: the running balance was checked over the lines that have one only, so a line whose 账户余额
    is blank left its money out of the next line's (1297.00 − 120.00 = 1177.00 ≠ 1078.00: "balance
    breaks"), and lines of one second (a sale and its fee) were taken in the file's order, where
    Alipay may list them the other way (three breaks). Either refused --apply on a statement with
    nothing wrong. Now a line without a balance carries its money to the next, lines of one second
    are taken in the order their balances run, and the statement books (exit 0)."""
    shop = pin_account(balance_agrees(shop))
    lines = november_lines()
    lines[4][6], lines[4][8], lines[5][8] = "300.00", "1378.00", "1372.06"  # A6 as the ledger has it
    lines[2][8] = ""  # A3's balance blank
    # A6's fee, in A6's second, listed before it though its balance is after it
    lines.insert(4, ["F6", "2026111022016", "", "服务费", "2026-11-10 15:00:00", "tmall", "", "0.99", "1377.01",
                     "支付宝", "收费", ""])
    lines[6][8] = "1371.07"  # A7 after both
    lines.append(["A8", "2026112022008", "", "收款", "2026-11-20 09:00:00", "tb_dan", "88.00", "", "1459.07",
                  "支付宝", "在线支付", ""])
    path = write_statement(tmp_path, classic_statement(lines))
    r = _cli("reconcile", "alipay", str(shop.folder), str(path), "--apply")
    out = "".join(r.output.split())
    assert "余额对不上" not in out and "没有补录" not in out, r.output
    assert r.exit_code == 0 and "✓已补录2条流水" in out, r.output  # F6 and A7, the fees the ledger lacks
    booked = [e.txn_no for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)]
    assert "F6" in booked and "A7" in booked


def test_a_running_balance_gap_is_said_where_it_opens_and_one_that_closes_is_none(shop, tmp_path):
    """Alipay says its 账户余额 is for reference: not continuous line by line, consistent in the end. A
    balance off on one line that the next runs on from (Alipay's order of postings) is no error; a
    gap that stays to the last line is one error, where it opens: the line before it (row, time,
    balance), the money between (a line without a balance counts), and the difference."""
    from shopbook.money.alipay import check_running_balance, read_statement

    lines = november_lines()
    lines[3][8] = "1079.00"  # A5 alone off: A6 runs on from 1078.00
    st = read_statement(write_statement(tmp_path, classic_statement(lines), "once.csv"))
    assert check_running_balance(st) == []
    lines = november_lines()
    lines[2][8] = ""  # A3 (line 8) without a balance
    for x in lines[3:]:  # a yuan more from A5 (line 9) to the last line
        x[8] = str(D(x[8]) + 1)
    st = read_statement(write_statement(tmp_path, classic_statement(lines)))
    (err,) = check_running_balance(st)
    assert (err.severity, err.row, err.column, err.value) == ("error", 9, "账户余额", "1079.00")
    assert err.message_zh.startswith("对账单余额对不上：第 7 行（2026-11-02 11:00:00）余额 1297.00，加上其后到本行 2 行的钱 -219.00，"
                                     "应是 1078.00，本行余额却是 1079.00（相差 +1.00）")
    assert "row 7 (2026-11-02 11:00:00) has a balance of 1297.00" in err.message_en
    assert "a difference of +1.00" in err.message_en


def test_a_wechat_refund_still_processing_is_never_booked_as_paid(tmp_path):
    """QA: the trade bill's 退款状态 was never read: a refund row still PROCESSING (its money not yet
    out) was a line of -198.00 like a refund that succeeded, matched to the ledger's refund and booked
    by --apply with its fee given back (exit 0, ✓). Now it is no line to match or book: said at its
    row (its state, refund number, order and amount, what to do), counted on the summary line, exit 1
    until a person books it; the summary's 退款总金额 still counts it (the bill is whole)."""
    import test_wechat
    from test_wechat import merchant_bill, trade

    from shopbook.money.wechat import read_wechat

    rows = [list(r) for r in test_wechat.TRADES]
    rows[2][19] = "PROCESSING"  # W1002's refund
    path = tmp_path / "1900000109_All_20261102_20261104.csv"
    path.write_bytes(merchant_bill(rows))
    st = read_wechat(path)
    assert "50300001002" not in {x.txn_no for x in st.lines} and "50300001002#手续费" not in {x.txn_no for x in st.lines}
    (said,) = st.issues
    assert (said.severity, said.row, said.column, said.value) == ("warning", 4, "退款状态", "PROCESSING")
    assert "退款还在处理中" in said.message_zh and "50300001002" in said.message_zh and "198.00" in said.message_zh
    assert "still being processed" in said.message_en and st.complete

    # the ledger has the refund booked already: paired with it, never "ledger only", never matched as paid
    shop = test_wechat.shop.__wrapped__(tmp_path)
    from shopbook.money.workflow import reconcile_wechat_file

    res = reconcile_wechat_file(shop, path)
    r = res.result
    assert [(p.line.txn_no, p.entry.row) for p in r.pending_booked] == [("50300001002", 5)]
    assert "50300001002" not in {p.line.txn_no for p in r.matched} and 5 not in {e.row for e in r.ledger_only}
    assert any("流水账第 5 行已记了这笔退款" in i.message_zh for i in res.statement_issues)

    # a ledger without it: --apply books the rest, never the refund nor its fee given back; exit 1
    bare = tmp_path / "bare"
    from shopbook.shop import init_shop, open_shop
    from shopbook.workbook_builder import write_workbook
    from shopbook.schema import Account, Category

    init_shop(bare)
    write_workbook(bare / "ledger.xlsx", LEDGER, "zh", {
        Entry: [], Account: [Account(account="微信", opening_date=dt.date(2026, 11, 1), opening_balance=D(0))],
        Category: [Category(category=c, direction=d, group=g) for c, d, g in (
            ("销售收入", "收入", "sales"), ("退款", "支出", "refunds"), ("平台服务费", "支出", "other"),
            ("其他收入", "收入", "other"))]}, keep_backup=False)
    r = _cli("reconcile", "wechat", str(bare), str(path), "--apply")
    out = "".join(r.output.split())
    assert r.exit_code == 1 and "退款未完成1" in out and "1笔退款还没有成功（对账单第4行）" in out, r.output
    assert "已补录6条流水" in out  # the sales, their fees: what is paid
    booked = {e.txn_no for e in read_workbook(open_shop(bare).path(LEDGER), LEDGER).rows(Entry)}
    assert "50300001002" not in booked and "50300001002#手续费" not in booked and "4200001002" in booked
    # a refund that succeeded (SUCCESS, as the bill writes it) is paid, as before
    rows[2][19] = "SUCCESS"
    path.write_bytes(merchant_bill(rows))
    assert "50300001002" in {x.txn_no for x in read_wechat(path).lines} and trade


def test_alipay_profit_sharing_is_a_platform_fee_not_other_expenses(shop, tmp_path):
    """QA: Alipay's 交易分账 (the platform's commission taken from a payment: 天猫佣金, 淘宝客) read as a
    sale by its word 交易, so money out of it was proposed as 其他支出, which this shop's 类别 sheet
    lacks: --apply left it out (exit 1) and told the person to add 其他支出. It is a fee: 平台服务费."""
    shop = pin_account(balance_agrees(shop))
    lines = november_lines()
    lines[4][6], lines[4][8], lines[5][8] = "300.00", "1378.00", "1372.06"  # A6 as the ledger has it
    lines.append(["A8", "2026112022008", "", "收款", "2026-11-20 09:00:00", "tb_dan", "88.00", "", "1460.06",
                  "支付宝", "在线支付", ""])
    lines.append(["A9", "2026112122009", f"T200P{test_money.O81}", "天猫佣金", "2026-11-21 09:00:00", "tmall", "",
                  "9.30", "1450.76", "支付宝", "交易分账", f"{test_money.O81}天猫佣金扣款"])
    path = write_statement(tmp_path, classic_statement(lines))
    r = _cli("reconcile", "alipay", str(shop.folder), str(path), "--apply")
    out = "".join(r.output.split())
    assert r.exit_code == 0 and "✓已补录2条流水" in out and "其他支出" not in out, r.output
    (booked,) = [e for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry) if e.txn_no == "A9"]
    assert (booked.category, booked.direction.value, booked.amount) == ("平台服务费", "支出", D("9.30"))


def test_a_wechat_fee_given_back_goes_to_the_shops_own_category_or_says_why_other_income(tmp_path):
    """A refund gives part of WeChat's fee back: money in, which 平台服务费 (an expense category) cannot
    take. Without a category of the shop's own for it, it is proposed as 其他收入 and that is said once,
    with what to add; with 手续费返还 on the 类别 sheet (typed by a person), it is booked there, and
    its note says it is a fee given back."""
    import openpyxl
    import test_wechat
    from test_wechat import merchant_bill

    shop = test_wechat.shop.__wrapped__(tmp_path)
    path = tmp_path / "1900000109_All_20261102_20261104.csv"
    path.write_bytes(merchant_bill())
    r = _cli("reconcile", "wechat", str(shop.folder), str(path))
    out = "".join(r.output.split())
    assert "1条退回的手续费（共1.19元，对账单第4行）建议补录为“其他收入”" in out, r.output
    assert "请在“类别”表加一行“手续费返还”（收入，分组与“平台服务费”相同）" in out
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb["类别"].append(["手续费返还", "收入", "其他"])
    wb.save(shop.path(LEDGER))
    r = _cli("reconcile", "wechat", str(shop.folder), str(path), "--apply")
    assert "退回的手续费" not in "".join(r.output.split()), r.output
    (back,) = [e for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry) if e.txn_no == "50300001002#手续费"]
    assert (back.category, back.direction.value, back.amount) == ("手续费返还", "收入", D("1.19"))
    assert back.note == "对账补录 手续费退回 连衣裙"


def test_a_line_that_names_one_of_the_shops_categories_is_proposed_under_it(shop, tmp_path):
    """QA: Alipay pays 直通车 to alimama as a 转账 named 直通车 (as in the README's example statement);
    missing from the ledger, it was proposed as 其他支出, which this shop's 类别 sheet lacks, beside
    its own 直通车: --apply left it out and told the person to add 其他支出 (exit 1). A fee or a line of
    no known kind whose 商品名称 names one of the shop's categories of its direction goes there; a
    category of the other direction is never taken (a 直通车 refund in is not an expense)."""
    shop = pin_account(balance_agrees(shop))
    lines = november_lines()
    lines[4][6], lines[4][8], lines[5][8] = "300.00", "1378.00", "1372.06"  # A6 as the ledger has it
    lines.append(["A8", "2026112022008", "", "收款", "2026-11-20 09:00:00", "tb_dan", "88.00", "", "1460.06",
                  "支付宝", "在线支付", ""])
    lines.append(["A9", "2026112122009", "", "直通车", "2026-11-21 23:10:00", "alimama", "", "206.78", "1253.28",
                  "支付宝", "转账", ""])
    path = write_statement(tmp_path, classic_statement(lines))
    r = _cli("reconcile", "alipay", str(shop.folder), str(path), "--apply")
    out = "".join(r.output.split())
    assert r.exit_code == 0 and "✓已补录2条流水" in out and "其他支出" not in out, r.output
    (booked,) = [e for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry) if e.txn_no == "A9"]
    assert (booked.category, booked.direction.value, booked.amount) == ("直通车", "支出", D("206.78"))
    from shopbook.money.alipay import StatementLine
    from shopbook.money.reconcile import propose_entry

    back = StatementLine(1, "X", "", "", dt.datetime(2026, 11, 22), D("5.00"), None, "转账", "", "直通车退款", "")
    assert propose_entry(back, "支付宝", ways={"直通车": Direction.OUT}).category == "其他收入"


def test_a_days_last_balance_shown_before_a_posting_is_not_the_days_end(shop, tmp_path):
    """QA: the 余额核对 were checked against the balance on the day's last line as written. Alipay's
    balance is consistent in the end, not on each line: A5, the last line of 6 November, shows
    1079.00 and the next line runs on from 1078.00. The check typed right (1078.00) was called wrong
    (支付宝对账单当天日终余额是 1079.00), and, the statement's account named nowhere, --apply booked
    nothing. The day's end is now the statement's money from its last balance."""
    from shopbook.money.alipay import balance_at, read_statement

    shop = balance_agrees(shop)  # 1078.00 on 6 November, as the lines' money gives it
    lines = november_lines()
    lines[3][8] = "1079.00"  # A5 (11-06), its balance shown off by a yuan; A6 runs on from 1078.00
    lines[4][6], lines[4][8], lines[5][8] = "300.00", "1378.00", "1372.06"  # A6 as the ledger has it
    lines.append(["A8", "2026112022008", "", "收款", "2026-11-20 09:00:00", "tb_dan", "88.00", "", "1460.06",
                  "支付宝", "在线支付", ""])
    path = write_statement(tmp_path, classic_statement(lines))
    st = read_statement(path)
    assert [balance_at(st, dt.date(2026, 11, d)) for d in (1, 6, 30)] == [None, D("1078.00"), D("1460.06")]
    r = _cli("reconcile", "alipay", str(shop.folder), str(path), "--apply")
    out = "".join(r.output.split())
    assert "余额核对" not in out and "没有补录" not in out, r.output
    assert r.exit_code == 0 and "✓已补录1条流水" in out, r.output


def test_the_shops_alipay_account_as_the_merchant_site_shows_it_is_its_statements(shop, tmp_path):
    """QA: a statement's #账号 is the 2088 partner id with four digits more ([20881234567890120156]);
    the merchant site shows the partner id alone (2088123456789012), and 资金流水 writes the login
    before it (shop***@example.com[2088123456789012]). shopbook.toml naming the account as the site
    shows it, the shop's own statement was "支付宝账号 20881234567890120156 的对账单，店铺的支付宝账号是
    2088123456789012": an error, and --apply booked nothing; the 资金流水's account was read as
    'shop***@example.com[2088123456789012'. One partner id is one account, however it is written."""
    import test_money

    shop = test_money.pin_account(balance_agrees(shop), "2088123456789012")
    lines = november_lines()
    lines[4][6], lines[4][8], lines[5][8] = "300.00", "1378.00", "1372.06"  # A6 as the ledger has it
    lines.append(["A8", "2026112022008", "", "收款", "2026-11-20 09:00:00", "tb_dan", "88.00", "", "1460.06",
                  "支付宝", "在线支付", ""])
    path = write_statement(tmp_path, classic_statement(lines))
    r = _cli("reconcile", "alipay", str(shop.folder), str(path), "--apply")
    out = "".join(r.output.split())
    assert r.exit_code == 0 and "✓已补录1条流水" in out and "不能记进" not in out, r.output
    fund = write_statement(tmp_path, classic_statement(lines).decode("gbk").replace(
        "#账号：[20881234567890120156]", "#账号：shop***@example.com[2088123456789012]").encode("gbk"), "zj.csv")
    from shopbook.money.alipay import read_statement

    assert read_statement(fund).account == "2088123456789012"
    r = _cli("reconcile", "alipay", str(shop.folder), str(fund))
    assert r.exit_code == 0 and "不能记进" not in "".join(r.output.split()), r.output
    other = write_statement(tmp_path, classic_statement(lines, account="20889999999999990156"), "other.csv")
    r = _cli("reconcile", "alipay", str(shop.folder), str(other), "--apply")
    assert r.exit_code == 1 and "不能记进" in "".join(r.output.split()), r.output  # another's is still refused


def test_an_orders_commission_is_never_paired_with_its_refund_as_an_amount_typed_wrong(shop, tmp_path):
    """QA: Alipay's 交易分账 carries its order's number (T200P…). The order's refund booked from the refund
    export (no 流水号; Alipay pays it next month) was the commission's nearest amount of the order: "金额不符
    A9：支付宝 -15.00，流水账第 N 行 -300.00", telling the person to correct the refund to 15.00, and the
    commission was never proposed. A fee line pairs with a ledger row of another amount by its own number
    only: the commission is proposed (平台服务费), the refund is the ledger's only."""
    import openpyxl

    shop = pin_account(balance_agrees(shop))
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb["流水"].append([dt.datetime(2026, 11, 30), "支出", "退款", 300.0, "支付宝", test_money.O81])
    wb.save(shop.path(LEDGER))
    lines = november_lines()
    lines[4][6], lines[4][8], lines[5][8] = "300.00", "1378.00", "1372.06"  # A6 as the ledger has it
    lines.append(["A8", "2026112022008", "", "收款", "2026-11-20 09:00:00", "tb_dan", "88.00", "", "1460.06",
                  "支付宝", "在线支付", ""])
    lines.append(["A9", "2026112122009", f"T200P{test_money.O81}", "天猫佣金", "2026-11-21 09:00:00", "tmall", "",
                  "15.00", "1445.06", "支付宝", "交易分账", ""])
    path = write_statement(tmp_path, classic_statement(lines))
    r = _cli("reconcile", "alipay", str(shop.folder), str(path))
    out = "".join(r.output.split())
    assert "金额不符0" in out and "仅支付宝A9：2026-11-21交易分账-¥15.00" in out, r.output
    assert "仅流水账第" in out and "2026-11-30退款-¥300.00" in out
