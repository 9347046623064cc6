"""QA of `kpi import` on 生意参谋 downloads as they come: a conversion without its % sign, the same
day downloaded twice, weekly aggregates and derived figures with extra decimals."""

import datetime as dt
import json
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import KPI
from shopbook.validate import validate_path
from test_kpi_import import DAYS, HEAD, daily_rows, shop, sycm_xlsx  # noqa: F401

runner = CliRunner()
COL = {h: k for k, h in enumerate(HEAD)}


pytestmark = pytest.mark.usefixtures("wide_console")  # one line a message, the path whole


def day(date: str, **cells) -> list:
    """DAYS[1] (1,000 visitors, 100 buyers) on `date`, with `cells` by header."""
    row = list(DAYS[1])
    row[0] = date
    for h, v in cells.items():
        row[COL[h]] = v
    return row


def test_a_bare_conversion_is_read_by_the_rows_buyers_and_visitors(shop, tmp_path):  # noqa: F811
    """QA: "0.85" beside 支付买家数 34 / 访客数 4000 went in as 85 %, then validate called it an error
    behind a ✓. buyers ÷ visitors say which it is; without them it is not guessed: left out, said."""
    f = sycm_xlsx(tmp_path / "sycm.xlsx", [
        day("2026-11-18", **{"访客数": "4,000", "浏览量": "12,480", "支付买家数": "34", "支付转化率": "0.85",
                             "客单价": "301.49"}),
        day("2026-11-19", **{"支付转化率": "0.1"}),  # 100 ÷ 1,000: 10 %, written as a fraction
        day("2026-11-20", **{"支付买家数": "-", "支付转化率": "0.85", "客单价": "-"}),  # nothing to tell by
    ])
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    assert r.exit_code == 0, r.output
    rows = daily_rows(shop)
    assert rows[dt.date(2026, 11, 18)].conversion == D("0.0085")
    assert rows[dt.date(2026, 11, 19)].conversion == D("0.1")
    assert rows[dt.date(2026, 11, 20)].conversion is None and rows[dt.date(2026, 11, 20)].visitors == 1000
    out = " ".join(r.output.split())
    assert "sycm.xlsx › 店铺整体 › 第 8 行 支付转化率 = '0.85'" in out, out
    assert "转化率“0.85”没有 % 号：是 0.85% 还是 0.85 即 85%？这一行没有支付买家数和访客数可以核对，这一格没有导入" in out
    v = validate_path(shop.folder)
    assert not [i for i in v.errors if i.book == "kpi.xlsx"], [i.message_en for i in v.errors]


def test_a_conversion_the_rows_figures_contradict_is_not_written(shop, tmp_path):  # noqa: F811
    f = sycm_xlsx(tmp_path / "sycm.xlsx", [day("2026-11-18", **{"支付转化率": "85%"})])
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f), "--json"])
    j = json.loads(r.stdout)
    (i,) = j["issues"]
    assert i["severity"] == "warning" and i["value"] == "85%"
    assert "does not match the row's buyers ÷ visitors = 100÷1000 = 10.00%" in i["message_en"]
    assert daily_rows(shop)[dt.date(2026, 11, 18)].conversion is None
    assert not [e for e in validate_path(shop.folder).errors if e.book == "kpi.xlsx"]


def two_downloads(tmp_path, newer: str):
    """11-19 downloaded twice: `X.xlsx` with 1,000 visitors, then `X (1).xlsx` with 1,200 — the
    browser's name for the second — and `newer` the one whose file time is later."""
    import os

    folder = tmp_path / "dl"
    folder.mkdir()
    first = sycm_xlsx(folder / "X.xlsx", [day("2026-11-19")])
    again = sycm_xlsx(folder / "X (1).xlsx", [day("2026-11-19", **{"访客数": "1,200", "支付转化率": "8.33%"})])
    for f, t in ((first, 1_000_000_000), (again, 1_000_000_100)) if newer == "X (1).xlsx" else (
            (first, 1_000_000_100), (again, 1_000_000_000)):
        os.utime(f, (t, t))
    return sorted([first, again])  # as inbox/ lists them: "X (1).xlsx" first


