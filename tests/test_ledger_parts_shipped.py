"""`shopbook ledger`'s gross margin of an order shipped in parts over a month's end: each part in the
month it went, as the agent's statement bills it, on real workbooks (--json and the written 利润表)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import openpyxl

from cli_run import shopbook
from shopbook.schema import (AGENTS, LEDGER, ORDERS, STOCK, Account, Agent, AgentPrice, OrderLine, Product, ShippingRate,
                             Tier)
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook

D = Decimal


def line(no: str, sku: str, qty: int, price: str | None, status: str, shipped: dt.date | None, tracking: str | None,
         **more) -> OrderLine:
    return OrderLine(order_no=no, receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 文三路1号", sku=sku,
                     qty=qty, unit_price=D(price) if price is not None else None, status=status,
                     courier="中通" if tracking else None, tracking_no=tracking, shipped_on=shipped,
                     paid_at=dt.datetime(2026, 10, 29, 9), **more)


def parts_shop(tmp_path):
    """Agent DL1's order DL1-0002 (单价 and 运费 blank: A1 at 50.05, B1 at 40.00, shipping_per_order 6):
    its first row A1 × 1 shipped 10-30, its second B1 × 2 on 11-03 when the trousers came in. Taobao
    order T0002 (运费 8.00, typed on its first row): that row's A1 still 已审核 (out of stock), its second
    row B1 × 1 at 80.00 shipped 11-03."""
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="A1", name="外套", cost=D(30), price=D("100.10"), weight_kg=D("0.5")),
        Product(sku="B1", name="裤子", cost=D(20), price=D(80), weight_kg=D("0.5"))]}, keep_backup=False)
    agent = {"source": "代理", "agent_id": "DL1"}
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        line("DL1-0002", "A1", 1, None, "已签收", dt.date(2026, 10, 30), "7310P1", **agent),
        line("DL1-0002", "B1", 2, None, "已发货", dt.date(2026, 11, 3), "7310P2", **agent),
        line("T0002", "A1", 1, "100.10", "已审核", None, None, shipping_fee=D(8)),
        line("T0002", "B1", 1, "80.00", "已发货", dt.date(2026, 11, 3), "7310P3")],
        ShippingRate: [ShippingRate(courier="中通", province="浙江", first_kg=D(1), first_price=D(5),
                                    extra_per_kg=D(2))]}, keep_backup=False)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {Account: [
        Account(account="支付宝", opening_date=dt.date(2026, 10, 1), opening_balance=D(0))]}, keep_backup=False)
    write_workbook(folder / "agents.xlsx", AGENTS, "zh", {
        Agent: [Agent(agent_id="DL1", name="甲代理", tier="金牌")], Tier: [Tier(tier="金牌", discount=D("0.5"))],
        AgentPrice: [AgentPrice(sku="A1", tier="金牌", price=D("50.05")),
                     AgentPrice(sku="B1", tier="金牌", price=D(40))]}, keep_backup=False)
    toml = folder / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("shipping_per_order = 0", "shipping_per_order = 6"),
                    encoding="utf-8")
    return folder


def margin_of(folder, month: str) -> tuple[dict, dict]:
    r = shopbook("ledger", str(folder), "--month", month, "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    said = {k: D(v) for k, v in json.loads(r.stdout)["gross_margin"].items()}
    ws = openpyxl.load_workbook(folder / "reports" / f"利润表-{month}.xlsx")["毛利"]
    return said, {k: D(repr(v)) for k, v in ws.iter_rows(values_only=True)}


def test_an_order_shipped_in_parts_is_in_each_month_its_parts_went(tmp_path):
    """October: DL1-0002's A1, 50.05 + its postage 6.00 (its first part went then) = 56.05; cost 30.00;
    courier 5.00 (0.6 kg). November: its B1 × 2 at 40.00 = 80.00 (no postage again), cost 40.00, courier
    7.00 (1.1 kg: 5 + 2); T0002's B1 80.00 and its postage 8.00, cost 20.00, courier 5.00, the platform's
    5 % of 88.00 4.40: revenue 168.00, cost 60.00, courier 12.00, margin 91.60. November's 80.00 of DL1's
    goods is what its statement bills for November, and October's 56.05 what it brings forward. QA: the
    order was booked by its first row's date, October holding all 136.05 of DL1-0002 and November none of
    it, and T0002 (its first row 已审核) in no month at all."""
    folder = parts_shop(tmp_path)
    assert margin_of(folder, "2026-10") == (
        {"revenue": D("56.05"), "cost": D("30.00"), "courier_cost": D("5.00"), "platform_fee": D("0.00"),
         "gross_margin": D("21.05")},
        {"发货收入": D("56.05"), "商品成本": D("30.00"), "快递成本": D("5.00"), "平台扣点": D("0.00"), "毛利": D("21.05")})
    assert margin_of(folder, "2026-11") == (
        {"revenue": D("168.00"), "cost": D("60.00"), "courier_cost": D("12.00"), "platform_fee": D("4.40"),
         "gross_margin": D("91.60")},
        {"发货收入": D("168.00"), "商品成本": D("60.00"), "快递成本": D("12.00"), "平台扣点": D("4.40"),
         "毛利": D("91.60")})
    r = shopbook("agents", "settle", str(folder), "--month", "2026-11", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    (st,) = json.loads(r.stdout)["agents"]
    assert (D(st["brought_forward"]), D(st["goods"]), D(st["shipping"])) == (D("56.05"), D("80.00"), D("0.00"))


def test_an_agents_line_with_its_ship_day_typed_once_is_counted_at_the_agents_price(tmp_path):
    """Agent DL1's order DL1-0003: its A1 row typed at 50.05 with 发货日期 11-03, its B1 × 2 row with 单价
    and 发货日期 blank (the day typed once, on the first row): revenue 50.05 + 80.00 + postage 6.00 =
    136.05, cost 30 + 40 = 70.00, courier 7.00 (1.6 kg: 5 + 2), margin 59.05. QA: agents.xlsx was read
    only for a blank-price line with its own 发货日期, so the B1 row's goods cost 40.00 and sold at 0.00."""
    folder = parts_shop(tmp_path)
    agent = {"source": "代理", "agent_id": "DL1", "shipping_fee": None}
    b1 = line("DL1-0003", "B1", 2, None, "已发货", None, "7310P4", **agent)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        line("DL1-0003", "A1", 1, "50.05", "已发货", dt.date(2026, 11, 3), "7310P4", **agent), b1],
        ShippingRate: [ShippingRate(courier="中通", province="浙江", first_kg=D(1), first_price=D(5),
                                    extra_per_kg=D(2))]}, keep_backup=False)
    assert margin_of(folder, "2026-11")[0] == {
        "revenue": D("136.05"), "cost": D("70.00"), "courier_cost": D("7.00"), "platform_fee": D("0.00"),
        "gross_margin": D("59.05")}
