"""`shopbook validate` on a shop an interrupted job left half written (a pick list killed after its journal)
exits 1, yet its last line, the one a person's eye goes to, said "0 个错误，1 个警告" in green, as a clean shop
does: the warning above it scrolled by, and the shop was taken for checked. The count is now red whenever the exit
is not 0, and says the result cannot be trusted and to run shopbook doctor first; a clean shop stays green."""

from __future__ import annotations

import re

from cli_run import flat, shopbook
from test_concurrency import picklist_left_mid_journal, small_shop

GREEN, RED = "\x1b[32m", "\x1b[31m"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _count_line(stdout: str) -> str:
    return next(line for line in reversed(stdout.splitlines()) if "error" in line or "错误" in line)


def test_a_half_written_shops_count_is_not_green(tmp_path, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")  # (as on a terminal: rich colours a pipe so)
    folder = tmp_path / "shop"
    small_shop(folder)
    clean = shopbook("validate", folder)
    assert GREEN in _count_line(clean.stdout) and "shopbook doctor" not in clean.stdout, clean.stdout
    picklist_left_mid_journal(folder)

    r = shopbook("validate", folder)
    assert r.returncode == 1, r.stdout + r.stderr
    line = _count_line(r.stdout)
    assert GREEN not in line and RED in line, line
    out = flat(ANSI.sub("", r.stdout))
    assert "0个错误，1个警告（一个被中断的任务还没有写完：这个结果不可信，请先运行shopbookdoctor）" in out, out

    r = shopbook("validate", folder, "--lang", "en")
    assert r.returncode == 1 and GREEN not in _count_line(r.stdout), r.stdout
    en = " ".join(ANSI.sub("", r.stdout).split())
    assert "1 warning (an interrupted job is not finished: this result cannot be trusted; run shopbook doctor first)" \
        in en, en
    assert "个错误" not in en

    r = shopbook("validate", folder / "orders.xlsx", "--lang", "en")  # (one workbook of it: the same)
    assert r.returncode == 1 and GREEN not in _count_line(r.stdout) and "cannot be trusted" in r.stdout, r.stdout
