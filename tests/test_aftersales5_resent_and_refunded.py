"""A 售后 case settled by sending the goods again (补发, 丢件, a 投诉 with a 补发单号), then the platform's 退款 export
refunding the same order: the shop both resent and refunded, and nothing said so. Said now at the case's 补发单号,
both languages: the refund, its number, the resend and what to do. A 投诉 without a resend, a refund ended unpaid and
an import without refunds say nothing."""

from __future__ import annotations

import datetime as dt

import openpyxl
from blank_books import append_by_header
from platform_fixtures import refund_row, write_refunds
from test_orders import build_shop

from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS

TODAY = dt.date(2026, 12, 5)
LOST, RESEND, COMPLAINT, PLAIN, ENDED, TOBE = (f"35151314000000{n}" for n in (40, 41, 42, 43, 44, 45))


def test_a_resend_and_a_refund_of_one_order_are_said_at_the_cases_resend(tmp_path):
    shop = build_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    line = {"付款时间": "2026-11-11 00:10:00", "收货人": "王芳", "手机": "13812345678", "收货地址": "浙江省 杭州市 西湖区 文三路100号",
            "数量": 1, "单价": 99, "状态": "已签收", "快递公司": "中通", "发货日期": "2026-11-12", "商家编码": "SH-WH-M"}
    resend = line | {"单价": 0, "来源": "手工", "付款时间": "2026-12-01 00:00:00"}
    append_by_header(wb["订单"], [line | {"订单编号": no, "快递单号": f"730000{no[-2:]}"} for no in (LOST, RESEND, COMPLAINT, PLAIN, ENDED, TOBE)]
            + [resend | {"订单编号": f"{LOST}-R1", "状态": "已发货", "快递单号": "73009940", "发货日期": "2026-12-02"},
               resend | {"订单编号": f"{RESEND}-R1", "状态": "待审核", "快递公司": None, "发货日期": None},
               resend | {"订单编号": f"{COMPLAINT}-R1", "状态": "已签收", "快递单号": "73009942", "发货日期": "2026-12-02"},
               resend | {"订单编号": f"{ENDED}-R1", "状态": "已发货", "快递单号": "73009944", "发货日期": "2026-12-02"}])
    case = {"登记日期": "2026-12-01", "商家编码": "SH-WH-M", "数量": 1, "状态": "处理中", "客服": "小美"}
    append_by_header(wb["售后"], [
        case | {"售后单号": "SH-090", "订单编号": LOST, "类型": "丢件", "补发单号": f"{LOST}-R1", "状态": "已完成"},
        # typed with a trailing space: the same order as the export's
        case | {"售后单号": "SH-091", "订单编号": f"{RESEND} ", "类型": "补发", "补发单号": f"{RESEND}-R1"},
        case | {"售后单号": "SH-092", "订单编号": COMPLAINT, "类型": "投诉", "补发单号": f"{COMPLAINT}-R1"},
        case | {"售后单号": "SH-093", "订单编号": PLAIN, "类型": "投诉", "原因": "客服态度"},
        case | {"售后单号": "SH-094", "订单编号": ENDED, "类型": "丢件", "补发单号": f"{ENDED}-R1"},
        # typed today, its resend not made yet (shopbook aftersales makes it): about to go
        case | {"售后单号": "SH-095", "订单编号": TOBE, "类型": "丢件"}])
    wb.save(shop.path(ORDERS))
    rows = [refund_row("R6001", LOST, "SH-WH-M", "99.00", "退款成功"),
            refund_row("R6002", RESEND, "SH-WH-M", "99.00", "买家已经申请退款，等待卖家同意"),
            refund_row("R6003", COMPLAINT, "SH-WH-M", "30.00", "退款成功", whole="部分退款"),
            refund_row("R6004", PLAIN, "SH-WH-M", "99.00", "退款成功"),
            refund_row("R6005", ENDED, "SH-WH-M", "99.00", "退款关闭"),
            refund_row("R6006", TOBE, "SH-WH-M", "99.00", "买家已经申请退款，等待卖家同意")]
    export = write_refunds(tmp_path / "r", rows, name="ExportRefundList20261204.csv")

    res = import_orders(shop, [export], today=TODAY)
    said = {i.message_zh.split("售后单 ")[1].split("（")[0]: i for i in res.issues
            if i.sheet == "售后" and i.column == "补发单号"}
    assert sorted(said) == ["SH-090", "SH-091", "SH-092", "SH-095"], [i.message_zh for i in res.issues]
    lost, resent, complaint = said["SH-090"], said["SH-091"], said["SH-092"]
    assert all(i.severity == "warning" and i.cell for i in said.values())
    assert "退款 R6001 ¥99.00 已退款" in lost.message_zh and f"补发单号 {LOST}-R1 已发出" in lost.message_zh
    assert "买家货和钱都拿到了" in lost.message_zh and "the buyer got both" in lost.message_en
    assert "买家会货和钱都拿到" in resent.message_zh and "the buyer would get both" in resent.message_en
    assert "R6002" in resent.message_zh and f"{RESEND}-R1" in resent.message_zh and "先停下" in resent.message_zh
    assert "stop it" in resent.message_en and "refund R6002 of ¥99.00 is under way" in resent.message_en
    assert "R6003 ¥30.00" in complaint.message_zh and "投诉" in complaint.message_zh
    assert "补发单还没生成" in said["SH-095"].message_zh and "改为已关闭" in said["SH-095"].message_zh
    assert "its resend not made yet" in said["SH-095"].message_en
    # the same export again: the refunds are on the sheet now; the case done with its resend gone is not said again,
    # those still open (or whose resend can still be stopped) are
    again = import_orders(shop, [export], today=TODAY)
    assert sorted(i.message_zh.split("售后单 ")[1].split("（")[0] for i in again.issues
                  if i.sheet == "售后" and i.column == "补发单号") == ["SH-091", "SH-092", "SH-095"]
    # the cells as typed
    typed = [r for r in openpyxl.load_workbook(shop.path(ORDERS))["售后"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert [r[0] for r in typed[:6]] == ["SH-090", "SH-091", "SH-092", "SH-093", "SH-094", "SH-095"]
    assert [r[12] for r in typed[:6]] == [f"{LOST}-R1", f"{RESEND}-R1", f"{COMPLAINT}-R1", None, f"{ENDED}-R1", None]



def test_a_pinduoduo_after_sale_of_an_order_resent_is_said_and_an_export_without_one_says_nothing(tmp_path):
    """拼多多 says a refund only in its order export's 售后状态: a parcel lost and resent, then the buyer's 售后 on the
    platform, is said as the 退款 export's is; the same order export before the 售后 (no refund in it) says nothing."""
    from platform_fixtures import pdd_row, write_pdd

    shop = build_shop(tmp_path)
    no = "261121-123456789012346"
    who = {"receiver": "王芳", "phone": "13812345678", "province": "浙江省", "city": "杭州市", "district": "西湖区",
           "street": "文三路100号", "tracking": "7300099", "courier": "中通快递", "shipped": "2026-11-22 10:00:00"}
    first = write_pdd(tmp_path / "a", [pdd_row(no, "已发货，待收货", "SH-WH-M", **who)], old=True)
    import_orders(shop, [first], today=TODAY)
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    append_by_header(wb["订单"], [{"订单编号": f"{no}-R1", "来源": "手工", "付款时间": "2026-12-01 00:00:00", "收货人": "王芳",
                          "手机": "13812345678", "收货地址": "浙江省 杭州市 西湖区 文三路100号", "商家编码": "SH-WH-M", "数量": 1,
                          "单价": 0, "状态": "已发货", "快递公司": "中通", "快递单号": "7300199", "发货日期": "2026-12-02"}])
    append_by_header(wb["售后"], [{"售后单号": "SH-096", "登记日期": "2026-12-01", "订单编号": no, "类型": "丢件", "原因": "物流丢件",
                          "补发单号": f"{no}-R1", "状态": "处理中"}])
    wb.save(shop.path(ORDERS))
    again = import_orders(shop, [first], today=TODAY)
    assert [i for i in again.issues if i.sheet == "售后"] == []
    later = write_pdd(tmp_path / "b", [pdd_row(no, "已发货，待收货", "SH-WH-M", after="售后处理中", **who)], old=True,
                      name="orders_export_20261204.csv")
    res = import_orders(shop, [later], today=TODAY)
    (said,) = [i for i in res.issues if i.sheet == "售后" and i.column == "补发单号"]
    assert "SH-096" in said.message_zh and f"{no}-R1 已发出" in said.message_zh and "买家会货和钱都拿到" in said.message_zh
    assert said.severity == "warning" and said.cell
