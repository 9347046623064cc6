"""Agents: what after-sales of an agent's order does to its statement, and what the statements say.

Each shop is written as real .xlsx files (test_agents_settlement.make_shop) and settled by the calls the
CLI makes. Product A list 50.00, B 40.00; tier 金牌 0.55: A 27.50, B 22.00.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from shopbook.agents.workflow import settle_month
from shopbook.schema import OrderLine, Rebate
from test_agents_settlement import line, make_shop, ret

D = Decimal
d = dt.date


def _statement(path) -> dict:
    ws = openpyxl.load_workbook(path).active
    return {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(1, ws.max_row + 1)}


def test_goods_of_a_settled_month_returned_later_take_back_its_rebate(tmp_path):
    """October: 10 × A (275.00) at 5 % over 200.00, rebate 13.75, settled. November every one comes back.
    Before, November credited 275.00 and its sales of -275.00 reached no threshold: the 13.75 stayed, so
    the agent, owning nothing, was owed 13.75 (本期应收 -13.75). Now November takes back October's
    rebate on those goods at October's rate (本期应收 0.00), October stays as settled; and a November
    with 300.00 of its own sales earns its 5 % on them, not on 300.00 - 275.00 (below the threshold)."""
    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 10, "27.50", shipped=d(2026, 10, 3), fee="0")],
                     moves=[ret(d(2026, 11, 6), "A", 10, "DL1-001")],
                     rebates=[Rebate(threshold=D(200), rate=D("0.05"))])
    oct1 = settle_month(shop, "2026-10").to_json()["agents"]
    nov = settle_month(shop, "2026-11")
    (st,) = nov.statements
    assert (st.returned, st.rebate, st.brought_forward, st.balance) == (D("275.00"), D("-13.75"), D("261.25"),
                                                                        D("0.00"))
    assert st.taken_back == [("2026-10", D("275.00"), D("0.05"), D("13.75"))]
    shown = _statement(nov.files[0])
    assert shown["扣回往月返利（往月的货退回）"] == 13.75 and shown["本期应收"] == 0
    assert any(str(k).startswith("2026-10 发货的货退回 275.00：扣回 2026-10 按 5.00% 给的返利 13.75") for k in shown)
    summary = openpyxl.load_workbook(nov.summary).active
    head = [c.value for c in summary[1]]
    assert summary.cell(2, head.index("扣回返利") + 1).value == 13.75
    assert settle_month(shop, "2026-10").to_json()["agents"] == oct1  # October as settled and sent

    shop = make_shop(tmp_path, name="mixed", rebates=[Rebate(threshold=D(200), rate=D("0.05"))],
                     lines=[line("DL1-001", "A", 10, "27.50", shipped=d(2026, 10, 3), fee="0"),
                            line("DL1-002", "A", 10, "30.00", shipped=d(2026, 11, 3), fee="0")],
                     moves=[ret(d(2026, 11, 6), "A", 10, "DL1-001")])
    (st,) = settle_month(shop, "2026-11").statements
    assert (st.sales, st.rebate_sales, st.rebate_earned, st.rebate_taken_back, st.rebate) == (
        D("25.00"), D("300.00"), D("15.00"), D("13.75"), D("1.25"))


def test_a_balance_brought_forward_that_moved_is_explained_to_the_agent(tmp_path):
    """October sent owing 27.50; a payment of October (10.00) typed in late. November's statement and
    e-mail said 上期结余 17.50 with no word (the warning went to the screen only, after the mail had gone):
    the agent read a balance not the one sent. Now both say it, with what moved."""
    import email
    from email import policy

    from shopbook.agents.workflow import email_agents

    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 1, "27.50", shipped=d(2026, 10, 3), fee="0"),
                                      line("DL1-002", "A", 1, "27.50", shipped=d(2026, 11, 4), fee="0")])
    assert settle_month(shop, "2026-10").statements[0].balance == D("27.50")
    wb = openpyxl.load_workbook(shop.folder / "agents.xlsx")
    wb["收款"].append([dt.date(2026, 10, 30), "DL1", 10, "补录"])
    wb.save(shop.folder / "agents.xlsx")
    res = email_agents(shop, "2026-11")
    (st,) = res.settlement.statements
    assert st.brought_forward == D("17.50")
    said = ("上期结余 17.50 元与 2026-10 对账单的本期应收 27.50 元不同：2026-10 结算之后补录或更正了账目（2026-10：收款 0.00 → 10.00"
            "（2026-10-30 的收款 10.00 是后来补录的））。")  # (the payment named: tests/test_agents_late_payment_said.py)
    assert said in _statement(res.settlement.files[0])
    (eml,) = shop.outbox.glob("*.eml")
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert said in msg.get_body(("plain",)).get_content()


def test_a_statement_lists_the_orders_its_shipping_total_is_made_of(tmp_path):
    """运费 was one total (16.00) with no line saying which orders it charged: DL1-001 (blank 运费,
    shipping_per_order 6.00) and DL1-002 (10.00 typed), not DL1-003 (shipped in December). Now a 运费明细
    lists each order once with its fee, adding up to the total."""
    shop = make_shop(tmp_path, settings=[("agents", "shipping_per_order", "6.00")],
                     lines=[line("DL1-001", "A", 1, "27.50", shipped=d(2026, 11, 3)),
                            line("DL1-001", "B", 1, "22.00", shipped=d(2026, 11, 3)),
                            line("DL1-002", "A", 1, "27.50", shipped=d(2026, 11, 9), fee="10"),
                            line("DL1-003", "A", 1, "27.50", shipped=d(2026, 12, 1))])
    res = settle_month(shop, "2026-11")
    assert res.statements[0].shipping == D("16.00")
    ws = openpyxl.load_workbook(res.files[0]).active
    rows = [[c.value for c in r][:3] for r in ws.iter_rows()]
    at = rows.index(["运费明细", None, None])
    assert rows[at + 1] == ["日期", "订单编号", "运费"]
    assert rows[at + 2:at + 4] == [[dt.datetime(2026, 11, 3), "DL1-001", 6], [dt.datetime(2026, 11, 9), "DL1-002", 10]]
    assert rows[at + 4] == [None, None, None]


def test_a_refund_without_return_of_an_agents_order_is_said_to_the_agent_and_to_finance(tmp_path):
    """DL1-001's customer was refunded 27.50 without sending the A back (售后 仅退款). The statement credits
    goods back alone (no goods: nothing), as designed, but said nothing: the agent read a bill of 55.00
    with no word of its 仅退款, finance no reminder to agree a compensation. Now the statement says it
    and the settlement warns at the case's 类型 cell, until a 收款 whose 备注 names the case is typed."""
    from shopbook.schema import ORDERS, AfterSalesCase
    from shopbook.workbook_builder import write_workbook

    shop = make_shop(tmp_path)
    case = AfterSalesCase(case_no="SH20261110-1", opened_on=d(2026, 11, 10), order_no="DL1-001", sku="A", qty=1,
                          type="仅退款", amount=D("27.50"))
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {
        OrderLine: [line("DL1-001", "A", 2, "27.50", status="已签收", shipped=d(2026, 11, 3), fee="0")],
        AfterSalesCase: [case]}, keep_backup=False)
    res = settle_month(shop, "2026-11")
    (st,) = res.statements
    assert st.balance == D("55.00")  # nothing credited: no goods came back
    note = "售后 SH20261110-1（订单 DL1-001 A，退款金额 27.50）是仅退款：没有退回的货，本对账单不冲抵货款；店铺同意的补偿记在收款中。"
    assert note in _statement(res.files[0])
    (i,) = res.issues
    from shopbook.issues import col_letter

    kind = col_letter([c.name for c in AfterSalesCase.columns()].index("type"))
    assert (i.book, i.sheet, i.cell, i.severity) == ("orders.xlsx", "售后", f"{kind}2", "warning")
    assert "收款表记一行" in i.message_zh and "SH20261110-1" in i.message_zh
    assert res.said(issues=True)[-1][0] == "!"
    wb = openpyxl.load_workbook(shop.folder / "agents.xlsx")
    wb["收款"].append([dt.date(2026, 11, 20), "DL1", 10, "补偿 SH20261110-1"])
    wb.save(shop.folder / "agents.xlsx")
    res = settle_month(shop, "2026-11")
    assert not res.issues and res.statements[0].balance == D("45.00") and note in _statement(res.files[0])


