"""Run records (io.memo): `validate` and `daily` stand on their last result only for the very
files it came from: edited, touched, corrupted, raced and deleted records are proven here."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io import at_exit, cache
from shopbook.issues import ShopbookError
from shopbook.validate import run as validate_run
from shopbook.validate import validate_path

DEMO = Path(__file__).resolve().parents[1] / "xlsx"


@pytest.fixture(autouse=True)
def records_on(monkeypatch):
    monkeypatch.setattr(cache, "disabled", False)
    monkeypatch.setattr(cache, "_by_folder", {})


@pytest.fixture
def shop(tmp_path) -> Path:
    folder = tmp_path / "shop"
    shutil.copytree(DEMO, folder, ignore=shutil.ignore_patterns(".shopbook-*"))
    return folder


def verdict(v) -> list:
    return [(i.severity, i.book, i.sheet, i.cell, i.value, i.message_zh, i.message_en, i.row) for i in v.issues] + [
        ("note", n.book, n.cell, n.message_en) for n in v.notes] + [sorted(v.books.items())]


@pytest.fixture
def reads(monkeypatch) -> list:
    """Every read of the workbooks validate makes (none: the record answered)."""
    calls = []
    real = validate_run.read_workbooks

    def counting(*a, **kw):
        calls.append(1)
        return real(*a, **kw)

    monkeypatch.setattr(validate_run, "read_workbooks", counting)
    return calls


def set_cell(path: Path, sheet: str, cell: str, value: str) -> None:
    """The text `value` typed into `sheet`'s `cell` (one the sheet has) and the workbook saved: the
    parts written again, only that cell changed (an openpyxl load and save of stock.xlsx's year of
    movements took 2.4 s a call)."""
    import html
    import re
    import zipfile

    assert isinstance(value, str)
    with zipfile.ZipFile(path) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
        rid = re.search(rf'<sheet\b[^>]*\bname="{re.escape(html.escape(sheet))}"[^>]*\br:id="([^"]+)"',
                        z.read("xl/workbook.xml").decode()).group(1)
        target = re.search(rf'<Relationship\b[^>]*Target="/?([^"]+)"[^>]*Id="{rid}"',
                           z.read("xl/_rels/workbook.xml.rels").decode()).group(1)
    text = html.escape(value, quote=False).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            if info.filename == target:
                data, n = re.subn(rf'<c r="{cell}"( s="\d+")?[^>]*?(/>|>.*?</c>)'.encode(),
                                  lambda m: b'<c r="%s"%s t="inlineStr"><is><t>%s</t></is></c>'
                                  % (cell.encode(), m.group(1) or b"", text), data, count=1)
                assert n == 1, (sheet, cell)
            z.writestr(info, data)


def test_an_unchanged_shop_gets_the_recorded_verdict_without_a_read(shop, reads):
    set_cell(shop / "stock.xlsx", "商品", "H2", "abc")  # one error, so there is something to keep
    first = validate_path(shop)
    assert reads == [1] and first.errors and (shop / cache.CACHE_DIR / "validate.run.json").exists()
    second = validate_path(shop)
    assert reads == [1]  # answered by the record
    assert verdict(second) == verdict(first)
    one = validate_path(shop / "stock.xlsx")  # one workbook is another question: its own record
    assert len(reads) == 2 and {i.book for i in one.issues} == {"stock.xlsx"}


def test_an_edit_a_touch_and_shopbook_toml(shop, reads):
    first = validate_path(shop)
    set_cell(shop / "stock.xlsx", "商品", "H2", "abc")
    edited = validate_path(shop)
    assert reads == [1, 1] and len(edited.errors) == len(first.errors) + 1
    assert any(i.cell == "H2" and i.value == "abc" for i in edited.errors)
    os.utime(shop / "stock.xlsx", (1_000_000, 1_000_000))  # touched, same content: its hash proves it
    assert verdict(validate_path(shop)) == verdict(edited) and reads == [1, 1]
    toml = shop / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    validate_path(shop)
    assert reads == [1, 1, 1]


def test_a_corrupt_or_foreign_record_is_a_miss_and_is_rewritten(shop, reads):
    want = verdict(validate_path(shop))
    rec = shop / cache.CACHE_DIR / "validate.run.json"
    good = rec.read_bytes()
    for bad in (b"", b"{", good[: len(good) // 2], b"\x00" * 100, json.dumps({"key": None}).encode(),
                good.replace(b'"code": "', b'"code": "0'),  # another shopbook's
                good.replace(b'"issues": [', b'"issues": [["error"], ')):  # a record that does not read back
        rec.write_bytes(bad)
        n = len(reads)
        assert verdict(validate_path(shop)) == want
        assert len(reads) == n + 1  # read again …
        assert rec.read_bytes() == good  # … and the record made anew
    rec.unlink()
    shutil.rmtree(shop / cache.CACHE_DIR)
    assert verdict(validate_path(shop)) == want and rec.exists()


def test_no_record_when_a_workbook_changed_while_it_was_read(shop, monkeypatch):
    real = validate_run.read_workbooks

    def racing(*a, **kw):
        books = real(*a, **kw)
        set_cell(shop / "stock.xlsx", "商品", "H2", "abc")  # a colleague saves just after the read
        return books

    monkeypatch.setattr(validate_run, "read_workbooks", racing)
    validate_path(shop)
    assert not (shop / cache.CACHE_DIR / "validate.run.json").exists()
    monkeypatch.setattr(validate_run, "read_workbooks", real)
    assert any(i.cell == "H2" for i in validate_path(shop).errors)  # the saved version is checked


def test_switched_off_with_the_cache(shop, reads, monkeypatch):
    monkeypatch.setattr(cache, "disabled", True)
    validate_path(shop)
    validate_path(shop)
    assert reads == [1, 1] and not (shop / cache.CACHE_DIR).exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_workbook_turned_into_a_fifo_is_reported_not_served(shop):
    validate_path(shop)
    (shop / "kpi.xlsx").unlink()
    os.mkfifo(shop / "kpi.xlsx")
    v = validate_path(shop)  # said among the folder's problems, never read (a FIFO would hang the read)
    said = [i for i in v.issues if i.book == "kpi.xlsx"]
    assert v.exit_code == 2 and len(said) == 1 and "FIFO" in said[0].message_en


# --- daily -------------------------------------------------------------------------------

def daily(shop: Path, *more: str):
    r = CliRunner().invoke(app, ["daily", str(shop), "--date", "2026-11-21", "--json", *more])
    assert r.exit_code in (0, 1), r.output
    return r.exit_code, json.loads(r.output)


def emails(shop: Path) -> list[Path]:
    return sorted((shop / "outbox").glob("*.eml"))


# --- two commands at once ------------------------------------------------------------------

def _shopbook(*argv: str):
    import subprocess
    import sys

    src = Path(__file__).resolve().parents[1] / "src"
    env = {**os.environ, "PYTHONPATH": str(src)}
    env.pop("SHOPBOOK_NO_CACHE", None)
    return subprocess.Popen([sys.executable, "-m", "shopbook.cli", *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, text=True)


def test_two_validates_at_once_give_one_verdict_and_one_whole_record(shop):
    procs = [_shopbook("validate", str(shop), "--json") for _ in range(2)]
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1][-500:] for o in outs]
    assert json.loads(outs[0][0]) == json.loads(outs[1][0])
    rec = json.loads((shop / cache.CACHE_DIR / "validate.run.json").read_text(encoding="utf-8"))  # whole JSON
    assert at_exit.wait_for_writers(shop)  # (the entries are written after each run's verdict)
    assert rec["key"]["file:orders.xlsx"][1] and not list((shop / cache.CACHE_DIR).glob(".*.tmp"))
    again = _shopbook("validate", str(shop), "--json").communicate(timeout=180)[0]
    assert json.loads(again) == json.loads(outs[0][0])  # the record gives what both runs gave


def test_two_daily_jobs_at_once_send_the_report_once(shop):
    """The scheduled job and the owner's button at the same minute: the shop lock makes the
    second wait; it then finds the first's run record and stands on it, sending nothing."""
    procs = [_shopbook("daily", str(shop), "--date", "2026-11-21", "--json") for _ in range(2)]
    outs = [json.loads(p.communicate(timeout=300)[0]) for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert sorted(o["unchanged_since"] is None for o in outs) == [False, True]  # one ran every step, one stood
    assert len(emails(shop)) == 1


def test_the_shop_s_time_zone_makes_its_day_whatever_the_machine_s(shop, tmp_path):
    """A cron job on a server kept in UTC (here 12 hours behind) ran daily for the day before
    yesterday's report in China before 08:00: two reports and two e-mails in one morning. With
    [shop] timezone, yesterday is the shop's, whatever zone the process starts in."""
    import sys
    import zoneinfo

    import forkserver

    toml = shop / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('timezone = ""', 'timezone = "Asia/Shanghai"', 1),
                    encoding="utf-8")
    env = {**os.environ, "TZ": "Etc/GMT+12", "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    r = forkserver.run([sys.executable, "-m", "shopbook.cli", "daily", str(shop), "--json"], capture_output=True,
                       text=True, env=env, timeout=300)
    assert r.returncode in (0, 1), r.stderr
    want = dt.datetime.now(zoneinfo.ZoneInfo("Asia/Shanghai")).date() - dt.timedelta(days=1)
    assert json.loads(r.stdout)["date"] == want.isoformat()
    toml.write_text(toml.read_text(encoding="utf-8").replace('timezone = "Asia/Shanghai"', 'timezone = "Mars/Base"'),
                    encoding="utf-8")
    r = CliRunner().invoke(app, ["daily", str(shop)])
    assert r.exit_code == 2 and "Mars/Base" in r.output and "Asia/Shanghai" in r.output, r.output


