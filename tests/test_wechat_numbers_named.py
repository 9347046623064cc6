"""QA: a WeChat reconciliation said it wrote 微信的账务流水号 into the matched ledger rows (or that they lacked one), and
its report headed the bill's number 账务流水号 and its kind 业务类型: Alipay's words, which no WeChat bill has, so a person
looked for them in the bill in vain. A WeChat run now names WeChat's own (交易单号, 交易类型); an Alipay run keeps its own."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl

from cli_run import flat, shopbook
from shopbook.schema import LEDGER, Account, Category, Entry
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook
from test_wechat import merchant_bill, trade


def test_a_wechat_run_names_wechats_numbers(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Entry: [Entry(date=dt.date(2026, 11, 2), direction="收入", category="销售收入", amount=D("99.00"), account="微信",
                      order_no="W1001")],
        Account: [Account(account="微信", opening_date=dt.date(2026, 11, 1), opening_balance=D("0"))],
        Category: [Category(category="销售收入", direction="收入", group="销售")]}, keep_backup=False)
    path = tmp_path / "bill.csv"
    path.write_bytes(merchant_bill([trade("2026-11-02 10:00:01", "4200001001", "W1001", "99.00", "0")],
                                   ("1", "99.00", "0.00", "0.00", "0", "99.00", "0.00")))
    r = shopbook("reconcile", "wechat", folder, path)
    out = flat(r.stdout)
    assert "1条对上的流水没有微信的交易单号：加--apply写上" in out, r.stdout
    assert "账务流水号" not in out
    report = next((folder / "reports").glob("对账-微信-*.xlsx"))
    head = [c.value for c in openpyxl.load_workbook(report)["已匹配"][1]]
    assert head[:6] == ["行", "交易单号", "商户订单号", "时间", "金额", "交易类型"], head
    r = shopbook("reconcile", "wechat", folder, path, "--apply")
    assert "✓1条对上的流水写上了微信的交易单号（算已对账）" in flat(r.stdout), r.stdout
