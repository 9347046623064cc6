"""A return the warehouse typed into 出入库 under the order's number (单号 = 订单编号), as staff often
do, is the case's parcel in stock: the desk does not post it again."""

from __future__ import annotations

import datetime as dt

import openpyxl

from shopbook.aftersales.workflow import aftersales
from shopbook.schema import STOCK, CaseStatus
from test_aftersales import cases_of, returns_of, shipped_order, shop, type_case  # noqa: F401 (the fixture)
from test_orders import TODAY


def _typed_return(shop, ref: str, sku: str = "SH-WH-M", qty: int = 1) -> None:  # noqa: F811
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb["出入库"]
    head = [c.value for c in ws[1]]
    row = {"日期": dt.datetime(2026, 11, 21), "商家编码": sku, "类型": "退货", "数量": qty, "单号": ref,
           "备注": "仓库收到退货"}
    ws.append([row.get(h) for h in head])
    wb.save(shop.path(STOCK))


def test_a_return_typed_in_under_its_order_number_is_not_posted_again(shop, tmp_path):  # noqa: F811
    """QA: the warehouse typed the parcel back as 退货 SH-WH-M × 1, 单号 3900…0471 (the order's number);
    then customer service received case TH-1 (退货退款 of that order): the desk posted a second 退货 under
    TH-1 (stock one over). Now the row typed under the order's number is the case's return: said, not
    posted again (where the order has one case taking goods back: with two, whose row it is is not known)."""
    no = "3900000000000000471"
    shipped_order(shop, tmp_path, no)
    type_case(shop, case_no="TH-1", opened_on=TODAY, order_no=no, sku="SH-WH-M", qty=1, type="退货退款",
              return_tracking="YT920001", status="等退货", due=TODAY + dt.timedelta(days=7))
    _typed_return(shop, f" {no}")
    res = aftersales(shop, TODAY, received=["YT920001"])
    assert res.received == ["YT920001"] and res.returns == []
    assert returns_of(shop) == [(no, "SH-WH-M", 1)]  # the warehouse's row alone
    [said] = [i for i in res.issues if i.field == "return_tracking"]
    assert said.severity == "warning" and "没有再入库" in said.message_zh
    assert [c.status for c in cases_of(shop) if c.case_no == "TH-1"] == [CaseStatus.RETURNED]
    assert aftersales(shop, TODAY).returns == [] and len(returns_of(shop)) == 1
