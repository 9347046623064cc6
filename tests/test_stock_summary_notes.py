"""QA: what a person typed into the 库存汇总 sheet (a note beside a SKU, a column of their own, a
line under the table) was wiped by the next `stock summary`, which replaced the sheet whole (only
the backup kept it). Now the sheet has a 备注 column; what is typed there and in columns a person
added is written again beside the same SKU, the rows under the table stay under it, and text whose
SKU is no longer summed is said (where it was, and that the backup in .shopbook-backup has it).
"""

from __future__ import annotations

import datetime as dt

import openpyxl
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import STOCK
from shopbook.stock import workflow as W

from test_stock import TODAY, d, shop  # noqa: F401 - the fixture


def rows_of(shop):  # noqa: F811
    return list(openpyxl.load_workbook(shop.path(STOCK))["库存汇总"].iter_rows(values_only=True))


def type_into_summary(shop, fill):  # noqa: F811
    wb = openpyxl.load_workbook(shop.path(STOCK))
    fill(wb["库存汇总"])
    wb["出入库"].append([d("11-22"), "F", "入库", 2])  # a receipt: the figures change, the sheet is rewritten
    wb.save(shop.path(STOCK))


def test_notes_and_a_persons_column_stay_beside_their_sku(shop):  # noqa: F811
    W.stock_summary(shop, today=TODAY)
    head = rows_of(shop)[0]
    assert head[13] == "备注"

    def fill(ws):
        at = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
        ws.cell(at["A"], 14, "2件在退货区")
        ws.cell(1, 15, "负责人")
        ws.cell(at["C"], 15, "小王")
        ws.cell(at["E"], 16, dt.date(2026, 12, 1))  # beside the table, no header
        ws.cell(ws.max_row + 2, 1, "盘点时再核对")
    type_into_summary(shop, fill)
    res = W.stock_summary(shop, today=TODAY)
    assert res.written and not res.unplaced and not res.attention
    rows = rows_of(shop)
    by = {r[0]: r for r in rows[1:]}
    assert rows[0][13:15] == ("备注", "负责人")
    assert by["F"][5] == 5  # the new figure
    assert by["A"][13] == "2件在退货区" and by["C"][14] == "小王" and by["E"][15].date() == dt.date(2026, 12, 1)
    assert by["B"][13:] == (None, None, None)
    assert rows[-1][0] == "盘点时再核对" and rows[-3][0].startswith("库存汇总")
    # the same again: nothing new, the workbook is left alone
    assert not W.stock_summary(shop, today=TODAY).written


def test_a_sheet_written_before_the_note_column_keeps_what_was_typed_next_to_it(shop):  # noqa: F811
    W.stock_summary(shop, today=TODAY)

    def fill(ws):  # the older sheet: 13 columns, a note typed into the 14th, no header over it
        ws.delete_cols(14)
        at = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
        ws.cell(at["D"], 14, "下架，清仓")
    type_into_summary(shop, fill)
    W.stock_summary(shop, today=TODAY)
    by = {r[0]: r for r in rows_of(shop)[1:]}
    assert by["D"][13] == "下架，清仓" and rows_of(shop)[0][13] == "备注"


def test_a_note_whose_sku_is_gone_is_said_with_the_backup(shop):  # noqa: F811
    W.stock_summary(shop, today=TODAY)

    def fill(ws):
        at = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
        ws.cell(at["F"], 14, "问供应商")
        ws.cell(at["A"], 14, "留着")
    type_into_summary(shop, fill)
    wb = openpyxl.load_workbook(shop.path(STOCK))  # F taken off the 商品 sheet (and its movement)
    for ws in (wb["商品"], wb["出入库"]):
        for r in range(ws.max_row, 1, -1):
            if ws.cell(r, 2 if ws.title == "出入库" else 1).value == "F":
                ws.delete_rows(r)
    wb.save(shop.path(STOCK))
    said = CliRunner().invoke(app, ["stock", "summary", str(shop.folder)])
    assert said.exit_code == 0, said.output
    text = "".join(said.output.split())
    assert text.startswith("!") and "（F）：问供应商" in text and ".shopbook-backup" in text
    by = {r[0]: r for r in rows_of(shop)[1:]}
    assert by["A"][13] == "留着" and "F" not in by


def test_text_typed_over_a_figure_is_kept_in_the_note(shop):  # noqa: F811
    """盘点时少2 typed into A's 可用 cell: the figure is shopbook's and is written again, the words go
    to A's 备注 (after what it held), saying which column they were typed in."""
    W.stock_summary(shop, today=TODAY)

    def fill(ws):
        at = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
        ws.cell(at["A"], 8, "盘点时少2")
        ws.cell(at["A"], 14, "退货区")
    type_into_summary(shop, fill)
    W.stock_summary(shop, today=TODAY)
    a = next(r for r in rows_of(shop) if r[0] == "A")
    assert a[7] == 7 and a[13] == "退货区；可用：盘点时少2"
    W.stock_summary(shop, today=TODAY)  # and stays so, not said twice
    assert next(r for r in rows_of(shop) if r[0] == "A")[13] == "退货区；可用：盘点时少2"
