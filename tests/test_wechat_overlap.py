"""A month's WeChat trade bills as a shop downloads them: November's, then one from 20 November
to 2 December (a trade bill names no dates: its first line's day to its last is what it covers)."""

import datetime as dt
from decimal import Decimal as D

import pytest
from test_wechat import merchant_bill, trade
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.schema import LEDGER, Account, Category, Entry
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook

NOVEMBER = [trade("2026-11-03 10:00:01", "4200002001202611030001", "WX1001", "128.00", "0.77000"),
            trade("2026-11-05 11:00:00", "4200002001202611050002", "WX1002", "99.00", "0.59400"),
            trade("2026-11-20 15:20:00", "4200002001202611200003", "WX1003", "256.00", "1.53600")]
OVERLAP = [NOVEMBER[2], trade("2026-12-02 10:00:00", "4200002001202612020004", "WX1004", "88.00", "0.52800")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_bill_overlapping_the_last_one_asks_only_for_the_days_nothing_reconciled(tmp_path, lang, wide_console):
    """QA: after November's bill was booked (--apply: every row of it carries WeChat's number), the next bill
    (11-20 to 12-02) said '流水账里同月其他日子的 6 条“微信”流水（第 … 行）没有核对：若账单应包括那几天，请下载包括那几天的
    账单再对一次', naming the rows November's bill had reconciled: a person downloads and checks them again.
    Only the row no bill reconciled (the 11-05 courier fee typed by hand, no 流水号) is said."""
    acc, sale, fee, courier, inc, out = (("微信", "销售收入", "平台服务费", "快递费", "收入", "支出") if lang == "zh"
                                         else ("WeChat", "Sales", "Platform fees", "Shipping", "in", "out"))
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    write_workbook(folder / "ledger.xlsx", LEDGER, lang, {
        Entry: [Entry(date=dt.date(2026, 11, 5), direction=out, category=courier, amount=D("12.00"), account=acc)],
        Account: [Account(account=acc, opening_date=dt.date(2026, 11, 1), opening_balance=D(0))],
        Category: [Category(category=c, direction=d, group=g) for c, d, g in
                   ((sale, inc, "sales"), (fee, out, "other"), (courier, out, "shipping"))]}, keep_backup=False)
    nov, overlap = tmp_path / "nov.csv", tmp_path / "overlap.csv"
    nov.write_bytes(merchant_bill(NOVEMBER, ("3", "483.00", "0.00", "0.00", "2.90000", "483.00", "0.00"), "utf-8"))
    overlap.write_bytes(merchant_bill(OVERLAP, ("2", "344.00", "0.00", "0.00", "2.06400", "344.00", "0.00"), "utf-8"))
    r = CliRunner().invoke(app, ["reconcile", "wechat", str(folder), str(nov), "--apply"])
    assert "Traceback" not in r.output, r.output
    booked = read_workbook(folder / "ledger.xlsx", LEDGER).rows(Entry)
    assert len(booked) == 7 and all(e.txn_no for e in booked[1:]), r.output  # three payments and their fees
    r = CliRunner().invoke(app, ["reconcile", "wechat", str(folder), str(overlap)])
    flat = "".join(r.output.split())
    want = ("流水账里同月其他日子的1条“微信”流水（第2行）没有核对" if lang == "zh"
            else "1rowof'WeChat'onotherdaysofthesamemonths(row2)wasnot")
    assert want in flat, r.output
    # the fee typed by hand given its number: nothing left unchecked, nothing said
    import openpyxl

    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    wb.worksheets[0]["G2"] = "4200002001202611050099"
    wb.save(folder / "ledger.xlsx")
    r = CliRunner().invoke(app, ["reconcile", "wechat", str(folder), str(overlap)])
    assert ("账单没有写日期范围" if lang == "zh" else "The bill names no dates") not in r.output, r.output
