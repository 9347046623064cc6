"""已发货 typed by hand in orders.xlsx posts no 出库: the stock stays overstated and nothing said so.
validate now warns at that order's 状态 cell where the shop's 出库 carry order numbers (shopbook's
ship and import post them so); a shop whose 出库 never carry one gets no warning."""

from __future__ import annotations

import datetime as dt

import openpyxl

from cli_run import flat, shopbook
from shopbook.schema import STOCK, Movement, MovementType
from shopbook.validate import validate_path
from shopbook.workbook_builder import write_workbook
from shopbook.io.reader import read_workbook
from test_orders import build_shop

ROWS = [("3515000000000000901", "已发货"), ("3515000000000000902", "已发货"), ("3515000000000000903", "待审核")]


def _orders_typed(shop) -> None:
    """Three orders as a person types them; the first shipped through shopbook, the second set
    已发货 by hand."""
    wb = openpyxl.load_workbook(shop.folder / "orders.xlsx")
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    for no, status in ROWS:
        ws.append([{"订单编号": no, "来源": "手工", "付款时间": "2026-11-21 09:00", "收货人": "王芳", "手机": "13812345678",
                    "收货地址": "浙江省 杭州市 西湖区 文三路100号", "商家编码": "SH-WH-M", "数量": 1, "单价": 99,
                    "状态": status}.get(h) for h in head])
    wb.save(shop.folder / "orders.xlsx")


def _movements(shop, refs: list[str | None]) -> None:
    stock = read_workbook(shop.path(STOCK), STOCK)
    moves = [Movement(date=dt.date(2026, 11, 22), sku="SH-WH-M", type=MovementType.OUT, qty=1, ref=r) for r in refs]
    write_workbook(shop.path(STOCK), STOCK, "zh", {**{m: stock.rows(m) for m in stock.sheets}, Movement: moves},
                   keep_backup=False)


def test_an_order_set_shipped_by_hand_is_warned_at_its_status_cell(tmp_path):
    shop = build_shop(tmp_path)
    _orders_typed(shop)
    _movements(shop, [ROWS[0][0]])
    r = shopbook("validate", shop.folder)
    out = flat(r.stdout)
    assert flat("orders.xlsx › 订单 › ") in out and flat("状态 = '已发货'") in out
    assert flat(f"订单 {ROWS[1][0]} 是“已发货”，但“出入库”表里没有单号为 {ROWS[1][0]} 的出库") in out
    said = [i for i in validate_path(shop.folder).issues if "出入库" in i.message_zh and "没有单号为" in i.message_zh]
    assert [(i.value, i.severity, i.field) for i in said] == [("已发货", "warning", "status")]
    assert ROWS[0][0] not in said[0].message_zh


def test_a_shop_whose_stock_outs_carry_no_order_numbers_is_not_warned(tmp_path):
    shop = build_shop(tmp_path)
    _orders_typed(shop)
    _movements(shop, [None, "双11备货"])
    assert not [i for i in validate_path(shop.folder).issues if "没有单号为" in i.message_zh]
