"""QA (returns): a scanner app's time as Chinese writes it (2026年12月6日 10点01分, 10点01分02秒, 下午3点05分) or its
day without the year (12月6日 10:04) beside each code was one more code scanned, "找不到售后单：2026年12月6日 10点01分",
✗ and exit 1 on a good file. Set aside as the other shapes of a time are; the codes beside them stay codes."""

from __future__ import annotations

from test_aftersales_receive_two_parcels_one_case import TODAY, _shop

from shopbook.aftersales.workflow import aftersales, codes_scanned


def test_a_time_as_chinese_writes_it_is_no_code(tmp_path):
    f = tmp_path / "退货扫描.txt"
    f.write_text("1,YT7000000001,2026年12月6日 10点01分\r\n2,TH-1,2026年12月6日 10点01分02秒\r\n"
                 "3,SF1234567890123,10点3分\r\n4,773012345678,12月6日 10:04\r\n5,JDVA00123456789,下午3点05分\r\n"
                 "6,YT7000000006,12月6号\r\n", encoding="utf-8")
    assert codes_scanned(f) == ["YT7000000001", "TH-1", "SF1234567890123", "773012345678", "JDVA00123456789",
                                "YT7000000006"]


def test_such_a_file_receives_its_parcel_and_no_other_code(tmp_path):
    shop = _shop(tmp_path / "shop")
    f = tmp_path / "退货扫描.txt"
    f.write_text("1\tYT3234567890\t2026年12月6日 10点01分02秒\r\n", encoding="gb18030")
    res = aftersales(shop, TODAY, received=codes_scanned(f))
    assert res.received == ["YT3234567890"] and res.unknown == [] and not res.needs_a_person(receiving=True)
