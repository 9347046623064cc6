"""The rows of a sum just outside a statement's days (reconcile.NEAR_DAYS), as they fall in a real month: a line near
two such rows (its own, booked a day late, and December's own charge of the sum on 12-02) was booked again by --apply
beside its own, the 120.00 twice; one such row near two lines of the sum held both, each said as if that row were its
own; and a transfer's row (December's withdrawal of the sum) held a charge. Now a line near such rows is held whatever
their number, said with every row and every other line near them; a transfer's row is no charge's."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl

from shopbook.io.reader import read_workbook
from shopbook.money.workflow import reconcile_alipay_file
from shopbook.schema import LEDGER, Entry
from test_money import classic_statement, november_lines, pin_account, shop, write_statement  # noqa: F401


def _statement(tmp_path, extra):
    lines = [*november_lines(), *extra]
    lines.sort(key=lambda x: x[4])
    balance = D("1000.00")
    for x in lines:
        balance += D(x[6] or 0) - D(x[7] or 0)
        x[8] = f"{balance}"
    return write_statement(tmp_path, classic_statement(lines))


def _line(no, day):  # a 直通车 charge of 120.00
    return [no, "20261100" + no, "", "直通车充值", f"{day} 12:00:00", "alimama", "", "120.00", "", "支付宝", "转账", ""]


def _shop(shop, rows):
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    for r in rows:
        wb["流水"].append(r)
    wb["类别"].append(["提现转出", "支出", "内部转账"])  # (the shop's withdrawals: money between its own accounts)
    wb["账户"]["B2"] = dt.datetime(2026, 10, 1)
    wb["余额核对"]["C2"] = 1078
    wb.save(shop.path(LEDGER))
    return pin_account(shop)


def _charges(shop):
    return sorted((e.date, e.category, e.txn_no) for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
                  if e.amount == D("120.00") and e.date != dt.date(2026, 11, 6))


def test_a_line_near_two_rows_beyond_the_statement_is_held_not_booked_again(shop, tmp_path):
    shop = _shop(shop, [[dt.datetime(2026, 12, 1), "支出", "直通车", 120, "支付宝"],
                        [dt.datetime(2026, 12, 2), "支出", "直通车", 120, "支付宝"]])
    res = reconcile_alipay_file(shop, _statement(tmp_path, [_line("B1", "2026-11-29")]), apply=True)
    assert [x.txn_no for x in res.result.proposed_from if x.txn_no == "B1"] == []
    assert [(p.line.txn_no, p.entry.date) for p in res.result.doubtful] == [("B1", dt.date(2026, 12, 1))]
    said = next(i for i in res.statement_issues if i.value == "B1")
    assert "2026-12-01" in said.message_zh and "2026-12-02" in said.message_zh, said.message_zh
    assert [c[0] for c in _charges(shop)] == [dt.date(2026, 12, 1), dt.date(2026, 12, 2)]  # nothing booked


def test_one_row_beyond_near_two_lines_holds_both_each_naming_the_other(shop, tmp_path):
    shop = _shop(shop, [[dt.datetime(2026, 12, 1), "支出", "直通车", 120, "支付宝"]])
    res = reconcile_alipay_file(shop, _statement(tmp_path, [_line("B1", "2026-11-29"), _line("B2", "2026-11-30")]),
                                apply=True)
    assert sorted(p.line.txn_no for p in res.result.doubtful) == ["B1", "B2"]
    said = {i.value: i for i in res.statement_issues if i.value in ("B1", "B2")}
    assert "2026-11-30" in said["B1"].message_zh and "2026-11-29" in said["B2"].message_en, said
    assert [c[0] for c in _charges(shop)] == [dt.date(2026, 12, 1)]


def test_a_withdrawals_row_beyond_the_statement_holds_no_charge(shop, tmp_path):
    shop = _shop(shop, [[dt.datetime(2026, 12, 1), "支出", "提现转出", 120, "支付宝"]])
    res = reconcile_alipay_file(shop, _statement(tmp_path, [_line("B1", "2026-11-30")]), apply=True)
    assert "B1" in [x.txn_no for x in res.result.proposed_from] and res.result.doubtful == []
    assert (dt.date(2026, 11, 30), "直通车", "B1") in _charges(shop)


def _fee(no, day):  # the 0.59 fee Alipay takes of each sale
    return [no, "20261100" + no, "", "技术服务费", f"{day} 12:00:00", "alipay", "", "0.59", "", "支付宝", "收费", "服务费"]


def test_the_fee_of_every_sale_beside_next_months_own_fee_rows_is_booked_as_before(shop, tmp_path):
    # the month's last days' fees, 8 a day, beside December's own fee rows (typed without numbers): each line was held
    # for a person, every month, though no one of those rows is any one line's
    shop = _shop(shop, [[dt.datetime(2026, 12, d), "支出", "平台服务费", 0.59, "支付宝"] for d in (1, 2) for _ in range(8)])
    fees = [_fee(f"F{d}{i}", f"2026-11-{d}") for d in (29, 30) for i in range(8)]
    res = reconcile_alipay_file(shop, _statement(tmp_path, fees), apply=True)
    assert res.result.doubtful == [] and res.result.near_held == {}
    assert {f[0] for f in fees} <= {x.txn_no for x in res.result.proposed_from}
