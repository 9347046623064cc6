"""QA (purchasing before 双12): the buyer paid the factory a deposit (定金) of ¥1,000 and typed it in 流水 with the
PO number as people type it, cg20261128-1. Receiving the first delivery proposed, and --pay booked, the whole
¥2,502.50 owed: the deposit was not counted (its PO number compared letter for letter), the factory paid twice.
Now the PO number in 流水 is compared as a PO number typed anywhere is (case, spaces, full width)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
from test_purchasing2_style_colour_size_note import shop  # noqa: F401 (义乌针织厂's PO CG1: A23 red M and L, 20 each)

from shopbook.purchasing import workflow as W
from shopbook.schema import LEDGER, Entry


def test_a_deposit_typed_with_the_po_in_lower_case_is_taken_off(shop, tmp_path):  # noqa: F811
    shop, lang = shop
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb[getattr(Entry, lang)]
    typed = {"date": dt.datetime(2026, 12, 1), "direction": "支出" if lang == "zh" else "out",
             "category": "采购货款" if lang == "zh" else "Purchases", "amount": 1000,
             "account": "银行" if lang == "zh" else "Bank", "order_no": " cg1", "note": "定金"}
    cols = {getattr(Entry.column(f).col, lang).lower(): v for f, v in typed.items()}
    ws.append([cols.get(str(c.value).lower()) for c in ws[1]])
    wb.save(shop.path(LEDGER))
    note = tmp_path / "n.csv"
    note.write_text("商家编码,实收数量\nA23-R-M,20\nA23-R-L,35\n", encoding="utf-8")
    r = W.purchase_receive(shop, note, "CG1", dt.date(2026, 12, 3))
    assert (r.owed, r.booked, r.payment.amount) == (Decimal("1820.00"), Decimal(1000), Decimal("820.00"))
