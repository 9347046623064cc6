"""The after-sales desk listed the 问题件 it opened for held orders whole on one ✓ line ('✓ 登记：SH…、SH…', hundreds
on 双12), where `ship` and `orders import` say the cases they open with ! (customer service takes them), the first
of them, then how many more and where. Now the desk says them the same way."""

from __future__ import annotations

import openpyxl
from blank_books import append_by_header
from test_orders import build_shop
from typer.testing import CliRunner

from shopbook import cli
from shopbook.schema import ORDERS


def test_the_cases_the_desk_opens_are_said_as_ship_says_them_and_cut(tmp_path, monkeypatch, wide_console):
    shop = build_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    append_by_header(wb["订单"], [{"订单编号": no, "付款时间": "2026-12-01 10:00:00", "收货人": "王芳", "手机": "13812345678",
                                  "收货地址": "浙江省 杭州市 西湖区 文三路100号", "商家编码": "SH-WH-M", "数量": 1,
                                  "单价": 99, "状态": "已挂起", "审单结果": "挂起：买家留言：要大一码"}
                                 for no in ("3515131400000031", "3515131400000032")])
    wb.save(shop.path(ORDERS))
    monkeypatch.setattr(cli, "SCREEN_LINES", 1)
    said = CliRunner().invoke(cli.app, ["aftersales", str(shop.folder), "--date", "2026-12-05"]).output.splitlines()
    opened = [ln for ln in said if "开了" in ln]
    assert len(opened) == 1 and opened[0].startswith("! 开了 2 个售后问题件（orders.xlsx 的“售后”表）："), said
    assert opened[0].endswith(" 等，还有 1 个在“售后”表"), said
    assert not any(ln.startswith("✓") for ln in said), said
