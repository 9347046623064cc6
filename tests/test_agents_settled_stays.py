"""Agents: a month settled stays as settled when the settings, the price sheets or the 返利 table
change later, and the statement reads the agents' sheets as people type them.

Each shop is written as real .xlsx files (tests/test_agents_settlement.make_shop) and read back by
the calls the CLI makes. Product A list 50.00, B 40.00 (cost 10 each); tier 金牌 0.55: A 27.50, B 22.00.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from shopbook.agents.workflow import settle_month
from shopbook.io.reader import read_workbook
from shopbook.money.workflow import shipped_margin
from shopbook.schema import ORDERS, OrderLine
from shopbook.shop import open_shop
from test_agents_settlement import line, make_shop

D = Decimal
d = dt.date


def _setting(shop, key: str, value: str):
    toml = shop.folder / "shopbook.toml"
    text = [ln for ln in toml.read_text(encoding="utf-8").splitlines() if not ln.startswith(f"{key} ")]
    text.insert(text.index("[agents]") + 1, f"{key} = {value}")
    toml.write_text("\n".join(text) + "\n", encoding="utf-8")
    return open_shop(shop.folder)


def _column(shop, field: str) -> dict:
    """order no. → the values of its lines' cell of `field`, as orders.xlsx holds them."""
    col = [c.name for c in OrderLine.columns()].index(field)
    out: dict = {}
    for r in openpyxl.load_workbook(shop.path(ORDERS))["订单"].iter_rows(min_row=2):
        if r[0].value:
            out.setdefault(r[0].value, []).append(r[col].value)
    return out


def test_a_settled_month_keeps_the_shipping_it_charged_when_shipping_per_order_changes(tmp_path):
    """October: DL1-001 (two lines, no 运费) charged shopbook.toml's 6.00, DL1-002 its own 10.00.
    The shop then sets shipping_per_order = 8. Before, settling October again billed DL1-001 8.00
    (October's shipping 16.00 → 18.00, its balance and November's 上期结余 2.00 more, the ledger's
    October revenue too): settle wrote no 运费. Now settle writes the 6.00 it charged into the blank
    运费 cells of each order it billed, so October stays 16.00 everywhere; November's order, shipped
    after, is charged the new 8.00 and written in when November is settled."""
    shop = make_shop(tmp_path, settings=[("agents", "shipping_per_order", "6.00")],
                     lines=[line("DL1-001", "A", 1, "27.50", shipped=d(2026, 10, 3)),
                            line("DL1-001", "B", 1, "22.00", shipped=d(2026, 10, 3)),
                            line("DL1-002", "A", 1, "27.50", shipped=d(2026, 10, 9), fee="10"),
                            line("DL1-003", "A", 1, "27.50", shipped=d(2026, 11, 4))])
    oct1 = settle_month(shop, "2026-10")
    assert (oct1.statements[0].shipping, oct1.statements[0].balance) == (D("16.00"), D("93.00"))
    shop = _setting(shop, "shipping_per_order", "8.00")
    oct2 = settle_month(shop, "2026-10")
    assert oct2.to_json()["agents"] == oct1.to_json()["agents"]  # as settled and sent
    assert _column(shop, "shipping_fee") == {"DL1-001": [6, 6], "DL1-002": [10], "DL1-003": [None]}
    assert oct1.fees == 1 and "1 个代理订单的运费是空的" in oct1.priced_said()[0][1]
    assert "6.00" in oct1.priced_said()[0][2]
    assert oct2.fees == 0 and not oct2.priced_said()
    lines = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
    margin = shipped_margin(lines, [], [], d(2026, 10, 1), d(2026, 10, 31), D(0), None,
                            shop.config.agents.shipping_per_order)  # as `ledger` counts October
    assert margin.revenue == D("93.00")  # goods 77.00 + 16.00 shipping, as the statement bills it
    nov = settle_month(shop, "2026-11")
    (st,) = nov.statements
    assert (st.brought_forward, st.shipping, st.balance) == (D("93.00"), D("8.00"), D("128.50"))
    assert _column(shop, "shipping_fee")["DL1-003"] == [8]


