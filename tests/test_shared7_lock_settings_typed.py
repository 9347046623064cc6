"""SHOPBOOK_LOCK_WAIT and SHOPBOOK_LOCK_STALE as people set them in a Task Scheduler entry or a .bat file:
`2m` stopped every writing command with "internal error: ValueError: could not convert string to float"; a
SHOPBOOK_LOCK_STALE of 0 took every running job's lock for stale at once, and stopped after its own lock was
made, leaving it behind for the next command to call "a job that did not end properly". A value typed as
people do (full-width digits, 120秒, spaces) is read; one that is no number of seconds is named with its value and
what it takes, before any lock is made."""

from __future__ import annotations

import os
import sys

import forkserver
import pytest
from cli_run import SRC, shopbook
from test_concurrency import small_shop

from shopbook.io import journal, lock
from shopbook.issues import ShopbookError


@pytest.mark.parametrize("name,value", [("SHOPBOOK_LOCK_WAIT", "2m"), ("SHOPBOOK_LOCK_STALE", "-5"),
                                        ("SHOPBOOK_LOCK_STALE", "0"), ("SHOPBOOK_LOCK_STALE", "一分钟")])
def test_a_setting_that_is_no_number_of_seconds_is_named_and_no_lock_is_left(tmp_path, monkeypatch, name, value):
    folder = tmp_path / "shop"
    small_shop(folder)
    monkeypatch.setenv(name, value)
    ran = []
    with pytest.raises(ShopbookError) as e:
        journal.run_job(folder, "test", lambda: ran.append(1))
    assert ran == [] and not (folder / lock.LOCK_NAME).exists()
    assert f"{name} is set to '{value}', which is no number of seconds" in e.value.en, e.value.en
    assert f"环境变量 {name} 设成了“{value}”" in e.value.zh and "什么都没有写入" in e.value.zh
    assert "nothing was written" in e.value.en


def test_the_cli_says_it_and_no_internal_error(tmp_path):
    folder = tmp_path / "shop"
    small_shop(folder)
    env = {**os.environ, "PYTHONPATH": str(SRC), "SHOPBOOK_LOCK_WAIT": "2m"}
    env.pop("COLUMNS", None)
    r = forkserver.run([sys.executable, "-m", "shopbook.cli", "orders", "review", str(folder)], capture_output=True,
                       text=True, timeout=300, env=env)
    assert r.returncode == 2 and "internal error" not in r.stderr and "内部错误" not in r.stderr, r.stderr
    assert "SHOPBOOK_LOCK_WAIT" in r.stderr and not (folder / lock.LOCK_NAME).exists()
    assert shopbook("orders", "review", folder).returncode == 0  # (without it: as ever)


@pytest.mark.parametrize("value,seconds", [("１２０", 120.0), (" 90 ", 90.0), ("45秒", 45.0), ("0.5s", 0.5)])
def test_a_number_of_seconds_typed_as_people_do_is_read(monkeypatch, value, seconds):
    monkeypatch.setenv("SHOPBOOK_LOCK_STALE", value)
    monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", value)
    assert lock.stale_seconds() == seconds and lock.wait_seconds() == seconds


def test_a_wait_of_0_is_no_wait(tmp_path, monkeypatch):
    monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", "0")
    assert lock.wait_seconds() == 0


def test_the_waits_that_read_before_still_read_as_they_did(monkeypatch):
    """inf (wait for ever) and a wait of -1 (none) read before the settings were checked: a scheduled job set so
    stopped on every command once they were."""
    monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", "inf")
    monkeypatch.setenv("SHOPBOOK_LOCK_STALE", "Infinity")
    assert lock.wait_seconds() == float("inf") and lock.stale_seconds() == float("inf")
    monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", "-1")
    assert lock.wait_seconds() == 0
