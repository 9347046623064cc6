"""An export older than one imported before, imported on its own afterwards (staff found yesterday's download
in the share, the evening's already in): within one import the files are sorted by export time, but across two
imports nothing remembered the newer one. The order it showed closed (交易关闭 / 已取消) or shipped had no row,
so the older export brought it in as 待审核 to be picked and shipped again; an order a line of which it showed
refunded came back held for rows missing. Now shopbook keeps its own record (.shopbook-imported.json in the shop
folder), and the older export changes nothing back, said with the file, the newer export's time and the orders."""

from __future__ import annotations

import json

from platform_fixtures import pdd_row, refund_row, write_pdd, write_refunds
from taobao_fixtures import PAID, detail_row, order_row, write_pair
from test_imports11_partial_refund_words import NO, two_shirts
from test_orders import TODAY, build_shop, lines_of

from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus

TB = "3515000000000001201"
TB2 = "3515000000000001202"
RECORD = ".shopbook-imported.json"  # shopbook's own, in the shop folder
PDD_SHIP, PDD_CANCEL = "261201-100000000000001", "261201-100000000000002"


def tb_pair(tmp_path, stamp: str, status: str = PAID, close: str = ""):
    rows, lines = [], []
    for no, sku in ((TB, "SH-WH-M"), (TB2, "SH-BK-M")):
        r = order_row(no, f"tb_{no[-2:]}", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                      "2026-12-01 09:00:00", goods="99.00", status=status if no == TB else PAID)
        r["订单关闭原因"] = close if no == TB else ""
        rows.append(r)
        lines.append(detail_row(no, "衬衫", "99.00", "1", sku, status=status if no == TB else PAID))
    return list(write_pair(tmp_path / stamp, rows, lines, stamp=stamp))


def statuses(shop) -> dict[str, set]:
    out: dict[str, set] = {}
    for ln in lines_of(shop):
        out.setdefault(ln.order_no, set()).add(ln.status)
    return out


def said(summary) -> list[tuple[str, str, str]]:
    return [x for x in summary.said(50) if "ExportOrderList" in x[1] or "orders_export" in x[1]]


def test_an_older_taobao_export_brings_back_no_order_the_newer_one_closed(tmp_path):
    shop = build_shop(tmp_path)
    newer = tb_pair(tmp_path, "202612031030", status="交易关闭", close="买家不想买了")
    first = import_orders(shop, newer, today=TODAY)
    assert TB not in statuses(shop) and statuses(shop)[TB2] == {OrderStatus.NEW}

    older = tb_pair(tmp_path, "202612010930")  # downloaded on the 1st, both waiting then
    s = import_orders(shop, older, today=TODAY)
    assert TB not in statuses(shop)  # never a 待审核 row to pick and ship
    assert not s.imported and not s.changes
    assert not first.kept_newer
    assert s.kept_newer == [{"file": "ExportOrderList202612010930.csv", "newest": "2026-12-03 10:30", "orders": [TB]}]
    [(mark, zh, en)] = said(s)
    assert mark == "!"
    assert zh == (f"订单导出 ExportOrderList202612010930.csv 比 2026-12-03 10:30 已导入的导出旧：其中 1 个订单保持较新的状态，"
                  f"未改回（{TB}）")
    assert en == ("The order export ExportOrderList202612010930.csv is older than the one imported at 2026-12-03 10:30: "
                  f"1 order in it kept its newer state and was not changed back ({TB})")
    assert s.to_json()["kept_newer"] == s.kept_newer
    # the newest stays the newest: the older export moved no record back
    record = json.loads((shop.folder / RECORD).read_text("utf-8"))
    assert record["newest"] == {"taobao": "2026-12-03T10:30:00"} and record["closed"] == {"taobao": {"2026-12-03T10:30:00": [TB]}}


def test_nor_with_a_refund_export_older_still(tmp_path):
    """The older order list with a refund export older than it: the order made from the list ahead of the refund
    (so that the refund holds it) is not made either."""
    shop = build_shop(tmp_path)
    import_orders(shop, tb_pair(tmp_path, "202612031030", status="交易关闭", close="买家不想买了"), today=TODAY)
    refunds = write_refunds(tmp_path / "r", [refund_row("RF1201", TB, "SH-WH-M", "99.00", "买家已经申请退款，等待卖家同意")],
                            name="ExportRefundList202612010800.csv")
    s = import_orders(shop, [*tb_pair(tmp_path, "202612010930"), refunds], today=TODAY)
    assert TB not in statuses(shop)
    assert s.kept_newer[0]["orders"] == [TB]