def test_a_shipping_fee_formula_reading_blank_is_charged_and_never_written_over(tmp_path):
    """A 运费 of =IFERROR(VLOOKUP(…),"") that found nothing reads blank: charged shipping_per_order as a
    blank is, the person's formula kept and said (a later change of the setting moves the month)."""
    from test_agents_settlement import _col, _formula_reading_blank

    shop = make_shop(tmp_path, settings=[("agents", "shipping_per_order", "6.00")],
                     lines=[line("DL1-001", "A", 1, "27.50", shipped=d(2026, 11, 3)),
                            line("DL1-002", "A", 1, "27.50", shipped=d(2026, 11, 4))])
    ref = f"{_col('shipping_fee')}2"
    formula = 'IFERROR(VLOOKUP(H2,运费!A:C,3,FALSE),"")'
    _formula_reading_blank(shop.path(ORDERS), "订单", ref, formula)
    res = settle_month(shop, "2026-11")
    assert res.statements[0].shipping == D("12.00")
    ws = openpyxl.load_workbook(shop.path(ORDERS))["订单"]
    assert ws[ref].value == "=" + formula and ws[f"{_col('shipping_fee')}3"].value == 6
    assert (res.fees, res.fee_formulas) == (1, (ref,))
    (said,) = [x for x in res.priced_said() if x[0] == "!"]
    assert ref in said[1] and "运费" in said[1] and "shipping_per_order" in said[2]


def test_a_blank_unit_price_is_billed_at_the_agent_price_in_force_on_the_orders_day(tmp_path):
    """The 代理价 of B for 金牌 was 21.00 and is 24.00 from 11-01 (a row dated so, the old one kept).
    Before, a line with a blank 单价 was billed at the price of the day of settling: DL1-001, ordered
    on 10-28 from the price sheet at 21.00 and shipped on 11-02, was billed 24.00 × 2, and October's
    DL1-000 too (settled only now), 6.00 + 3.00 more. Now each is priced on its order's day (付款时间,
    else 发货日期): 21.00 before 11-01, 24.00 from it, as settle writes them in and the ledger counts."""
    from shopbook.agents.prices import PriceBook
    from shopbook.schema import Agent, AgentPrice, Product, Tier

    shop = make_shop(tmp_path, prices=[AgentPrice(sku="B", tier="金牌", price=D("21.00")),
                                       AgentPrice(sku="B", tier="金牌", price=D("24.00"), start=d(2026, 11, 1))],
                     lines=[line("DL1-000", "B", 1, None, shipped=d(2026, 10, 20)),
                            line("DL1-001", "B", 2, None, shipped=d(2026, 11, 2)),
                            line("DL1-002", "B", 1, None, shipped=d(2026, 11, 5))])
    wb = openpyxl.load_workbook(shop.path(ORDERS))  # DL1-001 ordered on 10-28, as the agent's sheet came in
    ws = wb["订单"]
    col = [c.value for c in ws[1]].index("付款时间") + 1
    ws.cell(3, col).value = dt.datetime(2026, 10, 28, 21, 5)
    wb.save(shop.path(ORDERS))
    lines = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
    pb = PriceBook([Product(sku="B", name="衬衫", cost=D(10), price=D(40))], [Tier(tier="金牌", discount=D("0.55"))],
                   [AgentPrice(sku="B", tier="金牌", price=D("21.00")),
                    AgentPrice(sku="B", tier="金牌", price=D("24.00"), start=d(2026, 11, 1))],
                   agents=[Agent(agent_id="DL1", name="甲", tier="金牌")])
    assert shipped_margin(lines, [], [], d(2026, 11, 1), d(2026, 11, 30), D(0), pb).revenue == D("66.00")

    res = settle_month(shop, "2026-11")
    (st,) = res.statements
    assert [(x.order_no, x.price) for x in st.lines] == [("DL1-001", D("21.00")), ("DL1-002", D("24.00"))]
    assert (st.brought_forward, st.goods) == (D("21.00"), D("66.00"))
    assert _column(shop, "unit_price") == {"DL1-000": [21], "DL1-001": [21], "DL1-002": [24]}
    assert pb.price("B", "金牌") == D("24.00")  # today's: what a price sheet made now shows



