"""WeChat Pay bills against the ledger's WeChat account, as PLATFORMS.md describes them: the
merchant trade bill (backtick values, summary block) and the personal bill (16–18 preamble
lines; CSV, or .xlsx since 2025, with or without ¥)."""

import datetime as dt
import re
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.money.wechat import read_wechat
from shopbook.money.workflow import reconcile_wechat_file
from shopbook.schema import LEDGER, Account, Category, Direction, Entry
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

DETAIL = ["交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号", "商户订单号", "用户标识", "交易类型",
          "交易状态", "付款银行", "货币种类", "应结订单金额", "代金券金额", "微信退款单号", "商户退款单号", "退款金额",
          "充值券退款金额", "退款类型", "退款状态", "商品名称", "商户数据包", "手续费", "费率", "订单金额", "申请退款金额",
          "费率备注"]
SUMMARY = ["总交易单数", "应结订单总金额", "退款总金额", "充值券退款总金额", "手续费总金额", "订单总金额", "申请退款总金额"]


def trade(when, txn, order, settled, fee, state="SUCCESS", refund_no="", refund="0.00"):
    return [when, "wx8888888888888888", "1900000109", "0", "", txn, order, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", "JSAPI",
            state, "CMC", "CNY", settled, "0.00", refund_no, refund_no and "R" + order, refund, "0.00",
            refund_no and "ORIGINAL", refund_no and "SUCCESS", "连衣裙", "", fee, "0.60%", settled, refund, ""]


TRADES = [
    trade("2026-11-02 10:00:01", "4200001001", "W1001", "99.00", "0.59"),
    trade("2026-11-02 11:00:00", "4200001002", "W1002", "198.00", "1.19"),
    trade("2026-11-03 09:30:00", "4200001002", "W1002", "0.00", "-1.19", "REFUND", "50300001002", "198.00"),
    trade("2026-11-04 15:20:00", "4200001003", "W1003", "50.00", "0.30"),
]


def merchant_bill(rows=TRADES, summary=("4", "347.00", "198.00", "0.00", "0.89", "347.00", "198.00"),
                  encoding="gbk") -> bytes:
    """Every value with WeChat's leading backtick; the summary header and row under the detail."""
    lines = [",".join(DETAIL)]
    lines += [",".join("`" + v for v in r) for r in rows]
    if summary is not None:
        lines += [",".join(SUMMARY), ",".join("`" + v for v in summary)]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


PREAMBLE = ["微信支付账单明细", "微信昵称：[小店老板]", "起始时间：[2026-11-06 00:00:00] 终止时间：[2026-11-09 23:59:59]",
            "导出类型：[全部]", "导出时间：[2026-11-10 08:00:00]", "", "共4笔记录", "收入：2笔 800.00元",
            "支出：1笔 45.50元", "中性交易：1笔 100.00元", "注：", "1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易",
            "2. 本明细仅展示当前账单中的交易，不包括已删除的记录", "3. 本明细仅供个人对账使用", "",
            "----------------------微信支付账单明细列表--------------------"]  # 16 lines
PERSONAL_HEAD = ["交易时间", "交易类型", "交易对方", "商品", "收/支", "金额(元)", "支付方式", "当前状态", "交易单号",
                 "商户单号", "备注"]


def personal_rows(yuan: str = "¥"):
    return [["2026-11-06 10:00:00", "二维码收款", "代理小王", "/", "收入", f"{yuan}500.00", "/", "已收钱",
             "100005000126110600001", "/", "/"],
            ["2026-11-07 12:00:00", "转账", "代理小李", "/", "收入", f"{yuan}300.00", "/", "已收钱",
             "100003900126110700002", "/", "货款"],
            ["2026-11-08 09:00:00", "商户消费", "顺丰速运", "寄件", "支出", f"{yuan}45.50", "零钱", "支付成功",
             "420000200126110800003", "SF20261108", "/"],
            ["2026-11-09 20:00:00", "零钱提现", "招商银行(1234)", "/", "/", f"{yuan}100.00", "招商银行(1234)", "提现已到账",
             "1000200126110900004", "/", "服务费¥0.10"]]


def personal_xlsx(path: Path, yuan: str = "", preamble=PREAMBLE) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for ln in preamble:
        ws.append([ln] if ln else [])
    ws.append(PERSONAL_HEAD)
    for r in personal_rows(yuan):
        ws.append(r)
    wb.save(path)
    return path


def personal_csv(path: Path, tabs: bool = False) -> Path:
    """`tabs`: as public samples of the bill have it, 交易单号 and 商户单号 unquoted and ending in a tab
    (their `/` too), and a trailing space after some numbers."""
    def cells(r: list[str]) -> str:
        if not tabs:
            return ",".join(f'"{v}"' for v in r)
        return ",".join(f"{v}\t" if i in (8, 9) else f"{v} " if i == 7 else f'"{v}"' for i, v in enumerate(r))

    lines = [ln + "," * 10 for ln in PREAMBLE] + [",".join(PERSONAL_HEAD)]
    lines += [cells(r) for r in personal_rows("¥")]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8-sig"))
    return path


def ledger(rows):
    return [Entry(date=dt.date(2026, 11, d), direction=dr, category=c, amount=D(a), account=acc, order_no=o, txn_no=t)
            for d, dr, c, a, acc, o, t in rows]


