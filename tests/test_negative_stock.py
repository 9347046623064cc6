"""QA: a book stock below zero was taken as a figure. An adjustment typed −400 for −4 left a
jacket at −360 on hand: validate said 0 warnings, `stock summary` printed ✓ with a stock value of
¥-28,240.00 (the −360 at ¥80 netted off the rest) and `purchase suggest` drafted 390 jackets.
Now validate warns at the movement from which each product stays below zero (the −400, or the
出库 that oversold), and the summary says which SKUs are below zero with ! (the 库存汇总
button's box is a problem box), not ✓."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import openpyxl
import pytest

from cli_run import CJK, flat, shopbook
from shopbook.schema import Movement, Product

D = dt.date(2026, 11, 23)


@pytest.fixture
def shop(stock_shop):
    P = Product
    return stock_shop({
        Product: [P(sku="JK", name="夹克", cost=Decimal(80), price=Decimal(199), opening_qty=40, status="在售"),
                  P(sku="TS", name="T恤", cost=Decimal(20), price=Decimal(50), opening_qty=10, status="在售"),
                  P(sku="OK", name="裤子", cost=Decimal(30), price=Decimal(90), opening_qty=5, status="在售")],
        Movement: [Movement(date=D, sku="TS", type="出库", qty=4, ref="O1"),
                   Movement(date=D, sku="JK", type="调整", qty=-400, ref="盘点"),  # −4 typed with two zeros
                   Movement(date=D, sku="OK", type="出库", qty=9, ref="O2"),  # oversold, then received
                   Movement(date=D + dt.timedelta(days=1), sku="TS", type="出库", qty=9, ref="O3"),
                   Movement(date=D + dt.timedelta(days=2), sku="OK", type="入库", qty=10, ref="CG1")],
    })


def test_validate_warns_at_the_row_from_which_stock_is_below_zero(shop):
    folder, lang = shop
    r = shopbook("validate", folder, "--json")
    said = {i["cell"]: i for i in json.loads(r.stdout) if i["sheet"] in ("出入库", "Movements")}
    assert set(said) == {"D3", "D5"}, said  # the −400, and TS's second 出库; OK came back above zero
    jk, ts = said["D3"], said["D5"]
    assert jk["severity"] == ts["severity"] == "warning"
    assert jk["message_zh"].startswith("JK 的账面库存是 -360（负数），从这一行（调整 -400）起变成负数")
    assert jk["message_en"].startswith("JK's book stock is -360 (below zero) from this row on (adjust -400)")
    assert ts["message_en"].startswith("TS's book stock is -3 (below zero) from this row on (out 9)")
    assert not CJK.search(jk["message_en"])


def test_the_summary_says_which_skus_are_below_zero_not_a_tick(shop):
    folder, lang = shop
    r = shopbook("stock", "summary", folder)
    text = flat(r.stdout)
    assert r.stdout.startswith("! ") and "✓" not in r.stdout
    if lang == "zh":
        assert flat("2 个 SKU 库存为负数（JK -360、TS -3），库存金额因此偏低") in text
    else:
        assert flat("2 SKUs below zero (JK -360, TS -3), which understates the value") in text
        assert not CJK.search(r.stdout)
    ws = openpyxl.load_workbook(folder / "stock.xlsx")["库存汇总" if lang == "zh" else "Stock summary"]
    assert {row[0]: row[5] for row in ws.iter_rows(min_row=2, max_row=4, values_only=True)} == \
        {"JK": -360, "TS": -3, "OK": 6}  # the figures themselves are as the book has them
