"""QA: `stocktake post` ended its tally "uncounted: 0 SKU" in English (and "未盘：0 SKU" in
Chinese, without the 个 its other counts have). Now "uncounted: 0 SKUs" / "未盘：0 个 SKU", and
--zero-uncounted has a help line as the other options do."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cli_run import CJK, flat, shopbook
from shopbook.schema import STOCK, Product, StocktakeCount
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_tally_counts_skus_in_the_shops_language(tmp_path, lang):
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    day = dt.date(2026, 11, 28)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku="A", name="Shirt", cost=Decimal(20), price=Decimal(60), opening_qty=5, status="在售"),
                  Product(sku="B", name="Trousers", cost=Decimal(30), price=Decimal(90), opening_qty=3, status="在售")],
        StocktakeCount: [StocktakeCount(date=day, sku="A", counted=4, counter="Ann")],
    }, keep_backup=False)
    r = shopbook("stocktake", "post", folder, "--date", day, "--dry-run")
    if lang == "zh":
        assert flat("盘盈 ¥0.00  盘亏 ¥20.00  未盘：1 个 SKU") in flat(r.stdout)
    else:
        assert flat("gain ¥0.00  loss ¥20.00  uncounted: 1 SKU\n") in flat(r.stdout)
        assert not CJK.search(r.stdout)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku="A", name="Shirt", cost=Decimal(20), price=Decimal(60), opening_qty=5, status="在售")],
        StocktakeCount: [StocktakeCount(date=day, sku="A", counted=4, counter="Ann")],
    }, keep_backup=False)
    r = shopbook("stocktake", "post", folder, "--date", day, "--dry-run")
    assert flat("未盘：0 个 SKU" if lang == "zh" else "uncounted: 0 SKUs") in flat(r.stdout)
    assert flat("--zero-uncounted 未盘的 SKU 按实盘 0 计") in flat(shopbook("stocktake", "post", "--help").stdout)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_stock_ages_count_skus_and_units_in_the_shops_language(tmp_path, lang):
    """QA: `stock slow` listed stock age as '>90: 1 SKU, 1 units' in English and '1 SKU, 1 件' with an
    ASCII comma in Chinese; now '1 SKU, 1 unit' / '2 SKUs, 8 units' and '1 个 SKU，1 件'."""
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku="A", name="Shirt", cost=Decimal(20), price=Decimal(60), opening_qty=1, status="在售")],
    }, keep_backup=False)
    r = shopbook("stock", "slow", folder)
    if lang == "zh":
        assert flat(">90: 1 个 SKU，1 件，¥20.00") in flat(r.stdout)
    else:
        assert flat(">90: 1 SKU, 1 unit, ¥20.00") in flat(r.stdout) and flat("0–30: 0 SKUs, 0 units") in flat(r.stdout)
        assert not CJK.search(r.stdout)
