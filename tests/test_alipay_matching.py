"""Which ledger entry a statement line takes, when several lines share a number or an order.

An order's sale, its fee and its refund all carry the order's 商户订单号 and the payment's 业务流水号.
The matcher took lines in the file's order, and a line took the first open entry of its sign when
none had its amount: the fee line took the refund's entry ("amount differs"), and the refund was
booked a second time by --apply, under a ✓. A line now takes an entry of its own amount before any
line takes one of another amount; then the nearest amounts pair up (a typo in the ledger).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.money.alipay import Statement, StatementLine
from shopbook.money.reconcile import reconcile_alipay
from shopbook.schema import LEDGER, Direction, Entry
from test_money import O80, balance_agrees, classic_statement, november_lines, pin_account, shop, write_statement  # noqa: F401

ORDER = "3515139900000000102"


def line(n: int, txn: str, amount: str, order: str = ORDER, biz: str = "2026112322001", kind: str = "") -> StatementLine:
    return StatementLine(n, txn, biz, order, dt.datetime(2026, 11, 23, 10, n), D(amount), None, kind, "", "", "")


def entry(amount: str, txn: str | None = None, order: str | None = ORDER, row: int = 2,
          account: str = "支付宝") -> Entry:
    a = D(amount)
    return Entry(date=dt.date(2026, 11, 23), direction=Direction.IN if a > 0 else Direction.OUT,
                 category="销售收入" if a > 0 else "退款", amount=abs(a), account=account, order_no=order, txn_no=txn,
                 row=row)


def statement(*lines: StatementLine) -> Statement:
    return Statement(Path("s.csv"), list(lines), period=(dt.date(2026, 11, 1), dt.date(2026, 11, 30)))


def outcome(res) -> tuple:
    return (sorted((p.line.txn_no, p.entry.row) for p in res.matched),
            sorted((p.line.txn_no, p.entry.row) for p in res.amount_differs),
            sorted(x.txn_no for x in res.proposed_from))


def test_a_fee_line_does_not_take_the_refund_s_entry():
    """The refund export booked the refund by order number; the statement has the sale, its fee and
    the refund, all of the order: the fee is the line to book, the refund is matched."""
    st = statement(line(1, "L1", "199.00", kind="在线支付"), line(2, "L2", "-1.19", kind="收费"),
                   line(3, "L3", "-99.00", kind="交易退款"))
    res = reconcile_alipay(st, [entry("199.00", row=2), entry("-99.00", row=3)], "支付宝")
    assert outcome(res) == ([("L1", 2), ("L3", 3)], [], ["L2"])


def test_a_fee_given_back_does_not_take_the_sale_s_entry():
    """A sale typed by hand with the 支付宝交易号 as its 流水号; the statement, newest first, has the fee
    given back (same 业务流水号) before the sale: the sale is matched, not booked again."""
    st = statement(line(1, "L9", "0.60", order="", kind="服务费退还"), line(2, "L8", "-99.00", order="", kind="交易退款"),
                   line(3, "L7", "199.00", order="", kind="在线支付"))
    res = reconcile_alipay(st, [entry("199.00", txn="2026112322001", order=None, row=5)], "支付宝")
    assert outcome(res) == ([("L7", 5)], [], ["L8", "L9"])


def test_an_amount_typed_wrong_pairs_with_the_nearest_line():
    """The ledger's refund typed 98 for 99: it is the refund's entry (amount differs), and the fee,
    met first in the file, is the line to book."""
    st = statement(line(1, "L2", "-1.19"), line(2, "L3", "-99.00"))
    res = reconcile_alipay(st, [entry("-98.00", row=7)], "支付宝")
    assert outcome(res) == ([], [("L3", 7)], ["L2"])


def test_two_partial_refunds_each_find_their_own():
    st = statement(line(1, "R1", "-30.00"), line(2, "R2", "-20.00"))
    res = reconcile_alipay(st, [entry("-20.00", row=4), entry("-30.00", row=5)], "支付宝")
    assert outcome(res) == ([("R1", 5), ("R2", 4)], [], [])


def test_apply_books_the_fee_once_and_the_refund_never(shop, tmp_path):
    """The whole command on files: --apply adds the fee line only, and the next run is clean."""
    shop = pin_account(balance_agrees(shop))
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb["流水"].append([dt.datetime(2026, 11, 21), "支出", "退款", 20, "支付宝", f"{O80}", None, None, "退款编号 R1"])
    wb.save(shop.path(LEDGER))
    lines = november_lines()
    bal = D(lines[-1][8])
    for txn, amount, kind in (("B1", "-1.50", "收费"), ("B2", "-20.00", "交易退款")):  # the fee first, as Alipay lists
        bal += D(amount)
        lines.append([txn, "2026110222002", f"T200P{O80}", "白衬衫", "2026-11-21 09:00:00", "tb_bob", "",
                      amount.lstrip("-"), f"{bal:.2f}", "支付宝", kind, ""])
    path = write_statement(tmp_path, classic_statement(lines))
    before = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path), "--apply"])
    assert "金额不符 B1" not in r.output and "仅支付宝 B2" not in r.output, r.output
    after = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    added = [(e.txn_no, e.amount) for e in after[len(before):]]
    assert ("B1", D("1.50")) in added and not any(t == "B2" for t, _ in added), added
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path)])
    assert "仅支付宝 B" not in r.output and "金额不符 B" not in r.output, r.output


def test_a_line_booked_on_another_account_is_said_not_booked_again(shop, tmp_path):
    """The 5.94 fee typed with its own 账务流水号 under 银行: --apply booked it again under 支付宝 with a
    ✓, validate found nothing (a 流水号 is unique per account) and the P&L counted the fee twice."""
    shop = pin_account(balance_agrees(shop))
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb["流水"].append([dt.datetime(2026, 11, 15), "支出", "平台服务费", 5.94, "银行", None, "A7"])
    wb.save(shop.path(LEDGER))
    row = wb["流水"].max_row
    path = write_statement(tmp_path, classic_statement(november_lines()))
    res = reconcile_alipay(*_statement_and_entries(shop, path))
    assert [(p.line.txn_no, p.entry.row) for p in res.other_account] == [("A7", row)]
    assert "A7" not in [x.txn_no for x in res.proposed_from + res.alipay_only]
    before = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path), "--apply"])
    said = " ".join(r.output.split())  # (the terminal's width wraps the lines anywhere)
    assert r.exit_code == 1 and f"第 {row} 行有这个流水号，记在账户“银行”" in said and "记在别的账户 1" in said, r.output
    after = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    assert [e.txn_no for e in after[len(before):]] == []  # (A6's 300 against 310 is the other difference)


def _statement_and_entries(shop, path):
    from shopbook.money.alipay import read_statement

    return read_statement(path), read_workbook(shop.path(LEDGER), LEDGER).rows(Entry), "支付宝"


def test_a_statement_missing_a_line_its_totals_count_is_said_and_not_applied(shop, tmp_path):
    """QA: the last line (a 5.94 fee) deleted from a statement whose footer still says 支出合计：…笔: the
    running balance holds (nothing after it), so the run said ✓ and exit 0, the fee gone unseen. The
    footer's counts and sums are now checked against the lines read."""
    shop = pin_account(balance_agrees(shop))
    full = classic_statement(november_lines()).decode("gbk").split("\r\n")
    cut = "\r\n".join(ln for ln in full if not ln.startswith("A7")).encode("gbk")  # the footer as it was
    path = write_statement(tmp_path, cut)
    from shopbook.money.alipay import read_statement

    st = read_statement(path)
    (issue,) = [i for i in st.issues if i.is_error]
    assert "支出合计" in issue.value and "5.94" in issue.message_en and issue.row == len(full) - 3, issue
    before = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path), "--apply"])
    assert r.exit_code == 1 and "✓ 已补录" not in r.output, r.output
    assert len(read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)) == len(before)
    assert [i for i in read_statement(write_statement(tmp_path, classic_statement(november_lines()), "whole.csv")).issues
            if i.is_error] == []


