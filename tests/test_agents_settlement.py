"""Agents: what settlement and the price sheets must not do with wrong or awkward data.

Each shop is written as real .xlsx files and read back by the same calls the CLI makes.
Worked figures: product A list 50.00 (cost 10), B list 40.00 (cost 10); tier 金牌 0.55 →
A 27.50, B 22.00 unless a 代理价 row says otherwise.
"""

from __future__ import annotations

import datetime as dt
import email as email_lib
import json
from decimal import Decimal
from email import policy

import openpyxl
import pytest

from shopbook.agents.prices import PriceBook
from shopbook.agents.workflow import email_agents, price_sheets, settle_month
from shopbook.config import default_toml
from shopbook.issues import ShopbookError, col_letter
from shopbook.schema import (AGENTS, ORDERS, STOCK, Agent, AgentPrice, Movement, OrderLine, OrderSource, Payment,
                             Product, Rebate, Tier)
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook
from test_mail_exactly_once import serve  # noqa: F401  (the loopback SMTP server fixture)

D = Decimal
d = dt.date


def line(no, sku, qty, price, status="已发货", shipped=None, fee=None, agent="DL1"):
    return OrderLine(order_no=no, source="代理", agent_id=agent, receiver="张三", phone="13800000000",
                     address="浙江省 杭州市 西湖区 文一路1号", sku=sku, qty=qty,
                     unit_price=D(price) if price is not None else None, shipping_fee=D(fee) if fee is not None else None,
                     status=status, shipped_on=shipped)


def ret(day, sku, qty, ref):
    return Movement(date=day, sku=sku, type="退货", qty=qty, ref=ref)


def make_shop(tmp_path, lines=(), moves=(), payments=(), rebates=(), prices=(), agents=None, tiers=None,
              products=None, settings=(), name="shop"):
    folder = tmp_path / name
    init_shop(folder)
    cfg = folder / "shopbook.toml"
    text = cfg.read_text(encoding="utf-8").splitlines()
    for section, key, value in settings:  # replaces the key's default line, if the file lists it
        text = [ln for ln in text if not ln.startswith(f"{key} ")]
        text.insert(text.index(f"[{section}]") + 1, f"{key} = {value}")
    cfg.write_text("\n".join(text) + "\n", encoding="utf-8")
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: products or [Product(sku="A", name="T恤", cost=D(10), price=D(50), opening_qty=100),
                              Product(sku="B", name="衬衫", cost=D(10), price=D(40), opening_qty=100)],
        Movement: list(moves)}, keep_backup=False)
    write_workbook(folder / "agents.xlsx", AGENTS, "zh", {
        Agent: agents or [Agent(agent_id="DL1", name="甲", tier="金牌", email="jia@agent.test")],
        Tier: tiers or [Tier(tier="金牌", discount=D("0.55"))], AgentPrice: list(prices), Rebate: list(rebates),
        Payment: list(payments)}, keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: list(lines)}, keep_backup=False)
    return open_shop(folder)


# 1. no price sheet and no settlement on data `shopbook validate` rejects; warnings do not stop

def test_price_sheets_stop_on_a_price_below_cost_or_a_tier_that_does_not_exist(tmp_path):
    shop = make_shop(tmp_path, prices=[AgentPrice(sku="A", tier="金牌", price=D("9.00"))],  # cost 10
                     agents=[Agent(agent_id="DL1", name="甲", tier="金牌"), Agent(agent_id="DL2", name="乙", tier="钻石")])
    with pytest.raises(ShopbookError) as e:
        price_sheets(shop)
    assert "2 data errors" in e.value.en and "agents.xlsx › 代理商 › C3" in e.value.en and "'钻石'" in e.value.en
    assert "代理商 › C3" in e.value.zh
    assert not list(shop.reports.rglob("*.xlsx"))  # nothing sent out
    wb = openpyxl.load_workbook(shop.path(AGENTS))
    wb["代理商"].delete_rows(3)
    wb.save(shop.path(AGENTS))
    with pytest.raises(ShopbookError) as e:
        price_sheets(open_shop(shop.folder))
    assert "agents.xlsx › 代理价 › C2" in e.value.en and "below the cost" in e.value.en



def _col(field: str) -> str:
    """The 订单 column of a field, as the schema lays the sheet out."""
    return col_letter([c.name for c in OrderLine.columns()].index(field))

def test_settlement_stops_on_a_duplicate_order_line_and_an_unknown_agent(tmp_path):
    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 1, "27.50", shipped=d(2026, 11, 5)),
                                      line("DL1-001", "A", 1, "27.50", shipped=d(2026, 11, 5))])
    with pytest.raises(ShopbookError) as e:
        settle_month(shop, "2026-11")
    assert f"orders.xlsx › 订单 › {_col('sku')}3" in e.value.en and "imported twice" in e.value.en
    assert not list(shop.reports.rglob("*.xlsx"))
    shop = make_shop(tmp_path, payments=[Payment(date=d(2026, 11, 5), agent_id="DL9", amount=D(100))], name="shop2")
    with pytest.raises(ShopbookError) as e:
        settle_month(shop, "2026-11")
    assert "agents.xlsx › 收款 › B2" in e.value.en and "'DL9' does not exist" in e.value.en


# 2. a blank 单价 is billed at the agent's price; a shipped line with no date is reported

def test_blank_unit_price_billed_at_the_price_sheets_price_and_an_undated_shipment_reported(tmp_path):
    shop = make_shop(tmp_path, prices=[AgentPrice(sku="B", tier="金牌", price=D("21.00"))],
                     lines=[line("DL1-001", "B", 2, None, shipped=d(2026, 11, 3)),
                            line("DL1-002", "A", 1, "27.50", status="已签收", shipped=None)])
    res = settle_month(shop, "2026-11")
    (st,) = res.statements
    assert [(x.order_no, x.price, x.amount) for x in st.lines] == [("DL1-001", D("21.00"), D("42.00"))]
    assert st.goods == D("42.00")
    sheet = openpyxl.load_workbook(price_sheets(shop)[0])["价格表"]
    shown = {r[0]: r[6] for r in sheet.iter_rows(min_row=5, values_only=True)}
    assert shown["B"] == float(st.lines[0].price)  # the price the agent was sent
    (issue,) = res.to_json()["issues"]
    assert (issue["book"], issue["sheet"], issue["cell"], issue["severity"]) == ("orders.xlsx", "订单", f"{_col('shipped_on')}3", "warning")
    assert "DL1-002" in issue["message_zh"] and "发货日期" in issue["message_zh"] and "ship date" in issue["message_en"]
    notes = openpyxl.load_workbook(res.summary)["提醒"]
    assert [c.value for c in notes[2]][:4] == ["orders.xlsx", "订单", f"{_col('shipped_on')}3", "警告"]


