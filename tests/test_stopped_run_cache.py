"""A run stopped before its write (stock.xlsx open in Excel) leaves nothing behind, the
parsed-sheet cache included: the after-sales desk changed the cases it had read (a resend's
number, a return received) in place, the cache then kept orders.xlsx's cases as that run saw
them, and every later run found the resends made and never made them. Real commands on the demo
shop, the cache writer after each waited for."""

from __future__ import annotations

import shutil

from shopbook.io.at_exit import wait_for_writers
from test_cache_after_exit import shopbook  # the console script, every workbook cached (the demo's are small)
from test_concurrency import demo_template


def _run(folder, *args):
    r = shopbook(*args)
    assert wait_for_writers(folder)
    return r


def test_resends_are_made_after_a_run_stopped_by_an_open_workbook(tmp_path, tmp_path_factory):
    twin = tmp_path / "twin"  # the same shop never stopped: what the run after the stop must do
    shutil.copytree(demo_template(tmp_path_factory), twin)
    expected = _run(twin, "aftersales", "list", str(twin))
    assert "补发单" in expected.stdout, expected.stdout

    folder = tmp_path / "shop"
    shutil.copytree(demo_template(tmp_path_factory), folder)
    lock = folder / "~$stock.xlsx"  # stock.xlsx open in Excel
    lock.write_bytes(b"\x04user" + b" " * 50)
    stopped = _run(folder, "aftersales", "list", str(folder))
    assert stopped.returncode == 2 and "补发单" not in stopped.stdout
    lock.unlink()
    again = _run(folder, "aftersales", "list", str(folder))
    assert again.returncode == expected.returncode
    assert [ln for ln in again.stdout.splitlines() if "补发单" in ln] == \
           [ln for ln in expected.stdout.splitlines() if "补发单" in ln]


def test_returns_received_after_a_stopped_run_still_make_their_resends(tmp_path, tmp_path_factory):
    folder = tmp_path / "shop"
    shutil.copytree(demo_template(tmp_path_factory), folder)
    twin = tmp_path / "twin"
    shutil.copytree(folder, twin)
    code = "YT7000000001"  # a return on its way for an exchange (the demo's)
    expected = _run(twin, "aftersales", "receive", str(twin), code)
    assert "补发单" in expected.stdout, expected.stdout
    lock = folder / "~$stock.xlsx"
    lock.write_bytes(b"\x04user" + b" " * 50)
    assert _run(folder, "aftersales", "receive", str(folder), code).returncode == 2
    lock.unlink()
    again = _run(folder, "aftersales", "receive", str(folder), code)
    assert [ln for ln in again.stdout.splitlines() if "补发单" in ln] == \
           [ln for ln in expected.stdout.splitlines() if "补发单" in ln]
