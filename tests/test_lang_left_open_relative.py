"""A report someone has open is written beside it and said so, the shop's folder typed as a person
types it: relative to where they are (`shopbook ledger shop`, `shopbook daily .`)."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.shop import init_shop


def test_a_report_left_open_is_said_with_the_shop_typed_relative(tmp_path, monkeypatch, wide_console):
    """`shopbook ledger shop --month 2026-11` with pnl-2026-11.xlsx open in Excel wrote
    'pnl-2026-11 (2).xlsx' and said only '✓ …(2).xlsx': the warning that the open one was left as it
    was (the last run's) was dropped, for the write noted the file's absolute path and the report's
    place was the path as typed. Given as /abs/shop it was said; now either way, in the shop's language."""
    for lang, report, said in (("en", "pnl-2026-11", "is open (amy) and was not replaced"),
                               ("zh", "利润表-2026-11", "正被打开着（amy），没有替换它")):
        init_shop(tmp_path / lang, lang)
        (tmp_path / lang / "reports").mkdir(exist_ok=True)
        (tmp_path / lang / "reports" / f"~${report}.xlsx").write_bytes(b"\x04amy" + b" " * 50)
        monkeypatch.chdir(tmp_path)
        r = CliRunner().invoke(app, ["ledger", lang, "--month", "2026-11"])
        text = " ".join(r.stdout.split())
        assert r.exit_code == 0 and (tmp_path / lang / "reports" / f"{report} (2).xlsx").is_file(), r.stdout
        assert said in text and f"{report} (2).xlsx" in text, text
        assert bool(re.search(r"[\u4e00-\u9fff]", text.replace(report, ""))) == (lang == "zh"), text