def test_an_agent_price_of_one_sku_tier_and_start_date_twice_is_located(tmp_path):
    """Dated rows of one SKU and tier are the price's history; two rows of one 起始日期 (or two blank)
    are an error at the second row: which price counts would be a guess."""
    from shopbook.schema import AgentPrice
    from shopbook.validate import validate_path

    shop = make_shop(tmp_path, prices=[AgentPrice(sku="B", tier="金牌", price=D("21.00")),
                                       AgentPrice(sku="B", tier="金牌", price=D("24.00"), start=d(2026, 11, 1)),
                                       AgentPrice(sku="B", tier="金牌", price=D("25.00"), start=d(2026, 11, 1)),
                                       AgentPrice(sku="B", tier="金牌", price=D("23.00"))])
    found = {i.cell: i.message_en for i in validate_path(shop.folder).errors if "one row each" in i.message_en}
    assert set(found) == {"D4", "B5"}, found
    assert "row 3" in found["D4"] and "row 2" in found["B5"] and "blank" in found["B5"]
    # a second price typed under the first, to change it, is told how: a date on the new row
    assert "unless the new row has a date in its 'from' column" in found["B5"]


def test_an_agent_price_replaced_by_a_dated_row_is_no_longer_checked_against_todays_cost(tmp_path):
    """B's cost went up to 22.00 and its 代理价 with it (24.00 from 11-01): the old 21.00 row, kept for
    October's orders, is below today's cost, but it prices only the past: no error that stops the month."""
    from shopbook.schema import AgentPrice, Product

    shop = make_shop(tmp_path, products=[Product(sku="A", name="T恤", cost=D(10), price=D(50), opening_qty=100),
                                         Product(sku="B", name="衬衫", cost=D(22), price=D(40), opening_qty=100)],
                     prices=[AgentPrice(sku="B", tier="金牌", price=D("21.00")),
                             AgentPrice(sku="B", tier="金牌", price=D("24.00"), start=d(2026, 11, 1))],
                     lines=[line("DL1-000", "B", 1, None, shipped=d(2026, 10, 20))])
    (st,) = settle_month(shop, "2026-10").statements
    assert st.goods == D("21.00")


