"""Stock on wrong or awkward data, through real workbooks: what `validate` rejects stops
the stock commands; stocktake rows added after posting; main items, held orders and past
days in the alerts; the waiting list typed loosely; slow movers; supplies; count messages.
The shop of test_stock (today 2026-11-22) unless a test builds its own."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import openpyxl
import pytest

from shopbook.io.reader import read_workbook
from shopbook.issues import ShopbookError
from shopbook.schema import ORDERS, STOCK, Movement, OrderLine, Product
from shopbook.shop import init_shop, open_shop
from shopbook.stock import workflow as W
from shopbook.workbook_builder import write_workbook
from cli_run import CJK, type_in
from test_stock import TODAY, d, order, shop  # noqa: F401  (shop is the fixture)

D = Decimal


def append(path, sheet: str, rows: list[dict]) -> list[int]:
    """Rows typed into a sheet by header name, as a person would; their row numbers."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    heads = [c.value for c in ws[1]]
    at = []
    for row in rows:
        ws.append([row.get(h) for h in heads])
        at.append(ws.max_row)
    wb.save(path)
    return at


def new_shop(tmp_path, products, movements=(), lines=(), lang="zh", **more):
    folder = tmp_path / "own"
    init_shop(folder, lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {Product: products, Movement: list(movements), **more},
                   keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: list(lines)}, keep_backup=False)
    return open_shop(folder)


def item(sku, opening=10, **kw):
    return Product(sku=sku, name="T恤", cost=D(20), price=D(50), opening_qty=opening, **kw)


# 1 -------------------------------------------------------------------------------

def test_stock_commands_stop_on_what_validate_rejects(shop):
    path = shop.path(STOCK)
    append(path, "商品", [{"商家编码": "A", "名称": "重复", "成本价": 20, "售价": 60, "期初库存": 5}])
    append(path, "出入库", [{"日期": d("11-21"), "商家编码": "B", "类型": "出库", "数量": -3}])
    before = path.read_bytes()
    with pytest.raises(ShopbookError) as e:
        W.stock_summary(shop)
    assert "2 data errors" in e.value.en and "stock.xlsx › 商品 › A8" in e.value.en  # the duplicate's cell
    assert path.read_bytes() == before  # no 库存汇总 written from wrong data
    for run in (lambda: W.stock_alerts(shop, TODAY), lambda: W.slow_movers(shop, TODAY), lambda: W.waitlist(shop),
                lambda: W.stocktake_post(shop, d("11-21"), dry_run=True, today=TODAY)):
        with pytest.raises(ShopbookError):
            run()


def test_the_stock_checks_run_once_per_read_and_again_after_an_edit(shop, monkeypatch):
    """Within one job (read_cache: the daily job's steps share one read of stock.xlsx) the
    products and movements are checked once for all its stock steps; a later read of the
    edited workbook is checked anew and stops on the new error."""
    from shopbook.io.reader import read_cache

    calls = []
    real = W.check_movements
    monkeypatch.setattr(W, "check_movements", lambda ms: calls.append(1) or real(ms))
    with read_cache():
        W.stock_alerts(shop, TODAY)
        W.slow_movers(shop, TODAY)
        W.waitlist(shop)
        W.supplies(shop)
    assert len(calls) == 1
    append(shop.path(STOCK), "出入库", [{"日期": d("11-21"), "商家编码": "B", "类型": "出库", "数量": -3}])
    with pytest.raises(ShopbookError) as e:
        W.stock_alerts(shop, TODAY)
    assert len(calls) == 2 and "出入库" in e.value.zh


def test_unknown_sku_in_movements_stops_and_warnings_do_not(shop):
    path = shop.path(STOCK)
    append(path, "出入库", [{"日期": d("11-21"), "商家编码": "A", "类型": "调整", "数量": 0}])  # a warning only
    assert {r.sku: r.on_hand for r in W.stock_summary(shop)}["A"] == 10
    append(path, "出入库", [{"日期": d("11-21"), "商家编码": "NOPE", "类型": "入库", "数量": 3}])
    with pytest.raises(ShopbookError) as e:
        W.stock_summary(shop)
    assert "出入库 › B12" in e.value.zh and "NOPE" in e.value.zh


