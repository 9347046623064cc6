"""staff pay reads 流水 to know the pay already booked or typed by hand; a 流水 whose required header is mistyped
(帐户 for 账户) reads as no line at all: pay is not worked out, nor booked, on a ledger it cannot read."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from test_staff_pay import shop as _shop

from shopbook.issues import DataStop
from shopbook.schema import LEDGER
from shopbook.staff.workflow import staff_pay

shop = _shop  # (the fixture)


def test_pay_is_not_booked_into_a_ledger_whose_account_header_is_mistyped(shop):
    """小美's November pay in 流水 already, then 账户 typed 帐户: --book booked the others' November into it, adding a
    second 账户 column at J beside 帐户 (帐户 blank on its rows), and said 小美's line as 有格子读不出来 (exit 0). Now it
    stops at E1, the header to correct, and writes nothing."""
    path = shop.path(LEDGER)
    wb = openpyxl.load_workbook(path)
    ws = wb["流水"]
    ws["E1"] = "帐户"
    ws.append([dt.datetime(2026, 12, 5), "支出", "员工工资", 3505.95, "银行卡", None, None, "小美", "绩效 2026-11"])
    wb.save(path)
    before = path.read_bytes()
    with pytest.raises(DataStop) as stop:
        staff_pay(shop, "2026-11", book=True, pay_day=dt.date(2026, 12, 5))
    assert "流水" in stop.value.zh and "E1" in stop.value.zh and "帐户" in stop.value.zh, stop.value.zh
    assert path.read_bytes() == before


def test_pay_stops_at_a_categories_header_mistyped_not_said_as_no_salary_category(shop):
    """类别's 收支 typed 收支2: every category unread, staff pay said 类别表里没有“工资”分组的支出类别 (there is one)
    and proposed nothing, exit 0. Now it stops at 类别 › B1, the header to correct."""
    path = shop.path(LEDGER)
    wb = openpyxl.load_workbook(path)
    wb["类别"]["B1"] = "收支2"
    wb.save(path)
    with pytest.raises(DataStop) as stop:
        staff_pay(shop, "2026-11")
    assert "类别" in stop.value.zh and "B1" in stop.value.zh and "收支2" in stop.value.zh, stop.value.zh
