"""Agents' sheets as a shop types them, through the calls the CLI makes (real .xlsx written by
tests/test_agents_settlement.make_shop and read back): who paid, what was paid over, what is owed in all."""

from __future__ import annotations

import datetime as dt
import email as email_lib
from decimal import Decimal
from email import policy

import openpyxl
import pytest

from shopbook.agents.workflow import email_agents, settle_month
from shopbook.issues import ShopbookError
from shopbook.schema import Agent, Payment
from test_agents_settlement import line, make_shop

D = Decimal
d = dt.date


def test_a_payment_typed_with_the_agents_contact_names_the_agent_never_add_an_agent(tmp_path):
    """Finance typed who sent the money, 小王 (DL1's 联系人), where the 代理编号 goes: validate and settle said
    '代理编号“小王”不存在。请在“代理商”表中添加它' — a second agent, owed nothing, and DL1 billed for what it paid.
    The cell is now told the id whose contact it is; a contact two agents share stays the plain error."""
    from shopbook.validate import validate_path

    agents = [Agent(agent_id="DL1", name="杭州衣橱", tier="金牌", contact="小王"),
              Agent(agent_id="DL2", name="成都李姐", tier="金牌", contact="李姐"),
              Agent(agent_id="DL3", name="成都李姐二店", tier="金牌", contact="李姐")]
    shop = make_shop(tmp_path, agents=agents, lines=[line("DL1-001", "A", 1, "27.50", shipped=d(2026, 11, 3))],
                     payments=[Payment(date=d(2026, 11, 5), agent_id="小王", amount=D(100)),
                               Payment(date=d(2026, 11, 6), agent_id="李姐", amount=D(50))])
    one, two = sorted((i for i in validate_path(shop.folder / "agents.xlsx").errors if i.sheet == "收款"), key=lambda i: i.cell)
    assert one.cell == "B2" and "“小王”是 DL1 的联系人，不是编号：请改填 DL1" in one.message_zh
    assert "添加" not in one.message_zh and "is the contact person of DL1, not its id: type DL1" in one.message_en
    assert two.cell == "B3" and "不存在" in two.message_zh  # 李姐 is DL2's and DL3's: which is a person's to say
    with pytest.raises(ShopbookError) as e:
        settle_month(shop, "2026-11")
    assert "收款 › B2" in e.value.zh and "请改填 DL1" in e.value.zh


def test_what_an_agent_paid_over_last_month_reads_as_paid_over_this_month_not_a_negative_balance(tmp_path):
    """October's statement told DL1 '多付（下期抵扣）72.50'; November's then read '上期结余 -72.50', and its mail
    '上期结余 -72.50 元': the agent's credit as a minus it must puzzle out. It now reads 上期多付（本期抵扣）-72.50 on
    the statement (the column still adds up to the balance) and '上期多付 72.50 元（本期抵扣）' in the mail."""
    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 1, "27.50", shipped=d(2026, 10, 20)),
                                      line("DL1-002", "A", 4, "27.50", shipped=d(2026, 11, 3))],
                     payments=[Payment(date=d(2026, 10, 25), agent_id="DL1", amount=D(100))])
    (kept,) = email_agents(shop, "2026-11").deliveries
    msg = email_lib.message_from_bytes(kept.path.read_bytes(), policy=policy.default)
    text = msg.get_body(("plain",)).get_content()
    assert "上期多付 72.50 元（本期抵扣），本月 110.00 元，本期应收 37.50 元" in text and "-72.50" not in text, text
    (st,) = [f for f in shop.reports.rglob("*对账单-2026-11.xlsx")]
    rows = [r[:2] for r in openpyxl.load_workbook(st).worksheets[0].iter_rows(min_row=3, max_row=9, values_only=True)]
    assert rows[0] == ("上期多付（本期抵扣）", -72.5) and rows[-1] == ("本期应收", 37.5), rows
    assert sum(v for _, v in rows[:-1]) == pytest.approx(37.5)  # re-added by hand: the figures make the balance


