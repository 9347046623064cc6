"""Stocktake's long lists on the demo shop (zh and en): the differences and warnings `stocktake
post` prints and its 盘点过账 button shows are cut, saying how many more and where, and the SKUs
nobody counted are named, most on hand first, with what to do. (Apart from test_stock.py, whose
hand-worked shop is small: these read and write the demo's year, and a file of their own runs
beside the others.)"""

from __future__ import annotations

import datetime as dt
import json

from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK, Movement, Product, StocktakeCount

from cli_run import type_in


def test_stocktake_post_cuts_a_long_list_saying_where_the_rest_are(tmp_path):
    """`stocktake post` on the demo printed all 131 "moved after the count date" warnings, and the
    盘点过账 button put them all in one message box. Now the screen shows the first 30 and the box
    the first 10, each saying how many more and the command that lists them all. (Each count one over the book:
    that warning is said of a count that differs, 6 of the demo's own.)"""
    import shutil

    import python_calamine
    import xml_cells
    from demo_shop import demo_copy
    from shopbook import xl
    from xlfake import FakeBook

    folder = demo_copy(tmp_path / "demo")
    wb = python_calamine.CalamineWorkbook.from_path(str(folder / "stock.xlsx"))
    rows = wb.get_sheet_by_name("盘点").to_python()
    wb.close()
    col = rows[0].index("实盘数量")
    assert xml_cells.set_cells(folder / "stock.xlsx", {"盘点": {(r, col + 1): int(row[col]) + 1 for r, row in
                                                             enumerate(rows[1:], start=2) if row[col] != ""}})
    shutil.copytree(folder, tmp_path / "twin")
    r = CliRunner().invoke(app, ["stocktake", "post", str(folder), "--date", "2026-11-18", "--dry-run", "--json"])
    assert r.exit_code == 0, r.output
    warnings = json.loads(r.output)["warnings"]
    assert len(warnings) > 40 and sum("盘点日之后有出入库" in w["zh"] for w in warnings) > 40
    r = CliRunner().invoke(app, ["stocktake", "post", str(folder), "--date", "2026-11-18"])
    assert r.exit_code == 0 and "条调整已写入 stock.xlsx" in r.output, r.output
    lines = r.output.splitlines()
    assert sum(ln.startswith("  ! ") for ln in lines) == 30, r.output
    more = f"… 还有 {len(warnings) - 30} 条提醒；shopbook stocktake post 店铺 --date 2026-11-18 --dry-run --json 列出全部"
    assert more in " ".join(r.output.split()), r.output
    again = CliRunner().invoke(app, ["stocktake", "post", str(folder), "--date", "2026-11-18", "--dry-run", "--json"])
    assert json.loads(again.output)["warnings"] == warnings  # where the rest are, after the posting too
    book = FakeBook(tmp_path / "twin" / "stock.xlsx")
    xl.stocktake_post(book)
    said = book.app.alerts[-1]["prompt"]
    assert "盘点已过账" in said and sum(ln.startswith("! ") and not ln.startswith("! 未盘")
                                    for ln in said.splitlines()) == 10, said
    # (the rest in Excel: the whole list written to reports/, tests/test_excel_stocktake_post_listed.py)
    listed = next((tmp_path / "twin" / "reports").glob("盘点清单-2026-11-18-*.csv"))
    assert f"… 还有 {len(warnings) - 10} 条提醒；全部列在 {listed}" in said, said


def _drop_counts(path, sheet: str, keep) -> list[str]:
    """Clear the count rows whose SKU `keep` refuses, as a person selects them and presses Delete
    (as if nobody counted them); the SKUs dropped. Only those cells change (tests/xml_cells:
    openpyxl took 5 s to load and save the demo's year of stock for it)."""
    import python_calamine

    import xml_cells

    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    rows = wb.get_sheet_by_name(sheet).to_python()
    wb.close()
    dropped = {r: row[1] for r, row in enumerate(rows[1:], start=2) if row[1] and not keep(row[1])}
    assert xml_cells.set_cells(path, {sheet: {(r, c): None for r in dropped for c in range(1, len(rows[0]) + 1)}})
    return sorted(set(dropped.values()))


