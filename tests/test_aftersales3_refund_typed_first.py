"""A refund the 客服 typed on the 售后 sheet before the Taobao 退款 export came in (the buyer asked on
旺旺, the case was typed by hand) is that export's refund: the import fills its blank 退款编号 (and
退款金额 where blank) and opens no second case beside it, which would list the refund twice (the typed
one still saying to agree a refund the platform has paid) and count it twice off the 客服's sales."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
from blank_books import append_by_header
from platform_fixtures import refund_row, write_refunds
from test_orders import build_shop

from shopbook.aftersales.workflow import aftersales
from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import import_orders
from shopbook.schema import LEDGER, ORDERS, AfterSalesCase, Entry

TODAY = dt.date(2026, 12, 5)


def test_a_refund_typed_by_hand_before_the_export_is_not_opened_twice(tmp_path):
    shop = build_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    append_by_header(wb["订单"], [{"订单编号": no, "付款时间": "2026-11-11 00:10:00", "收货人": "王芳", "手机": "13812345678",
                          "收货地址": "浙江省 杭州市 西湖区 文三路100号", "商家编码": "SH-WH-M", "数量": 1, "单价": 99,
                          "状态": "已签收", "快递公司": "中通", "快递单号": f"7300{no[-4:]}", "发货日期": "2026-11-12"}
                         for no in ("3515131400000020", "3515131400000021", "3515131400000022")])
    # typed by two people: a 仅退款 with ¥ in its amount and no SKU, a return with its parcel's number,
    # a 仅退款 done last month (another refund), and one of another amount (the same, ¥9.90 with the 优惠差额 Taobao
    # folds in, or another: which, a person says; no second case meanwhile)
    append_by_header(wb["售后"], [
        {"售后单号": "SH-040", "登记日期": "2026/12/3", "订单编号": "3515131400000020 ", "类型": "仅退款",
         "原因": "少发赠品", "退款金额": "¥20.00", "状态": "处理中", "客服": "小美"},
        {"售后单号": "SH-041", "登记日期": "2026-12-03", "订单编号": "3515131400000021", "商家编码": "SH-WH-M",
         "数量": 1, "类型": "退货退款", "退货单号": "YT041", "状态": "等退货", "客服": "阿强"},
        {"售后单号": "SH-039", "登记日期": "2026-11-20", "订单编号": "3515131400000022", "类型": "仅退款",
         "原因": "上个月少发袜子，已退", "状态": "已完成", "客服": "小美"},
        {"售后单号": "SH-042", "登记日期": "2026-12-03", "订单编号": "3515131400000022", "类型": "仅退款",
         "退款金额": "5", "状态": "处理中", "客服": "小美"}])
    wb.save(shop.path(ORDERS))
    ledger = openpyxl.load_workbook(shop.path(LEDGER))
    ledger["类别"].append(["退款", "支出", "退款"])
    ledger["账户"].append(["支付宝", "2026-11-01", 0])
    ledger.save(shop.path(LEDGER))
    paid = refund_row("R2001", "3515131400000020", "SH-WH-M", "20.00", "退款成功", whole="部分退款", goods="买家已收到货")
    paid.update({"退款完结时间": "2026-12-04 10:00:00", "买家实际支付金额": "99.00"})
    back = refund_row("R2002", "3515131400000021", "SH-WH-M", "99.00", "买家已经退货，等待卖家确认收货",
                      needs_return="是", goods="买家已退货")
    other = refund_row("R2003", "3515131400000022", "SH-WH-M", "9.90", "买家已经申请退款，等待卖家同意",
                       whole="部分退款", goods="买家已收到货")
    other["买家实际支付金额"] = "99.00"
    export = write_refunds(tmp_path / "r", [paid, back, other], name="ExportRefundList20261204.csv")

    res = import_orders(shop, [export], today=TODAY)
    assert res.cases_opened == []
    notes = [i for i in res.issues if i.severity == "note"]
    assert {i.message_zh for i in notes} == {"售后单 SH-040 就是退款导出的退款 R2001：填上了退款编号，没有另开售后单。",
                                             "售后单 SH-041 就是退款导出的退款 R2002：填上了退款编号，没有另开售后单。"}
    # each said at its own cell of 售后, as every issue is (before: "! 警告 售后", no workbook, no cell)
    assert {(i.book, i.sheet, i.column) for i in notes} == {("orders.xlsx", "售后", "退款编号")} and all(i.cell for i in notes)
    unsure = [i for i in res.issues if i.sheet == "售后" and i.column == "订单编号"]
    assert [i.message_zh for i in unsure] == [(
        "退款导出的退款 R2003（订单 3515131400000022，SH-WH-M ¥9.90）可能就是售后单 SH-042（退款金额 ¥5.00），看不出是不是："
        "没有另开售后单，也没有填哪一行。请在是它的那一行的“退款编号”填上 R2003（都不是就另登记一行，填上它），再导入一次退款导出。")]
    cases = {c.case_no: c for c in read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)}
    assert len(cases) == 4
    assert (cases["SH-040"].refund_no, cases["SH-041"].refund_no, cases["SH-042"].refund_no, cases["SH-039"].refund_no) == \
        ("R2001", "R2002", None, None)
    assert cases["SH-041"].amount == Decimal("99.00") and cases["SH-041"].return_tracking == "YT041"
    # what the people typed is as they typed it
    ws = openpyxl.load_workbook(shop.path(ORDERS))["售后"]
    typed = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}
    assert typed["SH-040"][1:3] == ("2026/12/3", "3515131400000020 ") and typed["SH-040"][10] == "¥20.00"
    assert typed["SH-040"][13] == "处理中" and typed["SH-041"][9] == "YT041"
    # the paid refund is booked once, and the desk says it is paid, not to agree it again
    entries = read_workbook(shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry)
    assert [(e.order_no, e.amount) for e in entries] == [("3515131400000020", Decimal("20.00"))]
    steps = {v.case.case_no: v.step for v in aftersales(shop, TODAY).open}
    assert "平台已退款" in steps["SH-040"] and "SH-041" in steps
    # the same export again links and opens nothing more
    again = import_orders(shop, [export], today=TODAY)
    assert again.cases_opened == [] and not [i for i in again.issues if i.severity == "note"]
    assert len(read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)) == 4


def test_a_note_is_printed_as_a_note_not_a_warning():
    """The import's note that a typed case is the export's refund was printed '! 警告', as if something were
    wrong: a note is '· 说明' / '· note'."""
    import io

    from rich.console import Console

    from shopbook.cli import _print_issues
    from shopbook.issues import Issue

    for lang, mark in (("zh", "· 说明"), ("en", "· note")):
        buf = io.StringIO()
        _print_issues([Issue("note", "售后单 SH-040 就是退款 R2001", "Case SH-040 is refund R2001", book="orders.xlsx",
                             sheet="售后", cell="Q4")], Console(file=buf, width=200), lang)
        assert buf.getvalue().startswith(f"{mark}  orders.xlsx › 售后 › Q4") and "!" not in buf.getvalue(), buf.getvalue()
