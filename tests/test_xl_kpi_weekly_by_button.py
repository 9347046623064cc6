"""A 生意参谋 download of a week's totals, chosen with the 导入生意参谋… button, was refused in a box that said to
download it by day "再放进 inbox/ 或 shopbook kpi import": a command line, to a person with the button under their
hand. The box says to press the button again (the command line keeps its own words), the file named, nothing written."""

from __future__ import annotations

from typer.testing import CliRunner

from shopbook import xl
from shopbook.cli import app
from test_kpi_import import daily_rows, shop, sycm_xlsx  # noqa: F401
from test_kpi_import_edges import day
from xlfake import FakeBook


def test_a_weekly_download_by_the_button_says_to_press_it_again(shop, tmp_path):  # noqa: F811
    f = sycm_xlsx(tmp_path / "week.xlsx", [day("2026-11-16~2026-11-22")])
    book = FakeBook(shop.folder / "kpi.xlsx")
    xl.import_kpi(str(f), book)
    box = book.app.alerts[-1]
    said = box["prompt"]
    assert box["mode"] == "critical" and "week.xlsx 第 6 行的统计日期是一段时间（2026-11-16~2026-11-22）" in said, said
    assert "请在生意参谋按日下载（时间选“自然日”），再按“导入生意参谋…”选它（或放进 inbox/）。" in said, said
    assert said.endswith("then press Import shop data… and choose it (or put it in inbox/)."), said  # (a file's stop: both)
    assert "shopbook" not in said.replace(str(tmp_path), ""), said
    assert not daily_rows(shop)
    r = CliRunner().invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    assert r.exit_code == 2 and "再放进inbox/或shopbookkpiimport。" in "".join(r.output.split()), r.output
