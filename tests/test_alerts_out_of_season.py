"""Seeds: 对于过季的和30天无销量的宝贝可以下架 (an out-of-season item may be delisted). A shop typing 过季 in
商品's 状态 got an error at that cell ("不是可选值"), and the only way to stop `stock alerts` nagging about a
winter coat it is clearing (out of stock, under its safety stock, a 主推 style under 30) was to mark it 下架,
as if no longer sold. Now 过季 is a status: still on sale, never reordered, alerted only where held orders
wait for goods that will not come (said with what to do)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from openpyxl import load_workbook

from shopbook.schema import ORDERS, Movement, OrderLine, Product
from shopbook.shop import open_shop
from shopbook.stock.workflow import stock_alerts
from shopbook.workbook_builder import write_workbook

TODAY = dt.date(2026, 12, 5)


def test_an_out_of_season_item_is_not_restocked_nor_nagged_about(stock_shop):
    P = Product
    folder, lang = stock_shop({
        Product: [P(sku="COAT", name="羽绒服", cost=Decimal(200), price=Decimal(499), safety_stock=2, main=True),
                  P(sku="SCARF", name="围巾", cost=Decimal(20), price=Decimal(59), opening_qty=1),
                  P(sku="TEE", name="T恤", cost=Decimal(20), price=Decimal(59), safety_stock=2)],
        Movement: [Movement(date=dt.date(2026, 11, 20), sku="COAT", type="入库", qty=10),
                   Movement(date=dt.date(2026, 11, 28), sku="COAT", type="出库", qty=10),
                   Movement(date=dt.date(2026, 11, 20), sku="TEE", type="入库", qty=1)],
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

    alerts = {a.sku: a for a in stock_alerts(open_shop(folder), TODAY)}
    assert set(alerts) == {"SCARF", "TEE"}, alerts  # COAT: out of stock, 主推, sold 10: no alert
    tee, scarf = alerts["TEE"], alerts["SCARF"]
    assert tee.reorder_qty > 0  # an item on sale still alerted
    assert scarf.reorder_qty == 0 and scarf.available == 1
    [(zh, en)] = scarf.reasons
    assert zh == "过季，不补货：挂起订单要 3 件：请取消订单或改发别的款、告知登记的客户；要再进货，把“状态”改回在售", zh
    assert en == ("out of season, not reordered: held orders need 3: cancel or change those orders and tell the "
                  "customers waiting; to restock it, set its status back to active"), en
