"""A waybill tool's shipped file (order no., courier, tracking no.) marks orders shipped; a
platform's order export with a column lost is not one. A Taobao 订单报表 without its 收货地址 was
taken for a shipped file: a closed order that still had a 物流单号 went out as 已发货 with its
stock, and the file's new paid orders were dropped, under a ✓. Now it is refused with what it
lacks, nothing changes, and the waybill tools' own files still ship."""

from __future__ import annotations

import csv
import hashlib
import io

import pytest

from platform_fixtures import PDD_CURRENT, kuaidizhushou_shipped, pdd_bytes, pdd_row, qianniu_shipped
from shopbook.issues import ShopbookError
from shopbook.orders.platforms import classify
from shopbook.orders.platform_export import read_order_files
from shopbook.orders.workflow import import_orders, review
from shopbook.schema import OrderStatus
from taobao_fixtures import ORDER_HEADERS, detail_row, export_bytes, order_row, write_pair
from test_orders import build_shop, lines_of

NO, NEW = "3515000000000000101", "3515000000000000999"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def _digests(shop) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (shop.folder / "orders.xlsx",
                                                                         shop.folder / "stock.xlsx")}


def _imported(shop, tmp_path):
    a, b = write_pair(tmp_path / "first", [order_row(NO, "tb", "王芳", "13812345678", "浙江省 杭州市 西湖区 a路1号(310000)",
                                                     "2026-11-21 09:00:00")],
                      [detail_row(NO, "白衬衫", "99.00", "1", "SH-WH-M")])
    import_orders(shop, [a, b])
    assert {ln.order_no: ln.status for ln in lines_of(shop)} == {NO: OrderStatus.NEW}


def _approved(shop, tmp_path):
    _imported(shop, tmp_path)
    review(shop)  # a waybill tool's file ships approved orders only, as the scan check does
    assert {ln.order_no: ln.status for ln in lines_of(shop)} == {NO: OrderStatus.APPROVED}


def _later_list(tmp_path, drop: str):
    """The later 订单报表: NO closed with a 物流单号 still on it, NEW paid; column `drop` lost."""
    heads = [h for h in ORDER_HEADERS if h.strip() != drop]
    closed = order_row(NO, "tb", "王芳", "13812345678", "浙江省 杭州市 西湖区 a路1号(310000)", "2026-11-21 09:00:00",
                       status="交易关闭")
    closed.update({"物流单号 ": '="73199999999999"', "物流公司": "中通", "订单关闭原因": "买家不想要了"})
    new = order_row(NEW, "tb2", "李雷", "13912345678", "浙江省 杭州市 西湖区 b路2号(310000)", "2026-11-25 09:00:00")
    p = tmp_path / "ExportOrderList20261127.csv"
    p.write_bytes(export_bytes(heads, [closed, new]))
    return p


@pytest.mark.parametrize("drop", ["收货地址", "订单状态"])
def test_an_order_list_with_a_column_lost_is_refused_and_changes_nothing(shop, tmp_path, drop):
    _imported(shop, tmp_path)
    before = _digests(shop)
    path = _later_list(tmp_path, drop)
    with pytest.raises(ShopbookError) as e:
        import_orders(shop, [path])
    assert f"像淘宝/天猫 订单报表，但缺少 {drop}" in e.value.zh
    assert e.value.zh.index("淘宝/天猫 订单报表") < e.value.zh.index("发货文件")  # the closest first
    assert "所以不当作发货文件" in e.value.zh and "so it is not taken as one" in e.value.en
    assert "缺少 ；" not in e.value.zh and "lacks ;" not in e.value.en
    assert _digests(shop) == before  # nothing shipped, no stock out
    assert {ln.order_no: ln.status for ln in lines_of(shop)} == {NO: OrderStatus.NEW}


def test_a_pdd_export_without_its_statuses_says_why_it_is_no_shipped_file(tmp_path):
    half = [h for h in PDD_CURRENT if h not in ("订单状态", "售后状态")]
    p = tmp_path / "pdd.csv"
    p.write_bytes(pdd_bytes(half, [pdd_row("231121-1", "待发货", "SH-WH-M", tracking="YT1", courier="圆通快递")]))
    with pytest.raises(ShopbookError) as e:
        read_order_files([p])
    assert "像拼多多 订单查询导出，但缺少 订单状态、售后状态" in e.value.zh
    assert "也有拼多多 订单查询导出的大部分列，所以不当作发货文件" in e.value.zh
    assert "缺少 ；" not in e.value.zh and "lacks ;" not in e.value.en


def test_the_waybill_tools_files_still_ship(shop, tmp_path):
    _approved(shop, tmp_path)
    for make in (qianniu_shipped, kuaidizhushou_shipped):
        f = make(tmp_path / make.__name__, [(NO, "中通", "73100099000001")])
        res = read_order_files([f])
        assert res.files[0]["kind"] == "tracking", res.files
    res = import_orders(shop, [qianniu_shipped(tmp_path / "q", [(NO, "中通", "73100099000001")])])
    line, = lines_of(shop)
    assert line.status is OrderStatus.SHIPPED and line.tracking_no == "73100099000001"
    assert res.movements  # its stock went out, once


def test_classify_keeps_a_shipped_sheet_and_refuses_an_export_with_marks():
    key = lambda *hs: [h.lower() for h in hs]  # headers as read: header_key'd
    assert classify(key("主订单编号", "物流公司", "物流单号", "发货时间")) == "tracking"  # the 发货报表 sheet
    assert classify(key("订单编号", "买家实际支付金额", "物流公司", "物流单号")) is None
    assert classify(key("订单号", "售后状态", "快递公司", "快递单号")) is None


def test_one_parcel_for_two_merged_orders_ships_both_once(shop, tmp_path):
    """快递助手 merges a buyer's orders into one parcel: "A,B" in the order number's cell."""
    other = "3515000000000000102"
    a, b = write_pair(tmp_path / "two", [
        order_row(NO, "tb", "王芳", "13812345678", "浙江省 杭州市 西湖区 a路1号(310000)", "2026-11-21 09:00:00"),
        order_row(other, "tb", "王芳", "13812345678", "浙江省 杭州市 西湖区 a路1号(310000)", "2026-11-21 09:30:00")],
        [detail_row(NO, "白衬衫", "99.00", "1", "SH-WH-M"), detail_row(other, "黑衬衫", "99.00", "1", "SH-BK-M")])
    import_orders(shop, [a, b])
    review(shop)
    for cell in (f"{NO},{other}", f"{NO}，{other}", f"{NO} / {other}"):
        shipped = tmp_path / f"快递助手-{len(cell)}.csv"  # its columns, the merged cell quoted as a CSV writer does
        buf = io.StringIO()
        csv.writer(buf).writerows([["快递单号", "收件人", "订单号", "打印时间", "快递名称"],
                                   ["73100099000009\t", "某某", f"{cell}\t", "2026-11-22 17:00:00", "中通"]])
        shipped.write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8"))
        res = import_orders(shop, [shipped])
        if cell == f"{NO},{other}":
            assert sorted(c.order_no for c in res.changes) == [NO, other]
            assert sorted((m.ref, m.sku) for m in res.movements) == [(NO, "SH-WH-M"), (other, "SH-BK-M")]
        else:  # the same parcel again, however the cell is written: nothing more
            assert res.changes == [] and res.movements == []
    assert {ln.order_no: (ln.status, ln.tracking_no) for ln in lines_of(shop)} == {
        NO: (OrderStatus.SHIPPED, "73100099000009"), other: (OrderStatus.SHIPPED, "73100099000009")}
