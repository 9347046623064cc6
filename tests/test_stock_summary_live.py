"""QA: the 库存汇总 button in xlwings Lite (the open book is the shop; its stock.xlsx is no file)
carried the notes of the 库存汇总 sheet over from that file, i.e. from nothing: a note typed into
the open book's sheet was lost on the next rewrite, a person's own 库存汇总 sheet was replaced, and
text with no place was said to be in .shopbook-backup, which Lite has not. Now the sheet is read as
the open book holds it (typed and not saved included), and with no backup the message lists all."""

from __future__ import annotations

import datetime as dt

from shopbook.xl import lite
from xlfake import FakeBook

from test_lite import one_book
from test_stock import shop  # noqa: F401 - the fixture


def rows(book, name="库存汇总"):
    return book.sheet_rows(name)


def test_a_note_typed_in_the_open_book_stays_and_a_persons_sheet_is_not_replaced(shop, tmp_path):  # noqa: F811
    book = FakeBook(one_book(shop.folder, tmp_path / "店铺.xlsx"))
    lite.run("stock_summary", book)
    at = {r[0]: n for n, r in enumerate(rows(book), 1)}
    book.sheets["库存汇总"].range((at["A"], 14)).value = "2件在退货区"  # typed, not saved: Lite has no file
    move = book.sheets["出入库"]
    move.range((len(rows(book, "出入库")) + 1, 1)).value = [[dt.datetime(2026, 11, 23), "F", "入库", 2]]
    lite.run("stock_summary", book)
    said = book.app.alerts[-1]["prompt"]
    by = {r[0]: r for r in rows(book)[1:]}
    assert by["F"][5] == 5 and by["A"][13] == "2件在退货区", said

    book.sheets["库存汇总"].delete()  # a person's own sheet of that name: stays, ours goes beside it
    mine = book.sheets.add("库存汇总")
    mine.range("A1").value = [["款式", "仓库A"], ["衬衫", 6]]
    lite.run("stock_summary", book)
    assert rows(book) == [["款式", "仓库A"], ["衬衫", 6]]
    assert "库存汇总-shopbook" in book.app.alerts[-1]["prompt"] and rows(book, "库存汇总-shopbook")[1][0] == "A"


def test_text_with_no_place_is_listed_whole_without_a_backup_it_does_not_have(shop, tmp_path):  # noqa: F811
    book = FakeBook(one_book(shop.folder, tmp_path / "店铺.xlsx"))
    lite.run("stock_summary", book)
    sheet = book.sheets["库存汇总"]
    for i in range(5):  # notes beside SKUs that are not summed (any more): no place in the new sheet
        sheet.range((2 + i, 1)).value = [[f"旧{i}"]]
        sheet.range((2 + i, 14)).value = f"备忘{i}"
    lite.run("stock_summary", book)
    said = book.app.alerts[-1]["prompt"]
    assert ".shopbook-backup" not in said and "没有留副本" in said, said
    assert all(f"备忘{i}" in said for i in range(5)), said  # all of them: nowhere else to find them
