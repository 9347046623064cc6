"""A sync service's copy beside a shop workbook (two PCs edited it at once) is named by
`validate` and by the daily job's report and e-mail, with its time and what to do: before,
shopbook ignored it and what a person typed in it silently never counted. The copy is never
read as a workbook of the shop (here it is not even one). Real files, real `shopbook` runs."""

from __future__ import annotations

import datetime as dt
import email
import json
import os
from email import policy

import pytest

from cli_run import CJK, flat, shopbook
from test_concurrency import small_shop

from shopbook.sync_copies import copy_of

BOOKS = ["stock.xlsx", "orders.xlsx", "ledger.xlsx", "kpi.xlsx", "agents.xlsx"]


@pytest.mark.parametrize("name", [
    "orders-DESKTOP-AB12CD.xlsx",  # OneDrive: the PC's name
    "orders-KEFU01-2.xlsx", "orders-LAPTOP-7K3QF2M.xlsx", "orders-WIN-8U2N4R5T6Q1.xlsx",
    "orders (张三's conflicted copy 2026-11-30).xlsx",  # Dropbox
    "Orders (Case Conflict).xlsx",
    "orders (conflicted copy 2026-11-30 101112).xlsx",  # Nextcloud
    "orders_conflict-20261130-101112.xlsx",  # ownCloud
    "orders-conflict.xlsx", "orders-NSConflict.xlsx", "orders-小王-conflict.xlsx",  # 坚果云
    "orders.sync-conflict-20261130-101112-ABCDEF7.xlsx",  # Syncthing
    "orders-副本.xlsx",  # WPS 云
    "orders(冲突).xlsx", "orders (冲突副本 2026-11-30).xlsx",  # Chinese clients
    "orders(冲突副本 2026-11-30 101112).xlsx", "orders (冲突的副本 2026-11-30).xlsx",  # 坚果云
    "orders_KEFU-PC_Nov-30-1011-2026_Conflict.xlsx", "orders_张三_Nov-30-1011-2026_CaseConflict_1.xlsx",  # Synology
    "orders (1).xlsx", "orders(1).xlsx", "Orders (2).XLSX", "orders (1) (1).xlsx",  # 百度网盘, WPS 云文档, Google Drive
])
def test_the_copies_the_services_make_are_known(name):
    assert copy_of(name, BOOKS) == "orders.xlsx"


@pytest.mark.parametrize("name", [
    "orders.xlsx", "orders-2026.xlsx", "orders-v2.xlsx", "orders.csv", "orders-conflict.csv", "~$orders.xlsx",
    ".~lock.orders.xlsx#", "orders.shopbook-unfinished-20261130-101112.xlsx", "reorders-DESKTOP-AB12CD.xlsx",
    "订单-DESKTOP-AB12CD.xlsx",
    "orders-OLD.xlsx", "orders-BAK.xlsx", "orders-NEW-2.xlsx", "orders-V2.xlsx", "orders-FINAL.xlsx",  # a person's own
    "orders (2026).xlsx", "orders (old).xlsx", "orders - 副本.xlsx", "orders - Copy.xlsx", "orders1.xlsx",
    "orders (1).csv",
    # a period, a version or a backup the shop keeps beside the workbook: no PC's name
    "orders-Q4.xlsx", "orders-2025Q4.xlsx", "orders-2025-Q4.xlsx", "orders-Q4-2025.xlsx", "orders-H2.xlsx",
    "orders-W48.xlsx", "orders-NOV2026.xlsx", "orders-BAK2.xlsx", "orders-OLD-1.xlsx", "orders-V2-1.xlsx",
])
def test_other_files_are_not_taken_for_copies(name):
    assert copy_of(name, BOOKS) is None


def test_a_quarters_copy_kept_beside_the_workbook_is_not_called_a_sync_copy(tmp_path):
    """QA: a shop keeping last quarter's orders as orders-Q4.xlsx (and ledger-FY2025.xlsx) beside the workbooks
    was told at every validate and daily that OneDrive had left it (a PC named Q4), and to merge it and delete
    it. Only a PC's name (DESKTOP-AB12CD, KEFU01) makes such a copy; a period or version label does not."""
    folder = small_shop(tmp_path / "shop").folder
    kept = [folder / "orders-Q4.xlsx", folder / "orders-2025-Q4.xlsx", folder / "ledger-FY2025.xlsx"]
    for p in kept[:2]:
        p.write_bytes((folder / "orders.xlsx").read_bytes())
    kept[2].write_bytes(b"last year's ledger")
    synced = folder / "orders-DESKTOP-AB12CD.xlsx"
    synced.write_bytes((folder / "orders.xlsx").read_bytes())
    r = shopbook("validate", folder, "--json")
    assert r.returncode in (0, 1), (r.stdout, r.stderr)
    named = [i["book"] for i in json.loads(r.stdout) if i["severity"] == "warning"]
    assert synced.name in named and not any(p.name in named for p in kept), named
    r = shopbook("doctor", folder, "--dry-run")
    assert synced.name in flat(r.stdout) and not any(p.name in flat(r.stdout) for p in kept), r.stdout


