"""A refund's amount as a later 退款 export says it (¥99.00 asked, ¥90.50 paid: Taobao folds the
discount into it): the case the first export opened takes it, 退款金额 and 买家诉求 both, as the
ledger books it; a case a person changed is left as they made it, the two amounts said at its cell."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from platform_fixtures import refund_row, write_refunds
from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS
from test_aftersales import shipped_order
from test_orders import TODAY, build_shop

A, B = "3900000000000000601", "3900000000000000602"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def cases(shop) -> dict[str, dict]:
    ws = openpyxl.load_workbook(shop.path(ORDERS))["售后"]
    head = [c.value for c in ws[1]]
    return {r["退款编号"]: r for r in (dict(zip(head, v)) for v in ws.iter_rows(min_row=2, values_only=True))}


def test_a_later_refund_export_s_amount_is_the_case_s_unless_a_person_changed_it(shop, tmp_path):
    for no in (A, B):
        shipped_order(shop, tmp_path, no)
    asked = "买家已经申请退款，等待卖家同意"
    import_orders(shop, [write_refunds(tmp_path / "r1", [refund_row("R601", A, "SH-WH-M", "99.00", asked, needs_return="是"),
                                                         refund_row("R602", B, "SH-WH-M", "99.00", asked, needs_return="是")])],
                  today=TODAY)
    first = cases(shop)
    assert (first["R601"]["退款金额"], first["R601"]["买家诉求"]) == (99, "退货退款 ¥99.00")
    # a person agrees ¥80.00 with B's buyer and types it into that case
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["售后"]
    head = [c.value for c in ws[1]]
    row = next(r[0].row for r in ws.iter_rows(min_row=2) if r[head.index("退款编号")].value == "R602")
    ws.cell(row, head.index("退款金额") + 1, 80)
    wb.save(shop.path(ORDERS))
    assert cases(shop)["R602"]["退款金额"] == 80
    paid = [refund_row("R601", A, "SH-WH-M", "90.50", "退款成功", needs_return="是"),
            refund_row("R602", B, "SH-WH-M", "90.50", "退款成功", needs_return="是")]
    res = import_orders(shop, [write_refunds(tmp_path / "r2", paid, name="ExportRefundList20261123.csv")], today=TODAY)
    now = cases(shop)
    assert (Decimal(str(now["R601"]["退款金额"])), now["R601"]["买家诉求"]) == (Decimal("90.5"), "退货退款 ¥90.50")
    said = "\n".join(zh for _, zh, _ in res.said(30))
    assert f"售后单 {now['R601']['售后单号']}：退款金额按退款导出改为 ¥90.50（原 ¥99.00）" in said
    # the person's ¥80.00 stays, the export's amount beside it
    assert (now["R602"]["退款金额"], now["R602"]["买家诉求"]) == (80, "退货退款 ¥99.00")
    warned = [i for i in res.issues if i.value and "R602" in i.message_zh]
    assert len(warned) == 1 and "¥90.50" in warned[0].message_zh and "¥80" in warned[0].message_zh
    assert warned[0].sheet == "售后" and "changed by hand" in warned[0].message_en
    # the same export again: nothing more to set
    assert import_orders(shop, [write_refunds(tmp_path / "r3", paid)], today=TODAY).amounts_changed == []
