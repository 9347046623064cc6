"""Stock against a hand-worked example (today 2026-11-22), through real workbooks.

Products (opening, safety, lead days, cost):
  A 10, 3, 7, ¥20 (S1 白 M)   B 0, 2, 10, ¥30 (S1 白 L)   C 40, 5, 5, ¥10, main
  D 5, delisted (still counted: it holds stock), ¥8   E 6, 1, -, ¥50   F 3, -, -, ¥12
Movements: E +4 (08-01), E −2 (09-01), A +20 (11-01), A −14 (11-10), C −14 (11-12),
  A +1 return (11-15), C −1 adjust (11-18), A −7 (11-20), C +4 (11-22)
On hand today: A 10+20−14+1−7 = 10, B 0, C 40−14−1+4 = 29, D 5, E 8, F 3
Orders: O1 approved A×3 (reserved), O2 held for stock B×1, O3 shipped A×2
Available: A 7, B 0, C 29, D 5, E 8, F 3
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

import openpyxl
import pytest
from built_once import built_once
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.issues import ShopbookError
from shopbook.schema import (ORDERS, STOCK, Movement, MovementType, OrderLine, Product, StocktakeCount, Supply,
                             WaitlistEntry)
from shopbook.shop import init_shop, open_shop
from shopbook.stock import workflow as W
from shopbook.workbook_builder import write_workbook

from cli_run import type_in

D = Decimal
TODAY = dt.date(2026, 11, 22)


def d(s: str) -> dt.date:
    return dt.date(2026, *map(int, s.split("-")))


def products():
    P = Product
    return [
        P(sku="A", style="S1", name="衬衫", colour="白", size="M", bin="A-01", cost=D(20), price=D(60), opening_qty=10,
          safety_stock=3, lead_days=7, status="在售"),
        P(sku="B", style="S1", name="衬衫", colour="白", size="L", bin="A-02", cost=D(30), price=D(60), opening_qty=0,
          safety_stock=2, lead_days=10, status="在售"),
        P(sku="C", name="主推T恤", bin="B-01", cost=D(10), price=D(39), opening_qty=40, safety_stock=5, lead_days=5,
          main=True, status="在售"),
        P(sku="D", name="旧款", cost=D(8), price=D(20), opening_qty=5, status="下架"),
        P(sku="E", name="大衣", bin="C-01", cost=D(50), price=D(199), opening_qty=6, safety_stock=1, status="在售"),
        P(sku="F", name="围巾", bin="C-02", cost=D(12), price=D(39), opening_qty=3, status="在售"),
    ]


def movements():
    M = Movement
    return [M(date=d(x), sku=s, type=t, qty=q) for x, s, t, q in (
        ("08-01", "E", "入库", 4), ("09-01", "E", "出库", 2), ("11-01", "A", "入库", 20), ("11-10", "A", "出库", 14),
        ("11-12", "C", "出库", 14), ("11-15", "A", "退货", 1), ("11-18", "C", "调整", -1), ("11-20", "A", "出库", 7),
        ("11-22", "C", "入库", 4))]


def order(no, sku, qty, status, review=None):
    return OrderLine(order_no=no, receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x", sku=sku, qty=qty,
                     status=status, review=review)


@pytest.fixture
def shop(tmp_path):
    folder = tmp_path / "shop"
    built_once(folder, "test_stock.shop", _build_shop)  # (built once a process, copied for each test)
    return open_shop(folder)


def _build_shop(folder):
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: products(), Movement: movements(),
        StocktakeCount: [StocktakeCount(date=d("11-21"), sku="A", counted=6, counter="张", note="货架1"),
                         StocktakeCount(date=d("11-21"), sku="A", counted=4, counter="李", note="货架2"),
                         StocktakeCount(date=d("11-21"), sku="C", counted=24, counter="张"),
                         StocktakeCount(date=d("11-21"), sku="E", counted=9, counter="张")],
        WaitlistEntry: [WaitlistEntry(date=d("11-05"), customer="甲", contact="13811112222", sku="A"),
                        WaitlistEntry(date=d("11-06"), customer="乙", style="S1", colour="白", size="L"),
                        WaitlistEntry(date=d("11-07"), customer="丙", sku="C", notified=True),
                        WaitlistEntry(date=d("11-08"), customer="丁", sku="E")],
        Supply: [Supply(name="纸箱", on_hand=100, daily_use=D(10), alert_days=7),
                 Supply(name="胶带", on_hand=12, daily_use=D(3), alert_days=5)],
    }, keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        order("O1", "A", 3, "已审核"), order("O2", "B", 1, "已挂起", "挂起：库存不足：B 需要 1，可用 0"),
        order("O3", "A", 2, "已发货")]}, keep_backup=False)


def test_summary_figures_and_sheet(shop):
    rows = {r.sku: r for r in W.stock_summary(shop)}
    assert {k: (r.on_hand, r.reserved, r.available) for k, r in rows.items()} == {
        "A": (10, 3, 7), "B": (0, 0, 0), "C": (29, 0, 29), "D": (5, 0, 5), "E": (8, 0, 8), "F": (3, 0, 3)}
    assert rows["A"].value == D(200) and rows["E"].value == D(400)
    assert rows["A"].last_sale == d("11-20") and rows["C"].last_receipt == d("11-22")
    ws = openpyxl.load_workbook(shop.path(STOCK))["库存汇总"]
    assert [c.value for c in ws[1]][:8] == ["商家编码", "名称", "颜色", "尺码", "库位", "库存", "已占用", "可用"]
    assert [c.value for c in ws[2]][:10] == ["A", "衬衫", "白", "M", "A-01", 10, 3, 7, 20, 200]
    # the person's sheets read exactly as before
    again = read_workbook(shop.path(STOCK), STOCK)
    assert again.all_issues() == [] and len(again.rows(Movement)) == 9


def test_summary_as_of_a_date(shop):
    rows = {r.sku: r for r in W.stock_summary(shop, as_of=d("11-11"))}
    assert rows["A"].on_hand == 10 + 20 - 14 and rows["C"].on_hand == 40 and rows["E"].on_hand == 8


def test_a_summary_with_nothing_new_leaves_the_workbook_alone(shop):
    """QA: every `stock` run rewrote stock.xlsx and made a backup: 23 runs with nothing changed
    pushed the person's own version out of .shopbook-backup/."""
    runner = CliRunner()
    path, kept = shop.path(STOCK), shop.folder / ".shopbook-backup"
    said = runner.invoke(app, ["stock", str(shop.folder)])
    assert said.exit_code == 0 and "已写入 stock.xlsx" in said.output
    first, backups = path.read_bytes(), sorted(kept.glob("stock.*.xlsx"))
    assert len(backups) == 1
    for args in ([], ["--as-of", dt.date.today().isoformat()]):  # the same figures; the title's date alone is nothing new
        said = runner.invoke(app, ["stock", str(shop.folder), *args])
        assert said.exit_code == 0
        assert path.read_bytes() == first and sorted(kept.glob("stock.*.xlsx")) == backups
        # and the screen says so: "written" only when it was (QA: it said written every time)
        assert "已写入" not in said.output and "已是这些数字，没有改写" in "".join(said.output.split())
    wb = openpyxl.load_workbook(path)  # a person's receipt: the figures change, the sheet is written
    wb["出入库"].append([d("11-22"), "F", "入库", 2])
    wb.save(path)
    assert runner.invoke(app, ["stock", str(shop.folder)]).exit_code == 0
    ws = openpyxl.load_workbook(path)["库存汇总"]
    assert [r[5].value for r in ws.iter_rows(min_row=2) if r[0].value == "F"] == [5]
    assert len(list(kept.glob("stock.*.xlsx"))) == 2


