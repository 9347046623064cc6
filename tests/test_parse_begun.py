"""Work beside a big read waits for the read's parse to begin (io.reader.parse_begun): the
read's own checks before it (the sheet's XML unpacked and looked at, the header found) hold the
GIL, and work started at once slowed them (an import's cold first run: 2.98 → 2.66 s). Real
workbooks through both readers; the event is set as the parse begins, or at the end at the latest."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from test_record_memory import orders_book

from shopbook.io import arrow_read, background, limits, reader
from shopbook.schema import KPI, ORDERS

DEMO = Path(__file__).resolve().parents[1] / "xlsx"


@pytest.fixture
def big(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(reader, "ARROW_MIN_BYTES", 0)  # the test's few thousand lines count as big
    return orders_book(tmp_path / "orders.xlsx", False)


def probe(monkeypatch, module, name: str, began: threading.Event, seen: list) -> None:
    """`module.name` records whether `began` was set when it was called."""
    real = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *a, **k: (seen.append((name, began.is_set())), real(*a, **k))[1])


@pytest.mark.parametrize("arrow", ["1", "0"])
def test_the_event_is_set_as_the_parse_begins_not_before(big, monkeypatch, arrow):
    monkeypatch.setenv("SHOPBOOK_ARROW_READ", arrow)
    began, seen = threading.Event(), []
    probe(monkeypatch, limits, "far_reach", began, seen)  # a check before the parse, in both readers
    probe(monkeypatch, reader, "_scan_beside", began, seen)  # the scans beside the parse
    if arrow == "1":
        probe(monkeypatch, arrow_read, "_parse", began, seen)  # fastexcel's parse
    with reader.parse_begun(began):
        wd = reader._read_workbook(big, ORDERS)
    assert ("far_reach", False) in seen and ("far_reach", True) not in seen[:1]
    if arrow == "1":
        assert ("_parse", True) in seen and ("_parse", False) not in seen
    assert len(wd.sheets[ORDERS.sheets[0]].records) > 1000


def test_a_read_with_no_big_parse_sets_it_as_it_ends():
    began = threading.Event()
    with reader.parse_begun(began):
        reader._read_workbook(DEMO / "kpi.xlsx", KPI)  # a few kB of XML: no parse that counts
        assert not began.is_set()
    assert began.is_set()


def test_work_beside_waits_for_the_event(big, monkeypatch):
    if not background.CAN_THREAD:
        pytest.skip("no threads: work beside runs at once")
    monkeypatch.setenv("SHOPBOOK_ARROW_READ", "1")
    began, order = threading.Event(), []
    real = arrow_read._parse
    monkeypatch.setattr(arrow_read, "_parse", lambda *a: (order.append("parse"), real(*a))[1])
    later = background.beside(lambda: order.append("beside"), head_start=began)
    with reader.parse_begun(began):
        reader._read_workbook(big, ORDERS)
    later.result()
    assert order[0] == "parse" and "beside" in order
