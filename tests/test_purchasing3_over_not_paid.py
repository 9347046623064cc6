"""QA (purchasing before 双12): the factory sent 22 of the 20 A2 ordered, and its note bills 22. `purchase receive
--pay` posted all 22 and booked ¥1,507.00, the 2 over left out of the payment, said nowhere but 多到 2 on the line:
the ledger short of what the shop pays for the two it keeps. Now the receipt says the units over are not in the
payment and how to pay for those kept (the PO's 数量 set to 22, the same file received again with --pay: ¥48.70)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from shopbook.purchasing.workflow import purchase_receive
from shopbook.schema import Product, PurchaseLine, Supplier
from shopbook.shop import open_shop

S = "杭州丝绸有限公司"


@pytest.mark.parametrize("stock_shop", ["en"], indirect=True)
def test_units_over_the_order_are_said_not_in_the_payment(stock_shop, tmp_path):
    folder, _ = stock_shop({
        Product: [Product(sku=s, name="Shirt", cost=Decimal("25.50"), price=Decimal(89), supplier=S) for s in ("A1", "A2")],
        Supplier: [Supplier(supplier=S, lead_days=7)],
        PurchaseLine: [PurchaseLine(po_no="CG1", supplier=S, sku="A1", qty=40, unit_cost=Decimal("25.50"),
                                    order_date=dt.date(2026, 11, 28), status="ordered"),
                       PurchaseLine(po_no="CG1", supplier=S, sku="A2", qty=20, unit_cost=Decimal("24.35"),
                                    order_date=dt.date(2026, 11, 28), status="ordered")]})
    note = tmp_path / "note.csv"
    note.write_text("SKU,Received\nA1,40\nA2,22\n", encoding="utf-8")
    r = purchase_receive(open_shop(folder), note, "CG1", dt.date(2026, 12, 4), book_payment=True)
    assert sum(m.qty for m in r.movements) == 62 and r.payment.amount == Decimal("1507.00")  # 40 × 25.50 + 20 × 24.35
    said = [en for _, _, en in r.said()]
    assert ("  the units over the order are not in the payment (A2 2 over): for those kept and paid for, change qty on "
            "its line of the Purchases sheet of stock.xlsx to the units received, then receive this file again with the "
            "same command (--pay books the payment); return the others to the supplier") in said, said
    wb = load_workbook(folder / "stock.xlsx")  # kept: the PO's A2 line set to 22
    ws = wb["Purchases"]
    ws.cell(3, [c.value for c in ws[1]].index("qty") + 1).value = 22
    wb.save(folder / "stock.xlsx")
    again = purchase_receive(open_shop(folder), note, "CG1", dt.date(2026, 12, 4), book_payment=True)
    assert not again.movements and again.payment.amount == Decimal("48.70")
