"""Purchasing against a hand-worked example (today 2026-11-22; sales window 14 days, cover 7,
主推 minimum 30), through real workbooks.

Suppliers: 甲厂 交货周期 10, 起订量 10, 每包 5; 乙厂 交货周期 6, 每包 12.
Products (supplier, opening, safety, lead, cost):
  A S1 白 M 甲厂 (货号 JA-100-M, barcode 6900000000017) 0, 3, 7, ¥20
  B S1 白 L 甲厂 (货号 JA-100-L) 0, 2, 10, ¥30
  C 主推 乙厂 40, 5, 5, ¥10        E 大衣, no supplier, 2, 3, -, ¥50
  G 袜子 乙厂 (货号 Y-88) 5, 6, -, ¥3.50
POs: CG20261020-01 甲厂 A×20, ordered 10-20, 已到货 (received 11-01: 12 days; 甲厂 says 10)
     CG20261110-01 乙厂 C×24 @¥9.50, ordered 11-10, expected 11-16, 部分到货 (10 on 11-16: 6 days)
Movements: A +20 (11-01, CG20261020-01), A −18 (11-15), C −30 (11-12), C +10 (11-16, CG20261110-01)
Orders: O1 已审核 A×1 (reserved), O2 已挂起 B×1 (held for stock)

On hand: A 20−18 = 2, B 0, C 40−30+10 = 20, E 2, G 5. Available: A 1, others as on hand.
On order: C 24−10 = 14 (nothing else open).
Reorder (daily × (lead + 7) rounded up + safety − available; held on top; less on order):
  A 18/14 × 14 = 18, +3 = 21, −1 = 20 → 甲厂 min 10, packs of 5 → 20 × ¥20 = ¥400.00
  B 0 + 2 − 0 + 1 held = 3 → min 10 → 10 × ¥30 = ¥300.00           PO 1: ¥700.00, expected 12-02
  C 30/14 × 12 = 25.71 → 26, +5 = 31 (主推 ≥ 30), −20 = 11, less 14 on order → 0: not ordered again
  G 0 + 6 − 5 = 1 → packs of 12 → 12 × ¥3.50 = ¥42.00               PO 2, expected 11-28
  E 0 + 3 − 2 = 1, no supplier: listed, never written
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest
from built_once import built_once
from typer.testing import CliRunner

from shopbook import functions as F
from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.issues import ShopbookError
from shopbook.purchasing import workflow as W
from shopbook.purchasing.suggest import order_qty
from shopbook.schema import (LEDGER, ORDERS, STOCK, Account, Category, Entry, Movement, OrderLine, PoStatus, Product,
                             PurchaseLine, Supplier, WaitlistEntry)
from shopbook.shop import init_shop, open_shop
from shopbook.stock import workflow as SW
from shopbook.workbook_builder import write_workbook

from cli_run import type_in

D = Decimal
TODAY = dt.date(2026, 11, 22)


def d(s: str) -> dt.date:
    return dt.date(2026, *map(int, s.split("-")))


class _OnToday(dt.date):
    @classmethod
    def today(cls):
        return TODAY


def run_on_today(monkeypatch) -> None:
    """`purchase suggest` run on TODAY, as the clock says: its --write drafts that day's POs, which a
    --date before the clock's day may not (it is a past day)."""
    monkeypatch.setattr(W, "dt", SimpleNamespace(date=_OnToday))


def products():
    P = Product
    return [
        P(sku="A", style="S1", name="衬衫", colour="白", size="M", barcode="6900000000017", cost=D(20), price=D(60),
          opening_qty=0, safety_stock=3, lead_days=7, status="在售", supplier="甲厂", supplier_code="JA-100-M"),
        P(sku="B", style="S1", name="衬衫", colour="白", size="L", cost=D(30), price=D(60), opening_qty=0,
          safety_stock=2, lead_days=10, status="在售", supplier="甲厂", supplier_code="JA-100-L"),
        P(sku="C", name="主推T恤", cost=D(10), price=D(39), opening_qty=40, safety_stock=5, lead_days=5, main=True,
          status="在售", supplier="乙厂"),
        P(sku="E", name="大衣", cost=D(50), price=D(199), opening_qty=2, safety_stock=3, status="在售"),
        P(sku="G", name="袜子", cost=D("3.50"), price=D(15), opening_qty=5, safety_stock=6, status="在售",
          supplier="乙厂", supplier_code="Y-88"),
    ]


def movements():
    M = Movement
    return [M(date=d("11-01"), sku="A", type="入库", qty=20, ref="CG20261020-01"),
            M(date=d("11-12"), sku="C", type="出库", qty=30, ref="T1"),
            M(date=d("11-15"), sku="A", type="出库", qty=18, ref="T2"),
            M(date=d("11-16"), sku="C", type="入库", qty=10, ref="CG20261110-01")]


def purchases():
    L = PurchaseLine
    return [L(po_no="CG20261020-01", supplier="甲厂", sku="A", qty=20, unit_cost=D(20), order_date=d("10-20"),
              expected_date=d("10-30"), status="已到货", received=20),
            L(po_no="CG20261110-01", supplier="乙厂", sku="C", qty=24, unit_cost=D("9.50"), order_date=d("11-10"),
              expected_date=d("11-16"), status="部分到货", received=10)]


def order(no, sku, qty, status):
    return OrderLine(order_no=no, receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x", sku=sku, qty=qty,
                     status=status)


@pytest.fixture
def shop(tmp_path):
    folder = tmp_path / "shop"
    built_once(folder, "test_purchasing.shop", _build_shop)  # (built once a process, copied for each test)
    return open_shop(folder)


