"""A folder of the shop in which this user may make no file: reports/ or .shopbook-backup/
made by a colleague under umask 022 (drwxr-sr-x), or a share that is read-only there. The
stop names the folder, whose it is and what to do; the workbook is left as it was. Run as a
user without privileges (root reads and writes past any mode)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_run import SRC, flat

DEMO = Path(__file__).resolve().parents[1] / "xlsx"


def shopbook_unprivileged(*args) -> subprocess.CompletedProcess:
    """`shopbook ARGS…` as cli_run's, by a user whom a folder's mode binds: root gives up its
    capabilities for it (setpriv), as a colleague's account has none."""
    prefix = []
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("run as root without setpriv: a folder's mode binds no one")
        prefix = [setpriv, "--bounding-set", "-all", "--inh-caps", "-all"]
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"} | {"PYTHONPATH": str(SRC)}
    return subprocess.run([*prefix, sys.executable, "-m", "shopbook.cli", *map(str, args)], capture_output=True,
                          text=True, timeout=300, env=env)


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_a_folder_a_colleague_made_without_group_write_is_named_with_what_to_do(tmp_path):
    """QA: .shopbook-backup/ and reports/ were made by a colleague under umask 022; the next
    person's run stopped with `✗ …/reports/.拣货单-20261121-1.vm~22860~h9r05e8i.shopbook-tmp.xlsx:
    没有权限（Permission denied）`: a temp file's name that never existed, and no word of which
    folder or what to do."""
    folder = tmp_path / "shop"
    shutil.copytree(DEMO, folder)
    orders = folder / "orders.xlsx"
    before = orders.read_bytes()
    (folder / ".shopbook-backup").mkdir()
    (folder / ".shopbook-backup").chmod(0o555)
    try:
        r = shopbook_unprivileged("orders", "review", folder)
        assert r.returncode == 2, r.stdout + r.stderr
        said, en = flat(r.stderr), " ".join(r.stderr.split())
        assert f"没有在文件夹{flat(str(folder / '.shopbook-backup'))}里建立文件的权限" in said, r.stderr
        assert "orders.xlsx没有写入" in said and "chmodg+w" in said and "shopbook-tmp" not in said
        assert "No permission to make a file in the folder" in en and "orders.xlsx was not written" in en
        assert orders.read_bytes() == before
    finally:
        (folder / ".shopbook-backup").chmod(0o755)
    (folder / "reports").mkdir(exist_ok=True)  # (xlsx/ holds an empty one after `make demo`)
    (folder / "reports").chmod(0o555)
    try:
        r = shopbook_unprivileged("daily", folder, "--date", "2026-11-21")
        assert r.returncode == 1, r.stdout + r.stderr
        out = flat(r.stdout)
        assert "✓审单" in out and "✗拣货单" in out and "✓KPI" in out, r.stdout  # the rest of the job goes on
        assert f"没有在文件夹{flat(str(folder / 'reports'))}里建立文件的权限" in out and "shopbook-tmp" not in out
    finally:
        (folder / "reports").chmod(0o755)


