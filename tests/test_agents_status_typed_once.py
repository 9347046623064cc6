"""`agents settle` on an agent's order whose 状态 and 发货日期 are typed once, on its first row (people type
an order's status once): each of its rows is billed as `ledger --month` counts it, on real workbooks."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import openpyxl

from cli_run import shopbook
from test_ledger_parts_shipped import line, margin_of, parts_shop
from shopbook.schema import ORDERS, OrderLine, ShippingRate
from shopbook.workbook_builder import write_workbook

D = Decimal


def test_an_agents_order_with_its_status_typed_once_is_billed_as_the_ledger_counts_it(tmp_path):
    """Agent DL1's order DL1-0005 (单价 and 运费 blank): its A1 row 已发货 on 11-03, its B1 × 2 row with 状态,
    快递 and 发货日期 blank. The ledger's November margin counts both: 50.05 + 80.00 + postage 6.00 =
    136.05. The statement bills the same: goods 130.05, shipping 6.00, both lines on it, and B1's blank
    单价 gets the 40.00 billed (its 状态 stays as typed). QA: the statement billed A1 alone (56.05), the
    shop under-billing its agent 80.00 the ledger counted as takings."""
    folder = parts_shop(tmp_path)
    agent = {"source": "代理", "agent_id": "DL1"}
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        line("DL1-0005", "A1", 1, None, "已发货", dt.date(2026, 11, 3), "7310P4", **agent),
        line("DL1-0005", "B1", 2, None, None, None, None, **agent)],
        ShippingRate: [ShippingRate(courier="中通", province="浙江", first_kg=D(1), first_price=D(5),
                                    extra_per_kg=D(2))]}, keep_backup=False)
    assert margin_of(folder, "2026-11")[0]["revenue"] == D("136.05")

    r = shopbook("agents", "settle", str(folder), "--month", "2026-11", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    (st,) = json.loads(r.stdout)["agents"]
    assert (D(st["goods"]), D(st["shipping"]), D(st["balance"])) == (D("130.05"), D("6.00"), D("136.05"))
    ws = openpyxl.load_workbook(folder / "reports" / "代理" / "DL1-甲代理-对账单-2026-11.xlsx").active
    assert [r[2:] for r in ws.iter_rows(values_only=True) if r[1] == "DL1-0005" and isinstance(r[2], str)] == [
        ("A1", 1, 50.05, 50.05), ("B1", 2, 40, 80)]  # (发货明细: 商家编码, 数量, 代理价, 金额)
    ws = openpyxl.load_workbook(folder / "orders.xlsx")["订单"]
    head = [c.value for c in ws[1]]
    b1 = [c.value for c in ws[3]]
    assert (b1[head.index("商家编码")], b1[head.index("单价")], b1[head.index("状态")]) == ("B1", 40, None)
