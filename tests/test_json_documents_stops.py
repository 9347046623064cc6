"""test_json_documents (every command's `--json` as one JSON document) when the command stops: a folder that
is no shop, a cell that does not read, a usage error, each one stop document in both languages (moved from
test_json_documents, unchanged)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import test_json_documents
from cli_run import type_in
from test_json_documents import READS, WRITES, argv, shopbook

from shopbook.io.cache import CACHE_DIR

# test_json_documents's fixtures, bound here so that pytest finds them for the tests below
files = test_json_documents.files
shops = test_json_documents.shops


@pytest.mark.parametrize("line", READS + WRITES)
def test_a_command_that_stops_prints_its_stop_document(line, files, tmp_path):
    """A folder that is no shop: exit 2, and on stdout the stop, in both languages, naming it."""
    nowhere = tmp_path / "no-shop"
    code, doc, err = shopbook(*argv(line, nowhere, files, "zh"))
    assert code == 2, (code, doc, err)
    stop = doc["stop"]
    assert stop["exit_code"] == 2 and stop["zh"] and stop["en"] and stop["path"] == str(nowhere), stop
    assert stop["written"] == [] and not nowhere.exists()


@pytest.fixture(scope="module")
def _unread_order_line_once(shops, tmp_path_factory):
    shop = Path(shutil.copytree(shops["zh"][0], tmp_path_factory.mktemp("unread") / "shop"))
    type_in(shop / "orders.xlsx", "订单", {(5, "数量"): "十"})
    return shop


def _files_of(shop: Path) -> dict:
    return {p: p.read_bytes() for p in shop.rglob("*") if p.is_file() and CACHE_DIR not in p.parts}


@pytest.fixture
def unread_order_line(_unread_order_line_once):
    """The Chinese demo shop with an order line's 数量 typed 十: one copy for the module (a command that
    stops writes nothing, held below), each command starting from no parsed-sheet cache, as on a copy
    of its own."""
    shop = _unread_order_line_once
    shutil.rmtree(shop / CACHE_DIR, ignore_errors=True)
    before = _files_of(shop)
    yield shop
    assert _files_of(shop) == before, "a command that stopped changed the shop"


@pytest.mark.parametrize("line", ["orders review S", "picklist S", "customers S", "staff pay S --month 2026-11",
                                  "report monthly S --period 2026-11", "orders import S EXPORTS"])
def test_a_cell_that_does_not_read_stops_with_the_cell_in_the_stop_document(line, unread_order_line, files):
    code, doc, _ = shopbook(*argv(line, unread_order_line, files, "zh"))
    assert code == 2 and doc["stop"]["exit_code"] == 2, (code, doc)
    assert doc["stop"]["path"] == str(unread_order_line / "orders.xlsx")
    assert "K5" in doc["stop"]["zh"] and "K5" in doc["stop"]["en"]


def test_a_usage_error_prints_its_stop_document_too(shops):
    code, doc, _ = shopbook("ledger", shops["zh"][1], "--json")  # no --month
    assert code == 2 and doc["stop"]["exit_code"] == 2 and "--month" in doc["stop"]["en"], doc
