"""Two typed order sheets with nothing in their names or inside to tell which is newer, imported on a server in
UTC (no [shop] timezone): the import said it applied them "by each file's modified time", giving those times by
the server's clock, 8 hours before the shop's time every other time of the import (the platforms', the backups')
is in. They are said in the shop's time."""

from __future__ import annotations

import datetime as dt
import os

from cli_run import flat, shopbook
from test_order_sheets_oldest_first import sheet
from test_orders import build_shop

CHINA = dt.timezone(dt.timedelta(hours=8))


def test_modified_times_are_said_in_the_shops_time(tmp_path, monkeypatch):
    shop = build_shop(tmp_path)
    addr = "浙江省杭州市西湖区文三路1号"
    row = ["M-7", "2026-11-21 10:00", "张三", "13800000001", addr, "SH-BK-M", 1, 99]
    older = sheet(tmp_path / "订单A.xlsx", [row])
    newer = sheet(tmp_path / "订单B.xlsx", [row[:6] + [2, 99]])
    for p, hour in ((older, 9), (newer, 18)):  # saved at 09:00 and 18:00 in China
        t = dt.datetime(2026, 11, 21, hour, 0, tzinfo=CHINA).timestamp()
        os.utime(p, (t, t))
    monkeypatch.setenv("TZ", "UTC")
    r = shopbook("orders", "import", shop.folder, newer, older)
    assert r.returncode == 0, r.stdout + r.stderr
    out = flat(r.stdout)
    assert flat("按文件的修改时间从旧到新导入") in out, r.stdout
    assert flat(f"{older.name}（2026-11-21 09:00） → {newer.name}（2026-11-21 18:00）") in out, r.stdout
