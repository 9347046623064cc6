"""The 库存预警 and 自查 buttons cut their lists (a box taller than the screen) and said where the rest are as the
command line says it: "… 还有 2 个；shopbook stock alerts 列出全部", "… 还有 2 条，全部见 shopbook selfcheck", a
command to a person in Excel. A list cut is written whole as a CSV in reports/ (as the 采购建议, 盘点过账, 快递对账
buttons' lists), and the box names that file; an English shop's in English. (Not the daily report's sheets: those
hold them only once the 日报 button has run today, with every step of the daily job.)"""

from __future__ import annotations

import csv
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
        before = set((folder / "reports").iterdir())
        getattr(xl, name)(book)
        made = sorted(set((folder / "reports").iterdir()) - before)
        said[name] = book.app.alerts[-1]["prompt"], made
    return lang, said


def _listed(made: list) -> list[list[str]]:
    assert len(made) == 1 and made[0].suffix == ".csv", made
    with made[0].open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_the_stock_alerts_box_names_the_file_listing_them_whole_not_a_command(boxes):
    lang, said = boxes
    box, made = said["stock_alerts"]
    rest = [ln for ln in box.splitlines() if ln.strip().startswith("… ")]
    rows = _listed(made)
    assert made[0].name.startswith("库存预警清单-" if lang == "zh" else "stock-alerts-list-"), made
    assert rest == ([f"  … 还有 2 个；全部列在 {made[0]}"] if lang == "zh" else
                    [f"  … and 2 more; all of them are listed in {made[0]}"]), box
    assert "shopbook" not in box, box
    text = "\n".join(r[1] for r in rows[1:])
    assert all(f"SKU-{i:02d}" in text for i in range(12)), rows  # every alert, the two the box left out too
    assert not any(r[1].strip().startswith("… ") for r in rows), rows  # whole, not cut


def test_the_self_check_box_names_the_file_listing_them_whole_not_a_command(boxes):
    lang, said = boxes
    box, made = said["self_check"]
    rest = [ln for ln in box.splitlines() if ln.strip().startswith("… ")]
    rows = _listed(made)
    assert made[0].name.startswith("自查清单-" if lang == "zh" else "self-check-list-"), made
    assert rest, box
    for ln in rest:
        assert ln.endswith(f"全部列在 {made[0]}" if lang == "zh" else f"all of them are listed in {made[0]}"), box
        assert "shopbook selfcheck" not in ln, box
    assert rows[0][:3] == (["岗位", "要做的事", "记录"] if lang == "zh" else ["Role", "To do", "Record"]), rows
    text = "\n".join(r[2] for r in rows[1:])
    assert all(f"CG{i:02d}" in text for i in range(12)), rows  # each late PO, those the box left out too


def test_a_box_whose_list_cannot_be_written_to_reports_is_shown_all_the_same(tmp_path, monkeypatch):
    """(review) 库存预警 reads and writes nothing else: a reports/ it could not write its list to (a share's
    permissions) failed the button whole ('…: no permission; nothing was written'), none of the alerts shown. The box
    is shown, its cut line saying the list could not be written and why."""
    from shopbook.io import files
    from shopbook.schema import STOCK, Product, Supplier
    from shopbook.shop import init_shop
    from shopbook.workbook_builder import write_workbook

    folder = tmp_path / "shop"
    init_shop(folder, "zh")
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku=f"SKU-{i:02d}", name="衬衫", cost=D(20), price=D(60), opening_qty=0, safety_stock=5,
                          supplier="厂") for i in range(12)],
        Supplier: [Supplier(supplier="厂", lead_days=7)]}, keep_backup=False)

    def refused(path, data, keep_backup=False):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(files, "write_bytes_atomic", refused)
    book = FakeBook(folder / "stock.xlsx")
    xl.stock_alerts(book)
    box = book.app.alerts[-1]["prompt"]
    assert len([ln for ln in box.splitlines() if ln.strip().startswith("SKU-")]) == xl.BOX_LINES, box
    assert box.splitlines()[-1] == "  … 还有 2 个；全部清单没能写进 reports/（Permission denied）", box
