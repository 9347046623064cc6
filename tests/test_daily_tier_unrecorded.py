"""An agent's line with a blank 单价 ordered before the agent's 等级起始日期, no month settled before it: the tier
it was ordered at is on no record and it is priced at the tier now. `ledger` says so at the line's 单价
(test_ledger_tier_unrecorded); the daily report's sales of a day filled from the orders, and the self-check's
KPIs of yesterday, counted it so without a word (its KPI step ✓). Now both say it, located at the 单价 cell, in
the shop's language, and the KPI step is no ✓."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from cli_run import flat, shopbook
from shopbook.schema import AGENTS, Agent, OrderLine, Tier
from shopbook.workbook_builder import write_workbook
from test_agent_price_counted import D, agent_shop

COL = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[[c.name for c in OrderLine.columns()].index("unit_price")]


def dated_shop(tmp_path, lang: str = "zh", promotions: list = ()):
    """agent_shop's DL1 (its order of 11 × B1 on 10-09, 单价 blank) at 金牌 from 10-15: before it, on no record."""
    folder = agent_shop(tmp_path, promotions=promotions)
    write_workbook(folder / AGENTS.filename, AGENTS, "zh", {
        Agent: [Agent(agent_id="DL1", name="甲代理", tier="金牌", tier_from=dt.date(2026, 10, 15))],
        Tier: [Tier(tier="金牌", discount=D("0.5")), Tier(tier="银牌", discount=D("0.6"))]}, keep_backup=False)
    if lang == "en":
        toml = folder / "shopbook.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    return folder


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_daily_report_says_a_day_s_agent_line_at_a_tier_on_no_record(tmp_path, lang):
    folder = dated_shop(tmp_path, lang)
    r = shopbook("daily", str(folder), "--date", "2026-10-09")
    out = flat(r.stdout + r.stderr)
    kpi = next(ln for ln in r.stdout.splitlines() if "KPI" in ln)
    assert "✓" not in kpi, r.stdout
    name = "日报-2026-10-09.xlsx" if lang == "zh" else "daily-2026-10-09.xlsx"
    ws = openpyxl.load_workbook(folder / "reports" / name).worksheets[0]
    said = [str(c.value) for row in ws.iter_rows() for c in row if c.value and "DL1-0001" in str(c.value)]
    assert said and f"{COL}3" in said[0], said  # its 单价 cell (row 3: the Taobao order is row 2)
    if lang == "zh":
        assert "日报的销售额按现在的“金牌”的代理价 45.50 计" in said[0] and "填上它下单时的代理价" in said[0], said
    else:
        assert "the daily report's sales counts it at the '金牌' agent price, 45.50" in said[0], said
        assert "下单" not in said[0] and "Type the agent price" in said[0], said
    assert "DL1-0001" in out, out


def test_a_day_after_the_change_is_not_said(tmp_path):
    folder = dated_shop(tmp_path)
    r = shopbook("daily", str(folder), "--date", "2026-10-08")
    assert "DL1-0001" not in r.stdout + r.stderr


def test_the_self_check_says_yesterday_s_agent_line_at_a_tier_on_no_record(tmp_path):
    folder = dated_shop(tmp_path)
    r = shopbook("selfcheck", str(folder), "--date", "2026-10-10", "--json")
    items = [i for i in json.loads(r.stdout) if "DL1-0001" in i["what"]]
    assert len(items) == 1 and items[0]["role"] == "operations", r.stdout
    assert f"{COL}3" in items[0]["record"] and "昨天的销售额" in items[0]["what"], items