def _build_shop(folder):
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: products(), Movement: movements(), PurchaseLine: purchases(),
        Supplier: [Supplier(supplier="甲厂", contact="王经理", phone="13900000001", lead_days=10, min_qty=10, pack=5),
                   Supplier(supplier="乙厂", lead_days=6, pack=12)],
        WaitlistEntry: [WaitlistEntry(date=d("11-05"), customer="甲", contact="13811112222", sku="A"),
                        WaitlistEntry(date=d("11-06"), customer="乙", style="S1", colour="白", size="L"),
                        WaitlistEntry(date=d("11-08"), customer="丁", sku="E")],
    }, keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        order("O1", "A", 1, "已审核"), order("O2", "B", 1, "已挂起")]}, keep_backup=False)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Account: [Account(account="支付宝", opening_date=d("01-01"), opening_balance=D(0)),
                  Account(account="银行", opening_date=d("01-01"), opening_balance=D(1000))],
        Category: [Category(category="销售收入", direction="收入", group="销售"),
                   Category(category="采购货款", direction="支出", group="商品成本")]}, keep_backup=False)


def test_order_quantity_rounds_to_minimum_then_packs():
    assert order_qty(3, 10, 5) == 10 and order_qty(11, 10, 5) == 15 and order_qty(1, None, 12) == 12
    assert order_qty(20, 10, 5) == 20 and order_qty(7, None, None) == 7


def test_on_order_counts_in_alerts_and_summary(shop):
    alerts = {a.sku: a for a in SW.stock_alerts(shop, TODAY)}
    assert alerts["C"].on_order == 14 and alerts["C"].reorder_qty == 0  # 11 needed, 14 coming
    assert (alerts["A"].reorder_qty, alerts["B"].reorder_qty, alerts["G"].reorder_qty, alerts["E"].reorder_qty) \
        == (20, 4, 1, 1)  # B: and 乙 on the waiting list, whom no stock serves
    rows = {r.sku: r for r in SW.stock_summary(shop)}
    assert (rows["C"].on_hand, rows["C"].reserved, rows["C"].available, rows["C"].on_order) == (20, 0, 20, 14)
    assert rows["A"].on_order == 0
    ws = openpyxl.load_workbook(shop.path(STOCK))["库存汇总"]
    head = [c.value for c in ws[1]]
    assert head[12:] == ["在途", "备注"] and [c.value for c in ws[2 + 2]][head.index("在途")] == 14  # row of C


def test_suggest_groups_by_supplier_with_hand_worked_figures(shop):
    plan = W.purchase_plan(shop, TODAY)
    by = {o.supplier: o for o in plan.orders}
    assert list(by) == ["甲厂", "乙厂", None]
    a = by["甲厂"]
    assert a.po_no == "CG20261122-01" and a.expected_date == d("12-02") and a.total == D("700.00")
    assert [(x.sku, x.need, x.qty, x.unit_cost, x.supplier_code) for x in a.lines] == [
        ("A", 20, 20, D(20), "JA-100-M"), ("B", 4, 10, D(30), "JA-100-L")]
    b = by["乙厂"]
    assert b.po_no == "CG20261122-02" and b.expected_date == d("11-28") and b.total == D("42.00")
    assert [(x.sku, x.qty) for x in b.lines] == [("G", 12)]  # C is on order already: not again
    assert [(x.sku, x.qty) for x in by[None].lines] == [("E", 1)] and by[None].po_no is None
    lead = {o.supplier: (o.measured.declared, o.measured.days, o.measured.orders) for o in plan.orders if o.measured}
    assert lead == {"甲厂": (10, D("12.0"), 1), "乙厂": (6, D("6.0"), 1)}


def test_suggest_write_makes_a_po_once_and_the_documents(shop):
    res = W.purchase_suggest(shop, TODAY, write_drafts=True)
    assert res.written and len(res.documents) == 2
    lines = read_workbook(shop.path(STOCK), STOCK).rows(PurchaseLine)
    drafts = [(ln.po_no, ln.supplier, ln.sku, ln.qty, ln.unit_cost, ln.status, ln.expected_date) for ln in lines
              if ln.status is PoStatus.DRAFT]
    assert drafts == [("CG20261122-01", "甲厂", "A", 20, D(20), PoStatus.DRAFT, d("12-02")),
                      ("CG20261122-01", "甲厂", "B", 10, D(30), PoStatus.DRAFT, d("12-02")),
                      ("CG20261122-02", "乙厂", "G", 12, D("3.50"), PoStatus.DRAFT, d("11-28"))]
    # the PO workbook: the supplier's codes, the amounts, the total in words
    ws = openpyxl.load_workbook(res.documents[0]).active
    cells = [[c.value for c in r] for r in ws.iter_rows()]
    assert cells[0][0] == "采购单 CG20261122-01"
    body = [r for r in cells if r[1] in ("A", "B")]
    assert [(r[1], r[2], r[6], r[7], r[8]) for r in body] == [("A", "JA-100-M", 20, 20, 400), ("B", "JA-100-L", 10, 30, 300)]
    assert any(r[0] == "金额大写：柒佰元整" for r in cells)
    # again: everything is on order now, nothing new is written
    again = W.purchase_suggest(shop, TODAY, write_drafts=True)
    assert [o.supplier for o in again.plan.orders] == [None] and not again.written
    assert len(read_workbook(shop.path(STOCK), STOCK).rows(PurchaseLine)) == 5


