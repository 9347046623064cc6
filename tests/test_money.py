"""Money against a hand-worked month (November 2026), from fixture files written in
Alipay's exact format.

Accounts: 支付宝 1,000.00 and 银行 5,000.00, both opened 2026-11-01.
Ledger (流水):
  1 11-02 收入 销售收入 198.00 支付宝  order …579  txn A1
  2 11-02 收入 销售收入  99.00 支付宝  order …580  txn A2
  3 11-03 支出 退款      99.00 支付宝  order …580  txn A3
  4 11-05 支出 快递费    50.00 银行
  5 11-06 支出 直通车   120.00 支付宝  txn A5
  6 11-10 收入 销售收入 300.00 支付宝  order …581  txn A6   (the statement says 310.00)
  7 11-12 支出 采购货款 2000.00 银行
  8 11-20 收入 销售收入  88.00 支付宝  txn A8               (not on the statement)
  missing: the statement's 11-15 服务费 −5.94 (txn A7)
P&L: sales 685.00, refunds −99.00, shipping −50.00, advertising −120.00, cost of goods −2,000.00;
     income 685.00, expense 2,269.00, net −1,584.00
Balances: 支付宝 1,000.00 → 1,466.00; 银行 5,000.00 → 2,950.00
Balance checks: 11-06 支付宝 978.00 is wrong (computed 1,078.00, −100.00); 11-30 银行 2,950.00 holds.
"""

from __future__ import annotations

import datetime as dt
import re
import json
import random
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.issues import ShopbookError
from shopbook.money.alipay import read_statement
from shopbook.money.ledger import pnl
from shopbook.money.rmb import rmb_upper
from shopbook.money.workflow import ledger_report, reconcile_alipay_file, reconcile_courier_file
from shopbook.schema import (LEDGER, ORDERS, STOCK, Account, BalanceCheck, Category, Direction, Entry, OrderLine,
                             Product, ShippingRate)
from shopbook.shop import init_shop, open_shop
from shopbook.validate import validate_path
from shopbook.workbook_builder import write_workbook

D = Decimal
O79, O80, O81 = "3515131473293579", "3515131473293580", "3515131473293581"


def day(n: int, h: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, n, h)


def ledger_rows():
    E = Entry
    rows = [
        (2, "收入", "销售收入", "198.00", "支付宝", O79, "A1"), (2, "收入", "销售收入", "99.00", "支付宝", O80, "A2"),
        (3, "支出", "退款", "99.00", "支付宝", O80, "A3"), (5, "支出", "快递费", "50.00", "银行", None, None),
        (6, "支出", "直通车", "120.00", "支付宝", None, "A5"), (10, "收入", "销售收入", "300.00", "支付宝", O81, "A6"),
        (12, "支出", "采购货款", "2000.00", "银行", None, None), (20, "收入", "销售收入", "88.00", "支付宝", None, "A8"),
    ]
    return [E(date=dt.date(2026, 11, d_), direction=dr, category=c, amount=D(a), account=acc, order_no=o, txn_no=t)
            for d_, dr, c, a, acc, o, t in rows]


CATEGORIES = [("销售收入", "收入", "sales"), ("退款", "支出", "refunds"), ("快递费", "支出", "shipping"),
              ("直通车", "支出", "advertising"), ("采购货款", "支出", "cost of goods"), ("平台服务费", "支出", "other")]


@pytest.fixture
def shop(tmp_path):
    return money_shop_at(tmp_path)


def money_shop_at(tmp_path):
    """A shop whose ledger holds November's entries (ledger_rows), its two accounts and balance checks."""
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Entry: ledger_rows(),
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D("1000.00")),
                  Account(account="银行", opening_date=dt.date(2026, 11, 1), opening_balance=D("5000.00"))],
        BalanceCheck: [BalanceCheck(date=dt.date(2026, 11, 6), account="支付宝", balance=D("978.00")),
                       BalanceCheck(date=dt.date(2026, 11, 30), account="银行", balance=D("2950.00"))],
        Category: [Category(category=c, direction=d_, group=g) for c, d_, g in CATEGORIES],
    }, keep_backup=False)
    return open_shop(folder)


# --- Alipay's bytes -------------------------------------------------------------

CLASSIC_HEAD = ["账务流水号", "业务流水号", "商户订单号", "商品名称", "发生时间", "对方账号", "收入金额（+元）",
                "支出金额（-元）", "账户余额（元）", "交易渠道", "业务类型", "备注"]


def classic_statement(lines: list[list[str]], footer: bool = True, encoding: str = "gbk",
                      account: str = "20881234567890120156", month: int = 11) -> bytes:
    out = ["#支付宝账务明细查询", f"#账号：[{account}]",
           f"#起始日期：[2026年{month:02d}月01日 00:00:00]   终止日期：[2026年{month + 1:02d}月01日 00:00:00]",
           "#-----------------------------------------账务明细列表----------------------------------------",
           ",".join(CLASSIC_HEAD) + ","]
    for ln in lines:
        # Alipay pads every field with a tab; a field holding a comma is quoted, as CSV must
        out.append(",".join(f'"{c}\t"' if "," in c else f"{c}\t" for c in ln) + ",")
    if footer:
        inc = sum(D(x[6]) for x in lines if x[6])
        exp = sum(D(x[7]) for x in lines if x[7])
        out += ["#-----------------------------------------账务明细列表结束------------------------------------",
                f"#收入合计：{sum(1 for x in lines if x[6])}笔，{inc}元", f"#支出合计：{sum(1 for x in lines if x[7])}笔，{exp}元",
                "#导出时间：[2026年12月01日 10:15:42]"]
    return ("\r\n".join(out) + "\r\n").encode(encoding)


def november_lines() -> list[list[str]]:
    return [
        ["A1", "2026110222001", f"T200P{O79}", "白衬衫", "2026-11-02 10:00:00", "tb_amy", "198.00", "", "1198.00", "支付宝", "在线支付", ""],
        ["A2", "2026110222002", f"T200P{O80}", "白衬衫", "2026-11-02 11:00:00", "tb_bob", "99.00", "", "1297.00", "支付宝", "在线支付", ""],
        ["A3", "2026110322003", f"T200P{O80}", "白衬衫", "2026-11-03 09:00:00", "tb_bob", "", "99.00", "1198.00", "支付宝", "交易退款", ""],
        ["A5", "2026110622005", "", "直通车充值", "2026-11-06 12:00:00", "alimama", "", "120.00", "1078.00", "支付宝", "转账", ""],
        ["A6", "2026111022006", f"T200P{O81}", "大衣", "2026-11-10 15:00:00", "tb_cat", "310.00", "", "1388.00", "支付宝", "在线支付", ""],
        ["A7", "2026111522007", "", "技术服务费", "2026-11-15 00:30:00", "tmall", "", "5.94", "1382.06", "支付宝", "收费", "服务费"],
    ]


def pin_account(shop, account: str = "20881234567890120156"):
    """shopbook.toml naming the shop's Alipay account: its statements --apply, whatever the 余额核对 say."""
    toml = shop.folder / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("[money]\n", f'[money]\nalipay_account = "{account}"\n'),
                    encoding="utf-8")
    return open_shop(shop.folder)


def balance_agrees(shop):
    """The fixture's 余额核对 of 6 November made right (the statement's 1078.00): nothing stops --apply."""
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb[BalanceCheck.zh]["C2"] = 1078.0
    wb.save(shop.path(LEDGER))
    return shop


def files_of(folder: Path) -> dict:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def write_statement(tmp_path: Path, data: bytes, name: str = "20881234567890120156_202611_账务明细.csv") -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


# --- tests ----------------------------------------------------------------------

def test_statement_bytes_are_alipays(tmp_path):
    raw = classic_statement(november_lines())
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("gbk")
    assert "收入金额（+元）" in text and "A1\t,2026110222001\t" in text and text.count("\n#") >= 4


def test_pnl_and_balances(shop):
    report, _, path = ledger_report(shop, "2026-11")
    assert {g: report.group_total(g) for g in report.lines} == {
        "sales": D("685.00"), "refunds": D("-99.00"), "cost of goods": D("-2000.00"), "shipping": D("-50.00"),
        "advertising": D("-120.00")}
    assert (report.income, report.expense, report.net) == (D("685.00"), D("2269.00"), D("-1584.00"))
    assert {a.account: (a.opening, a.closing) for a in report.accounts} == {
        "支付宝": (D("1000.00"), D("1466.00")), "银行": (D("5000.00"), D("2950.00"))}
    ws = openpyxl.load_workbook(path)["利润表"]
    values = [r[2].value for r in ws.iter_rows(min_row=4) if r[0].value == "净额"]
    assert values == [-1584.0]


def test_the_pnl_stops_on_entries_validate_calls_errors(shop):
    """Every yuan of the P&L is in some account's balance: an entry on an account not on 账户
    (50.00 on xian金, counted in the expense and in no balance) or 收入 on an expense category
    (netted into 退款 unseen) stops the P&L with the count and the first error, located, as
    validate says it. A trailing space is no typo. A failing 余额核对
    does not stop it (the fixture's 11-06 check): the P&L is how a person finds the entry it lacks."""
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb[Entry.zh]
    ws.append([day(25), "支出", "快递费", 50, "银行 ", None, "T1"])
    wb.save(shop.path(LEDGER))
    report, _, _ = ledger_report(shop, "2026-11")
    moved = sum((a.closing - a.opening for a in report.accounts), D(0))
    assert report.net == moved == D("-1634.00")  # every yuan of the P&L in a balance
    ws.append([day(25), "支出", "快递费", 50, "xian金", None, "T2"])
    ws.append([day(25), "收入", "退款", 10, "支付宝", None, "T3"])
    wb.save(shop.path(LEDGER))
    with pytest.raises(ShopbookError) as e:
        ledger_report(shop, "2026-11")
    # the first of the two in the sheet's order: row 11's account (the rule of row 12's category ran first)
    assert "2 个数据错误" in e.value.zh and "流水 › E11" in e.value.zh and "“xian金”不存在" in e.value.zh
    r = CliRunner().invoke(app, ["ledger", str(shop.folder), "--month", "2026-11"])
    assert r.exit_code == 2 and "✓" not in r.output and "2 个数据错误" in r.stderr
    r = CliRunner().invoke(app, ["ledger", str(shop.folder), "--month", "2026-11", "--json"])
    assert r.exit_code == 2 and "2 个数据错误" in json.loads(r.stdout)["stop"]["zh"]  # a stop document, never nothing