@pytest.mark.parametrize("words, options", [(["stock"], []), (["stock", "alerts"], []),
                                            (["purchase", "suggest"], ["--write"])])
def test_the_stock_figures_stop_without_the_orders_they_count(shop, words, options):
    """QA: with orders.xlsx gone (or saved as orders.xls) the stock commands counted no order as
    reserved and wrote their sheets with a ✓; with an order line whose 数量 does not read, they
    counted around it. Now each stops as the order commands do, naming the file or the cell, and
    stock.xlsx is left as it was."""
    runner = CliRunner()
    before = shop.path(STOCK).read_bytes()
    shop.path(ORDERS).rename(shop.folder / "orders.xls")
    said = runner.invoke(app, [*words, str(shop.folder), *options])
    assert said.exit_code == 2, said.output
    assert "there is orders.xls" in " ".join(said.output.split()) and "✓" not in said.output
    (shop.folder / "orders.xls").rename(shop.path(ORDERS))
    type_in(shop.path(ORDERS), "订单", {(2, "数量"): "三件"})
    said = runner.invoke(app, [*words, str(shop.folder), *options])
    assert said.exit_code == 2, said.output
    assert "三件" in said.output and "✓" not in said.output
    assert shop.path(STOCK).read_bytes() == before


def test_the_first_error_a_stop_names_is_the_first_in_its_sheet(shop):
    """QA: a stop named 盘点 C378 as the first error where C377 was one too (the rules report by
    kind); it now names the first in the sheet's own order, as validate lists them."""
    type_in(shop.path(STOCK), "盘点", {(3, "实盘数量"): -1, (2, "商家编码"): "NOPE"})
    with pytest.raises(ShopbookError) as e:
        W.stocktake_post(shop, d("11-21"))
    first = e.value.en.split("First: ", 1)[1]
    assert first.startswith("stock.xlsx › 盘点 › B2 "), e.value.en  # (before: C3, its negative count)