def test_the_settlements_total_due_leaves_an_agents_overpayment_apart(tmp_path):
    """DL1 owes 110.00 and DL2 paid 72.50 over: settle said '应收合计 ¥37.50', as if 37.50 were to collect.
    It now says what is to collect and, apart, what was paid over: 应收合计 ¥110.00，多付待抵扣 ¥72.50（1 个代理）."""
    agents = [Agent(agent_id="DL1", name="甲", tier="金牌"), Agent(agent_id="DL2", name="乙", tier="金牌")]
    shop = make_shop(tmp_path, agents=agents, lines=[line("DL1-001", "A", 4, "27.50", shipped=d(2026, 11, 3)),
                                                     line("DL2-001", "A", 1, "27.50", shipped=d(2026, 11, 3), agent="DL2")],
                     payments=[Payment(date=d(2026, 11, 25), agent_id="DL2", amount=D(100))])
    res = settle_month(shop, "2026-11")
    assert [s.balance for s in res.statements] == [D("110.00"), D("-72.50")]
    (_, zh, en), *_ = res.said()
    assert zh == "2026-11 代理月结：2 个代理，应收合计 ¥110.00，多付待抵扣 ¥72.50（1 个代理）", zh
    assert en == "2026-11 agent settlement: 2 agents, balance due ¥110.00, overpaid to carry to next month ¥72.50 (1 agent)"


def test_a_tier_changed_since_last_month_was_settled_is_said_to_finance_and_on_the_statement(tmp_path):
    """DL1 went from 金牌 (0.55) to 银牌 (0.60) in November, its 等级 typed over (a tier has no date): November's
    blank 单价 were all billed at 银牌, the order of 11-03 placed while it was 金牌 too, and nothing said it where
    no price sheet was kept. The settlement now records the tier, and a month whose tier is not last month's
    says it at the 等级 cell (what to type if it changed mid-month) and on the statement."""
    from shopbook.schema import Tier

    tiers = [Tier(tier="金牌", discount=D("0.55")), Tier(tier="银牌", discount=D("0.6"))]
    shop = make_shop(tmp_path, tiers=tiers, lines=[line("DL1-001", "A", 1, None, shipped=d(2026, 10, 20)),
                                                   line("DL1-002", "A", 2, None, shipped=d(2026, 11, 3))])
    assert settle_month(shop, "2026-10").statements[0].issues == []
    wb = openpyxl.load_workbook(shop.folder / "agents.xlsx")
    wb["代理商"]["C2"] = "银牌"
    wb.save(shop.folder / "agents.xlsx")
    (st,) = settle_month(shop, "2026-11").statements
    assert st.goods == D("60.00")  # 2 × 30.00, as billed, and said:
    (w,) = st.issues
    assert (w.book, w.sheet, w.cell) == ("agents.xlsx", "代理商", "C2")
    assert "2026-10 结算时是“金牌”，现在是“银牌”：本月单价空着的 1 行（第一行：订单 DL1-002）全部按“银牌”计费" in w.message_zh
    assert "type the '金牌' agent price into those orders' unit price" in w.message_en
    (f,) = shop.reports.rglob("*对账单-2026-11.xlsx")
    said = [r[0] for r in openpyxl.load_workbook(f).worksheets[0].iter_rows(values_only=True)]
    assert "等级现在是“银牌”（2026-10 结算时是“金牌”）：本月订单 DL1-002 按“银牌”的代理价计。" in said


def test_a_price_sheet_says_an_agent_price_dated_ahead(tmp_path):
    """A 代理价 row dated ahead (A at 30.00, 32.00 from ten days on) left the sheet sent today saying 30.00 alone:
    the agent ordering after that day was billed 32.00 at a price no sheet showed. The sheet now says it beside
    the price (调价: 'YYYY-MM-DD 起 32.00'); a SKU with no change ahead leaves it blank."""
    from shopbook.agents.workflow import price_sheets
    from shopbook.schema import AgentPrice

    ahead = dt.date.today() + dt.timedelta(days=10)
    shop = make_shop(tmp_path, prices=[AgentPrice(sku="A", tier="金牌", price=D(30)),
                                       AgentPrice(sku="A", tier="金牌", price=D(32), start=ahead)])
    (f,) = price_sheets(shop)
    rows = {r[0]: r for r in openpyxl.load_workbook(f).worksheets[0].iter_rows(min_row=4, values_only=True)}
    assert rows["商家编码"][6:] == ("代理价", "最低零售价", "库存", "重量(kg)", "调价")
    assert rows["A"][6] == 30 and rows["A"][10] == f"{ahead:%Y-%m-%d} 起 32.00"
    assert rows["B"][6] == 22 and rows["B"][10] is None