def test_a_bad_count_row_stops_only_the_stocktake(shop):
    append(shop.path(STOCK), "盘点", [{"日期": d("11-20"), "商家编码": "ZZZ", "实盘数量": 1, "盘点人": "张"}])
    assert W.stock_summary(shop)  # the counts are no part of on-hand
    with pytest.raises(ShopbookError) as e:
        W.stocktake_post(shop, d("11-21"), today=TODAY)
    assert "盘点 › B6" in e.value.zh and "ZZZ" in e.value.en



def test_a_count_typed_as_1e2_is_no_whole_number(shop):
    """QA: the text 1e2 in 实盘数量 passed validate and posted 100; 100 stored as a number still counts."""
    from shopbook.validate import validate_path

    at = append(shop.path(STOCK), "盘点", [{"日期": d("11-20"), "商家编码": "A", "实盘数量": "1e2", "盘点人": "张"},
                                         {"日期": d("11-20"), "商家编码": "B", "实盘数量": 100.0, "盘点人": "张"}])
    bad = [i for i in validate_path(shop.folder).issues if i.sheet == "盘点"]
    assert [(i.cell, i.severity) for i in bad] == [(f"C{at[0]}", "error")] and "1e2" in bad[0].message_zh
    with pytest.raises(ShopbookError) as e:
        W.stocktake_post(shop, d("11-20"), today=TODAY)
    assert f"盘点 › C{at[0]}" in e.value.zh and "应为整数" in e.value.zh


# 2 -------------------------------------------------------------------------------

def test_count_rows_added_after_posting_are_posted_as_the_difference(shop):
    first = W.stocktake_post(shop, d("11-21"), today=TODAY)  # C −1, E +1
    assert len(first.adjustments) == 2
    path = shop.path(STOCK)
    append(path, "盘点", [{"日期": d("11-21"), "商家编码": "A", "实盘数量": 3, "盘点人": "王", "备注": "二楼"},
                        {"日期": d("11-21"), "商家编码": "F", "实盘数量": 1, "盘点人": "王"}])
    wb = openpyxl.load_workbook(path)
    ws = wb["盘点"]
    ws["C5"] = 8  # E's count corrected from 9: the +1 posted is now 1 too many
    wb.save(path)
    again = W.stocktake_post(shop, d("11-21"), today=TODAY)
    assert not again.already_posted
    assert sorted((m.sku, m.qty) for m in again.adjustments) == [("A", 3), ("E", -1), ("F", -2)]
    assert any("only the difference is posted" in en and "E should be +0, +1 posted, now -1" in en
               for _, en in again.warnings)
    posted = [(m.sku, m.qty, m.note) for m in read_workbook(path, STOCK).rows(Movement) if m.ref == "盘点20261121"]
    assert ("A", 3, "盘盈（补记）") in posted and len(posted) == 5
    assert {r.sku: r.on_hand for r in W.stock_summary(shop)} == {"A": 13, "B": 0, "C": 28, "D": 5, "E": 8, "F": 1}
    third = W.stocktake_post(shop, d("11-21"), today=TODAY)
    assert third.already_posted and third.adjustments == []


# 3, 4, 5 -------------------------------------------------------------------------

def test_main_item_is_reordered_up_to_the_main_minimum(tmp_path):
    s = new_shop(tmp_path, [item("MAIN", 20, main=True, safety_stock=5), item("LOW", 3, safety_stock=5)])
    got = {a.sku: a for a in W.stock_alerts(s, TODAY)}
    assert got["MAIN"].reorder_qty == 30 - 20  # not 0: a main item keeps 30–50 on hand
    assert got["LOW"].reorder_qty == 5 - 3


