"""The daily e-mail and the report's 摘要 sheet listed '面单：3.3  !' under 耗材（可用天数）, and the only ! they
explained was the KPI note's, just above it: '标 ! 的ROI…比中位数低 30% 以上（异常）'. A past day's report has
no self-check to say the labels run out. Now the heading says what the ! beside a supply means."""

from __future__ import annotations

import datetime as dt

import openpyxl

from shopbook.report.daily import DailySummary, render_email, write_daily_workbook

SAID = {"zh": "耗材（可用天数；! 快用完了：不到它的预警天数，或已经没有了）",
        "en": "Supplies (days left; ! running out: under its alert days, or none left)"}


def test_the_supplies_heading_says_what_its_bang_means(tmp_path):
    for lang in ("zh", "en"):
        s = DailySummary("店", dt.date(2026, 11, 21), lang, supplies=[("面单", "3.3", True), ("胶带", "10.0", False)])
        html, text = render_email(s)
        lines = text.splitlines()
        i = lines.index(SAID[lang] + ("：" if lang == "zh" else ":"))
        assert lines[i + 1].endswith("3.3  !") and not lines[i + 2].endswith("!"), lines[i:i + 3]
        assert f"<h3>{SAID[lang]}</h3>" in html
        path = write_daily_workbook(tmp_path / f"{lang}.xlsx", s)
        cells = [c.value for row in openpyxl.load_workbook(path).worksheets[0].iter_rows() for c in row if c.value]
        assert SAID[lang] in cells and cells[cells.index(SAID[lang]) + 1] == "面单", cells
    # none running out: no ! to explain
    s = DailySummary("店", dt.date(2026, 11, 21), "zh", supplies=[("胶带", "10.0", False)])
    assert "耗材（可用天数）：" in render_email(s)[1].splitlines()
