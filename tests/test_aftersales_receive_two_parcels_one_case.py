"""QA (returns): a buyer sent a return back in two parcels and the desk typed both numbers in the case's 退货单号
cell ("YT… / YT…", "YT…，YT…"). Either parcel scanned was "no case for YT…, type the return with this tracking
no." (a second case of the same goods). Now either receives the case; both, once (its 数量 posted once, the second
said as the same return's other parcel); one of two is said as such, with the number still to come. A remark
beside a number ("（破损）", "已签收") is no second parcel: only runs of a courier's number shape count."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from shopbook.aftersales.workflow import aftersales
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, STOCK, AfterSalesCase, Movement, MovementType, OrderLine, Product
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

TODAY = dt.date(2026, 11, 25)
CELLS = {1: "YT1234567890 / YT1234567891", 2: "ＹＴ2234567890，YT2234567891", 3: "YT3234567890（破损）"}


def _shop(folder, lang="zh"):
    init_shop(folder, lang=lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku="P1", name="衬衫", cost=D(30), price=D(99))],
        Movement: [Movement(date=dt.date(2026, 11, 1), sku="P1", type="入库", qty=50)]})
    lines = [OrderLine(order_no=f"39000000000000000{k}", source="淘宝", paid_at=dt.datetime(2026, 11, 18, 10),
                       receiver="赵六", phone="13800000000", address="浙江省 杭州市 西湖区 文三路 1 号", sku="P1", qty=2,
                       unit_price=D(99), status="已发货", courier="中通", tracking_no=f"75000000000000{k}",
                       shipped_on=dt.date(2026, 11, 19)) for k in CELLS]
    cases = [AfterSalesCase(case_no=f"TH-{k}", opened_on=dt.date(2026, 11, 22), order_no=f"39000000000000000{k}",
                            type="退货退款", sku="P1", qty=2, return_tracking=cell, status="等退货")
             for k, cell in CELLS.items()]
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: lines, AfterSalesCase: cases})
    return open_shop(folder)


def _back(shop):
    return [(m.ref, m.qty) for m in read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
            if m.type is MovementType.RETURN]


def test_the_numbers_of_a_cell_are_those_of_a_courier_s_shape():
    from shopbook.aftersales.cases import return_numbers_of

    def case(cell):
        return AfterSalesCase(case_no="C", opened_on=TODAY, order_no="1", type="退货退款", return_tracking=cell)

    assert return_numbers_of(case("YT1234567890 / YT1234567891")) == ("YT1234567890", "YT1234567891")
    assert return_numbers_of(case("YT1234567890 已签收")) == ("YT1234567890",)
    assert return_numbers_of(case("SF1234567890（破损）")) == ("SF1234567890",)
    assert return_numbers_of(case("YT1")) == ("YT1",)  # no known shape: the cell as typed
    assert return_numbers_of(case(None)) == ()


def test_either_parcel_receives_the_case_and_both_receive_it_once(tmp_path):
    shop = _shop(tmp_path / "shop")
    res = aftersales(shop, TODAY, received=["YT1234567891", "YT2234567890", "yt2234567891", "YT3234567890"])
    assert res.unknown == [] and res.same == []
    assert res.received == ["YT1234567891", "YT2234567890", "YT3234567890"]
    assert _back(shop) == [("TH-1", 2), ("TH-2", 2), ("TH-3", 2)]  # each case's 数量 once, not per parcel
    said = {zh: (mark, en) for mark, zh, en in res.said("zh", 5)}
    one = next(k for k in said if k.startswith("YT1234567891："))
    assert said[one][0] == "!" and "分 2 个包裹寄回" in one and "还没到：YT1234567890" in one
    both = next(k for k in said if k.startswith("yt2234567891："))
    assert said[both][0] == "–" and "和 YT2234567890 是同一个售后单 TH-2 的退货" in both and "只收一次" in both
    assert not any(k.startswith("YT3234567890：") for k in said)  # a remark is no second parcel
    en = [en for _, _, en in res.said("en", 5)]
    assert any(x.startswith("YT1234567891: case TH-1's return was sent back in 2 parcels (") and "1 of them in" in x and
               "not in yet: YT1234567890" in x for x in en)
    cases = {c.case_no: c.status.value for c in read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)
                                                                 ).rows(AfterSalesCase)}
    assert cases == {"TH-1": "已收到退货", "TH-2": "已收到退货", "TH-3": "已收到退货"}
    # the other parcel of TH-1 the day after: received before, nothing posted again
    later = aftersales(open_shop(shop.folder), TODAY, received=["YT1234567890"])
    assert later.unknown == [] and [(a.code, a.case.case_no) for a in later.again] == [("YT1234567890", "TH-1")]
    assert _back(shop) == [("TH-1", 2), ("TH-2", 2), ("TH-3", 2)]