def _scan(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _receive_setup(shop):
    W.purchase_suggest(shop, TODAY, write_drafts=True)


def test_receive_partial_wrong_items_payment_and_waitlist(shop, tmp_path):
    _receive_setup(shop)
    # a box: heading line, A scanned by barcode 12 times, B by the supplier's code with a count,
    # a C that is not on this PO, and a code nobody knows
    scan = _scan(tmp_path, "box1.txt", "CG20261122-01,顺丰,SF1234567890\n" + "6900000000017\n" * 12
                 + "JA-100-L,6\nC\n999\n")
    r = W.purchase_receive(shop, scan, "CG20261122-01", d("11-25"), book_payment=True)
    got = {x.sku: (x.ordered, x.before, x.now, x.short, x.over, x.result, x.status) for x in r.lines}
    assert got == {"A": (20, 0, 12, 8, 0, "short", PoStatus.PARTLY), "B": (10, 0, 6, 4, 0, "short", PoStatus.PARTLY)}
    said = {ln[1].split()[0]: ln[1:] for ln in r.said() if ln[1].startswith("  ")}  # each PO line, as the screen says it
    assert said["A"][0].endswith("本次   12  少到 8") and said["A"][1].endswith("now   12  short 8"), said  # said once
    assert r.said()[0][1].startswith("CG20261122-01 甲厂：入库 18 件")  # the shop's colon
    assert [(w.code, w.sku, w.qty) for w in r.wrong] == [("C", "C", 1), ("999", None, 1)]
    assert not r.closed and not r.complete
    assert r.owed == D("420.00") and r.payment.amount == D("420.00") and r.payment_written
    assert sorted(c.customer for c in r.calls) == ["乙", "甲"]  # 丁 waits for E, which did not come
    wd = read_workbook(shop.path(STOCK), STOCK)
    posted = [(m.sku, m.qty, m.ref) for m in wd.rows(Movement) if m.date == d("11-25")]
    assert posted == [("A", 12, "CG20261122-01"), ("B", 6, "CG20261122-01")]  # C and 999 not posted
    po = {ln.sku: (ln.status, ln.received) for ln in wd.rows(PurchaseLine) if ln.po_no == "CG20261122-01"}
    assert po == {"A": (PoStatus.PARTLY, 12), "B": (PoStatus.PARTLY, 6)}
    entries = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    assert [(e.category, e.amount, e.account, e.order_no, e.counterparty) for e in entries] == [
        ("采购货款", D("420.00"), "银行", "CG20261122-01", "甲厂")]
    # still on order: A 8, B 4; the same file again posts nothing
    rows = {r.sku: r for r in SW.stock_summary(shop)}
    assert (rows["A"].on_order, rows["B"].on_order) == (8, 4)
    again = W.purchase_receive(shop, scan, "CG20261122-01", d("11-25"), book_payment=True)
    assert again.already_posted and not again.movements
    assert len(read_workbook(shop.path(STOCK), STOCK).rows(Movement)) == 6

    # the rest, with two As too many: the PO closes, the payment is the rest of what was ordered
    box2 = _scan(tmp_path, "box2.csv", "商家编码,实收数量\nA,10\nB,4\n")
    r2 = W.purchase_receive(shop, box2, "CG20261122-01", d("11-27"))
    got = {x.sku: (x.before, x.now, x.short, x.over, x.result) for x in r2.lines}
    assert got == {"A": (12, 10, 0, 2, "over"), "B": (6, 4, 0, 0, "complete")}
    assert r2.closed and r2.owed == D("700.00") and r2.booked == D("420.00") and r2.payment.amount == D("280.00")
    assert not r2.payment_written  # proposed only without --pay
    po = {ln.sku: (ln.status, ln.received) for ln in read_workbook(shop.path(STOCK), STOCK).rows(PurchaseLine)
          if ln.po_no == "CG20261122-01"}
    assert po == {"A": (PoStatus.RECEIVED, 22), "B": (PoStatus.RECEIVED, 10)}
    rows = {r.sku: r for r in SW.stock_summary(shop)}
    assert (rows["A"].on_hand, rows["A"].on_order, rows["B"].on_hand, rows["B"].on_order) == (24, 0, 10, 0)


def test_receive_short_and_close(shop, tmp_path):
    _receive_setup(shop)
    r = W.purchase_receive(shop, _scan(tmp_path, "g.txt", "Y-88,9\n"), "CG20261122-02", d("11-26"), close=True)
    assert [(x.sku, x.now, x.short) for x in r.lines] == [("G", 9, 3)] and r.closed
    assert r.payment.amount == D("31.50")  # 9 × 3.50: the 3 never sent are not paid
    assert {a.sku: a.on_order for a in SW.stock_alerts(shop, d("11-26"))}.get("G", 0) == 0


def test_receive_a_scan_typed_in_full_width(shop, tmp_path):
    """Full-width ， and digits (an input method left in full-width) count as ship reads them."""
    _receive_setup(shop)
    r = W.purchase_receive(shop, _scan(tmp_path, "g.txt", "Ｙ－８８，１２\n"), "CG20261122-02", d("11-26"))
    assert [(x.sku, x.now) for x in r.lines] == [("G", 12)] and r.complete and not r.wrong


def _count_sheet(path: Path, *more: list) -> Path:
    """A count sheet as a person makes one: a title, the header, 12 of G, and `more` rows below."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["收货单 CG20261122-02"], ["商家编码", "名称", "实收数量"], ["G", "袜子", 12], *more):
        ws.append(row)
    wb.save(path)
    return path


def test_receive_from_an_xlsx_count_sheet(shop, tmp_path):
    _receive_setup(shop)
    r = W.purchase_receive(shop, _count_sheet(tmp_path / "count.xlsx"), "CG20261122-02", d("11-26"))
    assert r.complete and r.closed and r.payment.amount == D("42.00")


def test_receive_unknown_po_is_one_clear_stop(shop, tmp_path):
    with pytest.raises(ShopbookError) as e:
        W.purchase_receive(shop, _scan(tmp_path, "x.txt", "A\n"), "CG999", TODAY)
    assert "CG999" in e.value.zh and "CG999" in e.value.en


def test_an_unknown_po_names_the_pos_goods_are_still_to_come_on(shop, tmp_path):
    """QA: a mistyped --po listed the last five POs by name, received ones among them, and left
    out the open one the delivery was for: it names those goods are still to come on."""
    _receive_setup(shop)
    with pytest.raises(ShopbookError) as e:
        W.purchase_receive(shop, _scan(tmp_path, "x.txt", "A\n"), "CG999", TODAY)
    waiting = "CG20261110-01、CG20261122-01、CG20261122-02"  # (drafts too: a delivery may come on one)
    assert "还在等货的：" + waiting in e.value.zh
    assert "Goods are still to come on: " + waiting.replace("、", ", ") in e.value.en


def test_overdue_and_lead_times(shop):
    late = W.overdue_purchase_orders(shop, TODAY)
    assert [(o.po_no, o.supplier, o.days_late, o.outstanding) for o in late] == [("CG20261110-01", "乙厂", 6, 14)]
    assert W.overdue_purchase_orders(shop, d("11-16")) == []  # due that day: not late yet
    lt = {x.supplier: (x.declared, x.days) for x in W.supplier_lead_times(shop)}
    assert lt == {"甲厂": (10, D("12.0")), "乙厂": (6, D("6.0"))}


def test_cli_suggest_json_and_receive(shop, tmp_path):
    runner = CliRunner()
    res = runner.invoke(app, ["purchase", "suggest", str(shop.folder), "--date", "2026-11-22", "--json"])
    data = json.loads(res.stdout)
    assert [(x["supplier"], x["sku"], x["quantity"], x["unit_cost"], x["expected_date"]) for x in data["lines"]] == [
        ("甲厂", "A", 20, "20.00", "2026-12-02"), ("甲厂", "B", 10, "30.00", "2026-12-02"),
        ("乙厂", "G", 12, "3.50", "2026-11-28"), (None, "E", 1, "50.00", None)]
    assert res.exit_code == 1 and not data["written"]  # E has no supplier: a person must look
    with pytest.MonkeyPatch.context() as m:
        run_on_today(m)
        res = runner.invoke(app, ["purchase", "suggest", str(shop.folder), "--write"])
    assert res.exit_code == 1 and "CG20261122-01" in res.stdout  # E has no supplier: a person must look
    scan = _scan(tmp_path, "s.txt", "G\n" * 12)
    res = runner.invoke(app, ["purchase", "receive", str(shop.folder), str(scan), "--po", "CG20261122-02",
                              "--date", "2026-11-26"])
    assert res.exit_code == 0 and "✓" in res.stdout
    res = runner.invoke(app, ["purchase", "receive", str(shop.folder), str(scan), "--po", "CG20261122-02",
                              "--date", "2026-11-26", "--pay"])  # as the first run's "--pay writes it" says
    assert res.exit_code == 0 and "¥42.00" in res.stdout and "没有改动" not in res.stdout, res.stdout
    res = runner.invoke(app, ["purchase", "receive", str(shop.folder), str(scan), "--po", "CG1"])
    assert res.exit_code == 2 and "Traceback" not in res.output


def test_sb_on_order(shop):
    assert F.on_order([["C"], ["A"], ["Z"]], shop.folder)[:2] == [[14], [0]]
    assert F.reorder_qty("C", shop.folder, today=TODAY) == 0 and F.reorder_qty("A", shop.folder, today=TODAY) == 20


def test_buttons_match_the_library(shop, tmp_path):
    """采购建议 and 采购收货… pressed in the open stock.xlsx write what the library writes
    on a twin of the shop (today's date on both sides)."""
    import shutil

    from shopbook import xl
    from xlfake import FakeBook

    twin = tmp_path / "twin"
    shutil.copytree(shop.folder, twin)
    res = W.purchase_suggest(shop, write_drafts=True)
    book = FakeBook(twin / "stock.xlsx")
    xl.purchase_suggest(book)
    assert "草稿采购单" in book.app.alerts[-1]["prompt"]
    live = book.sheet_rows("采购")
    head = live[0]
    got = [(r[head.index("采购单号")], r[head.index("商家编码")], r[head.index("数量")]) for r in live[1:] if r[0]]
    want = [(ln.po_no, ln.sku, ln.qty) for ln in read_workbook(shop.path(STOCK), STOCK).rows(PurchaseLine)]
    assert got == want and len(want) > 2 and res.documents
    po = next(ln.po_no for ln in read_workbook(shop.path(STOCK), STOCK).rows(PurchaseLine)
              if ln.status is PoStatus.DRAFT)
    scan = _scan(tmp_path, "box.txt", f"{po},顺丰,SF1\nZZZ\n")
    xl.purchase_receive(path=str(scan), book=book)
    assert "ZZZ" in book.app.alerts[-1]["prompt"]  # the unknown code is reported
    no_po = _scan(tmp_path, "nopo.txt", "A\n")
    xl.purchase_receive(path=str(no_po), book=book)
    assert "采购单号" in book.app.alerts[-1]["prompt"]


def test_validate_checks_the_purchase_sheets(tmp_path):
    from shopbook.validate import validate_path

    folder = tmp_path / "v"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: products(), Supplier: [Supplier(supplier="甲厂")],
        PurchaseLine: [PurchaseLine(po_no="P1", supplier="甲厂", sku="NOPE", qty=1, status="已下单"),
                       PurchaseLine(po_no="P1", supplier="丙厂", sku="A", qty=0, status="已下单"),
                       PurchaseLine(po_no="P1", supplier="甲厂", sku="A", qty=2, status="草稿")]}, keep_backup=False)
    issues = [i for i in validate_path(folder).issues if i.sheet in ("采购", "商品")]
    got = sorted((i.sheet, i.cell, i.severity) for i in issues)
    # NOPE is no product; 0 units; A twice on P1; 丙厂 and 乙厂 (商品 C, G) are not suppliers
    assert got == sorted([("采购", "C2", "error"), ("采购", "D3", "error"), ("采购", "C4", "error"),
                          ("采购", "B3", "warning"), ("商品", "P4", "warning"), ("商品", "P6", "warning")]), got


