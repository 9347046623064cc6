"""A person types in the 审单结果 of an order still 待审核 (先别发，等买家回复), on any of its rows; a later export holds
the order (one item refunded, a refund asked). The import's hold wrote its own words over every row's 审单结果, the
person's gone; once the refund closed the order went back to 待审核 (退款已关闭，请重新审单), the review passed it, and
it shipped against what they had written. Their words are kept now beside the hold's, as a person's hold (人工挂起：…),
in the shop's language, and stand as theirs when the refund closes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
import pytest

from cli_run import typed_in_openpyxl
from shopbook.orders.workflow import import_orders
from shopbook.schema import STOCK, OrderStatus, Product
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook
from taobao_fixtures import PAID, detail_row, order_row, write_pair

NO = "3515131473299002"
TODAY = dt.date(2026, 11, 23)
WORDS = "先别发，等买家回复"


def _shop(tmp_path, lang: str):
    folder = tmp_path / "shop"
    init_shop(folder, lang, "演示服装店" if lang == "zh" else "Blue Shirt Co")
    write_workbook(folder / "stock.xlsx", STOCK, lang, {Product: [
        Product(sku=s, name=n, cost=D(30), price=D("99.00"), opening_qty=10, barcode=b)
        for s, n, b in (("SH-WH-M", "白衬衫", "6900000000011"), ("SH-BK-M", "黑衬衫", "6900000000028"))]},
        keep_backup=False)
    return open_shop(folder)


def _pair(tmp_path, folder: str, stamp: str, second: str = PAID):
    o = order_row(NO, "tb_amy", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                  "2026-11-21 09:15:02", goods="198.00")
    details = [detail_row(NO, "白衬衫", "99.00", "1", "SH-WH-M"), detail_row(NO, "黑衬衫", "99.00", "1", "SH-BK-M",
                                                                          status=second)]
    return list(write_pair(tmp_path / folder, [o], details, stamp=stamp))


def _rows(shop, lang: str) -> list[dict]:
    ws = openpyxl.load_workbook(shop.folder / "orders.xlsx")["订单" if lang == "zh" else "Orders"]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:] if any(v is not None for v in r)]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("row", [2, 3])  # typed on the order's first row, or on its second
@pytest.mark.parametrize("refund", ["退款成功", "退款中"])
def test_a_persons_words_in_the_review_survive_the_imports_hold(tmp_path, lang, row, refund):
    shop = _shop(tmp_path, lang)
    import_orders(shop, _pair(tmp_path, "a", "20261121"), today=TODAY)
    review, status, mark = ("审单结果", "状态", "平台状态") if lang == "zh" else ("review", "status", "platform_status")
    typed_in_openpyxl(shop.folder / "orders.xlsx", "订单" if lang == "zh" else "Orders", {(row, review): WORDS})

    res = import_orders(shop, _pair(tmp_path, "b", "20261122", refund), today=TODAY)
    assert len(res.changes) == 1
    rows = _rows(shop, lang)
    held = OrderStatus.HELD.value if lang == "zh" else OrderStatus.HELD.en
    assert [r[status] for r in rows] == [held, held]
    for r in rows:
        assert WORDS in r[review], r[review]
        assert r[review].endswith(("人工挂起：" if lang == "zh" else "held by hand: ") + WORDS), r[review]
        assert r[mark]  # the hold's own words beside

    if refund == "退款中":  # the refund closed: held as the person's words had it, not back to 待审核 to ship
        import_orders(shop, _pair(tmp_path, "c", "20261123", "退款关闭"), today=TODAY)
        assert [(r[status], r[review]) for r in _rows(shop, lang)] == [(held, WORDS)] * 2


def test_words_a_person_released_are_no_hold_of_theirs_when_the_import_holds_the_order(tmp_path):
    """The review held the order on a person's note and quoted it; the person released it (已审核), the cell saying
    so until the next review, and the import ran first (daily: the import before the review). The quoted words
    were kept as the person's own hold, so once the refund closed the order stayed held on a note already
    released; it goes back to 待审核 for the review, as before."""
    shop = _shop(tmp_path, "zh")
    import_orders(shop, _pair(tmp_path, "a", "20261121"), today=TODAY)
    quoted = "自动挂起：审单结果原写着：先别发"
    typed_in_openpyxl(shop.folder / "orders.xlsx", "订单", {(2, "状态"): "已审核", (3, "状态"): "已审核",
                                                          (2, "审单结果"): quoted, (3, "审单结果"): quoted})
    import_orders(shop, _pair(tmp_path, "b", "20261122", "退款中"), today=TODAY)
    assert all("人工挂起" not in r["审单结果"] for r in _rows(shop, "zh")), _rows(shop, "zh")
    import_orders(shop, _pair(tmp_path, "c", "20261123", "退款关闭"), today=TODAY)
    assert [r["状态"] for r in _rows(shop, "zh")] == [OrderStatus.NEW.value] * 2, _rows(shop, "zh")
