"""QA (purchasing before 双12): the factory's delivery note is titled 采购单号：CG 20261128-02 — the number copied
from a chat, broken by a space. The 采购收货 button, which takes the PO from the note, said the file named no PO; and
received with --po CG20261128-01 (the other PO open with that factory) it was posted on -01, the guard against a
note of another PO blind to it. Now the number is found as it is typed, space and all."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import Workbook

from shopbook.issues import ShopbookError
from shopbook.purchasing.workflow import po_of_count, purchase_receive
from shopbook.schema import Product, PurchaseLine, Supplier
from shopbook.shop import open_shop

S = "杭州丝绸有限公司"


@pytest.mark.parametrize("stock_shop", ["zh"], indirect=True)
def test_a_po_number_typed_with_a_space_in_the_notes_title_is_found(stock_shop, tmp_path):
    folder, _ = stock_shop({
        Product: [Product(sku="A1", name="衬衫", cost=Decimal("25.50"), price=Decimal(89), supplier=S, supplier_code="HA1")],
        Supplier: [Supplier(supplier=S, lead_days=7)],
        PurchaseLine: [PurchaseLine(po_no=f"CG20261128-0{k}", supplier=S, sku="A1", qty=10, unit_cost=Decimal("25.50"),
                                    order_date=dt.date(2026, 11, 28), status="已下单") for k in (1, 2)]})
    wb = Workbook()
    ws = wb.active
    ws.append([f"{S} 送货单", None, "采购单号：CG 20261128-02"])
    ws.append(["货号", "品名", "实收数量"])
    ws.append(["HA1", "衬衫", 10])
    wb.save(note := tmp_path / "送货单.xlsx")
    shop = open_shop(folder)
    assert po_of_count(shop, note) == "CG20261128-02"  # the button's PO
    with pytest.raises(ShopbookError) as e:  # and --po of the other one is refused, nothing posted
        purchase_receive(shop, note, "CG20261128-01", dt.date(2026, 12, 3))
    assert e.value.zh == "收货文件写的是采购单 CG20261128-02，不是 CG20261128-01。请核对后用 --po CG20261128-02。", e.value.zh
    r = purchase_receive(open_shop(folder), note, "CG20261128-02", dt.date(2026, 12, 3))
    assert [(m.sku, m.qty, m.ref) for m in r.movements] == [("A1", 10, "CG20261128-02")]
