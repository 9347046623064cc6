"""A case typed on the 售后 sheet under an order number with a digit wrong: the desk worked it (a
return scanned in and posted) and said nothing of it; only `validate` told. The desk says it at the
cell, in the shop's language, once (a refund typed on it is said by its ledger proposal alone)."""

from __future__ import annotations

import datetime as dt

import pytest
import test_aftersales
from test_aftersales import returns_of, shipped_order, type_case
from test_orders import TODAY

from shopbook.aftersales.workflow import aftersales

shop = test_aftersales.shop


@pytest.fixture
def typo_shop(shop, tmp_path):
    no = "3900000000000000501"
    shipped_order(shop, tmp_path, no)
    # a person types the return of 3900000000000000501 as …509; and a complaint on the right order
    type_case(shop, case_no="TH-1", opened_on=TODAY, order_no=no[:-1] + "9", sku="SH-WH-M", qty=1,
              type="退货退款", status="等退货", return_tracking="YT501")
    type_case(shop, case_no="TS-1", opened_on=TODAY, order_no=no, type="投诉", status="处理中", staff="小美")
    return shop


def test_a_case_on_an_order_no_row_has_is_said_at_its_cell(typo_shop):
    day = TODAY + dt.timedelta(days=1)
    res = aftersales(typo_shop, day, received=["yt501"])
    assert returns_of(typo_shop) == [("TH-1", "SH-WH-M", 1)]  # the parcel is in: posted, as before
    [i] = [i for i in res.issues if i.sheet == "售后"]
    assert (i.book, i.cell, i.value, i.severity) == ("orders.xlsx", "C3", "3900000000000000509", "warning")
    assert "订单 3900000000000000509 不在“订单”表里" in i.message_zh and "请改正订单编号" in i.message_zh
    assert "not on the Orders sheet" in i.message_en and "Correct the order number" in i.message_en
    # listed again: said again, once, and the good case beside it has none
    again = aftersales(typo_shop, day)
    assert [(i.cell, i.severity) for i in again.issues] == [("C3", "warning")]