def test_held_orders_count_by_status_and_short_sku_in_an_english_shop(tmp_path):
    lines = [order("H1", "B", 2, "held", "held: not enough stock: B needs 2, 1 available"),
             order("H1", "A", 1, "held", "held: not enough stock: B needs 2, 1 available"),
             order("H2", "A", 1, "held", "held: remote area"),
             order("H3", "B", 1, "held", "held: buyer message")]
    s = new_shop(tmp_path, [item("A", 10, safety_stock=2), item("B", 1, safety_stock=0)], lines=lines, lang="en")
    got = {a.sku: a for a in W.stock_alerts(s, TODAY)}
    assert list(got) == ["B"]  # A has plenty for its held lines: not waiting for stock
    b = got["B"]
    assert b.waiting == 2 and ("held orders need 3") in [en for _, en in b.reasons]
    assert b.reorder_qty == 3 - 1  # no sales, no safety stock: the held demand less what is there


def test_alerts_for_a_past_day_ignore_later_receipts(tmp_path):
    s = new_shop(tmp_path, [item("A", 0, safety_stock=5)],
                 [Movement(date=d("11-20"), sku="A", type="入库", qty=50)])
    past = W.stock_alerts(s, d("11-10"))
    assert [(a.sku, a.available, a.reasons[0][1]) for a in past] == [("A", 0, "out of stock")]
    assert W.stock_alerts(s, TODAY) == []


# 6 -------------------------------------------------------------------------------

def test_waitlist_matches_loosely_and_reports_entries_that_match_nothing(tmp_path):
    ps = [item(f"TS01-NV-{z}", style="TS01", colour="藏青", size=z) for z in ("M", "L")]
    s = new_shop(tmp_path, ps)
    rows = append(s.path(STOCK), "缺货登记", [
        {"登记日期": d("11-03"), "客户": "tb_a", "款号": "TS01", "颜色": "藏青", "尺码": "m"},
        {"登记日期": d("11-03"), "客户": "tb_b", "款号": "ts01", "颜色": "藏 青", "尺码": "Ｌ"},
        {"登记日期": d("11-03"), "客户": "tb_c", "款号": "TS01", "颜色": "藏青", "尺码": "XL"},
        {"登记日期": d("11-03"), "客户": "tb_d", "商家编码": "TS01-NV-S"},
        {"登记日期": d("11-03"), "客户": "tb_e", "款号": "TS02", "颜色": "藏青", "尺码": "M", "已通知": "是"}])
    calls = W.waitlist(s)
    assert [(c.customer, c.sku) for c in calls.calls] == [("tb_a", "TS01-NV-M"), ("tb_b", "TS01-NV-L")]
    assert [(i.severity, i.sheet, i.cell) for i in calls.warnings] == [("warning", "缺货登记", f"E{rows[2]}"),
                                                                       ("warning", "缺货登记", f"D{rows[3]}")]
    assert "tb_c" in calls.warnings[0].message_zh and "TS01 藏青 XL" in calls.warnings[0].message_en
    assert "TS01-NV-S" in calls.warnings[1].message_en


# 7 -------------------------------------------------------------------------------

def test_slow_movers_need_the_whole_window_in_stock(shop):
    append(shop.path(STOCK), "出入库", [{"日期": d("11-21"), "商家编码": "B", "类型": "入库", "数量": 5}])
    slow, _ = W.slow_movers(shop, TODAY)
    assert [s.sku for s in slow] == ["F", "E"]  # B came in yesterday: not slow, though never sold
    later, _ = W.slow_movers(shop, d("11-21") + dt.timedelta(days=30))
    assert "B" in [s.sku for s in later]


# 8 -------------------------------------------------------------------------------

