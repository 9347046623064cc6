"""A job running as root (a line in /etc/crontab, a NAS's task scheduler) in a shop folder that is a person's:
the reports/, outbox/, .shopbook-backup/ and .shopbook-cache/ it made, and the files in them, were root's
alone (0755/0644), and every later run of the shop's owner stopped on them: no pick list or daily report
could be made in reports/, no backup kept before a rewrite. What such a job makes is now the folder owner's,
as if they had made it; a rewritten workbook keeps its owner as before."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_concurrency import run_op, small_shop

AMY = 4322  # the shop folder's owner (no name needed)

pytestmark = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="a job running as root")


def test_what_a_root_job_makes_in_a_persons_shop_folder_is_theirs(tmp_path):
    folder = tmp_path / "shop"
    small_shop(folder)
    for p in [folder, *folder.rglob("*")]:
        os.chown(p, AMY, AMY)
    os.chmod(folder, 0o755)
    run_op("picklist", folder)
    made = [p for p in folder.rglob("*") if p.name != "scans.txt"]
    assert {"reports", ".shopbook-backup", "orders.xlsx.written"} <= {p.name for p in made}
    assert any(p.parent.name == "reports" and p.suffix == ".xlsx" for p in made)
    assert [str(p.relative_to(folder)) for p in made if p.stat().st_uid != AMY] == []
    assert all(p.stat().st_gid == AMY for p in made if p.is_dir())


def test_a_root_job_in_roots_own_folder_leaves_it_roots(tmp_path):
    folder = tmp_path / "shop"
    small_shop(folder)
    run_op("picklist", folder)
    assert {p.stat().st_uid for p in Path(folder).rglob("*")} == {0}
