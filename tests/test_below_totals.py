"""Rows shopbook appends go below the last filled row; where a person keeps a 合计 row at the foot
of the sheet (the reader skips it), the new rows land outside its sums and the person's total is
short without a word. Now the command says so: where the totals row is and what to do. Moving
the row and rewriting its formulas (and whatever refers to them) stays the person's."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from cli_run import flat, shopbook
from test_kpi_import import sycm_xlsx
from test_stock import shop  # noqa: F401 - the fixture: the hand-worked shop, 9 movements, counts of 2026-11-21

from shopbook.shop import init_shop


def _kpi_with_totals(folder) -> int:
    """A 日报 sheet holding one day typed by a person and their 合计 row below it: its row."""
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb["日报"]
    head = [c.value for c in ws[1]]
    ws.cell(2, head.index("日期") + 1).value = dt.date(2026, 11, 17)
    for name, v in (("访客数", 5000), ("浏览量", 15000), ("支付买家数", 100), ("支付订单数", 110), ("成交件数", 120),
                    ("销售额", 20000)):
        ws.cell(2, head.index(name) + 1).value = v
    ws.cell(3, 1).value = "合计"
    ws.cell(3, head.index("销售额") + 1).value = "=SUM({0}2:{0}2)".format(
        openpyxl.utils.get_column_letter(head.index("销售额") + 1))
    wb.save(folder / "kpi.xlsx")
    return 3


def test_days_imported_below_a_totals_row_are_said_with_where_and_what_to_do(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    at = _kpi_with_totals(folder)
    f = sycm_xlsx(tmp_path / "【生意参谋平台】店铺整体_日_2026-11-18_2026-11-20.xlsx")
    r = shopbook("kpi", "import", folder, f)
    said = flat(r.stdout + r.stderr)
    assert r.returncode in (0, 1), r.stderr
    assert f"新的3行写在了合计行（第{at}行）下面，它的合计不包括这些行" in said, r.stdout + r.stderr
    assert f"kpi.xlsx›日报›A{at}" in said
    ws = openpyxl.load_workbook(folder / "kpi.xlsx")["日报"]
    assert ws.cell(at, 1).value == "合计"  # the person's row is where it was, as it was
    assert [ws.cell(r_, 1).value is not None for r_ in (at + 1, at + 2, at + 3)] == [True] * 3  # the days below


def test_nothing_is_said_where_the_totals_row_is_not_at_the_foot(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    f = sycm_xlsx(tmp_path / "【生意参谋平台】店铺整体_日_2026-11-18_2026-11-20.xlsx")
    r = shopbook("kpi", "import", folder, f)
    assert "合计行" not in flat(r.stdout + r.stderr), r.stdout + r.stderr


def _kpi_with_totals_in(folder, lang: str) -> int:
    """_kpi_with_totals in the shop's language: one day, then the person's totals row; its row."""
    from shopbook.schema import DailyKpi

    col = {c.name: c.col.zh if lang == "zh" else c.col.en for c in DailyKpi.columns()}
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb[DailyKpi.zh if lang == "zh" else DailyKpi.en]
    head = [c.value for c in ws[1]]
    ws.cell(2, head.index(col["date"]) + 1).value = dt.date(2026, 11, 17)
    for name, v in (("visitors", 5000), ("page_views", 15000), ("buyers", 100), ("orders", 110), ("units", 120),
                    ("sales", 20000)):
        ws.cell(2, head.index(col[name]) + 1).value = v
    ws.cell(3, 1).value = "合计" if lang == "zh" else "Total"
    wb.save(folder / "kpi.xlsx")
    return 3


@pytest.mark.parametrize("lang, said", [
    ("zh", "新的 3 行写在了合计行（第 3 行）下面"), ("en", "The 3 new rows went below the totals row (row 3)")])
@pytest.mark.parametrize("open_book", ["kpi.xlsx", "orders.xlsx"])
def test_the_button_says_it_as_the_cli_does(tmp_path, lang, said, open_book):
    """The 导入生意参谋 button, pressed in kpi.xlsx (written live) or in another workbook of the shop
    (kpi.xlsx written on disk): the same warning at the same cell, in the shop's language alone."""
    from shopbook import xl
    from xlfake import FakeBook

    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    at = _kpi_with_totals_in(folder, lang)
    f = sycm_xlsx(tmp_path / "【生意参谋平台】店铺整体_日_2026-11-18_2026-11-20.xlsx")
    book = FakeBook(folder / open_book)
    xl.import_kpi(str(f), book)
    prompt = book.app.alerts[-1]["prompt"]
    sheet = "日报" if lang == "zh" else "Daily"
    assert said in prompt and f"kpi.xlsx › {sheet} › A{at}" in prompt, prompt
    assert ("The 3 new rows" in prompt) == (lang == "en")  # one language
    ws = openpyxl.load_workbook(folder / "kpi.xlsx")[sheet]  # as saved: the person's row where it was
    assert ws.cell(at, 1).value in ("合计", "Total")
    assert [ws.cell(r_, 1).value is not None for r_ in (at + 1, at + 2, at + 3)] == [True] * 3


def test_the_button_says_nothing_where_the_totals_row_is_not_at_the_foot(tmp_path):
    from shopbook import xl
    from xlfake import FakeBook

    folder = tmp_path / "shop"
    init_shop(folder)
    book = FakeBook(folder / "kpi.xlsx")
    xl.import_kpi(str(sycm_xlsx(tmp_path / "sycm.xlsx")), book)
    assert "合计行" not in book.app.alerts[-1]["prompt"]


def test_a_stocktake_posted_below_a_totals_row_says_so_as_a_receipt_does(shop, tmp_path):  # noqa: F811
    """`stocktake post` appended its 调整 rows below the person's 合计 row of 出入库 without a word (its
    edit carried no layout to look for one); `purchase receive` said it. Now it says it too, CLI and
    盘点过账 button alike, and the person's row stays where it was."""
    import shutil

    from shopbook import xl
    from xlfake import FakeBook

    folder = shop.folder
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws = wb["出入库"]
    at = ws.max_row + 1
    ws.cell(at, 1).value, ws.cell(at, 4).value = "合计", f"=SUM(D2:D{at - 1})"
    wb.save(folder / "stock.xlsx")
    shutil.copytree(folder, tmp_path / "twin")
    r = shopbook("stocktake", "post", folder, "--date", "2026-11-21")
    said = flat(r.stdout + r.stderr)
    assert r.returncode == 0 and "条调整已写入" in said, r.stdout + r.stderr
    assert f"新的2行写在了合计行（第{at}行）下面，它的合计不包括这些行" in said and f"stock.xlsx›出入库›A{at}" in said, said
    ws = openpyxl.load_workbook(folder / "stock.xlsx")["出入库"]
    assert ws.cell(at, 1).value == "合计" and [ws.cell(at + i, 5).value for i in (1, 2)] == ["盘点20261121"] * 2
    book = FakeBook(tmp_path / "twin" / "stock.xlsx")
    xl.stocktake_post(book)
    prompt = book.app.alerts[-1]["prompt"]
    assert f"新的 2 行写在了合计行（第 {at} 行）下面" in prompt and f"stock.xlsx › 出入库 › A{at}" in prompt, prompt