@pytest.fixture
def shop(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Entry: ledger([(2, "收入", "销售收入", "99.00", "微信", "W1001", None),
                       (2, "支出", "平台服务费", "0.59", "微信", None, None),  # the fee booked by hand
                       (2, "收入", "销售收入", "198.00", "微信", "W1002", None),
                       (3, "支出", "退款", "198.00", "微信", "W1002", None),
                       (4, "收入", "销售收入", "55.00", "微信", "W1003", None),  # 50.00 in the bill
                       (3, "收入", "销售收入", "20.00", "微信", "W1009", None),  # not in the bill
                       (2, "收入", "销售收入", "99.00", "支付宝", "W1001", None),  # another account
                       (6, "收入", "代理回款", "500.00", "微信", None, None),
                       (8, "支出", "快递费", "45.50", "微信", None, None)]),
        Account: [Account(account="微信", opening_date=dt.date(2026, 11, 1), opening_balance=D(0)),
                  Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D(0))],
        Category: [Category(category=c, direction=d, group=g) for c, d, g in (
            ("销售收入", "收入", "sales"), ("代理回款", "收入", "sales"), ("退款", "支出", "refunds"),
            ("快递费", "支出", "shipping"), ("平台服务费", "支出", "other"), ("其他收入", "收入", "other"))]},
        keep_backup=False)
    return open_shop(folder)


def test_the_merchant_bill_is_read_as_wechat_writes_it(tmp_path):
    path = tmp_path / "1900000109_All_20261102_20261104.csv"
    path.write_bytes(merchant_bill())
    st = read_wechat(path)
    assert st.issues == [] and st.complete
    got = [(x.txn_no, x.order_no, x.amount, x.kind) for x in st.lines]
    assert got == [("4200001001", "W1001", D("99.00"), "交易"), ("4200001001#手续费", "", D("-0.59"), "手续费"),
                   ("4200001002", "W1002", D("198.00"), "交易"), ("4200001002#手续费", "", D("-1.19"), "手续费"),
                   ("50300001002", "W1002", D("-198.00"), "退款"), ("50300001002#手续费", "", D("1.19"), "手续费"),
                   ("4200001003", "W1003", D("50.00"), "交易"), ("4200001003#手续费", "", D("-0.30"), "手续费")]
    assert st.lines[0].when == dt.datetime(2026, 11, 2, 10, 0, 1)  # the backtick is gone


def test_a_merchant_bill_cut_off_or_short_says_so(tmp_path):
    cut = tmp_path / "cut.csv"
    cut.write_bytes(merchant_bill(summary=None))
    st = read_wechat(cut)
    assert not st.complete and [i.severity for i in st.issues] == ["warning"]
    assert "summary" in st.issues[0].message_en
    short = tmp_path / "short.csv"
    short.write_bytes(merchant_bill(TRADES[:3]))  # a line lost, the summary still counts it
    st = read_wechat(short)
    (err,) = [i for i in st.issues if i.is_error]  # one error, on the summary's row below its header
    assert (err.row, err.column, err.value) == (6, "总交易单数", "4") and not st.complete
    assert all(f"{h} 汇总 {said}，明细 {read}" in err.message_zh for h, said, read in (
        ("总交易单数", "4", "3"), ("应结订单总金额", "347.00", "297.00"), ("手续费总金额", "0.89", "0.59")))
    assert "settled total (应结订单总金额) 347.00 in the summary, 297.00 in the lines" in err.message_en


def test_reconcile_the_merchant_bill_apply_and_again(shop, tmp_path):
    path = tmp_path / "bill.csv"
    path.write_bytes(merchant_bill())
    res = reconcile_wechat_file(shop, path)
    r = res.result
    assert sorted(p.line.txn_no for p in r.matched) == ["4200001001", "4200001001#手续费", "4200001002", "50300001002"]
    assert [(p.line.txn_no, p.line.amount, p.entry.amount) for p in r.amount_differs] == [
        ("4200001003", D("50.00"), D("55.00"))]
    assert sorted(x.txn_no for x in r.alipay_only) == ["4200001002#手续费", "4200001003#手续费", "50300001002#手续费"]
    assert [e.order_no for e in r.ledger_only] == ["W1009"]  # the 支付宝 line is not the WeChat account's
    assert {(e.category, e.direction, e.amount, e.account) for e in r.proposed} == {
        ("平台服务费", Direction.OUT, D("1.19"), "微信"), ("平台服务费", Direction.OUT, D("0.30"), "微信"),
        ("其他收入", Direction.IN, D("1.19"), "微信")}  # a refund gives part of the fee back
    wb = openpyxl.load_workbook(res.report)
    assert res.report.name == "对账-微信-2026-11-02-2026-11-04.xlsx" and "仅微信" in wb.sheetnames
    before = len(read_workbook(shop.path(LEDGER), LEDGER).rows(Entry))
    r = CliRunner().invoke(app, ["reconcile", "wechat", str(shop.folder), str(path), "--apply"])
    assert r.exit_code == 1 and "已补录 3 条流水" in r.output, r.output  # the differences are still there to look at
    entries = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    assert len(entries) == before + 3
    again = reconcile_wechat_file(shop, path, apply=True)  # idempotent: the added lines match by their numbers
    assert again.applied == 0 and again.result.alipay_only == [] and again.result.proposed == []
    assert len(read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)) == before + 3