def test_cli_suppliers_lists_lead_times_and_overdue(shop):
    res = CliRunner().invoke(app, ["purchase", "suppliers", str(shop.folder), "--date", "2026-11-22", "--json"])
    data = json.loads(res.stdout)
    assert data["lead_times"] == [{"supplier": "甲厂", "declared": 10, "measured": "12.0", "orders": 1, "recent": "12.0",
                                   "recent_orders": 1, "slower_than_declared": False},  # (one PO: too few to say)
                                  {"supplier": "乙厂", "declared": 6, "measured": "6.0", "orders": 1, "recent": "6.0",
                                   "recent_orders": 1, "slower_than_declared": False}]
    assert data["overdue"] == [{"po_no": "CG20261110-01", "supplier": "乙厂", "expected_date": "2026-11-16", "expected_from": "typed",
                                "days_late": 6, "outstanding": 14, "draft": False}]
    assert res.exit_code == 1  # an overdue PO: someone should call 乙厂


def test_a_shop_without_the_purchase_sheet_gets_one(shop, tmp_path):
    wb = openpyxl.load_workbook(shop.path(STOCK))
    del wb["采购"]
    wb.save(shop.path(STOCK))
    from shopbook.validate import validate_path

    assert not [i for i in validate_path(shop.folder).issues if i.sheet == "采购"]  # a feature not used: no nag
    res = W.purchase_suggest(shop, TODAY, write_drafts=True)
    assert res.written
    wd = read_workbook(shop.path(STOCK), STOCK)
    assert [(ln.po_no, ln.sku, ln.qty, ln.status) for ln in wd.rows(PurchaseLine)] == [
        ("CG20261122-01", "A", 20, PoStatus.DRAFT), ("CG20261122-01", "B", 10, PoStatus.DRAFT),
        ("CG20261122-02", "C", 12, PoStatus.DRAFT), ("CG20261122-02", "G", 12, PoStatus.DRAFT)]  # no PO for C now
    assert not [i for i in wd.all_issues() if i.is_error] and len(wd.rows(Product)) == 5
    r = W.purchase_receive(shop, _scan(tmp_path, "g.txt", "G,12\nC,12\n"), "CG20261122-02", d("11-26"))
    assert r.complete and r.closed and r.owed == D("162.00")  # 12 × 10 + 12 × 3.50


