"""QA (returns): the warehouse typed a parcel back by hand on 出入库 (退货, 单号 the parcel's tracking number), as
it does, and the case's 退货单号 cell names that number with another (YT… / YT…: the return in two parcels) or a
remark beside it (YT…（破损）). The parcel scanned, the desk found no row under the cell as a whole and posted the
退货 a second time: stock one over, each. A row under any of the cell's numbers is the parcel in stock already:
said, not posted again."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from shopbook.aftersales.workflow import aftersales
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, STOCK, AfterSalesCase, Movement, MovementType, OrderLine, Product
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

TODAY = dt.date(2026, 11, 25)
CELLS = {1: "YT1234567890 / YT1234567891", 2: "YT2234567890（破损）"}


def test_a_parcel_typed_in_by_hand_under_one_of_the_cell_s_numbers_is_not_posted_again(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="P1", name="衬衫", cost=D(30), price=D(99))],
        Movement: [Movement(date=dt.date(2026, 11, 1), sku="P1", type="入库", qty=50),
                   Movement(date=dt.date(2026, 11, 24), sku="P1", type="退货", qty=1, ref="YT1234567891"),
                   Movement(date=dt.date(2026, 11, 24), sku="P1", type="退货", qty=1, ref="YT2234567890")]})
    lines = [OrderLine(order_no=f"39000000000000000{k}", source="淘宝", paid_at=dt.datetime(2026, 11, 18, 10),
                       receiver="赵六", phone="13800000000", address="浙江省 杭州市 西湖区 文三路 1 号", sku="P1", qty=1,
                       unit_price=D(99), status="已发货", courier="中通", tracking_no=f"75000000000000{k}",
                       shipped_on=dt.date(2026, 11, 19)) for k in CELLS]
    cases = [AfterSalesCase(case_no=f"TH-{k}", opened_on=dt.date(2026, 11, 22), order_no=f"39000000000000000{k}",
                            type="退货退款", sku="P1", qty=1, return_tracking=cell, status="等退货")
             for k, cell in CELLS.items()]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, AfterSalesCase: cases})
    shop = open_shop(folder)
    res = aftersales(shop, TODAY, received=["YT1234567890", "YT2234567890"])
    assert res.received == ["YT1234567890", "YT2234567890"] and res.returns == []
    back = [m.ref for m in read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
            if m.type is MovementType.RETURN]
    assert back == ["YT1234567891", "YT2234567890"]  # the hand-typed rows alone: nothing posted twice
    said = [i for i in res.issues if i.field == "return_tracking"]
    assert len(said) == 2 and all("手工入库" in i.message_zh and "没有再入库" in i.message_zh for i in said)
