"""QA: a shop of a few products (a new shop, a week's review) saw its best seller listed among its
worst too: 畅销与滞销 took the 10 that sold most and the 10 that sold least, so with 4 products each was
both, SHIRT at ¥900.00 top of 畅销 and bottom of 滞销 alike (and --json's best and worst the same).
Now 滞销 is of the products not among the best, and says so where that leaves none."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl

from shopbook.report.monthly import make_review
from shopbook.schema import ORDERS, STOCK, OrderLine, Product
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook


def shop_of(folder, skus: dict[str, int]):
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku=k, name=k, cost=D(10), price=D(100), opening_qty=100) for k in skus]}, keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        OrderLine(order_no=f"N{i}", platform="淘宝", buyer=f"b{i}", receiver="张三", phone="13800000000",
                  address="浙江省 杭州市 西湖区 文三路 1 号", sku=k, qty=q, unit_price=D(100), status="已签收",
                  paid_at=dt.datetime(2026, 10, 5, 10)) for i, (k, q) in enumerate(skus.items()) if q]},
        keep_backup=False)
    return open_shop(folder)


def columns(path) -> tuple[list, list]:
    rows = list(openpyxl.load_workbook(path)["畅销与滞销"].iter_rows(min_row=2, values_only=True))
    return [r[0] for r in rows if r[0]], [r[3] for r in rows if r[3]]


def test_a_best_seller_is_not_also_a_worst_seller(tmp_path):
    rev, path, _ = make_review(shop_of(tmp_path / "a", {"SHIRT": 9, "DRESS": 5, "SKIRT": 2, "HAT": 0}),
                               "monthly", "2026-10")
    best, worst = columns(path)
    assert best == ["SHIRT", "DRESS", "SKIRT"] and worst == ["HAT"], (best, worst)
    assert rev.to_json()["worst"] == ["HAT"]
    # every product sold, each among the best: 滞销 says there is none, not a blank
    _, path, _ = make_review(shop_of(tmp_path / "b", {"SHIRT": 9, "DRESS": 5}), "monthly", "2026-10")
    best, worst = columns(path)
    assert best == ["SHIRT", "DRESS"] and worst == ["没有：每个商品都在畅销里"], (best, worst)