def test_the_pnl_of_an_english_shop_stops_on_the_same_errors(tmp_path):
    """An English shop's sheets are Entries, Accounts, Categories: an entry on an account its
    Accounts sheet lacks stops its P&L as it stops a Chinese shop's. Before, `ledger` printed ✓ and
    a P&L whose net was in no account's balance, while validate called the entry an error."""
    folder = tmp_path / "shop"
    init_shop(folder, lang="en")
    write_workbook(folder / "ledger.xlsx", LEDGER, "en", {
        Entry: [Entry(date=dt.date(2026, 11, 2), direction="收入", category="Sales", amount=D("158.00"),
                      account="Alipay")],
        Account: [Account(account="Alipay", opening_date=dt.date(2026, 11, 1), opening_balance=D("0"))],
        Category: [Category(category="Sales", direction="收入", group="sales")],
    }, keep_backup=False)
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    assert Entry.en in wb.sheetnames
    wb[Entry.en].append([day(3), "in", "Sales", 208.9, "Alipay ", None, "T1"])  # a trailing space: no typo
    wb.save(folder / "ledger.xlsx")
    report, _, _ = ledger_report(open_shop(folder), "2026-11")
    assert report.net == sum((a.closing - a.opening for a in report.accounts), D(0)) == D("366.90")
    wb[Entry.en].append([day(4), "in", "Sales", 7.91, "支付宝", None, "T2"])
    wb.save(folder / "ledger.xlsx")
    r = CliRunner().invoke(app, ["ledger", str(folder), "--month", "2026-11"])
    assert r.exit_code == 2 and "✓" not in r.output
    assert "Entries › E4" in r.stderr and "1 data error" in r.stderr, r.stderr


def test_balance_check_mismatch_is_a_located_error(shop):
    v = validate_path(shop.folder)
    (err,) = [i for i in v.errors if i.sheet == "余额核对"]
    assert err.cell == "C2" and err.value == "978.00"
    assert "¥1,078.00" in err.message_zh and "-¥100.00" in err.message_en


def test_reconcile_alipay(shop, tmp_path):
    path = write_statement(tmp_path, classic_statement(november_lines()))
    res = reconcile_alipay_file(shop, path)
    r = res.result
    assert sorted(p.line.txn_no for p in r.matched) == ["A1", "A2", "A3", "A5"]
    assert [(p.line.txn_no, p.line.amount, p.entry.amount) for p in r.amount_differs] == [("A6", D("310.00"), D("300.00"))]
    assert [x.txn_no for x in r.alipay_only] == ["A7"]
    assert [e.txn_no for e in r.ledger_only] == ["A8"]
    (prop,) = r.proposed
    assert (prop.date, prop.direction, prop.category, prop.amount, prop.account) == (
        dt.date(2026, 11, 15), Direction.OUT, "平台服务费", D("5.94"), "支付宝")
    assert res.statement_issues == [] and [i.row for i in res.balance_issues] == [2]  # 余额核对 11-06 vs statement 1078.00
    wb = openpyxl.load_workbook(res.report)
    assert wb["仅支付宝"]["B2"].value == "A7" and wb["金额不符"]["E2"].value == 310
    # the 余额核对 disagree and nothing names the shop's Alipay account: --apply books nothing, writes nothing
    before = len(read_workbook(shop.path(LEDGER), LEDGER).rows(Entry))
    files = files_of(shop.folder)
    refused = reconcile_alipay_file(shop, path, apply=True)
    assert refused.applied == 0 and refused.report is None and refused.refused.is_error
    assert "余额核对" in refused.refused.message_zh and "Nothing was written" in refused.refused.message_en
    assert files_of(shop.folder) == files
    # --apply adds the missing line once it is confirmed (shopbook.toml names the account)
    shop = pin_account(shop)
    res2 = reconcile_alipay_file(shop, path, apply=True)
    assert res2.applied == 1 and res2.account == "20881234567890120156"
    entries = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    assert len(entries) == before + 1 and entries[-1].txn_no == "A7" and entries[-1].amount == D("5.94")
    assert reconcile_alipay_file(shop, path).result.alipay_only == []  # matched now


def test_apply_that_books_every_missing_line_exits_0(shop, tmp_path):
    """A statement whose only difference is a fee the ledger lacks: the run without --apply says
    so (exit 1); --apply books it and nothing is left for a person (exit 0, ✓), nor on the next run."""
    shop = pin_account(balance_agrees(shop))
    lines = november_lines()
    lines[4][6], lines[4][8], lines[5][8] = "300.00", "1378.00", "1372.06"  # A6 as the ledger has it
    lines.append(["A8", "2026112022008", "", "收款", "2026-11-20 09:00:00", "tb_dan", "88.00", "", "1460.06",
                  "支付宝", "在线支付", ""])
    path = write_statement(tmp_path, classic_statement(lines))
    run = lambda *more: CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path), *more])  # noqa: E731
    r = run()
    assert r.exit_code == 1 and "仅支付宝 1" in r.output, r.output
    report = shop.reports / "对账-支付宝-2026-11-01-2026-11-30.xlsx"
    assert "已补录" not in [row[0].value for row in openpyxl.load_workbook(report)["汇总"].iter_rows()]  # no --apply
    r = run("--apply")
    assert r.exit_code == 0 and "✓ 已补录 1 条流水" in r.output, r.output
    summary = [[c.value for c in row] for row in openpyxl.load_workbook(report)["汇总"].iter_rows()]
    assert ["建议补录", 1] in summary and ["已补录", 1] in summary  # the report says the proposal was booked
    r = run()
    assert r.exit_code == 0 and "已匹配 7" in r.output, r.output


def test_apply_adds_no_line_in_a_category_the_sheet_lacks(shop, tmp_path):
    """The shop's 类别 sheet lists its categories: --apply books the fee it lacks (平台服务费 is
    there), but not a withdrawal to the bank (no transfer category: it would be booked as 其他支出,
    an expense, and validate's error) nor a transfer received (其他收入 is not on the sheet). Each is
    said, located, with what to add; no ✓ (exit 1). Added, a second --apply books them alone."""
    shop = pin_account(balance_agrees(shop))
    lines = november_lines()
    lines[4][6], lines[4][8], lines[5][8] = "300.00", "1378.00", "1372.06"  # A6 as the ledger has it
    lines.append(["A8", "2026112022008", "", "收款", "2026-11-20 09:00:00", "tb_dan", "88.00", "", "1460.06",
                  "支付宝", "在线支付", ""])
    lines.append(["A9", "2026112122009", "", "提现", "2026-11-21 09:00:00", "招商银行", "", "400.00", "1060.06",
                  "支付宝", "提现", ""])
    lines.append(["A10", "2026112222010", "", "货款退回", "2026-11-22 09:00:00", "供应商", "20.00", "", "1080.06",
                  "支付宝", "转账", ""])
    path = write_statement(tmp_path, classic_statement(lines))
    run = lambda *more: CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path), *more])  # noqa: E731
    r = run("--apply")
    out = " ".join(r.output.split())
    assert r.exit_code == 1 and "! 已补录 1 条流水，2 条没有补录（见下）" in out, r.output  # (the warnings follow)
    assert "✓ 已补录" not in out
    flat = "".join(r.output.split())  # (Chinese wraps anywhere on a narrow screen)
    assert "没有补录：类别表里没有分组为“内部转账”的“支出”类别。提现是店铺自己账户之间的转账" in flat and "分组填“内部转账”" in flat
    assert "没有补录：类别表里没有“其他收入”。请在“类别”表中添加“其他收入”（收入，分组“其他”）" in flat, r.output
    assert re.search(r"账务明细\.csv › 第 \d+ 行 = '其他支出'", out), r.output  # located at the statement's line
    entries = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    assert [e.txn_no for e in entries if e.txn_no in ("A8", "A9", "A10")] == ["A8"]
    assert not [i for i in validate_path(shop.folder).errors if i.sheet == Entry.zh]  # nothing booked validate refuses
    # the categories added as the messages say: the second --apply books those two, and A8 not again
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb[Category.zh].append(["提现到银行", "支出", "内部转账"])
    wb[Category.zh].append(["其他收入", "收入", "other"])
    wb.save(shop.path(LEDGER))
    r = run("--apply")
    assert r.exit_code == 0 and "✓ 已补录 2 条流水" in r.output, r.output
    entries = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    assert [(e.txn_no, e.category) for e in entries if e.txn_no in ("A8", "A9", "A10")] == [
        ("A8", "销售收入"), ("A9", "提现到银行"), ("A10", "其他收入")]


def test_newer_layout_and_utf8(shop, tmp_path):
    head = ["入账时间", "支付宝交易号", "支付宝流水号", "商户订单号", "账务类型", "收入（+元）", "支出（-元）", "账户余额（元）",
            "服务费（元）", "支付渠道", "签约产品", "对方账户", "对方名称", "银行订单号", "商品名称", "备注"]
    rows = [["2026-11-02 10:00:00", "2026110222001", "A1", f"T200P{O79}", "交易", "198.00", "", "1198.00", "0.00",
             "", "", "tb_amy", "", "", "白衬衫", ""]]
    text = "\n".join(["#支付宝资金流水", ",".join(head)] + [",".join(r) for r in rows] + ["#导出时间：2026-12-01"])
    res = reconcile_alipay_file(shop, write_statement(tmp_path, text.encode("utf-8"), "zj.csv"))
    assert [p.line.txn_no for p in res.result.matched] == ["A1"]