def test_a_settled_month_stays_as_settled_when_a_list_price_changes(tmp_path):
    """Settling October writes the price billed into each blank 单价 shipped by then, so October
    (and the 上期结余 November brings forward) do not move when the price book changes; a typed
    单价 and a line shipped later are left as they are."""
    shop = make_shop(tmp_path, lines=[line("DL1-001", "B", 2, None, shipped=d(2026, 10, 3)),
                                      line("DL1-002", "A", 1, "27.50", shipped=d(2026, 10, 5)),
                                      line("DL1-003", "A", 1, None, shipped=d(2026, 11, 3))])
    oct1 = settle_month(shop, "2026-10")
    assert oct1.statements[0].goods == D("71.50")  # B at 40 × 0.55 = 22.00, twice
    col = [c.name for c in OrderLine.columns()].index("unit_price")

    def prices():
        ws = openpyxl.load_workbook(shop.path(ORDERS))["订单"]
        return {r[0].value: r[col].value for r in ws.iter_rows(min_row=2)}

    typed = prices()
    wb = openpyxl.load_workbook(shop.path(STOCK))  # November: every list price up
    ws = wb["商品"]
    price_col = [c.value for c in ws[1]].index("售价")
    for r in ws.iter_rows(min_row=2):
        r[price_col].value = 60
    wb.save(shop.path(STOCK))
    shop = open_shop(shop.folder)
    oct2 = settle_month(shop, "2026-10")
    assert oct2.to_json()["agents"] == oct1.to_json()["agents"]
    assert typed == {"DL1-001": 22, "DL1-002": 27.5, "DL1-003": None}  # the price October billed, kept
    nov = settle_month(shop, "2026-11")
    (st,) = nov.statements
    assert st.brought_forward == oct1.statements[0].balance
    assert [(x.order_no, x.price) for x in st.lines] == [("DL1-003", D("33.00"))]  # today's price, now kept
    assert prices() == {"DL1-001": 22, "DL1-002": 27.5, "DL1-003": 33}
    assert (oct1.priced, oct2.priced, nov.priced) == (1, 0, 1)  # each said once (agents settle prints it)


# 3. returns are credited against what shipped to that agent, never more

def test_returns_credited_only_against_goods_shipped(tmp_path):
    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 2, "27.50", status="已签收", shipped=d(2026, 11, 3)),
                                      line("DL1-002", "A", 1, "27.50", status="已关闭")],
                     moves=[ret(d(2026, 11, 6), "A", 1, "DL1-001"), ret(d(2026, 11, 7), "A", 1, "DL1-002"),
                            ret(d(2026, 11, 20), "A", 5, "DL1-001")])
    res = settle_month(shop, "2026-11")
    (st,) = res.statements
    assert [(x.order_no, x.qty, x.amount) for x in st.returns] == [("DL1-001", 1, D("27.50")),
                                                                    ("DL1-001", 1, D("27.50"))]
    assert (st.goods, st.returned, st.balance) == (D("55.00"), D("55.00"), D("0.00"))
    issues = {i.cell: i for i in res.issues}
    assert set(issues) == {"D3", "D4"} and all(i.book == "stock.xlsx" and i.sheet == "出入库" for i in issues.values())
    # DL1-002's line is 已关闭: said as that (billed to no one), not as an order without the SKU
    assert "没有冲抵" in issues["D3"].message_zh and "状态是“已关闭”" in issues["D3"].message_zh
    assert "is 'closed', billed to no one" in issues["D3"].message_en
    assert "只有 1 件" in issues["D4"].message_zh and "1 returned before" in issues["D4"].message_en


# 4. shipping: each order's own 运费, once, in the month its first line shipped

def test_each_orders_shipping_fee_once_in_the_month_it_first_shipped(tmp_path):
    shop = make_shop(tmp_path, settings=[("agents", "shipping_per_order", "5.00")], lines=[
        line("DL1-001", "A", 1, "27.50", shipped=d(2026, 11, 3), fee="10"),
        line("DL1-001", "B", 1, "22.00", shipped=d(2026, 11, 3), fee="10"),  # order-level: repeated, charged once
        line("DL1-002", "A", 1, "27.50", shipped=d(2026, 10, 30), fee="8"),
        line("DL1-002", "B", 1, "22.00", shipped=d(2026, 11, 2), fee="8"),  # its first line shipped in October
        line("DL1-003", "A", 1, "27.50", shipped=d(2026, 11, 5)),  # no 运费: shopbook.toml's 5.00
        line("DL1-004", "A", 1, "27.50", shipped=d(2026, 11, 6), fee="0"),  # free
        line("DL1-005", "A", 1, "27.50", status="已审核", fee="9")])  # not shipped
    (oct_,) = settle_month(shop, "2026-10").statements
    (nov,) = settle_month(shop, "2026-11").statements
    assert (oct_.orders, oct_.shipping) == (1, D("8.00"))
    assert (nov.orders, nov.shipping, nov.goods) == (3, D("15.00"), D("126.50"))
    assert nov.brought_forward == D("35.50")  # October: 27.50 + 8.00


def test_new_shopbook_toml_lists_shipping_per_order_and_low_stock_units():
    text = default_toml("店")
    ship = next(ln for ln in text.splitlines() if ln.startswith("shipping_per_order"))
    low = next(ln for ln in text.splitlines() if ln.startswith("low_stock_units"))
    assert "= 0" in ship and "#" in ship and "运费" in ship
    assert "= 5" in low and "#" in low


# 5. e-mail attachments by agent id, whatever the ids and names hold

def test_each_agent_gets_its_own_price_sheet_when_ids_hold_a_dash(tmp_path):
    shop = make_shop(tmp_path, agents=[Agent(agent_id="HZ", name="杭州总代", tier="金牌", email="gold@x.test"),
                                       Agent(agent_id="HZ-2", name="杭州二级", tier="银牌", email="silver@x.test")],
                     tiers=[Tier(tier="金牌", discount=D("0.5")), Tier(tier="银牌", discount=D("0.7"), floor=D("0.8"))])
    got = {}
    for kept in email_agents(shop, "2026-11").deliveries:
        msg = email_lib.message_from_bytes(kept.path.read_bytes(), policy=policy.default)
        got[msg["To"]] = sorted(p.get_filename() for p in msg.iter_attachments())
    assert got == {"gold@x.test": ["HZ-杭州总代-价格表.xlsx", "HZ-杭州总代-对账单-2026-11.xlsx"],
                   "silver@x.test": ["HZ-2-杭州二级-价格表.xlsx", "HZ-2-杭州二级-对账单-2026-11.xlsx"]}


def test_a_slash_in_an_agents_name_makes_no_folder(tmp_path):
    shop = make_shop(tmp_path, agents=[Agent(agent_id="DL1", name="A/B 店", tier="金牌")])
    (sheet,) = price_sheets(shop)
    res = settle_month(shop, "2026-11")
    assert sheet.parent == res.files[0].parent == shop.reports / "代理"
    assert sheet.name == "DL1-A_B 店-价格表.xlsx" and res.files[0].name == "DL1-A_B 店-对账单-2026-11.xlsx"


# 6. the floor retail price is a minimum: rounded up, never below its share of list

def test_floor_price_rounds_up():
    for rounding, list_price, floor in (("yuan", "99", "70.00"), ("fen", "99.99", "70.00"), ("jiao", "99.99", "70.00"),
                                        ("fen", "100", "70.00"), ("yuan", "48.9", "35.00")):
        pb = PriceBook([Product(sku="X", name="x", cost=D(10), price=D(list_price))],
                       [Tier(tier="t", discount=D("0.5"))], [], rounding)
        assert pb.floor_price("X", "t") == D(floor) >= D(list_price) * D("0.7"), (rounding, list_price)


# 7. 少量 on price sheets follows shopbook.toml

def test_few_left_follows_low_stock_units(tmp_path):
    shop = make_shop(tmp_path, settings=[("stock", "low_stock_units", 2)],
                     products=[Product(sku="A", name="T恤", cost=D(10), price=D(50), opening_qty=4),
                               Product(sku="B", name="衬衫", cost=D(10), price=D(40), opening_qty=2)])
    ws = openpyxl.load_workbook(price_sheets(shop)[0])["价格表"]
    assert {r[0]: r[8] for r in ws.iter_rows(min_row=5, values_only=True)} == {"A": "有货", "B": "少量"}


# 8. amounts: two decimals, never -0.00

