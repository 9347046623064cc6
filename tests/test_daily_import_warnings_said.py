"""`shopbook daily` dropped every warning of its import step: only errors reached the printed problems, the
e-mail and the group bot's message. An order cancelled in shopbook that a later export in inbox/ still shows
waiting to ship was warned by `orders import` and `orders morning`, while `daily` printed '✓ import inbox: …
unchanged' and said it nowhere. Its warnings are now said under the step (! not ✓), among the problems (so in
the e-mail and the bot's message), in the shop's language, a long list cut saying how many more and where."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal as D

import openpyxl
import pytest

from cli_run import typed_in_openpyxl
from platform_fixtures import pdd_row, write_pdd
from shopbook.orders.workflow import import_orders
from shopbook.report import bots
from shopbook.report.daily import render_email
from shopbook.report.workflow import run_daily
from shopbook.schema import STOCK, Product
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

NOS = [f"261121-0000000000{k:02d}" for k in range(1, 14)]  # 13: more than the problems' 10
DAY = dt.date(2026, 11, 22)


def _daily(tmp_path, lang: str, cancelled: int):
    folder = tmp_path / "shop"
    init_shop(folder, lang, "演示服装店" if lang == "zh" else "Blue Shirt Co")
    write_workbook(folder / "stock.xlsx", STOCK, lang, {Product: [
        Product(sku="SH-WH-M", name="白衬衫", cost=D(30), price=D("99.00"), opening_qty=50, barcode="6900000000011")]},
        keep_backup=False)
    shop = open_shop(folder)
    rows = [pdd_row(no, "待发货", "SH-WH-M") for no in NOS]
    import_orders(shop, [write_pdd(tmp_path / "a", rows)], today=DAY)
    sheet = openpyxl.load_workbook(folder / "orders.xlsx").sheetnames[0]
    status = "状态" if lang == "zh" else "status"
    typed_in_openpyxl(folder / "orders.xlsx", sheet,
                      {(2 + k, status): "已取消" if lang == "zh" else "Cancelled" for k in range(cancelled)})
    f = write_pdd(folder / "inbox", rows, name="orders_export_20261122.csv")
    os.utime(f, (f.stat().st_mtime - 60,) * 2)  # (downloaded a minute ago: not watched for growing)
    return run_daily(shop, DAY, send=False, steps_only=("inbox",))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_warning_of_the_daily_import_reaches_the_screen_the_email_and_the_bot(tmp_path, lang):
    run = _daily(tmp_path, lang, 1)
    zh = lang == "zh"
    words = "还在等待发货" if zh else "still waits to ship"
    (step,) = run.steps
    assert step.mark == "!" and words in step.detail and NOS[0] in step.detail, step.detail
    assert not run.needs_a_person  # (exits as `orders import` does for a warning)
    said = [p for p in run.summary.problems if words in p]
    assert len(said) == 1 and NOS[0] in said[0] and "orders_export_20261122.csv" in said[0], run.summary.problems
    assert said[0].startswith("导入 inbox：" if zh else "import inbox: ")
    assert (("still waits" in said[0]) != zh) and ("等待" in said[0]) == zh  # the shop's language only
    html, text = render_email(run.summary)
    assert words in text and NOS[0] in text
    assert words in bots.markdown(bots.daily_summary(run.summary))


def test_many_warnings_are_cut_saying_how_many_more_and_where(tmp_path):
    run = _daily(tmp_path, "en", 13)
    (step,) = run.steps
    said = [p for p in run.summary.problems if "still waits to ship" in p]
    assert len(said) == 10, run.summary.problems
    (more,) = [p for p in run.summary.problems if p.startswith("…")]
    assert more.startswith("… 3 more warnings") and ".csv" in more, more
    assert bots._stands_for(more) == 3
    assert step.mark == "!" and step.detail.count("still waits to ship") == 10 and "… 3 more warnings" in step.detail
