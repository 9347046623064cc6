"""QA (returns): a buyer's return in two parcels; the 客服 typed both numbers in the case's 退货单号 ("YT… / YT…"),
or a remark beside its one number ("YT…（破损）"). Taobao's refund export names one 退货物流单号: every import after
said "the return tracking no. is YT… / YT…, the refund export says the parcel is YT…: not replaced … set this cell
to YT…", which would lose the other parcel's number. A cell naming the export's number says nothing; the other
parcel scanned receives the case."""

from __future__ import annotations

from cli_run import type_in
from platform_fixtures import REFUND_HEADERS, REFUND_MORE, refund_row, write_refunds
from test_aftersales import cases_of, returns_of, shipped_order
from test_orders import TODAY, build_shop

from shopbook.aftersales.workflow import aftersales
from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS

NO = "3900000000000000555"


def test_a_cell_naming_the_export_s_parcel_among_others_is_not_said(tmp_path):
    shop = build_shop(tmp_path)
    shipped_order(shop, tmp_path, NO)

    def refunds(stamp: str):
        row = refund_row("RF55", NO, "SH-WH-M", "99.00", "买家已经退货，等待卖家确认收货", needs_return="是", goods="买家已退货")
        row["退货物流单号"] = "YT9000000055"
        return write_refunds(tmp_path / stamp, [row], name=f"ExportRefundList{stamp}.csv",
                             headers=REFUND_HEADERS + REFUND_MORE)

    import_orders(shop, [refunds("202611221000")], today=TODAY)
    [case] = cases_of(shop)
    for cell in ("YT9000000055 / YT9000000056", "YT9000000055（破损）", "SF1234567890"):
        type_in(shop.path(ORDERS), "售后", {(case.row, "退货单号"): cell})
        res = import_orders(shop, [refunds("202611231000")], today=TODAY)
        said = [i for i in res.issues if i.sheet == "售后" and i.field == "return_tracking"]
        assert bool(said) == (cell == "SF1234567890"), (cell, [i.message_zh for i in said])
    type_in(shop.path(ORDERS), "售后", {(case.row, "退货单号"): "YT9000000055 / YT9000000056"})
    got = aftersales(shop, TODAY, received=["YT9000000056"])
    assert got.received == ["YT9000000056"] and returns_of(shop) == [(case.case_no, "SH-WH-M", 1)]
