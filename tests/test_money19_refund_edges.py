"""The review of the refund split across a month's edge (2d9914c4, 90055b73) and of joined WeChat bills (d2aecdd7):
- a real second refund of an order early in the month, its first refund matched and numbered last month, is booked
  (it was held as the other part of last month's row, the person told to split or correct a reconciled row);
- a refund's part last month's reconcile already booked beside a row of the whole is not asked to be split out of
  that row again (it would be booked twice, three times in the ledger);
- a refund of the order early in the month is no part of a row near the month's end (it was held with it, unbooked);
- a note typed under a WeChat trade bill's summary leaves the bill as it was (it was refused as cut off)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl

from shopbook.io.reader import read_workbook
from shopbook.money.workflow import reconcile_alipay_file, reconcile_wechat_file
from shopbook.schema import LEDGER, Entry
from shopbook.shop import open_shop
from test_money import O81, classic_statement, money_shop_at, write_statement
from test_wechat import merchant_bill, shop  # noqa: F401 (the fixture)


def _with_refund_row(tmp_path, amount, day, txn=None):
    shop = money_shop_at(tmp_path)
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["流水"]
    head = {c.value: c.column for c in ws[1]}
    r = ws.max_row + 1
    for k, v in {"日期": day, "收支": "支出", "类别": "退款", "金额": amount, "账户": "支付宝", "订单编号": O81,
                 "流水号": txn}.items():
        ws.cell(r, head[k]).value = v
    wb.save(shop.path(LEDGER))
    return open_shop(shop.folder)


def _december(tmp_path, lines):
    dec = classic_statement(lines, month=12).replace("2026年13月".encode("gbk"), "2027年01月".encode("gbk"))
    return write_statement(tmp_path, dec, "20881234567890120156_202612_账务明细.csv")


def _refunds(shop):
    return sorted((e.date, e.amount) for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
                  if e.order_no and O81 in e.order_no and e.category == "退款")


def test_a_second_refund_early_in_the_month_is_booked_beside_last_months_reconciled_row(tmp_path):
    shop = _with_refund_row(tmp_path, 200, dt.datetime(2026, 11, 29), "B1")  # matched and numbered in November
    dec = _december(tmp_path, [["B3", "2026120222011", f"T200P{O81}", "大衣", "2026-12-02 09:00:00", "tb_cat", "",
                                "20.00", "1238.00", "支付宝", "交易退款", ""]])
    res = reconcile_alipay_file(shop, dec, apply=True)
    assert res.result.across == [] and res.result.doubtful == [] and res.applied == 1
    assert _refunds(shop) == [(dt.date(2026, 11, 29), D("200.00")), (dt.date(2026, 12, 2), D("20.00"))]
    assert not any("拆成" in i.message_zh for i in res.statement_issues)


def test_a_part_last_month_booked_beside_the_whole_is_not_asked_to_be_split_out_again(tmp_path):
    # paid 100.00 on 11-30 (B1) and 50.00 on 12-01 (B2), booked when complete as one row of 150.00 on 12-01 under B2;
    # November's reconcile --apply booked B1's 100.00 beside it (the row is December's, numbered with its line)
    shop = _with_refund_row(tmp_path, 150, dt.datetime(2026, 12, 1), "B2")
    nov = classic_statement([
        ["A6", "2026111022006", f"T200P{O81}", "大衣", "2026-11-10 15:00:00", "tb_cat", "300.00", "", "1388.00", "支付宝",
         "在线支付", ""],
        ["B1", "2026113022010", f"T200P{O81}", "大衣", "2026-11-30 15:00:00", "tb_cat", "", "100.00", "1288.00", "支付宝",
         "交易退款", ""]]).replace("2026年11月01日 00:00:00".encode("gbk"), "2026年11月10日 00:00:00".encode("gbk"))
    reconcile_alipay_file(shop, write_statement(tmp_path, nov), apply=True)
    assert _refunds(shop) == [(dt.date(2026, 11, 30), D("100.00")), (dt.date(2026, 12, 1), D("150.00"))]
    dec = _december(tmp_path, [["B2", "2026120122011", f"T200P{O81}", "大衣", "2026-12-01 09:00:00", "tb_cat", "",
                                "50.00", "1238.00", "支付宝", "交易退款", ""]])
    res = reconcile_alipay_file(open_shop(shop.folder), dec)
    assert res.result.across == []  # (the 150.00 row is 50.00 of December's, its amount to correct: said so)
    assert not any("拆成" in i.message_zh for i in res.statement_issues), [i.message_zh for i in res.statement_issues]
    assert [(p.line.amount, p.entry.amount) for p in res.result.amount_differs] == [(D("-50.00"), D("150.00"))]


def test_a_refund_early_in_the_month_is_no_part_of_a_row_at_its_end(tmp_path):
    shop = _with_refund_row(tmp_path, 150, dt.datetime(2026, 11, 29))  # the 11-29 refund typed 150.00 for 100.00
    nov = classic_statement([
        ["A6", "2026111022006", f"T200P{O81}", "大衣", "2026-11-03 15:00:00", "tb_cat", "300.00", "", "1388.00", "支付宝",
         "在线支付", ""],
        ["B0", "2026110522009", f"T200P{O81}", "大衣", "2026-11-05 15:00:00", "tb_cat", "", "20.00", "1368.00", "支付宝",
         "交易退款", ""],
        ["B1", "2026112922010", f"T200P{O81}", "大衣", "2026-11-29 15:00:00", "tb_cat", "", "100.00", "1268.00", "支付宝",
         "交易退款", ""]]).replace("2026年11月01日 00:00:00".encode("gbk"), "2026年11月03日 00:00:00".encode("gbk"))
    res = reconcile_alipay_file(shop, write_statement(tmp_path, nov), apply=True)
    assert [p.line.amount for p, _ in res.result.across] == [D("-100.00")]  # (the 11-29 part: said as across)
    assert res.result.across_parts == {} and D("-20.00") not in [p.line.amount for p in res.result.doubtful]
    assert [x.amount for x in res.result.proposed_from] == [D("-20.00")]  # the postage refund to book


def test_a_note_typed_under_a_wechat_bills_summary_leaves_the_bill_as_it_was(shop, tmp_path):  # noqa: F811
    plain, noted = tmp_path / "plain.csv", tmp_path / "noted.csv"
    plain.write_bytes(merchant_bill())
    noted.write_bytes(merchant_bill() + "对账人：张三 2026-12-05\r\n".encode("gbk"))
    was = reconcile_wechat_file(shop, plain)
    now = reconcile_wechat_file(shop, noted, apply=True)
    assert now.applied == len(was.result.proposed) == 3
    assert not any("汇总之后" in i.message_zh for i in now.statement_issues)
