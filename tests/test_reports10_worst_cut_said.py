"""The review's 畅销与滞销 sheet listed ten products under 滞销, the first ten by SKU of those that sold
nothing, and no word that 25 more sold nothing too: the owner read ten slow movers. Now a line under the
list says how many more sold nothing and where they all are."""

from __future__ import annotations

from decimal import Decimal as D

import openpyxl
from test_daily import demo_like_shop

from shopbook.report.monthly import build_review, write_review
from shopbook.schema import STOCK, Product
from shopbook.workbook_builder import write_workbook


def test_the_worst_sellers_cut_says_how_many_more_sold_nothing(tmp_path, monkeypatch):
    import io

    from PIL import Image

    from shopbook.report import charts

    png = io.BytesIO()
    Image.new("RGB", (1, 1)).save(png, "PNG")
    for name in ("trend_chart", "bar_chart"):  # (the sheet is what is read: a dot for each chart)
        monkeypatch.setattr(charts, name, lambda *a, **k: png.getvalue())
    shop = demo_like_shop(tmp_path)  # (its one order is of S, held: nothing sold)
    write_workbook(shop.folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku=f"P{k:02d}", name="衬衫", cost=D(20), price=D(60), opening_qty=5) for k in range(35)]},
        keep_backup=False)
    rev = build_review(shop, "weekly", "2026-W47")
    path, _ = write_review(shop, rev)
    ws = openpyxl.load_workbook(path)["畅销与滞销"]
    worst = [r[3] for r in ws.iter_rows(min_row=2, values_only=True) if r[3]]
    assert worst[:10] == [f"P{k:02d}" for k in range(10)], worst
    assert worst[10:] == ["… 还有 25 个商品也没有卖出：全部见“商品销售”表（按销售额排在最后）"], worst
