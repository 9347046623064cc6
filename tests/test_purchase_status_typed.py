"""QA: a PO line's 状态 typed as buyers say it was answered by the look of the word: 已订货 (ordered) and
已发货 (the supplier shipped it) were offered 已到货, and 待下单 (not sent yet) 已下单: corrected as told,
goods still to come were off the books as on order and ordered again, or a PO not sent counted as sent.
Now each word is offered the status it means."""

from __future__ import annotations

import datetime as dt

from test_stock import shop  # noqa: F401  (shop is the fixture)
from test_stock_checks import append

from shopbook.schema import STOCK
from shopbook.validate import validate_path

SAID = {"已订货": "已下单", "已发货": "已下单", "在途": "已下单", "待下单": "草稿", "作废": "已取消", "已入库": "已到货"}


def test_a_po_status_typed_as_said_is_offered_what_it_means(shop):  # noqa: F811
    at = append(shop.path(STOCK), "采购", [{"采购单号": f"CG{i}", "供应商": "甲厂", "商家编码": "A", "数量": 5,
                                           "下单日期": dt.date(2026, 11, 20), "状态": typed}
                                          for i, typed in enumerate(SAID)])
    said = {i.cell: i.message_zh for i in validate_path(shop.folder).issues if i.sheet == "采购"}
    got = {typed: said[f"H{row}"].split("？")[0] for typed, row in zip(SAID, at)}  # (H: 状态)
    assert got == {typed: f"“{typed}”不是可选值。是不是“{means}”" for typed, means in SAID.items()}, got
