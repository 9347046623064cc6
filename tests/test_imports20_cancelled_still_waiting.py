"""An order cancelled in shopbook (a person set 已取消, or a refund did) that a later platform export still shows
waiting to ship (拼多多 待发货, 淘宝 买家已付款，等待卖家发货) was counted '没有变化' under a ✓ and nothing said:
the platform's clock ran on an order nobody would pick. It is now said at the export's row, in the shop's language,
the order left cancelled (never re-opened); not where the import's own refund export closes it after the list."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
import pytest

from cli_run import typed_in_openpyxl
from platform_fixtures import pdd_row, refund_row, write_pdd, write_refunds
from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS, STOCK, OrderLine, OrderStatus, Product
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook
from taobao_fixtures import detail_row, order_row, write_pair

P, Q = "261121-000000000001", "261121-000000000002"
TB = "3515000000000020101"
TODAY = dt.date(2026, 11, 23)


def _shop(tmp_path, lang: str):
    folder = tmp_path / "shop"
    init_shop(folder, lang, "演示服装店" if lang == "zh" else "Blue Shirt Co")
    write_workbook(folder / "stock.xlsx", STOCK, lang, {Product: [
        Product(sku="SH-WH-M", name="白衬衫", cost=D(30), price=D("99.00"), opening_qty=10, barcode="6900000000011")]},
        keep_backup=False)
    return open_shop(folder)


def _status(shop, no: str) -> OrderStatus:
    return next(ln.status for ln in read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
                if ln.order_no == no)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_order_cancelled_by_hand_still_waiting_on_a_later_export_is_said_at_its_row(tmp_path, lang):
    shop = _shop(tmp_path, lang)
    rows = [pdd_row(P, "待发货", "SH-WH-M"), pdd_row(Q, "待发货", "SH-WH-M")]
    import_orders(shop, [write_pdd(tmp_path / "a", rows)], today=TODAY)
    sheet = openpyxl.load_workbook(shop.folder / "orders.xlsx").sheetnames[0]
    typed_in_openpyxl(shop.folder / "orders.xlsx", sheet,
                      {(2, "状态" if lang == "zh" else "status"): "已取消" if lang == "zh" else "Cancelled"})  # P

    res = import_orders(shop, [write_pdd(tmp_path / "b", rows, name="orders_export_20261122.csv")], today=TODAY)
    assert _status(shop, P) is OrderStatus.CANCELLED  # never re-opened
    said = [i for i in res.issues if i.value == P]
    assert len(said) == 1 and said[0].severity == "warning"
    assert said[0].book == "orders_export_20261122.csv" and said[0].row == 2
    assert "还在等待发货" in said[0].message_zh and "still waits to ship" in said[0].message_en
    lines = " ".join(x[1 if lang == "zh" else 2] for x in res.said(10))
    assert ("还在等待发货" if lang == "zh" else "still waits to ship") in lines and P in lines
    assert not [i for i in res.issues if i.value == Q]


def test_an_order_its_refund_export_cancels_is_not_said_waiting_when_both_come_again(tmp_path):
    shop = _shop(tmp_path, "zh")
    o = order_row(TB, "tb_amy", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                  "2026-11-21 09:15:02", goods="99.00")
    files = list(write_pair(tmp_path / "a", [o], [detail_row(TB, "白衬衫", "99.00", "1", "SH-WH-M")],
                            stamp="202611211000"))
    files.append(write_refunds(tmp_path / "a", [refund_row("R1", TB, "SH-WH-M", "99.00", "退款成功")]))
    import_orders(shop, files, today=TODAY)
    assert _status(shop, TB) is OrderStatus.CANCELLED
    res = import_orders(shop, files, today=TODAY)  # the same files again: its refund closes it after the list
    assert not [i for i in res.issues if "还在等待发货" in i.message_zh]


def test_an_order_a_refund_export_cancelled_is_not_said_waiting_when_its_older_list_comes_again(tmp_path):
    """(review) The 11-21 list, then the refund export (退款成功: cancelled, 平台状态 已取消：退款成功…), then the
    11-21 list again alone: said '还在等待发货 … 若买家仍要这个订单，请在订单表把状态改回待审核', advice to re-open an
    order refunded on the platform. An order the platform's own word cancelled is not said so."""
    shop = _shop(tmp_path, "zh")
    o = order_row(TB, "tb_amy", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                  "2026-11-21 09:15:02", goods="99.00")
    orders = list(write_pair(tmp_path / "a", [o], [detail_row(TB, "白衬衫", "99.00", "1", "SH-WH-M")],
                             stamp="202611211000"))
    import_orders(shop, orders, today=TODAY)
    import_orders(shop, [write_refunds(tmp_path / "a", [refund_row("R1", TB, "SH-WH-M", "99.00", "退款成功")])],
                  today=TODAY)
    assert _status(shop, TB) is OrderStatus.CANCELLED
    res = import_orders(shop, orders, today=TODAY)
    assert _status(shop, TB) is OrderStatus.CANCELLED
    assert not [i for i in res.issues if "还在等待发货" in i.message_zh], res.issues
