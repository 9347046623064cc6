"""The daily job's 问题 (the report and the e-mail) cut a 生意参谋 download's problems at ten, then said
'… 还有 2 条（shopbook kpi import 列出全部）': a command without the shop or the file, which by then the job had
moved to inbox/refused/ — run as said it imports nothing. Now the line names the command whole: the shop folder
and the file where it is now."""

from __future__ import annotations

import datetime as dt
import os

from test_kpi_import import DAYS, sycm_xlsx

from shopbook.report.workflow import run_daily
from shopbook.shop import init_shop, open_shop

NAME = "【生意参谋平台】店铺整体_日_2026-11-01_2026-11-12.xlsx"


def _download(path, n=12):
    days = []
    for k in range(n):  # twelve days, each with its 浏览量 mistyped: twelve problems
        row = list(DAYS[k % 3])
        row[0], row[2] = f"2026-11-{k + 1:02d}", "两万"
        days.append(row)
    f = sycm_xlsx(path, days=days, ad_values=(("120.50", "30.00", "1,000.00"),) * n)
    os.utime(f, (f.stat().st_mtime - 60,) * 2)  # (downloaded a minute ago: not watched for growing)
    return f


def test_the_cut_list_of_a_downloads_problems_names_the_command_and_the_file_where_it_is(tmp_path):
    for lang in ("zh", "en"):
        init_shop(tmp_path / lang, lang)
        shop = open_shop(tmp_path / lang)
        _download(shop.folder / "inbox" / NAME)
        run = run_daily(shop, dt.date(2026, 11, 13), send=False, steps_only=("inbox",))
        now = shop.folder / "inbox" / "refused" / NAME
        assert now.exists(), list((shop.folder / "inbox").rglob("*"))
        cut = [p for p in run.summary.problems if p.startswith("…")]
        said = (f"… 还有 2 条：shopbook kpi import {shop.folder} {now} 列出全部" if lang == "zh" else
                f"… 2 more: shopbook kpi import {shop.folder} {now} lists them all")
        assert cut == [said], run.summary.problems


def test_the_kpi_buttons_cut_list_names_the_file_holding_it_whole(tmp_path):
    """The 导入生意参谋 button's box, cut at ten, said '… 还有 2 条；shopbook kpi import 列出全部': a person at the
    button has no command line to go back to (and pressing it again lists the same ten). The problems are written
    whole in reports/, as the other buttons' cut lists, and the box names that file."""
    from xlfake import FakeBook

    from shopbook import xl

    for lang in ("zh", "en"):
        init_shop(tmp_path / lang, lang)
        f = _download(tmp_path / f"{lang}-{NAME}")
        book = FakeBook(tmp_path / lang / "kpi.xlsx")
        xl.import_kpi(str(f), book)
        prompt = book.app.alerts[-1]["prompt"]
        (listed,) = (tmp_path / lang / "reports").glob("生意参谋导入问题-*.csv" if lang == "zh" else
                                                      "shop-data-import-problems-*.csv")
        said = f"… 还有 2 条；全部列在 {listed}" if lang == "zh" else f"… and 2 more; all of them are listed in {listed}"
        assert said in prompt, prompt
        assert "shopbook kpi import" not in prompt, prompt
        text = listed.read_text(encoding="utf-8-sig")
        assert text.count("两万") == 12, text
        # (from the review) each line as the box says it: its row's column named, as the command line's list does
        first = next(ln for ln in prompt.splitlines() if "两万" in ln).strip()
        assert ("第 6 行 › 浏览量：" in first or "row 6 › " in first) and first.split(" ", 1)[1] in text, (first, text)