def test_a_shop_without_a_zone_goes_back_to_the_machine_s_and_a_zone_without_data_stops(monkeypatch):
    """One process opening two shops (a library user, the Excel add-in's server): the second, with no
    [shop] timezone, kept the first's zone. And a zone the OS has no data for ran the day on UTC
    without a word (Python's own zone data said it was fine)."""
    import time

    from shopbook import shop as sh

    if not hasattr(time, "tzset"):
        pytest.skip("no tzset (Windows): the PC's own zone stays")
    monkeypatch.setattr(sh, "_MACHINE_TZ", "UTC")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        sh.keep_shop_time("Asia/Shanghai")
        assert time.localtime().tm_gmtoff == 8 * 3600
        sh.keep_shop_time("")
        assert os.environ["TZ"] == "UTC" and time.localtime().tm_gmtoff == 0
        monkeypatch.setenv("TZDIR", "/nonexistent-zoneinfo")  # the C library finds no zone data
        with pytest.raises(ShopbookError) as e:
            sh.keep_shop_time("Asia/Tokyo")
        assert "tzdata" in e.value.en and os.environ["TZ"] == "UTC"  # put back, not left half-set
    finally:
        monkeypatch.delenv("TZDIR", raising=False)
        time.tzset()


def _zone(monkeypatch, tz: str) -> None:
    """The process's clock put in `tz` (as the machine's zone: a shop without its own keeps it)."""
    import time

    from shopbook import shop as sh

    monkeypatch.setattr(sh, "_MACHINE_TZ", tz)
    monkeypatch.setenv("TZ", tz)
    time.tzset()


