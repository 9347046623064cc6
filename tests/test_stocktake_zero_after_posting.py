"""QA: `stocktake post` lists the SKUs nobody counted and says to post again with --zero-uncounted only if they
are all gone. Doing just that warned "2026-12-04 的盘点之前已过账过；此后盘点行，或当天及之前的出入库有增改（如补录的
出库），只补记差额：S300 应调 -6，已调 +0" — nothing had changed; the person was told to look for a late stock-out
that was never there. Now a SKU zeroed for the first time is said only as --zero-uncounted's (its own line), and
a count row changed since is still warned."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cli_run import flat, shopbook, typed_in_openpyxl

from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK, Movement, Product, StocktakeCount


def test_zeroing_the_uncounted_after_posting_says_no_change_that_did_not_happen(stock_shop):
    day = dt.date(2026, 12, 4)
    P = Product
    folder, lang = stock_shop({
        Product: [P(sku="T100-BK-M", name="Tee", cost=Decimal(25), price=Decimal(79), opening_qty=17, bin="A-2"),
                  P(sku="S300-WH-F", name="Scarf", cost=Decimal(12), price=Decimal(39), opening_qty=6, bin="C-1"),
                  P(sku="X400-GY-M", name="Hoodie", cost=Decimal(40), price=Decimal(129), opening_qty=0, bin="A-3")],
        Movement: [Movement(date=dt.date(2026, 11, 21), sku="X400-GY-M", type="出库", qty=2, ref="O2")],  # oversold
        StocktakeCount: [StocktakeCount(date=day, sku="T100-BK-M", counted=15, counter="小王")],
    })
    first = shopbook("stocktake", "post", folder, "--date", "2026-12-04")
    assert first.returncode == 0, first.stdout + first.stderr
    r = shopbook("stocktake", "post", folder, "--date", "2026-12-04", "--zero-uncounted")
    said = flat(r.stdout)
    assert flat("之前已过账过") not in said and "waspostedbefore" not in said, r.stdout
    ref = "盘点20261204" if lang == "zh" else "stocktake 20261204"
    moves = [(m.sku, m.qty) for m in read_workbook(folder / "stock.xlsx", STOCK).rows(Movement) if m.ref == ref]
    assert moves == [("T100-BK-M", -2), ("S300-WH-F", -6), ("X400-GY-M", 2)], moves  # 17→15, 6→0, −2→0
    assert flat("盘盈 ¥80.00  盘亏 ¥122.00" if lang == "zh" else "gain ¥80.00  loss ¥122.00") in said, r.stdout
    # a count row typed since is still said as what changed
    wb_sheet = "盘点" if lang == "zh" else "Stocktake"
    head = ("日期", "商家编码", "实盘数量", "盘点人") if lang == "zh" else ("date", "sku", "counted", "counter")
    typed_in_openpyxl(folder / "stock.xlsx", wb_sheet, {(4, head[0]): "2026-12-04", (4, head[1]): "T100-BK-M",
                                                        (4, head[2]): 2, (4, head[3]): "小李"})
    r = shopbook("stocktake", "post", folder, "--date", "2026-12-04", "--zero-uncounted")
    assert flat("T100-BK-M 应调 +0，已调 -2，补记 +2" if lang == "zh" else
                "T100-BK-M should be +0, -2 posted, now +2") in flat(r.stdout), r.stdout
    assert "S300-WH-F应调" not in flat(r.stdout) and "S300-WH-Fshouldbe" not in flat(r.stdout), r.stdout
