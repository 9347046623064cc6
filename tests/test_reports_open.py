"""A report shopbook makes anew each run (日报, 利润表, 客户 …) that a person has open in Excel is
left as it is: this run's goes beside it (`name (2).xlsx`), and the run says so, whatever the
report; the e-mail attaches the one written. One whose replace Windows refuses without an owner
file (open in a program that leaves none) goes beside it too; a person's workbook still stops."""

from __future__ import annotations

import datetime as dt
import email
import os
import re
from email import policy
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import ORDERS
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


def refusing(monkeypatch, target: Path):
    """os.replace as Windows does it for a file another program holds open without an owner file."""
    real_replace = os.replace

    def replace(src, dst, *a, **kw):
        if Path(dst).name == target.name:
            raise PermissionError(13, "The process cannot access the file because it is being used by another "
                                      "process", str(dst))
        return real_replace(src, dst, *a, **kw)

    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_report_whose_replace_is_refused_goes_beside_it(tmp_path, lang, monkeypatch):
    """日报-2026-11-21.xlsx held open by a program that leaves no ~$ file (a preview pane, WPS on some
    PCs): os.replace refused and the report step failed with "无法替换文件", the e-mail going without
    the report. Now this run's goes to 日报-2026-11-21 (2).xlsx, said, and attached."""
    from shopbook.report.workflow import report_name, run_daily

    init_shop(tmp_path / "shop", lang)
    shop = open_shop(tmp_path / "shop")
    run_daily(shop, DAY, send=False)
    report = shop.reports / report_name(DAY, lang)
    before = report.read_bytes()
    refusing(monkeypatch, report)
    run = run_daily(open_shop(tmp_path / "shop"), DAY, send=False)
    beside = report.with_name(f"{report.stem} (2).xlsx")
    (step,) = [s for s in run.steps if s.name == "report"]
    assert step.ok is True, step.detail
    assert report.read_bytes() == before and run.report == beside
    if lang == "zh":
        assert f"无法替换 {report.name}" in step.detail and beside.name in step.detail, step.detail
    else:
        assert f"{report.name} could not be replaced" in step.detail and beside.name in step.detail, step.detail
    (content,) = attached(run.email).values()
    assert content == beside.read_bytes()
    assert not list(shop.reports.glob(".*shopbook-tmp*"))  # no temp file left


def stock_with_a_chart(tmp_path) -> Path:
    """The corpus stock.xlsx (one bad 成本价, H3) with a chart: its issues list goes to reports/."""
    from openpyxl.chart import BarChart, Reference

    from test_write import formula_free_corpus

    book = formula_free_corpus(tmp_path)
    wb = openpyxl.load_workbook(book)
    chart = BarChart()
    chart.add_data(Reference(wb["商品"], min_col=8, min_row=1, max_row=4))
    wb["商品"].add_chart(chart, "R2")
    wb.save(book)
    return book


def test_a_report_refused_in_a_jobs_commit_goes_beside_it(tmp_path, monkeypatch, wide_console):
    """validate --write (a job: its list is put in place at the job's commit) with reports/校验结果-stock.xlsx
    held open without an owner file: the commit stopped with "无法替换文件"; now the list goes beside it,
    and the command line names the file written and says why."""
    from shopbook.validate.write import validate_and_write

    book = stock_with_a_chart(tmp_path)
    _, (out,) = validate_and_write(book)
    before = out.read_bytes()
    refusing(monkeypatch, out)
    r = CliRunner().invoke(app, ["validate", str(book), "--write"])
    beside = out.with_name(f"{out.stem} (2).xlsx")
    assert out.read_bytes() == before and beside.exists(), r.output
    assert [row[2] for row in openpyxl.load_workbook(beside).active.iter_rows(min_row=2, values_only=True)] == ["H3", "I4"]
    said = " ".join(r.output.split())
    assert f"✎ {beside}" in said and f"无法替换 {out.name}" in said and beside.name in said, said
    assert "无法替换文件" not in said and said.count(f"无法替换 {out.name}") == 1, said


def test_a_persons_workbook_whose_replace_is_refused_still_stops(tmp_path, monkeypatch):
    """stock.xlsx is typed by people: a refused replace is never written beside it (the next run
    would read the old one): it stops as before, the file unchanged."""
    from shopbook.issues import ShopbookError
    from shopbook.validate.write import validate_and_write

    from test_write import formula_free_corpus

    book = formula_free_corpus(tmp_path)  # its list goes into it (a 校验结果 sheet)
    before = book.read_bytes()
    refusing(monkeypatch, book)
    with pytest.raises(ShopbookError, match="无法替换文件"):
        validate_and_write(book)
    assert book.read_bytes() == before and not list(book.parent.glob("stock (*"))


