"""QA (exchanges): a 换货 a person typed straight in as 已完成 (agreed with the buyer, then marked done) was never
worked: the desk posts an exchange's 退货 once it is marked received and makes its resend while it is open, so its
goods back never came into stock and the new size never went, and nothing said so. Now `aftersales` and `validate`
warn at its 状态 cell (opened within 30 days), saying what is missing and what to do; `aftersales receive` of it
posts its 退货 once (its status left as typed), after which what is said is the replacement never sent; set back
to 已收到退货, the desk makes the resend. One whose resend is named, or typed on 订单 as <order>-R1, is not said."""

from __future__ import annotations

import datetime as dt

import openpyxl

from shopbook.aftersales.workflow import aftersales
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, STOCK, Movement, MovementType
from shopbook.validate.run import validate_path
from test_aftersales import shipped_order, type_case
from test_orders import build_shop

NO = "3900000000000000505"
NOW = dt.date.today()  # (validate checks against today)


def _shop(tmp_path, **cells):
    shop = build_shop(tmp_path)
    shipped_order(shop, tmp_path, NO)
    type_case(shop, **{**dict(case_no="HH-1", opened_on=NOW, order_no=NO, sku="SH-WH-M", qty=1, type="换货",
                              reason="尺码小了", wants="L码", exchange_sku="SH-WH-L", return_tracking="YT900009",
                              status="已完成"), **cells})
    return shop


def _said(issues) -> list:
    return [i for i in issues if "HH-1" in i.message_zh and "已完成的换货" in i.message_zh]


def _returns(shop) -> list[tuple]:
    return [(m.ref, m.sku, m.qty) for m in read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
            if m.type is MovementType.RETURN]


def _set_status(shop, status: str) -> None:
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["售后"]
    head = [c.value for c in ws[1]]
    row = next(r[0].row for r in ws.iter_rows(min_row=2) if r[head.index("售后单号")].value == "HH-1")
    ws.cell(row, head.index("状态") + 1).value = status
    wb.save(shop.path(ORDERS))


def test_an_exchange_typed_done_with_nothing_done_is_said_at_the_desk_and_by_validate(tmp_path):
    shop = _shop(tmp_path)
    res = aftersales(shop)
    [w] = _said(res.issues)
    assert w.severity == "warning" and w.field == "status" and w.column == "状态"
    assert "退货从没有入库" in w.message_zh and "换的货也从没有补发" in w.message_zh and "“已收到退货”" in w.message_zh
    assert w.message_en.startswith("Case HH-1 is an exchange marked done, but its return was never posted"), w.message_en
    assert "the replacement was never sent" in w.message_en
    assert res.returns == [] and res.resends == [] and _returns(shop) == []  # nothing done unasked
    [v] = _said(validate_path(shop.folder).issues)
    assert (v.message_en, v.book, v.cell) == (w.message_en, "orders.xlsx", w.cell)


def test_receive_posts_its_return_then_the_replacement_is_said_and_made_once_set_back(tmp_path):
    shop = _shop(tmp_path)
    res = aftersales(shop, received=["YT900009"])
    assert res.received == ["YT900009"] and res.again == []
    assert _returns(shop) == [("HH-1", "SH-WH-M", 1)]
    [w] = _said(res.issues)
    assert "退货已入库，但换的货从没有补发" in w.message_zh and "never sent" in w.message_en
    _set_status(shop, "已收到退货")
    res = aftersales(shop)
    assert res.returns == [] and _returns(shop) == [("HH-1", "SH-WH-M", 1)]  # posted once
    assert [(ln.order_no, ln.sku) for ln in res.resends] == [(f"{NO}-R1", "SH-WH-L")]
    _set_status(shop, "已完成")
    assert _said(aftersales(shop).issues) == [] and _said(validate_path(shop.folder).issues) == []


def test_one_resent_by_hand_or_named_or_older_is_not_said_for_its_replacement(tmp_path):
    shop = _shop(tmp_path, resend_order=f"{NO}-R1")
    [w] = _said(aftersales(shop).issues)  # (its return alone is missing)
    assert "换的货" not in w.message_zh and "aftersales receive HH-1" in w.message_zh
    shop = _shop(tmp_path / "b")
    wb = openpyxl.load_workbook(shop.path(ORDERS))  # its resend typed by hand on 订单 as the desk numbers one
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, head.index("订单编号") + 1).value == NO)
    ws.append([c.value for c in ws[row]])
    ws.cell(ws.max_row, head.index("订单编号") + 1, f"{NO}-R1")
    ws.cell(ws.max_row, head.index("商家编码") + 1, "SH-WH-L")
    wb.save(shop.path(ORDERS))
    [w] = _said(aftersales(shop).issues)
    assert "换的货" not in w.message_zh
    shop = _shop(tmp_path / "c", opened_on=NOW - dt.timedelta(days=31))
    assert _said(aftersales(shop).issues) == [] and _said(validate_path(shop.folder).issues) == []
