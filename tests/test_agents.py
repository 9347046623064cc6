"""Agents against a hand-worked November 2026.

Prices: P1 list 100.00 (cost 40), P2 list 200.00 (cost 90). 金牌 0.55, 银牌 0.65, floor 0.7;
the 代理价 row P2/金牌 = 105.00. So 金牌: P1 55.00, P2 105.00; 银牌: P1 65.00, P2 130.00.
Rebates: ≥1,000 → 2 %, ≥3,000 → 3 %, ≥5,000 → 5 %. Shipping 5.00 per order (shopbook.toml).

DL001 (金牌): shipped A1 P1×10 = 550.00, A2 P2×20 = 2,100.00, A3 P1×4 = 220.00 → goods 2,870.00,
  3 orders → shipping 15.00; 2 × P1 returned from A1 → 110.00; sales 2,760.00 → 2 % → rebate 55.20;
  paid 1,000.00 (a part payment) → the month 2,870 + 15 − 110 − 55.20 − 1,000 = 1,719.80;
  October's A0 P1×3 = 165.00 + 5.00 shipping, unpaid, is brought forward → balance due 1,889.80
DL002 (银牌): shipped B1 P2×30 = 3,900.00, B2 P1×10 = 650.00 → goods 4,550.00, shipping 10.00,
  sales 4,550.00 crosses 3,000 → 3 % → rebate 136.50; paid 4,000.00 → the month 423.50;
  999.00 paid in October is brought forward (−999.00) → balance due −575.50
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from shopbook.agents.workflow import price_sheets, settle_month
from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import import_orders, make_picklist, review, ship
from shopbook.schema import (AGENTS, ORDERS, STOCK, Agent, AgentPrice, Movement, OrderLine, OrderStatus, Payment, Product,
                             Rebate, Tier)
from shopbook.shop import init_shop, open_shop
from shopbook.validate import validate_path
from shopbook.workbook_builder import write_workbook

D = Decimal


def line(no, agent, sku, qty, price, status="已发货", shipped=None):
    return OrderLine(order_no=no, source="代理", agent_id=agent, receiver="收货人", phone="13800000000",
                     address="浙江省 杭州市 西湖区 文三路1号", sku=sku, qty=qty, unit_price=D(price), status=status,
                     shipped_on=shipped, paid_at=dt.datetime(2026, 11, 1, 9))


@pytest.fixture
def shop(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    cfg = folder / "shopbook.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace('shipping_per_order = 0 ', 'shipping_per_order = 5.00 '),
                   encoding="utf-8")
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="P1", style="S1", name="衬衫", colour="白", size="M", barcode="6900000000011", bin="A-1",
                          cost=D(40), price=D(100), opening_qty=100, weight_kg=D("0.3")),
                  Product(sku="P2", style="S2", name="大衣", barcode="6900000000028", bin="A-2", cost=D(90),
                          price=D(200), opening_qty=4, weight_kg=D("1.2"))],
        Movement: [Movement(date=dt.date(2026, 11, 15), sku="P1", type="退货", qty=2, ref="DL001-A1")]},
        keep_backup=False)
    write_workbook(folder / "agents.xlsx", AGENTS, "zh", {
        Agent: [Agent(agent_id="DL001", name="张代理", tier="金牌", email="zhang@agent.test"),
                Agent(agent_id="DL002", name="李代理", tier="银牌", email="li@agent.test")],
        Tier: [Tier(tier="金牌", discount=D("0.55")), Tier(tier="银牌", discount=D("0.65"))],
        AgentPrice: [AgentPrice(sku="P2", tier="金牌", price=D("105.00"))],
        Rebate: [Rebate(threshold=D(1000), rate=D("0.02")), Rebate(threshold=D(3000), rate=D("0.03")),
                 Rebate(threshold=D(5000), rate=D("0.05"))],
        Payment: [Payment(date=dt.date(2026, 11, 10), agent_id="DL001", amount=D("1000.00"), note="部分付款"),
                  Payment(date=dt.date(2026, 11, 30), agent_id="DL002", amount=D("4000.00")),
                  Payment(date=dt.date(2026, 10, 30), agent_id="DL002", amount=D("999.00"))]}, keep_backup=False)
    d = dt.date
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        line("DL001-A0", "DL001", "P1", 3, "55.00", shipped=d(2026, 10, 28)),  # October: not this month
        line("DL001-A1", "DL001", "P1", 10, "55.00", shipped=d(2026, 11, 5)),
        line("DL001-A2", "DL001", "P2", 20, "105.00", shipped=d(2026, 11, 12)),
        line("DL001-A3", "DL001", "P1", 4, "55.00", shipped=d(2026, 11, 20)),
        line("DL001-A4", "DL001", "P1", 1, "55.00", status="已审核"),  # not shipped yet
        line("DL002-B1", "DL002", "P2", 30, "130.00", shipped=d(2026, 11, 8)),
        line("DL002-B2", "DL002", "P1", 10, "65.00", status="已签收", shipped=d(2026, 11, 25)),
    ]}, keep_backup=False)
    return open_shop(folder)


def test_hand_worked_month_to_the_fen(shop):
    res = settle_month(shop, "2026-11")
    a, b = res.statements
    assert (a.goods, a.shipping, a.returned, a.sales, a.rebate_rate, a.rebate, a.paid, a.month_balance) == (
        D("2870.00"), D("15.00"), D("110.00"), D("2760.00"), D("0.02"), D("55.20"), D("1000.00"), D("1719.80"))
    assert (a.brought_forward, a.balance) == (D("170.00"), D("1889.80"))
    assert (b.goods, b.shipping, b.returned, b.rebate_rate, b.rebate, b.paid, b.month_balance) == (
        D("4550.00"), D("10.00"), D("0.00"), D("0.03"), D("136.50"), D("4000.00"), D("423.50"))
    assert (b.brought_forward, b.balance) == (D("-999.00"), D("-575.50"))
    ws = openpyxl.load_workbook(res.files[0]).active
    cells = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(3, 10)}
    assert cells["上期结余"] == 170.00 and cells["本期应收"] == 1889.80 and cells["返利"] == -55.20
    notes = [ws.cell(row=r, column=1).value for r in range(1, 12)]
    assert any(n and "2.00%" in n and "整月" in n for n in notes)  # the statement says how the rebate applies
    summary = openpyxl.load_workbook(res.summary).active
    assert [c.value for c in summary[2]][:2] == ["DL001", "张代理"] and summary["L3"].value == -575.5


def test_price_sheet_has_only_that_agents_prices(shop):
    path = next(p for p in price_sheets(shop) if p.name.startswith("DL001"))
    wb = openpyxl.load_workbook(path)
    ws = wb["价格表"]
    head = [c.value for c in ws[4]]
    assert head == ["商家编码", "名称", "款号", "颜色", "尺码", "吊牌价", "代理价", "最低零售价", "库存", "重量(kg)", "调价"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=5, values_only=True)}
    assert rows["P1"][6] == 55.0 and rows["P2"][6] == 105.0 and rows["P1"][7] == 70.0
    assert rows["P2"][8] == "少量"  # 4 on hand
    everything = {c.value for sheet in wb.worksheets for row in sheet.iter_rows() for c in row}
    assert 40 not in everything and 90 not in everything  # no cost
    assert 65.0 not in everything and 130.0 not in everything  # no other tier's price
    assert ws.protection.sheet and wb["订单"].protection.sheet
    assert wb["订单"]["B2"].protection.locked is False and wb["订单"]["A2"].protection.locked is True


def test_filled_order_sheet_flows_through_review_picklist_ship_and_settlement(shop, tmp_path):
    path = next(p for p in price_sheets(shop) if p.name.startswith("DL001"))
    wb = openpyxl.load_workbook(path)
    ws = wb["订单"]
    for r, row in enumerate([["X1", "王五", "13911112222", "浙江省 杭州市 西湖区 文一路8号", "P1", 2, ""],
                             ["X2", "赵六", "13933334444", "广东省 深圳市 南山区 科技园1号", "P2", 1, "=1+1 开发票"]], start=2):
        for j, v in enumerate(row, start=2):
            ws.cell(row=r, column=j, value=v)
    ws.cell(row=3, column=8).data_type = "s"
    filled = tmp_path / "DL001-回传订单.xlsx"
    wb.save(filled)
    res = import_orders(shop, [filled])
    assert [(ln.order_no, ln.source.value, ln.agent_id, ln.unit_price) for ln in res.imported] == [
        ("DL001-X1", "代理", "DL001", D("55.00")), ("DL001-X2", "代理", "DL001", D("105.00"))]
    review(shop)
    by = {ln.order_no: ln for ln in read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)}
    assert by["DL001-X1"].status is OrderStatus.APPROVED and by["DL001-X2"].status is OrderStatus.HELD  # its message
    pick = make_picklist(shop)
    assert "DL001-X1" in [p.order_no for p in pick.parcels]
    scans = tmp_path / "scan.txt"
    scans.write_text("DL001-X1,中通,ZT001\n6900000000011\n6900000000011\n", encoding="utf-8")
    today = dt.date.today()
    assert ship(shop, scans, today=today).shipped == ["DL001-X1"]
    st = next(s for s in settle_month(shop, f"{today:%Y-%m}").statements if s.agent_id == "DL001")
    assert any(x.order_no == "DL001-X1" and x.amount == D("110.00") for x in st.lines)


def test_prices_below_cost_or_floor_are_errors(shop):
    wb = openpyxl.load_workbook(shop.path(AGENTS))
    wb["代理价"].append(["P1", "银牌", 35])  # below the cost of 40
    wb["等级"].append(["铜牌", 0.30, None])  # 0.30 × 200 = 60 < 90 for P2, 30 < 40 for P1
    wb["等级"].append(["特价", 0.9, 0.8])  # floor 0.8 × list < 0.9 × list
    wb.save(shop.path(AGENTS))
    v = validate_path(shop.folder)
    msgs = {(i.sheet, i.cell): i.message_en for i in v.errors}
    assert "below the cost" in msgs[("代理价", "C3")]
    assert "below cost" in msgs[("等级", "B4")] and "P1, P2" in msgs[("等级", "B4")]
    assert "floor retail" in msgs[("等级", "C5")]


def test_agent_price_cell_function(shop):
    from shopbook.xl import udfs
    from test_functions import Caller

    c = Caller(shop.path(AGENTS))
    assert udfs.SB_AGENT_PRICE("P2", "DL001", caller=c) == 105.0
    assert udfs.SB_AGENT_PRICE([["P1"], ["P2"], ["P9"]], "银牌", caller=c) == [[65.0], [130.0], ["#N/A"]]
    assert udfs.SB_AGENT_PRICE("P1", "nobody", caller=c) == "#N/A"


def test_agents_email_goes_to_outbox(shop):
    from shopbook.agents.workflow import email_agents
    import email as email_lib
    from email import policy

    out = email_agents(shop, "2026-11").deliveries
    assert len(out) == 2 and all(d.path.parent == shop.outbox for d in out)
    msg = email_lib.message_from_bytes(out[0].path.read_bytes(), policy=policy.default)
    assert msg["To"] == "zhang@agent.test"
    names = [p.get_filename() for p in msg.iter_attachments()]
    assert any("对账单" in n for n in names) and any("价格表" in n for n in names)


def test_agent_buttons(shop):
    from shopbook import xl
    from xlfake import FakeBook

    book = FakeBook(shop.path(AGENTS))
    xl.agent_settle("2026-11", book)
    assert "应收合计 ¥1,889.80，多付待抵扣 ¥575.50（1 个代理）" in book.app.alerts[-1]["prompt"]  # (a credit apart)
    xl.agent_sheets(book)
    assert "2 份价格表" in book.app.alerts[-1]["prompt"]


@pytest.mark.parametrize("rounding,price", [("fen", "54.45"), ("jiao", "54.50"), ("yuan", "54.00")])
def test_rounding_as_shopbook_toml_says(rounding, price):
    from shopbook.agents.prices import PriceBook

    pb = PriceBook([Product(sku="X", name="x", cost=D(10), price=D("99.00"))], [Tier(tier="t", discount=D("0.55"))],
                   [], rounding)
    assert pb.price("X", "t") == D(price)  # 99.00 × 0.55 = 54.45


def test_agents_email_run_again_leaves_one_statement_per_agent_waiting(shop):
    """`agents email` run twice for a month (a payment corrected in between) left two statements
    per agent in outbox/, and `email --retry` sent the agent both. The newer copy now takes the
    waiting one's place (outbox/replaced/, never sent); --retry names it by the agent."""
    import email as email_lib
    from email import policy

    from shopbook.agents.workflow import email_agents
    from shopbook.report.mail import newest_of_each, report_name, report_of
    from shopbook.report.mail import waiting as waiting_mail

    first_ = email_agents(shop, "2026-11").deliveries
    wb = openpyxl.load_workbook(shop.path(AGENTS))
    ws = wb["收款"]
    ws.append([dt.date(2026, 11, 30), "DL001", 100, "补款"])
    wb.save(shop.path(AGENTS))
    again = email_agents(shop, "2026-11").deliveries
    waiting = sorted(shop.outbox.glob("*.eml"))
    assert sorted(d.path for d in again) == waiting and len(waiting) == 2
    assert sorted(p.name for p in (shop.outbox / "replaced").glob("*.eml")) == sorted(d.path.name for d in first_)
    texts = [email_lib.message_from_bytes(p.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
             for p in waiting]
    assert any("本期应收 1,789.80 元" in t for t in texts), texts  # the corrected one: 100.00 more paid
    send, older = newest_of_each(waiting_mail(shop.outbox))  # what `email --retry --all` would send
    assert sorted(send) == waiting and not older
    assert report_name(report_of(waiting[0]), False) in ("agent DL001's statement of 2026-11",
                                                         "agent DL002's statement of 2026-11")


@pytest.mark.parametrize("lang,named", [("en", "张代理 (DL001)"), ("zh", "张代理（DL001）")])
def test_agent_titles_bracket_the_id_in_the_shops_language(shop, lang, named):
    """An English shop's price sheets and statements read "杭州衣橱（DL001） price sheet": full-width
    brackets in English text. English now brackets the id in ASCII after a space; Chinese keeps （）."""
    toml = shop.folder / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', f'language = "{lang}"'), encoding="utf-8")
    shop = open_shop(shop.folder)
    assert shop.lang == lang
    titles = [openpyxl.load_workbook(f).active["A1"].value
              for f in price_sheets(shop, "DL001") + settle_month(shop, "2026-11").files[:1]]
    assert [t.split(" · ")[1] for t in titles] == (
        [f"{named} price sheet", f"{named} 2026-11 statement"] if lang == "en" else
        [f"{named} 代理价格表", f"{named} 2026-11 月结对账单"]), titles


def test_agents_email_names_each_waiting_statement_by_its_agent(shop):
    """Every statement `agents email` kept in outbox/ was named "…-2026-11-代理对账单.eml": staff could
    not tell whose was whose. Each name now ends with the agent's id, made safe for Windows (a
    ':' or '/' in an id, a long shop name), and a re-run still replaces the unsent copy."""
    import tomllib

    from shopbook.agents.workflow import email_agents
    from shopbook.names import safe_file_name

    for book in (AGENTS, ORDERS):  # DL002 typed as the agent signs, wherever it is
        wb = openpyxl.load_workbook(shop.path(book))
        for c in (c for ws in wb for row in ws.iter_rows() for c in row if c.value == "DL002"):
            c.value = "DL:002/北"
        wb.save(shop.path(book))
    cfg = shop.folder / "shopbook.toml"
    name = tomllib.loads(cfg.read_text(encoding="utf-8"))["shop"]["name"]
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(f'"{name}"', '"' + "杭州西湖区文三路精品女装旗舰店" * 4 + '"'),
                   encoding="utf-8")
    shop = open_shop(shop.folder)
    first_ = email_agents(shop, "2026-11").deliveries
    names = sorted(d.path.name for d in first_)
    # the subject cut (the shop's name, four times over) and the agent's id kept whole at the end
    assert names[0].endswith("杭州-DL001.eml") and names[1].endswith("旗舰店-DL-002-北.eml"), names
    assert all("杭州西湖区文三路精品女装旗舰店" * 4 not in n for n in names), names
    assert all(safe_file_name(n) == n and len(n.encode("utf-8")) <= 180 for n in names), names
    again = email_agents(shop, "2026-11").deliveries
    assert sorted(p.name for p in shop.outbox.glob("*.eml")) == sorted(d.path.name for d in again)
    assert sorted(p.name for p in (shop.outbox / "replaced").glob("*.eml")) == names


