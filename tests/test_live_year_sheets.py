"""QA (Excel's edge, a sheet a year): a kind kept on 2025出入库 beside 2026出入库 is read as one (io.reader._joined)
and written back to each sheet; a button writes the open book (xl.live.apply_edits_live) as its command writes the
file, each row on its own year's sheet, and what it says names that sheet."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal as D

import openpyxl
from test_year_sheets_report import _split_by_year
from xlfake import FakeBook

from shopbook import xl
from shopbook.schema import STOCK, Product, StocktakeCount
from shopbook.shop import init_shop, open_shop
from shopbook.stock.workflow import stocktake_post
from shopbook.workbook_builder import write_workbook


def test_a_count_of_last_december_posted_by_the_button_goes_on_last_years_sheet_and_says_so(tmp_path):
    """盘点过账 pressed in stock.xlsx (2025出入库, 2026出入库) for a count of 2025-12-31: its 盘亏 row goes on
    2025出入库 in the open book as the command puts it in the file; both said '写入 …“2026出入库”表' (the sheet
    written first), where the row is not."""
    folder = tmp_path / "a"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="A", name="T恤", cost=D(10), price=D(50), opening_qty=10)],
        StocktakeCount: [StocktakeCount(date=dt.date(2025, 12, 31), sku="A", counted=5)]}, keep_backup=False)
    _split_by_year(folder / "stock.xlsx", "出入库", [
        {"日期": dt.datetime(2025, 12, 10), "商家编码": "A", "类型": "出库", "数量": 2},
        {"日期": dt.datetime(2026, 1, 10), "商家编码": "A", "类型": "出库", "数量": 1}], last_year=2025)
    shutil.copytree(folder, tmp_path / "b")

    plan = stocktake_post(open_shop(folder), dt.date(2025, 12, 31))  # the command, on the file
    assert plan.written_said()[0] == "1 条调整已写入 stock.xlsx 的“2025出入库”表", plan.written_said()
    book = FakeBook(tmp_path / "b" / "stock.xlsx")  # the button, on the open book
    xl.stocktake_post(book)
    assert "1 条调整已写入 stock.xlsx 的“2025出入库”表" in book.app.alerts[-1]["prompt"], book.app.alerts

    def rows(path, name):
        return [r for r in openpyxl.load_workbook(path, data_only=True)[name].iter_rows(min_row=3, values_only=True)]

    for name in ("2025出入库", "2026出入库"):
        assert rows(tmp_path / "b" / "stock.xlsx", name) == rows(folder / "stock.xlsx", name), name
    assert [r[:4] for r in rows(folder / "stock.xlsx", "2025出入库")][-1] == (dt.datetime(2025, 12, 31), "A", "调整", -3)
    assert len(rows(folder / "stock.xlsx", "2026出入库")) == 1  # (January's row alone)


def test_a_persons_formula_in_either_years_daily_sheet_is_kept_by_the_kpi_import_and_its_button(tmp_path):
    """2025日报 and 2026日报, a 访客数 worked out by the person's own formula on a day typed ahead on each:
    `kpi import` (and 导入生意参谋 on the open kpi.xlsx) wrote 生意参谋's 7001 over both, the formulas looked
    for on this year's sheet alone and at its own row numbers (2026日报's row 4 is the joined read's 2097156)."""
    from test_kpi_import import DAYS, sycm_xlsx

    from shopbook.kpi.import_sycm import import_kpi

    folder = tmp_path / "a"
    init_shop(folder)
    path = folder / "kpi.xlsx"
    _split_by_year(path, "日报", [{"日期": dt.datetime(2025, 12, 30)},
                                 {"日期": dt.datetime(2026, 1, 1), "访客数": 5, "支付订单数": 1, "销售额": 10},
                                 {"日期": dt.datetime(2026, 1, 2)}], last_year=2025)
    wb = openpyxl.load_workbook(path)
    for name, r in (("2025日报", 3), ("2026日报", 4)):
        wb[name].cell(r, 3).value = f'=IFERROR(VLOOKUP(A{r},Z:Z,1,FALSE),"")'
    wb.save(path)
    shutil.copytree(folder, tmp_path / "b")
    download = sycm_xlsx(tmp_path / "sycm.xlsx", [[d, *r[1:]] for r, d in zip(DAYS, ("2025-12-30", "2026-01-02"))])

    res = import_kpi(open_shop(folder), [download])  # the command, on the file
    assert [(i.sheet, i.cell) for i in res.issues] == [("2025日报", "C3"), ("2026日报", "C4")], res.issues
    wb = openpyxl.load_workbook(path)
    assert [wb[n].cell(r, 3).value for n, r in (("2025日报", 3), ("2026日报", 4))] == [
        '=IFERROR(VLOOKUP(A3,Z:Z,1,FALSE),"")', '=IFERROR(VLOOKUP(A4,Z:Z,1,FALSE),"")']
    assert wb["2025日报"].cell(3, 2).value == 21503  # (the row's other figures filled in)

    book = FakeBook(tmp_path / "b" / "kpi.xlsx")  # the button, on the open book
    xl.import_kpi(str(download), book)
    assert "2026日报 › C4" in book.app.alerts[-1]["prompt"], book.app.alerts
    assert [book.sheets[n].store.formulas.get((r, 3)) for n, r in (("2025日报", 3), ("2026日报", 4))] == [
        '=IFERROR(VLOOKUP(A3,Z:Z,1,FALSE),"")', '=IFERROR(VLOOKUP(A4,Z:Z,1,FALSE),"")']


