"""What a run says about a job an earlier run was killed in the middle of, on real files and
real `shopbook` processes: `ship` killed between its two workbooks (SHOPBOOK_CRASH_AT), then
the next command. A workbook a person saved in between is not overwritten and the job's version
is kept beside it: the next command says so on its own screen, in the shop's language, with
where the kept version is and what to do with it (before, only `shopbook doctor` told). And
doctor never counts "0 files not written yet"."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import forkserver
from test_concurrency import small_shop

from shopbook.io import journal

SRC = Path(__file__).resolve().parents[1] / "src"


def shopbook(*args, env: dict | None = None) -> subprocess.CompletedProcess:
    e = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    e.update({"PYTHONPATH": str(SRC), **(env or {})})
    return forkserver.run([sys.executable, "-m", "shopbook.cli", *map(str, args)], capture_output=True, text=True,
                          env=e, timeout=300)


def flat(r: subprocess.CompletedProcess) -> str:
    return "".join((r.stdout + r.stderr).split())


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    return small_shop(tmp_path_factory.mktemp("interrupted") / "shop").folder


def killed_ship(base: Path, folder: Path, point: str, lang: str = "zh") -> Path:
    """The shop with `ship` killed at `point` of its commit (its journal left behind)."""
    shutil.copytree(base, folder)
    if lang == "en":
        toml = folder / "shopbook.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'),
                        encoding="utf-8")
    r = shopbook("ship", folder, folder / "scans.txt", env={"SHOPBOOK_CRASH_AT": point})
    assert r.returncode == 86, (r.stdout, r.stderr)
    assert (folder / journal.JOURNAL_NAME).exists()
    return folder


def a_person_saves(orders: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(orders)
    wb.worksheets[0].cell(row=2, column=30).value = "a person's note"
    wb.save(orders)


def noted(orders: Path) -> bool:
    import openpyxl

    return openpyxl.load_workbook(orders).worksheets[0].cell(row=2, column=30).value == "a person's note"


CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_next_command_says_where_the_kept_version_is(base, tmp_path, lang):
    """ship killed after stock.xlsx and before orders.xlsx; a person saves orders.xlsx; then
    `orders review`, which finishes the job as it takes the lock. Before, it printed only its
    own `✓ 已审核：12` and the kept orders.shopbook-unfinished-….xlsx went unsaid."""
    folder = killed_ship(base, tmp_path / "shop", "replace:2", lang)
    a_person_saves(folder / "orders.xlsx")
    r = shopbook("orders", "review", folder)
    assert r.returncode == 0, (r.stdout, r.stderr)
    assert noted(folder / "orders.xlsx")  # the person's save stays (and the review went on from it)
    kept = list(folder.glob("orders.shopbook-unfinished-*.xlsx"))
    assert len(kept) == 1
    said = flat(r)
    assert "".join(str(kept[0]).split()) in said, said  # where the kept version is, in full
    assert "orders.xlsx" in said
    lines = [ln for ln in (r.stdout + r.stderr).splitlines() if "shopbook-unfinished" in ln]
    assert lines and all(ln.startswith("!") for ln in lines), lines
    if lang == "zh":
        assert "ship" in said and "比较" in said and f"删除{kept[0].name}" in said, said
        assert "interrupted" not in said and "compare" not in said
    else:
        assert "ship" in said and "compare" in said and f"delete{kept[0].name}" in said, said
        assert not CHINESE.search(" ".join(lines)), lines
    # said once: the run after it finds nothing to finish and says nothing of it
    again = shopbook("orders", "review", folder)
    assert again.returncode == 0 and "shopbook-unfinished" not in flat(again), flat(again)


def test_a_finished_job_is_said_by_the_next_command(base, tmp_path):
    """ship killed between its two workbooks, nobody touched them since: the next command
    puts orders.xlsx in place and says it finished the interrupted ship."""
    folder = killed_ship(base, tmp_path / "shop", "replace:2")
    r = shopbook("orders", "review", folder)
    assert r.returncode == 0, (r.stdout, r.stderr)
    said = flat(r)
    assert "ship" in said and "orders.xlsx" in said and "这次运行已把它写好" in said, said
    assert not list(folder.glob("*.shopbook-unfinished-*"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_doctor_never_counts_zero_files_left(base, tmp_path, lang):
    """ship killed after both workbooks were in place, before its journal was removed: doctor
    said "还有 0 个没有写完（—）" / "0 of them were not in place yet (—)"."""
    folder = killed_ship(base, tmp_path / "shop", "replaced", lang)
    for args in (("--dry-run",), ()):
        r = shopbook("doctor", folder, *args)
        said = flat(r)
        assert "ship" in said, said
        assert not re.search(r"(?<![0-9])0个|(?<![0-9])0of|—", said), said
        assert ("都已写好" if lang == "zh" else "allinplacealready") in said, said


def test_doctor_on_a_kept_version_does_not_count_zero_either(base, tmp_path):
    folder = killed_ship(base, tmp_path / "shop", "replace:2")
    a_person_saves(folder / "orders.xlsx")
    r = shopbook("doctor", folder)
    assert r.returncode == 1, (r.stdout, r.stderr)  # a person must compare the two
    said = flat(r)
    assert not re.search(r"(?<![0-9])0个|—", said), said
    kept = list(folder.glob("orders.shopbook-unfinished-*.xlsx"))
    assert len(kept) == 1 and kept[0].name in said, said


def test_a_button_says_it_in_its_message(base, tmp_path):
    """The 审单 button (pressed in kpi.xlsx) finishes the same job: its message box says where the
    kept version is before its own result, and is a warning."""
    from xlfake import FakeBook

    from shopbook import xl

    folder = killed_ship(base, tmp_path / "shop", "replace:2")
    a_person_saves(folder / "orders.xlsx")
    book = FakeBook(folder / "kpi.xlsx")
    xl.review(book)
    kept = list(folder.glob("orders.shopbook-unfinished-*.xlsx"))
    assert len(kept) == 1
    alert = book.app.alerts[-1]
    first, *rest = alert["prompt"].splitlines()
    assert str(kept[0]) in first and "比较" in first, alert
    assert "✓ 已审核：" in rest[-1] and alert["mode"] == "critical", alert


def test_daily_says_the_job_it_finished_in_its_json_and_its_email(base, tmp_path):
    """The cron job's daily run is the one that meets an interrupted ship; nobody reads its
    console. Before, only the console said it: --json and the e-mail the boss reads said nothing."""
    import email
    import json
    from email import policy

    folder = killed_ship(base, tmp_path / "shop", "replace:2")
    r = shopbook("daily", folder, "--date", "2026-11-21", "--json")
    assert r.returncode in (0, 1), (r.stdout, r.stderr)
    run = json.loads(r.stdout)
    assert len(run["recovered"]) == 1, run
    rec = run["recovered"][0]
    assert "ship" in rec["zh"] and "ship" in rec["en"] and rec["finished"] == [str(folder / "orders.xlsx")]
    msg = email.message_from_bytes(open(run["email"], "rb").read(), policy=policy.default)
    text = "".join(msg.get_body(("plain",)).get_content().split())
    assert "ship" in text and "orders.xlsx" in text and "这次运行已把它写好" in text, text


def test_json_of_another_command_carries_the_kept_version(base, tmp_path):
    """A workbook a person saved in between: the job's version kept beside it, named in the next
    command's --json document (a dict) with where it is."""
    import json

    folder = killed_ship(base, tmp_path / "shop", "replace:2")
    a_person_saves(folder / "orders.xlsx")
    r = shopbook("picklist", folder, "--json")
    assert r.returncode in (0, 1), (r.stdout, r.stderr)
    doc = json.loads(r.stdout)
    kept = list(folder.glob("orders.shopbook-unfinished-*.xlsx"))
    assert len(kept) == 1
    assert [x["kept"] for x in doc["recovered"] if x["kept"]] == [str(kept[0])], doc["recovered"]
    again = json.loads(shopbook("picklist", folder, "--json").stdout)  # said once
    assert "recovered" not in again