def test_supplies_compare_the_exact_days_and_reject_a_negative_use(tmp_path):
    s = new_shop(tmp_path, [item("A")])
    append(s.path(STOCK), "耗材", [{"名称": "纸箱", "库存": 174, "日均用量": 25, "预警天数": 7},
                                 {"名称": "胶带", "库存": 1000, "日均用量": "0.3", "预警天数": 3}])
    got = {c.name: (c.days_left, c.low) for c in W.supplies(s)}
    assert got == {"纸箱": (D("6.9"), True), "胶带": (D("3333.3"), False)}  # 6.96 < 7: low
    row, = append(s.path(STOCK), "耗材", [{"名称": "面单", "库存": 10, "日均用量": -2, "预警天数": 3}])
    with pytest.raises(ShopbookError) as e:
        W.supplies(s)
    assert f"耗材 › C{row}" in e.value.zh and "negative" in e.value.en


# 9 -------------------------------------------------------------------------------

def test_stocktake_messages_are_located_and_name_blank_counters(shop):
    path = shop.path(STOCK)
    append(path, "盘点", [{"日期": d("11-19"), "商家编码": "B", "实盘数量": 7, "盘点人": "王"},
                        {"日期": d("11-19"), "商家编码": "B", "实盘数量": 7, "盘点人": "王"},
                        {"日期": d("11-19"), "商家编码": "E", "实盘数量": 5, "盘点人": "张", "备注": "货架3"},
                        {"日期": d("11-19"), "商家编码": "E", "实盘数量": 5, "备注": "货架3"}])
    plan = W.stocktake_post(shop, d("11-19"), dry_run=True, today=TODAY)
    assert {x.sku: x.counted for x in plan.lines} == {"B": 14, "E": 10}  # they still add up
    assert any("Stocktake rows 6 and 7 are the same (B, counter 王, 7)" in en and "entered twice" in en
               for _, en in plan.warnings)
    assert any("张 和 （未填）" in zh and "张 and (blank)" in en for zh, en in plan.warnings)
    assert not any("None" in zh + en for zh, en in plan.warnings)
    append(path, "盘点", [{"日期": d("11-19"), "商家编码": "A", "实盘数量": -1, "盘点人": "李"}])
    with pytest.raises(ShopbookError) as e:
        W.stocktake_post(shop, d("11-19"), today=TODAY)
    assert "stock.xlsx › 盘点 › C10 实盘数量不能是负数" in e.value.zh and "：；" not in e.value.zh


def test_a_top_up_of_a_count_does_not_give_back_what_shipped_after_it(shop):
    """Count C at 24 and post; 2 of C ship that day; a forgotten bin of 5 is counted: the top-up
    is +5 (the bin), not the +7 that comparing with the book after the shipment gave."""
    W.stocktake_post(shop, d("11-21"), today=TODAY)
    before = {r.sku: r.on_hand for r in W.stock_summary(shop)}["C"]  # 24 counted, and what moved after
    path = shop.path(STOCK)
    append(path, "出入库", [{"日期": d("11-21"), "商家编码": "C", "类型": "出库", "数量": 2, "单号": "T-SHIP"}])
    append(path, "盘点", [{"日期": d("11-21"), "商家编码": "C", "实盘数量": 5, "盘点人": "李", "备注": "漏盘的一格"}])
    again = W.stocktake_post(shop, d("11-21"), today=TODAY)
    assert [(m.sku, m.qty) for m in again.adjustments] == [("C", 5)]
    assert {r.sku: r.on_hand for r in W.stock_summary(shop)}["C"] == before + 5 - 2  # the bin in, the parcel out
    assert W.stocktake_post(shop, d("11-21"), today=TODAY).adjustments == []


