"""A 淘宝 order of two items shipped, then one item refunded: the later pair of exports still says 卖家已发货 (or
交易成功) on the order list and 退款成功 on that item's line of the item list. The import said "1 个订单已在订单表中，没有变化"
with a ✓, its 平台状态 untouched, and nobody looked out for the shirt the buyer sends back. Now it is noted as 拼多多's
and 抖店's are: 部分退款（已发货，…）naming the item, in the shop's language; no stock moves (the return is entered
when it arrives); the same export again changes nothing; an order that shipped before shopbook had it is skipped once,
its refunded line not said again as "the refunded order is not in the orders sheet"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
import pytest

from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS, STOCK, OrderLine, Product
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook
from taobao_fixtures import PAID, detail_row, order_row, write_pair

NO = "3515131473299001"
SHIPPED = "卖家已发货，等待买家确认"
TODAY = dt.date(2026, 11, 25)


def _shop(tmp_path, lang: str):
    folder = tmp_path / "shop"
    init_shop(folder, lang, "演示服装店" if lang == "zh" else "Blue Shirt Co")
    write_workbook(folder / "stock.xlsx", STOCK, lang, {Product: [
        Product(sku=s, name=n, cost=D(30), price=D("99.00"), opening_qty=10, barcode=b)
        for s, n, b in (("SH-WH-M", "白衬衫", "6900000000011"), ("SH-BK-M", "黑衬衫", "6900000000028"))]},
        keep_backup=False)
    return open_shop(folder)


def _pair(tmp_path, folder: str, stamp: str, status: str = PAID, second: str = PAID, tracking: str = ""):
    o = order_row(NO, "tb_amy", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                  "2026-11-21 09:15:02", status=status, goods="198.00")
    if tracking:
        o.update({"物流单号 ": f'="{tracking}"', "物流公司": "中通快递"})
    details = [detail_row(NO, "白衬衫", "99.00", "1", "SH-WH-M", status=status),
               detail_row(NO, "黑衬衫", "99.00", "1", "SH-BK-M", status=second)]
    return list(write_pair(tmp_path / folder, [o], details, stamp=stamp))


def _sheet(path, title: str) -> list[dict]:
    ws = openpyxl.load_workbook(path)[title]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:] if any(v is not None for v in r)]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("later", [SHIPPED, "交易成功"])
def test_one_item_of_a_shipped_order_refunded_is_noted(tmp_path, lang, later):
    shop = _shop(tmp_path, lang)
    import_orders(shop, _pair(tmp_path, "a", "20261121"), today=TODAY)
    import_orders(shop, _pair(tmp_path, "b", "20261122", SHIPPED, SHIPPED, "75000000000001"), today=TODAY)
    orders_sheet, moves_sheet = ("订单", "出入库") if lang == "zh" else (OrderLine.en, "Stock movements")
    moves_before = _sheet(shop.folder / "stock.xlsx", moves_sheet if lang == "zh" else
                          openpyxl.load_workbook(shop.folder / "stock.xlsx").sheetnames[1])
    assert len(moves_before) == 2  # both shirts went out

    res = import_orders(shop, _pair(tmp_path, "c", "20261124", later, "退款成功", "75000000000001"), today=TODAY)
    [c] = res.changes
    note = c.note_zh if lang == "zh" else c.note_en
    assert "SH-BK-M" in note and "SH-WH-M" not in note, note
    if lang == "zh":
        assert "部分退款" in note and "退货" in note, note
    else:
        assert "partly refunded" in note and "return" in note, note
    rows = _sheet(shop.folder / "orders.xlsx", orders_sheet if lang == "zh" else
                  next(s for s in openpyxl.load_workbook(shop.folder / "orders.xlsx").sheetnames if s.startswith("Order")))
    head = {"zh": ("状态", "平台状态"), "en": (None, None)}[lang]
    if lang == "zh":
        said = {r[head[1]] for r in rows}
        assert {r[head[0]] for r in rows} == {"已发货" if later == SHIPPED else "已签收"}
        [mark] = said
        assert mark.startswith("部分退款（已发货") and "SH-BK-M" in mark and "退款成功" in mark, mark
    else:
        marks = {v for r in rows for k, v in r.items() if isinstance(v, str) and v.startswith("partly refunded")}
        [mark] = marks
        assert "SH-BK-M" in mark and not any("\u4e00" <= ch <= "\u9fff" for ch in mark.replace("退款成功", "")), mark
    # no stock moved: the goods come back, if they do, when the return is entered
    moves_after = _sheet(shop.folder / "stock.xlsx", moves_sheet if lang == "zh" else
                         openpyxl.load_workbook(shop.folder / "stock.xlsx").sheetnames[1])
    assert moves_after == moves_before

    again = import_orders(shop, _pair(tmp_path, "d", "20261125", later, "退款成功", "75000000000001"), today=TODAY)
    assert again.changes == []


@pytest.mark.parametrize("refund", ["退款成功", "退款中"])
def test_an_order_shipped_before_shopbook_had_it_is_skipped_once(tmp_path, refund):
    shop = _shop(tmp_path, "zh")
    res = import_orders(shop, _pair(tmp_path, "a", "20261122", SHIPPED, refund, "75000000000001"), today=TODAY)
    assert res.imported == []
    assert [s["order_no"] for s in res.skipped] == [NO], res.skipped


def test_the_refund_exports_words_stand_beside_the_item_lists(tmp_path):
    """The 退款 export said the refund first (its reason, ¥99.00, 需退货); the next day's pair, its item line 退款成功,
    rewrote that to its bare words, the refund export the day after back again: a change listed at every import."""
    from platform_fixtures import refund_row, write_refunds

    shop = _shop(tmp_path, "zh")
    import_orders(shop, _pair(tmp_path, "a", "20261121"), today=TODAY)
    import_orders(shop, _pair(tmp_path, "b", "20261122", SHIPPED, SHIPPED, "75000000000001"), today=TODAY)

    def refunds(folder: str, stamp: str):
        return [write_refunds(tmp_path / folder, [refund_row("R100", NO, "SH-BK-M", "99.00", "退款成功", needs_return="是",
                                                             whole="部分退款", goods="买家已退货")],
                              name=f"ExportRefundList{stamp}.csv")]

    first = import_orders(shop, refunds("r1", "20261123"), today=TODAY)
    [c] = first.changes
    marks = {r["平台状态"] for r in _sheet(shop.folder / "orders.xlsx", "订单")}
    [mark] = marks
    assert "¥99.00" in mark and "SH-BK-M" in mark, mark
    for k, files in enumerate((_pair(tmp_path, "c", "20261124", SHIPPED, "退款成功", "75000000000001"),
                               refunds("r2", "20261125"),
                               _pair(tmp_path, "d", "20261126", "交易成功", "退款成功", "75000000000001"))):
        res = import_orders(shop, files, today=TODAY)
        assert [x.note_zh for x in res.changes if "部分退款" in x.note_zh] == [], (k, [x.to_json() for x in res.changes])
        assert {r["平台状态"] for r in _sheet(shop.folder / "orders.xlsx", "订单")} == {mark}, k