def test_a_rebate_rate_edited_in_place_leaves_settled_months_as_settled_and_says_where(tmp_path):
    """October was settled with 返利 10 % from 50.00 of sales (DL1's 55.00 → 5.50). In November the
    boss types 20 % over that cell (not a new dated table). Before, settling November brought October
    forward at 11.00 (上期结余 49.50 → 44.00, with no word) and settling October again billed 11.00.
    Now a month with its settlement kept (reports/代理/代理结算汇总-2026-10.xlsx) keeps the rate it was
    settled at, and the run says so at the 返利 cell, with what the table now gives and what to do."""
    from shopbook.schema import Rebate

    shop = make_shop(tmp_path, rebates=[Rebate(threshold=D(50), rate=D("0.1"))],
                     lines=[line("DL1-001", "A", 2, "27.50", shipped=d(2026, 10, 3)),
                            line("DL1-002", "A", 1, "27.50", shipped=d(2026, 11, 4))])
    oct1 = settle_month(shop, "2026-10")
    assert (oct1.statements[0].rebate, oct1.statements[0].balance) == (D("5.50"), D("49.50"))
    wb = openpyxl.load_workbook(shop.folder / "agents.xlsx")
    ws = wb["返利"]
    col = [c.value for c in ws[1]].index("返利比例") + 1
    ws.cell(2, col).value = "20%"
    wb.save(shop.folder / "agents.xlsx")

    nov = settle_month(shop, "2026-11")
    (st,) = nov.statements
    assert st.brought_forward == D("49.50")  # October as settled and sent
    (i,) = [i for i in nov.issues if i.sheet == "返利"]
    assert (i.book, i.cell, i.severity) == ("agents.xlsx", "B2", "warning")
    assert "2026-10" in i.message_zh and "10.00%" in i.message_zh and "20.00%" in i.message_zh
    assert "起始日期" in i.message_zh and "start date" in i.message_en
    oct2 = settle_month(shop, "2026-10")
    assert oct2.to_json()["agents"] == oct1.to_json()["agents"]
    assert any(i.sheet == "返利" for i in oct2.issues)
    from shopbook.report.selfcheck import read_selfcheck  # what finance is told is owed: the statement's

    due = [i.what for i in read_selfcheck(shop, d(2026, 12, 5), []) if i.role == "finance" and "对账单应收" in i.what]
    assert due == [f"2026-11 对账单应收 ¥{st.balance:,.2f} 未收齐"] == ["2026-11 对账单应收 ¥77.00 未收齐"], due
    # the new rate, as a dated table from November, applies from November: nothing to warn of
    ws.cell(2, col).value = 0.1
    ws.append([50, 0.2, dt.date(2026, 11, 1)])
    wb.save(shop.folder / "agents.xlsx")
    nov2 = settle_month(shop, "2026-11")
    assert not [i for i in nov2.issues if i.sheet == "返利"]
    assert (nov2.statements[0].brought_forward, nov2.statements[0].rebate) == (D("49.50"), D("0.00"))


def test_a_line_typed_late_into_a_settled_month_is_no_change_of_the_rebate_table(tmp_path):
    """October settled at 27.50 of sales, below the 50.00 threshold: no rebate. A line of October typed
    in late brings it to 55.00: the table, unchanged, gives 10 % (5.50), as for any month; no warning."""
    from shopbook.schema import Rebate

    shop = make_shop(tmp_path, rebates=[Rebate(threshold=D(50), rate=D("0.1"))],
                     lines=[line("DL1-001", "A", 1, "27.50", shipped=d(2026, 10, 3))])
    assert settle_month(shop, "2026-10").statements[0].rebate == D("0.00")
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    ws.append([c.value for c in ws[2]])
    ws.cell(3, [c.value for c in ws[1]].index("订单编号") + 1).value = "DL1-002"
    wb.save(shop.path(ORDERS))
    res = settle_month(shop, "2026-11")
    assert res.statements[0].brought_forward == D("49.50")  # 55.00 − 5.50
    assert not [i for i in res.issues if i.sheet == "返利"]


