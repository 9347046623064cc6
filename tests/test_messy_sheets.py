"""Workbooks as shop staff make them (qa-messy): what a person added to a sheet is neither read
as data nor lost.

Every workbook is a real .xlsx, written with openpyxl and read back by the CLI's own calls.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.shop import init_shop


@pytest.fixture
def shop(tmp_path) -> Path:
    folder = tmp_path / "shop"
    init_shop(folder)
    return folder


def _fill(path: Path, sheet: str, rows: list[list]) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    for i, r in enumerate(rows, start=2):  # (below the header: the template's sheet may hold a blank row 2)
        for j, v in enumerate(r, start=1):
            ws.cell(i, j, v)
    wb.save(path)


# --- a totals row on a sheet whose required columns are text and numbers ----------------

def test_a_totals_row_under_the_supplies_is_no_supply(shop):
    """耗材 needs only 名称 and 库存: 合计 | 2450 fills both. It was read as a supply named 合计,
    2450 on hand, listed by `stock supplies` among the boxes and tapes."""
    _fill(shop / "stock.xlsx", "耗材", [["纸箱", 600, 25, 7], ["胶带", 40, 4, 7], ["合计", 640, 29, 14],
                                        [], ["备注：每周一盘点耗材"]])
    r = CliRunner().invoke(app, ["stock", "supplies", str(shop), "--json"])
    assert r.exit_code == 0, r.output
    assert "合计" not in r.stdout and "纸箱" in r.stdout
    r = CliRunner().invoke(app, ["validate", str(shop), "--json"])
    said = [(i["sheet"], i["cell"], i["severity"]) for i in json.loads(r.stdout)]
    assert said == [("耗材", "A4", "note"), ("耗材", "A6", "note")], said


def test_a_totals_row_under_the_targets_and_suppliers_is_skipped_not_an_error(shop):
    """目标 (指标, 目标值) and 供应商 (供应商) alike: 合计 under them was a metric 合计 that validate
    called an error (不认识的指标“合计”), and a supplier named 合计."""
    _fill(shop / "kpi.xlsx", "目标", [["支付订单数", 30], ["转化率", "2%"], ["合计", 30.02]])
    _fill(shop / "stock.xlsx", "供应商", [["杭州四季青服饰", "陈姐", "13905710001", None, 10, 10, 5],
                                          ["义乌配饰批发", "小吴", "13857990004", None, 7, None, 12],
                                          ["合计", None, None, None, 17, 10, 17]])
    r = CliRunner().invoke(app, ["validate", str(shop), "--json"])
    said = [(i["book"], i["sheet"], i["cell"], i["severity"]) for i in json.loads(r.stdout)]
    assert said == [("stock.xlsx", "供应商", "A4", "note"), ("kpi.xlsx", "目标", "A4", "note")], said
    assert r.exit_code == 0


def test_a_supply_or_supplier_whose_name_only_mentions_a_total_is_read(shop):
    """Only a totals label is one: 合计用胶带 or 汇总批发部 are names."""
    _fill(shop / "stock.xlsx", "耗材", [["合计用胶带", 40, 4, 7], ["纸箱", 600, 25, 7]])
    _fill(shop / "stock.xlsx", "供应商", [["汇总批发部", "陈姐", "13905710001", None, 10, 10, 5]])
    r = CliRunner().invoke(app, ["validate", str(shop), "--json"])
    assert json.loads(r.stdout) == []
    r = CliRunner().invoke(app, ["stock", "supplies", str(shop), "--json"])
    assert "合计用胶带" in r.stdout
