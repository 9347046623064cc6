"""An order's life through later exports, refund exports and waybill tools' files, on real files:
cancelled and refunding orders are never picked or shipped, platform shipments post stock once,
nothing moves backwards, the same files twice change nothing, bundles go out as their parts."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from platform_fixtures import (douyin_row, kuaidizhushou_shipped, pdd_row, qianniu_shipped, refund_row, write_douyin,
                               write_pdd, write_refunds)
from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import follow_up, import_orders, make_picklist, review, ship
from shopbook.schema import (ORDERS, STOCK, Movement, MovementType, OrderStatus, Platform, Promotion, ReviewRule,
                             ShippingRate, SkuMap)
from shopbook.workbook_builder import write_workbook
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import D, TODAY, add_products, build_shop, lines_of, product, scan_text


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


ADDR = "浙江省 杭州市 西湖区 文{}路{}号(310000)"


def tb_order(no: str, status: str = "买家已付款，等待卖家发货", close: str = "", courier: str = "", tracking: str = "",
             shipped: str = "") -> dict:
    r = order_row(no, f"tb_{no}", f"买家{no[-2:]}", f"138000{no[-5:]}", ADDR.format(no[-1], no[-3:]),
                  "2026-11-21 09:00:00", status=status, goods="99.00")
    r.update({"订单关闭原因": close, "物流公司": courier, "物流单号 ": tracking})
    if shipped:
        r["发货时间"] = shipped
    return r


def tb_detail(no: str, sku: str, status: str = "买家已付款，等待卖家发货") -> dict:
    return detail_row(no, "衬衫", "99.00", "1", sku, status=status)


def moves_of(shop) -> list[tuple]:
    return [(m.ref, m.sku, m.qty, m.type) for m in read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)]


def status_of(shop) -> dict[str, OrderStatus]:
    return {ln.order_no: ln.status for ln in lines_of(shop)}


def books(shop) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (shop.path(ORDERS), shop.path(STOCK))}


def two_picked(shop, tmp_path, a: str, b: str):
    """Taobao orders `a` (SH-BK-M) and `b` (SH-WH-M) imported, reviewed and picked: where their
    scan file goes."""
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(a), tb_order(b)],
                                        [tb_detail(a, "SH-BK-M"), tb_detail(b, "SH-WH-M")])))
    review(shop)
    make_picklist(shop, today=TODAY)
    return tmp_path / "scan.txt"


def partly_refunded(shop, tmp_path, no: str) -> list:
    """Taobao order `no` of two lines imported, then one line refunded (退款成功) in the later
    export, which holds the whole order for a person: that export's files."""
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(no)],
                                        [tb_detail(no, "SH-BK-M"), tb_detail(no, "SH-WH-M")])))
    d2 = list(write_pair(tmp_path / "d2", [tb_order(no)],
                         [tb_detail(no, "SH-BK-M"), tb_detail(no, "SH-WH-M", "退款成功")], stamp="20261122"))
    import_orders(shop, d2, today=TODAY)
    assert {ln.status for ln in lines_of(shop) if ln.order_no == no} == {OrderStatus.HELD}
    return d2


def partly_shipped(shop, tmp_path, no: str):
    """Taobao order `no` of two lines imported, then the later export (卖家部分发货) saying the
    platform shipped one of them: that export's files and what its import did."""
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(no)],
                                        [tb_detail(no, "SH-BK-M"), tb_detail(no, "SH-WH-M")])))
    d2 = list(write_pair(tmp_path / "d2", [tb_order(no, "卖家部分发货", courier="中通快递", tracking="ZT7001")],
                         [tb_detail(no, "SH-BK-M", "卖家已发货，等待买家确认"), tb_detail(no, "SH-WH-M")],
                         stamp="20261122"))
    return d2, import_orders(shop, d2, today=TODAY)


def all_shipped(shop, tmp_path, no: str) -> list:
    """The export after a partial shipment saying Taobao order `no` (SH-BK-M and SH-WH-M) all went
    out, imported: shipped, each line's stock out once. Its files."""
    d3 = list(write_pair(tmp_path / "d3", [tb_order(no, "卖家已发货，等待买家确认", courier="中通快递",
                                                    tracking="ZT7001/ZT7002", shipped="2026-11-23 10:00:00")],
                         [tb_detail(no, "SH-BK-M", "卖家已发货，等待买家确认"),
                          tb_detail(no, "SH-WH-M", "卖家已发货，等待买家确认")], stamp="20261123"))
    import_orders(shop, d3, today=TODAY)
    assert status_of(shop)[no] is OrderStatus.SHIPPED
    assert sorted(moves_of(shop)) == [(no, "SH-BK-M", 1, MovementType.OUT), (no, "SH-WH-M", 1, MovementType.OUT)]
    return d3


def test_a_taobao_order_through_its_whole_life(shop, tmp_path):
    nos = ["3600000000000000101", "3600000000000000102", "3600000000000000103", "3600000000000000104"]
    day1 = write_pair(tmp_path / "d1", [tb_order(n) for n in nos],
                      [tb_detail(nos[0], "SH-BK-M"), tb_detail(nos[1], "SH-BK-M"), tb_detail(nos[2], "SH-WH-M"),
                       tb_detail(nos[3], "SH-BK-M")], stamp="20261121")
    import_orders(shop, list(day1))
    review(shop)
    assert set(status_of(shop).values()) == {OrderStatus.APPROVED}
    assert len(make_picklist(shop, today=TODAY).parcels) == 4

    # the next day's export: one closed, one refund asked for, one shipped from 千牛, one new
    new = "3600000000000000105"
    orders = [tb_order(nos[0], "交易关闭", close="买家不想买了"), tb_order(nos[1]),
              tb_order(nos[2], "卖家已发货，等待买家确认", courier="中通快递", tracking="7300000103",
                       shipped="2026-11-22 15:00:00"),
              tb_order(nos[3]), tb_order(new)]
    details = [tb_detail(nos[0], "SH-BK-M", "交易关闭"), tb_detail(nos[1], "SH-BK-M", "退款中"),
               tb_detail(nos[2], "SH-WH-M", "卖家已发货，等待买家确认"), tb_detail(nos[3], "SH-BK-M"),
               tb_detail(new, "SH-BK-M")]
    day2 = write_pair(tmp_path / "d2", orders, details, stamp="20261122")
    res = import_orders(shop, list(day2), today=TODAY)
    assert [ln.order_no for ln in res.imported] == [new]
    assert {c.order_no: (c.before, c.after) for c in res.changes} == {
        nos[0]: (OrderStatus.APPROVED, OrderStatus.CANCELLED), nos[1]: (OrderStatus.APPROVED, OrderStatus.HELD),
        nos[2]: (OrderStatus.APPROVED, OrderStatus.SHIPPED)}
    assert sorted(res.pull) == [nos[0], nos[1]]  # picked already: the parcels must come out
    by = {ln.order_no: ln for ln in lines_of(shop)}
    assert "买家不想买了" in by[nos[0]].platform_status and "买家不想买了" in by[nos[0]].review
    assert by[nos[1]].platform_status.startswith("退款中")
    shipped = by[nos[2]]
    assert (shipped.courier, shipped.tracking_no, shipped.shipped_on) == ("中通快递", "7300000103", dt.date(2026, 11, 22))
    assert moves_of(shop) == [(nos[2], "SH-WH-M", 1, MovementType.OUT)]

    # the same export again changes nothing: not a byte of either workbook
    before = books(shop)
    again = import_orders(shop, list(day2), today=TODAY)
    assert again.imported == [] and again.changes == [] and again.movements == []
    assert books(shop) == before

    # the next pick list says to pull them, and never picks them
    review(shop)
    pick = make_picklist(shop, today=TODAY)
    assert sorted(pick.pull) == [nos[0], nos[1]] and [p.order_no for p in pick.parcels] == [new]
    # the scan check refuses them, loudly; the one shipped on the platform ships nothing twice
    scans = tmp_path / "scan.txt"
    scans.write_text(scan_text(((nos[0], "中通", "7300000101"), ("0690000000031",)),
                               ((nos[1], "中通", "7300000102"), ("0690000000031",)),
                               ((nos[2], "中通", "7300000103"), ("0690000000017",)),
                               ((nos[3], "中通", "7300000104"), ("0690000000031",))), encoding="utf-8")
    sh = ship(shop, scans, today=TODAY)
    assert sh.shipped == [nos[3]]
    assert "pull this parcel" in sh.checks[0].problems[0][1] and "pull this parcel" in sh.checks[1].problems[0][1]
    assert sh.checks[2].already_shipped
    assert sorted(moves_of(shop)) == sorted([(nos[2], "SH-WH-M", 1, MovementType.OUT),
                                             (nos[3], "SH-BK-M", 1, MovementType.OUT)])

    # day 3: the refund was closed; the shipped one delivered; the shipped-in-shopbook one still
    # "waiting" on the platform (its export is older than the scan): nothing moves backwards
    orders = [tb_order(nos[0], "交易关闭", close="买家不想买了"), tb_order(nos[1]),
              tb_order(nos[2], "交易成功", courier="中通快递", tracking="7300000103"), tb_order(nos[3])]
    details = [tb_detail(nos[0], "SH-BK-M", "交易关闭"), tb_detail(nos[1], "SH-BK-M"),
               tb_detail(nos[2], "SH-WH-M", "交易成功"), tb_detail(nos[3], "SH-BK-M")]
    details[1]["退款状态"] = "退款关闭"
    res = import_orders(shop, list(write_pair(tmp_path / "d3", orders, details, stamp="20261123")), today=TODAY)
    assert {c.order_no: c.after for c in res.changes} == {nos[1]: OrderStatus.NEW, nos[2]: OrderStatus.DELIVERED}
    st = status_of(shop)
    assert (st[nos[0]], st[nos[3]]) == (OrderStatus.CANCELLED, OrderStatus.SHIPPED)
    assert [x.order_no for x in follow_up(shop, days=0, today=TODAY).not_delivered] == [nos[3]]
    assert len(moves_of(shop)) == 2
    # the parcel pulled, a person clears its batch cell: the pick list stops naming it
    assert make_picklist(shop, today=TODAY).pull == [nos[0]]
    row = next(ln.row for ln in lines_of(shop) if ln.order_no == nos[0])
    wb = openpyxl.load_workbook(shop.path(ORDERS))  # what a person does: the cell emptied, saved
    ws = wb["订单"]
    ws.cell(row=row, column=[c.value for c in ws[1]].index("拣货批次") + 1).value = None
    wb.save(shop.path(ORDERS))
    assert make_picklist(shop, today=TODAY).pull == []