def test_bad_statements(shop, tmp_path):
    lines = november_lines()
    lines[1][6] = "1,099.00"  # a thousands separator reads fine
    lines[1][8] = "2,297.00"
    lines.append(["A9", "x", "", "", "2026-11-16 00:00:00", "", "", "", "1382.06", "", "", ""])  # no amount
    lines.append(list(lines[0]))  # a duplicate 账务流水号
    st_path = write_statement(tmp_path, classic_statement(lines, footer=False))
    st = read_statement(st_path)
    assert st.lines[1].amount == D("1099.00")
    msgs = [i.message_en for i in st.issues]
    assert any("Both income and expense are empty" in m for m in msgs)
    assert any("Duplicate transaction number" in m for m in msgs)
    assert any("no footer" in m for m in msgs) and not st.complete
    cut = classic_statement(november_lines())[:-200]  # cut off in the middle of the last lines
    st2 = read_statement(write_statement(tmp_path, cut, "cut.csv"))
    assert not st2.complete and any("cut off" in i.message_en for i in st2.issues)
    with pytest.raises(ShopbookError):
        read_statement(write_statement(tmp_path, "a,b,c\n1,2,3\n".encode(), "other.csv"))


def test_running_balance_break_is_reported(shop, tmp_path):
    lines = november_lines()
    for x in lines[3:]:  # one yuan off from the fourth line on, to the last
        x[8] = str(D(x[8]) + 1)
    res = reconcile_alipay_file(shop, write_statement(tmp_path, classic_statement(lines)))
    assert any(i.row == 9 and "running balance does not add up" in i.message_en for i in res.balance_issues)


def test_totals_exact_over_a_hundred_thousand_lines():
    """(100 000 lines: a float sum drifts within a thousand; the totals reach ten digits, past a
    narrowed decimal context's nine)"""
    rnd = random.Random(3)
    cats = [Category(category="销售收入", direction="收入", group="sales"),
            Category(category="快递费", direction="支出", group="shipping")]
    entries, independent = [], D(0)
    for i in range(100_000):
        fen = rnd.randint(1, 99999)
        amount = D(fen).scaleb(-2)
        inc = i % 3 != 0
        entries.append(Entry.from_cells({"date": dt.date(2026, 11, 1 + i % 30), "direction": Direction.IN if inc else Direction.OUT,
                                         "category": "销售收入" if inc else "快递费", "amount": amount, "account": "支付宝"}))
        independent += amount if inc else -amount
    report = pnl("2026-11", entries, cats, [Account(account="支付宝", opening_date=dt.date(2026, 11, 1),
                                                    opening_balance=D("0.10"))])
    assert report.net == independent
    assert report.accounts[0].closing == independent + D("0.10")
    assert report.net.as_tuple().exponent == -2  # to the fen, not a float


@pytest.mark.parametrize("amount,words", [
    ("1234.50", "壹仟贰佰叁拾肆元伍角整"), ("1005", "壹仟零伍元整"), ("100010", "壹拾万零壹拾元整"),
    ("1000.05", "壹仟元零伍分"), ("0.50", "伍角整"), ("0", "零元整"), ("-12.34", "负壹拾贰元叁角肆分"),
    ("100000000", "壹亿元整"), ("1234500000000", "壹万贰仟叁佰肆拾伍亿元整"), ("1000100000000", "壹万零壹亿元整"), ("20001", "贰万零壹元整"), ("1234.05", "壹仟贰佰叁拾肆元零伍分"), ("0.05", "伍分"),
])
def test_rmb_upper(amount, words):
    assert rmb_upper(D(amount)) == words


def test_rmb_reads_back_as_the_same_number():
    """Every uppercase amount, read back by a plain reader of Chinese numerals written here,
    is the number it was made from: up to 万亿, with every run of zeros."""
    import random

    from shopbook.money.rmb import _integer

    digits = {c: k for k, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
    units = {"拾": 10, "佰": 100, "仟": 1000}

    def read(s: str) -> int:
        total = section = num = 0
        for ch in s:
            if ch in digits:
                num = digits[ch]
            elif ch in units:
                section, num = section + num * units[ch], 0
            elif ch == "万":
                section, num = (section + num) * 10**4, 0
            elif ch == "亿":
                total, section, num = (total + section + num) * 10**8, 0, 0
        return total + section + num

    rnd = random.Random(5)
    values = ([rnd.randint(1, 99_999_999) for _ in range(5000)] + [rnd.randint(1, 10**15 - 1) for _ in range(5000)]
              + [10**k for k in range(15)] + [100_010, 10_500, 10**12 + 10**8, 10**8 + 1, 10**12 + 1])
    for n in values:
        assert read(_integer(n)) == n, (n, _integer(n))


def test_money_cell_functions(shop):
    from shopbook.xl import udfs
    from test_functions import Caller

    caller = Caller(shop.path(LEDGER))
    assert udfs.SB_RMB_UPPER([[1234.5], ["¥1,005"], ["x"]]) == [["壹仟贰佰叁拾肆元伍角整"], ["壹仟零伍元整"], ["#VALUE!"]]
    assert udfs.SB_BALANCE("支付宝", "2026-11-06", caller=caller) == 1078.0
    assert udfs.SB_BALANCE([["支付宝"], ["银行"], ["现金"]], caller=caller) == [[1466.0], [2950.0], ["#N/A"]]


def courier_shop(shop):
    write_workbook(shop.path(STOCK), STOCK, "zh", {Product: [
        Product(sku="A", name="衬衫", cost=D(30), price=D(99), weight_kg=D("0.4"))]}, keep_backup=False)
    lines = [OrderLine(order_no=f"O{i}", receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x", sku="A",
                       qty=q, unit_price=D("99.00"), shipping_fee=D(fee), status="已发货", tracking_no=f"T{i}",
                       shipped_on=dt.date(2026, 11, 10), courier="中通") for i, q, fee in ((1, 1, "8"), (2, 2, "0"), (3, 1, "10"))]
    rates = [ShippingRate(courier="中通", province="浙江", first_kg=D(1), first_price=D(5), extra_per_kg=D(1)),
             ShippingRate(courier="中通", province="其他", first_kg=D(1), first_price=D(8), extra_per_kg=D(4))]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: lines, ShippingRate: rates}, keep_backup=False)


def test_gross_margin_of_the_orders_shipped_that_month(shop):
    """Worked by hand from courier_shop: three orders of 衬衫 (¥99, cost ¥30, 0.4 kg) shipped to 浙江
    on 11-10. Revenue 99 + 8 (O1) + 198 (O2) + 99 + 10 (O3) = 414.00; cost 4 × 30 = 120.00;
    courier at the 运费 rates: each parcel ≤ 1 kg, 5.00 × 3 = 15.00; the platform fee at the rate
    in shopbook.toml."""
    courier_shop(shop)
    _, margin, _ = ledger_report(shop, "2026-11")
    assert (margin.revenue, margin.cost, margin.courier_cost, margin.platform_fee, margin.gross) == (
        D("414.00"), D("120.00"), D("15.00"), D("20.70"), D("258.30"))  # 5 % of 414.00 by default
    toml = shop.folder / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("platform_fee_rate = 0.05", "platform_fee_rate = 0.06"),
                    encoding="utf-8")
    _, margin, _ = ledger_report(open_shop(shop.folder), "2026-11")
    assert (margin.platform_fee, margin.gross) == (D("24.84"), D("254.16"))
    _, none_shipped, _ = ledger_report(shop, "2026-12")  # (the month under way: none shipped yet)
    assert none_shipped.revenue == D("0.00") and none_shipped.gross == D("0.00")


def test_the_margin_counts_a_courier_fee_for_each_parcel_an_order_went_in(shop):
    """QA: an order sent in several parcels was charged one courier fee, so the demo's gross margin was
    ¥4,590 too high. O2 (2 × 0.4 kg) now goes in two parcels: a line of its own each (T2a, T2b), then
    one line whose cell names both (T2a/T2b, its weight shared); either way two fees of 5.00."""
    courier_shop(shop)
    ow = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, ShippingRate))
    lines, rates = ow.rows(OrderLine), ow.rows(ShippingRate)
    o2 = next(ln for ln in lines if ln.order_no == "O2")
    for split in ([o2.model_copy(update={"qty": 1, "tracking_no": t}) for t in ("T2a", "T2b")],
                  [o2.model_copy(update={"tracking_no": "T2a/T2b"})]):
        write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: [ln for ln in lines if ln.order_no != "O2"] + split,
                                                         ShippingRate: rates}, keep_backup=False)
        _, margin, _ = ledger_report(shop, "2026-11")
        assert margin.courier_cost == D("20.00")  # O1, O3 and O2's two parcels, each 5.00


def test_reconcile_courier(shop, tmp_path):
    courier_shop(shop)
    bill = tmp_path / "中通11月账单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["运单编号", "揽收日期", "目的地", "计费重量", "运费"])
    wb.active.append(["T1", "2026-11-10", "浙江", 1, 5])        # fine
    wb.active.append(["T2", "2026-11-10", "浙江", 3, 7])        # 0.9 kg estimated, 3 kg billed: too heavy
    wb.active.append(["T9", "2026-11-11", "江苏", 1, "8.00"])   # not ours
    wb.save(bill)
    chk, issues = reconcile_courier_file(shop, bill)
    assert issues == []
    assert [b.tracking_no for b in chk.billed_not_shipped] == ["T9"]
    assert chk.shipped_not_billed == [("O3", "T3")]
    assert [(b.tracking_no, w) for b, w in chk.heavy] == [("T2", D("0.9"))]
    assert chk.fee_differs == []  # 3 kg to 浙江: 5 + 2 × 1 = 7, as billed
    assert (chk.billed_total, chk.charged_to_buyers, chk.margin) == (D("20.00"), D("8.00"), D("-12.00"))


