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