def test_refund_export_holds_cancels_and_expects_returns(shop, tmp_path):
    a, b = "3700000000000000201", "3700000000000000202"
    scans = two_picked(shop, tmp_path, a, b)
    scans.write_text(scan_text(((b, "中通", "7300000202"), ("0690000000017",))), encoding="utf-8")
    assert ship(shop, scans, today=TODAY).shipped == [b]
    asked = write_refunds(tmp_path / "r1", [refund_row("R1", a, "SH-BK-M", "99.00", "买家已经申请退款，等待卖家同意"),
                                            refund_row("R2", b, "SH-WH-M", "99.00", "买家已经申请退款，等待卖家同意",
                                                       needs_return="是", goods="买家已收到货")])
    res = import_orders(shop, [asked], today=TODAY)
    assert res.files[0]["kind"] == "taobao-refunds"
    by = {ln.order_no: ln for ln in lines_of(shop)}
    assert by[a].status is OrderStatus.HELD and "不想要了" in by[a].platform_status and res.pull == [a]
    assert by[b].status is OrderStatus.SHIPPED and "等退货" in by[b].platform_status
    assert "¥99.00" in by[b].platform_status and "需退货" in by[b].platform_status  # amount, return expected
    done = write_refunds(tmp_path / "r2", [refund_row("R1", a, "SH-BK-M", "99.00", "退款成功"),
                                           refund_row("R2", b, "SH-WH-M", "99.00", "退款成功", needs_return="是")])
    res = import_orders(shop, [done], today=TODAY)
    st = status_of(shop)
    assert st[a] is OrderStatus.CANCELLED and st[b] is OrderStatus.SHIPPED  # a shipped order is never un-shipped
    # stock comes back only when the return is scanned or entered: no movement from a refund
    assert moves_of(shop) == [(b, "SH-WH-M", 1, MovementType.OUT)]
    assert import_orders(shop, [done], today=TODAY).changes == []


def test_tracking_numbers_back_from_waybill_tools_ship_once(shop, tmp_path):
    nos = ["3800000000000000301", "3800000000000000302", "3800000000000000303"]
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(n) for n in nos],
                                        [tb_detail(nos[0], "SH-BK-M"), tb_detail(nos[1], "SH-WH-M"),
                                         tb_detail(nos[2], "SH-BK-M")])))
    review(shop)
    # one shipped through the scan check first
    scans = tmp_path / "scan.txt"
    scans.write_text(scan_text(((nos[2], "中通", "7300000303"), ("0690000000031",))), encoding="utf-8")
    assert ship(shop, scans, today=TODAY).shipped == [nos[2]]
    qn = qianniu_shipped(tmp_path / "qn", [(nos[0], "中通快递", "7300000301"), (nos[2], "中通", "7300000303")])
    kd = kuaidizhushou_shipped(tmp_path / "kd", [(nos[1], "韵达快递", "4300000302"), (nos[1], "韵达快递", "4300000399")])
    res = import_orders(shop, [qn, kd], today=TODAY)
    assert {f["kind"] for f in res.files} == {"tracking"}
    by = {ln.order_no: ln for ln in lines_of(shop)}
    assert (by[nos[0]].status, by[nos[0]].courier, by[nos[0]].tracking_no) == (OrderStatus.SHIPPED, "中通快递",
                                                                              "7300000301")
    assert by[nos[0]].shipped_on == dt.date(2026, 11, 22)
    assert by[nos[1]].tracking_no == "4300000302/4300000399"  # two parcels: both numbers kept
    assert sorted(moves_of(shop)) == sorted([(nos[2], "SH-BK-M", 1, MovementType.OUT),
                                             (nos[0], "SH-BK-M", 1, MovementType.OUT),
                                             (nos[1], "SH-WH-M", 1, MovementType.OUT)])
    # again, and the scanner after: nothing ships or posts twice
    assert import_orders(shop, [qn, kd], today=TODAY).changes == []
    scans.write_text(scan_text(((nos[0], "中通", "7300000301"), ("0690000000031",))), encoding="utf-8")
    assert ship(shop, scans, today=TODAY).checks[0].already_shipped
    assert len(moves_of(shop)) == 3


def test_a_cancelled_order_in_a_shipped_file_is_a_loud_error(shop, tmp_path):
    no = "3800000000000000401"
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(no)], [tb_detail(no, "SH-BK-M")])))
    import_orders(shop, list(write_pair(tmp_path / "d2", [tb_order(no, "交易关闭", close="缺货")],
                                        [tb_detail(no, "SH-BK-M", "交易关闭")])))
    assert status_of(shop)[no] is OrderStatus.CANCELLED
    res = import_orders(shop, [qianniu_shipped(tmp_path / "qn", [(no, "中通", "7300000401")])], today=TODAY)
    err, = [i for i in res.issues if i.is_error]
    assert "pull the parcel back" in err.message_en and "7300000401" in err.message_zh
    assert status_of(shop)[no] is OrderStatus.CANCELLED and moves_of(shop) == []


