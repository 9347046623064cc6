"""`shopbook orders import 店铺 导出.xlsx --password 1234` (an encrypted export) wrote its whole command line, the
password with it, into the shop lock, a file every colleague on the share may read (shared 0666 on purpose), and
which their waits print ("waiting for the shop lock held by amy@pc, shopbook orders import … --password 1234"),
and into the record beside the backups that names the job a damaged workbook's advice says to run again. The
password now stands as *** in both, in each way click takes it (--password X, --password=X)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_concurrency import small_shop

from shopbook.io import lock

SRC = str(Path(__file__).resolve().parents[1] / "src")


@pytest.fixture
def short_folder():
    """A shop under a short path: the lock's label is cut at 200 characters, and under a test worker's own temp
    folder (…/pytest-of-root/pytest-N/popen-gw1/test_the_shop_lock_and_the_job0/) the command line's password
    stars fell beyond the cut, the test then unable to tell them from the password itself."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="sb-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("given", [["--password", "s3cret-1234"], ["--password=s3cret-1234"]])
def test_the_shop_lock_and_the_job_record_never_hold_an_exports_password(short_folder, given):
    folder = short_folder / "shop"
    small_shop(folder)
    env = dict(os.environ, PYTHONPATH=SRC, SHOPBOOK_PAUSE_AT="replace=3")  # (the lock held a while, as on a share)
    env.pop("COLUMNS", None)
    job = subprocess.Popen([sys.executable, "-m", "shopbook.cli", "orders", "import", str(folder),
                            str(folder / "a.csv"), *given], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, env=env)
    seen = b""
    end = time.monotonic() + 60
    while job.poll() is None and time.monotonic() < end and b"orders import" not in seen:
        try:
            seen = (folder / lock.LOCK_NAME).read_bytes()
        except FileNotFoundError:
            time.sleep(0.02)
    out, err = job.communicate(timeout=120)
    assert job.returncode == 0, out + err
    holder = json.loads(seen.decode("utf-8"))["command"]  # (what a colleague's wait names)
    assert "orders import" in holder and "s3cret" not in holder and re.search(r"--password[ =]\*", holder), holder
    record = (folder / ".shopbook-backup" / "orders.xlsx.written-by").read_text(encoding="utf-8")
    assert "orders import" in record and "s3cret" not in record and re.search(r"--password[ =]\*", record), record
