"""QA: 小美 (customer service) left on 11-15 (离职日期); her 旺旺 sub-account went to the new hire, whose
orders kept saying 客服 小美. November paid 小美 commission on every sale to the 30th (and, the most sales,
the top-seller bonus), without a word; so for a packer whose scan file's 打包员 line was not changed. Now
the orders paid (客服) or shipped (打包员) after a leaver's last day are said at their 离职日期 cell, named,
zh and en (still counted: a sale closed on the 15th may be paid on the 16th); those up to it are not."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from shopbook.schema import StaffMember
from shopbook.shop import open_shop
from shopbook.staff.workflow import staff_pay

from test_staff_pay import order, shirt_shop, t

STAFF = [
    StaffMember(name="小美", role="客服", base=D("1500.00"), commission_rate="1%", pay_account="银行卡",
                left_on=dt.date(2026, 11, 15)),
    StaffMember(name="小李", role="仓库", base=D("1000.00"), piece_rate=D("0.50"), daily_quota=1, pay_account="银行卡",
                left_on=dt.date(2026, 11, 15)),
]


def _lines():
    return [
        *order("O1", "小美", [("S", 1, "100.00")], t(15, h=23), packer="小李", shipped=dt.date(2026, 11, 15)),
        *order("O2", "小美 ", [("S", 2, "99.00")], t(16), packer="小李", shipped=dt.date(2026, 11, 16)),
        *order("O3", "小美", [("S", 1, "50.00")], t(20), packer="小李", shipped=dt.date(2026, 11, 21)),
    ]


def test_orders_after_the_leaving_day_are_said(tmp_path):
    res = staff_pay(open_shop(shirt_shop(tmp_path / "shop", _lines(), STAFF)), "2026-11")
    mei, li = res.payroll.people
    # still counted, by hand: (100 + 198 + 50) × 1 % = 3.48; a parcel a day, quota 1: nothing above it
    assert (mei.sales, mei.commission, li.packed, li.piece) == (D("348.00"), D("3.48"), 3, D("0.00"))
    said = {i.row: i for i in res.payroll.issues if i.field == "left_on"}
    assert set(said) == {2, 3}, res.payroll.issues
    assert said[2].message_zh == ("小美 的离职日期是 2026-11-15，但有 2 个订单在那之后付款，客服还是 小美（订单 O2、O3）："
                                  "都算进了 小美 的提成。是接手的人经手的话，请在订单表把客服改成那个人，再算绩效。")
    assert said[2].message_en == ("小美 left on 2026-11-15, but 2 orders paid after that still name 小美 as cs (orders "
                                  "O2, O3): all counted in 小美's commission. If the person who took over handled them, "
                                  "change the cs on the Orders sheet to that person, then work out pay again.")
    assert "（订单 O2、O3）" in said[3].message_zh and "计件" in said[3].message_zh
    assert "packer" in said[3].message_en and "O1" not in said[3].message_en


def test_a_leaver_whose_orders_end_with_them_is_not_told(tmp_path):
    lines = [ln for ln in _lines() if ln.order_no == "O1"]
    res = staff_pay(open_shop(shirt_shop(tmp_path / "shop", lines, STAFF)), "2026-11")
    assert not [i for i in res.payroll.issues if i.field == "left_on"]
