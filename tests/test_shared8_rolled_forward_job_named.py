"""The 06:00 `daily` killed while writing its pick list (the PC switched off, the cron job's machine rebooted):
the next run (or doctor) finished the files from the journal and noted them as that job's. But it named the job
by its step, and a damaged orders.xlsx's advice later said to run "shopbook picklist" again: a command naming no
shop folder, and not the job that ran (daily imports, reviews and mails as well). It now names the command line a
person ran, as a job that finished itself is named."""

from __future__ import annotations

import os
import subprocess
import sys

from test_concurrency import small_shop
from test_shared6_restore_reruns_job import _damage

from cli_run import SRC, shopbook
from shopbook.io import files, journal


def test_a_daily_finished_from_its_journal_is_named_as_it_was_run(tmp_path):
    folder = tmp_path / "店铺"
    small_shop(folder)
    env = {**os.environ, "PYTHONPATH": str(SRC), "SHOPBOOK_CRASH_AT": "replace:2"}
    r = subprocess.run([sys.executable, "-m", "shopbook.cli", "daily", str(folder)], capture_output=True, text=True,
                       timeout=300, env=env)
    assert r.returncode == 86 and (folder / journal.JOURNAL_NAME).exists(), r.stdout + r.stderr
    r = shopbook("doctor", folder)
    assert r.returncode in (0, 1) and not (folder / journal.JOURNAL_NAME).exists(), r.stdout + r.stderr
    _damage(folder / "orders.xlsx")
    zh, en = files.restore_words(folder / "orders.xlsx")
    assert f"(shopbook daily {folder}," in en and f"（shopbook daily {folder}，" in zh, en
    assert "picklist" not in en, en
