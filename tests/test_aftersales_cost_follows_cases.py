"""The after-sales desk on a shop with months of orders: it makes records only of the order lines of
the cases (their orders and resends) and of held orders, and only of the 退货 and 调整 movements, not
of every order line and 出库 of the year (3 s of a year's shop with no case open), and what it lists,
refuses and proposes is what the core gives with every line of the sheet."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from test_lazy_records import _made_records

from shopbook.aftersales import cases as C
from shopbook.aftersales.workflow import aftersales, list_open, refusals, row_warnings
from shopbook.io.reader import read_workbook
from shopbook.schema import (LEDGER, ORDERS, STOCK, Account, AfterSalesCase, Category, Entry, Movement, OrderLine,
                             Product)
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

TODAY = dt.date(2026, 11, 25)


def _line(no: str, day: dt.date, sku: str = "P1", qty: int = 1, status: str = "已签收", source: str = "淘宝",
          **more) -> OrderLine:
    return OrderLine(order_no=no, source=source, paid_at=dt.datetime.combine(day, dt.time(10)), receiver="赵六",
                     phone="13800000000", address="浙江省 杭州市 西湖区 文三路 1 号", sku=sku, qty=qty,
                     unit_price=D(99), status=status, courier="中通", tracking_no=f"73{no[-6:]}",
                     shipped_on=day + dt.timedelta(days=1), **more)


def _case(no: str, order_no: str, kind: str, opened: dt.date, **more) -> AfterSalesCase:
    return AfterSalesCase(case_no=no, opened_on=opened, order_no=order_no, type=kind, **more)


def _year_shop(tmp_path, lang: str):
    """Orders from September to November, 150 lines; cases typed on orders of each month, of every kind
    the desk lists (none it would write anything for: the list is compared with the core's)."""
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    lines, moves = [], [Movement(date=dt.date(2026, 9, 1), sku=s, type="入库", qty=500) for s in ("P1", "P2")]
    for k in range(140):
        day = dt.date(2026, 9, 1) + dt.timedelta(days=k * 85 // 140)
        no = f"39{k:017d}"
        lines.append(_line(no, day))
        moves.append(Movement(date=day + dt.timedelta(days=1), sku="P1", type="出库", qty=1, ref=no))
        if k % 20 == 7:  # an order of two lines
            lines.append(_line(no, day, sku="P2"))
    no = {k: f"39{k:017d}" for k in range(140)}
    sep, octo, nov = dt.date(2026, 9, 20), dt.date(2026, 10, 20), dt.date(2026, 11, 20)
    lines += [_line(no[60] + "-R1", octo, sku="P2", source="手工"),  # the exchange's resend, shipped
              _line(no[120] + "-R1", nov, status="已挂起", review="挂起：缺货", source="手工")]  # a resend held
    moves += [Movement(date=octo, sku="P1", type="退货", qty=1, ref="TH-2"),  # the exchange's return, posted
              Movement(date=nov, sku="P1", type="退货", qty=1, ref="TH-7"),
              Movement(date=nov, sku="P2", type="调整", qty=-1, note="盘点")]
    cases = [
        _case("TH-1", no[10], "退货退款", sep, sku="P1", qty=1, return_tracking="YT1", amount=D(99), status="等退货"),
        _case("TH-2", no[60], "换货", octo, sku="P1", qty=1, exchange_sku="P2", resend_order=no[60] + "-R1",
              status="已收到退货"),
        _case("TH-3", no[120], "补发", nov, sku="P1", qty=1, resend_order=no[120] + "-R1", status="处理中"),
        _case("TH-4", no[70], "仅退款", octo, amount=D("20.00"), status="处理中", reason="少了吊牌"),
        _case("TH-5", no[5], "投诉", sep, status="处理中", staff="小美"),
        _case("TH-6", "3999999999999999999", "退货退款", nov, status="处理中"),  # an order number on no row
        _case("TH-7", no[130], "退货退款", nov, sku="P1", qty=1, status="已收到退货"),
        _case("TH-8", no[15], "退货退款", sep, sku="P1", qty=1, status="已关闭"),
        _case("TH-9", no[87], "退货退款", octo, sku="P1", qty=5, status="等退货"),  # more than the order holds
    ]
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: lines, AfterSalesCase: cases})
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku=s, name="衬衫", cost=D(30), price=D(99), safety_stock=2) for s in ("P1", "P2")],
        Movement: moves})
    write_workbook(folder / "ledger.xlsx", LEDGER, lang, {
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 9, 1), opening_balance=D(1000))],
        Category: [Category(category="退款", direction="支出", group="退款")]})
    return open_shop(folder), len(lines), len(moves)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_desk_lists_as_the_core_does_with_every_line_and_makes_only_the_cases_lines(tmp_path, monkeypatch, lang):
    shop, n_lines, n_moves = _year_shop(tmp_path, lang)
    # what the core gives with every order line and movement of the sheets
    orders_wb = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, AfterSalesCase))
    stock_wb = read_workbook(shop.path(STOCK), STOCK, (Product, Movement))
    ledger_wb = read_workbook(shop.path(LEDGER), LEDGER, (Entry, Category, Account))
    cases, lines = orders_wb.rows(AfterSalesCase), orders_wb.rows(OrderLine)
    skus = stock_wb.keys(Product, "sku")
    wrong = refusals(cases, lines, skus, stock_wb.rows(Movement))
    want = [v.to_json() for v in list_open(cases, lines, TODAY, lang, ledger_wb.rows(Entry), wrong)]
    want_ledger = C.refund_proposals(cases, ledger_wb.rows(Entry), ledger_wb.rows(Category),
                                     ledger_wb.rows(Account), lang, lines, C.refused(wrong))[0]
    warned = {(i.row, i.field) for i in row_warnings(cases, lines, skus)}
    assert len(lines) == n_lines and len(want) == 8 and len(want_ledger) == 2 and warned

    made = _made_records(monkeypatch)
    res = aftersales(shop, TODAY)
    # the lines of the cases' eight orders (TH-9's of two) and of their two resends; none of the other orders
    assert made.count(OrderLine) == 11 < n_lines
    assert made.count(Movement) == 3 < n_moves  # the two 退货 and the 调整, no 出库
    assert made.count(AfterSalesCase) == 9
    got = res.to_json()
    assert got["open"] == want
    assert [(e.order_no, e.amount, e.note) for e in res.ledger] == [(e.order_no, e.amount, e.note) for e in want_ledger]
    assert got["opened"] == [] and got["resends"] == [] and got["returns"] == []
    assert warned <= {(i.row, i.field) for i in res.issues}
    steps = {v["case_no"]: v["next_step"] for v in got["open"]}
    assert steps["TH-2"].startswith("补发单" if lang == "zh" else "resend ") and "TH-8" not in steps
    assert steps["TH-9"].startswith("先改正" if lang == "zh" else "correct it first")


