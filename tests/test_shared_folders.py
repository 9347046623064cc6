"""A shop folder a group of colleagues shares (mode 2775 or 775, the shop's group) stays shared
for what shopbook makes in it: the folders (reports/, outbox/, .shopbook-backup/,
.shopbook-cache/ …) and new files get the group's read and write and the folder's group, even
when the job that makes them runs under umask 022 (cron, a desktop session). Before, they got
the umask's 755/644: the next colleague's run could not add to outbox/sent.log or reports/.
Real `shopbook` processes on real files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import forkserver

from test_concurrency import small_shop

SRC = Path(__file__).resolve().parents[1] / "src"
GROUP = 4321  # the shop's group (root may give any)
MADE_BY_THE_TEST = {"scans.txt", "a.csv", "b.csv"}

needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                                reason="giving a folder another group needs root")


def shopbook(*args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    env.update(PYTHONPATH=str(SRC), SHOPBOOK_APART="0")  # the cache written before the process ends
    return forkserver.run([sys.executable, "-m", "shopbook.cli", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=300)


def _with_umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def umask022():
    yield from _with_umask(0o022)


def shared_folder(path: Path, mode: int) -> Path:
    path.mkdir()
    os.chown(path, -1, GROUP)
    os.chmod(path, mode)
    return path


def not_shared(root: Path) -> list[str]:
    """Everything under `root` that the group could not write, or that is not in its group (a
    folder: nor keeps the setgid bit of the shop folder)."""
    setgid = root.stat().st_mode & stat.S_ISGID
    bad = []
    for p in root.rglob("*"):
        if p.name in MADE_BY_THE_TEST:
            continue
        st = p.lstat()
        want = (stat.S_IRWXG | setgid) if p.is_dir() else (stat.S_IRGRP | stat.S_IWGRP)
        if stat.S_IMODE(st.st_mode) & want != want or st.st_gid != GROUP:
            bad.append(f"{p.relative_to(root)} {stat.S_IMODE(st.st_mode):o} gid={st.st_gid}")
    return bad


@needs_root
@pytest.mark.parametrize("mode", [0o2775, 0o775], ids=["setgid", "group-writable"])
def test_what_shopbook_makes_in_a_shared_folder_stays_shared(tmp_path, umask022, mode):
    folder = shared_folder(tmp_path / "shop", mode)
    small_shop(folder)
    r = shopbook("daily", folder, "--date", "2026-11-21")
    assert r.returncode in (0, 1), (r.stdout, r.stderr)
    r = shopbook("ship", folder, folder / "scans.txt")  # outbox/sent.log … and the backups
    assert r.returncode in (0, 1), (r.stdout, r.stderr)
    for sub in ("reports", "outbox", ".shopbook-backup", ".shopbook-cache"):
        assert (folder / sub).is_dir(), sub
    assert list((folder / "reports").iterdir()) and list((folder / ".shopbook-backup").iterdir())
    assert not_shared(folder) == []
    # the shop folder itself is the person's: as it was
    assert stat.S_IMODE(folder.stat().st_mode) == mode


def test_a_private_folder_gets_what_the_umask_gives(tmp_path, umask022):
    """A folder only its owner may write is no shared one: nothing is widened."""
    folder = tmp_path / "shop"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    small_shop(folder)
    r = shopbook("daily", folder, "--date", "2026-11-21")
    assert r.returncode in (0, 1), (r.stdout, r.stderr)
    for p in folder.rglob("*"):
        if p.name not in MADE_BY_THE_TEST:
            assert stat.S_IMODE(p.lstat().st_mode) & 0o022 == 0, p


@needs_root
def test_a_log_every_run_adds_to_is_one_the_group_may_add_to(tmp_path, umask022):
    """outbox/reports-sent.log, made by the cron job's run: a colleague's `shopbook email` appends
    to it next. Before, it was 644 and theirs failed to say the report went out."""
    from shopbook.report import sent_log

    folder = shared_folder(tmp_path / "shop", 0o2775)
    log = folder / "outbox" / "reports-sent.log"
    sent_log.note(log, "daily 2026-11-21", "abc")
    assert not_shared(folder) == []
    assert "daily 2026-11-21" in log.read_text(encoding="utf-8")


def test_a_workbook_set_read_only_is_not_rewritten(tmp_path):
    """A person set orders.xlsx read-only (Windows' attribute, chmod a-w) to keep it as it is. A job
    running as its owner or as root (cron on the shop's NAS) may replace it regardless: before, it
    did, and kept it read-only. Now: exit 2, the file as it was, what to do in both languages."""
    from cli_run import flat

    folder = small_shop(tmp_path / "shop").folder
    orders = folder / "orders.xlsx"
    os.chmod(orders, 0o444)
    before = orders.read_bytes()
    r = shopbook("orders", "review", folder)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert orders.read_bytes() == before
    said = flat(r.stdout + r.stderr)
    assert "只读" in said and "read-only" in said and "orders.xlsx" in said, said
    assert "Traceback" not in r.stderr


@pytest.fixture
def umask077():  # a cron job's
    yield from _with_umask(0o077)


def test_the_lock_and_the_journal_a_cron_job_makes_are_the_group_s_too(tmp_path, umask077):
    """A cron job under umask 077 made .shopbook.lock and .shopbook-journal.json its own (600): when it
    died, no colleague could tell whose the lock was nor judge it stale, and doctor could not read the
    journal. They are shared as every file shopbook makes in a shared folder."""
    from shopbook.io import journal, lock

    folder = tmp_path / "shop"
    folder.mkdir()
    os.chmod(folder, 0o770)  # the group may write: a shared folder
    with lock.shop_lock(folder, "test"):
        assert stat.S_IMODE((folder / lock.LOCK_NAME).stat().st_mode) == 0o660
    journal._write_journal(folder / journal.JOURNAL_NAME, {"files": []})
    assert stat.S_IMODE((folder / journal.JOURNAL_NAME).stat().st_mode) == 0o660


def test_the_cache_writers_mark_a_cron_job_makes_is_the_group_s_too(tmp_path, umask077):
    """The mark a command's cache writer holds while it writes after the command (.shopbook-cache/
    .writing) was 600 under a cron job's umask 077: a colleague's next command could not open it, and
    went on without waiting for that writer. It is shared as the lock is; and a mark a colleague made
    is left as it is."""
    from shopbook.io import at_exit, cache

    folder = tmp_path / "shop"
    folder.mkdir()
    os.chmod(folder, 0o770)  # the group may write: a shared folder
    fds = at_exit._hold_writing([folder / cache.CACHE_DIR])
    try:
        assert len(fds) == 1
        assert stat.S_IMODE((folder / cache.CACHE_DIR / at_exit.WRITING).stat().st_mode) == 0o660
        assert stat.S_IMODE((folder / cache.CACHE_DIR).stat().st_mode) == 0o770
    finally:
        for fd in fds:
            os.close(fd)
    os.chmod(folder / cache.CACHE_DIR / at_exit.WRITING, 0o640)  # a colleague's, as their system made it
    fds = at_exit._hold_writing([folder / cache.CACHE_DIR])
    for fd in fds:
        os.close(fd)
    assert stat.S_IMODE((folder / cache.CACHE_DIR / at_exit.WRITING).stat().st_mode) == 0o640


def test_a_journal_this_user_cannot_read_is_left_and_said_never_taken_for_cut_off(tmp_path, monkeypatch):
    """doctor took a journal it had no permission to read for one cut off while written ('none of
    its files had been replaced'), deleted it and the job's waiting temp file with a ✓, though the
    job had replaced stock.xlsx. Now nothing is touched and the stop says what to do."""
    from shopbook.io import journal
    from shopbook.issues import ShopbookError

    folder = tmp_path / "shop"
    folder.mkdir()
    j = folder / journal.JOURNAL_NAME
    j.write_text('{"files": []}', encoding="utf-8")
    real = Path.read_text

    def denied(self, *a, **kw):
        if self.name == journal.JOURNAL_NAME:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *a, **kw)

    monkeypatch.setattr(Path, "read_text", denied)
    with pytest.raises(ShopbookError) as e:
        journal.finish_journal(folder)
    assert "shopbook doctor" in e.value.zh and "Permission denied" in e.value.en
    assert j.exists() and journal.stray_temps(folder, min_age=0) == []


@needs_root
@pytest.mark.parametrize("mode", [0o2775, 0o775], ids=["setgid", "group-writable"])
def test_init_in_a_shared_folder_makes_a_shop_the_group_may_write(tmp_path, umask022, mode):
    """`shopbook init shared/shop`: the shop folder, its workbooks, shopbook.toml, reports/ and the
    backup folder take the parent's group write (and setgid). Before, the shop folder was 755: its
    colleagues could add nothing to it, nor to the folders made in it."""
    parent = shared_folder(tmp_path / "shared", mode)
    r = shopbook("init", parent / "team" / "shop")  # (team/: each folder made on the way, shared too)
    assert r.returncode == 0, (r.stdout, r.stderr)
    shop = parent / "team" / "shop"
    assert (shop / "stock.xlsx").is_file() and (shop / ".shopbook-backup").is_dir()
    assert not_shared(parent) == []
    assert stat.S_IMODE(shop.stat().st_mode) == 0o775 | (mode & stat.S_ISGID)
