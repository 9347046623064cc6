"""An order sent in two parts (a 预售 line shipped days after the rest, packed by someone else under a waybill of its
own, each line's 打包员, 发货日期 and 快递单号 typed on its row): each part is a parcel of its own packer on its own day
in staff pay, as the ledger reads each line's 发货日期. Before, only the first row's parcel counted."""

from __future__ import annotations

import datetime as dt

import openpyxl
from cli_run import flat, shopbook
from test_staff_pay import D, shirt_shop, t

from shopbook.schema import OrderLine, StaffMember

PACKERS = [StaffMember(name=n, role="仓库", base=D("2000.00"), piece_rate=D("1.00"), daily_quota=0, pay_account="银行卡")
           for n in ("小李", "小王")]


def line(no: str, sku: str, packer: str, day: int, tracking: str) -> OrderLine:
    return OrderLine(order_no=no, receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 a", sku=sku, qty=1,
                     unit_price=D("99.00"), paid_at=t(9), status="已发货", packer=packer,
                     shipped_on=dt.date(2026, 11, day), tracking_no=tracking)


def test_an_order_sent_in_two_parts_pays_each_packer_their_parcel(tmp_path):
    lines = [line("O1", "S", "小李", 10, "SF100"), line("O1", "T", "小王", 12, "SF200"),  # two parts, two boxes
             line("O2", "S", "小李", 10, "SF300"), line("O2", "T", "小李", 10, "SF300")]  # one box of two lines
    folder = shirt_shop(tmp_path / "shop", lines, PACKERS)
    r = shopbook("staff", "pay", folder, "--month", "2026-11", "--date", "2026-12-05")
    out = flat(r.stdout)
    assert "小李仓库：底薪¥2,000.00+计件工资¥2.00=合计¥2,002.00" in out, r.stdout + r.stderr
    assert "小王仓库：底薪¥2,000.00+计件工资¥1.00=合计¥2,001.00" in out, r.stdout + r.stderr
    days = list(openpyxl.load_workbook(folder / "reports" / "绩效-2026-11.xlsx")["计件明细"].iter_rows(values_only=True))
    assert [(n, d.date(), k) for n, d, k, _ in days[1:]] == [("小李", dt.date(2026, 11, 10), 2),
                                                            ("小王", dt.date(2026, 11, 12), 1)]
