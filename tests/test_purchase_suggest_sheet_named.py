"""QA: a shop that renamed its 采购 sheet 采购单: `purchase suggest --write` wrote the draft POs into 采购单
(the sheet the reader reads for it) and said '草稿采购单 2 张已写入 stock.xlsx › 采购', a sheet the
workbook does not have. Now it names the sheet written, as the shop named it."""

from __future__ import annotations

import openpyxl
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import STOCK

from test_purchasing import shop  # noqa: F401 - the fixture


def test_the_drafts_sheet_is_said_by_the_name_it_has(shop):  # noqa: F811
    wb = openpyxl.load_workbook(shop.path(STOCK))
    wb["采购"].title = "采购单"
    wb.save(shop.path(STOCK))
    r = CliRunner().invoke(app, ["purchase", "suggest", str(shop.folder), "--write"])
    said = " ".join(r.output.split())
    assert "已写入 stock.xlsx › 采购单，" in said, r.output
    wb = openpyxl.load_workbook(shop.path(STOCK))
    assert "采购" not in wb.sheetnames and wb["采购单"].max_row > 1