def leave_copies(folder, when: dt.datetime):
    """Two copies as the services leave them; the OneDrive one is not even a workbook."""
    one = folder / "orders-DESKTOP-AB12CD.xlsx"
    one.write_bytes(b"half-synced, not a workbook")
    two = folder / "stock (张三's conflicted copy 2026-11-21).xlsx"
    two.write_bytes((folder / "stock.xlsx").read_bytes())
    for p in (one, two):
        os.utime(p, (when.timestamp(), when.timestamp()))
    return one, two


WHEN = dt.datetime(2026, 11, 21, 14, 35, tzinfo=dt.timezone(dt.timedelta(hours=8)))  # (in the shop's time, as said)


def test_validate_names_each_copy_with_its_time_and_what_to_do(tmp_path):
    folder = small_shop(tmp_path / "shop").folder
    one, two = leave_copies(folder, WHEN)
    r = shopbook("validate", folder)
    assert r.returncode in (0, 1), (r.stdout, r.stderr)  # warnings: the copies stop nothing
    said = flat(r.stdout + r.stderr)
    for p, book in ((one, "orders.xlsx"), (two, "stock.xlsx")):
        assert flat(p.name) in said and "2026-11-2114:35" in said, said
        assert flat(f"录入{book}") in said, said  # what to do: into the workbook shopbook reads
    r = shopbook("validate", folder, "--json")
    warned = [i for i in json.loads(r.stdout) if i["book"] in (one.name, two.name)]
    assert {i["book"] for i in warned} == {one.name, two.name}
    assert all(i["severity"] == "warning" and "14:35" in i["message_en"] for i in warned)
    # one workbook validated: its own copy only
    r = shopbook("validate", folder / "orders.xlsx", "--json")
    assert [i["book"] for i in json.loads(r.stdout) if "DESKTOP" in i["book"] or "conflicted" in i["book"]] \
        == [one.name]


def test_the_daily_report_and_email_name_the_copy(tmp_path):
    folder = small_shop(tmp_path / "shop").folder
    r = shopbook("daily", folder, "--date", "2026-11-21", "--json")
    assert r.returncode in (0, 1), (r.stdout, r.stderr)
    one, _ = leave_copies(folder, WHEN)
    # a copy come since the day's run: the job runs again (it has something new to say)
    r = shopbook("daily", folder, "--date", "2026-11-21", "--json")
    assert r.returncode in (0, 1), (r.stdout, r.stderr)
    run = json.loads(r.stdout)
    assert run["unchanged_since"] is None
    detail = next(s["detail"] for s in run["steps"] if s["step"] == "validate")
    assert one.name in detail, detail
    msg = email.message_from_bytes(open(run["email"], "rb").read(), policy=policy.default)
    text = msg.get_body(("plain",)).get_content()
    assert one.name in text and "2026-11-21 14:35" in text and "orders.xlsx" in text, text


def test_a_numbered_copy_is_named_as_what_it_may_be(tmp_path):
    """百度网盘, WPS 云文档 and Google Drive keep the other version as orders (1).xlsx; before, no
    one was told. Said as a second copy (the number alone does not prove two PCs changed it)."""
    folder = small_shop(tmp_path / "shop").folder
    copy = folder / "orders (1).xlsx"
    copy.write_bytes((folder / "orders.xlsx").read_bytes())
    os.utime(copy, (WHEN.timestamp(), WHEN.timestamp()))
    r = shopbook("validate", folder, "--json")
    warned = [i for i in json.loads(r.stdout) if i["book"] == copy.name]
    assert len(warned) == 1 and warned[0]["severity"] == "warning", r.stdout
    assert "second copy of orders.xlsx" in warned[0]["message_en"] and "14:35" in warned[0]["message_en"]
    assert "录入 orders.xlsx" in warned[0]["message_zh"] and "conflict" not in warned[0]["message_en"]
    assert not CJK.search(warned[0]["message_en"])  # an English shop reads English only


