"""A shop that keeps its own sheet called 库存汇总 (Stock summary) in stock.xlsx: `shopbook stock`
writes its summary beside it (库存汇总-shopbook) and never over what the person typed there, and
says which sheet it wrote; run again, it replaces its own sheet only."""

from __future__ import annotations

import openpyxl
import pytest

from cli_run import flat, shopbook
from test_header_typo import one_product_shop


@pytest.mark.parametrize("lang, title", [("zh", "库存汇总"), ("en", "Stock summary")])
def test_a_persons_own_summary_sheet_stays(tmp_path, lang, title):
    folder = one_product_shop(tmp_path, lang)
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws = wb.create_sheet(title)
    ws.append(["款式", "仓库A", "仓库B"])  # the person's own summary, by warehouse
    ws.append(["衬衫", 6, 4])
    wb.save(folder / "stock.xlsx")

    r = shopbook("stock", folder, "--as-of", "2026-11-10")
    assert r.returncode == 0, r.stdout + r.stderr
    assert flat(f"stock.xlsx › {title}-shopbook") in flat(r.stdout)
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    assert [list(row) for row in wb[title].iter_rows(values_only=True)] == [["款式", "仓库A", "仓库B"], ["衬衫", 6, 4]]
    ours = wb[f"{title}-shopbook"]
    assert ours["A2"].value == "P1" and ours["F2"].value == 10

    r = shopbook("stock", folder, "--as-of", "2026-11-11")  # the same figures: left alone
    assert r.returncode == 0 and flat(f"{title}-shopbook") in flat(r.stdout)
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    assert wb.sheetnames.count(title) == 1 and f"{title}-shopbook-shopbook" not in wb.sheetnames
    assert wb[title]["B2"].value == 6


@pytest.mark.parametrize("lang, title", [("zh", "库存汇总"), ("en", "Stock summary")])
@pytest.mark.parametrize("open_book", ["stock.xlsx", "orders.xlsx"])
def test_the_button_names_the_sheet_it_wrote(tmp_path, lang, title, open_book):
    """The 库存汇总 button, in stock.xlsx (written live) or another workbook: the person's sheet stays,
    ours goes beside it, and the message names ours, as `shopbook stock` does; pressed again, the same."""
    from shopbook import xl
    from xlfake import FakeBook

    folder = one_product_shop(tmp_path, lang)
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws = wb.create_sheet(title)
    ws.append(["款式", "仓库A", "仓库B"])
    ws.append(["衬衫", 6, 4])
    wb.save(folder / "stock.xlsx")

    book = FakeBook(folder / open_book)
    for _ in range(2):  # written, then left alone: either way the sheet is named
        xl.stock_summary(book)
        assert f"stock.xlsx › {title}-shopbook" in book.app.alerts[-1]["prompt"], book.app.alerts[-1]["prompt"]
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    assert [list(row) for row in wb[title].iter_rows(values_only=True)] == [["款式", "仓库A", "仓库B"], ["衬衫", 6, 4]]
    assert wb[f"{title}-shopbook"]["A2"].value == "P1" and f"{title}-shopbook-shopbook" not in wb.sheetnames
