"""A new shop's first import: every order held "商家编码 X 不存在", saying nothing of what to do; once the SKUs
were on 商品 (and stock come in), `orders review` reviewed 0 orders and they stayed held. The hold says where to
add the SKU, and an order the review held for such reasons alone is reviewed again; a person's own hold stays."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import review, review_words
from shopbook.schema import ORDERS, STOCK, Movement, MovementType, OrderLine, Product
from shopbook.workbook_builder import write_workbook
from test_orders import build_shop, lines_of, product


def test_an_order_held_for_what_the_shop_has_since_settled_is_reviewed_again(tmp_path):
    shop = build_shop(tmp_path)  # SH-WH-L: 1 on hand

    def order(no, sku, qty=1, status="待审核", review_=None, message=None, day=1):
        return OrderLine(order_no=no, receiver="王芳", phone="13812345678", address=f"浙江省 杭州市 西湖区 文三路{day}号",
                         sku=sku, qty=qty, unit_price=Decimal("99.00"), status=status, review=review_,
                         buyer_message=message, paid_at=dt.datetime(2026, 12, day, 9))
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: [
        order("A", "NEW-1", day=1),  # an SKU the new shop has not put on 商品 yet
        order("B", "SH-WH-L", qty=3, day=2),  # 3 wanted, 1 on hand
        order("C", "NEW-1", status="已挂起", review_="等买家回复颜色", day=3),  # a person's hold, in their words
        order("D", "NEW-1", message="周五前到", day=4),  # held for a message too: a person's to read
        order("E", "SH-WH-M", status="已挂起", review_="通过", day=5),  # approved, then held by a person
    ]}, keep_backup=False)
    first, _ = review(shop)
    said = {d.order_no: d.text("zh") for d in first}
    assert said["A"].startswith("自动挂起：商家编码 NEW-1 不存在：请在 stock.xlsx 的“商品”表加上 NEW-1，再审单"), said
    assert "商品映射" in said["A"] and "stock.xlsx's Products sheet" in first[0].text("en")
    assert said["B"] == "自动挂起：库存不足：SH-WH-L 需要 3，可用 1"

    # the shop types NEW-1 on 商品, and SH-WH-L comes in
    stock = read_workbook(shop.path(STOCK), STOCK)
    write_workbook(shop.path(STOCK), STOCK, "zh", {
        Product: [*stock.rows(Product), product("NEW-1", "NW", "红色", "M", "C-01-1", "0690000000062", 4)],
        Movement: [Movement(date=dt.date(2026, 12, 5), sku="SH-WH-L", type=MovementType.IN, qty=5)]},
        keep_backup=False)
    again, issues = review(shop)
    assert {d.order_no: d.status.value for d in again} == {"A": "已审核", "B": "已审核"}
    assert review_words(again, issues)[1] == "已审核：2（其中 2 个原挂起，原因已解决），已挂起：0"
    now = {ln.order_no: (ln.status.value, ln.review) for ln in lines_of(shop)}
    assert now["A"] == now["B"] == ("已审核", "通过")
    assert now["C"] == ("已挂起", "等买家回复颜色") and now["E"] == ("已挂起", "人工挂起")  # (its hold said as a person's: test_pick_stock)
    assert now["D"][0] == "已挂起" and now["D"][1].startswith("自动挂起：商家编码 NEW-1 不存在")  # its words as they were
    assert review(shop)[0] == []  # nothing left to decide: no order written again



def test_a_review_with_nothing_waiting_says_so_not_held_0(tmp_path):
    """QA: daily --force (or `orders review` again) with every order reviewed already said '✓ 审单：0 个已审核，
    0 个挂起' while 15 orders stood held: read as none held. Now it says no order is waiting for review, in
    `orders review` and daily's step alike (review_words)."""
    from shopbook.report.workflow import run_daily
    from shopbook.shop import open_shop

    shop = build_shop(tmp_path)
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: [
        OrderLine(order_no="H", receiver="王芳", phone="13812345678", address="浙江省 杭州市 西湖区 文三路1号",
                  sku="SH-WH-L", qty=1, unit_price=Decimal("99.00"), status="已挂起", review="等买家回复颜色",
                  paid_at=dt.datetime(2026, 12, 1, 9))]}, keep_backup=False)
    assert review_words(*review(shop)) == ("✓", "没有待审核的订单", "no orders waiting for review")
    (step,) = run_daily(open_shop(shop.folder), dt.date(2026, 12, 1), send=False, steps_only=("review",)).steps
    assert step.ok is True and step.detail == "没有待审核的订单", step.detail
