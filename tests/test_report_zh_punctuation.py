"""QA: a Chinese shop's problems list mixed punctuation: "库存预警: stock.xlsx：…", "KPI: …", "审单: …"
beside "自查：…", and the e-mail's lines "库存预警: 54", "X1: 买家留言", "(可用 0, 补货 10)". Now every
zh line is full-width (：，（）), every English one ASCII."""

from __future__ import annotations

import datetime as dt
import re

from test_daily import _daily_typed_twice, decode, demo_like_shop

from shopbook.report.workflow import run_daily
from shopbook.schema import STOCK
from shopbook.shop import open_shop

ASCII_AFTER_ZH = re.compile(r"[\u4e00-\u9fff）」”]\s?[:(,]|[:(,]\s?[\u4e00-\u9fff（“]")


def _run(tmp_path, lang):
    shop = demo_like_shop(tmp_path)
    if lang == "en":
        cfg = shop.folder / "shopbook.toml"
        cfg.write_text(cfg.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    _daily_typed_twice(shop, 21, 45)  # a KPI problem
    shop.path(STOCK).write_bytes(b"not a workbook")  # a stock step's stop
    shop = open_shop(shop.folder)
    return run_daily(shop, dt.date(2026, 11, 21), send=False)


def test_a_chinese_shops_problems_and_e_mail_are_full_width(tmp_path):
    run = _run(tmp_path, "zh")
    problems = run.summary.problems
    assert any(p.startswith("库存预警：stock.xlsx：") for p in problems), problems
    assert run.summary.kpi_note.startswith("日报里同一日期有两行"), run.summary.kpi_note  # (said once: at the figures)
    assert not [p for p in problems if re.match(r"[^：]{1,12}: ", p)], problems
    text = decode(run.email.read_bytes()).get_body(("plain",)).get_content()
    assert "挂起订单：1\n  X1：" in text.replace("\r\n", "\n"), text
    bad = [ln for ln in text.splitlines() if ASCII_AFTER_ZH.search(ln.split("shopbook ")[0])]
    assert bad == [], bad


def test_an_english_shops_stay_ascii(tmp_path):
    run = _run(tmp_path, "en")
    problems = run.summary.problems
    assert any(p.startswith("stock alerts: stock.xlsx: ") for p in problems), problems
    assert run.summary.kpi_note.startswith("A date is on two rows"), run.summary.kpi_note
    text = decode(run.email.read_bytes()).get_body(("plain",)).get_content()
    bad = [ln for ln in text.splitlines() if re.search("[：（），]", ln.split("买家留言")[0])]  # (the data's own words aside)
    assert bad == [], bad


def test_the_self_check_command_says_a_zh_line_full_width(tmp_path):
    from typer.testing import CliRunner

    from shopbook.cli import app

    shop = demo_like_shop(tmp_path)
    r = CliRunner().invoke(app, ["selfcheck", str(shop.folder), "--date", "2026-11-23"])
    lines = r.output.splitlines()
    assert "客服（1）" in lines and any(ln.startswith("  ! 订单 X1：挂起超过一天") for ln in lines), r.output