def test_a_new_shop_s_empty_sheets_book_nothing_validate_would_refuse(tmp_path):
    """QA: `reconcile alipay --apply` on a shop just made by `init` (its 账户 and 类别 sheets empty)
    said ✓ 已补录 7 条流水; validate then called every line an error (no such account, no such
    category) and `ledger` stopped. The account must be on the 账户 sheet; a line whose category the
    类别 sheet lacks is not booked, as where the sheet lists others."""
    from shopbook.shop import init_shop

    folder = tmp_path / "new"
    init_shop(folder)
    path = write_statement(tmp_path, classic_statement(november_lines()))
    files = {p: p.read_bytes() for p in folder.rglob("*.xlsx")}
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(folder), str(path), "--apply"])
    said = " ".join(r.output.split())
    assert r.exit_code != 0 and "“账户”表里还没有账户：先加上“支付宝”" in said and "✓ 已补录" not in said, r.output
    assert {p: p.read_bytes() for p in folder.rglob("*.xlsx")} == files
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")  # the account added, the 类别 sheet still empty
    wb["账户"].append(["支付宝", dt.datetime(2026, 11, 1), 1000])
    wb.save(folder / "ledger.xlsx")
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(folder), str(path), "--apply"])
    said = " ".join(r.output.split())
    assert "✓ 已补录" not in said and "类别表里没有" in said, r.output
    assert read_workbook(folder / "ledger.xlsx", LEDGER).rows(Entry) == []


def test_an_entry_with_one_line_s_own_number_is_never_another_line_s_by_order():
    """Review: two refunds of one order typed against each other's numbers (R1's entry −70, R2's −30,
    the statement R1 −30, R2 −70) were each taken by the other line through the order number and the
    exact amount: two clean matches, ✓. An entry that carries a line's own number is that line's."""
    st = statement(line(1, "R1", "-30.00", biz=""), line(2, "R2", "-70.00", biz=""))
    res = reconcile_alipay(st, [entry("-70.00", txn="R1", row=4), entry("-30.00", txn="R2", row=5)], "支付宝")
    assert outcome(res) == ([], [("R1", 4), ("R2", 5)], [])


def test_the_footer_as_alipay_writes_it_is_checked_too(tmp_path):
    """Review: Alipay's own footer reads '#支出合计：3笔，共-224.94元' (共, and the expense signed), which
    the check did not match: a statement with a line deleted passed unseen in that shape."""
    from shopbook.money.alipay import read_statement

    text = classic_statement(november_lines()).decode("gbk")
    real = (text.replace("#收入合计：3笔，", "#收入合计：3笔，共").replace("#支出合计：3笔，", "#支出合计：3笔，共-"))
    assert "共-" in real
    whole = read_statement(write_statement(tmp_path, real.encode("gbk"), "whole.csv"))
    assert [i for i in whole.issues if i.is_error] == []
    cut = "\r\n".join(ln for ln in real.split("\r\n") if not ln.startswith("A7")).encode("gbk")
    (issue,) = [i for i in read_statement(write_statement(tmp_path, cut, "cut.csv")).issues if i.is_error]
    assert "支出合计" in issue.value and "5.94" in issue.message_en, issue