@pytest.mark.parametrize("as_json", [False, True])
def test_daily_exits_1_when_it_kept_a_version_for_a_person_to_merge(base, tmp_path, as_json):
    """The cron job's daily run finishes an interrupted ship and keeps its orders.xlsx beside the one
    a person saved since: a person must compare and merge them. Before, daily exited 0 (every step
    ✓) and a script checking its exit took the morning as done; the same run with nothing kept exits 0."""
    import json

    args = ("--json",) if as_json else ()
    finished = killed_ship(base, tmp_path / "finished", "replace:2")
    assert shopbook("daily", finished, "--date", "2026-11-21", *args).returncode == 0
    folder = killed_ship(base, tmp_path / "shop", "replace:2")
    a_person_saves(folder / "orders.xlsx")
    r = shopbook("daily", folder, "--date", "2026-11-21", *args)
    kept, = folder.glob("orders.shopbook-unfinished-*.xlsx")
    assert r.returncode == 1, (r.stdout, r.stderr)
    if as_json:
        run = json.loads(r.stdout)
        assert run["ok"] and [x["kept"] for x in run["recovered"] if x["kept"]] == [str(kept)]
    else:  # why, last, beside the result: the kept version to merge into the one a person saved
        assert f"!! 需要人处理：{kept.name} 是被中断的任务要写入的版本，和 orders.xlsx 比较、合并后删除它" in r.stdout
    assert noted(folder / "orders.xlsx")