def test_an_order_held_for_a_refund_in_a_shipped_file_is_refused_as_ship_refuses_it(shop, tmp_path):
    """A waybill tool's shipped file is the shop's own word, not the platform's: an order held because
    its buyer asked for a refund (退款中), or held for a person after a partial refund, is not marked
    shipped and posts no stock; the import says so at the file's row (the scan check refuses the same
    parcel). Once the platform's next export closes the refund, the same file ships it, once."""
    held, part = "3800000000000000501", "3800000000000000502"
    scans = two_picked(shop, tmp_path, held, "3800000000000000503")
    import_orders(shop, list(write_pair(tmp_path / "d2", [tb_order(held)], [tb_detail(held, "SH-BK-M", "退款中")],
                                        stamp="20261122")), today=TODAY)
    partly_refunded(shop, tmp_path / "p", part)
    before = books(shop)
    qn = qianniu_shipped(tmp_path / "qn", [(held, "中通快递", "7300000501"), (part, "中通快递", "7300000502")])
    res = import_orders(shop, [qn], today=TODAY)
    errors = [i for i in res.issues if i.is_error]
    assert [i.value for i in errors] == [held, part]
    assert all("先不要发" in i.message_zh and "stop this parcel" in i.message_en and i.cell for i in errors)
    assert "7300000501" in errors[0].message_zh and "held for a refund (退款中)" in errors[0].message_en
    assert "once the refund is settled" in errors[0].message_en
    # a partial refund is settled on the platform: no export releases it, a person does
    assert "partial refund" in errors[1].message_en and "then import this file again" in errors[1].message_en
    assert "删去已退款的行" in errors[1].message_zh and "settled" not in errors[1].message_en
    assert res.changes == [] and books(shop) == before  # nothing marked, nothing posted
    by = {ln.order_no: ln for ln in lines_of(shop)}
    assert by[held].status is OrderStatus.HELD and by[held].tracking_no is None
    scans.write_text(scan_text(((held, "中通", "7300000501"), ("0690000000031",))), encoding="utf-8")
    assert ship(shop, scans, today=TODAY).shipped == []  # the scan check refuses it too
    # the refund closed on the platform: back to 待审核, and the waybill file ships it, once
    import_orders(shop, list(write_pair(tmp_path / "d3", [tb_order(held)],
                                        [tb_detail(held, "SH-BK-M") | {"退款状态": "退款关闭"}], stamp="20261123")),
                  today=TODAY)
    assert status_of(shop)[held] is OrderStatus.NEW
    review(shop)  # reviewed again, as the import asks: approved
    assert status_of(shop)[held] is OrderStatus.APPROVED
    res = import_orders(shop, [qianniu_shipped(tmp_path / "qn2", [(held, "中通快递", "7300000501")])], today=TODAY)
    assert not [i for i in res.issues if i.is_error]
    assert status_of(shop)[held] is OrderStatus.SHIPPED
    assert moves_of(shop) == [(held, "SH-BK-M", 1, MovementType.OUT)]
    # the partly refunded one: a person deletes the refunded line and approves; the file then ships the rest, once
    from test_marks_language import person_sets

    person_sets(shop, part, "已审核", delete_sku="SH-WH-M")
    for _ in range(2):
        res = import_orders(shop, [qianniu_shipped(tmp_path / "qn3", [(part, "中通快递", "7300000502")])], today=TODAY)
        assert not [i for i in res.issues if i.is_error] and status_of(shop)[part] is OrderStatus.SHIPPED
    assert sorted(moves_of(shop)) == sorted([(held, "SH-BK-M", 1, MovementType.OUT),
                                             (part, "SH-BK-M", 1, MovementType.OUT)])


def test_pinduoduo_and_douyin_orders_move_on(shop, tmp_path):
    p1, p2 = "231121-100000000000001", "231121-100000000000002"
    d1 = "6930000000000000501"
    import_orders(shop, [write_pdd(tmp_path / "p1", [pdd_row(p1, "待发货", "SH-BK-M"), pdd_row(p2, "待发货", "SH-BK-M")]),
                         write_douyin(tmp_path / "y1", [douyin_row(d1, "6930000000000000511", "SH-WH-M"),
                                                        douyin_row(d1, "6930000000000000512", "SH-BK-M")])])
    review(shop)
    later_p = write_pdd(tmp_path / "p2", [
        pdd_row(p1, "已发货，待收货", "SH-BK-M", tracking="YT0001", courier="圆通快递", shipped="2026-11-22 10:00:00"),
        pdd_row(p2, "未发货，退款成功", "SH-BK-M", after="退款成功")], name="orders_export_20261122.csv")
    later_d = write_douyin(tmp_path / "y2", [
        douyin_row(d1, "6930000000000000511", "SH-WH-M", status="已完成", tracking="SF001", courier="顺丰速运",
                   shipped="2026/11/22 09:00:00"),
        douyin_row(d1, "6930000000000000512", "SH-BK-M", status="已完成", tracking="SF001", courier="顺丰速运",
                   shipped="2026/11/22 09:00:00")], stamp=1763780400)
    res = import_orders(shop, [later_p, later_d], today=TODAY)
    st = status_of(shop)
    assert (st[p1], st[p2], st[d1]) == (OrderStatus.SHIPPED, OrderStatus.CANCELLED, OrderStatus.DELIVERED)
    assert sorted(moves_of(shop)) == sorted([(p1, "SH-BK-M", 1, MovementType.OUT), (d1, "SH-WH-M", 1, MovementType.OUT),
                                             (d1, "SH-BK-M", 1, MovementType.OUT)])
    assert {c.platform for c in res.changes} == {"拼多多", "抖店"}
    assert import_orders(shop, [later_p, later_d], today=TODAY).changes == []


def test_douyin_after_sale_and_cancel_reason_and_pinduoduo_received(shop, tmp_path):
    """抖店: 售后中 on an order not yet shipped holds it with the platform's words; a later 已关闭 with a
    取消原因 cancels it with that reason. 拼多多: 已收货 after 已发货 → 已签收, stock out once."""
    d1, d2, p1 = "6930000000000000601", "6930000000000000602", "231121-100000000000061"
    import_orders(shop, [write_douyin(tmp_path / "y1", [douyin_row(d1, "6930000000000000611", "SH-WH-M"),
                                                        douyin_row(d2, "6930000000000000621", "SH-BK-M")]),
                         write_pdd(tmp_path / "p1", [pdd_row(p1, "待发货", "SH-BK-M")])])
    review(shop)
    import_orders(shop, [write_douyin(tmp_path / "y2", [
        douyin_row(d1, "6930000000000000611", "SH-WH-M", after="售后中"),
        douyin_row(d2, "6930000000000000621", "SH-BK-M", status="已关闭", cancel="买家不想要了")], stamp=1763780400),
        write_pdd(tmp_path / "p2", [pdd_row(p1, "已发货，待收货", "SH-BK-M", tracking="YT0061", courier="圆通快递",
                                            shipped="2026-11-22 10:00:00")], name="orders_export_20261122.csv")],
        today=TODAY)
    by = {ln.order_no: ln for ln in lines_of(shop)}
    assert by[d1].status is OrderStatus.HELD and "售后中" in by[d1].platform_status
    assert by[d2].status is OrderStatus.CANCELLED and "买家不想要了" in by[d2].platform_status
    assert by[p1].status is OrderStatus.SHIPPED
    later = TODAY + dt.timedelta(days=10)
    assert p1 in {h.order_no for h in follow_up(shop, today=later).not_delivered}  # shipped, not yet received
    received = write_pdd(tmp_path / "p3", [pdd_row(p1, "已收货", "SH-BK-M", tracking="YT0061", courier="圆通快递",
                                                   shipped="2026-11-22 10:00:00")], name="orders_export_20261124.csv")
    res = import_orders(shop, [received], today=TODAY)
    assert status_of(shop)[p1] is OrderStatus.DELIVERED and [c.order_no for c in res.changes] == [p1]
    assert moves_of(shop) == [(p1, "SH-BK-M", 1, MovementType.OUT)]
    assert p1 not in {h.order_no for h in follow_up(shop, today=later).not_delivered}


