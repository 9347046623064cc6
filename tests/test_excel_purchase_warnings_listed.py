"""The 采购建议 button cut its warnings at 10 and said "… 还有 2 条提醒；shopbook purchase suggest 列出全部": a command to a
person in Excel, and an untrue one, for once the button has written the drafts `shopbook purchase suggest` orders
nothing and lists none of them. A cut list is written whole as a CSV in reports/ (as the 导入订单 button's 导入清单),
each warning where it is and what it says, in the shop's language, and the box names that file."""

from __future__ import annotations

import csv
from decimal import Decimal as D

import pytest
from xlfake import FakeBook

from shopbook import xl


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_purchase_buttons_cut_warnings_are_listed_whole_in_reports(tmp_path, lang):
    from shopbook.schema import STOCK, Product
    from shopbook.shop import init_shop
    from shopbook.workbook_builder import write_workbook

    folder = tmp_path / "shop"
    init_shop(folder, lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {Product: [  # 12 suppliers none of which is on the sheet
        Product(sku=f"SKU-{i:02d}", name="衬衫", cost=D(20), price=D(60), opening_qty=0, safety_stock=5,
                supplier=f"厂{i:02d}") for i in range(12)]}, keep_backup=False)
    book = FakeBook(folder / "stock.xlsx")
    xl.purchase_suggest(book)
    box = book.app.alerts[-1]["prompt"]
    assert "shopbook purchase suggest" not in box, box
    last = box.splitlines()[-1]
    listed = sorted((folder / "reports").glob("采购提醒-*.csv" if lang == "zh" else "purchase-warnings-*.csv"))
    assert len(listed) == 1, list((folder / "reports").iterdir())
    assert last == (f"  … 还有 2 条提醒；全部列在 {listed[0]}" if lang == "zh" else
                    f"  … and 2 more warnings; all of them are listed in {listed[0]}"), box
    with listed[0].open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == (["位置", "说明"] if lang == "zh" else ["Where", "What"]), rows
    assert len(rows) == 13, rows
    said = " ".join(r[1] for r in rows[1:])
    for i in range(12):  # every supplier's warning, the two the box left out too
        assert f"厂{i:02d}" in said, (i, rows)
    shown = [ln for ln in box.splitlines() if ln.startswith("! ")]
    for r in rows[1:]:  # each at its cell, as the box says those it shows
        assert r[0].startswith("stock.xlsx › " + ("商品" if lang == "zh" else "Products") + " › "), r
    assert all(any(r[0] in ln and r[1] in ln for r in rows[1:]) for ln in shown[-10:]), (shown, rows)
