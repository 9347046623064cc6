"""A line held for a person (probably booked already: its row typed a month off, or a duplicate) was listed among
the 'Alipay only' lines as the ones --apply adds are, the count of what it adds one fewer and nothing said why: a
person took it as booked. It is listed with 'not added' and the row of its warning."""

from __future__ import annotations

import datetime as dt

import openpyxl

from shopbook.money.said import differences_said
from shopbook.money.workflow import ALIPAY_SOURCE, reconcile_alipay_file
from shopbook.schema import LEDGER
from test_money import balance_agrees, classic_statement, november_lines, pin_account, shop, write_statement  # noqa: F401


def test_a_held_line_is_listed_as_not_added(shop, tmp_path):
    balance_agrees(shop)
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb["流水"]["A6"], wb["流水"]["G6"] = dt.datetime(2026, 12, 6), None  # 11-06's 直通车 typed 12-06
    wb.save(shop.path(LEDGER))
    res = reconcile_alipay_file(pin_account(shop), write_statement(tmp_path, classic_statement(november_lines())))
    said = {zh.split("：")[0].strip(): (zh, en) for _, zh, en in differences_said(res, ALIPAY_SOURCE[:2])}
    zh, en = said["仅支付宝 A5"]
    assert zh.endswith("（对账单第 9 行），不补录：见下面第 9 行的警告")
    assert en.endswith("(statement row 9), not added: see the warning at row 9 below")
    zh, en = said["仅支付宝 A7"]  # (the fee --apply adds: as before)
    assert zh.endswith("（对账单第 11 行）") and en.endswith("(statement row 11)")
