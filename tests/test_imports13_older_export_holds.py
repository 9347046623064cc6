"""Later exports imported after a newer one, each on its own (staff found an older download in the share): what an
older export says is kept back where it would set an order back, but a hold it asks for is taken, lest the order
ship wrong (orders/imported.py). An older export's one line refunded with the rest waiting (部分退款), or one part
shipped by the platform (部分发货), was dropped as 'kept its newer state' when the newer export did not name the
order: the refunded line, or the one already sent, was picked and sent again. Now held, said as from an older
export to check on the platform."""

from __future__ import annotations

from taobao_fixtures import detail_row, order_row, write_pair
from test_imports11_partial_refund_words import NANJING, two_shirts
from test_orders import TODAY, build_shop, lines_of

from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus

REFUNDED, SENT_PART, OTHER = "3515000000000001301", "3515000000000001302", "3515000000000001303"
WAITING, SENT = "买家已付款，等待卖家发货", "卖家已发货，等待买家确认"


def _part_shipped(tmp_path, stamp: str, status: str = "卖家部分发货"):
    order = order_row(SENT_PART, "tb", "王芳", "13812345678", NANJING, "2026-11-21 09:00:00", goods="198.00",
                      status=status)
    order["宝贝总数量"] = "2"
    if status != WAITING:
        order["物流单号 "], order["物流公司"] = "75123456789013", "中通快递"
    lines = [detail_row(SENT_PART, "白衬衫", "99.00", "1", "SH-WH-M", status=SENT if status != WAITING else WAITING),
             detail_row(SENT_PART, "黑衬衫", "99.00", "1", "SH-BK-M", status=WAITING)]
    return list(write_pair(tmp_path / stamp, [order], lines, stamp=stamp))


def test_an_older_exports_part_refund_or_part_shipment_holds_an_order_the_newer_one_did_not_name(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, [*two_shirts(tmp_path / "a", "202612010900", no=REFUNDED),
                         *_part_shipped(tmp_path / "b", "202612010901", status=WAITING)], today=TODAY)
    import_orders(shop, two_shirts(tmp_path / "c", "202612031030", no=OTHER), today=TODAY)  # names neither
    # the 2nd's download, found later: 黑衬衫 refunded in one, 白衬衫 sent by the platform in the other
    s = import_orders(shop, [*two_shirts(tmp_path / "d", "202612020930", no=REFUNDED, refund="退款成功"),
                             *_part_shipped(tmp_path / "e", "202612020931")], today=TODAY)
    rows = {}
    for ln in lines_of(shop):
        rows.setdefault(ln.order_no, set()).add((ln.status, (ln.platform_status or "")[:5]))
    assert rows[REFUNDED] == {(OrderStatus.HELD, "部分退款：")} and rows[SENT_PART] == {(OrderStatus.HELD, "部分发货：")}
    assert {c.order_no for c in s.changes} == {REFUNDED, SENT_PART} and not s.kept_newer
    for c in s.changes:
        assert c.after is OrderStatus.HELD and "比已导入的导出旧" in c.note_zh and "older than an export imported" in c.note_en
    # imported again, the same older exports say nothing more (held already)
    s = import_orders(shop, [*two_shirts(tmp_path / "d", "202612020930", no=REFUNDED, refund="退款成功"),
                             *_part_shipped(tmp_path / "e", "202612020931")], today=TODAY)
    assert not s.changes and not s.kept_newer


def test_the_orders_kept_are_a_cut_list_that_says_how_many_more():
    from shopbook.orders.imported import kept_said

    nos = [f"35150000000000014{i:02d}" for i in range(7)]
    [(mark, zh, en)] = kept_said([{"file": "ExportOrderList202612010930.csv", "newest": "2026-12-03 10:30", "orders": nos}])
    assert mark == "!" and zh.endswith(f"7 个订单保持较新的状态，未改回（{'、'.join(nos[:5])} 等，还有 2 个）")
    assert en.endswith(f"7 orders in it kept their newer state and were not changed back ({', '.join(nos[:5])} and 2 more)")
