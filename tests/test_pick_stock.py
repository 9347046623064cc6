"""The pick list counts the goods on the shelf for the orders it picks. QA: a held order released by
hand (状态 set to 已审核) whose only unit had gone into another parcel was picked with nothing to
pack, the pick list saying ✓ and 库存汇总 available -1. Now it is left out, still approved, and said
per order with the SKU short; the orders the review approved keep the goods it allotted them."""

from __future__ import annotations

import json

import pytest

from cli_run import flat, shopbook, type_in
from shopbook.schema import ORDERS
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import build_shop, lines_of

OLD, NEW = "3600000000000000201", "3600000000000000202"  # SH-WH-L: 1 on hand


def _line(no, minute, status, said):
    """An order line of SH-WH-L paid on 11-21 at 9:`minute`, its 状态 and 审单结果 as given."""
    import datetime as dt
    from decimal import Decimal

    from shopbook.schema import OrderLine

    return OrderLine(order_no=no, paid_at=dt.datetime(2026, 11, 21, 9, minute), receiver=f"收货人{no}",
                     phone="13800000000", address="浙江省 杭州市 西湖区 文三路1号", sku="SH-WH-L", qty=1,
                     unit_price=Decimal(99), status=status, review=said)


def _orders_typed(shop, lines) -> None:
    """orders.xlsx's 订单 sheet holding `lines` alone, its other sheets as they were."""
    from shopbook.io.reader import read_workbook
    from shopbook.schema import OrderLine
    from shopbook.workbook_builder import write_workbook

    wb = read_workbook(shop.path(ORDERS), ORDERS)
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {**{m: wb.rows(m) for m in wb.sheets}, OrderLine: lines},
                   keep_backup=False)


@pytest.fixture
def shop(tmp_path):
    shop = build_shop(tmp_path)
    a = "浙江省 杭州市 西湖区 文三路{}号(310000)"
    orders = [order_row(OLD, "tb_a", "王芳", "13800000201", a.format(1), "2026-11-21 09:00:00", goods="99.00",
                        message="能早点发吗"),  # held for the message
              order_row(NEW, "tb_b", "李雷", "13800000202", a.format(2), "2026-11-21 09:10:00", goods="99.00")]
    details = [detail_row(OLD, "白衬衫", "99.00", "1", "SH-WH-L"), detail_row(NEW, "白衬衫", "99.00", "1", "SH-WH-L")]
    r = shopbook("orders", "import", shop.folder, *write_pair(tmp_path / "x", orders, details))
    assert r.returncode == 0, r.stdout + r.stderr
    r = shopbook("orders", "review", shop.folder)
    assert r.returncode == 0, r.stdout + r.stderr
    assert {ln.order_no: ln.status.value for ln in lines_of(shop)} == {OLD: "已挂起", NEW: "已审核"}
    return shop


def _release(shop) -> None:
    row = next(ln.row for ln in lines_of(shop) if ln.order_no == OLD)
    type_in(shop.path(ORDERS), "订单", {(row, "状态"): "已审核"})


def test_an_order_released_after_its_unit_was_picked_is_left_out_and_said(shop):
    assert shopbook("picklist", shop.folder, "--batch", "b1").returncode == 0
    _release(shop)
    r = shopbook("picklist", shop.folder, "--batch", "b2")
    said = flat(r.stdout)
    assert r.returncode == 1, r.stdout + r.stderr
    assert f"订单{OLD}缺货，没有拣货" in said and "SH-WH-L需要1，可用0" in said, r.stdout
    assert "✓" not in r.stdout and "Order" not in r.stdout
    assert {ln.order_no: (ln.status.value, ln.batch) for ln in lines_of(shop)} == {
        OLD: ("已审核", None), NEW: ("已审核", "b1")}  # still approved: a later pick list picks it
    assert not (shop.reports / "拣货单-b2.xlsx").exists()


def test_the_order_the_review_approved_keeps_its_unit(shop):
    """Released before the pick list, the older order would take the unit oldest-payment-first: the
    review gave it to the newer one, which is picked; the released order is said short."""
    _release(shop)
    r = shopbook("picklist", shop.folder, "--batch", "b1", "--json")
    assert r.returncode == 1, r.stdout + r.stderr
    res = json.loads(r.stdout)
    assert res["orders"] == [NEW]
    assert res["short"] == [{"order_no": OLD, "skus": [{"sku": "SH-WH-L", "needed": 1, "available": 0}]}]
    assert [x["qty"] for x in res["pick_list"] if x["sku"] == "SH-WH-L"] == [1]
    assert {ln.order_no: ln.batch for ln in lines_of(shop)} == {OLD: None, NEW: "b1"}