def test_courier_differences_exit_1_and_name_each_parcel(shop, tmp_path):
    """A bill that matches exits 0; one that leaves parcels out exits 1 (also --json), as any
    reconciliation difference, and names each parcel left out with its order: the first 30 on
    screen, then how many more and that --json lists them all."""
    write_workbook(shop.path(STOCK), STOCK, "zh", {Product: [
        Product(sku="A", name="衬衫", cost=D(30), price=D(99), weight_kg=D("0.4"))]}, keep_backup=False)
    lines = [OrderLine(order_no=f"O{i:02}", receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x", sku="A",
                       qty=1, unit_price=D("99.00"), shipping_fee=D(5), status="已发货", tracking_no=f"7310000000{i:04}",
                       shipped_on=dt.date(2026, 11, 10), courier="中通") for i in range(1, 41)]
    rates = [ShippingRate(courier="中通", province="浙江", first_kg=D(1), first_price=D(5), extra_per_kg=D(1))]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: lines, ShippingRate: rates}, keep_backup=False)
    bill = tmp_path / "中通11月账单.csv"

    def run(*nos: int, json_: bool = False):
        bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费\n" + "".join(
            f"7310000000{i:04},2026-11-10,浙江,1,5\n" for i in nos)).encode("gb18030"))
        return CliRunner().invoke(app, ["reconcile", "courier", str(shop.folder), str(bill)]
                                  + (["--json"] if json_ else []))

    r = run(*range(1, 41))
    assert r.exit_code == 0, r.output
    assert "发了、账单没有：—" in r.output
    r = run(*range(36, 41))  # 35 parcels left out
    assert r.exit_code == 1, r.output
    assert "发了、账单没有：35" in r.output
    assert "73100000000001  订单 O01" in r.output and "73100000000030  订单 O30" in r.output
    assert "O31" not in r.output and "还有 5 个发了、账单没有的包裹；shopbook reconcile courier --json 列出全部" in r.output
    r = run(*range(36, 41), json_=True)
    assert r.exit_code == 1 and len(json.loads(r.stdout)["shipped_not_billed"]) == 35
    r = run(*range(1, 41), 1)  # every parcel, one of them billed twice
    assert r.exit_code == 1 and "重复计费" in r.output


def test_courier_bill_as_excel_left_it(shop, tmp_path):
    """A CSV bill in GBK that went through Excel: a tracking number shown as 7.31E+13 has lost its
    digits (that line is a located error, the rest still reconcile); weights carry their unit."""
    courier_shop(shop)
    bill = tmp_path / "bill.csv"
    bill.write_bytes(("中通快递 11月 对账单,,,\n运单号,重量,目的地,运费\n7.31000123457E+13,1,浙江,5\nT1,1kg,浙江,5\n"
                      "T2,3 公斤,浙江,7\n合计,5,,17\n").encode("gbk"))
    chk, issues = reconcile_courier_file(shop, bill)
    assert [(i.row, i.is_error) for i in issues] == [(3, True)] and "7.31000123457E+13" in issues[0].message_zh
    assert [(b.tracking_no, w) for b, w in chk.heavy] == [("T2", D("0.9"))] and chk.billed_total == D("12.00")
    r = CliRunner().invoke(app, ["reconcile", "courier", str(shop.folder), str(bill)])
    assert "internal error" not in r.output and "7.31000123457E+13" in r.output


def test_courier_bill_as_the_courier_lays_it_out(shop, tmp_path):
    """A title and a customer line above the header, units in the headers (运费(元)), a time of
    pickup, and the bill's own 合计 line at the bottom (not a parcel)."""
    courier_shop(shop)
    bill = tmp_path / "中通快递月结对账单.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["中通快递 杭州西湖网点 2026年11月 月结对账单"])
    ws.merge_cells("A1:F1")
    ws.append(["客户：演示服装店", "月结账号：5710001", None, "结算周期：2026-11-01 至 2026-11-30"])
    ws.append(["序号", "运单编号", "揽收时间", "目的地", "结算重量（kg）", "运费(元)", "备注"])
    ws.append([1, "T1", dt.datetime(2026, 11, 10, 15, 30), "浙江省", 1, 5])
    ws.append([2, "T2", dt.datetime(2026, 11, 10, 16, 0), "浙江省", 3, 7])
    ws.append([None, "合计", None, None, 4, 12])
    wb.save(bill)
    chk, issues = reconcile_courier_file(shop, bill)
    assert issues == [] and chk.billed_not_shipped == [] and chk.billed_total == D("12.00")
    assert chk.shipped_not_billed == [("O3", "T3")] and [b.tracking_no for b, _ in chk.heavy] == ["T2"]


def test_a_bill_without_dates_is_checked_for_the_days_its_parcels_shipped(shop, tmp_path, monkeypatch):
    """A courier's bill with no date column: the parcels it leaves off are looked for among those
    shipped over the days of the parcels it names (here 11-10 to 11-12), said as such, not among
    every parcel that courier ever carried (October's all read 'shipped, not billed' before)."""
    write_workbook(shop.path(STOCK), STOCK, "zh", {Product: [
        Product(sku="A", name="衬衫", cost=D(30), price=D(99), weight_kg=D("0.4"))]}, keep_backup=False)
    days = {1: (2026, 10, 8), 2: (2026, 10, 20), 3: (2026, 11, 10), 4: (2026, 11, 11), 5: (2026, 11, 12), 6: (2026, 11, 30)}
    lines = [OrderLine(order_no=f"O{i}", receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x", sku="A",
                       qty=1, unit_price=D("99.00"), shipping_fee=D(5), status="已发货", tracking_no=f"7310000000{i:04}",
                       shipped_on=dt.date(*d), courier="中通") for i, d in days.items()]
    rates = [ShippingRate(courier="中通", province="浙江", first_kg=D(1), first_price=D(5), extra_per_kg=D(1))]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: lines, ShippingRate: rates}, keep_backup=False)
    bill = tmp_path / "中通账单.csv"
    bill.write_bytes(("运单号,目的地,计费重量,运费\n" + "".join(
        f"7310000000{i:04},浙江,1,5\n" for i in (3, 5))).encode("gb18030"))  # 11-11's parcel left off
    chk, issues = reconcile_courier_file(shop, bill)
    assert chk.shipped_not_billed == [("O4", "73100000000004")]
    [w] = issues
    assert not w.is_error and "2026-11-10 至 2026-11-12" in w.message_zh and "from 2026-11-10 to 2026-11-12" in w.message_en
    assert "其他日期发出的 3 个包裹没有核对" in w.message_zh and "3 shipped on other days were not" in w.message_en
    from shopbook import cli

    monkeypatch.setattr(cli.out, "width", 400)  # one line a message, whatever the terminal
    r = CliRunner().invoke(app, ["reconcile", "courier", str(shop.folder), str(bill)])
    assert r.exit_code == 1 and "发了、账单没有：1" in r.output and "只核对了 2026-11-10 至 2026-11-12" in r.output
    # a bill naming none of our parcels checks none for being left off, and says so
    bill.write_bytes("运单号,目的地,计费重量,运费\nYT9,浙江,1,5\n".encode("gb18030"))
    chk, issues = reconcile_courier_file(shop, bill)
    assert chk.shipped_not_billed == [] and [b.tracking_no for b in chk.billed_not_shipped] == ["YT9"]
    assert "6 个已发的包裹没有核对" in issues[-1].message_zh


def test_courier_bill_with_none_of_the_columns(shop, tmp_path):
    courier_shop(shop)
    bad = tmp_path / "bill.csv"
    bad.write_text("编号,重,钱\n1,2,3\n", encoding="utf-8")
    with pytest.raises(ShopbookError) as e:
        reconcile_courier_file(shop, bad)
    assert "运单号" in e.value.zh and "运费" in e.value.zh


def test_cli_money(shop, tmp_path):
    path = write_statement(tmp_path, classic_statement(november_lines()))
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path), "--json"])
    assert r.exit_code == 1  # differences found
    j = json.loads(r.stdout)
    assert (j["matched"], j["amount_differs"], j["alipay_only"], j["ledger_only"]) == (4, 1, 1, 1)
    r = CliRunner().invoke(app, ["ledger", str(shop.folder), "--month", "2026-11", "--json"])
    assert json.loads(r.stdout)["net"] == "-1584.00"
    r = CliRunner().invoke(app, ["ledger", str(shop.folder), "--month", "11/2026"])
    assert r.exit_code == 2 and "YYYY-MM" in r.output


def test_money_buttons_match_the_cli(shop, tmp_path):
    """The 支付宝对账 button says what reconcile alipay prints: whose statement, the counts, each
    problem of the statement and its balance checks where it is, the report."""
    from cli_run import flat
    from shopbook import xl
    from xlfake import FakeBook

    path = write_statement(tmp_path, classic_statement(november_lines()))
    cli = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path)])
    book = FakeBook(shop.path(LEDGER))
    xl.reconcile_alipay(str(path), book)
    lines = book.app.alerts[-1]["prompt"].splitlines()
    assert lines[:2] == ["支付宝账号 20881234567890120156", "已匹配 4 · 金额不符 1 · 仅支付宝 1 · 仅流水账 1"], lines
    assert cli.output.splitlines()[:2] == lines[:2], cli.output  # the CLI's words
    differences = lines[2:5]  # each, as the CLI lists them
    assert [d.split()[0] for d in differences] == ["金额不符", "仅支付宝", "仅流水账"], lines
    assert all(d in cli.output.splitlines() for d in differences), (lines, cli.output)
    todo = lines[5:7]  # what to do about the amount that differs and the ledger's own row
    assert [t.split()[1] for t in todo] == ["金额不符的", "仅流水账的"] and all(flat(t) in flat(cli.output) for t in todo), lines
    balance = "✗ ledger.xlsx › 余额核对 › C2：余额核对 2026-11-06：填的是 ¥978.00，支付宝对账单当天日终余额是 ¥1,078.00，相差 -¥100.00。"
    assert lines[7] == balance and flat(balance.split("：", 1)[1]) in flat(cli.output), (lines, cli.output)
    # the line the ledger lacks: where it is listed, and why --apply would not add it (the balance check disagrees)
    hint = ("! 流水账少了 1 条（对账报告的“仅支付宝”表），但 --apply 不会补录：余额核对与对账单不符，看不出这是店铺的支付宝账号"
            "（可在 shopbook.toml 的 [money] alipay_account 写上）。请先核对或重新下载对账单")
    assert lines[8] == hint and flat(hint[2:]) in flat(cli.output), (lines, cli.output)
    assert lines[9].startswith("– ") and lines[9].endswith(".xlsx") and len(lines) == 10, lines  # differences: no ✓
    cut = write_statement(tmp_path, classic_statement(november_lines(), footer=False), "cut.csv")
    xl.reconcile_alipay(str(cut), book)  # a statement cut off: said, where, as the CLI prints it
    problems = [ln for ln in book.app.alerts[-1]["prompt"].splitlines() if ln.startswith(("✗ ", "! "))]
    cli = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(cut)])
    assert len(problems) > 1 and all(flat(ln.split("：", 1)[1].split(" = ")[0]) in flat(cli.output) for ln in problems), (
        problems, cli.output)
    assert book.app.alerts[-1]["mode"] == "critical"
    xl.pnl("2026-11", book)
    assert "净额 -1,584.00" in " ".join(book.app.alerts[-1]["prompt"].split())
    xl.reconcile_courier(None, book)
    assert book.app.alerts[-1]["prompt"] == "没有选择文件。"


