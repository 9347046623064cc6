"""The 代理月结 button's box cut its list of lines to look at with '… 还有 2 条；shopbook agents settle 列出全部': a person
at the button has no command line to go back to, and pressing it again shows the same ten. The list is written whole
in reports/ (代理月结清单-….csv), as the other buttons' cut lists, and the box names that file; a box that shows its
whole list writes none."""

from __future__ import annotations

import datetime as dt

from shopbook import xl
from test_agents_settlement import line, make_shop
from xlfake import FakeBook


def _press(shop) -> str:
    book = FakeBook(shop.folder / "agents.xlsx")
    xl.agent_settle("2026-11", book=book)
    return book.app.alerts[-1]["prompt"]


def test_a_cut_list_is_written_whole_and_named(tmp_path):
    # twelve lines of 单价 0 typed (each said at its cell: goods billed at nothing)
    shop = make_shop(tmp_path, lines=[line(f"A{k:02}", "A", 1, "0", shipped=dt.date(2026, 11, 3)) for k in range(12)])
    said = _press(shop)
    (listed,) = (shop.folder / "reports").glob("代理月结清单-*.csv")
    assert f"… 还有 2 条；全部列在 {listed}" in said and "shopbook agents settle" not in said, said
    text = listed.read_text(encoding="utf-8-sig")
    assert all(f"A{k:02}" in text for k in range(12)), text


def test_a_whole_list_writes_no_file(tmp_path):
    shop = make_shop(tmp_path, lines=[line("A01", "A", 1, "0", shipped=dt.date(2026, 11, 3))])
    said = _press(shop)
    assert "A01" in said and not list((shop.folder / "reports").glob("代理月结清单-*.csv")), said