def test_alerts_and_reorder(shop):
    alerts = W.stock_alerts(shop, today=TODAY)
    assert [a.sku for a in alerts] == ["B", "A", "C"]  # out of stock with people waiting first
    b, a, c = alerts
    # A: 7 available, above its safety stock 3, but it sold 20 in 14 days: 7 last 4.9 days and a delivery
    # takes 7 (its lead time), so it is ordered now: 20/14 × (7 + 7) + 3 − 7 = 16 (before, no alert at
    # all until it was down to 3, and SB_REORDER_QTY said 16 beside a list that named nothing)
    assert a.reorder_qty == 16 and a.reasons == [("按近 14 天的销量约 4 天卖完，到货要 7 天",
                                                 "lasts about 4 days at the last 14 days' sales; a "
                                                 "delivery takes 7 days")]
    assert b.available == 0 and b.waiting == 2  # the held order and 乙 on the waiting list
    # no sales: 0 × (10 + 7) + safety 2, plus the held order's 1 and 乙's 1 (the shelf serves neither), − 0
    assert b.reorder_qty == 4 and ("held orders need 1") in [en for _, en in b.reasons]
    assert c.main and "主推" in c.reasons[0][0]
    # C sold 14 in the 14 days to 11-22: 1/day × (5 + 7) + 5 = 17 to hold, but a main item keeps 30: 30 − 29
    assert c.reorder_qty == 1



def test_a_fast_seller_on_order_enough_is_not_alerted_again(shop):
    """A's shortfall before a delivery (7 available, 10 sell in its 7 days' lead time) is alerted until
    what is on order covers it: 5 on a sent PO (7 + 5 ≥ 10) takes it off the list, as it takes them off
    the reorder quantity."""
    type_in(shop.path(STOCK), "采购", {(2, "采购单号"): "CG1", (2, "供应商"): "甲厂", (2, "商家编码"): "A",
                                      (2, "数量"): 5, (2, "状态"): "已下单"})
    assert [a.sku for a in W.stock_alerts(shop, today=TODAY)] == ["B", "C"]

def test_reorder_is_exact(shop):
    from fractions import Fraction

    from shopbook.stock.report import reorder_qty
    from shopbook.stock.levels import sales_per_day

    daily = sales_per_day(movements(), TODAY, 14)
    assert daily["A"] == Fraction(20, 14)  # 14 + 7 out, 1 back
    a = products()[0]
    assert reorder_qty(a, 7, daily["A"], 7) == 20 + 3 - 7  # exactly 20 for 14 days, not 21


def test_slow_movers_and_age(shop):
    slow, ages = W.slow_movers(shop, today=TODAY)
    assert [(s.sku, s.days_since_sale, s.value) for s in slow] == [("F", None, D(36)), ("E", 82, D(400))]
    # first in first out: C's 4 received today are 0–30, its 25 left of the opening 40 the oldest
    # (test_stock_age_opening_kept; before, all 29 were aged from today's receipt)
    assert ages["0–30"] == {"skus": 2, "units": 14, "value": D(240)}
    assert ages[">90"] == {"skus": 4, "units": 41, "value": D(726)}
    assert ages["31–60"]["skus"] == ages["61–90"]["skus"] == 0


def test_waitlist_to_call(shop):
    assert [(c.customer, c.sku, c.available) for c in W.waitlist(shop).calls] == [("甲", "A", 7), ("丁", "E", 8)]



def test_waitlist_says_how_to_stop_a_called_customer_coming_back(shop):
    """`stock waitlist` listed 甲 and 丁 every day until someone typed 已通知, and never said so: after
    calling, staff saw the same customers again. It now says where to mark them; a marked one is gone."""
    r = CliRunner().invoke(app, ["stock", "waitlist", str(shop.folder)])
    assert r.exit_code == 0 and "甲" in r.output and "丁" in r.output, r.output
    assert "“缺货登记”表把这位客户的“已通知”填“是”" in r.output, r.output
    rows = {row[1].value: row[0].row for row in openpyxl.load_workbook(shop.path(STOCK))["缺货登记"].iter_rows(min_row=2)}
    type_in(shop.path(STOCK), "缺货登记", {(rows["甲"], "已通知"): "是"})
    r = CliRunner().invoke(app, ["stock", "waitlist", str(shop.folder)])
    assert "甲" not in r.output and "丁" in r.output and "已通知" in r.output, r.output
    type_in(shop.path(STOCK), "缺货登记", {(rows["丁"], "已通知"): "是"})
    r = CliRunner().invoke(app, ["stock", "waitlist", str(shop.folder)])
    assert r.exit_code == 0 and "已通知" not in r.output, r.output  # nobody to call: nothing to mark

def test_supplies(shop):
    res = W.supplies(shop)
    assert [(s.name, s.days_left, s.low) for s in res] == [("胶带", D("4.0"), True), ("纸箱", D("10.0"), False)]