def _delisted_in_stock(data, day: dt.date) -> dict[str, int]:
    """The delisted SKUs the book (stock.xlsx as read: `data`) holds stock of on `day` (the demo's count left
    them out), with it."""
    from shopbook.schema import ProductStatus
    from shopbook.stock.levels import on_hand

    book = on_hand(data.rows(Product), data.rows(Movement), day)
    return {p.sku: book[p.sku] for p in data.rows(Product) if p.status is ProductStatus.DELISTED and book[p.sku]}


def test_stocktake_post_names_the_skus_nobody_counted(tmp_path, monkeypatch):
    """`stocktake post` said only 未盘 N SKU: not which, so the staff could not go and count them.
    Now it lists them, most on hand first (one the book says has 69 before one at 0), with name,
    colour, size and bin, and says what to do: count them and post, or --zero-uncounted only if all
    are gone; --json carries each with its book quantity."""
    import shopbook.cli
    from demo_shop import demo_copy
    from shopbook.stock.levels import on_hand

    monkeypatch.setattr(shopbook.cli.out, "width", 400)
    folder = demo_copy(tmp_path / "demo", "zh")
    missed = {"SH2605-BG-S", "TS2601-NV-L", "TS2603-GY-M"}
    assert _drop_counts(folder / "stock.xlsx", "盘点", lambda s: s not in missed) == sorted(missed)
    # the delisted SKUs still holding stock are to count too: counted here at their book figure
    data = read_workbook(folder / "stock.xlsx", STOCK)  # (read once for both: the file is not changed between)
    delisted = _delisted_in_stock(data, dt.date(2026, 11, 18))
    assert len(delisted) == 4  # the demo as this test needs it
    end = max(c.row for c in data.rows(StocktakeCount))
    type_in(folder / "stock.xlsx", "盘点", {(end + i, h): v for i, (sku, q) in enumerate(delisted.items(), start=1)
                                           for h, v in (("日期", dt.date(2026, 11, 18)), ("商家编码", sku),
                                                        ("实盘数量", q), ("盘点人", "小王"))})
    data = read_workbook(folder / "stock.xlsx", STOCK)
    book = on_hand(data.rows(Product), data.rows(Movement), dt.date(2026, 11, 18))
    assert book["TS2601-NV-L"] > book["TS2603-GY-M"] > book["SH2605-BG-S"] == 0  # the demo as this test needs it
    r = CliRunner().invoke(app, ["stocktake", "post", str(folder), "--date", "2026-11-18", "--dry-run", "--json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    assert doc["uncounted"] == ["TS2601-NV-L", "TS2603-GY-M", "SH2605-BG-S"]
    assert doc["uncounted_lines"][0] == {"sku": "TS2601-NV-L", "name": "纯棉圆领T恤", "colour": "藏青", "size": "L",
                                         "bin": "A-01-3", "book": book["TS2601-NV-L"]}
    r = CliRunner().invoke(app, ["stocktake", "post", str(folder), "--date", "2026-11-18", "--dry-run"])
    assert r.exit_code == 0, r.output
    lines = [ln.strip() for ln in r.output.splitlines()]
    at = lines.index("! 未盘 3 个 SKU（账面数多的在前）：")
    assert lines[at + 1] == f"TS2601-NV-L        账面 {book['TS2601-NV-L']:>5}  纯棉圆领T恤 藏青 L  库位 A-01-3"
    assert lines[at + 2].startswith(f"TS2603-GY-M        账面 {book['TS2603-GY-M']:>5}  ")
    assert lines[at + 3].startswith("SH2605-BG-S        账面     0  ")
    assert lines[at + 4] == ("去数这些 SKU，把实盘数量填进 stock.xlsx 的“盘点”表（日期填 2026-11-18），再过账："
                             "shopbook stocktake post 店铺 --date 2026-11-18 · 按钮 盘点过账（已过账的不会重复记）")
    assert lines[at + 5] == ("确实全都没货了，才用 shopbook stocktake post 店铺 --date 2026-11-18 --zero-uncounted："
                             "未盘的全部按实盘 0 计，账面数记为盘亏")
    assert "not counted" not in r.output
    r = CliRunner().invoke(app, ["stocktake", "post", str(folder), "--date", "2026-11-18", "--dry-run",
                                 "--zero-uncounted"])
    assert "--zero-uncounted：以上按实盘 0 计，账面数记为盘亏（账面为 0 的不调整）" in r.output, r.output
    assert "确实全都没货了" not in r.output  # (the 盘点过账 button's list: the English test below)


def test_an_english_shop_s_long_uncounted_list_is_cut_saying_how_many_more(tmp_path, monkeypatch):
    """Half the count left out: the screen lists the first 30 uncounted SKUs and the message box the
    first 10, each saying how many more and the command whose --json lists them all, in English; the
    box is the loud one, goods the book says are there being uncounted."""
    import shutil

    import shopbook.cli
    from demo_shop import demo_copy
    from shopbook import xl
    from xlfake import FakeBook

    monkeypatch.setattr(shopbook.cli.out, "width", 400)
    folder = demo_copy(tmp_path / "demo", "en")
    missed = _drop_counts(folder / "stock.xlsx", "Stocktake", lambda s: not s.startswith(("TS", "SH")))
    assert len(missed) > 40
    shutil.copytree(folder, tmp_path / "twin")
    r = CliRunner().invoke(app, ["stocktake", "post", str(folder), "--date", "2026-11-18", "--dry-run", "--json"])
    doc = json.loads(r.output)
    delisted = _delisted_in_stock(read_workbook(folder / "stock.xlsx", STOCK), dt.date(2026, 11, 18))
    missed = sorted(missed + list(delisted))  # (as ever)
    assert sorted(doc["uncounted"]) == missed and len(doc["uncounted_lines"]) == len(missed)
    books = [u["book"] for u in doc["uncounted_lines"]]
    assert books == sorted(books, key=abs, reverse=True) and books[0] > 0
    r = CliRunner().invoke(app, ["stocktake", "post", str(folder), "--date", "2026-11-18", "--dry-run"])
    assert r.exit_code == 0, r.output
    lines = [ln.strip() for ln in r.output.splitlines()]
    at = lines.index(f"! {len(missed)} SKUs not counted (most on hand first):")
    first = doc["uncounted_lines"][0]
    assert lines[at + 1].startswith(f"{first['sku']:<18} book {first['book']:>5}  {first['name']} {first['colour']}")
    assert [ln.split()[0] for ln in lines[at + 1:at + 31]] == doc["uncounted"][:30]
    assert lines[at + 31] == (f"… and {len(missed) - 30} more SKUs; shopbook stocktake post SHOP --date 2026-11-18 "
                              "--dry-run --json lists them all")
    assert lines[at + 32] == ("count them, type the counts into the Stocktake sheet of stock.xlsx dated 2026-11-18, "
                              "then post: shopbook stocktake post SHOP --date 2026-11-18 · button Post stocktake "
                              "(what was posted already is not posted twice)")
    assert lines[at + 33] == ("only if they are all really gone: shopbook stocktake post SHOP --date 2026-11-18 "
                              "--zero-uncounted counts every one of them as 0, its book quantity a loss")
    assert "未盘" not in r.output and "uncounted: " in r.output
    book = FakeBook(tmp_path / "twin" / "stock.xlsx")
    xl.stocktake_post(book)
    assert book.app.alerts[-1]["mode"] == "critical"
    said = [ln.strip() for ln in book.app.alerts[-1]["prompt"].splitlines()]
    at = said.index(f"! {len(missed)} SKUs not counted (most on hand first):")
    assert [ln.split()[0] for ln in said[at + 1:at + 11]] == doc["uncounted"][:10]
    listed = next((tmp_path / "twin" / "reports").glob("stocktake-list-2026-11-18-*.csv"))
    assert said[at + 11] == f"… and {len(missed) - 10} more SKUs; all of them are listed in {listed}"
    assert not any("未盘" in s for s in said)
