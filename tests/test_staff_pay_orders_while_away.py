"""QA: 小美 (客服) left on 11-10 and came back on 11-20 (a second 绩效 row from that day), 小李 (仓库) likewise from
11-05 to 11-15: the orders paid under 小美's name and the parcels shipped under 小李's on the days away were counted in
their commission and piece pay without a word, the sales of a 旺旺 sub-account or a scan file's 打包员 line handed on
to whoever stood in. Said now at the 离职日期 they left on, with each order and its day, counted as before (whose they
are is a person's to decide): the money unchanged. Orders on days worked, and after a last 离职日期 (said as after
leaving), are not said as away."""

from __future__ import annotations

import datetime as dt

from test_staff_pay import STAFF, D, order, t

from shopbook.staff.pay import month_pay

NOV1, NOV30 = dt.date(2026, 11, 1), dt.date(2026, 11, 30)
MEI = [STAFF[0].model_copy(update={"left_on": dt.date(2026, 11, 10), "row": 2}),
       STAFF[0].model_copy(update={"start": dt.date(2026, 11, 20), "row": 3})]
LI = [STAFF[2].model_copy(update={"left_on": dt.date(2026, 11, 5), "row": 4}),
      STAFF[2].model_copy(update={"start": dt.date(2026, 11, 5), "piece_rate": D("1.00"), "row": 5}),  # a raise
      STAFF[2].model_copy(update={"start": dt.date(2026, 11, 16), "left_on": dt.date(2026, 11, 25), "row": 6})]
LINES = [*order("A1", "小美", [("S", 1, "100.00")], t(10, h=23), packer="小李", shipped=dt.date(2026, 11, 5)),
         *order("A2", "小美", [("S", 2, "100.00")], t(11), packer="小李", shipped=dt.date(2026, 11, 6)),
         *order("A3", "小美", [("S", 1, "100.00")], t(19, h=22), packer="小李", shipped=dt.date(2026, 11, 15)),
         *order("A4", "小美", [("S", 1, "100.00")], t(20), packer="小李", shipped=dt.date(2026, 11, 26))]


def test_orders_on_the_days_away_are_said_and_still_counted():
    people, issues = month_pay([*MEI, *LI, STAFF[1]], LINES, [], NOV1, NOV30)
    mei, li = (next(p for p in people if p.name == n) for n in ("小美", "小李"))
    assert (mei.sales, mei.commission) == (D("500.00"), D("7.50"))  # every order still hers
    assert li.packed == 4  # every parcel still his
    away = [i for i in issues if i.field == "left_on" and "回来" in i.message_zh]
    assert [(i.row, i.severity) for i in away] == [(2, "warning"), (4, "warning")], [i.message_zh for i in away]
    zh, en = away[0].message_zh, away[0].message_en
    assert "小美 2026-11-10 离职、2026-11-20 回来，11-11 至 11-19 没有上班，但有 2 个订单在这些天付款、客服是 小美" in zh
    assert "A2（11-11）、A3（11-19）" in zh and "A1" not in zh and "A4" not in zh and "都算进了 小美 的提成" in zh
    assert "请在订单表把客服改成那个人" in zh
    assert "小美 left on 2026-11-10 and came back on 2026-11-20, away 11-11 to 11-19, but 2 orders paid" in en
    assert "(orders A2 (11-11), A3 (11-19)): all counted in 小美's commission" in en and "as cs" in en
    # 小李's leaving date, typed on his first row, is his raise row's (11-05) too: said once, where it is typed
    zh, en = away[1].message_zh, away[1].message_en
    assert "小李 2026-11-05 离职、2026-11-16 回来，11-06 至 11-15 没有上班，但有 2 个订单在这些天发货、打包员是 小李" in zh
    assert "A2（11-06）、A3（11-15）" in zh and "都算进了 小李 的计件" in zh
    assert "2 orders shipped on those days name 小李 as packer (orders A2 (11-06), A3 (11-15))" in en
    # A4, shipped after his last 离职日期, is said as after leaving, not as away
    (after,) = [i for i in issues if i.field == "left_on" and "但有" in i.message_zh and i not in away]
    assert "A4" in after.message_zh and "2026-11-25" in after.message_zh