def test_a_waitlist_or_supplies_cell_that_does_not_read_stops_its_list_and_is_named(shop):
    """丙's 已通知 typed 已联系 11/20 (validate: an error) read as not notified: `stock waitlist` told
    staff to call 丙 again; 胶带's 预警天数 typed 5天 lost its warning, a 库存 of 900个 its row; all
    with exit 0. Now each stops as the other stock commands do, naming the cell; the self-check names
    the sheet it could not check and still lists the rest."""
    from shopbook.report.selfcheck import read_selfcheck

    type_in(shop.path(STOCK), "缺货登记", {(4, "已通知"): "已联系 11/20"})  # 丙, waiting for C (29 available)
    type_in(shop.path(STOCK), "耗材", {(3, "预警天数"): "5天"})
    with pytest.raises(ShopbookError) as e:
        W.waitlist(shop)
    assert "stock.xlsx › 缺货登记 › H4" in e.value.zh and "已联系 11/20" in e.value.zh, e.value.zh
    with pytest.raises(ShopbookError) as e:
        W.supplies(shop)
    assert "stock.xlsx › 耗材 › D3" in e.value.zh and "5天" in e.value.zh, e.value.zh
    r = CliRunner().invoke(app, ["stock", "supplies", str(shop.folder)])
    assert r.exit_code == 2 and "D3" in r.output, r.output
    items = read_selfcheck(shop, TODAY, [])
    wh = [(i.record, i.urgent) for i in items if i.role == "warehouse"]
    cs = [(i.record, i.urgent) for i in items if i.role == "cs"]  # (whom to call: customer service's list)
    assert ("stock.xlsx › 缺货登记", True) in cs and ("stock.xlsx › 耗材", True) in wh, (cs, wh)
    assert not [i for i in read_selfcheck(shop, TODAY, []) if "丙" in i.what]  # not told to call 丙 again


def test_stocktake_post_twice_changes_nothing(shop):
    plan = W.stocktake_post(shop, d("11-21"), today=TODAY)
    diffs = {x.sku: (x.book, x.counted, x.diff, x.value, x.moved_after) for x in plan.lines}
    assert diffs == {"A": (10, 10, 0, D(0), False), "C": (25, 24, -1, D(-10), True), "E": (8, 9, 1, D(50), False)}
    assert plan.gain == D(50) and plan.loss == D(-10)
    assert [(u.sku, u.book) for u in plan.uncounted] == [("D", 5), ("F", 3), ("B", 0)]  # most on hand first
    assert any("C" in w[1] and "moved after" in w[1] for w in plan.warnings)
    moves = read_workbook(shop.path(STOCK), STOCK).rows(Movement)
    posted = [(m.sku, m.type, m.qty, m.ref) for m in moves if m.ref == "盘点20261121"]
    assert posted == [("C", MovementType.ADJUST, -1, "盘点20261121"), ("E", MovementType.ADJUST, 1, "盘点20261121")]
    again = W.stocktake_post(shop, d("11-21"), today=TODAY)
    assert again.already_posted and again.adjustments == []
    assert len(read_workbook(shop.path(STOCK), STOCK).rows(Movement)) == len(moves)
    rows = {r.sku: r.on_hand for r in W.stock_summary(shop)}
    assert rows["C"] == 28 and rows["E"] == 9


def test_stocktake_dry_run_and_zero_uncounted(shop):
    before = shop.path(STOCK).read_bytes()
    plan = W.stocktake_post(shop, d("11-21"), dry_run=True, zero_uncounted=True, today=TODAY)
    assert shop.path(STOCK).read_bytes() == before
    assert {x.sku: x.diff for x in plan.lines if x.sku in ("B", "F")} == {"F": -3}  # B is 0 already


def test_stocktake_in_the_future_and_bad_counts(shop, tmp_path):
    with pytest.raises(ShopbookError) as e:
        W.stocktake_post(shop, dt.date(2026, 12, 1), today=TODAY)
    assert "future" in e.value.en
    with pytest.raises(ShopbookError):
        W.stocktake_post(shop, d("11-01"), today=TODAY)  # no counts that day
    wb = openpyxl.load_workbook(shop.path(STOCK))
    wb["盘点"].append([d("11-20"), "ZZZ", 1, "张"])
    wb["盘点"].append([d("11-20"), "A", -1, "李"])
    wb.save(shop.path(STOCK))
    with pytest.raises(ShopbookError) as e:
        W.stocktake_post(shop, d("11-20"), today=TODAY)
    assert "ZZZ" in e.value.en or "negative" in e.value.en or "errors" in e.value.en


def test_a_delisted_sku_holding_stock_is_counted_until_the_book_holds_none(shop):
    """D is 下架 with 5 on hand, which 库存汇总 values: it was on no count sheet and never said to be
    uncounted (未盘：0). Now a SKU the book holds stock of is counted whatever its status; once
    counted at 0 (posted as a loss), a delisted one leaves the count sheet."""
    ws = openpyxl.load_workbook(W.stocktake_sheet(shop, TODAY)).active
    assert "D" in [ws.cell(row=r, column=2).value for r in range(5, ws.max_row + 1)]
    plan = W.stocktake_post(shop, d("11-21"), dry_run=True, today=TODAY)
    assert ("D", 5) in [(u.sku, u.book) for u in plan.uncounted]
    type_in(shop.path(STOCK), "盘点", {(6, "日期"): d("11-21"), (6, "商家编码"): "D", (6, "实盘数量"): 0,
                                      (6, "盘点人"): "张"})
    plan = W.stocktake_post(shop, d("11-21"), today=TODAY)
    assert "D" not in [u.sku for u in plan.uncounted] and {x.sku: x.diff for x in plan.lines}["D"] == -5
    assert {r.sku: r.on_hand for r in W.stock_summary(shop)}["D"] == 0
    ws = openpyxl.load_workbook(W.stocktake_sheet(shop, d("11-23"))).active
    assert "D" not in [ws.cell(row=r, column=2).value for r in range(5, ws.max_row + 1)]


