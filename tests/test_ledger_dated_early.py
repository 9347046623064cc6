"""A 余额核对 that disagrees by one entry typed before its money moved: the most common gap of a
Taobao shop's month, said as such, never as a line to delete."""

import datetime as dt
from decimal import Decimal as D

import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import LEDGER, Account, BalanceCheck, Category, Entry
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


def nov(d: int) -> dt.date:
    return dt.date(2026, 11, d)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_sale_typed_the_day_the_buyer_paid_is_said_as_dated_early_not_to_delete(tmp_path, lang, wide_console):
    """QA: order …566 was paid on 11-30 and typed that day; Alipay paid it when the buyer confirmed, on 12-01,
    so the 11-30 余额核对 (the day-end balance Alipay shows) is 66.60 short. `ledger --month` said of the sale
    '对账单上没有这笔：若是重复记录或记错了账户，删除或改正它' ('the statement lacks it … delete or correct it'):
    no statement was looked at, and a person following it deletes a real sale. It now names the date."""
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    alipay, sales, fees = ("支付宝", "销售收入", "平台服务费") if lang == "zh" else ("Alipay", "Sales", "Platform fees")
    write_workbook(folder / "ledger.xlsx", LEDGER, lang, {
        Entry: [Entry(date=nov(5), direction="收入", category=sales, amount=D("198.00"), account=alipay,
                      order_no="4012345678901234561", txn_no="20261105200040011001"),
                Entry(date=nov(30), direction="收入", category=sales, amount=D("66.60"), account=alipay,
                      order_no="4012345678901234566"),  # paid 11-30, in Alipay on 12-01
                Entry(date=nov(30), direction="支出", category=fees, amount=D("12.35"), account=alipay)],
        Account: [Account(account=alipay, opening_date=nov(1), opening_balance=D("1000.00"))],
        BalanceCheck: [BalanceCheck(date=nov(30), account=alipay, balance=D("1185.65"))],  # 1000 + 198 − 12.35
        Category: [Category(category=sales, direction="收入", group="销售"),
                   Category(category=fees, direction="支出", group="其他")],
    }, keep_backup=False)
    r = CliRunner().invoke(app, ["ledger", str(folder), "--month", "2026-11"])
    said = " ".join(r.output.split())
    assert r.exit_code == 1, r.output
    if lang == "zh":
        assert "流水第 3 行" in said and "若钱是 2026-11-30 之后才到账的" in said and "把日期改成到账那天" in said, said
        assert "对账单上没有这笔" not in said
    else:
        assert "Entries row 3" in said and "if its money came in after 2026-11-30" in said, said
        assert "correct its date to that day" in said and "the statement lacks it" not in said
    # the same gap by a fee typed a day before Alipay charged it: its date, no word of a buyer
    import openpyxl

    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    wb.worksheets[2]["C2"] = 1264.60  # 1000 + 198 + 66.60: the fee not charged by 11-30
    wb.save(folder / "ledger.xlsx")
    r = CliRunner().invoke(app, ["ledger", str(folder), "--month", "2026-11"])
    said = " ".join(r.output.split())
    if lang == "zh":
        assert "流水第 4 行" in said and "若钱是 2026-11-30 之后才付出的，把日期改成付出那天" in said, said
    else:
        assert "Entries row 4" in said and "if its money went out after 2026-11-30, correct its date" in said, said