@pytest.mark.parametrize("apply", [[], ["--apply"]])
def test_an_account_not_on_the_accounts_sheet_is_refused_with_the_nearest(shop, tmp_path, apply):
    """QA: `--account 微信钱包` (the sheet says 微信) booked three lines into an account that does
    not exist, with a ✓ and exit 0; validate then called them errors and the P&L stopped on them.
    Now the run stops at once, naming the nearest account, and the ledger is left as it was."""
    path = tmp_path / "bill.csv"
    path.write_bytes(merchant_bill())
    before = shop.path(LEDGER).read_bytes()
    r = CliRunner().invoke(app, ["reconcile", "wechat", str(shop.folder), str(path), "--account", "微信钱包", *apply])
    out = "".join(r.output.split())
    assert r.exit_code == 2, r.output
    assert "没有账户“微信钱包”" in out and "是不是“微信”？" in out and "✓" not in out
    assert shop.path(LEDGER).read_bytes() == before
    assert not list(shop.reports.glob("对账-*"))  # no report of a reconciliation against nothing


@pytest.mark.parametrize("form", ["xlsx", "xlsx-yuan", "xlsx-18", "csv", "csv-tabs"])
def test_the_personal_bill_in_each_form(shop, tmp_path, form):
    # 18 preamble lines: a newer bill's two more notes above the table
    preamble = PREAMBLE[:14] + ["4. 如有疑问请联系客服", "5. 账单仅供参考"] + PREAMBLE[14:] if form == "xlsx-18" else PREAMBLE
    path = (personal_xlsx(tmp_path / "微信支付账单(20261106-20261109).xlsx", "¥" if form == "xlsx-yuan" else "",
                          preamble)
            if form.startswith("xlsx") else personal_csv(tmp_path / "微信支付账单(20261106-20261109).csv",
                                                         tabs=form == "csv-tabs"))
    st = read_wechat(path)
    assert [(x.txn_no, x.amount) for x in st.lines] == [("100005000126110600001", D("500.00")),
                                                        ("100003900126110700002", D("300.00")),
                                                        ("420000200126110800003", D("-45.50")),
                                                        ("1000200126110900004", D("-99.90")),  # 零钱提现: out,
                                                        ("1000200126110900004#手续费", D("-0.10"))]  # its 服务费 apart
    assert st.issues == []
    r = reconcile_wechat_file(shop, path).result
    assert sorted(p.line.amount for p in r.matched) == [D("-45.50"), D("500.00")]
    assert [(p.category, p.amount, p.counterparty, p.txn_no) for p in r.proposed] == [
        ("其他收入", D("300.00"), "代理小李", "100003900126110700002"),
        ("其他支出", D("99.90"), "招商银行(1234)", "1000200126110900004"),  # (the shop has no 内部转账 category)
        ("平台服务费", D("0.10"), None, "1000200126110900004#手续费")]
    assert r.ledger_only == []


def test_not_a_wechat_bill(shop, tmp_path, wide_console):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["reconcile", "wechat", str(shop.folder), str(path)])
    said = " ".join(r.output.split())
    assert r.exit_code == 2 and "微信支付账单" in said and "Not a WeChat Pay bill" in said and "Traceback" not in said


def test_fees_to_the_fifth_decimal_as_wechat_writes_them(tmp_path):
    # the trade bill gives each fee unrounded (0.6% of 99.00 is `0.59400); WeChat charges it
    # rounded half up to the fen per payment, so the fee lines are the fen figures
    rows = [trade("2026-11-02 10:00:01", "4200001001", "W1001", "99.00", "0.59400"),
            trade("2026-11-02 11:00:00", "4200001002", "W1002", "198.00", "1.18800"),
            trade("2026-11-03 09:30:00", "4200001002", "W1002", "0.00", "-1.18800", "REFUND", "50300001002", "198.00"),
            trade("2026-11-04 15:20:00", "4200001004", "W1004", "0.75", "0.00450")]
    path = tmp_path / "1900000109_All_20261102_20261104.csv"
    path.write_bytes(merchant_bill(rows, ("4", "297.75", "198.00", "0.00", "0.59850", "297.75", "198.00")))
    st = read_wechat(path)
    assert st.issues == [] and st.complete
    assert [(x.txn_no, x.amount) for x in st.lines if x.kind == "手续费"] == [
        ("4200001001#手续费", D("-0.59")), ("4200001002#手续费", D("-1.19")), ("50300001002#手续费", D("1.19"))]


