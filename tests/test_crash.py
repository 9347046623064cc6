"""A writing command killed at any point leaves every workbook as it was before or as it
is after the whole job, once the next run (or `shopbook doctor`) has finished what the
journal records; the next run completes; no temp file stays behind. The kills are both
named points (SHOPBOOK_CRASH_AT, an os._exit with no clean-up) and real SIGKILLs at
random moments, on real files."""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import shutil
import signal
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io import files, journal, lock
from test_concurrency import done, run_op, small_shop, state


def full_state(folder: Path) -> dict:
    st = state(folder)
    reports = folder / "reports"
    st["reports"] = sorted(p.name for p in reports.iterdir()) if reports.exists() else []
    return st


def consistent(name: str, st: dict) -> bool:
    """The parts of one job agree: a pick list exists exactly when its orders carry the
    batch; stock moved out exactly for the orders marked shipped."""
    if name == "picklist":
        return bool(st["reports"]) == any(st["orders"][f"K{i:03d}"][1] for i in range(12))
    if name == "ship":
        shipped = {no for no, (status, *_) in st["orders"].items() if status == "已发货"}
        return shipped == {ref for ref, *_ in st["out"]}
    return True


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if files.TEMP_MARK in p.name or p.name.startswith(journal.JOURNAL_NAME)
            or p.name == lock.LOCK_NAME]


def _crashing_child(name: str, folder: str, point: str | None) -> None:
    if point == "none":  # a clean run
        pass
    elif point:
        os.environ["SHOPBOOK_CRASH_AT"] = point
    else:
        os.environ["SHOPBOOK_PAUSE_AT"] = "written=0.15"  # the SIGKILL runs: a slow share, more moments to hit
    try:
        run_op(name, Path(folder))
    finally:
        os._exit(0)


def run_child(name: str, folder: Path, point: str | None = None, kill_after: float | None = None) -> int:
    p = mp.get_context("fork").Process(target=_crashing_child, args=(name, str(folder), point))
    p.start()
    if kill_after is not None:
        p.join(kill_after)
        if p.is_alive():
            os.kill(p.pid, signal.SIGKILL)
    p.join(60)
    return p.exitcode


@pytest.fixture(scope="module")
def shops(tmp_path_factory):
    """The shop before, and after each command ran cleanly (as read back)."""
    root = tmp_path_factory.mktemp("crash")
    tpl = small_shop(root / "tpl", typo=True).folder
    before = full_state(tpl)
    after = {}
    for name in COMMANDS:
        f = root / f"clean-{name}"
        shutil.copytree(tpl, f)
        t = time.monotonic()
        assert run_child(name, f) == 0
        after[name] = (full_state(f), time.monotonic() - t)
        assert done(name, after[name][0])
    return tpl, before, after


COMMANDS = ["ship", "picklist", "review", "stocktake", "import-a", "validate-write"]
POINTS = ["temp", "written", "staged", "journal", "replace:1", "replace:2", "replace:3", "replaced"]
CASES = [(c, p) for c in COMMANDS for p in POINTS
         if c in ("ship", "picklist") or p in ("temp", "written", "replace:1")]


def _check_recovered(folder: Path, name: str, before: dict, after: dict) -> None:
    # the next run: doctor (any writing command does the same repair when it takes the lock)
    up = CliRunner().invoke(app, ["doctor", str(folder)])
    assert up.exit_code == 0, up.output
    st = full_state(folder)
    assert st in (before, after), name
    assert consistent(name, st)
    assert leftovers(folder) == []
    run_op(name, folder)  # and the command itself completes, with the job's whole result
    assert full_state(folder) == after


@pytest.mark.parametrize("name,point", CASES, ids=[f"{c}@{p}" for c, p in CASES])
def test_killed_at_a_named_point(shops, tmp_path, name, point):
    tpl, before, after = shops
    folder = tmp_path / "shop"
    shutil.copytree(tpl, folder)
    code = run_child(name, folder, point)
    assert code in (0, 86)
    if code == 86 and point in ("journal", "replace:2", "replace:3", "replaced"):
        assert (folder / journal.JOURNAL_NAME).exists()  # cut between the files of one job: the journal knows
    _check_recovered(folder, name, before, after[name][0])