def test_a_top_up_of_a_sku_whose_first_count_matched_the_book_does_not_give_back_what_shipped(shop):
    """C counted at 25, its book figure: the first posting adjusted E alone, leaving C no row of its
    own; 2 of C ship that day; the other counter's bin of 5 is typed: the top-up was +7 (the book
    after the shipment), 2 units that left in a parcel handed back. Now +5, against the book as it
    stood at the first posting, as for a SKU that posting adjusted."""
    from cli_run import flat, shopbook

    path = shop.path(STOCK)
    wb = openpyxl.load_workbook(path)
    ws = wb["盘点"]
    c = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == "C")
    ws.cell(c, 3).value = 25  # the book's figure for C on 11-21
    wb.save(path)
    assert [(m.sku, m.qty) for m in W.stocktake_post(shop, d("11-21"), today=TODAY).adjustments] == [("E", 1)]
    before = {r.sku: r.on_hand for r in W.stock_summary(shop)}["C"]
    append(path, "出入库", [{"日期": d("11-21"), "商家编码": "C", "类型": "出库", "数量": 2, "单号": "T-SHIP"}])
    append(path, "盘点", [{"日期": d("11-21"), "商家编码": "C", "实盘数量": 5, "盘点人": "李", "备注": "另一格"}])
    r = shopbook("stocktake", "post", shop.folder, "--date", "2026-11-21")
    assert r.returncode == 0 and "C应调+5，已调+0，补记+5" in flat(r.stdout), r.stdout + r.stderr
    assert {x.sku: x.on_hand for x in W.stock_summary(shop)}["C"] == before - 2 + 5  # the parcel out, the bin in


def test_an_english_shop_s_stocktake_adjustments_carry_an_english_ref_and_post_once(tmp_path):
    """An English shop's stocktake wrote 盘点20261121 into every adjustment's ref cell. It now writes
    stocktake 20261121; a count posted before under 盘点… is still that count's (nothing posted twice)."""
    from shopbook.schema import StocktakeCount

    counts = [StocktakeCount(date=d("11-21"), sku="A", counted=8, counter="Li"),
              StocktakeCount(date=d("11-21"), sku="B", counted=12, counter="Li")]
    s = new_shop(tmp_path, [item("A"), item("B"), item("C")], lang="en")
    write_workbook(s.path(STOCK), STOCK, "en", {Product: [item("A"), item("B"), item("C")], StocktakeCount: counts},
                   keep_backup=False)
    plan = W.stocktake_post(s, d("11-21"), today=TODAY)
    assert len(plan.adjustments) == 2
    ws = openpyxl.load_workbook(s.path(STOCK))["Movements"]
    rows = [dict(zip([c.value for c in ws[1]], r)) for r in ws.iter_rows(min_row=2, values_only=True) if any(r)]
    assert [(r["sku"], r["type"], r["qty"], r["ref"], r["note"]) for r in rows] == [
        ("A", "adjust", -2, "stocktake 20261121", "stocktake loss"), ("B", "adjust", 2, "stocktake 20261121", "stocktake gain")]
    assert W.stocktake_post(s, d("11-21"), today=TODAY).already_posted
    # posted before under the Chinese ref: the same count, never posted again
    wb = openpyxl.load_workbook(s.path(STOCK))
    for r in range(2, 4):
        wb["Movements"].cell(r, 5, "盘点20261121")
    wb.save(s.path(STOCK))
    again = W.stocktake_post(s, d("11-21"), today=TODAY)
    assert again.already_posted and again.adjustments == []
    assert {r.sku: r.on_hand for r in W.stock_summary(s)} == {"A": 8, "B": 12, "C": 10}


def test_a_count_date_with_no_counts_names_the_dates_there_are_and_what_to_do(shop):
    """`stocktake post --date 2026-11-20` when the counts were typed under 11-21 said only that
    there were none: now the stop names stock.xlsx, the dates the 盘点 sheet has and what to do."""
    from typer.testing import CliRunner

    from shopbook.cli import app

    r = CliRunner().invoke(app, ["stocktake", "post", str(shop.folder), "--date", "2026-11-20"])
    assert r.exit_code == 2, r.output
    out = "".join(r.output.split())
    assert "stock.xlsx" in out and "“盘点”表里没有2026-11-20的盘点记录（有的日期：2026-11-21）" in out, r.output
    assert "日期填2026-11-20；或者--date用上面的日期" in out and "Traceback" not in r.output


