"""A figure on the half (17 buyers of 800 visitors: a conversion of 0.02125) reads the same in the
e-mail as in the report's cell. QA: the daily e-mail said 转化率 2.12 % and 好评率 98.12 % while the
report's cells, 0.02125 and 0.98125 under 0.00 %, show 2.13 % and 98.13 % in Excel and LibreOffice
(they round half up; Python's formatting of a Decimal rounds half to even); the monthly e-mail said
2.12 % beside its review's 2.13 %."""

from __future__ import annotations

import datetime as dt
import email
from decimal import ROUND_HALF_UP, Decimal
from email import policy

import openpyxl

from cli_run import shopbook
from shopbook.schema import KPI, DailyKpi
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook

D = Decimal


def shop_of_one_day(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {DailyKpi: [
        DailyKpi(date=dt.date(2026, 11, 21), visitors=800, buyers=17, orders=17, sales=D("1700.85"), units=17,
                 positive_rate=D("0.98125"))]}, keep_backup=False)
    return folder


def shown(cell) -> str:
    """What Excel shows of a cell under 0.00%: its value rounded half up."""
    assert cell.number_format == "0.00%", cell.number_format
    return f"{(D(repr(cell.value)) * 100).quantize(D('0.01'), ROUND_HALF_UP)}%"


def kept_mail(folder) -> str:
    (eml,) = (folder / "outbox").glob("*.eml")
    text = email.message_from_bytes(eml.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    eml.unlink()
    return text


def test_the_daily_email_says_a_rate_on_the_half_as_the_report_shows_it(tmp_path):
    folder = shop_of_one_day(tmp_path)
    r = shopbook("daily", str(folder), "--date", "2026-11-21")
    assert r.returncode == 0, r.stdout + r.stderr
    text = kept_mail(folder)
    ws = openpyxl.load_workbook(folder / "reports" / "日报-2026-11-21.xlsx")["摘要"]
    cells = {row[0].value: row[1] for row in ws.iter_rows(min_row=4) if row[0].value in ("转化率", "好评率")}
    assert (cells["转化率"].value, cells["好评率"].value) == (0.02125, 0.98125)
    assert (shown(cells["转化率"]), shown(cells["好评率"])) == ("2.13%", "98.13%")
    assert "转化率: 2.13%" in text and "好评率: 98.13%" in text, text
    assert "2.12%" not in text and "98.12%" not in text, text  # (the self-check's line says it too)


def test_the_monthly_email_says_the_conversion_as_its_review_shows_it(tmp_path):
    folder = shop_of_one_day(tmp_path)
    r = shopbook("email", str(folder), "--report", "monthly", "--period", "2026-11")
    assert r.returncode == 0, r.stdout + r.stderr
    text = kept_mail(folder)
    ws = openpyxl.load_workbook(folder / "reports" / "月报-2026-11.xlsx")["考核"]
    total = next(row for row in ws.iter_rows(min_row=4) if row[0].value == "合计")
    assert total[6].value == 0.02125 and shown(total[6]) == "2.13%"
    assert "转化率: 2.13%" in text, text