def test_a_report_refused_at_its_jobs_commit_is_attached_as_written(tmp_path, monkeypatch):
    """`email --report monthly`: the review is written in a job, the e-mail built after its commit from
    the path the job returned. 月报-2026-11.xlsx refused at the commit went beside it, and the e-mail
    attached the old 月报-2026-11.xlsx, last run's figures. Now it attaches 月报-2026-11 (2).xlsx, under the
    report's own name (the (2) is this computer's, not the boss's)."""
    from shopbook.report.monthly import monthly_email

    init_shop(tmp_path / "shop")
    shop = open_shop(tmp_path / "shop")
    monthly_email(shop, "2026-11")
    (report,) = shop.reports.glob("月报-2026-11.xlsx")
    wb = openpyxl.load_workbook(report)
    wb.active["A40"] = "上一次"
    wb.save(report)
    refusing(monkeypatch, report)
    d = monthly_email(open_shop(tmp_path / "shop"), "2026-11")
    beside = report.with_name("月报-2026-11 (2).xlsx")
    assert attached(d.path) == {report.name: beside.read_bytes()}
    assert beside.read_bytes() != report.read_bytes()


def test_a_button_says_a_report_written_beside_one_open(tmp_path):
    """The 月报 button with 月报-2026-11.xlsx open in Excel: its box named the file written and nothing
    of the one left open (the CLI says it). Now the box says it too, in the shop's language."""
    from shopbook import xl
    from shopbook.report.monthly import make_review
    from xlfake import FakeBook

    init_shop(tmp_path / "shop", "en")
    shop = open_shop(tmp_path / "shop")
    _, report, _ = make_review(shop, "monthly", "2026-11")
    excel_has_open(report)
    book = FakeBook(shop.path(ORDERS))
    xl.monthly_report("2026-11", book)
    said = book.app.alerts[-1]["prompt"]
    assert f"{report.name} is open (Anna) and was not replaced" in said and f"{report.stem} (2).xlsx" in said, said
    xl.monthly_report("2026-11", book)  # pressed again in the same Excel session (one process): said again
    assert book.app.alerts[-1]["prompt"] == said


@pytest.mark.parametrize("how", ["refused", "excel"])
def test_a_report_left_in_an_interrupted_jobs_journal_goes_beside_it(tmp_path, monkeypatch, how):
    """A job (as picklist: orders.xlsx, then its 拣货单) stopped at orders.xlsx open in Excel: the
    rest waits in the journal. The next run, orders.xlsx closed but the 拣货单 now open (refused, or
    its ~$ file there): the roll-forward stopped every command with "无法替换它…请关闭它再运行" (or
    replaced the open one). Now the report goes beside it and the run goes on; orders.xlsx is finished."""
    from shopbook.io import files, journal
    from shopbook.issues import ShopbookError

    folder = tmp_path / "shop"
    init_shop(folder)
    book = folder / "orders.xlsx"
    report = folder / "reports" / "拣货单-20261121-1.xlsx"
    report.parent.mkdir(exist_ok=True)
    report.write_bytes(b"last run's")
    old_book = book.read_bytes()
    refusing(monkeypatch, book)
    job = files._here.job = journal.Job(folder, "picklist")
    try:
        files.write_atomic(book, lambda p: p.write_bytes(old_book + b" "), keep_backup=False)
        files.write_atomic(report, lambda p: p.write_bytes(b"this run's"), keep_backup=False, report=True)
    finally:
        files._here.job = None
    with pytest.raises(ShopbookError, match="其余的修改已记入日志"):
        job.commit()
    assert (folder / journal.JOURNAL_NAME).exists() and report.read_bytes() == b"last run's"
    monkeypatch.undo()
    if how == "refused":
        refusing(monkeypatch, report)
    else:
        excel_has_open(report)
    found = journal.finish_journal(folder)
    beside = report.with_name("拣货单-20261121-1 (2).xlsx")
    assert report.read_bytes() == b"last run's" and beside.read_bytes() == b"this run's"
    assert book.read_bytes() == old_book + b" " and not (folder / journal.JOURNAL_NAME).exists()
    assert beside in found[0].finished
