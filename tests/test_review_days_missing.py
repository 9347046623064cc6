"""QA: a monthly or weekly review of a period some of whose days have no figures (日报 had 21 of
November's 30 days, the month over) printed the totals of 21 days and ✓. It says how many of the
period's days have figures and which lack them (cut with "and N more"), on screen, in the workbook,
the e-mail and the group message, with no ✓ and exit 1; a whole period keeps its ✓."""

from __future__ import annotations

import datetime as dt
import email
import json
from email import policy

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.report import bots
from shopbook.report.monthly import build_review, monthly_email
from test_reports import SEPT, month_shop

runner = CliRunner()
GONE = {3, 10, 11, 12, 13, 14, 15, 16, 30}  # 9 of September's 30 days with no 日报 row and no order


pytestmark = pytest.mark.usefixtures("wide_console")  # one line a message, the path whole


def set_lang(shop, lang: str):
    from shopbook.shop import open_shop

    path = shop.folder / "shopbook.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('language = "zh"', f'language = "{lang}"'),
                    encoding="utf-8")
    return open_shop(shop.folder)


def test_a_month_with_days_missing_says_which_and_no_tick(tmp_path):
    shop = month_shop(tmp_path, days=[d for d in SEPT if d.date.day not in GONE])
    r = runner.invoke(app, ["report", "monthly", str(shop.folder), "--period", "2026-09"])
    assert r.exit_code == 1 and "✓" not in r.stdout, r.stdout
    lines = r.stdout.splitlines()
    assert lines[0] == "2026-09：订单 840，销售额 ¥84,000.00"
    assert lines[1] == ("! 2026-09 的 30 天里只有 21 天有数据，缺 9 天（日报里没有这一天的数据，也没有订单）：2026-09-03、"
                        "2026-09-10、2026-09-11、2026-09-12、2026-09-13 等，还有 4 天（全部见月报工作簿“考核”表的 A2）。"
                        "合计只含有数据的 21 天。补上这些天"
                        "的日报（shopbook kpi import，或 kpi.xlsx 的“日报”表），再生成一次。"), lines[1]
    assert lines[2].endswith("月报-2026-09.xlsx")
    j = json.loads(runner.invoke(app, ["report", "monthly", str(shop.folder), "--period", "2026-09", "--json"]).stdout)
    assert (j["days_expected"], j["days_with_figures"]) == (30, 21)
    assert j["missing_days"] == [f"2026-09-{d:02d}" for d in sorted(GONE)]
    # the workbook says it above the figures
    ws = openpyxl.load_workbook(shop.folder / "reports" / "月报-2026-09.xlsx")["考核"]
    assert ws["A2"].value.startswith("2026-09 的 30 天里只有 21 天有数据，缺 9 天")
    # … and lists every one of them there, where the screen, the e-mail and the group message point
    # ("and 4 more" pointed nowhere, and the workbook cut them the same)
    assert "2026-09-14、2026-09-15、2026-09-16、2026-09-30。" in ws["A2"].value and "还有" not in ws["A2"].value
    # the e-mail (kept in outbox/: no SMTP server) and the group message say it too
    d = monthly_email(shop, "2026-09")
    text = email.message_from_bytes(d.path.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    assert "只有 21 天有数据，缺 9 天" in text and "还有 4 天（全部见月报工作簿“考核”表的 A2）" in text
    s = bots.monthly_summary(shop, build_review(shop, "monthly", "2026-09"))
    assert s.todo[0].startswith("2026-09 的 30 天里只有 21 天有数据") and "全部见月报工作簿“考核”表的 A2" in s.todo[0]


def test_an_english_month_says_where_the_days_cut_are(tmp_path):
    shop = set_lang(month_shop(tmp_path, days=[d for d in SEPT if d.date.day not in GONE]), "en")
    r = runner.invoke(app, ["report", "monthly", str(shop.folder), "--period", "2026-09"])
    assert ("2026-09-13 and 4 more (all of them in cell A2 of the monthly review workbook's 'Review' sheet). "
            "The totals") in r.stdout, r.stdout
    a2 = openpyxl.load_workbook(shop.folder / "reports" / "monthly-2026-09.xlsx")["Review"]["A2"].value
    assert "2026-09-16, 2026-09-30. The totals" in a2 and "more" not in a2, a2


def test_a_week_with_a_day_missing_in_english(tmp_path):
    shop = set_lang(month_shop(tmp_path, days=[d for d in SEPT if d.date.day != 16]), "en")
    r = runner.invoke(app, ["report", "weekly", str(shop.folder), "--period", "2026-W38"])  # 09-14 … 09-20
    assert r.exit_code == 1 and "✓" not in r.stdout, r.stdout
    assert ("! Only 6 of the 7 days of 2026-W38 have figures; 1 missing (no Daily figures and no orders): 2026-09-16. "
            "The totals are of those 6 days only.") in r.stdout, r.stdout


def test_a_whole_month_keeps_its_tick(tmp_path):
    shop = month_shop(tmp_path)
    r = runner.invoke(app, ["report", "monthly", str(shop.folder), "--period", "2026-09"])
    assert r.exit_code == 0 and r.stdout.splitlines()[1].startswith("✓ "), r.stdout
    assert "有数据" not in r.stdout
    assert openpyxl.load_workbook(shop.folder / "reports" / "月报-2026-09.xlsx")["考核"]["A2"].value is None


def test_a_period_under_way_counts_its_days_to_yesterday(tmp_path):
    today = dt.date.today()
    days = [type(SEPT[0])(date=today - dt.timedelta(days=k), visitors=100, orders=1, sales=SEPT[0].sales)
            for k in (1, 2, 40)]  # the shop began last month or before: this month's days from its 1st count
    shop = month_shop(tmp_path, days=days)
    rev = build_review(shop, "monthly", f"{today:%Y-%m}")
    first = today.replace(day=1)
    want = [first + dt.timedelta(days=k) for k in range((today - first).days - 2)]  # before the two days
    assert rev.missing == want and rev.expected == (today - first).days
    assert rev.partial is bool(want)


def test_a_daily_date_twice_in_the_period_stops_the_review_at_its_cell(tmp_path):
    """QA: a 日报 date typed twice went into the review as its last row (validate's error, passed by).
    The review stops on it, located, as on a cell that does not read; one outside the period does not."""
    shop = month_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.folder / "kpi.xlsx")
    ws = wb["日报"]
    ws.append([c.value for c in ws[6]])  # 2026-09-05 again, at row 32
    ws.cell(32, [c.value for c in ws[1]].index("支付订单数") + 1).value = 400
    wb.save(shop.folder / "kpi.xlsx")
    r = runner.invoke(app, ["report", "monthly", str(shop.folder), "--period", "2026-09"])
    assert r.exit_code == 2 and not (shop.folder / "reports" / "月报-2026-09.xlsx").exists(), r.output
    said = " ".join(r.stderr.split())
    assert "无法生成考核表" in said and "kpi.xlsx › 日报 › A32 重复的日期“2026-09-05”，第 6 行已有" in said, said
    # (not stopped: October, of no figures at all, is said so and exits 1 — test_review_week_no_figures)
    assert runner.invoke(app, ["report", "monthly", str(shop.folder), "--period", "2026-10"]).exit_code == 1


