"""The platform's cancel (拼多多 已取消, 淘宝 交易关闭 on a later export) wrote 已取消：… over the whole 审单结果, words a
person had typed there (先别发，等买家回复 on a 待审核 order; ；已联系买家 added after the import's refund hold) gone
with it, though the order might be opened again. Their words are kept beside the cancel's, quoted (审单结果原写着：…),
in the shop's language, as words typed over an import's hold are kept beside another hold
(test_imports20_typed_over_hold_kept); set back to 待审核, the review carries them on. A plain 已取消 says it once."""

from __future__ import annotations

import openpyxl
import pytest

from cli_run import typed_in_openpyxl
from platform_fixtures import pdd_row, write_pdd
from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import import_orders, review
from shopbook.schema import ORDERS, OrderLine, OrderStatus
from taobao_fixtures import detail_row, order_row, write_pair
from test_imports19_typed_review_kept import _shop as _two_shirts
from test_imports20_cancelled_still_waiting import TODAY, _shop
from test_imports20_typed_over_hold_kept import NO, _pair, _rows

P = "261121-000000000001"


def _review(shop, no: str) -> list[tuple[OrderStatus, str]]:
    return [(ln.status, ln.review) for ln in read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
            if ln.order_no == no]


@pytest.mark.parametrize("lang, column, said", [("zh", "审单结果", "已取消；审单结果原写着：先别发，等买家回复"),
                                                ("en", "review", "cancelled; the review cell said: 先别发，等买家回复")])
def test_words_typed_on_a_new_order_stay_beside_the_platforms_cancel(tmp_path, lang, column, said):
    shop = _shop(tmp_path, lang)
    import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(P, "待发货", "SH-WH-M")])], today=TODAY)
    sheet = openpyxl.load_workbook(shop.folder / "orders.xlsx").sheetnames[0]
    typed_in_openpyxl(shop.folder / "orders.xlsx", sheet, {(2, column): "先别发，等买家回复"})
    import_orders(shop, [write_pdd(tmp_path / "b", [pdd_row(P, "已取消", "SH-WH-M")],
                                   name="orders_export_20261122.csv")], today=TODAY)
    assert _review(shop, P) == [(OrderStatus.CANCELLED, said)]
    # opened again by a person: the review carries their words on, never writes them off
    typed_in_openpyxl(shop.folder / "orders.xlsx", sheet, {(2, "状态" if lang == "zh" else "status"):
                                                           "待审核" if lang == "zh" else "New"})
    review(shop)
    assert "先别发，等买家回复" in _review(shop, P)[0][1], _review(shop, P)


def test_words_added_after_the_imports_hold_stay_beside_a_taobao_close(tmp_path):
    shop = _two_shirts(tmp_path, "zh")
    import_orders(shop, _pair(tmp_path, "202611210930", "", ""), today=TODAY)
    review(shop)
    import_orders(shop, _pair(tmp_path, "202611211030", "退款中", "退款中"), today=TODAY)
    sheet = openpyxl.load_workbook(shop.folder / "orders.xlsx").sheetnames[0]
    typed_in_openpyxl(shop.folder / "orders.xlsx", sheet, {(2, "审单结果"): "自动挂起：平台退款中；已联系买家",
                                                           (3, "审单结果"): "等买家回电话"})
    o = order_row(NO, "tb_amy", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                  "2026-11-21 09:00:00", goods="198.00", status="交易关闭")
    d = [detail_row(NO, "白衬衫", "99.00", "1", "SH-WH-M", status="交易关闭"),
         detail_row(NO, "黑衬衫", "99.00", "1", "SH-BK-M", status="交易关闭")]
    import_orders(shop, list(write_pair(tmp_path / "c", [o], d, stamp="202611221030")), today=TODAY)
    rows = _rows(shop)
    assert {ln.status for ln in rows} == {OrderStatus.CANCELLED}
    assert all(ln.review.startswith("已取消") and ln.review.endswith("；审单结果原写着：已联系买家；等买家回电话")
               for ln in rows), [ln.review for ln in rows]


def test_a_cell_of_shopbooks_own_words_is_cancelled_as_before(tmp_path):
    shop = _shop(tmp_path, "zh")
    import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(P, "待发货", "SH-WH-M")])], today=TODAY)
    review(shop)  # 通过
    import_orders(shop, [write_pdd(tmp_path / "b", [pdd_row(P, "已取消", "SH-WH-M")],
                                   name="orders_export_20261122.csv")], today=TODAY)
    assert _review(shop, P) == [(OrderStatus.CANCELLED, "已取消")]


def test_words_added_after_an_address_hold_stay_beside_the_platforms_cancel(tmp_path):
    """From the review: a 抖店 order held for the buyer's address change (自动挂起：买家在平台改了收货地址…再审核), words a
    person added after it (；已打电话给买家，地址待确认), then the platform cancelled it: the words are quoted beside the
    cancel (before: 已取消：买家取消, the words gone)."""
    from platform_fixtures import douyin_row, write_douyin

    no = "4912345678901230009"
    shop = _two_shirts(tmp_path, "zh")
    import_orders(shop, [write_douyin(tmp_path / "a", [douyin_row(no, no + "1", "SH-WH-M")])], today=TODAY)
    review(shop)
    r = douyin_row(no, no + "1", "SH-WH-M", detail="科技园路2号")
    r["是否修改过地址"] = "是"
    import_orders(shop, [write_douyin(tmp_path / "b", [r], stamp=1763794000)], today=TODAY)
    [(_, held)] = _review(shop, no)
    assert held.startswith("自动挂起：买家在平台改了收货地址")
    sheet = openpyxl.load_workbook(shop.folder / "orders.xlsx").sheetnames[0]
    typed_in_openpyxl(shop.folder / "orders.xlsx", sheet, {(2, "审单结果"): held + "；已打电话给买家，地址待确认"})
    r2 = douyin_row(no, no + "1", "SH-WH-M", detail="科技园路2号", status="已关闭", cancel="买家取消")
    r2["是否修改过地址"] = "是"
    import_orders(shop, [write_douyin(tmp_path / "c", [r2], stamp=1763894000)], today=TODAY)
    [(status, said)] = _review(shop, no)
    assert status is OrderStatus.CANCELLED and "审单结果原写着：已打电话给买家，地址待确认" in said, said
