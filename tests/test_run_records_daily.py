"""The daily job's run record: a second run with nothing changed stands on it and sends nothing twice, any
change runs it again (moved from test_run_records, unchanged)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import demo_shop
import pytest
import test_run_records
from test_run_records import daily, emails, set_cell
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io import cache, memo
from shopbook.report import workflow
from shopbook.validate import validate_path

# test_run_records's fixture, bound here so that pytest finds it for the tests below
records_on = test_run_records.records_on


@pytest.fixture
def shop(tmp_path) -> Path:
    """The demo of its last 25 days (demo_shop.november_copy: the same books and report day, a fifth the
    size of the committed demo a daily run read each time; what the run record stands on is the same
    for any size)."""
    return demo_shop.november_copy(tmp_path / "shop")


@pytest.fixture
def whole_demo(tmp_path) -> Path:
    """A copy of the committed demo: its orders.xlsx big enough for validate to keep a record (io.memo.worth)."""
    return Path(shutil.copytree(test_run_records.DEMO, tmp_path / "shop", ignore=shutil.ignore_patterns(".shopbook-*")))


def test_daily_again_with_nothing_changed_stands_and_sends_nothing_twice(shop):
    code, first = daily(shop)
    assert code == 0 and first["steps"] and first["unchanged_since"] is None and len(emails(shop)) == 1
    report = Path(first["report"])
    made = report.stat().st_mtime_ns
    code, again = daily(shop)
    assert code == 0 and again["unchanged_since"] and {s["mark"] for s in again["steps"]} <= {"!"}  # (said again)
    assert again["report"] == first["report"] and again["email"] == first["email"]
    assert len(emails(shop)) == 1 and report.stat().st_mtime_ns == made  # no second e-mail, no rewrite
    r = CliRunner().invoke(app, ["daily", str(shop), "--date", "2026-11-21"])
    assert r.exit_code == 0 and "没有变化" in r.output and "--force" in r.output
    said = "".join(r.output.split())  # no SMTP server here: the e-mail was kept, never sent, and is not said to be
    assert "它的邮件没有发出，在outbox/里（没有设置SMTP服务器），没有再做一封" in said and "邮件不再重发" not in said
    code, forced = daily(shop, "--force")
    assert forced["steps"] and forced["email"] != first["email"]  # every step, as asked
    # the day's e-mail made again takes the place of the one kept: one of each day waits in outbox/
    assert emails(shop) == [Path(forced["email"])]
    assert [p.name for p in (shop / "outbox" / "replaced").glob("*.eml")] == [Path(first["email"]).name]


def test_daily_runs_again_after_any_change(shop):
    daily(shop)
    set_cell(shop / "stock.xlsx", "商品", "G2", "B-09-9")  # a person's edit
    assert daily(shop)[1]["unchanged_since"] is None
    assert daily(shop)[1]["unchanged_since"]  # stood (its ! steps said again)
    (shop / "inbox").mkdir(exist_ok=True)
    (shop / "inbox" / "x.csv").write_text("not an export\n", encoding="utf-8")  # something to import
    assert daily(shop)[1]["unchanged_since"] is None
    (shop / "inbox" / "x.csv").unlink(missing_ok=True)
    daily(shop)
    report = Path(daily(shop)[1]["report"])
    report.unlink()  # the report deleted: made again
    assert daily(shop)[1]["unchanged_since"] is None and report.exists()
    other_day = CliRunner().invoke(app, ["daily", str(shop), "--date", "2026-11-20", "--json"])
    assert json.loads(other_day.output)["unchanged_since"] is None  # another report day: its own run
    rec = shop / cache.CACHE_DIR / "daily.run.json"
    data = json.loads(rec.read_text(encoding="utf-8"))
    data["key"]["today"] = (dt.date.today() - dt.timedelta(days=1)).isoformat()  # yesterday's run
    rec.write_text(json.dumps(data), encoding="utf-8")
    assert CliRunner().invoke(app, ["daily", str(shop), "--date", "2026-11-20", "--json"]).output.count('"step"')


def test_a_run_with_a_failed_step_is_not_kept(shop):
    set_cell(shop / "stock.xlsx", "商品", "H2", "abc")  # validation fails: ✗
    code, first = daily(shop)
    assert code == 1 and not (shop / cache.CACHE_DIR / "daily.run.json").exists()
    assert daily(shop)[1]["unchanged_since"] is None  # tried again


def test_a_save_just_after_the_jobs_last_write_is_not_recorded_as_seen(shop, monkeypatch):
    real = workflow._record

    def late_save(*a, **kw):
        set_cell(shop / "stock.xlsx", "商品", "G2", "B-09-8")  # saved in Excel as the job ends
        return real(*a, **kw)

    monkeypatch.setattr(workflow, "_record", late_save)
    daily(shop)
    monkeypatch.setattr(workflow, "_record", real)
    assert daily(shop)[1]["unchanged_since"] is None  # the save is seen: everything runs


def test_the_record_is_plain_json_written_whole(shop):
    daily(shop)
    rec = shop / cache.CACHE_DIR / "daily.run.json"
    data = json.loads(rec.read_text(encoding="utf-8"))
    assert data["key"]["code"] == memo.code_version() and data["key"]["file:orders.xlsx"][1]
    assert not list((shop / cache.CACHE_DIR).glob(".*.tmp"))


def test_daily_after_validate_is_recorded_too(whole_demo):
    """validate's record answers daily's first step without a read; the workbooks it stands for
    still count as seen by the job, so the job's own record is kept."""
    shop = whole_demo
    validate_path(shop)
    assert (shop / cache.CACHE_DIR / "validate.run.json").exists()  # (kept: the shop is big enough for one)
    assert daily(shop)[1]["unchanged_since"] is None
    assert daily(shop)[1]["unchanged_since"]


def test_the_record_stands_whatever_folder_daily_is_run_from(shop, monkeypatch):
    """cron runs `daily shop` from its parent, a person `daily .` from inside it: the record kept its
    report as 'shop/reports/…' relative to where it was run, missed from inside, and every run made
    the report and the e-mail again."""
    monkeypatch.chdir(shop.parent)
    r = CliRunner().invoke(app, ["daily", shop.name, "--date", "2026-11-21", "--json"])
    assert r.exit_code in (0, 1), r.output
    first = json.loads(r.output)
    assert first["steps"] and len(emails(shop)) == 1
    monkeypatch.chdir(shop)
    r = CliRunner().invoke(app, ["daily", ".", "--date", "2026-11-21", "--json"])
    again = json.loads(r.output)
    assert again["unchanged_since"] and {s["mark"] for s in again["steps"]} <= {"!"}, again
    assert Path(again["report"]).resolve() == Path(shop.parent / first["report"]).resolve()
    assert len(emails(shop)) == 1
