"""QA: a shop folder on a small disk (a NAS share's quota, a 4 GB USB stick). `orders import` stopped:
the disk is full, orders.xlsx stays as it was, free some space. With 3.1 MB free before the run there were
0.76 MB after it: the parsed-sheet cache had written a 2.4 MB entry of the orders.xlsx it had read, once
the result was out, on the disk that had just said it was full. The person freed the room the message
asked for; the cache had taken it, and the next run said the disk was full again. An entry is now written
only where the disk keeps room for the workbook's next write (its temp file and its backup) and to spare."""

from __future__ import annotations

import shutil
from collections import namedtuple
from pathlib import Path

import pytest

from shopbook.io import cache
from shopbook.io.reader import read_workbook
from shopbook.schema import KPI

DEMO = Path(__file__).resolve().parents[1] / "xlsx"
Usage = namedtuple("Usage", "total used free")


@pytest.fixture
def kpi(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(cache, "disabled", False)
    monkeypatch.setattr(cache, "_by_folder", {})
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    folder = tmp_path / "店铺 共享"
    folder.mkdir()
    return Path(shutil.copy2(DEMO / "kpi.xlsx", folder / "kpi.xlsx"))


def free_space(monkeypatch, free: int) -> None:
    real = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda p: Usage(real(p).total, real(p).used, free))


def test_a_nearly_full_disk_gets_no_cache_entry(kpi, monkeypatch):
    entry = cache.entry_path(kpi, KPI.key, None)
    # room for the workbook's next write but not beyond it: the entry would take what that write needs
    free_space(monkeypatch, 2 * kpi.stat().st_size + cache.ROOM_SPARE)
    cold = read_workbook(kpi, KPI)
    assert not entry.exists() and not list(kpi.parent.glob(".shopbook-cache/.*.tmp")), \
        "a cache entry written on a disk with no room to spare"
    # with room, the very read is kept as before, and served
    free_space(monkeypatch, 1 << 40)
    read_workbook(kpi, KPI)
    assert entry.read_bytes()[:6] == b"ARROW1"
    hits = cache.stats["hits"]
    assert len(read_workbook(kpi, KPI).sheets) == len(cold.sheets)
    assert cache.stats["hits"] == hits + 1