def test_the_next_review_says_an_order_was_released_by_hand(tmp_path):
    """QA: an order released by hand (已挂起 → 已审核) kept "挂起：…" in its 审单结果 on every later review. The next
    review says it was released by hand, the reasons as what was; the person's status and a cell in their own
    words stay; the pick list still gives it what the orders the review approved leave (in-process, no CLI)."""

    from shopbook.orders.workflow import make_picklist, review

    shop = build_shop(tmp_path)
    typed = "电话确认过，放行（原挂起：地址）"

    _orders_typed(shop, [
        _line(OLD, 0, "已审核", "挂起：买家留言：能早点发吗；提示：同一收货人和地址还有订单 X"),
        _line(NEW, 10, "已审核", "通过"), _line("MINE", 20, "已审核", typed),
        _line("HELD", 30, "已挂起", "挂起：地址无法解析")])
    review(shop)
    assert {ln.order_no: (ln.status.value, ln.review) for ln in lines_of(shop)} == {
        OLD: ("已审核", "人工放行（原挂起：买家留言：能早点发吗）；提示：同一收货人和地址还有订单 X"),
        NEW: ("已审核", "通过"), "MINE": ("已审核", typed), "HELD": ("已挂起", "挂起：地址无法解析")}
    res = make_picklist(shop, "b1")  # SH-WH-L: 1 on hand, the review's to NEW
    assert [p.order_no for p in res.parcels] == [NEW] and set(res.short) == {OLD, "MINE"}
    from shopbook.orders.review import released_review

    assert released_review("held: no such SKU; note: x", "en") == "released by hand (was held: no such SKU); note: x"


def test_the_next_review_says_an_order_was_held_by_hand(tmp_path):
    """QA: an order a person held after the review approved it (已审核 → 已挂起) kept 通过 in its 审单结果, and the
    daily report listed it as held for "通过". The next review says 人工挂起, its notes kept, on every row of the
    order (a person types 已挂起 on one); released again it says so and takes what the others leave; an order one
    row of which is still held, and a cell in a person's words, stay as they are; none of them is picked."""

    from shopbook.orders.workflow import make_picklist, review

    shop = build_shop(tmp_path)

    _orders_typed(shop, [
        _line("HAND", 0, "已挂起", "通过"),
        _line("TWO", 1, "已挂起", "提示：地址没有区县"), _line("TWO", 1, "已审核", "提示：地址没有区县"),
        _line("AGAIN", 2, "已挂起", "人工放行（原挂起：买家留言：快）；提示：x"),
        _line("BACK", 3, "已审核", "人工挂起；提示：x"),
        _line("PART", 4, "已审核", "挂起：地址无法解析"), _line("PART", 4, "已挂起", "挂起：地址无法解析"),
        _line("MINE", 5, "已挂起", "通过，等买家回话"), _line(NEW, 9, "已审核", "通过")])
    review(shop)
    said = [(ln.order_no, ln.status.value, ln.review) for ln in lines_of(shop)]
    assert said == [("HAND", "已挂起", "人工挂起"),
                    ("TWO", "已挂起", "人工挂起；提示：地址没有区县"), ("TWO", "已审核", "人工挂起；提示：地址没有区县"),
                    ("AGAIN", "已挂起", "人工挂起；提示：x"), ("BACK", "已审核", "人工放行（原人工挂起）；提示：x"),
                    ("PART", "已审核", "挂起：地址无法解析"), ("PART", "已挂起", "挂起：地址无法解析"),
                    ("MINE", "已挂起", "通过，等买家回话"), (NEW, "已审核", "通过")]
    res = make_picklist(shop, "b1")  # SH-WH-L: 1 on hand, NEW's: BACK, released by hand, takes what it leaves
    assert [p.order_no for p in res.parcels] == [NEW] and set(res.short) == {"BACK"}
    assert set(res.held_back) == {"TWO", "PART"}
    from shopbook.orders.review import hand_held_review

    assert hand_held_review("note: the address has no district", "en") == "held by hand; note: the address has no district"


def test_a_picked_order_held_or_closed_by_hand_is_pulled_for_what_it_is(tmp_path):
    """QA: a picked order a person held (or closed) by hand, its 审单结果 still 通过, failed the scan check as
    '！！订单已挂起（通过）' ('订单已取消（通过）'): the review's pass given as why it is held. Now 人工挂起 (held by hand),
    and the status for one closed; a hold's own reason is kept (in-process)."""
    import datetime as dt
    from decimal import Decimal

    from test_orders import scan_text

    from shopbook.io.reader import read_workbook
    from shopbook.orders.workflow import ship
    from shopbook.schema import OrderLine
    from shopbook.workbook_builder import write_workbook

    shop = build_shop(tmp_path)

    def line(no, status, said):
        return OrderLine(order_no=no, paid_at=dt.datetime(2026, 11, 21, 9), receiver="王芳", phone="13800000000",
                         address="浙江省 杭州市 西湖区 文三路1号", sku="SH-WH-M", qty=1, unit_price=Decimal(99),
                         status=status, review=said, batch="b1", courier="中通", tracking_no=f"7300000{no}")

    wb = read_workbook(shop.path(ORDERS), ORDERS)
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {**{m: wb.rows(m) for m in wb.sheets}, OrderLine: [
        line("101", "已挂起", "通过"), line("102", "已关闭", "提示：地址没有区县"), line("103", "已挂起", "挂起：买家留言：改地址")]},
                   keep_backup=False)
    scans = tmp_path / "scan.txt"
    scans.write_text(scan_text(*(((no, "中通", f"7300000{no}"), ("0690000000017",)) for no in ("101", "102", "103"))),
                     encoding="utf-8")
    said = [c.problems[0] for c in ship(shop, scans).checks]
    assert said == [("！！订单已挂起（人工挂起）：先不要发，把这个包裹拿出来", "!! the order is held (held by hand): do not ship, pull this parcel"),
                    ("！！订单已取消（已关闭）：不要发，把这个包裹拿出来", "!! the order is cancelled (closed): do not ship, pull this parcel"),
                    ("！！订单已挂起（挂起：买家留言：改地址）：先不要发，把这个包裹拿出来",
                     "!! the order is held (挂起：买家留言：改地址): do not ship, pull this parcel")]
