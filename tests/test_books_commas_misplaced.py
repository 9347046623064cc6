"""A count or figure typed as text with its commas out of place (12,3456 in 浏览量, 1,0000 in 访客数) was read
with the commas dropped, 123456 and 10000, a digit too many or one missing taken as typed, where an amount so
typed (金额 12,3456) is refused. Now a number column refuses it as an amount column does, at its cell, saying
that a comma only separates thousands; 1,234 and 12,345.5 still read."""

from __future__ import annotations

import datetime as dt

import openpyxl

from shopbook.shop import init_shop
from shopbook.validate import validate_path


def _kpi_typed(folder, cells: dict[str, object]) -> dict[str, str]:
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb["日报"]
    head = {c.value: c.column_letter for c in ws[1]}
    ws[f"{head['日期']}2"] = dt.date(2026, 11, 17)
    ws[f"{head['日期']}3"] = dt.date(2026, 11, 18)
    for row in (2, 3):
        for name, v in (("支付订单数", 12), ("销售额", 1200), ("支付买家数", 10)):
            ws[f"{head[name]}{row}"] = v
    for (name, row), v in cells.items():
        ws[f"{head[name]}{row}"] = v
    wb.save(folder / "kpi.xlsx")
    return head


def test_a_comma_out_of_place_in_a_count_is_an_error_at_its_cell(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    head = _kpi_typed(folder, {("浏览量", 2): "12,3456", ("访客数", 2): "1,234", ("访客数", 3): "1,0000",
                               ("浏览量", 3): "3,456"})
    res = validate_path(folder)
    errors = {x.cell: x for x in res.issues if x.severity == "error" and x.book == "kpi.xlsx"}
    assert set(errors) == {f"{head['浏览量']}2", f"{head['访客数']}3"}, [x.message_zh for x in res.issues]
    x = errors[f"{head['浏览量']}2"]
    assert x.sheet == "日报" and "12,3456" in x.message_zh and "逗号位置不对" in x.message_zh
    assert "comma out of place" in x.message_en
    assert "1,0000" in errors[f"{head['访客数']}3"].message_zh


def test_a_weight_typed_with_thousands_still_reads(tmp_path):
    from shopbook import values as V

    assert V.parse_int("1,234") == 1234 and V.parse_int("1,234,567") == 1234567
    assert str(V.parse_decimal("12,345.5")) == "12345.5" and V.parse_int("12 345") == 12345
