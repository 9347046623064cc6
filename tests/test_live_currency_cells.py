"""A sheet whose numbers are formatted as currency or accounting (the ¥ button on Home, pressed over a whole
table, 数量 included), read live: Excel's Range.Value gives such a cell as a VT_CY, which pywin32 turns into a
Decimal (Decimal(int64) / 10000); the 校验 button took a 数量 of Decimal('3') as text and said
“应为整数：3” on every row, where `shopbook validate` of the same file (the cell's number) says nothing."""

from __future__ import annotations

from decimal import Decimal

from shopbook import xl
from shopbook.validate import validate_path
from xlfake import FakeBook
import pytest


@pytest.fixture
def demo_copy(tmp_path):
    """The demo shop of its last 25 days (tests/demo_shop.november_copy): what these tests read is there, a fifth
    the size of the whole demo's 120 days."""
    from demo_shop import november_copy

    return november_copy(tmp_path / "shop")



def as_currency(book, sheet: str) -> int:
    """Every number below the header of `sheet` as Excel hands over a currency-formatted cell."""
    store, n = book.sheets[sheet].store, 0
    for key, v in list(store.values.items()):
        if key[0] > 1 and isinstance(v, int | float) and not isinstance(v, bool):
            store.values[key] = Decimal(round(Decimal(repr(v)) * 10000)) / 10000
            n += 1
    return n


def test_the_button_reads_a_currency_cell_as_the_number_it_holds(demo_copy):
    path = demo_copy / "stock.xlsx"
    cli = validate_path(path)
    book = FakeBook(path)
    assert as_currency(book, "出入库") > 1000 and as_currency(book, "商品") > 100
    xl.validate(book=book)
    rows = book.sheet_rows("校验结果")
    assert len(rows) - 1 == len(cli.issues), rows[1:4]
    assert f"{len(cli.errors)} 个错误" in book.app.alerts[-1]["prompt"]


def test_money_is_written_to_the_open_book_as_a_number_not_as_currency(demo_copy):
    """The 库存汇总 button wrote 成本价 and 库存金额 into the open stock.xlsx as Decimals, which pywin32 sends as
    VT_CY: Excel then gives each cell the PC's currency format, $1,474.00 on a PC set to English (US), ¥ on a
    Chinese one, and Lite's JSON bridge has no Decimal. Written as the number, as `shopbook stock` writes it."""
    book = FakeBook(demo_copy / "stock.xlsx")
    xl.stock_summary(book=book)
    values = book.sheets["库存汇总"].store.values
    header = {c: v for (r, c), v in values.items() if r == 1}
    money = [c for c, v in header.items() if v in ("成本价", "库存金额")]
    assert len(money) == 2 and len(values) > 1000
    assert not [v for v in values.values() if isinstance(v, Decimal)]
    assert all(isinstance(values[r, c], float) for (r, c) in values if r > 1 and c in money and values[r, c] is not None)
