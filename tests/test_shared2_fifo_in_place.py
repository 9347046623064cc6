"""Something that is not a file where shopbook keeps its own state in the shop folder (a FIFO, as a hostile or
broken tool may leave; README: a FIFO is passed over, never opened to block): the run record
.shopbook-cache/validate.run.json, the lock .shopbook.lock and the journal .shopbook-journal.json were opened
as files, and an open of a FIFO with no writer blocks for ever: `validate`, every writing command and doctor
hung without a word. The record is now passed over (a miss), the lock and the journal are said (exit 2)."""

from __future__ import annotations

import os
import threading

import pytest

from shopbook.io import cache, journal, lock, memo
from shopbook.issues import ShopbookError

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")


def within(fifo, fn, seconds: float = 5) -> list:
    """fn() in a thread: [its result or what it raised], [] when it still blocked after `seconds` (let go by
    a writer opening the FIFO)."""
    out: list = []

    def run():
        try:
            out.append(fn())
        except Exception as e:  # noqa: BLE001 - what it raised is the result here
            out.append(e)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive():
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
        t.join(5)
        return []
    return out


def test_a_fifo_where_shopbooks_own_files_go_never_blocks(tmp_path, monkeypatch):
    folder = tmp_path / "shop"
    (folder / cache.CACHE_DIR).mkdir(parents=True)
    record = folder / cache.CACHE_DIR / "validate.run.json"
    os.mkfifo(record)
    assert within(record, lambda: memo.load(folder, "validate", {"format": 1})) == [None]

    os.mkfifo(folder / lock.LOCK_NAME)
    monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", "0.2")
    out = within(folder / lock.LOCK_NAME, lambda: lock.acquire(folder, "orders review"))
    assert out and isinstance(out[0], ShopbookError), out or "blocked on the lock"
    assert "不是普通文件" in out[0].zh and "not a plain file" in out[0].en
    os.unlink(folder / lock.LOCK_NAME)

    os.mkfifo(folder / journal.JOURNAL_NAME)
    out = within(folder / journal.JOURNAL_NAME, lambda: journal.finish_journal(folder))
    assert out and isinstance(out[0], ShopbookError), out or "blocked on the journal"