def test_a_stocktake_over_two_days_names_the_day_not_posted(shop, tmp_path):
    """A count done over two days, each typed under its own date: the 盘点过账 button posted the
    latest day alone and listed the first day's SKUs as nobody counted them, the first day's loss
    never posted and never said. Now the box (and `stocktake post`) names the day not posted and
    the command that posts it; once posted, it is not named again."""
    from shopbook import xl
    from xlfake import FakeBook

    from cli_run import flat, shopbook

    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb["盘点"]
    ws.delete_rows(2, ws.max_row)
    for r in ([d("11-20"), "A", 9, "张"], [d("11-20"), "B", 0, "张"],
              [d("11-21"), "C", 24, "李"], [d("11-21"), "E", 9, "李"], [d("11-21"), "F", 3, "李"]):
        ws.append(r)
    wb.save(shop.path(STOCK))
    book = FakeBook(shop.path(STOCK))
    xl.stocktake_post(book)
    said = flat(book.app.alerts[-1]["prompt"])
    assert "“盘点”表里2026-11-20的盘点（1个SKU与账面不同：A）还没有过账" in said, said
    assert "shopbookstocktakepost店铺--date2026-11-20" in said and "Stocktake" not in said
    r = shopbook("stocktake", "post", shop.folder, "--date", "2026-11-20")
    assert r.returncode == 0 and "2026-11-21的盘点" not in flat(r.stdout), r.stdout + r.stderr
    assert {x.sku: x.on_hand for x in W.stock_summary(shop)}["A"] == 9  # the first day's loss is in
    book = FakeBook(shop.path(STOCK))  # (opened again: the command line wrote the file)
    xl.stocktake_post(book)
    assert "还没有过账" not in book.app.alerts[-1]["prompt"], book.app.alerts[-1]["prompt"]


