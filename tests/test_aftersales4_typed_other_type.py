"""A 售后 case the 客服 typed from the buyer's chat whose 类型 or 商家编码 is not what the Taobao 退款 export later
says of the same refund (typed 换货 of the size the buyer wanted, the buyer filed 退货退款 on the platform) got a
second case beside it on import: the refund listed twice, counted twice off the sales and the stock. It is that
case now (filled where blank, the type and SKU said at their cells with both values); where two typed cases may be
it, nothing is opened or filled, and the person is told to type the refund number on the one that is."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
from blank_books import append_by_header
from platform_fixtures import refund_row, write_refunds
from test_orders import build_shop

from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS, AfterSalesCase

TODAY = dt.date(2026, 12, 5)
ONE, TWO, WIDE = "3515131400000030", "3515131400000031", "3515131400000032"


def test_a_case_typed_as_another_type_or_sku_is_the_exports_refund_not_a_second_case(tmp_path):
    shop = build_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    line = {"付款时间": "2026-11-11 00:10:00", "收货人": "王芳", "手机": "13812345678", "收货地址": "浙江省 杭州市 西湖区 文三路100号",
            "数量": 1, "单价": 99, "状态": "已签收", "快递公司": "中通", "发货日期": "2026-11-12"}
    append_by_header(wb["订单"], [line | {"订单编号": ONE, "商家编码": "SH-WH-M", "快递单号": "73000030"},
                         line | {"订单编号": TWO, "商家编码": "SH-WH-M", "快递单号": "73000031"},
                         line | {"订单编号": TWO, "商家编码": "SH-BK-M", "快递单号": "73000031"},
                         line | {"订单编号": WIDE, "商家编码": "SH-WH-M", "快递单号": "73000032"}])
    append_by_header(wb["售后"], [
        # the buyer asked in chat to change M for L: typed 换货 under the L; on the platform a 退货退款 of the M
        {"售后单号": "SH-050", "登记日期": "2026-12-02", "订单编号": ONE, "商家编码": "SH-WH-L", "数量": 1, "类型": "换货",
         "原因": "偏小", "状态": "等退货", "客服": "小美"},
        # two lines, two cases typed of neither type the export says, neither with its SKU: which is it?
        {"售后单号": "SH-051", "登记日期": "2026-12-02", "订单编号": TWO, "类型": "退货退款", "原因": "一件不合适",
         "状态": "处理中", "客服": "阿强"},
        {"售后单号": "SH-052", "登记日期": "2026-12-03", "订单编号": TWO, "类型": "换货", "原因": "想换颜色",
         "状态": "处理中", "客服": "小美"},
        # typed with a full-width order number and a trailing space, as 仅退款; the buyer sent it back after all
        {"售后单号": "SH-053", "登记日期": "2026-12-03", "订单编号": "３５１５１３１４００００００３２ ", "类型": "仅退款",
         "原因": "有污渍", "状态": "处理中", "客服": "小美"}])
    wb.save(shop.path(ORDERS))
    back = refund_row("R3001", ONE, "SH-WH-M", "99.00", "买家已经退货，等待卖家确认收货", needs_return="是", goods="买家已退货")
    two = refund_row("R3002", TWO, "SH-WH-M", "20.00", "买家已经申请退款，等待卖家同意", whole="部分退款", goods="买家已收到货")
    two["买家实际支付金额"] = "198.00"
    wide = refund_row("R3003", WIDE, "SH-WH-M", "99.00", "买家已经申请退款，等待卖家同意", needs_return="是",
                      goods="买家已收到货")
    export = write_refunds(tmp_path / "r", [back, two, wide], name="ExportRefundList20261204.csv")

    res = import_orders(shop, [export], today=TODAY)
    assert res.cases_opened == []
    said = [(i.severity, i.column, i.message_zh) for i in res.issues if i.sheet == "售后" and i.cell]
    cases = {c.case_no: c for c in read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)}
    assert sorted(cases) == ["SH-050", "SH-051", "SH-052", "SH-053"]
    assert (cases["SH-050"].refund_no, cases["SH-050"].amount) == ("R3001", Decimal("99.00"))
    assert (cases["SH-053"].refund_no, cases["SH-053"].amount) == ("R3003", Decimal("99.00"))
    assert cases["SH-051"].refund_no is None and cases["SH-052"].refund_no is None
    assert cases["SH-051"].amount is None and cases["SH-052"].amount is None
    # the person's cells as they typed them; the disagreement said at each cell, both values and what to do
    typed = {r[0]: r for r in openpyxl.load_workbook(shop.path(ORDERS))["售后"].iter_rows(min_row=2, values_only=True)
             if r[0]}
    assert typed["SH-050"][3] == "SH-WH-L" and typed["SH-050"][5] == "换货"
    assert typed["SH-053"][2] == "３５１５１３１４００００００３２ " and typed["SH-053"][5] == "仅退款"
    type_said = [m for s, col, m in said if s == "warning" and col == "类型"]
    assert len(type_said) == 2 and any("SH-050" in m and "“换货”" in m and "“退货退款”" in m and "R3001" in m
                                       for m in type_said), type_said
    assert any("SH-053" in m and "“仅退款”" in m and "“退货退款”" in m for m in type_said), type_said
    sku_said = [m for s, col, m in said if s == "warning" and col == "商家编码"]
    assert len(sku_said) == 1 and "SH-WH-L" in sku_said[0] and "SH-WH-M" in sku_said[0], sku_said
    unsure = [m for s, col, m in said if s == "warning" and col == "订单编号"]
    assert len(unsure) == 1 and "R3002" in unsure[0] and "SH-051、SH-052" in unsure[0], unsure
    assert "填上 R3002" in unsure[0]
    # the same export again: nothing opened, the unsure refund still said, nothing else
    again = import_orders(shop, [export], today=TODAY)
    assert again.cases_opened == []
    assert [i.column for i in again.issues if i.sheet == "售后"] == ["订单编号"]
    assert len(read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)) == 4



def test_a_closed_case_whose_refund_the_export_says_open_again_or_paid_is_said_at_its_status(tmp_path):
    """A refund closed (its case closed by the import, or by a person) that the buyer asked again, or the platform
    paid, stayed 已关闭 without a word: off the desk, its refund booked in the ledger but not off the 客服's sales,
    its return refused at receive. Said at the case's 状态 now, the case as it is."""
    shop = build_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    line = {"付款时间": "2026-11-11 00:10:00", "收货人": "王芳", "手机": "13812345678", "收货地址": "浙江省 杭州市 西湖区 文三路100号",
            "数量": 1, "单价": 99, "状态": "已签收", "快递公司": "中通", "发货日期": "2026-11-12", "商家编码": "SH-WH-M"}
    append_by_header(wb["订单"], [line | {"订单编号": ONE, "快递单号": "73000030"}, line | {"订单编号": TWO, "快递单号": "73000031"}])
    case = {"登记日期": "2026-12-01", "商家编码": "SH-WH-M", "数量": 1, "类型": "退货退款", "退款金额": 99, "状态": "已关闭"}
    append_by_header(wb["售后"], [case | {"售后单号": "SH20261201-1", "订单编号": ONE, "退款编号": "R4001", "处理记录": "退款导出登记"},
                         case | {"售后单号": "SH-070", "订单编号": TWO, "退款编号": "R4002"}])
    wb.save(shop.path(ORDERS))
    paid = refund_row("R4001", ONE, "SH-WH-M", "99.00", "退款成功", goods="买家已收到货")
    again = refund_row("R4002", TWO, "SH-WH-M", "99.00", "买家已经申请退款，等待卖家同意", needs_return="是",
                       goods="买家已收到货")
    res = import_orders(shop, [write_refunds(tmp_path / "r", [paid, again], name="ExportRefundList20261204.csv")],
                        today=TODAY)
    said = {i.message_zh.split(" ")[1]: i for i in res.issues if i.sheet == "售后" and i.column == "状态"}
    assert sorted(said) == ["SH-070", "SH20261201-1"], [i.message_zh for i in res.issues]
    assert "退款 R4001 已退款 ¥99.00" in said["SH20261201-1"].message_zh
    assert "R4002 还在进行" in said["SH-070"].message_zh and said["SH-070"].severity == "warning"
    assert "set the case back to open" in said["SH-070"].message_en
    assert res.cases_opened == []
    typed = [r[13] for r in openpyxl.load_workbook(shop.path(ORDERS))["售后"].iter_rows(min_row=2, values_only=True)
             if r[0]]
    assert typed == ["已关闭", "已关闭"]


