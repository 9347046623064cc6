"""Money that crosses a month's edge: a line of this month's statement whose ledger row is dated
in another month (a refund the refund export dates 31 October that Alipay paid on 1 November)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.schema import LEDGER, Account, Category, Entry
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook
from test_money import classic_statement, write_statement

O1, O2 = "3515131473290001", "3515131473290002"
WORDS = {"zh": ("支付宝", "销售收入", "退款", "收入", "支出", "销售", "退款"),
         "en": ("Alipay", "Sales", "Refunds", "in", "out", "sales", "refunds")}


def month_shop(tmp_path, lang: str, rows):
    acc, sale, refund, inc, out, g_sale, g_refund = WORDS[lang]
    folder = tmp_path / f"shop-{lang}"
    init_shop(folder, lang=lang)
    cat = {"sale": (sale, inc), "refund": (refund, out)}
    write_workbook(folder / "ledger.xlsx", LEDGER, lang, {
        Entry: [Entry(date=dt.date.fromisoformat(d), direction=cat[k][1], category=cat[k][0], amount=D(a), account=acc,
                      order_no=o, txn_no=t) for d, k, a, o, t in rows],
        Account: [Account(account=acc, opening_date=dt.date(2026, 10, 1), opening_balance=D("1000.00"))],
        Category: [Category(category=sale, direction=inc, group=g_sale),
                   Category(category=refund, direction=out, group=g_refund)]}, keep_backup=False)
    return open_shop(folder)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_refund_booked_last_month_by_its_order_is_never_booked_again(tmp_path, lang):
    """O1 paid in October, refunded: the refund export dates it 31 October and the ledger has it so,
    by its order number (no 流水号); Alipay paid it back at 00:00:05 on 1 November. Before, the
    November statement's refund line was 'Alipay only' and --apply booked the 150.00 refund a second
    time (the P&L's refunds twice over). Now it is the October row's money, said with both days."""
    shop = month_shop(tmp_path, lang, [("2026-10-28", "sale", "150.00", O1, "OCT1"),
                                       ("2026-10-31", "refund", "150.00", O1, None),
                                       ("2026-11-03", "sale", "99.00", O2, "N02")])
    lines = [["N01", "2026102822001", f"T200P{O1}", "衬衫", "2026-11-01 00:00:05", "tb_a", "", "150.00", "1000.00",
              "支付宝", "交易退款", ""],
             ["N02", "2026110322002", f"T200P{O2}", "衬衫", "2026-11-03 10:00:00", "tb_b", "99.00", "", "1099.00",
              "支付宝", "在线支付", ""]]
    path = write_statement(tmp_path, classic_statement(lines))
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path), "--apply"])
    flat = "".join(r.output.split())
    said = ("流水账第3行有这个订单号（3515131473290001）和金额，日期是2026-10-31，对账单是2026-11-01：算作已记账，没有再补录"
            if lang == "zh" else "Ledgerrow3hasthisordernumber(3515131473290001)andamount,dated2026-10-31;"
            "thestatementsays2026-11-01:countedasbooked,notaddedagain")
    assert said in flat and r.exit_code == 0, r.output
    entries = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    refunds = [(e.date, e.amount, e.txn_no) for e in entries if e.category == WORDS[lang][2]]
    assert refunds == [(dt.date(2026, 10, 31), D("150.00"), "N01")], refunds  # numbered, never booked twice
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path)])
    assert r.exit_code == 0 and ("仅支付宝 0" if lang == "zh" else "Alipay only 0") in r.output, r.output
