"""双12: a picked order held for a refund asked at 10:00 (its parcel to pull) whose refund the 16:00 export says closed
came back to 待审核 keeping its 拣货批次, so no later pick list picks it. QA (session 47): nothing said so; a parcel
the warehouse had pulled and unpacked as told was then never packed again (the order lost until the self-check
found it a day later). Now the import says it, with both cases: still in its batch, it ships as checked; pulled,
clear its batch cell to have it picked again (exit 1); `daily` says it under Problems."""

from __future__ import annotations

import os

from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import TODAY, build_shop, lines_of

from shopbook.orders.workflow import import_orders, make_picklist, review
from shopbook.report.workflow import run_daily

NO, NO2 = "3600000000000000401", "3600000000000000402"
STAMP = {"a": "202611210030", "b": "202611211000", "c": "202611211600", "d": "202611211700"}


def _export(tmp_path, name: str, refunds: dict[str, str]):
    orders, details = [], []
    for k, (no, refund) in enumerate(refunds.items()):
        orders.append(order_row(no, f"tb_{k}", "王芳", "13812345678", f"浙江省 杭州市 西湖区 文三路{k}号(310000)",
                                "2026-11-21 09:00:00", goods="99.00"))
        details.append({**detail_row(no, "白衬衫", "99.00", "1", "SH-WH-M"), "退款状态": refund})
    return list(write_pair(tmp_path / name, orders, details, stamp=STAMP[name]))


def test_a_picked_order_back_from_a_refund_hold_is_said_with_its_batch(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, _export(tmp_path, "a", {NO: "没有申请退款", NO2: "没有申请退款"}), today=TODAY)
    review(shop)
    batch = make_picklist(shop, today=TODAY).batch
    held = import_orders(shop, _export(tmp_path, "b", {NO: "退款中", NO2: "退款中"}), today=TODAY)
    assert held.pull_batches == {NO: batch, NO2: batch}
    res = import_orders(shop, _export(tmp_path, "c", {NO: "退款关闭", NO2: "退款中"}), today=TODAY)
    assert res.back_batches == {NO: batch} and {ln.batch for ln in lines_of(shop)} == {batch}
    said = {zh: en for _, zh, en in res.said(30)}
    zh = next(z for z in said if z.startswith(f"订单 {NO}（拣货批次 {batch}）拣货后挂起，现在平台放行了"))
    assert "已经拿出拆开的，请清空它的拣货批次，下一张拣货单再拣" in zh
    assert said[zh].startswith(f"order {NO} (pick batch {batch}) was held after it was picked and the platform has "
                               "released it") and "clear its batch cell" in said[zh]
    assert res.to_json()["back_from_hold"] == [{"order_no": NO, "batch": batch}]
    again = import_orders(shop, _export(tmp_path, "c", {NO: "退款关闭", NO2: "退款中"}), today=TODAY)
    assert again.back_batches == {}  # said once
    (shop.folder / "inbox").mkdir(exist_ok=True)  # daily: the 17:00 export in inbox/ releases the other
    for f in _export(tmp_path, "d", {NO: "退款关闭", NO2: "退款关闭"}):
        f.rename(shop.folder / "inbox" / f.name)
        os.utime(shop.folder / "inbox" / f.name, (1763690000, 1763690000))  # downloaded a while ago: not being saved
    run = run_daily(shop, TODAY, send=False, steps_only=("inbox",))
    assert any(p.startswith(f"订单 {NO2}（拣货批次 {batch}）拣货后挂起，现在平台放行了") for p in run.summary.problems), \
        run.summary.problems
