"""A button's box that cuts a list of what validate warns of said where the rest are as the command line says it:
"… 还有 2 个；shopbook validate 列出全部", to a person in Excel who has the 校验 button and never a prompt. The box says
to press 校验 (Validate) in the workbook named, whose 校验结果 (Issues) sheet lists them all; the command line still
names its command."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cli_run import appended_in, flat, shopbook
from xlfake import FakeBook

from shopbook import xl
from shopbook.schema import STOCK, Movement, MovementType, Product
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


def _shop(tmp_path, lang):
    """A new shop whose stock.xlsx holds one product and one movement of it (row 2 of 出入库): what the boxes
    below say is of the movements typed into it, the same of this shop as of the demo's year (which the
    stock summary, its write of stock.xlsx and FakeBook's load of it took 10 CPU-seconds a test over)."""
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku="TS2601-NV-M", name="T恤", cost=Decimal(20), price=Decimal(60), opening_qty=10,
                          safety_stock=2, barcode="6900000000017")],
        Movement: [Movement(date=dt.date(2026, 11, 2), sku="TS2601-NV-M", type=MovementType.IN, qty=5)]},
        keep_backup=False)
    return folder


def _ahead(folder, lang):
    """7 movements typed with next year: the stock summary leaves them out and says the first 5 of them."""
    day = dt.date.today() + dt.timedelta(days=400)
    heads = ("日期", "商家编码", "类型", "数量") if lang == "zh" else ("date", "sku", "type", "qty")
    kind = "入库" if lang == "zh" else "in"
    appended_in(folder / "stock.xlsx", "出入库" if lang == "zh" else "Movements",
                [dict(zip(heads, (day.isoformat(), "TS2601-NV-M", kind, 1 + k))) for k in range(7)])


def test_the_stock_summary_box_says_to_press_validate_not_a_command(tmp_path):
    demo_copy = _shop(tmp_path, "zh")
    _ahead(demo_copy, "zh")
    book = FakeBook(demo_copy / "stock.xlsx")
    xl.stock_summary(book)
    box = book.app.alerts[-1]["prompt"]
    assert "还有 2 个（在所说的工作簿里按“校验”，它的“校验结果”表列出全部）" in box, box
    assert "shopbook validate" not in box, box
    # the command line, in a prompt, still names its command
    cli = shopbook("stock", "summary", demo_copy)
    assert "还有2个（shopbookvalidate列出全部）" in flat(cli.stdout), cli.stdout


def test_an_english_shops_box_names_its_validate_button_and_issues_sheet(tmp_path):
    folder = _shop(tmp_path, "en")
    _ahead(folder, "en")
    book = FakeBook(folder / "stock.xlsx")
    xl.stock_summary(book)
    box = book.app.alerts[-1]["prompt"]
    assert "press Validate in the workbook named: its Issues sheet lists them all" in box, box
    assert "shopbook validate" not in box and "校验" not in box, box


def test_a_stop_on_a_typo_says_to_press_validate(tmp_path):
    """The stop every button gives on data that does not read: "stock.xlsx：1 个数据错误，先改正（shopbook validate）"."""
    from cli_run import type_in

    demo_copy = _shop(tmp_path, "zh")
    type_in(demo_copy / "stock.xlsx", "出入库", {(2, "数量"): "三"})
    book = FakeBook(demo_copy / "stock.xlsx")
    xl.stock_summary(book)
    box = book.app.alerts[-1]
    assert box["mode"] == "critical", box
    assert "1 个数据错误，先改正（在那个工作簿里按“校验”，它的“校验结果”表列出全部）。第一个：stock.xlsx › 出入库 › D2" in box["prompt"], box
    assert "shopbook validate" not in box["prompt"], box
