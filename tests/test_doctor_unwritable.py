"""`shopbook doctor` on a shop whose commands stop because a file may not be written: a workbook a
person set read-only, one a colleague's account saved 0644 in the folder the group shares, a folder of
the shop a colleague made without group write. Each is named with whose it is and what to do (never
"nothing to repair" while every morning's daily job fails on it), and nothing is changed."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from cli_run import flat, shopbook
from test_folder_not_writable import shopbook_unprivileged

DEMO = Path(__file__).resolve().parents[1] / "xlsx"


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_doctor_names_a_workbook_set_read_only(tmp_path):
    """QA: ledger.xlsx set read-only (chmod a-w, Windows' read-only box): every command writing it stopped,
    and `shopbook doctor`, run to find out why, said ✓ 没有发现问题 and exit 0."""
    folder = tmp_path / "店 铺"
    shutil.copytree(DEMO, folder)
    ledger = folder / "ledger.xlsx"
    ledger.chmod(0o444)
    before = ledger.read_bytes()
    r = shopbook("doctor", folder)
    assert r.returncode == 1, r.stdout + r.stderr
    said = flat(r.stdout)
    assert "ledger.xlsx被设成了只读" in said and "chmodug+w" in said, r.stdout
    assert "没有发现问题" not in said and "Traceback" not in r.stderr
    assert ledger.read_bytes() == before and (ledger.stat().st_mode & 0o777) == 0o444
    assert not (folder / ".shopbook.lock").exists()
    r = shopbook("doctor", folder, "--json")
    found = [f for f in json.loads(r.stdout)["findings"] if f["kind"] == "unwritable"]
    assert [Path(f["path"]).name for f in found] == ["ledger.xlsx"] and "read-only" in found[0]["en"]


@pytest.mark.skipif(os.name == "nt" or not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="POSIX modes; giving a file to another user needs root")
def test_doctor_names_a_colleagues_workbook_and_folder_this_user_may_not_write(tmp_path):
    """QA: on a shared folder orders.xlsx was saved 0644 by a colleague's account and reports/ made by
    them under umask 022: the daily job's 审单 and 拣货单 failed every morning, and doctor said there was
    nothing to repair."""
    folder = tmp_path / "shop"
    shutil.copytree(DEMO, folder)
    orders = folder / "orders.xlsx"
    os.chown(orders, 2001, 2001)
    orders.chmod(0o644)
    reports = folder / "reports"
    reports.mkdir(exist_ok=True)
    os.chown(reports, 2001, 2001)
    reports.chmod(0o755)
    before = orders.read_bytes()
    r = shopbook_unprivileged("doctor", folder)
    assert r.returncode == 1, r.stdout + r.stderr
    said = flat(r.stdout)
    assert "orders.xlsx属于2001（权限-rw-r--r--）" in said and "没有写入它的权限" in said and "chmodg+w" in said, r.stdout
    assert f"文件夹{flat(str(reports))}属于2001" in said and "不能在里面建立文件" in said, r.stdout
    assert "stock.xlsx" not in said and "没有发现问题" not in said
    assert orders.read_bytes() == before and orders.stat().st_uid == 2001
    assert not (folder / ".shopbook.lock").exists()
