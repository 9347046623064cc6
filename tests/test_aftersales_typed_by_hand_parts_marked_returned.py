"""QA (returns): a return of 2 shirts in two parcels (退货单号 "YT…890 / YT…891"), already 已收到退货 (set by hand, or
by an older version), both parcels typed in by hand on 出入库: one under YT…890, the other with its 单号 blank. Before,
a plain `aftersales` run posted "the rest" (P1 × 1) under the case's number: a third shirt, stock one over. The rest
is posted only in the run that receives the case; here it is said, at the case's row, what to do either way."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from shopbook.aftersales.workflow import aftersales
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, STOCK, AfterSalesCase, Movement, MovementType, OrderLine, Product
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

TODAY = dt.date(2026, 11, 25)
NO = "390000000000000001"


def test_a_case_received_before_with_its_parcels_typed_by_hand_posts_nothing_more(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="P1", name="衬衫", cost=D(30), price=D(99))],
        Movement: [Movement(date=dt.date(2026, 11, 1), sku="P1", type="入库", qty=50),
                   Movement(date=dt.date(2026, 11, 24), sku="P1", type="退货", qty=1, ref="YT1234567890"),
                   Movement(date=dt.date(2026, 11, 24), sku="P1", type="退货", qty=1, note="第二个包裹")]})
    lines = [OrderLine(order_no=NO, source="淘宝", paid_at=dt.datetime(2026, 11, 18, 10), receiver="赵六",
                       phone="13800000000", address="浙江省 杭州市 西湖区 文三路 1 号", sku="P1", qty=2, unit_price=D(99),
                       status="已发货", courier="中通", tracking_no="75000000000001", shipped_on=dt.date(2026, 11, 19))]
    cases = [AfterSalesCase(case_no="TH-1", opened_on=dt.date(2026, 11, 22), order_no=NO, type="退货退款", sku="P1",
                            qty=2, return_tracking="YT1234567890 / YT1234567891", status="已收到退货")]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, AfterSalesCase: cases})
    res = aftersales(open_shop(folder), TODAY)
    assert res.returns == []
    assert [(m.ref, m.qty) for m in read_workbook(folder / "stock.xlsx", STOCK, (Movement,)).rows(Movement)
            if m.type is MovementType.RETURN] == [("YT1234567890", 1), (None, 1)]
    said = next(i for i in res.issues if "TH-1" in i.message_zh and "手工入库" in i.message_zh)
    assert said.severity == "warning" and said.sheet == AfterSalesCase.zh and said.book == "orders.xlsx" and said.cell
    zh, en = said.message_zh, said.message_en
    assert "P1 × 1（单号 YT1234567890）" in zh and "其余的 P1 × 1" in zh and "这次没有自动入库" in zh
    assert "单号改为 TH-1" in zh and "类型“退货”，商家编码 P1，数量 1，单号 TH-1" in zh
    assert "1 × P1 (ref YT1234567890)" in en and "the rest, 1 × P1" in en and "not posted now" in en
    assert "ref of the row it was typed on to TH-1" in en and "type return, SKU P1, quantity 1, ref TH-1" in en
    assert "这次入库其余的" not in zh and "posted now (ref TH-1)" not in en
