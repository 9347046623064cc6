"""A column headed with another common word for it (条形码 for 条码, 进价 for 成本价) is named as that
column, located at its header, not silently read as blank (every scan in `ship` failing)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.shop import init_shop
from shopbook.validate import validate_path


def _shop(tmp_path: Path, lang: str = "zh") -> Path:
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws = wb.worksheets[0]
    for col, v in enumerate(["P1", "T1", "衬衫", "黑色", "M", "6901234567892", "A-1", 30, 99, 2, 10], 1):
        ws.cell(2, col, v)
    wb.save(folder / "stock.xlsx")
    return folder


def _header(folder: Path, cell: str, text: str) -> None:
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    wb.worksheets[0][cell] = text
    wb.save(folder / "stock.xlsx")


@pytest.mark.parametrize("text", ["条形码", "条形码(EAN)", "商品条形码"])
def test_a_barcode_column_headed_otherwise_is_a_located_error(tmp_path, text):
    shop = _shop(tmp_path)
    assert validate_path(shop).issues == []
    _header(shop, "F1", text)
    assert [(i.severity, i.book, i.sheet, i.cell, i.message_zh) for i in validate_path(shop).issues] == [
        ("error", "stock.xlsx", "商品", "F1",
         (f"表头“{text}”像是“条码”列，但写法不同：shopbook 没有把它当作“条码”读，这一列按空白处理。是的话请把表头改为“条码”；"
          "如果是你自己加的列，请给它换一个不像“条码”的名字。"))]


def test_a_required_column_headed_otherwise_names_that_header(tmp_path):
    shop = _shop(tmp_path)
    _header(shop, "H1", "进价")  # 成本价 as many suppliers' sheets say it
    assert [(i.severity, i.cell, i.message_zh) for i in validate_path(shop).issues] == [
        ("error", "H1", "缺少必填列“成本价”：表头“进价”是不是这一列？是的话请把它改为“成本价”，否则在表头行加上这一列。"
                        "改好之前，这张表的行都没有读取，与其他行、其他表的核对（编码或账户是否存在、是否重复等）都没有做；"
                        "改好后请再运行一次。")]


def test_an_english_sheet_is_told_in_english(tmp_path):
    shop = _shop(tmp_path, "en")
    _header(shop, "F1", "EAN")
    (issue,) = validate_path(shop).issues
    assert (issue.sheet, issue.cell) == ("Products", "F1")
    assert issue.message_en.startswith("The header 'EAN' looks like the column 'barcode' written otherwise")


def test_ship_stops_on_the_header_rather_than_failing_every_scan(tmp_path):
    shop = _shop(tmp_path)
    _header(shop, "F1", "条形码")
    scans = tmp_path / "scans.txt"
    scans.write_text("6901234567892\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["ship", str(shop), str(scans)])
    assert r.exit_code == 2
    assert "stock.xlsx›商品›F1表头“条形码”像是“条码”列" in "".join(r.output.split())  # (wrapped at any width)
