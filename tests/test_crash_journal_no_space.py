"""A disk that fills up just as a multi-file job writes its journal (room enough for the new versions
and their backups, none for the journal): the job's step fails alone, said as a full disk at a workbook
it leaves as it was, with what to do; the daily job's other steps go on; nothing is left behind."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from cli_run import SRC, flat

DEMO = Path(__file__).resolve().parents[1] / "xlsx"

# the journal's write refused part-way, as by a full disk (no portable way to fill one just there)
FULL_AT_THE_JOURNAL = """
import errno, json, sys
from shopbook.io import journal
class Json:
    def __getattr__(self, name):
        return getattr(json, name)
    def dump(self, obj, f, **kw):
        f.write(json.dumps(obj, **kw)[:100])
        f.flush()
        raise OSError(errno.ENOSPC, "No space left on device")
journal.json = Json()
from shopbook.start import main
sys.argv = ["shopbook", *sys.argv[1:]]
main()
"""


def _sums(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.xlsx")}


def test_a_full_disk_at_the_journal_fails_its_step_alone_and_leaves_nothing(tmp_path):
    """QA: with the disk full just as the pick list's job wrote its journal, `daily` stopped whole with
    `✗ 无法访问（磁盘已满）；什么都没有写入。`: no file, nothing to do, no stock alerts, no 日报, no e-mail;
    and .shopbook-journal.json.<pid>.tmp was left in the shop folder."""
    folder = tmp_path / "店 铺"
    shutil.copytree(DEMO, folder)
    before = _sums(folder)
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"} | {"PYTHONPATH": str(SRC), "COLUMNS": "400"}
    r = subprocess.run([sys.executable, "-c", FULL_AT_THE_JOURNAL, "daily", str(folder), "--date", "2026-11-21"],
                       capture_output=True, text=True, timeout=300, env=env, check=False)
    assert r.returncode == 1, r.stdout + r.stderr
    out = flat(r.stdout)
    assert "✗拣货单" in out and "orders.xlsx：磁盘空间不足" in out and "腾出空间" in out, r.stdout
    assert "✓日报" in out and "无法访问" not in out + flat(r.stderr), r.stdout + r.stderr
    assert _sums(folder) != before  # (the review, a job of one file, wrote orders.xlsx before)
    assert not list(folder.glob(".shopbook-journal*")) and not list(folder.rglob("*.shopbook-tmp*"))
    assert not (folder / ".shopbook.lock").exists()
    assert not list((folder / "reports").glob("拣货单-*"))