def test_a_trade_bill_cut_mid_row_is_never_booked(shop, tmp_path):
    """A download cut off inside its second row, as WeChat's bytes (GBK, backticks): the cut row is
    said and located, never a 0.00 line; without its summary --apply books nothing, writes nothing."""
    raw = merchant_bill(TRADES[:1], summary=None) + "`2026-11-21 14:00:00,`wx123,`16000".encode("gbk")
    path = tmp_path / "1900000109_All_20261102_20261121.csv"
    path.write_bytes(raw)
    st = read_wechat(path)
    assert not st.complete and all(x.amount for x in st.lines)
    (cut,) = [i for i in st.issues if i.is_error]
    assert cut.row == 3 and "incomplete" in cut.message_en and "不完整" in cut.message_zh
    before = {p: p.read_bytes() for p in shop.folder.rglob("*") if p.is_file()}
    r = CliRunner().invoke(app, ["reconcile", "wechat", str(shop.folder), str(path), "--apply"])
    said = "".join(r.output.split())  # (a console of 80 columns, as under xdist, breaks lines anywhere)
    assert r.exit_code == 1 and "没有写入任何文件" in said and "重新下载" in said and "已补录" not in said
    assert {p: p.read_bytes() for p in shop.folder.rglob("*") if p.is_file()} == before
    # whole rows but no summary (the download stopped between them): the same
    path.write_bytes(merchant_bill(summary=None))
    res = reconcile_wechat_file(shop, path, apply=True)
    assert res.applied == 0 and res.refused and res.report is None
    assert {p: p.read_bytes() for p in shop.folder.rglob("*") if p.is_file()} == before


def test_a_trade_bill_row_of_no_money_is_said_not_booked(shop, tmp_path):
    rows = TRADES + [trade("2026-11-04 16:00:00", "4200001004", "W1004", "0.00", "0.00")]  # paid by a voucher
    path = tmp_path / "bill.csv"
    path.write_bytes(merchant_bill(rows, ("5", "347.00", "198.00", "0.00", "0.89", "347.00", "198.00")))
    st = read_wechat(path)
    assert st.complete and not any(x.txn_no.startswith("4200001004") for x in st.lines)
    (zero,) = st.issues
    assert (zero.severity, zero.row, zero.column) == ("warning", 6, "应结订单金额")
    res = reconcile_wechat_file(shop, path, apply=True)
    assert res.applied == 3 and all(e.amount for e in res.result.proposed)
    entries = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    assert all(e.amount > 0 for e in entries) and not any(e.txn_no == "4200001004" for e in entries)


def test_the_personal_bills_period_and_its_slashes(shop, tmp_path):
    """The bill covers 起始时间 … 终止时间: a ledger line of the account on those days that the bill
    lacks is reported; WeChat's "/" is no value (no order number '/', no note ending in '/')."""
    path = personal_csv(tmp_path / "微信支付账单(20261106-20261109).csv")
    st = read_wechat(path)
    assert st.period == (dt.date(2026, 11, 6), dt.date(2026, 11, 9))
    assert [(x.order_no, x.name, x.note) for x in st.lines] == [("", "", ""), ("", "", "货款"),
                                                                 ("SF20261108", "寄件", ""), ("", "", "服务费¥0.10"),
                                                                 ("", "零钱提现", "服务费¥0.10")]
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb[Entry.zh].append([dt.datetime(2026, 11, 9), "支出", "快递费", 12.0, "微信"])  # in the period, not in the bill
    wb[Entry.zh].append([dt.datetime(2026, 11, 10), "支出", "快递费", 13.0, "微信"])  # after it
    wb.save(shop.path(LEDGER))
    res = reconcile_wechat_file(shop, path, apply=True)
    assert [(e.date.day, e.amount) for e in res.result.ledger_only] == [(9, D("12.00"))]
    assert res.report.name == "对账-微信-2026-11-06-2026-11-09.xlsx"
    (booked,) = [e for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry) if e.txn_no == "100003900126110700002"]
    assert (booked.order_no, booked.note) == (None, "对账补录 转账")  # not '/' and '对账补录 转账 /'


def test_a_personal_bill_with_a_line_twice_is_never_booked_twice(shop, tmp_path):
    """Two downloads pasted into one bill: the agent's 300.00 transfer twice. Before, --apply booked
    it twice with a ✓ (validate then called the ledger's line a duplicate and the P&L stopped). As
    for Alipay's statements, the second line with the number is an error of its own line, and
    --apply books nothing from a bill with errors."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for ln in PREAMBLE:
        ws.append([ln] if ln else [])
    ws.append(PERSONAL_HEAD)
    rows = personal_rows("")
    for r in rows + [rows[1]]:
        ws.append(r)
    path = tmp_path / "微信支付账单(20261106-20261109).xlsx"
    wb.save(path)
    st = read_wechat(path)
    (dup,) = [i for i in st.issues if i.severity == "error"]
    assert dup.row == len(PREAMBLE) + 1 + len(rows) + 1 and "交易单号重复（第" in dup.message_zh
    assert [x.txn_no for x in st.lines].count("100003900126110700002") == 1
    before = shop.path(LEDGER).read_bytes()
    r = CliRunner().invoke(app, ["reconcile", "wechat", str(shop.folder), str(path), "--apply"])
    assert r.exit_code != 0 and "没有补录" in r.output and "已补录" not in r.output, r.output
    assert shop.path(LEDGER).read_bytes() == before


def test_a_refund_next_month_is_never_matched_to_the_earlier_sale_by_its_business_number(tmp_path):
    """December's bill holds only the refund of a November payment, and the fee it gives back: both
    carry the payment's number as their 业务 number. Matching numbers across days (a line's own 流水号,
    whatever day it was booked) must not take a shared business number across months: the fee given
    back was paired with November's sale (amount differs 1.19 against 198.00) and never proposed."""
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Entry: [Entry(date=dt.date(2026, 11, 2), direction="收入", category="销售收入", amount=D("198.00"), account="微信",
                      order_no="W1002", txn_no="4200001002"),
                Entry(date=dt.date(2026, 11, 2), direction="支出", category="平台服务费", amount=D("1.19"), account="微信",
                      txn_no="4200001002#手续费")],
        Account: [Account(account="微信", opening_date=dt.date(2026, 11, 1), opening_balance=D(0))],
        Category: [Category(category=c, direction=d, group=g) for c, d, g in (
            ("销售收入", "收入", "sales"), ("退款", "支出", "refunds"), ("平台服务费", "支出", "other"),
            ("其他收入", "收入", "other"))]}, keep_backup=False)
    rows = [trade("2026-12-03 09:30:00", "4200001002", "W1002", "0.00", "-1.19", "REFUND", "50300001002", "198.00")]
    path = tmp_path / "dec.csv"
    path.write_bytes(merchant_bill(rows, summary=("1", "0.00", "198.00", "0.00", "-1.19", "0.00", "198.00")))
    r = reconcile_wechat_file(open_shop(folder), path).result
    assert not r.amount_differs and not r.dated_apart
    assert sorted((e.category, e.amount) for e in r.proposed) == [("其他收入", D("1.19")), ("退款", D("198.00"))]