def test_a_waybill_file_posts_the_gifts_packed_as_ship_posts_them(shop, tmp_path):
    """An order of 3 picked with its 满就送 gift: shipped from a waybill tool's file, its stock goes
    out as `ship` posts it on a copy of the same shop, the gift included."""
    import shutil

    from shopbook.shop import open_shop

    no = "3600000000000000777"
    o = tb_order(no)
    o["宝贝总数量"] = "3"
    import_orders(shop, list(write_pair(tmp_path / "d1", [o], [detail_row(no, "衬衫", "99.00", "3", "SH-BK-M")])),
                  today=TODAY)
    review(shop)
    make_picklist(shop, today=TODAY)
    assert {ln.gifts for ln in lines_of(shop)} == {"GIFT-1×1"}
    shutil.copytree(shop.folder, tmp_path / "twin")
    twin = open_shop(tmp_path / "twin")
    import_orders(shop, [qianniu_shipped(tmp_path / "qn", [(no, "中通快递", "7300000777")])], today=TODAY)
    scans = tmp_path / "scan.txt"
    scans.write_text(scan_text(((no, "中通", "7300000777"), ("0690000000031",) * 3 + ("0690000000048",))),
                     encoding="utf-8")
    assert ship(twin, scans, today=TODAY).shipped == [no]
    assert sorted(moves_of(shop)) == sorted(moves_of(twin)) == sorted([(no, "SH-BK-M", 3, MovementType.OUT),
                                                                      (no, "GIFT-1", 1, MovementType.OUT)])


def test_pinduoduo_and_douyin_refunds_after_shipping_as_taobao_refunds_are(shop, tmp_path):
    """A 售后状态 on an order already shipped (拼多多 one row per order, 抖店 per sub-order): noted in
    平台状态, its 售后 case opened once, the order stays shipped and no stock comes back; the same
    files again change nothing. Before: ignored, stage_of said shipped whatever 售后状态 said."""
    from shopbook.schema import AfterSalesCase, CaseStatus

    p, d = "231121-200000000000001", "6930000000000000701"
    sent = dict(tracking="YT0002", courier="圆通快递", shipped="2026-11-22 10:00:00")
    y_sent = dict(tracking="SF002", courier="顺丰速运", shipped="2026/11/22 09:00:00")
    import_orders(shop, [write_pdd(tmp_path / "p1", [pdd_row(p, "待发货", "SH-BK-M")]),
                         write_douyin(tmp_path / "y1", [douyin_row(d, "6930000000000000711", "SH-WH-M"),
                                                        douyin_row(d, "6930000000000000712", "SH-BK-M")])])
    import_orders(shop, [write_pdd(tmp_path / "p2", [pdd_row(p, "已发货，待收货", "SH-BK-M", **sent)]),
                         write_douyin(tmp_path / "y2", [douyin_row(d, "6930000000000000711", "SH-WH-M", "已发货", **y_sent),
                                                        douyin_row(d, "6930000000000000712", "SH-BK-M", "已发货", **y_sent)],
                                      stamp=1763780400)], today=TODAY)
    shipped = sorted(moves_of(shop))
    assert len(shipped) == 3 and status_of(shop)[p] is OrderStatus.SHIPPED

    asked = [write_pdd(tmp_path / "p3", [pdd_row(p, "已发货，待收货", "SH-BK-M", after="售后处理中", **sent)]),
             write_douyin(tmp_path / "y3", [douyin_row(d, "6930000000000000711", "SH-WH-M", "已发货", after="售后中", **y_sent),
                                            douyin_row(d, "6930000000000000712", "SH-BK-M", "已发货", **y_sent)],
                          stamp=1763866800)]
    res = import_orders(shop, asked, today=TODAY)
    assert {c.order_no for c in res.changes} == {p, d} and len(res.cases_opened) == 2
    by = {ln.order_no: ln for ln in lines_of(shop)}
    assert by[p].status is OrderStatus.SHIPPED and by[p].platform_status.startswith("退款中（已发货")
    assert "售后处理中" in by[p].platform_status and "售后中" in by[d].platform_status
    # the file does not say whether goods come back: the note never asks for a return as certain
    assert all("如有退货" in c.note_zh and "if goods come back" in c.note_en for c in res.changes)
    done = [write_pdd(tmp_path / "p4", [pdd_row(p, "已发货，待收货", "SH-BK-M", after="退款成功", **sent)]),
            write_douyin(tmp_path / "y4", [douyin_row(d, "6930000000000000711", "SH-WH-M", "已发货", after="退款成功", **y_sent),
                                           douyin_row(d, "6930000000000000712", "SH-BK-M", "已发货", **y_sent)],
                         stamp=1763953200)]
    res = import_orders(shop, done, today=TODAY)
    by = {ln.order_no: ln for ln in lines_of(shop)}
    assert "退款成功" in by[p].platform_status and "退款成功" in by[d].platform_status
    assert {c.order_no: c.after for c in res.changes} == {p: OrderStatus.SHIPPED, d: OrderStatus.SHIPPED}
    assert res.cases_opened == []  # one case per after-sale, opened when it was asked for
    cases = read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)
    assert sorted((c.order_no, c.sku, c.refund_no) for c in cases) == [
        (p, "SH-BK-M", p), (d, "SH-WH-M", "6930000000000000711")]
    assert all(c.status is CaseStatus.OPEN for c in cases)  # whether goods come back is for a person to see
    assert sorted(moves_of(shop)) == shipped  # stock comes back only when the return is scanned
    before = books(shop)
    assert import_orders(shop, done, today=TODAY).changes == [] and books(shop) == before


def test_a_refund_only_on_a_shipped_order_asks_for_no_return(shop, tmp_path):
    """是否需要退货=否 (仅退款, a partial refund) on a shipped order: the note and 平台状态 say no
    goods come back; before, they said to scan the return when it arrives."""
    a, b = "3700000000000000801", "3700000000000000802"
    scans = two_picked(shop, tmp_path, a, b)
    scans.write_text(scan_text(((a, "中通", "7300000801"), ("0690000000031",)),
                               ((b, "中通", "7300000802"), ("0690000000017",))), encoding="utf-8")
    assert sorted(ship(shop, scans, today=TODAY).shipped) == [a, b]
    rows = [refund_row("R8", a, "SH-BK-M", "10.00", "买家已经申请退款，等待卖家同意", whole="部分退款", goods="买家已收到货"),
            refund_row("R9", b, "SH-WH-M", "99.00", "买家已经申请退款，等待卖家同意", needs_return="是",
                       goods="买家已收到货")]
    res = import_orders(shop, [write_refunds(tmp_path / "r", rows)], today=TODAY)
    note = {c.order_no: c for c in res.changes}
    assert "退货到了" not in note[a].note_zh and "仅退款，不退货" in note[a].note_zh
    assert "no goods come back" in note[a].note_en
    assert "退货到了再扫描" in note[b].note_zh  # a return that is coming is still asked for
    by = {ln.order_no: ln for ln in lines_of(shop)}
    assert "仅退款" in by[a].platform_status and "等退货" not in by[a].platform_status
    assert "等退货" in by[b].platform_status