@pytest.mark.parametrize("threads", [True, False])
def test_the_same_without_threads(shop, tmp_path, monkeypatch, threads):
    """xlwings Lite (Pyodide) has no threads: what runs beside the main thread elsewhere
    (the statement, the scan for error cells, validation's reads) runs in turn there,
    with the same results and the same errors."""
    import threading

    from shopbook.io import background
    from shopbook.validate import validate_path

    monkeypatch.setattr(background, "CAN_THREAD", threads)
    started = []
    real_start = threading.Thread.start
    monkeypatch.setattr(threading.Thread, "start", lambda self: (started.append(self.name), real_start(self))[1])
    r = reconcile_alipay_file(shop, write_statement(tmp_path, classic_statement(november_lines()))).result
    assert r.counts() == {"matched": 4, "amount_differs": 1, "alipay_only": 1, "ledger_only": 1,
                          "probable_duplicates": 0, "on_another_account": 0, "proposed": 1}
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb[Entry.zh]["D3"] = "#DIV/0!"
    wb[Entry.zh]["D3"].data_type = "e"  # an error Excel cached: calamine reads it as a blank
    wb.save(shop.path(LEDGER))
    errors = [(i.sheet, i.cell) for i in validate_path(shop.folder).errors]
    # one error: the balance checks that entry counts in are not also called mismatched
    assert (Entry.zh, "D3") in errors and ("余额核对", "C2") not in errors
    with pytest.raises(ShopbookError):
        reconcile_alipay_file(shop, write_statement(tmp_path, "a,b,c\n1,2,3\n".encode(), "other.csv"))
    assert bool(started) == threads


def test_transfers_between_own_accounts_move_balances_not_the_pnl():
    """Alipay withdrawn to the bank is two lines in the 内部转账 group: each account's balance moves,
    the P&L does not (neither income nor expense)."""
    cats = [Category(category="销售收入", direction="收入", group="销售"),
            Category(category="提现转出", direction="支出", group="内部转账"),
            Category(category="提现转入", direction="收入", group="内部转账")]
    accounts = [Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D("0.00")),
                Account(account="银行", opening_date=dt.date(2026, 11, 1), opening_balance=D("0.00"))]
    entries = [Entry(date=dt.date(2026, 11, 2), direction="收入", category="销售收入", amount=D("500.00"), account="支付宝"),
               Entry(date=dt.date(2026, 11, 3), direction="支出", category="提现转出", amount=D("300.00"), account="支付宝"),
               Entry(date=dt.date(2026, 11, 3), direction="收入", category="提现转入", amount=D("300.00"), account="银行")]
    report = pnl("2026-11", entries, cats, accounts)
    assert list(report.lines) == ["sales"] and (report.income, report.expense, report.net) == (
        D("500.00"), D("0.00"), D("500.00"))
    assert {a.account: a.closing for a in report.accounts} == {"支付宝": D("200.00"), "银行": D("300.00")}


def test_a_withdrawal_missing_from_the_ledger_is_proposed_as_a_transfer(shop, tmp_path):
    lines = november_lines() + [["A9", "2026111622009", "", "提现", "2026-11-16 10:00:00", "", "", "1000.00", "382.06",
                                 "支付宝", "提现", ""]]
    statement = write_statement(tmp_path, classic_statement(lines))
    before = {e.txn_no: e.category for e in reconcile_alipay_file(shop, statement).result.proposed}
    assert before == {"A7": "平台服务费", "A9": "其他支出"}  # no transfer category yet: the old way
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb[Category.zh].append(["提现转出", "支出", "内部转账"])
    wb.save(shop.path(LEDGER))
    after = {e.txn_no: e.category for e in reconcile_alipay_file(shop, statement).result.proposed}
    assert after == {"A7": "平台服务费", "A9": "提现转出"}  # kept out of the P&L


def test_the_zip_alipay_downloads_is_read_as_is(shop, tmp_path, monkeypatch):
    """Alipay's download is a .zip with the statement and a 汇总 summary, the member names in GBK
    without the zip's UTF-8 flag (written here byte for byte the same way)."""
    import zipfile

    def gbk_names(self):  # what Alipay's zip writer does: raw GBK bytes, flag bit 11 clear
        return self.filename.encode("gb18030"), self.flag_bits & ~0x800

    monkeypatch.setattr(zipfile.ZipInfo, "_encodeFilenameFlags", gbk_names)
    zpath = tmp_path / "20881234567890120156_202611.csv.zip"
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("20881234567890120156_202611_账务明细(汇总).csv", "#支付宝账务明细汇总\r\n".encode("gbk"))
        z.writestr("20881234567890120156_202611_账务明细.csv", classic_statement(november_lines()))
    monkeypatch.undo()
    with zipfile.ZipFile(zpath) as z:
        assert not any(i.flag_bits & 0x800 for i in z.infolist())  # as Alipay writes them
    r = reconcile_alipay_file(shop, zpath).result
    assert sorted(p.line.txn_no for p in r.matched) == ["A1", "A2", "A3", "A5"] and [x.txn_no for x in r.alipay_only] == ["A7"]


def test_matching_never_pairs_a_line_with_another_payment(tmp_path):
    """A line booked twice stays visible (ledger only) and never absorbs a different payment of the
    same amount that day; two partial refunds of one order each find their own entry; a day's
    lines answer for one day-total entry, not two; money in that is no sale, and a purchase paid
    out, are proposed with their own direction."""
    from shopbook.money.reconcile import reconcile_alipay

    def line(txn, order, when, inc, exp, bal, kind):
        return [txn, f"B{txn}", f"T200P{order}" if order else "", "商品", f"2026-{when}:00", "", inc, exp, bal,
                "支付宝", kind, ""]

    st = read_statement(write_statement(tmp_path, classic_statement([
        line("P1", O79, "11-02 10:00", "99.00", "", "1099.00", "在线支付"),
        line("P2", "", "11-02 11:00", "99.00", "", "1198.00", "在线支付"),   # another sale, not in the ledger
        line("P4", O80, "11-05 09:00", "", "30.00", "1168.00", "交易退款"),
        line("P3", O80, "11-08 09:00", "", "50.00", "1118.00", "交易退款"),
        line("P5", "", "11-15 12:00", "70.00", "", "1188.00", "在线支付"),
        line("P6", "", "11-15 18:00", "40.00", "", "1228.00", "在线支付"),
        line("P7", "", "11-16 10:00", "300.00", "", "1528.00", "转账"),      # a transfer received
        line("P8", "", "11-17 10:00", "", "120.00", "1408.00", "在线支付"),  # a purchase paid
    ])))
    assert st.issues == []

    def entry(day, direction, category, amount, order=None, txn=None):
        return Entry(date=dt.date(2026, 11, day), direction=direction, category=category, amount=D(amount),
                     account="支付宝", order_no=order, txn_no=txn)

    entries = [entry(2, "收入", "销售收入", "99.00", O79, "P1"), entry(2, "收入", "销售收入", "99.00", O79, "P1"),
               entry(8, "支出", "退款", "50.00", O80), entry(5, "支出", "退款", "30.00", O80),
               entry(15, "收入", "销售收入", "110.00"), entry(15, "收入", "销售收入", "110.00")]
    r = reconcile_alipay(st, entries, "支付宝")
    assert sorted((p.line.txn_no, p.entry.amount) for p in r.matched) == [
        ("P1", D("99.00")), ("P3", D("50.00")), ("P4", D("30.00"))]
    assert r.amount_differs == []
    assert [(e.date.day, [x.txn_no for x in g]) for e, g in r.grouped] == [(15, ["P5", "P6"])]
    assert [x.txn_no for x in r.alipay_only] == ["P2", "P7", "P8"]
    assert sorted((e.date.day, e.txn_no or "") for e in r.ledger_only) == [(2, "P1"), (15, "")]
    # P2 has the day and amount of the P1 booked twice: maybe the same money, for a person, never booked
    assert [(p.line.txn_no, p.entry.txn_no) for p in r.doubtful] == [("P2", "P1")]
    assert [(e.txn_no, e.direction, e.category) for e in r.proposed] == [
        ("P7", Direction.IN, "其他收入"), ("P8", Direction.OUT, "其他支出")]