def test_two_counters_same_place_is_flagged_and_negative_after_is_reported(shop):
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb["盘点"]
    ws.append([d("11-19"), "F", 0, "张", "货架9"])
    ws.append([d("11-19"), "E", 5, "张", "货架3"])
    ws.append([d("11-19"), "E", 5, "王", "货架3"])
    wb.save(shop.path(STOCK))
    plan = W.stocktake_post(shop, d("11-19"), dry_run=True, today=TODAY)
    assert any("double count" in w[1] for w in plan.warnings)
    assert {x.sku: x.counted for x in plan.lines}["E"] == 10  # they add up, as the contract says


def test_stocktake_sheet_is_blind_and_in_bin_order(shop):
    path = W.stocktake_sheet(shop, TODAY)
    ws = openpyxl.load_workbook(path).active
    head = [c.value for c in ws[4]]
    assert "账面" not in head and head[-2:] == ["实盘数量", "备注"]
    assert [ws.cell(row=r, column=2).value for r in range(5, ws.max_row + 1)] == ["A", "B", "C", "E", "F", "D"]
    with_book = W.stocktake_sheet(shop, TODAY, blind=False)
    ws2 = openpyxl.load_workbook(with_book).active
    assert "账面" in [c.value for c in ws2[4]]
    assert ws["A2"].value == "盘点人：________"
    # QA: the sheet with the book took the blind one's file name, replacing a sheet maybe printed already
    assert with_book != path and with_book.name == f"盘点表-{TODAY:%Y%m%d}-账面.xlsx"
    assert "账面" not in [c.value for c in openpyxl.load_workbook(path).active[4]]


def test_the_count_sheet_says_where_the_counts_go_and_how_to_post_them(shop, tmp_path):
    """`stocktake sheet` said only its file's path (✓): the printed sheet is paper, and nothing said
    the counts are typed into stock.xlsx's 盘点 sheet under that date and posted from there. The
    step it names, followed as written, posts the count."""
    runner = CliRunner()
    r = runner.invoke(app, ["stocktake", "sheet", str(shop.folder), "--date", "2026-11-22"])
    assert r.exit_code == 0, r.output
    said = " ".join(r.output.split())
    assert "盘点表-20261122.xlsx" in said and "“盘点”表" in said and "日期填 2026-11-22" in said, r.output
    assert "shopbook stocktake post 店铺 --date 2026-11-22 · 按钮 盘点过账" in said, r.output
    wb = openpyxl.load_workbook(shop.path(STOCK))
    wb["盘点"].append([d("11-22"), "F", 2, "张", None])  # as told: the count typed under the sheet's date
    wb.save(shop.path(STOCK))
    r = runner.invoke(app, ["stocktake", "post", str(shop.folder), "--date", "2026-11-22"])
    assert r.exit_code == 0 and "1 条调整已写入" in r.output, r.output
    moved = read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
    assert [(m.sku, m.qty, m.ref) for m in moved if m.ref == "盘点20261122"] == [("F", -1, "盘点20261122")]
    folder = tmp_path / "en-shop"
    init_shop(folder, "en")
    write_workbook(folder / "stock.xlsx", STOCK, "en", {Product: products(), Movement: movements()}, keep_backup=False)
    r = runner.invoke(app, ["stocktake", "sheet", str(folder), "--date", "2026-11-22"])
    said = " ".join(r.output.split())
    assert r.exit_code == 0 and "stocktake-20261122.xlsx" in said, r.output
    assert "Stocktake sheet of stock.xlsx dated 2026-11-22" in said and "shopbook stocktake post SHOP --date " \
        "2026-11-22 · button Post stocktake" in said and not re.search(r"[\u4e00-\u9fff]", said), r.output


def test_an_english_shops_count_sheet_is_english(tmp_path):
    folder = tmp_path / "en-shop"
    init_shop(folder, "en")
    write_workbook(folder / "stock.xlsx", STOCK, "en", {Product: products(), Movement: movements()}, keep_backup=False)
    ws = openpyxl.load_workbook(W.stocktake_sheet(open_shop(folder), TODAY)).active
    texts = [v for row in ws.iter_rows(max_row=4, values_only=True) for v in row if isinstance(v, str)]
    assert ws["A2"].value == "Counter: ________" and not [t for t in texts if re.search(r"[\u4e00-\u9fff]", t)], texts