def test_an_older_taobao_export_does_not_call_a_refunded_line_missing(tmp_path):
    """The newer export: the second shirt refunded (退款成功), the order comes in with the first alone. The older one,
    both lines waiting, held it for rows missing (订单表缺商品), to be added back and shipped."""
    shop = build_shop(tmp_path)
    import_orders(shop, two_shirts(tmp_path, "202612031030", refund="退款成功"), today=TODAY)
    assert [(ln.sku, ln.status) for ln in lines_of(shop) if ln.order_no == NO] == [("SH-WH-M", OrderStatus.NEW)]

    s = import_orders(shop, two_shirts(tmp_path, "202612010930"), today=TODAY)
    rows = [ln for ln in lines_of(shop) if ln.order_no == NO]
    assert [(ln.sku, ln.status, ln.platform_status) for ln in rows] == [("SH-WH-M", OrderStatus.NEW, None)]
    assert not s.changes and s.kept_newer[0]["orders"] == [NO]


def test_an_older_pinduoduo_export_brings_back_no_order_shipped_or_cancelled(tmp_path):
    shop = build_shop(tmp_path)
    sent = {"tracking": "75123456789012", "courier": "中通快递", "shipped": "2026-12-02 18:00:00"}
    newer = write_pdd(tmp_path / "b", [pdd_row(PDD_SHIP, "已发货，待收货", "SH-WH-M", **sent),
                                       pdd_row(PDD_CANCEL, "已取消", "SH-BK-M")],
                      name="9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4borders_export2026-12-03-10-30-00.csv")
    import_orders(shop, [newer], today=TODAY)
    assert statuses(shop) == {}  # shipped with the platform's tool, or cancelled, before shopbook had them

    older = write_pdd(tmp_path / "a", [pdd_row(PDD_SHIP, "待发货", "SH-WH-M"), pdd_row(PDD_CANCEL, "待发货", "SH-BK-M")],
                      name="0f3a8c1d2e4b5a6978c0d1e2f3a4b5c6orders_export2026-12-01-09-30-00.csv")
    s = import_orders(shop, [older], today=TODAY)
    assert statuses(shop) == {}  # neither to be picked and shipped (again)
    assert s.kept_newer[0]["orders"] == [PDD_SHIP, PDD_CANCEL]


def test_an_older_export_after_a_newer_one_shipped_an_order_there(tmp_path):
    shop = build_shop(tmp_path)
    sent = {"tracking": "75123456789012", "courier": "中通快递", "shipped": "2026-12-02 18:00:00"}
    import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(PDD_SHIP, "待发货", "SH-WH-M")],
                                   name="orders_export2026-12-01-09-30-00.csv")], today=TODAY)
    newer = write_pdd(tmp_path / "b", [pdd_row(PDD_SHIP, "已发货，待收货", "SH-WH-M", **sent)],
                      name="orders_export2026-12-03-10-30-00.csv")
    assert [c.after for c in import_orders(shop, [newer], today=TODAY).changes] == [OrderStatus.SHIPPED]
    again = write_pdd(tmp_path / "c", [pdd_row(PDD_SHIP, "待发货", "SH-WH-M")],
                      name="orders_export2026-12-02-09-30-00.csv")
    s = import_orders(shop, [again], today=TODAY)
    assert statuses(shop)[PDD_SHIP] == {OrderStatus.SHIPPED} and not s.changes and not s.kept_newer