@pytest.mark.parametrize("name", ["ship", "picklist"])
def test_real_sigkill_at_random_moments(shops, tmp_path, name):
    tpl, before, after = shops
    rnd = random.Random(f"{name}-15")
    span = after[name][1] + 1.0  # the clean run's time, plus the slowed writes
    for k in range(4):
        folder = tmp_path / f"shop{k}"
        shutil.copytree(tpl, folder)
        run_child(name, folder, kill_after=rnd.uniform(0.05, span))
        _check_recovered(folder, name, before, after[name][0])


def test_doctor_reports_then_repairs_what_a_killed_run_left(shops, tmp_path):
    tpl, before, after = shops
    folder = tmp_path / "shop"
    shutil.copytree(tpl, folder)
    assert run_child("ship", folder, "replace:2") == 86  # stock.xlsx replaced, orders.xlsx not yet
    st = full_state(folder)
    assert st != before and st != after["ship"][0]  # half a job, until it is finished
    r = CliRunner().invoke(app, ["doctor", str(folder), "--dry-run"])
    assert r.exit_code == 1
    # in the shop's language (a zh shop): one language per shop
    assert "写入多个文件时被中断" in r.output and "interrupted while writing several files" not in r.output
    assert "店铺锁" in r.output and "已经不在运行" in r.output  # the killed run still "holds" the lock
    assert full_state(folder) == st  # a dry run changes nothing
    r = CliRunner().invoke(app, ["doctor", str(folder)])
    assert r.exit_code == 0, r.output
    assert full_state(folder) == after["ship"][0] and leftovers(folder) == []
    r = CliRunner().invoke(app, ["doctor", str(folder)])
    assert r.exit_code == 0 and "没有发现问题" in r.output


def test_a_journal_target_a_person_changed_since_is_not_overwritten(shops, tmp_path):
    import openpyxl

    tpl, before, after = shops
    folder = tmp_path / "shop"
    shutil.copytree(tpl, folder)
    assert run_child("ship", folder, "replace:2") == 86
    orders = folder / "orders.xlsx"
    wb = openpyxl.load_workbook(orders)
    wb["订单"]["A2"].comment = None
    wb["订单"].cell(row=2, column=30).value = "a person's note"
    wb.save(orders)
    mine = orders.read_bytes()
    r = CliRunner().invoke(app, ["doctor", str(folder)])
    assert r.exit_code == 1 and "shopbook-unfinished" in r.output
    assert orders.read_bytes() == mine  # theirs stays
    assert len(list(folder.glob("orders.shopbook-unfinished-*.xlsx"))) == 1  # ours beside it


def test_doctor_removes_only_temps_whose_writer_is_gone(shops, tmp_path):
    import subprocess
    import sys

    tpl, before, after = shops
    folder = tmp_path / "shop"
    shutil.copytree(tpl, folder)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    host = files._host_tag()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        gone = folder / f".orders.{host}~{dead.pid}~ab12.shopbook-tmp.xlsx"
        running = folder / "reports" / f".日报.{host}~{live.pid}~cd34.shopbook-tmp.xlsx"
        old = folder / ".stock.k3j4h5.shopbook-tmp.xlsx"  # an older shopbook's name: no owner in it
        fresh = folder / ".stock.z9y8x7.shopbook-tmp.xlsx"
        elsewhere = folder / ".kpi.till-pc~123~ef56.shopbook-tmp.xlsx"  # another machine's, just written
        for p in (gone, running, old, fresh, elsewhere):
            p.write_bytes(b"PK")
        os.utime(old, (time.time() - 7200, time.time() - 7200))
        r = CliRunner().invoke(app, ["doctor", str(folder)])
        assert r.exit_code == 0, r.output
        assert not gone.exists() and not old.exists()
        assert running.exists() and fresh.exists() and elsewhere.exists()
    finally:
        live.kill()
        live.wait()


