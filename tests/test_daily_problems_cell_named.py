"""The daily job's 问题 (the report's first sheet and the summary e-mail) list an inbox file's refused lines and a
生意参谋 download's problems, cut at ten: each named its file and row and not the column ('手工单.csv › 第 2 行 应为
整数：“三”'), where `orders import` names the column beside the row; which cell of the row to fix was left to guess.
Now each names the cell: its row and its column (手工单.csv › 第 2 行 › 数量), in either shop."""

from __future__ import annotations

import datetime as dt

import pytest
from test_daily_kpi_cut_located import NAME, _download

from shopbook.report.daily import render_email
from shopbook.report.workflow import run_daily
from shopbook.shop import init_shop, open_shop


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_inbox_files_refused_lines_name_their_cell(tmp_path, lang):
    init_shop(tmp_path / "shop", lang)
    shop = open_shop(tmp_path / "shop")
    inbox = shop.folder / "inbox"
    inbox.mkdir(exist_ok=True)
    bad = "".join(f"M-{i},李四,13800000002,浙江省 杭州市 西湖区 b路2号,SH-WH-M,三,2026-11-21 09:00\n" for i in range(12))
    (inbox / "手工单.csv").write_text("订单编号,收货人,手机,收货地址,商家编码,数量,付款时间\n" + bad, encoding="utf-8")
    run = run_daily(shop, dt.date(2026, 11, 21), send=False, steps_only=("inbox",))
    listed = [p for p in run.summary.problems if "三" in p]
    row = "第 {} 行" if lang == "zh" else "row {}"
    assert len(listed) == 10 and all(f"手工单.csv › {row.format(k)} › 数量 " in p for k, p in enumerate(listed, 2)), listed
    _, plain = render_email(run.summary)
    assert f"手工单.csv › {row.format(11)} › 数量 " in plain, plain


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_downloads_problems_name_their_cell(tmp_path, lang):
    init_shop(tmp_path / lang, lang)
    shop = open_shop(tmp_path / lang)
    _download(shop.folder / "inbox" / NAME)  # twelve days, each with its 浏览量 mistyped 两万
    run = run_daily(shop, dt.date(2026, 11, 13), send=False, steps_only=("inbox",))
    listed = [p for p in run.summary.problems if "两万" in p and not p.startswith("…")]
    row = "第 {} 行" if lang == "zh" else "row {}"
    assert len(listed) == 10 and all(f"{row.format(k)} › 浏览量 " in p for k, p in enumerate(listed, 6)), listed


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_kpi_import_buttons_lines_name_their_cell(tmp_path, lang):
    """The 导入生意参谋 button's box (KpiImport.said) named a download's problem by its row alone ('row 6: Should be
    a whole number: '两万''): now its column too, unless the message names it already."""
    from test_kpi_import import DAYS, sycm_xlsx

    from shopbook.kpi.import_sycm import import_kpi

    init_shop(tmp_path / lang, lang)
    shop = open_shop(tmp_path / lang)
    days = [list(r) for r in DAYS]
    days[0][2], days[1][1] = "两万", "1.2万"  # 浏览量 mistyped; 访客数 rounded (its message names 访客数)
    res = import_kpi(shop, [sycm_xlsx(tmp_path / lang / NAME, days=days)])
    said = [x[1 if lang == "zh" else 2] for x in res.said(10)]
    row = "第 {} 行" if lang == "zh" else "row {}"
    colon = "：" if lang == "zh" else ": "
    assert any(f"{row.format(6)} › 浏览量{colon}" in x and "两万" in x for x in said), said
    assert any(f"{row.format(7)}{colon}访客数" in x for x in said), said  # (not 访客数 twice)
