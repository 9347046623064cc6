"""The seeds' returns are checked before they go back on sale (退货：…质量回检; 换货 likewise). A returned
shirt that fails the check is written off with a 调整 under its case number, as every stock correction of a
case is typed; `aftersales` then called the case's stock "1 short" and asked for a 调整 of +1: the torn
shirt back on the shelf. A write-off of goods its 退货 brought back is no miscount: nothing is asked."""

from __future__ import annotations

import datetime as dt

import openpyxl
from test_aftersales import returns_of, shipped_order, shop, type_case  # noqa: F401  (shop is the fixture)
from test_orders import TODAY

from shopbook.aftersales.workflow import aftersales
from shopbook.schema import STOCK


def test_a_return_failing_its_quality_check_is_written_off_and_not_asked_back(shop, tmp_path):  # noqa: F811
    no = "3900000000000000521"
    shipped_order(shop, tmp_path, no)
    type_case(shop, case_no="TH-Q", opened_on=TODAY, order_no=no, sku="SH-WH-M", type="退货退款", status="等退货",
              return_tracking="YT521", due=TODAY + dt.timedelta(days=7))
    assert aftersales(shop, TODAY, received=["YT521"]).returns[0].qty == 1
    wb = openpyxl.load_workbook(shop.path(STOCK))
    wb["出入库"].append([TODAY, "SH-WH-M", "调整", -1, "TH-Q", "质检不合格：开线，不能再卖"])
    wb.save(shop.path(STOCK))
    res = aftersales(shop, TODAY)
    assert res.issues == [] and res.returns == [] and returns_of(shop) == [("TH-Q", "SH-WH-M", 1)]
    # a write-off of more than came back is still said: the stock under the case is below nothing
    wb = openpyxl.load_workbook(shop.path(STOCK))
    wb["出入库"].append([TODAY, "SH-WH-M", "调整", -1, "TH-Q", None])
    wb.save(shop.path(STOCK))
    [i] = aftersales(shop, TODAY).issues
    assert "数量 1，单号 TH-Q" in i.message_zh and i.is_error  # back to none under it, not to 1
