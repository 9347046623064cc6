"""QA: a packer paid by the piece packed 5 parcels on 11-25 (quota 3: 2 above, ¥0.80 each = ¥1.60); two of
them were marked 已发货 by hand, their 打包员 and 快递单号 typed, their 发货日期 not. Piece pay counted 3
that day, paid ¥0.00, and said nothing. Now those orders are said at the first one's 发货日期 cell, named,
and left out of the count (no day to count them on), zh and en; an order not shipped yet, or paid in
another month, is not said."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from shopbook.staff.workflow import staff_pay
from shopbook.schema import StaffMember
from shopbook.shop import open_shop

from test_staff_pay import order, shirt_shop, t

LI = StaffMember(name="小李", role="仓库", base=D("2000.00"), piece_rate=D("0.80"), daily_quota=3, pay_account="银行卡")
DAY = dt.date(2026, 11, 25)


def _lines(dated: int, undated: int):
    out = []
    for i in range(dated):
        out += order(f"D{i}", None, [("S", 1, "99.00")], t(24), packer="小李", shipped=DAY)
    for i in range(undated):
        out += order(f"U{i}", None, [("S", 1, "99.00")], t(24), packer="小李 ")  # typed by hand, no 发货日期
    out += order("W1", None, [("S", 1, "99.00")], t(24), status="已审核", packer="小李")  # not shipped yet
    out += order("OCT", None, [("S", 1, "99.00")], t(20, 10), packer="小李")  # paid in October
    return out


def test_parcels_without_a_ship_date_are_said(tmp_path):
    shop = open_shop(shirt_shop(tmp_path / "shop", _lines(3, 2), [LI]))
    res = staff_pay(shop, "2026-11")
    li = res.payroll.people[0]
    assert (li.packed, li.above_quota, li.piece) == (3, 0, D("0.00"))  # 3 dated, at the quota
    said = [i for i in res.payroll.issues if i.field == "shipped_on"]
    assert len(said) == 1, res.payroll.issues
    i = said[0]
    assert (i.sheet, i.row, i.severity) == ("订单", 5, "warning")  # U0's row: header, D0–D2, U0
    assert i.message_zh == ("小李 打包的 2 个已发货订单没有填发货日期（订单 U0、U1）：不知道是哪一天打包的，没有算进计件。"
                            "请在订单表填上发货日期，再算绩效。")
    assert i.message_en == ("2 shipped orders packed by 小李 have no ship date (orders U0, U1): the day they were packed "
                            "is not known, so piece pay does not count them. Fill in the ship date on the Orders sheet, "
                            "then work out pay again.")
    assert "W1" not in i.message_zh and "OCT" not in i.message_zh


def test_all_dated_says_nothing_and_pays_by_hand(tmp_path):
    shop = open_shop(shirt_shop(tmp_path / "shop", _lines(5, 0), [LI]))
    res = staff_pay(shop, "2026-11")
    li = res.payroll.people[0]
    assert (li.packed, li.above_quota, li.piece) == (5, 2, D("1.60"))  # (5 − 3) × 0.80
    assert not [i for i in res.payroll.issues if i.field == "shipped_on"]
