"""An order a person set 已发货 by hand in orders.xlsx (no `ship`, so no 出库) that a later platform export then
showed shipped (卖家已发货) was '快递单号按平台填为 …' and nothing more: stock.xlsx kept counting its goods on the
shelf. The export's word now posts its 出库 once, said in the change, in the shop's language; the same export again
(or `ship` after) posts nothing twice."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from cli_run import typed_in_openpyxl
from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import import_orders, review
from shopbook.schema import STOCK, Movement, MovementType, OrderLine
from test_imports19_typed_review_kept import _shop  # (two shirts, 10 each)
from taobao_fixtures import PAID, detail_row, order_row, write_pair

A, B = "3515000000000020001", "3515000000000020002"
SENT = "卖家已发货，等待买家确认"
TODAY = dt.date(2026, 11, 23)


def _pair(tmp_path, stamp: str, sent: set[str]):
    rows, details = [], []
    for no, sku in ((A, "SH-WH-M"), (B, "SH-BK-M")):
        status = SENT if no in sent else PAID
        r = order_row(no, "tb_amy", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                      "2026-11-21 09:00:00", status=status, goods="99.00")
        if no in sent:
            r["物流单号 "], r["物流公司"] = "YT" + no[-6:], "圆通速递"
        rows.append(r)
        details.append(detail_row(no, "衬衫", "99.00", "1", sku, status=status))
    return list(write_pair(tmp_path / stamp, rows, details, stamp=stamp))


def _outs(shop) -> list[tuple]:
    return sorted(((m.ref, m.sku, m.qty) for m in read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
                   if m.type is MovementType.OUT), key=lambda x: (x[0] or "", x[1]))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_order_set_shipped_by_hand_has_its_stock_posted_once_when_an_export_says_it_shipped(tmp_path, lang):
    shop = _shop(tmp_path, lang)
    import_orders(shop, _pair(tmp_path, "202611210930", set()), today=TODAY)
    review(shop)
    import_orders(shop, _pair(tmp_path, "202611211030", {B}), today=TODAY)  # B shipped: the shop posts by order
    assert _outs(shop) == [(B, "SH-BK-M", 1)]
    sheet = openpyxl.load_workbook(shop.folder / "orders.xlsx").sheetnames[0]
    typed_in_openpyxl(shop.folder / "orders.xlsx", sheet,
                      {(2, "状态" if lang == "zh" else "status"): "已发货" if lang == "zh" else "Shipped"})  # A, by hand

    res = import_orders(shop, _pair(tmp_path, "202611211230", {A, B}), today=TODAY)
    assert _outs(shop) == [(A, "SH-WH-M", 1), (B, "SH-BK-M", 1)]
    change = next(c for c in res.changes if c.order_no == A)
    assert "出库已按订单的行记账" in change.note_zh and "stock posted out" in change.note_en
    # (in the file's own word for it: 卖家已发货 here, 交易成功 for one delivered)
    assert f"ExportOrderList202611211230.csv 说它已发出（{SENT}）" in change.note_zh, change.note_zh
    assert f"ExportOrderList202611211230.csv says it went ({SENT})" in change.note_en, change.note_en
    said = " ".join(x[1 if lang == "zh" else 2] for x in res.said(10))
    assert ("手工改的，没有出库" if lang == "zh" else "set by hand, no stock-out") in said
    assert ("出库 1 行" if lang == "zh" else "1 stock line out") in said

    again = import_orders(shop, _pair(tmp_path, "202611211330", {A, B}), today=TODAY)  # the next export: none twice
    assert _outs(shop) == [(A, "SH-WH-M", 1), (B, "SH-BK-M", 1)]
    assert not again.movements


def test_a_line_refunded_before_an_order_set_shipped_by_hand_went_is_not_posted(tmp_path):
    """淘宝 卖家已发货 with one item 退款成功 (refunded before it went): its stock is on the shelf, as when the export
    ships an order shopbook has open; the row left on the sheet is said at the export's line."""
    shop = _shop(tmp_path, "zh")
    no = "3515000000000020011"
    o = order_row(no, "tb_amy", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                  "2026-11-21 09:00:00", goods="198.00")
    two = [detail_row(no, "白衬衫", "99.00", "1", "SH-WH-M"), detail_row(no, "黑衬衫", "99.00", "1", "SH-BK-M")]
    import_orders(shop, list(write_pair(tmp_path / "a", [o], two, stamp="202611210930")) + _pair(tmp_path, "202611210931", set()),
                  today=TODAY)
    review(shop)
    import_orders(shop, _pair(tmp_path, "202611211030", {B}), today=TODAY)  # B shipped: the shop posts by order
    typed_in_openpyxl(shop.folder / "orders.xlsx", "订单", {(2, "状态"): "已发货", (3, "状态"): "已发货"})  # by hand

    sent = {**o, "订单状态": SENT, "物流单号 ": "YT20011", "物流公司": "圆通速递"}
    two = [detail_row(no, "白衬衫", "99.00", "1", "SH-WH-M", status=SENT),
           {**detail_row(no, "黑衬衫", "99.00", "1", "SH-BK-M", status=SENT), "退款状态": "退款成功"}]
    res = import_orders(shop, list(write_pair(tmp_path / "c", [sent], two, stamp="202611211230")), today=TODAY)
    assert _outs(shop) == [(B, "SH-BK-M", 1), (no, "SH-WH-M", 1)]  # the refunded shirt stays on the shelf
    assert any(i.value == "SH-BK-M" and "已退款或取消" in i.message_zh for i in res.issues)