def test_zero_amounts_print_as_0_00_never_negative(tmp_path):
    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 2, "27.50", shipped=d(2026, 10, 20))],
                     moves=[ret(d(2026, 11, 3), "A", 2, "DL1-001")],
                     rebates=[Rebate(threshold=D(0), rate=D("0.1"))])  # reached by any sales ≥ 0
    res = settle_month(shop, "2026-11")
    got = res.to_json()["agents"][0]
    # October's rebate on the goods that came back (10 % of 55.00) is taken back in November
    assert (got["goods"], got["shipping"], got["returns"], got["sales"], got["rebate"], got["payments"]) == (
        "0.00", "0.00", "55.00", "-55.00", "-5.50", "0.00")
    assert json.dumps(res.to_json()).count("-0.00") == 0
    ws = openpyxl.load_workbook(res.files[0]).active
    cells = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(3, 10)}
    assert str(cells["返利"]) in ("0", "0.0") and str(cells["已收款"]) in ("0", "0.0")  # not -0.0


# 9. what was owed before the month is brought forward

def test_balance_brought_forward_when_october_is_paid_in_november(tmp_path):
    shop = make_shop(tmp_path, rebates=[Rebate(threshold=D(100), rate=D("0.1"))],
                     lines=[line("DL1-001", "A", 4, "27.50", shipped=d(2026, 10, 10), fee="5"),
                            line("DL1-002", "A", 2, "27.50", shipped=d(2026, 11, 12), fee="5")],
                     payments=[Payment(date=d(2026, 11, 10), agent_id="DL1", amount=D("104.00"), note="十月货款")])
    # October: 110.00 + 5.00 − rebate 11.00 (10 % of 110.00) = 104.00, paid on 11-10
    # November: 55.00 + 5.00, no rebate (55.00 < 100), paid 104.00 → −44.00; with 104.00 brought forward: 60.00
    (oct_,) = settle_month(shop, "2026-10").statements
    assert (oct_.brought_forward, oct_.rebate, oct_.balance) == (D("0.00"), D("11.00"), D("104.00"))
    res = settle_month(shop, "2026-11")
    (nov,) = res.statements
    assert (nov.brought_forward, nov.month_balance, nov.balance) == (D("104.00"), D("-44.00"), D("60.00"))
    got = res.to_json()["agents"][0]
    assert (got["brought_forward"], got["month_balance"], got["balance"]) == ("104.00", "-44.00", "60.00")
    ws = openpyxl.load_workbook(res.files[0]).active
    cells = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(3, 10)}
    assert cells["上期结余"] == 104.0 and cells["已收款"] == -104.0 and cells["本期应收"] == 60.0
    summary = openpyxl.load_workbook(res.summary).active
    assert summary["D1"].value == "上期结余" and summary["D2"].value == 104.0 and summary["L2"].value == 60.0
    (dec,) = settle_month(shop, "2026-12").statements  # nothing happens in December: still owed
    assert (dec.brought_forward, dec.balance) == (D("60.00"), D("60.00"))
    (kept,) = email_agents(shop, "2026-11").deliveries
    text = email_lib.message_from_bytes(kept.path.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    assert "上期结余 104.00 元" in text and "本期应收 60.00 元" in text


# 10. what `agents settle` prints adds up to its total, as the statement does

@pytest.mark.parametrize("lang, words", [
    ("zh", {"上期": "bf", "货款": "goods", "运费": "shipping", "退货": "returns", "返利": "rebate", "收款": "paid",
            "本期应收": "due"}),
    ("en", {"b/f": "bf", "goods": "goods", "shipping": "shipping", "returns": "returns", "rebate": "rebate",
            "paid": "paid", "due": "due"})])
def test_the_screen_shows_shipping_and_its_figures_add_up_to_the_written_settlement(tmp_path, lang, words):
    """November: 4 × A at 27.50 = 110.00 over two orders (运费 10.00 and shopbook.toml's 6.00), one A
    back (27.50), sales 82.50 reach the 80.00 rebate at 10 % (8.25), 50.00 paid; October's 35.00
    (27.50 + 7.50 运费) brought forward. Due: 35.00 + 110.00 + 16.00 − 27.50 − 8.25 − 50.00 = 75.25."""
    import re

    from typer.testing import CliRunner

    from shopbook.cli import app

    shop = make_shop(tmp_path, settings=[("shop", "language", f'"{lang}"'), ("agents", "shipping_per_order", "6.00")],
                     rebates=[Rebate(threshold=D(80), rate=D("0.1"))],
                     lines=[line("DL1-000", "A", 1, "27.50", shipped=d(2026, 10, 20), fee="7.50"),
                            line("DL1-001", "A", 2, "27.50", shipped=d(2026, 11, 3), fee="10"),
                            line("DL1-002", "A", 2, "27.50", shipped=d(2026, 11, 12))],
                     moves=[ret(d(2026, 11, 20), "A", 1, "DL1-001")],
                     payments=[Payment(date=d(2026, 11, 25), agent_id="DL1", amount=D("50.00"))])
    r = CliRunner().invoke(app, ["agents", "settle", str(shop.folder), "--month", "2026-11"])
    assert r.exit_code == 0, r.output
    said = "".join(r.stdout.split())  # the terminal's wrapping aside
    pairs = re.findall("(" + "|".join(map(re.escape, words)) + r")(-?[\d,]+\.\d\d)", said)
    shown = {words[k]: D(v.replace(",", "")) for k, v in pairs}
    assert shown == {"bf": D("35.00"), "goods": D("110.00"), "shipping": D("16.00"), "returns": D("27.50"),
                     "rebate": D("8.25"), "paid": D("50.00"), "due": D("75.25")}, said
    assert (shown["bf"] + shown["goods"] + shown["shipping"] - shown["returns"] - shown["rebate"] - shown["paid"]
            == shown["due"])
    if lang == "en":  # one language per shop
        assert not re.search(r"[\u4e00-\u9fff]", r.stdout.replace("甲", ""))
    # the same figures as the settlement written: the summary workbook and the agent's statement
    folder = shop.reports / ("代理" if lang == "zh" else "agents")
    (summary,) = folder.glob("代理结算汇总-*.xlsx" if lang == "zh" else "agent-settlement-*.xlsx")
    rows = list(openpyxl.load_workbook(summary).active.values)
    got = dict(zip(rows[0], rows[1]))
    cols = (("上期结余", "货款", "运费", "退货", "返利", "收款", "本期应收") if lang == "zh" else
            ("Brought forward", "Goods", "Shipping", "Returns", "Rebate", "Paid", "Balance due"))
    assert [D(str(got[c])) for c in cols] == [shown[k] for k in ("bf", "goods", "shipping", "returns", "rebate",
                                                                 "paid", "due")]
    (statement,) = folder.glob("DL1-*-2026-11.xlsx")
    ws = openpyxl.load_workbook(statement).active
    lines = {ws.cell(row=r, column=1).value: D(str(ws.cell(row=r, column=2).value)) for r in range(3, 10)}
    assert lines[("运费" if lang == "zh" else "Shipping")] == shown["shipping"]
    assert sum(lines.values()) - lines["本期应收" if lang == "zh" else "Balance due"] == shown["due"]


# 11. a return handled at the after-sales desk: `aftersales receive` posts it under the case number

def test_an_agents_return_received_at_the_after_sales_desk_is_credited(tmp_path):
    """The 退货 `aftersales receive` posts has the case number as 单号 (the order only in 备注):
    settlement credited only 单号 that are the agent's orders, so the agent paid for goods that came
    back. The case's order is now found; the case tells staff the credit is on the statement, not a
    platform refund, and proposes no refund for the ledger (it would be paid twice)."""
    from typer.testing import CliRunner

    from shopbook.aftersales.cases import next_step
    from shopbook.cli import app
    from shopbook.io.reader import read_workbook
    from shopbook.schema import LEDGER, Account, AfterSalesCase, CaseType, Category, Entry

    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 2, "27.50", status="已签收", shipped=d(2026, 11, 3))])
    case = AfterSalesCase(case_no="SH20261110-1", opened_on=d(2026, 11, 10), order_no="DL1-001", sku="A", qty=1,
                          type="退货退款", amount=D("27.50"), return_tracking="YT1", status="等退货")
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: [line("DL1-001", "A", 2, "27.50", status="已签收",
                                                                      shipped=d(2026, 11, 3))],
                                                     AfterSalesCase: [case]}, keep_backup=False)
    write_workbook(shop.path(LEDGER), LEDGER, "zh", {
        Account: [Account(account="支付宝", opening_date=d(2026, 1, 1), opening_balance=D(0))],
        Category: [Category(category="退款", direction="支出")], Entry: []}, keep_backup=False)
    r = CliRunner().invoke(app, ["aftersales", "receive", str(shop.folder), "SH20261110-1", "--date", "2026-11-15"])
    assert r.exit_code == 0, r.output
    said = "".join(r.output.split())
    assert "在平台上同意退款" not in said and "代理DL1的订单：不在平台退款" in said, r.output
    assert "建议记账" not in said  # no ledger refund for an agent's order
    moves = read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
    assert [(m.sku, m.qty, m.ref) for m in moves] == [("A", 1, "SH20261110-1")]
    res = settle_month(open_shop(shop.folder), "2026-11")
    (st,) = res.statements
    assert [(x.order_no, x.qty, x.amount) for x in st.returns] == [("DL1-001", 1, D("27.50"))]
    assert (st.goods, st.returned, st.balance) == (D("55.00"), D("27.50"), D("27.50")) and not res.issues
    cases = read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase, OrderLine))
    lines = cases.rows(OrderLine)
    step = next_step(cases.rows(AfterSalesCase)[0], lines, "en")
    assert "agent DL1's order: no refund on the platform" in step and "agree the refund" not in step
    refund_only = case.model_copy(update={"type": CaseType.REFUND_ONLY, "status": None, "return_tracking": None})
    assert "credits only goods that came back" in next_step(refund_only, lines, "en")