def test_a_comma_in_a_product_name_is_read_as_wechat_meant_it(shop, tmp_path):
    """QA: WeChat writes 商品名称 `T恤,白色 XL unquoted, so the row is one cell wider than its header;
    its 手续费 was read from the shifted cell (blank) and the fee line vanished without a word. Every
    value starts with a backtick: a piece that does not is the rest of the value before it."""
    rows = [list(r) for r in TRADES]
    rows[0][20] = "T恤,白色 XL"
    path = tmp_path / "1900000109_All_20261102_20261104.csv"
    path.write_bytes(merchant_bill(rows))
    st = read_wechat(path)
    assert st.issues == [] and st.complete
    assert [(x.txn_no, x.amount, x.name) for x in st.lines[:2]] == [("4200001001", D("99.00"), "T恤,白色 XL"),
                                                                    ("4200001001#手续费", D("-0.59"), "T恤,白色 XL")]
    r = reconcile_wechat_file(shop, path).result  # the fee booked by hand matches its line again
    assert "4200001001#手续费" in {p.line.txn_no for p in r.matched}


def test_a_row_that_cannot_be_told_apart_is_refused_never_read_shifted(shop, tmp_path):
    """A piece of the split value that itself starts with a backtick: which cell is which column
    cannot be told. The row is a located error (its line, its WeChat order number, what to do),
    nothing of it is read, and --apply books nothing."""
    rows = [list(r) for r in TRADES]
    rows[0][20] = "T恤,`白色 XL"
    path = tmp_path / "bill.csv"
    path.write_bytes(merchant_bill(rows))
    st = read_wechat(path)
    assert not any(x.txn_no.startswith("4200001001") for x in st.lines)
    wide = [i for i in st.issues if i.is_error and i.row == 2]
    assert len(wide) == 1 and wide[0].value == "4200001001"
    assert "逗号" in wide[0].message_zh and "comma" in wide[0].message_en and "by hand" in wide[0].message_en
    before = shop.path(LEDGER).read_bytes()
    r = CliRunner().invoke(app, ["reconcile", "wechat", str(shop.folder), str(path), "--apply"])
    assert r.exit_code == 1 and "已补录" not in r.output and shop.path(LEDGER).read_bytes() == before


def test_a_personal_bill_row_wider_than_its_header_is_refused(tmp_path):
    path = personal_csv(tmp_path / "微信支付账单(20261106-20261109).csv")
    text = path.read_text(encoding="utf-8-sig").replace('"代理小李"', '代理,小李')  # unquoted: one cell more
    path.write_bytes(text.encode("utf-8-sig"))
    st = read_wechat(path)
    assert "100003900126110700002" not in {x.txn_no for x in st.lines}
    (wide,) = [i for i in st.issues if i.is_error and i.row == len(PREAMBLE) + 3]
    assert wide.value.startswith("2026-11-07 12:00:00,转账,代理,小李")
    assert "comma" in wide.message_en and "逗号" in wide.message_zh


def test_a_row_refused_is_not_also_called_a_bill_cut_off(shop, tmp_path):
    """A row shopbook cannot read was said, and then the summary (trade bill) or the heading
    (personal bill) that counts it too: "the bill is cut off or edited … download it again", which
    sends the person to download a bill that is whole. The row's error alone is said, as alipay does."""
    rows = [list(r) for r in TRADES]
    rows[0][20] = "T恤,`白色 XL"
    trade = tmp_path / "bill.csv"
    trade.write_bytes(merchant_bill(rows))
    personal = personal_csv(tmp_path / "微信支付账单(20261106-20261109).csv")
    personal.write_bytes(personal.read_text(encoding="utf-8-sig").replace('"代理小李"', '代理,小李').encode("utf-8-sig"))
    for path in (trade, personal):
        assert [i.row for i in read_wechat(path).issues if i.is_error] == [2 if path is trade else len(PREAMBLE) + 3]
        r = CliRunner().invoke(app, ["reconcile", "wechat", str(shop.folder), str(path)])
        said = " ".join(r.output.split())
        assert r.exit_code == 1 and "逗号" in said and "截断" not in said and "明细不符" not in said, r.output


