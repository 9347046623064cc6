"""日报 as many shops keep it: the month's dates typed in ahead, one row a day holding its date alone, the
figures to come. `shopbook validate` called each such row 3 errors ("访客数"必填、"支付订单数"必填、"销售额"必填),
so the daily job's 校验 step was ✗ every morning, and the KPI step, for a day whose row held only its date,
stopped with an internal error. Such a row is a day not filled in yet: one note for the sheet, exit 0; the
KPI step says the day has no figures, as when its row is missing; kpi import fills the row typed ahead."""

import datetime as dt

import openpyxl
import pytest
from test_daily import demo_like_shop
from test_kpi_import import sycm_xlsx
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io import cache, reader
from shopbook.io.reader import read_workbook
from shopbook.report.workflow import run_daily
from shopbook.schema import KPI, ORDERS, DailyKpi, OrderLine
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

runner = CliRunner()


def typed_ahead(path, first: dt.date, n: int, also: dict | None = None) -> list[int]:
    """`n` days from `first` typed under 日报's last row, each its date alone (in the date format of
    the row above, as a person fills them down); `also`: header → value on the last of them."""
    wb = openpyxl.load_workbook(path)
    ws = wb["日报"]
    head = {c.value: c.column for c in ws[1]}
    last = max((r for r in range(2, ws.max_row + 1) if ws.cell(r, head["日期"]).value is not None), default=1)
    fmt = ws.cell(last, head["日期"]).number_format if last > 1 else "yyyy-mm-dd"
    rows = []
    for k in range(n):
        c = ws.cell(last + 1 + k, head["日期"], dt.datetime.combine(first + dt.timedelta(days=k), dt.time()))
        c.number_format = fmt
        rows.append(c.row)
    for h, v in (also or {}).items():
        ws.cell(rows[-1], head[h], v)
    wb.save(path)
    return rows


def said(r) -> str:
    return " ".join(r.output.split())


def test_days_typed_ahead_are_one_note_not_errors_and_validate_exits_0(tmp_path, wide_console):
    shop = demo_like_shop(tmp_path)
    rows = typed_ahead(shop.path(KPI), dt.date(2026, 11, 22), 30)
    r = runner.invoke(app, ["validate", str(shop.path(KPI))])
    assert r.exit_code == 0 and "0 个错误，0 个警告" in said(r) and "必填" not in r.output, r.output
    assert said(r).count("只填了日期") == 1, r.output
    assert (f"kpi.xlsx › 日报 › A{rows[0]}：第 {rows[0]}–{rows[-1]} 行只填了日期（30 天），还没有数据，已跳过"
            in said(r)), r.output
    assert "合计或说明文字" not in r.output  # not called a totals row
    r = runner.invoke(app, ["validate", str(shop.path(KPI)), "--lang", "en"])
    assert r.exit_code == 0 and f"Rows {rows[0]}–{rows[-1]} hold only their 日期 (30 days), no figures yet" in said(r)


def test_a_row_typed_ahead_with_more_than_its_date_is_still_checked(tmp_path, wide_console):
    """A row begun (推广花费 typed, the required figures not) or with a cell that does not read is no day
    typed ahead: its cells are said as before; the days before it, date alone, are still one note."""
    shop = demo_like_shop(tmp_path)
    rows = typed_ahead(shop.path(KPI), dt.date(2026, 11, 22), 5, {"推广花费": 50})
    wrong = typed_ahead(shop.path(KPI), dt.date(2026, 11, 27), 1, {"访客数": "很多"})[0]
    r = runner.invoke(app, ["validate", str(shop.path(KPI))])
    out = said(r)
    assert r.exit_code == 1 and f"日报 › C{rows[-1]} 访客数 “访客数”必填" in out and f"日报 › C{wrong}" in out, out
    assert f"第 {rows[0]}–{rows[-2]} 行只填了日期（4 天）" in out and "“支付订单数”必填" in out, out