def test_a_held_order_of_another_month_still_opens_its_case_and_a_new_resend_takes_the_next_number(tmp_path,
                                                                                                  monkeypatch):
    """The desk's writes from the lines it makes: a held order (of any month, with no case) opens its 问题件,
    and a resend of an order whose -R1 is on the sheet (a case before) is -R2."""
    from shopbook.schema import OrderStatus

    shop, _, _ = _year_shop(tmp_path, "zh")
    import openpyxl

    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    held = "39" + f"{33:017d}"
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, head.index("订单编号") + 1).value == held:
            ws.cell(r, head.index("状态") + 1).value = "已挂起"
            ws.cell(r, head.index("平台状态") + 1).value = "退款中"
    cs = wb["售后"]
    chead = [c.value for c in cs[1]]
    row = [None] * len(chead)
    for k, v in {"售后单号": "TH-10", "登记日期": TODAY, "订单编号": "39" + f"{60:017d}", "商家编码": "P1",
                 "数量": 1, "类型": "丢件", "状态": "处理中"}.items():
        row[chead.index(k)] = v
    cs.append(row)
    wb.save(shop.path(ORDERS))

    made = _made_records(monkeypatch)
    res = aftersales(shop, TODAY)
    assert made.count(OrderLine) == 12  # the held order's line besides
    [opened] = res.opened
    assert (opened.order_no, opened.type.value, opened.reason) == (held, "问题件", "退款中")
    assert {ln.order_no for ln in res.resends} == {"39" + f"{60:017d}" + "-R2"}
    monkeypatch.undo()
    after = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
    assert [ln.status for ln in after if ln.order_no.endswith("-R2")] == [OrderStatus.NEW]
