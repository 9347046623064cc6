"""A refund the import could not book in the ledger (no 退款 category, or no 支付宝 account) was warned at the 流水
sheet of no workbook: the person looked for the 流水 sheet, where nothing is wrong. It is now located where the
thing to add goes: ledger.xlsx's 类别 (Categories) or 账户 (Accounts) sheet, in the shop's language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from test_marks_language import build_en_shop, refund_row, tb_detail, tb_order, write_pair, write_refunds

from cli_run import shopbook
from shopbook.orders.workflow import import_orders
from shopbook.schema import LEDGER, Account, Category
from shopbook.workbook_builder import write_workbook


@pytest.mark.parametrize("has", ["account", "category"])
def test_a_refund_not_booked_is_said_at_the_sheet_to_add_to(tmp_path, has):
    shop = build_en_shop(tmp_path)
    write_workbook(shop.path(LEDGER), LEDGER, "en", {
        Account: [Account(account="Alipay" if has == "account" else "Bank", opening_date=dt.date(2026, 11, 1),
                          opening_balance=D("0"))],
        Category: [Category(category="Refunds", direction="支出", group="refunds")] if has == "category" else []},
        keep_backup=False)
    no = "3600000000000000802"
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(no)], [tb_detail(no, "SH-BK-M")])))
    r = shopbook("orders", "import", shop.folder, write_refunds(tmp_path / "d2", [
        refund_row("R802", no, "SH-BK-M", "99.00", "退款成功")]), "--json")
    import json

    said = [i for i in json.loads(r.stdout)["issues"] if "not booked" in i["message_en"]]
    assert said and said[0]["book"] == "ledger.xlsx", said
    assert said[0]["sheet"] == ("Categories" if has == "account" else "Accounts"), said
