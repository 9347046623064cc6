"""Closing November for the agents as a shop does it in the first days of December: an agent
renamed after its month was settled once, then settled again."""

from __future__ import annotations

import datetime as dt
from dataclasses import astuple
from decimal import Decimal

import openpyxl
from test_agents_settlement import line, make_shop

from shopbook.agents.workflow import settle_month
from shopbook.schema import AGENTS
from shopbook.shop import open_shop

D = Decimal
d = dt.date


def test_an_agent_renamed_after_settling_leaves_one_statement_of_the_month(tmp_path):
    """October and November settled under the agent's name 甲 (November owes 49.50 with October's
    22.00); the agent then pays and is renamed 甲服饰 on the 代理商 sheet, and November is settled again.
    Before, reports/代理 held two November statements of DL1, the old-named one still owing 49.50: the
    one a person forwards by WeChat could be the stale one. Now the earlier name's statement of the
    month is replaced by the new one, and said; October's is that month's, and a statement of another agent
    whose id begins with DL1- is that agent's: both left as they are."""
    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 1, "27.50", shipped=d(2026, 11, 30)),
                                      line("DL1-000", "B", 1, "22.00", shipped=d(2026, 10, 9))])
    october = settle_month(shop, "2026-10").files[0]
    first = settle_month(shop, "2026-11")
    (old,) = first.files
    assert old.name == "DL1-甲-对账单-2026-11.xlsx" and not first.replaced
    wb = openpyxl.load_workbook(shop.path(AGENTS))
    wb["代理商"]["B2"] = "甲服饰"
    wb["收款"].append([dt.datetime(2026, 11, 30), "DL1", 49.5, "10-11月货款"])
    wb.save(shop.path(AGENTS))
    # an agent since taken off the sheet, whose id begins with DL1-: its statement is its own, never DL1's
    gone = openpyxl.Workbook()
    gone.active["A1"] = "店 · 乙（DL1-2） 2026-11 月结对账单"
    gone.save(old.with_name("DL1-2-乙-对账单-2026-11.xlsx"))
    again = settle_month(open_shop(shop.folder), "2026-11")
    (new,) = again.files
    assert new.name == "DL1-甲服饰-对账单-2026-11.xlsx" and again.statements[0].balance == D("0.00")
    statements = sorted(f.name for f in (shop.reports / "代理").glob("*对账单*"))
    # October's, under the name it was settled in, is that month's: never touched
    assert statements == ["DL1-2-乙-对账单-2026-11.xlsx", "DL1-甲-对账单-2026-10.xlsx", "DL1-甲服饰-对账单-2026-11.xlsx"]
    assert october.exists()
    ((agent, name, was, now, gone),) = [astuple(r) for r in again.replaced]
    assert (agent, name, was, now, gone) == ("DL1", "甲服饰", old, new, True)
    said = [x for x in again.said() if "DL1-甲-对账单-2026-11.xlsx" in x[1]]
    assert len(said) == 1 and "甲服饰" in said[0][1] and "renamed" in said[0][2]
    assert "DL1-甲服饰-对账单-2026-11.xlsx" in said[0][2] and "对账单" not in said[0][2].replace(
        "DL1-甲-对账单-2026-11.xlsx", "").replace("DL1-甲服饰-对账单-2026-11.xlsx", "")
    assert again.to_json()["replaced"] == [str(old)]


def test_a_month_still_running_says_its_statements_are_to_today(tmp_path):
    """On 12-05 a person settles December (an agent asks what it owes so far). Before, the statements
    read '2026-12 月结对账单' with five days in them, said nowhere, and `agents email` would mail them as
    the month's. Now each statement, its e-mail text and the screen say the month is not over and the
    figures are to today; a month over (November) says nothing of it."""
    today = dt.date.today()
    month = f"{today:%Y-%m}"
    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 1, "27.50", shipped=today.replace(day=1)),
                                      line("DL1-000", "B", 1, "22.00", shipped=d(2026, 10, 9))])
    res = settle_month(shop, month)
    ((zh, en),) = [n for n in res.statements[0].notes if "没有过完" in n[0]]
    assert f"到今天（{today}）为止" in zh and f"up to today ({today})" in en
    screen = [x for x in res.said() if "没有过完" in x[1]]
    assert len(screen) == 1 and f"{today}" in screen[0][1] and "not over" in screen[0][2]
    rows = [r[0] for r in openpyxl.load_workbook(res.files[0]).active.iter_rows(values_only=True)]
    assert zh in rows
    october = settle_month(shop, "2026-10")
    assert not october.statements[0].notes and not [x for x in october.said() if "没有过完" in x[1]]
