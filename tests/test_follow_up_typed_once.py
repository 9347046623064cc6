"""orders follow-up on an order typed by hand over two rows, 已发货 on its first and its 发货日期 on the
second (the ledger reads the order as shipped that day: money.ledger.as_sent): it was never on the chase
list, however long it went undelivered. Its 发货日期 is the order's; a parcel 7 days out is listed at
--days 7, one 6 days out is not."""

from __future__ import annotations

import datetime as dt
import json

from cli_run import shopbook
from shopbook.schema import ORDERS, OrderLine
from shopbook.workbook_builder import write_workbook
from test_orders import build_shop


def test_a_shipping_date_typed_on_an_orders_second_row_is_followed_up(tmp_path):
    shop = build_shop(tmp_path)
    today = dt.date.today()
    ago = lambda n: today - dt.timedelta(days=n)  # noqa: E731

    def line(no, sku, status, shipped):
        return OrderLine(order_no=no, receiver=f"王{no}", phone="13812345678", address="浙江省 杭州市 西湖区 文三路100号",
                         sku=sku, qty=1, status=status, shipped_on=shipped, courier="中通" if status else None,
                         tracking_no=f"7310{no}" if status else None)
    write_workbook(shop.folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        line("F1", "SH-WH-M", "已发货", ago(7)), line("F1", "SH-BK-M", None, None),
        line("F2", "SH-WH-M", "已发货", None), line("F2", "SH-BK-M", None, ago(8)),
        line("F3", "SH-WH-M", "已发货", ago(6))]}, keep_backup=False)
    r = shopbook("orders", "follow-up", shop.folder, "--days", "7", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    late = json.loads(r.stdout)["not_delivered"]
    assert [(x["order_no"], x["shipped_on"]) for x in late] == [("F2", ago(8).isoformat()), ("F1", ago(7).isoformat())]
    r = shopbook("orders", "follow-up", shop.folder, "--days", "7")
    assert r.stdout.splitlines()[0] == "发货未签收：2"


def test_a_held_order_typed_without_its_payment_time_is_on_the_chase_list(tmp_path):
    """A held order typed by hand without 付款时间 was never listed (its age unknown); listed after those
    held a day or more, one paid today not."""
    shop = build_shop(tmp_path)
    now = dt.datetime.now().replace(microsecond=0)

    def line(no, paid):
        return OrderLine(order_no=no, receiver=f"王{no}", phone="13812345678", address="浙江省 杭州市 西湖区 文三路100号",
                         sku="SH-WH-M", qty=1, status="已挂起", paid_at=paid, review="挂起：买家留言：改地址")
    write_workbook(shop.folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        line("K1", None), line("K2", now - dt.timedelta(days=2)), line("K3", now)]}, keep_backup=False)
    r = shopbook("orders", "follow-up", shop.folder, "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    assert [(x["order_no"], x["paid_at"]) for x in json.loads(r.stdout)["held"]] == [
        ("K2", (now - dt.timedelta(days=2)).isoformat()), ("K1", None)]
    r = shopbook("orders", "follow-up", shop.folder)
    lines = r.stdout.splitlines()
    assert lines[lines.index("挂起：2") + 2].split() == ["K1", "买家留言：改地址"]


def test_an_order_held_by_hand_is_listed_apart_not_as_held_for_a_day(tmp_path):
    """QA: an order a person held (已审核 → 已挂起; 人工挂起, or the review's 通过 still there) was listed with
    those held more than a day, its age counted from the payment. It is listed apart, as held by hand."""
    from shopbook.orders.workflow import follow_up

    shop = build_shop(tmp_path)
    paid = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=3)

    def line(no, review):
        return OrderLine(order_no=no, receiver=f"王{no}", phone="13812345678", address="浙江省 杭州市 西湖区 文三路100号",
                         sku="SH-WH-M", qty=1, status="已挂起", paid_at=paid, review=review)
    write_workbook(shop.folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        line("M1", "人工挂起"), line("M2", "通过"), line("M3", "提示：新客户"), line("K1", "挂起：买家留言：改地址")]},
        keep_backup=False)
    fu = follow_up(shop)
    assert [h.order_no for h in fu.held] == ["K1"]
    assert [h.order_no for h in fu.held_by_hand] == ["M1", "M2", "M3"]
    assert [x["order_no"] for x in fu.to_json()["held_by_hand"]] == ["M1", "M2", "M3"]