def test_cli_stock_commands(shop):
    runner = CliRunner()
    r = runner.invoke(app, ["stock", str(shop.folder), "--json"])
    assert r.exit_code == 0, r.output
    assert {x["sku"]: x["available"] for x in json.loads(r.stdout)}["A"] == 7
    r = runner.invoke(app, ["stock", "alerts", str(shop.folder), "--json"])
    assert [a["sku"] for a in json.loads(r.stdout)] == ["B", "C"]
    r = runner.invoke(app, ["stocktake", "post", str(shop.folder), "--date", "2026-11-21", "--dry-run"])
    assert r.exit_code == 0 and "盘亏" in r.output and "没有写入" in r.output
    r = runner.invoke(app, ["stocktake", "post", str(shop.folder), "--date", "2099-01-01"])
    assert r.exit_code == 2 and "在未来" in r.output and "future" not in r.output  # (the shop's language alone)


def test_cell_functions_match_the_summary(shop):
    from shopbook.xl import udfs
    from test_functions import Caller

    caller = Caller(shop.path(STOCK))
    assert udfs.SB_STOCK("A", caller=caller) == 10
    assert udfs.SB_STOCK("A", "2026-11-11", caller=caller) == 16
    assert udfs.SB_STOCK([["A"], ["C"], ["nope"], [None]], caller=caller) == [[10], [29], ["#N/A"], ["#N/A"]]
    assert udfs.SB_AVAILABLE([["A"], ["B"]], caller=caller) == [[7], [0]]
    from shopbook.stock.workflow import stock_alerts

    alert = next(a for a in stock_alerts(shop) if a.sku == "B")  # 2 to cover sales, 1 for the order held for B
    assert udfs.SB_REORDER_QTY("B", caller=caller) == alert.reorder_qty == 4
    assert udfs.SB_STOCK("A", "not a date", caller=caller) == "#VALUE!"


def test_cell_functions_that_count_orders_are_na_where_the_orders_do_not_read(shop):
    """As `stock alerts` stops where an order line does not read (or orders.xlsx is gone), the cell
    functions that count orders (available, reorder) are #N/A there, never a figure counted around
    them; on hand, which no order changes, still answers."""
    from shopbook.xl import udfs
    from test_functions import Caller

    caller = Caller(shop.path(STOCK))
    type_in(shop.path(ORDERS), "订单", {(2, "数量"): "三件"})
    assert udfs.SB_AVAILABLE([["A"], ["B"]], caller=caller) == "#N/A"
    assert udfs.SB_REORDER_QTY("B", caller=caller) == "#N/A"
    assert udfs.SB_STOCK("A", caller=caller) == 10
    shop.path(ORDERS).unlink()
    assert udfs.SB_AVAILABLE("A", caller=caller) == "#N/A" and udfs.SB_STOCK("A", caller=caller) == 10


def test_cell_functions_count_a_bundle_in_whole_sets(shop):
    """A code of the 商品映射 sheet (a bundle, as the import expands it): SB_STOCK and SB_AVAILABLE
    give the whole sets its parts make; a code whose rows make other sets on other platforms, or
    with a part we do not have, has no one answer (#N/A)."""
    from shopbook.schema import Platform, SkuMap
    from shopbook.xl import udfs
    from test_functions import Caller

    lines = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: lines, SkuMap: [
        SkuMap(code="SET-AC", sku="A", qty=2), SkuMap(code="SET-AC", sku="C", qty=10),  # every platform
        SkuMap(code="SET-CA", sku="C", qty=5), SkuMap(code="SET-CA", sku="A", qty=3),
        SkuMap(platform=Platform.PINDUODUO, code="9001", sku="A", qty=2),
        SkuMap(platform=Platform.DOUYIN, code="9001", sku="A", qty=3),  # the same id, another set
        SkuMap(platform=Platform.DOUYIN, code="9002", sku="C", qty=3),
        SkuMap(code="SET-AZ", sku="A", qty=1), SkuMap(code="SET-AZ", sku="ZZZ", qty=1),
        SkuMap(code="SET-AX", sku="A", qty=1), SkuMap(code="SET-AX", sku="C", qty=1)]}, keep_backup=False)
    wb = openpyxl.load_workbook(shop.path(ORDERS))  # a row of SET-AX whose 数量 does not read
    ws = wb["商品映射"]
    bad = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == "SET-AX" and ws.cell(r, 3).value == "C")
    ws.cell(bad, 4).value = "一"
    wb.save(shop.path(ORDERS))
    caller = Caller(shop.path(STOCK))
    # A: 10 on hand, 7 available (3 approved); C: 29 and 29. Whole sets: the scarcest part's
    assert udfs.SB_STOCK([["SET-AC"], ["SET-CA"], ["9002"], ["A"]], caller=caller) == [[2], [3], [9], [10]]
    assert udfs.SB_AVAILABLE([["SET-AC"], ["SET-CA"], ["9002"]], caller=caller) == [[2], [2], [9]]
    assert udfs.SB_STOCK([["9001"], ["SET-AZ"], ["SET-AX"], ["nope"]], caller=caller) == [["#N/A"]] * 4
    assert udfs.SB_REORDER_QTY("SET-AC", caller=caller) == "#N/A"  # a set is not reordered: its parts are


