"""A report shopbook makes anew each run (日报, 利润表, 客户 …) that a person has open in Excel is
left as it is: this run's goes beside it (`name (2).xlsx`), and the run says so, whatever the
report; the e-mail attaches the one written."""

from __future__ import annotations

import datetime as dt
import email
import re
from email import policy
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.shop import init_shop, open_shop

DAY = dt.date(2026, 11, 21)


def excel_has_open(path: Path, who: str = "Anna") -> Path:
    """The owner file Excel writes beside a workbook it has open (see io.files._office_owner): a
    length byte, the name in the ANSI code page padded to byte 55, then its UTF-16LE copy."""
    ansi = who.encode("gbk")
    raw = bytes([len(who)]) + ansi.ljust(54, b" ") + len(who).to_bytes(2, "little") + who.encode("utf-16-le")
    mark = path.with_name("~$" + path.name)
    mark.write_bytes(raw.ljust(165, b"\0"))
    return mark


def attached(eml: Path) -> dict[str, bytes]:
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    return {p.get_filename(): p.get_content() for p in msg.iter_attachments() if p.get_filename().endswith(".xlsx")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_daily_report_open_in_excel_is_left_and_this_runs_attached(tmp_path, lang):
    """日报-2026-11-21.xlsx open in Excel on the boss's PC: the daily job run again replaced it under
    her (on Windows: "无法替换文件" and no report). Now it is left, this run's is 日报-2026-11-21 (2).xlsx,
    the report step says so in the shop's language, and the e-mail attaches that one."""
    from shopbook.report.workflow import report_name, run_daily

    init_shop(tmp_path / "shop", lang)
    shop = open_shop(tmp_path / "shop")
    first = run_daily(shop, DAY, send=False)
    report = shop.reports / report_name(DAY, lang)
    assert first.report == report
    wb = openpyxl.load_workbook(report)  # the last run's, as it differs from this one's
    wb.active["A40"] = "上一次"
    wb.save(report)
    excel_has_open(report, "王芳")
    before = report.read_bytes()
    run = run_daily(open_shop(tmp_path / "shop"), DAY, send=False)
    beside = report.with_name(f"{report.stem} (2).xlsx")
    assert report.read_bytes() == before and beside.exists()
    assert run.report == beside
    (step,) = [s for s in run.steps if s.name == "report"]
    assert step.ok is True and str(beside) in step.detail
    if lang == "zh":
        assert f"{report.name} 正被打开着（王芳）" in step.detail, step.detail
    else:
        assert f"{report.name} is open (王芳)" in step.detail
        assert not re.search(r"[\u4e00-\u9fff]", step.detail.replace("王芳", "").replace(str(tmp_path), "")), step.detail
    (content,) = attached(run.email).values()
    assert content == beside.read_bytes() != before
    assert openpyxl.load_workbook(beside).sheetnames  # a whole workbook


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_any_report_open_in_excel_is_left_and_said_on_the_command_line(tmp_path, lang, wide_console):
    """利润表-2026-11.xlsx open in Excel: `ledger --month` replaced it silently. Now this month's P&L
    is in 利润表-2026-11 (2).xlsx and the command line says so (the same words as validate --write's)."""
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    r = CliRunner().invoke(app, ["ledger", str(folder), "--month", "2026-11"])
    assert r.exit_code == 0, r.output
    (pnl,) = (folder / "reports").glob("*.xlsx")
    excel_has_open(pnl)
    before = pnl.read_bytes()
    r = CliRunner().invoke(app, ["ledger", str(folder), "--month", "2026-11"])
    assert r.exit_code == 0, r.output
    beside = pnl.with_name(f"{pnl.stem} (2).xlsx")
    assert pnl.read_bytes() == before and beside.exists()
    said = " ".join(r.output.split())
    if lang == "zh":
        assert f"{pnl.name} 正被打开着（Anna），没有替换它" in said and beside.name in said, said
    else:
        assert f"{pnl.name} is open (Anna) and was not replaced" in said and beside.name in said, said
    assert said.count("Anna") == 1, said  # said once
    pnl.with_name("~$" + pnl.name).unlink()  # closed: the next run writes it again, and says nothing of it
    r = CliRunner().invoke(app, ["ledger", str(folder), "--month", "2026-11"])
    assert r.exit_code == 0 and "Anna" not in r.output and not pnl.with_name(f"{pnl.stem} (3).xlsx").exists()
