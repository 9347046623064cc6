"""tests/xlfake's Save of a book whose sheets were added or deleted (as the validate and summary buttons add
theirs): the sheets the file keeps and their cells set in its XML, the new ones written as parts of their
own, the deleted ones taken out: the same sheets, in the same order, with the same values as the whole
save (openpyxl's load and save of every sheet: seconds on the demo's stock) gives."""

from __future__ import annotations

import datetime as dt
import shutil

from test_typing_helper import DEMO, _all_values, _parts
from xlfake import FakeBook

from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK
from shopbook.workbook_builder import write_workbook


def _books(tmp_path):
    demo = read_workbook(DEMO / "stock.xlsx", STOCK)  # its first rows, in the workbook shopbook makes
    write_workbook(tmp_path / "cells.xlsx", STOCK, "zh", {m: demo.rows(m)[:20] for m in STOCK.sheets})
    shutil.copy(tmp_path / "cells.xlsx", tmp_path / "whole.xlsx")
    return FakeBook(tmp_path / "cells.xlsx"), FakeBook(tmp_path / "whole.xlsx")


def test_a_sheet_added_then_one_deleted_and_another_added_saves_as_the_whole_save(tmp_path):
    books = _books(tmp_path)
    before = _parts(tmp_path / "cells.xlsx")
    for book in books:
        new = book.sheets.add("校验结果", after=book.sheets[len(book.sheets) - 1])
        new.range("A1").value = [["级别", "工作表", "单元格"], ["错误", "商品", "B2"], ["=1+1", "'007", dt.date(2026, 11, 2)]]
        book.sheets["商品"].range((2, 2)).value = "A&B <毛衣>"
    patched, whole = books
    patched.save()
    whole._save_whole()
    assert patched.saves == 1 and _all_values(tmp_path / "cells.xlsx") == _all_values(tmp_path / "whole.xlsx")
    after = _parts(tmp_path / "cells.xlsx")  # only what changed written: the other parts as they were
    assert sorted(n for n in after if before.get(n) != after[n]) == [
        "[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml",
        f"xl/worksheets/sheet{len(patched.sheets)}.xml"]
    for book in books:
        book.sheets["校验结果"].delete()
        book.sheets.add("Issues", after=book.sheets[len(book.sheets) - 1]).range("A1").value = [["a", 1]]
    patched.save()
    whole._save_whole()
    got = _all_values(tmp_path / "cells.xlsx")
    assert got == _all_values(tmp_path / "whole.xlsx") and list(got)[-1] == "Issues" and "校验结果" not in got
    assert [s.name for s in FakeBook(tmp_path / "cells.xlsx").sheets] == [s.name for s in patched.sheets]


def test_a_sheet_the_file_keeps_moved_from_its_place_is_the_whole_save(tmp_path):
    """A print title is held by its sheet's place (localSheetId): a save that would move a kept sheet is
    the whole save, which moves them."""
    patched, _ = _books(tmp_path)
    first = patched.sheets[0]
    first.delete()
    assert patched._save_changed() is False