def test_a_recorded_verdict_never_hides_a_copy_come_or_gone(tmp_path, monkeypatch):
    """validate's run record (io.memo) stands for the workbooks; a copy that comes or goes
    after it is still said, or no longer said, at once."""
    from shopbook.io import cache, memo
    from shopbook.validate.run import validate_path

    monkeypatch.setattr(cache, "MIN_BYTES", 0)  # this small shop gets its record too
    folder = small_shop(tmp_path / "shop").folder
    hits = []
    load = memo.load
    monkeypatch.setattr(memo, "load", lambda *a, **k: hits.append(load(*a, **k)) or hits[-1])

    def named():
        return [i.book for i in validate_path(folder).issues if i.book.startswith("orders (")]

    assert named() == []
    copy = folder / "orders (1).xlsx"
    copy.write_bytes(b"half-synced")
    assert named() == [copy.name]
    copy.unlink()
    assert named() == []
    assert hits[0] is None and hits[1] is not None and hits[2] is not None  # the record answered for the workbooks


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_doctor_names_each_copy_and_leaves_it_alone(tmp_path, lang):
    """doctor, the command a person runs when something seems wrong on the share, said "nothing
    to repair" beside orders-DESKTOP-AB12CD.xlsx; now it names each copy in the shop's language,
    exits 1 (a person must compare) and neither reads nor touches it, with or without --dry-run."""
    folder = small_shop(tmp_path / "shop").folder
    if lang == "en":
        toml = folder / "shopbook.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'),
                        encoding="utf-8")
    one, two = leave_copies(folder, WHEN)
    three = folder / "kpi(1).xlsx"
    three.write_bytes(b"")
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (one, two, three)}
    for args in (("--dry-run",), ()):
        r = shopbook("doctor", folder, *args)
        assert r.returncode == 1, (r.stdout, r.stderr)
        said = flat(r.stdout)
        for p in (one, two, three):
            assert flat(p.name) in said, said
        if lang == "zh":
            assert flat("shopbook只读orders.xlsx") in said and flat("录入stock.xlsx") in said, said
        else:
            assert "shopbookreadsorders.xlsxonly" in said and not CJK.search(said.replace(flat(two.name), "")), said
        assert "nothingtorepair" not in said and "没有发现问题" not in said, said
    r = shopbook("doctor", folder, "--json")
    found = {f["path"]: f for f in json.loads(r.stdout)["findings"]}
    assert {f["kind"] for f in found.values()} == {"sync-copy"} and set(found) == {str(p) for p in before}
    assert not any(f["repaired"] for f in found.values())
    assert before == {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in before}


def test_a_copy_of_shopbook_toml_is_named_too(tmp_path):
    """The owner changed the e-mail list on the laptop offline while the shop PC changed a
    threshold: the sync kept one as shopbook-DESKTOP-AB12CD.toml, and what was typed in it never
    counted, with no one told. validate (so daily) and doctor name it; it is never read."""
    folder = small_shop(tmp_path / "shop").folder
    copy = folder / "shopbook-DESKTOP-AB12CD.toml"
    copy.write_text("[shop\nnot even toml", encoding="utf-8")
    r = shopbook("validate", folder, "--json")
    assert r.returncode in (0, 1), (r.stdout, r.stderr)
    warned = [i for i in json.loads(r.stdout) if i["book"] == copy.name]
    assert len(warned) == 1 and "shopbook reads shopbook.toml only" in warned[0]["message_en"], r.stdout
    r = shopbook("doctor", folder, "--json")
    assert r.returncode == 1 and [f["path"] for f in json.loads(r.stdout)["findings"]] == [str(copy)], r.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_doctor_names_a_workbook_marked_open_and_leaves_the_mark(tmp_path, lang):
    """A ~$orders.xlsx Excel left two days ago after a crash: every writing command refused orders.xlsx
    as open, and doctor said "nothing to repair". It names the mark, who and since when, and what to
    do, in the shop's language, exits 1 and never deletes it (someone may have the book open)."""
    folder = small_shop(tmp_path / "shop").folder
    if lang == "en":
        toml = folder / "shopbook.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'),
                        encoding="utf-8")
    mark = folder / "~$orders.xlsx"
    mark.write_bytes(b"\x05alice" + b" " * 50)
    old = dt.datetime(2026, 11, 30, 9, 15, tzinfo=dt.timezone(dt.timedelta(hours=8))).timestamp()  # (the shop's time)
    os.utime(mark, (old, old))
    r = shopbook("doctor", folder)
    said = flat(r.stdout)
    assert r.returncode == 1 and mark.exists(), (r.stdout, r.stderr)
    if lang == "zh":
        assert flat("orders.xlsx 标记为正在被打开（alice，自 2026-11-30 09:15") in said and "删除~$orders.xlsx" in said
    else:
        assert "orders.xlsxismarkedasopen(alice,since2026-11-3009:15" in said and not CJK.search(said), said
    assert "没有发现问题" not in said and "nothingtorepair" not in said


@pytest.mark.parametrize("copy", ["shopbook (1).toml", "shopbook - 副本.toml"])
def test_a_shop_whose_shopbook_toml_is_left_only_as_a_copy_stops(tmp_path, copy):
    """shopbook.toml gone, only the sync service's (or a person's) copy of it left: daily ran on the
    default settings (the report titled 我的店铺, no SMTP, the owner's e-mail list and thresholds
    unsaid), validate only warned "compare the two", and init made a default shopbook.toml beside
    the copy. Now every command and init stop naming the copy and what to do; nothing is written."""
    folder = small_shop(tmp_path / "shop").folder
    (folder / "shopbook.toml").rename(folder / copy)
    for args in (("validate", folder), ("daily", folder), ("init", folder)):
        r = shopbook(*args)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        # (validate says it among the problems it lists, on stdout: every problem at once, cf86793)
        said = flat(r.stderr + (r.stdout if args[0] == "validate" else ""))
        assert flat(f"没有 shopbook.toml，但有 {copy}") in said and flat("请把它改名为 shopbook.toml") in said, said
        assert flat(f"There is no shopbook.toml, but there is {copy}") in said, said
        assert not (folder / "shopbook.toml").exists()
        assert not (folder / "reports").exists() or not any((folder / "reports").iterdir())
