"""QA: 小美 left on 11-15 (离职日期, 在职 否): `staff pay` for November paid and proposed her whole month's 底薪,
¥3,000.00, without a word (a newcomer's row is noted as the whole month's, a change of pay is worked out by the
days). It is said at her 底薪, with the days worked and the base by them (¥1,500.00), for a person to choose;
once her pay is booked it is no longer said."""

from __future__ import annotations

import datetime as dt

from test_staff_pay import D, order, shirt_shop, t
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import StaffMember

STAFF = [
    StaffMember(name="小美", role="客服", base=D("3000.00"), commission_rate="1%", pay_account="银行卡",
                active=False, left_on=dt.date(2026, 11, 15)),
    StaffMember(name="小红", role="客服", base=D("2800.00"), commission_rate="1%", pay_account="银行卡"),
]


def test_a_leaver_s_whole_month_base_is_said_with_the_days_worked(tmp_path):
    folder = shirt_shop(tmp_path / "shop", order("O1", "小美", [("S", 1, "100.00")], t(9)), STAFF)
    run = CliRunner()
    r = run.invoke(app, ["staff", "pay", str(folder), "--month", "2026-11"])
    out = " ".join(r.output.split())
    assert r.exit_code == 0, r.output
    assert ("小美 2026-11-15 离职，本月 30 天做了 15 天（11-01 至 11-15），底薪按整月发了 ¥3,000.00（按天折算是 "
            "¥1,500.00）") in out, out
    assert "绩效 › C2 底薪" in out, out  # located: ledger.xlsx › 绩效 › her 底薪
    assert out.count("按天折算") == 1, out  # 小红, there all month, is not said
    assert "left on" not in out
    # booked as it is (the whole month): said booked, not advised again (test_staff_pay_leaver_advice_booked)
    r = run.invoke(app, ["staff", "pay", str(folder), "--month", "2026-11", "--book", "--date", "2026-12-05"])
    assert "按天折算" not in r.output and "的工资已记账 ¥3,001.00（底薪 ¥3,000.00）" in r.output, r.output
    r = run.invoke(app, ["staff", "pay", str(folder), "--month", "2026-11"])
    assert "按天折算" not in r.output, r.output  # booked: settled


def test_one_who_starts_and_leaves_in_the_month_is_said_with_the_days_from_their_start():
    """(review) Started 11-10, left 11-20: said '30 天做了 20 天（11-01 至 11-20）…¥2,000.00', 11 days worked."""
    from shopbook.staff.pay import month_pay

    staff = [StaffMember(name="小美", role="客服", base=D("3000"), commission_rate="1%", start=dt.date(2026, 11, 10),
                         left_on=dt.date(2026, 11, 20), active=False)]
    _, issues = month_pay(staff, order("O1", "小美", [("S", 1, "100.00")], t(12)), [], dt.date(2026, 11, 1),
                          dt.date(2026, 11, 30))
    [w] = [i for i in issues if i.field == "base"]
    assert "本月 30 天做了 11 天（11-10 至 11-20），底薪按整月发了 ¥3,000.00（按天折算是 ¥1,100.00）" in w.message_zh, w.message_zh


def test_a_leaving_date_typed_on_a_persons_first_row_is_the_persons():
    """(review) 离职日期 typed on 小美's first row, her raise row of 09-01 (or of 11-10) left without it: the raise
    row, in force at the month's end, paid her the whole of November after she left in October, unsaid (and a
    November leaver's whole base unsaid). A leaving date is the person's: on each of her rows begun by it; not on a
    row begun after it (she came back)."""
    from shopbook.staff.pay import month_pay

    first, last = dt.date(2026, 11, 1), dt.date(2026, 11, 30)
    left_october = [StaffMember(name="小美", role="客服", base=D("3000"), left_on=dt.date(2026, 10, 15), active=False),
                    StaffMember(name="小美", role="客服", base=D("3300"), start=dt.date(2026, 9, 1))]
    people, _ = month_pay(left_october, [], [], first, last)
    assert people == []
    left_november = [StaffMember(name="小美", role="客服", base=D("3000"), left_on=dt.date(2026, 11, 20)),
                     StaffMember(name="小美", role="客服", base=D("3300"), start=dt.date(2026, 11, 10))]
    _, issues = month_pay(left_november, [], [], first, last)
    assert [i for i in issues if i.field == "base" and "2026-11-20 离职" in i.message_zh], issues
    back = [StaffMember(name="小美", role="客服", base=D("3000"), left_on=dt.date(2026, 5, 31), active=False),
            StaffMember(name="小美", role="客服", base=D("3300"), start=dt.date(2026, 9, 1))]  # came back in September
    people, _ = month_pay(back, [], [], first, last)
    assert [(p.name, p.base) for p in people] == [("小美", D("3300"))]