# 12. a 单号 typed in another letter case or with spaces is the order; one that names no order is said

def test_a_return_ref_retyped_is_matched_and_one_naming_no_order_is_reported(tmp_path):
    """A 退货 whose 单号 was dl1-001 or "DL1- 001" was ignored without a word (exact match only), as
    was DL1001, which names no order at all. The first two are matched as codes are (case and spaces
    aside); the third, which begins with an agent's id, is a warning at its 单号 cell in settle and
    in validate, naming the order it is likely to be."""
    from shopbook.validate import validate_path

    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 3, "27.50", status="已签收", shipped=d(2026, 11, 3))],
                     moves=[ret(d(2026, 11, 6), "A", 1, "dl1-001"), ret(d(2026, 11, 7), "A", 1, "DL1- 001"),
                            ret(d(2026, 11, 8), "A", 1, "DL1001"), ret(d(2026, 11, 9), "A", 1, "T-9")])
    res = settle_month(shop, "2026-11")
    (st,) = res.statements
    assert [(x.order_no, x.qty) for x in st.returns] == [("DL1-001", 1), ("DL1-001", 1)]
    assert st.returned == D("55.00")
    ref_col = col_letter([c.name for c in Movement.columns()].index("ref"))
    (i,) = res.issues
    assert (i.book, i.sheet, i.cell, i.severity) == ("stock.xlsx", "出入库", f"{ref_col}4", "warning")
    assert "像是代理 DL1 的订单" in i.message_zh and "“DL1-001”" in i.message_zh
    assert "looks like agent DL1's order" in i.message_en and "Type the order number" in i.message_en
    v = validate_path(shop.folder)
    assert [(w.book, w.cell) for w in v.warnings if "DL1001" in w.message_en] == [("stock.xlsx", f"{ref_col}4")]
    notes = openpyxl.load_workbook(res.summary)["提醒"]
    assert [c.value for c in notes[2]][:3] == ["stock.xlsx", "出入库", f"{ref_col}4"]


# 13. a line with a 代理编号 whose 来源 is not 代理 is on no statement: said, where

def test_an_agent_line_whose_source_is_not_agent_is_a_located_warning(tmp_path):
    """DL1-002 typed with 来源 淘宝 (and DL1-003 with it blank) was left out of DL1's statement
    with exit 0 and nothing from validate. Both are now warnings at their 来源 cell, in settle (the
    month they shipped: the CLI prints them) and in validate, saying what to change."""
    from typer.testing import CliRunner

    from shopbook.cli import app
    from shopbook.validate import validate_path

    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 1, "27.50", shipped=d(2026, 11, 3)),
                                      line("DL1-002", "A", 1, "27.50", shipped=d(2026, 11, 4)).model_copy(
                                          update={"source": OrderSource.TAOBAO}),
                                      line("DL1-003", "B", 1, "22.00", shipped=d(2026, 11, 5)).model_copy(
                                          update={"source": None})])
    src = _col("source")
    res = settle_month(shop, "2026-11")
    assert res.statements[0].goods == D("27.50")
    assert [(i.book, i.sheet, i.cell, i.severity) for i in res.issues] == [
        ("orders.xlsx", "订单", f"{src}3", "warning"), ("orders.xlsx", "订单", f"{src}4", "warning")]
    assert "来源却是“淘宝”" in res.issues[0].message_zh and "把来源改成“代理”" in res.issues[0].message_zh
    assert "source is 'blank'" in res.issues[1].message_en and "clear the agent id" in res.issues[1].message_en
    r = CliRunner().invoke(app, ["agents", "settle", str(shop.folder), "--month", "2026-11"])
    assert r.exit_code == 0 and f"订单 › {src}3" in r.output and "DL1-002" in r.output, r.output
    v = validate_path(shop.folder)
    assert [(w.book, w.cell) for w in v.warnings if "DL1-00" in w.message_en] == [
        ("orders.xlsx", f"{src}3"), ("orders.xlsx", f"{src}4")]


# 14. `agents email` says what settle says, and about every agent it does not mail

def test_agents_email_says_the_settlements_warnings_prices_written_and_agents_without_e_mail(tmp_path):
    """`agents email` settles the month but showed none of it: a shipped line left out (no ship
    date), the blank 单价 it wrote into orders.xlsx, and an agent with no 邮箱 skipped in silence.
    Each is said now, the last by name at its 邮箱 cell with where its statement is."""
    from typer.testing import CliRunner

    from shopbook.cli import app

    shop = make_shop(tmp_path, agents=[Agent(agent_id="DL1", name="甲", tier="金牌", email="jia@agent.test"),
                                       Agent(agent_id="DL2", name="乙", tier="金牌")],
                     lines=[line("DL1-001", "A", 1, None, shipped=d(2026, 11, 3)),
                            line("DL1-002", "A", 1, "27.50", shipped=None)])
    r = CliRunner().invoke(app, ["agents", "email", str(shop.folder), "--month", "2026-11"])
    assert r.exit_code == 0, r.output
    said = "".join(r.output.split())
    assert f"订单›{_col('shipped_on')}3" in said and "DL1-002" in said  # settle's warning
    assert "1行代理订单的单价是空的" in said and "写入了orders.xlsx" in said
    statement = shop.reports / "代理" / "DL2-乙-对账单-2026-11.xlsx"
    assert statement.exists() and "agents.xlsx›代理商›F3" in said and "代理乙（DL2）没有邮箱" in said
    assert "".join(str(statement).split()) in said
    assert openpyxl.load_workbook(shop.path(ORDERS))["订单"][f"{_col('unit_price')}2"].value == 27.5
    assert len(list(shop.outbox.glob("*.eml"))) == 1


