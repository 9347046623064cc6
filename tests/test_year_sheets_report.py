"""QA (the year's turn): a shop keeping a sheet a year (2025流水 and 2026流水, 2025日报 and 2026日报, no
sheet called 流水 or 日报) had this year's read alone. In January, `ledger --month` of December made a
P&L of 0.00 with every 余额核对 said to disagree, and `report monthly` a review of December from the
orders alone; a stop-gap then refused both, telling the shop to merge its sheets. Now the sheets are
read as one, in the order of their years, each row located on its own sheet, and a row written goes to
the sheet of its year. (Last year's December reported this year: the January case, with today's clock.)"""

import datetime as dt

import openpyxl
import pytest
from cli_run import shopbook

from shopbook.io.reader import read_workbook
from shopbook.io.sheet_edit import SheetEdit, edit_workbook
from shopbook.issues import ShopbookError, at
from shopbook.money.workflow import ledger_report
from shopbook.report.monthly import build_review
from shopbook.schema import KPI, LEDGER, DailyKpi, Direction, Entry
from shopbook.shop import init_shop, open_shop

Y = dt.date.today().year - 1  # December of last year, reported in this year (whose sheet is written first)


def _split_by_year(path, sheet: str, rows: list[dict], last_year: int = Y) -> None:
    """`sheet` of the workbook at `path` as two sheets named for their year, `rows` on each by its date."""
    wb = openpyxl.load_workbook(path)
    old = wb[sheet]
    old.title = f"{last_year}{sheet}"
    new = wb.copy_worksheet(old)
    new.title = f"{last_year + 1}{sheet}"
    head = [c.value for c in old[1]]
    for r in rows:
        (old if r["日期"].year == last_year else new).append([r.get(h) for h in head])
    wb.save(path)


def _entry(day, amount, category="销售收入") -> dict:
    return {"日期": day, "收支": "收入", "类别": category, "金额": amount, "账户": "支付宝"}


def _accounts(path, then=None) -> None:
    wb = openpyxl.load_workbook(path)
    wb["账户"].append(["支付宝", dt.datetime(Y, 12, 1), 1000])
    wb["类别"].append(["销售收入", "收入", "销售"])
    if then is not None:
        then(wb)
    wb.save(path)


@pytest.fixture(scope="module")
def year_shop(tmp_path_factory):
    folder = tmp_path_factory.mktemp("years") / "shop"
    init_shop(folder)
    dec, jan = dt.datetime(Y, 12, 30), dt.datetime(Y + 1, 1, 2)
    _split_by_year(folder / "ledger.xlsx", "流水", [_entry(dec, 500), _entry(jan, 80)])
    _accounts(folder / "ledger.xlsx")
    _split_by_year(folder / "kpi.xlsx", "日报", [{"日期": dec, "访客数": 100, "支付订单数": 2, "销售额": 500},
                                                {"日期": jan, "访客数": 90, "支付订单数": 1, "销售额": 80}])
    return folder


def test_last_years_december_is_reported_from_last_years_sheet(year_shop, monkeypatch):
    from shopbook.io import cache

    monkeypatch.setattr(cache, "MIN_BYTES", 0)  # (these small workbooks would be kept in the parsed-sheet cache)
    shop = open_shop(year_shop)
    for _ in range(2):  # read, then again (a sheet a year is not kept in the cache: read from the file again)
        report, _margin, _path = ledger_report(shop, f"{Y}-12")
        assert report.income == 500 and [(a.opening, a.closing) for a in report.accounts] == [(1000, 1500)]
    report, *_ = ledger_report(shop, f"{Y + 1}-01")  # this year's month: its balance counts last year's line
    assert report.income == 80 and [(a.opening, a.closing) for a in report.accounts] == [(1500, 1580)]
    review = build_review(shop, "monthly", f"{Y}-12")
    assert [d.visitors for d in review.days if d.date == dt.date(Y, 12, 30)] == [100]