def test_an_exchange_for_a_dearer_sku_bills_the_difference_once_the_replacement_ships(tmp_path):
    """DL1-001's B (22.00) comes back to be exchanged for an A (27.50): `aftersales receive` posts the
    退货 under the case and makes DL1-001-R1 (手工, no charge). Before, once the A shipped, the statement
    still billed the B alone (22.00): the agent's customer had the dearer A at the cheaper B's price. Now
    the month the replacement ships bills the difference, B→A 5.50, with no second 运费; selfcheck the same."""
    from typer.testing import CliRunner

    from shopbook.cli import app
    from shopbook.report.selfcheck import read_selfcheck
    from shopbook.schema import LEDGER, ORDERS, Account, AfterSalesCase, Category, Entry
    from shopbook.shop import open_shop
    from shopbook.workbook_builder import write_workbook

    shop = make_shop(tmp_path)
    case = AfterSalesCase(case_no="SH20261110-1", opened_on=d(2026, 11, 10), order_no="DL1-001", sku="B", qty=1,
                          type="换货", exchange_sku="A", return_tracking="YT1", status="等退货")
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {
        OrderLine: [line("DL1-001", "B", 1, "22.00", status="已签收", shipped=d(2026, 10, 3), fee="0")],
        AfterSalesCase: [case]}, keep_backup=False)
    write_workbook(shop.path(LEDGER), LEDGER, "zh", {
        Account: [Account(account="支付宝", opening_date=d(2026, 1, 1), opening_balance=D(0))],
        Category: [Category(category="退款", direction="支出")], Entry: []}, keep_backup=False)
    r = CliRunner().invoke(app, ["aftersales", "receive", str(shop.folder), "SH20261110-1", "--date", "2026-11-15"])
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(shop.path(ORDERS))  # the warehouse ships the A
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    (row,) = [r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "DL1-001-R1"]
    ws.cell(row, head.index("状态") + 1).value = "已发货"
    ws.cell(row, head.index("发货日期") + 1).value = dt.date(2026, 11, 20)
    wb.save(shop.path(ORDERS))
    shop = open_shop(shop.folder)
    res = settle_month(shop, "2026-11")
    (st,) = res.statements
    assert [(x.order_no, x.sku, x.qty, x.amount) for x in st.lines] == [("DL1-001-R1", "B→A", 1, D("5.50"))]
    assert (st.returned, st.shipping, st.brought_forward, st.balance) == (D("0.00"), D("0.00"), D("22.00"),
                                                                          D("27.50"))
    assert not res.issues
    due = [i.what for i in read_selfcheck(shop, d(2026, 12, 5), []) if i.role == "finance" and "对账单应收" in i.what]
    assert due == ["2026-11 对账单应收 ¥27.50 未收齐"], due


