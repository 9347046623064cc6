"""QA: an English shop's Daily sheet with its conversion column headed 'Conversion rate' (or aov headed 'Average
order value', as it says them and types them on Targets; 生意参谋's 支付转化率 in a Chinese shop) was read as blank
and nothing said: validate was silent, a conversion typed wrong never checked against buyers ÷ visitors. The header
is now named at its own cell, to rename, in both languages; the sheet's rows still read."""

import datetime as dt

import openpyxl
import pytest

from shopbook.io.reader import read_workbook
from shopbook.schema import KPI, DailyKpi
from shopbook.shop import init_shop
from shopbook.validate import validate_path


@pytest.mark.parametrize("lang, field, header", [("en", "conversion", "Conversion rate"),
                                                 ("en", "aov", "Average order value"), ("zh", "转化率", "支付转化率")])
def test_a_daily_column_headed_as_people_say_it_is_named_at_its_cell(tmp_path, lang, field, header):
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb.worksheets[0]
    head = [c.value for c in ws[1]]
    at = ws.cell(1, head.index(field) + 1)
    at.value = header
    ws.append([{0: dt.datetime(2026, 11, 20), 2: 1000, 3: 30, 4: 32, 5: 4800}.get(k) for k in range(len(head))])
    wb.save(folder / "kpi.xlsx")
    said = [i for i in validate_path(folder / "kpi.xlsx").issues if i.cell == at.coordinate]
    assert [(i.column, i.severity) for i in said] == [(header, "error")], said
    assert (f"表头“{header}”像是“{field}”列" in said[0].message_zh if lang == "zh" else
            f"The header '{header}' looks like the column '{field}'" in said[0].message_en)
    assert [d.visitors for d in read_workbook(folder / "kpi.xlsx", KPI, (DailyKpi,)).rows(DailyKpi)] == [1000]