def test_the_days_before_the_shop_began_are_not_missing(demo_copy):
    """The demo's first order is on 2026-07-25: its July review said 24 days missing, exit 1, for
    ever (days of no shop cannot be filled in). The expected days start at the shop's first order
    or 日报 row, for the month and the week it began."""
    for kind, period, n in (("monthly", "2026-07", 7), ("weekly", "2026-W30", 2)):  # W30: 07-20 … 07-26
        r = runner.invoke(app, ["report", kind, str(demo_copy), "--period", period])
        lines = r.stdout.splitlines()  # (the totals said to be of the days from the first order: no whole month's)
        assert r.exit_code == 0 and lines[1] == f"店铺从 2026-07-25 才有数据（第一笔订单或日报）：合计是这 {n} 天的，不是整" \
            f"{'月' if kind == 'monthly' else '周'}的。" and lines[2].startswith("✓ "), r.stdout
        j = json.loads(runner.invoke(app, ["report", kind, str(demo_copy), "--period", period, "--json"]).stdout)
        assert (j["days_expected"], j["missing_days"]) == (n, []), j


def test_a_day_missing_after_the_shop_began_is_said_from_that_day(tmp_path):
    shop = month_shop(tmp_path, days=[d for d in SEPT if d.date.day >= 10 and d.date.day != 11])
    r = runner.invoke(app, ["report", "monthly", str(shop.folder), "--period", "2026-09"])
    assert r.exit_code == 1, r.stdout
    assert r.stdout.splitlines()[1].startswith("! 2026-09 自开店（2026-09-10）起的 21 天里只有 20 天有数据，缺 1 天"
                                               "（日报里没有这一天的数据，也没有订单）：2026-09-11。"), r.stdout
    shop = set_lang(shop, "en")
    r = runner.invoke(app, ["report", "weekly", str(shop.folder), "--period", "2026-W37"])  # 09-07 … 09-13
    assert r.exit_code == 1, r.stdout
    assert ("! Only 3 of the 4 days of 2026-W37 since the shop began (2026-09-10) have figures; 1 missing (no Daily "
            "figures and no orders): 2026-09-11.") in r.stdout, r.stdout
    # one day with figures, or of the shop at all: no 'Only 1 of the 2 days … have', 'those 1 days'
    one = set_lang(month_shop(tmp_path / "one", days=[d for d in SEPT if d.date.day == 12]), "en")
    r = runner.invoke(app, ["report", "weekly", str(one.folder), "--period", "2026-W37"])  # opened Saturday 09-12
    assert ("! Only 1 of the 2 days of 2026-W37 since the shop began (2026-09-12) has figures; 1 missing (no Daily "
            "figures and no orders): 2026-09-13. The totals are of that 1 day only.") in r.stdout, r.stdout
    one = set_lang(month_shop(tmp_path / "sun", days=[d for d in SEPT if d.date.day == 13]), "en")  # opened Sunday
    r = runner.invoke(app, ["report", "weekly", str(one.folder), "--period", "2026-W37"])
    assert r.exit_code == 0 and "the totals are of that 1 day, not a whole week's." in r.stdout, r.stdout