@pytest.mark.parametrize("newer, visitors", [("X (1).xlsx", 1200), ("X.xlsx", 1000)])
def test_a_day_downloaded_twice_takes_the_newer_file_and_says_both(shop, tmp_path, newer, visitors):  # noqa: F811
    """QA: the two were decided silently, by name, the older winning. The newer by the file's time
    wins, and both figures and both files are said."""
    files = two_downloads(tmp_path, newer)
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), *map(str, files)])
    assert r.exit_code == 0, r.output
    assert daily_rows(shop)[dt.date(2026, 11, 19)].visitors == visitors
    out = " ".join(r.output.split())
    old = "X.xlsx" if newer == "X (1).xlsx" else "X (1).xlsx"
    pair = "1,000 / 1,200" if newer == "X (1).xlsx" else "1,200 / 1,000"
    assert (f"2026-11-19 下载了两次，数不同（{old} 第 6 行 / {newer} 第 6 行）：访客数 {pair}；") in out, out
    assert f"用了较新的下载 {newer}（按文件修改时间）" in out


def test_the_daily_job_takes_the_newer_download_from_inbox(shop, tmp_path):  # noqa: F811
    from shopbook.report.workflow import run_daily

    inbox = shop.folder / "inbox"
    inbox.mkdir(exist_ok=True)
    for f in two_downloads(tmp_path, "X (1).xlsx"):
        f.rename(inbox / f.name)
    run = run_daily(shop, dt.date(2026, 11, 19), send=False, steps_only=("inbox",))
    assert daily_rows(shop)[dt.date(2026, 11, 19)].visitors == 1200
    assert any("下载了两次" in p and "X (1).xlsx" in p for p in run.summary.problems), run.summary.problems


def test_two_rows_of_one_download_that_disagree_leave_the_day_out(shop, tmp_path):  # noqa: F811
    f = sycm_xlsx(tmp_path / "dup.xlsx", [day("2026-11-19"), day("2026-11-20"),
                                          day("2026-11-19", **{"访客数": "1,200", "支付转化率": "8.33%"})])
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f), "--json"])
    assert r.exit_code == 1
    (i,) = json.loads(r.stdout)["issues"]
    assert i["severity"] == "error" and i["book"] == "dup.xlsx"
    assert i["message_en"].startswith("2026-11-19 is on two rows of one file with different figures (dup.xlsx row 6 / "
                                      "dup.xlsx row 8): visitors 1,000 / 1,200; conversion 10.00% / 8.33%.")
    assert list(daily_rows(shop)) == [dt.date(2026, 11, 20)]


def as_typed(shop) -> None:  # noqa: F811
    """日报's figures as a person's typing: no record says an import wrote them (a revised download of
    an imported day is taken: test_kpi_import_revised)."""
    from shopbook.io.cache import CACHE_DIR
    from shopbook.kpi.import_sycm import IMPORTED

    (shop.folder / CACHE_DIR / IMPORTED).unlink(missing_ok=True)


def inbox_run(shop, *files):  # noqa: F811
    from shopbook.report.workflow import run_daily

    inbox = shop.folder / "inbox"
    inbox.mkdir(exist_ok=True)
    for f in files:
        f.rename(inbox / f.name)
    return run_daily(shop, dt.date(2026, 11, 20), send=False, steps_only=("inbox-check", "inbox"))


def test_a_weekly_download_is_refused_saying_to_download_by_day(shop, tmp_path):  # noqa: F811
    """QA: a week's totals (统计日期 2026-11-16~2026-11-22) stayed in inbox/ for ever, as a date that
    does not read. No edit makes it a day: refused to inbox/refused/, saying to download by day."""
    f = sycm_xlsx(tmp_path / "week.xlsx", [day("2026-11-16~2026-11-22")])
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    said = " ".join(r.output.split())
    assert r.exit_code == 2 and "week.xlsx 第 6 行的统计日期是一段时间（2026-11-16~2026-11-22）" in said, said
    assert "Download it from 生意参谋 by day (自然日)" in said
    run = inbox_run(shop, f)
    check = run.steps[0]
    assert check.ok is False and "week.xlsx" in check.detail
    refused = shop.folder / "inbox" / "refused"
    assert (refused / "week.xlsx").exists() and "自然日" in (refused / "week.xlsx.reason.txt").read_text(encoding="utf-8")
    assert not daily_rows(shop)


def test_an_aov_with_extra_decimals_is_rounded_to_the_fen(shop, tmp_path):  # noqa: F811
    """客单价 199.9998 (支付金额 9,999.99 ÷ 50 buyers, unrounded) held the whole download back."""
    f = sycm_xlsx(tmp_path / "sycm.xlsx", [day("2026-11-18", **{"支付金额": "9,999.99", "支付买家数": "50",
                                                                 "支付转化率": "5.00%", "客单价": "199.9998"})])
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    assert r.exit_code == 0, r.output
    assert daily_rows(shop)[dt.date(2026, 11, 18)].aov == D("200.00")
    assert not [e for e in validate_path(shop.folder).errors if e.book == "kpi.xlsx"]


