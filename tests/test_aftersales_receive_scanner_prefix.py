"""QA (returns): a scanner set to add a prefix or suffix to every scan (]C1 before it, a # after it, as the scan check
already says for ship) made each return's label "no case for: ]C1YT…; a parcel nobody registered: open it, find its
order, type the return on the After-sales sheet", sending a person to type a second case for a parcel that has one.
Such a code is said as the case's number with the scanner's extra characters, to turn off, nothing received; a code
one digit longer than an order's number (a typo, not the scanner) is still no case."""

from __future__ import annotations

import pytest
from test_aftersales_receive_two_parcels_one_case import TODAY, _back, _shop

from shopbook.aftersales.workflow import aftersales


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_case_s_number_with_the_scanner_s_prefix_is_said_as_such(tmp_path, lang):
    shop = _shop(tmp_path / "shop", lang)
    res = aftersales(shop, TODAY, received=["]C1YT3234567890", "TH-2#", "3900000000000000012"])
    assert res.received == [] and _back(shop) == [] and res.needs_a_person(receiving=True)
    assert [(x["code"], x["as"], x["case_no"]) for x in res.to_json()["scanner_prefix"]] == [
        ("]C1YT3234567890", "YT3234567890", "TH-3")]  # (TH-2 is too short a number to tell: said as no case)
    said = {zh: (mark, en) for mark, zh, en in res.said(lang, 5)}
    line = next(k for k in said if k.startswith("]C1YT3234567890："))
    assert said[line][0] == "✗" and "“]C1”" in line and "售后单 TH-3 的 YT3234567890" in line and "关掉前缀/后缀" in line
    assert "without the extra ']C1' it is YT3234567890 of case TH-3" in said[line][1]
    assert "Turn it off in the scanner's settings" in said[line][1]
    nobody = next(k for k in said if k.startswith("找不到售后单："))
    assert "]C1YT3234567890" not in nobody and "3900000000000000012" in nobody and "TH-2#" in nobody