def test_each_row_is_located_on_its_own_sheet_and_written_to_its_years(year_shop, tmp_path):
    path = tmp_path / "ledger.xlsx"
    path.write_bytes((year_shop / "ledger.xlsx").read_bytes())
    wb = openpyxl.load_workbook(path)
    wb[f"{Y}流水"].append(["x", "收入", "销售收入", 9, "支付宝"])  # a date that is no date, on last year's sheet
    wb.save(path)
    wd = read_workbook(path, LEDGER)
    said = [(i.sheet, i.cell) for i in wd.errors_in(Entry)]
    assert said == [(f"{Y}流水", "A4")], said
    dec, jan = wd.rows(Entry)
    assert (dec.date, jan.date) == (dt.date(Y, 12, 30), dt.date(Y + 1, 1, 2))
    # a rule's issue about a record (issues.at) is placed on the record's own sheet and row
    assert [(i.sheet, i.cell) for i in wd.locate([at(e, "amount", "error", "x", "x") for e in (dec, jan)])] == [
        (f"{Y}流水", "D3"), (f"{Y + 1}流水", "D3")]
    # a cell set on last year's row, rows appended: each to its own year's sheet; of a year with no sheet,
    # to this year's (the one written first)
    new = [Entry(date=d, direction=Direction.IN, category="销售收入", amount=a, account="支付宝")
           for d, a in ((dt.date(Y, 12, 31), 7), (dt.date(Y + 1, 1, 3), 8), (dt.date(Y + 2, 1, 1), 9))]
    edit_workbook(path, [SheetEdit(Entry, set_cells={dec.row: {"note": "改"}}, append=new, layout=wd.sheets[Entry])])
    wb = openpyxl.load_workbook(path)
    cells = {n: [[c.value for c in r][:5] + [r[8].value] for r in wb[n].iter_rows(min_row=3)] for n in wb.sheetnames
             if n.endswith("流水")}
    assert [r[3] for r in cells[f"{Y}流水"]] == [500, 9, 7] and cells[f"{Y}流水"][0][5] == "改", cells
    assert [r[3] for r in cells[f"{Y + 1}流水"]] == [80, 8, 9], cells
    # read again (the workbook edited on one year's sheet): the change is seen
    wd = read_workbook(path, LEDGER)
    assert [(e.date.year, e.amount, e.note) for e in wd.rows(Entry) if e.amount in (500, 7)] == [(Y, 500, "改"), (Y, 7, None)]


def test_a_line_booked_on_both_years_sheets_is_said_with_its_own_row(year_shop, tmp_path):
    """The same payment (流水号) booked at the turn of the year on 2025流水 and again on 2026流水: validate says
    it at the second, naming the first's sheet and row (not row 2097156, nor row 4 of the sheet it is said on)."""
    from shopbook.validate import validate_path

    path = tmp_path / "ledger.xlsx"
    path.write_bytes((year_shop / "ledger.xlsx").read_bytes())
    wb = openpyxl.load_workbook(path)
    for n, day in ((f"{Y}流水", dt.datetime(Y, 12, 31)), (f"{Y + 1}流水", dt.datetime(Y + 1, 1, 1))):
        wb[n].append([day, "收入", "销售收入", 66, "支付宝", None, "T2024"])
    wb.save(path)
    (i,) = [i for i in validate_path(path).issues if i.column == "流水号"]
    assert (i.sheet, i.cell) == (f"{Y + 1}流水", "G4") and "流水号“T2024”在另一张流水表的第 4 行已有" in i.message_zh, i
    assert "is on row 4 of another Entries sheet already" in i.message_en


def test_a_year_sheet_of_other_headers_still_stops_the_report(tmp_path):
    """A year's sheet whose header lacks a column people must fill (帐户 typed for 账户) is not read with the
    others: the report of a month that needs it still stops, naming it."""
    folder = tmp_path / "shop"
    init_shop(folder)
    _split_by_year(folder / "ledger.xlsx", "流水", [_entry(dt.datetime(Y, 12, 30), 500),
                                                   _entry(dt.datetime(Y + 1, 1, 2), 80)])
    _accounts(folder / "ledger.xlsx", lambda wb: wb[f"{Y}流水"].cell(1, 5, "帐户"))
    with pytest.raises(ShopbookError) as e:
        ledger_report(open_shop(folder), f"{Y}-12")
    assert f"“{Y}流水”表没有读取" in e.value.zh, e.value.zh


