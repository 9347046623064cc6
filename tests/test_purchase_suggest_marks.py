"""QA: `purchase suggest --write` with a product to reorder whose 商品 row names no 供应商 exited 1
(a person must look) and still printed ✓ beside each PO file and "✓ 草稿采购单已写入 stock.xlsx ›
采购", as if everything needing ordering was covered; the 采购建议 button, when only such products
were left, said "没有要采购的" (nothing to order). Now the POs written keep their paths with –, and
the last line says with ! how many products could not be ordered, which, and where to fill in their
supplier; ✗ when no PO could be written at all; ✓ only when every product to order got a draft PO.

The shop is test_purchasing's: 甲厂 gets A and B, 乙厂 gets G, E (大衣) has no supplier."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from typer.testing import CliRunner

from cli_run import flat, type_in
from shopbook import xl
from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.purchasing import workflow as W
from shopbook.schema import STOCK, Product, PurchaseLine
from test_purchasing import run_on_today
from test_purchasing import shop  # noqa: F401 (the fixture, asked for by name below)
from xlfake import FakeBook

runner = CliRunner()
LEFT = "1 个商品没有供应商，没有下单：E。请在 stock.xlsx 的“商品”表“供应商”列填上供应商，再运行一次"
LEFT_EN = ("1 product has no supplier and was not ordered: E. Fill in the supplier column of the Products sheet in "
           "stock.xlsx, then run it again")


@pytest.fixture
def po_shop(request, monkeypatch):
    """test_purchasing's shop, on 2026-11-22 (--write drafts only the clock's day's POs)."""
    run_on_today(monkeypatch)
    return request.getfixturevalue("shop")


pytestmark = pytest.mark.usefixtures("wide_console")  # one line a message, the path whole


def _suggest(shop, *more):
    return runner.invoke(app, ["purchase", "suggest", str(shop.folder), "--date", "2026-11-22", *more])


def _drafts(folder, what: str = "sku") -> list[tuple[str, str]]:
    return [(ln.po_no, getattr(ln, what)) for ln in read_workbook(folder / "stock.xlsx", STOCK).rows(PurchaseLine)
            if ln.status.value == "草稿"]


def test_a_product_with_no_supplier_takes_the_tick_off_the_pos_written(po_shop):
    shop = po_shop
    res = _suggest(shop, "--write")
    assert res.exit_code == 1, res.stdout
    lines = res.stdout.splitlines()
    docs = sorted((shop.folder / "reports").glob("采购单-*.xlsx"))
    assert [p.name for p in docs] == ["采购单-CG20261122-01-甲厂.xlsx", "采购单-CG20261122-02-乙厂.xlsx"]
    for p in docs:  # each PO written, named, without a ✓
        assert f"– {p}" in lines, res.stdout
    assert lines[-1] == f"! 草稿采购单 2 张已写入 stock.xlsx › 采购，采购单文件在 reports/；{LEFT}", res.stdout
    assert not [ln for ln in lines if ln.startswith("✓")], res.stdout
    assert _drafts(shop.folder) == [("CG20261122-01", "A"), ("CG20261122-01", "B"), ("CG20261122-02", "G")]

    # again: A, B and G are on order now; only E is left, and nothing can be written for it
    res = _suggest(shop, "--write")
    assert res.exit_code == 1 and res.stdout.splitlines()[-1] == f"✗ 没有写入草稿采购单：{LEFT}", res.stdout
    assert "✓" not in res.stdout and len(_drafts(shop.folder)) == 3
    # without --write: what cannot be ordered, and where to fill in its supplier
    res = _suggest(shop)
    assert res.exit_code == 1 and res.stdout.splitlines()[-1] == "! " + LEFT.replace("没有下单", "不能下单"), res.stdout
    data = json.loads(_suggest(shop, "--json").stdout)
    assert data["no_supplier"] == ["E"] and not data["written"]


def test_every_product_on_a_po_is_a_tick(po_shop):
    shop = po_shop
    row = next(p.row for p in read_workbook(shop.path(STOCK), STOCK).rows(Product) if p.sku == "E")
    type_in(shop.path(STOCK), "商品", {(row, "供应商"): "乙厂"})  # as the line said to
    res = _suggest(shop, "--write")
    assert res.exit_code == 0, res.stdout
    lines = res.stdout.splitlines()
    assert lines[-1] == "✓ 草稿采购单 2 张已写入 stock.xlsx › 采购，采购单文件在 reports/", res.stdout
    for p in (shop.folder / "reports").glob("采购单-*.xlsx"):
        assert f"✓ {p}" in lines, res.stdout
    assert ("CG20261122-02", "E") in _drafts(shop.folder)
    assert json.loads(_suggest(shop, "--json").stdout)["no_supplier"] == []


def test_the_library_says_it_in_english_too(po_shop):
    shop = po_shop
    res = W.purchase_suggest(shop, dt.date(2026, 11, 22), write_drafts=True)
    assert not res.whole and res.no_supplier == ["E"]
    assert [m for m, _, _ in res.documents_said()] == ["–", "–"]
    ((mark, _, en),) = res.said()
    assert mark == "!" and en == ("2 draft POs written to stock.xlsx › Purchases, the PO workbooks to reports/; "
                                  + LEFT_EN)
    again = W.purchase_suggest(shop, dt.date(2026, 11, 22), write_drafts=True)
    assert again.said() == [("✗", f"没有写入草稿采购单：{LEFT}", f"no draft PO written: {LEFT_EN}")]


def test_the_button_says_what_the_command_prints(po_shop, tmp_path):
    """采购建议 (today's date on both sides): the same last line, loudly; pressed again with only E
    left, not "nothing to order" but that nothing could be written, and why."""
    twin = tmp_path / "twin"
    shutil.copytree(po_shop.folder, twin)
    cli_res = runner.invoke(app, ["purchase", "suggest", str(twin), "--write"])
    assert cli_res.exit_code == 1
    book = FakeBook(po_shop.path(STOCK))
    xl.purchase_suggest(book)
    alert = book.app.alerts[-1]
    lines = alert["prompt"].splitlines()
    assert alert["mode"] == "critical" and "✓" not in alert["prompt"], alert
    assert lines[0] == cli_res.stdout.splitlines()[-1] and lines[0].startswith("! 草稿采购单 2 张已写入"), lines
    pos = dict.fromkeys(_drafts(po_shop.folder, "supplier"))  # each PO, with its supplier, once
    assert [ln.split("：")[0] for ln in lines[1:3]] == [f"{po} {s}" for po, s in pos] and len(pos) == 2, lines
    # then the warnings: E, with no supplier and no 补货周期, ordered for only cover_days of sales
    assert lines[3:] == ["! stock.xlsx › 商品 › L5：E 没有供应商，也没有填补货周期(天)：补货量只够卖 7 天（shopbook.toml 的 "
                         "cover_days）再加安全库存，没有算等货的天数，可能撑不到货到。请在“商品”表填上供应商（它的交货周期在供应商表），"
                         "或填补货周期(天)"], lines
    xl.purchase_suggest(book)
    alert = book.app.alerts[-1]
    head, *warned = alert["prompt"].splitlines()
    assert alert["mode"] == "critical" and head == f"✗ 没有写入草稿采购单：{LEFT}", alert
    assert [w.split("：")[0] for w in warned] == ["! stock.xlsx › 商品 › L5"]  # (E's quantity: cover_days alone)
    assert "没有要采购的" not in alert["prompt"]
    assert flat(head) in flat(runner.invoke(app, ["purchase", "suggest", str(twin), "--write"]).stdout)