def test_stock_buttons_match_the_cli(shop, tmp_path):
    """Pressed in the open stock.xlsx: the summary sheet and the posted adjustments are
    the ones the CLI writes on a copy of the same shop."""
    import shutil

    from shopbook import xl
    from xlfake import FakeBook

    twin = tmp_path / "twin"
    shutil.copytree(shop.folder, twin)
    W.stock_summary(shop)
    W.stocktake_post(shop, d("11-21"), today=TODAY)
    book = FakeBook(twin / "stock.xlsx")
    xl.stock_summary(book)
    xl.stocktake_post(book)
    assert "已过账" in book.app.alerts[-1]["prompt"]
    cli = openpyxl.load_workbook(shop.path(STOCK))
    live = book.sheet_rows("库存汇总")
    assert [r[:8] for r in live[1:-1]] == [[c.value for c in row][:8] for row in cli["库存汇总"].iter_rows(min_row=2)][:-1]
    cli_moves = [(m.sku, m.qty, m.ref) for m in read_workbook(shop.path(STOCK), STOCK).rows(Movement)]
    live_moves = [(m.sku, m.qty, m.ref) for m in read_workbook(twin / "stock.xlsx", STOCK).rows(Movement)]
    assert live_moves == cli_moves
    xl.stock_alerts(book)
    assert "B" in book.app.alerts[-1]["prompt"]
    xl.stocktake_sheet(book)
    said = book.app.alerts[-1]["prompt"]
    assert "盘点表" in said and "“盘点”表" in said and "按“盘点过账”过账" in said, said  # the next step: the button that posts it


def test_adjustment_below_zero_is_allowed_and_reported(shop):
    wb = openpyxl.load_workbook(shop.path(STOCK))
    wb["盘点"].append([d("11-21"), "F", 0, "张"])  # F: 3 on hand, counted 0 → −3 …
    wb["出入库"].append([d("11-22"), "F", "出库", 2])  # … and 2 went out after the count
    wb.save(shop.path(STOCK))
    plan = W.stocktake_post(shop, d("11-21"), today=TODAY)
    assert any(x.sku == "F" and x.diff == -3 for x in plan.lines)
    assert any("F" in en and "below zero" in en for _, en in plan.warnings)
    assert {r.sku: r.on_hand for r in W.stock_summary(shop)}["F"] == -2  # posted all the same


def test_the_stocktake_button_says_what_to_check(shop):
    """盘点过账 in the open stock.xlsx: the adjustment below zero is posted and said, as `stocktake
    post` says it, not only a red icon with nothing to check."""
    from shopbook import xl
    from xlfake import FakeBook

    wb = openpyxl.load_workbook(shop.path(STOCK))
    wb["盘点"].append([d("11-21"), "F", 0, "张"])
    wb["出入库"].append([d("11-22"), "F", "出库", 2])
    wb.save(shop.path(STOCK))
    book = FakeBook(shop.path(STOCK))
    xl.stocktake_post(book)
    alert = book.app.alerts[-1]
    assert "! F 调整后库存为 -2（负数），请核对" in alert["prompt"] and alert["mode"] == "critical", alert
    assert "below zero" not in alert["prompt"]
    assert {r.sku: r.on_hand for r in W.stock_summary(shop)}["F"] == -2  # posted, into the file


def test_demo_shop_gives_plausible_stock_reports(tmp_path):
    from demo_shop import demo_copy
    from shopbook.demo import DEMO_TODAY

    demo_copy(tmp_path / "demo")
    demo = open_shop(tmp_path / "demo")
    alerts = W.stock_alerts(demo, DEMO_TODAY)
    assert 5 <= len(alerts) <= 80 and any(a.available <= 0 and a.waiting for a in alerts)
    slow, _ = W.slow_movers(demo, DEMO_TODAY)
    assert slow and all(s.days_since_sale is None or s.days_since_sale > 30 for s in slow)
    assert W.waitlist(demo).calls


def test_a_barcode_scanned_into_the_count_sheet_names_its_sku(shop):
    """A barcode scanned into 盘点's 商家编码 was told to be added to 商品 (a second product for the
    same goods); validate and the posting now name the SKU it is the barcode of."""
    from shopbook.validate import validate_path

    wb = openpyxl.load_workbook(shop.path(STOCK))
    head = [c.value for c in wb["商品"][1]]
    wb["商品"].cell(2, head.index("条码") + 1).value = "6900000000017"  # A's
    wb.save(shop.path(STOCK))
    type_in(shop.path(STOCK), "盘点", {(6, "日期"): d("11-21"), (6, "商家编码"): "6900000000017", (6, "实盘数量"): 3,
                                      (6, "盘点人"): "张"})
    said = [i.message_zh for i in validate_path(shop.folder).errors if i.cell == "B6"]
    assert said == ["商家编码“6900000000017”是 A 的条码：请改填 A。"], said
    with pytest.raises(ShopbookError) as e:
        W.stocktake_post(shop, d("11-21"), today=TODAY)
    assert "stock.xlsx › 盘点 › B6 商家编码“6900000000017”是 A 的条码：请改填 A。" in e.value.zh, e.value.zh
    assert "barcode of A: type A instead" in e.value.en and "添加" not in e.value.zh