def test_month_sheets_are_read_as_one_in_month_order(tmp_path):
    path = tmp_path / "kpi.xlsx"
    init_shop(tmp_path / "shop")
    wb = openpyxl.load_workbook(tmp_path / "shop" / "kpi.xlsx")
    wb["日报"].title = f"{Y}-12"
    head = [c.value for c in wb[f"{Y}-12"][1]]
    nov = wb.copy_worksheet(wb[f"{Y}-12"])
    nov.title = f"{Y}-11"
    for ws, d in ((wb[f"{Y}-12"], 1), (nov, 30)):
        day = dt.datetime(Y, 12 if d == 1 else 11, d)
        ws.append([{"日期": day, "访客数": d, "支付订单数": 1, "销售额": 10}.get(h) for h in head])
    wb.save(path)
    wd = read_workbook(path, KPI, (DailyKpi,))
    assert [r.date for r in wd.rows(DailyKpi)] == [dt.date(Y, 11, 30), dt.date(Y, 12, 1)]
    assert wd.sheets[DailyKpi].unread == ()


def test_month_sheets_named_without_their_year_are_read_in_date_order_in_january(tmp_path, monkeypatch):
    """12月 and 1月 (no year in either) read in January: 1月 came first (month 1 before 12), so rows sorted by
    their number put January before December. A month after today's is last year's: 12月, then 1月."""
    import types

    from shopbook.io import reader

    class January(dt.date):
        @classmethod
        def today(cls):
            return cls(Y + 1, 1, 15)

    monkeypatch.setattr(reader, "dt", types.SimpleNamespace(
        **{k: getattr(dt, k) for k in dir(dt) if not k.startswith("_") and k != "date"}, date=January))
    path = tmp_path / "kpi.xlsx"
    init_shop(tmp_path / "shop")
    wb = openpyxl.load_workbook(tmp_path / "shop" / "kpi.xlsx")
    wb["日报"].title = "1月"
    head = [c.value for c in wb["1月"][1]]
    dec = wb.copy_worksheet(wb["1月"])
    dec.title = "12月"
    for ws, day in ((wb["1月"], dt.datetime(Y + 1, 1, 2)), (dec, dt.datetime(Y, 12, 31))):
        ws.append([{"日期": day, "访客数": 5, "支付订单数": 1, "销售额": 10}.get(h) for h in head])
    wb.save(path)
    wd = read_workbook(path, KPI, (DailyKpi,))
    rows = wd.rows(DailyKpi)
    assert [r.date for r in sorted(rows, key=lambda r: r.row)] == [dt.date(Y, 12, 31), dt.date(Y + 1, 1, 2)]
    sd = wd.sheets[DailyKpi]
    assert [p.sheet for p in sd.parts] == ["12月", "1月"] and sd.parts[sd.first].sheet == "1月"


def test_a_kpi_import_across_the_years_fills_each_years_sheet(tmp_path):
    """生意参谋's days 12-30, 12-31 and 01-02 imported into 2025日报 / 2026日报: December's row typed ahead
    (its date alone) is filled in on last year's sheet, the row whose 访客数 does not read is said at its own
    sheet and left as typed, and January's new day goes below this year's rows."""
    from test_kpi_import import DAYS, sycm_xlsx

    from shopbook.kpi.import_sycm import import_kpi

    init_shop(tmp_path / "shop")
    path = tmp_path / "shop" / "kpi.xlsx"
    _split_by_year(path, "日报", [{"日期": dt.datetime(Y, 12, 30)},
                                 {"日期": dt.datetime(Y, 12, 31), "访客数": "x", "支付订单数": 1, "销售额": 10},
                                 {"日期": dt.datetime(Y + 1, 1, 1), "访客数": 5, "支付订单数": 1, "销售额": 10}])
    days = [[d, *r[1:]] for r, d in zip(DAYS, (f"{Y}-12-30", f"{Y}-12-31", f"{Y + 1}-01-02"))]
    res = import_kpi(open_shop(tmp_path / "shop"), [sycm_xlsx(tmp_path / "sycm.xlsx", days)])
    assert [(i.sheet, i.cell) for i in res.issues] == [(f"{Y}日报", "A4")], res.issues
    wb = openpyxl.load_workbook(path)
    visitors = {n: [(r[0].value.date(), r[2].value) for r in wb[n].iter_rows(min_row=3)] for n in (f"{Y}日报", f"{Y + 1}日报")}
    assert visitors == {f"{Y}日报": [(dt.date(Y, 12, 30), 7001), (dt.date(Y, 12, 31), "x")],
                        f"{Y + 1}日报": [(dt.date(Y + 1, 1, 1), 5), (dt.date(Y + 1, 1, 2), 7001)]}, visitors


