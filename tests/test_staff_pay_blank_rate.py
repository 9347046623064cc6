"""QA: a 客服 whose 提成比例 was left blank (a new hire's row, the rate not typed in yet) and a 仓库 person whose
计件单价 was were paid no commission and no piece pay on the month's sales and parcels, `staff pay` saying
nothing of it; both are now said at their cell, with the orders and parcels they leave out. A 0
typed there is a person's word that none is paid: not said."""

from __future__ import annotations

import datetime as dt

from test_staff_pay import D, order, shirt_shop, t
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import StaffMember

STAFF = [
    StaffMember(name="小美", role="客服", base=D("3000.00"), pay_account="银行卡"),  # 提成比例 blank
    StaffMember(name="小红", role="客服", base=D("2800.00"), commission_rate="0", pay_account="银行卡"),  # typed 0
    StaffMember(name="小李", role="仓库", base=D("2000.00"), daily_quota=1, pay_account="银行卡"),  # 计件单价 blank
]
LINES = [
    *order("O1", "小美", [("S", 2, "99.00")], t(9), packer="小李", shipped=dt.date(2026, 11, 10)),
    *order("O2", "小美", [("S", 1, "129.00")], t(9), packer="小李", shipped=dt.date(2026, 11, 10)),
    *order("O3", "小红", [("S", 1, "49.90")], t(9), packer="小李", shipped=dt.date(2026, 11, 10)),
]


def test_a_blank_commission_rate_and_piece_rate_are_said_at_their_cells(tmp_path):
    folder = shirt_shop(tmp_path / "shop", LINES, STAFF)
    r = CliRunner().invoke(app, ["staff", "pay", str(folder), "--month", "2026-11"])
    out = " ".join(r.output.split())
    assert r.exit_code == 0, r.output  # (as every warning of staff pay: the pay is worked out)
    # 小美: O1 and O2, 2 × 99.00 + 129.00; located at her 提成比例 cell (ledger.xlsx 绩效, row 2)
    assert "小美 是客服，本月付款的 2 个订单（¥327.00）是 小美 经手的，但提成比例空着：这些订单的提成按 0 算了" in out, out
    assert "绩效" in out and "D2" in out, out
    # 小李: three parcels on 11-10, quota 1: 2 above it, at 计件单价 blank
    assert "小李 本月打包超出每日定额的包裹有 2 个，但计件单价空着：计件工资按 0 算了" in out, out
    assert "小红 是客服" not in out  # her 0 is typed
    assert "customer service and handled" not in out  # the shop's language alone
