"""QA (月度考核 e-mail): the month's review judged each day's orders against its target and its 好评率/DSR
against theirs on 考核, and its conversion against none: the 2 % target (the seeds': 10,000 UV a day for 200
orders) was judged in the daily report alone. And the e-mail and group message the boss reads said
'转化率：1.93%' and the totals, nothing of a target: a month with 好评率 under 98.5 % on 8 days read as a good one.
Now 考核's table judges conversion too, and the e-mail (text and HTML, through a real SMTP server on loopback)
and the group message say each target the days fell under, how many days of how many, and which."""

from __future__ import annotations

import datetime as dt
import email
import html
import re
from decimal import Decimal as D
from email import policy

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.report.monthly import build_review, key_figures
from shopbook.schema import KPI, DailyKpi, Target
from shopbook.workbook_builder import write_workbook
from test_bots import server  # noqa: F401 (a real HTTP server on loopback answering as the bots do)
from test_mail_exactly_once import serve, set_toml  # noqa: F401 (the fixture, asked for by name below)
from test_reports import month_shop

runner = CliRunner()
LOW_CONVERSION = (3, 4, 9, 10, 11, 12, 20)  # 40 buyers of 2,500 visitors: 1.60 %
LOW_RATE = {17: D("0.98")}  # under the default 98.5 %
FEW_ORDERS = (25,)  # 20 orders against the shop's 30


def september():
    return [DailyKpi(date=dt.date(2026, 9, d), visitors=2500 if d in LOW_CONVERSION else 1000,
                     buyers=20 if d in FEW_ORDERS else 40, orders=20 if d in FEW_ORDERS else 40,
                     sales=D("4000.00"), units=40, positive_rate=LOW_RATE.get(d, D("0.99")), dsr=D("4.85"))
            for d in range(1, 31)]


def shop_of(tmp_path, port: int, lang: str):
    shop = month_shop(tmp_path)
    write_workbook(shop.path(KPI), KPI, "zh", {DailyKpi: september(), Target: [Target(metric="支付订单数", target=D(30))]},
                   keep_backup=False)
    return set_toml(shop, **{'host = ""': 'host = "127.0.0.1"', "port = 587": f"port = {port}",
                             'security = "starttls"': 'security = "none"', "to = []": 'to = ["boss@shop.test"]',
                             'language = "zh"': f'language = "{lang}"'})


def text_and_html(raw: bytes) -> tuple[str, str]:
    msg = email.message_from_bytes(raw, policy=policy.default)
    page = msg.get_body(("html",)).get_content()
    return msg.get_body(("plain",)).get_content(), html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_monthly_email_says_the_days_under_each_target(tmp_path, serve, lang):  # noqa: F811
    handler, port = serve()
    shop = shop_of(tmp_path, port, lang)
    r = runner.invoke(app, ["email", str(shop.folder), "--report", "monthly", "--period", "2026-09"])
    assert r.exit_code == 0, r.output
    (raw,) = handler.messages
    text, page = text_and_html(raw)
    if lang == "zh":
        lines = ["支付订单数低于目标 30：1 天（共 30 天）：09-25",
                 "转化率低于目标 2.00%（默认）：7 天（共 30 天）：09-03、09-04、09-09、09-10、09-11、09-12、09-20",
                 "好评率低于目标 98.50%（默认）：1 天（共 30 天）：09-17"]
    else:
        lines = ["Orders under the 30 target: 1 of 30 days: 09-25",
                 "Conversion under the 2.00% (default) target: 7 of 30 days: 09-03, 09-04, 09-09, 09-10, 09-11, "
                 "09-12, 09-20",
                 "Positive reviews under the 98.50% (default) target: 1 of 30 days: 09-17"]
    for line in lines:
        assert line in text.splitlines(), text
        label, value = line.split("：" if lang == "zh" else ": ", 1)
        assert label in page and value in page, page
    assert ("DSR" not in text) and ("09-18" not in text), text  # (4.85 every day: met)


def test_the_review_judges_each_days_conversion_on_its_sheet(tmp_path):
    shop = shop_of(tmp_path, 25, "zh")
    from shopbook.report.monthly import make_review

    _, path, _ = make_review(shop, "monthly", "2026-09")
    ws = openpyxl.load_workbook(path)["考核"]
    top = next(c.row for c in ws["A"] if c.value == "转化率、评分与好评率（每天对它那天的目标）")
    got = {r[0]: r[1:] for r in ws.iter_rows(min_row=top + 2, max_col=7, values_only=True) if r[0]}
    assert got["转化率"] == (30, 0.016, dt.datetime(2026, 9, 3), 0.02, 7, "09-03、09-04、09-09、09-10、09-11、09-12、09-20"), got
    assert got["DSR"][4:] == (0, None), got


def test_a_month_that_met_every_target_says_none(tmp_path):
    shop = month_shop(tmp_path)  # (SEPT: 40 buyers of 1,000 visitors every day, no score typed, no orders target)
    figures = dict(key_figures(build_review(shop, "monthly", "2026-09"), zh=True))
    assert not [k for k in figures if "低于目标" in k], figures


def test_the_group_message_says_the_days_under_each_target(tmp_path, server):  # noqa: F811
    """`push --report monthly` (it makes no review workbook) and after `report monthly` made it: the group reads
    the days under each target as the e-mail says them, each day named."""
    shop = shop_of(tmp_path, 25, "zh")
    toml = shop.folder / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + f'\n[[bots]]\nkind = "wecom"\nurl = "{server.base}/wecom?key=k"\n',
                    encoding="utf-8")
    every = "7 天（共 30 天）：09-03、09-04、09-09、09-10、09-11、09-12、09-20"
    for args, said in ((["push", str(shop.folder), "--report", "monthly", "--period", "2026-09"], every),
                       (["report", "monthly", str(shop.folder), "--period", "2026-09"], None),
                       (["push", str(shop.folder), "--report", "monthly", "--period", "2026-09"],
                        every)):
        r = runner.invoke(app, args)
        assert r.exit_code == 0, r.output
        if said:
            text = server.received.pop()[2]["markdown"]["content"]
            assert f"**转化率低于目标 2.00%（默认）**：{said}" in text, text
