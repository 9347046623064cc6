"""An order comes in with one of its items refunded already (淘宝 item line 退款成功, 抖店 sub-order 已关闭 退款成功): the
import leaves that item out (商品 SH-BK-M 没有导入：平台上这件已取消) and brings in the rest, 待审核. The same export again,
or the next day's (the platforms' exports cover several days), held it as 部分退款 "请人工决定还发哪些（删去已退款的行…）"
for rows that were never there, an order a person had approved held again. Now nothing changes; an order whose rows
do hold the refunded item (brought in before the refund) is held as before, and so is one whose row a person retyped."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from cli_run import typed_in_openpyxl
from platform_fixtures import douyin_row, write_douyin
from shopbook.orders.workflow import import_orders
from taobao_fixtures import PAID, detail_row, order_row, write_pair
from test_imports19_shipped_item_refunded import _shop

TB = "3515131473299003"
DY = "6900000000000000503"
TODAY = dt.date(2026, 11, 23)


def _taobao(tmp_path, folder: str, stamp: str, second: str = "退款成功", second_sku: str = "SH-BK-M"):
    o = order_row(TB, "tb_amy", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                  "2026-11-21 09:15:02", goods="198.00")
    details = [detail_row(TB, "白衬衫", "99.00", "1", "SH-WH-M"),
               detail_row(TB, "黑衬衫", "99.00", "1", second_sku, status=second)]
    return list(write_pair(tmp_path / folder, [o], details, stamp=stamp))


def _douyin(tmp_path, folder: str, stamp: int, refunded: bool = True):
    second = douyin_row(DY, DY + "2", "SH-BK-M", **({"status": "已关闭", "after": "退款成功"} if refunded else {}))
    return [write_douyin(tmp_path / folder, [douyin_row(DY, DY + "1", "SH-WH-M"), second], stamp=stamp)]


EXPORTS = {"taobao": lambda tmp, f, n, **kw: _taobao(tmp, f, f"2026112{n}", **kw),
           "douyin": lambda tmp, f, n, **kw: _douyin(tmp, f, 1763694000 + n * 86400, **kw)}


def _rows(shop, lang: str) -> list[dict]:
    ws = openpyxl.load_workbook(shop.folder / "orders.xlsx")["订单" if lang == "zh" else "Orders"]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:] if any(v is not None for v in r)]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("platform", ["taobao", "douyin"])
def test_an_item_left_out_as_refunded_does_not_hold_the_order_again(tmp_path, lang, platform):
    shop = _shop(tmp_path, lang)
    export = EXPORTS[platform]
    first = import_orders(shop, export(tmp_path, "a", 1), today=TODAY)
    assert [ln.sku for ln in first.imported] == ["SH-WH-M"]
    sheet, status = ("订单", "状态") if lang == "zh" else ("Orders", "status")
    approved = "已审核" if lang == "zh" else "approved"
    typed_in_openpyxl(shop.folder / "orders.xlsx", sheet, {(2, status): approved})  # a person approved it
    before = _rows(shop, lang)
    for folder, day in (("b", 1), ("c", 2)):  # the same export again, then the next day's
        again = import_orders(shop, export(tmp_path, folder, day), today=TODAY)
        assert again.changes == [] and again.pull_batches == {}, [c.to_json() for c in again.changes]
        assert _rows(shop, lang) == before


@pytest.mark.parametrize("platform", ["taobao", "douyin"])
def test_an_item_refunded_after_it_came_in_still_holds_it(tmp_path, platform):
    shop = _shop(tmp_path, "zh")
    export = EXPORTS[platform]
    import_orders(shop, export(tmp_path, "a", 1, **({"second": PAID} if platform == "taobao" else {"refunded": False})),
                  today=TODAY)
    res = import_orders(shop, export(tmp_path, "b", 2), today=TODAY)
    assert [c.after.value for c in res.changes] == ["已挂起"]
    assert {r["平台状态"] for r in _rows(shop, "zh")} == {"部分退款：" + ("黑衬衫" if platform == "taobao" else "白衬衫")
                                                          + " SH-BK-M（退款成功）"}


def test_a_row_retyped_by_a_person_still_holds_it(tmp_path):
    """Its line came in as an unknown code (NOPE-1), a person retyped the row SH-BK-M; that line refunded: the rows
    hold more than the live lines, the order held for a person as before."""
    shop = _shop(tmp_path, "zh")
    import_orders(shop, _taobao(tmp_path, "a", "20261121", second=PAID, second_sku="NOPE-1"), today=TODAY)
    typed_in_openpyxl(shop.folder / "orders.xlsx", "订单", {(3, "商家编码"): "SH-BK-M"})
    res = import_orders(shop, _taobao(tmp_path, "b", "20261122", second_sku="NOPE-1"), today=TODAY)
    assert [c.after.value for c in res.changes] == ["已挂起"]
