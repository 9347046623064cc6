"""PLATFORMS.md's quirks that no other fixture reproduced, each in the export's own shape:
Taobao's 等待买家付款, the newer CSV pair keyed by 主订单编号 / 子订单编号, a refund amount with
优惠差额 folded in; 拼多多's 未发货，退款成功; Alipay's 资金流水 in GBK between `#` lines with
tab-padded values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from platform_fixtures import pdd_row, refund_row, write_pdd, write_refunds
from shopbook.io.reader import read_workbook
from shopbook.money.alipay import read_statement
from shopbook.orders.workflow import import_orders
from shopbook.schema import LEDGER, ORDERS, Account, AfterSalesCase, Category, Entry, OrderStatus, Platform
from shopbook.workbook_builder import write_workbook
from taobao_fixtures import ORDER_HEADERS, PAID, detail_row, export_bytes, order_row, write_pair
from test_orders import TODAY, build_shop, lines_of

D = Decimal
ADDRESS = "浙江省 杭州市 西湖区 文三路 1 号"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def test_taobao_order_waiting_for_payment_is_not_imported_until_paid(shop, tmp_path):
    paid, unpaid = "3600000000000000011", "3600000000000000012"
    orders = [order_row(paid, "tb1", "张三", "13900000001", ADDRESS, "2026-11-21 09:00:00", goods="99.00"),
              order_row(unpaid, "tb2", "李四", "13900000002", ADDRESS, "", status="等待买家付款", goods="99.00")]
    details = [detail_row(paid, "白衬衫", "99.00", "1", "SH-WH-M"),
               detail_row(unpaid, "黑衬衫", "99.00", "1", "SH-BK-M", status="等待买家付款")]
    res = import_orders(shop, list(write_pair(tmp_path / "a", orders, details)), today=TODAY)
    assert [ln.order_no for ln in lines_of(shop)] == [paid]
    [s] = [s for s in res.skipped if s["order_no"] == unpaid]
    assert "等待买家付款" in s["reason_zh"] and s["reason_en"]
    # the evening's export: paid now, imported once with its price
    orders[1].update({"订单状态": PAID, "订单付款时间 ": "2026-11-21 20:00:00"})
    details[1]["订单状态"] = PAID
    import_orders(shop, list(write_pair(tmp_path / "b", orders, details, stamp="20261122")), today=TODAY)
    got = [(ln.order_no, ln.sku, ln.qty, ln.unit_price) for ln in lines_of(shop)]
    assert got == [(paid, "SH-WH-M", 1, D("99.00")), (unpaid, "SH-BK-M", 1, D("99.00"))]


def test_taobao_newer_csv_pair_keyed_by_main_and_sub_order_numbers(shop, tmp_path):
    """订单报表 CSV with 主订单编号, 销售明细 CSV with 主订单编号 / 子订单编号 (GB18030, ="…", the
    trailing comma): two sub-orders of one SKU are one line of 2, a refunded sub-order is held."""
    a, b = "3600000000000000021", "3600000000000000022"
    heads = ["主订单编号" if h == "订单编号" else h for h in ORDER_HEADERS]
    orders = [order_row(a, "tb1", "张三", "13900000001", ADDRESS, "2026-11-21 09:00:00", goods="198.00"),
              order_row(b, "tb2", "李四", "13900000002", ADDRESS, "2026-11-21 09:05:00", goods="198.00")]
    for o in orders:
        o["主订单编号"], o["宝贝总数量"] = o.pop("订单编号"), "2"
    folder = tmp_path / "tb"
    folder.mkdir()
    (folder / "ExportOrderList20261121.csv").write_bytes(export_bytes(heads, orders))
    dh = ["主订单编号", "子订单编号", "标题", "价格", "购买数量", "外部系统编号", "商品属性", "订单状态", "商家编码", "退款状态"]

    def d(no, sub, sku, refund="没有申请退款"):
        return {"主订单编号": f'="{no}"', "子订单编号": f'="{sub}"', "标题": "衬衫", "价格": "99.00", "购买数量": "1",
                "商家编码": sku, "订单状态": PAID, "退款状态": refund}
    details = [d(a, a + "1", "SH-WH-M"), d(a, a + "2", "SH-WH-M"),
               d(b, b + "1", "SH-WH-M"), d(b, b + "2", "SH-BK-M", refund="退款中")]
    (folder / "销售明细20261121.csv").write_bytes(export_bytes(dh, details, trailing_comma=True))
    res = import_orders(shop, sorted(folder.iterdir()), today=TODAY)
    assert sorted(f["kind"] for f in res.files) == ["taobao-details", "taobao-orders"]
    by = {(ln.order_no, ln.sku): ln for ln in lines_of(shop)}
    assert [(k, ln.qty, ln.unit_price, ln.platform) for k, ln in by.items() if k[0] == a] == [
        ((a, "SH-WH-M"), 2, D("99.00"), Platform.TAOBAO)]
    assert by[(b, "SH-BK-M")].status is OrderStatus.HELD and "退款中" in by[(b, "SH-BK-M")].platform_status


def test_pinduoduo_not_shipped_refund_succeeded_cancels(shop, tmp_path):
    kept, refunded, new = "261121-000000000001", "261121-000000000002", "261121-000000000003"
    first = write_pdd(tmp_path / "a", [pdd_row(kept, "待发货", "SH-WH-M"), pdd_row(refunded, "待发货", "SH-BK-M"),
                                       pdd_row(new, "未发货，退款成功", "SH-BK-M", after="退款成功")])
    res = import_orders(shop, [first], today=TODAY)
    assert {ln.order_no for ln in lines_of(shop)} == {kept, refunded}
    assert [s["order_no"] for s in res.skipped] == [new]
    later = write_pdd(tmp_path / "b", [pdd_row(refunded, "未发货，退款成功", "SH-BK-M", after="退款成功")],
                      name="orders_export_20261122.csv")
    import_orders(shop, [later], today=TODAY)
    by = {ln.order_no: ln for ln in lines_of(shop)}
    assert by[refunded].status is OrderStatus.CANCELLED and "退款成功" in by[refunded].platform_status
    assert by[kept].status is OrderStatus.NEW


def test_a_refund_with_its_discount_difference_is_booked_as_the_export_says(shop, tmp_path):
    """Taobao folds 优惠差额 into 买家退款金额: the buyer paid 89.00 for a 99.00 item and gets 89.00
    back; that, not the price, is the case's amount and the ledger's refund."""
    write_workbook(shop.path(LEDGER), LEDGER, "zh", {
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D("1000.00"))],
        Category: [Category(category="销售收入", direction="收入", group="销售"),
                   Category(category="退款", direction="支出", group="退款")]}, keep_backup=False)
    no = "3600000000000000031"
    import_orders(shop, list(write_pair(tmp_path / "o", [order_row(no, "tb1", "张三", "13900000001", ADDRESS,
                                                                   "2026-11-21 09:00:00", goods="89.00")],
                                        [detail_row(no, "白衬衫", "99.00", "1", "SH-WH-M")])), today=TODAY)
    r = refund_row("TK2001", no, "SH-WH-M", "89.00", "退款成功")
    r.update({"买家实际支付金额": "89.00", "退款完结时间": "2026-11-22 09:00:00"})
    res = import_orders(shop, [write_refunds(tmp_path / "r", [r])], today=TODAY)
    assert [(e.order_no, e.amount) for e in res.refunds_booked] == [(no, D("89.00"))]
    [e] = read_workbook(shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry)
    assert (e.date, e.category, e.amount, e.order_no) == (dt.date(2026, 11, 22), "退款", D("89.00"), no)
    [c] = read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)
    assert (c.order_no, c.amount, c.refund_no) == (no, D("89.00"), "TK2001")
    assert [ln.status for ln in lines_of(shop)] == [OrderStatus.CANCELLED]


def _fund_flow(path: Path, income_total: str = "1笔，198.00元") -> Path:
    head = ["入账时间", "支付宝交易号", "支付宝流水号", "商户订单号", "账务类型", "收入（+元）", "支出（-元）", "账户余额（元）",
            "服务费（元）", "支付渠道", "签约产品", "对方账户", "对方名称", "银行订单号", "商品名称", "备注"]
    rows = [["2026-11-02 10:00:00", "2026110222001", "A1", "T200P3515131473293579", "在线支付", "198.00", "", "1198.00",
             "0.00", "", "", "tb_amy", "", "", "白衬衫,纯棉", ""],
            ["2026-11-03 09:00:00", "2026110322003", "A3", "T200P3515131473293579", "交易退款", "", "99.00", "1099.00",
             "0.00", "", "", "tb_amy", "", "", "白衬衫", ""],
            ["2026-11-15 00:30:00", "2026111522007", "A7", "", "收费", "", "5.94", "1093.06", "0.00", "", "", "tmall", "",
             "", "技术服务费", "服务费"]]
    out = ["#支付宝资金流水查询", "#账号：[20881234567890120156]",
           "#起始日期：[2026年11月01日 00:00:00]   终止日期：[2026年12月01日 00:00:00]",
           "#-----------------------------------------资金流水列表----------------------------------------",
           ",".join(head)]
    out += [",".join(f'"{c}\t"' if "," in c else f"{c}\t" for c in r) for r in rows]  # every value tab-padded
    out += ["#-----------------------------------------资金流水列表结束------------------------------------",
            f"#收入合计：{income_total}", "#支出合计：2笔，104.94元", "#导出时间：[2026年12月01日 10:15:42]"]
    path.write_bytes(("\r\n".join(out) + "\r\n").encode("gbk"))
    return path


def test_alipay_fund_flow_in_gbk_between_hash_lines_with_tab_padding(tmp_path):
    st = read_statement(_fund_flow(tmp_path / "20881234567890120156_202611_资金流水.csv"))
    assert not st.issues and st.complete and st.account == "20881234567890120156"
    assert [(x.txn_no, x.order_no, x.amount, x.balance, x.name) for x in st.lines] == [
        ("A1", "3515131473293579", D("198.00"), D("1198.00"), "白衬衫,纯棉"),
        ("A3", "3515131473293579", D("-99.00"), D("1099.00"), "白衬衫"),
        ("A7", "", D("-5.94"), D("1093.06"), "技术服务费")]
    # its footer is checked as the classic statement's: a line missing is a located error
    st = read_statement(_fund_flow(tmp_path / "cut.csv", "2笔，298.00元"))
    [e] = st.issues
    assert e.is_error and e.row == 10 and e.column == "收入合计" and "298.00" in e.message_zh and e.message_en
