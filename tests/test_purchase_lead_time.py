"""QA: a shop that types lead times on the 供应商 sheet only (补货周期 blank on 商品) was
under-ordered: the reorder quantity covered the 7 cover days alone, while the PO's expected date
used the supplier's 交货周期. Now one rule gives a product's lead time to both: its own 补货周期
where typed (the more specific), else its supplier's 交货周期, else none.

Hand-worked (today 2026-11-22; sales window 14 days, cover 7), each product 30 (20 opening, 10 in on 10-01), 28 sold
on 11-15 (2 a day), 2 on hand, safety stock 2:
  A 补货周期 blank, 甲厂 (交货周期 14): 2 × (14 + 7) + 2 − 2 = 42, PO expected 11-22 + 14 = 12-06
            (before: 2 × 7 + 2 − 2 = 14, still expected 12-06)
  B 补货周期 3,     乙厂 (交货周期 14): 2 × (3 + 7) + 2 − 2 = 20, PO expected 11-22 + 3 = 11-25
            (before: 20, expected 12-06: the supplier's wait, not the one the quantity covers)
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from shopbook import functions as F
from shopbook.io.reader import read_workbook
from shopbook.purchasing import workflow as W
from shopbook.schema import STOCK, Movement, PoStatus, Product, PurchaseLine, Supplier
from shopbook.shop import init_shop, open_shop
from shopbook.stock import workflow as SW
from shopbook.workbook_builder import write_workbook

TODAY = dt.date(2026, 11, 22)
COVER, DAILY, SAFETY, ON_HAND = 7, 2, 2, 2


@pytest.fixture(params=["zh", "en"])
def shop(tmp_path, request):
    lang = request.param
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    P = Product
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [P(sku="A", name="衬衫", cost=Decimal(20), price=Decimal(60), opening_qty=20, safety_stock=SAFETY,
                    status="在售", supplier="甲厂"),
                  P(sku="B", name="裤子", cost=Decimal(30), price=Decimal(90), opening_qty=20, safety_stock=SAFETY,
                    lead_days=3, status="在售", supplier="乙厂")],
        # (10 of the 30 came in as the books began, in October: the 14 days' sales are averaged over 14)
        Movement: [*(Movement(date=dt.date(2026, 10, 1), sku=s, type="入库", qty=10) for s in "AB"),
                   *(Movement(date=dt.date(2026, 11, 15), sku=s, type="出库", qty=28, ref=f"T{s}") for s in "AB")],
        Supplier: [Supplier(supplier="甲厂", lead_days=14), Supplier(supplier="乙厂", lead_days=14)],
    }, keep_backup=False)
    return open_shop(folder)


def covers(lead: int) -> int:
    """What the quantity must be to last `lead` days of waiting plus the cover days."""
    return DAILY * (lead + COVER) + SAFETY - ON_HAND


def test_a_blank_lead_time_takes_the_suppliers_and_the_po_agrees(shop):
    res = W.purchase_suggest(shop, TODAY, write_drafts=True)
    assert res.written
    drafts = {ln.sku: ln for ln in read_workbook(shop.path(STOCK), STOCK).rows(PurchaseLine)
              if ln.status is PoStatus.DRAFT}
    a = drafts["A"]
    assert (a.qty, a.expected_date) == (42, dt.date(2026, 12, 6))  # 甲厂's 14 days, not 0
    assert a.qty == covers((a.expected_date - a.order_date).days)  # ordered for the wait the PO shows


def test_a_products_own_lead_time_wins_for_quantity_and_date(shop):
    b = next(o for o in W.purchase_plan(shop, TODAY).orders if o.supplier == "乙厂")
    assert [(x.sku, x.qty) for x in b.lines] == [("B", 20)] and b.expected_date == dt.date(2026, 11, 25)
    assert b.lines[0].qty == covers((b.expected_date - TODAY).days)


def test_stock_alerts_and_the_cell_function_reorder_as_purchase_suggest(shop):
    alerts = {a.sku: a.reorder_qty for a in SW.stock_alerts(shop, TODAY)}
    assert alerts == {"A": covers(14), "B": covers(3)}
    assert (F.reorder_qty("A", shop.folder, today=TODAY), F.reorder_qty("B", shop.folder, today=TODAY)) == (42, 20)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_supplier_not_on_the_sheet_says_which_lead_time_is_used(tmp_path, lang):
    """A product naming a supplier that is not on the 供应商 sheet was warned "no minimum and no lead
    time are used", though its own 补货周期, where typed, still is (stock.report.lead_days: B is
    ordered for its 3 days, expected 11-25). Now the warning, at the product's 供应商 cell, says
    the supplier is not on the sheet and says no lead time only of products with none of their own."""
    from openpyxl.utils import get_column_letter

    from cli_run import CJK, flat, shopbook

    folder = tmp_path / "shop"
    init_shop(folder, lang)
    P, zh = Product, lang == "zh"

    def item(sku, supplier, lead=None):
        return P(sku=sku, name="衬衫", cost=Decimal(20), price=Decimal(60), opening_qty=30, safety_stock=SAFETY,
                 lead_days=lead, status="在售", supplier=supplier)

    products = [item("A", "甲厂"), item("B", "丙厂", 3), item("C", "丁厂"), item("D", "戊厂", 5), item("E", "戊厂")]
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: products,
        Movement: [Movement(date=dt.date(2026, 11, 15), sku=p.sku, type="出库", qty=28, ref=f"T{p.sku}") for p in products],
        Supplier: [Supplier(supplier="甲厂", lead_days=14)]}, keep_backup=False)
    col = get_column_letter([c.name for c in Product.columns()].index("supplier") + 1)
    r = shopbook("purchase", "suggest", folder, "--date", "2026-11-22", "--json")
    said = {w["cell"]: (w["message_zh"] if zh else w["message_en"]) for w in json.loads(r.stdout)["warnings"]}
    assert set(said) == {f"{col}3", f"{col}4", f"{col}6"}, said  # 戊厂 once, at E: the one with no lead time
    own, none, mixed = said[f"{col}3"], said[f"{col}4"], said[f"{col}6"]
    if zh:
        assert own == "供应商“丙厂”不在供应商表里：按无起订量处理，交货周期用商品自己填的补货周期。请在供应商表加一行。"
        assert none == "供应商“丁厂”不在供应商表里：按无起订量、无交货周期处理（商品也没有填补货周期）。请在供应商表加一行。"
        assert mixed == "供应商“戊厂”不在供应商表里：按无起订量处理；填了补货周期的商品用自己的，没填的（E）无交货周期。请在供应商表加一行。"
    else:
        assert own == ("Supplier '丙厂' is not on the Suppliers sheet: no minimum is used; the lead time is the "
                       "product's own lead_days. Add a row for it there.")
        assert none == ("Supplier '丁厂' is not on the Suppliers sheet: no minimum and no lead time are used (the "
                        "product has no lead_days of its own either). Add a row for it there.")
        assert mixed == ("Supplier '戊厂' is not on the Suppliers sheet: no minimum is used; a product with its own "
                         "lead_days uses it, those without (E) have no lead time. Add a row for it there.")
    b = next(x for x in json.loads(r.stdout)["lines"] if x["sku"] == "B")
    assert b["expected_date"] == "2026-11-25", b  # its own 3 days are used, as the warning says
    # on screen: at the cell, in the shop's language alone
    r = shopbook("purchase", "suggest", folder, "--date", "2026-11-22")
    screen = flat(r.stdout + r.stderr).replace(flat(str(folder)), "")
    assert flat(f"stock.xlsx › {'商品' if zh else 'Products'} › {col}3") in screen and flat(own) in screen, screen
    assert (not CJK.search(screen.replace("丙厂", "").replace("丁厂", "").replace("戊厂", "").replace("甲厂", "")
                           .replace("衬衫", ""))) if not zh else "lead" not in screen, screen


def test_a_supplier_not_on_the_sheet_with_many_products_says_how_many_more():
    """The products with no lead time of their own are named, the first five, then how many more."""
    from shopbook.purchasing.suggest import _not_on_sheet
    from shopbook.schema import Product

    products = [Product.from_cells({"sku": f"P{k}", "name": "T", "cost": "5", "price": "9", "supplier": "X",
                                    "lead_days": 3 if k < 2 else None}) for k in range(9)]
    issue = _not_on_sheet("X", products)
    assert "（P2、P3、P4、P5、P6 等，还有 2 个）无交货周期" in issue.message_zh, issue.message_zh
    assert "(P2, P3, P4, P5, P6 and 2 more) have no lead time" in issue.message_en, issue.message_en
