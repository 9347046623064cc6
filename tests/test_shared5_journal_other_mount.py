"""A shop folder on a share is reached at a path of each machine's own: /srv/shop for the server's cron,
/mnt/nas/shop on a Linux PC, Z:\\shop on a Windows one. A pick list killed after its journal (every new version
complete beside its file) was finished by the next run on another machine as if done: none of the paths the
journal named was there, so doctor said '✓ its files were all in place already; only its journal was left',
removed the job's complete new versions as stray temps, and the pick list and its orders' batch were lost,
the orders picked a second time. The journal now names the shop folder it was written in, and each path
under it is read under the folder as this run sees it: the job is finished, said as put in place."""

from __future__ import annotations

import json
import shutil

from cli_run import flat, shopbook
from test_concurrency import done, picklist_left_mid_journal, small_shop, state

from shopbook.io import journal


def _killed_mid_journal_then_moved(tmp_path, there: str):
    """A pick list killed on the machine that saw the shop at /…/pc/shop, the shop then reached at `there`."""
    first = tmp_path / "pc" / "shop"
    small_shop(first)
    picklist_left_mid_journal(first)
    assert not done("picklist", state(first))
    folder = tmp_path / there / "shop"
    folder.parent.mkdir(parents=True)
    shutil.move(first, folder)  # (the same share, mounted elsewhere)
    return folder


def _finished_by_doctor(folder):
    r = shopbook("doctor", folder)
    out = flat(r.stdout)
    assert r.returncode == 0, r.stdout + r.stderr
    # said as what it had left to put in place, now repaired: not as a job whose files were all in place
    assert "“shopbookpicklist”在写入多个文件时被中断：还有" in out and "orders.xlsx" in out and "已修复" in out, out
    assert "都已写好" not in out and "临时文件" not in out, out
    assert done("picklist", state(folder)), out  # the orders carry the pick list's batch
    assert list((folder / "reports").glob("拣货单-*.xlsx")), out
    assert not (folder / journal.JOURNAL_NAME).exists()
    assert not list(folder.rglob("*.shopbook-tmp.*")), out
    return out


def test_a_job_killed_on_one_machine_is_finished_on_another_that_mounts_the_share_elsewhere(tmp_path):
    folder = _killed_mid_journal_then_moved(tmp_path, "server")
    _finished_by_doctor(folder)


def test_a_journal_a_windows_pc_wrote_is_finished_here(tmp_path):
    folder = _killed_mid_journal_then_moved(tmp_path, "nas")
    path = folder / journal.JOURNAL_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    was = data["folder"]
    win = "Z:\\店铺"  # as the PC that crashed saw the share: its drive letter, its separators

    def as_windows(p: str) -> str:
        return win + p[len(was):].replace("/", "\\")

    data["folder"] = win
    for e in data["files"]:
        for k in ("tmp", "target", "backup"):
            if k in e:
                e[k] = as_windows(e[k])
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _finished_by_doctor(folder)


def test_a_journal_an_earlier_shopbook_wrote_elsewhere_is_finished_here(tmp_path):
    """A PC still on a shopbook before the journal named its folder: its temps, each of a name of its own, say
    where the shop was as it saw it."""
    folder = _killed_mid_journal_then_moved(tmp_path, "server")
    path = folder / journal.JOURNAL_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["folder"]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _finished_by_doctor(folder)