def test_shopbook_ledger_of_last_december(year_shop, tmp_path):
    """One real run, as the shop types it in January: the P&L of December is made."""
    folder = tmp_path / "shop"
    folder.mkdir()
    for f in year_shop.iterdir():
        if f.is_file():
            (folder / f.name).write_bytes(f.read_bytes())
    r = shopbook("ledger", str(folder), "--month", f"{Y}-12")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "500.00" in r.stdout and "没有读取" not in r.stdout + r.stderr, r.stdout


def test_a_daily_row_typed_with_the_year_wrong_is_pointed_at_where_its_day_is_reported(tmp_path):
    """The first days of a year: 2026-01-02 typed for 2027-01-02 by habit (or, in January, late December's
    "12-30" given this year by Excel). The row counted on no day: the day's report took its orders, no
    traffic, with '这一天日报里没有', and the month's review said nothing. Now both name the row and the day
    it is likely meant for."""
    from test_daily import demo_like_shop

    from shopbook.report.workflow import run_daily
    from shopbook.schema import KPI

    shop = demo_like_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.path(KPI))
    ws = wb["日报"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value.date() == dt.date(2026, 11, 21))
    ws.cell(row, 1).value = dt.datetime(2025, 11, 21)  # below 11-20 of 2026
    wb.save(shop.path(KPI))
    run = run_daily(shop, dt.date(2026, 11, 21), send=False, steps_only=("kpi",))  # X1 paid that day
    (kpi,) = run.steps
    said = f"kpi.xlsx › 日报 › A{row}：日期“2025-11-21”和它上下的行（2026-11-20）差了一年：是不是 2026-11-21 的年份写错了？"
    assert kpi.ok is False and said in kpi.detail, kpi.detail
    assert "是不是 2026-11-21 的年份写错了" in run.summary.kpi_note and "生意参谋" not in run.summary.kpi_note
    rev = build_review(shop, "monthly", "2026-11")
    assert [(i.row, i.severity) for i in rev.year_typos] == [(row, "warning")], rev.year_typos
    lines = rev.said(shop.reports / "月报-2026-11.xlsx")
    assert any(m == "!" and said in zh for m, zh, _ in lines) and not any(m == "✓" for m, _, _ in lines), lines
    # its year left off ("11-21" typed as text, as "1-1" on New Year's Day): the day's own row that does not
    # read, said at its cell (✗), not '日报里有读不出的单元格…这一天的行可能是其中之一' under a ✓
    wb = openpyxl.load_workbook(shop.path(KPI))
    wb["日报"].cell(row, 1).value = "11-21"
    wb.save(shop.path(KPI))
    (kpi,) = run_daily(shop, dt.date(2026, 11, 21), send=False, steps_only=("kpi",)).steps
    assert kpi.ok is False and "日报里 2026-11-21 这一行有读不出的单元格，没有用它" in kpi.detail, kpi.detail
    assert f"kpi.xlsx › 日报 › A{row} 日期“11-21”没有年份" in kpi.detail, kpi.detail


def test_an_agents_payment_typed_with_last_years_year_is_said_on_its_statement(tmp_path):
    """In the first days of a year a 收款 typed 2026-01-05 for 2027-01-05 counted in January of last year:
    taken off every statement's 上期结余 since, on none of its own month, settle's ✓ and no word. Now a
    收款 a year off the rows around it is said at its 日期 on the agent's statement (the summary no ✓)."""
    from decimal import Decimal as D

    from test_agents_settlement import line, make_shop

    from shopbook.agents.workflow import settle_month
    from shopbook.schema import Payment

    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 4, "27.50", shipped=dt.date(2026, 10, 3)),
                                      line("DL1-002", "A", 2, "27.50", shipped=dt.date(2026, 11, 3))],
                     payments=[Payment(date=dt.date(2026, 10, 9), agent_id="DL1", amount=D(110)),
                               Payment(date=dt.date(2025, 11, 9), agent_id="DL1", amount=D(55)),  # for 2026-11-09
                               Payment(date=dt.date(2026, 11, 20), agent_id="DL1", amount=D(5))])
    res = settle_month(shop, "2026-11")
    (i,) = res.statements[0].issues
    assert (i.sheet, i.cell, i.severity) == ("收款", "A3", "warning"), i
    assert "收款日期“2025-11-09”和它上下的行差了一年：是不是 2026-11-09？代理 DL1 的这笔 55.00 元现在算在 2025-11" in i.message_zh
    assert "is it 2026-11-09?" in i.message_en and res.said()[-1][0] == "!"


