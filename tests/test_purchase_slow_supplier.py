"""QA: the lead time measured from a supplier's POs (下单日期 to the first 入库 carrying the PO
number) was only printed beside the declared one; a supplier whose last deliveries took 12 days
against a 交货周期 of 7 went on being ordered for 7, unsaid. Now `purchase suggest` (and the 采购建议
button, through its warnings) and `purchase suppliers` say so when its last 3 POs took clearly
longer (≥ 2 POs, at least 3 days and 30 % over), located at its 交货周期 cell; the quantities are
not changed.

Hand-worked (today 2026-11-22; window 14, cover 7): 甲厂 交货周期 7; A (甲厂) opening 0, four POs of
10 received 5, 12, 11, 13 days after ordering (08-01, 09-01, 10-01, 11-01), 10 out on 10-20 and 28
on 11-15: on hand 2, 2 a day, safety 2 → 2 × (7 + 7) + 2 − 2 = 28. Last 3: (12 + 11 + 13) / 3 = 12.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from cli_run import flat, shopbook
from shopbook.purchasing import workflow as W
from shopbook.schema import STOCK, Movement, Product, PurchaseLine, Supplier
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

TODAY = dt.date(2026, 11, 22)
POS = ((dt.date(2026, 8, 1), 5), (dt.date(2026, 9, 1), 12), (dt.date(2026, 10, 1), 11), (dt.date(2026, 11, 1), 13))


def make(tmp_path, lang, declared=7):
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    M = Movement
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku="A", name="衬衫", cost=Decimal(20), price=Decimal(60), opening_qty=0, safety_stock=2,
                          status="在售", supplier="甲厂")],
        Supplier: [Supplier(supplier="甲厂", lead_days=declared)],
        PurchaseLine: [PurchaseLine(po_no=f"CG{o:%Y%m%d}-01", supplier="甲厂", sku="A", qty=10, order_date=o,
                                    status="已到货", received=10) for o, _ in POS],
        Movement: [M(date=o + dt.timedelta(days=n), sku="A", type="入库", qty=10, ref=f"CG{o:%Y%m%d}-01")
                   for o, n in POS]
        + [M(date=dt.date(2026, 10, 20), sku="A", type="出库", qty=10), M(date=dt.date(2026, 11, 15), sku="A",
                                                                         type="出库", qty=28)],
    }, keep_backup=False)
    return open_shop(folder)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_supplier_slower_than_its_lead_time_is_said_and_the_quantity_kept(tmp_path, lang):
    shop = make(tmp_path, lang)
    plan = W.purchase_plan(shop, TODAY)
    assert [(x.sku, x.qty) for o in plan.orders for x in o.lines] == [("A", 28)]  # as 7 days give it
    slow = [i for i in plan.warnings if "甲厂" in i.message_zh and "交货周期" in i.message_zh]
    assert len(slow) == 1
    assert "最近 3 次平均 12 天到货，设置的交货周期是 7 天" in slow[0].message_zh and "last 3 POs came in 12 days" in slow[0].message_en
    assert (slow[0].sheet, slow[0].cell) == ("供应商" if lang == "zh" else "Suppliers", "E2")  # its 交货周期
    r = shopbook("purchase", "suggest", shop.folder, "--date", TODAY)
    said = flat(r.stdout + r.stderr)
    assert ("最近3次平均12天到货" if lang == "zh" else "last3POscamein12daysonaverage") in said
    r = shopbook("purchase", "suppliers", shop.folder, "--date", TODAY)
    said = flat(r.stdout)
    assert ("最近3次平均12天到货" if lang == "zh" else "last3POscamein12daysonaverage") in said
    j = json.loads(shopbook("purchase", "suppliers", shop.folder, "--date", TODAY, "--json").stdout)
    assert j["lead_times"][0] | {} == {"supplier": "甲厂", "declared": 7, "measured": "10.3", "orders": 4,
                                      "recent": "12.0", "recent_orders": 3, "slower_than_declared": True}


def test_a_supplier_about_on_time_is_not_said(tmp_path):
    shop = make(tmp_path, "zh", declared=10)  # 12 against 10: within 3 days
    plan = W.purchase_plan(shop, TODAY)
    assert not [i for i in plan.warnings if "交货周期" in i.message_zh]
    assert "最近" not in flat(shopbook("purchase", "suppliers", shop.folder, "--date", TODAY).stdout)