def test_a_blank_unit_price_repriced_by_a_list_price_changed_since_the_agents_sheet_is_said(tmp_path):
    """DL1 ordered an A from today's price sheet (27.50: 售价 50.00 × 0.55); the 售价 then became 60.00
    before the month was settled. The line, typed with a blank 单价, was billed 33.00 and 33.00 written
    in, with no word that the agent ordered at 27.50. Now a warning at its 单价 cell names both prices and
    the sheet; a line whose price did not move is not said."""
    from shopbook.agents.workflow import price_sheets
    from shopbook.schema import ORDERS, STOCK

    today = dt.date.today()
    paid = dt.datetime.combine(today, dt.time(9))
    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 1, None, shipped=today, fee="0").model_copy(
                                          update={"paid_at": paid}),
                                      line("DL1-002", "B", 1, None, shipped=today, fee="0").model_copy(
                                          update={"paid_at": paid})])
    price_sheets(shop)
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb["商品"]
    ws.cell(2, [c.value for c in ws[1]].index("售价") + 1).value = 60
    wb.save(shop.path(STOCK))
    res = settle_month(shop, f"{today:%Y-%m}")
    assert res.statements[0].goods == D("55.00")  # A 33.00 (as today's price book says) + B 22.00
    (i,) = res.issues
    from shopbook.issues import col_letter

    assert (i.book, i.sheet, i.cell) == ("orders.xlsx", "订单",
                                         f"{col_letter([c.name for c in OrderLine.columns()].index('unit_price'))}2")
    assert "按现在的代理价 33.00 计费" in i.message_zh and "是 27.50" in i.message_zh, i.message_zh
    assert "showed 27.50" in i.message_en
    assert openpyxl.load_workbook(shop.path(ORDERS))["订单"][i.cell].value == 33



def test_an_agent_id_typed_with_a_letter_for_a_digit_names_the_agent(tmp_path):
    """A 收款 typed for 'DL00l' (a lower-case L for the 1) of agents DL001, DL002, DL003 was told only
    '代理编号“DL00l”不存在。请在“代理商”表中添加它' (a fourth agent): equally near all three, none was offered.
    Now the one id it is but for a letter typed for the digit it looks like is named."""
    from shopbook.schema import Agent, Payment
    from shopbook.validate import validate_path

    shop = make_shop(tmp_path, agents=[Agent(agent_id=f"DL00{k}", name=n, tier="金牌") for k, n in
                                       ((1, "甲"), (2, "乙"), (3, "丙"))],
                     payments=[Payment(date=d(2026, 11, 5), agent_id="DL00l", amount=D(100)),
                               Payment(date=d(2026, 11, 6), agent_id="DLOO3", amount=D(100))])
    v = validate_path(shop.folder)
    said = {i.value: i.message_zh for i in v.errors if i.sheet == "收款"}
    assert "是不是“DL001”？" in said["DL00l"] and "是不是“DL003”？" in said["DLOO3"], said


