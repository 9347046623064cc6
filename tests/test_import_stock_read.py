"""The import reads stock.xlsx once, by whichever side is free first (orders.workflow._StockRead):
the thread reading the exports, after them, or the command itself, which would otherwise only
wait when orders.xlsx came from the parsed-sheet cache and the exports are still being read.
Either way the import does the very same thing to the very same workbooks. Real exports and
workbooks, written and read back; each side forced in turn by holding the other one back."""

from __future__ import annotations

import shutil
import threading
import time
import zipfile
from contextlib import contextmanager

import openpyxl
import pytest

from shopbook.io import cache
from shopbook.io.reader import read_workbook, sheet_parts
from shopbook.orders import workflow
from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS, STOCK, OrderStatus
from shopbook.shop import open_shop
from taobao_fixtures import write_pair
from test_order_life import moves_of, status_of, tb_detail, tb_order
from test_orders import TODAY, build_shop

NOS = ["3600000000000000201", "3600000000000000202", "3600000000000000203"]


def _force(monkeypatch, side: str) -> list:
    """Which side read stock.xlsx, each import: "command" holds the exports' read until the command
    has taken stock.xlsx; "thread" holds the command, once it has read orders.xlsx, until the
    thread has taken it."""
    took: list = []
    real_claim, real_read, real_begun = workflow._StockRead.claim, workflow.read_order_files, workflow.parse_begun
    by_command, by_thread = threading.Event(), threading.Event()

    def claim(self):
        got = real_claim(self)
        if got:
            mine = threading.current_thread() is threading.main_thread()
            took.append("command" if mine else "thread")
            (by_command if mine else by_thread).set()
        return got

    def read_order_files(files, password=None):
        if side == "command":
            by_command.wait(30)
            by_command.clear()
        return real_read(files, password)

    @contextmanager
    def parse_begun(event):
        with real_begun(event):
            yield event
        if side == "thread":
            by_thread.wait(30)
            by_thread.clear()

    monkeypatch.setattr(workflow._StockRead, "claim", claim)
    monkeypatch.setattr(workflow, "read_order_files", read_order_files)
    monkeypatch.setattr(workflow, "parse_begun", parse_begun)
    return took


def _books(shop) -> dict:
    """Every cell of orders.xlsx and stock.xlsx, as openpyxl reads the files back."""
    out = {}
    for p in (shop.path(ORDERS), shop.path(STOCK)):
        wb = openpyxl.load_workbook(p)
        out[p.name] = {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}
    return out


def _cached(shop) -> None:
    """orders.xlsx read once, as `validate` would: its parsed sheets kept in .shopbook-cache/."""
    read_workbook(shop.path(ORDERS), ORDERS)


def _first(tmp_path, shop) -> None:
    day1 = write_pair(tmp_path / "d1", [tb_order(n) for n in NOS], [tb_detail(n, "SH-BK-M") for n in NOS],
                      stamp="20261121")
    import_orders(shop, list(day1), today=TODAY)


def _later(tmp_path, shop) -> dict:
    """The later export: one order shipped from 千牛, one closed. Its summary."""
    day2 = write_pair(tmp_path / "d2", [tb_order(NOS[0], "卖家已发货，等待买家确认", courier="中通快递",
                                                 tracking="7300000201", shipped="2026-11-22 15:00:00"),
                                        tb_order(NOS[1], "交易关闭", close="买家不想买了"), tb_order(NOS[2])],
                      [tb_detail(NOS[0], "SH-BK-M", "卖家已发货，等待买家确认"), tb_detail(NOS[1], "SH-BK-M", "交易关闭"),
                       tb_detail(NOS[2], "SH-BK-M")], stamp="20261122")
    return import_orders(shop, list(day2), today=TODAY).to_json()


def test_stock_read_by_the_command_or_by_the_thread_the_import_does_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "MIN_BYTES", 0)  # the little test workbooks are cached too
    base = build_shop(tmp_path / "base")
    _first(tmp_path / "a", base)
    _cached(base)
    twin = tmp_path / "twin"
    shutil.copytree(base.folder, twin)
    took = _force(monkeypatch, "command")
    by_command = _later(tmp_path / "a", base)
    assert took == ["command"]
    monkeypatch.undo()
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    took = _force(monkeypatch, "thread")
    shop = open_shop(twin)
    by_thread = _later(tmp_path / "a", shop)
    assert took == ["thread"]
    assert by_command == by_thread
    assert _books(base) == _books(shop)
    assert status_of(shop)[NOS[0]] is OrderStatus.SHIPPED and status_of(shop)[NOS[1]] is OrderStatus.CANCELLED
    assert [m[0] for m in moves_of(shop)] == [NOS[0]]  # the shipment's stock out once, read with 出库 either way


def test_a_command_that_parsed_orders_xlsx_leaves_stock_xlsx_to_the_thread(tmp_path, monkeypatch):
    """A first import (nothing of orders.xlsx in the cache) whose command is done with orders.xlsx
    while the exports are still being read does not read stock.xlsx itself: the exports may ship
    nothing, and a year of movements would then be read for nothing."""
    shop = build_shop(tmp_path)
    real_read = workflow.read_order_files
    claims: list = []
    real_claim = workflow._StockRead.claim

    def slow_read(files, password=None):
        time.sleep(1)  # the command has read orders.xlsx long before
        return real_read(files, password)

    def claim(self):
        claims.append(threading.current_thread() is threading.main_thread())
        return real_claim(self)

    monkeypatch.setattr(workflow, "read_order_files", slow_read)
    monkeypatch.setattr(workflow._StockRead, "claim", claim)
    _first(tmp_path, shop)
    assert claims == [False]  # the thread's, after the exports


