"""orders.xlsx damaged after a `daily` run started at 23:59: it moved the exports it imported to inbox/done/ of the
day it started (the run's day), but the record of the job that wrote orders.xlsx was made at 00:00:01, and the
advice looked for them in inbox/done/ of that next day. It found nothing there and said only "run daily again":
run again, daily found inbox/ empty, and the day's orders were gone from the restored workbook without a word. And
an earlier run's files in the same folder (already in the backup) were listed to move back with this run's. The
advice now names the folder and the files that very run moved."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from cli_run import flat, shopbook
from test_concurrency import small_shop
from test_shared6_restore_reruns_job import _damage

from shopbook.io import files


def shop_with_an_export(tmp_path) -> tuple[Path, Path]:
    """A small shop whose day's export waits in its inbox/ (订单导出 11-21.csv): the folder and its inbox."""
    folder = tmp_path / "店铺"
    small_shop(folder)
    inbox = folder / "inbox"
    inbox.mkdir(exist_ok=True)
    (folder / "a.csv").rename(inbox / "订单导出 11-21.csv")
    return folder, inbox


def test_a_daily_run_across_midnight_is_told_where_it_moved_the_files(tmp_path):
    folder, inbox = shop_with_an_export(tmp_path)
    r = shopbook("daily", folder)
    assert r.returncode in (0, 1), r.stdout + r.stderr
    done = next((inbox / "done").iterdir())
    assert [p.name for p in done.iterdir()] == ["订单导出 11-21.csv"], r.stdout
    (done / "早上的导出.csv").write_text("订单编号\n", encoding="utf-8")  # the 06:00 run's, in the backup already
    # the record of the job that wrote orders.xlsx made at 00:00:01 of the day after the run's
    day = dt.datetime.strptime(done.name, "%Y%m%d").replace(tzinfo=files.CHINA_TIME)
    after = (day + dt.timedelta(days=1, seconds=1)).timestamp()
    record = folder / files.BACKUP_DIR / "orders.xlsx.written"
    os.utime(record, (after, after))
    _damage(folder / "orders.xlsx")
    zh, en = files.restore_words(folder / "orders.xlsx")
    assert flat(f"先把它从 inbox/ 导入后移到 {done} 的文件（订单导出 11-21.csv）移回 {inbox}") in flat(zh), zh
    assert flat(f"move the files it imported from inbox/ and moved to {done} (订单导出 11-21.csv) back into "
                f"{inbox}") in flat(en), en
    assert "早上的导出" not in zh + en
    # moved back by the person already: not told again
    (done / "订单导出 11-21.csv").rename(inbox / "订单导出 11-21.csv")
    zh, en = files.restore_words(folder / "orders.xlsx")
    assert "inbox" not in zh + en and "请再运行一次这个任务" in zh, zh

    # the 14:00 run, new orders imported by hand since and inbox/ empty: it wrote orders.xlsx and moved nothing,
    # and is not told to move the 23:59 run's files back (in the backup already: "it imported" them, said before)
    shutil.copy(files.newest_backup(folder / "orders.xlsx"), folder / "orders.xlsx")  # as the advice says
    assert shopbook("daily", folder).returncode in (0, 1)
    assert shopbook("orders", "import", folder, folder / "b.csv").returncode in (0, 1)
    r = shopbook("daily", folder, "--force")
    assert r.returncode in (0, 1), r.stdout + r.stderr
    assert (done / "订单导出 11-21.csv").exists()
    _damage(folder / "orders.xlsx")
    zh, en = files.restore_words(folder / "orders.xlsx")
    assert "shopbook daily" in en and "--force" in en, en
    assert "inbox" not in zh + en, en


def test_a_later_runs_moved_files_leave_an_earlier_runs_noted(tmp_path, monkeypatch):
    """(review) The note kept the last run's alone: a `daily --force` that moved a 生意参谋 download only put out the
    note of the run that wrote orders.xlsx, whose files its advice then no longer named to move back."""
    from shopbook.io import lock

    folder = tmp_path / "店铺"
    done = folder / "inbox" / "done" / "20261121"
    done.mkdir(parents=True)
    orders, kpi = done / "订单导出 11-21.csv", done / "生意参谋.xlsx"
    orders.write_text("x", encoding="utf-8")
    kpi.write_text("x", encoding="utf-8")
    for run, moved in (("run-1", orders), ("run-2", kpi)):
        monkeypatch.setattr(lock, "token_of", lambda _folder, run=run: run)
        files.note_moved(folder, moved)
    assert files._moved_by(folder, "run-1") == [orders] and files._moved_by(folder, "run-2") == [kpi]
    assert files._moved_by(folder, "run-3") is None
    for k in range(files.MOVED_RUNS + 2):  # (the last ones kept, not every run's for good)
        monkeypatch.setattr(lock, "token_of", lambda _folder, k=k: f"later-{k}")
        files.note_moved(folder, kpi)
    assert files._moved_by(folder, "run-1") is None and files._moved_by(folder, f"later-{files.MOVED_RUNS + 1}") == [kpi]
