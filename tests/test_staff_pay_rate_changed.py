"""A person's pay changed mid-month, typed as the 绩效 sheet says to: a second row of their name with the day it
starts (起始日期), the old row kept. Each day is paid at the rates in force that day; the same name twice with no day
to tell the rows apart (two people of one name) is refused, located, saying both ways to put it right."""

from __future__ import annotations

import datetime as dt

import openpyxl
from cli_run import flat, shopbook
from test_staff_pay import D, order, shirt_shop, t

from shopbook.io.reader import read_workbook
from shopbook.schema import LEDGER, Entry, StaffMember
from shopbook.validate import validate_path

LI = dict(name="小李", role="仓库", pay_account="银行卡")
MEI = dict(name="小美", role="客服", top_bonus=D("0"), complaint_deduction=D("50.00"), pay_account="银行卡")


def packed(no: str, day: int) -> list:
    return order(no, None, [("S", 1, "99.00")], t(day), packer="小李", shipped=dt.date(2026, 11, day))


def test_a_rate_changed_mid_month_pays_each_day_at_its_own_rate(tmp_path):
    """QA: 小李's piece rate went from 0.50 to 1.00 and his base from 3000 to 3300 on 11-16, typed as a second row
    with 起始日期 2026-11-16; 小美's commission from 1 % to 2 % the same day. `staff pay` stopped: 'Duplicate name
    小李', nobody paid. Now 11-10's parcels are paid at 0.50 above the quota of 2, 11-20's at 1.00 above the quota of
    1, the base by the days of each (15 × 3000 + 15 × 3300) ÷ 30, the sales by the day each order was paid, a refund
    at the rate its order earned, a complaint at the deduction of the day it was opened."""
    from test_staff_pay import case
    lines = [*[ln for i in range(5) for ln in packed(f"A{i}", 10)],  # 5 on 11-10: 3 above 2, × 0.50 = 1.50
             *[ln for i in range(4) for ln in packed(f"B{i}", 20)],  # 4 on 11-20: 3 above 1, × 1.00 = 3.00
             *order("M1", "小美", [("S", 1, "100.00")], t(9)),  # 1 % = 1.00
             *order("M2", "小美", [("S", 2, "100.00")], t(20))]  # 200 − 50 refunded = 150, 2 % = 3.00
    cases = [case("C1", "小美", dt.date(2026, 11, 21), "已完成", kind="仅退款").model_copy(
                 update={"order_no": "M2", "amount": D("50.00")}),
             case("C2", "小美", dt.date(2026, 11, 3), "处理中").model_copy(update={"order_no": "M1"}),  # 50.00
             case("C3", "小美", dt.date(2026, 11, 25), "处理中").model_copy(update={"order_no": "M2"})]  # 80.00
    staff = [StaffMember(**LI, base=D("3000.00"), piece_rate=D("0.50"), daily_quota=2),
             StaffMember(**MEI, base=D("3000.00"), commission_rate="1%"),
             StaffMember(**LI, base=D("3300.00"), piece_rate=D("1.00"), daily_quota=1, start=dt.date(2026, 11, 16)),
             StaffMember(**{**MEI, "complaint_deduction": D("80.00")}, base=D("3000.00"), commission_rate="2%",
                         start=dt.date(2026, 11, 16))]
    folder = shirt_shop(tmp_path / "shop", lines, staff)
    from shopbook.schema import ORDERS, AfterSalesCase, OrderLine
    from shopbook.workbook_builder import write_workbook
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, AfterSalesCase: cases}, keep_backup=False)
    r = shopbook("staff", "pay", folder, "--month", "2026-11", "--book", "--date", "2026-12-05")
    assert r.returncode in (0, 1), r.stdout + r.stderr
    out = flat(r.stdout)
    assert "小李仓库：底薪¥3,150.00+计件工资¥4.50=合计¥3,154.50" in out, r.stdout
    assert "小美客服：底薪¥3,000.00+提成¥4.00−投诉扣款¥130.00=合计¥2,874.00" in out, r.stdout
    # the day each new row takes over said at it, and how the base was worked out (typed nowhere: 3,150.00)
    assert "小李从2026-11-16起按这一行算（之前按第2行）" in out and "本月底薪¥3,150.00" in out, r.stdout
    assert "小美从2026-11-16起按这一行算（之前按第3行）" in out, r.stdout
    rows = list(openpyxl.load_workbook(folder / "reports" / "绩效-2026-11.xlsx")["绩效"].iter_rows(values_only=True))
    li = next(r for r in rows if r[0] == "小李")
    assert (D(str(li[2])), li[5], li[6], D(str(li[7])), D(str(li[11]))) == (D("3150"), 9, 6, D("4.5"), D("3154.5"))
    booked = {e.counterparty: e.amount for e in read_workbook(folder / "ledger.xlsx", LEDGER).rows(Entry)}
    assert booked == {"小李": D("3154.50"), "小美": D("2874.00")}  # one line each, never one per row