@pytest.mark.parametrize("typed, to", [("jia@agent.test；yi@agent.test", "jia@agent.test, yi@agent.test"),
                                       ("jia@agent.test, yi@agent.test", "jia@agent.test, yi@agent.test"),
                                       ("jia＠agent.test", "jia@agent.test")])
def test_an_e_mail_cell_may_hold_several_addresses_and_a_full_width_at(tmp_path, typed, to):
    """Two addresses in one 邮箱 cell were refused by `agents email` but passed by validate. Several,
    separated by , ; ， or ；, are now mailed to, a full-width ＠ read as @; what is still no address is
    the same located error in both."""
    from shopbook.validate import validate_path

    shop = make_shop(tmp_path, agents=[Agent(agent_id="DL1", name="甲", tier="金牌", email=typed)])
    assert not validate_path(shop.folder).errors
    (kept,) = email_agents(shop, "2026-11").deliveries
    assert email_lib.message_from_bytes(kept.path.read_bytes(), policy=policy.default)["To"] == to
    wb = openpyxl.load_workbook(shop.path(AGENTS))
    wb["代理商"]["F2"] = "jia@agent.test；yi at agent.test"
    wb.save(shop.path(AGENTS))
    (err,) = validate_path(shop.folder).errors
    with pytest.raises(ShopbookError) as e:
        email_agents(open_shop(shop.folder), "2026-11")
    assert (err.book, err.sheet, err.cell) == ("agents.xlsx", "代理商", "F2") and err.message_en in e.value.en
    assert "“yi at agent.test”不是邮箱地址" in err.message_zh and "separate several" in err.message_en


# 15. a 返利 table whose rate falls as the threshold rises is most likely a typo

def test_a_rebate_rate_below_a_lower_thresholds_is_a_located_warning(tmp_path):
    """2 % from 5,000, 1 % from 8,000, 5 % from 20,000 (3 % meant): an agent selling 8,800 got less
    back than one selling 6,400, and validate said nothing. The 1 % is now a warning at its cell;
    rows in any order, and a table that only rises, say nothing."""
    from shopbook.validate import validate_path

    shop = make_shop(tmp_path, rebates=[Rebate(threshold=D(20000), rate=D("0.05")),
                                        Rebate(threshold=D(5000), rate=D("0.02")),
                                        Rebate(threshold=D(8000), rate=D("0.01"))])
    (w,) = [i for i in validate_path(shop.path(AGENTS)).issues if i.sheet == "返利"]
    assert (w.book, w.cell, w.severity) == ("agents.xlsx", "B4", "warning")
    assert "1.00% 低于更低门槛 5,000.00 的 2.00%（第 3 行）" in w.message_zh and "selling more" in w.message_en
    wb = openpyxl.load_workbook(shop.path(AGENTS))
    wb["返利"]["B4"] = 0.03
    wb.save(shop.path(AGENTS))
    assert not [i for i in validate_path(shop.path(AGENTS)).issues if i.sheet == "返利"]


# 16. the summary's notes sheet speaks the shop's language only

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_summarys_notes_are_in_the_shops_language_only(tmp_path, lang):
    """The notes sheet of the settlement summary carried both message columns (说明 and Message)
    in either shop. It now has the shop's language only."""
    import re

    shop = make_shop(tmp_path, settings=[("shop", "language", f'"{lang}"')],
                     lines=[line("DL1-001", "A", 1, "27.50", shipped=None)])
    res = settle_month(shop, "2026-11")
    ws = openpyxl.load_workbook(res.summary)["提醒" if lang == "zh" else "Notes"]
    rows = [list(r) for r in ws.values]
    assert rows[0] == (["工作簿", "工作表", "单元格", "级别", "说明"] if lang == "zh" else
                       ["Workbook", "Sheet", "Cell", "Severity", "Message"])
    (note,) = rows[1:]
    assert note[4] == (res.issues[0].message_zh if lang == "zh" else res.issues[0].message_en)
    if lang == "en":  # (the sheet is named as the workbook names it: this fixture's are Chinese)
        assert not any(re.search(r"[\u3000-\u9fff\uff00-\uffef]", str(v)) for r in rows for j, v in enumerate(r)
                       if v and j != 1), rows


# 17. a new 返利 table from a month on leaves the months settled before it as sent

def test_a_rebate_table_dated_from_a_month_leaves_earlier_months_as_settled(tmp_path):
    """October settled at 10 % from 100.00 (110.00 of goods: 11.00 back, 99.00 due). The shop then
    made it 20 %: changing the row recomputed October's rebate inside November's 上期结余, so the
    month sent no longer added up. The new rows now carry a 起始日期 and apply from its month on;
    the rows without one stay October's table. Two rows of one threshold and date are an error."""
    from shopbook.validate import validate_path

    shop = make_shop(tmp_path, rebates=[Rebate(threshold=D(100), rate=D("0.1"))],
                     lines=[line("DL1-001", "A", 4, "27.50", shipped=d(2026, 10, 10)),
                            line("DL1-002", "A", 4, "27.50", shipped=d(2026, 11, 12))])
    (oct1,) = settle_month(shop, "2026-10").statements
    assert (oct1.rebate, oct1.balance) == (D("11.00"), D("99.00"))
    wb = openpyxl.load_workbook(shop.path(AGENTS))
    ws = wb["返利"]
    assert [c.value for c in ws[1]][:3] == ["月销售额下限", "返利比例", "起始日期"]
    ws.append([100, 0.2, dt.datetime(2026, 11, 1)])
    wb.save(shop.path(AGENTS))
    shop = open_shop(shop.folder)
    assert not validate_path(shop.folder).errors
    (oct2,) = settle_month(shop, "2026-10").statements
    assert oct2.to_json() == oct1.to_json()
    (nov,) = settle_month(shop, "2026-11").statements
    assert (nov.brought_forward, nov.rebate_rate, nov.rebate, nov.balance) == (D("99.00"), D("0.2"), D("22.00"),
                                                                               D("187.00"))
    ws.append([100, 0.25, dt.datetime(2026, 11, 1)])
    wb.save(shop.path(AGENTS))
    (err,) = validate_path(shop.folder).errors
    assert (err.sheet, err.cell) == ("返利", "A4") and "row 3" in err.message_en
    with pytest.raises(ShopbookError):
        settle_month(open_shop(shop.folder), "2026-11")


def test_two_rebate_tables_starting_in_one_month_are_a_located_warning(tmp_path):
    """A new table's rows typed with 2026-11-01 and 2026-11-02: November is settled with the later
    date's rows alone, the earlier table never applies, and validate said nothing. It warns at the
    earlier table's first 起始日期, in both languages; tables of different months say nothing."""
    from typer.testing import CliRunner

    from shopbook.cli import app

    shop = make_shop(tmp_path, rebates=[Rebate(threshold=D(100), rate=D("0.1")),
                                        Rebate(threshold=D(100), rate=D("0.2"), start=d(2026, 11, 1)),
                                        Rebate(threshold=D(500), rate=D("0.3"), start=d(2026, 11, 2)),
                                        Rebate(threshold=D(1000), rate=D("0.4"), start=d(2026, 11, 1))])
    r = CliRunner().invoke(app, ["validate", str(shop.folder)])
    said = " ".join(r.output.split())
    assert "返利 › C3" in said and "起始日期 2026-11-01 的返利表从不生效" in said and "（第 4 行）" in said, r.output
    assert "返利 › C5" not in said  # said once, at the table's first row
    from shopbook.validate import validate_path

    (w,) = [i for i in validate_path(shop.path(AGENTS)).issues if i.sheet == "返利"]
    assert (w.cell, w.severity) == ("C3", "warning") and "The rebate table starting 2026-11-01 never applies" in w.message_en
    wb = openpyxl.load_workbook(shop.path(AGENTS))
    wb["返利"]["C4"] = dt.datetime(2026, 12, 1)  # a table of its own month: it applies from December
    wb.save(shop.path(AGENTS))
    assert not [i for i in validate_path(shop.path(AGENTS)).issues if i.sheet == "返利"]


