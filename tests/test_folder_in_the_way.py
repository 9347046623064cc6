"""A folder where shopbook writes a file (reports/日报-….xlsx made by hand, or by a sync client's conflict
copy): said at the file's own name, in the shop's language, before the work; the daily job's report step
fails alone and the rest of the job stands. Before, the OS's 'Is a directory' on the temp file's name
(.日报-2026-11-21.vm~1771~….shopbook-tmp.xlsx) stopped the whole job, exit 2."""

from __future__ import annotations

import datetime as dt

import pytest

from shopbook.io.files import write_atomic
from shopbook.issues import ShopbookError
from shopbook.report.workflow import run_daily
from shopbook.shop import open_shop
from test_daily import demo_like_shop


def test_a_folder_of_the_files_name_is_said_at_that_name_and_left_alone(tmp_path):
    where = tmp_path / "reports" / "日报-2026-11-21.xlsx"
    (where / "inside").mkdir(parents=True)
    with pytest.raises(ShopbookError) as e:
        write_atomic(where, lambda tmp: tmp.write_bytes(b"x"))
    assert e.value.path == str(where) and "这里有一个同名的文件夹" in str(e.value) and "rename or move the folder" in str(e.value)
    assert sorted(p.name for p in where.parent.iterdir()) == [where.name]  # no temp left, the folder as it was
    assert (where / "inside").is_dir()


def test_the_daily_job_fails_its_report_step_alone_on_a_folder_in_the_way(tmp_path):
    shop = demo_like_shop(tmp_path)
    day = dt.date(2026, 11, 21)
    (shop.folder / "reports" / f"日报-{day}.xlsx").mkdir(parents=True)
    run = run_daily(open_shop(shop.folder), day, send=False)
    by = {s.name: s for s in run.steps}
    assert by["report"].ok is False and f"日报-{day}.xlsx" in by["report"].detail
    assert "这里有一个同名的文件夹" in by["report"].detail and "shopbook-tmp" not in by["report"].detail
    assert by["review"].ok is True and by["kpi"].ok is True
