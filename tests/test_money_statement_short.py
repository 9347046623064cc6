"""A statement that left lines out (Excel cut their 业务流水号 so they were not counted; a download cut short,
its footer's totals not met) against a ledger that booked them: the ledger's rows it lacks are said, and what to
do about them is to set the statement right first. Before, the run said 'N ledger rows are not on the Alipay
statement: check their date, amount and account … and correct the ledger', sending the person to change rows
that were right."""

from __future__ import annotations

import csv
import io

from test_money import classic_statement, money_shop_at, november_lines

from shopbook.money.said import reconciled_said
from shopbook.money.workflow import reconcile_alipay_file


def said(res) -> tuple[str, str]:
    lines = reconciled_said(res, ("支付宝", "Alipay"))
    return "\n".join(z for _, z, _ in lines), "\n".join(e for _, _, e in lines)


def resaved_by_excel(data: bytes, cut: set[str]) -> bytes:
    """The statement opened in Excel and saved as CSV: the tabs gone, the 业务流水号 of lines `cut` (by their
    账务流水号) shown as 2.02611E+26."""
    out = []
    for r in csv.reader(io.StringIO(data.decode("gbk"))):
        r = [c.strip("\t") for c in r]
        if r and r[0] in cut:
            r[1] = "2.02611E+26"
        out.append(",".join(r))
    return ("\r\n".join(out) + "\r\n").encode("gbk")


def test_lines_the_statement_did_not_count_are_not_the_ledgers_to_correct(tmp_path):
    shop = money_shop_at(tmp_path)
    path = tmp_path / "账务明细.csv"
    path.write_bytes(resaved_by_excel(classic_statement(november_lines()), {"A1", "A5"}))
    res = reconcile_alipay_file(shop, path)
    assert sorted(e.txn_no for e in res.result.ledger_only) == ["A1", "A5", "A8"]
    zh, en = said(res)
    assert "仅流水账的 3 条支付宝里没有，但对账单有 2 处错误（见下）：没有读出或缺了的行可能就是它们。先按错误改正或重新下载对账单" in zh
    assert "改正流水账的那几行" not in zh
    assert ("3 ledger rows are not on the Alipay statement, but the statement has 2 errors (below): the lines it "
            "could not count, or lacks, may be them. Set the statement right or download it again") in en
    assert "and correct the ledger" not in en


def test_a_statement_short_of_its_footer_is_set_right_first(tmp_path):
    shop = money_shop_at(tmp_path)
    whole = classic_statement(november_lines()).decode("gbk").split("\r\n")
    path = tmp_path / "账务明细.csv"
    path.write_bytes("\r\n".join(ln for ln in whole if not ln.startswith("A2")).encode("gbk"))  # a line lost
    zh, _ = said(reconcile_alipay_file(shop, path))
    # (its footer's totals, its running balance)
    assert "但对账单有 2 处错误（见下）" in zh and "改正流水账的那几行" not in zh


def test_a_whole_statement_still_sends_the_person_to_the_ledger(tmp_path):
    shop = money_shop_at(tmp_path)
    path = tmp_path / "账务明细.csv"
    path.write_bytes(classic_statement(november_lines()))
    zh, en = said(reconcile_alipay_file(shop, path))
    assert "仅流水账的 1 条支付宝里没有：核对它们的日期、金额和账户" in zh and "对账单有" not in zh
    assert "1 ledger row is not on the Alipay statement: check its date" in en
