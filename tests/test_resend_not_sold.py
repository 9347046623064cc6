"""The monthly review's SKU sheet counts what was sold: the after-sales desk's resends (its 补发单号, a
parcel sent again at no charge) are a cost, counted apart from the units sold."""

from __future__ import annotations

import datetime as dt

import openpyxl

from shopbook.aftersales.workflow import aftersales
from shopbook.report.monthly import make_review
from test_aftersales import shipped_order, shop, type_case  # noqa: F401 (the fixture)
from test_orders import TODAY


def test_a_resend_is_no_unit_sold_on_the_sku_sheet_but_its_cost_counted_apart(shop, tmp_path):  # noqa: F811
    """QA: a lost parcel's resend (…-R1, 1 × SH-WH-M at ¥0) was a second unit sold on 商品销售: 件数 2 for the
    one shirt sold, its margin 39.39 % for the shirt's 69.70 % (the resend's cost on the sale's ¥99). Now
    件数 1, 毛利率 as sold, and the resend in its own columns: 补发件数 1, 补发成本 30.00."""
    no = "3900000000000000451"
    shipped_order(shop, tmp_path, no)
    type_case(shop, case_no="LOST-1", opened_on=TODAY, order_no=no, type="丢件", reason="快递丢件", status="处理中",
              due=TODAY + dt.timedelta(days=3), staff="小美")
    assert {ln.order_no for ln in aftersales(shop, TODAY).resends} == {f"{no}-R1"}
    rev, path, _ = make_review(shop, "monthly", f"{TODAY:%Y-%m}")
    ws = openpyxl.load_workbook(path)["商品销售"]
    head = [c.value for c in ws[1]]
    rows = {r[0]: dict(zip(head, r)) for r in ws.iter_rows(min_row=2, values_only=True)}
    shirt = rows["SH-WH-M"]
    assert (shirt["件数（已减退货）"], shirt["商品销售额（不含运费，已减退货）"], round(shirt["毛利率"], 4)) == (1, 99, 0.697)
    assert head[-3:-1] == ["补发件数", "补发成本"]
    assert (shirt["补发件数"], shirt["补发成本"]) == (1, 30)
    assert rows["SH-WH-L"]["补发件数"] is None  # nothing resent: blank
    assert ws.cell(2, 10).number_format == "#,##0.00"
    style = {r[0]: r[1] for r in openpyxl.load_workbook(path)["款式销售"].iter_rows(min_row=2, values_only=True)}
    assert style["SH01"] == 1


def test_a_day_filled_from_the_orders_counts_no_resend_as_an_order(shop, tmp_path):  # noqa: F811
    """QA: a day 日报 lacks is filled from the orders; the desk's resend (…-R1, made on 11-22 at ¥0) was one
    order and one unit sold that day, in the monthly review and the daily job's KPI. It is neither now:
    the day has no order but the resend, so it is not filled at all."""
    from shopbook.report.workflow import run_daily
    from shopbook.shop import open_shop

    no = "3900000000000000451"
    shipped_order(shop, tmp_path, no)
    type_case(shop, case_no="LOST-1", opened_on=TODAY, order_no=no, type="丢件", reason="快递丢件", status="处理中",
              due=TODAY + dt.timedelta(days=3), staff="小美")
    (resend,) = aftersales(shop, TODAY).resends
    day = resend.paid_at.date()
    rev, _, _ = make_review(shop, "monthly", f"{TODAY:%Y-%m}")
    filled = {d.date: (d.orders, d.units) for d in rev.days if d.from_orders}
    assert filled.get(day) is None, filled
    assert filled[day - dt.timedelta(days=1)] == (1, 1)  # the order sold the day before still counts
    run = run_daily(open_shop(shop.folder), day, send=False, steps_only=("kpi",))
    assert not [d for d in run.summary.history if d.date == day and d.orders], run.summary.history
