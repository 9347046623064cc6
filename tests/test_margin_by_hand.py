"""`shopbook ledger`'s gross margin of shipped orders against figures worked by hand, on real
workbooks, as the screen (--json) and the written 利润表 say it."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import openpyxl

from cli_run import shopbook
from shopbook.schema import (AGENTS, LEDGER, ORDERS, STOCK, Account, Agent, AgentPrice, OrderLine, Product, Promotion,
                             ShippingRate, Tier)
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook

D = Decimal


def line(no: str, sku: str, qty: int, price: str | None, fee: str | None, **more) -> OrderLine:
    return OrderLine(order_no=no, receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 文三路1号", sku=sku,
                     qty=qty, unit_price=D(price) if price is not None else None,
                     shipping_fee=D(fee) if fee is not None else None, status="已签收", courier="中通",
                     tracking_no=f"7310{no}", shipped_on=dt.date(2026, 11, 3),
                     paid_at=dt.datetime(2026, 11, 2, 9), **more)


def margin_shop(tmp_path, lines: list[OrderLine], more: dict | None = None):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="A1", name="外套", cost=D(30), price=D("100.10"), weight_kg=D("0.5"))]}, keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, ShippingRate: [
        ShippingRate(courier="中通", province="浙江", first_kg=D(1), first_price=D(5), extra_per_kg=D(2))],
        **(more or {})}, keep_backup=False)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {Account: [
        Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D(0))]}, keep_backup=False)
    return folder


def margin_of(folder) -> tuple[dict, dict]:
    """(--json's gross_margin, the written 利润表's 毛利 sheet), each label → Decimal."""
    r = shopbook("ledger", str(folder), "--month", "2026-11", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    said = {k: D(v) for k, v in json.loads(r.stdout)["gross_margin"].items()}
    ws = openpyxl.load_workbook(folder / "reports" / "利润表-2026-11.xlsx")["毛利"]
    written = {k: D(repr(v)) for k, v in ws.iter_rows(values_only=True)}
    return said, written


def test_the_platform_fee_on_the_half_fen_is_rounded_up(tmp_path):
    """One order of 100.10 (cost 30.00, 0.5 kg to 浙江: courier 5.00): 5 % of 100.10 is 5.005, which is
    5.01 as every other fen shopbook works out (half up). QA: it was rounded half to even, 5.00, and
    the gross margin read 60.10 for 60.09."""
    folder = margin_shop(tmp_path, [line("T0001", "A1", 1, "100.10", "0")])
    said, written = margin_of(folder)
    assert said == {"revenue": D("100.10"), "cost": D("30.00"), "courier_cost": D("5.00"), "platform_fee": D("5.01"),
                    "gross_margin": D("60.09")}
    assert written == {"发货收入": D("100.10"), "商品成本": D("30.00"), "快递成本": D("5.00"), "平台扣点": D("5.01"),
                       "毛利": D("60.09")}


def agent_shop(tmp_path, more: dict | None = None):
    """A Taobao order of 100.10 (运费 0) and agent DL1's order of 10 × A1 typed with 单价 and 运费 blank
    (the agent's price 50.05, shipping_per_order 6), both paid on 11-02 and shipped by 中通 on 11-03."""
    folder = margin_shop(tmp_path, [line("T0001", "A1", 1, "100.10", "0"),
                                    line("DL1-0001", "A1", 10, None, None, source="代理", agent_id="DL1")], more)
    write_workbook(folder / "agents.xlsx", AGENTS, "zh", {
        Agent: [Agent(agent_id="DL1", name="甲代理", tier="金牌")], Tier: [Tier(tier="金牌", discount=D("0.5"))],
        AgentPrice: [AgentPrice(sku="A1", tier="金牌", price=D("50.05"))]}, keep_backup=False)
    toml = folder / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("shipping_per_order = 0", "shipping_per_order = 6"),
                    encoding="utf-8")
    return folder


