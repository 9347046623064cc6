"""The 校验 button on a shop workbook whose sibling does not read (stock.xlsx saved as text by a script, a
half-copied file): it said "校验完成：0 个错误，0 个警告" of orders.xlsx, whose SKUs nothing had checked against
商品; it now says that sibling as `shopbook validate orders.xlsx` says it, a warning on the Issues sheet."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from cli_run import flat, shopbook
from shopbook import xl
from shopbook.schema import ORDERS, STOCK, OrderLine, Product
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook
from xlfake import FakeBook


def _shop(folder, lang):
    """A new shop whose orders.xlsx holds a few orders of a SKU on stock.xlsx's 商品 and, in English, one of agent
    DL001 (not on the Agents sheet): what each test asks of them is the same of these few orders as of the demo's
    year, whose FakeBook load (openpyxl over 1.4 MB of orders) and validate took most of each test's 12 CPU-seconds.
    Validate says nothing of these orders while every workbook reads (of DL001, it says it is no agent)."""
    init_shop(folder, lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {Product: [Product(
        sku="TS2601-NV-M", name="T恤", cost=D(20), price=D(60), opening_qty=10, safety_stock=2,
        barcode="6900000000017")]}, keep_backup=False)
    lines = [OrderLine(order_no=f"351513147329350{i}", receiver="张三", phone="13800000000",
                       address="浙江省 杭州市 西湖区 文三路1号", sku="TS2601-NV-M", qty=1, unit_price=D(60),
                       status="已审核" if lang == "zh" else "approved", paid_at=dt.datetime(2026, 11, 21, 9))
             for i in range(3)]
    if lang == "en":
        lines.append(OrderLine(order_no="DL-1", receiver="李四", phone="13800000001", address="浙江省 杭州市 西湖区 文三路2号",
                               sku="TS2601-NV-M", qty=2, unit_price=D(40), status="approved", source="agent",
                               agent_id="DL001", paid_at=dt.datetime(2026, 11, 21, 10)))
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: lines}, keep_backup=False)
    return folder


def test_the_validate_button_says_a_sibling_that_does_not_read_as_validate_file_does(tmp_path):
    demo_copy = _shop(tmp_path / "shop", "zh")
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
    shop = _shop(tmp_path / "en", "en")
    (shop / "agents.xlsx").write_bytes(b"")  # an empty file (a copy cut short)
    book = FakeBook(shop / "orders.xlsx")
    xl.validate(book)
    said = book.app.alerts[-1]["prompt"]
    assert said.startswith("Validation done: 0 errors, 1 warning.") and not any("\u4e00" <= c <= "\u9fff" for c in said), said
    rows = book.sheet_rows("Issues")
    assert rows[1][0] == "warning" and rows[1][-1].startswith("agents.xlsx: ") and "was not checked against it" in rows[1][-1], rows
