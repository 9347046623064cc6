"""QA (returns): the 售后收货 file's lines that hold no code were dropped without a word: a title, a totals line, a
line whose code cell is blank (a scan that read nothing, 导出人：张三 under the export), a row number or time alone. A
parcel's line mangled so (its code cell blank) was then never received, and nothing said it. The box now says how many
lines were set aside, which (their line number and what they read) and why, the first 5 and then how many more."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_aftersales_receive_two_parcels_one_case import _shop
from xlfake import FakeBook

from shopbook import xl
from shopbook.aftersales.workflow import aside_said, scan_file
from shopbook.schema import ORDERS

FILE = ("12月6日退货扫描\r\n序号,单号,扫描时间(UTC+8)\r\n1,YT3234567890,2026-12-06 10:01\r\n2,,2026-12-06 10:02\r\n"
        "导出人：张三\r\n共 2 条\r\n")


def test_each_line_set_aside_is_named_with_why(tmp_path):
    f = tmp_path / "退货扫描.csv"
    f.write_text(FILE, encoding="utf-8")
    got = scan_file(f)
    assert got.codes == ["YT3234567890"]
    assert [(n, why) for n, _, why in got.aside] == [(1, "title"), (4, "unscanned"), (5, "blank"), (6, "total")]
    f.write_text("1,YT3234567890,10:01\r\n2\r\n10:03\r\n", encoding="utf-8")
    assert [(n, why) for n, _, why in scan_file(f).aside] == [(2, "no_code"), (3, "no_code")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_button_says_them(tmp_path, lang):
    shop = _shop(tmp_path / "shop", lang)
    f = tmp_path / "退货扫描.csv"
    f.write_text(FILE, encoding="utf-8")
    book = FakeBook(shop.path(ORDERS))
    xl.aftersales_receive(str(f), book)
    prompt = book.app.alerts[-1]["prompt"]
    if lang == "zh":
        assert "收到：YT3234567890" in prompt and ("! 扫描文件里 4 行不是单号，没有收：第 1 行“12月6日退货扫描”（标题）、"
                                                "第 4 行“2,2026-12-06 10:02”（扫描了但单号是空的，扫描枪没读到：那件没有收货，"
                                                "请重新扫描）") in prompt, prompt
        assert "第 6 行“共 2 条”（合计行）" in prompt, prompt
    else:
        assert "received: YT3234567890" in prompt and ("! 4 lines of the scan file hold no code, not received: line 1 "
                                                      "'12月6日退货扫描' (a title), line 4 '2,2026-12-06 10:02' (scanned, "
                                                      "its code blank: the scanner read nothing, so that parcel is not "
                                                      "received: scan it again)") in prompt, prompt
        assert "扫描文件里" not in prompt, prompt  # (the shop's language alone)


def test_a_long_list_is_cut_saying_how_many_more():
    aside = [(n, "10:01", "no_code") for n in range(2, 10)]
    (mark, zh, en), = aside_said(aside, 5)
    assert mark == "–" and zh.startswith("扫描文件里 8 行不是单号") and zh.endswith(" 等，还有 3 行") and zh.count("第 ") == 5
    assert en.startswith("8 lines of the scan file") and en.endswith(" … and 3 more")
