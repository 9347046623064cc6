"""A refund the Taobao 退款 export names that two cases typed by hand may both be (neither of its type,
no amount typed) is left for a person to say which: the import opens no case and fills none. Its
lines then say so with ! and where, never ✓ beside the warning (before: ✓ 状态变化 and the warning
below it, as if the refund had been taken care of)."""

from __future__ import annotations

import datetime as dt

import openpyxl
from blank_books import append_by_header
from platform_fixtures import refund_row, write_refunds
from test_orders import build_shop

from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS


def two_cases_and_a_part_refund(tmp_path):
    """A shop whose order has two typed 退货退款 cases, and a part refund of it either could be (its export row)."""
    shop = build_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    append_by_header(wb["订单"], [{"订单编号": "3515131400000022", "付款时间": "2026-11-11 00:10:00", "收货人": "王芳",
                                  "手机": "13812345678", "收货地址": "浙江省 杭州市 西湖区 文三路100号",
                                  "商家编码": "SH-WH-M", "数量": 1, "单价": 99, "状态": "已签收", "快递公司": "中通",
                                  "快递单号": "73000022", "发货日期": "2026-11-12"}])
    append_by_header(wb["售后"], [{"售后单号": no, "登记日期": "2026-12-03", "订单编号": "3515131400000022",
                                  "类型": "退货退款", "状态": "处理中", "客服": "小美"} for no in ("SH-042", "SH-043")])
    wb.save(shop.path(ORDERS))
    return shop, refund_row("R2003", "3515131400000022", "SH-WH-M", "9.90", "买家已经申请退款，等待卖家同意",
                            whole="部分退款", goods="买家已收到货")


def test_a_refund_two_typed_cases_may_be_is_not_said_done(tmp_path):
    shop, row = two_cases_and_a_part_refund(tmp_path)
    row["买家实际支付金额"] = "99.00"
    res = import_orders(shop, [write_refunds(tmp_path / "r", [row], name="ExportRefundList20261204.csv")],
                        today=dt.date(2026, 12, 5))
    assert res.cases_opened == [] and [i.cell for i in res.refunds_unsure] == ["C3"]
    said = res.said(30, issues=False)
    assert not any(mark == "✓" and "状态变化" in zh for mark, zh, _ in said)
    assert ("!", "1 笔退款看不出是哪个售后单，没有开售后单也没有填：见 orders.xlsx 的“售后”表 C3，在是它的那一行填上退款编号（见下）",
            ("1 refund could be more than one typed after-sales case, none opened or filled in: on the After-sales "
             "sheet of orders.xlsx at C3, type its refund no. on the row that is it (below)")) in said


def test_the_daily_import_of_such_a_refund_is_not_ticked(tmp_path):
    """`daily` took the refund export from inbox/ with ✓ and never said the refund left for a person (its
    import step says no warning): now its step is ! and says how many and where."""
    from shopbook.report.workflow import run_daily

    shop, row = two_cases_and_a_part_refund(tmp_path)
    write_refunds(shop.folder / "inbox", [row], name="ExportRefundList20261204.csv")
    (step,) = run_daily(shop, dt.date(2026, 12, 4), send=False, steps_only=("inbox",)).steps
    assert step.mark == "!" and step.detail.endswith(
        "1 笔退款看不出是哪个售后单，没有开售后单也没有填：见 orders.xlsx 的“售后”表 C3，在是它的那一行填上退款编号"), step.detail
