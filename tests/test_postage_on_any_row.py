"""An order's 运费 is an order-level cell: repeated on each of its lines, or typed on one of them. QA: 8.00
typed on an order's second row alone was lost (postage read the first row's only): the margin's revenue and
the courier check's 'charged to buyers' were short by it, and the daily figures filled from the orders too.
Now the first row that has one gives it, once; a row that gives another fee is said at its cell."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
from test_margin_by_hand import line, margin_shop

from shopbook.kpi.metrics import days_from
from shopbook.money.said import ledger_said
from shopbook.money.workflow import ledger_report, reconcile_courier_file
from shopbook.shop import open_shop

D = Decimal


def test_an_orders_postage_on_any_of_its_rows_counts_once_and_two_fees_are_said(tmp_path):
    def parcel(no, fee, t):
        return line(no, "A1", 1, "100.10", fee).model_copy(update={"tracking_no": t})

    lines = [parcel("T0001", None, "73100000000001"), parcel("T0001", "8.00", "73100000000001"),  # rows 2, 3
             parcel("T0002", "10.00", "73100000000002"), parcel("T0002", "12.00", "73100000000002")]  # rows 4, 5
    folder = margin_shop(tmp_path, lines)
    shop = open_shop(folder)
    # the margin: 4 × 100.10 + 8.00 + 10.00 (T0002's first fee; its 12.00 said at its cell, the line no ✓)
    report, margin, path = ledger_report(shop, "2026-11")
    assert margin.revenue == D("418.40")
    [i] = margin.fee_differs
    assert (i.book, i.sheet, i.cell) == ("orders.xlsx", "订单", "N5"), i.to_json()
    assert i.message_zh.startswith("订单 T0002 的运费在第 4 行是 10.00，这一行是“12.00”：运费每单只算一次，按 10.00 算。")
    assert "Order T0002's shipping fee is 10.00 on row 4 and '12.00' on this one" in i.message_en
    said = ledger_said(report, margin, path)
    assert any(m == "!" and zh.startswith("orders.xlsx › 订单 › N5：订单 T0002") and zh.endswith("填同一个数。")
               for m, zh, _ in said), said  # (the value quoted, never said again after it)
    assert said[-1][0] != "✓", said
    ws = openpyxl.load_workbook(path)["毛利"]
    assert ws.cell(1, 2).value == 418.4 and "T0002" in ws.cell(ws.max_row, 2).value
    # the courier check: charged to buyers 8.00 + 10.00, and the other fee said
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes("运单号,揽收日期,目的地,计费重量,运费\n73100000000001,2026-11-03,浙江,1,5.00\n"
                     "73100000000002,2026-11-03,浙江,1,5.00\n".encode("gb18030"))
    chk, issues = reconcile_courier_file(shop, bill)
    assert chk.charged_to_buyers == D("18.00") and chk.margin == D("8.00")
    assert [(x.severity, x.cell) for x in issues] == [("warning", "N5")], [x.to_json() for x in issues]
    # the daily figures of a day 日报 lacks, filled from the orders: 4 × 100.10 + 8.00 + 10.00
    [day] = days_from([], lines)
    assert (day.date, day.orders, day.sales) == (dt.date(2026, 11, 2), 2, D("418.40"))


def test_a_customers_spend_and_a_refunds_ceiling_count_postage_typed_on_a_later_row():
    """The same rule in what a customer spent (the VIP line, the day's sales in the customer report) and in
    what the buyer paid that a refund typed on the 售后 sheet is held against: 运费 on the second row alone
    was left out of both (a ¥108.10 order read as ¥100.10)."""
    from shopbook.aftersales.cases import _refund_over
    from shopbook.customers import customers_report
    from shopbook.schema import AfterSalesCase

    lines = [line("T0001", "A1", 1, "100.10", None, buyer="tb_zhang"), line("T0001", "A1", 1, "100.10", "8.00", buyer="tb_zhang"),
             line("T0002", "A1", 1, "100.10", None, buyer="tb_li"), line("T0003", "A1", 1, "100.10", "6.00", buyer="tb_li"),
             line("T0003", "A1", 1, "100.10", "9.00", buyer="tb_li")]
    rep = customers_report(lines, vip_spend=D("1000"))
    spend = {c.name: c.spend for c in rep.customers}
    assert spend == {"tb_zhang": D("208.20"), "tb_li": D("306.30")}  # T0003 counts its 6.00 once
    assert rep.days[0].sales == D("514.50")
    case = AfterSalesCase(case_no="TK-1", opened_on=dt.date(2026, 11, 5), order_no="T0001", type="仅退款",
                          amount=D("205.00"), status="处理中", reason="质量问题")
    assert _refund_over(case, lines[:2], [case]) is None  # 200.20 + 8.00 paid: 205.00 is within it
    over = _refund_over(case.model_copy(update={"amount": D("209.00")}), lines[:2], [case.model_copy(update={"amount": D("209.00")})])
    assert over is not None and "¥208.20" in over.message_en