def test_the_self_check_owes_what_the_statement_says_after_a_return_under_a_case_number(tmp_path):
    """The self-check worked out the amount due without the after-sales cases: a return posted
    under its case number (as `aftersales receive` does) was not credited, so finance was told
    the agent still owed 55.00 while `agents settle` said 27.50."""
    from shopbook.report.selfcheck import read_selfcheck
    from shopbook.schema import AfterSalesCase

    lines = [line("DL1-001", "A", 2, "27.50", status="已签收", shipped=d(2026, 11, 3))]
    shop = make_shop(tmp_path, lines=lines, moves=[ret(d(2026, 11, 15), "A", 1, "SH20261110-1")])
    case = AfterSalesCase(case_no="SH20261110-1", opened_on=d(2026, 11, 10), order_no="DL1-001", sku="A", qty=1,
                          type="退货退款", amount=D("27.50"), return_tracking="YT1", status="等退货")
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: lines, AfterSalesCase: [case]}, keep_backup=False)
    shop = open_shop(shop.folder)
    (st,) = settle_month(shop, "2026-11").statements
    assert st.balance == D("27.50")
    due = [i.what for i in read_selfcheck(shop, d(2026, 12, 5), []) if i.role == "finance" and "对账单应收" in i.what]
    assert due == ["2026-11 对账单应收 ¥27.50 未收齐"], due


def _formula_reading_blank(path, sheet: str, ref: str, formula: str) -> None:
    """`ref` holds `formula` with the empty text Excel caches for ="" (openpyxl caches no value)."""
    import re
    import zipfile

    wb = openpyxl.load_workbook(path)
    wb[sheet][ref] = None
    wb.save(path)
    part = f"xl/worksheets/sheet{wb.sheetnames.index(sheet) + 1}.xml"
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    cell = f'<c r="{ref}" t="str"><f>{formula}</f><v></v></c>'.encode()
    parts[part], n = re.subn(rb'<c r="%s"(?:[^>]*/>|[^>]*>.*?</c>)' % ref.encode(), cell, parts[part], count=1, flags=re.S)
    if not n:  # (no cell there yet: the first of its row)
        row = re.search(rb'<row r="%s"[^>]*>' % re.sub(r"\D", "", ref).encode(), parts[part])
        parts[part] = parts[part][:row.end()] + cell + parts[part][row.end():]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_a_unit_price_formula_reading_blank_is_billed_and_never_written_over(tmp_path):
    """A 单价 of =IFERROR(VLOOKUP(…),"") that found nothing reads blank: it is billed at the agent's
    price as a blank is, but settle wrote that price over the person's formula. Now the formula stays,
    and settle says where and what it means (a later price change moves the month)."""
    shop = make_shop(tmp_path, lines=[line("DL1-001", "B", 2, None, shipped=d(2026, 11, 3)),
                                      line("DL1-002", "A", 1, None, shipped=d(2026, 11, 4))])
    ref = f"{_col('unit_price')}2"
    formula = 'IFERROR(VLOOKUP(J2,代理价!A:C,3,FALSE),"")'
    _formula_reading_blank(shop.path(ORDERS), "订单", ref, formula)
    assert openpyxl.load_workbook(shop.path(ORDERS))["订单"][ref].value == "=" + formula
    res = settle_month(shop, "2026-11")
    (st,) = res.statements
    assert [(x.order_no, x.price) for x in st.lines] == [("DL1-001", D("22.00")), ("DL1-002", D("27.50"))]
    ws = openpyxl.load_workbook(shop.path(ORDERS))["订单"]
    assert ws[ref].value == "=" + formula  # the person's formula, kept
    assert ws[f"{_col('unit_price')}3"].value == 27.5  # a blank cell: the price billed, written
    assert (res.priced, res.formulas) == (1, (ref,))
    (said,) = [x for x in res.priced_said() if x[0] == "!"]
    assert ref in said[1] and "单价" in said[1] and "formula" in said[2]
    assert res.to_json()["prices_not_written"] == [ref]


def test_a_return_of_an_agent_order_whose_line_has_a_typo_is_no_second_issue(tmp_path):
    """数量 typed 1件 on agent order DL1-001 is one error. validate also warned at the 退货 of that order
    that its 单号 was no order's, and suggested retyping it as another order of the agent (DL1-002):
    the order is there, its row only unreadable, as every other reference to a row with a typo reads."""
    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 1, "27.50", shipped=d(2026, 11, 3)),
                                      line("DL1-002", "A", 1, "27.50", shipped=d(2026, 11, 4))],
                     moves=[ret(d(2026, 11, 8), "A", 1, "DL1-001")])
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    wb["订单"][f"{_col('qty')}2"] = "1件"
    wb.save(shop.path(ORDERS))
    from shopbook.validate import validate_path

    v = validate_path(shop.folder)
    assert [(i.book, i.cell, i.severity) for i in v.issues] == [("orders.xlsx", f"{_col('qty')}2", "error")], [
        (i.book, i.cell, i.message_en) for i in v.issues]


def test_an_agent_line_naming_no_agent_is_a_located_warning(tmp_path):
    """DL1-002 typed with 来源 代理 and its 代理编号 left blank was shipped and billed to nobody: settle
    said ✓ and exit 0, validate said 0 warnings. Now a warning at its 代理编号 cell, in settle (the
    month it shipped: the screen, --json and the summary's notes) and in validate."""
    from typer.testing import CliRunner

    from shopbook.cli import app
    from shopbook.validate import validate_path

    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 1, "27.50", shipped=d(2026, 11, 3)),
                                      line("DL1-002", "B", 2, None, shipped=d(2026, 11, 4), agent=None)])
    col = _col("agent_id")
    res = settle_month(shop, "2026-11")
    assert res.statements[0].goods == D("27.50")
    assert [(i.book, i.sheet, i.cell, i.severity) for i in res.issues] == [("orders.xlsx", "订单", f"{col}3", "warning")]
    assert "代理编号却是空的" in res.issues[0].message_zh and "no agent id" in res.issues[0].message_en
    notes = openpyxl.load_workbook(res.summary)["提醒"]
    assert [c.value for c in notes[2]][:3] == ["orders.xlsx", "订单", f"{col}3"]
    # no ✓ beside the summary of a month with a line on no statement; a month with none has it
    assert res.said()[-1] == ("!", str(res.summary), str(res.summary))
    assert settle_month(shop, "2026-12").issues == []  # said in the month it shipped
    assert settle_month(shop, "2026-12").said()[-1][0] == "✓"
    r = CliRunner().invoke(app, ["agents", "settle", str(shop.folder), "--month", "2026-11"])
    assert r.exit_code == 0 and f"订单 › {col}3" in r.output and "DL1-002" in r.output, r.output
    v = validate_path(shop.folder)
    assert [(w.book, w.cell) for w in v.warnings if "DL1-002" in w.message_en] == [("orders.xlsx", f"{col}3")]


