"""QA (returns, English shops): a phone scanner app set to English writes each scan's time with the month's name
(Dec 6, 2026 10:01 AM; 6 Dec 2026 10:01; 06-Dec-2026; Sun, Dec 6, 2026 10:01:02 PM). Each was one more code
scanned: "no case for: Dec 6, 2026 10:01 AM …", ✗ and exit 1 on a good file. Set aside as a time, as 2026-12-06 10:01
is; a code that only looks like a month (DEC6, MAY-2026-1) stays a code."""

from __future__ import annotations

from test_aftersales_receive_two_parcels_one_case import TODAY, _shop

from shopbook.aftersales.workflow import aftersales, codes_scanned


def test_a_time_with_the_month_s_name_is_no_code(tmp_path):
    f = tmp_path / "returns.csv"
    f.write_text('1,YT7000000001,"Dec 6, 2026 10:01 AM"\r\n2,TH-1,6 Dec 2026 10:02\r\n3,SF1234567890123,06-Dec-2026\r\n'
                 '4,773012345678,"Sun, Dec 6, 2026 10:04:05 PM"\r\n5,DEC6,December 6th 2026\r\n6,MAY-2026-1,10:06\r\n',
                 encoding="utf-8")
    assert codes_scanned(f) == ["YT7000000001", "TH-1", "SF1234567890123", "773012345678", "DEC6", "MAY-2026-1"]


def test_such_a_file_receives_its_parcel_and_no_other_code(tmp_path):
    shop = _shop(tmp_path / "shop", "en")
    f = tmp_path / "returns.csv"
    f.write_text('Scan #,Content,Scanned At\r\n1,YT3234567890,"Dec 6, 2026 10:01 AM"\r\n', encoding="utf-8")
    res = aftersales(shop, TODAY, received=codes_scanned(f))
    assert res.received == ["YT3234567890"] and res.unknown == [] and not res.needs_a_person(receiving=True)
    f.write_text('1,YT3234567890,"Dec 6, 2026 10:01 AM"\r\n', encoding="utf-8")
    assert codes_scanned(f) == ["YT3234567890"]
