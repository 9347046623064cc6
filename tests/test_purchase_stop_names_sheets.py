"""QA: `purchase suggest` (and `purchase suppliers`, receiving) stopped on a 交货周期 typed "14天" on the
供应商 sheet and two 采购 rows with "20件" / "约58" saying "采购：3 个数据错误 … 第一个：stock.xlsx › 供应商 ›
E3": a person looking in 采购 for three errors finds two. Now the stop names the sheets the errors are on:
"供应商、采购：3 个数据错误"."""

from __future__ import annotations

import openpyxl
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import STOCK

from test_purchasing import shop  # noqa: F401 - the fixture


def test_the_stop_names_the_sheets_its_errors_are_on(shop):  # noqa: F811
    wb = openpyxl.load_workbook(shop.path(STOCK))
    wb["供应商"]["E3"] = "14天"  # 乙厂's 交货周期
    ws = wb["采购"]
    ws.cell(2, 4).value, ws.cell(3, 5).value = "20件", "约58"
    wb.save(shop.path(STOCK))
    for cmd in (["purchase", "suggest"], ["purchase", "suppliers"]):
        r = CliRunner().invoke(app, [*cmd, str(shop.folder)])
        said = "".join(r.output.split())
        assert "供应商、采购：3个数据错误" in said and "第一个：stock.xlsx›供应商›E3" in said, r.output
