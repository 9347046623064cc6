"""A waybill tool's print log saying a waybill was given back or voided (已回收 / 作废) whose number an order
already 已发货 holds: no parcel went out on that number, so the courier's bill and the tracking follow-up
cannot find it. It used to be only listed among the lines not imported ("面单 … 已回收，不是发出的包裹"), the
order keeping the dead number; with the label printed again (…882 使用中) the order held both as two parcels."""

from __future__ import annotations

import openpyxl
import pytest

from cli_run import flat, shopbook
from taobao_fixtures import write_pair
from test_order_life import moves_of, tb_detail, tb_order
from test_orders import build_shop, lines_of, scan_text

NO = "3700000000000000301"
HEAD = ["打印批次号", "订单编号", "快递公司", "运单号", "面单状态", "打印时间", "打印类型", "商品信息"]


@pytest.fixture
def shipped(tmp_path):
    """An order reviewed and shipped by the scan check on waybill …881."""
    shop = build_shop(tmp_path)
    assert shopbook("orders", "import", shop.folder, *write_pair(tmp_path / "d", [tb_order(NO)],
                                                                 [tb_detail(NO, "SH-BK-M")])).returncode == 0
    assert shopbook("orders", "review", shop.folder).returncode == 0
    scans = tmp_path / "scans.txt"
    scans.write_text(scan_text(((NO, "中通", "73100000000881"), ("0690000000031",))), encoding="utf-8")
    assert shopbook("ship", shop.folder, scans).returncode == 0
    return shop


def print_log(tmp_path, *rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEAD)
    for r in rows:
        ws.append(["P1", NO, "中通快递", *r, "2026-11-22 16:00:00", "平台订单", "白衬衫*1"])
    wb.save(tmp_path / "打印日志.xlsx")
    return tmp_path / "打印日志.xlsx"


def test_the_label_printed_again_replaces_the_voided_number(shipped, tmp_path):
    r = shopbook("orders", "import", shipped.folder,
                 print_log(tmp_path, ("73100000000881", "已回收"), ("73100000000882", "使用中")))
    assert r.returncode == 0, r.stdout + r.stderr
    ln, = lines_of(shipped)
    assert (ln.status.value, ln.tracking_no) == ("已发货", "73100000000882")  # was 73100000000881/73100000000882
    assert flat("面单 73100000000881 已回收，没有包裹：快递单号由 73100000000881 改为 73100000000882") in flat(r.stdout)
    assert len(moves_of(shipped)) == 1  # its stock went out once


def test_the_only_number_voided_says_what_to_do(shipped, tmp_path):
    r = shopbook("orders", "import", shipped.folder, print_log(tmp_path, ("73100000000881", "作废")))
    assert r.returncode == 0, r.stdout + r.stderr
    out = flat(r.stdout)
    assert flat("打印日志.xlsx › Sheet › 第 2 行 面单状态 = '作废'") in out
    assert flat(f"订单 {NO} 已发货，快递单号是 73100000000881，但这个面单在 打印日志.xlsx 里是“作废”：这个单号没有包裹发出") in out
    assert flat("请查这个包裹实际贴的面单，把订单表的快递单号改成那个单号") in out
    assert "不是发出的包裹" not in r.stdout  # not merely listed as a line not imported
    ln, = lines_of(shipped)
    assert ln.tracking_no == "73100000000881"  # the person's to put right
