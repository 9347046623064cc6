"""A courier bill laid out as 网点 send it: a blank row and a label row between the month's halves, its lines
on a sheet per half-month. Each line is said at the row Excel shows it on, and no line of the bill goes
unread without a word."""

from __future__ import annotations

import openpyxl
from test_courier_bill_corrections import shop  # noqa: F401 (the module's shop: three 中通 parcels of 11-10)

from shopbook.money.workflow import reconcile_courier_file


def test_a_line_after_a_blank_row_is_said_at_its_own_row(shop, tmp_path):  # noqa: F811
    """Before, every line under the blank row was said one row up (账单第 6 行 for row 7)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "中通快递 客户对账单（2026年11月）"
    ws.merge_cells("A1:E1")
    ws.append(["运单号", "揽收时间", "目的省份", "重量(kg)", "运费"])
    ws.append([773000000000001, "2026-11-10", "浙江省", 0.45, 5])
    ws.append([])
    ws.append(["11月16日-30日"])
    ws.append([773000000000002, "2026-11-10", "浙江省", 0.4, "五元"])
    ws.append([773000000000009, "2026-11-10", "浙江省", 0.45, 5])
    wb.save(tmp_path / "中通11月账单.xlsx")
    chk, issues = reconcile_courier_file(shop, tmp_path / "中通11月账单.xlsx")
    assert [(i.row, i.value) for i in issues if i.is_error] == [(6, "五元")]
    assert [(b.tracking_no, b.line) for b in chk.billed_not_shipped] == [("773000000000009", 7)]
    assert chk.to_json()["billed_not_shipped"][0]["line"] == 7


def test_a_second_sheet_of_parcels_is_said_never_passed_over(shop, tmp_path):  # noqa: F811
    """A bill of a sheet per half-month: only the first is read (the lines' rows are a sheet's own). Before,
    the second was passed over without a word: the amount short by its money, its parcels 'shipped, not
    billed' and a ✓-less report saying nothing of why."""
    wb = openpyxl.Workbook()
    for k, (title, nos) in enumerate((("11.1-11.15", (1, 2)), ("11.16-11.30", (3,)))):
        ws = wb.active if k == 0 else wb.create_sheet()
        ws.title = title
        ws.append(["运单号", "揽收时间", "目的省份", "重量(kg)", "运费"])
        for i in nos:
            ws.append([773000000000000 + i, "2026-11-10", "浙江省", 0.45, 5])
    wb.save(tmp_path / "中通11月账单.xlsx")
    chk, issues = reconcile_courier_file(shop, tmp_path / "中通11月账单.xlsx")
    [err] = [i for i in issues if i.is_error]
    assert (err.sheet, err.row, err.column, err.value) == ("11.16-11.30", 2, "运单号", "773000000000003")
    assert "“11.16-11.30”表也有 1 个运单" in err.message_zh and "sheet '11.16-11.30' lists 1 parcel" in err.message_en
    assert chk.shipped_not_billed == []  # on the bill, its money not read: said as such
    assert [b.tracking_no for b in chk.unread] == ["773000000000003"]