def test_an_english_shop_reads_english_everywhere(tmp_path):
    folder = tmp_path / "en"
    init_shop(folder, lang="en")
    write_workbook(folder / "stock.xlsx", STOCK, "en", {
        Product: products(), Movement: movements(), PurchaseLine: purchases(),
        Supplier: [Supplier(supplier="甲厂", lead_days=10, min_qty=10, pack=5)]}, keep_backup=False)
    shop = open_shop(folder)
    res = W.purchase_suggest(shop, TODAY, write_drafts=True)
    doc = openpyxl.load_workbook(res.documents[0]).active
    words = [c.value for r in doc.iter_rows() for c in r if isinstance(c.value, str)]
    assert doc.title == "Purchase order" and "Supplier code" in words and not any("采购单" in w for w in words)
    raw = openpyxl.load_workbook(shop.path(STOCK))["Purchases"]
    statuses = [r[7] for r in raw.iter_rows(min_row=2, values_only=True) if r[0] and r[0].startswith("CG20261122")]
    assert set(statuses) == {"draft"}
    r = W.purchase_receive(shop, _scan(tmp_path, "a.txt", "A,20\n"), "CG20261122-01", d("11-25"))
    assert r.movements[0].note.startswith("PO receipt") and r.payment.category == "Purchases"


def test_receive_refuses_an_empty_count_and_another_pos_box(shop, tmp_path):
    _receive_setup(shop)
    before = shop.path(STOCK).read_bytes()
    with pytest.raises(ShopbookError) as e:
        W.purchase_receive(shop, _scan(tmp_path, "empty.txt", "\n\n"), "CG20261122-01", d("11-25"))
    assert "没有任何编码" in e.value.zh
    with pytest.raises(ShopbookError) as e:
        W.purchase_receive(shop, _scan(tmp_path, "box.txt", "CG20261122-02,顺丰,SF1\nG\n"), "CG20261122-01", d("11-25"))
    assert "CG20261122-02" in e.value.en and "--po CG20261122-02" in e.value.en
    assert shop.path(STOCK).read_bytes() == before  # nothing written


def test_the_daily_self_check_lists_an_overdue_po_for_the_warehouse(shop):
    """Issue 21 item 5: the self-check names the overdue PO, its supplier and what is missing."""
    from shopbook.report.selfcheck import read_selfcheck

    items = [i for i in read_selfcheck(shop, TODAY) if i.record == "采购单 CG20261110-01"]
    assert len(items) == 1
    (item,) = items
    assert item.role == "warehouse" and item.urgent
    assert "14 件" in item.what and "乙厂" in item.what and "6 天" in item.what
    assert "shopbook purchase suppliers" in item.action
    assert not [i for i in read_selfcheck(shop, d("11-16")) if i.record.startswith("采购单")]  # due that day


def test_pay_after_the_count_was_posted_books_the_payment_once(shop, tmp_path):
    # the first run posts the goods and says "proposed (--pay writes it)"; the same command with
    # --pay then books the payment (the goods are not posted again), and a third run books nothing
    _receive_setup(shop)
    scan = _scan(tmp_path, "box1.txt", "6900000000017\n" * 12 + "JA-100-L,6\n")
    first = W.purchase_receive(shop, scan, "CG20261122-01", d("11-25"))
    assert first.payment.amount == D("420.00") and not first.payment_written
    again = W.purchase_receive(shop, scan, "CG20261122-01", d("11-25"), book_payment=True)
    assert again.already_posted and not again.movements and again.payment_written
    assert again.payment.amount == D("420.00") and again.payment.order_no == "CG20261122-01"
    third = W.purchase_receive(shop, scan, "CG20261122-01", d("11-25"), book_payment=True)
    assert third.already_posted and third.payment is None and not third.payment_written
    entries = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    assert [(e.category, e.amount, e.order_no) for e in entries] == [("采购货款", D("420.00"), "CG20261122-01")]
    assert len(read_workbook(shop.path(STOCK), STOCK).rows(Movement)) == 6  # the goods once


def test_cli_suppliers_on_screen_exits_as_with_json(shop):
    res = CliRunner().invoke(app, ["purchase", "suppliers", str(shop.folder), "--date", "2026-11-22"])
    assert "CG20261110-01" in res.output and res.exit_code == 1  # the same answer as --json gives


def test_a_supplier_named_while_the_suppliers_sheet_is_empty_is_located_not_a_crash(shop):
    """validate checked 供应商 references against an empty list and crashed in difflib (n=0)."""
    from shopbook.validate.run import validate_path

    folder = shop.folder
    wb = read_workbook(folder / "stock.xlsx", STOCK)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: wb.rows(Product), Movement: wb.rows(Movement),
                                                        PurchaseLine: wb.rows(PurchaseLine), Supplier: []},
                   keep_backup=False)
    r = CliRunner().invoke(app, ["validate", str(folder), "--json"])
    assert "internal error" not in r.output
    found = [i for i in validate_path(folder).issues if i.field == "supplier"]
    assert found and all(i.severity == "warning" and "“甲厂”不存在" in i.message_zh for i in found
                         if i.value == "甲厂")