def test_two_people_of_one_name_are_refused_at_the_second_row(tmp_path):
    """QA: two packers both called 小李, each on a row of their own: the message said to keep one row and delete
    the other, a real person's. Now it says the row, and both ways: a start date for a change of pay, or names told
    apart (in the orders too); nothing is paid or written, and validate says the same."""
    staff = [StaffMember(**LI, base=D("3000.00"), piece_rate=D("0.50")),
             StaffMember(**LI, base=D("2800.00"), piece_rate=D("0.60"))]
    folder = shirt_shop(tmp_path / "shop", packed("A1", 10), staff)
    before = (folder / "ledger.xlsx").read_bytes()
    r = shopbook("staff", "pay", folder, "--month", "2026-11", "--book", "--date", "2026-12-05")
    out = flat(r.stdout + r.stderr)
    assert r.returncode == 2, out
    assert "重复的姓名“小李”：第2行已有（起始日期都空着）" in out and "起始日期" in out and "小李A、小李B" in out, out
    assert "表里没有“起始日期”这一列的话，先在表头加上" in out, out  # (a sheet made before the column was)
    assert "Traceback" not in out and (folder / "ledger.xlsx").read_bytes() == before
    assert not (folder / "reports" / "绩效-2026-11.xlsx").exists()
    res = validate_path(folder / "ledger.xlsx")
    said = [i for i in res.issues if i.sheet == "绩效" and i.is_error]
    assert said and "two people share the name" in said[0].message_en and said[0].row == 3, res.issues


def test_a_change_typed_with_only_what_changed_keeps_the_rest_of_the_row_before(tmp_path):
    """QA: 小王's new row typed with its 计件单价 and 起始日期 alone (每日定额 and 发薪账户 left blank, unchanged): the
    days from 11-16 were paid every parcel (a quota of 0) and no salary line was proposed. Now a blank cell of the
    later row is the row before's: 4 parcels on 11-20 above a quota of 3 at 1.00, and his line booked."""
    wang = dict(name="小王", role="仓库", base=D("2000.00"))
    staff = [StaffMember(**wang, piece_rate=D("0.50"), daily_quota=3, pay_account="银行卡"),
             StaffMember(**wang, piece_rate=D("1.00"), start=dt.date(2026, 11, 16))]
    lines = [ln for i in range(4) for ln in order(f"B{i}", None, [("S", 1, "99.00")], t(20), packer="小王",
                                                   shipped=dt.date(2026, 11, 20))]
    folder = shirt_shop(tmp_path / "shop", lines, staff)
    r = shopbook("staff", "pay", folder, "--month", "2026-11", "--book", "--date", "2026-12-05")
    assert "小王仓库：底薪¥2,000.00+计件工资¥1.00=合计¥2,001.00" in flat(r.stdout), r.stdout + r.stderr
    booked = {e.counterparty: (e.amount, e.account) for e in read_workbook(folder / "ledger.xlsx", LEDGER).rows(Entry)}
    assert booked == {"小王": (D("2001.00"), "银行卡")}, r.stdout


def test_a_newcomer_s_first_row_dated_mid_month_says_the_base_is_the_month_s(tmp_path):
    """QA: a newcomer's only row typed with 起始日期 11-16: the note said '从 2026-11-16 起按这一行算（之前按第 2 行）',
    the row it was at. Now it says the days before it are paid by it too, the base a whole month's, to enter the
    part due."""
    staff = [StaffMember(name="小新", role="仓库", base=D("3000.00"), pay_account="银行卡", start=dt.date(2026, 11, 16))]
    folder = shirt_shop(tmp_path / "shop", packed("A1", 20), staff)
    r = shopbook("staff", "pay", folder, "--month", "2026-11", "--date", "2026-12-05")
    out = flat(r.stdout)
    assert "小新只有从2026-11-16起的行：11-01至11-15也按这一行算，底薪¥3,000.00是整月的" in out, r.stdout + r.stderr
    assert "之前按" not in out, r.stdout