def test_a_balance_check_names_lines_typed_a_year_late_that_together_make_its_gap(tmp_path):
    """Late December's lines typed in January with the new year (Excel gives "12-30" the year it is typed
    in; here November's, a month already over): the month-end 余额核对 disagreed by their sum and said only
    '请查找漏记或记错的流水', no one line being the gap, and the month's P&L lacked them unsaid. Now the check
    names them and the year, and `ledger --month` each at its cell."""
    from decimal import Decimal as D

    from shopbook.schema import LEDGER, Account, BalanceCheck, Category, Entry
    from shopbook.validate import validate_path
    from shopbook.workbook_builder import write_workbook

    folder = tmp_path / "shop"
    init_shop(folder)
    E = Entry
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Entry: [E(date=dt.date(2026, 11, 2), direction="收入", category="销售收入", amount=D("200.00"), account="支付宝"),
                E(date=dt.date(2027, 11, 20), direction="收入", category="销售收入", amount=D("30.00"), account="支付宝"),
                E(date=dt.date(2027, 11, 20), direction="支出", category="直通车", amount=D("5.00"), account="支付宝"),
                E(date=dt.date(2026, 11, 25), direction="支出", category="直通车", amount=D("5.00"), account="支付宝")],
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D("1000.00"))],
        BalanceCheck: [BalanceCheck(date=dt.date(2026, 11, 30), account="支付宝", balance=D("1220.00"))],
        Category: [Category(category="销售收入", direction="收入", group="销售"),
                   Category(category="直通车", direction="支出", group="推广")]}, keep_backup=False)
    (c,) = [i for i in validate_path(folder / "ledger.xlsx").issues if i.sheet == "余额核对"]
    assert "相差 +¥25.00。可能的原因：流水第 3 行（支付宝 2027-11-20 收入 ¥30.00 销售收入）：日期在核对日之后，正好晚一年；" \
           "它和第 4 行（共 2 行，都是这样）合起来正好是差额" in c.message_zh, c.message_zh
    assert "with rows 4 (2 in all, each so) it makes the gap exactly: is the year mistyped?" in c.message_en
    # and `ledger --month` of the month they were meant for says each, at its cell (a P&L lacking them)
    from shopbook.money.workflow import ledger_report

    report, _, _ = ledger_report(open_shop(folder), "2026-11")
    assert [(i.cell, i.severity) for i in report.sheet_warnings] == [("A3", "warning"), ("A4", "warning")]
    assert "日期“2027-11-20”和它上下的行差了一年：是不是 2026-11-20？这笔收入 30.00（销售收入）现在算在 2027-11 的利润表里" \
        in report.sheet_warnings[0].message_zh, report.sheet_warnings[0].message_zh


def test_the_self_check_owes_last_months_statement_less_what_was_paid_since(tmp_path):
    """December's statement paid on 01-05 (or November's on 12-03): the self-check told finance every morning
    of the new month that the whole of it was still owed ('2026-12 对账单应收 ¥11,014.90 未收齐') — the
    payment is dated after the month it pays for, so on no statement of that month. Now what was paid since
    the month ended is taken off: the rest is said, and nothing once it is all in."""
    from decimal import Decimal as D

    from test_agents_settlement import line, make_shop

    from shopbook.report.selfcheck import read_selfcheck
    from shopbook.schema import Payment

    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 2, "27.50", status="已签收", shipped=dt.date(2026, 11, 3))],
                     payments=[Payment(date=dt.date(2026, 12, 3), agent_id="DL1", amount=D(20))])

    due = [i.what for i in read_selfcheck(shop, dt.date(2026, 12, 5), []) if i.role == "finance" and "对账单应收" in i.what]
    # 55.00 billed, 20.00 paid on 12-03: both said (the statement says 55.00; no statement says 35.00)
    assert due == ["2026-11 对账单应收 ¥55.00，月底后已收 ¥20.00，还差 ¥35.00"], due


