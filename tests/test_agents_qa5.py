"""Agents: an order sheet with more orders than its filled-in rows, and other cases found by QA."""

from __future__ import annotations

import openpyxl

from shopbook.agents.workflow import ORDER_SHEET_ROWS, price_sheets
from shopbook.orders.workflow import import_orders

from test_agents import D, shop  # noqa: F401 — the fixture


def test_an_agent_with_more_orders_than_the_sheets_rows_types_them_in_and_they_import_as_its(shop, tmp_path):  # noqa: F811
    path = next(p for p in price_sheets(shop) if p.name.startswith("DL001"))
    wb = openpyxl.load_workbook(path)
    ws = wb["订单"]
    below = ORDER_SHEET_ROWS + 5  # a row past the ones with the agent's id filled in
    # Excel types into a blank cell with its column's style: unlocked there, text where codes go
    for letter in "BCDEFGH":
        assert ws.column_dimensions[letter].protection.locked is False
    assert ws.column_dimensions["F"].number_format == "@" and ws.column_dimensions["A"].protection.locked is True
    assert any(str(dv.sqref) == "G2:G1048576" for dv in ws.data_validations.dataValidation)
    assert ws.cell(below, 1).value is None
    for r, no in ((2, "X1"), (below, "X2")):
        for j, v in enumerate([no, "王五", "13911112222", "浙江省 杭州市 西湖区 文一路8号", "P1", 1], start=2):
            ws.cell(row=r, column=j, value=v)
    filled = tmp_path / "DL001-回传订单.xlsx"
    wb.save(filled)
    res = import_orders(shop, [filled])
    assert not [i for i in res.issues if i.is_error]
    assert sorted((ln.order_no, ln.agent_id, ln.unit_price) for ln in res.imported) == [
        ("DL001-X1", "DL001", D("55.00")), ("DL001-X2", "DL001", D("55.00"))]


def test_agents_email_says_a_statements_warning_before_anything_is_sent(shop, monkeypatch):  # noqa: F811
    """A payment typed twice (a warning on DL001's statement): said before the first message goes, so
    the person reads it even where sending then fails (here the first message cannot be written)."""
    from typer.testing import CliRunner

    from shopbook.cli import app
    from shopbook.io.reader import read_workbook
    from shopbook.report import mail
    from shopbook.schema import AGENTS, Agent, Payment, Rebate, Tier, AgentPrice
    from shopbook.workbook_builder import write_workbook

    aw = read_workbook(shop.path(AGENTS), AGENTS)
    pays = aw.rows(Payment)
    write_workbook(shop.path(AGENTS), AGENTS, "zh", {
        Agent: aw.rows(Agent), Tier: aw.rows(Tier), AgentPrice: aw.rows(AgentPrice), Rebate: aw.rows(Rebate),
        Payment: pays + [pays[0]]}, keep_backup=False)
    sent = []

    def fails(cfg, outbox, msg, tried=True):
        sent.append(msg)
        raise OSError("磁盘已满 disk full")

    monkeypatch.setattr(mail, "send_or_keep", fails)
    r = CliRunner().invoke(app, ["agents", "email", str(shop.folder), "--month", "2026-11"])
    assert sent and r.exit_code != 0
    assert "是否重复登记" in r.output  # the warning, said although the first message failed


def test_a_rebate_threshold_typed_5千_is_told_as_the_whole_number_at_its_cell(shop, wide_console):  # noqa: F811
    """返利 月销售额下限 typed 5千 (1.5万, 5k): it said '请填数字，例如 1234.50', and 5 typed as read is 5 yuan;
    now it says the whole number to type, at the cell, as a number column does (values._unit_said)."""
    from typer.testing import CliRunner

    from shopbook.cli import app

    wb = openpyxl.load_workbook(shop.folder / "agents.xlsx")
    ws = wb["返利"]
    ws["A2"], ws["A3"] = "5千", "¥1.5万"
    wb.save(shop.folder / "agents.xlsx")
    r = CliRunner().invoke(app, ["agents", "settle", str(shop.folder), "--month", "2026-11"])
    assert r.exit_code != 0
    assert "返利 › A2" in r.output and "请写出整个数 5000，不带“千”" in r.output
    from shopbook.values import BadValue, parse_money

    for typed, whole in (("¥1.5万", "15000"), ("5k", "5000"), ("3千元", "3000")):
        try:
            parse_money(typed)
        except BadValue as e:
            assert f"请写出整个数 {whole}" in e.zh and f"Enter the whole number {whole}" in e.en
        else:
            raise AssertionError(typed)


