"""From the review of this session's shared-folder and report changes:
- a share this user may only read (no file can be made there to read the share's clock): validate still says a job a
  crash left half written, by this PC's clock, as before (it had gone silent, 0 errors in green);
- the record of shopbook's own version (.shopbook-backup/orders.xlsx.written) is the hash alone, as every shopbook
  reads it whole; the job that wrote it is a file of its own (a second line made an older shopbook on a colleague's PC
  take shopbook's version for a person's save, and let the person's real last save go with the oldest backups);
- a weekly or monthly review of a period before the shop's first day is "–" and exit 0, as before (not "no figures
  at all: fill in these days", exit 1, for the 月报 button's last month of a shop set up this month)."""

from __future__ import annotations

import hashlib
import json
import os
import time

from cli_run import flat, shopbook
from test_concurrency import picklist_left_mid_journal, small_shop
from test_reports import month_shop

from shopbook.io import files, journal, lock


def test_a_read_only_share_still_says_the_job_a_crash_left_half_written(tmp_path, monkeypatch):
    folder = tmp_path / "shop"
    small_shop(folder)
    picklist_left_mid_journal(folder)
    them = lock.Holder("KEFU-PC", "xiaoli", 4242, "shopbook picklist shop", "2026-11-21 09:00:00", "t1", "")
    (folder / lock.LOCK_NAME).write_text(json.dumps(them.__dict__), encoding="utf-8")
    monkeypatch.setenv("SHOPBOOK_LOCK_STALE", "0.2")
    time.sleep(2.2)  # (silent ten staleness times over by this PC's clock)
    assert journal.pending(folder) is not None

    def read_only(*_a, **_k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "new_temp", read_only)
    assert journal.pending(folder) is not None


def test_the_record_of_shopbooks_own_version_is_its_hash_alone_and_the_job_is_beside_it(tmp_path):
    folder = tmp_path / "shop"
    small_shop(folder)
    r = shopbook("orders", "import", folder, folder / "a.csv")
    assert r.returncode == 0, r.stdout + r.stderr
    kept = folder / ".shopbook-backup"
    sha = hashlib.sha256((folder / "orders.xlsx").read_bytes()).hexdigest()
    assert (kept / "orders.xlsx.written").read_bytes() == sha.encode("ascii")  # (what every shopbook compares)
    job = json.loads((kept / "orders.xlsx.written-by").read_text(encoding="utf-8"))
    assert job["sha256"] == sha and job["command"].startswith("shopbook orders import")
    assert "shopbookordersimport" in flat(files.restore_words(folder / "orders.xlsx")[0])
    # an older shopbook rewrote it since (the hash alone, the job file left): that job is not named as the last
    (kept / "orders.xlsx.written").write_text("0" * 64, encoding="ascii")
    assert "shopbookordersimport" not in flat(files.restore_words(folder / "orders.xlsx")[0])


def test_a_review_of_a_period_before_the_shop_began_is_empty_not_days_to_fill_in(tmp_path):
    shop = month_shop(tmp_path)  # figures of 2026-09 alone: the shop began on 09-01
    for kind, period in (("monthly", "2026-08"), ("weekly", "2026-W34")):
        r = shopbook("report", kind, shop.folder, "--period", period)
        assert r.returncode == 0, r.stdout + r.stderr
        assert "没有任何数据" not in flat(r.stdout) and "–" in r.stdout, r.stdout
    r = shopbook("report", "weekly", shop.folder, "--period", "2026-W42")  # (after it began: said, exit 1)
    assert r.returncode == 1 and "没有任何数据" in flat(r.stdout), r.stdout
    assert os.path.exists(shop.folder)
