"""A refund typed on the 售后 sheet for more than the buyer paid is said at its cell (a digit too many is
agreed on the platform and proposed to the ledger as typed)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from typer.testing import CliRunner

from shopbook.aftersales.workflow import aftersales
from shopbook.cli import app
from shopbook.schema import LEDGER, Account, Category
from shopbook.workbook_builder import write_workbook
from test_aftersales import set_case_cell, shipped_order, shop, type_case  # noqa: F401 (the fixture)
from test_orders import TODAY


def test_a_refund_typed_beyond_what_the_buyer_paid_is_said_at_its_cell(shop, tmp_path, wide_console):  # noqa: F811
    """QA: a 仅退款 typed ¥1,234.50 (for ¥12.50) on an order of one ¥99.00 shirt: aftersales said to agree
    the refund of ¥1234.50 on the platform and proposed -1234.50 to the ledger, validate silent. Now a
    warning at its 退款金额 says the order's ¥99.00; two partial refunds coming to more, at the second."""
    no = "3900000000000000481"
    shipped_order(shop, tmp_path, no)
    write_workbook(shop.path(LEDGER), LEDGER, "zh", {
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=Decimal("1000.00"))],
        Category: [Category(category="退款", direction="支出", group="退款")]}, keep_backup=False)
    type_case(shop, case_no="TK-1", opened_on="2026年11月21日", order_no=no, sku="SH-WH-M", type="仅退款",
              amount="¥1,234.50", status="处理中", reason="少发赠品")
    res = aftersales(shop, TODAY)
    [said] = [i for i in res.issues if i.field == "amount"]
    assert said.severity == "warning" and said.cell.startswith("K")
    assert "退款 ¥1,234.50" in said.message_zh and "买家实付的 ¥99.00" in said.message_zh
    assert "more than the ¥99.00 the buyer paid" in said.message_en
    r = CliRunner().invoke(app, ["validate", str(shop.folder)])
    assert "多于订单" in r.output
    # put right: nothing said; then a second partial refund taking the two beyond the order
    set_case_cell(shop, "TK-1", "退款金额", "¥50.00")
    assert not [i for i in aftersales(shop, TODAY).issues if i.field == "amount"]
    type_case(shop, case_no="TK-2", opened_on="2026/11/22", order_no=no, type="仅退款", amount="60", status="处理中",
              reason="质量问题")
    [said] = [i for i in aftersales(shop, TODAY).issues if i.field == "amount"]
    assert "售后单 TK-2 退款 ¥60.00，加上之前的售后单 TK-1 共 ¥110.00" in said.message_zh