def test_an_exchange_typed_done_with_no_resend_order_is_said_at_that_cell(tmp_path):
    """DL1-001's B (22.00) exchanged for an A (27.50), the case typed by hand and marked 已完成, the A sent
    as DL1-001-R1 typed by hand, 补发单号 left blank: before, the statement billed no difference and said
    nothing. Now a warning at the case's 补发单号 names the order to type; typed, the 5.50 is billed."""
    import datetime as dt

    from test_agents_settlement import line, make_shop

    from shopbook.agents.workflow import settle_month
    from shopbook.schema import ORDERS, AfterSalesCase, OrderLine
    from shopbook.shop import open_shop
    from shopbook.workbook_builder import write_workbook

    d = dt.date
    shop = make_shop(tmp_path)  # noqa: F811
    case = AfterSalesCase(case_no="SH20261110-1", opened_on=d(2026, 11, 10), order_no="DL1-001", sku="B", qty=1,
                          type="换货", exchange_sku="A", status="已完成")
    resend = line("DL1-001-R1", "A", 1, "0", status="已发货", shipped=d(2026, 11, 20), fee="0").model_copy(
        update={"source": "手工", "agent_id": None})
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {
        OrderLine: [line("DL1-001", "B", 1, "22.00", status="已签收", shipped=d(2026, 10, 3), fee="0"), resend],
        AfterSalesCase: [case]}, keep_backup=False)
    res = settle_month(open_shop(shop.folder), "2026-11")
    (i,) = res.issues
    assert (i.severity, i.book, i.sheet, i.cell) == ("warning", "orders.xlsx", "售后", "M2")  # 补发单号
    assert "补发单号却是空的" in i.message_zh and "DL1-001-R1" in i.message_zh and "DL1-001-R1" in i.message_en
    assert res.statements[0].goods == D("0.00")
    wb = openpyxl.load_workbook(shop.path(ORDERS))  # the person types it as said
    ws = wb["售后"]
    ws.cell(2, [c.value for c in ws[1]].index("补发单号") + 1).value = "DL1-001-R1"
    wb.save(shop.path(ORDERS))
    res = settle_month(open_shop(shop.folder), "2026-11")
    assert not res.issues and res.statements[0].goods == D("5.50")


def test_the_ledgers_margin_counts_an_exchanges_difference_as_the_statement_bills_it(tmp_path):
    """DL1-001's B (22.00, October) exchanged for an A (27.50): the replacement DL1-001-R1 (手工, at 0) ships
    in November and the statement bills B→A 5.50. The ledger's November gross margin counted the A's cost
    and 0.00 of takings; now its revenue is the 5.50 the agent is billed, as the statement says."""
    import datetime as dt

    from test_agents_settlement import line, make_shop

    from shopbook.agents.workflow import settle_month
    from shopbook.money.workflow import ledger_report
    from shopbook.schema import LEDGER, ORDERS, Account, AfterSalesCase, Category, Entry, OrderLine
    from shopbook.shop import open_shop
    from shopbook.workbook_builder import write_workbook

    d = dt.date
    shop = make_shop(tmp_path)  # noqa: F811
    case = AfterSalesCase(case_no="SH20261110-1", opened_on=d(2026, 11, 10), order_no="DL1-001", sku="B", qty=1,
                          type="换货", exchange_sku="A", resend_order="DL1-001-R1", status="已完成")
    resend = line("DL1-001-R1", "A", 1, "0", status="已发货", shipped=d(2026, 11, 20), fee="0").model_copy(
        update={"source": "手工", "agent_id": None})
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {
        OrderLine: [line("DL1-001", "B", 1, "22.00", status="已签收", shipped=d(2026, 10, 3), fee="0"), resend],
        AfterSalesCase: [case]}, keep_backup=False)
    write_workbook(shop.path(LEDGER), LEDGER, "zh", {
        Account: [Account(account="支付宝", opening_date=d(2026, 1, 1), opening_balance=D(0))],
        Category: [Category(category="退款", direction="支出")], Entry: []}, keep_backup=False)
    shop = open_shop(shop.folder)
    (st,) = settle_month(shop, "2026-11").statements
    assert st.goods == D("5.50")
    _, margin, _ = ledger_report(shop, "2026-11")
    assert margin.revenue == st.goods + st.shipping == D("5.50")
    _, october, _ = ledger_report(shop, "2026-10")
    assert october.revenue == D("22.00")


