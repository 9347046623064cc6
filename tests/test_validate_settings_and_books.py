"""QA: with both a broken shopbook.toml and a workbook that does not read, `validate` stopped on the
settings and never named the workbook (nor checked the others). Now every problem at once: the
settings' error, the workbook that did not read, the others' issues; exit 2."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.shop import init_shop


def test_a_broken_settings_file_and_an_unreadable_workbook_are_both_said(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    with open(folder / "shopbook.toml", "a", encoding="utf-8") as f:
        f.write("\nthreshold = [\n")  # an edit left half done
    (folder / "agents.xlsx").write_bytes(b"not a workbook")
    r = CliRunner().invoke(app, ["validate", str(folder)])
    assert r.exit_code == 2, r.output
    assert "shopbook.toml" in r.output and "is not valid TOML" in r.output, r.output
    assert "agents.xlsx" in r.output and "这个工作簿没有校验" in r.output, r.output
    assert "stock.xlsx, orders.xlsx" in r.output, r.output  # the others checked all the same
    r = CliRunner().invoke(app, ["validate", str(folder), "--json"])
    assert r.exit_code == 2
    books = [i["book"] for i in json.loads(r.stdout) if i["severity"] == "error"]
    assert books[:2] == ["shopbook.toml", "agents.xlsx"], books