def test_an_agents_order_with_a_row_that_does_not_read_comes_in_whole_once_put_right(tmp_path):
    """An agent's order sheet: order A9001 of two lines, the second's 数量 typed '3件'. Before, A9001 came
    in with its first line alone (reviewed, approved, shipped short) and, once the agent's '3件' was put
    right, importing the sheet again skipped it as 已导入过: the 3 units were never ordered. Now the order
    is held back whole, said, and comes in with both lines once the row reads."""
    from typer.testing import CliRunner

    from shopbook.agents.workflow import price_sheets
    from shopbook.cli import app
    from shopbook.io.reader import read_workbook
    from shopbook.schema import ORDERS

    shop = make_shop(tmp_path)
    sheet = tmp_path / "DL1-订单.xlsx"
    sheet.write_bytes(price_sheets(shop)[0].read_bytes())
    wb = openpyxl.load_workbook(sheet)
    ws = wb["订单"]
    for r, row in enumerate([["DL1", "A9001", "王五", "13900001111", "浙江省杭州市西湖区文三路1号", "A", 2],
                             ["DL1", "A9001", "王五", "13900001111", "浙江省杭州市西湖区文三路1号", "B", "3件"],
                             ["DL1", "A9002", "赵六", "13900002222", "四川省成都市锦江区春熙路2号", "A", 1]], start=2):
        for c, v in enumerate(row, start=1):
            ws.cell(r, c).value = v
    wb.save(sheet)

    def imported():
        got = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
        return sorted((ln.order_no, ln.sku, ln.qty) for ln in got)

    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), str(sheet)])
    said = "".join(r.output.split())
    assert "订单A9001有一行读不出（见上）：整单没有导入（其余1行也没有）" in said, r.output
    assert imported() == [("DL1-A9002", "A", 1)]
    wb = openpyxl.load_workbook(sheet)
    wb["订单"]["G3"] = 3
    wb.save(sheet)
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), str(sheet)])
    assert r.exit_code == 0, r.output
    assert imported() == [("DL1-A9001", "A", 2), ("DL1-A9001", "B", 3), ("DL1-A9002", "A", 1)]


def test_a_payment_typed_into_a_copy_of_the_payments_sheet_is_said_by_the_settlement(tmp_path):
    """November's 1,000.00 from DL1 typed into 收款 (2) (Excel's 移动或复制 of 收款): settle read 收款 only,
    billed DL1 as if unpaid and put a ✓ beside the summary, the warning said by validate alone. Now the
    settlement says it (at that sheet, in its 提醒 too) and puts no ✓."""
    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 2, "27.50", shipped=d(2026, 11, 3), fee="0")])
    wb = openpyxl.load_workbook(shop.folder / "agents.xlsx")
    copy = wb.copy_worksheet(wb["收款"])
    copy.title = "收款 (2)"
    copy.append([dt.date(2026, 11, 20), "DL1", 1000, "11月"])
    wb.save(shop.folder / "agents.xlsx")
    res = settle_month(shop, "2026-11")
    (i,) = res.issues
    assert (i.book, i.sheet, i.severity) == ("agents.xlsx", "收款 (2)", "warning") and "没有读取" in i.message_zh
    assert res.said(issues=True)[-1][0] == "!"
    notes = openpyxl.load_workbook(res.summary)["提醒"]
    assert [c.value for c in notes[2]][:2] == ["agents.xlsx", "收款 (2)"]


def test_two_shipping_fees_typed_on_one_agents_order_are_said_at_the_second(tmp_path):
    """DL1-001 typed with 运费 6 on its A line and 8 on its B line: the statement charged 6.00 (运费 is
    the order's, once) and the 8 went unsaid. Now a warning at the 8 says what was charged and what to type."""
    from shopbook.issues import col_letter

    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 1, "27.50", shipped=d(2026, 11, 3), fee="6"),
                                      line("DL1-001", "B", 1, "22.00", shipped=d(2026, 11, 3), fee="8"),
                                      line("DL1-002", "B", 1, "22.00", shipped=d(2026, 11, 3), fee="8"),
                                      line("DL1-002", "A", 1, "27.50", shipped=d(2026, 11, 3), fee="8")])
    res = settle_month(shop, "2026-11")
    assert res.statements[0].shipping == D("14.00")
    (i,) = res.issues
    assert (i.book, i.sheet, i.cell) == ("orders.xlsx", "订单",
                                         f"{col_letter([c.name for c in OrderLine.columns()].index('shipping_fee'))}3")
    assert "第 2 行是 6.00，这一行是 8.00" in i.message_zh and "按 6.00 计费" in i.message_zh
    assert not settle_month(shop, "2026-12").issues  # said in the month it is charged
