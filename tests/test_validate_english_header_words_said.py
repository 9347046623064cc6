"""An English sheet's column headed in other words people use (Price for unit_price on Orders, Ship date
for shipped_on, Tracking, Postage, Payment time; Weight for weight_kg, Lead time for lead_days, Received
qty on Purchases): said at its header cell, to rename, as 条形码 is for 条码. Before, nothing was said and
the column was read as blank: every order line's price 0 to the ledger, every product's weight none."""

from __future__ import annotations

import pytest
from blank_books import append_by_header, blank

from shopbook.validate import validate_path

LINE = {"order_no": "T1001", "source": "Taobao", "platform": "Taobao", "paid_at": "2026-11-03 10:20",
        "buyer": "amy", "receiver": "Amy Li", "phone": "13800138000", "address": "浙江省杭州市西湖区文三路100号",
        "sku": "A001", "qty": 1, "unit_price": 59, "shipping_fee": 6, "status": "shipped", "courier": "中通",
        "tracking_no": "78123456789012", "shipped_on": "2026-11-04"}


@pytest.mark.parametrize("field,header", [("unit_price", "Price"), ("shipped_on", "Ship date"),
                                          ("tracking_no", "Tracking"), ("shipping_fee", "Postage"),
                                          ("paid_at", "Payment time")])
def test_an_orders_column_in_other_words(tmp_path, field, header):
    path, wb = blank(tmp_path, "orders.xlsx", "en")
    ws = wb["Orders"]
    append_by_header(ws, [LINE])
    (cell,) = [c for c in ws[1] if c.value == field]
    cell.value = header
    wb.save(path)
    said = [i for i in validate_path(path).issues if i.cell == f"{cell.column_letter}1"]
    assert len(said) == 1 and f"The header '{header}' looks like the column '{field}'" in said[0].message_en, \
        [(i.cell, i.message_en) for i in validate_path(path).issues]
    assert f"表头“{header}”像是“{field}”列" in said[0].message_zh


@pytest.mark.parametrize("field,header", [("weight_kg", "Weight"), ("lead_days", "Lead time")])
def test_a_products_column_in_other_words(tmp_path, field, header):
    path, wb = blank(tmp_path, "stock.xlsx", "en")
    ws = wb["Products"]
    append_by_header(ws, [{"sku": "A001", "style": "S1", "name": "Tee", "colour": "white", "size": "M", "cost": 35,
                           "price": 99, "lead_days": 10, "weight_kg": 0.25, "status": "active"}])
    (cell,) = [c for c in ws[1] if c.value == field]
    cell.value = header
    wb.save(path)
    assert [(i.cell, i.severity) for i in validate_path(path).issues] == [(f"{cell.column_letter}1", "error")]


ZH_LINE = {"订单编号": "T1001", "来源": "淘宝", "平台": "淘宝", "付款时间": "2026-11-03 10:20", "收货人": "李四",
           "手机": "13800138000", "收货地址": "浙江省杭州市西湖区文三路100号", "商家编码": "A001", "数量": 1, "单价": 59,
           "运费": 6, "状态": "已发货", "快递公司": "中通", "快递单号": "78123456789012", "发货日期": "2026-11-04"}


@pytest.mark.parametrize("field,header", [("单价", "成交价"), ("快递单号", "运单号"), ("运费", "邮费"),
                                          ("付款时间", "付款日期"), ("发货日期", "发货时间"), ("快递公司", "物流公司")])
def test_a_chinese_orders_column_in_other_words(tmp_path, field, header):
    """The same on a Chinese sheet: 运单号 for 快递单号, 邮费 for 运费, 成交价 for 单价 … were read blank, unsaid."""
    path, wb = blank(tmp_path, "orders.xlsx")
    ws = wb["订单"]
    append_by_header(ws, [ZH_LINE])
    (cell,) = [c for c in ws[1] if c.value == field]
    cell.value = header
    wb.save(path)
    said = [i for i in validate_path(path).issues if i.cell == f"{cell.column_letter}1"]
    assert len(said) == 1 and f"表头“{header}”像是“{field}”列" in said[0].message_zh, \
        [(i.cell, i.message_zh) for i in validate_path(path).issues]
