"""Agents: an agent's name typed short (张代理 for 张代理（杭州）) where its 代理编号 goes."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from test_agents import shop  # noqa: F401 — the fixture

from shopbook.agents.workflow import settle_month
from shopbook.issues import ShopbookError
from shopbook.schema import AGENTS, ORDERS
from shopbook.validate import validate_path


def _typed(sheet_path, sheet, values):
    wb = openpyxl.load_workbook(sheet_path)
    ws = wb[sheet]
    head = [c.value for c in ws[1]]
    ws.append([values.get(h) for h in head])
    wb.save(sheet_path)
    return ws.max_row


def test_a_short_name_typed_for_the_agent_id_names_the_agent(shop):  # noqa: F811
    """DL001 is 张代理（杭州） on 代理商; its order and its payment were typed 张代理: `validate` and `settle`
    said 代理编号“张代理”不存在 — add it to 代理商 — which makes a second agent of DL001's goods and money.
    Now each names DL001 (its full name); a short name two agents share (张代理（宁波）) still names neither."""
    wb = openpyxl.load_workbook(shop.path(AGENTS))
    wb["代理商"]["B2"] = "张代理（杭州）"
    wb.save(shop.path(AGENTS))
    row = _typed(shop.path(ORDERS), "订单", {
        "订单编号": "DL001-Z1", "来源": "代理", "代理编号": "张代理", "收货人": "王五", "手机": "13911112222",
        "收货地址": "浙江省 杭州市 西湖区 文一路8号", "商家编码": "P1", "数量": 1, "单价": 55, "状态": "已发货",
        "发货日期": dt.datetime(2026, 11, 20)})
    prow = _typed(shop.path(AGENTS), "收款", {"日期": dt.datetime(2026, 11, 21), "代理编号": "张代理 ", "金额": 100})
    said = {(i.sheet, i.row): i for i in validate_path(shop.folder).issues if i.column == "代理编号"}
    for key in (("订单", row), ("收款", prow)):
        assert said[key].severity == "error" and "DL001" in said[key].message_zh and "张代理（杭州）" in said[key].message_zh
        assert "不存在" not in said[key].message_zh and "type DL001 instead" in said[key].message_en
    with pytest.raises(ShopbookError) as stop:
        settle_month(shop, "2026-11")
    assert "张代理（杭州）" in stop.value.zh and "不存在" not in stop.value.zh
    # two agents of that short name: which was meant is the person's to say
    wb = openpyxl.load_workbook(shop.path(AGENTS))
    wb["代理商"]["B3"] = "张代理（宁波）"
    wb.save(shop.path(AGENTS))
    said = {(i.sheet, i.row): i for i in validate_path(shop.folder).issues if i.column == "代理编号"}
    assert "不存在" in said[("订单", row)].message_zh and "DL001" not in said[("订单", row)].message_zh
