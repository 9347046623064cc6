"""QA (returns): a scanner app's export titled with its day (12月6日退货扫描, 2026-12-06 退货扫描, Returns scanned
12/6/2026) over lines with no header: the title was one more code, "找不到售后单：12月6日退货扫描", ✗ and exit 1 on a good
file (a title without a digit was already passed over). It holds no code now; a first line that is a code stays one."""

from __future__ import annotations

import pytest
from test_aftersales_receive_two_parcels_one_case import TODAY, _shop

from shopbook.aftersales.workflow import aftersales, codes_scanned

CODES = ["YT7000000001", "TH-1"]


@pytest.mark.parametrize("text", [
    "12月6日退货扫描\r\n1,YT7000000001,2026-12-06 10:01\r\n2,TH-1,2026-12-06 10:02\r\n",
    "2026-12-06 退货扫描\r\nYT7000000001\r\nTH-1\r\n",
    "Returns scanned 12/6/2026\r\nYT7000000001\r\nTH-1\r\n",
    "１２月６日退货\r\nYT7000000001\r\nTH-1\r\n",
])
def test_a_title_with_its_day_is_no_code(tmp_path, text):
    f = tmp_path / "退货扫描.csv"
    f.write_text(text, encoding="utf-8")
    assert codes_scanned(f) == CODES


@pytest.mark.parametrize("first", ["YT7000000001", "SH20261206-1", "3515131473025175746"])
def test_a_code_on_the_first_line_stays_a_code(tmp_path, first):
    f = tmp_path / "退货扫描.csv"
    f.write_text(f"{first}\r\n2,TH-1,2026-12-06 10:02\r\n", encoding="utf-8")
    assert codes_scanned(f) == [first, "TH-1"]


def test_such_a_file_receives_its_parcels_and_no_other_code(tmp_path):
    shop = _shop(tmp_path / "shop")
    f = tmp_path / "退货扫描.csv"
    f.write_text("12月6日退货扫描\r\n1,YT3234567890,2026-12-06 10:01\r\n", encoding="utf-8")
    res = aftersales(shop, TODAY, received=codes_scanned(f))
    assert res.received == ["YT3234567890"] and res.unknown == [] and not res.needs_a_person(receiving=True)