def test_bundles_pick_check_and_post_as_their_parts(tmp_path):
    shop = build_shop(tmp_path)
    maps = [SkuMap(platform=Platform.PINDUODUO, code="SET-A", sku="SH-BK-M", qty=1),
            SkuMap(platform=Platform.PINDUODUO, code="SET-A", sku="SH-WH-L", qty=1),
            SkuMap(code="512345678", sku="SH-BK-M", qty=2)]  # a product id, every platform: a two-pack
    rates = [ShippingRate(courier="中通", province="其他", first_kg=D("1"), first_price=D("8"), extra_per_kg=D("4"))]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {SkuMap: maps, ShippingRate: rates,
                                                     ReviewRule: [ReviewRule(rule="手机号格式", enabled=False)],
                                                     Promotion: []}, keep_backup=False)
    rows = [pdd_row("231121-1", "待发货", "SET-A", qty=1, total="150.00", goods_id="1"),
            pdd_row("231121-2", "待发货", "", qty=1, total="180.00", goods_id="512345678"),
            pdd_row("231121-3", "待发货", "NOT-OURS", goods_id="9"),
            pdd_row("231121-4", "待发货", "NOT-OURS", goods_id="9"),
            pdd_row("231121-5", "待发货", "SET-A", qty=2, total="300.00", goods_id="1")]  # two sets: 2 L, 1 in stock
    export = write_pdd(tmp_path / "p", rows)
    res = import_orders(shop, [export])
    got = sorted((ln.order_no, ln.sku, ln.qty, ln.unit_price) for ln in lines_of(shop))
    assert got == [("231121-1", "SH-BK-M", 1, D("75.00")), ("231121-1", "SH-WH-L", 1, D("75.00")),
                   ("231121-2", "SH-BK-M", 2, D("90.00")),
                   ("231121-3", "NOT-OURS", 1, D("99.00")), ("231121-4", "NOT-OURS", 1, D("99.00")),
                   ("231121-5", "SH-BK-M", 2, D("75.00")), ("231121-5", "SH-WH-L", 2, D("75.00"))]
    unmapped = [i for i in res.issues if i.sheet == "商品映射"]
    assert len(unmapped) == 1 and "NOT-OURS" in unmapped[0].message_zh and "2 lines" in unmapped[0].message_en
    # where to look: the first line that had it, in the export (its header row, then 231121-1, -2, -3)
    assert f"first in {export.name}, row 4, order 231121-3" in unmapped[0].message_en
    assert f"第一处：{export.name} 第 4 行，订单 231121-3" in unmapped[0].message_zh
    assert {ln.platform_code for ln in lines_of(shop) if ln.order_no == "231121-1"} == {"SET-A×1"}
    assert {ln.platform_code for ln in lines_of(shop) if ln.order_no == "231121-2"} == {"512345678×1"}
    decisions = {d.order_no: d for d in review(shop)[0]}
    assert decisions["231121-1"].status is OrderStatus.APPROVED and decisions["231121-3"].status is OrderStatus.HELD
    # the review's stock check counts the sets' parts: two sets want 2 of SH-WH-L, of which there is 1
    assert decisions["231121-5"].status is OrderStatus.HELD
    assert any("SH-WH-L" in zh and "需要 2" in zh for zh, _ in decisions["231121-5"].holds)
    pick = make_picklist(shop, today=TODAY)
    assert {(x.sku, x.qty) for x in pick.lines} == {("SH-BK-M", 3), ("SH-WH-L", 1)}
    scans = tmp_path / "scan.txt"
    scans.write_text(scan_text((("231121-1", "中通", "T1"), ("0690000000031",)),  # the L of the set is missing
                               (("231121-2", "中通", "T2"), ("0690000000031", "0690000000031"))), encoding="utf-8")
    sh = ship(shop, scans, today=TODAY)
    assert sh.shipped == ["231121-2"] and "SH-WH-L" in sh.checks[0].problems[0][0]
    assert moves_of(shop) == [("231121-2", "SH-BK-M", 2, MovementType.OUT)]


def test_an_unmapped_taobao_code_is_located_in_the_item_list(shop, tmp_path):
    """A Taobao order's codes are in its item list (宝贝报表), not its order list: the one issue of an
    unmapped code names the item list's file and the row that holds it."""
    a, b = "3800000000000000701", "3800000000000000702"
    orders_csv, items_csv = write_pair(tmp_path / "d1", [tb_order(a), tb_order(b)],
                                       [tb_detail(a, "SH-BK-M"), tb_detail(b, "SH-BK-M"), tb_detail(b, "NOT-OURS")])
    res = import_orders(shop, [orders_csv, items_csv])
    issue, = [i for i in res.issues if i.value == "NOT-OURS"]
    assert f"first in {items_csv.name}, row 4, order {b}" in issue.message_en, issue.message_en
    assert f"第一处：{items_csv.name} 第 4 行，订单 {b}" in issue.message_zh


def test_the_import_button_moves_orders_on_in_the_open_book_as_the_cli_does(tmp_path):
    """Pressed in the open orders.xlsx: a later export cancels a picked order and ships another;
    the book's statuses and the stock movements equal the CLI's, and the alert says to pull it."""
    import shutil

    from shopbook import xl
    from xlfake import FakeBook

    base = build_shop(tmp_path / "a")
    a, b = "3900000000000000601", "3900000000000000602"
    import_orders(base, list(write_pair(tmp_path / "d1", [tb_order(a), tb_order(b)],
                                        [tb_detail(a, "SH-BK-M"), tb_detail(b, "SH-WH-M")])))
    review(base)
    make_picklist(base, today=TODAY)
    twin = tmp_path / "twin"
    shutil.copytree(base.folder, twin)
    later = list(write_pair(tmp_path / "d2", [tb_order(a, "交易关闭", close="拍错了"),
                                              tb_order(b, "卖家已发货，等待买家确认", courier="韵达", tracking="4300000602",
                                                       shipped="2026-11-22 12:00:00")],
                            [tb_detail(a, "SH-BK-M", "交易关闭"), tb_detail(b, "SH-WH-M", "卖家已发货，等待买家确认")]))
    import_orders(base, later)
    book = FakeBook(twin / "orders.xlsx")
    xl.import_orders("|".join(map(str, later)), book)
    prompt = book.app.alerts[-1]["prompt"]
    assert "拿出来" in prompt and a in prompt
    live = book.sheet_rows("订单")
    head = live[0]
    got = {r[head.index("订单编号")]: (r[head.index("状态")], r[head.index("快递单号")]) for r in live[1:] if r[0]}
    assert got == {ln.order_no: (ln.status.value, ln.tracking_no) for ln in lines_of(base)}
    assert got[a][0] == "已取消" and got[b] == ("已发货", "4300000602")
    stock = read_workbook(twin / "stock.xlsx", STOCK, (Movement,)).rows(Movement)
    assert [(m.ref, m.sku, m.qty) for m in stock] == [(b, "SH-WH-M", 1)] == [x[:3] for x in moves_of(base)]


def test_the_example_shipped_file_ships_the_example_order(shop, tmp_path):
    """examples/shipped-waybills.csv (a waybill tool's plain CSV, tracking number first) after the
    example Taobao pair: its order ships with both parcels' numbers, its stock goes out once."""
    from pathlib import Path

    examples = Path(__file__).resolve().parents[1] / "examples"
    pair = [examples / "ExportOrderList20261122.csv", examples / "ExportOrderDetailList20261122.csv"]
    if not all(p.exists() for p in pair):
        pytest.skip("the example Taobao pair is not there")
    # the example order's SKU, in this shop's stock (a code that is none would hold it: test_unmapped_shipped)
    add_products(shop, product("JN2613-NV-30", "JN2613", "藏青", "30", "C-01-1", "0690000000099", 5))
    import_orders(shop, pair)
    review(shop)
    no = "3515139900000000103"
    assert status_of(shop)[no] is OrderStatus.HELD  # the buyer asks for SF Express
    before = books(shop)
    res = import_orders(shop, [examples / "shipped-waybills.csv"], today=TODAY)  # held: refused, as ship refuses it
    err, = [i for i in res.issues if i.is_error]
    assert err.value == no and "已挂起" in err.message_zh and "set its status to approved" in err.message_en
    assert res.changes == [] and books(shop) == before
    from test_marks_language import person_sets

    person_sets(shop, no, "已审核")  # a person decided: it goes by SF
    res = import_orders(shop, [examples / "shipped-waybills.csv"], today=TODAY)
    assert [c.order_no for c in res.changes] == [no]
    ln, = [x for x in lines_of(shop) if x.order_no == no]
    assert (ln.status, ln.courier, ln.tracking_no) == (OrderStatus.SHIPPED, "顺丰速运", "SF1400000000103/SF1400000000104")
    assert moves_of(shop) == [(no, "JN2613-NV-30", 1, MovementType.OUT)]


