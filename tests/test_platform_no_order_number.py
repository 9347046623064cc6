"""A row of a platform's export with an order status but its order number blank (cleared, or lost when the
file was edited) is said at that cell, never passed over in silence: 拼多多, 抖店 and 淘宝's order list."""

from __future__ import annotations

from platform_fixtures import douyin_row, pdd_row, write_douyin, write_pdd
from shopbook.orders.workflow import import_orders
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import build_shop, lines_of


def test_a_row_with_a_status_but_no_order_number_is_said_at_its_cell(tmp_path):
    shop = build_shop(tmp_path)
    pdd = write_pdd(tmp_path / "in", [pdd_row("261121-001", "待发货", "SH-WH-M"), pdd_row("", "待发货", "SH-BK-M")])
    dy = write_douyin(tmp_path / "in", [douyin_row("", "", "SH-BK-M")])
    address = "浙江省 杭州市 西湖区 文三路100号(310000)"
    tb = write_pair(tmp_path / "in", [order_row("", "tb_amy", "王芳", "13812345678", address, "2026-11-21 09:15:02")],
                    [detail_row("3515131473293579", "白衬衫", "99.00", "1", "SH-WH-M")])
    res = import_orders(shop, [pdd, dy, *tb])
    assert [ln.order_no for ln in lines_of(shop)] == ["261121-001"]
    said = sorted((i.book, i.row, i.column) for i in res.issues if i.is_error and "却没有" in i.message_zh)
    assert said == sorted([(pdd.name, 3, "订单号"), (dy.name, 2, "主订单编号"), (tb[0].name, 2, "订单编号")])
    pdd_said = next(i for i in res.issues if i.book == pdd.name)
    assert "这一行有订单状态“待发货”，却没有订单号" in pdd_said.message_zh
    assert "This row has a status (订单状态 '待发货') but no 订单号" in pdd_said.message_en


def test_an_item_line_without_its_order_number_holds_the_order_above_not_imported_short(tmp_path):
    """An item list without 子订单编号 (an older export) whose second line of an order lost its 订单编号 (Excel
    unmerged it): the order came in with its first line alone, to be picked and shipped short."""
    shop = build_shop(tmp_path)
    head = order_row("3515131473293579", "tb_amy", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                     "2026-11-21 09:15:02", goods="198.00")
    head.pop("宝贝总数量", None)  # (where the order list gives its units, the short order is caught by them)
    tb = write_pair(tmp_path / "in", [head], [detail_row("3515131473293579", "白衬衫", "99.00", "1", "SH-WH-M"),
                                              detail_row("", "黑衬衫", "99.00", "1", "SH-BK-M")])
    res = import_orders(shop, tb)
    assert lines_of(shop) == []
    said = [(i.book, i.row) for i in res.issues if i.is_error]
    assert (tb[1].name, 3) in said and (tb[0].name, 2) in said  # the line, and the order held back for it


def test_a_douyin_line_without_either_number_holds_the_order_above(tmp_path):
    shop = build_shop(tmp_path)
    dy = write_douyin(tmp_path / "in", [douyin_row("6931000000000000001", "6931000000000000011", "SH-WH-M"),
                                        douyin_row("", "", "SH-BK-M")])
    res = import_orders(shop, [dy])
    assert lines_of(shop) == []
    assert [(i.book, i.row) for i in res.issues if i.is_error][:1] == [(dy.name, 3)]


def test_a_refund_row_without_its_order_number_is_said_at_its_cell(tmp_path):
    from platform_fixtures import refund_row, write_refunds

    shop = build_shop(tmp_path)
    row = refund_row("RF1", "3515131473293579", "SH-WH-M", "99.00", "退款成功")
    row["订单编号"] = ""
    path = write_refunds(tmp_path / "r", [row])
    res = import_orders(shop, [path])
    (said,) = [i for i in res.issues if i.is_error]
    assert (said.book, said.row, said.column) == (path.name, 2, "订单编号")
    assert "这一行有退款状态“退款成功”，却没有订单编号" in said.message_zh


def test_a_waybill_row_without_its_order_number_is_said_at_its_cell(tmp_path):
    """快递助手's shipped file whose row lost its 订单号 (cleared when the file was edited): the parcel went out,
    but the row was passed over in silence, and its order stayed 已审核, to be picked and shipped again. A totals
    row at the foot (合计 in the first column, 快递单号's) and a voided waybill without an order are no parcel."""
    from cli_run import flat, shopbook, type_in
    from test_order_life import tb_detail, tb_order

    from shopbook.schema import ORDERS, OrderStatus

    shop = build_shop(tmp_path)
    a, b = "3700000000000000301", "3700000000000000302"
    import_orders(shop, list(write_pair(tmp_path / "d", [tb_order(a), tb_order(b)],
                                        [tb_detail(a, "SH-BK-M"), tb_detail(b, "SH-BK-M")])))
    type_in(shop.path(ORDERS), "订单", {(ln.row, "状态"): "已审核" for ln in lines_of(shop)})
    lines = ["快递单号,收件人,订单号,打印时间,快递名称,面单状态",
             f"73100000000001\t,某某,{a}\t,2026-11-22 17:00:00,中通快递,使用中",
             "73100000000002\t,某某,,2026-11-22 17:01:00,中通快递,使用中",
             "73100000000003\t,某某,,2026-11-22 17:02:00,中通快递,已作废",
             "合计：2,,,,,"]
    shipped = tmp_path / "w" / "快递助手-已发货.csv"
    shipped.parent.mkdir()
    shipped.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    res = import_orders(shop, [shipped])
    assert {ln.order_no: ln.status for ln in lines_of(shop)} == {a: OrderStatus.SHIPPED, b: OrderStatus.APPROVED}
    # a warning, not an error: a parcel sent by hand (a sample, a resend) has no order, and an error would stop
    # the morning's review and pick list
    assert not [i for i in res.issues if i.is_error]
    (said,) = [i for i in res.issues if i.severity == "warning"]
    assert (said.book, said.row, said.column) == (shipped.name, 3, "订单号")
    assert "这一行有快递单号“73100000000002”，却没有订单号：不知道是哪个订单的包裹，没有记到任何订单上" in said.message_zh
    assert "This row has a tracking no. (快递单号 '73100000000002') but no 订单号" in said.message_en
    r = shopbook("orders", "import", shop.folder, shipped)
    out = flat(r.stdout)
    assert "快递助手-已发货.csv›第3行订单号" in out and "这一行有快递单号“73100000000002”，却没有订单号" in out, r.stdout