def test_doctor_leaves_a_running_job_alone(shops, tmp_path):
    tpl, *_ = shops
    folder = tmp_path / "shop"
    shutil.copytree(tpl, folder)
    with lock.shop_lock(folder, "shopbook daily shop"):
        r = CliRunner().invoke(app, ["doctor", str(folder)])
        assert r.exit_code == 1 and "shopbook daily shop" in r.output and "没有修复任何东西" in r.output
        assert "✓" not in r.output  # (QA: it went on to say "✓ 没有发现问题" of what it had not looked at)
        assert (folder / lock.LOCK_NAME).exists()


def test_a_share_refusing_a_replace_half_way_leaves_the_rest_in_the_journal(shops, tmp_path, monkeypatch):
    # not a kill: os.replace of the second workbook fails with an error other than "permission"
    # (EBUSY, EIO on a network share). The workbooks not yet replaced must stay in the journal,
    # complete, for the next run: never half a job that the journal then calls finished.
    import errno

    from shopbook.issues import ShopbookError

    tpl, before, after = shops
    folder = tmp_path / "shop"
    shutil.copytree(tpl, folder)
    real, n = os.replace, []

    def refusing(src, dst, *a, **k):
        if files.TEMP_MARK in str(src) and not str(dst).endswith(journal.JOURNAL_NAME) \
                and files.BACKUP_DIR not in str(dst):  # (a backup is renamed into place whole too)
            n.append(dst)
            if len(n) == 2:
                raise OSError(errno.EBUSY, "Device or resource busy", str(dst))
        return real(src, dst, *a, **k)

    monkeypatch.setattr(journal.os, "replace", refusing)
    with pytest.raises(ShopbookError):
        run_op("ship", folder)
    monkeypatch.setattr(journal.os, "replace", real)
    assert len(n) == 2 and full_state(folder) not in (before, after["ship"][0])  # half, for now
    r = CliRunner().invoke(app, ["doctor", str(folder)])
    assert r.exit_code == 0, r.output
    assert full_state(folder) == after["ship"][0] and leftovers(folder) == []


def test_doctor_never_breaks_a_live_lock_of_a_machine_whose_clock_is_behind(shops, tmp_path, monkeypatch):
    # till-pc's job is running (its heartbeat touches the lock), but its clock is behind ours
    # (10 s, against a staleness time of 2 s: as two minutes against the default 60 s), so the
    # file's mtime looks old: alive all the same
    import json
    import threading

    tpl, *_ = shops
    folder = tmp_path / "shop"
    shutil.copytree(tpl, folder)
    monkeypatch.setenv("SHOPBOOK_LOCK_STALE", "2")  # heartbeat every 0.5 s
    p = folder / lock.LOCK_NAME
    p.write_text(json.dumps({"host": "till-pc", "user": "amy", "pid": 4242, "command": "shopbook daily",
                             "since": "2026-11-22 08:00:00 +0800", "token": "t"}), encoding="utf-8")
    stop = threading.Event()

    def beat():
        while not stop.is_set():
            os.utime(p, (time.time() - 10, time.time() - 10))
            stop.wait(0.5)

    t = threading.Thread(target=beat)
    t.start()
    try:
        r = CliRunner().invoke(app, ["doctor", str(folder)])
        assert r.exit_code == 1 and "till-pc" in r.output and "没有修复任何东西" in r.output, r.output
        assert p.exists() and "till-pc" in p.read_text(encoding="utf-8")
    finally:
        stop.set()
        t.join()
    # silent now (a crash there): the next doctor clears it
    r = CliRunner().invoke(app, ["doctor", str(folder)])
    assert r.exit_code == 0 and not p.exists(), r.output
