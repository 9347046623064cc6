"""A 余额核对 that disagrees names the 流水 rows whose amount explains the gap: a month of 快递费 at
50.00 a time and a gap of 50.00 fits every one of them. It named the first three and stopped, saying
nothing of the rest: the row that was booked twice, fourth, was never named. Now the first three are
said as before and the rest counted and named by row, in either language."""

from __future__ import annotations

import datetime as dt

from blank_books import append_by_header, ledger_with_alipay
from shopbook.validate import validate_path


def test_every_row_that_fits_the_gap_is_named_or_counted(tmp_path):
    path, wb = ledger_with_alipay(tmp_path)  # 支付宝 1000 on 11-01, 类别 快递费
    append_by_header(wb["流水"], [{"日期": dt.datetime(2026, 11, d), "收支": "支出", "类别": "快递费", "金额": 50,
                                  "账户": "支付宝"} for d in (3, 5, 7, 9, 11)])  # rows 3–7 (below the template's empty row 2); one of them typed twice
    wb["余额核对"].append([dt.datetime(2026, 11, 30), "支付宝", 800])  # 1000 − 4 × 50: computed 750
    wb.save(path)
    (err,) = [i for i in validate_path(path).errors if i.sheet == "余额核对"]
    assert "相差 +¥50.00" in err.message_zh
    for row in (3, 4, 5):
        assert f"流水第 {row} 行（支付宝" in err.message_zh and f"Entries row {row} (支付宝" in err.message_en
    assert "另有 2 行的金额也对得上差额：流水第 6 行、流水第 7 行。" in err.message_zh, err.message_zh
    assert "2 more rows fit the gap as well: Entries row 6, Entries row 7." in err.message_en, err.message_en
