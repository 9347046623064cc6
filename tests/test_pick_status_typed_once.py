"""An order typed by hand with its 状态 on its first row only (people type an order's status once):
the pick list, the review's stock and the stock alerts read its other rows' blank 状态 as the order's,
as the scan check (ship) and the ledger (money.ledger.as_sent) do, on real workbooks and real runs."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import openpyxl

from cli_run import flat, shopbook
from shopbook.schema import ORDERS, OrderLine, ReviewRule, ShippingRate
from shopbook.workbook_builder import write_workbook
from test_orders import build_shop, lines_of

D = Decimal


def typed_once(tmp_path, *lines: tuple[str, str, int, str | None]):
    """build_shop's five SKUs (SH-WH-M 5, SH-WH-L 1, SH-BK-M 10 on hand), the orders (no., SKU, qty,
    状态) typed by hand, each to its own receiver in 杭州."""
    shop = build_shop(tmp_path)
    rows = [OrderLine(order_no=no, source="手工", receiver=f"王{no}", phone="13800000201",
                      address=f"浙江省 杭州市 西湖区 文三路{no[-1]}号", sku=sku, qty=qty, unit_price=D("99.00"),
                      status=status, paid_at=dt.datetime(2026, 11, 21, 9, int(no[-1])))
            for no, sku, qty, status in lines]
    rates = [ShippingRate(courier="中通", province=p, first_kg=D("1"), first_price=D(f), extra_per_kg=D(e))
             for p, f, e in (("浙江", "5", "1"), ("其他", "8", "4"))]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: rows, ShippingRate: rates,
                                                     ReviewRule: [ReviewRule(rule="手机号格式", enabled=True)]},
                   keep_backup=False)
    ws = openpyxl.load_workbook(shop.path(ORDERS))["订单"]  # (as typed: the blank 状态 stays blank)
    head = [c.value for c in ws[1]]
    assert [r[head.index("状态")] for r in ws.iter_rows(min_row=2, values_only=True)] == [ln[3] for ln in lines]
    return shop


def test_an_order_approved_on_its_first_row_is_picked_whole_and_ships(tmp_path):
    """H1 已审核 on its SH-WH-M × 1 row, its SH-BK-M × 2 row's 状态 blank: before, the pick list and its
    packing note held SH-WH-M alone (the packer packed one shirt, the scan check wanted three)."""
    shop = typed_once(tmp_path, ("H1", "SH-WH-M", 1, "已审核"), ("H1", "SH-BK-M", 2, None))
    r = shopbook("picklist", shop.folder, "--batch", "b1", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    res = json.loads(r.stdout)
    assert res["orders"] == ["H1"]
    assert {x["sku"]: x["qty"] for x in res["pick_list"]} == {"SH-WH-M": 1, "SH-BK-M": 2}
    assert [(ln.sku, ln.batch) for ln in lines_of(shop)] == [("SH-WH-M", "b1"), ("SH-BK-M", "b1")]
    scans = tmp_path / "scan.txt"
    scans.write_text("H1,中通,75123456789012\n0690000000017\n0690000000031\n0690000000031\n", encoding="utf-8")
    r = shopbook("ship", shop.folder, scans)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "发货：1，出库：3件" in flat(r.stdout)
    assert {ln.status.value for ln in lines_of(shop)} == {"已发货"}


def test_the_review_counts_the_stock_such_an_order_holds(tmp_path):
    """SH-BK-M: 10 on hand, 2 held by H1's blank row: H2's 9 is short (before: approved, 10 available,
    and the second pick list short of it)."""
    shop = typed_once(tmp_path, ("H1", "SH-WH-M", 1, "已审核"), ("H1", "SH-BK-M", 2, None),
                      ("H2", "SH-BK-M", 9, "待审核"))
    r = shopbook("orders", "review", shop.folder)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "库存不足：SH-BK-M需要9，可用8" in flat(r.stdout), r.stdout
    assert {ln.order_no: ln.status.value for ln in lines_of(shop) if ln.order_no == "H2"} == {"H2": "已挂起"}
    r = shopbook("stock", "summary", shop.folder, "--json")
    by = {x["sku"]: (x["on_hand"], x["reserved"], x["available"]) for x in json.loads(r.stdout)}
    assert by["SH-BK-M"] == (10, 2, 8) and by["SH-WH-M"] == (5, 1, 4)


def test_stock_alerts_count_what_a_held_order_asks_on_its_every_row(tmp_path):
    """H3 已挂起 on its first row, its SH-WH-L × 3 row blank: SH-WH-L (1 available) is short of 3 held."""
    shop = typed_once(tmp_path, ("H3", "SH-WH-M", 1, "已挂起"), ("H3", "SH-WH-L", 3, None))
    r = shopbook("stock", "alerts", shop.folder)
    assert r.returncode in (0, 1), r.stdout + r.stderr
    said = next(line for line in r.stdout.splitlines() if "SH-WH-L" in line and "可用" in line)
    assert "挂起订单要 3 件" in said, r.stdout