def test_an_english_shop_is_told_of_a_count_day_not_posted_in_english(tmp_path):
    from shopbook.schema import StocktakeCount

    from cli_run import flat, shopbook

    products = [item("A"), item("B")]
    s = new_shop(tmp_path, products, lang="en")
    write_workbook(s.path(STOCK), STOCK, "en", {Product: products, StocktakeCount: [
        StocktakeCount(date=d("11-20"), sku="A", counted=8, counter="Li"),
        StocktakeCount(date=d("11-21"), sku="B", counted=10, counter="Li")]}, keep_backup=False)
    r = shopbook("stocktake", "post", s.folder, "--date", "2026-11-21")
    out = flat(r.stdout)
    assert r.returncode == 0 and flat("The Stocktake sheet's counts dated 2026-11-20 (1 SKU differing from the book: "
                                      "A) were never posted") in out, r.stdout + r.stderr
    assert flat("shopbook stocktake post SHOP --date 2026-11-20") in out and "盘点" not in r.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_negative_count_says_to_type_what_was_counted_not_the_difference(tmp_path, lang):
    """A count of −3 (the 盘亏 typed, 3 short) stopped the posting with only "cannot be negative":
    nothing said what to type instead. Now the message at its cell says to type the units counted
    (0 for none), not the difference, in the shop's language alone."""
    from shopbook.schema import StocktakeCount

    from cli_run import flat, shopbook

    products = [item("A"), item("B")]
    s = new_shop(tmp_path, products, lang=lang)
    write_workbook(s.path(STOCK), STOCK, lang, {Product: products, StocktakeCount: [
        StocktakeCount(date=d("11-20"), sku="A", counted=8, counter="Li")]}, keep_backup=False)
    append(s.path(STOCK), "盘点" if lang == "zh" else "Stocktake",
           [{"日期" if lang == "zh" else "date": d("11-20"), "商家编码" if lang == "zh" else "sku": "B",
             "实盘数量" if lang == "zh" else "counted": -3}])
    r = shopbook("stocktake", "post", s.folder, "--date", "2026-11-20")
    said = flat(r.stdout + r.stderr)
    assert r.returncode == 2, said
    if lang == "zh":
        assert "stock.xlsx›盘点›C3实盘数量不能是负数：请填货架上数到的件数（一件也没有填0），不是盘亏数" in said, said
        assert "difference" not in said
    else:
        assert flat("stock.xlsx › Stocktake › C3 A counted quantity cannot be negative: type the units counted on "
                    "the shelf (0 for none), not the difference") in said, said
        assert "盘亏" not in said


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_blank_count_is_not_counted_yet(tmp_path, lang):
    """A count row with 实盘数量 left blank (a SKU typed in, then not counted) stopped the posting
    with only "实盘数量 is required and cannot be blank", then with "type the count, or delete the row".
    Now a blank is a SKU not counted yet: `validate` warns at its cell (exit 0), and `stocktake post`
    posts the rows counted, names the blank one and says to count it and post again, in the shop's
    language alone."""
    from shopbook.schema import StocktakeCount

    from cli_run import flat, shopbook

    products = [item("A"), item("B")]
    s = new_shop(tmp_path, products, lang=lang)
    write_workbook(s.path(STOCK), STOCK, lang, {Product: products, StocktakeCount: [
        StocktakeCount(date=d("11-20"), sku="A", counted=8, counter="Li")]}, keep_backup=False)
    zh = lang == "zh"
    append(s.path(STOCK), "盘点" if zh else "Stocktake",
           [{"日期" if zh else "date": d("11-20"), "商家编码" if zh else "sku": "B", "盘点人" if zh else "counter": "Li"}])
    where = flat("stock.xlsx › 盘点 › C3" if zh else "stock.xlsx › Stocktake › C3")
    want = (flat("“实盘数量”没有填：还没有盘点，过账时跳过这一行：数好后填上件数（一件也没有填 0），再过账。")
            if zh else flat("'counted' is blank: not counted yet, left out of the posting: type the units counted "
                            "(0 if none), then post again."))
    r = shopbook("validate", s.folder)
    said = flat(r.stdout + r.stderr).replace(flat(str(s.folder)), "")  # (the test's folder says "blank")
    assert r.returncode == 0 and re.search(re.escape(where) + r"(实盘数量|counted)?" + re.escape(want), said), said
    r = shopbook("stocktake", "post", s.folder, "--date", "2026-11-20")
    said = flat(r.stdout + r.stderr).replace(flat(str(tmp_path)), "")  # (its name says "blank")
    assert r.returncode == 0, said
    assert flat("“盘点”表 1 行的实盘数量空着（第 3 行 B），算作还没盘点，没有过账" if zh else
                "1 row of the Stocktake sheet has no count (row 3 B), taken as not counted yet and not posted") in said
    assert flat("✓ 1 条调整已写入" if zh else "✓ 1 adjustment written") in said, said
    if zh:  # (--zero-uncounted is the option's name)
        assert not re.search("blank|notcounted|row", said), said
    else:
        assert not CJK.search(said.replace("T恤", "")), said  # (the product's name, as typed)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_count_that_matches_the_book_says_there_is_nothing_to_adjust(tmp_path, lang):
    """Every count as the book has it: `stocktake post` printed only "盘盈 ¥0.00 盘亏 ¥0.00", which read
    as if nothing had happened. Now one plain line says the counts match the book and there is nothing
    to adjust, marked ✓ (nothing posted is no failure), exit 0; the 盘点过账 button says it too, not as
    a problem; in the shop's language alone. Only the posting's mark is written (a 调整 of 0:
    test_stocktake_matched_mark), none by --dry-run."""
    from shopbook import xl
    from shopbook.schema import StocktakeCount

    from cli_run import flat, shopbook
    from xlfake import FakeBook

    products = [item("A"), item("B", opening=5)]
    s = new_shop(tmp_path, products, lang=lang)
    write_workbook(s.path(STOCK), STOCK, lang, {Product: products, StocktakeCount: [
        StocktakeCount(date=d("11-20"), sku="A", counted=10, counter="Li"),
        StocktakeCount(date=d("11-20"), sku="B", counted=5, counter="Li")]}, keep_backup=False)
    zh = lang == "zh"
    want = flat("✓ 盘点的 2 个 SKU 实盘数量都与账面一致，没有要调整的" if zh else
                "✓ the counts match the book (2 SKUs counted): nothing to adjust")
    before = s.path(STOCK).read_bytes()
    for dry in (("--dry-run",), ()):
        r = shopbook("stocktake", "post", s.folder, "--date", "2026-11-20", *dry)
        said = flat(r.stdout + r.stderr)
        assert r.returncode == 0 and want in said, r.stdout + r.stderr
        assert ("盘盈¥0.00盘亏¥0.00" if zh else "gain¥0.00loss¥0.00") in said and "!" not in said and "✗" not in said
        assert not CJK.search(said) if not zh else "nothing" not in said, said
        if dry:
            assert s.path(STOCK).read_bytes() == before  # nothing written
    s.path(STOCK).write_bytes(before)  # the button, on the count not posted yet
    book = FakeBook(s.path(STOCK))
    xl.stocktake_post(book)
    box = book.app.alerts[-1]
    assert want in flat(box["prompt"]) and (not CJK.search(box["prompt"]) if not zh else True), box
    assert "!" not in box["prompt"], box
    # a count that differs says no such thing
    type_in(s.path(STOCK), "盘点" if zh else "Stocktake", {(3, "实盘数量" if zh else "counted"): 4})
    r = shopbook("stocktake", "post", s.folder, "--date", "2026-11-20", "--dry-run")
    assert r.returncode == 0 and flat("与账面一致" if zh else "match the book") not in flat(r.stdout), r.stdout


