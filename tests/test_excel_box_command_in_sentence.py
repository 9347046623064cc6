"""A button pressed in a workbook outside any shop said "还没有店铺的，用 shopbook init 新建 / create one with shopbook init":
a command line to a person in Excel, where no button makes a shop. The box says it as a step for the command line,
which no button takes, in the person's sentence; and a command named as a job that ran (an interrupted job's
“shopbook daily 店铺”) is never turned into a button to press."""

from __future__ import annotations

import openpyxl
from xlfake import FakeBook

from shopbook import xl


def test_a_book_outside_a_shop_is_not_told_a_command(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "hello"
    wb.save(tmp_path / "x.xlsx")
    book = FakeBook(tmp_path / "x.xlsx")
    xl.stock_summary(book=book)
    said = book.app.alerts[-1]["prompt"]
    assert "不在店铺文件夹里" in said and "is not in a shop folder" in said, said  # (both: no shop says which)
    assert "还没有店铺的，用命令行新建（Excel 里没有这一步的按钮，请会用命令行的同事做）。" in said, said
    assert ("with no shop yet, create one with the command line (no button in Excel does this: ask whoever runs the "
            "shop's commands).") in said, said
    assert "shopbook init" not in said, said


def test_an_interrupted_job_is_named_as_it_ran(tmp_path):
    """(the journal's words name the job a person ran, quoted: what ran, not a step to take)"""
    from shopbook.io.journal import _kept_words

    zh, en = _kept_words("shopbook daily 店铺", tmp_path / "orders.xlsx", tmp_path / "orders.kept.xlsx")
    assert xl._in_excel(zh) == zh and "被中断的“shopbook daily 店铺”" in zh, zh
    assert xl._in_excel(en) == en, en
