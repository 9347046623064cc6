"""An import's writes carried into the parsed-sheet cache (issue 17): within a job of several
steps (`orders morning`, `daily`: read_cache and cache.deferred, as `in_a_job` here), after the import
appends order lines (and sets cells of the orders it moves on) and appends stock movements,
the cache's entry for each new workbook is exactly what a cold read of the new file gives, or
there is no entry for it at all. Real imports of real exports into real .xlsx files; every entry
is compared, record by record (types, rows, fields set), issue by issue, with a read of the file
with the cache off, through calamine's rows and through the Arrow read."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from platform_fixtures import douyin_row, pdd_row, write_douyin, write_pdd
from shopbook.io import at_exit, background, cache, reader, sheet_edit
from shopbook.io.reader import read_cache, read_workbook
from shopbook.orders.workflow import import_orders as _import_orders, morning
from shopbook.schema import (ORDERS, STOCK, AfterSalesCase, Movement, MovementType, OrderLine, OrderStatus, Product,
                             Promotion, SkuMap)
from shopbook.shop import open_shop
from shopbook.workbook_builder import write_workbook
from taobao_fixtures import write_pair
from test_cache import cold, snapshot
from test_order_life import tb_detail, tb_order
from test_orders import TODAY, build_shop

def import_orders(shop, files, **kw):
    """The import as the morning job and the daily job run it: its reads shared, the cache
    written as the job ends (a library call of the import alone does not carry: io.sheet_edit;
    `shopbook orders import` does, proven after its result is out: shopbook_import below)."""
    with read_cache(), cache.deferred():
        return _import_orders(shop, files, **kw)


IMPORT_ORDERS = (OrderLine, Promotion, SkuMap, AfterSalesCase)  # what the import reads of orders.xlsx
NOS = [str(3600000000000000100 + k) for k in range(30)]


@pytest.fixture(autouse=True, params=["calamine", "arrow"])
def cache_on(request, monkeypatch):
    monkeypatch.setattr(cache, "disabled", False)
    monkeypatch.setattr(cache, "_by_folder", {})
    monkeypatch.setattr(cache, "MIN_BYTES", 0)  # these small workbooks are cached too
    # cold reads through the Arrow columns as a big sheet's are, or calamine's rows
    monkeypatch.setattr(reader, "ARROW_MIN_BYTES", 0 if request.param == "arrow" else 1 << 40)


def current_entries(path: Path, spec, candidates) -> dict:
    """{models: the entry's WorkbookData} for every entry of the workbook's present content."""
    st = path.stat()
    out = {}
    for models in candidates:
        if cache.entry_path(path, spec.key, models).exists():
            wd, _ = cache.load(path, spec, models, st)
            if wd is not None:
                out[models] = wd
    return out


def check_entries(shop) -> dict:
    """Every entry of orders.xlsx and stock.xlsx as they are now equals a cold read of them."""
    found = {}
    for spec, cands in ((ORDERS, [None, IMPORT_ORDERS]), (STOCK, [None, (Product,), (Product, Movement)])):
        for models, wd in current_entries(shop.path(spec), spec, cands).items():
            assert snapshot(wd) == cold(shop.path(spec), spec, models), (spec.key, models)
            found[spec.key, models] = wd
    return found


def moves(n: int) -> list[Movement]:
    return [Movement(date=dt.date(2026, 11, 1) + dt.timedelta(days=k % 20), sku="SH-BK-M", type=MovementType.IN,
                     qty=5 + k, ref=f"PO-{k}", note=f"入库 {k}") for k in range(n)]


@pytest.fixture
def shop(tmp_path):
    """A shop with 30 orders (40 lines) already in orders.xlsx and 25 stock movements."""
    shop = build_shop(tmp_path)
    products = read_workbook(shop.path(STOCK), STOCK, (Product,)).rows(Product)
    write_workbook(shop.path(STOCK), STOCK, "zh", {Product: products, Movement: moves(25)}, keep_backup=False)
    files = write_pair(tmp_path / "d0", [tb_order(n) for n in NOS],
                       [tb_detail(n, "SH-BK-M") for n in NOS] + [tb_detail(n, "SH-WH-M") for n in NOS[:10]])
    import_orders(shop, list(files), today=TODAY)
    return shop


def later_exports(tmp_path) -> list[Path]:
    """The next day: closed, refunding, shipped from 千牛 (stock goes out), delivered, and new orders
    (a buyer's name with spaces around it, a money amount with fen, a time on the hour)."""
    new = [str(3600000000000000200 + k) for k in range(5)]
    orders = ([tb_order(NOS[0], "交易关闭", close="买家不想买了"), tb_order(NOS[1])]
              + [tb_order(n, "卖家已发货，等待买家确认", courier="中通快递", tracking=f"73000{k:05d}",
                          shipped="2026-11-22 15:00:00") for k, n in enumerate(NOS[2:12])]
              + [tb_order(n, "交易成功", courier="中通快递", tracking=f"73100{k:05d}",
                          shipped="2026-11-22 08:00:00") for k, n in enumerate(NOS[12:15])]
              + [tb_order(n) for n in NOS[15:]] + [tb_order(n) for n in new])
    orders[-1]["买家会员名"] = "  买家 空格  "
    orders[-2]["订单付款时间"] = "2026-11-22 00:00:00"
    details = ([tb_detail(NOS[0], "SH-BK-M", "交易关闭"), tb_detail(NOS[1], "SH-BK-M", "退款中")]
               + [tb_detail(n, "SH-BK-M", "卖家已发货，等待买家确认") for n in NOS[2:12]]
               + [tb_detail(n, "SH-WH-M", "卖家已发货，等待买家确认") for n in NOS[2:10]]
               + [tb_detail(n, "SH-BK-M", "交易成功") for n in NOS[12:15]]
               + [tb_detail(n, "SH-BK-M") for n in NOS[15:]] + [tb_detail(n, "SH-WH-M") for n in NOS[15:20]]
               + [tb_detail(n, "SH-BK-M") for n in new])
    details[-1] = {**details[-1], "商品价格": "12.34"}
    return list(write_pair(tmp_path / "d1", orders, details, stamp="20261122"))


def test_a_reimport_leaves_each_workbook_in_the_cache_as_a_cold_read_of_it_gives(shop, tmp_path):
    before = len(read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine))
    res = import_orders(shop, later_exports(tmp_path), today=TODAY)
    assert len(res.imported) == 5 and res.movements and {c.after for c in res.changes} >= {
        OrderStatus.CANCELLED, OrderStatus.HELD, OrderStatus.SHIPPED}
    found = check_entries(shop)
    # carried, not just left for the next read to make: both new versions are in the cache
    assert (ORDERS.key, IMPORT_ORDERS) in found and (STOCK.key, (Product, Movement)) in found
    lines = found[ORDERS.key, IMPORT_ORDERS].rows(OrderLine)
    assert len(lines) == before + 5 and lines[-1].row == lines[-2].row + 1
    assert len(found[STOCK.key, (Product, Movement)].rows(Movement)) == 25 + len(res.movements)
    # and the next command reads them from there
    for k in cache.stats:
        cache.stats[k] = 0
    assert import_orders(shop, later_exports(tmp_path / "again"), today=TODAY).changes == []
    assert cache.stats["hits"] == 2 and cache.stats["misses"] == 0


def test_pinduoduo_and_douyin_lines_carried(shop, tmp_path):
    pdd = write_pdd(tmp_path / "p", [pdd_row(f"231121-1000000000000{k:02d}", "待发货", "SH-BK-M",
                                             total=f"{99 + k}.50") for k in range(8)])
    dy = write_douyin(tmp_path / "y", [douyin_row(f"69300000000000005{k:02d}", f"69300000000000006{k:02d}", "SH-WH-M",
                                                  message="尽快发货" if k % 2 else "-") for k in range(6)])
    res = import_orders(shop, [pdd, dy], today=TODAY)
    assert len(res.imported) == 14
    found = check_entries(shop)
    assert {ln.platform for ln in found[ORDERS.key, IMPORT_ORDERS].rows(OrderLine)[-14:]} == {"拼多多", "抖店"}


def test_the_morning_job_keeps_the_whole_workbook_it_leaves(shop, tmp_path):
    """Within a job of several steps (read_cache): the import's append is carried into the job's
    reads and the whole workbook is kept once, as the job leaves it."""
    for k in cache.stats:
        cache.stats[k] = 0
    res = morning(shop, later_exports(tmp_path), today=TODAY)
    assert res.imported is not None and res.pick is not None
    assert cache.stats["misses"] == 2  # the first reads of both; none after the import wrote them
    found = check_entries(shop)
    assert (ORDERS.key, None) in found and (STOCK.key, None) in found


def test_a_totals_row_at_the_bottom_refuses_the_carry(shop, tmp_path):
    path = shop.path(ORDERS)
    wb = openpyxl.load_workbook(path)
    ws = wb["订单"]
    last = ws.max_row
    ws.cell(last + 1, 1, "合计")
    wb.save(path)
    assert read_workbook(path, ORDERS, (OrderLine,)).sheets[OrderLine].notes  # read as a totals row
    import_orders(shop, later_exports(tmp_path), today=TODAY)
    found = check_entries(shop)
    assert (ORDERS.key, IMPORT_ORDERS) not in found and (ORDERS.key, None) not in found
    assert (STOCK.key, (Product, Movement)) in found  # stock.xlsx, with no such row, still is


def test_a_value_below_the_last_record_refuses_the_carry(shop, tmp_path):
    """A cell nobody reads (a column with no header) two rows below the last order: the append
    goes below it, not below the last record the read saw. The proof sees the rows went elsewhere."""
    path = shop.path(ORDERS)
    wb = openpyxl.load_workbook(path)
    ws = wb["订单"]
    ws.cell(ws.max_row + 2, ws.max_column + 3, "备忘")
    wb.save(path)
    import_orders(shop, later_exports(tmp_path), today=TODAY)
    found = check_entries(shop)
    assert (ORDERS.key, IMPORT_ORDERS) not in found
    rows = [ln.row for ln in read_workbook(path, ORDERS, (OrderLine,)).rows(OrderLine)]
    assert rows[-5] == rows[-6] + 3  # the new lines below the note's row, as read cold


def test_columns_the_import_adds_are_carried_into_the_layout(shop, tmp_path):
    """An orders sheet of an older template, without 客服 and 打包员: the import adds them as it
    appends (the benchmark's year shop is one); the carried layout has them, as a read finds them."""
    path = shop.path(ORDERS)
    wb = openpyxl.load_workbook(path)
    ws = wb["订单"]
    heads = [c.value for c in ws[1]]
    for name in ("打包员", "客服"):
        if name in heads:
            ws.delete_cols(heads.index(name) + 1)
            heads = [c.value for c in ws[1]]
    wb.save(path)
    sd = read_workbook(path, ORDERS, (OrderLine,)).sheets[OrderLine]
    assert "cs" not in sd.columns and "packer" not in sd.columns
    import_orders(shop, later_exports(tmp_path), today=TODAY)
    found = check_entries(shop)
    carried = found[ORDERS.key, IMPORT_ORDERS].sheets[OrderLine]
    assert {"cs", "packer"} <= set(carried.columns)


def test_a_wrong_row_number_would_be_caught(shop, tmp_path, monkeypatch):
    """The proof, not the arithmetic, decides: told the rows went one row lower than they did,
    the carry is refused (no entry), and the next read is a cold read of the file."""
    real = sheet_edit._below_which
    monkeypatch.setattr(sheet_edit, "_below_which", lambda sd: None if (b := real(sd)) is None else b + 1)
    import_orders(shop, later_exports(tmp_path), today=TODAY)
    found = check_entries(shop)
    assert (ORDERS.key, IMPORT_ORDERS) not in found and (STOCK.key, (Product, Movement)) not in found
    with read_cache():
        assert snapshot(read_workbook(shop.path(ORDERS), ORDERS, IMPORT_ORDERS)) == cold(
            shop.path(ORDERS), ORDERS, IMPORT_ORDERS)


def test_small_sheets_are_never_carried_below_the_header_scan(tmp_path):
    """Rows appended within the first rows the header is looked for in could compete with it: a
    sheet that short is read again (an empty orders sheet's first import)."""
    shop = build_shop(tmp_path)
    files = write_pair(tmp_path / "d0", [tb_order(n) for n in NOS[:3]], [tb_detail(n, "SH-BK-M") for n in NOS[:3]])
    import_orders(shop, list(files), today=TODAY)
    found = check_entries(open_shop(shop.folder))
    assert (ORDERS.key, IMPORT_ORDERS) not in found


# `shopbook …` as the console script runs it, every workbook cached (these are small)
RUN = r"""
import sys
from shopbook.io import cache, reader
cache.MIN_BYTES = 0
reader.ARROW_MIN_BYTES = {arrow}
sys.argv = ["shopbook", *{argv!r}]
from shopbook.cli import main
main()
"""


def shopbook_cli(folder: Path, *argv: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """A real command on the shop at `folder` (its cold reads as this test's: calamine's or Arrow's),
    once the cache writer it leaves has finished: the entries are proven and written after the result."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src"), **(env or {})}
    env.pop("SHOPBOOK_NO_CACHE", None)
    done = subprocess.run([sys.executable, "-c", RUN.format(argv=list(argv), arrow=reader.ARROW_MIN_BYTES)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode in (0, 1), done.stdout + done.stderr  # (1: something for a person, as a pull)
    assert at_exit.wait_for_writers(folder, 60)
    return done


def shopbook_import(folder: Path, files: list[Path]) -> subprocess.CompletedProcess:
    done = shopbook_cli(folder, "orders", "import", str(folder), *map(str, files))
    assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.mark.skipif(not background.CAN_FORK, reason="the command line's writer is forked on Linux only")
def test_the_import_command_leaves_what_it_wrote_in_the_cache_for_the_next_command(shop, tmp_path):
    """`shopbook orders import` on its own: no later step of it reads what it wrote, so the new
    orders.xlsx and stock.xlsx are proven (the appended rows read back from the new files) and kept
    by the writer that runs once the result is out. The next import reads both from there."""
    cache.clear(shop.folder)
    shopbook_import(shop.folder, later_exports(tmp_path))
    found = check_entries(shop)
    assert (ORDERS.key, IMPORT_ORDERS) in found and (STOCK.key, (Product, Movement)) in found
    for k in cache.stats:
        cache.stats[k] = 0
    assert import_orders(shop, later_exports(tmp_path / "again"), today=TODAY).changes == []
    assert cache.stats["hits"] == 2 and cache.stats["misses"] == 0


@pytest.mark.skipif(not background.CAN_FORK, reason="the command line's writer is forked on Linux only")
def test_the_import_command_keeps_nothing_its_proof_refuses(shop, tmp_path):
    """A totals row at the foot of the orders: the rows went below it, which the proof made after
    the result sees; orders.xlsx is not kept (the next read parses it), stock.xlsx is."""
    path = shop.path(ORDERS)
    wb = openpyxl.load_workbook(path)
    ws = wb["订单"]
    ws.cell(ws.max_row + 1, 1, "合计")
    wb.save(path)
    cache.clear(shop.folder)
    shopbook_import(shop.folder, later_exports(tmp_path))
    found = check_entries(shop)
    assert (ORDERS.key, IMPORT_ORDERS) not in found and (STOCK.key, (Product, Movement)) in found
