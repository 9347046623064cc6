"""A button writing into the open book: each Range.Value set is a COM call (milliseconds on a shop's
PC, and a redraw and a recalculation of every open book with them on). Cells side by side go in as
one rectangle, with ScreenUpdating off and Calculation manual, both given back as they were."""

from __future__ import annotations

import datetime as dt
import shutil

import openpyxl
import pytest

from shopbook import xl
from shopbook.orders.workflow import import_orders
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import build_shop
from xlfake import FakeBook

N = 500


def _exports(folder):
    """The seller centre's export of N paid orders, one line each, buyer messages on some."""
    day = dt.datetime(2026, 11, 21, 8)
    orders, details = [], []
    for i in range(N):
        no = f"35151314732{i:05d}"
        orders.append(order_row(no, f"tb_{i}", f"买家{i}", f"138{i:08d}", f"浙江省 杭州市 西湖区 文三路{i}号(310000)",
                                (day + dt.timedelta(minutes=i)).strftime("%Y-%m-%d %H:%M:%S"), goods="99.00",
                                message="要白色" if i % 7 == 0 else ""))
        details.append(detail_row(no, "黑衬衫", "99.00", "1", "SH-BK-M"))
    return list(write_pair(folder / "exports", orders, details))


def _rows(path, sheet="订单"):
    ws = openpyxl.load_workbook(path, data_only=True)[sheet]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_importing_500_orders_into_the_open_book_is_a_handful_of_writes_and_the_same_cells_as_the_cli(tmp_path):
    shop = build_shop(tmp_path / "a")
    twin = tmp_path / "b"
    shutil.copytree(shop.folder, twin)
    files = _exports(tmp_path)
    import_orders(shop, files)  # the CLI's file
    book = FakeBook(twin / "orders.xlsx")
    xl.import_orders("|".join(map(str, files)), book)
    assert book.app.alerts[-1]["title"] == "shopbook"

    writes = [w for w in book.app.writes if w[0] == "订单"]
    assert sum(w[2] for w in writes) >= N * 10  # (every field of every order)
    assert len(writes) <= 10, len(writes)  # it was one per cell: over 10,000
    assert all(su is False and calc == "manual" for *_, su, calc in book.app.writes), book.app.writes[:3]
    assert book.app.screen_updating is True and book.app.calculation == "automatic"

    want = _rows(shop.folder / "orders.xlsx")
    got = book.sheet_rows("订单")
    width = max(len(want[0]), len(got[0]))
    pad = lambda rows: [tuple(r) + (None,) * (width - len(r)) for r in rows if any(v not in (None, "") for v in r)]  # noqa: E731
    assert len(pad(got)) == N + 1 and pad(got) == pad(want)


def test_a_blank_field_never_clears_a_persons_formula_below_the_rows(tmp_path):
    """A 买家留言 column filled down with a formula showing "" below the data: an imported order
    without a message leaves it as it was (it was never written: a blank field is not set)."""
    shop = build_shop(tmp_path)
    files = _exports(tmp_path)
    book = FakeBook(shop.folder / "orders.xlsx")
    ws = book.sheets["订单"]
    head = book.sheet_rows("订单")[0]
    col = head.index("卖家备注") + 1
    for r in range(2, N + 3):
        ws.store.values[r, col] = ""  # what =IF(...,"",...) shows
        ws.store.formulas[r, col] = '=IF(A{0}="","","")'.format(r)
    xl.import_orders("|".join(map(str, files)), book)
    assert all(ws.store.formulas.get((r, col)) for r in range(2, N + 3))
    assert len([w for w in book.app.writes if w[0] == "订单"]) <= 10


@pytest.mark.parametrize("calc", ["automatic", "semiautomatic", "manual"])
def test_excels_settings_are_given_back_as_they_were_also_when_excel_refuses_the_write(tmp_path, monkeypatch, calc):
    from test_xl_active_book import _protected_purchases

    book = _protected_purchases(tmp_path, monkeypatch)
    book.app.calculation = calc
    xl.purchase_suggest(book=book)
    assert "protected sheet" in book.app.alerts[-1]["prompt"]  # Excel refused a cell of 采购
    assert book.app.screen_updating is True and book.app.calculation == calc