def test_courier_bills_per_courier(shop, tmp_path):
    """A bill is told by its tracking numbers (or its title, or --courier): only that courier's
    parcels and rates count, and every parcel of an order sent in two is matched."""
    from shopbook.money.workflow import reconcile_courier_file
    from shopbook.schema import OrderLine

    lines = [OrderLine(order_no=no, receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x", sku="SH-BK-M",
                       qty=1, unit_price=D("99.00"), shipping_fee=D(fee), status="已发货", courier=c, tracking_no=t,
                       shipped_on=dt.date(2026, 11, 10))
             for no, c, t, fee in (("O1", "中通快递", "73100000000001", "6"),
                                   ("O2", "中通", "73100000000002/73100000000003", "6"),
                                   ("O3", "顺丰速运", "SF1400000000003", "15"))]
    rates = [ShippingRate(courier="顺丰", province="其他", first_kg=D(1), first_price=D(12), extra_per_kg=D(2)),
             ShippingRate(courier="中通", province="其他", first_kg=D(1), first_price=D(5), extra_per_kg=D(1))]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: lines, ShippingRate: rates}, keep_backup=False)
    zto = tmp_path / "bill.csv"
    zto.write_text("运单号,目的地,重量,运费\n73100000000001,浙江,1,5\n73100000000002,浙江,1,5\n73100000000003,浙江,1,5\n",
                   encoding="utf-8")
    chk, issues = reconcile_courier_file(shop, zto)
    assert issues == [] and chk.billed_not_shipped == [] and chk.shipped_not_billed == []
    assert chk.fee_differs == []  # 中通's rates, not the first courier's (顺丰 would be 12.00)
    assert (chk.billed_total, chk.charged_to_buyers) == (D("15.00"), D("12.00"))  # O2's postage counted once
    sf = tmp_path / "账单.csv"
    sf.write_text("运单号,目的地,重量,运费\nSF1400000000003,浙江,1,12\n", encoding="utf-8")
    chk, issues = reconcile_courier_file(shop, sf, courier="顺丰速运")
    assert issues == [] and chk.shipped_not_billed == [] and chk.fee_differs == []
    # a 中通 bill that misses one parcel of O2: that parcel is named, 顺丰's is not
    zto.write_text("中通快递 2026年11月 对账单\n运单号,目的地,重量,运费\nT-1,浙江,1,5\n73100000000002,浙江,1,5\n",
                   encoding="utf-8")
    chk, issues = reconcile_courier_file(shop, zto)
    assert sorted(chk.shipped_not_billed) == [("O1", "73100000000001"), ("O2", "73100000000003")]
    assert [b.tracking_no for b in chk.billed_not_shipped] == ["T-1"]


def test_an_order_in_two_parcels_by_two_couriers_is_checked_on_each_couriers_bill(shop, tmp_path):
    """Order A went in two parcels, one by 中通 and one by 顺丰 (both rows in one waybill file); C the
    same, its 顺丰 parcel in a later file; B by 中通 only. Each courier's parcels are on that courier's
    bill, at that courier's rates (中通 浙江 5.00, 顺丰 12.00: at 中通's the 顺丰 parcels would differ);
    the buyer's postage (10.00 an order) goes with the first parcel's courier, once."""
    from typer.testing import CliRunner

    from shopbook.cli import app
    from shopbook.money.workflow import reconcile_courier_file

    a, b, c = "3900000000000000701", "3900000000000000702", "3900000000000000703"
    rows = [dict(tb_order(n), 买家应付邮费="10.00") for n in (a, b, c)]
    import_orders(shop, list(write_pair(tmp_path / "d1", rows, [tb_detail(n, "SH-BK-M") for n in (a, b, c)])))
    review(shop)
    kd = kuaidizhushou_shipped(tmp_path / "kd", [(a, "中通快递", "73100000000701"), (a, "顺丰速运", "SF1400000000701"),
                                                 (b, "中通快递", "73100000000702"), (c, "中通快递", "73100000000703")])
    qn = qianniu_shipped(tmp_path / "qn", [(c, "顺丰速运", "SF1400000000703")])
    import_orders(shop, [kd], today=TODAY)
    import_orders(shop, [qn], today=TODAY)
    by = {ln.order_no: ln for ln in lines_of(shop)}
    assert (by[a].courier, by[a].tracking_no) == ("中通快递/顺丰速运", "73100000000701/SF1400000000701")
    assert (by[c].courier, by[c].tracking_no) == ("中通快递/顺丰速运", "73100000000703/SF1400000000703")
    assert (by[b].courier, by[b].tracking_no, by[b].shipping_fee) == ("中通快递", "73100000000702", D("10.00"))
    wb = openpyxl.load_workbook(shop.path(ORDERS))  # 顺丰's rates, typed in
    wb["运费"].append(["顺丰", "其他", 1, 12, 2])
    wb.save(shop.path(ORDERS))
    zto = tmp_path / "中通快递 2026年11月 对账单.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["运单编号", "揽收日期", "目的地", "计费重量", "运费"])
    for n in ("701", "702", "703"):
        book.active.append([f"73100000000{n}", "2026-11-22", "浙江", 1, 5])
    book.save(zto)
    sf = tmp_path / "月结账单.csv"  # told by its numbers

    def sf_bill(*nos: str, fee: str = "12") -> None:
        sf.write_bytes(("运单号,寄件日期,目的地,计费重量,运费\n" + "".join(
            f"SF1400000000{n},2026-11-22,浙江,1,{fee}\n" for n in nos)).encode("gb18030"))

    sf_bill("701", "703")
    chk, issues = reconcile_courier_file(shop, zto)
    assert issues == [] and chk.billed_not_shipped == [] and chk.shipped_not_billed == [] and chk.fee_differs == []
    assert (chk.billed_total, chk.charged_to_buyers) == (D("15.00"), D("30.00"))
    chk, issues = reconcile_courier_file(shop, sf)
    assert issues == [] and chk.billed_not_shipped == [] and chk.shipped_not_billed == [] and chk.fee_differs == []
    assert (chk.billed_total, chk.charged_to_buyers) == (D("24.00"), D("0.00"))  # postage counted on 中通's
    r = CliRunner().invoke(app, ["reconcile", "courier", str(shop.folder), str(sf)])
    assert r.exit_code == 0, r.output
    sf_bill("701", "703", fee="5")  # 中通's price on 顺丰's bill: 顺丰's rates say 12.00
    chk, _ = reconcile_courier_file(shop, sf)
    assert [(x.tracking_no, f) for x, f in chk.fee_differs] == [("SF1400000000701", D(12)), ("SF1400000000703", D(12))]
    # 顺丰 leaves C's parcel off: that parcel is named, on 顺丰's bill only
    sf_bill("701")
    chk, _ = reconcile_courier_file(shop, sf)
    assert chk.shipped_not_billed == [(c, "SF1400000000703")] and chk.billed_not_shipped == []
    assert reconcile_courier_file(shop, zto)[0].shipped_not_billed == []
    # as an older import left A: one courier for both numbers; the SF… parcel is still 顺丰's
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    col = [x.value for x in ws[1]].index("快递公司") + 1
    ws.cell(row=by[a].row, column=col).value = "中通"
    wb.save(shop.path(ORDERS))
    sf_bill("701", "703")
    chk, _ = reconcile_courier_file(shop, sf)
    assert chk.billed_not_shipped == [] and chk.shipped_not_billed == [] and chk.fee_differs == []
    assert reconcile_courier_file(shop, zto)[0].shipped_not_billed == []


def test_a_bill_of_no_known_courier_checks_each_parcel_at_its_own_couriers_rates(shop, tmp_path):
    """Numbers of no known shape, a bill that names no courier: a warning says so, and each parcel is
    checked at the rates of the courier the order names for it (T2 by 顺丰: 12.00, not 中通's 5.00)."""
    from shopbook.money.workflow import reconcile_courier_file
    from shopbook.schema import OrderLine

    lines = [OrderLine(order_no="O1", receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x", sku="SH-BK-M",
                       qty=1, unit_price=D("99.00"), shipping_fee=D(10), status="已发货", courier="中通/顺丰",
                       tracking_no="T1/T2", shipped_on=dt.date(2026, 11, 10))]
    rates = [ShippingRate(courier="中通", province="其他", first_kg=D(1), first_price=D(5), extra_per_kg=D(1)),
             ShippingRate(courier="顺丰", province="其他", first_kg=D(1), first_price=D(12), extra_per_kg=D(2))]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: lines, ShippingRate: rates}, keep_backup=False)
    bill = tmp_path / "bill.csv"
    bill.write_text("运单号,目的地,重量,运费\nT1,浙江,1,5\nT2,浙江,1,12\n", encoding="utf-8")
    chk, issues = reconcile_courier_file(shop, bill)
    assert [i.severity for i in issues] == ["warning"] and "--courier" in issues[0].message_en
    assert chk.fee_differs == [] and chk.billed_not_shipped == [] and chk.shipped_not_billed == []
    assert (chk.billed_total, chk.charged_to_buyers) == (D("17.00"), D("10.00"))


