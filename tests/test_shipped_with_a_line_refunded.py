"""An order the platform shipped with one of its lines refunded before it went (抖店: one sub-order
已发货, the other 已关闭 after a refund; 淘宝: 卖家已发货 with a line 退款成功). Only the lines that went
post 出库: the refunded shirt is still on the shelf. Before, every row of the order posted 出库 (the
refunded SH-BK-M too), so stock said one shirt fewer than the shelf held. Partly shipped orders (one
sub-order shipped, the other still 待发货) are held whole and never picked, new or already there."""

from __future__ import annotations

import pytest

from cli_run import flat, shopbook
from platform_fixtures import douyin_row, write_douyin
from shopbook.orders.workflow import import_orders, make_picklist
from shopbook.schema import MovementType, OrderStatus
from taobao_fixtures import write_pair
from test_order_life import moves_of, status_of, tb_detail, tb_order
from test_orders import TODAY, build_shop, lines_of

NO, S1, S2 = "6930000000000000951", "6930000000000000961", "6930000000000000962"
SENT = dict(status="已发货", tracking="SF9001", courier="顺丰速运", shipped="2026/11/22 09:00:00")


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def test_a_partly_shipped_douyin_order_new_to_shopbook_is_held_whole_never_picked(shop, tmp_path):
    y = write_douyin(tmp_path / "y", [douyin_row(NO, S1, "SH-WH-M", **SENT), douyin_row(NO, S2, "SH-BK-M")])
    import_orders(shop, [y], today=TODAY)
    assert sorted((ln.sku, ln.status) for ln in lines_of(shop)) == [("SH-BK-M", OrderStatus.HELD),
                                                                      ("SH-WH-M", OrderStatus.HELD)]
    assert moves_of(shop) == [] and make_picklist(shop, today=TODAY).parcels == []


def test_the_rest_of_a_partly_shipped_douyin_order_refunded_posts_only_what_went(shop, tmp_path):
    import_orders(shop, [write_douyin(tmp_path / "y1", [douyin_row(NO, S1, "SH-WH-M"), douyin_row(NO, S2, "SH-BK-M")])])
    import_orders(shop, [write_douyin(tmp_path / "y2", [douyin_row(NO, S1, "SH-WH-M", **SENT),
                                                        douyin_row(NO, S2, "SH-BK-M")], stamp=1763780400)], today=TODAY)
    assert status_of(shop)[NO] is OrderStatus.HELD  # 部分发货: held for a person
    y3 = write_douyin(tmp_path / "y3", [douyin_row(NO, S1, "SH-WH-M", **SENT),
                                        douyin_row(NO, S2, "SH-BK-M", status="已关闭", after="退款成功", cancel="买家申请退款")],
                      stamp=1763866800)
    r = shopbook("orders", "import", shop.folder, y3)
    assert status_of(shop)[NO] is OrderStatus.SHIPPED
    assert moves_of(shop) == [(NO, "SH-WH-M", 1, MovementType.OUT)]  # the refunded SH-BK-M is on the shelf
    assert flat(f"{y3.name} › 第 3 行") in flat(r.stdout + r.stderr)
    assert flat("但平台说 SH-BK-M 1 件 已退款或取消（买家申请退款）：按发货前退款处理，这些没有记出库") in flat(r.stdout + r.stderr)
    shopbook("orders", "import", shop.folder, y3)
    assert len(moves_of(shop)) == 1  # once


def test_a_taobao_order_shipped_with_a_line_refunded_posts_the_other_line(shop, tmp_path):
    no = "3700000000000000961"
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(no)],
                                        [tb_detail(no, "SH-BK-M"), tb_detail(no, "SH-WH-M")])))
    d2 = list(write_pair(tmp_path / "d2", [tb_order(no, "卖家已发货，等待买家确认", courier="中通快递", tracking="ZT7001",
                                                    shipped="2026-11-22 10:00:00")],
                         [tb_detail(no, "SH-BK-M", "卖家已发货，等待买家确认"), tb_detail(no, "SH-WH-M", "退款成功")],
                         stamp="202611221100"))
    res = import_orders(shop, d2, today=TODAY)
    assert status_of(shop)[no] is OrderStatus.SHIPPED
    assert moves_of(shop) == [(no, "SH-BK-M", 1, MovementType.OUT)]
    warn, = [i for i in res.issues if "SH-WH-M" in i.message_zh]
    assert warn.severity == "warning" and warn.book == d2[1].name and warn.row == 3
    assert "Delete those rows" in warn.message_en


@pytest.mark.parametrize("rows", ["waiting only", "no tracking column"])
def test_a_douyin_partly_shipped_word_holds_the_order_though_no_row_says_which_went(shop, tmp_path, rows):
    """抖店's 部分发货 on the rows of an export that lists only the waiting sub-order (exported by
    status), or has no 快递单号 column (the merchant chose the columns): some of the order went, and
    nothing says which. Before, the word was dropped: the approved order was picked whole, the shirt
    the platform shipped going out a second time."""
    import csv
    import io

    from platform_fixtures import DOUYIN
    from shopbook.orders.workflow import review

    import_orders(shop, [write_douyin(tmp_path / "y1", [douyin_row(NO, S1, "SH-WH-M"), douyin_row(NO, S2, "SH-BK-M")])])
    review(shop)
    assert status_of(shop)[NO] is OrderStatus.APPROVED
    if rows == "waiting only":
        y2 = write_douyin(tmp_path / "y2", [douyin_row(NO, S2, "SH-BK-M", status="部分发货")], stamp=1763780400)
    else:
        heads = [h for h in DOUYIN if h not in ("快递公司", "快递单号")]
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(heads)
        for r in (douyin_row(NO, S1, "SH-WH-M", status="部分发货"), douyin_row(NO, S2, "SH-BK-M", status="部分发货")):
            w.writerow([r[h] for h in heads])
        y2 = tmp_path / "1763780400_订单导出.csv"
        y2.write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8"))
    res = import_orders(shop, [y2], today=TODAY)
    assert status_of(shop)[NO] is OrderStatus.HELD
    assert lines_of(shop)[0].platform_status.startswith("部分发货")
    assert [c.after for c in res.changes] == [OrderStatus.HELD]
    assert moves_of(shop) == [] and make_picklist(shop, today=TODAY).parcels == []


def test_a_douyin_sub_order_closed_after_its_own_parcel_went_is_posted(shop, tmp_path):
    """A sub-order with a waybill of its own, closed after a refund (the buyer sent it back): it went
    out, so its 出库 is posted; its return comes back as a 退货."""
    import_orders(shop, [write_douyin(tmp_path / "y1", [douyin_row(NO, S1, "SH-WH-M"), douyin_row(NO, S2, "SH-BK-M")])])
    y2 = write_douyin(tmp_path / "y2", [douyin_row(NO, S1, "SH-WH-M", **SENT),
                                        douyin_row(NO, S2, "SH-BK-M", status="已关闭", after="退款成功", tracking="SF9002",
                                                   courier="顺丰速运", shipped="2026/11/22 09:00:00")], stamp=1763780400)
    res = import_orders(shop, [y2], today=TODAY)
    assert status_of(shop)[NO] is OrderStatus.SHIPPED
    assert sorted(m[1] for m in moves_of(shop)) == ["SH-BK-M", "SH-WH-M"]
    assert not [i for i in res.issues if "已退款或取消" in i.message_zh]