def test_the_daily_job_validates_and_says_the_day_typed_ahead_has_no_figures(tmp_path, wide_console):
    shop = demo_like_shop(tmp_path)
    typed_ahead(shop.path(KPI), dt.date(2026, 11, 22), 9)
    r = runner.invoke(app, ["daily", str(shop.folder), "--date", "2026-11-22"])
    out = said(r)
    assert "✓ 校验 │ 0 个错误" in out, out
    assert "– KPI │ 日报里 2026-11-22 这一行只填了日期，还没有数据。把生意参谋的下载放进 inbox/" in out, out
    assert "读不出" not in out and "内部错误" not in out, out


def test_a_day_typed_ahead_with_orders_is_filled_from_them_in_english(tmp_path):
    shop = demo_like_shop(tmp_path)
    typed_ahead(shop.path(KPI), dt.date(2026, 11, 22), 9)
    (line,) = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: [line.model_copy(update={
        "paid_at": dt.datetime(2026, 11, 22, 9), "row": None})]}, keep_backup=False)
    cfg = shop.folder / "shopbook.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    run = run_daily(open_shop(shop.folder), dt.date(2026, 11, 22), send=False, steps_only=("validate", "kpi"))
    steps = {s.name: s for s in run.steps}
    assert steps["validate"].ok is True, steps["validate"].detail
    note = run.summary.kpi_note
    assert note.startswith("The Daily row of 2026-11-22 holds only its date, no figures yet. Orders, units and "
                           "sales come from the orders workbook"), note
    assert "does not read" not in note and "Not in the Daily sheet" not in note, note
    assert {k.metric: k for k in run.summary.kpi}["orders"].raw == 1  # X1, paid that day


def test_kpi_import_fills_the_rows_typed_ahead_and_leaves_the_rest_as_days_to_come(tmp_path, wide_console):
    folder = tmp_path / "shop"
    init_shop(folder)
    kpi = folder / "kpi.xlsx"
    rows = typed_ahead(kpi, dt.date(2026, 11, 18), 13)  # 11-18 … 11-30
    r = runner.invoke(app, ["kpi", "import", str(folder), str(sycm_xlsx(tmp_path / "sycm.xlsx"))])  # 11-18 … 11-20
    assert r.exit_code == 0 and "必填" not in r.output, r.output
    ws = openpyxl.load_workbook(kpi)["日报"]
    head = {c.value: c.column for c in ws[1]}
    assert ws.max_row == rows[-1]  # filled in place, no second row of a day
    assert [ws.cell(r, head["支付订单数"]).value for r in rows[:4]] == [171, 104, 3, None]
    r = runner.invoke(app, ["validate", str(kpi)])
    assert r.exit_code == 0 and f"第 {rows[3]}–{rows[-1]} 行只填了日期（10 天）" in said(r), r.output


@pytest.mark.parametrize("arrow", [False, True])
def test_the_days_typed_ahead_read_from_the_cache_as_parsed(tmp_path, monkeypatch, arrow):
    monkeypatch.setattr(cache, "disabled", False)
    monkeypatch.setattr(cache, "_by_folder", {})
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.setattr(reader, "ARROW_MIN_BYTES", 0 if arrow else 1 << 40)
    shop = demo_like_shop(tmp_path)
    rows = typed_ahead(shop.path(KPI), dt.date(2026, 11, 22), 9)
    read = [read_workbook(shop.path(KPI), KPI).sheets[DailyKpi] for _ in range(2)]  # parsed, then the entry
    monkeypatch.setattr(cache, "disabled", True)
    read.append(read_workbook(shop.path(KPI), KPI).sheets[DailyKpi])
    for sd in read:
        assert sd.ahead == rows and not sd.issues and [n.row for n in sd.notes] == [rows[0]]
        assert [u.date for u in sd.unreadable] == [dt.date(2026, 11, 22) + dt.timedelta(days=k) for k in range(9)]