def test_the_trade_bills_fee_total_is_checked_against_its_rows(shop, tmp_path):
    """QA: the summary's 手续费总金额 was never compared with the rows: a bill whose fee was edited
    (or one fee cell lost) reconciled with a ✓. Now one located error on the summary's row names
    both figures, the run exits 1, and --apply books nothing."""
    rows = [list(r) for r in TRADES]
    rows[3][22] = "0.00"  # W1003's fee of 0.30 gone; the summary still says 0.89
    path = tmp_path / "1900000109_All_20261102_20261104.csv"
    path.write_bytes(merchant_bill(rows))
    st = read_wechat(path)
    (err,) = [i for i in st.issues if i.is_error]
    assert (err.row, err.column, err.value) == (7, "手续费总金额", "0.89") and not st.complete
    assert "0.89" in err.message_zh and "0.59" in err.message_zh and "重新下载" in err.message_zh
    assert "0.89" in err.message_en and "0.59" in err.message_en and "download the bill again" in err.message_en
    before = shop.path(LEDGER).read_bytes()
    r = CliRunner().invoke(app, ["reconcile", "wechat", str(shop.folder), str(path), "--apply"])
    said = "".join(r.output.split())
    assert r.exit_code == 1 and "手续费总金额" in said and "已补录" not in said, r.output
    assert shop.path(LEDGER).read_bytes() == before
    # the rows' unrounded fees against a summary written to the fen: no difference where there is none
    rows = [trade("2026-11-02 10:00:01", "4200001001", "W1001", "99.00", "0.59400"),
            trade("2026-11-04 15:20:00", "4200001004", "W1004", "0.75", "0.00450")]
    path.write_bytes(merchant_bill(rows, ("2", "99.75", "0.00", "0.00", "0.60", "99.75", "0.00")))
    assert read_wechat(path).issues == []


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_the_personal_bills_preamble_totals_are_checked(shop, tmp_path, form):
    """QA: the preamble says 共4笔记录 and 收入：2笔 800.00元, but a line (代理小李's 300.00) is missing:
    the run said ✓ and exit 0. Now one error, on the preamble's first line that disagrees, names
    what it says and what was read; the run exits 1 and --apply books nothing."""
    path = (personal_xlsx(tmp_path / "微信支付账单(20261106-20261109).xlsx") if form == "xlsx"
            else personal_csv(tmp_path / "微信支付账单(20261106-20261109).csv"))
    if form == "xlsx":
        wb = openpyxl.load_workbook(path)
        wb.active.delete_rows(len(PREAMBLE) + 3)
        wb.save(path)
    else:
        path.write_bytes("".join(ln for ln in path.read_text(encoding="utf-8-sig").splitlines(True)
                                 if "代理小李" not in ln).encode("utf-8-sig"))
    st = read_wechat(path)
    (err,) = [i for i in st.issues if i.is_error]
    assert (err.row, err.value) == (7, "共4笔记录") and not st.complete
    assert "“共4笔记录”，明细是 3 笔" in err.message_zh and "“收入：2笔 800.00元”，明细是 收入 1 笔 500.00 元" in err.message_zh
    assert "'收入：2笔 800.00元' against 1 income transaction of 500.00 yuan" in err.message_en
    assert "'共4笔记录' against 3 transactions" in err.message_en
    before = shop.path(LEDGER).read_bytes()
    r = CliRunner().invoke(app, ["reconcile", "wechat", str(shop.folder), str(path), "--apply"])
    said = "".join(r.output.split())
    assert r.exit_code == 1 and "共4笔记录" in said and "已补录" not in said, r.output
    assert shop.path(LEDGER).read_bytes() == before


