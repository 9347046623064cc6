"""An export of 0 rows (its header alone: a period without orders, or downloaded before the platform wrote
them) was imported as "✓ 导入：0 个订单，0 行", as if all the orders were in. Now the line is "–" and the file is
named with what to do; a workbook's empty 发货报表 beside sheets with rows is no such file."""

from __future__ import annotations

from platform_fixtures import pdd_row, three_sheet_workbook, write_pdd
from taobao_fixtures import order_row
from test_orders import TODAY, build_shop

from shopbook.orders.workflow import import_orders


def test_an_export_of_no_rows_is_said(tmp_path):
    shop = build_shop(tmp_path)
    res = import_orders(shop, [write_pdd(tmp_path / "in", [])], today=TODAY)
    said = res.said(30)
    assert said[0][:2] == ("–", "导入：0 个订单，0 行"), said
    assert ("!", "orders_export_20261121.csv：只有表头，没有一行。平台上若有这段时间的订单，请重新导出（可能在平台写完之前就下载了）") \
        in [x[:2] for x in said], said
    assert res.to_json()["empty_files"] == ["orders_export_20261121.csv"]

    no = "3515131473200000077"  # the three-sheet workbook: its 发货报表 empty, the order in
    orders = [order_row(no, "tb_a", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路1号(310000)", "2026-11-21 09:00:00",
                        goods="99.00")]
    details = [{"主订单编号": no, "子订单编号": no + "1", "标题": "白衬衫", "价格": "99.00", "购买数量": "1",
                "商家编码": "SH-WH-M", "订单状态": "买家已付款，等待卖家发货", "退款状态": "没有申请退款"}]
    res = import_orders(shop, [three_sheet_workbook(tmp_path / "tb.xlsx", orders, details, [])], today=TODAY)
    assert res.said(30)[0][0] == "✓" and res.empty_files == [] and res.imported_orders == 1
    pdd = import_orders(shop, [write_pdd(tmp_path / "in2", [pdd_row("261121-000000000000009", "待发货", "SH-WH-M")])],
                        today=TODAY)
    assert pdd.said(30)[0][0] == "✓" and pdd.empty_files == []
