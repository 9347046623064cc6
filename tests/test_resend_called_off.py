"""A resend is called off (the parcel found, the buyer changed their mind) by one rule, the
after-sales desk's (aftersales.cases.resends_named), which both the order review and the desk use."""

from __future__ import annotations

import datetime as dt
import re

from shopbook.aftersales.workflow import aftersales
from shopbook.orders.workflow import review
from shopbook.schema import OrderStatus
from test_aftersales import set_case_cell, shipped_order, shop, type_case  # noqa: F401 (the fixture)
from test_orders import TODAY, lines_of


def test_a_resend_a_done_case_names_still_goes_for_the_review_and_the_desk_alike(shop, tmp_path):  # noqa: F811
    """QA: a lost parcel's case typed twice (LOST-1 closed as the repeat, LOST-1B 已完成, both naming the
    resend -R1). The review approved -R1 as LOST-1B's resend, while aftersales warned 'LOST-1 已关闭，它的
    补发单 …-R1 还没发出：不再补发的话，请…改为已关闭': two rules, one telling a person to pull a parcel the
    other sends. A case 已完成 sends its resend still, as an open one does: both now say so."""
    no = "3900000000000000421"
    shipped_order(shop, tmp_path, no)
    type_case(shop, case_no="LOST-1", opened_on=TODAY, order_no=no, type="丢件", reason="物流三天没更新",
              status="处理中", due=TODAY + dt.timedelta(days=3), staff="小美")
    aftersales(shop, TODAY)
    type_case(shop, case_no="LOST-1B", opened_on=TODAY, order_no=no, type="丢件", reason="物流三天没更新",
              resend_order=f"{no}-R1", status="已完成", due=TODAY + dt.timedelta(days=3), staff="小美")
    set_case_cell(shop, "LOST-1", "状态", "已关闭")
    res = aftersales(shop, TODAY)
    assert not [i for i in res.issues if i.field == "resend_order"], [i.message_zh for i in res.issues]
    review(shop)
    assert {ln.order_no: ln.status for ln in lines_of(shop)}[f"{no}-R1"] is OrderStatus.APPROVED
    # closed alone, it is called off for both: the review holds it, the desk says so
    set_case_cell(shop, "LOST-1B", "状态", "已关闭")
    res = aftersales(shop, TODAY)
    assert [i.message_zh[:22] for i in res.issues if i.field == "resend_order"] == [
        f"售后单 LOST-1B 已关闭，它的补发单 {no}"[:22]]


def test_an_exchange_made_a_refund_once_its_resend_was_made_says_the_resend_still_waiting(tmp_path):
    """QA: an exchange for the L, whose L was out of stock: the return came back, the desk made resend
    O1-R1 (held: no stock), and the buyer took a refund instead (类型 changed to 退货退款). The desk said only
    to agree the refund, and O1-R1 waited, held for stock: released once the L came, a free shirt to a buyer
    refunded. The desk now says the resend at the case, as for a closed case's."""
    from decimal import Decimal as D

    import openpyxl

    from shopbook.schema import ORDERS, STOCK, AfterSalesCase, OrderLine, Product
    from shopbook.shop import init_shop, open_shop
    from shopbook.workbook_builder import write_workbook

    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku=s, name="衬衫", cost=D(20), price=D(99), opening_qty=q) for s, q in (("S-M", 5), ("S-L", 0))]},
        keep_backup=False)
    day = dt.date(2026, 11, 20)
    common = dict(receiver="王芳", phone="13800138000", address="浙江省 杭州市 西湖区 文三路 1 号", qty=1)
    lines = [OrderLine(order_no="O1", sku="S-M", unit_price=D("99.00"), status="已签收", paid_at=dt.datetime(2026, 11, 1),
                       shipped_on=dt.date(2026, 11, 2), **common),
             OrderLine(order_no="O1-R1", sku="S-L", unit_price=D(0), status="已挂起", paid_at=dt.datetime(2026, 11, 20),
                       review="挂起：库存不足：S-L 需要 1，可用 0", **common)]
    case = AfterSalesCase(case_no="SH1", opened_on=day, order_no="O1", sku="S-M", qty=1, type="换货", exchange_sku="S-L",
                          return_tracking="YT1", resend_order="O1-R1", status="已收到退货", staff="小美")
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, AfterSalesCase: [case]}, keep_backup=False)
    shop = open_shop(folder)
    from shopbook.aftersales.cases import called_off

    assert not called_off([case], lines)  # the exchange: it goes
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    ws = wb["售后"]
    head = [c.value for c in ws[1]]
    ws.cell(2, head.index("类型") + 1, "退货退款")
    ws.cell(2, head.index("退款金额") + 1, 99)
    wb.save(folder / "orders.xlsx")
    said = [i for i in aftersales(shop, day).issues if i.field == "resend_order"]
    assert [(i.row, i.severity) for i in said] == [(2, "warning")]
    assert said[0].message_zh.startswith("售后单 SH1 现在是“退货退款”，不补发，它的补发单 O1-R1 却还没发出（已挂起）："
                                         "不再补发的话，请在订单表把补发单 O1-R1 的状态改为“已关闭”"), said[0].message_zh


