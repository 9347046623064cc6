"""One file holding a sub-order on two rows: two exports pasted into one sheet (the morning's and the
evening's), or a row copied. Each row was counted: the order came in with twice its goods, to be picked
and shipped twice over (抖店 2 shirts → 4; 淘宝's 宝贝报表 1 → 2, its 宝贝总数量 only checked for fewer).
Now the same row again is counted once, a warning at it; a row that says otherwise (待发货 above, 已发货
below) is an error there and the order is neither imported nor changed, as which row is current cannot
be told. Real 抖店, 淘宝 and 拼多多 CSV bytes, a real `shopbook orders import`."""

from __future__ import annotations

import json

from platform_fixtures import douyin_row, pdd_row, write_douyin, write_pdd
from taobao_fixtures import (
    DETAIL_HEADERS,
    detail_row,
    export_bytes,
    order_row,
    write_pair,
)
from test_orders import build_shop, lines_of
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus

DY, SUB = "6930000000000000401", "6930000000000000411"


def _import(shop, *files) -> dict:
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), *map(str, files), "--json"])
    assert r.exit_code in (0, 1), r.output
    return json.loads(r.output)


def test_a_douyin_row_twice_in_one_file_is_counted_once(tmp_path):
    shop = build_shop(tmp_path)
    rows = [douyin_row(DY, SUB, "SH-WH-M", qty=2), douyin_row("6930000000000000402", "6930000000000000421", "SH-BK-M")]
    path = write_douyin(tmp_path / "y", rows + rows[:1], stamp=1795262400)
    out = _import(shop, path)
    assert sorted((ln.order_no, ln.sku, ln.qty) for ln in lines_of(shop)) == [
        (DY, "SH-WH-M", 2), ("6930000000000000402", "SH-BK-M", 1)]
    said, = [i for i in out["issues"] if i["value"] == SUB]
    assert (said["severity"], said["book"], said["row"]) == ("warning", path.name, 4) and "第 2 行" in said["message_zh"]


def test_a_douyin_sub_order_said_two_ways_in_one_file_leaves_its_order_alone(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, [write_douyin(tmp_path / "a", [douyin_row(DY, SUB, "SH-WH-M", qty=2)], stamp=1795176000)])
    pasted = [douyin_row(DY, SUB, "SH-WH-M", qty=2),  # the morning's rows, the evening's pasted below
              douyin_row(DY, SUB, "SH-WH-M", qty=2, status="已发货", tracking="ZT7300000000009", courier="中通快递",
                         shipped="2026/11/22 16:00:00")]
    path = write_douyin(tmp_path / "b", pasted, stamp=1795262400)
    out = _import(shop, path)
    line, = lines_of(shop)
    assert (line.status, line.qty, line.tracking_no) == (OrderStatus.NEW, 2, None)  # not shipped on a guess
    assert out["changes"] == [] and out["movements"] == 0
    said = [i for i in out["issues"] if i["severity"] == "error"]
    assert any(i["value"] == SUB and i["row"] == 3 and "写得不同" in i["message_zh"] for i in said), said


def test_a_taobao_item_line_twice_in_one_file_is_counted_once(tmp_path):
    shop = build_shop(tmp_path)
    no = "3515131473299101"
    item = {**detail_row(no, "白衬衫", "99.00", "1", "SH-WH-M"), "子订单编号": f'="{no}1"'}
    orders_csv, items_csv = write_pair(
        tmp_path / "t", [order_row(no, "tb_amy", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                                   "2026-11-21 09:15:02", goods="99.00")], [])
    # the newer item list, keyed by 子订单编号 too (GB18030, ="…", a comma after every row)
    items_csv.write_bytes(export_bytes(DETAIL_HEADERS + ["子订单编号"], [item, item], trailing_comma=True))
    out = _import(shop, orders_csv, items_csv)
    line, = lines_of(shop)
    assert (line.sku, line.qty) == ("SH-WH-M", 1)
    assert any(i["value"] == f"{no}1" and i["book"] == items_csv.name and i["row"] == 3 for i in out["issues"])


def test_a_pinduoduo_row_twice_in_one_file_is_counted_once(tmp_path):
    shop = build_shop(tmp_path)
    no = "261121-000000000000401"
    row = pdd_row(no, "待发货", "SH-WH-M", qty=2, total="198.00")
    path = write_pdd(tmp_path / "p", [row, row])
    _import(shop, path)
    assert [(ln.order_no, ln.sku, ln.qty) for ln in lines_of(shop)] == [(no, "SH-WH-M", 2)]


def test_a_taobao_order_listed_twice_in_one_file_with_two_statuses_is_left_alone(tmp_path):
    """The morning's order list and the evening's pasted into one: an order 待发货 above and 交易关闭 below
    came in (or stayed) as the row above said it, its cancellation lost."""
    shop = build_shop(tmp_path)
    no = "3515131473299102"

    def listed(status: str) -> dict:
        return order_row(no, "tb_amy", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                         "2026-11-21 09:15:02", goods="99.00", status=status)

    item = detail_row(no, "白衬衫", "99.00", "1", "SH-WH-M")
    import_orders(shop, list(write_pair(tmp_path / "a", [listed("买家已付款，等待卖家发货")], [item])))
    out = _import(shop, *write_pair(tmp_path / "b", [listed("买家已付款，等待卖家发货"), listed("交易关闭")], [item],
                                    stamp="20261122"))
    line, = lines_of(shop)
    assert line.status is OrderStatus.NEW and out["changes"] == []
    assert any(i["severity"] == "error" and i["value"] == no and i["row"] == 3 for i in out["issues"]), out["issues"]


def test_a_pinduoduo_order_in_two_statuses_in_one_file_is_left_alone(tmp_path):
    """拼多多's morning and evening exports pasted into one: the order 待发货 above and 已取消 below came in
    waiting, with twice its goods (the row below taken for another item of it)."""
    shop = build_shop(tmp_path)
    no = "261121-000000000000501"
    path = write_pdd(tmp_path / "p", [pdd_row(no, "待发货", "SH-WH-M", qty=2, total="198.00"),
                                      pdd_row("261121-000000000000502", "待发货", "SH-BK-M"),
                                      pdd_row(no, "已取消", "SH-WH-M", qty=2, total="198.00")])
    out = _import(shop, path)
    assert [(ln.order_no, ln.qty) for ln in lines_of(shop)] == [("261121-000000000000502", 1)]
    assert any(i["severity"] == "error" and i["value"] == no and i["row"] == 4 for i in out["issues"]), out["issues"]
