"""QA: the daily report's note says 标 ! 的支付订单数比中位数低 30% 以上 / "Marked !: Orders, over 30% under
the median", but only the text e-mail and the group message carried a !: the workbook's 摘要 sheet and the
e-mail's HTML part (what a mail client shows) coloured the row and showed no ! at all, so the boss looked
for a mark that was nowhere. Now both show the ! after the fall it marks, on the real written files."""

from __future__ import annotations

import datetime as dt
import email
from email import policy

import openpyxl
from test_daily import demo_like_shop

from shopbook.report.workflow import run_daily
from shopbook.shop import open_shop


def _set_lang(shop, lang: str):
    cfg = shop.folder / "shopbook.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace('language = "zh"', f'language = "{lang}"'), encoding="utf-8")
    return open_shop(shop.folder)


def _html(eml) -> str:
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    return next(p.get_content() for p in msg.walk() if p.get_content_type() == "text/html")


def test_the_anomaly_the_note_speaks_of_is_marked_in_the_workbook_and_the_html(tmp_path):
    for lang, report, orders, note in (("zh", "日报-2026-11-21.xlsx", "支付订单数", "标 ! 的支付订单数"),
                                       ("en", "daily-2026-11-21.xlsx", "Orders", "Marked !: Orders")):
        shop = _set_lang(demo_like_shop(tmp_path / lang), lang)
        run = run_daily(shop, dt.date(2026, 11, 21))
        ws = openpyxl.load_workbook(shop.reports / report).worksheets[0]
        rows = {r[0].value: [c.value for c in r] for r in ws.iter_rows(min_row=4) if r[0].value}
        assert rows[orders][1] == 20 and rows[orders][4] == 40
        assert rows[orders][5] == "▼ !", rows[orders]  # the 7-day median's arrow, then the mark
        assert any(str(k).startswith(note) for k in rows), rows.keys()
        marked = [k for k, v in rows.items() if any(isinstance(c, str) and c.endswith("!") for c in v[1:6])]
        assert marked == [k.label for k in run.summary.kpi if k.anomaly] and len(marked) == 3, marked  # each fall, no other
        (eml,) = [p for p in (shop.folder / "outbox").glob("*.eml")]
        html = _html(eml)
        row = html[html.index('data-metric="orders"'):]
        row = row[:row.index("</tr>")]
        assert "▼ <b" in row and ">!</b>" in row, row
        assert html.count(">!</b>") == len(marked)
        assert run.summary.kpi_note.startswith(note)
