"""QA: stocktake told what moved after a posted count by the row order of 出入库 alone: a same-day
movement below the count's *first* posting row, whatever its SKU, was taken as after the count. A
person who sorts 出入库 by 商家编码 (or types a day's rows late) moves rows about: C's parcel of
11-21, shipped and entered before the count, sat below A's posting row once sorted, was taken as
after the count, and posting again put a phantom 盘亏 −2 on C.

Now each SKU's same-day movements are compared with that SKU's own posting row (sorting keeps a
SKU's rows, and a day's rows, in the order they were typed); a SKU with no posting row of its own
(its count matched) falls back to the first posting row, as before.

Hand-worked (the test_stock shop): C 40 − 14 − 1 (to 11-18) = 25; C 出库 2 on 11-21 (before the
count) → book 23; counted 24 → +1 posted. A: book 10 + 20 − 14 + 1 − 7 = 10, counted 6 + 4 + a
third bin's 1 → +1 posted (a posting row that sorts above C's).
Sorted by SKU, posted again: nothing to add (before: C −2).
"""

from __future__ import annotations

import openpyxl

from shopbook.schema import STOCK
from shopbook.stock import workflow as W

from test_stock import TODAY, d, shop  # noqa: F401 - the fixture
from test_stock_checks import append


def sort_movements(path, key):
    wb = openpyxl.load_workbook(path)
    ws = wb["出入库"]
    heads = [c.value for c in ws[1]]
    rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True) if any(v is not None for v in r)]
    rows.sort(key=lambda r: key(dict(zip(heads, r))))  # (stable, as Excel's sort is)
    ws.delete_rows(2, ws.max_row)
    for r in rows:
        ws.append(r)
    wb.save(path)


def test_a_count_posted_again_after_sorting_the_movements_by_sku_adds_nothing(shop):  # noqa: F811
    path = shop.path(STOCK)
    append(path, "出入库", [{"日期": d("11-21"), "商家编码": "C", "类型": "出库", "数量": 2, "单号": "T-1"}])
    append(path, "盘点", [{"日期": d("11-21"), "商家编码": "A", "实盘数量": 1, "盘点人": "王", "备注": "货架3"}])
    first = W.stocktake_post(shop, d("11-21"), today=TODAY)
    assert {m.sku: m.qty for m in first.adjustments} == {"A": 1, "C": 1, "E": 1}
    sort_movements(path, lambda r: str(r["商家编码"]))
    again = W.stocktake_post(shop, d("11-21"), dry_run=True, today=TODAY)
    assert [(m.sku, m.qty) for m in again.adjustments] == [] and again.already_posted
    assert {x.sku: x.book for x in again.lines} == {"A": 10, "C": 23, "E": 8}


def test_a_parcel_after_the_count_still_is_after_it_once_sorted(shop):  # noqa: F811
    """The top-up of test_stock_checks (a parcel after the count, then a forgotten bin) with the
    rows sorted by SKU in between: still +5, not +7."""
    path = shop.path(STOCK)
    W.stocktake_post(shop, d("11-21"), today=TODAY)
    append(path, "出入库", [{"日期": d("11-21"), "商家编码": "C", "类型": "出库", "数量": 2, "单号": "T-SHIP"}])
    sort_movements(path, lambda r: (str(r["商家编码"]), r["日期"]))
    append(path, "盘点", [{"日期": d("11-21"), "商家编码": "C", "实盘数量": 5, "盘点人": "李"}])
    again = W.stocktake_post(shop, d("11-21"), dry_run=True, today=TODAY)
    assert [(m.sku, m.qty) for m in again.adjustments] == [("C", 5)]


def test_a_top_up_after_a_movement_typed_late_says_so(shop):  # noqa: F811
    """A parcel of 11-20 entered after the count of 11-21 was posted: the count had found it gone
    (C counted 24 against a book of 25: −1 posted), so the top-up gives that 1 back (C stays at the
    count), and its reason named only changed count rows, which nobody had touched: it now names
    the movements too."""
    path = shop.path(STOCK)
    W.stocktake_post(shop, d("11-21"), today=TODAY)
    append(path, "出入库", [{"日期": d("11-20"), "商家编码": "C", "类型": "出库", "数量": 1, "单号": "LATE"}])
    again = W.stocktake_post(shop, d("11-21"), today=TODAY)
    assert [(m.sku, m.qty) for m in again.adjustments] == [("C", 1)]
    said = next(w for w in again.warnings if "补记" in w[0])
    assert "当天及之前的出入库有增改" in said[0] and "movements of 2026-11-21 or before" in said[1]
