"""The daily report and its e-mail as the boss reads them in the morning, in a Chinese and an
English demo shop: what they say is checked against the workbooks, recomputed here with openpyxl."""

from __future__ import annotations

import datetime as dt
import email
import re
from collections import Counter
from email import policy

import openpyxl
import pytest

from demo_shop import demo_copy
from shopbook.report import workflow
from shopbook.report.workflow import run_daily
from shopbook.shop import open_shop

DAY = dt.date(2026, 11, 21)
OPEN = {"草稿", "已下单", "部分到货", "draft", "ordered", "partly received"}


@pytest.fixture(scope="module", params=["zh", "en"])
def ran(request, tmp_path_factory):
    lang = request.param
    folder = demo_copy(tmp_path_factory.mktemp(f"read-{lang}") / "shop", lang)
    shop = open_shop(folder)
    with pytest.MonkeyPatch.context() as m:  # the morning after DAY (a past day's report has no self-check)
        m.setattr(workflow, "_today", lambda: DAY + dt.timedelta(days=1))
        run = run_daily(shop, DAY)
    msg = email.message_from_bytes(run.email.read_bytes(), policy=policy.default)
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    return lang, folder, run, text, html


def on_order(folder, lang: str) -> Counter:
    """Units on open purchase orders placed by the report's day, from stock.xlsx's 采购 sheet."""
    ws = openpyxl.load_workbook(folder / "stock.xlsx", read_only=True)["采购" if lang == "zh" else "Purchases"]
    rows = ws.iter_rows(values_only=True)
    head = list(next(rows))
    col = {k: head.index(k) for k in head if k}
    sku, qty, got, status, ordered = (("商家编码", "数量", "已收数量", "状态", "下单日期") if lang == "zh"
                                      else ("sku", "qty", "received", "status", "order_date"))
    out: Counter = Counter()
    for r in rows:
        if r[col[sku]] and r[col[status]] in OPEN and r[col[ordered]].date() <= DAY:
            out[r[col[sku]]] += r[col[qty]] - (r[col[got]] or 0)
    return out


def test_an_alert_with_nothing_to_reorder_says_what_is_on_order(ran):
    """An item out of stock with 补货 0 read as "nothing to order": it is 0 because that much is on
    order already. The alert says so, in the e-mail (text and HTML) and on the report's sheets."""
    lang, folder, run, text, html = ran
    coming = on_order(folder, lang)
    ws = openpyxl.load_workbook(run.report, read_only=True)["库存预警" if lang == "zh" else "Stock alerts"]
    alerts = list(ws.iter_rows(min_row=2, values_only=True))
    zero = [a for a in alerts if a[4] == 0]
    assert zero, "the demo has alerts whose reorder is 0"
    for sku, name, why, avail, reorder in alerts:
        said = (f"在途 {coming[sku]} 件" if lang == "zh" else f"{coming[sku]} on order")
        assert (said in why) is bool(coming[sku]), (sku, why, coming[sku])
    for sku, name, why, avail, reorder in zero:
        assert coming[sku] > 0, sku  # nothing to reorder only because it is on order
    for sku, name, why, avail, reorder in alerts[:10]:  # the e-mail's first ten
        opened = f"{sku} {name} — {why}" + ("（" if lang == "zh" else " (")  # (full-width in a zh line)
        assert opened in text and opened in html


def test_a_kpi_under_its_target_is_named_once_in_the_self_check(ran):
    """The self-check's operations item read "好评率: 好评率 98.42%，低于目标 98.50%" (the metric's name
    twice); it reads "好评率: 98.42%，低于目标 98.50%", the figures those of kpi.xlsx for the day."""
    lang, folder, run, text, html = ran
    kb = openpyxl.load_workbook(folder / "kpi.xlsx", read_only=True)
    rows = kb["日报" if lang == "zh" else "Daily"].iter_rows(values_only=True)
    head = list(next(rows))
    day = next(r for r in rows if r[0] and r[0].date() == DAY)
    rate = day[head.index("好评率" if lang == "zh" else "positive_rate")]
    target = next(r[1] for r in kb["目标" if lang == "zh" else "Targets"].iter_rows(min_row=2, values_only=True)
                  if r[0] in ("好评率", "Positive rate"))
    assert rate < target
    label = "好评率" if lang == "zh" else "Positive reviews"
    line = (f"{label}：{rate:.2%}，低于目标 {target:.2%}" if lang == "zh"
            else f"{label}: {rate:.2%}, under its target {target:.2%}")
    assert line in text and line in html
    assert f"{label}：{label}" not in text + html and f"{label}: {label}" not in text + html
    ws = openpyxl.load_workbook(run.report, read_only=True)["自查" if lang == "zh" else "Self-check"]
    assert [r[1] for r in ws.iter_rows(values_only=True) if r[2] == label] == [re.split("：|: ", line, maxsplit=1)[1]]


def test_every_sum_of_money_is_written_one_way(ran):
    """The agents owing read "¥10089.54" beside "¥15,613.55" for the day's sales: every ¥ sum of the
    e-mail is grouped by thousands, to the fen."""
    import re

    lang, folder, run, text, html = ran
    sums = re.findall(r"¥[\d,]+(?:\.\d+)?", text)
    assert any(s.startswith("¥1") and len(s) > 9 for s in sums)  # the agents' 10,000-odd is among them
    assert [s for s in sums if not re.fullmatch(r"¥\d{1,3}(,\d{3})*\.\d{2}", s)] == []
