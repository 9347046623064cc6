"""The daily job's cut list of a 生意参谋 download's problems gives a command that runs when pasted: a shop folder
with a space (D:\\My Shop) and a browser's re-download name (… (1).xlsx) quoted, as the 导入生意参谋 button quotes
them (before: bare, the pasted command took 'My' and 'Shop' for two arguments)."""

from __future__ import annotations

import datetime as dt

from shopbook.report.workflow import run_daily
from shopbook.shop import init_shop, open_shop
from test_daily_kpi_cut_located import NAME, _download


def test_the_cut_lists_command_quotes_a_folder_and_file_with_spaces(tmp_path):
    init_shop(tmp_path / "My Shop", "zh")
    shop = open_shop(tmp_path / "My Shop")
    name = NAME.replace(".xlsx", " (1).xlsx")
    _download(shop.folder / "inbox" / name)
    run = run_daily(shop, dt.date(2026, 11, 13), send=False, steps_only=("inbox",))
    now = shop.folder / "inbox" / "refused" / name
    cut = [p for p in run.summary.problems if p.startswith("…")]
    assert cut == [f'… 还有 2 条：shopbook kpi import "{shop.folder}" "{now}" 列出全部'], run.summary.problems