def test_a_corrected_renamed_or_resaved_count_posts_only_what_it_adds(shop, tmp_path):
    """QA: a count with a typo (2O) posted, then corrected, renamed or saved with CRLF, posted
    everything again (the receipt's id was the file's name and bytes): 已收数量 doubled."""
    _receive_setup(shop)
    scan = _scan(tmp_path, "recv.txt", "A,2O\nB,10\n")
    first = W.purchase_receive(shop, scan, "CG20261122-01", d("11-25"))
    assert [(m.sku, m.qty) for m in first.movements] == [("B", 10)] and first.problems
    scan.write_text("A,20\nB,10\n", encoding="utf-8")  # the typo fixed, the same day
    fixed = W.purchase_receive(shop, scan, "CG20261122-01", d("11-25"))
    assert [(m.sku, m.qty) for m in fixed.movements] == [("A", 20)] and fixed.same_delivery
    assert {x.sku: (x.now, x.earlier) for x in fixed.lines} == {"A": (20, 0), "B": (0, 10)}
    (tmp_path / "copy.txt").write_bytes(scan.read_bytes())
    (tmp_path / "crlf.txt").write_bytes(b"\xef\xbb\xbfA,20\r\nB,10\r\n")
    for other, day in (("copy.txt", "11-25"), ("crlf.txt", "11-25"), ("crlf.txt", "11-28")):
        again = W.purchase_receive(shop, tmp_path / other, "CG20261122-01", d(day))
        assert again.already_posted and not again.movements
    wd = read_workbook(shop.path(STOCK), STOCK)
    assert sorted((m.sku, m.qty) for m in wd.rows(Movement) if m.ref == "CG20261122-01") == [("A", 20), ("B", 10)]
    po = {ln.sku: (ln.status, ln.received) for ln in wd.rows(PurchaseLine) if ln.po_no == "CG20261122-01"}
    assert po == {"A": (PoStatus.RECEIVED, 20), "B": (PoStatus.RECEIVED, 10)}


def test_more_onto_received_lines_is_refused_unless_a_new_delivery(shop, tmp_path):
    """A count that posts onto a line already 已到货 (another day, a file changed since) is
    refused with nothing written; --new-delivery posts a genuine second delivery."""
    _receive_setup(shop)
    W.purchase_receive(shop, _scan(tmp_path, "box.txt", "A,20\nB,4\n"), "CG20261122-01", d("11-25"))
    later = _scan(tmp_path, "box-again.txt", "A,20\nB,6\n")  # B's rest, with A counted again
    before = shop.path(STOCK).read_bytes()
    with pytest.raises(ShopbookError) as e:
        W.purchase_receive(shop, later, "CG20261122-01", d("11-27"))
    assert "A（订 20，已收 20，这次又 20）" in e.value.zh and "--new-delivery" in e.value.en
    assert shop.path(STOCK).read_bytes() == before  # nothing written
    res = CliRunner().invoke(app, ["purchase", "receive", str(shop.folder), str(later), "--po", "CG20261122-01",
                                   "--date", "2026-11-27", "--new-delivery"])
    assert res.exit_code == 1 and "多到20" in "".join(res.stdout.split()), res.output  # A over by 20, posted
    wd = read_workbook(shop.path(STOCK), STOCK)
    po = {ln.sku: ln.received for ln in wd.rows(PurchaseLine) if ln.po_no == "CG20261122-01"}
    assert po == {"A": 40, "B": 10}


def test_a_recount_of_fewer_takes_nothing_back_and_says_so(shop, tmp_path):
    _receive_setup(shop)
    W.purchase_receive(shop, _scan(tmp_path, "a.txt", "A,12\n"), "CG20261122-01", d("11-25"))
    r = W.purchase_receive(shop, _scan(tmp_path, "b.txt", "A,10\nB,3\n"), "CG20261122-01", d("11-25"))
    assert [(m.sku, m.qty) for m in r.movements] == [("B", 3)]
    assert [zh for _, zh, _ in r.problems] == ["A 这次点了 10 件，同一批货今天已入库 12 件：没有冲回，请核对后用盘点更正"]
    assert not r.complete
    W.purchase_receive(shop, _scan(tmp_path, "c.txt", "B,10\n"), "CG20261122-01", d("11-25"))  # B complete
    r = W.purchase_receive(shop, _scan(tmp_path, "d.txt", "A,12\nB,11\n"), "CG20261122-01", d("11-25"))
    assert [(m.sku, m.qty) for m in r.movements] == [("B", 1)]  # one more found the same day: over, not refused


def test_a_count_posted_by_an_earlier_version_is_still_found(shop, tmp_path):
    """Receipts posted before the id was the count's content carry the file's name+bytes id."""
    import hashlib

    _receive_setup(shop)
    scan = _scan(tmp_path, "old.txt", "A,20\n")
    old = "R" + hashlib.sha256(b"old.txt\0" + scan.read_bytes()).hexdigest()[:8]
    counted, rid = W.read_count(scan)
    assert rid != old and counted.aliases == (old,)
    from shopbook.purchasing import receive as R

    lines = [ln for ln in read_workbook(shop.path(STOCK), STOCK).rows(PurchaseLine) if ln.po_no == "CG20261122-01"]
    posted = [Movement(date=d("11-25"), sku="A", type="入库", qty=20, ref="CG20261122-01", note=f"采购收货 {old}")]
    r = R.plan_receipt("CG20261122-01", lines, products(), posted, counted, rid, d("11-26"), aliases=counted.aliases)
    assert r.already_posted and not r.movements