def test_a_second_parcel_the_export_names_is_said_at_the_cases_return_tracking_number(tmp_path):
    """The buyer sent the exchange back in a second parcel (the first refused): the later 退款 export names its
    退货物流单号, the case keeps the first, and nothing was said, so the parcel that came was scanned as one nobody
    registered. Said at the 退货单号 cell with both numbers now (a typed case the export finds too), never replaced."""
    from platform_fixtures import REFUND_HEADERS, REFUND_MORE

    shop = build_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    line = {"付款时间": "2026-11-11 00:10:00", "收货人": "王芳", "手机": "13812345678", "收货地址": "浙江省 杭州市 西湖区 文三路100号",
            "数量": 1, "单价": 99, "状态": "已签收", "快递公司": "中通", "发货日期": "2026-11-12", "商家编码": "SH-WH-M"}
    append_by_header(wb["订单"], [line | {"订单编号": ONE, "快递单号": "73000030"}, line | {"订单编号": TWO, "快递单号": "73000031"}])
    case = {"登记日期": "2026-12-01", "商家编码": "SH-WH-M", "数量": 1, "状态": "等退货"}
    append_by_header(wb["售后"], [case | {"售后单号": "SH20261201-1", "订单编号": ONE, "类型": "换货", "退货单号": "YT1001",
                                 "退款编号": "R5001", "处理记录": "退款导出登记"},
                         case | {"售后单号": "SH-080", "订单编号": TWO, "类型": "退货退款", "退货单号": "YT3003"}])
    wb.save(shop.path(ORDERS))
    rows = []
    for no, order, parcel, kind in (("R5001", ONE, "YT2002", "换货"), ("R5002", TWO, "YT4004", "")):
        r = refund_row(no, order, "SH-WH-M", "99.00", "买家已经退货，等待卖家确认收货", needs_return="是", goods="买家已退货")
        rows.append(r | dict.fromkeys(REFUND_MORE, "") | {"退货物流单号": parcel, "退货物流公司": "中通快递", "售后类型": kind})
    export = write_refunds(tmp_path / "r", rows, name="ExportRefundList20261204.csv", headers=REFUND_HEADERS + REFUND_MORE)
    res = import_orders(shop, [export], today=TODAY)
    said = [i for i in res.issues if i.sheet == "售后" and i.column == "退货单号"]
    assert len(said) == 2, [i.message_zh for i in res.issues]
    assert "YT1001" in said[0].message_zh and "YT2002" in said[0].message_zh and "R5001" in said[0].message_zh
    assert "YT3003" in said[1].message_zh and "YT4004" in said[1].message_zh
    assert said[0].severity == "warning" and "set this cell to YT2002" in said[0].message_en
    assert res.cases_opened == []
    typed = {r[0]: r[9] for r in openpyxl.load_workbook(shop.path(ORDERS))["售后"].iter_rows(min_row=2, values_only=True)
             if r[0]}
    assert typed == {"SH20261201-1": "YT1001", "SH-080": "YT3003"}


