"""缺货登记 kept as the seeds keep it: 建一个文档登记：ID、需要通知的款号、码数. A sheet headed 码数 (not 尺码) had
its sizes read as blank, each row said to have "no style + size", nobody called and nothing naming the header;
one headed 旺旺ID (not 客户) was "missing the column 客户". Both headers are now named as the column they
are, to rename: at its cell, first, where `stock waitlist` lists the customers."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from test_stock_checks import item, new_shop

from shopbook.issues import ShopbookError
from shopbook.schema import STOCK
from shopbook.stock import workflow as W


def _headed(s, renames: dict[str, str]) -> None:
    wb = openpyxl.load_workbook(s.path(STOCK))
    ws = wb["缺货登记"]
    for c in ws[1]:
        c.value = renames.get(c.value, c.value)
    heads = [c.value for c in ws[1]]
    row = {"登记日期": dt.datetime(2026, 12, 1), "客户": "小芳", "旺旺ID": "小芳", "款号": "M1", "码数": "M"}
    ws.append([row.get(h) for h in heads])
    wb.save(s.path(STOCK))


def test_the_seeds_waitlist_headers_are_named_at_their_cells(tmp_path):
    s = new_shop(tmp_path, [item("M1-M", 5, style="M1", size="M")])
    _headed(s, {"尺码": "码数"})
    got = W.waitlist(s, dt.date(2026, 12, 1))
    first = got.warnings[0]
    assert (first.sheet, first.cell, first.column) == ("缺货登记", "G1", "码数") and "改为“尺码”" in first.message_zh
    _headed(s, {"客户": "旺旺ID"})
    with pytest.raises(ShopbookError) as e:
        W.waitlist(s, dt.date(2026, 12, 1))
    assert "表头“旺旺ID”是不是这一列？是的话请把它改为“客户”" in e.value.zh
