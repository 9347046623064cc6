"""QA: `purchase receive --date` took any date. A delivery typed a month ahead (2027-01-05 for
2026-12-05) was posted as 入库 dated then: today's stock alerts and on-order figures leave out a
stock-in dated after today, so the goods on the shelf were alerted and ordered again; a delivery
dated before its PO's 下单日期 (11-02 for 12-02, ordered 11-20) was posted too, and `purchase
suppliers` then showed the supplier's measured lead time as -18.0 days. Now both are refused,
nothing written: a future date as a wrong option (both languages, as stocktake post's), a date
before the PO's order date in the shop's language, naming the PO and its order date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cli_run import CJK, flat, shopbook
from shopbook.schema import STOCK, Product, PurchaseLine, Supplier
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


@pytest.fixture(params=["zh", "en"])
def shop(tmp_path, request):
    folder = tmp_path / "shop"
    init_shop(folder, request.param)
    write_workbook(folder / "stock.xlsx", STOCK, request.param, {
        Product: [Product(sku="TS", name="Tee", cost=Decimal(20), price=Decimal(50), opening_qty=5, status="在售",
                          supplier="Acme")],
        Supplier: [Supplier(supplier="Acme", lead_days=10)],
        PurchaseLine: [PurchaseLine(po_no="CG1", supplier="Acme", sku="TS", qty=20, unit_cost=Decimal(18),
                                    order_date=dt.date(2026, 11, 20), status="已下单")],
    }, keep_backup=False)
    (tmp_path / "count.csv").write_text("TS,20\n", encoding="utf-8")
    return folder, tmp_path / "count.csv", request.param


def test_a_delivery_dated_in_the_future_is_refused(shop):
    folder, count, lang = shop
    before = (folder / "stock.xlsx").read_bytes()
    ahead = dt.date.today() + dt.timedelta(days=32)
    r = shopbook("purchase", "receive", folder, count, "--po", "CG1", "--date", ahead)
    assert r.returncode == 2
    # the shop's language alone, as the same stop of `purchase suggest --date` (before: both, in every shop)
    zh, en = flat(f"到货日期 {ahead} 在未来") in flat(r.stderr), flat(f"The delivery date {ahead} is in the future") in flat(r.stderr)
    assert (zh, en) == ((True, False) if lang == "zh" else (False, True)), r.stderr
    assert (folder / "stock.xlsx").read_bytes() == before


def test_a_delivery_dated_before_its_po_was_ordered_is_refused(shop):
    folder, count, lang = shop
    before = (folder / "stock.xlsx").read_bytes()
    r = shopbook("purchase", "receive", folder, count, "--po", "CG1", "--date", "2026-11-02")
    assert r.returncode == 2
    if lang == "zh":
        assert flat("到货日期 2026-11-02 早于采购单 CG1 的下单日期 2026-11-20：没有入库") in flat(r.stderr)
    else:
        assert flat("The delivery date 2026-11-02 is before PO CG1's order date 2026-11-20: nothing was posted") \
            in flat(r.stderr)
        assert not CJK.search(r.stderr)
    assert (folder / "stock.xlsx").read_bytes() == before
    r = shopbook("purchase", "receive", folder, count, "--po", "CG1", "--date", "2026-11-20")  # the same day: fine
    assert r.returncode == 0, r.stdout + r.stderr
