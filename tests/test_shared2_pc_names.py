"""Two Windows PCs named in Chinese (张三的电脑, 李四的电脑) on one shared shop folder: a temp file's name carries
its PC's name with every other character made "-", so both were "-----", and each took the other's temp
files for its own. 张三's job, taking the lock, found 李四's temp (a report `customers` was writing that
second, without the lock), saw its pid was no process of its own PC, and removed it under the live writer.
A PC name that is not plain is now told apart by a hash of it; a plain one is as before."""

from __future__ import annotations

import os

from shopbook.io import files, journal, lock


def test_two_pcs_named_in_chinese_keep_their_temp_files_apart(tmp_path, monkeypatch):
    folder = tmp_path / "shop"
    (folder / "reports").mkdir(parents=True)
    monkeypatch.setattr(lock, "host_name", lambda: "李四的电脑")
    theirs = files.new_temp(folder / "reports" / "客户-2026-12-05.xlsx")  # 李四's, being written
    theirs = theirs.rename(theirs.with_name(theirs.name.replace(f"~{os.getpid()}~", "~4194311~")))  # (a pid not here)
    monkeypatch.setattr(lock, "host_name", lambda: "张三的电脑")
    assert files.temp_owner(theirs)[0] != files._host_tag()
    lock.acquire(folder, "daily")
    try:
        assert theirs.exists(), "another PC's temp written this second removed as this PC's dead process's"
        assert journal.recovered(folder) == []
    finally:
        lock.release(folder)
    monkeypatch.setattr(lock, "host_name", lambda: "DESKTOP-AB12CD")
    assert files._host_tag() == "DESKTOP-AB12CD"
