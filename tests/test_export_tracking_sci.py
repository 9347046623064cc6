"""A platform export that went through Excel before it was imported holds its tracking numbers in scientific
notation (7.73123E+14: the digits after the sixth are gone). The import wrote that into 快递单号, which the
orders sheet cannot hold as a code: every later import then stopped ("无法导入订单：… 科学计数法"). Now it is
said at its cell, a warning, and the shipped order's 快递单号 left blank."""

from __future__ import annotations

from cli_run import flat, shopbook
from platform_fixtures import douyin_row, pdd_row, write_douyin, write_pdd
from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus
from taobao_fixtures import write_pair
from test_order_life import tb_detail, tb_order
from test_orders import TODAY, build_shop, lines_of

TB, PDD, DY, SUB = "3700000000000000909", "261121-482910375600009", "6930000000000000909", "6930000000000000910"


def test_tracking_numbers_excel_turned_into_scientific_notation(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, [*write_pair(tmp_path / "t1", [tb_order(TB)], [tb_detail(TB, "SH-BK-M")]),
                         write_pdd(tmp_path / "p1", [pdd_row(PDD, "待发货", "SH-BK-M")]),
                         write_douyin(tmp_path / "y1", [douyin_row(DY, SUB, "SH-BK-M")])], today=TODAY)
    shipped = "卖家已发货，等待买家确认"
    r = shopbook("orders", "import", shop.folder,
                 *write_pair(tmp_path / "t2", [tb_order(TB, status=shipped, courier="中通快递", tracking="7.5123E+13",
                                                        shipped="2026-11-22 17:00:00")],
                             [tb_detail(TB, "SH-BK-M", status=shipped)], stamp="20261122"),
                 write_pdd(tmp_path / "p2", [pdd_row(PDD, "已发货，待收货", "SH-BK-M", tracking="7.73123E+14",
                                                     courier="申通快递", shipped="2026-11-22 10:00:00")],
                           name="orders_export_20261122.csv"),
                 write_douyin(tmp_path / "y2", [douyin_row(DY, SUB, "SH-BK-M", status="已发货", tracking="7.71E+14",
                                                           courier="申通快递", shipped="2026/11/22 10:00:00")],
                              stamp=1763780400))
    assert r.returncode == 0, r.stdout + r.stderr
    out = flat(r.stdout)
    for where in ("ExportOrderList20261122.csv›第2行物流单号='7.5123E+13'",
                  "orders_export_20261122.csv›第2行快递单号='7.73123E+14'",
                  "1763780400_订单导出.csv›第2行快递单号='7.71E+14'"):
        assert flat(where) in out
    assert flat("这个订单的快递单号没有填。") in out
    assert {ln.order_no: (ln.status, ln.tracking_no) for ln in lines_of(shop)} == \
        {n: (OrderStatus.SHIPPED, None) for n in (TB, PDD, DY)}
    # the orders sheet still reads: the next import goes on
    again = shopbook("orders", "import", shop.folder, write_pdd(tmp_path / "p3", [pdd_row(PDD, "已发货，待收货", "SH-BK-M")],
                                                                name="orders_export_20261123.csv"))
    assert again.returncode == 0, again.stdout + again.stderr
