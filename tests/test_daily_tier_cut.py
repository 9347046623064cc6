"""A big agent's day of lines typed with a blank 单价, ordered before the agent's 等级起始日期 (the tier they were
ordered at on no record, test_daily_tier_unrecorded): the daily report said each of them, whole, on the KPI step's
line, in the e-mail's and the report's problems: 25 lines of three sentences each, the rest of the e-mail pushed
off the screen. Now the first 10 are said, then how many more and where: all of them, each at its 单价 cell, on a
sheet of the daily report workbook; with no workbook made (kpi and e-mail only), the e-mail lists them all."""

from __future__ import annotations

import datetime as dt
import email
from decimal import Decimal
from email import policy

import openpyxl
import pytest

from cli_run import flat, shopbook
from shopbook.report.workflow import run_daily
from shopbook.schema import AGENTS, ORDERS, Agent, OrderLine, Tier
from shopbook.shop import open_shop
from shopbook.workbook_builder import write_workbook
from test_agent_price_counted import agent_shop, line

N = 25


def big_agent_day(tmp_path, lang: str):
    """agent_shop with DL1's 25 orders of 1 × B1 on 10-09, 单价 blank; DL1 at 金牌 from 10-15: before it, no record."""
    folder = agent_shop(tmp_path)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [line("T0001", "A1", 2, "359.20", 8)] + [
        line(f"DL1-{k:04d}", "B1", 1, None, 9, source="代理", agent_id="DL1") for k in range(1, N + 1)]},
        keep_backup=False)
    write_workbook(folder / AGENTS.filename, AGENTS, "zh", {
        Agent: [Agent(agent_id="DL1", name="甲代理", tier="金牌", tier_from=dt.date(2026, 10, 15))],
        Tier: [Tier(tier="金牌", discount=Decimal("0.5"))]}, keep_backup=False)
    if lang == "en":
        toml = folder / "shopbook.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    return folder


def mail_text(folder) -> str:
    (eml,) = (folder / "outbox").glob("*.eml")
    return email.message_from_bytes(eml.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_long_list_of_agent_lines_at_the_tier_now_is_cut_saying_how_many_more_and_where(tmp_path, lang):
    folder = big_agent_day(tmp_path, lang)
    r = shopbook("daily", str(folder), "--date", "2026-10-09")
    zh = lang == "zh"
    sheet = "代理订单按现等级计" if zh else "Agent lines at tier now"
    more = (f"还有 15 行代理订单按现在的等级计；都在日报工作簿的“{sheet}”表" if zh else
            f"and 15 more agent order lines at the tier now; all on the '{sheet}' sheet of the daily report workbook")
    kpi = next(ln for ln in r.stdout.splitlines() if "KPI" in ln)
    assert "DL1-0010" in kpi and "DL1-0011" not in kpi and flat(more) in flat(kpi), r.stdout
    text = mail_text(folder)
    assert "DL1-0010" in text and "DL1-0011" not in text and flat(more) in flat(text), text
    wb = openpyxl.load_workbook(folder / "reports" / (f"日报-2026-10-09.xlsx" if zh else "daily-2026-10-09.xlsx"))
    first = [str(c.value) for row in wb.worksheets[0].iter_rows() for c in row if c.value]
    assert not any("DL1-0011" in v for v in first) and any(more in v for v in first), first
    rows = list(wb[sheet].iter_rows(min_row=2, values_only=True))
    assert len(rows) == N and all(f"DL1-{k:04d}" in rows[k - 1][1] for k in range(1, N + 1)), rows
    col = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[[c.name for c in OrderLine.columns()].index("unit_price")]
    assert rows[-1][0] == f"orders.xlsx › 订单 › {col}{N + 2}", rows[-1]  # (its sheet as the file names it)
    assert ("下单时的代理价" in rows[0][1]) == zh and ("ordered at" in rows[0][1]) != zh, rows[0]


def test_with_no_workbook_made_the_e_mail_lists_them_all(tmp_path):
    folder = big_agent_day(tmp_path, "zh")
    run = run_daily(open_shop(folder), dt.date(2026, 10, 9), send=False, steps_only=("kpi", "email"))
    assert run.report is None
    text = mail_text(folder)
    assert all(f"DL1-{k:04d}" in text for k in range(1, N + 1)) and "还有 15 行" not in text, text


def test_with_the_report_step_failed_the_problems_list_them_all(tmp_path, monkeypatch):
    """The report was to be made, so the KPI step cut the list pointing at its sheet; the report step then failed
    (a full disk): the problems, which the group message sends, kept the ten lines and a pointer to a workbook
    that was never made, the other fifteen said nowhere."""
    from shopbook.issues import ShopbookError
    from shopbook.report import workflow

    folder = big_agent_day(tmp_path, "zh")

    def full(*a, **k):
        raise ShopbookError("磁盘已满。", "The disk is full.")

    monkeypatch.setattr(workflow, "write_daily_workbook", full)
    run = run_daily(open_shop(folder), dt.date(2026, 10, 9), send=False)
    assert run.report is None
    said = "\n".join(run.summary.problems)
    assert all(f"DL1-{k:04d}" in said for k in range(1, N + 1)) and "还有 15 行" not in said, said
