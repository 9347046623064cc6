"""A message box is read by a person in Excel, who has the ribbon's buttons and the shop's sheets, never a prompt: the
日报 box said "（或 shopbook kpi import）", 自查 "→ shopbook aftersales 店铺" and "→ shopbook stock supplies 店铺", 盘点表
"再过账：shopbook stocktake post 店铺 --date … · 按钮 盘点过账", 盘点过账 "才用 shopbook stocktake post 店铺 --date …
--zero-uncounted", 月报 "（shopbook kpi import，或 …）", a cut 代理月结 list "shopbook agents settle 列出全部". Every button
pressed on the demo shop now names the button to press or the sheet to work in, in the shop's language; the command line
still names its commands."""

from __future__ import annotations

import re

import pytest
from demo_shop import demo_copy
from xlfake import FakeBook

from shopbook import xl

EVERY_BUTTON = ("validate", "review", "picklist", "morning", "stock_summary", "stock_alerts", "stocktake_sheet",
                "stocktake_post", "purchase_suggest", "pnl", "agent_sheets", "agent_settle", "daily_report",
                "self_check", "monthly_report", "email")
# an English shop's: the boxes whose library words named a command
SAID_WITH_COMMANDS = ("stocktake_sheet", "stocktake_post", "daily_report", "self_check", "monthly_report")


def _commands() -> set[str]:
    """Every command of the command line, as `shopbook …` names it (kpi import, stock, aftersales receive …)."""
    from shopbook import cli

    out = {c.name or c.callback.__name__.replace("_", "-") for c in cli.app.registered_commands}
    for g in cli.app.registered_groups:
        out.add(g.name)
        out |= {f"{g.name} {c.name or c.callback.__name__.replace('_', '-')}" for c in g.typer_instance.registered_commands}
    return out


COMMAND = re.compile(r"shopbook (" + "|".join(sorted(map(re.escape, _commands()), key=len, reverse=True)) + r")(?![\w-])")
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z-]*")


def _cut_agent_lines(folder, lang: str, n: int) -> None:
    """The 代理编号 of `n` agent lines shipped in November typed blank (each a warning: on no statement), so the
    代理月结 box cuts its list."""
    from cli_run import type_in

    from shopbook.io.reader import read_workbook
    from shopbook.schema import ORDERS, OrderLine, OrderSource

    lines = read_workbook(folder / "orders.xlsx", ORDERS, (OrderLine,)).rows(OrderLine)
    rows = [ln.row for ln in lines if ln.source is OrderSource.AGENT and ln.shipped_on
            and ln.shipped_on.strftime("%Y-%m") == "2026-11"][:n]
    assert len(rows) == n, rows
    zh = lang == "zh"
    type_in(folder / "orders.xlsx", OrderLine.zh if zh else OrderLine.en,
            {(r, "代理编号" if zh else "agent_id"): None for r in rows})


@pytest.fixture(scope="module", params=["zh", "en"])
def boxes(request, tmp_path_factory):
    """Each button pressed once, in kpi.xlsx (a small book: the others are written on disk), on a copy of the demo
    shop: its boxes' words; then 代理月结 again once 12 agent lines lost their 代理编号."""
    lang = request.param
    folder = demo_copy(tmp_path_factory.mktemp(f"boxes-{lang}") / "shop", lang)
    said = {}
    for name in EVERY_BUTTON if lang == "zh" else SAID_WITH_COMMANDS:
        book = FakeBook(folder / "kpi.xlsx")
        getattr(xl, name)(book=book)
        said[name] = [a["prompt"] for a in book.app.alerts]
    _cut_agent_lines(folder, lang, 12)
    book = FakeBook(folder / "kpi.xlsx")
    before = set((folder / "reports").iterdir())
    xl.agent_settle(book=book)
    said["agent_settle_cut"] = [a["prompt"] for a in book.app.alerts]
    return lang, folder, said, sorted(p for p in set((folder / "reports").iterdir()) - before if p.suffix == ".csv")


def test_no_box_names_a_command_or_an_option(boxes):
    lang, _, said, _ = boxes
    for name, prompts in said.items():
        assert len(prompts) == 1, (name, prompts)  # one box a press
        for ln in prompts[0].splitlines():
            assert not COMMAND.search(ln) and not OPTION.search(ln), (name, ln)


def test_the_boxes_name_the_button_or_the_sheet_instead(boxes):
    lang, _, said, _ = boxes
    zh = lang == "zh"
    daily = said["daily_report"][0]
    assert ("把生意参谋的下载放进 inbox/（或按“导入生意参谋…”）" if zh else "(or press Import shop data…)") in daily, daily
    check = said["self_check"][0].splitlines()
    # where the cases are: their sheet; a step only the command takes: said as one, no button in Excel doing it
    assert any(ln.endswith("→ orders.xlsx 的“售后”表" if zh else "→ the After-sales sheet of orders.xlsx")
               for ln in check), check
    assert any(("请会用命令行的同事生成补发单（Excel 里没有这一步的按钮；记录在 orders.xlsx 的“售后”表）" if zh else
                "ask whoever runs the shop's command line to make the resend (no button in Excel does this; it is "
                "recorded on the After-sales sheet of orders.xlsx)") in ln for ln in check), check
    assert any(ln.endswith("→ stock.xlsx 的“耗材”表" if zh else "→ the Supplies sheet of stock.xlsx") for ln in check), check
    assert any(ln.endswith("→ 按“代理月结”" if zh else "→ press Settle") for ln in check), check
    sheet = said["stocktake_sheet"][0]
    assert sheet.splitlines()[-1].endswith("再过账：按“盘点过账”" if zh else "then post them: press Post stocktake"), sheet
    post = said["stocktake_post"][0]
    assert ("才照上面给未盘的每个 SKU 填实盘数量 0，再按“盘点过账”" if zh else
            "only if they are all really gone, type 0 as the count of each as above and press Post stocktake") in post, post
    monthly = said["monthly_report"][0]
    assert ("补上这些天的日报（按“导入生意参谋…”，或 kpi.xlsx 的“日报”表）" if zh else "press Import shop data…") in monthly, monthly


def test_a_cut_settlement_list_names_the_file_holding_it_whole(boxes):
    lang, folder, said, made = boxes
    box = said["agent_settle_cut"][0]
    rest = [ln.strip() for ln in box.splitlines() if ln.strip().startswith("… ")]
    assert len(made) == 1, made
    assert made[0].name.startswith("代理月结清单-" if lang == "zh" else "agent-settlement-list-"), made
    assert rest == [f"… 还有 2 条；全部列在 {made[0]}" if lang == "zh" else
                    f"… and 2 more; all of them are listed in {made[0]}"], box
    text = made[0].read_text(encoding="utf-8-sig")
    assert text.count("代理编号却是空的" if lang == "zh" else "but no agent id") == 12, text


def test_the_command_line_still_names_its_commands(boxes):
    """(the library's words are the CLI's; only the box says them as Excel does)"""
    from cli_run import shopbook

    lang, folder, _, _ = boxes

    if lang != "zh":
        pytest.skip("one language is enough to show it")
    cli = shopbook("selfcheck", folder)
    assert "shopbook aftersales 店铺" in cli.stdout.replace("\n", ""), cli.stdout
