"""日报's 转化率 typed as an operator types it: 0.85 meaning 0.85 % (buyers 17 of 2,000 visitors) is read as
85 %, and validate said only "转化率 85.00% 与 支付买家数÷访客数 = 0.85% 不符。", nothing of what to type. Now it
says the 0.85 was read as 85 % and to write 0.85% (or 0.0085); a figure that is simply wrong is told the one
that agrees, or to clear it (the reports work it out anyway)."""

import openpyxl

from shopbook.shop import init_shop
from shopbook.validate import validate_path


def test_a_conversion_typed_without_its_percent_sign_says_what_to_type(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb["日报"]
    for r, (day, conv) in enumerate([("2026-12-01", 0.85), ("2026-12-02", "0.85"), ("2026-12-03", "1%"),
                                     ("2026-12-04", "0.85%")], start=2):
        for c, v in enumerate((day, None, 2000, 17, 17, 1700, None, conv), start=1):
            ws.cell(r, c, v)
    wb.save(folder / "kpi.xlsx")

    said = {i.cell: i for i in validate_path(folder).issues if i.sheet == "日报"}
    assert sorted(said) == ["H2", "H3", "H4"], said  # 0.85%: as it should be
    for cell in ("H2", "H3"):
        assert "若是 0.85%，请写 0.85%（或 0.0085）" in said[cell].message_zh, said[cell].message_zh
        assert "for 0.85 % write 0.85% (or 0.0085)" in said[cell].message_en, said[cell].message_en
    assert "请改成 0.85%，或清空它" in said["H4"].message_zh and "Enter 0.85%, or clear it" in said["H4"].message_en, said["H4"]