def test_the_review_s_money_cells_show_the_fen(demo_copy):
    """QA: the review's 合计 row wrote 销售额 and 客单价 General (477955.49; a total of 12000.50 reads
    12000.5 beside the e-mail's ¥12,000.50), and the VIPs' spend, every SKU's and style's revenue, the
    P&L and the ads table the same (1958.9, 9600, 451284.61): now #,##0.00, as the days' cells above."""
    r = runner.invoke(app, ["report", "monthly", str(demo_copy), "--period", "2026-10"])
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(demo_copy / "reports" / "月报-2026-10.xlsx")
    ws = wb["考核"]
    total = next(row for row in ws.iter_rows() if row[0].value == "合计")
    assert (total[5].number_format, total[7].number_format, total[6].number_format) == ("#,##0.00", "#,##0.00", "0.00%")
    vips = [row[1] for row in wb["客户与推广"].iter_rows() if str(row[0].value or "").startswith("  tb_")]
    assert vips and all(c.number_format == "#,##0.00" for c in vips)
    # the SKU, style, best/worst and P&L sheets' money, and the ads table's (ROI at two places)
    for sheet, col in (("商品销售", 5), ("款式销售", 3), ("畅销与滞销", 2), ("畅销与滞销", 5), ("利润表", 2)):
        cells = [row[col - 1] for row in wb[sheet].iter_rows(min_row=2) if isinstance(row[col - 1].value, (int, float))]
        assert cells and {c.number_format for c in cells} == {"#,##0.00"}, (sheet, col)
    ads = wb["客户与推广"]
    total = [row for row in ads.iter_rows() if row[0].value == "合计"][-1]
    assert (total[1].number_format, total[4].number_format, total[5].number_format) == ("#,##0.00", "#,##0.00", "0.00")