def test_newest_first_statement_and_a_bad_balance_cell(tmp_path):
    """Alipay may list newest first, with a sale and its fee in the same second: the balance at a
    day's end is the one after both. A balance cell that does not read is a warning; the line's
    amount still counts."""
    from shopbook.money.alipay import balance_at, check_running_balance

    newest_first = [
        ["A3", "b3", "T200P3", "衬衫", "2026-11-03 09:00:00", "tb", "50.00", "", "1246.02", "支付宝", "在线支付", ""],
        ["F2", "b2", "", "服务费", "2026-11-02 10:00:00", "tmall", "", "1.98", "1196.02", "支付宝", "收费", ""],
        ["A1", "b1", "T200P1", "衬衫", "2026-11-02 10:00:00", "tb", "198.00", "", "1198.00", "支付宝", "在线支付", ""],
        ["A0", "b0", "T200P0", "衬衫", "2026-11-01 09:00:00", "tb", "1000.00", "", "1000.00", "支付宝", "在线支付", ""],
    ]
    st = read_statement(write_statement(tmp_path, classic_statement(newest_first), "a.csv"))
    assert balance_at(st, dt.date(2026, 11, 2)) == D("1196.02") and check_running_balance(st) == []
    one_second = [newest_first[1], newest_first[2]]  # a one-day file: first and last share a time
    st = read_statement(write_statement(tmp_path, classic_statement(one_second), "b.csv"))
    assert check_running_balance(st) == [] and balance_at(st, dt.date(2026, 11, 2)) == D("1196.02")
    bad = [list(x) for x in newest_first]
    bad[0][8] = "1246.02元余"
    st = read_statement(write_statement(tmp_path, classic_statement(bad), "c.csv"))
    assert [(i.severity, i.column, i.value) for i in st.issues] == [("warning", "账户余额（元）", "1246.02元余")]
    assert [x.txn_no for x in st.lines] == ["A3", "F2", "A1", "A0"] and st.lines[0].amount == D("50.00")


def test_a_download_cut_inside_a_chinese_character(shop, tmp_path):
    """Cut in the middle of a GBK character (a broken download): the statement up to the cut is
    read and said to be cut off, never an 'unknown encoding'."""
    raw = classic_statement(november_lines())
    cut = raw[: raw.index("大衣".encode("gbk")) + 1]  # half of 大
    st = read_statement(write_statement(tmp_path, cut, "cut.csv"))
    assert not st.complete and [x.txn_no for x in st.lines] == ["A1", "A2", "A3", "A5"]
    assert any("cut off" in i.message_en for i in st.issues)


def test_a_parcel_billed_twice_and_orders_that_do_not_read(shop, tmp_path):
    courier_shop(shop)
    bill = tmp_path / "bill.csv"
    bill.write_bytes("运单号,重量,目的地,运费\nT1,1,浙江,5\nT1,1,浙江,5\nT2,1,浙江,5\n".encode("gbk"))
    chk, issues = reconcile_courier_file(shop, bill)
    assert [(b.tracking_no, b.line) for b in chk.billed_twice] == [("T1", 3)]
    # the buyer paid T1's shipping once (8.00), T2's nothing; the courier billed 15.00
    assert (chk.billed_total, chk.charged_to_buyers, chk.margin) == (D("15.00"), D("8.00"), D("-7.00"))
    r = CliRunner().invoke(app, ["reconcile", "courier", str(shop.folder), str(bill)])
    assert "重复计费" in r.output
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb[Product.zh]
    head = [c.value for c in ws[1]]
    ws.cell(row=2, column=head.index("成本价") + 1).value = "30元/件"  # would drop out of the margin unseen
    wb.save(shop.path(STOCK))
    with pytest.raises(ShopbookError) as e:
        ledger_report(shop, "2026-11")
    assert "gross margin" in e.value.en and "商品 › H2" in str(e.value)


@pytest.mark.parametrize("variant", ["cr", "excel_resaved"])
def test_statement_period_read_however_the_file_was_saved(tmp_path, variant):
    raw = classic_statement(november_lines()).decode("gbk")
    if variant == "cr":
        raw = raw.replace("\r\n", "\r")
    else:  # Excel pads every line to the table's width with commas
        raw = "\r\n".join(ln + ",,,,,,,,,,," if ln.startswith("#") else ln for ln in raw.split("\r\n"))
    st = read_statement(write_statement(tmp_path, raw.encode("gbk")))
    assert st.period == (dt.date(2026, 11, 1), dt.date(2026, 11, 30)) and st.account == "20881234567890120156"
    assert [x.txn_no for x in st.lines] == ["A1", "A2", "A3", "A5", "A6", "A7"]


def test_a_note_with_a_line_break_keeps_the_line_numbers(tmp_path):
    lines = november_lines()
    lines[0][11] = "第一行\n第二行"  # Alipay quotes such a 备注; the record spans two file lines
    raw = classic_statement(lines).decode("gbk").replace("第一行\n第二行\t", '"第一行\n第二行\t"').encode("gbk")
    st = read_statement(write_statement(tmp_path, raw))
    assert [(x.txn_no, x.line) for x in st.lines][:3] == [("A1", 6), ("A2", 8), ("A3", 9)]
    assert st.lines[0].note.startswith("第一行\n第二行")


def test_apply_writes_nothing_while_the_ledger_is_open(shop, tmp_path):
    """--apply with ledger.xlsx open in Excel: one message, and no report saying lines were booked."""
    path = write_statement(tmp_path, classic_statement(november_lines()))
    shop = pin_account(shop)
    (shop.folder / "~$ledger.xlsx").write_bytes(b"\x05alice" + b" " * 50)
    before = {p: p.read_bytes() for p in shop.folder.rglob("*") if p.is_file()}
    with pytest.raises(ShopbookError) as e:
        reconcile_alipay_file(shop, path, apply=True)
    assert "alice" in e.value.zh
    assert {p: p.read_bytes() for p in shop.folder.rglob("*") if p.is_file()} == before


def test_a_statement_that_is_a_workbook_says_so(shop, tmp_path):
    """A password-protected workbook (a compound file) or a workbook given where the statement's
    CSV belongs: said plainly, not 'unknown text encoding'."""
    locked = tmp_path / "账务明细.csv"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    with pytest.raises(ShopbookError) as e:
        reconcile_alipay_file(shop, locked)
    assert "password-protected" in e.value.en
    book = tmp_path / "账务明细2.csv"
    book.write_bytes(shop.path(LEDGER).read_bytes())
    with pytest.raises(ShopbookError) as e:
        reconcile_alipay_file(shop, book)
    assert "not a text (CSV) file" in e.value.en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_proposed_lines_use_the_shops_own_categories_and_language(tmp_path, lang):
    """An English shop's ledger spells its categories in English: a line --apply adds takes the
    shop's own word for it (Sales, Platform fees…) and an English note, so validate finds every
    category it uses; a line in a category the sheet lacks is not added: said, with the category to
    add in the shop's language, and added by the next --apply once it is there."""
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    cats = ([("销售收入", "收入", "sales"), ("平台服务费", "支出", "other")] if lang == "zh" else
            [("sales", "收入", "sales"), ("Platform Fees", "支出", "other")])  # spelled as the shop typed them
    write_workbook(folder / "ledger.xlsx", LEDGER, lang, {
        Entry: [e.model_copy(update={"category": cats[0][0]}) for e in ledger_rows()[:2]],
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D("1000.00"))],
        Category: [Category(category=c, direction=d_, group=g) for c, d_, g in cats],
    }, keep_backup=False)
    shop = open_shop(folder)
    line = lambda txn, when, inc, exp, bal, kind: [txn, f"B{txn}", "", "商品", f"2026-11-{when}:00", "",  # noqa: E731
                                                    inc, exp, bal, "支付宝", kind, ""]
    lines = november_lines()[:2] + [line("F1", "15 08:00", "", "5.94", "1291.06", "服务费"),
                                    line("S1", "16 09:00", "80.00", "", "1371.06", "在线支付"),
                                    line("R1", "17 09:00", "", "20.00", "1351.06", "交易退款")]
    statement = write_statement(tmp_path, classic_statement(lines))
    res = reconcile_alipay_file(shop, statement, apply=True)
    refunds = "退款" if lang == "zh" else "Refunds"
    assert (res.applied, res.left) == (2, 1)
    (said,) = [i for i in res.statement_issues if i.value == refunds]
    assert said.severity == "warning" and said.row == 10  # R1: the statement file's 10th line
    assert f"添加“{refunds}”（支出，分组“退款”）" in said.message_zh and f"Add '{refunds}' (out, group 'refunds')" in said.message_en

    def booked():
        return {e.txn_no: (e.category, e.note) for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
                if e.txn_no in ("F1", "S1", "R1")}

    if lang == "zh":
        assert booked() == {"F1": ("平台服务费", "对账补录 服务费 商品"), "S1": ("销售收入", "对账补录 在线支付 商品")}
    else:
        assert booked() == {"F1": ("Platform Fees", "added by reconciliation: 服务费 商品"),
                            "S1": ("sales", "added by reconciliation: 在线支付 商品")}
    assert not [i for i in validate_path(folder / "ledger.xlsx").issues if i.sheet in (Entry.zh, Entry.en)]
    # the category added as said: the next --apply adds R1 alone
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb.worksheets[[ws.title for ws in wb.worksheets].index(Category.zh if lang == "zh" else Category.en)].append(
        [refunds, "支出" if lang == "zh" else "out", "退款" if lang == "zh" else "refunds"])
    wb.save(shop.path(LEDGER))
    res = reconcile_alipay_file(shop, statement, apply=True)
    assert (res.applied, res.left) == (1, 0)
    assert booked()["R1"] == (refunds, "对账补录 交易退款 商品" if lang == "zh" else "added by reconciliation: 交易退款 商品")
    assert not [i for i in validate_path(folder / "ledger.xlsx").issues if i.sheet in (Entry.zh, Entry.en)]