def test_a_former_agent_with_nothing_in_the_month_is_mailed_no_statement(tmp_path):
    """DL2, 已终止 since October with nothing owed, was e-mailed a ¥0.00 statement every month by
    `agents email` (DL3, 暂停 and still owing, rightly is). Now DL2 is sent nothing and the screen says
    so; a former agent with anything in the month or a balance is mailed as ever."""
    from typer.testing import CliRunner

    from shopbook.cli import app

    shop = make_shop(tmp_path, agents=[Agent(agent_id="DL1", name="甲", tier="金牌", email="jia@agent.test"),
                                       Agent(agent_id="DL2", name="乙", tier="金牌", email="yi@agent.test",
                                             status="已终止"),
                                       Agent(agent_id="DL3", name="丙", tier="金牌", email="bing@agent.test",
                                             status="暂停")],
                     lines=[line("DL1-001", "A", 1, "27.50", shipped=d(2026, 10, 3)),
                            line("DL3-001", "A", 2, "27.50", shipped=d(2026, 10, 5), agent="DL3")])
    r = CliRunner().invoke(app, ["agents", "email", str(shop.folder), "--month", "2026-11"])
    assert r.exit_code == 0, r.output
    to = sorted(email_lib.message_from_bytes(p.read_bytes(), policy=policy.default)["To"]
                for p in shop.outbox.glob("*.eml"))
    assert to == ["bing@agent.test", "jia@agent.test"]
    said = "".join(r.output.split())
    assert "乙（DL2）不在合作中，2026-11没有往来、结余为0：没有发对账单" in said and "丙" not in said


@pytest.mark.parametrize("lang, both, one", [("zh", "附件是 2026-11 的对账单和最新价格表。", "附件是 2026-11 的对账单。"),
                                             ("en", "Attached are the 2026-11 statement and the current price sheet.",
                                              "Attached is the 2026-11 statement.")])
def test_an_agents_mail_names_the_attachments_it_has(tmp_path, serve, lang, both, one):  # noqa: F811
    """A paused agent (暂停) gets its statement but no price sheet (made for agents 合作中 only), yet
    its e-mail said 附件是…的对账单和最新价格表 / "the statement and the current price sheet". Sent
    through a loopback SMTP server: each mail now names what it carries."""
    shop = make_shop(tmp_path, agents=[Agent(agent_id="DL1", name="甲", tier="金牌", email="jia@agent.test"),
                                       Agent(agent_id="DL2", name="乙", tier="金牌", email="yi@agent.test",
                                             status="暂停")],
                     lines=[line("DL1-001", "A", 1, "27.50", shipped=d(2026, 11, 3)),
                            line("DL2-001", "B", 1, "22.00", shipped=d(2026, 11, 3), agent="DL2")])
    handler, port = serve()
    cfg = shop.folder / "shopbook.toml"
    text = cfg.read_text(encoding="utf-8").replace('host = ""', 'host = "127.0.0.1"').replace(
        "port = 587", f"port = {port}").replace('security = "starttls"', 'security = "none"')
    if lang == "en":
        text = text.replace('language = "zh"', 'language = "en"')
    cfg.write_text(text, encoding="utf-8")
    res = email_agents(open_shop(shop.folder), "2026-11")
    assert [d_.sent for d_ in res.deliveries] == [True, True]
    got = {}
    for raw in handler.messages:
        m = email_lib.message_from_bytes(raw, policy=policy.default)
        got[m["To"]] = (len(list(m.iter_attachments())), m.get_body(("plain",)).get_content())
    assert got["jia@agent.test"][0] == 2 and both in got["jia@agent.test"][1]
    assert got["yi@agent.test"][0] == 1 and one in got["yi@agent.test"][1] and both not in got["yi@agent.test"][1]


def test_a_tiers_list_of_skus_below_cost_says_how_many_more(tmp_path):
    """The 等级 row's error listed the first 8 SKUs then '…' (how many more: not said), and the
    floor one read 'for 1 SKUs'. Now: 'P0, … P7 and 2 more' / 'P0, … P7 等，还有 2 个', '1 SKU'."""
    from shopbook.validate import validate_path

    shop = make_shop(tmp_path, products=[Product(sku=f"P{i}", name="T恤", cost=D(40), price=D(50), opening_qty=1)
                                         for i in range(10)],
                     tiers=[Tier(tier="金牌", discount=D("0.55")), Tier(tier="银牌", discount=D("0.9"), floor=D("0.85"))],
                     prices=[AgentPrice(sku=f"P{i}", tier="银牌", price=D(41)) for i in range(9)])
    errs = {e.cell: e for e in validate_path(shop.folder).errors if e.sheet == "等级"}
    assert "P0, P1, P2, P3, P4, P5, P6, P7 and 2 more." in errs["B2"].message_en
    assert "P0, P1, P2, P3, P4, P5, P6, P7 等，还有 2 个。" in errs["B2"].message_zh
    assert "for 1 SKU: P9;" in errs["C3"].message_en and "（1 个 SKU：P9）" in errs["C3"].message_zh


def test_a_floor_below_the_agent_price_says_what_to_do(tmp_path):
    """A 代理价 row above its tier's floor retail price was an error saying only 'The floor retail
    price 35.00 is below the agent price 36.00.' (the zh: 代理卖不出利润), not what to change."""
    from shopbook.validate import validate_path

    shop = make_shop(tmp_path, prices=[AgentPrice(sku="A", tier="金牌", price=D(36))])  # A list 50: floor 35.00
    (e,) = [e for e in validate_path(shop.folder).errors if e.sheet == "代理价"]
    assert e.cell == "C2" and "the agent cannot sell at a profit" in e.message_en
    assert "Lower the agent price, or raise the floor of tier '金牌' on the Tiers sheet." in e.message_en
    assert "请降低代理价，或在“等级”表提高等级“金牌”的最低零售折扣。" in e.message_zh


def test_an_agents_statement_sent_again_unchanged_is_said(tmp_path, serve, wide_console):  # noqa: F811
    """Finance corrects DL2's payment and runs `agents email` again: DL1 got the very same statement
    a second time and nothing said so (`shopbook email` says it of a report). Now DL1's line says
    when it went out before; DL2's, changed, does not."""
    from typer.testing import CliRunner

    from shopbook.cli import app

    shop = make_shop(tmp_path, agents=[Agent(agent_id="DL1", name="甲", tier="金牌", email="jia@agent.test"),
                                       Agent(agent_id="DL2", name="乙", tier="金牌", email="yi@agent.test")],
                     lines=[line("DL1-001", "A", 1, "27.50", shipped=d(2026, 11, 3)),
                            line("DL2-001", "B", 1, "22.00", shipped=d(2026, 11, 3), agent="DL2")],
                     payments=[Payment(date=d(2026, 11, 20), agent_id="DL2", amount=D("20.00"))])
    handler, port = serve()
    cfg = shop.folder / "shopbook.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace('host = ""', 'host = "127.0.0.1"').replace(
        "port = 587", f"port = {port}").replace('security = "starttls"', 'security = "none"'), encoding="utf-8")
    r = CliRunner().invoke(app, ["agents", "email", str(shop.folder), "--month", "2026-11"])
    assert r.exit_code == 0 and "已发过一次" not in r.output, r.output
    wb = openpyxl.load_workbook(shop.path(AGENTS))
    wb["收款"]["C2"] = 22  # the payment was 22.00
    wb.save(shop.path(AGENTS))
    r = CliRunner().invoke(app, ["agents", "email", str(shop.folder), "--month", "2026-11"])
    assert r.exit_code == 0 and len(handler.messages) == 4, r.output
    said = [ln for ln in r.output.splitlines() if ln.strip()]
    assert "DL1" in said[0] and "同样内容的这封邮件" in said[1] and "已发过一次" in said[1], r.output
    assert "DL2" in said[2] and len(said) == 3, r.output
    wb = openpyxl.load_workbook(shop.path(STOCK))
    wb["商品"]["I2"] = 60  # A's list price: DL1's price sheet now says 33.00, not 27.50
    wb.save(shop.path(STOCK))
    r = CliRunner().invoke(app, ["agents", "email", str(shop.folder), "--month", "2026-11"])
    assert r.exit_code == 0 and "已发过一次" not in r.output, r.output


