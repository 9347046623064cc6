"""A buyer's request (改地址, 不要发顺丰) or a seller's note (加急) typed on an order's second row, the row a
person was looking at: the review read the first row's alone and approved the order, its packing note
blank, the parcel going out by 顺丰 to the old address. Every row's message and note are the order's: held
for them, and the packing note says them; a message repeated on each row (as an import writes it) once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from cli_run import flat, shopbook, type_in
from shopbook.schema import ORDERS, OrderLine, ShippingRate
from shopbook.workbook_builder import write_workbook
from test_orders import build_shop, lines_of

ASK = "改地址：上海市 浦东新区 世纪大道1号，不要发顺丰"


def test_a_request_typed_on_an_orders_second_row_holds_it_and_is_on_its_packing_note(tmp_path):
    shop = build_shop(tmp_path)

    def line(no, sku, m, **more):
        return OrderLine(order_no=no, receiver=f"王{no}", phone="13800000201", address=f"浙江省 杭州市 西湖区 文三路{m}号",
                         sku=sku, qty=1, unit_price=Decimal("99.00"), status="待审核",
                         paid_at=dt.datetime(2026, 11, 21, 9, m), **more)
    rates = [ShippingRate(courier="中通", province="其他", first_kg=Decimal("1"), first_price=Decimal("8"),
                          extra_per_kg=Decimal("4"))]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {ShippingRate: rates, OrderLine: [
        line("M1", "SH-WH-M", 1), line("M1", "SH-BK-M", 1, buyer_message=ASK, seller_note="加急"),
        line("M2", "SH-WH-M", 2, buyer_message="请发中通"), line("M2", "SH-BK-M", 2, buyer_message="请发中通")]},
        keep_backup=False)
    r = shopbook("orders", "review", shop.folder)
    assert r.returncode == 0, r.stdout + r.stderr
    said = flat(r.stdout)
    assert "已审核：0，已挂起：2" in said, r.stdout
    assert flat(f"挂起 M1：买家留言：{ASK}；卖家备注：加急") in said
    assert flat("挂起 M2：买家留言：请发中通") in said and "请发中通；请发中通" not in r.stdout
    # customer service read the requests and approve both (on their first rows: the others are the order's)
    rows = {ln.order_no: ln.row for ln in reversed(lines_of(shop))}
    type_in(shop.path(ORDERS), "订单", {(rows["M1"], "状态"): "已审核", (rows["M2"], "状态"): "已审核",
                                        (rows["M1"] + 1, "状态"): None, (rows["M2"] + 1, "状态"): None})
    r = shopbook("picklist", shop.folder, "--batch", "b1")
    assert r.returncode == 0, r.stdout + r.stderr
    ws = openpyxl.load_workbook(shop.reports / "拣货单-b1.xlsx")["发货单"]
    notes = [[v for v in row if v is not None] for row in ws.iter_rows(values_only=True)]
    m1 = notes.index(["订单编号", "M1"])
    assert notes[m1 + 4] == ["买家留言", ASK] and notes[m1 + 5] == ["卖家备注", "加急"]
    m2 = notes.index(["订单编号", "M2"])
    assert notes[m2 + 4] == ["买家留言", "请发中通"]
