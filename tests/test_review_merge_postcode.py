"""The same buyer's Taobao order (its address with the platform's postcode, “…文三路100号(310000)”) and an
order typed by hand to the same address without it: the review suggested no merge, and the two parcels
packed as one under one waybill failed the scan check ("一张面单只贴一个包裹"). The postcode is no part of
where a parcel goes: suggested together, and one waybill ships both."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cli_run import flat, shopbook
from shopbook.schema import ORDERS, OrderLine
from shopbook.workbook_builder import write_workbook
from test_orders import build_shop, lines_of


def test_an_address_with_and_without_the_platforms_postcode_is_one_parcels(tmp_path):
    shop = build_shop(tmp_path)
    lines = [OrderLine(order_no=no, receiver="王芳", phone="13812345678", address=addr, sku=sku, qty=1,
                       unit_price=Decimal("99.00"), status="待审核", paid_at=dt.datetime(2026, 12, 1, 9, m))
             for m, (no, addr, sku) in enumerate((
                 ("3515131473290001", "浙江省 杭州市 西湖区 文三路100号(310000)", "SH-WH-M"),
                 ("W2", "浙江省杭州市西湖区文三路100号", "SH-BK-M"),
                 ("W3", "浙江省 杭州市 西湖区 文三路101号（310000）", "SH-BK-M")))]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: lines}, keep_backup=False)
    r = shopbook("orders", "review", shop.folder)
    assert r.returncode == 0, r.stdout + r.stderr
    review = {ln.order_no: ln.review for ln in lines_of(shop)}
    assert review == {"3515131473290001": "提示：同一收货人和地址还有订单 W2，建议合并发货",
                      "W2": "提示：同一收货人和地址还有订单 3515131473290001，建议合并发货", "W3": "通过"}
    scan = tmp_path / "scan.txt"
    scan.write_text("3515131473290001,中通,73100000000001\n0690000000017\nW2,中通,73100000000001\n0690000000031\n",
                    encoding="utf-8")
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "✓发货：2，出库：2" in flat(r.stdout)
    assert {ln.order_no: ln.tracking_no for ln in lines_of(shop) if ln.tracking_no} == {
        "3515131473290001": "73100000000001", "W2": "73100000000001"}