def test_a_refund_paid_is_booked_once_and_the_alipay_statement_matches_it(shop, tmp_path):
    """退款成功 in the refund export: one 退款 line in the ledger (its number in the note); the
    export again books nothing; the Alipay statement's refund line matches that line and is not
    proposed a second time."""
    from shopbook.money.workflow import reconcile_alipay_file
    from shopbook.schema import LEDGER, Account, Category, Entry
    from test_money import classic_statement, write_statement

    write_workbook(shop.path(LEDGER), LEDGER, "zh", {
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D("1000.00"))],
        Category: [Category(category="销售收入", direction="收入", group="销售"),
                   Category(category="退款", direction="支出", group="退款")]}, keep_backup=False)
    no = "3700000000000000701"
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(no)], [tb_detail(no, "SH-BK-M")])))
    row = refund_row("R701", no, "SH-BK-M", "99.00", "退款成功")
    row["退款完结时间"] = "2026-11-23 10:00:00"
    refunds = write_refunds(tmp_path / "r", [row])
    assert len(import_orders(shop, [refunds], today=TODAY).refunds_booked) == 1
    assert status_of(shop)[no] is OrderStatus.CANCELLED
    entries = read_workbook(shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry)
    assert [(e.date, e.category, e.amount, e.order_no) for e in entries] == [
        (dt.date(2026, 11, 23), "退款", D("99.00"), no)] and "R701" in entries[0].note
    assert import_orders(shop, [refunds], today=TODAY).refunds_booked == []
    assert len(read_workbook(shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry)) == 1
    statement = write_statement(tmp_path, classic_statement(
        [["B1", "2026112322001", f"T200P{no}", "衬衫", "2026-11-23 10:00:05", "tb", "", "99.00", "901.00", "支付宝",
          "交易退款", ""]]))
    rec = reconcile_alipay_file(shop, statement).result
    assert [p.entry.order_no for p in rec.matched] == [no] and rec.proposed == [] and rec.alipay_only == []


def test_validate_checks_the_sku_map(shop):
    from shopbook.validate import validate_path

    write_workbook(shop.path(ORDERS), ORDERS, "zh", {SkuMap: [
        SkuMap(code="SET-A", sku="SH-BK-M", qty=1), SkuMap(code="SET-A", sku="NO-SUCH", qty=1),
        SkuMap(code="SET-B", sku="SH-BK-M", qty=0)]}, keep_backup=False)
    found = [(i.sheet, i.cell, i.value) for i in validate_path(shop.path(ORDERS)).errors]
    assert found == [("商品映射", "C3", "NO-SUCH"), ("商品映射", "D4", "0")]


def test_a_bundle_typed_in_an_agents_sheet_comes_in_as_its_parts(shop, tmp_path):
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {SkuMap: [SkuMap(code="SET-A", sku="SH-BK-M", qty=1),
                                                              SkuMap(code="SET-A", sku="SH-WH-L", qty=1)]},
                   keep_backup=False)
    plain = tmp_path / "manual.csv"
    plain.write_text("订单编号,收货人,手机,收货地址,商家编码,数量,单价\n"
                     "M-1,张三,13800000001,浙江省 杭州市 西湖区 a路1号,SET-A,2,150.00\n", encoding="utf-8")
    res = import_orders(shop, [plain])
    assert sorted((ln.sku, ln.qty, ln.unit_price, ln.platform_code) for ln in res.imported) == [
        ("SH-BK-M", 2, D("75.00"), "SET-A×2"), ("SH-WH-L", 2, D("75.00"), "SET-A×2")]
    assert res.unknown_skus == []


def test_validate_refuses_one_number_on_two_platforms(shop):
    from shopbook.schema import OrderLine
    from shopbook.validate import validate_path

    rows = [OrderLine(order_no="X1", platform=p, receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x",
                      sku=s, qty=1) for p, s in ((Platform.TAOBAO, "SH-BK-M"), (Platform.DOUYIN, "SH-WH-M"))]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: rows}, keep_backup=False)
    errors = validate_path(shop.path(ORDERS)).errors
    assert [(e.column, e.value) for e in errors] == [("平台", "抖店")]


def test_two_refunds_of_one_amount_on_one_order_are_both_booked(shop, tmp_path):
    """Two items of ¥99 in one order, each refunded on its own (R801, R802): the ledger gets two
    退款 lines, not one; the export again adds nothing."""
    from shopbook.schema import LEDGER, Account, Category, Entry

    write_workbook(shop.path(LEDGER), LEDGER, "zh", {
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D("1000.00"))],
        Category: [Category(category="退款", direction="支出", group="退款")]}, keep_backup=False)
    no = "3700000000000000801"
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(no)],
                                        [tb_detail(no, "SH-BK-M"), tb_detail(no, "SH-WH-M")])))
    rows = [refund_row("R801", no, "SH-BK-M", "99.00", "退款成功", whole="部分退款"),
            refund_row("R802", no, "SH-WH-M", "99.00", "退款成功", whole="部分退款")]
    refunds = write_refunds(tmp_path / "r", rows)
    assert len(import_orders(shop, [refunds], today=TODAY).refunds_booked) == 2
    entries = read_workbook(shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry)
    assert [("R801" in e.note, "R802" in e.note) for e in entries] == [(True, False), (False, True)]
    assert sum(e.amount for e in entries) == D("198.00")
    assert import_orders(shop, [refunds], today=TODAY).refunds_booked == []
    assert len(read_workbook(shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry)) == 2


def test_a_refund_of_some_units_of_the_only_line_holds_the_order_never_cancels_it(shop, tmp_path):
    """Three shirts ordered, one refunded before shipping (退款成功 ¥99.00 of the ¥297.00 paid, 部分退款):
    the two others still ship, so the order is held for a person (部分退款), not cancelled as a refund
    of every line would cancel it; a refund of all the buyer paid for the line (¥297.00) cancels it."""
    a, b = "3700000000000000911", "3700000000000000912"
    heads = [tb_order(no) for no in (a, b)]
    import_orders(shop, list(write_pair(tmp_path / "d1", heads, [detail_row(no, "衬衫", "99.00", "3", "SH-WH-M")
                                                                 for no in (a, b)])), today=TODAY)
    rows = [refund_row("R911", a, "SH-WH-M", "99.00", "退款成功", whole="部分退款"),
            refund_row("R912", b, "SH-WH-M", "297.00", "退款成功", whole="部分退款")]
    for r in rows:
        r["买家实际支付金额"] = "297.00"
    import_orders(shop, [write_refunds(tmp_path / "r", rows)], today=TODAY)
    by = {ln.order_no: ln for ln in lines_of(shop)}
    assert by[a].status is OrderStatus.HELD and by[a].platform_status.startswith("部分退款"), by[a].platform_status
    assert by[b].status is OrderStatus.CANCELLED


def test_a_partly_refunded_order_a_person_released_stays_released(shop, tmp_path):
    """One line of two refunded: held for a person (部分退款). The person deletes the refunded
    row and sets the order to 已审核; the same export again (the daily job's next run) does not
    hold it a second time, so it can be picked."""
    no = "3700000000000000901"
    d2 = partly_refunded(shop, tmp_path, no)
    held = {ln.sku: ln for ln in lines_of(shop)}
    assert held["SH-BK-M"].platform_status.startswith("部分退款")
    wb = openpyxl.load_workbook(shop.path(ORDERS))  # the person's decision: the refunded row out, the rest approved
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    ws.cell(row=held["SH-BK-M"].row, column=head.index("状态") + 1).value = "已审核"
    ws.delete_rows(held["SH-WH-M"].row)
    wb.save(shop.path(ORDERS))
    res = import_orders(shop, d2, today=TODAY)
    assert res.changes == [] and status_of(shop)[no] is OrderStatus.APPROVED
    assert [p.order_no for p in make_picklist(shop, today=TODAY).parcels] == [no]


