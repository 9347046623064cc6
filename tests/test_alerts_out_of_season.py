"""Seeds: 对于过季的和30天无销量的宝贝可以下架 (an out-of-season item may be delisted). A shop typing 过季 in
商品's 状态 got an error at that cell ("不是可选值"), and the only way to stop `stock alerts` nagging about a
winter coat it is clearing (out of stock, under its safety stock, a 主推 style under 30) was to mark it 下架,
as if no longer sold. Now 过季 is a status: still on sale, never reordered, alerted only where held orders
wait for goods that will not come (said with what to do)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from shopbook.purchasing.suggest import delisted_drafts
from shopbook.schema import ORDERS, Movement, OrderLine, Product, PurchaseLine
from shopbook.shop import open_shop
from shopbook.stock.workflow import load_stock, stock_alerts
from shopbook.workbook_builder import write_workbook

TODAY = dt.date(2026, 12, 5)


# (a Chinese shop alone: each reason carries both languages; the English words typed are covered by
# test_said_instead's list of them)
@pytest.mark.parametrize("stock_shop", ["zh"], indirect=True)
def test_an_out_of_season_item_is_not_restocked_nor_nagged_about(stock_shop):
    P = Product
    folder, lang = stock_shop({
        Product: [P(sku="COAT", name="羽绒服", cost=Decimal(200), price=Decimal(499), safety_stock=2, main=True),
                  P(sku="SCARF", name="围巾", cost=Decimal(20), price=Decimal(59), opening_qty=1),
                  P(sku="TEE", name="T恤", cost=Decimal(20), price=Decimal(59), safety_stock=2)],
        Movement: [Movement(date=dt.date(2026, 11, 20), sku="COAT", type="入库", qty=10),
                   Movement(date=dt.date(2026, 11, 28), sku="COAT", type="出库", qty=10),
                   Movement(date=dt.date(2026, 11, 20), sku="TEE", type="入库", qty=1)],
        # drafted before the coat went out of season: sent as it is, it buys what is being cleared
        PurchaseLine: [PurchaseLine(po_no="CG1", supplier="甲厂", sku="COAT", qty=5, order_date=dt.date(2026, 11, 20),
                                    status="草稿")],
    })
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: [
        OrderLine(order_no="H1", receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x", sku="SCARF",
                  qty=3, status="已挂起")]}, keep_backup=False)
    # typed by a person in Excel: 过季 (an English shop's word, out of season) in 状态 of COAT and SCARF
    wb = load_workbook(folder / "stock.xlsx")
    ws = wb["商品" if lang == "zh" else "Products"]
    head = [c.value for c in ws[1]]
    col = next(i for i, h in enumerate(head) if h in ("状态", "status", "Status")) + 1
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value in ("COAT", "SCARF"):
            ws.cell(r, col).value = "过季" if lang == "zh" else "out of season"
    wb.save(folder / "stock.xlsx")

    shop = open_shop(folder)
    alerts = {a.sku: a for a in stock_alerts(shop, TODAY)}
    assert set(alerts) == {"COAT", "SCARF", "TEE"}, alerts
    # COAT, out of stock, 主推, sold 10: alerted for the draft alone, nothing to reorder
    assert alerts["COAT"].reasons == [("过季，草稿采购单 CG1 还订着 5 件：不再进货的话，发出前删掉这一行",
                                       ("out of season, and draft PO CG1 still orders 5: if no more is to be bought, "
                                        "delete the line before sending it"))] and alerts["COAT"].reorder_qty == 0
    d = load_stock(shop, need_orders=False)  # and purchase suggest says it at the draft line's cell
    [said] = delisted_drafts(d.purchases, {p.sku: p for p in d.products}, TODAY)
    assert said.message_zh == ("草稿采购单 CG1 还订着 COAT 5 件，这个商品过季：不再进货的话，发出前删掉这一行；要再进货，"
                               "把“商品”表里它的状态改回在售"), said.message_zh
    tee, scarf = alerts["TEE"], alerts["SCARF"]
    assert tee.reorder_qty > 0  # an item on sale still alerted
    assert scarf.reorder_qty == 0 and scarf.available == 1
    [(zh, en)] = scarf.reasons
    assert zh == "过季，不补货：挂起订单要 3 件：请取消订单或改发别的款；要再进货，把“状态”改回在售", zh
    assert en == ("out of season, not reordered: held orders need 3: cancel or change those orders; to restock it, "
                  "set its status back to active"), en


@pytest.mark.parametrize("stock_shop", ["zh"], indirect=True)
def test_a_style_kept_without_stock_is_ordered_for_what_waits_alone(stock_shop):
    """Seeds: 部分款式可以无需拥有库存 (some styles need hold no stock). Typed 不备货, such a SKU with none on the
    shelf is no shortage: before, 不备货 was an error at its cell, and kept as 在售 it was alerted 缺货 every day
    and reordered up to its safety stock and 主推 floor. Now it is alerted only for the orders held for it and
    the customers waiting, and ordered for those alone."""
    from shopbook.schema import WaitlistEntry

    P = Product
    folder, lang = stock_shop({
        Product: [P(sku="SHOW", name="形象款", cost=Decimal(80), price=Decimal(299), safety_stock=2, main=True),
                  P(sku="DRESS", name="连衣裙", cost=Decimal(80), price=Decimal(299), safety_stock=2)],
        Movement: [Movement(date=dt.date(2026, 11, 20), sku=s, type="入库", qty=2) for s in ("SHOW", "DRESS")]
        + [Movement(date=dt.date(2026, 11, 28), sku=s, type="出库", qty=2) for s in ("SHOW", "DRESS")],
        WaitlistEntry: [WaitlistEntry(date=dt.date(2026, 12, 1), customer="甲", contact="13811112222", sku="DRESS")],
    })
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: [
        OrderLine(order_no="H1", receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x", sku="DRESS",
                  qty=2, status="已挂起")]}, keep_backup=False)
    wb = load_workbook(folder / "stock.xlsx")
    ws = wb["商品" if lang == "zh" else "Products"]
    col = next(i for i, h in enumerate(c.value for c in ws[1]) if h in ("状态", "status", "Status")) + 1
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value in ("SHOW", "DRESS"):
            ws.cell(r, col).value = "不备货" if lang == "zh" else "no stock kept"
    wb.save(folder / "stock.xlsx")

    alerts = stock_alerts(open_shop(folder), TODAY)
    [dress] = alerts  # SHOW: none on the shelf, nobody waiting: no alert
    assert alerts.no_lead == []  # (no "covers only 7 days of sales" said of it: it is ordered for what waits)
    assert dress.sku == "DRESS" and dress.reorder_qty == 3 and dress.available == 0  # 2 held + 1 customer
    assert dress.reasons == [("不备货，按单订货：挂起订单要 2 件，缺货登记 1 人在等",
                              "no stock kept, ordered for what waits: held orders need 2, 1 customer waiting")]
