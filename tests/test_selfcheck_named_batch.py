"""The morning's orders picked in a batch a person named (`orders morning --batch 早班`, `picklist --batch
example`) were in that day's self-check, urgent, as "picked over a day ago, not shipped yet": only a batch
whose name holds its day (20261122-1) was known to be young. Now a named batch is as old as its pick list
file in reports/, and late only a day after that."""

from __future__ import annotations

import datetime as dt
import os

from shopbook.orders.workflow import morning
from shopbook.report.selfcheck import read_selfcheck
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import build_shop

LATE = "拣货批次 早班 拣货超过一天还没发货"


def test_a_named_batch_picked_today_is_not_late(tmp_path):
    shop, no, today = build_shop(tmp_path), "3515131473299001", dt.date.today()
    files = write_pair(tmp_path / "x", [order_row(no, "tb_a", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号",
                                                  f"{today} 09:00:00", goods="99.00")],
                       [detail_row(no, "黑衬衫", "99.00", "1", "SH-BK-M")])
    morning(shop, list(files), today=today, batch="早班")
    assert (shop.reports / "拣货单-早班.xlsx").exists() and LATE not in [i.what for i in read_selfcheck(shop, today)]
    old = (dt.datetime.now() - dt.timedelta(days=3)).timestamp()
    os.utime(shop.reports / "拣货单-早班.xlsx", (old, old))  # picked three days ago, still not shipped
    assert LATE in [i.what for i in read_selfcheck(shop, today)]