def test_a_count_day_not_posted_with_many_skus_says_how_many_more():
    """The warning names the first five SKUs of a day not posted and says how many more there are
    (it had ended them with "…", the rest uncounted)."""
    from shopbook.schema import StocktakeCount
    from shopbook.stock.stocktake import not_posted

    products = [item(f"S{k}") for k in range(8)]  # 10 on the book each
    counts = [StocktakeCount(date=d("11-20"), sku=p.sku, counted=9, counter="Li") for p in products]
    (zh, en), = not_posted(products, [], counts, d("11-21"), "zh")
    assert "8 个 SKU 与账面不同：S0、S1、S2、S3、S4 等，还有 3 个" in zh, zh
    assert "(8 SKUs differing from the book: S0, S1, S2, S3, S4 and 3 more)" in en, en


def test_zero_uncounted_never_zeroes_a_sku_counted_on_a_day_not_posted_yet(tmp_path):
    """A stocktake over two days: A counted 8 on 11-20 (not posted yet), B counted on 11-21. Posting
    11-21 with --zero-uncounted posted A at 0 (a loss of its book 10); posting 11-20 afterwards then
    added 8 − 10 against the book of 11-20, and A ended at −2 where the shelf held 8. Now A is left
    out of the zeroing, said so, and the two postings leave A at 8."""
    from shopbook.schema import StocktakeCount

    from cli_run import flat, shopbook

    products = [item("A"), item("B")]
    s = new_shop(tmp_path, products)
    write_workbook(s.path(STOCK), STOCK, "zh", {Product: products, StocktakeCount: [
        StocktakeCount(date=d("11-20"), sku="A", counted=8, counter="张"),
        StocktakeCount(date=d("11-21"), sku="B", counted=10, counter="李")]}, keep_backup=False)
    r = shopbook("stocktake", "post", s.folder, "--date", "2026-11-21", "--zero-uncounted")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "A（1个SKU）在另一天的盘点里有数、那天还没有过账：--zero-uncounted没有把它们按0计" in flat(r.stdout), r.stdout
    r = shopbook("stocktake", "post", s.folder, "--date", "2026-11-20")
    assert r.returncode == 0, r.stdout + r.stderr
    assert {x.sku: x.on_hand for x in W.stock_summary(s)} == {"A": 8, "B": 10}
