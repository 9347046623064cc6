"""QA: `shopbook daily SHOP --date <today>` (allowed: "today or an earlier day") reported the day so far
as a whole day: at 10:00, 1 order of ¥164.90 against a median of 63 orders was marked ! three times,
"标 ! 的支付订单数、销售额、客单价比中位数低 30% 以上（异常），查一查原因", in the workbook, the e-mail and
the group message, and the KPI step said ✓ 3 个异常 — the boss read a collapse of the shop. Now a
report of today judges no anomaly and says why beside its figures; yesterday's is judged as before."""

from __future__ import annotations

import datetime as dt
import email
from email import policy

import openpyxl
from test_daily import demo_like_shop

from shopbook.report import workflow
from shopbook.report.workflow import run_daily


def _said(shop) -> tuple[list, str]:
    ws = openpyxl.load_workbook(shop.reports / "日报-2026-11-21.xlsx")["摘要"]
    cells = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    (eml,) = (shop.folder / "outbox").glob("*.eml")
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    text = next(p.get_content() for p in msg.walk() if p.get_content_type() == "text/plain")
    return cells, text


def test_todays_report_judges_no_fall_of_a_day_not_over(tmp_path, monkeypatch):
    monkeypatch.setattr(workflow, "_today", lambda: dt.date(2026, 11, 21))  # 11-21's 20 orders are so far
    shop = demo_like_shop(tmp_path / "today")
    run = run_daily(shop, dt.date(2026, 11, 21))
    kpi = next(s for s in run.steps if s.name == "kpi")
    assert kpi.ok is True and kpi.detail == "今天还没有过完：不判断异常", kpi.detail
    assert not any(k.anomaly for k in run.summary.kpi)
    cells, text = _said(shop)
    note = "2026-11-21 是今天，还没有过完：数字只是到现在为止的"
    assert any(isinstance(c, str) and c.startswith(note) for c in cells), cells
    assert note in text and "!" not in text.split("待发货订单")[0] and "异常），查一查原因" not in text

    monkeypatch.setattr(workflow, "_today", lambda: dt.date(2026, 11, 22))  # the next morning: a whole day
    shop = demo_like_shop(tmp_path / "yesterday")
    run = run_daily(shop, dt.date(2026, 11, 21))
    kpi = next(s for s in run.steps if s.name == "kpi")
    assert kpi.detail == "3 个异常" and [k.metric for k in run.summary.kpi if k.anomaly], kpi.detail
    cells, text = _said(shop)
    assert not any(isinstance(c, str) and note in c for c in cells) and "异常），查一查原因" in text
