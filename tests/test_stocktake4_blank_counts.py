"""QA: one 实盘数量 left blank on the 盘点 sheet (a shelf not counted yet, a SKU not found) stopped the whole
stocktake: nothing posted until every row had a figure. Now a blank is "not counted yet" (a typed 0 is "counted,
none there"): the counted rows post, the blank ones are said (how many, which rows and SKUs, count them and post
again), a SKU with one of its places blank waits for it (the others alone would book that shelf as a loss), and
posting again once they are counted posts only them. A count with nothing counted at all posts nothing, said so."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from count_shops import count_shop

from shopbook.io.reader import read_workbook
from shopbook.issues import DataStop
from shopbook.schema import STOCK, Movement, StocktakeCount
from shopbook.shop import open_shop
from shopbook.stock.workflow import stocktake_post

DAY = dt.date(2026, 12, 4)


def _typed(folder, lang: str, counts: dict[int, int | None]) -> None:
    """The 实盘数量 cells of the 盘点 sheet's rows as a person types (None: cleared), saved by openpyxl."""
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws = wb[StocktakeCount.title(lang)]
    for row, n in counts.items():
        ws.cell(row, 3).value = n
    wb.save(folder / "stock.xlsx")


def _moves(folder) -> list[tuple[str, int]]:
    return sorted((m.sku, m.qty) for m in read_workbook(folder / "stock.xlsx", STOCK).rows(Movement))


def test_blank_counts_are_left_for_later_and_posted_once_counted(tmp_path):
    lang = "en"  # (each warning holds both languages: the sheet as each names it)
    # A 9, B 10, C blank (not found), D on two shelves: rows 5 (4) and 6 (blank, the shelf for tomorrow)
    folder = count_shop(tmp_path, lang, ("A", "B", "C", "D"), counts=[
        StocktakeCount(date=DAY, sku=s, counted=q, counter="Ann") for s, q in
        (("A", 9), ("B", 10), ("C", 1), ("D", 4), ("D", 1))])
    _typed(folder, lang, {4: None, 6: None})
    shop = open_shop(folder)
    plan = stocktake_post(shop, DAY, today=DAY)
    assert _moves(folder) == [("A", -1)]  # D's 4 alone is no loss of 6: it waits for its other shelf
    assert sorted(u.sku for u in plan.uncounted) == ["C"]  # (D counted on row 5: said with its blank row, first)
    assert plan.warnings[0] == (
        ("“盘点”表 2 行的实盘数量空着（第 4 行 C、第 6 行 D），算作还没盘点，没有过账；D 别的行数了，也等这些行数好后一起过账："
         "数好后填上件数（一件也没有填 0），再过账（已过账的不会重复记）"),
        ("2 rows of the Stocktake sheet have no count (row 4 C, row 6 D), taken as not counted yet and not posted; "
         "D, counted on other rows, waits for these rows too: type the units counted (0 if none), then post again "
         "(what was posted is not posted twice)"))
    assert plan.to_json()["blank_rows"] == [{"row": 4, "sku": "C"}, {"row": 6, "sku": "D"}]
    # counted the next morning: C none there (0), D 5 on the other shelf: only they are posted, A not again
    _typed(folder, lang, {4: 0, 6: 5})
    plan = stocktake_post(shop, DAY, today=DAY + dt.timedelta(1))
    assert not plan.blank and not plan.uncounted
    assert _moves(folder) == [("A", -1), ("C", -10), ("D", -1)]
    assert stocktake_post(shop, DAY, today=DAY + dt.timedelta(1)).already_posted
    assert _moves(folder) == [("A", -1), ("C", -10), ("D", -1)]


def test_zero_uncounted_takes_the_blanks_as_0(tmp_path):
    folder = count_shop(tmp_path, "zh", ("A", "D"), counts=[
        StocktakeCount(date=DAY, sku=s, counted=q) for s, q in (("A", 10), ("D", 4), ("D", 1))])
    _typed(folder, "zh", {4: None})
    plan = stocktake_post(open_shop(folder), DAY, today=DAY, zero_uncounted=True)
    assert _moves(folder) == [("D", -6)]
    assert plan.warnings[0] == ("“盘点”表 1 行的实盘数量空着（第 4 行 D）：--zero-uncounted 按 0 计",
                                "1 row of the Stocktake sheet has no count (row 4 D): --zero-uncounted counts them as 0")