def test_a_download_with_a_row_that_does_not_read_goes_to_refused_with_no_replace_advice(shop, tmp_path):  # noqa: F811
    f = sycm_xlsx(tmp_path / "sycm.xlsx", [day("2026-11-18"), day("2026-11-19", **{"访客数": "1,0O0"})])
    run = inbox_run(shop, f)
    step = run.steps[-1]
    assert step.ok is False
    assert list(daily_rows(shop)) == [dt.date(2026, 11, 18)]  # the day that reads came in
    refused = shop.folder / "inbox" / "refused"
    assert (refused / "sycm.xlsx").exists() and not (shop.folder / "inbox" / "sycm.xlsx").exists()
    assert "第 7 行" in (refused / "sycm.xlsx.reason.txt").read_text(encoding="utf-8")
    assert not any("--replace" in p for p in run.summary.problems), run.summary.problems
    assert any("inbox/refused/" in p and "sycm.xlsx" in p for p in run.summary.problems)


def test_a_download_that_differs_from_daily_stays_with_the_replace_advice(shop, tmp_path):  # noqa: F811
    runner.invoke(app, ["kpi", "import", str(shop.folder), str(sycm_xlsx(tmp_path / "a.xlsx", [day("2026-11-18")]))])
    as_typed(shop)
    f = sycm_xlsx(tmp_path / "b.xlsx", [day("2026-11-18", **{"访客数": "1,200", "支付转化率": "8.33%"})])
    run = inbox_run(shop, f)
    assert run.steps[-1].ok is False and (shop.folder / "inbox" / "b.xlsx").exists()
    (advice,) = [p for p in run.summary.problems if "生意参谋的文件留在 inbox/" in p]
    assert advice.endswith("b.xlsx --replace 采用生意参谋的数")


def test_today_and_later_days_of_a_download_are_not_imported(shop, tmp_path):  # noqa: F811
    """QA: a download reaching today (生意参谋's day not over) wrote today's figures into 日报 with a ✓;
    tomorrow's download of the whole day then differed and was kept out as a person's typing (--replace
    needed for ever after), and a day after today (a wrong clock) went in too, for validate to warn of
    afterwards. Those days are now left out, each said at its row, and counted."""
    today = dt.date.today()
    rows = [day(str(today - dt.timedelta(days=1))), day(str(today)), day(str(today + dt.timedelta(days=1)))]
    f = sycm_xlsx(tmp_path / "【生意参谋平台】店铺整体_日.xlsx", days=rows, ad_values=(("1", "1", "1"),) * 3)
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0] == "✓ 生意参谋 3 天：新增 1 · 补空 0 · 不变 0 · 不同 0 · 今天及以后的没有导入 2", r.stdout
    said = " ".join(r.stdout.split())
    assert f"› 第 7 行 = '{today}' {today} 是今天：这一天还没过完，数字还会变，没有导入。" in said, said
    assert f"› 第 8 行 = '{today + dt.timedelta(days=1)}' {today + dt.timedelta(days=1)} 在今天（{today}）之后：没有导入。" in said
    assert set(daily_rows(shop)) == {today - dt.timedelta(days=1)}


def test_the_headline_counts_days_and_says_how_many_figures_differ(shop, tmp_path):  # noqa: F811
    """QA: a download of 3 days, one of them typed differently in 10 figures, said '生意参谋 3 天：新增 2 ·
    补空 0 · 不变 0 · 不同 10': ten of three days. Every count is of days, the figures beside ('不同 1（2 个数）'); and
    with --replace the day replaced was counted as 补空 too (no blank was filled): now only as 已替换."""
    runner.invoke(app, ["kpi", "import", str(shop.folder), str(sycm_xlsx(tmp_path / "a.xlsx", [day("2026-11-18")]))])
    as_typed(shop)
    f = sycm_xlsx(tmp_path / "b.xlsx", [day("2026-11-18", **{"访客数": "1,200", "支付转化率": "8.33%"}),
                                        day("2026-11-19")])
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    assert r.exit_code == 1, r.output
    assert r.stdout.splitlines()[0] == "✗ 生意参谋 2 天：新增 1 · 补空 0 · 不变 0 · 不同 1（2 个数）", r.stdout
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f), "--replace"])
    assert r.stdout.splitlines()[0] == "✓ 生意参谋 2 天：新增 0 · 补空 0 · 不变 1 · 已替换 1（2 个数）", r.stdout


