"""QA (returns): a scanner's TXT export puts each line's number and time beside the code with spaces, not commas
(1 YT7000000001 2026-12-06 10:01:02; 1. YT7000000001; YT7000000001 10:01). The whole line was one code: "找不到售后单：
1 YT7000000001 2026-12-06 10:01:02", ✗ and the parcel not received. The code is the part left once the number and
time are set aside; a code typed with spaces in it, or beside a remark, is left whole as before."""

from __future__ import annotations

import pytest
from test_aftersales_receive_two_parcels_one_case import TODAY, _shop

from shopbook.aftersales.workflow import aftersales, codes_scanned


@pytest.mark.parametrize("text, codes", [
    ("1 YT7000000001 2026-12-06 10:01:02\r\n2 TH-1 2026-12-06 10:01:03\r\n", ["YT7000000001", "TH-1"]),
    ("退货扫描\r\n1. YT7000000001\r\n2. TH-1\r\n", ["YT7000000001", "TH-1"]),
    ("YT7000000001 10:01\r\nSF1234567890123  上午10:02\r\n", ["YT7000000001", "SF1234567890123"]),
    ("YT 7000 0000 01\r\nYT7000000002 破损\r\n", ["YT 7000 0000 01", "YT7000000002 破损"]),
])
def test_a_code_spaced_from_its_number_and_time(tmp_path, text, codes):
    f = tmp_path / "退货扫描.txt"
    f.write_text(text, encoding="utf-8")
    assert codes_scanned(f) == codes


def test_it_is_received(tmp_path):
    shop = _shop(tmp_path / "shop")
    f = tmp_path / "退货扫描.txt"
    f.write_text("1 YT3234567890 2026-12-06 10:01:02\r\n", encoding="gb18030")
    res = aftersales(shop, TODAY, received=codes_scanned(f))
    assert res.received == ["YT3234567890"] and res.unknown == [] and not res.needs_a_person(receiving=True)
