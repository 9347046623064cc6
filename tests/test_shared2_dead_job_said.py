"""A writing job killed before its journal (cron's `daily` killed by the OOM killer or a reboot, a laptop shut in
the middle of `orders morning`) leaves its shop lock and temp files. The next writing run cleared them without a
word: the person running `orders review` after the killed `daily` took the day's pick list and e-mail for done.
Now the run that clears such a lock says, once, whose job it was, why it is taken for ended, that the step it
was in wrote nothing, and what to check: on its screen (marked !, not ✓), and in daily's report and e-mail
(journal.recovered). A job finished from its journal is said as before, not twice."""

from __future__ import annotations

import json
import os

from cli_run import flat

from shopbook.io import journal, lock
from shopbook.shop import init_shop


def left_lock(folder, host=None) -> None:
    (folder / lock.LOCK_NAME).write_text(json.dumps({
        "host": host or lock.host_name(), "user": "amy", "pid": 2 ** 22 + 7, "command": "shopbook daily shop",
        "since": "2026-12-05 08:00:00 +0800", "token": "t"}), encoding="utf-8")


def taken(folder, monkeypatch) -> list:
    said: list = []
    monkeypatch.setattr(journal, "on_recovered", lambda _folder, found: said.extend(found))
    lock.acquire(folder, "orders review")
    lock.release(folder)
    return said


def test_a_dead_jobs_lock_is_said_once_by_the_run_that_clears_it(tmp_path, monkeypatch):
    folder = tmp_path / "shop"
    folder.mkdir()
    left_lock(folder)
    temp = folder / f".orders.{lock.host_name()}~{2 ** 22 + 7}~x.shopbook-tmp.xlsx"
    temp.write_bytes(b"half")
    said = taken(folder, monkeypatch)
    assert [f.kind for f in said] == ["lock"], said
    zh, en = journal.recovered_words(said[0])
    assert "amy@" in zh and "shopbook daily shop" in zh and "进程已经不在" in zh and "什么都没有写入" in zh
    assert "did not end properly" in en and "process is gone" in en and "wrote nothing" in en
    assert not temp.exists() and not (folder / lock.LOCK_NAME).exists()
    assert taken(folder, monkeypatch) == []  # said once: the next taking found nothing left


def test_another_pcs_silent_lock_is_said_with_how_long_it_was_still(tmp_path, monkeypatch):
    folder = tmp_path / "shop"
    folder.mkdir()
    left_lock(folder, host="till-pc")
    old = os.stat(folder / lock.LOCK_NAME).st_mtime - 3600
    os.utime(folder / lock.LOCK_NAME, (old, old))
    monkeypatch.setenv("SHOPBOOK_LOCK_STALE", "0.1")
    said = taken(folder, monkeypatch)
    assert [f.kind for f in said] == ["lock"] and "till-pc" in said[0].zh and "秒没有更新" in said[0].zh, said
    assert "was not updated for" in said[0].en


def test_this_pcs_lock_whose_pid_is_another_process_now_is_said_as_that(tmp_path, monkeypatch):
    """(A job killed; its pid since given to another program: the lock waited the staleness time.) Not said as
    "that PC may be off": it is this PC."""
    folder = tmp_path / "shop"
    folder.mkdir()
    left_lock(folder)
    monkeypatch.setattr(lock, "pid_alive", lambda pid: True)
    monkeypatch.setenv("SHOPBOOK_LOCK_STALE", "0.1")
    said = taken(folder, monkeypatch)
    assert [f.kind for f in said] == ["lock"] and "进程号现在可能是另一个程序的" in said[0].zh, said
    assert "电脑可能关机" not in said[0].zh and "process number may be another program's" in said[0].en


def test_the_command_says_it_marked_as_a_thing_to_check(tmp_path, monkeypatch):
    """As the command line says it (cli._say_recovered, which the CLI sets as journal.on_recovered): marked !, a
    thing to check, not ✓."""
    import io

    from rich.console import Console

    from shopbook import cli

    folder = tmp_path / "shop"
    init_shop(folder)
    left_lock(folder)
    screen = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=screen, width=400))
    monkeypatch.setattr(journal, "on_recovered", cli._say_recovered)
    monkeypatch.setattr(cli, "_lang", None)  # (the shop's, not one an earlier test's command left set)
    lock.acquire(folder, "orders review")
    lock.release(folder)
    assert flat("! 上一个写入任务没有正常结束（amy@") in flat(screen.getvalue()), screen.getvalue()
