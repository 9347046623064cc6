"""A statement in reports/ whose sheet XML was cut short (a copy stopped half-way, a sync client): read as no
statement, as a file that is no workbook is (ae4006e2 caught only the errors of opening it: its rows' XML error,
met as they are parsed, came out of agents settle as a traceback)."""

from __future__ import annotations

import zipfile

import openpyxl

from shopbook.agents.workflow import _statement_rows


def test_a_statement_cut_short_in_its_sheet_reads_as_none(tmp_path):
    good = tmp_path / "ok.xlsx"
    wb = openpyxl.Workbook()
    for i in range(50):
        wb.active.append([f"r{i}", i])
    wb.save(good)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as z:
        for n in zin.namelist():
            data = zin.read(n)
            z.writestr(n, data[: len(data) // 2] if n == "xl/worksheets/sheet1.xml" else data)
    assert len(_statement_rows(good)) == 50
    assert _statement_rows(bad) is None
    (tmp_path / "text.xlsx").write_text("not a workbook", encoding="utf-8")
    assert _statement_rows(tmp_path / "text.xlsx") is None
