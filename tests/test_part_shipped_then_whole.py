"""An order held for 部分发货 (淘宝 shipped 白衬衫 first) kept its 平台状态 "部分发货：白衬衫 SH-WH-M（中通快递
7300000002） 已发" after the rest went out (a waybill file's parcel, or the scan check's `ship`): staff filtering
the sheet saw an order all shipped still said to be partly shipped. Now that cell, where it holds shopbook's own
部分发货 text, says 已全部发货 with the first part kept in brackets (its parcel is on the courier's bill); a
person's own words in the cell stay."""

from __future__ import annotations

import openpyxl

from cli_run import shopbook
from platform_fixtures import kuaidizhushou_shipped, three_sheet_workbook
from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus
from taobao_fixtures import order_row
from test_order_life import status_of
from test_orders import build_shop, lines_of, scan_text

WAITING, SENT = "买家已付款，等待卖家发货", "卖家已发货，等待买家确认"


def _partly_shipped(tmp_path, shop, no: str, name: str) -> None:
    """`no` held for 部分发货 (SH-WH-M went in the platform's parcel 7300000002); a person then deletes that
    row and approves the rest (SH-BK-M) to ship."""
    orders = [order_row(no, "tb_a", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路1号(310000)", "2026-11-21 09:00:00",
                        goods="198.00")]

    def details(first: str) -> list[dict]:
        return [{"主订单编号": no, "子订单编号": no + "1", "标题": "白衬衫", "价格": "99.00", "购买数量": "1",
                 "商家编码": "SH-WH-M", "订单状态": first, "退款状态": "没有申请退款"},
                {"主订单编号": no, "子订单编号": no + "2", "标题": "黑衬衫", "价格": "99.00", "购买数量": "1",
                 "商家编码": "SH-BK-M", "订单状态": WAITING, "退款状态": "没有申请退款"}]

    (tmp_path / name).mkdir()
    import_orders(shop, [three_sheet_workbook(tmp_path / name / "a.xlsx", orders, details(WAITING), [])])
    orders[0].update({"订单状态": "卖家部分发货", "物流公司": "中通快递", "物流单号 ": "7300000002"})
    import_orders(shop, [three_sheet_workbook(tmp_path / name / "b.xlsx", orders, details(SENT),
                                              [{"主订单编号": no, "物流公司": "中通快递", "物流单号": "7300000002",
                                                "发货时间": "2026-11-21 18:00:00"}])])
    assert status_of(shop)[no] is OrderStatus.HELD
    path = shop.folder / "orders.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    for row in list(ws.iter_rows(min_row=2)):
        if row[head.index("订单编号")].value == no:
            if row[head.index("商家编码")].value == "SH-WH-M":
                ws.delete_rows(row[0].row)
            else:
                row[head.index("状态")].value = "已审核"
    wb.save(path)


def _platform_status(shop, no: str) -> list[str | None]:
    return [ln.platform_status for ln in lines_of(shop) if ln.order_no == no]


def test_the_rest_shipped_by_a_waybill_file_says_all_shipped(tmp_path):
    shop = build_shop(tmp_path)
    no = "3600000000000000011"
    _partly_shipped(tmp_path, shop, no, "x")
    assert _platform_status(shop, no) == ["部分发货：白衬衫 SH-WH-M（中通快递 7300000002） 已发"]
    res = import_orders(shop, [kuaidizhushou_shipped(tmp_path / "kd", [(no, "中通快递", "7300000003")])])
    assert not [i for i in res.issues if i.is_error]
    assert status_of(shop)[no] is OrderStatus.SHIPPED
    assert _platform_status(shop, no) == ["已全部发货（部分发货：白衬衫 SH-WH-M（中通快递 7300000002） 已发）"]


def test_the_rest_shipped_by_the_scan_check_says_all_shipped_and_a_persons_words_stay(tmp_path):
    shop = build_shop(tmp_path)
    ours, theirs = "3600000000000000021", "3600000000000000022"
    _partly_shipped(tmp_path, shop, ours, "x")
    _partly_shipped(tmp_path, shop, theirs, "y")
    path = shop.folder / "orders.xlsx"  # a person wrote their own note over shopbook's for `theirs`
    wb = openpyxl.load_workbook(path)
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[head.index("订单编号")].value == theirs:
            row[head.index("平台状态")].value = "部分发货：白衬衫已发，黑衬衫今天补发"
    wb.save(path)
    scans = tmp_path / "scans.txt"
    scans.write_text(scan_text(((ours, "中通", "7310000021"), ("0690000000031",)),
                               ((theirs, "中通", "7310000022"), ("0690000000031",))), encoding="utf-8")
    r = shopbook("ship", shop.folder, scans)
    assert r.returncode == 0, r.stdout + r.stderr
    st = status_of(shop)
    assert st[ours] is st[theirs] is OrderStatus.SHIPPED
    assert _platform_status(shop, ours) == ["已全部发货（部分发货：白衬衫 SH-WH-M（中通快递 7300000002） 已发）"]
    assert _platform_status(shop, theirs) == ["部分发货：白衬衫已发，黑衬衫今天补发"]


def test_a_stale_part_shipped_cell_of_a_shipped_order_is_put_right_when_it_is_delivered(tmp_path):
    """An order shipped before this fix kept "部分发货：…" in its 平台状态; the export saying 交易成功 says it went whole."""
    from taobao_fixtures import detail_row, write_pair

    shop = build_shop(tmp_path)
    no = "3600000000000000031"
    _partly_shipped(tmp_path, shop, no, "x")
    path = shop.folder / "orders.xlsx"  # shipped as an earlier shopbook left it: 已发货, the 部分发货 text kept
    wb = openpyxl.load_workbook(path)
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[head.index("订单编号")].value == no:
            row[head.index("状态")].value = "已发货"
            row[head.index("快递公司")].value = "中通快递"
            row[head.index("快递单号")].value = "7300000003"
    wb.save(path)
    done = order_row(no, "tb_a", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路1号(310000)", "2026-11-21 09:00:00",
                     goods="198.00", status="交易成功")
    import_orders(shop, list(write_pair(tmp_path / "z", [done], [detail_row(no, "黑衬衫", "99.00", "1", "SH-BK-M",
                                                                            status="交易成功")], stamp="202611251200")))
    assert status_of(shop)[no] is OrderStatus.DELIVERED
    assert _platform_status(shop, no) == ["已全部发货（部分发货：白衬衫 SH-WH-M（中通快递 7300000002） 已发）"]
