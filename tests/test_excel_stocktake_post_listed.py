"""The 盘点过账 button cut its lists (the SKUs nobody counted, what to check) at 10 and said where the rest are as the
command line does: "… 还有 1 个 SKU；shopbook stocktake post 店铺 --date 2026-12-06 --dry-run --json 列出全部", a command
whose answer is JSON, to a person in Excel. A list cut is written whole as a CSV in reports/ (as the 导入订单 button's
导入清单), each difference, SKU not counted and warning a row, in the shop's language, and the box names that file."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal as D

import pytest
from xlfake import FakeBook

from shopbook import xl


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_stocktake_buttons_cut_lists_are_listed_whole_in_reports(tmp_path, lang):
    from shopbook.schema import STOCK, Product, StocktakeCount
    from shopbook.shop import init_shop
    from shopbook.workbook_builder import write_workbook

    folder = tmp_path / "shop"
    init_shop(folder, lang)
    today = dt.date.today()
    write_workbook(folder / "stock.xlsx", STOCK, lang, {  # 12 SKUs on the book, one of them counted (one short)
        Product: [Product(sku=f"SKU-{i:02d}", name="衬衫", cost=D(20), price=D(60), opening_qty=5 + i)
                  for i in range(12)],
        StocktakeCount: [StocktakeCount(date=today, sku="SKU-00", counted=4)]}, keep_backup=False)
    book = FakeBook(folder / "stock.xlsx")
    xl.stocktake_post(book)
    box = book.app.alerts[-1]["prompt"]
    assert "--json" not in box and "--dry-run" not in box, box
    listed = sorted((folder / "reports").glob(f"{'盘点清单' if lang == 'zh' else 'stocktake-list'}-{today}-*.csv"))
    assert len(listed) == 1, list((folder / "reports").iterdir())
    assert (f"  … 还有 1 个 SKU；全部列在 {listed[0]}" if lang == "zh" else
            f"  … and 1 more SKU; all of them are listed in {listed[0]}") in box.splitlines(), box
    assert "SKU-01 " not in box and "SKU-11 " in box, box  # (most on hand first: SKU-01 the one cut)
    with listed[0].open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == (["标记", "内容"] if lang == "zh" else ["Mark", "What"]), rows
    text = "\n".join(r[1] for r in rows[1:])
    for i in range(1, 12):  # every SKU not counted, the one the box left out too
        assert f"SKU-{i:02d} " in text, (i, rows)
    assert any(r[1].startswith("SKU-00 ") and ("盘亏 1" if lang == "zh" else "loss 1") in r[1] for r in rows), rows
    assert not any("… " in r[1] for r in rows), rows  # whole, not cut
