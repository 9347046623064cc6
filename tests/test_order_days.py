"""A Chinese shop's orders over three days, on real files written and re-read: what the import
summary, the after-sales desk and the self-check say as the orders move on."""

from __future__ import annotations

import pytest

from platform_fixtures import qianniu_shipped, refund_row, write_refunds
from shopbook.orders.workflow import import_orders, review
from taobao_fixtures import write_pair
from test_order_life import tb_detail, tb_order
from test_orders import TODAY, build_shop


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def test_a_refund_noted_on_a_shipped_order_is_not_counted_as_shipped_again(shop, tmp_path):
    """Day 1 an order comes in, day 2 it ships on the platform, day 3 the refund export says the
    buyer was refunded and sends it back: the order stays 已发货, and the summary's count says its
    status did not change (before, '已发货 1' beside '出库 0 行', as if a parcel had shipped)."""
    no = "3515130000000004"
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(no)], [tb_detail(no, "SH-WH-M")])), today=TODAY)
    review(shop)
    shipped = import_orders(shop, [qianniu_shipped(tmp_path / "d2", [(no, "中通快递", "73100000000041")])], today=TODAY)
    assert "（已发货 1）" in shipped.said(30)[1][1]
    refunds = write_refunds(tmp_path / "d3", [refund_row("R4", no, "SH-WH-M", "99.00", "退款成功", needs_return="是",
                                                          goods="买家已退货")])
    res = import_orders(shop, [refunds], today=TODAY)
    head = res.said(30)[1]
    assert head[1] == "状态变化：1 个订单，出库 0 行（状态不变 1）", head
    assert head[2] == "changed: 1 order, 0 stock lines out (status unchanged 1)", head


def test_the_import_says_which_after_sales_cases_the_refund_export_opened(shop, tmp_path):
    """A refund export opens a 售后 case per refund (a return to wait for, a refund only): the
    import's screen names them, as `ship` names the cases it opens (before, only --json had them,
    and customer service learnt of them from the self-check the next morning)."""
    from cli_run import flat, shopbook

    a, b = "3515130000000002", "3515130000000004"
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(a), tb_order(b)],
                                        [tb_detail(a, "SH-BK-M"), tb_detail(b, "SH-WH-M")])), today=TODAY)
    import_orders(shop, [qianniu_shipped(tmp_path / "d2", [(b, "中通快递", "73100000000041")])], today=TODAY)
    refunds = write_refunds(tmp_path / "d3", [
        refund_row("R2", a, "SH-BK-M", "99.00", "退款成功"),
        refund_row("R4", b, "SH-WH-M", "99.00", "退款成功", needs_return="是", goods="买家已退货")])
    run = shopbook("orders", "import", shop.folder, refunds)
    out = flat(run.stdout)
    from shopbook.schema import ORDERS, AfterSalesCase
    from shopbook.io.reader import read_workbook

    cases = [c.case_no for c in read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)]
    assert len(cases) == 2, run.stdout
    assert flat(f"! 开了 2 个售后单（orders.xlsx 的“售后”表）：{'、'.join(cases)}") in out, run.stdout


ALIPAY_HEAD = ["账务流水号", "业务流水号", "商户订单号", "商品名称", "发生时间", "对方账号", "收入金额（+元）",
               "支出金额（-元）", "账户余额（元）", "交易渠道", "业务类型", "备注"]


def alipay_statement(path, lines) -> None:
    """An Alipay 账务明细 as downloaded: GBK, # lines above and below, every field padded with a tab."""
    from decimal import Decimal

    bal, out = Decimal("1000.00"), ["#支付宝账务明细查询", "#账号：[20881234567890120156]",
                                    "#起始日期：[2026年11月21日 00:00:00]   终止日期：[2026年11月23日 00:00:00]",
                                    "#-----------------------------------------账务明细列表-----------------",
                                    ",".join(ALIPAY_HEAD) + ","]
    for n, (txn, order, when, inc, exp, kind) in enumerate(lines, 1):
        bal += Decimal(inc or 0) - Decimal(exp or 0)
        row = [txn, f"2026112{n:08d}", order, "衬衫", when, "tb", inc, exp, f"{bal:.2f}", "支付宝", kind, ""]
        out.append(",".join(f"{c}\t" for c in row) + ",")
    out += ["#-----------------------------------------账务明细列表结束-------------",
            "#收入合计：0笔，0.00元", "#导出时间：[2026年11月23日 09:15:42]"]
    path.write_bytes(("\r\n".join(out) + "\r\n").encode("gbk"))