@pytest.mark.parametrize("label, kind", [("2026-11", "一个月"), ("2026年11月", "一个月"), ("2026年第47周", "一周")])
def test_a_monthly_download_is_refused_saying_to_download_by_day(shop, tmp_path, label, kind):  # noqa: F811
    """QA: a 按月 download (统计日期 2026-11) was an error at each row, '不是日期：“2026-11”。请填 2026-11-03…',
    asking for a date to be typed into a download; it is a month's total, refused whole as a week's is."""
    f = sycm_xlsx(tmp_path / "month.xlsx", [day(label)])
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    said = " ".join(r.output.split())
    assert r.exit_code == 2 and f"month.xlsx 第 6 行的统计日期是{kind}（{label}）" in said, said
    assert "请在生意参谋按日下载" in said and "请填 2026-11-03" not in said
    run = inbox_run(shop, f)
    assert run.steps[0].ok is False and (shop.folder / "inbox" / "refused" / "month.xlsx").exists()
    assert not daily_rows(shop)


def test_a_day_whose_figures_are_dashes_is_said_so_not_a_column_missing(shop, tmp_path):  # noqa: F811
    """QA: a day 生意参谋 had no figures for (支付金额 and 支付父订单数 '-') was '2026-11-19 缺少 支付父订单数、
    支付金额：…请下载含这些列的报表', the file holding both columns, and placed at no sheet; so was a day
    whose 支付金额 did not read. Each is now said as it is, at its sheet and row, with what to do."""
    f = sycm_xlsx(tmp_path / "sycm.xlsx", [DAYS[0], day("2026-11-19", 支付金额="-", 支付父订单数="-"),
                                           day("2026-11-20", 支付金额="五千")])
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    said = " ".join(r.output.split())
    assert r.exit_code == 1 and "请下载含这些列" not in said, said
    assert ("sycm.xlsx › 店铺整体 › 第 7 行 = '2026-11-19' 2026-11-19 没有导入日报：支付父订单数、支付金额 没有数（“-”或空）："
            "生意参谋还没出这一天的数的话，过后重新下载这一天再导入，或在日报里填上这一天。") in said, said
    assert "sycm.xlsx › 店铺整体 › 第 8 行 = '2026-11-20' 2026-11-20 没有导入日报：支付金额 读不出（见这一格的错误）" in said
    assert list(daily_rows(shop)) == [dt.date(2026, 11, 18)]
    f2 = sycm_xlsx(tmp_path / "short.xlsx", [DAYS[1]])
    wb = openpyxl.load_workbook(f2)
    wb.active.delete_cols(COL["支付父订单数"] + 1)  # the column itself gone: a report without it
    wb.save(f2)
    said = " ".join(runner.invoke(app, ["kpi", "import", str(shop.folder), str(f2)]).output.split())
    assert "下载里没有 支付父订单数 列：请下载含这些列的报表" in said, said


def _wechat_bill(path):
    """A WeChat Pay personal bill as downloaded (.xlsx): 16 preamble lines, then the table."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for line in ["微信支付账单明细", "微信昵称：[小店]", "起始时间：[2026-11-01 00:00:00] 终止时间：[2026-11-30 23:59:59]",
                 "导出类型：[全部]", None, "共1笔记录", "收入：1笔 500.00元", None, None, None, None, None, None, None, None,
                 "----------------------微信支付账单明细列表--------------------"]:
        ws.append([line])
    ws.append(["交易时间", "交易类型", "交易对方", "商品", "收/支", "金额(元)", "支付方式", "当前状态", "交易单号", "商户单号", "备注"])
    ws.append(["2026-11-03 10:00:00", "转账", "代理A", "/", "收入", "500.00", "/", "已存入零钱", "1000050001", "/", "/"])
    wb.save(path)
    return path


def _product_report(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["【生意参谋平台】商品效果"])
    ws.append(["统计日期", "商品ID", "商品名称", "商品访客数", "商品浏览量", "支付金额", "支付买家数", "支付件数"])
    ws.append(["2026-11-22", "6001", "连衣裙", "500", "1,500", "2,000.00", "10", "12"])
    wb.save(path)
    return path


def _traffic_report(path):
    """生意参谋's 流量来源 report: 统计日期 and 访客数, no 支付金额 — a 生意参谋 download, not the shop's day."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["【生意参谋平台】流量来源"])
    ws.append(["统计日期", "流量来源", "访客数", "下单买家数"])
    ws.append(["2026-11-22", "手淘搜索", "1,200", "30"])
    wb.save(path)
    return path


EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.mark.parametrize("make, said", [
    (lambda d: EXAMPLES / "ExportOrderList20261122.csv", "这是淘宝/天猫 订单报表，请用 shopbook orders import 导入"),
    (lambda d: EXAMPLES / "20881234567890120156_202611_账务明细.csv",
     "这是支付宝对账单（账务明细 / 资金流水），请用 shopbook reconcile alipay 对账"),
    (lambda d: _wechat_bill(d / "微信支付账单(20261101-20261130).xlsx"), "这是微信支付账单，请用 shopbook reconcile wechat 对账"),
    (lambda d: _product_report(d / "【生意参谋平台】商品效果.xlsx"),
     "（找不到 访客数 列）：这是生意参谋的商品报表（每个商品一行），不是店铺整体数据。请在生意参谋下载店铺整体数据（按自然日）"),
    # (nothing names it: it said what it lacks and no more, the person left to guess which download to choose)
    (lambda d: _traffic_report(d / "【生意参谋平台】流量来源.xlsx"),
     "（找不到 支付金额 列）：请选生意参谋的店铺整体数据下载（按自然日），它有统计日期、访客数、支付金额等列。什么都没有写入"),
])
def test_a_wrong_file_is_refused_saying_what_it_is(shop, tmp_path, make, said):  # noqa: F811
    """QA: an order export, an Alipay statement, a WeChat bill or 生意参谋's product report picked among the
    morning's downloads was only 'not a 生意参谋 download (no 统计日期, 访客数, 支付金额)', whichever it
    was (the product report has 统计日期 and 支付金额); now it is named, with where it goes instead."""
    f = make(tmp_path)
    before = shop.path(KPI).read_bytes()
    good = sycm_xlsx(tmp_path / "sycm.xlsx")
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(good), str(f)])
    out = " ".join(r.output.split())
    assert r.exit_code == 2 and said in out and "什么都没有写入" in out, out
    assert shop.path(KPI).read_bytes() == before  # the good file is not imported half-way either


def test_a_typed_row_whose_date_does_not_read_is_said_not_passed_over(shop, tmp_path):  # noqa: F811
    """QA: a person's 日报 row for 11-19 typed '11月19日' (no year) with their own figures: a download of
    11-19 came in on a new row beside it with a ✓ and not a word, the typed figures never compared, and
    the day on two rows once the year is typed. Now the import names that row and what to do."""
    wb = openpyxl.load_workbook(shop.path(KPI))
    ws = wb["日报"]
    ws.cell(2, 1, "11月19日")
    head = {c.value: c.column for c in ws[1]}
    for h, v in (("访客数", 1000), ("支付订单数", 104), ("销售额", 10000)):
        ws.cell(2, head[h], v)
    wb.save(shop.path(KPI))
    f = sycm_xlsx(tmp_path / "sycm.xlsx", [DAYS[1]])
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    said = " ".join(r.output.split())
    assert "kpi.xlsx › 日报 › A2 日期 = '11月19日' 日报这一行的日期“11月19日”读不出，没有和生意参谋的下载核对" in said, said
    ws = openpyxl.load_workbook(shop.path(KPI))["日报"]
    assert ws.cell(2, 1).value == "11月19日" and ws.cell(2, head["销售额"]).value == 10000  # the typed row as it was


def test_the_daily_inbox_names_a_product_report_and_a_courier_bill_it_sets_aside(shop, tmp_path):  # noqa: F811
    """QA: 生意参谋's 商品效果 report dropped in inbox/ went to refused/ as '认不出这个文件：像抖店 订单导出，但缺少
    主订单编号…' and a courier bill as '没有一列是订单导出的…': neither said what it is, nor where it goes."""
    report = _product_report(tmp_path / "【生意参谋平台】商品效果.xlsx")
    bill = tmp_path / "中通11月账单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["运单编号", "发件日期", "目的地", "计费重量", "运费"])
    wb.active.append(["73100000000001", "2026-11-03", "浙江", "1", "5.00"])
    wb.save(bill)
    run = inbox_run(shop, report, bill)
    assert run.steps[0].ok is False
    refused = shop.folder / "inbox" / "refused"
    why = (refused / (report.name + ".reason.txt")).read_text(encoding="utf-8")
    assert "这不是订单文件：这是生意参谋的商品报表（每个商品一行），不是店铺整体数据" in why and "抖店" not in why, why
    why = (refused / (bill.name + ".reason.txt")).read_text(encoding="utf-8")
    assert "这不是订单文件：这是快递账单，请用 shopbook reconcile courier 对账" in why, why


