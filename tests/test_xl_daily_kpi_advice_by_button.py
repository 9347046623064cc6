"""The 日报 button over a day 日报 has no row for (生意参谋 not downloaded yet), a Daily cell elsewhere typed so it does
not read: its box said "把生意参谋的下载放进 inbox/（或 shopbook kpi import）" and "（见 shopbook validate）", command lines to a
person in Excel under the 导入生意参谋… and 校验 buttons. The box names those buttons, in the shop's language as its
ribbon labels them; `shopbook daily` (the step's line, the e-mail and the report) keeps the command."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest

from shopbook import xl
from shopbook.report.workflow import run_daily
from shopbook.shop import init_shop, open_shop
from xlfake import FakeBook


def shop_with_a_daily_cell_unread(folder, lang):
    init_shop(folder, lang=lang)
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb.worksheets[0]  # 日报 / Daily: a day long past, its 访客数 typed as words
    ws.append([dt.datetime(2026, 10, 5), 300, "一百" if lang == "zh" else "a hundred", 3, 3, 297, 3])
    wb.save(folder / "kpi.xlsx")
    return folder


@pytest.fixture(scope="module", params=["zh", "en"])
def pressed(request, tmp_path_factory):
    folder = shop_with_a_daily_cell_unread(tmp_path_factory.mktemp(request.param) / "shop", request.param)
    book = FakeBook(folder / "kpi.xlsx")
    xl.daily_report(book)
    [kpi] = [ln for ln in book.app.alerts[-1]["prompt"].splitlines() if ln.startswith("– KPI")]
    return request.param, folder, kpi


def test_the_daily_box_names_the_buttons_for_a_day_without_figures(pressed):
    lang, _, kpi = pressed
    if lang == "zh":
        assert "把生意参谋的下载放进 inbox/（或按“导入生意参谋…”选它），或在 kpi.xlsx 的“日报”表填上这一天。" in kpi, kpi
        assert "日报里有读不出的单元格（在 kpi.xlsx 里按“校验”，它的“校验结果”表列出），这一天的行可能是其中之一。" in kpi, kpi
    else:
        assert "Put the 生意参谋 download in inbox/ (or press Import shop data… and choose it), or fill in this day " \
               "on kpi.xlsx's Daily sheet." in kpi, kpi
        assert "Some Daily cells do not read (press Validate in kpi.xlsx: its Issues sheet lists them): this day's " \
               "row may be one." in kpi, kpi
    assert not re.search(r"shopbook [a-z]", kpi), kpi


def test_the_command_line_keeps_the_command(pressed):
    lang, folder, _ = pressed
    run = run_daily(open_shop(folder), send=False, steps_only=("kpi",))
    [(_, zh, en)] = run.said()[:1]
    said = zh if lang == "zh" else en
    assert ("（或 shopbook kpi import）" if lang == "zh" else "(or shopbook kpi import)") in said, said
    assert ("（见 shopbook validate）" if lang == "zh" else "(see shopbook validate)") in said, said


def test_the_daily_box_names_the_workbook_to_press_validate_in(pressed):
    """The validate step's "（shopbook validate 列出每一个）" was said in the box as "在所说的工作簿里按“校验”" on a line that names
    no workbook: the one whose errors they are is named."""
    lang, folder, _ = pressed
    book = FakeBook(folder / "orders.xlsx")
    xl.daily_report(book)
    [line] = [ln for ln in book.app.alerts[-1]["prompt"].splitlines() if ln.startswith(("✗ 校验", "✗ validate"))]
    assert line == ("✗ 校验：1 个错误，0 个警告（在 kpi.xlsx 里按“校验”，它的“校验结果”表列出每一个）" if lang == "zh" else
                    "✗ validate: 1 error, 0 warnings (press Validate in kpi.xlsx: its Issues sheet lists each)"), line
    run = run_daily(open_shop(folder), send=False, steps_only=("validate",))
    [(_, zh, en)] = run.said()[:1]
    assert (zh if lang == "zh" else en).endswith("（shopbook validate 列出每一个）" if lang == "zh" else
                                                 " (shopbook validate lists each)"), (zh, en)