def test_a_barcode_scanned_into_the_count_sheet_names_its_sku_where_excel_dropped_its_zero(shop):
    """A's 条码 0690000000017 typed into a General cell is stored as the number 690000000017: the
    count scanned as 0690000000017 into 盘点's 商家编码 was told to be added to 商品, as if no product
    had it. Now it is named as A's barcode, as a barcode typed as text is."""
    from shopbook.validate import validate_path

    wb = openpyxl.load_workbook(shop.path(STOCK))
    head = [c.value for c in wb["商品"][1]]
    assert wb["商品"].cell(2, 1).value == "A"
    wb["商品"].cell(2, head.index("条码") + 1).value = 690000000017  # A's, its leading 0 dropped
    wb.save(shop.path(STOCK))
    type_in(shop.path(STOCK), "盘点", {(6, "日期"): d("11-21"), (6, "商家编码"): "0690000000017", (6, "实盘数量"): 3,
                                      (6, "盘点人"): "张"})
    said = [i.message_zh for i in validate_path(shop.folder).errors if i.cell == "B6"]
    assert said == ["商家编码“0690000000017”是 A 的条码：请改填 A。"], said


def test_a_platform_code_typed_where_our_sku_goes_names_what_it_stands_for(shop):
    """QA: an order line typed by hand with the platform's code of a bundle (on 商品映射: TB-SET = A + 2 × B)
    and a count typed under the platform's code of A were each told "不存在。请先在商品表中添加", which would
    make a second product of goods the shop has; and the order reserved nothing. Each now says what the
    code stands for and what to type: the SKU, or the bundle's lines."""
    from shopbook.validate import validate_path

    type_in(shop.path(ORDERS), "商品映射", {(2, "平台编码"): "TB-SET", (2, "商家编码"): "A", (2, "数量"): 1,
                                          (3, "平台编码"): "TB-SET", (3, "商家编码"): "B", (3, "数量"): 2,
                                          (4, "平台编码"): "TB-A", (4, "商家编码"): "A", (4, "数量"): 1})
    type_in(shop.path(ORDERS), "订单", {(2, "商家编码"): "TB-SET"})
    type_in(shop.path(STOCK), "盘点", {(2, "商家编码"): "TB-A"})
    said = {(i.sheet, i.value): i for i in validate_path(shop.folder).errors}
    bundle, one = said[("订单", "TB-SET")], said[("盘点", "TB-A")]
    assert bundle.message_zh == ("商家编码“TB-SET”是“商品映射”表里的平台编码（= A × 1、B × 2），不是我们的商家编码。"
                                 "请拆成这几行：A × 1、B × 2（数量按件数乘上）。"), bundle.message_zh
    assert "(= 1 × A, 2 × B)" in bundle.message_en and "these lines" in bundle.message_en
    assert one.message_zh.endswith("请改填 A。") and one.message_en.endswith("Type A instead."), one.message_zh
    assert not [i for i in validate_path(shop.folder).errors if "请先在商品表中添加" in i.message_zh]


def test_the_count_sheet_and_the_pick_list_walk_shelves_in_number_order(shop):
    """QA: bins numbered without a leading zero came in text order, A-10 before A-2 (and a-3 apart from
    A-2 by its case): the count sheet and the pick list sent the picker to the far end of the aisle
    and back. Now a number in a bin goes by its value, letter case aside, on both."""
    from shopbook.orders.picking import Parcel, pick_list

    bins = {"A": "A-10", "B": "A-2", "C": "a-3", "E": "B-1", "F": "A-2-9"}
    type_in(shop.path(STOCK), "商品", {(k + 2, "库位"): bins[p.sku] for k, p in enumerate(products()) if p.sku in bins})
    ws = openpyxl.load_workbook(W.stocktake_sheet(shop, TODAY)).active
    assert [ws.cell(row=r, column=1).value for r in range(5, ws.max_row + 1)] == [
        "A-2", "A-2-9", "a-3", "A-10", "B-1", None]  # D (no bin) last
    from shopbook.io.reader import read_workbook

    stock = read_workbook(shop.path(STOCK), STOCK, (Product,)).rows(Product)
    parcel = Parcel("O9", [order("O9", s, 1, "已审核") for s in "ABCEF"])
    assert [ln.bin for ln in pick_list([parcel], stock)] == ["A-2", "A-2-9", "a-3", "A-10", "B-1"]