def test_the_summary_line_counts_the_days_left_out_for_an_error(shop, tmp_path):  # noqa: F811
    """QA: '✗ 生意参谋 3 天：新增 1 · 补空 0 · 不变 0 · 不同 0' for a download of three days, one with no 支付金额
    yet and one on two rows that disagree: two days unaccounted for on the line the button and the daily
    job show first. Now it ends '· 有错没有导入 2', and --json lists them."""
    f = sycm_xlsx(tmp_path / "sycm.xlsx", [DAYS[0], day("2026-11-19", 支付金额="-"), day("2026-11-20"),
                                           day("2026-11-20", 访客数="1,200")], ad_values=[("1.00", "", "")] * 4)
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    assert r.output.splitlines()[0] == "✗ 生意参谋 3 天：新增 1 · 补空 0 · 不变 0 · 不同 0 · 有错没有导入 2", r.output
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f), "--json"])
    assert json.loads(r.output)["not_imported"] == ["2026-11-19", "2026-11-20"]


def test_a_day_typed_ahead_the_download_cannot_complete_is_no_tick(shop, tmp_path):  # noqa: F811
    """QA: 2026-11-19 typed ahead in 日报 (its date alone) and a download whose 支付金额 and 支付父订单数 are
    '-' that day: '✓ 生意参谋 1 天：新增 0 · 补空 1', exit 0, the row left without 销售额 and 支付订单数 (both
    required: validate's errors later, nothing said here). Now it is ✗, said at the download's row."""
    wb = openpyxl.load_workbook(shop.path(KPI))
    wb["日报"].cell(2, 1, dt.datetime(2026, 11, 19))
    wb.save(shop.path(KPI))
    f = sycm_xlsx(tmp_path / "sycm.xlsx", [day("2026-11-19", 支付金额="-", 支付父订单数="-")])
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    said = " ".join(r.output.split())
    assert r.exit_code == 1 and said.startswith("✗ 生意参谋 1 天：新增 0 · 补空 1"), said
    assert ("sycm.xlsx › 店铺整体 › 第 6 行 = '2026-11-19' 2026-11-19 日报这一行补了能补的，还缺 支付订单数、销售额："
            "支付父订单数、支付金额 没有数（“-”或空）") in said, said
    ws = openpyxl.load_workbook(shop.path(KPI))["日报"]
    head = {c.value: c.column for c in ws[1]}
    assert ws.cell(2, head["访客数"]).value == 1000  # what the download has is filled in


@pytest.mark.parametrize("label", ["2026-11-19~2026-11-19", "2026-11-19 ~ 2026/11/19"])
def test_a_day_written_as_a_range_of_itself_is_that_day(shop, tmp_path, label):  # noqa: F811
    """QA: a day's download whose 统计日期 reads '2026-11-19~2026-11-19' was '不是日期：…请填 2026-11-03…'
    at its row (nothing imported, exit 1); with the ends written differently it was even refused as a
    week's total. It is the day 2026-11-19."""
    f = sycm_xlsx(tmp_path / "sycm.xlsx", [day(label)])
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    assert r.exit_code == 0 and r.output.startswith("✓ 生意参谋 1 天：新增 1"), r.output
    assert daily_rows(shop)[dt.date(2026, 11, 19)].sales == D("10250.50")


def test_a_day_on_two_daily_rows_is_not_filled_into_one_of_them(shop, tmp_path):  # noqa: F811
    """QA: 日报 with 2026-11-19 on two rows (one typed 销售额 9,999.00, the other 10,250.50): the import
    filled and checked the last alone, ✓ exit 0, the other row's 9,999.00 never compared with 生意参谋's,
    and the daily KPI step stopped on the day next morning. Now the day is left out, both rows named."""
    wb = openpyxl.load_workbook(shop.path(KPI))
    ws = wb["日报"]
    head = {c.value: c.column for c in ws[1]}
    for r, sales in ((2, 9999), (3, D("10250.50"))):
        for h, v in (("日期", dt.datetime(2026, 11, 19)), ("访客数", 1000), ("支付订单数", 104), ("销售额", float(sales))):
            ws.cell(r, head[h], v)
    wb.save(shop.path(KPI))
    f = sycm_xlsx(tmp_path / "sycm.xlsx", [DAYS[1]])
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    said = " ".join(r.output.split())
    assert r.exit_code == 1 and "有错没有导入 1" in said, said
    assert "kpi.xlsx › 日报 › A3 日期 = '2026-11-19' 日报里 2026-11-19 有 2 行（第 2、3 行）：不知道该补、该核对哪一行" in said
    ws = openpyxl.load_workbook(shop.path(KPI))["日报"]
    assert ws.cell(3, head["支付买家数"]).value is None  # neither row filled


