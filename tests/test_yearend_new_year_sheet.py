"""QA (the year's turn): in January a shop begins 流水2027 for the new year's lines beside its 流水, which holds
last year's. The reader leaves 流水2027 unread (a sheet a year beside 流水 while 流水 holds rows of other
years may be a copy of them: read together, a line could count twice), said as a warning; but January's
`ledger --month` then made a P&L of 0.00 ("no 流水 this month: type them on 流水") with balances short of
every January line, and the January review likewise. Its rows are later than 流水's last day: no copy. Now
those reports stop, naming the sheet, the days, and the rename that reads both; December's are made."""

import datetime as dt

import openpyxl
import pytest

from shopbook.issues import ShopbookError
from shopbook.money.workflow import ledger_report
from shopbook.report.monthly import build_review
from shopbook.shop import init_shop, open_shop

Y = dt.date.today().year - 1  # last year's 流水, this January begun on a sheet of its own (both months over)


def test_the_new_years_sheet_beside_last_years_entries_stops_januarys_pnl(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    old = wb["流水"]
    new = wb.copy_worksheet(old)
    new.title = f"流水{Y + 1}"
    old.append([dt.datetime(Y, 12, 30), "收入", "销售收入", 500, "支付宝"])
    new.append([dt.datetime(Y + 1, 1, 2), "收入", "销售收入", 80, "支付宝"])
    wb["账户"].append(["支付宝", dt.datetime(Y, 12, 1), 1000])
    wb["类别"].append(["销售收入", "收入", "销售"])
    wb.save(folder / "ledger.xlsx")
    shop = open_shop(folder)
    for make in (lambda: ledger_report(shop, f"{Y + 1}-01"), lambda: build_review(shop, "monthly", f"{Y + 1}-01")):
        with pytest.raises(ShopbookError) as e:
            make()
        assert f"“流水{Y + 1}”" in e.value.zh and f"“流水{Y}”" in e.value.zh and f"{Y + 1}-01-02" in e.value.en
    report, _margin, _path = ledger_report(shop, f"{Y}-12")  # December's lines are on 流水, read: made as before
    assert report.income == 500
