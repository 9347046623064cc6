"""QA: a person's 客单价 typed as a formula, =F2/D2 (销售额 ÷ 支付买家数), was validate's error
“金额“306.284193548387”超过两位小数（分）”, on every row: Excel keeps the quotient unrounded, and it is
the right figure. Now 客单价 is rounded half up to the fen as it reads (as `kpi import` does 生意参谋's)."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import Decimal as D

import openpyxl

from shopbook.io.reader import read_workbook
from shopbook.schema import KPI, DailyKpi
from shopbook.shop import init_shop
from shopbook.validate import validate_path


def _with_cached_values(path, values: dict[str, float]) -> None:
    """The file as Excel saves it: each formula cell keeps its last value beside the formula."""
    with zipfile.ZipFile(path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    name = next(n for n in files if n.startswith("xl/worksheets/") and b"<f>" in files[n])
    xml = files[name].decode("utf-8")
    for ref, v in values.items():
        xml, n = re.subn(rf'(<c r="{ref}"[^>]*>)<f>([^<]*)</f>(?:<v\s*/>|<v></v>)?', rf"\g<1><f>\g<2></f><v>{v!r}</v>", xml)
        assert n == 1, ref
    files[name] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in files.items():
            z.writestr(n, b)


def test_a_formula_aov_is_no_error(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb["日报"]
    head = [c.value for c in ws[1]]
    col = {h: i + 1 for i, h in enumerate(head)}
    rows = [(dt.date(2026, 11, 20), 1459, 31, 31, 9494.81), (dt.date(2026, 11, 21), 1339, 37, 38, 13791.66)]
    for r, (day, visitors, buyers, orders, sales) in enumerate(rows, start=2):
        ws.cell(r, col["日期"], day)
        ws.cell(r, col["访客数"], visitors)
        ws.cell(r, col["支付买家数"], buyers)
        ws.cell(r, col["支付订单数"], orders)
        ws.cell(r, col["销售额"], sales)
        s, b = openpyxl.utils.get_column_letter(col["销售额"]), openpyxl.utils.get_column_letter(col["支付买家数"])
        ws.cell(r, col["客单价"], f"={s}{r}/{b}{r}")
    wb.save(folder / "kpi.xlsx")
    aov = openpyxl.utils.get_column_letter(col["客单价"])
    _with_cached_values(folder / "kpi.xlsx", {f"{aov}2": 9494.81 / 31, f"{aov}3": 13791.66 / 37})
    v = validate_path(folder / "kpi.xlsx")
    assert not v.errors and not v.warnings, v.issues
    got = {r.date: r.aov for r in read_workbook(folder / "kpi.xlsx", KPI).rows(DailyKpi)}
    assert got == {dt.date(2026, 11, 20): D("306.28"), dt.date(2026, 11, 21): D("372.75")}
