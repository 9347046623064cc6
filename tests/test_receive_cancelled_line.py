"""QA: goods delivered for a line of the PO that was cancelled (已取消) were refused as
'JK（不在采购单上）', with the advice to add them to the PO on the 采购 sheet: the same SKU twice on a
PO, which stops every purchasing command. Now the line says its PO line is cancelled, and the
advice is to return them, or set that line's status back to 已下单 and receive a file of just
those lines (which then posts them)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from decimal import Decimal

import pytest

from cli_run import CJK, flat, shopbook
from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK, Movement, Product, PurchaseLine
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_goods_on_a_cancelled_line_are_said_as_that(tmp_path, lang):
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku=s, name="Tee", cost=Decimal(20), price=Decimal(50), status="在售", supplier="Acme")
                  for s in ("TS", "JK")],
        PurchaseLine: [PurchaseLine(po_no="CG1", supplier="Acme", sku="TS", qty=20, unit_cost=Decimal(18),
                                    order_date=dt.date(2026, 11, 20), status="已下单"),
                       PurchaseLine(po_no="CG1", supplier="Acme", sku="JK", qty=5, unit_cost=Decimal(75),
                                    order_date=dt.date(2026, 11, 20), status="已取消")],
    }, keep_backup=False)
    count = tmp_path / "count.csv"
    count.write_text("TS,20\nJK,5\n", encoding="utf-8")
    twin = tmp_path / "twin"
    shutil.copytree(folder, twin)
    r = shopbook("purchase", "receive", folder, count, "--po", "CG1", "--date", "2026-12-01")
    text = flat(r.stdout)
    if lang == "zh":
        assert flat("✗ 第 2 行：JK（采购单上这一行已取消） × 5 没有入库") in text
        assert flat("把 stock.xlsx 的“采购”表里 CG1 它那一行的状态改回“已下单”") in text and "加进" not in r.stdout
    else:
        assert flat("✗ line 2: JK (its line of the PO is cancelled) × 5 not posted") in text
        assert flat("set the status of its line of CG1 on the Purchases sheet of stock.xlsx back to ordered") in text
        assert "add it to CG1" not in r.stdout and not CJK.search(r.stdout)
    r = shopbook("purchase", "receive", twin, count, "--po", "CG1", "--date", "2026-12-01", "--json")
    assert [(w["sku"], w["cancelled"]) for w in json.loads(r.stdout)["wrong_items"]] == [("JK", True)]
    assert [(m.sku, m.qty) for m in read_workbook(folder / "stock.xlsx", STOCK).rows(Movement)] == [("TS", 20)]