def _shipped_by_hand_beside_a_stock_out(tmp_path, qty: int, note: str):
    """B shipped through an export (its 出库 by order: the shop's way), A then set 已发货 by hand, and a 出库 of A's
    shirt typed on 11-22 without a 单号: `qty` of them, its 备注 `note`."""
    shop = _shop(tmp_path, "zh")
    import_orders(shop, _pair(tmp_path, "202611210930", set()), today=TODAY)
    review(shop)
    import_orders(shop, _pair(tmp_path, "202611211030", {B}), today=TODAY)
    sheet = openpyxl.load_workbook(shop.folder / "orders.xlsx").sheetnames[0]
    typed_in_openpyxl(shop.folder / "orders.xlsx", sheet, {(2, "状态"): "已发货"})  # A by hand
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb[Movement.zh]
    head = [c.value for c in ws[1]]
    for k, v in {"日期": dt.datetime(2026, 11, 22), "类型": "出库", "商家编码": "SH-WH-M", "数量": qty, "备注": note}.items():
        ws.cell(ws.max_row + (k == "日期"), head.index(k) + 1).value = v
    wb.save(shop.path(STOCK))
    return shop


def test_an_order_set_shipped_by_hand_with_a_stock_out_typed_without_its_number_is_not_posted_twice(tmp_path):
    """(review) The person set A 已发货 and typed its 出库 themselves, 单号 blank (备注 手工发货 A): the export's word
    posted a second 出库 of the shirt (stock 1 short), with ✓. A 出库 of one of its SKUs typed without an order number
    since it was paid may be its own: nothing is posted, and the warning says what to do, at the export's row."""
    shop = _shipped_by_hand_beside_a_stock_out(tmp_path, 1, "手工发货 A")
    assert _outs(shop) == [(None, "SH-WH-M", 1), (B, "SH-BK-M", 1)]

    res = import_orders(shop, _pair(tmp_path, "202611211230", {A, B}), today=TODAY)
    assert _outs(shop) == [(None, "SH-WH-M", 1), (B, "SH-BK-M", 1)]  # none twice
    [w] = [i for i in res.issues if i.severity == "warning" and "没填单号" in i.message_zh]
    assert w.book == "ExportOrderList202611211230.csv" and w.value == A
    assert "2026-11-22 有一笔 SH-WH-M 的出库没填单号" in w.message_zh and f"请把那一行的单号填为 {A}" in w.message_zh
    assert "has no ref and may be its own" in w.message_en


def test_a_stock_out_without_a_number_of_other_units_or_taken_by_one_order_holds_back_no_other(tmp_path):
    """(review) One 出库 without a 单号 (2 shirts, 样品给主播) held back the stock-out of every order of the SKU set
    shipped by hand (A and B, 1 each: none posted, each told to type its number on that one row). A loose row is
    perhaps an order's own only of as many units as the order has, and one order's at most."""
    shop = _shipped_by_hand_beside_a_stock_out(tmp_path, 2, "样品给主播")
    res = import_orders(shop, _pair(tmp_path, "202611211230", {A, B}), today=TODAY)
    assert _outs(shop) == [(None, "SH-WH-M", 2), (A, "SH-WH-M", 1), (B, "SH-BK-M", 1)]  # A's posted: 2 is not its 1
    assert not [i for i in res.issues if "没填单号" in i.message_zh]

    from shopbook.orders.lifecycle import _State, hand_shipped  # one row, two orders of its units: the first's alone

    class R:
        def issues(self):
            return []

    def st(no):
        s = _State.__new__(_State)
        s.__dict__.update(no=no, hand_day=TODAY, ship_day=None, hand_loose=[], platform=None,
                          lines=[OrderLine(order_no=no, platform="淘宝", buyer="b", receiver="r", phone="13800000000",
                                           address="a", sku="SH-WH-M", qty=1, paid_at=dt.datetime(2026, 11, 21, 9))])
        return s

    loose = {"SH-WH-M": [[dt.date(2026, 11, 22), 1, False]]}
    import shopbook.orders.lifecycle as L
    first, second = st("X1"), st("X2")
    real = L._not_ours
    L._not_ours = lambda *a: False
    try:
        assert hand_shipped(first, set(), dt.date(2026, 11, 1), R(), loose) is False and first.hand_loose
        assert hand_shipped(second, set(), dt.date(2026, 11, 1), R(), loose) is True and not second.hand_loose
    finally:
        L._not_ours = real
