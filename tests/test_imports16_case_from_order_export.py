"""拼多多 and 抖店 have no refund export: a refund on an order they shipped is read from the order export's 售后状态, and
the 售后 case it opens said in its 处理记录 that it was opened from the refund export (退款导出登记), sending a person to
look for a file nobody imported. Now it names the export it came from: the platform's order export (its 售后状态); a
淘宝 退款 export's case says the refund export, as before."""

from __future__ import annotations

from platform_fixtures import douyin_row, pdd_row, refund_row, write_douyin, write_pdd, write_refunds
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import TODAY, build_shop

from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS, AfterSalesCase

PDD = "261121-600000000000001"
DY, DY_SUB = "6928123456789016001", "6928123456789016101"
TB = "3515000000000001661"


def cases(shop) -> dict[str, AfterSalesCase]:
    return {c.order_no: c for c in read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)}


def test_a_case_opened_from_an_order_export_names_that_export(tmp_path):
    shop = build_shop(tmp_path)
    a = write_pdd(tmp_path / "a", [pdd_row(PDD, "待发货", "SH-WH-M")], name="orders_export2026-11-21-09-30-00.csv")
    b = write_douyin(tmp_path / "a", [douyin_row(DY, DY_SUB, "SH-BK-M")], stamp=1763690000)
    rows = [order_row(TB, "tb_x", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)", "2026-11-21 09:00:00",
                      goods="99.00")]
    tb = write_pair(tmp_path / "a", rows, [detail_row(TB, "衬衫", "99.00", "1", "SH-WH-M")], stamp="202611210930")
    import_orders(shop, [a, b, *tb], today=TODAY)

    later = [pdd_row(PDD, "已发货，待收货", "SH-WH-M", after="退款成功", tracking="YT7500000000001", courier="圆通快递",
                     shipped="2026-11-21 18:00:00")]
    c = write_pdd(tmp_path / "b", later, name="orders_export2026-11-22-09-30-00.csv")
    d = write_douyin(tmp_path / "b", [douyin_row(DY, DY_SUB, "SH-BK-M", status="已关闭", after="退款成功",
                                                 tracking="JT0000000001", courier="极兔速递",
                                                 shipped="2026/11/21 18:00:00")], stamp=1763773800)
    rows[0]["订单状态"], rows[0]["物流单号 "], rows[0]["物流公司"] = "卖家已发货，等待买家确认", '="75312345678901"', "中通快递"
    tb2 = write_pair(tmp_path / "b", rows, [detail_row(TB, "衬衫", "99.00", "1", "SH-WH-M", status="卖家已发货，等待买家确认")],
                     stamp="202611220930")
    e = write_refunds(tmp_path / "b", [refund_row("21000000000001661", TB, "SH-WH-M", "99.00", "退款成功",
                                                  needs_return="是")], name="ExportRefundList202611221000.csv")
    s = import_orders(shop, [c, d, *tb2, e], today=TODAY)
    assert len(s.cases_opened) == 3
    by = cases(shop)
    assert by[PDD].note == "拼多多订单导出登记（售后状态）" and by[DY].note == "抖店订单导出登记（售后状态）"
    assert by[TB].note == "退款导出登记"


def test_an_english_shops_case_says_it_in_english():
    from shopbook.aftersales.cases import RefundRecord, _opened_from
    from shopbook.schema import Platform

    said = {p: _opened_from(RefundRecord("1", "2", platform=p), "en") for p in Platform}
    assert said[Platform.PINDUODUO] == "opened from the Pinduoduo order export (its after-sale status)"
    assert said[Platform.DOUYIN] == "opened from the Douyin order export (its after-sale status)"
    assert said[Platform.TAOBAO] == "opened from the refund export"