def test_money_between_the_bank_card_and_the_wechat_balance_is_reconciled(tmp_path):
    """QA: a 零钱充值 from the shop's bank card (收/支 "/", a 中性交易) was dropped before matching, so
    the ledger's 内部转入 for it was "ledger only" every month. A top-up (in) and a withdrawal (out)
    move money in and out of the WeChat account: they are lines, matched to the ledger's transfer
    entries, and --apply books one missing into the shop's transfer category, as for Alipay's
    提现/充值. Other neutral rows (into 零钱通, a payment by bank card) stay out, and are said."""
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Entry: [Entry(date=dt.date(2026, 11, 2), direction="收入", category="内部转入", amount=D("2000.00"),
                      account="微信", note="银行转入")],
        Account: [Account(account="微信", opening_date=dt.date(2026, 11, 1), opening_balance=D(0))],
        Category: [Category(category=c, direction=d, group=g) for c, d, g in (
            ("内部转入", "收入", "内部转账"), ("内部转出", "支出", "内部转账"), ("其他收入", "收入", "other"),
            ("其他支出", "支出", "other"), ("平台服务费", "支出", "other"))]}, keep_backup=False)
    preamble = PREAMBLE[:2] + ["起始时间：[2026-11-01 00:00:00] 终止时间：[2026-11-30 23:59:59]"] + PREAMBLE[3:6] + [
        "共3笔记录", "收入：0笔 0.00元", "支出：0笔 0.00元", "中性交易：3笔 2650.00元"] + PREAMBLE[10:]
    rows = [["2026-11-02 09:00:00", "零钱充值", "招商银行(1234)", "/", "/", "¥2,000.00", "招商银行(1234)", "充值完成",
             "4200000000202611020002", "/", "/"],
            ["2026-11-10 09:00:00", "转入零钱通-来自零钱", "/", "/", "/", "¥500.00", "零钱", "支付成功",
             "4200000000202611100003", "/", "/"],
            ["2026-11-28 18:00:00", "零钱提现", "招商银行(1234)", "/", "/", "¥150.00", "招商银行(1234)", "提现已到账",
             "1000200126112800004", "/", "服务费¥0.15"]]
    lines = [ln + "," * 10 for ln in preamble] + [",".join(PERSONAL_HEAD)]
    lines += [",".join(f'"{v}"' for v in r) for r in rows]
    path = tmp_path / "微信支付账单(20261101-20261130).csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8-sig"))
    st = read_wechat(path)
    assert [(x.txn_no, x.amount, x.kind) for x in st.lines] == [
        ("4200000000202611020002", D("2000.00"), "零钱充值"), ("1000200126112800004", D("-149.85"), "零钱提现"),
        ("1000200126112800004#手续费", D("-0.15"), "手续费")]  # the withdrawal's 服务费, in its 金额
    (note,) = st.issues  # 零钱通 is not the WeChat balance's money in or out
    assert note.severity == "note" and note.message_zh.startswith("1 笔中性交易")
    shop = open_shop(folder)
    res = reconcile_wechat_file(shop, path, apply=True)
    assert [p.line.txn_no for p in res.result.matched] == ["4200000000202611020002"]
    assert res.result.ledger_only == [] and res.applied == 2
    typed, booked, fee = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    assert (booked.category, booked.direction, booked.amount, booked.txn_no) == (
        "内部转出", Direction.OUT, D("149.85"), "1000200126112800004")  # what reached the bank card
    assert (fee.category, fee.direction, fee.amount, fee.txn_no) == (
        "平台服务费", Direction.OUT, D("0.15"), "1000200126112800004#手续费")
    assert typed.txn_no == "4200000000202611020002"  # matched by its day and amount: numbered, reconciled
    again = reconcile_wechat_file(shop, path)  # and next month's run has nothing left on either side
    assert again.result.alipay_only == [] and again.result.ledger_only == []


CJK = re.compile(r"[\u4e00-\u9fff]")


def test_an_english_shops_trade_bill_lines_are_in_english(tmp_path):
    """QA: an English shop's trade-bill lines got kinds shopbook makes up in Chinese (交易, 退款,
    手续费) and fee numbers ending #手续费, on screen, in the report and in the ledger rows --apply
    wrote (added by reconciliation: 手续费 …). Now they are English; a fee booked earlier under the
    old #手续费 still matches its line."""
    folder = tmp_path / "shop"
    init_shop(folder, "en")
    write_workbook(folder / "ledger.xlsx", LEDGER, "en", {
        Entry: [Entry(date=dt.date(2026, 11, 2), direction=Direction.IN, category="Sales", amount=D("99.00"),
                      account="WeChat", order_no="W1001", txn_no="4200001001"),
                Entry(date=dt.date(2026, 11, 2), direction=Direction.OUT, category="Platform fees", amount=D("0.59"),
                      account="WeChat", txn_no="4200001001#手续费")],  # booked when the suffix was Chinese
        Account: [Account(account="WeChat", opening_date=dt.date(2026, 11, 1), opening_balance=D(0))],
        Category: [Category(category=c, direction=d, group=g) for c, d, g in (
            ("Sales", Direction.IN, "sales"), ("Refunds", Direction.OUT, "refunds"),
            ("Platform fees", Direction.OUT, "other"), ("Other income", Direction.IN, "other"))]}, keep_backup=False)
    path = tmp_path / "1900000109_All_20261102_20261104.csv"
    path.write_bytes(merchant_bill())
    r = CliRunner().invoke(app, ["reconcile", "wechat", str(folder), str(path), "--apply"])
    assert r.exit_code == 0 and not CJK.search(r.output), r.output
    assert "Fee -¥1.19" in r.output and "Payment ¥198.00" in r.output and "Refund -¥198.00" in r.output
    shop = open_shop(folder)
    added = [e for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)][2:]
    assert len(added) == 6 and not any(CJK.search(f"{e.txn_no} {e.note}".replace("连衣裙", "")) for e in added)
    assert {e.note for e in added} == {"added by reconciliation: Payment 连衣裙", "added by reconciliation: Fee 连衣裙",
                                       "added by reconciliation: Refund 连衣裙",  # the product name is the bill's
                                       "added by reconciliation: Fee given back 连衣裙"}
    assert "4200001002#fee" in {e.txn_no for e in added}
    (report,) = shop.reports.glob("reconcile-wechat-*.xlsx")
    cells = [c for ws in openpyxl.load_workbook(report) for row in ws.iter_rows(values_only=True) for c in row]
    assert [c for c in cells if isinstance(c, str) and CJK.search(c.replace("连衣裙", ""))] == []  # (the bill's product)
    again = reconcile_wechat_file(shop, path)  # the fee under #手续费 and those under #fee all match
    assert again.result.alipay_only == [] and again.result.ledger_only == []


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("booked", ["#手续费", "#fee"])
def test_a_fee_line_matches_its_ledger_row_under_either_suffix(tmp_path, lang, booked):
    from shopbook.money.reconcile import reconcile_alipay

    path = tmp_path / "bill.csv"
    path.write_bytes(merchant_bill())
    st = read_wechat(path, lang)
    assert {x.kind for x in st.lines} == ({"交易", "退款", "手续费"} if lang == "zh" else {"Payment", "Refund", "Fee"})
    fee = Entry(date=dt.date(2026, 11, 2), direction=Direction.OUT, category="x", amount=D("1.19"), account="微信",
                txn_no="4200001002" + booked)
    res = reconcile_alipay(st, [fee], "微信")
    assert [(p.line.txn_no, p.entry.txn_no) for p in res.matched] == [
        ("4200001002" + ("#手续费" if lang == "zh" else "#fee"), "4200001002" + booked)]


