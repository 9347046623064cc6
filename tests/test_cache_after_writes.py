"""The commands that rewrite orders.xlsx or stock.xlsx once (`orders review`, `picklist`, `ship`,
`orders import`) leave the versions they wrote in the parsed-sheet cache for the next command, as
`daily` and `orders morning` do (issue 20: the cache is written whenever shopbook reads or writes
a workbook). What they changed is proven against the new file and kept by the writer that runs
once the result is out. Real `shopbook` runs on real workbooks; every entry of a workbook's
present content must be what a cold read of the file gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shopbook.io import background, cache
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, STOCK, Movement, Product
from shopbook.workbook_builder import write_workbook
from test_cache import cold, snapshot
from test_import_carry import moves, shopbook_cli as shopbook
from test_orders import build_shop, exports, scan_text

pytestmark = pytest.mark.skipif(not background.CAN_FORK, reason="the command line's writer is forked on Linux only")


@pytest.fixture(autouse=True)
def cache_on(monkeypatch):
    monkeypatch.setattr(cache, "disabled", False)
    monkeypatch.setattr(cache, "_by_folder", {})
    monkeypatch.setattr(cache, "MIN_BYTES", 0)


def entries_now(path: Path, spec) -> dict:
    """{models: the entry's read} of every entry of the workbook's present content."""
    import pyarrow as pa

    by_name = {m.__name__: m for m in spec.sheets}
    st, out = path.stat(), {}
    for entry in (path.parent / cache.CACHE_DIR).glob(f"{path.name}.{spec.key}.*.arrow"):
        meta = json.loads(pa.ipc.open_file(pa.memory_map(str(entry))).schema.metadata[b"shopbook"])
        models = None if entry.name.endswith(".all.arrow") else tuple(by_name[s["model"]] for s in meta["sheets"])
        wd, _ = cache.load(path, spec, models, st)
        if wd is not None:
            out[models] = wd
    return out


def kept(folder: Path, spec) -> int:
    """How many entries the workbook's present content has, each checked against a cold read."""
    path = folder / spec.filename
    found = entries_now(path, spec)
    for models, wd in found.items():
        assert snapshot(wd) == cold(path, spec, models), (spec.key, models)
    return len(found)


def test_each_write_of_the_day_leaves_its_workbooks_for_the_next_command(tmp_path):
    shop = build_shop(tmp_path)
    folder = shop.folder
    products = read_workbook(shop.path(STOCK), STOCK, (Product,)).rows(Product)  # a stock book with its movements
    write_workbook(shop.path(STOCK), STOCK, "zh", {Product: products, Movement: moves(25)}, keep_backup=False)
    # (the first lines of an empty sheet are not carried: they could compete with its header, test_import_carry)
    shopbook(folder, "orders", "import", str(folder), *map(str, exports(tmp_path)))
    for argv in (["orders", "review", str(folder)], ["picklist", str(folder)]):
        cache.clear(folder)
        shopbook(folder, *argv)
        assert kept(folder, ORDERS) >= 1, argv  # the version the command wrote, not a read of the one before
    scans = tmp_path / "scan.txt"
    scans.write_text(scan_text((("3515131473293579", "中通", "7310001"), ("0690000000017", "0690000000017"))),
                     encoding="utf-8")
    cache.clear(folder)
    shopbook(folder, "ship", str(folder), str(scans))
    assert kept(folder, ORDERS) >= 1 and kept(folder, STOCK) >= 1  # the order shipped, its stock out


def test_where_the_writer_is_no_process_of_its_own_the_prompt_does_not_wait_for_a_proof(tmp_path):
    """Without a writer of its own after the command (Windows, SHOPBOOK_APART=0) the entries are
    written before the prompt comes back: the version a command wrote is then not proven for the
    next one (a year's orders: ~1.5 s the person would wait); what it read as it was is kept."""
    shop = build_shop(tmp_path)
    folder = shop.folder
    shopbook(folder, "orders", "import", str(folder), *map(str, exports(tmp_path)))
    cache.clear(folder)
    shopbook(folder, "orders", "review", str(folder), env={"SHOPBOOK_APART": "0"})
    assert kept(folder, ORDERS) == 0 and kept(folder, STOCK) == 1
