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
