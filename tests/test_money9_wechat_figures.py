"""A WeChat personal bill whose figures carry ¥ and full-width commas (¥1，500.00, as a bill re-saved on a
Chinese system or a preamble typed over writes them): its preamble's money (收入：2笔 ¥1，800.00元) is still
checked against the lines, never passed over unread."""

from __future__ import annotations

import openpyxl
from test_wechat import PERSONAL_HEAD, PREAMBLE, personal_rows

from shopbook.money.wechat import read_wechat


def test_the_preamble_money_with_a_full_width_comma_is_checked(tmp_path):
    rows = personal_rows("¥")
    rows[0][5] = "¥1，400.00"  # the line as the bill holds it (1，500.00 typed over in Excel: 100.00 gone)
    preamble = [("收入：2笔 ¥1，800.00元" if ln.startswith("收入") else
                 "支出：1笔 ¥ 45.50元" if ln.startswith("支出") else ln) for ln in PREAMBLE]
    path = tmp_path / "微信支付账单(20261106-20261109).xlsx"
    wb = openpyxl.Workbook()
    for ln in preamble:
        wb.active.append([ln] if ln else [])
    wb.active.append(PERSONAL_HEAD)
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    st = read_wechat(path)
    errors = [i for i in st.issues if i.is_error]
    assert len(errors) == 1 and not st.complete, st.issues
    assert "“收入：2笔 ¥1，800.00元”，明细是 收入 2 笔 1700.00 元" in errors[0].message_zh, errors[0].message_zh
    assert "'收入：2笔 ¥1，800.00元' against 2 income transactions of 1700.00 yuan" in errors[0].message_en
    assert "支出" not in errors[0].message_zh  # ¥ 45.50 read, and it agrees
