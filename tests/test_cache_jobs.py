"""What a job and a command keep in the parsed-sheet cache: each workbook once as it leaves it, none of a
version it rewrote, a kind kept on a sheet a year (moved from test_cache, unchanged)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
import test_cache
from test_cache import (
    _kept_by_year,
    cold,
    entry,
    set_first_sheets_a2,
    snapshot,
    snapshot_sd,
)

from shopbook.io import cache
from shopbook.io.reader import read_workbook
from shopbook.schema import LEDGER, ORDERS, STOCK, Entry, OrderLine

# test_cache's fixtures, bound here so that pytest finds them for the tests below
cache_on = test_cache.cache_on
shop = test_cache.shop


def test_a_job_keeps_each_workbook_once_as_it_leaves_it(shop):
    """Within cache.deferred() (daily, orders morning) entries are written as the job ends, and
    only for versions still current: one a job rewrote is not also kept as it was read."""
    orders, stock = shop / "orders.xlsx", shop / "stock.xlsx"
    with cache.deferred():
        read_workbook(orders, ORDERS)
        read_workbook(stock, STOCK)
        assert cache.stats["writes"] == 0 and not (shop / cache.CACHE_DIR).exists()  # nothing yet
        set_first_sheets_a2(orders, "X-NEW-1")  # the job rewrites orders.xlsx (here: a person's way of saving)
    assert cache.stats["writes"] == 1 and entry(stock, STOCK).exists() and not entry(orders, ORDERS).exists()
    assert snapshot(read_workbook(stock, STOCK)) == cold(stock, STOCK) and cache.stats["hits"] == 1
    got = read_workbook(orders, ORDERS)
    assert snapshot(got) == cold(orders, ORDERS)  # the new version, read and kept
    assert entry(orders, ORDERS).exists() and "X-NEW-1" in {ln.order_no for ln in got.rows(OrderLine)}


def test_a_command_that_rewrites_a_workbook_keeps_no_entry_of_the_version_it_read(shop):
    """Entries are written after the job's commit (io.journal.run_job): orders.xlsx, which `orders
    review` rewrites, is not kept as it was before (an entry stale as it is made: encoding a year's
    orders took 0.4 s of every import); stock.xlsx, only read, is."""
    from shopbook.orders.workflow import review
    from shopbook.shop import open_shop

    before = (shop / "orders.xlsx").read_bytes()
    decisions, _ = review(open_shop(shop))
    assert decisions and (shop / "orders.xlsx").read_bytes() != before  # it did rewrite it
    kept = {p.name.split(".")[0] for p in (shop / cache.CACHE_DIR).glob("*.arrow")}
    assert "stock" in kept and "orders" not in kept
    assert snapshot(read_workbook(shop / "stock.xlsx", STOCK)) == cold(shop / "stock.xlsx", STOCK)


def test_a_workbook_read_twice_within_a_job_is_kept_once(shop):
    """A job redone after a lost update reads its workbooks again: each is encoded once, as last read."""
    stock = shop / "stock.xlsx"
    with cache.deferred():
        read_workbook(stock, STOCK)
        read_workbook(stock, STOCK)  # (no entry yet: read cold again)
        assert cache.stats["misses"] == 2
    assert cache.stats["writes"] == 1
    assert snapshot(read_workbook(stock, STOCK)) == cold(stock, STOCK) and cache.stats["hits"] == 1


@pytest.mark.parametrize("beside", [True, False], ids=["last-years-sheet-beside", "a-sheet-a-year"])
def test_a_kind_kept_on_a_sheet_a_year_is_kept_and_joined_again_as_read(shop, beside):
    """A ledger kept on a sheet a year, read as one (io.reader._joined), was never kept: in January
    every run parsed it again. Its entry keeps each sheet as read; a hit joins them as the read did."""
    path = _kept_by_year(shop, beside)
    cache.disabled = True
    try:
        want = read_workbook(path, LEDGER)
    finally:
        cache.disabled = False
    sd = want.sheets[Entry]
    assert len(sd.parts) == 2 and sd.records and any(i.cell for i in sd.issues)  # (joined, a mistake in each)

    def parts(wd):
        j = wd.sheets[Entry]
        return j.dates, j.first, j.unread, [(p.sheet, snapshot_sd(p)) for p in j.parts]

    assert snapshot(read_workbook(path, LEDGER)) == snapshot(want)  # a miss: read, then kept
    assert entry(path, LEDGER).exists()
    hits = cache.stats["hits"]
    got = read_workbook(path, LEDGER)
    assert cache.stats["hits"] == hits + 1
    assert snapshot(got) == snapshot(want) and parts(got) == parts(want)
    # a subset served from the full entry, its rows located on their own sheets
    sub = read_workbook(path, LEDGER, (Entry,))
    assert cache.stats["hits"] == hits + 2 and snapshot(sub) == cold(path, LEDGER, (Entry,))
    def where(wd):
        j = wd.sheets[Entry]
        return [(j.locate(i).sheet, j.locate(i).cell) for i in j.issues if i.row]

    assert where(sub) == where(want) and len({s for s, _ in where(want)}) == 2  # (each on its own sheet)


def test_last_years_sheet_left_unread_beside_the_ledger_is_kept_with_it(shop):
    """2025流水 beside a 流水 that still holds 2025 rows is left unread (reader._join_years_beside) and kept
    apart for `reconcile --apply` to look in (never book twice what it holds): a hit kept it too, as read."""
    path = _kept_by_year(shop, beside=True)
    wb = openpyxl.load_workbook(path)
    y = int(next(n for n in wb.sheetnames if n.endswith("流水") and n[:1].isdigit())[:4])
    own = wb["流水"]
    own.append([dt.datetime(y, 12, 30), *[c.value for c in own[2]][1:]])  # a row of that year on 流水 too
    wb.save(path)
    want = cold(path, LEDGER)
    kept = [(p.sheet, snapshot_sd(p)) for p in read_workbook(path, LEDGER).sheets[Entry].kept_apart]
    assert kept and kept[0][0] == f"{y}流水"  # (a miss: read, then kept)
    hits = cache.stats["hits"]
    got = read_workbook(path, LEDGER)
    assert cache.stats["hits"] == hits + 1 and snapshot(got) == want
    assert [(p.sheet, snapshot_sd(p)) for p in got.sheets[Entry].kept_apart] == kept