def test_an_exchange_of_an_agents_order_credits_the_agent_nothing(tmp_path):
    """DL1-001's A (27.50) comes back to be exchanged for a B: `aftersales receive` posts the 退货 under
    the case number and makes the replacement DL1-001-R1 (手工, no charge). Before, the statement
    credited the A back (owed 0.00) though the agent's customer has the B sent free: the agent got a
    shirt for nothing. Now a 换货 case's goods back are no credit (owed 27.50); a 退货退款's still are."""
    from typer.testing import CliRunner

    from shopbook.cli import app
    from shopbook.report.selfcheck import read_selfcheck
    from shopbook.schema import LEDGER, Account, AfterSalesCase, Category, Entry
    from shopbook.workbook_builder import write_workbook

    shop = make_shop(tmp_path)
    shipped = [line("DL1-001", "A", 1, "27.50", status="已签收", shipped=d(2026, 11, 3)),
               line("DL1-002", "A", 1, "27.50", status="已签收", shipped=d(2026, 11, 3))]
    cases = [AfterSalesCase(case_no="SH20261110-1", opened_on=d(2026, 11, 10), order_no="DL1-001", sku="A", qty=1,
                            type="换货", exchange_sku="B", return_tracking="YT1", status="等退货"),
             AfterSalesCase(case_no="SH20261110-2", opened_on=d(2026, 11, 10), order_no="DL1-002", sku="A", qty=1,
                            type="退货退款", amount=D("27.50"), return_tracking="YT2", status="等退货")]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: shipped, AfterSalesCase: cases}, keep_backup=False)
    write_workbook(shop.path(LEDGER), LEDGER, "zh", {
        Account: [Account(account="支付宝", opening_date=d(2026, 1, 1), opening_balance=D(0))],
        Category: [Category(category="退款", direction="支出")], Entry: []}, keep_backup=False)
    for case in ("SH20261110-1", "SH20261110-2"):
        r = CliRunner().invoke(app, ["aftersales", "receive", str(shop.folder), case, "--date", "2026-11-15"])
        assert r.exit_code == 0, r.output
    assert "DL1-001-R1" in _column(shop, "unit_price")  # the replacement, made
    res = settle_month(open_shop(shop.folder), "2026-11")
    (st,) = res.statements
    assert [(x.order_no, x.amount) for x in st.returns] == [("DL1-002", D("27.50"))]
    assert (st.goods, st.returned, st.balance) == (D("55.00"), D("27.50"), D("27.50")) and not res.issues
    due = [i.what for i in read_selfcheck(shop, d(2026, 12, 5), []) if i.role == "finance" and "对账单应收" in i.what]
    assert due == ["2026-11 对账单应收 ¥27.50 未收齐"], due


def test_the_month_under_way_settled_so_far_is_no_record_of_its_rebate(tmp_path):
    """This month, settled so far (to see where an agent stands), then the 返利 table changed: the month
    is not over, so it was never settled; it takes the table as it is, nothing held, nothing warned."""
    from shopbook.schema import Rebate

    today = dt.date.today()
    month = f"{today:%Y-%m}"
    shop = make_shop(tmp_path, rebates=[Rebate(threshold=D(50), rate=D("0.1"))],
                     lines=[line("DL1-001", "A", 2, "27.50", shipped=today.replace(day=1))])
    import os

    res = settle_month(shop, month)
    assert res.statements[0].rebate == D("5.50")
    early = dt.datetime(today.year, today.month, 1, 9, 0).timestamp()  # (a test run on the month's last day)
    os.utime(res.summary, (early, early))
    wb = openpyxl.load_workbook(shop.folder / "agents.xlsx")
    wb["返利"]["B2"] = 0.2
    wb.save(shop.folder / "agents.xlsx")
    res = settle_month(shop, month)
    assert res.statements[0].rebate == D("11.00") and not [i for i in res.issues if i.sheet == "返利"]


def test_a_balance_brought_forward_other_than_last_months_settled_balance_is_said(tmp_path):
    """October was settled and sent owing 33.50 (27.50 + 6.00 shipping_per_order) before settle wrote
    the 运费 it charged (its cell blank, as an older shopbook left it); the setting then became 8.00,
    and a payment of October (10.00) was typed in late. November brought forward 25.50 with no word
    against the 33.50 the agent was sent. Now it says so, naming October's figures that moved."""
    shop = make_shop(tmp_path, settings=[("agents", "shipping_per_order", "6.00")],
                     lines=[line("DL1-001", "A", 1, "27.50", shipped=d(2026, 10, 3)),
                            line("DL1-002", "A", 1, "27.50", shipped=d(2026, 11, 4), fee="0")])
    assert settle_month(shop, "2026-10").statements[0].balance == D("33.50")
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    ws.cell(2, [c.value for c in ws[1]].index("运费") + 1).value = None
    wb.save(shop.path(ORDERS))
    wb = openpyxl.load_workbook(shop.folder / "agents.xlsx")
    wb["收款"].append([dt.date(2026, 10, 30), "DL1", 10, "补录"])
    wb.save(shop.folder / "agents.xlsx")
    shop = _setting(shop, "shipping_per_order", "8.00")
    nov = settle_month(shop, "2026-11")
    (st,) = nov.statements
    assert st.brought_forward == D("25.50")
    (i,) = [i for i in nov.issues if "33.50" in i.message_zh]
    assert i.severity == "warning" and i.book == "reports/代理/代理结算汇总-2026-10.xlsx"
    assert "2026-10：运费 6.00 → 8.00，收款 0.00 → 10.00" in i.message_zh, i.message_zh
    assert "2026-10: shipping 6.00 → 8.00, payments 0.00 → 10.00" in i.message_en
    assert nov.said(issues=True)[-1][0] == "!"  # no ✓ beside the summary
    assert not [i for i in settle_month(shop, "2026-12").issues if "brought forward" in i.message_en]  # once


