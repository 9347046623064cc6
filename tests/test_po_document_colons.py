"""QA: the PO workbook sent to a supplier read "供应商: 甲厂", "下单日期: 2026-11-22" (half-width colon and a
space) beside "采购方：" and "金额大写：": one punctuation in a Chinese document now."""

from __future__ import annotations

import openpyxl

from shopbook.purchasing import workflow as W

from test_purchasing import TODAY, shop  # noqa: F401 - the fixture


def test_a_chinese_po_takes_full_width_colons_throughout(shop):  # noqa: F811
    """The PO sent to 甲厂 read "供应商: 甲厂", "下单日期: 2026-11-22" beside "采购方：" and "金额大写：": one
    punctuation in a Chinese document (the English PO keeps "Supplier: …")."""
    res = W.purchase_suggest(shop, today=TODAY, write_drafts=True)
    po = next(p for p in res.documents if "甲厂" in p.name)
    cells = [v for r in openpyxl.load_workbook(po).active.iter_rows(values_only=True) for v in r if isinstance(v, str)]
    assert "供应商：甲厂" in cells and "下单日期：2026-11-22" in cells and "联系人：王经理 13900000001" in cells, cells
    assert not [v for v in cells if ": " in v], cells
