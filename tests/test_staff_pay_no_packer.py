"""QA: two packers on piece pay; one morning's scan file went through `ship` without its 打包员 line, and its
parcels were marked shipped with no packer. November counted them for nobody and said nothing (its warning
is only for a month where no order names a packer at all): 小李's 25th paid ¥0.00 for 4 parcels over a
quota of 2. Now the shipped orders with no 打包员 are said at the first one's cell, named, zh and en, in a
shop that pays by the piece; a shop that does not is not told."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from shopbook.schema import StaffMember
from shopbook.shop import open_shop
from shopbook.staff.workflow import staff_pay

from test_staff_pay import order, shirt_shop, t

DAY = dt.date(2026, 11, 25)


def _lines():
    out = []
    for i in range(2):
        out += order(f"P{i}", None, [("S", 1, "99.00")], t(24), packer="小李", shipped=DAY)
    for i in range(4):
        out += order(f"N{i}", None, [("S", 1, "99.00")], t(24), shipped=DAY)  # scanned with no 打包员 line
    return out


def _staff(rate):
    return [StaffMember(name="小李", role="仓库", base=D("2000.00"), piece_rate=rate, daily_quota=2, pay_account="银行卡")]


def test_shipped_orders_with_no_packer_are_said(tmp_path):
    res = staff_pay(open_shop(shirt_shop(tmp_path / "shop", _lines(), _staff(D("0.80")))), "2026-11")
    assert (res.payroll.people[0].packed, res.payroll.people[0].piece) == (2, D("0.00"))
    said = [i for i in res.payroll.issues if i.field == "packer"]
    assert len(said) == 1, res.payroll.issues
    i = said[0]
    assert (i.sheet, i.row) == ("订单", 4)  # N0: header, P0, P1, N0
    assert i.message_zh == ("2026-11 发货的 4 个订单没有填打包员（订单 N0、N1、N2、N3）：没有算进任何人的计件。是本店打包的话，"
                            "请在订单表填上打包员（验货发货的扫描文件里写一行“打包员：名字”），再算绩效。")
    assert i.message_en == ("4 orders shipped in 2026-11 have no packer (orders N0, N1, N2, N3): counted in nobody's "
                            "piece pay. If packed here, fill in the packer on the Orders sheet (in a scan file, a line "
                            "'packer: NAME'), then work out pay again.")


def test_a_shop_not_paying_by_the_piece_is_not_told(tmp_path):
    res = staff_pay(open_shop(shirt_shop(tmp_path / "shop", _lines(), _staff(None))), "2026-11")
    assert not [i for i in res.payroll.issues if i.field == "packer"]