@pytest.mark.parametrize("order", [1, -1])
def test_two_downloads_of_one_time_that_differ_leave_the_day_out(shop, tmp_path, order):  # noqa: F811
    """QA: two downloads of 2026-11-19 with different figures and the same modified time (copied, synced or
    unzipped together): the one named last on the command line won, said as '用了较新的下载 …（按文件修改时间）',
    which no time told. Now neither is taken: the day is left out, saying why and what to do."""
    import os

    a = sycm_xlsx(tmp_path / "X.xlsx", [day("2026-11-19")])
    b = sycm_xlsx(tmp_path / "X (1).xlsx", [day("2026-11-19", **{"访客数": "1,200", "支付转化率": "8.33%"})])
    for f in (a, b):
        os.utime(f, (1_000_000_000, 1_000_000_000))
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), *map(str, [a, b][::order])])
    said = " ".join(r.output.split())
    assert r.exit_code == 1 and "较新的下载 X" not in said and "有错没有导入 1" in said, said
    assert "两个文件的修改时间相同，不知道哪个是较新的下载，这一天没有导入：删掉不对的那个，再导入。" in said
    assert dt.date(2026, 11, 19) not in daily_rows(shop)


def test_a_full_width_dash_is_no_figure_as_a_dash_is(shop, tmp_path):  # noqa: F811
    """QA: 客单价 '－' (a full-width dash: no buyers that day) was an error, '不是金额：“－”', the day ✗ and the
    file sent to inbox/refused/, where '-' is no figure and passed over."""
    f = sycm_xlsx(tmp_path / "sycm.xlsx", [day("2026-11-19", 客单价="－", 评价数="－", 正面评价数="－")])
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    assert r.exit_code == 0 and r.output.startswith("✓ 生意参谋 1 天：新增 1"), r.output
    assert daily_rows(shop)[dt.date(2026, 11, 19)].aov is None


def test_a_replaced_figure_is_not_counted_as_a_blank_filled(shop, tmp_path):  # noqa: F811
    """QA: --replace over a typed 销售额 (nothing blank in the row) said '补空 1 · … · 已替换 1', the day counted
    as a blank filled too, and --json listed it under filled."""
    f = sycm_xlsx(tmp_path / "sycm.xlsx", [DAYS[1]])
    assert runner.invoke(app, ["kpi", "import", str(shop.folder), str(f)]).exit_code == 0
    wb = openpyxl.load_workbook(shop.path(KPI))
    ws = wb["日报"]
    head = {c.value: c.column for c in ws[1]}
    ws.cell(2, head["销售额"], 9999)
    wb.save(shop.path(KPI))
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f), "--replace"])
    assert r.output.startswith("✓ 生意参谋 1 天：新增 0 · 补空 0 · 不变 0 · 已替换 1"), r.output
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f), "--json"])
    assert json.loads(r.output)["filled"] == [] and daily_rows(shop)[dt.date(2026, 11, 19)].sales == D("10250.50")


def test_the_days_total_labelled_by_their_range_is_passed_over_not_a_weekly_file(shop, tmp_path):  # noqa: F811
    """QA: a download of 2026-11-18 to 11-20 whose totals row under the days reads 统计日期 '2026-11-18~2026-11-20'
    was refused whole as a weekly total ('统计日期是一段时间…请在生意参谋按日下载', exit 2), though every day
    is there by itself; that row is passed over as a 合计 row is. A file of weeks is still refused, its one-
    day last week or not."""
    total = day("2026-11-18~2026-11-20", 访客数="15,002")
    f = sycm_xlsx(tmp_path / "sycm.xlsx", [*DAYS, total], ad_values=[("1.00", "", "")] * 4)
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    assert r.exit_code == 0 and r.output.startswith("✓ 生意参谋 3 天：新增 3"), r.output
    weeks = sycm_xlsx(tmp_path / "weeks.xlsx", [day("2026-11-16~2026-11-22"), day("2026-11-23~2026-11-29"),
                                                day("2026-11-30~2026-11-30")])
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(weeks)])
    assert r.exit_code == 2 and "统计日期是一段时间（2026-11-16~2026-11-22）" in " ".join(r.output.split()), r.output


