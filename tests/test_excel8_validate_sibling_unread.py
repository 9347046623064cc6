"""The 校验 button on a shop workbook whose sibling does not read (stock.xlsx saved as text by a script, a
half-copied file): it said "校验完成：0 个错误，0 个警告" of orders.xlsx, whose SKUs nothing had checked against
商品; it now says that sibling as `shopbook validate orders.xlsx` says it, a warning on the Issues sheet."""

from __future__ import annotations

from cli_run import flat, shopbook
from shopbook import xl
from xlfake import FakeBook


def test_the_validate_button_says_a_sibling_that_does_not_read_as_validate_file_does(demo_copy):
    (demo_copy / "stock.xlsx").write_bytes(b"SKU,name\nTS-1,T\n")  # text with an .xlsx name
    cli = shopbook("validate", demo_copy / "orders.xlsx")
    assert cli.returncode == 0 and "0 个错误，1 个警告" in cli.stdout, cli.stdout + cli.stderr
    book = FakeBook(demo_copy / "orders.xlsx")
    xl.validate(book)
    said = book.app.alerts[-1]["prompt"]
    assert "0 个错误，1 个警告" in said, said
    rows = book.sheet_rows("校验结果")
    assert len(rows) == 2, rows  # the header, and stock.xlsx's warning
    text = rows[1][-1]
    assert rows[1][0] == "警告" and text.startswith("stock.xlsx："), rows  # which workbook: the sheet has no column for it
    assert flat(text.removeprefix("stock.xlsx：")) in flat(cli.stdout), (text, cli.stdout)  # the CLI's words
    assert "不是 Excel 工作簿" in text and "orders.xlsx 里引用它的内容" in text, text


def test_an_english_shops_button_says_it_in_english(tmp_path):
    from demo_shop import demo_copy

    shop = demo_copy(tmp_path / "en", "en")
    (shop / "agents.xlsx").write_bytes(b"")  # an empty file (a copy cut short)
    book = FakeBook(shop / "orders.xlsx")
    xl.validate(book)
    said = book.app.alerts[-1]["prompt"]
    assert said.startswith("Validation done: 0 errors, 1 warning.") and not any("\u4e00" <= c <= "\u9fff" for c in said), said
    rows = book.sheet_rows("Issues")
    assert rows[1][0] == "warning" and rows[1][-1].startswith("agents.xlsx: ") and "was not checked against it" in rows[1][-1], rows