def test_a_quantity_scanned_as_1e3_is_refused_not_read_as_a_thousand(shop, tmp_path):
    _receive_setup(shop)
    before = shop.path(STOCK).read_bytes()
    r = W.purchase_receive(shop, _scan(tmp_path, "n.txt", "C,1e3\n"), "CG20261110-01", d("11-26"))
    assert not r.movements and r.problems and shop.path(STOCK).read_bytes() == before  # nothing changed: not rewritten
    r = W.purchase_receive(shop, _scan(tmp_path, "g.txt", "Y-88,1e3\nY-88,2.5\nY-88,1_0\nY-88,12\n"),
                           "CG20261122-02", d("11-26"))
    assert [(m.sku, m.qty) for m in r.movements] == [("G", 12)]
    assert [n for n, _, _ in r.problems] == [1, 2, 3] and "应为整数：“1e3”" in r.problems[0][1]
    wb = openpyxl.Workbook()  # a count sheet: 1000 that Excel stored as a number is a thousand
    wb.active.append(["商家编码", "实收数量"])
    wb.active.append(["C", 1000.0])
    wb.save(tmp_path / "count.xlsx")
    from shopbook.purchasing.receive import count_from_rows
    import python_calamine as pc

    rows = pc.CalamineWorkbook.from_path(str(tmp_path / "count.xlsx")).get_sheet_by_index(0).to_python()
    assert count_from_rows(rows).codes == {"C": 1000}


def test_a_count_s_wrong_items_say_what_to_do_and_doing_it_posts_them_once(shop, tmp_path):
    """A C that is not on the PO and a code nobody knows are not posted: the receipt says what to do
    (return it, or add it to the PO and receive a count of just those lines; fill in the barcode).
    Doing it posts C once, and nothing the first count posted again."""
    from shopbook.io.sheet_edit import SheetEdit, edit_workbook

    _receive_setup(shop)
    po = "CG20261122-01"
    scan = _scan(tmp_path, "box1.txt", "6900000000017\n" * 12 + "JA-100-L,6\nC\n999\n")
    said = W.purchase_receive(shop, scan, po, d("11-25")).said()
    zh, en = " ".join(s[1] for s in said), " ".join(s[2] for s in said)
    assert f"退给供应商；要留下的，先在 stock.xlsx 的“采购”表把它加进 {po}，再收一个只有这几行的收货文件" in zh
    assert f"return them to the supplier; to keep one, add it to {po} in the Purchases sheet" in en
    assert "不认识的编码：核对扫描的条码" in zh and "条码填“条码”列" in zh and "unknown codes: check the code scanned" in en
    # as it says: C added to the PO, then a count of just C, the same day
    wd = read_workbook(shop.path(STOCK), STOCK, (PurchaseLine,))
    a = next(ln for ln in wd.rows(PurchaseLine) if ln.po_no == po)
    edit_workbook(shop.path(STOCK), [SheetEdit(PurchaseLine, append=[PurchaseLine(
        po_no=po, supplier=a.supplier, sku="C", qty=1, status=PoStatus.ORDERED, order_date=a.order_date)],
        layout=wd.sheets[PurchaseLine])])
    r = W.purchase_receive(shop, _scan(tmp_path, "c.txt", "C\n"), po, d("11-25"))
    assert not r.wrong and not any("退给供应商" in s[1] for s in r.said())
    posted = [(m.sku, m.qty) for m in read_workbook(shop.path(STOCK), STOCK).rows(Movement) if m.date == d("11-25")]
    assert posted == [("A", 12), ("B", 6), ("C", 1)]


def test_a_count_of_another_pos_goods_is_not_said_to_be_posted_already(shop, tmp_path):
    """QA: a count of goods none of which is on the PO, received the day that PO had a count,
    said "what this file counts was posted by the count of that day" of goods never posted. It
    says that none of them is on the PO; a count of the PO's own goods counted again still says
    the earlier count posted them."""
    _receive_setup(shop)
    po = "CG20261122-01"
    W.purchase_receive(shop, _scan(tmp_path, "box1.txt", "B,10\n"), po, d("11-25"))
    other = W.purchase_receive(shop, _scan(tmp_path, "box2.txt", "C,3\n"), po, d("11-25"))
    zh, en = " ".join(s[1] for s in other.said()), " ".join(s[2] for s in other.said())
    assert other.nothing_new and other.wrong
    assert "这个文件点的货都不在这张采购单上" in zh and "nothing this file counts is on this PO" in en
    assert "入过库" not in zh and "was posted by" not in en
    again = W.purchase_receive(shop, _scan(tmp_path, "box1-again.txt", "B,10\nC,3\n"), po, d("11-25"))
    assert "这个文件点的货已由" in " ".join(s[1] for s in again.said())


def test_a_delivery_is_received_where_an_order_line_does_not_read(shop, tmp_path):
    """Review: the stop on orders that do not read (the stock figures that count them) must not
    stop what does not count them. The goods are posted; whom to call (which counts orders) is said
    not worked out, with why; supplier lead times and overdue POs answer as before."""
    _receive_setup(shop)
    type_in(shop.path(ORDERS), "订单", {(2, "数量"): "三件"})
    r = W.purchase_receive(shop, _scan(tmp_path, "box.txt", "B,10\n"), "CG20261122-01", d("11-25"))
    assert [(m.sku, m.qty) for m in r.movements] == [("B", 10)]
    said = " ".join(s[1] for s in r.said())
    assert "到货通知没有算出：订单：1 个数据错误" in said and "orders.xlsx › 订单 › K2" in said and "三件" in said
    assert W.supplier_lead_times(shop) is not None and W.overdue_purchase_orders(shop, d("12-30")) is not None
    shop.path(ORDERS).unlink()
    assert W.supplier_lead_times(shop) is not None


def test_nothing_to_order_is_not_said_to_be_covered_by_what_is_on_order(tmp_path):
    """A new shop (no product below its reorder point, nothing on order) was told 'nothing to order
    (what is on order covers it)'; the reason is now both that can be."""
    from typer.testing import CliRunner

    from shopbook.cli import app
    from shopbook.shop import init_shop

    init_shop(tmp_path / "shop")
    r = CliRunner().invoke(app, ["purchase", "suggest", str(tmp_path / "shop")])
    assert r.exit_code == 0 and "没有要采购的：没有商品低于补货点，或在途的已够" in "".join(r.output.split()), r.output


