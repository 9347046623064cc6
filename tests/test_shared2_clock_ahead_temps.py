"""Two PCs on one shared shop folder, this one's clock 5 minutes ahead of the file server's. Another PC's
`customers` (a command that writes its report without the shop lock) was writing its temp file in reports/
when this PC's job took the lock: the temp's mtime, set by the server that second, looked 5 minutes old by
this PC's clock, so the job removed it as a stray of a run that was gone, under the live writer. A temp of
another PC is now judged by the share's own clock (the ctime it gave the lock file just made); one left by
a run gone an hour ago still goes."""

from __future__ import annotations

import os
import time

from shopbook.io import files, journal, lock


def test_another_pcs_temp_written_just_now_is_kept_by_a_pc_whose_clock_is_ahead(tmp_path, monkeypatch):
    folder = tmp_path / "shop"
    (folder / "reports").mkdir(parents=True)
    live = folder / "reports" / f".客户-2026-12-05.till-pc~4242~a1b2c3{files.TEMP_MARK}.xlsx"
    live.write_bytes(b"PK being written")  # its mtime: the file system's now
    gone = folder / "reports" / f".客户-2026-12-04.till-pc~4242~d4e5f6{files.TEMP_MARK}.xlsx"
    gone.write_bytes(b"PK left by a crash")
    old = time.time() - 3600
    os.utime(gone, (old, old))
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 300)  # this PC: 5 minutes ahead
    lock.acquire(folder, "daily")
    try:
        assert live.exists(), "another PC's temp written this second removed as a stray"
        assert not gone.exists()
        assert journal.recovered(folder) == []  # (a stray temp: removed, not said)
    finally:
        lock.release(folder)
