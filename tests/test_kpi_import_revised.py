"""QA: 生意参谋 revises a day's figures (a late refund, a bot's visits taken out); the revised download
of a day imported before was refused as if a person had typed the old figures ("日报里填的是 1,000，
生意参谋是 1,020 … 加 --replace"), exit 1, and `daily` kept the file in inbox/ day after day. Now a
figure an earlier import wrote and nobody changed since is updated to the newer download's, said
(a warning naming both); a figure a person typed is still never overwritten without --replace."""

from __future__ import annotations

import copy
import datetime as dt

import openpyxl
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.shop import init_shop
from test_kpi_import import DAYS, sycm_xlsx


def _visitors(folder) -> dict[str, object]:
    ws = openpyxl.load_workbook(folder / "kpi.xlsx")["日报"]
    head = [c.value for c in ws[1]]
    return {str(r[0].value)[:10]: r[head.index("访客数")].value for r in ws.iter_rows(min_row=2) if r[0].value}


def test_a_revised_download_updates_what_the_first_import_wrote(tmp_path, wide_console):
    folder = tmp_path / "shop"
    init_shop(folder)
    r = CliRunner().invoke(app, ["kpi", "import", str(folder), str(sycm_xlsx(tmp_path / "a.xlsx"))])
    assert r.exit_code == 0, r.output
    days = copy.deepcopy(DAYS)
    days[1][1], days[1][11] = "1,020", "9.80%"  # 2026-11-19: visitors revised, the conversion with them
    r = CliRunner().invoke(app, ["kpi", "import", str(folder), str(sycm_xlsx(tmp_path / "b.xlsx", days=days))])
    assert r.exit_code == 0, r.output
    assert "按新下载更新 1" in r.output and "2026-11-19 访客数：日报里是之前导入的生意参谋的 1,000，新下载（b.xlsx）改成了 1,020：已更新。" \
        in r.output.replace("\n    ", ""), r.output
    assert _visitors(folder)["2026-11-19"] == 1020


def test_a_typed_figure_is_still_kept(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    assert CliRunner().invoke(app, ["kpi", "import", str(folder), str(sycm_xlsx(tmp_path / "a.xlsx"))]).exit_code == 0
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")  # a person corrects 11-19's visitors by hand
    ws = wb["日报"]
    head = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value and r[0].value.date() == dt.date(2026, 11, 19))
    row[head.index("访客数")].value = 1005
    wb.save(folder / "kpi.xlsx")
    days = copy.deepcopy(DAYS)
    days[1][1], days[1][11] = "1,020", "9.80%"
    r = CliRunner().invoke(app, ["kpi", "import", str(folder), str(sycm_xlsx(tmp_path / "b.xlsx", days=days))])
    assert r.exit_code == 1 and "--replace" in r.output, r.output
    assert _visitors(folder)["2026-11-19"] == 1005


def test_the_record_of_imported_figures_is_shared_with_the_shop_folders_group(tmp_path):
    """Review: the record was written under the umask of whoever ran the import (a cron job's 022: 0644),
    so on a shared shop folder a colleague's later import could not update it, and the figures their
    revised download brought were refused as typing again. It is written as the cache's files are."""
    import os
    import stat

    folder = tmp_path / "shop"
    init_shop(folder)
    os.chmod(folder, 0o2775)  # a shared folder: its group may write
    old = os.umask(0o022)
    try:
        r = CliRunner().invoke(app, ["kpi", "import", str(folder), str(sycm_xlsx(tmp_path / "a.xlsx"))])
    finally:
        os.umask(old)
    assert r.exit_code == 0, r.output
    record = folder / ".shopbook-cache" / "kpi-imported.json"
    assert stat.S_IMODE(os.stat(record).st_mode) & 0o060 == 0o060


def test_the_daily_job_says_the_days_a_revised_download_updated(tmp_path):
    """The revised download put in inbox/: the morning's inbox step said '✓ 生意参谋 0 天进日报' though it
    changed 11-19's visitors in 日报 (1,000 → 1,020). Now it says the day it updated."""
    from shopbook.report.workflow import run_daily
    from shopbook.shop import open_shop

    folder = tmp_path / "shop"
    init_shop(folder)
    assert CliRunner().invoke(app, ["kpi", "import", str(folder), str(sycm_xlsx(tmp_path / "a.xlsx"))]).exit_code == 0
    days = copy.deepcopy(DAYS)
    days[1][1], days[1][11] = "1,020", "9.80%"
    sycm_xlsx(folder / "inbox" / "【生意参谋平台】店铺整体_日_2026-11-18_2026-11-20.xlsx", days=days)
    run = run_daily(open_shop(folder), dt.date(2026, 11, 20), send=False, steps_only=("inbox",))
    (step,) = run.steps
    # (and the download's two other days, there already as it has them: said too, test_import_again_unchanged_said)
    assert step.ok is True and step.detail == "生意参谋 0 天进日报，按新下载更新 1 天，2 天已在日报中，没有变化", step.detail
    assert _visitors(folder)["2026-11-19"] == 1020
