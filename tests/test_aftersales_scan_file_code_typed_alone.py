"""QA (returns): a parcel the scanner missed, its number typed in by hand on a line alone at the end of the app's
export (序号,单号,扫描时间 … then TH-1), was passed over silently: the line is shorter than the code column's place, so
the parcel was never received and nothing said it. A code alone on its line is a code; a footer (导出人：张三, a time,
共 1 条) is still none."""

from __future__ import annotations

import pytest
from test_aftersales_receive_two_parcels_one_case import TODAY, _shop

from shopbook.aftersales.workflow import aftersales, codes_scanned

HEAD = "序号,单号,扫描时间\r\n1,YT7000000001,2026-12-06 10:01\r\n"


@pytest.mark.parametrize("tail, codes", [
    ("TH-1\r\n", ["YT7000000001", "TH-1"]),
    ("3515131473025175746\r\n", ["YT7000000001", "3515131473025175746"]),
    (",TH-1\r\n", ["YT7000000001", "TH-1"]),
    ("导出人：张三\r\n", ["YT7000000001"]),
    ("2026-12-06 10:05\r\n", ["YT7000000001"]),
    ("共 1 条\r\n", ["YT7000000001"]),
])
def test_a_code_typed_alone_under_the_export_is_a_code(tmp_path, tail, codes):
    f = tmp_path / "退货扫描.csv"
    f.write_text(HEAD + tail, encoding="utf-8")
    assert codes_scanned(f) == codes


def test_it_is_received(tmp_path):
    shop = _shop(tmp_path / "shop")
    f = tmp_path / "退货扫描.csv"
    f.write_text("序号,单号,扫描时间\r\n1,YT1234567891,2026-12-06 10:01\r\nYT3234567890\r\n", encoding="utf-8")
    res = aftersales(shop, TODAY, received=codes_scanned(f))
    assert res.received == ["YT1234567891", "YT3234567890"] and res.unknown == []