def test_a_price_the_agents_sheet_announced_ahead_is_no_repricing_to_warn_of(tmp_path):
    """The sheet made 11-01 showed A at 30.00 and, in its 调价 column, '2026-11-16 起 32.00'; the agent ordered A
    on 11-21, billed 32.00. settle warned that the agent's sheet showed 30.00 and no new sheet was sent after
    the change — the sheet had said it. Now a price the sheet announced from that day is no warning; B's
    change, which that sheet did not announce, still is."""
    from shopbook.agents.workflow import price_sheets
    from shopbook.schema import AgentPrice

    shop = make_shop(tmp_path, prices=[AgentPrice(sku="A", tier="金牌", price=D(30)),
                                       AgentPrice(sku="A", tier="金牌", price=D(32), start=d(2026, 11, 16)),
                                       AgentPrice(sku="B", tier="金牌", price=D(20)),
                                       AgentPrice(sku="B", tier="金牌", price=D(21), start=d(2026, 11, 16))],
                     lines=[line("DL1-001", "A", 1, None, shipped=d(2026, 11, 21)),
                            line("DL1-002", "B", 1, None, shipped=d(2026, 11, 21))])
    (f,) = price_sheets(shop)
    wb = openpyxl.load_workbook(f)  # as made on 11-01: A announced ahead, B not
    ws = wb.worksheets[0]
    ws["A2"] = "2026-11-01"
    for r in ws.iter_rows(min_row=5):
        r[6].value, r[10].value = {"A": (30, "2026-11-16 起 32.00"), "B": (20, None)}[r[0].value]
    wb.save(f)
    (st,) = settle_month(shop, "2026-11").statements
    assert st.goods == D("53.00")  # 32.00 + 21.00, from the 16th
    (i,) = st.issues
    assert i.cell == "L3" and "订单 DL1-002 的 B" in i.message_zh and "20.00" in i.message_zh, i.message_zh


def test_goods_back_that_take_a_settled_month_under_its_rebate_threshold_take_back_what_it_gave_beyond(tmp_path):
    """October shipped 1,100.00 (2 % from 1,000.00: rebate 22.00); 110.00 of it came back in November. October's
    sales were 990.00, under the threshold, yet November took back 110.00 × 2 % = 2.20 and the agent kept 19.80
    of a rebate its sales never earned. November now takes back all October gave beyond what 990.00 earns (22.00),
    and the statement says why; re-added by hand to the fen."""
    from shopbook.schema import Rebate
    from test_agents_settlement import ret

    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 40, "27.50", shipped=d(2026, 10, 3)),
                                      line("DL1-002", "A", 40, "27.50", shipped=d(2026, 11, 3))],
                     moves=[ret(d(2026, 11, 10), "A", 4, "DL1-002"), ret(d(2026, 11, 12), "A", 4, "DL1-001")],
                     rebates=[Rebate(threshold=D(1000), rate=D("0.02"))])
    (oct_,) = settle_month(shop, "2026-10").statements
    assert (oct_.rebate, oct_.balance) == (D("22.00"), D("1078.00"))
    (st,) = settle_month(shop, "2026-11").statements
    # its own sales 1,100.00 − 110.00 = 990.00: no rebate; October's 990.00 earns none either: all 22.00 back
    assert (st.goods, st.returned, st.rebate_sales, st.rebate_earned, st.rebate_taken_back) == (
        D("1100.00"), D("220.00"), D("990.00"), D("0.00"), D("22.00"))
    assert st.balance == D("1078.00") + D("1100.00") - D("220.00") + D("22.00") == D("1980.00")
    (f,) = shop.reports.rglob("*对账单-2026-11.xlsx")
    said = [r[0] for r in openpyxl.load_workbook(f).worksheets[0].iter_rows(values_only=True)]
    assert ("2026-10 发货的货退回 110.00：2026-10 的销售额降为 990.00，没有达到返利门槛，扣回 2026-10 按 2.00% 多给的返利 22.00"
            "（本月销售额不计这些退货）") in said, said


def test_a_payment_dated_after_today_is_said_not_left_off_every_statement_unsaid(tmp_path):
    """A 收款 typed a year ahead (2027 for 2026) was on no statement up to today: the agent billed for what it
    paid, settle's ✓ and validate silent. validate and settle now warn at its 日期 (the summary no ✓)."""
    from shopbook.validate import validate_path

    ahead = dt.date.today() + dt.timedelta(days=366)
    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 4, "27.50", shipped=d(2026, 11, 3))],
                     payments=[Payment(date=ahead, agent_id="DL1", amount=D(110))])
    (v,) = validate_path(shop.folder / "agents.xlsx").issues
    res = settle_month(shop, "2026-11")
    (i,) = res.statements[0].issues
    assert (v.sheet, v.cell, v.severity) == (i.sheet, i.cell, i.severity) == ("收款", "A2", "warning")
    assert f"收款日期 {ahead} 在今天" in i.message_zh and "110.00" in i.message_zh and "year or month" in i.message_en
    assert res.statements[0].balance == D("110.00") and res.said()[-1][0] == "!"