def test_a_note_alone_in_its_row_under_the_days_is_no_error(shop, tmp_path):  # noqa: F811
    """QA: a download with '注：数据来源于生意参谋…' and '下载时间：2026-12-04 09:12:33' on rows of their own under
    the days: each an error ('不是日期：…请填 2026-11-03…'), exit 1, and the daily job sent the file to
    inbox/refused/ though every day came in. A line of text alone in its row is a note, passed over; a row
    with figures and a 统计日期 that does not read is still an error."""
    wb = openpyxl.load_workbook(sycm_xlsx(tmp_path / "sycm.xlsx"))
    ws = wb.active
    ws.append([])
    ws.append(["注：数据来源于生意参谋，统计口径以页面为准"])
    ws.append(["下载时间：2026-12-04 09:12:33"])
    wb.save(tmp_path / "sycm.xlsx")
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(tmp_path / "sycm.xlsx")])
    assert r.exit_code == 0 and r.output.startswith("✓ 生意参谋 3 天：新增 3"), r.output
    f = sycm_xlsx(tmp_path / "bad.xlsx", [day("11月19日")])
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    assert r.exit_code == 1 and "统计日期 = '11月19日'" in r.output, r.output


def test_a_download_of_its_header_alone_is_said_not_passed_with_a_tick(shop, tmp_path):  # noqa: F811
    """QA: a download of days 生意参谋 had no figures for yet (its title and header, not one day) was
    '✓ 生意参谋 0 天：新增 0 …' — imported, said nothing, and the daily job moved it to done/. It is now a
    warning at its header, in both languages, the line '!' and the file in --json's empty_files."""
    from shopbook.kpi.import_sycm import import_kpi

    empty = sycm_xlsx(tmp_path / "【生意参谋平台】店铺整体_自然日_2026-12-05_2026-12-05.xlsx", [])
    res = import_kpi(shop, [empty, sycm_xlsx(tmp_path / "sycm.xlsx", [DAYS[0]])])
    said = res.said(9)
    assert res.ok and said[0][0] == "!" and res.added == [dt.date(2026, 11, 18)], said
    (issue,) = [i for i in res.issues if i.book == empty.name]
    assert issue.severity == "warning" and issue.row == 5 and issue.sheet == "店铺整体", issue
    assert "没有一天的数" in issue.message_zh and "按自然日重新下载" in issue.message_zh
    assert "holds no day's figures" in issue.message_en and "Download it again by day" in issue.message_en
    assert res.to_json()["empty_files"] == [empty.name]


def test_a_day_of_a_month_daily_has_no_sheet_of_is_said_where_it_went(shop, tmp_path):  # noqa: F811
    """QA: 日报 kept a sheet a month (11月, 12月) and a download from 10-31: October's day went below
    December's rows on 12月 with a ✓ and not a word (in December's sums once they are extended). Each
    day still goes to its month's sheet; one with none is now said at the sheet it went to."""
    from shopbook.kpi.import_sycm import import_kpi

    wb = openpyxl.load_workbook(shop.path(KPI))
    wb["日报"].title = "11月"
    wb.copy_worksheet(wb["11月"]).title = "12月"
    wb.save(shop.path(KPI))
    days = [[d, *DAYS[0][1:]] for d in ("2026-10-31", "2026-11-30", "2026-12-01")]
    res = import_kpi(shop, [sycm_xlsx(tmp_path / "sycm.xlsx", days)])
    wb = openpyxl.load_workbook(shop.path(KPI))
    on = {n: [r[0].date().isoformat() for r in wb[n].iter_rows(min_row=2, values_only=True) if r[0]] for n in ("11月", "12月")}
    assert on == {"11月": ["2026-11-30"], "12月": ["2026-10-31", "2026-12-01"]}, on
    (said,) = [i for i in res.issues if i.book == KPI.filename]
    assert (said.severity, said.sheet) == ("warning", "12月"), said
    assert said.message_zh.startswith("2026-10-31 没有自己月份的日报表，写在了“12月”的最后"), said.message_zh
    assert said.message_en.startswith("2026-10-31: no Daily sheet of its month, so written at the end of 12月")
