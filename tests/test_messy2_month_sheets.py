"""A ledger kept a sheet a month (11月, 12月 — read as one 流水): what the jobs say of a row names the row as its
own sheet numbers it, never the reader's internal number of a later month's sheet."""

from __future__ import annotations

import openpyxl
from test_staff_pay import shop as _shop

from shopbook.schema import LEDGER
from shopbook.staff.workflow import staff_pay

shop = _shop  # (the fixture)


def _split_by_month(path, rows_11: list[list], rows_12: list[list]) -> None:
    """流水 as a shop keeps it: one sheet a month, each under the same headers."""
    wb = openpyxl.load_workbook(path)
    ws = wb["流水"]
    head = [c.value for c in ws[1]]
    ws.title = "11月"
    for r in rows_11:
        ws.append(r)
    dec = wb.create_sheet("12月", 1)
    dec.append(head)
    for r in rows_12:
        dec.append(r)
    wb.save(path)


def test_a_pay_line_on_the_december_sheet_is_said_at_its_own_row(shop):
    """staff pay of a ledger kept as 11月 + 12月 sheets, 小红's pay typed by hand on 12月's row 3, 备注 工资 alone:
    the message said `流水第 2097155 行` (the reader's row for row 3 of the second sheet); now 第 3 行, at 12月 › I3."""
    _split_by_month(shop.path(LEDGER), [["2026-11-03", "支出", "员工工资", 100, "银行卡", None, None, "小美", "10月工资"]],
                    [["2026-12-01", "支出", "员工工资", 50, "银行卡", None, None, "小美", "10月补发"],
                     ["2026-12-05", "支出", "员工工资", 2704.77, "银行卡", None, None, "小红", "工资"]])
    issues = staff_pay(shop, "2026-11").payroll.issues
    said = [(i.sheet, i.cell, i.message_zh, i.message_en) for i in issues if "小红" in i.message_zh]
    assert len(said) == 1, issues
    sheet, cell, zh, en = said[0]
    assert (sheet, cell) == ("12月", "I3"), said
    assert zh.startswith("流水第 3 行（2026-12-05 员工工资 ¥2,704.77）") and en.startswith("Ledger row 3 ("), said