def test_two_exports_of_one_day_in_one_import_the_later_one_decides(shop, tmp_path):
    """The morning's and the evening's exports both in inbox/ (imported together, in name
    order): an order the evening's closed is cancelled, never left to be picked; a line the
    evening's refunded holds its order; on every platform."""
    tb, tb2, pdd, dy = "3700000000000000951", "3700000000000000952", "231121-951", "6930000000000000951"
    import_orders(shop, [*write_pair(tmp_path / "d0", [tb_order(tb), tb_order(tb2)],
                                     [tb_detail(tb, "SH-BK-M"), tb_detail(tb2, "SH-BK-M"), tb_detail(tb2, "SH-WH-M")]),
                         write_pdd(tmp_path / "d0", [pdd_row(pdd, "待发货", "SH-BK-M")]),
                         write_douyin(tmp_path / "d0", [douyin_row(dy, dy + "1", "SH-BK-M")])])
    assert set(status_of(shop).values()) == {OrderStatus.NEW}
    inbox = tmp_path / "inbox"
    morning = [*write_pair(inbox, [tb_order(tb), tb_order(tb2)],
                           [tb_detail(tb, "SH-BK-M"), tb_detail(tb2, "SH-BK-M"), tb_detail(tb2, "SH-WH-M")],
                           stamp="202611220800"),
               write_pdd(inbox, [pdd_row(pdd, "待发货", "SH-BK-M")], name="orders_export_202611220800.csv"),
               write_douyin(inbox, [douyin_row(dy, dy + "1", "SH-BK-M")], stamp=1763769600)]
    evening = [*write_pair(inbox, [tb_order(tb, "交易关闭", close="买家不想买了"), tb_order(tb2)],
                           [tb_detail(tb, "SH-BK-M", "交易关闭"), tb_detail(tb2, "SH-BK-M"),
                            tb_detail(tb2, "SH-WH-M", "退款成功")], stamp="202611221900"),
               write_pdd(inbox, [pdd_row(pdd, "已取消", "SH-BK-M")], name="orders_export_202611221900.csv"),
               write_douyin(inbox, [douyin_row(dy, dy + "1", "SH-BK-M", status="已关闭", cancel="买家取消")],
                            stamp=1763809200)]
    files = sorted(morning + evening)  # as the daily job takes inbox/
    res = import_orders(shop, files, today=TODAY)
    st = status_of(shop)
    assert (st[tb], st[pdd], st[dy]) == (OrderStatus.CANCELLED,) * 3, res.changes
    assert st[tb2] is OrderStatus.HELD
    assert import_orders(shop, files, today=TODAY).changes == []


def test_a_partly_shipped_taobao_order_is_held_until_it_all_ships(shop, tmp_path):
    """卖家部分发货: one line shipped by the platform, one not. Held for a person, no stock posted,
    never picked; the export saying it all shipped moves it to 已发货 and posts every line once."""
    no = "3700000000000000951"
    d2, res = partly_shipped(shop, tmp_path, no)
    held = {ln.sku: ln for ln in lines_of(shop)}
    assert {ln.status for ln in held.values()} == {OrderStatus.HELD}
    mark = held["SH-WH-M"].platform_status
    assert mark.startswith("部分发货") and "SH-BK-M" in mark and "中通快递 ZT7001" in mark and "SH-WH-M" not in mark
    assert "人工" in held["SH-WH-M"].review
    assert [c.to_json()["to"] for c in res.changes] == ["已挂起"]
    assert moves_of(shop) == []
    assert make_picklist(shop, today=TODAY).parcels == []
    before = books(shop)
    assert import_orders(shop, d2, today=TODAY).changes == [] and books(shop) == before
    d3 = all_shipped(shop, tmp_path, no)
    for again in (d3, d2):  # twice, then the older export: nothing moves, nothing goes back
        assert import_orders(shop, again, today=TODAY).changes == []
    assert len(moves_of(shop)) == 2 and status_of(shop)[no] is OrderStatus.SHIPPED


@pytest.mark.parametrize("shipped_word, waiting_word", [("部分发货", "部分发货"), ("已发货", "待发货")])
def test_a_partly_shipped_douyin_order_is_held_and_a_release_stands(shop, tmp_path, shipped_word, waiting_word):
    """抖店: one sub-order shipped (its own waybill), one waiting. Held, naming the shipped line;
    a person deletes the shipped row and approves; the same export again does not hold it."""
    no, s1, s2 = "6930000000000000951", "6930000000000000961", "6930000000000000962"
    import_orders(shop, [write_douyin(tmp_path / "y1", [douyin_row(no, s1, "SH-WH-M"), douyin_row(no, s2, "SH-BK-M")])])
    y2 = write_douyin(tmp_path / "y2", [
        douyin_row(no, s1, "SH-WH-M", status=shipped_word, tracking="SF9001", courier="顺丰速运",
                   shipped="2026/11/22 09:00:00"),
        douyin_row(no, s2, "SH-BK-M", status=waiting_word)], stamp=1763780400)
    import_orders(shop, [y2], today=TODAY)
    held = {ln.sku: ln for ln in lines_of(shop)}
    assert {ln.status for ln in held.values()} == {OrderStatus.HELD}
    assert "SH-WH-M（顺丰速运 SF9001）" in held["SH-BK-M"].platform_status
    assert moves_of(shop) == [] and make_picklist(shop, today=TODAY).parcels == []
    wb = openpyxl.load_workbook(shop.path(ORDERS))  # the person's decision: the shipped row out, the rest approved
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    ws.cell(row=held["SH-BK-M"].row, column=head.index("状态") + 1).value = "已审核"
    ws.delete_rows(held["SH-WH-M"].row)
    wb.save(shop.path(ORDERS))
    assert import_orders(shop, [y2], today=TODAY).changes == [] and status_of(shop)[no] is OrderStatus.APPROVED
    assert [p.order_no for p in make_picklist(shop, today=TODAY).parcels] == [no]


def test_a_free_gift_in_a_bundle_takes_none_of_its_price(tmp_path):
    """A set of a shirt and the ¥0 gift sells for ¥99: the shirt sold for ¥99, the gift for ¥0.
    Before, the gift weighed as ¥1 and took 0.99 of the set's price (the shirt 98.01), and the
    rounding rest could land on it."""
    shop = build_shop(tmp_path)
    maps = [SkuMap(platform=Platform.PINDUODUO, code="SET-G", sku="SH-BK-M", qty=1),
            SkuMap(platform=Platform.PINDUODUO, code="SET-G", sku="GIFT-1", qty=1),
            SkuMap(platform=Platform.PINDUODUO, code="SET-F", sku="GIFT-1", qty=2)]  # only gifts: split evenly
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {SkuMap: maps, Promotion: []}, keep_backup=False)
    rows = [pdd_row("231122-1", "待发货", "SET-G", qty=1, total="99.00", goods_id="1"),
            pdd_row("231122-2", "待发货", "SET-G", qty=3, total="297.00", goods_id="1"),
            pdd_row("231122-3", "待发货", "SET-F", qty=1, total="1.00", goods_id="2")]
    import_orders(shop, [write_pdd(tmp_path / "p", rows)])
    got = sorted((ln.order_no, ln.sku, ln.qty, ln.unit_price) for ln in lines_of(shop))
    assert got == [("231122-1", "GIFT-1", 1, D("0.00")), ("231122-1", "SH-BK-M", 1, D("99.00")),
                   ("231122-2", "GIFT-1", 3, D("0.00")), ("231122-2", "SH-BK-M", 3, D("99.00")),
                   ("231122-3", "GIFT-1", 2, D("0.50"))]
