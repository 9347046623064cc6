"""QA (returns): a scan file opened and saved in Excel holds a scanned order number as 3.51513E+18, its last digits
lost. It was "no case for: 3.51513E+18 … a parcel nobody registered: open it, find its order number, type the return
on the After-sales sheet", sending a person to type a second case for a parcel that has one. It is said as what
Excel did, with what to do, nothing received; the other codes of the file are worked as usual."""

from __future__ import annotations

from test_aftersales_receive_two_parcels_one_case import TODAY, _shop

from shopbook.aftersales.workflow import aftersales, codes_scanned


def test_a_number_excel_put_in_scientific_notation_is_said_so(tmp_path):
    shop = _shop(tmp_path / "shop", "en")
    f = tmp_path / "scan.csv"
    f.write_text("单号\r\n3.90000E+17\r\nYT3234567890\r\n", encoding="utf-8")
    res = aftersales(shop, TODAY, received=codes_scanned(f))
    assert res.received == ["YT3234567890"] and res.needs_a_person(receiving=True)
    said = {zh: (mark, en) for mark, zh, en in res.said("en", 5)}
    line = next(k for k in said if k.startswith("3.90000E+17："))
    assert "科学计数法" in line and "原始文件" in line and said[line][0] == "✗"
    assert "scientific notation" in said[line][1] and "as the scanner saved it" in said[line][1]
    assert not any("3.90000E+17" in k and "找不到售后单" in k for k in said)
