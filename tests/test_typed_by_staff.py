"""Workbooks as shop staff type them, read from real files by both readers (calamine's rows and
the Arrow read) and by the commands a person runs: what a person meant is read, and what cannot be
read is said at its cell with what to do, never dropped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import python_calamine

from shopbook.io.reader import read_workbook
from shopbook.issues import ShopbookError
from shopbook.orders.workflow import review
from shopbook.schema import KPI, ORDERS, STOCK, Movement, OrderLine
from shopbook.shop import open_shop
from shopbook.stock.workflow import stock_summary
from shopbook.validate import validate_path
from test_arrow_read import both  # noqa: F401 - the fixture: a workbook read both ways
from test_concurrency import small_shop
from xml_cells import drop_column


@pytest.fixture
def shop(tmp_path) -> Path:
    small_shop(tmp_path / "shop")
    return tmp_path / "shop"


def _movements(shop: Path, rows: list[list]) -> Path:
    path = shop / "stock.xlsx"
    wb = openpyxl.load_workbook(path)
    for r in rows:
        wb["出入库"].append(r)
    wb.save(path)
    return path


def test_a_day_typed_as_eight_digits_is_that_day(shop, both):
    """20261121 (as ERP exports and many people type a day, as text or as a number) was 'not a
    date', and the stock command stopped on it; a day without its year said the same, not that
    the year is missing."""
    path = _movements(shop, [["20261121", "P1", "入库", 5], [20261121, "P2", "入库", 6],
                             ["11月21日", "P3", "入库", 7], [20261131, "P4", "入库", 8]])
    rows, arrow, _ = both(path, STOCK)
    assert rows == arrow
    got = read_workbook(path, STOCK).sheets[Movement]
    assert [(m.date, m.sku) for m in got.records] == [(dt.date(2026, 11, 21), "P1"), (dt.date(2026, 11, 21), "P2")]
    v = validate_path(shop)
    said = [(i.cell, i.value, i.severity) for i in v.issues]
    assert said == [("A5", "11月21日", "error"), ("A6", "20261131", "error")]  # (as typed, not the reader's 20261131.0)
    assert "没有年份" in v.issues[0].message_zh and "has no year" in v.issues[0].message_en
    assert "只有 30 天" in v.issues[1].message_zh and "has 30 days" in v.issues[1].message_en
    wb = openpyxl.load_workbook(path)  # the two rows taken out: the stock command counts the eight-digit days
    wb["出入库"].delete_rows(5, 2)
    wb.save(path)
    rows = {r.sku: r for r in stock_summary(open_shop(shop), as_of=dt.date(2026, 11, 21))}
    before = {r.sku: r for r in stock_summary(open_shop(shop), as_of=dt.date(2026, 11, 20))}
    assert rows["P1"].on_hand - before["P1"].on_hand == 5 and rows["P2"].on_hand - before["P2"].on_hand == 6


def _orders(shop: Path, edit) -> Path:
    path = shop / "orders.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["订单"]
    edit(ws, {c.value: c.column for c in ws[1]})
    wb.save(path)
    return path


def test_an_order_no_merged_down_its_lines_is_said_once_as_a_merge(shop, both):
    """订单编号 and 收货人 merged down rows 2-4 (one order's lines, as people lay them out), 单价
    merged down rows 5-6: Excel shows the value in each cell, the file holds it in the first.
    Before: '订单编号 is required and cannot be blank' at A3, A4, G3, G4 with nothing saying why a
    cell the person sees filled is blank, and 单价 of row 6 silently blank. Now one error at the
    merge that holds a required column, a warning at the one that does not."""
    def edit(ws, col):
        for name, top, bottom in (("订单编号", 2, 4), ("收货人", 2, 4), ("单价", 5, 6)):
            c = col[name]
            for r in range(top + 1, bottom + 1):
                ws.cell(r, c).value = None
            ws.merge_cells(start_row=top, end_row=bottom, start_column=c, end_column=c)
        ws.merge_cells("A1:B1")  # the header row merged: no data, nothing said about it
    path = _orders(shop, edit)
    rows, arrow, _ = both(path, ORDERS)
    assert rows == arrow
    v = validate_path(shop)
    said = [(i.sheet, i.cell, i.severity) for i in v.issues]
    assert said == [("订单", "A2", "error"), ("订单", "G2", "error"), ("订单", "L5", "warning")], said
    assert "A2:A4 是合并单元格" in v.issues[0].message_zh and "（订单编号）" in v.issues[0].message_zh
    assert "A2:A4 is a merged cell" in v.issues[0].message_en and "those rows are not used" in v.issues[0].message_en
    assert "L5:L6" in v.issues[2].message_zh and "单价" in v.issues[2].message_zh
    with pytest.raises(ShopbookError) as e:
        review(open_shop(shop))
    assert "A2:A4 是合并单元格" in e.value.zh


def test_a_merged_row_of_numbers_in_the_days_is_said_at_the_merge(shop, both):
    """访客数 to 支付订单数 merged across one day's row: one error at the merge."""
    path = shop / "kpi.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["日报"]
    col = {c.value: c.column for c in ws[1]}
    for d in (20, 21):
        ws.append({col["日期"]: dt.date(2026, 11, d), col["访客数"]: 1000, col["支付订单数"]: 20, col["销售额"]: 2000})
    ws.cell(3, col["支付订单数"]).value = None
    ws.merge_cells(start_row=3, end_row=3, start_column=col["访客数"], end_column=col["支付订单数"])
    wb.save(path)
    rows, arrow, _ = both(path, KPI)
    assert rows == arrow
    v = validate_path(shop)
    assert [(i.cell, i.severity) for i in v.issues if i.book == "kpi.xlsx"] == [("C3", "error")]


@pytest.mark.parametrize("copy", ["订单 (2)", "订单（3）", "订单_2"])
def test_a_copy_of_the_orders_sheet_is_said_not_read(shop, both, copy):
    """订单 copied (Excel's and WPS's 移动或复制 name it 订单 (2), LibreOffice 订单_2) and a new order
    typed into the copy: before, validate said nothing and review and picklist went on without it.
    Now a warning names the copy and the sheet read; the copy's rows stay unread (which sheet a
    person meant is theirs to say), and a sheet named otherwise (订单备份) is a person's own."""
    path = shop / "orders.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb.copy_worksheet(wb["订单"])
    ws.title = copy
    ws.append(["N001", "手工", None, None, None, None, "李四", "13900001111", "浙江省 杭州市 西湖区 文三路1号", "P1", 1])
    wb.copy_worksheet(wb["订单"]).title = "订单备份"
    wb.save(path)
    rows, arrow, _ = both(path, ORDERS)
    assert rows == arrow
    v = validate_path(shop)
    assert [(i.book, i.sheet, i.severity) for i in v.issues] == [("orders.xlsx", copy, "warning")]
    assert f"“{copy}”像是“订单”的副本" in v.issues[0].message_zh and "are not read" in v.issues[0].message_en
    assert "N001" not in {r.order_no for r in read_workbook(path, ORDERS).sheets[OrderLine].records}


def test_a_rule_on_a_column_the_sheet_lacks_names_each_row(tmp_path, monkeypatch):
    """A Waitlist whose 商家编码 column someone deleted: each row without 款号+颜色+尺码 breaks its rule
    on a column the sheet no longer has. There is no cell to name, so each issue names its row;
    before, every one read `stock.xlsx › 缺货登记 商家编码` and the person could not tell which rows."""
    from typer.testing import CliRunner

    import shopbook.cli
    from demo_shop import demo_copy
    from shopbook.cli import app

    monkeypatch.setattr(shopbook.cli.out, "width", 400)
    folder = demo_copy(tmp_path / "shop", "zh")
    assert drop_column(folder / "stock.xlsx", "缺货登记", "商家编码")  # (in the XML: openpyxl took seconds)
    wb = python_calamine.CalamineWorkbook.from_path(str(folder / "stock.xlsx"))
    rows = wb.get_sheet_by_name("缺货登记").to_python()
    wb.close()
    short = [r for r, row in enumerate(rows[1:], start=2) if not all(row[3:6])]  # 款号 颜色 尺码
    assert rows[0][3:6] == ["款号", "颜色", "尺码"] and "商家编码" not in rows[0] and len(short) > 1
    for lang, row in (("zh", "第 {} 行"), ("en", "row {}")):
        r = CliRunner().invoke(app, ["validate", str(folder), "--lang", lang])
        said = [ln for ln in r.output.splitlines() if "缺货登记" in ln]
        assert said == [f"{'✗ 错误' if lang == 'zh' else '✗ error'}  stock.xlsx › 缺货登记 › {row.format(n)} 商家编码"
                        for n in short], r.output
