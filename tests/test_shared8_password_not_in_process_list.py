"""An encrypted export's password could only be given as `--password 店铺2026`, on the command line: every user
of the computer sees it in the process list (`ps`, Task Manager's command line column) while the import runs, and
the shell's history keeps it; `--password` alone stopped on click's "requires an argument". Now --password alone
(last) or `--password -` asks for it without showing it at a terminal, or reads it from a pipe (a cron job's
`< password-file`), and --help says why; SHOPBOOK_EXPORT_PASSWORD works as before."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from test_concurrency import small_shop
from test_platforms import _protected_pair

SRC = str(Path(__file__).resolve().parents[1] / "src")


def _run(*args, stdin: str = "", from_file=None, **env_more) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SHOPBOOK_EXPORT_PASSWORD"}
    env.update(PYTHONPATH=SRC, COLUMNS="200", **env_more)
    if from_file is not None:  # (a cron line's < password-file)
        with open(from_file, "rb") as f:
            return subprocess.run([sys.executable, "-m", "shopbook.cli", *map(str, args)], stdin=f,
                                  capture_output=True, text=True, timeout=300, env=env)
    return subprocess.run([sys.executable, "-m", "shopbook.cli", *map(str, args)], input=stdin, capture_output=True,
                          text=True, timeout=300, env=env)


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pw") / "店铺"
    small_shop(folder)
    return folder, _protected_pair(folder.parent / "e")


def test_password_alone_last_reads_it_from_a_pipe_never_from_the_command_line(shop):
    folder, locked = shop
    r = _run("orders", "import", folder, *locked, "--password", stdin="店铺2026\n")
    assert r.returncode in (0, 1), r.stdout + r.stderr
    assert "✓ 导入：1 个订单，1 行" in r.stdout, r.stdout
    assert "店铺2026" not in r.stdout + r.stderr, r.stderr  # (never echoed)
    assert "从标准输入读取密码" in r.stderr, r.stderr  # (said: a pipe that never ends waits, the person knows on what)


def test_password_dash_with_nothing_piped_says_how_to_give_it(shop):
    folder, locked = shop
    r = _run("orders", "import", folder, *locked, "--password", "-", stdin="")
    assert r.returncode == 2, r.stdout + r.stderr
    said = " ".join(r.stderr.split())
    assert "--password 后面没有写密码" in said and "SHOPBOOK_EXPORT_PASSWORD" in said, said
    assert "pipe it in" in said and "Nothing was imported" in said, said


def test_help_says_why():
    r = _run("orders", "import", "--help")
    said = "".join(r.stdout.split())
    assert "processlisttoeveryuser" in said and "SHOPBOOK_EXPORT_PASSWORD" in said, r.stdout


def test_password_alone_is_not_asked_where_no_export_needs_one(shop):
    folder, _ = shop
    r = _run("orders", "import", folder, folder / "a.csv", "--password", stdin="")
    assert r.returncode in (0, 1), r.stdout + r.stderr
    assert "--password" not in r.stderr, r.stderr


def test_password_alone_at_a_terminal_is_asked_without_showing_it_before_the_import_starts(shop):
    import pty
    import time

    folder, locked = shop
    pid, fd = pty.fork()
    if pid == 0:  # (the child: a terminal of its own, as a person's)
        try:
            env = {k: v for k, v in os.environ.items() if k != "SHOPBOOK_EXPORT_PASSWORD"}
            env["PYTHONPATH"] = SRC
            os.execve(sys.executable, [sys.executable, "-m", "shopbook.cli", "orders", "import", str(folder),
                                       *map(str, locked), "--password"], env)
        finally:
            os._exit(127)
    out, asked, end = b"", b"", time.monotonic() + 120
    try:
        while time.monotonic() < end:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # (the child gone: EIO)
                break
            if not chunk:
                break
            out += chunk
            if not asked and "密码".encode() in out:
                time.sleep(0.5)  # (a spinner drawn over the prompt meanwhile would show here)
                out += os.read(fd, 4096) if _ready(fd) else b""
                asked = out
                os.write(fd, "店铺2026\n".encode())
    finally:
        os.waitpid(pid, 0)
        os.close(fd)
    said = out.decode("utf-8", "replace")
    assert asked.decode().strip().endswith("导出文件的密码（输入时不显示）："), asked.decode()
    assert "店铺2026" not in said, said  # (not echoed)
    assert "✓ 导入" in said, said


def _ready(fd) -> bool:
    import select

    return bool(select.select([fd], [], [], 0)[0])


def test_a_password_file_others_may_read_is_said(shop, tmp_path):
    folder, locked = shop
    secret = tmp_path / "pw.txt"
    secret.write_text("店铺2026\n", encoding="utf-8")
    secret.chmod(0o644)
    r = _run("orders", "import", folder, *locked, "--password", from_file=secret)
    said = " ".join(r.stderr.split())
    assert r.returncode in (0, 1) and "✓ 导入" in r.stdout, r.stdout + r.stderr
    assert f"密码文件 {secret}（权限 -rw-r--r--）除了它的主人，别人也能读：请用 chmod 600 {secret}" in said, said
    secret.chmod(0o600)
    r = _run("orders", "import", folder, *locked, "--password", from_file=secret)
    assert r.returncode in (0, 1) and "密码文件" not in r.stderr, r.stderr


def test_password_alone_before_another_option_is_asked_and_that_option_kept(shop):
    import json

    folder, locked = shop
    r = _run("orders", "import", folder, *locked, "--password", "--json", stdin="店铺2026\n")
    assert r.returncode in (0, 1), r.stdout + r.stderr
    doc = json.loads(r.stdout)  # (the import's JSON document: the export read with the password piped in)
    assert "imported_orders" in doc and "stop" not in doc, r.stdout



def test_the_lock_names_the_option_after_password_alone_as_typed():
    from shopbook.cli import _unsecret

    assert _unsecret(["orders", "import", "店铺", "a.xlsx", "--password", "--json"]) == \
        ["orders", "import", "店铺", "a.xlsx", "--password", "--json"]  # (--json asked about nothing: shown)
    assert _unsecret(["orders", "import", "店铺", "--password", "s3cret", "a.xlsx"])[3:] == ["--password", "***", "a.xlsx"]
    assert _unsecret(["--password", "-x9k", "--json"]) == ["--password", "***", "--json"]


@pytest.mark.parametrize("saved", ["utf-8-sig", "gb18030"])
def test_a_password_file_saved_by_notepad_or_a_chinese_windows_is_read_as_its_bytes_say(shop, tmp_path, saved):
    """(review) Notepad's UTF-8 file keeps a BOM (\\ufeff店铺2026: '密码不对'), and a Chinese Windows saves GB18030
    where the console reads another code page: the first line is read as its bytes say, BOM off."""
    folder, locked = shop
    secret = tmp_path / "pw.txt"
    secret.write_bytes("店铺2026\r\n".encode(saved))
    secret.chmod(0o600)
    r = _run("orders", "import", folder, *locked, "--password", from_file=secret)
    assert r.returncode in (0, 1) and "✓ 导入" in r.stdout and "密码不对" not in r.stdout + r.stderr, r.stdout + r.stderr


def test_password_alone_in_a_scheduled_job_that_sets_the_variable_takes_the_variable(shop):
    """(review) A cron line with --password left on it and SHOPBOOK_EXPORT_PASSWORD set: refused, telling it to set
    the variable it had set."""
    folder, locked = shop
    r = _run("orders", "import", folder, *locked, "--password", stdin="", SHOPBOOK_EXPORT_PASSWORD="店铺2026")
    assert r.returncode in (0, 1) and "✓ 导入" in r.stdout, r.stdout + r.stderr


def test_password_alone_before_the_files_takes_none_of_them_for_the_password(tmp_path):
    """(review) `--password a.xlsx b.xlsx`: a.xlsx was taken for the password, b.xlsx alone imported (its pair's
    other half missing), said with ✓. An existing file after --password is an export: the password is asked."""
    folder = tmp_path / "店铺"
    small_shop(folder)
    locked = _protected_pair(tmp_path / "e")
    r = _run("orders", "import", folder, "--password", *locked, stdin="店铺2026\n")
    assert r.returncode in (0, 1) and "✓ 导入：1 个订单，1 行" in r.stdout, r.stdout + r.stderr


def test_on_windows_a_pattern_after_password_alone_is_files_not_the_password(monkeypatch):
    """(review) cmd.exe leaves *.xlsx to the program: `--password *.xlsx` took the pattern for the password."""
    from shopbook import cli

    monkeypatch.setattr(cli.os, "name", "nt")
    assert cli._password_alone(["orders", "import", "店铺", "--password", "*.xlsx"])[3] == "--password=-"
    monkeypatch.setattr(cli.os, "name", "posix")
    assert cli._password_alone(["orders", "import", "店铺", "--password", "*.xlsx"])[3] == "--password"
