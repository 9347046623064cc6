"""The seeds' 主推款 rule is of the style: 需要定位选择2个款式作为主推款式，平时库存应该保证控制在现货30-50个以上
(DOMAIN: the main products, usually 2 styles, keep 30–50 units on hand). A main T-shirt in four sizes
holding 40 between them was alerted four times and reordered 80 more; now a main style under the
minimum has each SKU filled to its share, and a style holding it is left alone (alerts, SB_REORDER_QTY)."""

from __future__ import annotations

from test_stock import TODAY
from test_stock_checks import item, new_shop

from shopbook.functions import reorder_qty
from shopbook.stock import workflow as W


def test_a_main_style_keeps_its_minimum_between_its_skus(tmp_path):
    sizes = ("S", "M", "L", "XL")
    s = new_shop(tmp_path, [item(f"OK-{z}", 10, style="OK", size=z, main=True) for z in sizes]
                 + [item(f"LOW-{z}", 5, style="LOW", size=z, main=True) for z in sizes]
                 + [item("SOLO", 12, main=True)])
    got = {a.sku: a for a in W.stock_alerts(s, TODAY)}
    assert not any(k.startswith("OK-") for k in got)  # 40 on hand across the style: its 30 are there
    low = [got[f"LOW-{z}"] for z in sizes]  # 20 across the style: each SKU filled to 30 ÷ 4 → 8
    assert [a.reorder_qty for a in low] == [3, 3, 3, 3]
    assert low[0].reasons == [("主推款 LOW 共 20 件 < 30（4 个 SKU，每个补到 8）",
                               "main style LOW: 20 on hand < 30 (4 SKUs, each filled to 8)")]
    assert got["SOLO"].reorder_qty == 18 and got["SOLO"].reasons == [("主推款库存 12 < 30", "main item: 12 on hand < 30")]
    # the cell function orders what the alerts order
    assert [reorder_qty(k, s.folder, TODAY) for k in ("OK-S", "LOW-S", "SOLO")] == [0, 3, 18]
