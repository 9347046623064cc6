"""`shopbook validate` on workbooks as staff really keep them (qa-validate2): every .xlsx is written
with openpyxl and checked by the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.shop import init_shop

ENTRY = ["日期", "收支", "类别", "金额", "账户", "订单编号", "流水号", "对方", "备注"]


@pytest.fixture
def shop(tmp_path) -> Path:
    folder = tmp_path / "shop"
    init_shop(folder)
    return folder


def _sheet(path: Path, name: str, rows: list[list], index: int = 0) -> None:
    """The sheet `name` holding `rows` from A1 (one of that name replaced), at `index`."""
    wb = openpyxl.load_workbook(path)
    if name in wb.sheetnames:
        index = wb.sheetnames.index(name)
        del wb[name]
    ws = wb.create_sheet(name, index)
    for r in rows:
        ws.append(r)
    wb.save(path)


def _ledger(shop: Path) -> Path:
    book = shop / "ledger.xlsx"
    _sheet(book, "账户", [["账户", "期初日期", "期初余额"], ["支付宝", "2026-11-01", 1000]], 1)
    _sheet(book, "类别", [["类别", "收支", "分组"], ["销售收入", "收入", "销售"], ["快递费", "支出", "快递运费"]], 3)
    return book


def _said(shop: Path, target: Path | None = None) -> list[tuple]:
    r = CliRunner().invoke(app, ["validate", str(target or shop), "--json"])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.output
    return [(i["sheet"], i["cell"], i["severity"], i["value"]) for i in json.loads(r.stdout)]


@pytest.mark.parametrize("other", ["Entries", "流水 ", "流  水"])
def test_a_second_sheet_bearing_the_entries_name_is_said_and_the_exact_one_read(shop, other):
    """流水 beside a sheet that is also its name (Entries, the English one pasted in; 流水 with a
    space): the first of them was read and the other's rows went unread, unsaid: with Entries before
    流水, the shop's own 流水 was never checked (its 'abc' amount never said). Now 流水 is read, and the
    other is a warning saying its rows are not."""
    book = _ledger(shop)
    _sheet(book, "流水", [ENTRY, ["2026-11-03", "收入", "销售收入", 100, "支付宝"],
                         ["2026-11-04", "收入", "销售收入", "abc", "支付宝"]], 0)
    _sheet(book, other, [ENTRY, ["2026-11-05", "收入", "销售收入", "xyz", "支付宝"]], 0)
    said = _said(shop)
    assert ("流水", "D3", "error", "abc") in said, said
    assert (other, "", "warning", "") in said, said
    assert not any(s[3] == "xyz" for s in said), said
