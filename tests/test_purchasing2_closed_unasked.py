"""QA (purchasing before 双12): the factory sent the M and could not make the L; the buyer set the L's line 已取消 and
received the next note (the L came after all: said, not posted). The run said "采购单已关闭（--close），没到的货不再等":
no --close was given, nothing it ordered was still to come. Now it says the PO is closed as everything not
cancelled has come; --close that gives up on goods still says so."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopbook.purchasing import workflow as W
from shopbook.schema import Movement, Product, PurchaseLine, Supplier
from shopbook.shop import open_shop


def test_a_po_whose_open_lines_all_came_is_not_said_closed_by_hand(stock_shop, tmp_path):
    prods = [Product(sku=f"T-{s}", name="Tee", cost=Decimal(20), price=Decimal(59), status="在售", supplier="甲厂")
             for s in ("M", "L")]
    folder, _ = stock_shop({
        Product: prods, Supplier: [Supplier(supplier="甲厂", lead_days=5)],
        Movement: [Movement(date=dt.date(2026, 12, 1), sku="T-M", type="入库", qty=10, ref="CG1")],
        PurchaseLine: [PurchaseLine(po_no="CG1", supplier="甲厂", sku="T-M", qty=10, unit_cost=Decimal(20),
                                    order_date=dt.date(2026, 11, 28), status="已到货", received=10),
                       PurchaseLine(po_no="CG1", supplier="甲厂", sku="T-L", qty=10, unit_cost=Decimal(20),
                                    order_date=dt.date(2026, 11, 28), status="已取消", note="工厂做不了")]})
    note = tmp_path / "n.csv"
    note.write_text("商家编码,实收数量\nT-L,4\n", encoding="utf-8")
    r = W.purchase_receive(open_shop(folder), note, "CG1", dt.date(2026, 12, 4))
    _, zh, en = r.said()[0]
    assert zh.endswith("；采购单已关闭：没取消的货都到了") and "--close" not in zh, zh
    assert en.endswith("; the PO is closed: everything not cancelled has come"), en
    assert not r.movements
