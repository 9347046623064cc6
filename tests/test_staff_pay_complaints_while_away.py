"""QA: 小美 (客服) left on 11-10 and came back on 11-20. A complaint opened on 11-15 naming her as 客服 was deducted
from her pay without a word, where the orders paid under her name on those days were said (the other 客服 who stood
in took the complaint). Said now at the 离职日期 she left on, with each case and its day, deducted as before (whose it
is is a person's to decide): the money unchanged. A complaint on a day worked is not said as away."""

from __future__ import annotations

import datetime as dt

from test_staff_pay import STAFF, D, case

from shopbook.staff.pay import month_pay

NOV1, NOV30 = dt.date(2026, 11, 1), dt.date(2026, 11, 30)
MEI = [STAFF[0].model_copy(update={"left_on": dt.date(2026, 11, 10), "row": 2, "complaint_deduction": D("20.00")}),
       STAFF[0].model_copy(update={"start": dt.date(2026, 11, 20), "row": 3, "complaint_deduction": D("20.00")})]
CASES = [case("SH1", "小美", dt.date(2026, 11, 9), "处理中"), case("SH2", "小美", dt.date(2026, 11, 15), "处理中"),
         case("SH3", "小美", dt.date(2026, 11, 19), "已完成"), case("SH4", "小美", dt.date(2026, 11, 20), "处理中")]


def test_complaints_opened_on_the_days_away_are_said_and_still_deducted():
    people, issues = month_pay([*MEI, STAFF[1]], [], CASES, NOV1, NOV30)
    mei = next(p for p in people if p.name == "小美")
    assert (mei.complaints, mei.deductions) == (4, D("80.00"))  # every complaint still hers
    (away,) = [i for i in issues if i.field == "left_on" and "投诉" in i.message_zh]
    assert away.row == 2 and away.severity == "warning"
    zh, en = away.message_zh, away.message_en
    assert "小美 2026-11-10 离职、2026-11-20 回来，11-11 至 11-19 没有上班，但有 2 个投诉在这些天登记、客服是 小美" in zh
    assert "SH2（11-15）、SH3（11-19）" in zh and "SH1" not in zh and "SH4" not in zh
    assert "都从 小美 的绩效里扣了投诉扣款" in zh and "orders.xlsx 的“售后”表把客服改成那个人" in zh
    assert "but 2 complaints opened on those days name 小美 as staff (cases SH2 (11-15), SH3 (11-19))" in en
    assert "After-sales sheet of orders.xlsx" in en and "SH1" not in en


def test_an_english_shop_s_one_complaint_is_said_in_the_singular():
    _, issues = month_pay([*MEI, STAFF[1]], [], CASES[1:2], NOV1, NOV30)
    (away,) = [i for i in issues if i.field == "left_on" and "complaint" in i.message_en]
    assert "but 1 complaint opened on those days names 小美 as staff (case SH2 (11-15)): each deducted" in away.message_en
