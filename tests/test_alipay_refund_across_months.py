"""QA: an order's refund paid by Alipay in two parts across the month's end (100.00 on 11-30, 50.00 on 12-01), booked
in the 流水 as one row of the whole, 150.00, on 11-30. November's reconcile said the row an amount that differs and
told the person 以支付宝的金额为准，改正流水账那一行的金额 (150.00 made 100.00: December's 50.00 then nowhere);
December's held the 50.00 as probably booked and told them to make the row -50.00 (November's 100.00 then gone).
Each month now says what is open in it and on which side: the row is this part and the rest on the next (or last)
statement, to be split into two rows on their own days; nothing is booked, the row is left as typed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
import pytest

from cli_run import flat, shopbook
from shopbook.io.reader import read_workbook
from shopbook.money.workflow import reconcile_alipay_file
from shopbook.schema import LEDGER, Entry
from shopbook.shop import open_shop
from test_money import O81, classic_statement, money_shop_at, write_statement

NOV = [["A6", "2026111022006", f"T200P{O81}", "大衣", "2026-11-10 15:00:00", "tb_cat", "300.00", "", "1388.00", "支付宝", "在线支付", ""],
       ["B1", "2026113022010", f"T200P{O81}", "大衣", "2026-11-30 15:00:00", "tb_cat", "", "100.00", "1288.00", "支付宝", "交易退款", ""]]
DEC = [["B2", "2026120122011", f"T200P{O81}", "大衣", "2026-12-01 09:00:00", "tb_cat", "", "50.00", "1238.00", "支付宝", "交易退款", ""]]


def _shop(tmp_path, booked_on: dt.datetime):
    shop = money_shop_at(tmp_path)
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["流水"]
    head = {c.value: c.column for c in ws[1]}
    r = ws.max_row + 1
    for k, v in {"日期": booked_on, "收支": "支出", "类别": "退款", "金额": 150, "账户": "支付宝", "订单编号": O81,
                 "备注": "分两次退"}.items():
        ws.cell(r, head[k]).value = v
    wb.save(shop.path(LEDGER))
    nov = classic_statement(NOV).replace("2026年11月01日 00:00:00".encode("gbk"), "2026年11月10日 00:00:00".encode("gbk"))
    dec = classic_statement(DEC, month=12).replace("2026年13月".encode("gbk"), "2027年01月".encode("gbk"))
    return (open_shop(shop.folder), r, write_statement(tmp_path, nov),
            write_statement(tmp_path, dec, "20881234567890120156_202612_账务明细.csv"))


def _refunds(shop):
    return [(e.date, e.amount) for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
            if e.category == "退款" and e.order_no == O81]


def test_each_month_says_the_refunds_other_part_lies_across_the_months_end(tmp_path):
    shop, row, nov, dec = _shop(tmp_path, dt.datetime(2026, 11, 30))
    r = shopbook("reconcile", "alipay", str(shop.folder), str(nov), "--apply")
    out = flat(r.stdout)
    assert r.returncode == 1, r.stdout
    assert "以支付宝的金额为准，改正流水账那一行的金额" not in out, r.stdout  # (150.00 made 100.00: the 50.00 lost)
    assert (f"流水账第{row}行（2026-11-30，-150.00）是这个订单的退款。本对账单（2026-11-10至2026-11-30）里订单{O81}的退款只有"
            "这一笔-100.00（2026-11-30），比那一行少50.00。若其余-50.00是2026-11-30以后退的（见下一期对账单），请把那一行拆成"
            "两行：2026-11-30-100.00，和其余退款那天-50.00") in out, r.stdout
    assert _refunds(shop) == [(dt.date(2026, 11, 30), D("150.00"))]  # nothing booked, the row as typed
    r = shopbook("reconcile", "alipay", str(shop.folder), str(dec), "--apply")
    out = flat(r.stdout)
    assert r.returncode == 1, r.stdout
    assert ("本对账单从2026-12-01开始：若那一行是2026-12-01以前退的-100.00（见上一期对账单）和这一笔合在一起记的（一次退款分两次退），"
            "请把它拆成两行：上一期退款那天-100.00，和2026-12-01-50.00") in out, r.stdout
    assert _refunds(shop) == [(dt.date(2026, 11, 30), D("150.00"))]  # the 50.00 never booked beside the whole


@pytest.mark.parametrize("month", ["nov", "dec"])
def test_a_row_dated_the_day_the_rest_was_paid_is_said_the_same(tmp_path, month):
    shop, row, nov, dec = _shop(tmp_path, dt.datetime(2026, 12, 1))  # booked when the refund was complete
    res = reconcile_alipay_file(shop, nov if month == "nov" else dec, apply=True)
    (pair, side), = res.result.across
    assert pair.entry.row == row and side == ("after" if month == "nov" else "before")
    assert res.applied == 0 and res.differs
    (said,) = [i for i in res.statement_issues if "拆成两行" in i.message_zh]
    assert "split that row in two" in said.message_en or "split it in two" in said.message_en
    want = "2026-11-30 -100.00，和其余退款那天 -50.00" if month == "nov" else "上一期退款那天 -100.00，和 2026-12-01 -50.00"
    assert want in said.message_zh, said.message_zh
    assert _refunds(shop) == [(dt.date(2026, 12, 1), D("150.00"))]


def test_a_refund_of_mid_month_at_another_amount_is_no_refund_across_months(tmp_path):
    shop, row, nov, _ = _shop(tmp_path, dt.datetime(2026, 11, 20))
    text = nov.read_bytes().replace(b"2026-11-30 15:00:00", b"2026-11-20 15:00:00")
    nov.write_bytes(text)
    res = reconcile_alipay_file(shop, nov)
    assert res.result.across == [] and [p.entry.row for p in res.result.amount_differs] == [row]


def test_a_second_refund_of_the_order_mid_month_is_booked(tmp_path):
    """(the rule is the month's edge alone: a second refund of the order on 12-15, the first booked under its own
    number, is the statement's to book)"""
    shop, row, _, dec = _shop(tmp_path, dt.datetime(2026, 11, 30))
    from cli_run import type_in
    type_in(shop.path(LEDGER), "流水", {(row, "流水号"): "B1"})
    dec.write_bytes(dec.read_bytes().replace(b"2026-12-01 09:00:00", b"2026-12-15 09:00:00"))
    res = reconcile_alipay_file(open_shop(shop.folder), dec, apply=True)
    assert res.result.doubtful == [] and res.applied == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_refunds_part_paid_next_month_booked_on_its_first_days_is_said_not_only_ledger_only(tmp_path, lang):
    """The refund booked as its two parts, both dated 11-30 (100.00 and 50.00, the 50.00 paid on 12-01): November
    called the 50.00 row only 'ledger only … 或记了两次，改正流水账的那几行', and a person deleted the part December
    then lacked. November now says, at the order's refund line, that the row may be the part the next statement pays,
    to be re-dated then, not deleted."""
    shop, row, nov, _ = _shop(tmp_path, dt.datetime(2026, 11, 30))
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["流水"]
    head = {c.value: c.column for c in ws[1]}
    ws.cell(row, head["金额"]).value = 100
    for k, v in {"日期": dt.datetime(2026, 11, 30), "收支": "支出", "类别": "退款", "金额": 50, "账户": "支付宝",
                 "订单编号": O81}.items():
        ws.cell(row + 1, head[k]).value = v
    wb.save(shop.path(LEDGER))
    if lang == "en":
        toml = shop.folder / "shopbook.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    res = reconcile_alipay_file(open_shop(shop.folder), nov)
    assert [e.row for e in res.result.ledger_only] == [9, row + 1]  # (the fixture's 88.00 of 11-20, and the part)
    (said,) = [i for i in res.statement_issues if f"第 {row + 1} 行" in i.message_zh]
    assert said.row == 7 and said.value == "B1"
    assert ("是订单 3515131473293581 的退款，本对账单（2026-11-10 至 2026-11-30）里没有这一笔；这个订单的退款本对账单付了 -100.00"
            "（第 7 行），已对上。若这一行是同一次退款在 2026-11-30 以后退的另一部分（见下一期对账单），它会在下一期对上：那时把它的"
            "日期改成实际退款那天，不要删掉它") in said.message_zh, said.message_zh
    assert "do not delete it" in said.message_en and f"row {row + 1}" in said.message_en.lower(), said.message_en


def test_a_refund_in_three_parts_two_this_month_is_never_booked_beside_its_row(tmp_path):
    """100.00 on 11-28 and 30.00 on 11-30 on November's statement, 20.00 on 12-01, booked as one 150.00 row: the
    30.00 was 'Alipay only' and --apply booked it beside the row (November's refunds 180.00, a ✓ 已补录 1 条). Both
    parts here are now held with the row, the split into three rows said, nothing booked."""
    shop, row, nov, _ = _shop(tmp_path, dt.datetime(2026, 11, 30))
    lines = [NOV[0], ["B0", "2026112822009", f"T200P{O81}", "大衣", "2026-11-28 15:00:00", "tb_cat", "", "100.00", "1288.00",
                      "支付宝", "交易退款", ""],
             ["B1", "2026113022010", f"T200P{O81}", "大衣", "2026-11-30 15:00:00", "tb_cat", "", "30.00", "1258.00",
              "支付宝", "交易退款", ""]]
    nov.write_bytes(classic_statement(lines).replace("2026年11月01日 00:00:00".encode("gbk"),
                                                     "2026年11月10日 00:00:00".encode("gbk")))
    r = shopbook("reconcile", "alipay", str(shop.folder), str(nov), "--apply")
    out = flat(r.stdout)
    assert r.returncode == 1 and "已补录1条" not in out, r.stdout
    assert ("的退款只有这2笔（2026-11-28-100.00、2026-11-30-30.00，第7、8行），共-130.00，比那一行少20.00。若其余-20.00是"
            "2026-11-30以后退的（见下一期对账单），请把那一行拆成三行") in out, r.stdout
    # (from the review) the part held with it points at that warning's row, 7 (before: its own, 8, where none is)
    assert "仅支付宝B1：2026-11-30交易退款-¥30.00（对账单第8行），不补录：见下面第7行的警告" in out, r.stdout
    assert _refunds(shop) == [(dt.date(2026, 11, 30), D("150.00"))]
