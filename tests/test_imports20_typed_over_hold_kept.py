"""An order the import held (a refund asked: 审单结果 自动挂起：平台退款中) whose 审单结果 a person then typed over with
their own words (等买家回电话再说) lost them to the next import: the refund closing released it to 待审核 (退款已关闭，
请重新审单) and the review passed it to ship; another hold of it (one item refunded) wrote its own words over theirs.
Their words are theirs, as typed on a 待审核 order (tests/test_imports19_typed_review_kept.py): kept as their hold,
the order left held with them when the refund closes, kept beside another hold, in the shop's language."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from cli_run import typed_in_openpyxl
from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import import_orders, review
from shopbook.schema import ORDERS, OrderLine, OrderStatus
from test_imports19_typed_review_kept import _shop  # (two shirts, 10 each)
from taobao_fixtures import detail_row, order_row, write_pair

NO = "3515000000000020301"
TODAY = dt.date(2026, 11, 23)


def _pair(tmp_path, stamp: str, refund: str, second: str = ""):
    o = order_row(NO, "tb_amy", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                  "2026-11-21 09:00:00", goods="198.00")
    d1, d2 = detail_row(NO, "白衬衫", "99.00", "1", "SH-WH-M"), detail_row(NO, "黑衬衫", "99.00", "1", "SH-BK-M")
    d1["退款状态"], d2["退款状态"] = refund, second
    return list(write_pair(tmp_path / stamp, [o], [d1, d2], stamp=stamp))


def _rows(shop) -> list[OrderLine]:
    return [ln for ln in read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine) if ln.order_no == NO]


def _held_and_typed_over(tmp_path, lang: str, words: str):
    shop = _shop(tmp_path, lang)
    import_orders(shop, _pair(tmp_path, "202611210930", "", ""), today=TODAY)
    review(shop)
    import_orders(shop, _pair(tmp_path, "202611211030", "退款中", "退款中"), today=TODAY)
    assert {ln.status for ln in _rows(shop)} == {OrderStatus.HELD}
    sheet = openpyxl.load_workbook(shop.folder / "orders.xlsx").sheetnames[0]
    column = "审单结果" if lang == "zh" else "review"
    typed_in_openpyxl(shop.folder / "orders.xlsx", sheet, {(2, column): words, (3, column): words})
    return shop


@pytest.mark.parametrize("lang, words", [("zh", "等买家回电话再说"), ("en", "wait for the buyer to call back")])
def test_words_typed_over_the_imports_hold_stay_when_the_refund_closes(tmp_path, lang, words):
    shop = _held_and_typed_over(tmp_path, lang, words)
    res = import_orders(shop, _pair(tmp_path, "202611211230", "退款关闭", "退款关闭"), today=TODAY)
    rows = _rows(shop)
    assert {(ln.status, ln.review) for ln in rows} == {(OrderStatus.HELD, words)}
    assert {ln.platform_status for ln in rows} == {"退款关闭" if lang == "zh" else "refund closed"}
    assert [c.after for c in res.changes] == [OrderStatus.HELD]
    review(shop)  # theirs to release: the review leaves it held
    assert {(ln.status, ln.review) for ln in _rows(shop)} == {(OrderStatus.HELD, words)}


def test_words_typed_over_the_imports_hold_are_kept_beside_another_hold(tmp_path):
    shop = _held_and_typed_over(tmp_path, "zh", "等买家回电话再说")
    import_orders(shop, _pair(tmp_path, "202611211230", "退款成功", ""), today=TODAY)  # one item refunded
    rows = _rows(shop)
    assert {ln.status for ln in rows} == {OrderStatus.HELD}
    assert all(ln.review.startswith("自动挂起：平台部分退款") and ln.review.endswith("；人工挂起：等买家回电话再说")
               for ln in rows), [ln.review for ln in rows]


@pytest.mark.parametrize("row", [2, 3])
def test_words_typed_over_the_hold_on_one_row_of_the_order_stay_too(tmp_path, row):
    """(review) Typed on the order's second row alone (the first still 自动挂起：平台退款中): the refund closing
    released it to 待审核 and the review passed it to ship, their words gone. Any row's words are theirs."""
    shop = _shop(tmp_path, "zh")
    import_orders(shop, _pair(tmp_path, "202611210930", "", ""), today=TODAY)
    review(shop)
    import_orders(shop, _pair(tmp_path, "202611211030", "退款中", "退款中"), today=TODAY)
    sheet = openpyxl.load_workbook(shop.folder / "orders.xlsx").sheetnames[0]
    typed_in_openpyxl(shop.folder / "orders.xlsx", sheet, {(row, "审单结果"): "等买家回电话再说"})
    import_orders(shop, _pair(tmp_path, "202611211230", "退款关闭", "退款关闭"), today=TODAY)
    review(shop)
    rows = _rows(shop)
    assert {ln.status for ln in rows} == {OrderStatus.HELD}, [(ln.status, ln.review) for ln in rows]
    assert any(ln.review == "等买家回电话再说" for ln in rows), [ln.review for ln in rows]
