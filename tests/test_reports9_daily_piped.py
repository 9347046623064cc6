"""`shopbook daily SHOP > log.txt` as a cron job runs it: its output is read in a file or an e-mail."""

from __future__ import annotations

from typer.testing import CliRunner

from shopbook import cli
from shopbook.cli import app
from test_daily import demo_like_shop


def test_daily_to_a_file_says_its_steps_a_line_each_not_a_table_hundreds_of_columns_wide(tmp_path, monkeypatch):
    """To a file (no terminal, no COLUMNS) lines go whole; the steps' table then took the width of its
    longest result (790 columns for a pick list's orders, its title centred over them). Now a line a
    step, as the 日报 button says them; with COLUMNS set the table fits it."""
    shop = demo_like_shop(tmp_path)
    monkeypatch.setattr(cli.out, "_width", None)  # (wide_console's 400: the file's own width)
    monkeypatch.delenv("COLUMNS", raising=False)
    r = CliRunner().invoke(app, ["daily", str(shop.folder), "--date", "2026-11-21"])
    lines = r.stdout.splitlines()
    assert r.exit_code == 0, r.stdout
    assert lines[0] == "shopbook daily 2026-11-21"
    assert not any(c in r.stdout for c in "┏┃│└"), r.stdout
    assert "– 邮件：没有设置 SMTP" in r.stdout and any(ln.startswith("✓ 日报：") for ln in lines)
    report = next(ln for ln in lines if ln.startswith("✓ 日报："))[len("✓ 日报："):]
    # each thing said once: the report's path in its step's line and once more at the end, as the button says it
    assert r.stdout.count(report) == 2, r.stdout
    assert all(len(ln) < 200 for ln in lines), max(map(len, lines))
    monkeypatch.setenv("COLUMNS", "100")  # a width given: the table, fitted to it (rich's own wrapping)
    assert not cli.out.whole and cli.out.width == 100
