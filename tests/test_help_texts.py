"""`shopbook … --help` as a person reads it: every option and argument says what it is, and the
--help line itself is in both languages, as every other line (it was click's "Show this message
and exit." alone; validate --lang, docs --out, stocktake sheet --date and others said nothing)."""

from __future__ import annotations

import re

from cli_run import shopbook
from typer.main import get_command

from shopbook.cli import app

CJK = re.compile(r"[\u4e00-\u9fff]")


def _commands(cmd, path="shopbook"):
    yield path, cmd
    for name, sub in getattr(cmd, "commands", {}).items():
        yield from _commands(sub, f"{path} {name}")


def test_every_option_and_argument_has_its_help():
    silent = [f"{path} {'/'.join(p.opts)}" for path, cmd in _commands(get_command(app)) for p in cmd.params
              if not (getattr(p, "help", None) or "").strip()]
    assert not silent, silent


def test_the_help_line_is_in_both_languages():
    for args in (["--help"], ["daily", "--help"], ["stock", "--help"], ["orders", "import", "--help"]):
        r = shopbook(*args)
        line = next(ln for ln in r.stdout.splitlines() if ln.strip().startswith("--help"))
        assert r.returncode == 0 and CJK.search(line) and re.search(r"[a-z]{4}", line.split("/")[-1]), (args, line)
