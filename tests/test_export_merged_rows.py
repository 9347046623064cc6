"""An .xlsx export whose order-level cells are merged down the order's sub-order rows (主订单编号 merged over
two lines, as Excel shows one order): the file holds the number in the first cell alone. The other line
used to read with no order number and be passed over: a 抖店 order of two sub-orders came in with one (and
shipped short); the Taobao 销售明细 was said to be cut off and the order refused."""

from __future__ import annotations

import openpyxl

from platform_fixtures import DOUYIN, douyin_row, three_sheet_workbook
from shopbook.orders.workflow import import_orders
from test_order_life import tb_order
from test_orders import TODAY, build_shop, lines_of


def lines(shop, no):
    return sorted((ln.sku, ln.qty) for ln in lines_of(shop) if ln.order_no == no)


def test_a_douyin_xlsx_with_its_order_number_merged(tmp_path):
    shop = build_shop(tmp_path)
    no = "6930000000000000401"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["抖店订单导出 2026-11-21"])  # a title merged across the top: not data
    ws.merge_cells("A1:F1")
    ws.append(DOUYIN)
    for sub, sku in (("6930000000000000402", "SH-BK-M"), ("6930000000000000403", "SH-WH-M")):
        row = douyin_row(no, sub, sku)
        ws.append([row.get(h, "-") for h in DOUYIN])
    ws.merge_cells("A3:A4")
    wb.save(tmp_path / "1763694000_订单导出.xlsx")
    res = import_orders(shop, [tmp_path / "1763694000_订单导出.xlsx"], today=TODAY)
    assert not res.issues
    assert lines(shop, no) == [("SH-BK-M", 1), ("SH-WH-M", 1)]


def test_a_taobao_workbook_with_its_sales_detail_merged(tmp_path):
    shop = build_shop(tmp_path)
    no = "3700000000000000401"
    order = tb_order(no)
    order["宝贝总数量"] = "2"
    detail = [{"主订单编号": no, "子订单编号": no + sub, "标题": "衬衫", "价格": "99.00", "购买数量": "1",
               "订单状态": "买家已付款，等待卖家发货", "商家编码": sku} for sub, sku in (("1", "SH-BK-M"), ("2", "SH-WH-M"))]
    path = three_sheet_workbook(tmp_path / "淘宝订单.xlsx", [order], detail, [])
    wb = openpyxl.load_workbook(path)
    wb["销售明细"].merge_cells("A2:A3")
    wb.save(path)
    res = import_orders(shop, [path], today=TODAY)
    assert not [i for i in res.issues if i.is_error]
    assert lines(shop, no) == [("SH-BK-M", 1), ("SH-WH-M", 1)]
