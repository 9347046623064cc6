"""A WeChat Pay bill a person opened in Excel and summed under its lines (合计 | … | 945.50): the 合计 row is no
transaction, in the personal bill and the merchant's."""

from __future__ import annotations

import openpyxl
from test_wechat import PERSONAL_HEAD, PREAMBLE, TRADES, merchant_bill, personal_rows

from shopbook.money.wechat import read_wechat


def test_a_totals_row_typed_under_either_bill_s_lines_is_passed_over(tmp_path):
    """It was an error at its row (不是日期：“合计”), the bill then called wrong: --apply refused to book."""
    personal = tmp_path / "微信支付账单(20261106-20261109).xlsx"
    wb = openpyxl.Workbook()
    for ln in PREAMBLE:
        wb.active.append([ln] if ln else [])
    wb.active.append(PERSONAL_HEAD)
    for r in personal_rows(""):
        wb.active.append(r)
    wb.active.append(["合计", None, None, None, None, 945.5])
    wb.save(personal)
    merchant = tmp_path / "wechat_merchant.csv"
    merchant.write_bytes(merchant_bill([*TRADES, ["合计", *[""] * 11, "347.00", *[""] * 9, "0.89", "", "", "", ""]]))
    for path, clean in ((personal, None), (merchant, merchant_bill())):
        st = read_wechat(path)
        assert st.issues == [], (path, [(i.cell, i.message_zh) for i in st.issues])
        if clean is not None:
            (tmp_path / "clean.csv").write_bytes(clean)
            assert st.lines == read_wechat(tmp_path / "clean.csv").lines
