"""A sheet's records are made when first asked for: a job that needs a few of them (an import,
the orders its files name; the 出库 rows it checks as fields) gets exactly the records and
values the whole read gives, without making a year of the others; every row is still read and
checked when the workbook is read (its issues, unreadable rows and notes are there at once)."""

from __future__ import annotations

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from platform_fixtures import pdd_row, write_pdd
from shopbook.io import reader
from shopbook.io.reader import record_fields, records_where
from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS, OrderLine, OrderStatus
from shopbook.shop import open_shop
from test_arrow_read import dump
from test_header_clash import small_shop


def _with_odd_rows(path) -> str:
    """Below the 30 orders: a blank row, an order whose quantity does not read (the cell
    returned), a totals row, a note."""
    wb = openpyxl.load_workbook(path)
    ws = wb["订单"]
    heads = {c.value: c.column for c in ws[1]}
    n = ws.max_row
    for col in range(1, ws.max_column + 1):
        ws.cell(n + 2, col).value = ws.cell(n, col).value
    ws.cell(n + 2, heads["订单编号"]).value = "A99"
    ws.cell(n + 2, heads["数量"]).value = "两件"
    ws.cell(n + 3, heads["数量"]).value = "=SUM(1,2)"
    ws.cell(n + 3, 1).value = "合计"
    ws.cell(n + 4, 1).value = "说明：红色的单子是加急的"
    wb.save(path)
    return f"{get_column_letter(heads['数量'])}{n + 2}"


def _made_records(monkeypatch) -> list:
    """The models of every record made from a sheet's cells from now on."""
    made: list = []
    real = reader.record_maker

    def counting(model, keys, fields_set):
        make = real(model, keys, fields_set)

        def one(values):
            made.append(model)
            return make(values)
        return one

    monkeypatch.setattr(reader, "record_maker", counting)
    return made


@pytest.mark.parametrize("arrow", ["0", "1"])
def test_the_records_asked_for_are_those_of_the_whole_read(tmp_path, monkeypatch, arrow):
    monkeypatch.setattr(reader, "ARROW_MIN_BYTES", 0)  # small sheets take the Arrow read too
    monkeypatch.setenv("SHOPBOOK_ARROW_READ", arrow)
    path = small_shop(tmp_path) / "orders.xlsx"
    bad = _with_odd_rows(path)
    made = _made_records(monkeypatch)
    eager = reader.read_workbook(path, ORDERS)
    assert made.count(OrderLine) == 30  # made by the time a read returns, unless it is asked to wait
    eager = dump(eager)

    made.clear()
    wd = reader.read_workbook(path, ORDERS, lazy=True)
    sd = wd.sheets[OrderLine]
    assert made.count(OrderLine) == 0
    assert [i.cell for i in sd.issues if i.is_error] == [bad] and len(sd.unreadable) == 1  # checked at the read
    wanted = {"A3", "A17", "A99", "nowhere"}
    few = records_where(sd, "order_no", wanted)
    fields = record_fields(sd, "order_no", "qty", "row")
    again = records_where(sd, "order_no", {"A17"})
    whole = sd.records

    assert [r.order_no for r in few] == ["A3", "A17"]  # the unreadable A99 is no record
    assert all(a is b for a, b in zip(few, [r for r in whole if r.order_no in wanted]))
    assert again[0] is few[1]
    assert fields == [(r.order_no, r.qty, r.row) for r in whole] and len(fields) == 30
    assert dump(wd) == eager
    assert records_where(sd, "order_no", {"A5"}) == [whole[4]]  # asked after the whole list is made


def test_an_import_makes_records_only_for_the_orders_its_files_name(tmp_path, monkeypatch):
    folder = small_shop(tmp_path)
    shop = open_shop(folder)
    nos = [f"261121-{k:015d}" for k in range(1, 41)]
    import_orders(shop, [write_pdd(tmp_path / "day1", [pdd_row(no, "待发货", "P1") for no in nos])])
    later = write_pdd(tmp_path / "day2", [
        pdd_row(nos[4], "已发货，待收货", "P1", tracking="YT0001", courier="圆通快递", shipped="2026-11-22 10:00:00"),
        pdd_row(nos[9], "未发货，退款成功", "P1", after="退款成功"), pdd_row("261122-000000000000001", "待发货", "P1")],
        name="orders_export_20261122.csv")

    made = _made_records(monkeypatch)
    res = import_orders(shop, [later])
    assert made.count(OrderLine) == 2  # of the sheet's 70 lines, the two orders the file names

    monkeypatch.undo()
    lines = {ln.order_no: ln for ln in reader.read_workbook(folder / "orders.xlsx", ORDERS).rows(OrderLine)}
    assert len(lines) == 71
    assert (lines[nos[4]].status, lines[nos[4]].tracking_no) == (OrderStatus.SHIPPED, "YT0001")
    assert lines[nos[9]].status is OrderStatus.CANCELLED and lines["261122-000000000000001"].qty == 1
    assert {c.order_no for c in res.changes} == {nos[4], nos[9]} and len(res.imported) == 1
    assert all(lines[no].status is OrderStatus.NEW for no in nos if no not in (nos[4], nos[9]))


def test_a_cache_hit_makes_records_only_when_asked_as_a_cold_read_does(tmp_path, monkeypatch):
    """Served from the parsed-sheet cache, a sheet's records wait to be asked for too: the re-import
    of a year's orders, read from the entry its first import left, makes only the named orders.
    What it gives, a few or all, is what the cold read gives (totals, note and unreadable rows
    below the orders: the entry's rows are not counted from the header, they are named)."""
    from shopbook.io import cache
    from test_cache import cold, snapshot

    monkeypatch.setattr(cache, "disabled", False)
    monkeypatch.setattr(cache, "_by_folder", {})
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    path = small_shop(tmp_path) / "orders.xlsx"
    _with_odd_rows(path)
    want = cold(path, ORDERS)
    reader.read_workbook(path, ORDERS)  # a miss: the entry is written
    made = _made_records(monkeypatch)
    hits = cache.stats["hits"]
    wd = reader.read_workbook(path, ORDERS, lazy=True)
    assert cache.stats["hits"] == hits + 1 and made.count(OrderLine) == 0
    sd = wd.sheets[OrderLine]
    few = records_where(sd, "order_no", {"A3", "A17", "A99"})
    assert [(r.order_no, r.row) for r in few] == [("A3", 4), ("A17", 18)] and made.count(OrderLine) == 2
    assert record_fields(sd, "order_no", "row")[-1] == ("A30", 31) and made.count(OrderLine) == 2
    assert snapshot(wd) == want  # every record now, the two made before among them
    assert few[1] is sd.records[16]
