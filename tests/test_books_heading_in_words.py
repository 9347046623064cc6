"""A heading typed alone in its row over a block of the 盘点 (（以下为仓库二）, 以下是11月下半月: what the rows below
are, in words) was read as a row of data: 不是日期：“（以下为仓库二）”, “商家编码”必填, “实盘数量”没有填 …, three issues
for a line no one meant as a count. It is now a heading, as 【仓库二】 is: skipped, said as one of the rows skipped;
the rows under it read."""

from __future__ import annotations

import datetime as dt

import openpyxl
from demo_shop import november_copy as demo_copy

from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK, StocktakeCount
from shopbook.validate import validate_path


def test_a_heading_in_words_over_a_block_of_counts_is_skipped(tmp_path):
    folder = demo_copy(tmp_path / "shop")
    path = folder / "stock.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["盘点"]
    before = ws.max_row - 1
    sku = ws["B2"].value
    ws.append(["（以下为仓库二）"])
    ws.append([dt.date(2026, 11, 28), sku, 7, "小王"])
    ws.append(["以下是11月下半月"])
    wb.save(path)
    res = validate_path(path)
    assert [(x.cell, x.message_zh) for x in res.issues if x.sheet == "盘点"] == []
    notes = [x.cell for x in res.notes if x.sheet == "盘点"]
    assert f"A{before + 2}" in notes and f"A{before + 4}" in notes
    counts = read_workbook(path, STOCK).rows(StocktakeCount)
    assert len(counts) == before + 1 and (counts[-1].sku, counts[-1].counted) == (sku, 7)
