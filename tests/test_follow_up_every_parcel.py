"""orders follow-up: an order sent as two parcels, a row each (the demo shop has them: 韵达 7828…/7203…), was
listed by its first row's parcel alone, so the other one, perhaps the parcel that is stuck, was in no line
customer service chased. Each late order now lists every parcel it went in, with each one's courier where
they differ, on screen and in --json (FollowUp.to_json)."""

from __future__ import annotations

import datetime as dt

from cli_run import shopbook
from shopbook.orders.workflow import follow_up
from shopbook.schema import ORDERS, OrderLine
from shopbook.workbook_builder import write_workbook
from test_orders import build_shop


def test_every_parcel_of_a_late_order_is_listed(tmp_path):
    shop = build_shop(tmp_path)
    sent = dt.date.today() - dt.timedelta(days=7)

    def line(no, sku, courier, tracking):
        return OrderLine(order_no=no, receiver="王芳", phone="13812345678", address="浙江省 杭州市 西湖区 文三路100号",
                         sku=sku, qty=1, status="已发货", shipped_on=sent, courier=courier, tracking_no=tracking)
    write_workbook(shop.folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        line("F1", "SH-WH-M", "韵达", "43100000000001"), line("F1", "SH-BK-M", "韵达", "43100000000002"),
        line("F2", "SH-WH-M", "中通", "73100000000003"), line("F2", "SH-BK-M", "顺丰", "SF1000000000004"),
        line("F3", "SH-WH-M", "中通", "73100000000005"), line("F3", "SH-BK-M", None, None)]}, keep_backup=False)
    assert [(x["order_no"], x["courier"], x["tracking_no"]) for x in follow_up(shop).to_json()["not_delivered"]] == [
        ("F1", "韵达", "43100000000001/43100000000002"), ("F2", "中通/顺丰", "73100000000003/SF1000000000004"),
        ("F3", "中通", "73100000000005")]
    r = shopbook("orders", "follow-up", shop.folder)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines()[1].split()[:4] == ["F1", sent.isoformat(), "韵达", "43100000000001/43100000000002"]