def test_a_stock_book_whose_movements_do_not_read_stops_no_import_that_ships_nothing(tmp_path, monkeypatch):
    """The command reads stock.xlsx with its 出库 sheet before it knows whether anything shipped
    (orders.xlsx from the cache);
    where nothing did and that sheet does not read (its XML broken: a cell not closed), the import
    goes on with the products alone, as it always did."""
    shop = build_shop(tmp_path)
    path = shop.path(STOCK)
    with zipfile.ZipFile(path) as z:
        part = sheet_parts(z)["出入库"]
        files = {i.filename: z.read(i) for i in z.infolist()}
    xml = files[part]
    at = xml.find(b"</sheetData>")
    files[part] = xml[:at] + b'<row r="9"><c r="A9" t="n"><v>1</v></row>' + xml[at:]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    _cached(shop)
    took = _force(monkeypatch, "command")
    day1 = write_pair(tmp_path / "d1", [tb_order(n) for n in NOS], [tb_detail(n, "SH-BK-M") for n in NOS],
                      stamp="20261121")
    res = import_orders(shop, list(day1), today=TODAY)
    assert took == ["command"]
    assert sorted(ln.order_no for ln in res.imported) == NOS
    assert set(status_of(shop).values()) == {OrderStatus.NEW}


def test_the_stock_book_an_import_read_in_part_is_kept_whole_after_the_command(tmp_path, monkeypatch):
    """Exports that ship nothing: the import reads stock.xlsx's products alone. The writer that keeps
    the command line's cache entries after its result is out (a process of its own, which the person
    does not wait for) parses the whole stock book too, so the later export that ships finds its 出库
    sheet parsed (a year of movements, 0.9 s cold). Never where that writer is the command itself:
    the person would wait for it."""
    from shopbook.io import reader

    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.setattr(cache, "_at_exit", [])  # the command line's mode (cli.main)
    shop = build_shop(tmp_path / "s")
    _first(tmp_path / "a", shop)
    whole = cache.entry_path(shop.path(STOCK), STOCK.key, None)
    kept = cache.take_kept()
    cache.write_entries(kept)  # written before the exit (Windows, SHOPBOOK_APART=0): no read for it
    assert not whole.exists()
    let_go: list = []
    cache.write_entries(kept, apart=lambda: let_go.append(whole.exists()))
    assert let_go == [False] and whole.exists()  # read after the writer let the next command go on
    parsed: list = []
    real = reader._read_workbook
    monkeypatch.setattr(reader, "_read_workbook", lambda p, *a, **k: parsed.append(p.name) or real(p, *a, **k))
    summary = _later(tmp_path / "a", shop)
    assert "stock.xlsx" not in parsed
    assert summary["movements"] and [m[0] for m in moves_of(shop)] == [NOS[0]]
    _later(tmp_path / "a", shop)  # the same export again: its stock out still once
    assert [m[0] for m in moves_of(shop)] == [NOS[0]]


def test_the_command_line_s_writer_keeps_the_stock_book_whole_after_an_import(tmp_path, monkeypatch):
    """As above, from the shell: `shopbook orders import` of exports that ship nothing returns, and
    its writer then keeps stock.xlsx whole, from which the sheets the later import reads come."""
    from test_cache_after_exit import shopbook

    from shopbook.io import at_exit, background
    from shopbook.schema import Movement, Product

    if not background.can_fork():
        pytest.skip("the writer is a process of its own on Linux only")
    shop = build_shop(tmp_path / "s")
    day1 = write_pair(tmp_path / "d1", [tb_order(n) for n in NOS], [tb_detail(n, "SH-BK-M") for n in NOS],
                      stamp="20261121")
    r = shopbook("orders", "import", str(shop.folder), *map(str, day1))  # (every workbook cached, there)
    assert r.returncode == 0, r.stdout + r.stderr
    assert at_exit.wait_for_writers(shop.folder, timeout=120)  # the entries; the whole book is read after them
    whole = cache.entry_path(shop.path(STOCK), STOCK.key, None)
    end = time.monotonic() + 120
    while not whole.exists() and time.monotonic() < end:
        time.sleep(0.05)
    assert whole.exists()
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.setattr(cache, "disabled", False)
    monkeypatch.setattr(cache, "_by_folder", {})
    hits = cache.stats["hits"]
    got = read_workbook(shop.path(STOCK), STOCK, (Product, Movement))
    assert cache.stats["hits"] == hits + 1 and got.rows(Product)


def test_a_stock_book_saved_again_before_the_writer_reads_it_is_not_kept_as_read(tmp_path, monkeypatch):
    """Another command (or Excel) saves stock.xlsx after the import, before the writer after it reads
    the book whole: no entry is made of what the import saw, and the next read has the new product."""
    from test_orders import add_products, product

    from shopbook.schema import Product

    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.setattr(cache, "_at_exit", [])  # the command line's mode (cli.main)
    shop = build_shop(tmp_path / "s")
    _first(tmp_path / "a", shop)
    kept = cache.take_kept()
    add_products(shop, product("SH-RD-M", "SH01", "红色", "M", "A-02-1", "0690000000062", 4))  # a colleague's save
    writes = cache.stats["writes"]
    read: list = []
    cache.write_entries([args for args in kept if isinstance(args[3], cache._WholeRead)],
                        apart=lambda: read.append(True))
    assert read == [True] and cache.stats["writes"] == writes  # asked for, and nothing kept
    assert "SH-RD-M" in {p.sku for p in read_workbook(shop.path(STOCK), STOCK, (Product,)).rows(Product)}
