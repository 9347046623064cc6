"""QA: a 售后 row whose 类型 the desk typed as it says it (退货, for 退货退款), scanned at `aftersales receive` with
the day's other returns, stopped the whole scan: "无法处理售后：3 个数据错误", not one parcel received or posted back
to stock. That row is now said at its cell (its code, not received, to scan again once the cell is corrected) and
the other parcels are received; what reads as typed (a trailing space, full-width, English 'Return') is received."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
import pytest

from shopbook.aftersales.workflow import aftersales
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, STOCK, AfterSalesCase, Movement, MovementType, OrderLine, Product
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

TODAY = dt.date(2026, 11, 25)
TYPED = ["退货退款", "退货", "退货退款 ", "Return", "ＲＥＴＵＲＮ", "退货 退款"]  # rows 2..7, TH-1..TH-6, YT1..YT6


def _shop(tmp_path, lang):
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku="P1", name="衬衫", cost=D(30), price=D(99), safety_stock=2)],
        Movement: [Movement(date=dt.date(2026, 11, 1), sku="P1", type="入库", qty=50)]})
    lines = [OrderLine(order_no=f"39000000000000000{k}", source="淘宝", paid_at=dt.datetime(2026, 11, 18, 10),
                       receiver="赵六", phone="13800000000", address="浙江省 杭州市 西湖区 文三路 1 号", sku="P1", qty=1,
                       unit_price=D(99), status="已发货", courier="中通", tracking_no=f"7500000000000{k}",
                       shipped_on=dt.date(2026, 11, 19)) for k in range(1, 7)]
    cases = [AfterSalesCase(case_no=f"TH-{k}", opened_on=dt.date(2026, 11, 22), order_no=f"39000000000000000{k}",
                            type="退货退款", return_tracking=f"YT{k}", status="等退货") for k in range(1, 7)]
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: lines, AfterSalesCase: cases})
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    ws = wb["售后" if lang == "zh" else "After-sales"]
    col = [c.value for c in ws[1]].index("类型" if lang == "zh" else "type") + 1
    for r, v in enumerate(TYPED, start=2):
        ws.cell(r, col).value = v
    wb.save(folder / "orders.xlsx")
    return open_shop(folder)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_row_whose_type_does_not_read_is_said_and_the_other_returns_are_received(tmp_path, lang):
    shop = _shop(tmp_path, lang)
    res = aftersales(shop, TODAY, received=[f"YT{k}" for k in range(1, 7)])
    assert res.received == ["YT1", "YT3", "YT4", "YT5"] and res.unknown == []
    back = [m.ref for m in read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
            if m.type is MovementType.RETURN]
    assert back == ["TH-1", "TH-3", "TH-4", "TH-5"]
    said = [i for i in res.issues if i.is_error]
    assert [i.cell for i in said] == ["F3", "F7"], [i.message_zh for i in res.issues]
    assert "再扫一次 YT2" in said[0].message_zh and "没有收货" in said[0].message_zh
    assert "scan YT2 again" in said[0].message_en and "was not received" in said[0].message_en
    status = {c.case_no: c.status.value for c in read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,))
              .rows(AfterSalesCase)}
    assert status == {"TH-1": "已收到退货", "TH-3": "已收到退货", "TH-4": "已收到退货", "TH-5": "已收到退货"}


def test_the_bad_row_alone_scanned_receives_nothing_and_says_no_others(tmp_path):
    shop = _shop(tmp_path, "zh")
    res = aftersales(shop, TODAY, received=["TH-2"])
    assert res.received == [] and res.unknown == [] and res.returns == []
    (said,) = [i for i in res.issues if i.is_error and i.cell == "F3"]
    assert "再扫一次 TH-2" in said.message_zh and "其他" not in said.message_zh