def test_an_english_shops_alipay_account_is_the_one_its_accounts_sheet_names(tmp_path):
    """An English shop's Accounts sheet says Alipay: its ledger's Alipay lines are the statement's
    (matched, never booked twice) and --apply books onto Alipay, an account validate finds. Before,
    every run looked for an account named 支付宝: the lines booked were Alipay only, --apply booked
    them again onto 支付宝 and validate then called each an error."""
    folder = tmp_path / "shop"
    init_shop(folder, lang="en")
    write_workbook(folder / "ledger.xlsx", LEDGER, "en", {
        Entry: [e.model_copy(update={"category": "Sales", "account": "Alipay"}) for e in ledger_rows()[:2]],
        Account: [Account(account="Alipay", opening_date=dt.date(2026, 11, 1), opening_balance=D("1000.00"))],
        Category: [Category(category="Sales", direction="收入", group="sales"),
                   Category(category="Platform fees", direction="支出", group="other")],
    }, keep_backup=False)
    fee = ["F1", "BF1", "", "技术服务费", "2026-11-15 08:00:00", "tmall", "", "5.94", "1291.06", "支付宝", "收费", ""]
    statement = write_statement(tmp_path, classic_statement(november_lines()[:2] + [fee]))
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(folder), str(statement), "--apply", "--json"])
    j = json.loads(r.stdout)
    assert (j["matched"], j["alipay_only"], j["ledger_only"]) == (2, 1, 0), j
    entries = read_workbook(folder / "ledger.xlsx", LEDGER).rows(Entry)
    assert [(e.txn_no, e.account, e.category) for e in entries] == [
        ("A1", "Alipay", "Sales"), ("A2", "Alipay", "Sales"), ("F1", "Alipay", "Platform fees")]
    assert validate_path(folder).errors == []


# --- what --apply must never book ---------------------------------------------------

def test_excel_safe_numbers_are_read_as_the_numbers(shop, tmp_path):
    """账务流水号 and 商户订单号 written ="…" (with Alipay's tab after), 业务流水号 with a leading ':
    read as the numbers, so the lines booked before match and nothing is booked twice."""
    lines = november_lines()
    for ln in lines:
        ln[0], ln[1] = f'="{ln[0]}"', "'" + ln[1]
        ln[2] = f'="{ln[2]}"' if ln[2] else ln[2]
    path = write_statement(tmp_path, classic_statement(lines, encoding="gb18030"))
    assert '="A1"\t,\'2026110222001\t,="T200P'.encode("gb18030") in path.read_bytes()
    st = read_statement(path)
    assert [(x.txn_no, x.biz_no, x.order_no) for x in st.lines][:2] == [("A1", "2026110222001", O79),
                                                                        ("A2", "2026110222002", O80)]
    shop = pin_account(shop)
    res = reconcile_alipay_file(shop, path, apply=True)
    assert sorted(p.line.txn_no for p in res.result.matched) == ["A1", "A2", "A3", "A5"] and res.applied == 1
    entries = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    assert [e.txn_no for e in entries if e.txn_no and e.txn_no.startswith("A")] == ["A1", "A2", "A3", "A5", "A6", "A8",
                                                                                   "A7"]


def test_a_line_of_the_ledger_under_another_number_is_not_booked_again(shop, tmp_path):
    """A statement line only in the statement with the day and amount of a ledger line that matched
    nothing (the fee booked by hand under another number): a probable duplicate, never booked."""
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb[Entry.zh].append([dt.datetime(2026, 11, 15), "支出", "平台服务费", 5.94, "支付宝", None, "FEE-1115"])
    wb.save(shop.path(LEDGER))
    shop = pin_account(shop)
    path = write_statement(tmp_path, classic_statement(november_lines()))
    before = len(read_workbook(shop.path(LEDGER), LEDGER).rows(Entry))
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path), "--apply"])
    assert r.exit_code == 1 and "疑似重复 1" in r.output and "已补录" not in r.output, r.output
    assert "第 11 行" in r.output and "疑似重复，没有补录" in r.output  # A7's line, named with the ledger's row
    assert len(read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)) == before
    (report,) = (shop.folder / "reports").glob("对账-支付宝-*.xlsx")
    ws = openpyxl.load_workbook(report)["疑似重复"]
    assert [c.value for c in ws[2]][:2] == [11, "A7"] and ws[2][6].value == before + 1


def test_a_line_of_no_money_is_said_and_never_booked(shop, tmp_path):
    """资金冻结: 收入 0.00 and 支出 0.00; a warning at its line, and never a 支出 0.0 line."""
    lines = november_lines() + [["A9", "2026111622009", "", "保证金冻结", "2026-11-16 10:00:00", "", "0.00", "0.00",
                                 "1382.06", "支付宝", "资金冻结", ""]]
    res = reconcile_alipay_file(balance_agrees(shop), write_statement(tmp_path, classic_statement(lines)), apply=True)
    (zero,) = res.statement_issues
    assert (zero.severity, zero.row, zero.column) == ("warning", 12, "收入金额（+元）/支出金额（-元）") and "资金冻结" in zero.message_zh
    assert res.applied == 1 and [e.txn_no for e in res.result.proposed] == ["A7"]
    entries = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    assert all(e.amount > 0 for e in entries) and "A9" not in {e.txn_no for e in entries}
    assert not [i for i in validate_path(shop.folder).errors if i.sheet == Entry.zh]


def _cut(lines):
    return classic_statement(lines)[:-250]  # the download stopped inside the last line


def _duplicate(lines):
    return classic_statement(lines + [list(lines[0])])


def _no_number(lines):
    lines[5][0] = ""
    return classic_statement(lines)


def _balance(lines):
    for x in lines[3:]:  # a yuan more from the fourth line to the last: a gap that stays
        x[8] = str(D(x[8]) + 1)
    return classic_statement(lines)


@pytest.mark.parametrize("broken", [_cut, _duplicate, _no_number, _balance])
def test_apply_books_nothing_from_a_statement_with_errors(shop, tmp_path, broken):
    """Cut off, a 账务流水号 twice or missing, a running balance that breaks: what --apply would book
    is not certain, so it books nothing and writes nothing, and says so (exit 1)."""
    balance_agrees(shop)
    path = write_statement(tmp_path, broken(november_lines()))
    before = files_of(shop.folder)
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path), "--apply"])
    said = "".join(r.output.split())  # (a console of 80 columns, as under xdist, breaks lines anywhere)
    assert r.exit_code == 1 and "没有补录" in said and "没有写入任何文件" in said, r.output
    assert "已补录" not in said and "✓" not in said
    assert files_of(shop.folder) == before
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path)])  # the report, still
    assert r.exit_code == 1 and (shop.folder / "reports" / "对账-支付宝-2026-11-01-2026-11-30.xlsx").exists()


def test_another_alipay_accounts_statement_is_never_booked(shop, tmp_path):
    """The statement's #账号 is shown and kept in the report; one of another account than the shop's
    earlier reconciliations (or shopbook.toml) name is refused: exit 1, nothing written."""
    october = [["B1", "2026100222001", "", "转账", "2026-10-02 10:00:00", "x", "100.00", "", "1100.00", "支付宝", "转账", ""]]
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder),
                                 str(write_statement(tmp_path, classic_statement(october, month=10), "oct.csv"))])
    assert "支付宝账号 20881234567890120156" in r.output
    oct_report = shop.folder / "reports" / "对账-支付宝-2026-10-01-2026-10-31.xlsx"
    assert ["账号", "20881234567890120156"] in [[c.value for c in r] for r in openpyxl.load_workbook(oct_report)["汇总"].iter_rows()]
    other = write_statement(tmp_path, classic_statement(november_lines(), account="20889999999999990000"), "other.csv")
    before = files_of(shop.folder)
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(other), "--apply"])
    out = " ".join(r.output.split())
    assert r.exit_code == 1 and "支付宝账号 20889999999999990000" in out and "没有写入任何文件" in out, out
    assert "20881234567890120156" in out and "对账-支付宝-2026-10-01-2026-10-31.xlsx" in out and "第 2 行" in out
    assert "已补录" not in out and files_of(shop.folder) == before
    pinned = pin_account(shop, "20880000000000000001")  # shopbook.toml names it: it decides
    res = reconcile_alipay_file(pinned, write_statement(tmp_path, classic_statement(november_lines())), apply=True)
    assert res.applied == 0 and res.refused and any(i.column == "账号" and i.row == 2 for i in res.statement_issues)


def test_no_tick_beside_lines_booked_while_an_error_is_reported(shop, tmp_path):
    """The shop's own account (shopbook.toml) with a 余额核对 that disagrees: the line is booked,
    and the run, which reports the error, says so without a ✓."""
    shop = pin_account(shop)
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder),
                                 str(write_statement(tmp_path, classic_statement(november_lines()))), "--apply"])
    assert r.exit_code == 1 and "余额核对 2026-11-06" in r.output
    assert "已补录 1 条流水" in r.output and "✓ 已补录" not in r.output


def test_a_line_booked_on_another_day_is_matched_by_its_number_and_never_booked_again(shop, tmp_path):
    """The ledger has A7 (the 15 November fee) booked on 1 December, the day it showed, outside the
    statement's days. Before, --apply booked it a second time with a ✓ (the expense counted twice,
    and the balance check then agreed). Now it is matched by its number, said with both days and
    the ledger's row, and nothing is booked."""
    shop = pin_account(balance_agrees(shop))
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb[Entry.zh].append([dt.datetime(2026, 12, 1), "支出", "平台服务费", 5.94, "支付宝", None, "A7"])
    row = wb[Entry.zh].max_row
    wb.save(shop.path(LEDGER))
    lines = november_lines()
    lines[4][6], lines[4][8], lines[5][8] = "300.00", "1378.00", "1372.06"  # A6 as the ledger has it
    lines.append(["A8", "2026112022008", "", "收款", "2026-11-20 09:00:00", "tb_dan", "88.00", "", "1460.06",
                  "支付宝", "在线支付", ""])
    path = write_statement(tmp_path, classic_statement(lines))
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path), "--apply"])
    flat = "".join(r.output.split())
    assert f"流水账第{row}行有这个流水号，日期是2026-12-01，对账单是2026-11-15：算作已记账，没有再补录" in flat, r.output
    assert "已补录" not in r.output and "仅流水账 0" in r.output and r.exit_code == 0, r.output
    entries = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    assert [e.row for e in entries if e.txn_no == "A7"] == [row]
    res = reconcile_alipay_file(shop, path).result
    assert [(p.line.txn_no, p.entry.row) for p in res.dated_apart] == [("A7", row)] and not res.proposed
    assert "A7" in {p.line.txn_no for p in res.matched}


