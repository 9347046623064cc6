"""A time written with AM/PM after the date (2026-11-21 2:30 PM, as an English Excel shows it and a CSV
re-saved there keeps it) was "not a date" at every 付款时间 of an English shop's orders (qa-validate4),
while 下午2:30 read: it is read, 2:30 PM as 14:30; 13:10 PM, which is neither, is still said."""

from __future__ import annotations

import datetime as dt

import openpyxl
from blank_books import blank

from shopbook.io.reader import read_workbook
from shopbook.schema import WORKBOOKS, OrderLine
from shopbook.validate import validate_path


def test_a_time_with_am_or_pm_is_read(tmp_path):
    path, wb = blank(tmp_path, "orders.xlsx", "en")
    ws = wb.worksheets[0]
    head = [c.value for c in ws[1]]
    for r, paid in enumerate(["2026-11-21 2:30 PM", "2026/11/21 12:05 am", "2026-11-21 13:10 PM"], start=2):
        row = {"order_no": f"T{r}", "source": "taobao", "paid_at": paid, "receiver": "Li", "phone": "13812345678",
               "address": "浙江省 杭州市 西湖区 文三路1号", "sku": "A001", "qty": 1, "unit_price": 99, "status": "new"}
        for k, v in row.items():
            ws.cell(r, head.index(k) + 1, v)
    wb.save(path)
    said = [(i.cell, i.message_en) for i in validate_path(path).issues if i.is_error]
    at = f"{openpyxl.utils.get_column_letter(head.index('paid_at') + 1)}"
    assert said == [(f"{at}4", "Not a date: '2026-11-21 13:10 PM'. Enter 2026-11-03 or 2026/11/3.")], said
    spec = next(w for w in WORKBOOKS if w.filename == "orders.xlsx")
    lines = read_workbook(path, spec).sheets[OrderLine].records
    assert [ln.paid_at for ln in lines if ln.row < 4] == [dt.datetime(2026, 11, 21, 14, 30), dt.datetime(2026, 11, 21, 0, 5)]
