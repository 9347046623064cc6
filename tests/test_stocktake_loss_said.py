"""QA: `stocktake post` said a loss with its word and a minus both: "盘亏 -1  ¥-20.00" on the SKU's
line, "盘亏 ¥-20.00" in the tally and the 盘点过账 button ("loss ¥-20.00" in English), which reads as a
loss of minus twenty, a gain. Now the word says which way: "盘亏 1  ¥20.00", "盘亏 ¥20.00", "loss ¥20.00";
--json keeps the signed numbers (diff −1, value −20.00, loss_value −20.00).

A: book 5, counted 4, cost ¥20 → 盘亏 1, ¥20.00. C: book 2, counted 3, cost ¥8 → 盘盈 1, ¥8.00.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from cli_run import flat, shopbook
from shopbook.schema import STOCK, Product, StocktakeCount
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook

DAY = dt.date(2026, 11, 28)


def counted_shop(tmp_path, lang):
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku="A", name="Shirt", cost=Decimal(20), price=Decimal(60), opening_qty=5, status="在售"),
                  Product(sku="C", name="Socks", cost=Decimal(8), price=Decimal(20), opening_qty=2, status="在售")],
        StocktakeCount: [StocktakeCount(date=DAY, sku="A", counted=4, counter="Ann"),
                         StocktakeCount(date=DAY, sku="C", counted=3, counter="Ann")],
    }, keep_backup=False)
    return folder


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_loss_is_said_by_its_word_without_a_minus(tmp_path, lang):
    folder = counted_shop(tmp_path, lang)
    r = shopbook("stocktake", "post", folder, "--date", DAY, "--dry-run")
    said = flat(r.stdout)
    assert "¥-" not in r.stdout and " -1 " not in r.stdout, r.stdout
    if lang == "zh":
        assert flat("盘亏 1  ¥20.00") in said and flat("盘盈 1  ¥8.00") in said
        assert flat("盘盈 ¥8.00  盘亏 ¥20.00") in said, r.stdout
    else:
        assert flat("loss 1  ¥20.00") in said and flat("gain 1  ¥8.00") in said
        assert flat("gain ¥8.00  loss ¥20.00") in said, r.stdout
    data = json.loads(shopbook("stocktake", "post", folder, "--date", DAY, "--dry-run", "--json").stdout)
    assert data["loss_value"] == "-20.00" and data["gain_value"] == "8.00"
    assert {x["sku"]: (x["diff"], x["value"]) for x in data["lines"]} == {"A": (-1, "-20.00"), "C": (1, "8.00")}


def test_the_button_says_the_loss_the_same_way(tmp_path):
    from shopbook import xl
    from xlfake import FakeBook

    folder = counted_shop(tmp_path, "zh")
    book = FakeBook(folder / "stock.xlsx")
    xl.stocktake_post(book=book)
    said = book.app.alerts[-1]["prompt"]
    assert "盘盈 ¥8.00，盘亏 ¥20.00" in said and "¥-" not in said, said


def test_zeroing_the_uncounted_says_a_book_below_zero_is_a_gain(tmp_path):
    """--zero-uncounted said 账面数记为盘亏 (its book quantity a loss) of B, 3 sold more than the book had
    (book −3), whose count of 0 it posts as 盘盈 3: the advice and the posting now say such a SKU is
    brought up to 0, a gain; with no SKU on the book above 0, no loss is said at all."""
    from shopbook.schema import Movement
    from shopbook.shop import open_shop
    from shopbook.stock.workflow import stocktake_listed, stocktake_post

    folder = tmp_path / "shop"
    init_shop(folder, "zh")
    products = [Product(sku="A", name="Shirt", cost=Decimal(20), price=Decimal(60), opening_qty=5, status="在售"),
                Product(sku="B", name="Tee", cost=Decimal(10), price=Decimal(30), opening_qty=0, status="在售"),
                Product(sku="C", name="Socks", cost=Decimal(8), price=Decimal(20), opening_qty=2, status="在售")]
    counts = [StocktakeCount(date=DAY, sku="A", counted=4, counter="Ann")]
    sold = [Movement(date=DAY - dt.timedelta(days=3), sku="B", type="出库", qty=3)]
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: products, Movement: sold, StocktakeCount: counts},
                   keep_backup=False)
    shop = open_shop(folder)

    def said(zero: bool) -> tuple[str, str]:
        plan = stocktake_post(shop, DAY, dry_run=True, zero_uncounted=zero, today=DAY)
        lines = stocktake_listed(plan)[2]
        return "\n".join(zh for _, zh, _ in lines), "\n".join(en for _, _, en in lines)

    zh, en = said(False)
    assert "未盘的全部按实盘 0 计，账面数记为盘亏，账面为负数的补到 0，记为盘盈" in zh, zh
    assert "counts every one of them as 0, its book quantity a loss, one below 0 brought up to 0, a gain" in en, en
    zh, en = said(True)
    assert "--zero-uncounted：以上按实盘 0 计，账面数记为盘亏，账面为负数的补到 0，记为盘盈（账面为 0 的不调整）" in zh, zh
    assert "these count as 0, their book quantity a loss, one below 0 brought up to 0, a gain (those at" in en, en
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: products[:2], Movement: sold, StocktakeCount: counts},
                   keep_backup=False)  # B alone uncounted: a gain, no loss
    zh, en = said(True)
    assert "以上按实盘 0 计，账面为负数的补到 0，记为盘盈（" in zh and "盘亏" not in zh, zh
    assert "these count as 0, one below 0 brought up to 0, a gain (" in en and "loss" not in en, en
