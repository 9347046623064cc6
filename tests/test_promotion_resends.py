"""The after-sales desk's replacement parcels (an exchange's new size, a lost parcel sent again: the
售后 sheet's 补发单号, a 手工 order at 0) in a promotion's review: no order sold, as the monthly review
and the days filled from the orders count them."""

import datetime as dt
from decimal import Decimal as D

from test_promotion import ORDERS_ROWS, order, shop  # noqa: F401
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import ORDERS, AfterSalesCase, OrderLine, Promotion
from shopbook.workbook_builder import write_workbook


def test_an_exchanges_replacement_is_no_order_of_the_promotion(shop):  # noqa: F811
    """dan's B2 (11-11) exchanged for another size: the desk's B2-R1 goes out on 11-12 at ¥0, no gift
    cell. Before: the promotion had 5 orders (4 sold), its AOV per buyer unchanged but its units 7 and
    '5 orders with a blank gift cell' … now 4 orders, 6 units, as before the exchange."""
    r1 = order("B2-R1", 12, "dan", "0.00").model_copy(update={"source": "手工", "platform": None,
                                                                "shipping_fee": D(0), "status": "待审核"})
    lost = order("A1-R1", 9, "amy", "0.00").model_copy(update={"source": "手工", "platform": None})  # the days before
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {
        OrderLine: ORDERS_ROWS + [r1, lost],
        Promotion: [Promotion(name="双11满就送", kind="满就送", threshold=D(200), gift_sku="SCARF", gift_qty=1,
                              start=dt.date(2026, 11, 11), end=dt.date(2026, 11, 13), enabled=True)],
        AfterSalesCase: [AfterSalesCase(case_no="SH1", opened_on=dt.date(2026, 11, 11), order_no="B2", sku="DRESS",
                                        qty=1, type="换货", exchange_sku="DRESS", resend_order="B2-R1",
                                        status="已收到退货"),
                         AfterSalesCase(case_no="SH2", opened_on=dt.date(2026, 11, 9), order_no="A1", type="丢件",
                                        resend_order="A1-R1", status="处理中")]}, keep_backup=False)
    r = CliRunner().invoke(app, ["report", "promotion", str(shop.folder), "双11满就送"])
    out = " ".join(r.output.split())
    assert "订单数：4 ← 3" in out and "件数：6 ← 3" in out and "客单价：¥393.00 ← ¥200.00" in out, out
    from shopbook.report.promotion import promotion_report

    rev, _ = promotion_report(shop, "双11满就送", today=dt.date(2026, 11, 20))
    assert (rev.during.orders, rev.during.buyers, rev.during.units, rev.during.gifts_unknown) == (4, 3, 6, 0)
    assert (rev.before.orders, rev.before.units) == (3, 3)