def test_an_agents_order_is_revenue_as_its_statement_bills_it_and_pays_no_platform_fee(tmp_path):
    """A Taobao order of 100.10 and agent DL1's order of 10 × A1 typed with 单价 and 运费 blank (the
    agent's price 50.05, shipping_per_order 6): revenue 100.10 + 500.50 + 6.00 = 606.60; cost 30 + 300
    = 330.00; courier 5.00 (0.7 kg) + 15.00 (5.2 kg: 5 + 5 × 2) = 20.00; the platform's 5 % of the
    Taobao order alone, 5.01 (the agent pays us, not through Taobao); margin 251.59. The same before
    `agents settle` writes 50.05 into the blank 单价 and after. QA: the blank line's goods counted at
    their cost and not at their price (revenue 100.10, margin −254.91), and the platform fee was taken
    on the agent's order too."""
    folder = agent_shop(tmp_path)
    by_hand = {"revenue": D("606.60"), "cost": D("330.00"), "courier_cost": D("20.00"), "platform_fee": D("5.01"),
               "gross_margin": D("251.59")}
    written = {"发货收入": D("606.60"), "商品成本": D("330.00"), "快递成本": D("20.00"), "平台扣点": D("5.01"),
               "毛利": D("251.59")}
    assert margin_of(folder) == (by_hand, written)
    r = shopbook("agents", "settle", str(folder), "--month", "2026-11", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    (st,) = json.loads(r.stdout)["agents"]
    assert (D(st["goods"]), D(st["shipping"])) == (D("500.50"), D("6.00"))  # what the margin took as its revenue
    typed = openpyxl.load_workbook(folder / "orders.xlsx")["订单"]
    head = [c.value for c in typed[1]]
    assert [r[head.index("单价")] for r in typed.iter_rows(min_row=2, values_only=True)] == [100.1, 50.05]
    assert margin_of(folder) == (by_hand, written)


def test_the_courier_margin_counts_the_postage_an_agent_is_billed(tmp_path):
    """中通's bill for the two parcels: 5.00 freight and 1.00 保价费 for T0001, 15.00 for DL1-0001: billed
    21.00. Charged: T0001's 运费 0.00, and DL1-0001's shipping_per_order 6.00 (its 运费 is blank, and its
    statement bills the agent 6.00): 6.00, margin −15.00. QA: the agent's postage was not counted as
    charged (0.00, margin −21.00), while `agents settle` billed it."""
    folder = agent_shop(tmp_path)
    bill = tmp_path / "bill.csv"
    bill.write_text("运单号,日期,目的地,重量,运费,保价费\n7310T0001,2026-11-03,浙江,0.7,5.00,1.00\n"
                    "7310DL1-0001,2026-11-03,浙江,5.2,15.00,\n", encoding="utf-8")
    r = shopbook("reconcile", "courier", str(folder), str(bill), "--courier", "中通", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    said = json.loads(r.stdout)
    assert (said["billed_total"], said["other_charges"], said["charged_to_buyers"], said["courier_margin"]) == (
        "21.00", "1.00", "6.00", "-15.00")
    assert not (said["fee_differs"] or said["heavy"] or said["billed_not_shipped"] or said["shipped_not_billed"])
    r = shopbook("reconcile", "courier", str(folder), str(bill), "--courier", "中通")
    assert "账单金额 ¥21.00（运费 ¥20.00，其他费用 ¥1.00） · 向买家收取 ¥6.00 · 运费差价 -¥15.00" in r.stdout, r.stdout
    r = shopbook("agents", "settle", str(folder), "--month", "2026-11", "--json")
    (st,) = json.loads(r.stdout)["agents"]
    assert st["shipping"] == "6.00"  # what the agent is billed for it


def test_the_review_and_the_daily_report_count_an_agents_blank_postage_as_the_ledger_does(tmp_path):
    """The same month in `report monthly` (its sales), the daily report of 11-02 (a day filled from the
    orders) and `report promotion` (a one-day 满减 on 11-02): 100.10 + 500.50 + 6.00 = 606.60, as
    `ledger` counts the revenue, before `agents settle` and after (settle bills the agent the 6.00 and
    writes it into the blank 运费). QA: they counted the blank 运费 0 (600.60), 6.00 short of the ledger for good."""
    promo = Promotion(name="双11预热", kind="满减", start=dt.date(2026, 11, 2), end=dt.date(2026, 11, 2), enabled=True)
    folder = agent_shop(tmp_path, {Promotion: [promo]})

    def figures() -> tuple:
        ledger = margin_of(folder)[0]["revenue"]
        r = shopbook("report", "monthly", str(folder), "--period", "2026-11", "--json")
        assert r.returncode == 1, r.stdout + r.stderr  # (the month's other days have no figures: said, exit 1)
        review = D(json.loads(r.stdout)["total"]["sales"])
        shopbook("daily", str(folder), "--date", "2026-11-02")
        ws = openpyxl.load_workbook(folder / "reports" / "日报-2026-11-02.xlsx")["摘要"]
        daily = next(row[1].value for row in ws.iter_rows(min_row=4) if row[0].value == "销售额")
        r = shopbook("report", "promotion", str(folder), "双11预热", "--json")
        assert r.returncode == 0, r.stdout + r.stderr
        return ledger, review, D(repr(daily)), D(json.loads(r.stdout)["during"]["sales"])

    assert figures() == (D("606.60"),) * 4
    r = shopbook("agents", "settle", str(folder), "--month", "2026-11", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    assert D(json.loads(r.stdout)["agents"][0]["shipping"]) == D("6.00")
    typed = openpyxl.load_workbook(folder / "orders.xlsx")["订单"]
    head = [c.value for c in typed[1]]
    assert [r[head.index("运费")] for r in typed.iter_rows(min_row=2, values_only=True)] == [0, 6]  # the 6.00 billed
    assert figures() == (D("606.60"),) * 4


def test_a_courier_named_in_full_on_the_rates_sheet_prices_its_parcels(tmp_path):
    """QA: the 运费 sheet names its couriers 圆通速递 (first, 8.00) and 中通快递 (浙江 5.00), the orders 中通:
    the 中通 parcel was priced at 圆通速递's 8.00, the first courier's, and the gross margin was 3.00 short.
    A courier is one courier by any of its names: 5.00, as by hand."""
    from shopbook.money.workflow import ledger_report
    from shopbook.shop import open_shop

    folder = margin_shop(tmp_path, [line("T0001", "A1", 1, "100.10", "0")], {ShippingRate: [
        ShippingRate(courier="圆通速递", province="其他", first_kg=D(1), first_price=D(8), extra_per_kg=D(2)),
        ShippingRate(courier="中通快递", province="浙江", first_kg=D(1), first_price=D(5), extra_per_kg=D(2))]})
    _, margin, _ = ledger_report(open_shop(folder), "2026-11")
    assert (margin.courier_cost, margin.gross) == (D("5.00"), D("60.09"))


def test_a_line_of_a_product_not_on_the_products_sheet_stops_the_margin_at_its_cell(tmp_path):
    """QA: a line shipped in the month typed Z9 (no such 商家编码 on 商品) was counted at a cost of 0.00: the
    gross margin too high by its goods, nothing said, a ✓. Now the margin is not worked out over it: stopped
    with validate's error at its cell, and nothing written."""
    import pytest

    from shopbook.issues import ShopbookError
    from shopbook.money.workflow import ledger_report
    from shopbook.shop import open_shop

    folder = margin_shop(tmp_path, [line("T0001", "A1", 1, "100.10", "0"), line("T0001", "Z9", 1, "20.00", None)])
    with pytest.raises(ShopbookError) as stop:
        ledger_report(open_shop(folder), "2026-11")
    assert "无法计算发货毛利" in stop.value.zh and "orders.xlsx › 订单 › " in stop.value.zh, stop.value.zh
    assert "商家编码“Z9”不存在" in stop.value.zh and "Cannot work out the gross margin" in stop.value.en
    assert not (folder / "reports" / "利润表-2026-11.xlsx").exists()


def test_a_parcel_the_rates_have_no_price_for_is_said_never_sent_for_free(tmp_path):
    """QA: the 运费 sheet prices 中通 to 浙江 alone (no 其他 row); a parcel to 西藏 was counted at 0.00 in the
    快递成本, the gross margin too high by it, with a ✓. Now the screen, --json and the 毛利 sheet say which
    parcel has no price and what to add, and the report's line is no ✓."""
    from typer.testing import CliRunner

    from shopbook.cli import app

    tibet = line("T0002", "A1", 1, "100.10", "0").model_copy(update={"address": "西藏自治区 拉萨市 城关区 1号",
                                                                      "tracking_no": "73100000000002"})
    from shopbook.money.ledger import PnL
    from shopbook.money.said import ledger_said
    from shopbook.money.workflow import Margin

    folder = margin_shop(tmp_path, [line("T0001", "A1", 1, "100.10", "0"), tibet])
    r = CliRunner().invoke(app, ["ledger", str(folder), "--month", "2026-11", "--json"])
    said = json.loads(r.stdout)
    assert r.exit_code == 0 and said["gross_margin"]["courier_cost"] == "5.00", r.output
    assert said["unpriced_parcels"] == [{"order_no": "T0002", "province": "西藏", "courier": "中通"}]
    ws = openpyxl.load_workbook(folder / "reports" / "利润表-2026-11.xlsx")["毛利"]
    assert ws.cell(ws.max_row, 1).value.startswith("1 个包裹在运费表里没有价格（订单 T0002 西藏 中通）")
    # the screen (and the 利润表 button): said, and the report's line no ✓
    margin = Margin(D(0), D(0), D(0), D(0), unpriced=[("T0002", "西藏", "中通")])
    lines = ledger_said(PnL("2026-11"), margin, folder / "reports" / "利润表-2026-11.xlsx")
    assert ("!", "1 个包裹在运费表里没有价格（订单 T0002 西藏 中通）：快递成本没有算它，发货毛利偏高。请在 orders.xlsx 的“运费”表"
            "补上它的省份（或一行“其他”）", "1 parcel has no price on the shipping rates (order T0002 西藏 中通): the "
            "courier cost leaves it out and the gross margin is too high. Add the province (or an 'other' row) to the "
            "Shipping rates sheet of orders.xlsx") in lines, lines
    assert lines[-1][0] != "✓", lines


def test_a_parcel_of_a_courier_the_rates_lack_has_no_estimate_never_another_couriers(tmp_path):
    """QA: the 运费 sheet prices 圆通 (first, 4.00 to 浙江) and 中通 (5.00), the shop's default courier 中通. A 顺丰
    parcel was estimated at 圆通's 4.00 in the P&L's 快递成本, a parcel of a blank 快递公司 (or 无) at 圆通's too, and
    reconciling a bill of two couriers checked the blank one against 4.00 ('fee differs') and left the 顺丰 one
    unchecked without a word. Now: the blank and 无 parcels at 中通's, the 顺丰 one at none, said with what to add, in
    the P&L (its count) and in the reconciliation (its bill line). In-process, one shop."""
    from shopbook.money.said import ledger_said
    from shopbook.money.workflow import ledger_report, reconcile_courier_file
    from shopbook.shop import open_shop

    def sent(no, courier, tracking):
        return line(no, "A1", 1, "100.10", "0").model_copy(update={"courier": courier, "tracking_no": tracking})

    rates = [ShippingRate(courier=c, province="浙江", first_kg=D(1), first_price=D(p), extra_per_kg=D(2))
             for c, p in (("圆通", 4), ("中通", 5))]
    folder = margin_shop(tmp_path, [sent("T0001", "中通", "7310T0001"), sent("T0002", "顺丰", "SF1234567890"),
                                    sent("T0003", None, "T0003X"), sent("T0004", "无", "T0004X")], {ShippingRate: rates})
    shop = open_shop(folder)
    report, margin, path = ledger_report(shop, "2026-11")
    assert margin.courier_cost == D("15.00") and margin.unpriced == [("T0002", "浙江", "顺丰")], margin
    said = [x for x in ledger_said(report, margin, path) if x[0] == "!" and "没有流水" not in x[1]]  # (the shop keeps no 流水: said too)
    zh = ("1 个包裹在运费表里没有价格（订单 T0002 浙江 顺丰）：快递成本没有算它，发货毛利偏高。运费表里没有顺丰的价格："
          "请在 orders.xlsx 的“运费”表添加（各省份或一行“其他”）")
    en = ("1 parcel has no price on the shipping rates (order T0002 浙江 顺丰): the courier cost leaves it out and the "
          "gross margin is too high. The shipping rates have no prices for SF: add them (each province, or an "
          "'other' row) to the Shipping rates sheet of orders.xlsx")
    assert said == [("!", zh, en)]
    bill = tmp_path / "bill.csv"
    bill.write_text("运单号,日期,目的地,重量,运费\n7310T0001,2026-11-03,浙江,0.7,5.00\nSF1234567890,2026-11-03,浙江,0.7,12.00\n"
                    "T0003X,2026-11-03,浙江,0.7,5.00\nT0004X,2026-11-03,浙江,0.7,5.00\n", encoding="utf-8")
    chk, issues = reconcile_courier_file(shop, bill)
    assert chk.courier is None and not chk.fee_differs and [b.tracking_no for b in chk.unchecked] == ["SF1234567890"]
    assert [(i.message_zh, i.row) for i in issues if "顺丰" in i.message_zh] == [
        ("运费表里没有顺丰的价格：1 个顺丰的包裹的运费没有核对（账单第 3 行）。请在 orders.xlsx 的“运费”表添加顺丰的价格（各省份或一行“其他”）。", 3)]
    assert any("快递公司空着的按中通的" in i.message_zh for i in issues), issues
    # in English, the courier by the English shop's name for it (SF, as its waybills-B1-SF.csv), not 顺丰: an
    # English shop typed SF Express
    assert [i.message_en for i in issues if i.row == 3] == [(
        "The shipping rates have no prices for SF: the fee of 1 parcel of SF's was not checked (bill line 3). Add SF's "
        "prices (each province, or an 'other' row) to the Shipping rates sheet of orders.xlsx.")]
    _, issues = reconcile_courier_file(shop, bill, "SF Express")
    assert any(i.message_en.startswith("The shipping rates have no prices for SF: this bill's fees were not checked. "
                                       "Add SF's prices") for i in issues), [i.message_en for i in issues]


def test_a_parcel_of_goods_with_no_weight_is_not_called_heavy_by_a_weight_made_up(tmp_path):
    """QA: a coat (B1) with 重量(kg) blank on 商品 weighed 0.5 kg in the courier bill's estimate: billed at 2 kg (its
    real weight) it was listed 超重, 'estimated 0.6 kg', to take up with the courier. Now its weight is not judged:
    said with the SKU to weigh, the report no ✓ (the check did part of its job); A1 (0.5 kg) billed at 3 kg is
    heavy as before. In-process."""
    from shopbook.money.said import courier_differs, courier_said
    from shopbook.money.workflow import reconcile_courier_file
    from shopbook.schema import STOCK
    from shopbook.shop import open_shop

    folder = margin_shop(tmp_path, [line("T0001", "A1", 1, "100.10", "0"), line("T0002", "B1", 1, "100.10", "0")])
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="A1", name="外套", cost=D(30), price=D("100.10"), weight_kg=D("0.5")),
        Product(sku="B1", name="大衣", cost=D(30), price=D("100.10"))]}, keep_backup=False)
    bill = tmp_path / "中通-11月.csv"
    bill.write_text("运单号,日期,目的地,重量,运费\n7310T0001,2026-11-03,浙江,3,9.00\n7310T0002,2026-11-03,浙江,2,7.00\n",
                    encoding="utf-8")
    chk, issues = reconcile_courier_file(open_shop(folder), bill)
    assert [b.tracking_no for b, _ in chk.heavy] == ["7310T0001"] and not chk.fee_differs
    assert [(b.line, skus) for b, skus in chk.unweighed] == [(3, ["B1"])] and courier_differs(chk, issues)
    en = ("the weight of 1 parcel was not checked (bill line 3): B1 has no weight (kg). Fill it in on the Products "
          "sheet of stock.xlsx and check the bill again")
    assert ("!", "1 个包裹的重量没有核对（账单第 3 行）：商品 B1 没有填重量(kg)。请在 stock.xlsx 的“商品”表填上，再对一次",
            en) in courier_said(chk, issues)
