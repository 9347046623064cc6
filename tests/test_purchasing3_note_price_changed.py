"""QA (purchasing before 双12): the factory's delivery note bills A1 at ¥26.00 a piece, not the PO's ¥25.50 (it put
its price up), 40 × 26.00 + 20 × 24.35 = ¥1,527.00. `purchase receive --pay` said ✓ and booked ¥1,507.00 at the PO's
prices, the note's 单价 column read by no one. Now each line priced otherwise is said with ! (no ✓, exit 1) with what to
do; the buyer accepts the new price on 采购, receives the note again with --pay, and the ¥20.00 left is booked, the
goods not posted twice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from shopbook.purchasing.workflow import purchase_receive
from shopbook.schema import Product, PurchaseLine, Supplier
from shopbook.shop import open_shop

S = "杭州丝绸有限公司"


# (one language: each message is checked in both, from the Issue or the said tuple)
@pytest.mark.parametrize("stock_shop", ["zh"], indirect=True)
def test_a_delivery_note_priced_otherwise_than_the_po_is_said(stock_shop, tmp_path):
    d = dt.date(2026, 11, 28)
    folder, lang = stock_shop({
        Product: [Product(sku=s, name="衬衫", cost=Decimal("25.50"), price=Decimal(89), supplier=S, supplier_code="H" + s)
                  for s in ("A1", "A2")],
        Supplier: [Supplier(supplier=S, lead_days=7)],
        PurchaseLine: [PurchaseLine(po_no="CG20261128-01", supplier=S, sku="A1", qty=40, unit_cost=Decimal("25.50"),
                                    order_date=d, status="已下单"),
                       PurchaseLine(po_no="CG20261128-01", supplier=S, sku="A2", qty=20, unit_cost=Decimal("24.35"),
                                    order_date=d, status="已下单")]})
    note = tmp_path / "送货单.csv"  # as the factory's note comes: its codes, prices and amounts, a 合计 row
    note.write_bytes("货号,品名,数量,单价(元),金额\r\nHA1,衬衫,40,26.00,1040.00\r\nHA2,衬衫,20,24.35,487.00\r\n"
                     "合计,,60,,1527.00\r\n".encode("gbk"))
    r = purchase_receive(open_shop(folder), note, "cg20261128-01", dt.date(2026, 12, 3), book_payment=True)
    assert sum(m.qty for m in r.movements) == 60 and r.payment.amount == Decimal("1507.00")  # the PO's prices
    assert r.prices == [(2, "A1", Decimal("26.00"), Decimal("25.50"))]
    assert not r.complete and not r.ok  # no ✓, exit 1
    said = [(m, zh if lang == "zh" else en) for m, zh, en in r.said()]
    assert ("!", "送货单第 2 行 A1 单价 ¥26.00，采购单 CG20261128-01 是 ¥25.50：货款按采购单的单价算。供应商改了价、你也认的话，"
                 "把 stock.xlsx 的“采购”表里 CG20261128-01 A1 的“单价”改成 26.00，再用同样的命令收一次这个文件（加 --pay 记货款；"
                 "货不会重复入库）" if lang == "zh" else
            "line 2 of the delivery note prices A1 at ¥26.00, PO CG20261128-01 at ¥25.50: the payment is worked out at "
            "the PO's price. If the supplier changed it and you accept it, change the unit_cost of A1 on "
            "CG20261128-01 in the Purchases sheet of stock.xlsx to 26.00, then receive this file again with the same "
            "command (--pay books the payment; the goods are not posted again)") in said, said
    assert said[0][0] == "!", said
    # the buyer accepts it: 单价 26 on the PO's A1 row, the same note received again with --pay
    wb = load_workbook(folder / "stock.xlsx")
    ws = wb[PurchaseLine.title(lang)]
    ws.cell(2, [c.value for c in ws[1]].index("单价" if lang == "zh" else "unit_cost") + 1).value = 26
    wb.save(folder / "stock.xlsx")
    again = purchase_receive(open_shop(folder), note, "CG20261128-01", dt.date(2026, 12, 3), book_payment=True)
    assert again.already_posted and not again.movements and again.prices == []
    assert (again.owed, again.booked, again.payment.amount) == (Decimal("1527.00"), Decimal("1507.00"), Decimal("20.00"))
    assert again.said()[0][0] == "✓" and again.ok
