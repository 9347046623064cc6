"""QA: a count posted, then its rows' date corrected (12-05 typed for 12-04, as the printed-day and filled-down
advice also tell a person to do) and posted again under the corrected day: the loss was booked a second time, ✓,
the book −47 for a shelf of 10 (−57 under 盘点20261205 and −57 under 盘点20261204). Now the posting of the later day
whose rows are gone is taken as this count's: nothing posted again, said with how to move it; a count changed as
well posts only the difference; a SKU still counted on the later day is no moved count."""

from __future__ import annotations

import datetime as dt

import openpyxl
from count_shops import count_shop

from shopbook.schema import Movement, StocktakeCount
from shopbook.shop import open_shop
from shopbook.stock.levels import on_hand
from shopbook.stock.workflow import load_stock, stocktake_post

TYPED, MEANT = dt.date(2026, 12, 5), dt.date(2026, 12, 4)


def _redate(folder, lang, rows: dict[str, int] | None = None) -> None:
    """Every count row dated TYPED dated MEANT, its count changed where `rows` gives one."""
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws = wb[StocktakeCount.title(lang)]
    for r in ws.iter_rows(min_row=2):
        if r[0].value is not None and r[0].value.date() == TYPED:
            r[0].value = MEANT
            if rows and r[1].value in rows:
                r[2].value = rows[r[1].value]
    wb.save(folder / "stock.xlsx")


def _book(folder) -> dict[str, int]:
    d = load_stock(open_shop(folder), need_orders=False)
    return dict(on_hand(d.products, d.movements, TYPED))


def test_a_count_redated_after_posting_is_not_booked_twice(tmp_path):
    lang = "zh"
    counts = [StocktakeCount(date=TYPED, sku="A", counted=4, counter="小王"),
              StocktakeCount(date=TYPED, sku="B", counted=7, counter="小王")]
    folder = count_shop(tmp_path, lang, ("A", "B"), counts=counts)
    first = stocktake_post(open_shop(folder), TYPED, today=TYPED)
    assert [(m.sku, m.qty) for m in first.adjustments] == [("A", -6), ("B", -3)]
    assert _book(folder) == {"A": 4, "B": 7}
    _redate(folder, lang)
    again = stocktake_post(open_shop(folder), MEANT, today=TYPED)
    assert again.adjustments == [] and again.mark is None and again.already_posted
    assert _book(folder) == {"A": 4, "B": 7}  # (before: A −2, B 4: each loss booked twice)
    zh, en = again.warnings[0]
    assert zh.startswith("A、B（2 个 SKU）的盘点已按 2026-12-05 过账（单号 盘点20261205），2026-12-05 现在没有它们的盘点行："
                         "多半是过账后把盘点行的日期改成了 2026-12-04。")
    assert "delete the 盘点20261205 rows of the Movements sheet of stock.xlsx first, then post again" in en
    assert not any("moved after the count date" in e for _, e in again.warnings)


def test_a_redated_count_changed_too_posts_the_difference_and_a_sku_still_counted_then_is_its_own(tmp_path):
    lang = "en"
    counts = [StocktakeCount(date=TYPED, sku="A", counted=4, counter="Amy"),
              StocktakeCount(date=TYPED, sku="B", counted=7, counter="Amy")]
    folder = count_shop(tmp_path, lang, ("A", "B"), counts=counts)
    stocktake_post(open_shop(folder), TYPED, today=TYPED)
    _redate(folder, lang, {"A": 5})  # A recounted 5 as well
    wb = openpyxl.load_workbook(folder / "stock.xlsx")  # B counted again on the 5th too: its own count that day
    wb[StocktakeCount.title(lang)].append([TYPED, "B", 7, "Bob"])
    wb.save(folder / "stock.xlsx")
    plan = stocktake_post(open_shop(folder), MEANT, today=TYPED)
    assert [(m.sku, m.qty, m.ref, m.note) for m in plan.adjustments] == [
        ("A", 1, "stocktake 20261204", "stocktake gain (top-up)"), ("B", -3, "stocktake 20261204", "stocktake loss")]
    assert plan.warnings[0][1].startswith("A (1 SKU) had their count posted under 2026-12-05 (stocktake 20261205)")
    assert isinstance(plan.adjustments[0], Movement)


def test_a_later_count_posted_whose_rows_were_deleted_is_not_taken_back_by_posting_the_earlier_again(tmp_path):
    """A counted and posted on the 4th, counted again and posted on the 5th, the 5th's rows deleted since: posting
    the 4th again is no moved count (the 4th's own was posted): nothing posted, the 5th's adjustment left as it is."""
    lang = "zh"
    counts = [StocktakeCount(date=MEANT, sku="A", counted=8, counter="小王"),
              StocktakeCount(date=TYPED, sku="A", counted=5, counter="小王")]
    folder = count_shop(tmp_path, lang, ("A",), counts=counts)
    stocktake_post(open_shop(folder), MEANT, today=TYPED)
    stocktake_post(open_shop(folder), TYPED, today=TYPED)
    assert _book(folder) == {"A": 5}
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws = wb[StocktakeCount.title(lang)]
    ws.delete_rows(3)  # the 5th's row
    wb.save(folder / "stock.xlsx")
    again = stocktake_post(open_shop(folder), MEANT, today=TYPED)
    assert again.adjustments == [] and _book(folder) == {"A": 5}  # (3 taken back: 8 again, the shelf 5)


def test_a_redated_count_posted_again_and_again_is_booked_once(tmp_path):
    """(review) Re-dated and posted (−2 top-up under the corrected day, right), then posted once more, as the button
    and many warnings say to 'post again': the later day's posting was no longer taken as this count's (the top-up
    was this day's own) and its −4 was booked again, the book −2 for a shelf of 2."""
    folder = count_shop(tmp_path, "zh", ("A",), movements=[Movement(date=TYPED, sku="A", type="出库", qty=2, ref="O1")],
                        counts=[StocktakeCount(date=TYPED, sku="A", counted=4, counter="小王")])
    stocktake_post(open_shop(folder), TYPED, today=TYPED)
    _redate(folder, "zh")
    books = []
    for _ in range(3):
        stocktake_post(open_shop(folder), MEANT, today=TYPED)
        d = load_stock(open_shop(folder), need_orders=False)
        books.append(dict(on_hand(d.products, d.movements, dt.date(2026, 12, 31)))["A"])
    assert books == [2, 2, 2], books  # the shelf: 4 counted on the 4th, 2 out on the 5th