def test_a_review_says_the_days_typed_ahead_lack_figures_not_that_their_rows_are_missing(tmp_path, wide_console):
    """November's review with 11-22 … 11-30 typed ahead (date alone): before, it stopped on their 27
    'required' errors (exit 2); then it said the 9 days had 'no Daily row', which the person sees there."""
    shop = demo_like_shop(tmp_path)
    typed_ahead(shop.path(KPI), dt.date(2026, 11, 22), 9)
    r = runner.invoke(app, ["report", "monthly", str(shop.folder), "--period", "2026-11"])
    out = said(r)
    assert r.exit_code == 1 and "缺 9 天（日报里没有这一天的数据，也没有订单）：2026-11-22、" in out, out
    assert "日报没有这一行" not in out


def test_days_typed_ahead_with_a_formula_filled_down_are_still_days_to_come(tmp_path, wide_console):
    """客单价 =F/D filled down with the dates, as Excel saves it before the figures come: #DIV/0! in each row
    typed ahead. The rows were still 3 errors and a formula error each; they are days to come, and a
    #DIV/0! beside figures (a row filled in) is still an error."""
    from test_arrow_read import put_xml

    shop = demo_like_shop(tmp_path)
    rows = typed_ahead(shop.path(KPI), dt.date(2026, 11, 22), 3)
    wb = openpyxl.load_workbook(shop.path(KPI))
    ws = wb["日报"]
    aov = next(c.column_letter for c in ws[1] if c.value == "客单价")
    for r in rows:
        ws[f"{aov}{r}"] = f"=F{r}/D{r}"
    wb.save(shop.path(KPI))
    for r in rows:  # (as Excel saves it: the formula's value, an error)
        put_xml(shop.path(KPI), 1, f"{aov}{r}", f'<c r="{aov}{r}" t="e"><f>F{r}/D{r}</f><v>#DIV/0!</v></c>')
    r = runner.invoke(app, ["validate", str(shop.path(KPI))])
    assert r.exit_code == 0 and "0 个错误" in said(r) and "#DIV/0!" not in r.output, r.output
    assert f"第 {rows[0]}–{rows[-1]} 行只填了日期（3 天）" in said(r), r.output


@pytest.mark.parametrize("day_row", ["typed ahead", "unreadable"])
def test_a_date_on_two_rows_is_said_once_beside_a_day_row_said_anew(tmp_path, day_row):
    """The note that says the report day's own row anew (its date alone, typed ahead; a cell of it that
    does not read) replaced what the note said before: a date on two rows of 日报 was then said under the
    problems instead. It is said once, where the figures go, in the e-mail, the group message and the
    report's first sheet alike (report.workflow.run_daily's `beyond`)."""
    from test_daily import _daily_typed_twice
    from test_daily_row_unread import typo_on

    from shopbook.report.bots import daily_summary, markdown
    from shopbook.report.daily import render_email, write_daily_workbook

    shop = demo_like_shop(tmp_path)
    _daily_typed_twice(shop, 19, 45)
    if day_row == "typed ahead":
        day = dt.date(2026, 11, 22)
        typed_ahead(shop.path(KPI), day, 1)
        own = "日报里 2026-11-22 这一行只填了日期，还没有数据。"
    else:
        day = dt.date(2026, 11, 20)  # no order that day: nothing stands in for the row
        typo_on(shop, 20)
        own = "日报里 2026-11-20 这一行有读不出的单元格，没有用它"
    s = run_daily(open_shop(shop.folder), day, send=False, steps_only=("kpi",)).summary
    twice = "日报里同一日期有两行"
    assert own in s.kpi_note and twice in s.kpi_note, s.kpi_note
    html, text = render_email(s)
    group = markdown(daily_summary(s))
    ws = openpyxl.load_workbook(write_daily_workbook(tmp_path / "daily.xlsx", s)).worksheets[0]
    first_sheet = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    for said in (text, html, group, first_sheet):
        assert said.count(twice) == 1 and said.count(own) == 1, said
