"""Several exports of one platform in one import are applied oldest first, whatever order staff
dragged them in: by the export time the platform writes into the download's name, else the latest
time in the file, else the file's modified time. An older 待发货 export given after a newer 交易关闭
one used to bring the closed order back (it stayed 待审核, and was picked and shipped)."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from cli_run import flat, shopbook
from platform_fixtures import douyin_row, douyin_bytes, pdd_row, write_pdd
from shopbook.schema import OrderStatus
from taobao_fixtures import detail_row, order_row, write_pair
from test_order_life import status_of
from test_orders import build_shop

PDD_NO = "261121-482910375612345"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def test_the_platforms_download_names_carry_their_export_time():
    from shopbook.orders.platform_export import name_time

    assert name_time("1763780400_订单导出.csv") == dt.datetime(2025, 11, 22, 11, 0)  # 抖店: epoch seconds, in Beijing time
    assert name_time("ExportOrderList202611221530.csv") == dt.datetime(2026, 11, 22, 15, 30)  # 淘宝
    assert name_time("ExportOrderDetailList202611221530 (1).csv") == dt.datetime(2026, 11, 22, 15, 30)
    assert name_time("7a23336f32a1f51a9d8bf27125e3b781orders_export2026-11-22-15-30-12.csv") == \
        dt.datetime(2026, 11, 22, 15, 30, 12)  # 拼多多: a hash, then the time
    assert name_time("订单.csv") is None


def test_a_newer_closed_export_given_before_an_older_one_closes_the_order(shop, tmp_path):
    morning = write_pdd(tmp_path / "a", [pdd_row(PDD_NO, "待发货", "SH-WH-M")],
                        name="0f3a8c1d2e4b5a6978c0d1e2f3a4b5c6orders_export2026-11-21-09-00-00.csv")
    assert shopbook("orders", "import", shop.folder, morning).returncode == 0
    evening = write_pdd(tmp_path / "b", [pdd_row(PDD_NO, "已取消", "SH-WH-M")],
                        name="9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4borders_export2026-11-21-20-00-00.csv")
    # the morning's file again, dragged in after the evening's
    r = shopbook("orders", "import", shop.folder, evening, morning)
    assert r.returncode == 0, r.stdout + r.stderr
    assert status_of(shop)[PDD_NO] is OrderStatus.CANCELLED
    out = flat(r.stdout)
    assert flat(f"按文件名中的导出时间从旧到新导入，不是给出的顺序：{morning.name}（2026-11-21 09:00） → "
                f"{evening.name}（2026-11-21 20:00）；同一订单以较新的 {evening.name} 为准") in out


def test_taobao_pairs_in_any_order(shop, tmp_path):
    no = "3515131473293579"
    row = dict(buyer="tb_amy", receiver="王芳", mobile="13812345678", address="浙江省 杭州市 西湖区 文三路100号(310000)",
               paid="2026-11-21 09:15:02", goods="99.00")
    old = write_pair(tmp_path / "old", [order_row(no, **row)], [detail_row(no, "白衬衫", "99.00", "1", "SH-WH-M")],
                     stamp="202611210930")
    new = write_pair(tmp_path / "new", [order_row(no, **row, status="交易关闭")],
                     [detail_row(no, "白衬衫", "99.00", "1", "SH-WH-M", status="交易关闭")], stamp="202611211800")
    r = shopbook("orders", "import", shop.folder, *new, *old)
    assert r.returncode == 0, r.stdout + r.stderr
    assert no not in status_of(shop)  # closed before it came in: never a 待审核 row to pick
    assert flat(f"{old[0].name}（2026-11-21 09:30） → {new[0].name}（2026-11-21 18:00）") in flat(r.stdout)


def test_without_a_time_in_the_name_the_latest_time_inside_decides(shop, tmp_path):
    """Files a person renamed: the one that says the order shipped at 15:00 is the newer, though it
    was copied onto the share first (its modified time the older)."""
    no, sub = "6930000000000000981", "6930000000000000991"
    (tmp_path / "d").mkdir()
    shipped, waiting = tmp_path / "d" / "抖店订单（晚）.csv", tmp_path / "d" / "抖店订单.csv"
    shipped.write_bytes(douyin_bytes([douyin_row(no, sub, "SH-WH-M", status="已发货", tracking="YT1000000001",
                                                 courier="圆通快递", shipped="2026/11/22 15:00:00")]))
    waiting.write_bytes(douyin_bytes([douyin_row(no, sub, "SH-WH-M")]))
    assert shopbook("orders", "import", shop.folder, waiting).returncode == 0
    os.utime(shipped, (1763694000, 1763694000))
    os.utime(waiting, (1763780400, 1763780400))
    r = shopbook("orders", "import", shop.folder, shipped, waiting, "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    assert status_of(shop)[no] is OrderStatus.SHIPPED
    assert '"by": "inside"' in r.stdout


def test_in_the_order_given_nothing_is_said(shop, tmp_path):
    old = write_pdd(tmp_path / "a", [pdd_row(PDD_NO, "待发货", "SH-WH-M")], name="orders_export2026-11-21-09-00-00.csv")
    new = write_pdd(tmp_path / "b", [pdd_row(PDD_NO, "已取消", "SH-WH-M")], name="orders_export2026-11-21-20-00-00.csv")
    r = shopbook("orders", "import", shop.folder, old, new)
    assert r.returncode == 0 and "不是给出的顺序" not in r.stdout
