"""Lines of one sum held for rows of it without numbers just outside the statement's days (reconcile.NEAR_DAYS), as a
real month's end has them: the 直通车 charge of 11-28 and of 11-30, rows of 120.00 booked 12-01 and 12-02. Each line was
said in the general 'cannot be told apart' words: nothing said the rows lie outside the statement's days (their money in
December's profit and loss, not November's), and 11-30's line said both its rows were near 11-28's line too (12-02 is 4
days from it). Now each line names the rows outside the statement's days with their days, that such a row counts in
that month's profit and loss, what to do; and each other line with the rows near IT. `reconcile alipay --json` marks a
line held for a row in another month (held_near_days, with the rows' days) so a script tells it from other holds."""

from __future__ import annotations

import datetime as dt
import json

from cli_run import shopbook
from shopbook.money.workflow import reconcile_alipay_file
from test_alipay_rows_beyond_statement_shared import _charges, _line, _shop, _statement
from test_money import shop  # noqa: F401

ROWS = [[dt.datetime(2026, 12, 1), "支出", "直通车", 120, "支付宝"],  # (ledger row 10)
        [dt.datetime(2026, 12, 2), "支出", "直通车", 120, "支付宝"]]  # (row 11)


def test_lines_sharing_rows_beyond_the_statement_say_those_rows_days_and_each_line_its_own_rows(shop, tmp_path):
    shop = _shop(shop, ROWS)
    res = reconcile_alipay_file(shop, _statement(tmp_path, [_line("B1", "2026-11-28"), _line("B2", "2026-11-30")]),
                                apply=True)
    assert sorted(p.line.txn_no for p in res.result.doubtful) == ["B1", "B2"]
    said = {i.value: i for i in res.statement_issues if i.value in ("B1", "B2")}
    b1, b2 = said["B1"], said["B2"]
    # 11-30's line: its two rows, and 11-28's line near row 10 only (never "these rows")
    assert "离对账单的 2026-11-30 都在 3 天以内，流水账第 10 行也离对账单同金额的第 12 行（2026-11-28，B1）在 3 天以内，" \
           "分不出哪一行是这一笔的。流水账第 10 行（2026-12-01）、流水账第 11 行（2026-12-02）在这张对账单的日期" \
           "（2026-11-01 至 2026-11-30）之外：算作这一笔已记账的话，这笔钱就算进了 2026-12 的损益，而不是 2026-11 的。" \
           "请人工核对：是其中一行就把它的日期改成 2026-11-30（流水号填 B2）；若不是（这些行都是另一笔钱，比如下一张对账单" \
           "上同金额的一笔），这一笔还没有记账，请手工记上（日期 2026-11-30，流水号填 B2）。" in b2.message_zh, b2.message_zh
    assert "within 3 days of the statement's 2026-11-30; ledger row 10 is also within 3 days of statement row 12 " \
           "(2026-11-28, B1) of the same amount: which row is this line's cannot be told. Ledger row 10 (2026-12-01), " \
           "ledger row 11 (2026-12-02) lie outside this statement's days (2026-11-01 to 2026-11-30): counted as this " \
           "line's, its money would be in 2026-12's profit and loss, not 2026-11's. A person should look: if one of " \
           "them is this line, correct its date to 2026-11-30 (transaction number B2); if not (they are other money, a " \
           "charge of the same amount on the next statement, say), this line is booked nowhere: book it by hand " \
           "(date 2026-11-30, transaction number B2)." in b2.message_en, b2.message_en
    assert "这些行也离" not in b2.message_zh and "these rows are also" not in b2.message_en
    # 11-28's line: its one row, 12-01, near 11-30's line too; row 11 (12-02) is no row of it
    assert "流水账第 10 行（2026-12-01）没有流水号" in b1.message_zh and "第 11 行" not in b1.message_zh
    assert "那一行也离对账单同金额的第 13 行（2026-11-30，B2）在 3 天以内" in b1.message_zh
    assert "流水账第 10 行（2026-12-01）在这张对账单的日期（2026-11-01 至 2026-11-30）之外：算作这一笔已记账的话，" \
           "这笔钱就算进了 2026-12 的损益" in b1.message_zh
    assert "; that row is also within 3 days of statement row 13 (2026-11-30, B2) of the same amount: " in b1.message_en
    assert "Ledger row 10 (2026-12-01) lies outside this statement's days (2026-11-01 to 2026-11-30): counted as this " \
           "line's, its money would be in 2026-12's profit and loss" in b1.message_en
    assert "row 11" not in b1.message_en
    assert [c[0] for c in _charges(shop)] == [dt.date(2026, 12, 1), dt.date(2026, 12, 2)]  # nothing booked
    held = {p["statement"]["txn_no"]: p["held_near_days"] for p in res.to_json()["lines"]["probable_duplicates"]}
    assert [(r["row"], r["date"]) for r in held["B2"]["rows"]] == [(10, "2026-12-01"), (11, "2026-12-02")]
    assert [(y["txn_no"], y["rows"]) for y in held["B2"]["other_lines"]] == [("B1", [10])]
    assert [(y["txn_no"], y["rows"]) for y in held["B1"]["other_lines"]] == [("B2", [10])]


def test_the_json_marks_a_line_held_for_its_row_in_the_next_month(shop, tmp_path):
    shop = _shop(shop, ROWS[:1])
    path = _statement(tmp_path, [_line("B1", "2026-11-29")])
    r = shopbook("reconcile", "alipay", str(shop.folder), str(path), "--json")
    doc = json.loads(r.stdout)
    (p,) = [p for p in doc["lines"]["probable_duplicates"] if p["statement"]["txn_no"] == "B1"]
    held = p["held_near_days"]
    assert held["another_month"] is True and held["months"] == ["2026-12"] and held["outside_statement_days"] is True
    assert [(r["row"], r["date"], r["outside_statement_days"]) for r in held["rows"]] == [(10, "2026-12-01", True)]
    assert held["other_lines"] == [] and held["n_rows"] == 1


def test_rows_before_the_statements_first_day_are_said_so_by_day_with_the_last_statement(shop, tmp_path):
    # the charge of 11-01 and of 11-03, rows of 120.00 booked 10-30 and 10-31: 10-30 is 4 days from 11-03's line
    shop = _shop(shop, [[dt.datetime(2026, 10, 30), "支出", "直通车", 120, "支付宝"],
                        [dt.datetime(2026, 10, 31), "支出", "直通车", 120, "支付宝"]])
    res = reconcile_alipay_file(shop, _statement(tmp_path, [_line("B1", "2026-11-01"), _line("B2", "2026-11-03")]),
                                apply=True)
    said = {i.value: i for i in res.statement_issues if i.value in ("B1", "B2")}
    assert "流水账第 10 行（2026-10-30）、流水账第 11 行（2026-10-31）没有流水号" in said["B1"].message_zh
    assert "流水账第 11 行也离对账单同金额的第 10 行（2026-11-03，B2）在 3 天以内" in said["B1"].message_zh
    assert "这笔钱就算进了 2026-10 的损益，而不是 2026-11 的" in said["B1"].message_zh
    assert "比如上一张对账单上同金额的一笔" in said["B1"].message_zh
    assert "Ledger row 11 (2026-10-31) lies outside this statement's days (2026-11-01 to 2026-11-30): counted as " \
           "this line's, its money would be in 2026-10's profit and loss, not 2026-11's." in said["B2"].message_en
    assert "row 10 (2026-10-30)" not in said["B2"].message_en and "on the last statement" in said["B2"].message_en
    assert [x.txn_no for x in res.result.proposed_from] == ["A7"]  # (B1, B2 held: nothing booked of them)
