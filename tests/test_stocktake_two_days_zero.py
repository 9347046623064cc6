"""QA: the weekly stocktake taken over two days, each day's counts typed under its date and posted that evening:
the tees counted 15 and 12 on Monday were listed on Tuesday's posting as nobody counted them, and Tuesday's
`--zero-uncounted` (as it says to do once the rest are all gone) posted them at 0: a loss of ¥675.00 for goods on the
shelf, counted the day before. Now a SKU counted on another day of the same stocktake (within 6 days) is marked so
in the list and never zeroed, said; last week's count is no such count."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cli_run import flat, shopbook

from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK, Movement, Product, StocktakeCount


def test_a_sku_counted_and_posted_the_day_before_is_not_zeroed(stock_shop):
    mon = dt.date.today() - dt.timedelta(days=2)  # (a day gone: a count is never posted ahead)
    tue = mon + dt.timedelta(days=1)
    P = Product
    folder, lang = stock_shop({
        Product: [P(sku="T100-BK-M", name="Tee", cost=Decimal(25), price=Decimal(79), opening_qty=17, bin="A-2"),
                  P(sku="T100-BK-L", name="Tee", cost=Decimal(25), price=Decimal(79), opening_qty=12, bin="A-10"),
                  P(sku="S300-WH-F", name="Scarf", cost=Decimal(12), price=Decimal(39), opening_qty=6, bin="C-1"),
                  P(sku="J200-BL-M", name="Jacket", cost=Decimal("88.5"), price=Decimal(259), opening_qty=10,
                    bin="B-1"),
                  P(sku="X400-GY-M", name="Hoodie", cost=Decimal(40), price=Decimal(129), opening_qty=5, bin="A-3")],
        StocktakeCount: [StocktakeCount(date=mon - dt.timedelta(days=7), sku="J200-BL-M", counted=10, counter="小王"),
                         StocktakeCount(date=mon, sku="T100-BK-M", counted=15, counter="小王"),
                         StocktakeCount(date=mon, sku="T100-BK-L", counted=12, counter="小王"),
                         StocktakeCount(date=tue, sku="X400-GY-M", counted=4, counter="小李")],
        Movement: [Movement(date=mon - dt.timedelta(days=7), sku="J200-BL-M", type="调整", qty=0,
                            ref=f"盘点{mon - dt.timedelta(days=7):%Y%m%d}")],  # last week's count, posted
    })
    assert shopbook("stocktake", "post", folder, "--date", str(mon)).returncode == 0
    r = shopbook("stocktake", "post", folder, "--date", str(tue), "--zero-uncounted")
    assert r.returncode == 0, r.stdout + r.stderr
    ref = f"盘点{tue:%Y%m%d}" if lang == "zh" else f"stocktake {tue:%Y%m%d}"
    moves = {m.sku: m.qty for m in read_workbook(folder / "stock.xlsx", STOCK).rows(Movement) if m.ref == ref}
    # the scarf nobody counted is gone; the jacket's count is last week's: zeroed too; the tees' Monday count stands
    assert moves == {"X400-GY-M": -1, "S300-WH-F": -6, "J200-BL-M": -10}, moves
    said = flat(r.stdout)
    if lang == "zh":
        assert flat(f"T100-BK-M 账面 15 Tee 库位 A-2（{mon} 盘过）") in said, r.stdout
        assert flat(f"T100-BK-L、T100-BK-M（2 个 SKU）在 {mon} 的盘点里有数、已过账：--zero-uncounted 没有把它们按 0 计") \
            in said, r.stdout
        assert flat("（账面为 0 的、另一天盘过的不调整）") in said
    else:
        assert flat(f"T100-BK-M book 15 Tee bin A-2 (counted {mon})") in said, r.stdout
        assert flat(f"T100-BK-L, T100-BK-M (2 SKUs) were counted on {mon} (posted): --zero-uncounted did not "
                    "count them as 0") in said, r.stdout
    assert {m.sku: m.qty for m in read_workbook(folder / "stock.xlsx", STOCK).rows(Movement)
            if m.ref and m.ref.endswith(f"{mon:%Y%m%d}")} == {"T100-BK-M": -2}