@pytest.mark.skipif(os.name == "nt" or not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="POSIX modes; giving a file to another user needs root")
def test_a_workbook_this_user_may_not_read_is_named_with_whose_it_is_and_what_to_do(tmp_path):
    """QA: ledger.xlsx saved 0600 by a colleague's account (a share's create mask, their own script):
    validate said "可能正被 Excel 独占打开…请关闭后重试" (no Excel on this Linux PC holds it), and daily
    stopped with a bare "✗ …/ledger.xlsx: 没有权限（Permission denied）；什么都没有写入。". Both now say
    whose it is, its permissions and what to do, and write nothing."""
    folder = tmp_path / "shop"
    shutil.copytree(DEMO, folder)
    ledger = folder / "ledger.xlsx"
    os.chown(ledger, 2001, 2001)
    ledger.chmod(0o600)
    reports = sorted(p.name for p in (folder / "reports").iterdir()) if (folder / "reports").exists() else []
    # validate names it among the folder's problems, in the shop's language, and validates the others
    r = shopbook_unprivileged("validate", folder)
    assert r.returncode == 2, r.stdout + r.stderr
    said = flat(r.stdout)
    assert "ledger.xlsx" in said and "没有读写这个文件的权限（它属于2001，权限-rw-------）" in said, r.stdout
    assert "chmodg+rw" in said and "Excel独占" not in said and "(Permissiondenied)" not in said, r.stdout
    assert "其他工作簿照常校验" in said and "stock.xlsx" in said, r.stdout
    r = shopbook_unprivileged("daily", folder, "--date", "2026-11-21")  # a stop: in both languages
    assert r.returncode == 2, r.stdout + r.stderr
    said, en = flat(r.stderr), " ".join(r.stderr.split())
    assert "ledger.xlsx" in said and "没有读写这个文件的权限（它属于2001，权限-rw-------）" in said, r.stderr
    assert "chmodg+rw" in said and "Excel独占" not in said and "(Permissiondenied)" not in said, r.stderr
    assert "it belongs to 2001, permissions -rw-------" in en and "nothing was written" in en, r.stderr
    assert (sorted(p.name for p in (folder / "reports").iterdir()) if (folder / "reports").exists() else []) == reports


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_a_shop_folder_this_user_may_not_write_in_is_named_with_whose_it_is_and_what_to_do(tmp_path):
    """QA: the shop folder itself made by a colleague under umask 022 (drwxr-xr-x): `ledger`,
    `reconcile alipay --apply` and the other writers stopped with `无法在店铺文件夹里建立锁文件
    .shopbook.lock（Permission denied）：为了安全，什么都没有写入。`: no word of whose folder it is
    or what to do, as every other folder shopbook cannot write in says."""
    import pwd

    folder = tmp_path / "shop"
    shutil.copytree(DEMO, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    folder.chmod(0o555)
    try:
        r = shopbook_unprivileged("ledger", folder, "--month", "2026-11")
    finally:
        folder.chmod(0o755)
    assert r.returncode == 2, r.stdout + r.stderr
    said, en = flat(r.stderr), " ".join(r.stderr.split())
    owner = pwd.getpwuid(folder.stat().st_uid).pw_name
    assert f"没有在店铺文件夹{flat(str(folder))}里建立文件的权限（这个文件夹属于{owner}）" in said, r.stderr
    assert "什么都没有写入" in said and "chmodg+w" in said and "(Permissiondenied)" not in said, r.stderr
    assert f"No permission to make a file in the shop folder {folder} (it belongs to {owner})" in en, r.stderr
    assert "nothing was written" in en
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


@pytest.mark.skipif(os.name == "nt" or not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="POSIX modes; giving a file to another user needs root")
def test_an_owner_file_this_user_may_not_read_names_whose_it_is(tmp_path):
    """QA: ~$ledger.xlsx that a colleague's Excel left on the share, 0600 by its create mask: the stop
    said 工作簿正在被打开（?） — a question mark for who has it open. It names the mark's owner now."""
    folder = tmp_path / "shop"
    shutil.copytree(DEMO, folder)
    mark = folder / "~$ledger.xlsx"
    mark.write_bytes(b"\x03amy" + b" " * 51)
    os.chown(mark, 2001, 2001)
    mark.chmod(0o600)
    before = (folder / "ledger.xlsx").read_bytes()
    r = shopbook_unprivileged("validate", folder, "--write")
    assert r.returncode == 2, r.stdout + r.stderr
    said, en = flat(r.stderr), " ".join(r.stderr.split())
    assert "工作簿正在被打开（2001）" in said and "（?）" not in said, r.stderr
    assert "The workbook is open (2001)" in en, r.stderr
    assert (folder / "ledger.xlsx").read_bytes() == before


def test_a_shop_on_a_read_only_share_says_so_in_the_shops_language(tmp_path):
    """A copy of the shop on a read-only mount (a backup disk, a share mounted ro): every writer stopped
    with '无法在店铺文件夹里建立锁文件 .shopbook.lock（Read-only file system）：为了安全，什么都没有写入。',
    the OS's English inside the Chinese and no word of what to do. (A real read-only bind mount: root.)"""
    src = tmp_path / "shop"
    shutil.copytree(DEMO, src)
    ro = tmp_path / "ro"
    ro.mkdir()
    if subprocess.run(["mount", "--bind", str(src), str(ro)], capture_output=True).returncode != 0:
        pytest.skip("no bind mounts here")
    try:
        if subprocess.run(["mount", "-o", "remount,bind,ro", str(ro)], capture_output=True).returncode != 0:
            pytest.skip("no read-only remount here")
        from cli_run import shopbook

        r = shopbook("orders", "review", ro)
        assert r.returncode == 2, r.stdout + r.stderr
        zh = r.stderr.split("\n")[0]
        assert "在只读的磁盘或共享上" in flat(zh) and "Read-only" not in zh, r.stderr
        assert "请在可写的店铺文件夹里运行" in flat(zh) and "is on a read-only disk or share" in " ".join(r.stderr.split())
        assert shopbook("validate", ro).returncode == 0  # what only reads runs as usual
    finally:
        subprocess.run(["umount", str(ro)], capture_output=True)


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_a_lock_file_this_user_may_not_read_is_named_with_what_to_do(tmp_path, monkeypatch):
    """A colleague's run under umask 077 left .shopbook.lock theirs alone (0600): the next person's
    writer waited, then said '不知是谁：锁文件里没有写明', and doctor found nothing to repair."""
    folder = tmp_path / "shop"
    shutil.copytree(DEMO, folder)
    lock = folder / ".shopbook.lock"
    lock.write_text("{}")
    lock.chmod(0)
    monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", "0.5")
    r = shopbook_unprivileged("orders", "review", folder)
    said = flat(r.stderr)
    assert r.returncode == 2 and f"锁文件{flat(str(lock))}无法读取（没有读取它的权限；它属于" in said, r.stderr
    assert "请删除这个文件" in said and "锁文件里没有写明" not in said, r.stderr  # (it is there: it does not read)
    r = shopbook_unprivileged("doctor", folder)
    assert r.returncode == 1 and "无法读取（没有读取它的权限" in flat(r.stdout), r.stdout + r.stderr
    assert lock.exists()