@pytest.mark.parametrize("total", ["合计", "合 计", "Total"])
def test_a_count_sheet_or_scan_with_a_totals_row_counts_the_goods_alone(shop, tmp_path, total):
    """A count sheet ending in the person's 合计 row, a scan ending in '合计 12': before, the total was
    read as one more code ('第 4 行 合计 的数量读不出', or an unknown code of 12 units). Now it is no line."""
    _receive_setup(shop)
    count = _count_sheet(tmp_path / "count.xlsx", [total, None, "=SUM(C3:C3)"])
    r = W.purchase_receive(shop, count, "CG20261122-02", d("11-26"))
    assert r.complete and not r.problems and [(m.sku, m.qty) for m in r.movements] == [("G", 12)]
    from shopbook.purchasing.receive import count_from_text

    c = count_from_text(f"G\nG\n{total} 2\n")
    assert dict(c.codes) == {"G": 2} and not c.problems


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_count_headed_as_shopbook_s_own_po_and_count_sheets_head_it_is_read(tmp_path, lang):
    """QA: an English count headed as shopbook's English PO heads it (Supplier code | Name | Received)
    was 'a receipt file that holds no codes'; with two columns it was read as scan lines, its header
    said as a quantity that does not read; 'received qty' was not a quantity. The PO printout filled in
    at the door, and a count headed by the stocktake count sheet's quantity column, read the same."""
    folder = tmp_path / lang
    init_shop(folder, lang=lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: products(), Movement: movements(), PurchaseLine: purchases(),
        Supplier: [Supplier(supplier="甲厂", lead_days=10, min_qty=10, pack=5)]}, keep_backup=False)
    shop = open_shop(folder)
    po = W.purchase_suggest(shop, TODAY, write_drafts=True).documents[0]  # CG20261122-01: A 20, B 10
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(po).active.iter_rows()]
    at = next(k for k, r in enumerate(rows) if "SKU" in r or "商家编码" in r)
    head = rows[at]
    code, name = head[2], head[3]  # the PO's own words: Supplier code, Name (供应商货号, 名称)
    received = "Received" if lang == "en" else "实收数量"
    # shopbook's stocktake count sheet (with its book column): its SKU and counted columns
    sheet = [[c.value for c in r] for r in openpyxl.load_workbook(SW.stocktake_sheet(shop, TODAY, blind=False))
             .active.iter_rows()]
    count_head = next(r for r in sheet if "SKU" in r or "商家编码" in r)
    sheets = {
        "three": [[code, name, received], ["JA-100-M", "衬衫", 12], ["JA-100-L", "衬衫", 6]],
        "two": [[code, received], ["JA-100-M", 12], ["JA-100-L", 6]],
        "typed": [["supplier code", "received qty"], ["JA-100-M", 12], ["JA-100-L", 6]],
        "stocktake": [count_head, *[[None, sku, None, None, None, 99, n, None] for sku, n in (("A", 12), ("B", 6))]],
        # the PO itself, a 'Received' column added: that is what came, not the PO's Qty (ordered)
        "po": [r + ([received] if k == at else [{"A": 12, "B": 6}.get(r[1])] if k > at else [])
               for k, r in enumerate(rows)],
    }
    for kind, cells in sheets.items():
        wb = openpyxl.Workbook()
        for r in cells:
            wb.active.append(r)
        wb.save(tmp_path / f"{kind}.xlsx")
    runner = CliRunner()
    for k, kind in enumerate(sheets):
        r = runner.invoke(app, ["purchase", "receive", str(folder), str(tmp_path / f"{kind}.xlsx"), "--po",
                                "CG20261122-01", "--date", f"2026-11-{23 + k}", "--new-delivery", "--json"])
        got = json.loads(r.stdout)
        assert got["problems"] == [] and got["wrong_items"] == [], (kind, got)
        assert [(x["sku"], x["received_now"]) for x in got["lines"]] == [("A", 12), ("B", 6)], (kind, got)
    moved = [(m.sku, m.qty) for m in read_workbook(shop.path(STOCK), STOCK).rows(Movement) if m.date >= d("11-23")]
    assert moved == [("A", 12), ("B", 6)] * len(sheets)


def test_a_delivery_scanned_by_a_barcode_excel_stored_without_its_leading_zero_is_received(shop, tmp_path):
    """QA: G's 条码 0690000000048 typed into a General cell is stored by Excel as the number
    690000000048; the delivery scanned as 0690000000048 was "an unknown code", nothing posted. Now it
    is G, received against the PO."""
    _receive_setup(shop)
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb["商品"]
    head = [c.value for c in ws[1]]
    (row,) = [r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "G"]
    ws.cell(row, head.index("条码") + 1).value = 690000000048
    wb.save(shop.path(STOCK))
    r = W.purchase_receive(shop, _scan(tmp_path, "g.txt", "0690000000048,12\n"), "CG20261122-02", d("11-26"))
    assert [(x.sku, x.now) for x in r.lines] == [("G", 12)] and r.complete and not r.wrong


def test_a_barcodes_other_form_never_takes_a_suppliers_code():
    """Review: a barcode's other form (01234565 and 1234565 are one EAN-8, with and without the 0
    Excel drops) was put over the codes of the receipt's supplier: its 货号 1234565 of TEE-1 went to
    CUP-9, whose 条码 is 01234565. A supplier's code stands; a barcode as typed still goes first."""
    from shopbook.purchasing.receive import _code_map

    products = [Product(sku="TEE-1", name="T恤", cost=D(10), price=D(40), supplier="甲厂", supplier_code="1234565"),
                Product(sku="CUP-9", name="杯子", cost=D(5), price=D(15), supplier="乙厂", barcode="01234565"),
                Product(sku="HAT-2", name="帽子", cost=D(5), price=D(15), barcode="614141000012")]
    codes = _code_map(products, "甲厂")
    assert codes["1234565"] == "TEE-1" and codes["01234565"] == "CUP-9"
    assert codes["0614141000012"] == codes["614141000012"] == "HAT-2"