@pytest.mark.parametrize("lang, want, other", [("zh", "“代理商”表里没有代理编号 DL01。是不是“DL1”？", "No agent"),
                                               ("en", "The Agents sheet has no agent id DL01. Did you mean 'DL1'?", "代理")])
def test_agents_sheets_for_an_id_not_there_says_it_in_the_shops_language(tmp_path, lang, want, other,
                                                                          wide_console):
    """`agents sheets --agent DL01` (DL1 meant) printed '✗ 找不到代理编号 DL01。' and 'No agent with id
    DL01.' in either shop, naming neither the sheet nor the id near it. Now one language, the
    workbook, the sheet and the id meant."""
    from typer.testing import CliRunner

    from shopbook.cli import app

    shop = make_shop(tmp_path)
    if lang == "en":
        cfg = shop.folder / "shopbook.toml"
        cfg.write_text(cfg.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    r = CliRunner().invoke(app, ["agents", "sheets", str(shop.folder), "--agent", "DL01"])
    said = " ".join(r.output.split())
    assert r.exit_code == 2 and want in said and "agents.xlsx" in said and other not in said, r.output


def test_the_settlement_summary_shows_money_and_the_rebate_rate_as_the_statements_do(tmp_path):
    """The 代理结算汇总 workbook's figures were General: 货款 1264 and 返利比例 0.025 where the statements
    show 1,264.00 and finance reads 2.50%. Now #,##0.00 and 0.00%, read back from the file."""
    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 40, None, shipped=d(2026, 11, 3))],  # 40 × 27.50
                     rebates=[Rebate(threshold=D(1000), rate=D("0.025"))])
    res = settle_month(shop, "2026-11")
    ws = openpyxl.load_workbook(res.summary)["汇总"]
    row = {h.value: c for h, c in zip(ws[1], ws[2])}
    assert row["货款"].value == 1100 and row["货款"].number_format == "#,##0.00"
    assert row["返利比例"].value == 0.025 and row["返利比例"].number_format == "0.00%"
    assert row["返利"].value == 27.5 and row["本期应收"].value == 1072.5 and row["本期应收"].number_format == "#,##0.00"
    assert row["订单数"].number_format == "General"


def test_a_new_product_priced_below_cost_stops_only_what_uses_its_price(tmp_path):
    """C (cost 30, list 50: 金牌 27.50 is below cost, and no 代理价 row can help, the floor being 35.00)
    was added on 11-20; no agent has ordered it. `agents settle --month 2026-11` stopped on it:
    the month's statements, whose lines are all A, could not be made. Now settle bills on (C's price
    is used by no line), the price sheets still stop on C until it is priced or 下架, and a 下架 C
    stops nothing; a blank-单价 line of C shipped in the month stops the settlement as before."""
    from shopbook.validate import validate_path

    products = [Product(sku="A", name="T恤", cost=D(10), price=D(50), opening_qty=100),
                Product(sku="C", name="羊绒衫", cost=D(30), price=D(50), opening_qty=5)]
    shop = make_shop(tmp_path, products=products, lines=[line("DL1-001", "A", 2, None, shipped=d(2026, 11, 3))])
    before = shop.path(ORDERS).read_bytes()
    with pytest.raises(ShopbookError) as e:  # e-mail attaches price sheets: it stops before writing anything
        email_agents(shop, "2026-11")
    assert "等级 › B2" in e.value.zh and shop.path(ORDERS).read_bytes() == before
    assert not list(shop.reports.rglob("*对账单*")) and not list(shop.outbox.glob("*.eml"))
    res = settle_month(shop, "2026-11")
    assert res.statements[0].goods == D("55.00") and res.priced == 1
    with pytest.raises(ShopbookError) as e:
        price_sheets(shop)
    assert "等级 › B2" in e.value.zh and "C" in e.value.zh
    assert [i.cell for i in validate_path(shop.folder).errors] == ["B2"]
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb["商品"]
    heads = {c.value: c.column for c in ws[1]}
    ws.cell(3, heads["状态"]).value = "下架"
    wb.save(shop.path(STOCK))
    assert len(price_sheets(open_shop(shop.folder))) == 1 and not validate_path(shop.folder).errors
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    ws.append([c.value for c in ws[2]])  # the same order line again, as C, 单价 blank
    heads = {c.value: c.column for c in ws[1]}
    ws.cell(3, heads["订单编号"]).value, ws.cell(3, heads["商家编码"]).value = "DL1-002", "C"
    ws.cell(3, heads["单价"]).value = None
    wb.save(shop.path(ORDERS))
    with pytest.raises(ShopbookError) as e:
        settle_month(open_shop(shop.folder), "2026-11")
    assert "等级 › B2" in e.value.zh
    assert [i.cell for i in validate_path(shop.folder).errors] == ["B2"]


def test_a_payment_typed_twice_is_a_warning_at_the_second_row(tmp_path):
    """QA: two 收款 rows of the same day, agent and amount passed validate and settle with no word, and
    the agent was credited twice (owing 500.00 less on every statement after). Now the second row's
    金额 has a warning naming the first, in validate and on that month's statement; still counted
    (two payments of one amount on one day can be real), and another amount is no repeat."""
    from shopbook.validate import validate_path

    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 20, "27.50", shipped=d(2026, 11, 3))],
                     payments=[Payment(date=d(2026, 11, 10), agent_id="DL1", amount=D("500.00")),
                               Payment(date=d(2026, 11, 10), agent_id="DL1", amount=D("500.00")),
                               Payment(date=d(2026, 11, 10), agent_id="DL1", amount=D("50.00"))])
    [w] = [i for i in validate_path(shop.folder).warnings if i.sheet == "收款"]
    assert (w.cell, w.value) == ("C3", "500.00") and "与第 2 行是同一天" in w.message_zh, (w.cell, w.message_zh)
    assert "payment on row 2" in w.message_en
    (st,) = settle_month(shop, "2026-11").statements
    assert st.paid == D("1050.00")  # counted, as typed
    assert [(i.sheet, i.cell) for i in st.issues] == [("收款", "C3")]
    assert settle_month(shop, "2026-12").statements[0].issues == []  # said the month it is dated


def test_an_agent_who_paid_more_than_owed_reads_what_is_to_their_credit(tmp_path):
    """QA: an agent who overpaid was e-mailed "本期应收 -450.00 元" (balance due: -450.00). Now the mail says
    多付 450.00 元，下期抵扣 (overpaid, carried to next month); an agent who owes reads 本期应收 as before."""
    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 20, "27.50", shipped=d(2026, 11, 3))],
                     payments=[Payment(date=d(2026, 11, 10), agent_id="DL1", amount=D("1000.00"))])
    (kept,) = email_agents(shop, "2026-11").deliveries
    text = email_lib.message_from_bytes(kept.path.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    assert "多付 450.00 元，下期抵扣" in text and "应收 -" not in text, text
    owing = make_shop(tmp_path, lines=[line("DL1-001", "A", 20, "27.50", shipped=d(2026, 11, 3))], name="owing")
    (kept,) = email_agents(owing, "2026-11").deliveries
    text = email_lib.message_from_bytes(kept.path.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    assert "本期应收 550.00 元" in text, text
