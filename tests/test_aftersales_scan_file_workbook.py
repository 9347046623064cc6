"""QA (returns): a scanner app that exports to Excel, or codes scanned into a workbook and saved, chosen for the
售后收货 button: "This is a workbook or a zip, not a text (CSV) file." said what it was not, not what to do. It says
to save it as CSV in Excel and choose that, with the order numbers' column as Text first, both languages."""

from __future__ import annotations

import openpyxl
import pytest

from shopbook.aftersales.workflow import codes_scanned
from shopbook.issues import ShopbookError


def test_a_workbook_of_codes_says_to_save_it_as_csv(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "单号", "扫描时间"])
    wb.active.append([1, "YT7000000001", "2026-12-06 10:01"])
    wb.save(tmp_path / "扫描.xlsx")
    with pytest.raises(ShopbookError) as e:
        codes_scanned(tmp_path / "扫描.xlsx")
    assert "另存为” CSV" in e.value.zh and "save it as CSV" in e.value.en and "Text" in e.value.en