def test_a_totals_row_typed_under_a_kept_settlement_leaves_it_a_record(tmp_path):
    """Finance types a note above the agents of October's 代理结算汇总 and a 合计 row below them (their
    返利比例 blank): the record still reads, and a 返利 edited in place is still held and said; before,
    a row without a rate made the whole file no record, and October moved with no word."""
    from shopbook.schema import Rebate

    shop = make_shop(tmp_path, rebates=[Rebate(threshold=D(50), rate=D("0.1"))],
                     lines=[line("DL1-001", "A", 2, "27.50", shipped=d(2026, 10, 3))])
    summary = settle_month(shop, "2026-10").summary
    wb = openpyxl.load_workbook(summary)
    wb.active.insert_rows(2)
    wb.active["A2"] = "说明：10 月已对账"
    wb.active.append(["合计", None, None, None, "=SUM(E3:E3)"])
    wb.save(summary)
    wb = openpyxl.load_workbook(shop.folder / "agents.xlsx")
    wb["返利"]["B2"] = 0.2
    wb.save(shop.folder / "agents.xlsx")
    nov = settle_month(shop, "2026-11")
    assert nov.statements[0].brought_forward == D("49.50")
    assert [i.cell for i in nov.issues if i.sheet == "返利"] == ["B2"]


def test_a_month_settled_on_its_last_day_is_settled(tmp_path):
    """A shop that settles on the month's last day (月底结算) sends those statements: a 返利 edited in
    place afterwards leaves that month as settled, as one settled after it ended."""
    import os

    from shopbook.schema import Rebate

    shop = make_shop(tmp_path, rebates=[Rebate(threshold=D(50), rate=D("0.1"))],
                     lines=[line("DL1-001", "A", 2, "27.50", shipped=d(2026, 10, 3))])
    summary = settle_month(shop, "2026-10").summary
    evening = dt.datetime(2026, 10, 31, 18, 0).timestamp()
    os.utime(summary, (evening, evening))
    wb = openpyxl.load_workbook(shop.folder / "agents.xlsx")
    wb["返利"]["B2"] = 0.2
    wb.save(shop.folder / "agents.xlsx")
    assert settle_month(shop, "2026-11").statements[0].brought_forward == D("49.50")


def test_an_agents_name_typed_for_its_id_names_the_id(tmp_path):
    """A payment typed with the agent's 名称 (甲) where its 代理编号 goes was told 'add it to the Agents
    sheet': a second agent named by the first's name. Now the cell is told the id to type."""
    from shopbook.schema import Payment
    from shopbook.validate import validate_path

    shop = make_shop(tmp_path, payments=[Payment(date=d(2026, 11, 5), agent_id="甲", amount=D(100))],
                     lines=[line("DL1-001", "A", 1, "27.50", shipped=d(2026, 11, 3))])
    (i,) = [i for i in validate_path(shop.folder).errors if i.sheet == "收款"]
    assert i.cell == "B2" and "是 DL1 的名称，不是编号：请改填 DL1" in i.message_zh and "添加" not in i.message_zh
    assert "is the name of DL1, not its id: type DL1 instead" in i.message_en
    try:
        settle_month(shop, "2026-11")
    except Exception as e:  # noqa: BLE001 — the settlement stops on it, saying the same
        assert "请改填 DL1" in str(getattr(e, "zh", e))
    else:
        raise AssertionError("settled with a payment of no agent")