def test_the_review_holds_the_resend_of_a_case_made_a_refund_since(tmp_path):
    """QA: an exchange's resend O1-R1 made (待审核, the L in stock), then the buyer took a refund instead
    (类型 changed to 退货退款): only the desk warned; the review approved O1-R1 into the pick list, a free
    shirt to a buyer refunded. The review now holds it, saying why, in the shop's language (an exchange's
    resend is approved as before: the test above)."""
    from decimal import Decimal as D

    from shopbook.schema import ORDERS, STOCK, AfterSalesCase, OrderLine, Product
    from shopbook.shop import init_shop, open_shop
    from shopbook.workbook_builder import write_workbook

    common = {"receiver": "王芳", "phone": "13800138000", "address": "浙江省 杭州市 西湖区 文三路 1 号", "qty": 1}
    lines = [OrderLine(order_no="O1", sku="S-M", unit_price=D("99.00"), status="已签收", paid_at=dt.datetime(2026, 11, 1),
                       shipped_on=dt.date(2026, 11, 2), **common),
             OrderLine(order_no="O1-R1", sku="S-L", unit_price=D(0), status="待审核", paid_at=dt.datetime(2026, 11, 20),
                       **common)]
    said = {}
    for lang, kind in (("zh", "退货退款"), ("en", "退货退款")):
        folder = tmp_path / f"{lang}{kind}"
        init_shop(folder, lang)
        write_workbook(folder / "stock.xlsx", STOCK, lang, {Product: [
            Product(sku=s, name="衬衫", cost=D(20), price=D(99), opening_qty=5) for s in ("S-M", "S-L")]},
            keep_backup=False)
        case = AfterSalesCase(case_no="SH1", opened_on=dt.date(2026, 11, 20), order_no="O1", sku="S-M", qty=1, type=kind,
                              exchange_sku="S-L", return_tracking="YT1", resend_order="O1-R1", status="已收到退货")
        write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: lines, AfterSalesCase: [case]}, keep_backup=False)
        review(open_shop(folder))
        [r1] = [ln for ln in lines_of(open_shop(folder)) if ln.order_no == "O1-R1"]
        said[lang, kind] = (r1.status, r1.review)
    assert said["zh", "退货退款"] == (OrderStatus.HELD, ("自动挂起：售后单 SH1 现在是“退货退款”，不补发：这个补发单还要发吗？不发：把状态改为"
                                                        "已关闭；要发：把售后单的类型改回换货、补发或丢件，再审单")), said
    status, why = said["en", "退货退款"]
    assert status is OrderStatus.HELD and "case SH1 is now a return case, which sends nothing" in why, why
    assert not re.search(r"[\u4e00-\u9fff]", why), why