def test_an_order_placed_from_a_price_sheet_replaced_since_is_checked_against_that_sheet(tmp_path):
    """DL1 ordered an A on 10-20 from its price sheet of 10-05 (27.50); the 售价 then rose (A 33.00) and the
    price sheets were made again (as agents email makes them every month). The new sheet replaced the
    old one, so the settlement, finding a sheet made after the order, said nothing of the line billed
    33.00. Now the replaced sheet is kept (reports/代理/以前的价格表/) and the order is checked against the
    sheet the agent held that day; an order older than every sheet kept is not said (nothing to compare)."""
    import datetime as dt

    from test_agents_settlement import line, make_shop

    from shopbook.agents.workflow import settle_month
    from shopbook.schema import ORDERS, STOCK
    from shopbook.shop import open_shop

    d = dt.date
    shop = make_shop(tmp_path, lines=[  # noqa: F811
        line("DL1-001", "A", 1, None, shipped=d(2026, 11, 3), fee="0").model_copy(
            update={"paid_at": dt.datetime(2026, 10, 20, 9)}),
        line("DL1-002", "A", 1, None, shipped=d(2026, 11, 3), fee="0").model_copy(
            update={"paid_at": dt.datetime(2026, 9, 1, 9)})])
    (sheet,) = price_sheets(shop)
    wb = openpyxl.load_workbook(sheet)  # made on 10-05
    wb["价格表"]["A2"] = "2026-10-05"
    wb.save(sheet)
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb["商品"]
    ws.cell(2, [c.value for c in ws[1]].index("售价") + 1).value = 60
    wb.save(shop.path(STOCK))
    shop = open_shop(shop.folder)
    price_sheets(shop)  # today's: A 33.00
    kept = list((sheet.parent / "以前的价格表").glob("*.xlsx"))
    assert [p.name for p in kept] == [f"{sheet.stem}-2026-10-05.xlsx"]
    res = settle_month(shop, "2026-11")
    (i,) = res.issues
    assert i.sheet == "订单" and i.cell.endswith("2"), i  # DL1-001's 单价, not DL1-002's (ordered 09-01)
    assert "按现在的代理价 33.00 计费" in i.message_zh and "是 27.50" in i.message_zh and "2026-10-05" in i.message_zh
    assert openpyxl.load_workbook(shop.path(ORDERS))["订单"][i.cell].value == 33
    price_sheets(shop)  # made again the same day, or with the same prices: no second copy
    assert len(list((sheet.parent / "以前的价格表").glob("*.xlsx"))) == 1


def test_an_agent_order_sheets_row_with_no_agent_id_says_blank_not_None(shop, tmp_path):  # noqa: F811
    """Every 代理编号 of a returned order sheet cleared (two agents' rows pasted together, the column
    wiped): the import said '代理编号“None”不在代理商表中'. Now it says the id is blank and what to do."""
    path = next(p for p in price_sheets(shop) if p.name.startswith("DL001"))
    wb = openpyxl.load_workbook(path)
    ws = wb["订单"]
    for r in range(2, ORDER_SHEET_ROWS + 2):
        ws.cell(r, 1).value = None
    for j, v in enumerate(["X1", "王五", "13911112222", "浙江省 杭州市 西湖区 文一路8号", "P1", 1], start=2):
        ws.cell(row=2, column=j, value=v)
    filled = tmp_path / "回传订单.xlsx"
    wb.save(filled)
    res = import_orders(shop, [filled])
    said = [i for i in res.issues if i.is_error]
    assert said and all("None" not in i.message_zh + i.message_en for i in said)
    assert any("代理编号是空的" in i.message_zh and "The agent id is blank" in i.message_en for i in said)


def test_a_return_of_a_sku_on_two_lines_of_an_agents_order_is_credited_in_full(tmp_path):
    """DL1-001 holds A twice (1 bought alone, 2 in a set: two platform codes), billed 3 × 27.50; all 3 come
    back. Before, the second line's record replaced the first's: 55.00 credited, and a warning that the
    order 'shipped only 2 of it'. Now 82.50 is credited, each line at its price, and nothing is said."""
    import datetime as dt

    from test_agents_settlement import line, make_shop, ret

    from shopbook.agents.workflow import settle_month

    d = dt.date
    lines = [line("DL1-001", "A", 1, "27.50", shipped=d(2026, 11, 3), fee="0").model_copy(update={"platform_code": "TB-1"}),
             line("DL1-001", "A", 2, "26.00", shipped=d(2026, 11, 3), fee="0").model_copy(
                 update={"platform_code": "TB-SET"})]
    shop = make_shop(tmp_path, lines=lines, moves=[ret(d(2026, 11, 10), "A", 3, "DL1-001")])  # noqa: F811
    res = settle_month(shop, "2026-11")
    (st,) = res.statements
    assert (st.goods, st.returned, st.balance) == (D("79.50"), D("79.50"), D("0.00"))
    assert not res.issues, [i.message_zh for i in res.issues]
    shop = make_shop(tmp_path, name="more", lines=lines, moves=[ret(d(2026, 11, 10), "A", 4, "DL1-001")])
    (i,) = settle_month(shop, "2026-11").issues  # one more than shipped: said with the order's true count
    assert "只有 3 件" in i.message_zh and "只发出 3 件" in i.message_zh, i.message_zh