def test_newer_exports_after_older_ones_still_move_orders_on(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, tb_pair(tmp_path, "202612010930"), today=TODAY)
    import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(PDD_CANCEL, "待发货", "SH-BK-M")],
                                   name="orders_export2026-12-01-09-30-00.csv")], today=TODAY)
    assert statuses(shop) == {TB: {OrderStatus.NEW}, TB2: {OrderStatus.NEW}, PDD_CANCEL: {OrderStatus.NEW}}
    s = import_orders(shop, tb_pair(tmp_path, "202612031030", status="交易关闭", close="买家不想买了"), today=TODAY)
    assert [(c.order_no, c.after) for c in s.changes] == [(TB, OrderStatus.CANCELLED)] and not s.kept_newer
    s = import_orders(shop, [write_pdd(tmp_path / "b", [pdd_row(PDD_CANCEL, "已取消", "SH-BK-M")],
                                       name="orders_export2026-12-03-10-30-00.csv")], today=TODAY)
    assert [(c.order_no, c.after) for c in s.changes] == [(PDD_CANCEL, OrderStatus.CANCELLED)] and not s.kept_newer
    # an older export of one platform is no older than the other's: a new Taobao order in it comes in
    later = tb_pair(tmp_path, "202612020800")
    s = import_orders(shop, later, today=TODAY)
    assert statuses(shop)[TB] == {OrderStatus.CANCELLED} and s.kept_newer == []  # (nothing it would change back)
    # the same newest export again is not older than itself: nothing to say, nothing changed
    s = import_orders(shop, tb_pair(tmp_path, "202612031030", status="交易关闭", close="买家不想买了"), today=TODAY)
    assert not s.changes and not s.kept_newer

    # the record cut short (a sync, a full disk): said, and written anew from this import
    (shop.folder / RECORD).write_bytes(b'{"version": 1, "newest": {"tao')
    s = import_orders(shop, tb_pair(tmp_path, "202612031030", status="交易关闭", close="买家不想买了"), today=TODAY)
    assert [i.severity for i in s.issues if RECORD in i.message_zh] == ["warning"]
    assert json.loads((shop.folder / RECORD).read_text("utf-8"))["newest"] == {"taobao": "2026-12-03T10:30:00"}


def test_an_export_named_with_its_day_alone_is_not_taken_for_older_that_day(tmp_path):
    """orders_export_20261203.csv may have been made at 20:00 that day, after the 10:30 one: its 退款中 holds."""
    shop = build_shop(tmp_path)
    import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(PDD_SHIP, "待发货", "SH-WH-M")],
                                   name="orders_export2026-12-03-10-30-00.csv")], today=TODAY)
    s = import_orders(shop, [write_pdd(tmp_path / "b", [pdd_row(PDD_SHIP, "待发货", "SH-WH-M", after="退款中")],
                                       name="orders_export_20261203.csv")], today=TODAY)
    assert [(c.order_no, c.after) for c in s.changes] == [(PDD_SHIP, OrderStatus.HELD)] and not s.kept_newer


def test_an_older_exports_refund_holds_an_open_order_unless_a_newer_word_settled_it(tmp_path):
    """A refund asked for in the older export, of an order a newer export may not have named, holds it (lest it
    ship), said as older; not a refund of a line the newer export took away, nor one closed since."""
    shop = build_shop(tmp_path)
    import_orders(shop, two_shirts(tmp_path, "202612031030"), today=TODAY)
    s = import_orders(shop, two_shirts(tmp_path, "202612010930", refund="退款中"), today=TODAY)
    [c] = s.changes
    assert c.after is OrderStatus.HELD and "ExportOrderList202612010930.csv 比已导入的导出旧" in c.note_zh
    assert "is older than an export imported before" in c.note_en and not s.kept_newer

    other = "3515000000000000522"
    import_orders(shop, two_shirts(tmp_path, "202612041030", no=other, refund="退款成功"), today=TODAY)
    s = import_orders(shop, two_shirts(tmp_path, "202612020930", no=other, refund="退款中"), today=TODAY)
    assert {ln.status for ln in lines_of(shop) if ln.order_no == other} == {OrderStatus.NEW}
    assert not s.changes and s.kept_newer[0]["orders"] == [other]

    closed = "3515000000000000523"
    import_orders(shop, two_shirts(tmp_path, "202612031100", no=closed, refund="退款中"), today=TODAY)
    s = import_orders(shop, two_shirts(tmp_path, "202612041100", no=closed, refund="退款关闭"), today=TODAY)
    assert [c.after for c in s.changes] == [OrderStatus.NEW]  # released: the refund closed
    s = import_orders(shop, two_shirts(tmp_path, "202612031000", no=closed, refund="退款中"), today=TODAY)
    assert {ln.status for ln in lines_of(shop) if ln.order_no == closed} == {OrderStatus.NEW}
    assert not s.changes and s.kept_newer[0]["orders"] == [closed]