def test_a_top_up_is_a_transfer_and_unknown_income_other_income_never_a_sale(shop, tmp_path):
    """A top-up from the shop's bank card (充值) and 余额宝's interest (其他) missing from the ledger:
    before, both were proposed and booked as 销售收入 with a ✓. A top-up is money moved between the
    shop's own accounts: booked only in a 内部转账 income category (refused, with what to add, while
    the sheet has none, though it has 其他收入); other money in is 其他收入."""
    shop = pin_account(balance_agrees(shop))
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb[Category.zh].append(["其他收入", "收入", "other"])
    wb.save(shop.path(LEDGER))
    lines = november_lines()
    lines[4][6], lines[4][8], lines[5][8] = "300.00", "1378.00", "1372.06"  # A6 as the ledger has it
    lines.append(["A8", "2026112022008", "", "收款", "2026-11-20 09:00:00", "tb_dan", "88.00", "", "1460.06",
                  "支付宝", "在线支付", ""])
    lines.append(["B1", "2026112209001", "", "充值-招商银行", "2026-11-22 09:00:00", "招商银行(6214)", "5000.00", "",
                  "6460.06", "支付宝", "充值", ""])
    lines.append(["B2", "2026112209002", "", "余额宝收益", "2026-11-22 09:30:00", "余额宝", "3.21", "", "6463.27",
                  "支付宝", "其他", ""])
    path = write_statement(tmp_path, classic_statement(lines))
    proposed = {e.txn_no: e.category for e in reconcile_alipay_file(shop, path).result.proposed}
    assert proposed == {"A7": "平台服务费", "B1": "其他收入", "B2": "其他收入"}
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path), "--apply"])
    flat = "".join(r.output.split())
    assert r.exit_code == 1 and "没有补录：类别表里没有分组为“内部转账”的“收入”类别。充值是店铺自己账户之间的转账，不是收入" in flat
    booked = {e.txn_no: e.category for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry) if e.txn_no in ("B1", "B2")}
    assert booked == {"B2": "其他收入"}
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb[Category.zh].append(["银行转入", "收入", "内部转账"])
    wb.save(shop.path(LEDGER))
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path), "--apply"])
    assert r.exit_code == 0 and "✓ 已补录 1 条流水" in r.output, r.output
    assert "另一个账户（如银行卡）那边的一笔不在这张对账单里" in "".join(r.output.split())  # its other side: said
    booked = {e.txn_no: e.category for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry) if e.txn_no in ("B1", "B2")}
    assert booked == {"B1": "银行转入", "B2": "其他收入"}
    report, _, _ = ledger_report(shop, "2026-11")
    assert report.group_total("sales") == D("685.00") and "transfers" not in report.lines  # the top-up is no sale
    assert {a.account: a.closing for a in report.accounts}["支付宝"] == D("6463.27")  # as the statement ends: moved all the same


def test_a_bill_without_destinations_is_checked_by_our_addresses(shop, tmp_path):
    """A bill with no 目的地 column: before, no fee was checked (T1 billed ¥700 read as fine, exit
    0). Now each parcel's fee is checked at the rates of its order's province (浙江, from its
    address), and the bill is said to name none."""
    courier_shop(shop)
    bill = tmp_path / "中通11月账单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["运单编号", "揽收日期", "计费重量", "运费"])
    wb.active.append(["T1", "2026-11-10", 1, 700])
    wb.active.append(["T2", "2026-11-10", 1, 5])
    wb.active.append(["T3", "2026-11-10", 2, 6])
    wb.save(bill)
    chk, issues = reconcile_courier_file(shop, bill)
    assert [(b.tracking_no, fee) for b, fee in chk.fee_differs] == [("T1", D(5))]
    assert [i.message_zh for i in issues] == ["账单上有 3 个包裹没有写目的地：运费按订单收货地址的省份核对。"]
    r = CliRunner().invoke(app, ["reconcile", "courier", str(shop.folder), str(bill)])
    assert r.exit_code == 1 and "运费不符 T1：账单 ¥700.00，按运费表 ¥5.00" in r.output, r.output


@pytest.mark.parametrize("where", ["浙江省杭州市", "浙江杭州", "浙江省 杭州市 西湖区", "浙江"])
def test_a_destination_of_province_and_city_is_priced_at_its_province(shop, tmp_path, where):
    """A 目的地 written with its city (浙江省杭州市, 重庆重庆市): before, priced at the 其他 rate (8.00
    for 5.00), and every right fee reported wrong."""
    courier_shop(shop)
    bill = tmp_path / "中通11月账单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["运单编号", "揽收日期", "目的地", "计费重量", "运费"])
    for t in ("T1", "T2", "T3"):
        wb.active.append([t, "2026-11-10", where, 1, 5])
    wb.save(bill)
    chk, issues = reconcile_courier_file(shop, bill)
    assert chk.fee_differs == [] and issues == []


def test_each_difference_is_named_on_screen_and_in_json(shop, tmp_path):
    """Before, the screen and --json gave counts alone ('金额不符 1'): which line, which row and
    which amounts were only in the report's workbook. Now each is listed: the amount that differs
    (A6: 310.00 on the statement, 300.00 in the ledger's row), the line only the statement has (A7)
    and the row only the ledger has (A8)."""
    path = write_statement(tmp_path, classic_statement(november_lines()))
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path)])
    rows = {e.txn_no: e.row for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)}
    assert f"  金额不符 A6：支付宝 ¥310.00，流水账第 {rows['A6']} 行 ¥300.00" in r.output, r.output
    assert "  仅支付宝 A7：2026-11-15 收费 -¥5.94" in r.output
    assert f"  仅流水账 第 {rows['A8']} 行：2026-11-20 销售收入 ¥88.00" in r.output and r.exit_code == 1
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path), "--json"])
    lines = json.loads(r.output)["lines"]
    assert [(d["statement"]["txn_no"], d["statement"]["amount"], d["ledger"]["row"], d["ledger"]["amount"])
            for d in lines["amount_differs"]] == [("A6", "310.00", rows["A6"], "300.00")]
    assert [x["txn_no"] for x in lines["statement_only"]] == ["A7"] and [e["row"] for e in lines["ledger_only"]] == [
        rows["A8"]]
    assert [(p["txn_no"], p["category"], p["amount"]) for p in lines["proposed"]] == [("A7", "平台服务费", "5.94")]


def test_a_blank_or_unreadable_cell_of_a_bill_is_named_by_its_column(shop, tmp_path):
    """Before, a blank fee said only '第 2 行 不是金额：“”': now its column, that it is blank, and what
    the parcel's line then misses; an unreadable weight names its column and value."""
    courier_shop(shop)
    bill = tmp_path / "中通11月账单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["运单编号", "揽收日期", "目的地", "计费重量", "运费"])
    wb.active.append(["T1", "2026-11-10", "浙江", 1, None])
    wb.active.append(["T2", "2026-11-10", "浙江", "一公斤", 5])
    wb.save(bill)
    _, issues = reconcile_courier_file(shop, bill)
    assert [(i.row, i.column, i.value) for i in issues if i.is_error] == [(2, "运费", ""), (3, "计费重量", "一公斤")]
    assert issues[0].message_zh.startswith("运费是空的") and "Fill in its fee" in issues[0].message_en


def test_a_run_without_apply_does_not_offer_what_apply_would_refuse(shop, tmp_path):
    """A statement with an error (a 账务流水号 twice): before, the run said '核对后用 … --apply 补录'
    and --apply then refused. Now the run says the ledger lacks the line and that --apply would add
    none, and why; a statement without errors is offered --apply as before."""
    lines = november_lines()
    path = write_statement(tmp_path, classic_statement(lines + [list(lines[0])]))
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path)])
    said = "".join(r.output.split())
    assert "流水账少了1条（对账报告的“仅支付宝”表），但--apply不会补录：对账单有错误（见上）" in said, r.output
    assert "核对后用shopbookreconcilealipay店铺对账单--apply补录" not in said
    shop = pin_account(balance_agrees(shop))  # (else the balance check would keep --apply from booking too)
    good = write_statement(tmp_path, classic_statement(lines), "good.csv")
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(good)])
    assert "核对后用shopbookreconcilealipay店铺对账单--apply补录" in "".join(r.output.split()), r.output


def test_a_month_before_the_books_begin_stops_and_the_month_under_way_says_so(shop):
    """The accounts open on 2026-11-01: `ledger --month 2026-10` showed October with November's
    opening balances and a P&L of nothing, with a ✓; it now stops, naming that day. The month under
    way (today's) is said to be its figures so far."""
    import datetime as dt_

    r = CliRunner().invoke(app, ["ledger", str(shop.folder), "--month", "2026-10"])
    # (a month its staff typed: said in the shop's language alone, as a month not begun)
    assert r.exit_code == 2 and "2026-11-01" in r.output and "请检查年份和月份" in "".join(r.output.split())
    assert "Check the year" not in r.output
    assert not (shop.reports.exists() and list(shop.reports.glob("利润表-2026-10*")))
    today = dt_.date.today()
    r = CliRunner().invoke(app, ["ledger", str(shop.folder), "--month", f"{today:%Y-%m}"])
    assert r.exit_code in (0, 1) and f"{today:%Y-%m} 利润表（本月还没有结束：到 {today} 为止" in r.output, r.output
    r = CliRunner().invoke(app, ["ledger", str(shop.folder), "--month", "2026-11"])
    assert "2026-11 利润表\n" in r.output, r.output


def test_the_pnl_s_figures_stand_in_one_column_on_screen_whatever_the_names(shop):
    """QA: the P&L's lines were padded with str.ljust, which counts a Chinese character as one
    column where a terminal shows two: the figures after 销售收入 and 营业外收入 stood apart."""
    import unicodedata

    from shopbook.money.said import ledger_said

    report, margin, path = ledger_report(shop, "2026-11")
    lines = [zh for _, zh, _ in ledger_said(report, margin, path) if zh.startswith("  ") and "期初" not in zh
             and "：" not in zh]
    width = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)  # noqa: E731
    assert len(lines) >= 4 and len({width(s) for s in lines}) == 1, lines
