"""双12: an order the platform shipped part of (抖店 one sub-order 已发货, one 待发货) is held naming the line that
went. QA (session 47): a person releasing the day's held orders set it to 已审核 without deleting that row, and the
next pick list picked the order whole under a ✓: the shirt the platform had sent was packed and sent a second time.
Now such an order is left out (still approved) and said, the batch ! (exit 1); with that row deleted (which the
advice now warns against: its stock is never posted), the rest is picked. `daily`'s pick list step likewise: ! (it was ✓), exit 1."""

from __future__ import annotations

import openpyxl
import pytest
from platform_fixtures import douyin_row, write_douyin
from test_orders import TODAY, build_shop, lines_of

from shopbook.orders.workflow import import_orders, make_picklist
from shopbook.schema import ORDERS, OrderStatus

NO, S1, S2 = "6930000000000000951", "6930000000000000961", "6930000000000000962"


def _release(shop, delete_shipped: bool) -> None:
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    rows = {ln.sku: ln.row for ln in lines_of(shop) if ln.order_no == NO}
    for r in rows.values():
        ws.cell(row=r, column=head.index("状态") + 1).value = "已审核"
    if delete_shipped:
        ws.delete_rows(rows["SH-WH-M"])
    wb.save(shop.path(ORDERS))


@pytest.mark.parametrize("delete_shipped", [False, True])
def test_a_partly_shipped_order_released_whole_is_not_picked_again(tmp_path, delete_shipped):
    shop = build_shop(tmp_path)
    import_orders(shop, [write_douyin(tmp_path / "y1", [douyin_row(NO, S1, "SH-WH-M"), douyin_row(NO, S2, "SH-BK-M")])])
    import_orders(shop, [write_douyin(tmp_path / "y2", [
        douyin_row(NO, S1, "SH-WH-M", status="已发货", tracking="SF9001", courier="顺丰速运", shipped="2026/11/22 09:00:00"),
        douyin_row(NO, S2, "SH-BK-M", status="待发货")], stamp=1763780400)], today=TODAY)
    assert {ln.status for ln in lines_of(shop)} == {OrderStatus.HELD}
    _release(shop, delete_shipped)
    res = make_picklist(shop, today=TODAY)
    if delete_shipped:  # against the advice (its stock is then never posted), the rest is picked
        assert [p.order_no for p in res.parcels] == [NO] and not res.sent_before and not res.needs_a_person
        return
    assert res.parcels == [] and res.sent_before == {NO: ["SH-WH-M"]} and res.needs_a_person
    said = "\n".join(f"{m} {zh}" for m, zh, _ in res.said(30))
    assert f"订单 {NO} 的 SH-WH-M 平台已经发了" in said and "不要删这一行" in said, said
    assert "✗ 没有生成拣货单：1 个已审核订单平台已发了其中几件" in said and "✓" not in said, said
    en = "\n".join(en for _, _, en in res.said(30))
    assert f"order {NO}: the platform shipped SH-WH-M already" in en and "Do not delete the row" in en, en
    assert {(ln.status, ln.batch) for ln in lines_of(shop)} == {(OrderStatus.APPROVED, None)}  # nothing written
    assert res.to_json()["sent_by_platform"] == [{"order_no": NO, "skus": ["SH-WH-M"]}]
    from shopbook.report.workflow import run_daily

    run = run_daily(shop, TODAY, send=False, steps_only=("picklist",))  # ! (was ✓)
    step = next(s for s in run.steps if s.name == "picklist")
    assert step.mark == "!" and run.needs_a_person, (step.mark, step.detail)


@pytest.mark.parametrize("platform_status, sku, sent", [
    ("部分发货：白衬衫 SH-WH-M（顺丰速运 SF9001） 已发", "SH-WH-M", True),
    ("部分发货：白衬衫 SH-WH-M（顺丰速运 SF9001） 已发", "SH-BK-M", False),
    ("部分发货：套装 SH-BK-M 同款 SH-WH-M（中通快递 7310） 已发", "SH-BK-M", False),  # a code in a title: not the line's
    ("部分发货：白衬衫 SH-WH-M；黑衬衫 SH-BK-M（中通快递 7310） 已发", "SH-WH-M", True),
    ("partly shipped: shirt SH-WH-M (ZTO 7310) sent", "SH-WH-M", True),  # written before the shop switched language
    ("部分发货：未说明哪几件（中通快递 7310） 已发", "SH-WH-M", False),  # the export did not say which: a person's call
    ("部分发货：白衬衫已发，黑衬衫今天补发", "SH-WH-M", False),  # a person's own words
])
def test_which_row_the_platform_shipped_is_read_from_shopbooks_own_words(platform_status, sku, sent):
    from shopbook.orders.picking import sent_by_platform
    from shopbook.schema import OrderLine

    assert sent_by_platform(OrderLine.model_construct(platform_status=platform_status, sku=sku,
                                                      platform_code=None)) is sent
