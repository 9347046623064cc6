"""A sheet whose numbers are formatted as currency or accounting (the ¥ button on Home, pressed over a whole
table, 数量 included), read live: Excel's Range.Value gives such a cell as a VT_CY, which pywin32 turns into a
Decimal (Decimal(int64) / 10000); the 校验 button took a 数量 of Decimal('3') as text and said
“应为整数：3” on every row, where `shopbook validate` of the same file (the cell's number) says nothing."""

from __future__ import annotations

from decimal import Decimal

from shopbook import xl
from shopbook.validate import validate_path
from xlfake import FakeBook


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