def test_a_refund_the_alipay_reconciliation_matched_is_reconciled_for_the_self_check(shop, tmp_path):
    """Day 3: the refund export books the refund (its 退款编号 in the note, no 流水号); the Alipay
    statement's 交易退款 line matches it by order number, once. `--apply` writes the statement's
    账务流水号 into that line, so the self-check no longer lists it. Before, every such refund stayed
    '1 笔支付宝流水还没对账' in the finance list for a week after the statement said all matched."""
    import datetime as dt

    from cli_run import flat, shopbook
    from shopbook.io.reader import read_workbook
    from shopbook.report.selfcheck import read_selfcheck
    from shopbook.schema import LEDGER, Account, Category, Entry
    from shopbook.workbook_builder import write_workbook
    from test_orders import D

    write_workbook(shop.path(LEDGER), LEDGER, "zh", {
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D("1000.00"))],
        Category: [Category(category="退款", direction="支出", group="退款")]}, keep_backup=False)
    no = "3515130000000004"
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(no)], [tb_detail(no, "SH-WH-M")])), today=TODAY)
    import_orders(shop, [write_refunds(tmp_path / "d3", [refund_row("R4", no, "SH-WH-M", "99.00", "退款成功")])],
                  today=TODAY)
    statement = tmp_path / "20881234567890120156_202611_账务明细.csv"
    alipay_statement(statement, [("LS2026112200004", f"T200P{no}", "2026-11-22 10:00:05", "", "99.00", "交易退款")])

    def finance(day=dt.date(2026, 11, 23)):
        return [i.what for i in read_selfcheck(shop, day) if i.role == "finance"]

    assert finance() == ["1 笔支付宝流水还没对账"]
    looked = shopbook("reconcile", "alipay", shop.folder, statement)
    assert looked.returncode == 0 and "已匹配1·金额不符0·仅支付宝0·仅流水账0" in flat(looked.stdout), looked.stdout
    assert "加--apply写上" in flat(looked.stdout), looked.stdout
    applied = shopbook("reconcile", "alipay", shop.folder, statement, "--apply")
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert "✓1条对上的流水写上了支付宝的账务流水号" in flat(applied.stdout), applied.stdout
    entries = read_workbook(shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry)
    assert [(e.order_no, e.amount, e.txn_no) for e in entries] == [(no, D("99.00"), "LS2026112200004")]
    assert finance() == []
    again = shopbook("reconcile", "alipay", shop.folder, statement, "--apply")
    assert again.returncode == 0 and "流水号" not in again.stdout, again.stdout
    assert len(read_workbook(shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry)) == 1



def test_sales_typed_by_hand_and_matched_by_day_and_amount_are_reconciled_for_the_self_check(shop, tmp_path):
    """QA: finance typed the day's sales in 流水 (no 流水号, no order number), the Alipay statement
    matched them by day and amount, `--apply` reported all matched, yet the self-check listed
    '2 笔支付宝流水还没对账' every day for a week: only a line matched by its order number got the
    statement's number. Now every line matched one to one gets it."""
    import datetime as dt

    from cli_run import flat, shopbook
    from shopbook.io.reader import read_workbook
    from shopbook.report.selfcheck import read_selfcheck
    from shopbook.schema import LEDGER, Account, Category, Entry
    from shopbook.workbook_builder import write_workbook
    from test_orders import D

    sale = dict(direction="收入", category="销售收入", account="支付宝")
    write_workbook(shop.path(LEDGER), LEDGER, "zh", {
        Entry: [Entry(date=dt.date(2026, 11, 22), amount=D("59.00"), **sale),
                Entry(date=dt.date(2026, 11, 22), amount=D("99.00"), **sale)],
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D("1000.00"))],
        Category: [Category(category="销售收入", direction="收入", group="销售")]}, keep_backup=False)
    statement = tmp_path / "20881234567890120156_202611_账务明细.csv"
    alipay_statement(statement, [("LS1", "T200P1", "2026-11-22 10:00:05", "59.00", "", "在线支付"),
                                 ("LS2", "T200P2", "2026-11-22 11:00:05", "99.00", "", "在线支付")])
    statement.write_bytes(statement.read_bytes().replace("#收入合计：0笔，0.00元".encode("gbk"),
                                                         "#收入合计：2笔，158.00元".encode("gbk")))

    def finance(day=dt.date(2026, 11, 23)):
        return [i.what for i in read_selfcheck(shop, day) if i.role == "finance"]

    assert finance() == ["2 笔支付宝流水还没对账"]
    applied = shopbook("reconcile", "alipay", shop.folder, statement, "--apply")
    assert "已匹配2·金额不符0·仅支付宝0·仅流水账0" in flat(applied.stdout), applied.stdout
    assert "✓2条对上的流水写上了支付宝的账务流水号" in flat(applied.stdout), applied.stdout
    entries = read_workbook(shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry)
    assert [(e.amount, e.txn_no) for e in entries] == [(D("59.00"), "LS1"), (D("99.00"), "LS2")]
    assert finance() == []

def test_a_partly_refunded_order_says_a_person_decides_not_to_wait_for_the_platform(shop, tmp_path):
    """Day 2: the socks of a shirt-and-socks order were refunded (退款成功) after it was picked. The
    refund is settled: nothing more comes from the platform. The import and the 审单结果 cell say a
    person decides what still ships and how; before, they said '挂起，等平台结果' (wait for the
    platform) and the order waited for ever."""
    from test_orders import lines_of

    no = "3515130000000002"
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(no)],
                                        [tb_detail(no, "SH-BK-M"), tb_detail(no, "SH-WH-M")])), today=TODAY)
    res = import_orders(shop, list(write_pair(tmp_path / "d2", [tb_order(no)],
                                              [tb_detail(no, "SH-BK-M"), tb_detail(no, "SH-WH-M", "退款成功")],
                                              stamp="20261122")), today=TODAY)
    assert [c.note_zh for c in res.changes] == [
        "平台“买家已付款，等待卖家发货”（部分退款：衬衫 SH-WH-M（退款成功））：部分退款，挂起，请人工决定还发哪些"]
    review = {ln.review for ln in lines_of(shop) if ln.order_no == no}
    assert review == {"自动挂起：平台部分退款：衬衫 SH-WH-M（退款成功）。请人工决定还发哪些（删去已退款的行或改数量，再审核）"}, review
