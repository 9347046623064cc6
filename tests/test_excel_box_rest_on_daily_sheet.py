"""The 库存预警 and 自查 buttons cut their lists (a box taller than the screen) and said where the rest are as the
command line says it: "… 还有 2 个；shopbook stock alerts 列出全部", "… 还有 2 条，全部见 shopbook selfcheck", a
command to a person in Excel. The box names the daily report workbook's sheet that lists every one (库存预警, 自查),
made by the 日报 button, as the ribbon labels it; an English shop's in English."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from xlfake import FakeBook

from shopbook import xl


@pytest.fixture(scope="module", params=["zh", "en"])
def boxes(request, tmp_path_factory):
    """12 products out of stock (12 alerts), each on a PO of its own a month late (12 items for the warehouse)."""
    from shopbook.schema import STOCK, PoStatus, Product, PurchaseLine, Supplier
    from shopbook.shop import init_shop
    from shopbook.workbook_builder import write_workbook

    lang = request.param
    folder = tmp_path_factory.mktemp(f"rest-{lang}") / "shop"
    init_shop(folder, lang)
    late = dt.date.today() - dt.timedelta(days=30)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku=f"SKU-{i:02d}", name="衬衫", cost=D(20), price=D(60), opening_qty=0, safety_stock=5,
                          supplier="厂") for i in range(12)],
        Supplier: [Supplier(supplier="厂", lead_days=7)],
        PurchaseLine: [PurchaseLine(po_no=f"CG{i:02d}", supplier="厂", sku=f"SKU-{i:02d}", qty=1, order_date=late,
                                    expected_date=late, status=PoStatus.ORDERED) for i in range(12)]},
        keep_backup=False)
    said = {}
    for name in ("stock_alerts", "self_check"):
        book = FakeBook(folder / "stock.xlsx")
        getattr(xl, name)(book)
        said[name] = book.app.alerts[-1]["prompt"]
    return lang, said


def test_the_stock_alerts_box_names_the_daily_reports_sheet_not_a_command(boxes):
    lang, said = boxes
    box = said["stock_alerts"]
    rest = [ln for ln in box.splitlines() if ln.strip().startswith("… ")]
    assert len(rest) == 1, box
    if lang == "zh":
        assert rest[0] == "  … 还有 2 个；日报工作簿（按“日报”生成，在 reports/ 里）的“库存预警”表列出全部", box
    else:
        assert rest[0] == ("  … and 2 more; the Stock alerts sheet of the daily report workbook (made by Daily report, "
                           "in reports/) lists them all"), box
    assert "shopbook" not in box, box


def test_the_self_check_box_names_the_daily_reports_sheet_not_a_command(boxes):
    lang, said = boxes
    box = said["self_check"]
    rest = [ln for ln in box.splitlines() if ln.strip().startswith("… ")]
    assert rest, box
    for ln in rest:
        assert ("日报工作簿（按“日报”生成，在 reports/ 里）的“自查”表列出全部" if lang == "zh" else
                "the Self-check sheet of the daily report workbook (made by Daily report, in reports/) lists them all"
                ) in ln, box
        assert "shopbook selfcheck" not in ln, box
