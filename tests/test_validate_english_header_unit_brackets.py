"""An English shop's unit written in brackets after the header, as the Chinese header writes it (Weight (kg)
for weight_kg, as 重量(kg); Lead (days) for lead_days, as 补货周期(天)). Before, Weight (kg) was no column
and no word was said of it: every product's weight read blank (the shipping fee the review checks taken
from no weight), validate at 0 errors, while 重量（kg） on a Chinese sheet was read."""

from __future__ import annotations

from decimal import Decimal

from blank_books import append_by_header, blank

from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK
from shopbook.schema.stock import Product
from shopbook.validate import validate_path


def test_weight_and_lead_days_with_the_unit_in_brackets(tmp_path):
    path, wb = blank(tmp_path, "stock.xlsx", "en")
    ws = wb["Products"]
    append_by_header(ws, [{"sku": "A001", "style": "S1", "name": "Tee", "colour": "white", "size": "M",
                           "cost": 35, "price": 99, "lead_days": 10, "weight_kg": 0.25, "status": "active"}])
    for cell in ws[1]:
        cell.value = {"weight_kg": "Weight (kg)", "lead_days": "Lead (days)"}.get(cell.value, cell.value)
    wb.save(path)

    v = validate_path(path)
    assert not v.issues, [i.message_en for i in v.issues]
    (p,) = read_workbook(path, STOCK, (Product,)).rows(Product)
    assert (p.weight_kg, p.lead_days) == (Decimal("0.25"), 10)
