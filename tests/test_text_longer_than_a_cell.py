"""An export's text longer than an Excel cell holds (32,767 characters: a buyer's message pasted
over and over, a broken export): written whole, orders.xlsx opened in Excel only after Excel had
"repaired" it (We found a problem with some content …) — the shop's order book. Now cut to what
a cell holds, said at the order and column."""

from __future__ import annotations

import openpyxl
import pytest

from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import build_shop


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def test_a_buyer_message_longer_than_a_cell_is_cut_to_it_and_said(shop, tmp_path):
    no = "3515131473800001"
    orders = [order_row(no, "tb_a", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号", "2026-11-21 09:15:02",
                        goods="99.00", message="请尽快发货" * 8000)]
    files = write_pair(tmp_path / "ex", orders, [detail_row(no, "白衬衫", "99.00", "1", "SH-WH-M")])
    res = import_orders(shop, list(files))
    [said] = [i for i in res.issues if i.column == "买家留言"]
    assert not said.is_error and "40,000 个字" in said.message_zh and "32,767" in said.message_en
    ws = openpyxl.load_workbook(shop.path(ORDERS))["订单"]
    head = [c.value for c in ws[1]]
    message = ws.cell(2, head.index("买家留言") + 1).value
    assert len(message) == 32767 and message.startswith("请尽快发货请尽快发货")
    assert import_orders(shop, list(files)).imported == []  # imported once


def test_a_cut_never_splits_a_character_excel_counts_as_two():
    from shopbook.io.limits import CELL_CHARS, cut_to_cell

    text = "a" * (CELL_CHARS - 1) + "😀" + "b"  # the emoji's second half would be unit 32,768
    cut = cut_to_cell(text)
    assert cut == "a" * (CELL_CHARS - 1) and len(cut.encode("utf-16-le")) // 2 <= CELL_CHARS
    assert cut_to_cell("短") == "短" and cut_to_cell("x" * CELL_CHARS) == "x" * CELL_CHARS


def test_an_english_shop_hears_its_own_column_name(tmp_path):
    """The warning's column is the English sheet's (buyer_message), not 买家留言, as was the one about
    characters an .xlsx cannot hold (receiver, not 收货人)."""
    from shopbook.shop import init_shop, open_shop

    folder = tmp_path / "en"
    init_shop(folder, lang="en")
    no = "3515131473800002"
    orders = [order_row(no, "tb_a", "Wang\x07", "13812345678", "浙江省 杭州市 西湖区 文三路100号", "2026-11-21 09:15:02",
                        goods="99.00", message="x" * 33000)]
    files = write_pair(tmp_path / "ex", orders, [detail_row(no, "shirt", "99.00", "1", "SH-WH-M")])
    res = import_orders(open_shop(folder), list(files))
    assert {i.column for i in res.issues if not i.is_error} >= {"buyer_message", "receiver"}, res.issues
