"""A shop folder on a disk with no room left (or a quota used up): the lock file is made by the file
system but its content is refused. The run stops saying the disk is full and what to do, and leaves no
empty lock behind, on which the next run, once room is made, waited as on a job "of someone unknown"."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import SRC, flat, shopbook

DEMO = Path(__file__).resolve().parents[1] / "xlsx"


def _no_room() -> None:
    # every write past 0 bytes refused (EFBIG), as a full disk refuses it once the file is made
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.RLIM_INFINITY))


@pytest.mark.skipif(os.name == "nt", reason="RLIMIT_FSIZE")
def test_a_disk_with_no_room_leaves_no_empty_lock_and_says_what_to_do(tmp_path):
    """QA (a 4 MB tmpfs filled up): `orders review` said only 无法在店铺文件夹里建立锁文件（磁盘已满）, left an
    empty .shopbook.lock, and the next run, space freed, began with 等待店铺锁：不知是谁：锁文件里没有写明."""
    folder = tmp_path / "店 铺"
    shutil.copytree(DEMO, folder)
    before = (folder / "orders.xlsx").read_bytes()
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"} | {"PYTHONPATH": str(SRC)}
    r = subprocess.run([sys.executable, "-m", "shopbook.cli", "orders", "review", str(folder)], check=False,
                       capture_output=True, text=True, timeout=300, env=env, preexec_fn=_no_room)
    assert r.returncode == 2, r.stdout + r.stderr
    said = flat(r.stderr)
    assert "磁盘没有空间了" in said and "腾出空间" in said and "什么都没有写入" in said, r.stderr
    assert "Free some space" in " ".join(r.stderr.split()) and "Traceback" not in r.stderr
    # the cache folder named as free to delete: it is the largest of shopbook's own on a big shop
    assert ".shopbook-cache文件夹可以整个删掉" in said and "the .shopbook-cache folder may go whole" in " ".join(r.stderr.split())
    assert not (folder / ".shopbook.lock").exists()
    assert (folder / "orders.xlsx").read_bytes() == before
    r = shopbook("orders", "review", folder)  # room made
    assert r.returncode == 0, r.stdout + r.stderr
    assert "等待店铺锁" not in r.stderr and not (folder / ".shopbook.lock").exists()
