"""Words a person added after the import's own words of a refund's hold in 审单结果 (自动挂起：平台退款中：… then
；已联系买家) were lost when the refund closed: the order went back to 待审核 (退款已关闭，请重新审单) and the review
passed it to ship, their words gone; another hold of it wrote over them too. The import's words themselves hold ；
(two refunds, each with its reason), so the cell is never split to find theirs: the import's words are matched whole
by its 平台状态. What the person added is theirs, as words typed over the hold are (test_imports20_typed_over_hold_kept):
the order stays held with them when the refund closes, or they are kept beside another hold, in the shop's language."""

from __future__ import annotations


import openpyxl
import pytest

from cli_run import typed_in_openpyxl
from platform_fixtures import refund_row, write_refunds
from shopbook.orders.workflow import import_orders, review
from shopbook.schema import OrderStatus
from test_imports19_typed_review_kept import _shop  # (two shirts, 10 each)
from test_imports20_typed_over_hold_kept import NO, TODAY, _pair, _rows


def _refunds(tmp_path, stamp: str, status: str, second: str | None = None):
    rows = [refund_row("R1", NO, "SH-WH-M", "99.00", status, reason="不想要了")]
    if second is not None:
        rows.append(refund_row("R2", NO, "SH-BK-M", "99.00", second, reason="尺码不合适"))
    return [write_refunds(tmp_path / stamp, rows)]


def _added(shop, lang: str, words: str) -> list[str]:
    """The person's words added after each row's 审单结果 as the import wrote it: the cells as they are now."""
    rows = _rows(shop)
    assert {ln.status for ln in rows} == {OrderStatus.HELD}
    sep = "；" if lang == "zh" else "; "
    sheet = openpyxl.load_workbook(shop.folder / "orders.xlsx").sheetnames[0]
    column = "审单结果" if lang == "zh" else "review"
    typed_in_openpyxl(shop.folder / "orders.xlsx", sheet,
                      {(i + 2, column): ln.review + sep + words for i, ln in enumerate(rows)})
    return [ln.review + sep + words for ln in rows]


@pytest.mark.parametrize("lang, words", [("zh", "已联系买家"), ("en", "called the buyer")])
def test_words_added_after_a_refund_hold_of_two_reasons_stay_when_it_closes(tmp_path, lang, words):
    shop = _shop(tmp_path, lang)
    import_orders(shop, _pair(tmp_path, "202611210930", "", ""), today=TODAY)
    review(shop)
    import_orders(shop, _refunds(tmp_path, "a", "退款中", "退款中"), today=TODAY)  # two refunds asked, two reasons
    cells = _added(shop, lang, words)
    assert all(("；" if lang == "zh" else "; ") in c[:-len(words) - 2] for c in cells), cells  # (the import's ；)

    res = import_orders(shop, _refunds(tmp_path, "b", "退款关闭", "退款关闭"), today=TODAY)
    rows = _rows(shop)
    assert {(ln.status, ln.review) for ln in rows} == {(OrderStatus.HELD, words)}, [ln.review for ln in rows]
    assert [c.after for c in res.changes] == [OrderStatus.HELD]
    review(shop)  # theirs to release: the review leaves it held on them
    assert {(ln.status, ln.review) for ln in _rows(shop)} == {(OrderStatus.HELD, words)}


def test_words_added_after_the_hold_are_kept_beside_another_hold(tmp_path):
    shop = _shop(tmp_path, "zh")
    import_orders(shop, _pair(tmp_path, "202611210930", "", ""), today=TODAY)
    review(shop)
    import_orders(shop, _pair(tmp_path, "202611211030", "退款中", "退款中"), today=TODAY)
    _added(shop, "zh", "已联系买家")
    import_orders(shop, _pair(tmp_path, "202611211230", "退款成功", ""), today=TODAY)  # one item refunded
    rows = _rows(shop)
    assert {ln.status for ln in rows} == {OrderStatus.HELD}
    assert all(ln.review.startswith("自动挂起：平台部分退款") and ln.review.endswith("；人工挂起：已联系买家")
               for ln in rows), [ln.review for ln in rows]
    import_orders(shop, _pair(tmp_path, "202611211230", "退款成功", ""), today=TODAY)  # the same again: as it is
    assert sum(ln.review.count("已联系买家") for ln in _rows(shop)) == len(rows)


def test_a_hold_as_the_import_wrote_it_still_goes_back_to_new_when_the_refund_closes(tmp_path):
    shop = _shop(tmp_path, "zh")
    import_orders(shop, _pair(tmp_path, "202611210930", "", ""), today=TODAY)
    review(shop)
    import_orders(shop, _refunds(tmp_path, "a", "退款中", "退款中"), today=TODAY)
    import_orders(shop, _refunds(tmp_path, "b", "退款关闭", "退款关闭"), today=TODAY)
    assert {(ln.status, ln.review) for ln in _rows(shop)} == {(OrderStatus.NEW, "退款已关闭，请重新审单")}
