"""QA (purchasing before 双12): the 商品 sheet names the factory by its 简称 (杭州丝绸) and the 供应商 sheet by its
全称 (杭州丝绸有限公司, 交货周期 7). The shirt sells 2 a day and 12 are left: gone before a delivery ordered today
comes. `purchase suggest` said nothing of it — no PO line, no warning — since without the supplier's lead time the
alert never judges it (validate warns at the cell, but the buyer runs suggest). Now suggest says it at that 供应商 cell
with the name meant; one that is ordered is told the same name."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from shopbook.purchasing.workflow import purchase_suggest
from shopbook.schema import Movement, Product, Supplier
from shopbook.shop import open_shop

TODAY = dt.date(2026, 12, 5)


# (one language: each message is checked in both, from the Issue or the said tuple)
@pytest.mark.parametrize("stock_shop", ["zh"], indirect=True)
def test_a_product_whose_supplier_is_typed_by_its_short_name_is_said(stock_shop):
    def shirt(sku, opening, safety=None):
        return Product(sku=sku, name="衬衫", cost=Decimal("25.50"), price=Decimal(89), status="在售", opening_qty=opening,
                       supplier="杭州丝绸有限公司", safety_stock=safety)
    folder, lang = stock_shop({
        Product: [shirt("A1", 40), shirt("A2", 0, 5)],
        # 14 days of 2 a day: A1 has 12 left; A2, none left, is ordered up to its safety stock
        Movement: [Movement(date=TODAY - dt.timedelta(days=k), type="出库", sku="A1", qty=2) for k in range(1, 15)],
        Supplier: [Supplier(supplier="杭州丝绸有限公司", lead_days=7, min_qty=30, pack=20)]})
    # the buyer typed the short name on both rows, as the shop says it
    wb = load_workbook(folder / "stock.xlsx")
    ws = wb["商品" if lang == "zh" else "Products"]
    head = "供应商" if lang == "zh" else "supplier"
    col = [c.value for c in ws[1]].index(head) + 1
    ws.cell(2, col).value = ws.cell(3, col).value = "杭州丝绸"
    wb.save(folder / "stock.xlsx")

    plan = purchase_suggest(open_shop(folder), TODAY).plan
    # A2 (out of stock) is ordered from 杭州丝绸, told the name meant; A1, with no lead time, is named too
    # (5, its safety stock: the sheet's supplier's 起订量 30 and packs of 20 are not applied to a name it lacks)
    assert [(o.supplier, [(x.sku, x.qty) for x in o.lines]) for o in plan.orders] == [("杭州丝绸", [("A2", 5)])]
    cells = {w.cell: w for w in plan.warnings if w.column == head}
    assert set(cells) == {f"{get_column_letter(col)}2", f"{get_column_letter(col)}3"}, [w.to_json() for w in plan.warnings]
    w = cells[f"{get_column_letter(col)}3"]
    assert w.message_zh == ("供应商“杭州丝绸”不在供应商表里（是不是“杭州丝绸有限公司”？）：按无起订量、无交货周期处理（商品也没有"
                            "填补货周期）。请把供应商改成供应商表里的名称，或在供应商表加一行。"), w.message_zh
    # the product not alerted is said: not ordered while its supplier's lead time is unknown
    u = cells[f"{get_column_letter(col)}2"]
    assert u.message_zh == ("供应商“杭州丝绸”不在供应商表里（是不是“杭州丝绸有限公司”？）：A1 没有交货周期，算不出到货前会不会"
                            "卖完，要到安全库存或卖完才会建议补货。请把供应商改成供应商表里的名称，或在供应商表加一行"), u.message_zh
    assert u.message_en == ("Supplier '杭州丝绸' is not on the Suppliers sheet (Did you mean '杭州丝绸有限公司'?): A1 has no "
                            "lead time, so whether it sells out before a delivery could come is not worked out, and it "
                            "is suggested only at its safety stock or out. Change the supplier to its name on the "
                            "Suppliers sheet, or add a row for it there"), u.message_en