def _after_today(v) -> list:
    return [i.message_en for i in v.issues if "after today" in i.message_en]


def test_validate_s_record_is_for_its_day_and_the_day_is_the_shop_s(shop, monkeypatch):
    """validate's run record was keyed by the files alone: a KPI day typed for tomorrow was still
    'after today (yesterday's date)' the next day, from the record. And validate kept the machine's
    day where the shop has its own zone (a cron job on a UTC server). Etc/GMT+12 and Etc/GMT-14 are
    26 hours apart: always a different date."""
    import time
    import zoneinfo

    if not hasattr(time, "tzset"):
        pytest.skip("no tzset (Windows): the PC's own zone stays")
    later = dt.datetime.now(zoneinfo.ZoneInfo("Etc/GMT-14")).date()
    set_cell(shop / "kpi.xlsx", "日报", "A2", later.isoformat())
    try:
        _zone(monkeypatch, "Etc/GMT+12")
        first = validate_path(shop)
        assert _after_today(first) and (shop / cache.CACHE_DIR / "validate.run.json").exists()
        _zone(monkeypatch, "Etc/GMT-14")  # the next day (or the one after) on the same files
        assert _after_today(validate_path(shop)) == []
        _zone(monkeypatch, "Etc/GMT+12")
        toml = shop / "shopbook.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace('timezone = ""', 'timezone = "Etc/GMT-14"', 1),
                        encoding="utf-8")
        assert _after_today(validate_path(shop)) == []  # the shop's day, not the machine's
        assert _after_today(validate_path(shop / "kpi.xlsx")) == []
    finally:
        monkeypatch.undo()
        time.tzset()
