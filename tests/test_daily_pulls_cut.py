"""双12: parcels picked, then cancelled on the platform, were named one line each in the daily report's
问题 (the e-mail and the 摘要 sheet: hundreds of lines), and `shopbook daily` run again on files unchanged
printed every one of them. Now both are cut as the other lists: the first few, then how many more and where."""

from __future__ import annotations

import datetime as dt
import os

from taobao_fixtures import write_pair
from test_order_life import tb_detail, tb_order
from test_orders import build_shop
from test_pick_stock import _orders_typed

from shopbook.report.workflow import DailyRun, run_daily
from shopbook.schema import OrderLine, OrderStatus, Platform

NOS = [f"36000000000003{k:02d}" for k in range(12)]


def test_the_daily_reports_parcels_to_pull_are_cut_saying_how_many_more_and_where(tmp_path):
    shop = build_shop(tmp_path)
    _orders_typed(shop, [OrderLine(order_no=no, platform=Platform.TAOBAO, paid_at=dt.datetime(2026, 11, 21, 9),
                                   receiver="王芳", phone="13800000000", address="浙江省 杭州市 西湖区 文三路1号",
                                   sku="GIFT-1", qty=1, status=OrderStatus.APPROVED, batch="20261121-1") for no in NOS])
    inbox = shop.folder / "inbox"
    inbox.mkdir(exist_ok=True)
    for f in write_pair(tmp_path / "d2", [tb_order(n, "交易关闭", close="买家不想买了") for n in NOS],
                        [tb_detail(n, "GIFT-1", "交易关闭") for n in NOS], stamp="20261122"):
        os.utime(f, (f.stat().st_mtime - 60,) * 2)  # (an export downloaded a minute ago: not watched for growing)
        f.rename(inbox / f.name)
    run = run_daily(shop, dt.date(2026, 11, 22), send=False, steps_only=("inbox",))
    pulls = [p for p in run.summary.problems if "拿出来" in p]
    assert len(pulls) == 11 and run.pull == NOS, run.summary.problems  # 10, then the rest counted
    assert pulls[-1] == ("… 还有 2 个包裹要拿出来；全部在 orders.xlsx 的订单表：状态“已取消”或“已挂起”、拣货批次不为空的订单"
                         "（--json 也列出全部）"), pulls
    # run again on files unchanged (its results stand): what it still says to pull, cut as picklist's list
    said = DailyRun(dt.date(2026, 11, 22), [], standing="2026-11-22 08:15", pull=[f"T{k}" for k in range(40)]).said()
    assert sum("pull this parcel" in en for _, _, en in said) == 30, said
    assert said[-1][2] == ("  … and 10 more parcels to pull; all of them on the Orders sheet of orders.xlsx: cancelled "
                           "or held, their batch cell filled (--json lists them too)"), said
