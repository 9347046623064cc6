"""From the review of this session's warehouse and Excel changes (3255add2, 882d58cc, 35176abf):
- a hold an earlier version wrote (挂起：商家编码 X 不存在, without the colon later versions put after it) is the
  review's, reviewed again once the SKU is on 商品 (it was read as a person's and stayed held for good);
- a person's note the review held an order on (自动挂起：审单结果原写着：先别发…) is kept through the import's own hold
  (a refund) and after it ends (it was written over, and the order approved and picked once the refund closed);
- a box of orders packed together is not split into their parcels where a box mate was scanned as a parcel of its
  own in the same file (the box's extra goods passed as its second parcel, a unit off the shelf unposted);
- the 代理月结 button of a shop with no agents still shows the warnings the command line prints."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
from cli_run import shopbook
from test_imports16_held_by_hand_refund import TB, by_no, tb_pair
from test_orders import TODAY, build_shop, lines_of
from test_ship_merged_box_one_scan import BK_M, WH_M, _line, _state
from xlfake import FakeBook

from shopbook import xl
from shopbook.orders.workflow import follow_up, import_orders, review
from shopbook.schema import ORDERS, STOCK, OrderLine, OrderStatus, Product
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


def _order(no, status, review_, day):
    return OrderLine(order_no=no, receiver=f"王芳{no}", phone="13812345678", address=f"浙江省 杭州市 西湖区 文三路{day}号",
                     sku="SH-WH-M", qty=1, unit_price=Decimal("99.00"), status=status, review=review_,
                     paid_at=dt.datetime(2026, 12, day, 9))


def test_an_earlier_versions_unknown_sku_hold_is_reviewed_again_once_the_sku_is_there(tmp_path):
    shop = build_shop(tmp_path)  # SH-WH-M on 商品, 5 on hand
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: [
        _order("Q", "已挂起", "挂起：商家编码 SH-WH-M 不存在", 2),  # as versions before 2026-12-05 wrote it
        _order("S", "待审核", "挂起：商家编码 SH-WH-M 不存在", 3)]}, keep_backup=False)  # set back to 待审核
    decisions, _ = review(shop)
    assert sorted(d.order_no for d in decisions) == ["Q", "S"]
    assert {(ln.order_no, ln.status, ln.review) for ln in lines_of(shop)} == {
        ("Q", OrderStatus.APPROVED, "通过"), ("S", OrderStatus.APPROVED, "通过")}
    assert follow_up(shop, today=dt.date(2026, 12, 9)).held_by_hand == []


def test_a_persons_note_the_review_held_on_stays_through_a_refund_and_after_it(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, tb_pair(tmp_path, "202611210930"), today=TODAY)
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == TB:
            ws.cell(r, head.index("审单结果") + 1).value = "先别发，等买家回复"
    wb.save(shop.path(ORDERS))
    review(shop)
    assert by_no(shop)[TB].review.startswith("自动挂起：审单结果原写着：先别发，等买家回复")
    import_orders(shop, tb_pair(tmp_path, "202611211230", refund="退款中"), today=TODAY)
    assert "先别发，等买家回复" in by_no(shop)[TB].review
    import_orders(shop, tb_pair(tmp_path, "202611211530", refund="退款关闭"), today=TODAY)
    review(shop)
    a = by_no(shop)[TB]
    assert a.status is OrderStatus.HELD and "先别发，等买家回复" in a.review, a.review


def test_a_box_whose_mate_was_scanned_on_its_own_is_not_split_into_their_parcels(tmp_path):
    shop = build_shop(tmp_path)
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: [_line("T1", "SH-WH-M", "淘宝"),
                                                                _line("T2", "SH-BK-M", "淘宝")]}, keep_backup=False)
    assert shopbook("orders", "review", shop.folder).returncode == 0
    assert shopbook("picklist", shop.folder).returncode == 0
    scan = tmp_path / "scan.txt"
    scan.write_text(f"T2,中通,73100000000009\n{BK_M}\n"  # T2 in a parcel of its own, its own waybill
                    f"T1,中通,73100000000001\n{WH_M}\n{BK_M}\n", encoding="utf-8")  # T1's box, T2's shirt in it again
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 1 and "T1：多了 SH-BK-M" in r.stdout, r.stdout
    assert _state(shop)["T1"][0] == "已审核"
    wb = openpyxl.load_workbook(shop.folder / "stock.xlsx")
    assert [(m[1], m[3]) for m in wb["出入库"].iter_rows(min_row=2, values_only=True) if m[2] == "出库"] == [
        ("SH-BK-M", 1)]


def test_the_settle_button_of_a_shop_without_agents_shows_the_warnings(tmp_path):
    folder = tmp_path / "s"
    init_shop(folder, "zh")
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="SH-WH-M", style="SH", name="衬衫", cost=Decimal("30"), price=Decimal("99"))]}, keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [OrderLine(
        order_no="A1", receiver="王芳", phone="13812345678", address="浙江省 杭州市 西湖区 文三路1号", sku="SH-WH-M", qty=2,
        unit_price=Decimal("50"), status="已发货", source="代理", courier="中通", tracking_no="73100000000001",
        shipped_on=dt.date(2026, 11, 10), paid_at=dt.datetime(2026, 11, 9, 9))]}, keep_backup=False)
    r = shopbook("agents", "settle", folder, "--month", "2026-11")
    assert "代理编号却是空的" in r.stdout + r.stderr, r.stdout + r.stderr
    book = FakeBook(folder / "agents.xlsx")
    xl.agent_settle(book=book)
    said = book.app.alerts[-1]["prompt"]
    assert "代理编号却是空的" in said and "没有可以结算的" in said and "✓" not in said, said
