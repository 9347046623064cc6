"""A month or day that is not in the calendar (QA): `--month 2026-13` was told its format was
wrong (it is right: there is no month 13), and `--date 2026-02-30` was 'not a date'; a cell
typed 2026-02-30 likewise. Each now says which month or day does not exist. Run as the console
runs it; a stop about a value typed for an option is in the shop's language (README, One language per shop)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from shopbook.schema import STOCK, Movement, Product
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook
from cli_run import flat, shopbook



@pytest.fixture(scope="module")
def shop(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("range") / "shop"
    init_shop(folder)
    return folder


NO_MONTH_13 = ("月份“2026-13”不存在：没有13月，月份是01–12，例如2026-11。",
               "Themonth'2026-13'doesnotexist:thereisnomonth13;monthsare01to12,e.g.2026-11.")


@pytest.mark.parametrize("args", [
    ["agents", "settle", "{shop}", "--month", "2026-13"],
    ["agents", "email", "{shop}", "--month", "2026-13"],
    ["ledger", "{shop}", "--month", "2026-13"],
    ["staff", "pay", "{shop}", "--month", "2026-13"],
    ["customers", "{shop}", "--month", "2026-13"],
    ["report", "monthly", "{shop}", "--period", "2026-13"],
])
def test_a_month_13_is_said_to_be_no_month(shop, args):
    r = shopbook(*(a.format(shop=shop) for a in args))
    err = flat(r.stderr)
    assert r.returncode == 2 and NO_MONTH_13[0] in err and NO_MONTH_13[1] not in err, r.stderr  # (a Chinese shop)
    assert "格式" not in r.stderr and "mustbeYYYY-MM" not in err and "Traceback" not in r.stderr
    assert not list((shop / "reports").rglob("*.xlsx"))


def test_a_month_in_the_wrong_form_is_still_told_the_form(shop):
    r = shopbook("agents", "settle", shop, "--month", "26-11")  # (2026-1 is January: taken, periods.read_period)
    assert r.returncode == 2 and "月份格式应为YYYY-MM" in flat(r.stderr) and "themonthmustbe" not in flat(r.stderr), r.stderr


def test_a_week_the_year_lacks_is_said_so(shop):
    r = shopbook("report", "weekly", shop, "--period", "2025-W53")
    assert r.returncode == 2 and "2025年没有第53周，它的周是W01–W52" in flat(r.stderr), r.stderr
    assert "2025hasnoweek53" not in flat(r.stderr)


@pytest.mark.parametrize("args, zh, en", [
    (["daily", "{shop}", "--date", "2026-02-30"], "--date：日期“2026-02-30”不存在：2026年2月只有28天。请填1–28日中的一天。",
     "--date:Thedate'2026-02-30'doesnotexist:2026-02has28days.Enteradayfrom1to28."),
    (["stock", "summary", "{shop}", "--as-of", "2026-13-01"], "--as-of：日期“2026-13-01”不存在：没有13月，月份是1–12。",
     "thereisnomonth13;monthsare1to12."),
    (["stocktake", "post", "{shop}", "--date", "2026-04-31"], "2026年4月只有30天", "2026-04has30days"),
])
def test_a_day_not_in_its_month_is_said_so(shop, args, zh, en):
    r = shopbook(*(a.format(shop=shop) for a in args))
    err = flat(r.stderr)
    assert r.returncode == 2 and zh in err and en not in err and "不是日期" not in err, r.stderr


def test_a_cell_typed_with_a_day_not_in_its_month_is_located_and_says_so(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    import datetime as dt

    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="A", name="衬衫", cost=20, price=60)],
        Movement: [Movement(date=dt.date(2026, 11, 1), sku="A", type="入库", qty=5)]}, keep_backup=False)
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws = wb["出入库"]
    col = [c.value for c in ws[1]].index("日期") + 1
    ws.cell(2, col).value = "2026-02-30"  # typed as text: Excel keeps what it cannot make a date
    wb.save(folder / "stock.xlsx")
    r = shopbook("validate", folder, "--json")
    [i] = [i for i in json.loads(r.stdout) if i["sheet"] == "出入库"]
    assert (i["cell"], i["value"], i["column"]) == (f"{openpyxl.utils.get_column_letter(col)}2", "2026-02-30", "日期")
    assert i["message_zh"] == "日期“2026-02-30”不存在：2026 年 2 月只有 28 天。请填 1–28 日中的一天。"
    r = shopbook("validate", folder)
    assert r.returncode == 1 and "2026年2月只有28天" in flat(r.stdout) and "does not exist" not in r.stdout
