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


def test_formulas_filled_down_a_month_typed_ahead_are_not_said_once_the_import_fills_their_figures(tmp_path):
    """QA: 日报 with its month's dates typed ahead and 转化率 =D2/C2, 客单价 =IF(D2="","",F2/D2) filled down, as
    Excel saves them (#DIV/0! and "" until the figures come): every day `kpi import` filled was said twice,
    '这一格是公式，没有写入生意参谋的 2.37%（公式保留）', each morning among the daily job's problems, though the
    formulas show 生意参谋's figures once calculated. Now such a cell is said only where the row's figures
    would not give 生意参谋's (here: a download whose 客单价 is sales ÷ orders); the formulas are kept."""
    from test_kpi_import import DAYS, sycm_xlsx

    from shopbook.kpi.import_sycm import import_kpi
    from shopbook.shop import open_shop

    folder = tmp_path / "shop"
    init_shop(folder)
    path = folder / "kpi.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["日报"]
    col = {c.value: c.column_letter for c in ws[1]}
    assert (col["访客数"], col["支付买家数"], col["销售额"], col["转化率"], col["客单价"]) == ("C", "D", "F", "H", "I")
    for r, day in ((2, 18), (3, 19)):
        ws[f"A{r}"] = dt.datetime(2026, 11, day)
        ws[f"H{r}"], ws[f"I{r}"] = f"=D{r}/C{r}", f'=IF(D{r}="","",F{r}/D{r})'
    wb.save(path)
    with zipfile.ZipFile(path) as z:  # the values Excel keeps for them: #DIV/0! and ""
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    xml = parts[sheet].decode()
    xml = re.sub(r'(<c r="H\d+"[^>]*?)><f>(.*?)</f><v\s*/?>(</v>)?', r'\1 t="e"><f>\2</f><v>#DIV/0!</v>', xml)
    parts[sheet] = re.sub(r'(<c r="I\d+"[^>]*?)><f>(.*?)</f><v\s*/?>(</v>)?', r'\1 t="str"><f>\2</f><v></v>', xml).encode()
    assert b"#DIV/0!" in parts[sheet]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in parts.items():
            z.writestr(n, b)
    wrong = [*DAYS[1][:12], "98.56", *DAYS[1][13:]]  # 客单价 10,250.50 ÷ 104 orders, not ÷ 100 buyers
    res = import_kpi(open_shop(folder), [sycm_xlsx(tmp_path / "sycm.xlsx", [DAYS[0], wrong])])
    assert res.ok and res.filled == [dt.date(2026, 11, 18), dt.date(2026, 11, 19)], res.said(9)
    assert [(i.cell, i.message_zh.split("：")[0]) for i in res.issues] == [("I3", "2026-11-19 客单价")], res.issues
    ws = openpyxl.load_workbook(path)["日报"]
    assert (ws["H2"].value, ws["I3"].value, ws["C2"].value) == ("=D2/C2", '=IF(D3="","",F3/D3)', 7001)
