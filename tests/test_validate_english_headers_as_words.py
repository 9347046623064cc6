"""An English shop's headers typed as words (Unit Price, Order No, Paid at, E-mail), as a person types a
column's name, not as the template spells it (unit_price, order_no, paid_at, email): the same columns.
Before, a required one (Order No) stopped its sheet as "missing", and an optional one (Unit Price) was
read as blank without a word: every line's price 0 to the jobs, validate saying 0 errors."""

from __future__ import annotations

from decimal import Decimal

from blank_books import append_by_header, blank

from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, STOCK
from shopbook.schema.orders import OrderLine
from shopbook.schema.stock import Product
from shopbook.validate import validate_path


def test_headers_typed_as_words_are_the_columns(tmp_path):
    path, wb = blank(tmp_path, "orders.xlsx", "en")
    ws = wb["Orders"]
    append_by_header(ws, [{"order_no": "T1001", "source": "Taobao", "platform": "Taobao",
                           "paid_at": "2026-11-03 10:20", "buyer": "amy", "receiver": "Amy Li",
                           "phone": "13800138000", "address": "浙江省杭州市西湖区文三路100号",
                           "sku": "A001", "qty": 2, "unit_price": "¥59.90", "status": "new"}])
    words = {"order_no": "Order No", "paid_at": "Paid at", "unit_price": "Unit Price", "shipping_fee": "Shipping-fee"}
    for cell in ws[1]:
        if cell.value in words:
            cell.value = words[cell.value]
    wb.save(path)

    issues = validate_path(path).issues
    assert not [i for i in issues if i.is_error], [i.message_en for i in issues]
    assert not [i for i in issues if i.cell and i.cell.endswith("1")], [i.message_en for i in issues]

    wd = read_workbook(path, ORDERS, (OrderLine,))
    (line,) = wd.rows(OrderLine)
    assert line.order_no == "T1001"
    assert line.unit_price == Decimal("59.90")
    assert line.paid_at is not None and line.paid_at.day == 3


def test_a_products_sheet_typed_with_words(tmp_path):
    path, wb = blank(tmp_path, "stock.xlsx", "en")
    ws = wb["Products"]
    append_by_header(ws, [{"sku": "A001", "style": "S1", "name": "Tee", "colour": "white", "size": "M",
                           "cost": 35, "price": 99, "safety_stock": 5, "opening_qty": 12, "status": "active"}])
    for cell in ws[1]:
        if cell.value in ("safety_stock", "opening_qty"):
            cell.value = cell.value.replace("_", " ").title()  # Safety Stock, Opening Qty
    wb.save(path)
    wd = read_workbook(path, STOCK, (Product,))
    (p,) = wd.rows(Product)
    assert (p.safety_stock, p.opening_qty) == (5, 12)
    assert not [i for i in validate_path(path).issues if i.is_error]