def test_a_day_on_two_daily_rows_is_said_with_each_rows_own_number_in_the_buttons_box(tmp_path):
    """导入生意参谋 (and kpi import) where a day is on two rows of 2026日报, and another on 2025日报 and 2026日报
    both: the box said '日报里 2026-01-02 有 2 行（第 2097155、2097156 行）', rows no sheet has."""
    from test_kpi_import import DAYS, sycm_xlsx

    init_shop(tmp_path / "shop")
    path = tmp_path / "shop" / "kpi.xlsx"
    jan2, jan3 = dt.datetime(2026, 1, 2), dt.datetime(2026, 1, 3)
    _split_by_year(path, "日报", [{"日期": dt.datetime(2025, 12, 30)}, {"日期": jan2}, {"日期": jan2}, {"日期": jan3}],
                   last_year=2025)
    wb = openpyxl.load_workbook(path)
    wb["2025日报"].append([jan3])  # (typed ahead on last year's sheet too)
    wb.save(path)
    download = sycm_xlsx(tmp_path / "sycm.xlsx", [[d, *r[1:]] for r, d in zip(DAYS, ("2026-01-02", "2026-01-03"))])
    book = FakeBook(path)
    xl.import_kpi(str(download), book)
    said = book.app.alerts[-1]["prompt"]
    assert "kpi.xlsx › 2026日报 › A4：日报里 2026-01-02 有 2 行（第 3、4 行）" in said, said
    assert "kpi.xlsx › 2026日报 › A5：日报里 2026-01-03 有 2 行（“2025日报”第 4 行、“2026日报”第 5 行）" in said, said


def test_a_date_twice_on_the_daily_sheets_is_said_at_its_own_row_on_the_issues_sheet(tmp_path):
    """校验 (validate --write the same): 2026-01-02 on two rows of 2026日报, 2026-01-03 on 2025日报 and 2026日报:
    the 校验结果 sheet and the cell's note said '重复的日期“2026-01-02”，第 2097155 行已有'."""
    init_shop(tmp_path / "shop")
    path = tmp_path / "shop" / "kpi.xlsx"
    row = lambda d: {"日期": d, "访客数": 5, "支付订单数": 1, "销售额": 10}
    _split_by_year(path, "日报", [row(dt.datetime(2025, 12, 30)), row(dt.datetime(2026, 1, 2)),
                                 row(dt.datetime(2026, 1, 2))], last_year=2025)
    wb = openpyxl.load_workbook(path)
    wb["2025日报"].append([dt.datetime(2026, 1, 3), None, 5, None, 1, 10])
    wb["2026日报"].append([dt.datetime(2026, 1, 3), None, 5, None, 1, 10])
    wb.save(path)
    book = FakeBook(path)
    xl.validate(book)
    said = [r[1:3] + [r[5]] for r in book.sheet_rows("校验结果")[1:]]
    assert said == [["2026日报", "A4", "重复的日期“2026-01-02”，第 3 行已有。每个日期只能出现一次：保留一行，改正或删除另一行。"],
                    ["2026日报", "A5", "重复的日期“2026-01-03”，另一张日报表的第 4 行已有。每个日期只能出现一次：保留一行，改正或删除另一行。"]], said
    assert book.sheets["2026日报"].store.notes[4, 1].endswith("第 3 行已有。每个日期只能出现一次：保留一行，改正或删除另一行。")