def test_a_case_typed_on_a_pinduoduo_order_is_its_after_sale_not_a_second_case(tmp_path):
    """拼多多 says an after-sale only in its order export's 售后状态 (售后处理中: whether goods come back unsaid): a
    仅退款 the 客服 typed first got a 退货退款 case beside it. It is that case; its type, which the export does not
    say, is not called into question."""
    from platform_fixtures import pdd_row, write_pdd

    shop = build_shop(tmp_path)
    no = "261121-123456789012345"
    who = {"receiver": "王芳", "phone": "13812345678", "province": "浙江省", "city": "杭州市", "district": "西湖区",
           "street": "文三路100号", "tracking": "7300099", "courier": "中通快递", "shipped": "2026-11-22 10:00:00"}
    import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(no, "已发货，待收货", "SH-WH-M", **who)], old=True)],
                  today=TODAY)
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    append_by_header(wb["售后"], [{"售后单号": "SH-090", "登记日期": "2026-12-03", "订单编号": no, "类型": "仅退款", "原因": "有污渍",
                          "退款金额": 20, "状态": "处理中"}])
    wb.save(shop.path(ORDERS))
    later = write_pdd(tmp_path / "b", [pdd_row(no, "已发货，待收货", "SH-WH-M", after="售后处理中", **who)], old=True,
                      name="orders_export_20261124.csv")
    res = import_orders(shop, [later], today=TODAY)
    assert res.cases_opened == []
    assert [i.column for i in res.issues if i.sheet == "售后"] == ["退款编号"]
    (case,) = read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)
    assert (case.case_no, case.type.value, case.refund_no, case.amount) == ("SH-090", "仅退款", no, Decimal(20))
