"""QA (returns typed by hand): a clerk typed a return or exchange with 商家编码 left blank and 数量 1 on an order of a
white shirt and a black one (the buyer sent one back); the desk took the blank for "the whole order" and posted both
shirts back to stock (2 units for a case of 1), and nothing said so. Now such a case (its order of several SKUs, its
数量 not the order's units) is an error at its 商家编码 in `validate` and at the desk, which posts nothing for it
until the SKU is filled in; then its one unit is posted. An order of one SKU takes the case's 数量 of it (a 数量 of 1
of an order's 2 units posted 2 before)."""

from __future__ import annotations

import datetime as dt

import openpyxl

from shopbook.aftersales.workflow import aftersales
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, STOCK, Movement, MovementType
from shopbook.validate.run import validate_path
from test_aftersales import add_order_row, shipped_order, type_case
from test_orders import build_shop

NO = "3900000000000000505"
NOW = dt.date.today()


def _shop(tmp_path, other_sku: str, **cells):
    shop = build_shop(tmp_path)
    shipped_order(shop, tmp_path, NO)
    add_order_row(shop, NO, 商家编码=other_sku)  # a second line of the order (another SKU, or the same one)
    type_case(shop, **{**dict(case_no="TH-1", opened_on=NOW, order_no=NO, qty=1, type="退货退款", reason="不喜欢",
                              return_tracking="YT900001", amount=99, status="已收到退货"), **cells})
    return shop


def _returns(shop) -> list[tuple]:
    return [(m.ref, m.sku, m.qty) for m in read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
            if m.type is MovementType.RETURN]


def _said(issues) -> list:
    return [i for i in issues if "不知道退回的是哪件" in i.message_zh]


def test_one_unit_back_of_an_order_of_two_skus_with_no_sku_is_posted_never_as_both(tmp_path):
    shop = _shop(tmp_path, "SH-BK-M")
    res = aftersales(shop)
    [w] = _said(res.issues)
    assert w.is_error and w.field == "sku" and w.column == "商家编码"
    assert "SH-WH-M、SH-BK-M，共 2 件" in w.message_zh and "数量却是 1" in w.message_zh
    assert w.message_en.startswith(f"Case TH-1 left as it is") and "which goods come back is not known" in w.message_en
    assert res.returns == [] and _returns(shop) == []
    [v] = _said(validate_path(shop.folder).issues)
    assert v.is_error and v.book == "orders.xlsx" and v.cell == w.cell
    wb = openpyxl.load_workbook(shop.path(ORDERS))  # the clerk fills in the SKU that came back
    ws = wb["售后"]
    ws.cell(ws.max_row, [c.value for c in ws[1]].index("商家编码") + 1).value = "SH-BK-M"
    wb.save(shop.path(ORDERS))
    res = aftersales(shop)
    assert _said(res.issues) == [] and _returns(shop) == [("TH-1", "SH-BK-M", 1)]


def test_the_whole_order_typed_or_an_exchange_alike(tmp_path):
    shop = _shop(tmp_path, "SH-BK-M", qty=2)  # 数量 the order's units: the whole order, as before
    aftersales(shop)
    assert sorted(_returns(shop)) == [("TH-1", "SH-BK-M", 1), ("TH-1", "SH-WH-M", 1)]
    shop = _shop(tmp_path / "x", "SH-BK-M", type="换货", exchange_sku="SH-WH-L", amount=None)
    res = aftersales(shop)
    assert len(_said(res.issues)) == 1 and res.returns == [] and res.resends == []


def test_an_order_of_one_sku_posts_the_cases_quantity(tmp_path):
    shop = _shop(tmp_path, "SH-WH-M")  # two rows of one SKU: 2 units, one back
    res = aftersales(shop)
    assert _said(res.issues) == [] and _returns(shop) == [("TH-1", "SH-WH-M", 1)]
