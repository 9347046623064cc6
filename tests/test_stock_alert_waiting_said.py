"""QA (the warehouse's week): a winter sweater typed 过季 (or 下架), sold out, with one customer on the waiting list
and no order held for it, was alerted "cancel or change those orders and tell the customers waiting": orders
that do not exist. What to do now follows what waits: the held orders, the customers registered, or both."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopbook.schema import ORDERS, Movement, OrderLine, Product, WaitlistEntry
from shopbook.shop import open_shop
from shopbook.stock.workflow import stock_alerts
from shopbook.workbook_builder import write_workbook

TODAY = dt.date(2026, 12, 5)


def test_what_to_do_names_only_what_waits(stock_shop):
    folder, lang = stock_shop({
        Product: [Product(sku=s, name="毛衣", cost=Decimal(80), price=Decimal(199), status=st, opening_qty=0)
                  for s, st in (("SW1", "过季"), ("SW2", "下架"), ("SW3", "过季"))],
        Movement: [Movement(date=dt.date(2026, 11, 1), sku=s, type="入库", qty=5) for s in ("SW1", "SW2", "SW3")]
        + [Movement(date=dt.date(2026, 11, 20), sku=s, type="出库", qty=5) for s in ("SW1", "SW2", "SW3")],
        WaitlistEntry: [WaitlistEntry(date=dt.date(2026, 12, 1), customer="Ann", contact="wx1", sku="SW1"),
                        WaitlistEntry(date=dt.date(2026, 12, 1), customer="Bo", contact="wx2", sku="SW3")]})
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: [
        OrderLine(order_no=f"H{k}", receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x", sku=s,
                  qty=1, status="已挂起") for k, s in ((1, "SW2"), (2, "SW3"))]}, keep_backup=False)
    alerts = {a.sku: a.reasons for a in stock_alerts(open_shop(folder), TODAY)}
    assert alerts["SW1"] == [("过季，不补货：缺货登记 1 人在等：请告知登记的客户；要再进货，把“状态”改回在售",
                              "out of season, not reordered: 1 customer waiting: tell the customers waiting; to restock "
                              "it, set its status back to active")], alerts["SW1"]
    assert alerts["SW2"] == [("已下架，不补货：挂起订单要 1 件：请取消订单或改发别的款；要继续卖，把“状态”改回在售",
                              "delisted, not reordered: held orders need 1: cancel or change those orders; to sell it "
                              "again, set its status back to active")], alerts["SW2"]
    assert alerts["SW3"] == [("过季，不补货：挂起订单要 1 件，缺货登记 1 人在等：请取消订单或改发别的款、告知登记的客户；"
                              "要再进货，把“状态”改回在售",
                              "out of season, not reordered: held orders need 1, 1 customer waiting: cancel or change "
                              "those orders and tell the customers waiting; to restock it, set its status back to "
                              "active")], alerts["SW3"]