@pytest.mark.parametrize("n", [1, 2])
def test_the_neutral_rows_note_counts_in_english(tmp_path, n):
    rows = personal_rows("")
    for r in rows[:n]:
        r[1], r[4] = "转入零钱通-来自零钱", "/"  # money into 零钱通: never the WeChat balance's in or out
    wb = openpyxl.Workbook()
    for ln in PREAMBLE:
        wb.active.append([ln] if ln else [])
    wb.active.append(PERSONAL_HEAD)
    for r in rows[:n]:
        wb.active.append(r)
    path = tmp_path / "微信支付账单.xlsx"
    wb.save(path)
    notes = [i for i in read_wechat(path, "en").issues if i.severity == "note"]
    (note,) = notes
    assert note.message_en.startswith("1 neutral transaction (" if n == 1 else "2 neutral transactions (")
    assert note.message_en.endswith(" is not reconciled." if n == 1 else " are not reconciled.")
    assert not CJK.search(note.message_en.replace("收/支", ""))  # the bill's column, quoted


def test_a_withdrawal_that_failed_and_came_back_moved_no_money(tmp_path):
    """QA: a 零钱提现 whose 当前状态 is 提现失败，已退回零钱 (WeChat sent the money back to the balance and
    changed the row's status; the bill has no row of its own for the return: the public samples, such as
    deb-sig/double-entry-generator example/wechat, have none, and importers such as
    jiegec/china_bean_importers skip it as cancelled) was read as ¥300.00 out, and --apply booked it as
    内部转出: the WeChat account 300.00 short. Now it is no line, said once at its row; the withdrawal
    that reached the bank is as before."""
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Entry: [], Account: [Account(account="微信", opening_date=dt.date(2026, 11, 1), opening_balance=D(0))],
        Category: [Category(category=c, direction=d, group=g) for c, d, g in (
            ("内部转入", "收入", "内部转账"), ("内部转出", "支出", "内部转账"), ("其他收入", "收入", "other"),
            ("其他支出", "支出", "other"), ("平台服务费", "支出", "other"))]}, keep_backup=False)
    preamble = PREAMBLE[:2] + ["起始时间：[2026-11-01 00:00:00] 终止时间：[2026-11-30 23:59:59]"] + PREAMBLE[3:6] + [
        "共2笔记录", "收入：0笔 0.00元", "支出：0笔 0.00元", "中性交易：2笔 450.00元"] + PREAMBLE[10:]
    rows = [["2026-11-20 18:00:00", "零钱提现", "招商银行(1234)", "/", "/", "¥300.00", "招商银行(1234)",
             "提现失败，已退回零钱", "1000200126112000007", "/", "/"],
            ["2026-11-28 18:00:00", "零钱提现", "招商银行(1234)", "/", "/", "¥150.00", "招商银行(1234)", "提现已到账",
             "1000200126112800004", "/", "/"]]
    lines = [ln + "," * 10 for ln in preamble] + [",".join(PERSONAL_HEAD)]
    lines += [",".join(f'"{v}"' for v in r) for r in rows]
    path = tmp_path / "微信支付账单(20261101-20261130).csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8-sig"))
    st = read_wechat(path)
    assert [(x.txn_no, x.amount) for x in st.lines] == [("1000200126112800004", D("-150.00"))]
    assert st.complete and not [i for i in st.issues if i.is_error]  # the heading still adds up: it counts the row
    (said,) = [i for i in st.issues if "提现失败" in i.message_zh]
    assert (said.row, said.cell, said.severity, said.value) == (18, "第 18 行 / row 18", "note", "提现失败，已退回零钱")
    assert "提现没有成功，钱退回了零钱" in said.message_zh and "1000200126112000007" in said.message_zh
    assert "it failed and the money went back to the WeChat balance" in said.message_en
    r = CliRunner().invoke(app, ["reconcile", "wechat", str(folder), str(path), "--apply"])
    text = "".join(r.output.split())
    assert text.count("提现没有成功") == 1, r.output
    booked = read_workbook(folder / "ledger.xlsx", LEDGER).rows(Entry)
    assert [(e.amount, e.txn_no) for e in booked] == [(D("150.00"), "1000200126112800004")]