def test_a_month_before_the_shop_began_is_stopped_a_quiet_month_after_it_is_settled(shop):
    """2025-01 typed for 2026-01: before, every agent got a ¥0.00 statement by e-mail, with a ✓.
    A month that ends before the shop's first order and the agents' first payment (here the
    shipment of 2026-10-28) now stops, naming that day, with nothing written and nothing sent; the
    month it began, and a month after it with nothing in it, are settled as ever."""
    from shopbook.agents.workflow import email_agents
    from shopbook.issues import ShopbookError

    for run in (settle_month, email_agents):
        with pytest.raises(ShopbookError) as e:
            run(shop, "2026-09")
        assert "2026-10-28" in e.value.zh and "2026-10-28" in e.value.en and "--month 2026-09" in e.value.en
    assert not any(shop.reports.rglob("*.xlsx")) and not any(shop.outbox.iterdir())
    assert settle_month(shop, "2026-10").statements[0].goods == D("165.00")
    quiet = settle_month(shop, "2026-12").statements  # (the month under way: nothing shipped in it yet)
    assert [(s.goods, s.paid) for s in quiet] == [(D("0.00"), D("0.00"))] * 2 and quiet[0].brought_forward


def test_price_sheets_of_a_shop_without_active_agents_stop_and_say_so(tmp_path):
    """A new shop's empty 代理商 sheet: `agents sheets` printed nothing and exited 0. It now stops,
    saying there is no active agent and where to add them."""
    from typer.testing import CliRunner

    from shopbook.cli import app

    init_shop(tmp_path / "shop")
    r = CliRunner().invoke(app, ["agents", "sheets", str(tmp_path / "shop")])
    assert r.exit_code == 2 and "没有合作中的代理" in "".join(r.output.split()), r.output
    assert not (tmp_path / "shop" / "reports").exists() or not list((tmp_path / "shop" / "reports").rglob("*.xlsx"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_price_typed_in_the_from_column_stops_each_command_in_its_own_words(tmp_path, lang, wide_console):
    """A 代理价 row whose price went into the 起始日期 column (27.5, the 代理价 cell blank) stopped every agents
    command with '✗ …/agents.xlsx：agents.xlsx：2 个数据错误': the workbook named twice, and never what could
    not be done. Each command now says it, as its other stops do."""
    from demo_shop import demo_copy
    from typer.testing import CliRunner

    from shopbook.cli import app

    folder = demo_copy(tmp_path / "shop", lang)
    wb = openpyxl.load_workbook(folder / "agents.xlsx")
    ws = wb["代理价" if lang == "zh" else "Agent prices"]
    ws.append(["TS2601-NV-L", ws.cell(2, 2).value, None, 27.5])
    wb.save(folder / "agents.xlsx")
    for args, zh, en in ((["agents", "settle", str(folder), "--month", "2026-11"], "无法结算代理：2 个数据错误",
                          "Cannot settle the agents: 2 data errors"),
                         (["agents", "sheets", str(folder)], "无法生成代理价格表：2 个数据错误",
                          "Cannot make the agents' price sheets: 2 data errors"),
                         (["agents", "email", str(folder), "--month", "2026-11"], "无法结算代理：2 个数据错误",
                          "Cannot settle the agents: 2 data errors")):
        r = CliRunner().invoke(app, args)
        said = " ".join(r.output.split())
        assert r.exit_code == 2 and (zh if lang == "zh" else en) in said, said
        assert "agents.xlsx：agents.xlsx" not in said and "agents.xlsx: agents.xlsx" not in said, said
        assert f"{ws.title} › C" in said, said


@pytest.mark.parametrize("lang, title, heads, note", [("zh", "收款明细", ("日期", "金额", "备注"), "月结付款"),
                                                      ("en", "Payments", ("Date", "Amount", "Note"), "monthly payment")])
def test_a_statement_heads_its_payments_as_its_other_lists(tmp_path, lang, title, heads, note):
    """The statement's 收款明细 listed a date, an amount and a note under its title with no heading row,
    where 发货明细, 退货明细 and 运费明细 each head their columns: the agent read bare figures."""
    from demo_shop import demo_copy

    folder = demo_copy(tmp_path / "shop", lang)
    settle_month(open_shop(folder), "2026-10")
    (path,) = (folder / "reports").glob("*/DL003-*-2026-10.xlsx")
    rows = [r for r in openpyxl.load_workbook(path).active.iter_rows(values_only=True) if any(v is not None for v in r)]
    at = next(i for i, r in enumerate(rows) if r[0] == title)
    assert rows[at + 1][:3] == heads, rows[at:]
    assert rows[at + 2][0] == dt.datetime(2026, 10, 27) and rows[at + 2][1:3] == (2923, note), rows[at:]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_agents_figures_stand_in_one_column_whatever_the_names_length(tmp_path, lang, wide_console):
    """`agents settle` padded each agent's name to 10 characters: an English shop's Hangzhou Wardrobe and
    Chengdu Corner Shop pushed their figures out of line (goods at three places), and a Chinese name's
    characters, two columns wide each, were counted as one."""
    from demo_shop import demo_copy
    from rich.cells import cell_len
    from typer.testing import CliRunner

    from shopbook.cli import app

    folder = demo_copy(tmp_path / "shop", lang)
    r = CliRunner().invoke(app, ["agents", "settle", str(folder), "--month", "2026-11"])
    rows = [ln for ln in r.stdout.splitlines() if ln.startswith("  DL00")]
    word = "货款" if lang == "zh" else "goods"
    assert len(rows) == 3 and len({cell_len(ln[:ln.index(word)]) for ln in rows}) == 1, rows
    assert len({cell_len(ln) for ln in rows}) == 1, rows


def test_a_list_cut_one_short_names_one_more_agent(tmp_path):
    """The 代理月结 button, which shows the first lines of the settlement, ended an English shop's three
    agents cut to two with '… and 1 more agents'."""
    from demo_shop import demo_copy

    folder = demo_copy(tmp_path / "shop", "en")
    res = settle_month(open_shop(folder), "2026-11")
    cut = [en for _, _, en in res.said(shown=2) if en.startswith("  …")]
    assert cut == [f"  … and 1 more agent; all of them are in {res.summary}"], cut
    assert next(en for _, _, en in res.said(shown=1) if en.startswith("  …")).startswith("  … and 2 more agents;")