def test_the_daily_button_says_a_person_must_merge_the_kept_version(base, tmp_path):
    """The 日报 button, pressed where an interrupted ship's version was kept beside the orders.xlsx
    a person saved since: its message ends with what `shopbook daily` ends with (why it exits 1),
    and is loud, though every step of the day went well."""
    from xlfake import FakeBook

    from shopbook import xl

    folder = killed_ship(base, tmp_path / "shop", "replace:2")
    a_person_saves(folder / "orders.xlsx")
    book = FakeBook(folder / "kpi.xlsx")
    xl.daily_report(book, "2026-11-21")
    kept, = folder.glob("orders.shopbook-unfinished-*.xlsx")
    alert = book.app.alerts[-1]
    assert f"!! 需要人处理：{kept.name} 是被中断的任务要写入的版本，和 orders.xlsx 比较、合并后删除它" in alert["prompt"], alert
    assert alert["mode"] == "critical", alert


def test_daily_says_a_kept_version_every_day_until_it_is_merged(base, tmp_path):
    """The run that kept the job's version said so; every daily after it said nothing and exited 0
    (also one answered from its run record), while doctor still listed it. Now daily names it, in
    its lines and the e-mail's problems, and exits 1 until it is deleted."""
    folder = killed_ship(base, tmp_path / "shop", "replace:2")
    a_person_saves(folder / "orders.xlsx")
    assert shopbook("orders", "review", folder).returncode == 0  # finishes the job: the version kept
    [kept] = folder.glob("orders.shopbook-unfinished-*.xlsx")
    for _ in range(2):  # the second from its run record
        r = shopbook("daily", folder, "--date", "2026-11-21")
        assert r.returncode == 1 and f"!!需要人处理：{kept.name}" in flat(r), flat(r)
    kept.unlink()
    r = shopbook("daily", folder, "--date", "2026-11-21")
    assert "shopbook-unfinished" not in flat(r), flat(r)


def test_a_kept_version_is_said_once_from_a_relative_path_and_its_owner_file_is_none(base, tmp_path, monkeypatch):
    """daily run as `daily shop` finishes the job itself: the kept version was said twice (the
    journal's real path against the folder's as typed), and the ~$ file Excel makes when a person
    opens the kept version to compare was taken for a second version to merge."""
    from shopbook.report.workflow import run_daily
    from shopbook.shop import open_shop

    folder = killed_ship(base, tmp_path / "shop", "replace:2")
    a_person_saves(folder / "orders.xlsx")
    monkeypatch.chdir(tmp_path)
    run = run_daily(open_shop(Path("shop")), dt.date(2026, 11, 21), send=False)
    [kept] = folder.glob("orders.shopbook-unfinished-*.xlsx")
    said = [zh for _, zh, _ in run.said() if kept.name in zh]
    assert len(said) == 1 and run.unmerged == [], said
    (folder / f"~${kept.name}").write_bytes(b"\x05alice" + b" " * 50)  # the person opens it in Excel
    assert journal.unmerged(folder) == [kept]
