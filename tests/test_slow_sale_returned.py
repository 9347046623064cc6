"""QA (returns): `stock slow`, the self-check and 库存汇总's 最后销售 took a sale whose goods came back for a sale: a shirt sold
10 days ago and returned 5 days ago was no slow mover (last sale 10 days ago). A 退货 now takes back the
latest units sold before it, as the sales rate counts returns back: listed, with the sale before it, or
卖出的都退回了 when none is left."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D

from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import STOCK, Movement, Product
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook

TODAY = dt.date.today()


def move(days_ago: int, sku: str, kind: str, qty: int = 1) -> Movement:
    return Movement(date=TODAY - dt.timedelta(days=days_ago), sku=sku, type=kind, qty=qty, ref=f"O-{sku}-{days_ago}")


def test_a_sale_that_came_back_is_no_sale(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku=f"P{k}", name="衬衫", cost=D(30), price=D(99), opening_qty=20) for k in (1, 2, 3, 4)],
        Movement: [move(60, "P1", "入库", 5),
                   move(40, "P1", "出库"), move(10, "P1", "出库"), move(5, "P1", "退货"),  # the sale before stands
                   move(10, "P2", "出库"), move(5, "P2", "退货"),  # its one sale came back
                   move(40, "P3", "出库"), move(30, "P3", "退货"), move(3, "P3", "出库"),  # sold since: not slow
                   move(10, "P4", "出库", 2), move(5, "P4", "退货")]}, keep_backup=False)  # one of two kept
    runner = CliRunner()
    r = runner.invoke(app, ["stock", "slow", str(folder), "--json"])
    assert r.exit_code == 0, r.output
    got = {s["sku"]: (s["days_since_sale"], s["returned"]) for s in json.loads(r.stdout)["slow"]}
    assert got == {"P1": (40, True), "P2": (None, True)}, got
    r = runner.invoke(app, ["stock", "slow", str(folder)])
    assert "40 天（之后卖出的都退回了）" in r.output and "卖出的都退回了" in r.output.split("P2")[1], r.output
    # 库存汇总's 最后销售 the same way
    r = runner.invoke(app, ["stock", "summary", str(folder), "--json"])
    assert r.exit_code == 0, r.output
    last = {x["sku"]: x["last_sale"] for x in json.loads(r.stdout)}
    day = lambda n: str(TODAY - dt.timedelta(days=n))
    assert last == {"P1": day(40), "P2": None, "P3": day(3), "P4": day(10)}, last
