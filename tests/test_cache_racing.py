"""Runs racing on one cache folder (and a deleter), and the temp file a stopped writer left
(moved from test_cache, unchanged)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import test_cache
from test_cache import RACER, cold, entry, snapshot

from shopbook.io import cache
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS

# test_cache's fixtures, bound here so that pytest finds them for the tests below
cache_on = test_cache.cache_on
shop = test_cache.shop


def test_racing_runs_and_a_deleter_all_read_what_a_cold_read_gives(shop):
    path = shop / "orders.xlsx"
    book, first = path.read_bytes(), cold(path, ORDERS)  # (the runs only read the file: its cold read at the end)
    want = hashlib.sha256(repr(first).encode()).hexdigest()
    code = RACER.format(tests=str(Path(__file__).parent), path=str(path))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[1] / "src"),
                                                       os.environ.get("PYTHONPATH", "")])}
    env.pop("SHOPBOOK_NO_CACHE", None)
    stop = threading.Event()

    def deleter():  # removes the folder, or corrupts the entry, while the runs read and write it
        n = 0
        while not stop.is_set():
            n += 1
            if n % 2:
                shutil.rmtree(shop / cache.CACHE_DIR, ignore_errors=True)
            else:
                try:
                    entry(path, ORDERS).write_bytes(b"ARROW1 but not really")
                except OSError:
                    pass
            stop.wait(0.05)

    t = threading.Thread(target=deleter)
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=env, text=True) for _ in range(2)]
    t.start()
    try:
        results = [p.communicate(timeout=120) for p in procs]
    finally:
        stop.set()
        t.join()
    for (stdout, stderr), p in zip(results, procs):
        assert p.returncode == 0, stderr
        digests, _stats = json.loads(stdout.strip().splitlines()[-1])
        assert digests == [want] * 3
    # racing without the deleter: every run ends with whole entries and no temp files left
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=env, text=True) for _ in range(2)]
    for p in procs:
        stdout, stderr = p.communicate(timeout=120)
        assert p.returncode == 0, stderr
        assert json.loads(stdout.strip().splitlines()[-1])[0] == [want] * 3
    assert not [p for p in (shop / cache.CACHE_DIR).iterdir() if p.suffix == ".tmp"]
    assert path.read_bytes() == book and snapshot(read_workbook(path, ORDERS)) == first


def test_a_temp_file_left_by_a_stopped_writer_is_swept(shop):
    path = shop / "orders.xlsx"
    (shop / cache.CACHE_DIR).mkdir()
    stale = shop / cache.CACHE_DIR / ".orders.xlsx.orders.all.arrow.x1y2.tmp"
    fresh = shop / cache.CACHE_DIR / ".orders.xlsx.orders.all.arrow.z3w4.tmp"
    stale.write_bytes(b"half an entry")
    fresh.write_bytes(b"being written")
    os.utime(stale, (0, 1_000_000))
    read_workbook(path, ORDERS)
    assert not stale.exists() and fresh.exists()  # a writer still at work is left alone
    assert snapshot(read_workbook(path, ORDERS)) == cold(path, ORDERS)
