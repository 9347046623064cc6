"""QA (the year's turn): a shop that keeps last year's rows on a sheet named for their year beside the
kind's own (2025流水 beside 流水, 2025日报 beside 日报, as a sheet is "archived" in January) had that sheet
left unread, unsaid: in January `ledger --month` of December was a P&L of 0.00. Now it is read with the
kind's own sheet as one where the own sheet's rows are all of later years, each row on its own sheet and a
new row going to the sheet of its year; where the own sheet still holds rows of that year (a copy kept of
rows it has: read together, each counted twice), it is left unread and said where it is."""

import datetime as dt

import openpyxl
from cli_run import shopbook

from shopbook.io.reader import read_workbook
from shopbook.io.sheet_edit import SheetEdit, edit_workbook
from shopbook.money.workflow import ledger_report
from shopbook.schema import LEDGER, Direction, Entry
from shopbook.shop import init_shop, open_shop
from shopbook.validate import validate_path

Y = dt.date.today().year - 1  # last year: its sheet kept beside 流水, which holds this year's rows


def _entry(day: dt.date, amount: int) -> list:
    return [dt.datetime.combine(day, dt.time()), "收入", "销售收入", amount, "支付宝"]


def _shop(tmp_path, own: list, kept: list):
    """A shop whose ledger.xlsx holds `own` on 流水 and `kept` on {Y}流水 (the same headers)."""
    folder = tmp_path / "shop"
    init_shop(folder)
    path = folder / "ledger.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["流水"]
    old = wb.copy_worksheet(ws)
    old.title = f"{Y}流水"
    for sheet, rows in ((ws, own), (old, kept)):
        for r in rows:
            sheet.append(r)
    wb["账户"].append(["支付宝", dt.datetime(Y, 12, 1), 1000])
    wb["类别"].append(["销售收入", "收入", "销售"])
    wb.save(path)
    return folder


def test_last_years_sheet_kept_beside_the_ledger_is_read_with_it(tmp_path):
    folder = _shop(tmp_path, own=[_entry(dt.date(Y + 1, 1, 2), 80)], kept=[_entry(dt.date(Y, 12, 30), 500)])
    shop = open_shop(folder)
    report, *_ = ledger_report(shop, f"{Y}-12")
    assert report.income == 500 and [(a.opening, a.closing) for a in report.accounts] == [(1000, 1500)]
    report, *_ = ledger_report(shop, f"{Y + 1}-01")  # this year's balance counts last year's line
    assert report.income == 80 and [(a.opening, a.closing) for a in report.accounts] == [(1500, 1580)]
    assert not [i for i in validate_path(folder / "ledger.xlsx").issues if i.sheet == f"{Y}流水"]
    # each row on its own sheet; new rows to the sheet of their year, any other year's to 流水
    path = folder / "ledger.xlsx"
    wd = read_workbook(path, LEDGER)
    dec, jan = wd.rows(Entry)
    new = [Entry(date=d, direction=Direction.IN, category="销售收入", amount=a, account="支付宝")
           for d, a in ((dt.date(Y, 12, 31), 7), (dt.date(Y + 1, 1, 3), 8), (dt.date(Y + 2, 1, 1), 9))]
    edit_workbook(path, [SheetEdit(Entry, set_cells={dec.row: {"note": "改"}}, append=new, layout=wd.sheets[Entry])])
    wb = openpyxl.load_workbook(path)
    amounts = {n: [r[3].value for r in wb[n].iter_rows(min_row=3)] for n in ("流水", f"{Y}流水")}
    assert amounts == {"流水": [80, 8, 9], f"{Y}流水": [500, 7]}, amounts
    assert wb[f"{Y}流水"]["I3"].value == "改"


def test_a_copy_kept_of_rows_the_ledger_still_holds_is_not_counted_twice_and_is_said(tmp_path):
    dec = _entry(dt.date(Y, 12, 30), 500)
    folder = _shop(tmp_path, own=[dec, _entry(dt.date(Y + 1, 1, 2), 80)], kept=[dec])
    report, *_ = ledger_report(open_shop(folder), f"{Y}-12")
    assert report.income == 500  # 流水's own line, once
    (said,) = [i for i in validate_path(folder / "ledger.xlsx").issues if i.sheet == f"{Y}流水"]
    assert said.severity == "warning" and f"“流水”里有 {Y}、{Y + 1} 年的行" in said.message_zh, said
    assert f"'{Y}流水' has the headers of '流水'" in said.message_en
    r = shopbook("validate", str(folder))
    assert f"{Y}流水" in r.stdout and r.returncode == 0, r.stdout + r.stderr  # (a warning: exit 0)
