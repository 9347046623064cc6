"""A statement of the month open in Excel when the month is settled again: this run's is written beside it as
'… (2).xlsx' (io.files.write_atomic) and said so. The settlement then took the open one, under the agent's own
name, for a statement of an earlier name: it said '代理甲（DL1）改过名字 … 正开着，没有删除：关掉后删除它，别发给代理'
of an agent never renamed. Now the open one is left and said as the open file it is, nothing of a rename."""

from __future__ import annotations

from typer.testing import CliRunner

from shopbook.agents.workflow import settle_month
from shopbook.cli import app
from shopbook.shop import open_shop
from test_agents_settlement import d, line, make_shop


def test_a_statement_open_when_settled_again_is_not_taken_for_an_earlier_names(tmp_path, wide_console):
    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 1, "27.50", shipped=d(2026, 10, 3), fee="0")])
    (f,) = settle_month(shop, "2026-10").files
    (f.parent / f"~${f.name}").write_bytes(b"\x08someone")  # open in Excel
    res = settle_month(open_shop(shop.folder), "2026-10")
    assert res.replaced == [] and f.exists(), res.replaced
    assert res.files[0].name == "DL1-甲-对账单-2026-10 (2).xlsx", res.files
    r = CliRunner().invoke(app, ["agents", "settle", str(shop.folder), "--month", "2026-10"])
    assert r.exit_code == 0 and "改过名字" not in r.output and "正被打开着" in r.output, r.output
