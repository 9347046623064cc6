"""QA (returns): a 退货退款 case a person typed straight in as 已完成 (logged after refunding on the platform) never had
its 退货 posted, and nothing said so: the desk posts a return marked received only, and `aftersales receive` of it
said "already done … check the case first", so the goods back stayed out of stock. Now `aftersales` and `validate`
warn at its 状态 cell (opened within 30 days: older done cases are the books as they were, never said), saying what
to do, and `aftersales receive` of it posts its 退货 once, its 状态 left as typed. Nothing is posted unasked."""

from __future__ import annotations

import datetime as dt

import openpyxl

from shopbook.aftersales.workflow import aftersales
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, STOCK, AfterSalesCase, CaseStatus, Movement, MovementType
from shopbook.validate.run import validate_path
from test_aftersales import shipped_order, type_case
from test_orders import build_shop

NO = "3900000000000000505"
NOW = dt.date.today()  # (validate checks against today: the case is typed as of today, whenever this runs)


def _shop(tmp_path, opened: dt.date = NOW, status: str = "已完成"):
    shop = build_shop(tmp_path)
    shipped_order(shop, tmp_path, NO)
    type_case(shop, case_no="TH-9", opened_on=opened, order_no=NO, sku="SH-WH-M", qty=1, type="退货退款",
              reason="尺码小了", return_tracking="YT900009", amount=99, status=status)
    return shop


def _returns(shop) -> list[tuple]:
    return [(m.ref, m.sku, m.qty) for m in read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
            if m.type is MovementType.RETURN]


def _said(issues) -> list:
    return [i for i in issues if "TH-9" in i.message_zh and "从没有入库" in i.message_zh]


def test_a_return_typed_done_with_nothing_posted_is_said_at_the_desk_and_by_validate(tmp_path):
    shop = _shop(tmp_path)
    res = aftersales(shop)
    [w] = _said(res.issues)
    assert w.severity == "warning" and w.sheet == AfterSalesCase.zh and w.field == "status" and w.column == "状态"
    assert "shopbook aftersales receive TH-9" in w.message_zh and "“等退货”" in w.message_zh and "“仅退款”" in w.message_zh
    assert w.message_en.startswith("Case TH-9 is a return marked done, but its return was never posted"), w.message_en
    assert "run shopbook aftersales receive TH-9 to post them" in w.message_en
    assert res.returns == [] and _returns(shop) == []  # never posted unasked
    [v] = _said(validate_path(shop.folder).issues)
    assert (v.message_en, v.book, v.cell) == (w.message_en, "orders.xlsx", w.cell)


def test_receive_posts_it_once_and_the_case_stays_done(tmp_path):
    shop = _shop(tmp_path)
    res = aftersales(shop, received=["YT900009"])
    assert res.received == ["YT900009"] and res.again == []
    assert [(m.sku, m.qty, m.ref) for m in res.returns] == [("SH-WH-M", 1, "TH-9")]
    assert _returns(shop) == [("TH-9", "SH-WH-M", 1)]
    assert [c.status for c in read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)] == \
        [CaseStatus.DONE]
    assert _said(res.issues) == [] and _said(validate_path(shop.folder).issues) == []
    again = aftersales(shop, received=["YT900009"])  # scanned twice: said received before, nothing posted
    assert again.returns == [] and [a.received_on for a in again.again] == [NOW]
    assert _returns(shop) == [("TH-9", "SH-WH-M", 1)]


def test_an_older_done_case_or_one_posted_is_not_said(tmp_path):
    shop = _shop(tmp_path, opened=NOW - dt.timedelta(days=31))
    assert _said(aftersales(shop).issues) == [] and _said(validate_path(shop.folder).issues) == []
    ws = openpyxl.load_workbook(shop.path(ORDERS))
    sheet = ws["售后"]
    head = [c.value for c in sheet[1]]
    row = next(r[0].row for r in sheet.iter_rows(min_row=2) if r[head.index("售后单号")].value == "TH-9")
    sheet.cell(row, head.index("登记日期") + 1).value = NOW
    ws.save(shop.path(ORDERS))
    assert len(_said(aftersales(shop).issues)) == 1  # (recent again: said)
    # posted by hand under its return's tracking number: in stock
    wb = openpyxl.load_workbook(shop.path(STOCK))
    wb["出入库"].append([NOW, "SH-WH-M", "退货", 1, "YT900009", None])
    wb.save(shop.path(STOCK))
    assert _said(aftersales(shop).issues) == [] and _said(validate_path(shop.folder).issues) == []
