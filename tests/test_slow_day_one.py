"""Opening stock with no sale yet is not "never sold: delist or clear" in a shop whose books (the first
movement) began less than the slow-mover window ago: on day one every SKU was."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D
from pathlib import Path

from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import STOCK, Movement, Product
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook

TODAY = dt.date.today()


def _shop(tmp_path: Path, began_days_ago: int | None) -> Path:
    folder = tmp_path / "shop"
    init_shop(folder)
    first = [Movement(date=TODAY - dt.timedelta(days=began_days_ago), sku="P2", type="入库", qty=5)] \
        if began_days_ago is not None else []
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="P1", name="衬衫", cost=D(30), price=D(99), opening_qty=20),
                  Product(sku="P2", name="裤子", cost=D(40), price=D(129))],
        Movement: first}, keep_backup=False)
    return folder


def _slow(folder: Path) -> list[tuple[str, object]]:
    r = CliRunner().invoke(app, ["stock", "slow", str(folder), "--json"])
    assert r.exit_code == 0, r.output
    return [(s["sku"], s["days_since_sale"]) for s in json.loads(r.stdout)["slow"]]


def test_a_new_shop_s_opening_stock_is_not_never_sold(tmp_path):
    assert _slow(_shop(tmp_path, None)) == []  # books begun today, no movement yet
    r = CliRunner().invoke(app, ["selfcheck", str(tmp_path / "shop")])
    assert "从未售出" not in r.output


def test_books_younger_than_the_window_call_nothing_slow(tmp_path):
    assert _slow(_shop(tmp_path, 10)) == []


def test_books_older_than_the_window_call_unsold_opening_stock_never_sold(tmp_path):
    folder = _shop(tmp_path, 45)
    assert _slow(folder) == [("P1", None), ("P2", None)]
    r = CliRunner().invoke(app, ["selfcheck", str(folder)])
    assert "SKU P1 衬衫：从未售出，库存 20 件：考虑下架或清仓" in r.output
