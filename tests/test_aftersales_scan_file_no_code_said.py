"""QA (returns): a 售后收货 file holding no code (the export of an empty batch: its header alone, or its title and
共 0 条; a file saved empty) said "没有给出要收的单号 / No code was given to receive": no file named, as if none had
been chosen, the person left to wonder what was wrong with the file they did choose. It is said of the file, named,
how many lines it has and that none holds a code, nothing received."""

from __future__ import annotations

import pytest
from test_aftersales_receive_two_parcels_one_case import _shop
from test_xl_aftersales_buttons import _state
from xlfake import FakeBook

from shopbook import xl
from shopbook.aftersales.workflow import codes_scanned
from shopbook.issues import ShopbookError
from shopbook.schema import ORDERS


@pytest.mark.parametrize("text, zh, en", [
    ("序号,单号,扫描时间\r\n", "扫描文件的 1 行里没有一个单号", "The scan file's 1 line holds no code"),
    ("退货扫描记录 2026-12-06\r\n序号,单号,扫描时间(UTC+8)\r\n共 0 条\r\n", "扫描文件的 3 行里没有一个单号",
     "The scan file's 3 lines hold no code"),
    ("\r\n\r\n", "扫描文件是空的", "The scan file is empty"),
])
def test_a_file_of_no_code_is_said_as_such(tmp_path, text, zh, en):
    f = tmp_path / "退货扫描.csv"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(ShopbookError) as e:
        codes_scanned(f)
    assert zh in e.value.zh and en in e.value.en and e.value.path == str(f)


def test_the_button_names_the_file_and_receives_nothing(tmp_path):
    shop = _shop(tmp_path / "shop")
    f = tmp_path / "退货扫描.csv"
    f.write_text("序号,单号,扫描时间\r\n共 0 条\r\n", encoding="utf-8")
    before = _state(shop.folder)
    book = FakeBook(shop.path(ORDERS))
    xl.aftersales_receive(str(f), book)
    prompt = book.app.alerts[-1]["prompt"]
    assert str(f) in prompt and "扫描文件的 2 行里没有一个单号" in prompt and "没有给出" not in prompt, prompt
    assert _state(shop.folder) == before
