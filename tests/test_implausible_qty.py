"""Absurd quantities (QA): 1000000000 in an order line, a stock movement or a stocktake count
passed validate without a word, and went on into 库存汇总 and the pick list. validate now
warns at each quantity of [stock] implausible_qty units or more (100000 unless shopbook.toml
says otherwise), located, in the shop's language; a warning, not an error: a shop of bolts may
mean it. Real workbooks, validate run as the console runs it."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from decimal import Decimal as D
from pathlib import Path


from shopbook.config import IMPLAUSIBLE_QTY
from shopbook.schema import ORDERS, STOCK, Movement, OrderLine, Product, StocktakeCount
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook
from cli_run import CJK, shopbook, type_in

DAY = dt.date(2026, 11, 20)
ABSURD = 1_000_000_000


def make_shop(tmp_path, lang: str = "zh") -> Path:
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku="A", name="衬衫", cost=D(20), price=D(60), opening_qty=10)],
        Movement: [Movement(date=DAY, sku="A", type="入库", qty=5), Movement(date=DAY, sku="A", type="调整", qty=-2, note="盘亏"),
                   Movement(date=DAY, sku="A", type="入库", qty=IMPLAUSIBLE_QTY - 1)],  # big, but below the line
        StocktakeCount: [StocktakeCount(date=DAY, sku="A", counted=13)]}, keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: [
        OrderLine(order_no="T1", receiver="王", phone="13800000000", address="浙江省 杭州市 西湖区 文三路 1 号", sku="A",
                  qty=1, unit_price=D(60), status="待审核")]}, keep_backup=False)
    return folder


def test_absurd_quantities_are_located_warnings(tmp_path):
    shop = make_shop(tmp_path)
    assert shopbook("validate", shop).returncode == 0  # clean before: 99999 units is no warning
    type_in(shop / "orders.xlsx", "订单", {(2, "数量"): ABSURD})
    type_in(shop / "stock.xlsx", "出入库", {(2, "数量"): ABSURD, (3, "数量"): -ABSURD})  # an adjustment, negative
    type_in(shop / "stock.xlsx", "盘点", {(2, "实盘数量"): ABSURD})
    r = shopbook("validate", shop, "--json")
    assert r.returncode == 0, r.stderr  # warnings: the run is not stopped
    found = [i for i in json.loads(r.stdout) if "implausible_qty" in i["message_zh"]]
    assert sorted((i["book"], i["sheet"], i["column"], i["row"], i["value"], i["severity"]) for i in found) == [
        ("orders.xlsx", "订单", "数量", 2, "1000000000", "warning"),
        ("stock.xlsx", "出入库", "数量", 2, "1000000000", "warning"),
        ("stock.xlsx", "出入库", "数量", 3, "-1000000000", "warning"),
        ("stock.xlsx", "盘点", "实盘数量", 2, "1000000000", "warning")]
    i = found[0]
    assert re.fullmatch(r"[A-Z]+2", i["cell"])
    assert i["message_zh"].startswith("数量 1,000,000,000 大得不像真的（100,000 件以上）：是不是多打了 0")
    assert "请核对" in i["message_zh"]
    r = shopbook("validate", shop)  # on screen: the Chinese shop's words alone
    out = "".join(r.stdout.split())
    assert r.returncode == 0 and out.count("大得不像真的") == 4 and "implausibly" not in r.stdout, r.stdout


def test_the_limit_is_a_shopbook_toml_setting(tmp_path):
    shop = make_shop(tmp_path, "en")
    toml = shop / "shopbook.toml"
    text = toml.read_text(encoding="utf-8")
    assert f"implausible_qty = {IMPLAUSIBLE_QTY}" in text  # a new shop's file lists it
    type_in(shop / "orders.xlsx", "Orders", {(2, "qty"): 60})
    toml.write_text(text.replace(f"implausible_qty = {IMPLAUSIBLE_QTY}", "implausible_qty = 50"), encoding="utf-8")
    r = shopbook("validate", shop)
    said = [ln.strip() for ln in r.stdout.splitlines() if ln.startswith("    ")]
    # 60 on the order line, 99999 on the third movement: over a limit of 50
    assert r.returncode == 0 and len(said) == 2 and all("implausibly large (50 or more)" in s for s in said), r.stdout
    assert not [s for s in said if CJK.search(s)]
    toml.write_text(text.replace(f"implausible_qty = {IMPLAUSIBLE_QTY}", "implausible_qty = 0"), encoding="utf-8")
    r = shopbook("validate", shop)
    said = r.stdout + r.stderr  # the settings' error among validate's problems (every one at once)
    assert r.returncode == 2 and "implausible_qty" in said and "Traceback" not in said, said


def test_a_big_sheet_under_the_limit_is_settled_in_one_pass():
    """validate runs over 100k-row sheets: the column's largest decides, rows are looked at only
    when one is over the limit."""
    from shopbook.validate.rules import check_implausible

    rows = [Movement.model_construct(date=DAY, sku="A", type="入库", qty=k % 97 + 1, row=k) for k in range(200_000)]
    start = time.perf_counter()
    assert check_implausible(rows, "qty", IMPLAUSIBLE_QTY) == []
    took = time.perf_counter() - start
    rows[123_456] = Movement.model_construct(date=DAY, sku="A", type="入库", qty=ABSURD, row=123_456)
    [w] = check_implausible(rows, "qty", IMPLAUSIBLE_QTY)
    assert (w.row, w.severity, w.value) == (123_456, "warning", "1000000000")
    assert took < 0.5  # one pass at C speed: about 20 ms here