def test_a_count_with_nothing_counted_posts_nothing_and_says_so(tmp_path):
    folder = count_shop(tmp_path, "en", ("A", "B"), counts=[
        StocktakeCount(date=DAY, sku=s, counted=1) for s in ("A", "B")])
    _typed(folder, "en", {2: None, 3: None})
    with pytest.raises(DataStop) as e:
        stocktake_post(open_shop(folder), DAY, today=DAY)
    assert e.value.en.startswith("The Stocktake sheet's 2 rows dated 2026-12-04 have no count typed in (row 2, row "
                                 "3): nothing counted, nothing posted. Type the units counted (0 if none)"), e.value.en
    assert _moves(folder) == []


def test_the_post_button_takes_a_count_typed_in_and_not_counted_yet_as_the_latest(tmp_path):
    """The 盘点过账 button posts the latest count date: this week's rows typed in, none counted yet, it took last
    week's (posted) as the latest and said "already posted". Now it says this week's has nothing counted."""
    from xlfake import FakeBook

    from shopbook import xl

    today = dt.date.today()
    week = today - dt.timedelta(7)
    folder = count_shop(tmp_path, "zh", ("A", "B"), movements=[  # (last week's, posted)
        Movement(date=week, sku="A", type="调整", qty=-1, ref=f"盘点{week:%Y%m%d}")], counts=[
        StocktakeCount(date=day, sku=s, counted=9 if s == "A" else 10) for day in (week, today) for s in ("A", "B")])
    _typed(folder, "zh", {4: None, 5: None})
    book = FakeBook(folder / "stock.xlsx")
    xl.stocktake_post(book=book)
    said = book.app.alerts[-1]["prompt"]
    assert f"“盘点”表里 {today} 的 2 行实盘数量都空着（第 4 行、第 5 行）：还没有数到的，没有过账" in said, said


def test_validate_says_a_count_half_done_once(tmp_path):
    """A count half done (the shelves not counted yet, a row each) gave `validate` a warning per row: fifty of one
    thing. Now more than three are one warning at the first, naming the rows and how many."""
    folder = count_shop(tmp_path, "zh", ("A", "B", "C", "D", "E", "F"), counts=[
        StocktakeCount(date=DAY, sku=s, counted=10) for s in "ABCDEF"])
    _typed(folder, "zh", {3: None, 4: None, 5: None, 7: None})
    [said] = read_workbook(folder / "stock.xlsx", STOCK).sheets[StocktakeCount].issues  # (what validate says)
    assert (said.severity, said.cell) == ("warning", "C3")
    assert said.message_zh == ("第 3–5、7 行（4 行）的“实盘数量”没有填：还没有盘点，过账时跳过这些行：数好后填上件数（一件也没有填 0），"
                               "再过账。"), said.message_zh
    assert said.message_en.startswith("Rows 3–5, 7 (4 rows): '实盘数量' is blank: not counted yet"), said.message_en


def test_a_blank_of_a_sku_counted_the_day_before_is_no_sku_to_count(tmp_path):
    """A stocktake over two days, the SKU list pasted in again under the second day: A, counted on the first day,
    blank on the second, was said as a row not counted yet, to count; it is counted (the uncounted list says 盘过)."""
    folder = count_shop(tmp_path, "zh", ("A", "B", "C"), counts=[StocktakeCount(date=DAY - dt.timedelta(1), sku="A",
                                                                                 counted=9)] + [
        StocktakeCount(date=DAY, sku=s, counted=10) for s in "ABC"])
    _typed(folder, "zh", {3: None, 5: None})
    plan = stocktake_post(open_shop(folder), DAY, today=DAY, dry_run=True)
    assert [c.sku for c in plan.blank] == ["C"]
    assert [(u.sku, u.counted_on) for u in plan.uncounted] == [("A", DAY - dt.timedelta(1)), ("C", None)]