def test_a_stocktake_typed_with_last_years_year_is_not_posted_a_year_back(tmp_path):
    """The first days of a year: the week's counts typed 2026-01-02 for 2027-01-02, by habit. `stocktake post
    --date 2026-01-02` (as the warning on posting the week before told: 'post them too') set them against the
    book of a year ago and wrote 盘盈/盘亏 dated then. Now it stops naming the date meant, and posting the
    other counts says it. (Here a year earlier: 2025-12-01 typed for 2026-12-01, the run on 2026-12-05.)"""
    from decimal import Decimal as D

    from shopbook.issues import DataStop
    from shopbook.schema import STOCK, Movement, Product, StocktakeCount
    from shopbook.stock.workflow import stocktake_post
    from shopbook.workbook_builder import write_workbook

    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="A", name="T恤", cost=D(10), price=D(50), opening_qty=10)],
        Movement: [Movement(date=dt.date(2026, 11, 10), sku="A", type="出库", qty=2)],
        StocktakeCount: [StocktakeCount(date=dt.date(2026, 11, 24), sku="A", counted=8),
                         StocktakeCount(date=dt.date(2025, 12, 1), sku="A", counted=7)]}, keep_backup=False)
    shop = open_shop(folder)
    with pytest.raises(DataStop) as e:
        stocktake_post(shop, dt.date(2025, 12, 1), today=dt.date(2026, 12, 5))
    assert "“盘点”表里 2025-12-01 的盘点（1 行）比其他盘点早了一年：是不是 2026-12-01 的年份写错了？" in e.value.zh, e.value.zh
    plan = stocktake_post(shop, dt.date(2026, 11, 24), dry_run=True, today=dt.date(2026, 12, 5))
    assert "比其他盘点早了一年：是不是 2026-12-01 的年份写错了？" in plan.warnings[0][0], plan.warnings


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_daily_row_a_year_off_is_said_once_in_the_e_mail_and_the_group_message(tmp_path, lang):
    """The e-mail said the row typed a year off twice (where the figures go, then under Problems with its
    cell), and so did the group message, each its whole paragraph: now once, where the figures go, with
    its cell (kpi.xlsx › 日报 › A4); the report workbook's first sheet alike."""
    from decimal import Decimal as D

    from shopbook.report.bots import daily_summary, markdown
    from shopbook.report.daily import render_email
    from shopbook.report.workflow import run_daily
    from shopbook.schema import Target
    from shopbook.workbook_builder import write_workbook

    folder = tmp_path / "shop"
    init_shop(folder, lang)
    days = [DailyKpi(date=dt.date(2026, 11, d), visitors=100, buyers=3, orders=3, sales=D(300), units=3) for d in (28, 29)]
    days.append(DailyKpi(date=dt.date(2025, 11, 30), visitors=100, buyers=3, orders=3, sales=D(300), units=3))
    write_workbook(folder / "kpi.xlsx", KPI, lang, {DailyKpi: days, Target: []}, keep_backup=False)
    s = run_daily(open_shop(folder), dt.date(2026, 11, 30), send=False, steps_only=("kpi",)).summary
    words = ("是不是 2026-11-30 的年份写错了" if lang == "zh" else "is it 2026-11-30 with the year mistyped")
    cell = "kpi.xlsx › 日报 › A4" if lang == "zh" else "kpi.xlsx › Daily › A4"
    html, text = render_email(s)
    group = markdown(daily_summary(s))
    for said in (text, html, group):
        assert said.count(words) == 1 and cell in said, said
    from shopbook.report.daily import write_daily_workbook

    ws = openpyxl.load_workbook(write_daily_workbook(tmp_path / "daily.xlsx", s)).worksheets[0]
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    assert sum(words in c for c in cells) == 1 and any(cell in c for c in cells), cells  # (the report alike)
