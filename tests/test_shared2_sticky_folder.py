"""A shop folder with the sticky bit (chmod +t: 1777 or 3775, as some shares are set up so that nobody
deletes a colleague's files). There only a file's owner may rename over it or delete it, whatever the group
may write: a colleague's `orders review` worked a whole review and was then refused the replace, said as
"it may be open in Excel" (no one had it open); and a dead job's lock that this user could not remove had
every writing command (and doctor) spin at full CPU for ever, past SHOPBOOK_LOCK_WAIT, without a word.
Now each stops at once saying the sticky bit, whose file it is and what to do; a lock that is not removed
for another reason is waited for (and said) as a live one, never spun on.

The other user is this process with another user id as the code asks for it (os.geteuid): the tests run
as root here, where the rename itself would go through."""

from __future__ import annotations

import json
import os
import threading

import pytest
from test_concurrency import small_shop

from shopbook.io import files, lock
from shopbook.issues import ShopbookError
from shopbook.orders.workflow import review
from shopbook.shop import open_shop

pytestmark = pytest.mark.skipif(os.name == "nt", reason="no sticky bit on Windows")
COLLEAGUE = 4322  # not the files' owner, nor the folder's, nor root


def sticky_shop(tmp_path, monkeypatch):
    folder = tmp_path / "shop"
    small_shop(folder)
    os.chmod(folder, 0o3777)
    monkeypatch.setattr(os, "geteuid", lambda: COLLEAGUE)
    return folder


def dead_lock(folder) -> bytes:
    raw = json.dumps({"host": lock.host_name(), "user": "amy", "pid": 2 ** 22 + 7, "command": "shopbook daily shop",
                      "since": "2026-12-05 08:00:00 +0800", "token": "t"}).encode()
    (folder / lock.LOCK_NAME).write_bytes(raw)
    return raw


def test_a_colleagues_workbook_in_a_sticky_folder_is_said_before_the_work(tmp_path, monkeypatch):
    folder = sticky_shop(tmp_path, monkeypatch)
    before = (folder / "orders.xlsx").read_bytes()
    with pytest.raises(ShopbookError) as e:
        review(open_shop(folder))
    assert "粘滞位" in e.value.zh and "chmod -t" in e.value.zh and "Excel" not in e.value.zh
    assert "sticky bit" in e.value.en and "nothing was written" in e.value.en and "Excel" not in e.value.en
    assert (folder / "orders.xlsx").read_bytes() == before
    assert not [p for p in folder.iterdir() if files.TEMP_MARK in p.name] and not (folder / lock.LOCK_NAME).exists()


def acquire_within(folder, monkeypatch, seconds: float) -> list:
    """lock.acquire in a thread: what it came to ("taken", or the stop), [] when it was still at it after
    `seconds` (a spinning one is let go: the lock removed by the real break_stale, it takes it and ends)."""
    out: list = []

    def take():
        try:
            lock.acquire(folder, "orders review")
            out.append("taken")
        except ShopbookError as e:
            out.append(e)

    t = threading.Thread(target=take, daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive():
        monkeypatch.undo()
        t.join(5)
        if out == ["taken"]:
            lock.release(folder)
        return []
    return out


def test_a_dead_jobs_lock_this_user_may_not_remove_stops_at_once(tmp_path, monkeypatch):
    folder = sticky_shop(tmp_path, monkeypatch)
    raw = dead_lock(folder)
    monkeypatch.setattr(lock, "break_stale", lambda folder, raw: False)  # as the folder refuses its removal
    monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", "30")
    out = acquire_within(folder, monkeypatch, 5)
    assert out and isinstance(out[0], ShopbookError), out or "acquire spun past 5 s"
    e = out[0]
    assert "amy@" in e.zh and "粘滞位" in e.zh and "shopbook doctor" in e.zh
    assert "sticky bit" in e.en and "Nothing was written" in e.en
    assert (folder / lock.LOCK_NAME).read_bytes() == raw and not lock.held(folder)


def test_a_lock_that_is_not_removed_is_waited_for_never_spun_on(tmp_path, monkeypatch):
    """(Not a sticky folder: a share refusing the rename for a while.) The wait ends at SHOPBOOK_LOCK_WAIT with
    the holder named, having tried the removal a few times, not hundreds of thousands."""
    folder = tmp_path / "shop"
    folder.mkdir()
    dead_lock(folder)
    tries = []
    monkeypatch.setattr(lock, "break_stale", lambda folder, raw: tries.append(1) and False)
    monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", "0.3")
    out = acquire_within(folder, monkeypatch, 5)
    assert out and isinstance(out[0], ShopbookError) and "amy@" in out[0].zh, out or "acquire spun past 5 s"
    assert len(tries) < 100


def test_doctor_names_a_colleagues_workbook_in_a_sticky_folder(tmp_path, monkeypatch):
    """doctor said nothing of the sticky bit: a colleague could write orders.xlsx but no command could replace it.
    Each such workbook is now a finding (to look at, never repaired), with whose it is and chmod -t."""
    from shopbook.doctor import check

    folder = sticky_shop(tmp_path, monkeypatch)
    said = [f for f in check(folder, repair=False).findings if f.kind == "unwritable"]
    assert {f.path.name for f in said} >= {"orders.xlsx", "stock.xlsx"}, said
    assert all("粘滞位" in f.zh and "chmod -t" in f.zh and "sticky bit" in f.en for f in said), said
