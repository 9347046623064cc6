"""A workbook marked open by an owner file that names nobody (0 bytes: a PC that crashed as Excel made it,
or one a share's client made and never filled) stopped every writing command with "The workbook is open
(?)": now said without the question mark, with the marker file, its time and what to do as before."""

from __future__ import annotations

import pytest

from shopbook.io import files
from shopbook.issues import ShopbookError


def test_an_owner_file_that_names_nobody_is_said_without_a_question_mark(tmp_path):
    book = tmp_path / "stock.xlsx"
    book.write_bytes(b"PK\x03\x04")
    (tmp_path / "~$stock.xlsx").write_bytes(b"")
    with pytest.raises(ShopbookError) as e:
        files.check_not_open(book)
    assert "?" not in e.value.zh.split("。")[0] and "(?)" not in e.value.en, (e.value.zh, e.value.en)
    assert e.value.zh.startswith("工作簿正在被打开。") and e.value.en.startswith("The workbook is open. ")
    assert "~$stock.xlsx" in e.value.zh and "~$stock.xlsx" in e.value.en  # the mark to delete, if no one has it open
