"""The reconcile lines and the 余额核对 check gave bare amounts ('仅支付宝 N04：2026-11-05 收费 -0.59', '填的是
934000.00') where the rest of the screen says money as ¥ (运费差价 ¥…), and the check's line then ended with its
value again (' = 934000.00', which its message had said). Now each amount is said as money, once, in both
languages."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from test_money import classic_statement, write_statement
from test_money_downloads import O2, month_shop

from shopbook.issues import issue_said
from shopbook.money.said import reconciled_said
from shopbook.money.workflow import reconcile_alipay_file
from shopbook.schema import LEDGER
from shopbook.validate import validate_path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_reconcile_and_balance_check_say_amounts_as_money_once(tmp_path, lang):
    shop = month_shop(tmp_path, lang, [("2026-11-03", "sale", "98.00", O2, "N02"),
                                       ("2026-11-20", "sale", "50.00", None, None)])
    wb = openpyxl.load_workbook(shop.path(LEDGER))  # a 余额核对 typed 1,000 short of the entries' balance
    wb.worksheets[2].append([dt.datetime(2026, 11, 30), "支付宝" if lang == "zh" else "Alipay", 148])
    assert wb.sheetnames[2] in ("余额核对", "Balance checks")
    wb.save(shop.path(LEDGER))
    lines = [["N02", "2026110322002", f"T200P{O2}", "衬衫", "2026-11-03 10:00:00", "tb_b", "99.00", "", "1099.00",
              "支付宝", "在线支付", ""],
             ["N04", "2026110522004", "", "技术服务费", "2026-11-05 00:30:00", "tmall", "", "0.59", "1098.41", "支付宝",
              "收费", "服务费"]]
    res = reconcile_alipay_file(shop, write_statement(tmp_path, classic_statement(lines)))
    said = [ln[1 if lang == "zh" else 2] for ln in reconciled_said(res, ("支付宝", "Alipay"), 30, issues=False)]
    want = (["  金额不符 N02：支付宝 ¥99.00，流水账第 2 行 ¥98.00（对账单第 6 行）",
             "  仅支付宝 N04：2026-11-05 收费 -¥0.59（对账单第 7 行）", "  仅流水账 第 3 行：2026-11-20 销售收入 ¥50.00"]
            if lang == "zh" else
            ["  amount differs N02: Alipay ¥99.00, ledger row 2 ¥98.00 (statement row 6)",
             "  Alipay only N04: 2026-11-05 收费 -¥0.59 (statement row 7)", "  ledger only, row 3: 2026-11-20 Sales ¥50.00"])
    assert all(w in said for w in want), said
    (check,) = [i for i in validate_path(shop.path(LEDGER)).errors if i.field == "balance"]
    line = issue_said(check)[1 if lang == "zh" else 2]
    # (its value, the 余额 typed, said once: not again after the message as ' = 148.00')
    assert line.endswith("请查找漏记或记错的流水。" if lang == "zh" else "Look for a missing or wrong entry."), line
    assert ("填的是 ¥148.00，按流水算是 ¥1,148.00，相差 -¥1,000.00" if lang == "zh" else
            "the stated balance ¥148.00 differs from the computed ¥1,148.00 by -¥1,000.00") in line
