"""The monthly review and the daily e-mail on real workbooks: targets by day, percentage
targets, text from sheets kept as text, an empty month, what the e-mails say."""

from __future__ import annotations

import datetime as dt
import email
import json
import re
import zipfile
from decimal import Decimal
from email import policy
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.issues import ShopbookError
from shopbook.kpi.metrics import aov_of, day_report, days_from
from shopbook.report.daily import render_email
from shopbook.report.monthly import make_review, monthly_email
from shopbook.report.workflow import run_daily
from shopbook.schema import KPI, ORDERS, STOCK, DailyKpi, OrderLine, Product, Target
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

D = Decimal
SEPT = [DailyKpi(date=dt.date(2026, 9, d), visitors=1000, buyers=40, orders=40, sales=D("4000.00"), units=40)
        for d in range(1, 31)]


def month_shop(tmp_path, days=SEPT, targets=(), name="我的店铺", products=()) -> object:
    folder = tmp_path / "shop"
    init_shop(folder)
    if name != "我的店铺":
        cfg = (folder / "shopbook.toml").read_text(encoding="utf-8")
        (folder / "shopbook.toml").write_text(cfg.replace('name = "我的店铺"', f'name = "{name}"', 1), encoding="utf-8")
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {DailyKpi: list(days), Target: list(targets)}, keep_backup=False)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: list(products)}, keep_backup=False)
    return open_shop(folder)


def sheet_rows(path: Path, title: str) -> list[tuple]:
    return list(openpyxl.load_workbook(path)[title].iter_rows(values_only=True))


def test_each_day_of_the_month_is_judged_by_the_target_in_force_that_day(tmp_path):
    """30 orders a day until 9-22, 50 from 9-23: 40 orders is ▲ on 9-1 … 9-22 and ▼ after."""
    shop = month_shop(tmp_path, targets=[Target(metric="支付订单数", target=D(30), start=dt.date(2026, 7, 25)),
                                         Target(metric="支付订单数", target=D(50), start=dt.date(2026, 9, 23))])
    rev, path, _ = make_review(shop, "monthly", "2026-09")
    rows = [r for r in sheet_rows(path, "考核")[3:] if isinstance(r[0], dt.datetime)]
    assert len(rows) == 30
    assert {(r[0].day, r[3], r[4]) for r in rows if r[0].day in (1, 22, 23, 30)} == {
        (1, 30, "▲"), (22, 30, "▲"), (23, 50, "▼"), (30, 50, "▼")}


@pytest.mark.parametrize("typed, ok", [("3%", True), (0.03, True), (2, False), (98.5, False)])
def test_percentage_targets(tmp_path, typed, ok):
    """'3%' typed as text is 3 %; a bare 2 for 转化率 would be 200 %: validate says so at the
    cell and the report keeps the default 2 % rather than show a 200 % target."""
    shop = month_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.path(KPI))
    ws = wb["目标"]
    ws.append(["转化率", typed, dt.date(2026, 1, 1)])
    row = ws.max_row
    wb.save(shop.path(KPI))
    out = CliRunner().invoke(app, ["validate", str(shop.path(KPI)), "--json"])
    import json

    issues = [i for i in json.loads(out.stdout) if i["sheet"] == "目标"]
    run = run_daily(shop, dt.date(2026, 9, 30), send=False, steps_only=("kpi",))
    conv = next(k for k in run.summary.kpi if k.metric == "conversion")
    if ok:
        assert issues == [] and conv.target == "3.00%"
    else:
        assert [(i["cell"], i["message_en"].split(":")[0]) for i in issues] == [(f"B{row}", "A percentage")]
        assert conv.target == "2.00%（默认）"  # the shop's 2 refused: the default, marked so


def test_unknown_metric_names_in_the_targets_sheet_are_located(tmp_path):
    shop = month_shop(tmp_path, targets=[Target(metric="日订单数", target=D(30)), Target(metric="Orders", target=D(30))])
    out = CliRunner().invoke(app, ["validate", str(shop.path(KPI)), "--json"])
    import json

    issues = [i for i in json.loads(out.stdout) if i["sheet"] == "目标"]
    assert [(i["cell"], i["value"]) for i in issues] == [("A2", "日订单数")]  # "Orders" is a Daily column


def test_negative_daily_figures_are_reported_at_their_own_cells(tmp_path):
    shop = month_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.path(KPI))
    ws = wb["日报"]
    col = {c.value: c.column_letter for c in ws[1]}
    ws[f"{col['支付订单数']}3"] = -3
    ws[f"{col['销售额']}4"] = -100
    ws[f"{col['成交件数']}5"] = -10
    wb.save(shop.path(KPI))
    import json

    out = CliRunner().invoke(app, ["validate", str(shop.path(KPI)), "--json"])
    negative = {i["cell"] for i in json.loads(out.stdout) if i["message_en"] == "Cannot be negative."}
    assert negative == {f"{col['支付订单数']}3", f"{col['销售额']}4", f"{col['成交件数']}5"}


def test_text_from_the_sheets_stays_text_in_the_monthly_review(tmp_path):
    evil = '=HYPERLINK("http://evil.example","点我")'
    products = [Product(sku="S1", style="=1+1", name=evil, cost=D(20), price=D(60), opening_qty=10)]
    shop = month_shop(tmp_path, products=products)
    rev, path, _ = make_review(shop, "monthly", "2026-09")
    with zipfile.ZipFile(path) as z:
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets and not any(b"<f>" in s for s in sheets)  # no formula anywhere
    assert ("S1", evil, "=1+1") in [r[:3] for r in sheet_rows(path, "商品销售")]


def test_an_empty_month_says_so(tmp_path):
    shop = month_shop(tmp_path, products=[Product(sku="S1", name="衬衫", cost=D(20), price=D(60), opening_qty=10)])
    rev, path, pngs = make_review(shop, "monthly", "2025-01")
    assert rev.empty and rev.best() == [] and "mix" not in pngs
    assert sheet_rows(path, "考核")[1][0] == "2025-01-01 至 2025-01-31 没有订单，也没有日报数据。"
    d = monthly_email(shop, "2025-01")
    msg = email.message_from_bytes(d.path.read_bytes(), policy=policy.default)
    assert "没有订单" in msg.get_body(("plain",)).get_content()


def test_the_monthly_email_in_the_shops_language_with_its_name_as_text(tmp_path):
    days = [DailyKpi(date=dt.date(2026, 9, 1), visitors=0, orders=0, sales=D(0)),
            DailyKpi(date=dt.date(2026, 9, 2), visitors=0, orders=3, sales=D("300.05"))]
    shop = month_shop(tmp_path, days=days, name="Shop & Co <test>")
    d = monthly_email(shop, "2026-09")
    msg = email.message_from_bytes(d.path.read_bytes(), policy=policy.default)
    html, text = msg.get_body(("html",)).get_content(), msg.get_body(("plain",)).get_content()
    assert "<h2>Shop &amp; Co &lt;test&gt; 月度考核表 2026-09</h2>" in html
    assert "转化率</td><td>—" in html  # no visitors: no conversion, not 0.00 %
    assert "支付订单数：3" in text and "销售额：¥300.05" in text and "客单价：¥100.02" in text
    assert "Shop & Co <test>" in text


def test_aov_rounds_half_up():
    assert aov_of(D("100.05"), 2) == D("50.03") and aov_of(D("495.65"), 2) == D("247.83")


def test_the_7_day_median_spans_7_calendar_days():
    """日报 has 12-20 … 12-24 (100 orders a day) and 12-29, 12-30 (10): the median for 01-01
    is over 12-25 … 12-31, the two days of 10, not over the last seven rows."""
    days = [DailyKpi(date=dt.date(2026, 12, d), visitors=1000, orders=100 if d < 25 else 10, sales=D(100))
            for d in (20, 21, 22, 23, 24, 29, 30)]
    days.append(DailyKpi(date=dt.date(2027, 1, 1), visitors=1000, orders=10, sales=D(100)))
    rep = day_report(days_from(days, []), dt.date(2027, 1, 1), [])
    assert rep.median7["orders"] == D(10) and rep.median30["orders"] == D(100)


def test_daily_email_plain_text_is_not_html_escaped_and_says_everything(tmp_path):
    shop = month_shop(tmp_path, name="Shop & Co")
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: [
        OrderLine(order_no="X1", receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 a", sku="S", qty=1,
                  status="已挂起", review='买家留言：送朋友的 & "包装" <好看>', paid_at=dt.datetime(2026, 9, 30, 9))]},
        keep_backup=False)
    run = run_daily(shop, dt.date(2026, 9, 30), send=False, steps_only=("kpi",))
    s = run.summary
    s.validation = (2, 0)
    s.supplies = [("面单", "3.3", True)]
    s.to_call = [("tb_amy", "13800000001", "S-M", "衬衫")]
    html, text = render_email(s)
    assert 'X1：买家留言：送朋友的 & "包装" <好看>' in text and "Shop & Co" in text
    assert "&lt;好看&gt;" in html
    assert "校验：2 个错误" in text and "面单：3.3  !" in text and "tb_amy 13800000001 — S-M 衬衫" in text
    assert "校验：2 个错误" in html and "面单：3.3" in html
    assert "<th>09-30</th>" in html  # the report's day, not 昨日
    # a figure with a target and no value yet: the target alone, no gap before the bracket closes
    assert "DSR：—（目标 4.80（默认））\n" in text and " )" not in text and " ）" not in text


def test_order_counts_in_the_email_do_not_depend_on_kpi_xlsx(tmp_path):
    shop = month_shop(tmp_path)
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: [
        OrderLine(order_no=f"A{i}", receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 a", sku="S",
                  qty=1, status="已审核" if i < 3 else "已挂起", review="x") for i in range(5)]}, keep_backup=False)
    data = shop.path(KPI).read_bytes()
    shop.path(KPI).write_bytes(data[: len(data) // 2])
    run = run_daily(shop, dt.date(2026, 9, 30), send=False, steps_only=("kpi",))
    assert run.summary.to_ship == 3 and len(run.summary.held) == 2
    (step,) = run.steps
    assert step.ok is False and step.detail.startswith("kpi.xlsx：")  # the message names the file


def test_a_step_s_stop_names_its_file_in_the_shop_s_language_once(tmp_path):
    """In an English shop the file a step stopped on is followed by ': ', not '：', and a stop that
    begins with the file's name (a stop_on about stock.xlsx) does not get it twice."""
    from shopbook.report.workflow import stop_said

    shop = month_shop(tmp_path)
    toml = shop.folder / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    shop = open_shop(shop.folder)
    data = shop.path(KPI).read_bytes()
    shop.path(KPI).write_bytes(data[: len(data) // 2])
    (step,) = run_daily(shop, dt.date(2026, 9, 30), send=False, steps_only=("kpi",)).steps
    assert step.ok is False and step.detail.startswith("kpi.xlsx: ") and "：" not in step.detail, step.detail
    twice = ShopbookError("stock.xlsx：1 个数据错误", "stock.xlsx: 1 data error", shop.path(STOCK))
    assert (stop_said(twice, "zh"), stop_said(twice, "en")) == ("stock.xlsx：1 个数据错误", "stock.xlsx: 1 data error")


def test_validate_write_writes_nothing_when_one_workbook_is_open(tmp_path):
    shop = month_shop(tmp_path)
    (shop.folder / "~$kpi.xlsx").write_bytes(b"\x05alice" + b" " * 50)  # kpi.xlsx is open in Excel
    before = {p.name: p.read_bytes() for p in shop.folder.glob("*.xlsx")}
    out = CliRunner().invoke(app, ["validate", str(shop.folder), "--write"])
    assert out.exit_code == 2 and "alice" in out.output
    assert {p.name: p.read_bytes() for p in shop.folder.glob("*.xlsx")} == before


def test_charts_are_inline_and_only_the_workbook_is_attached(tmp_path):
    shop = month_shop(tmp_path)
    d = monthly_email(shop, "2026-09")
    msg = email.message_from_bytes(d.path.read_bytes(), policy=policy.default)
    pngs = [p for p in msg.walk() if p.get_content_type() == "image/png"]
    assert pngs and all(p.get_content_disposition() == "inline" for p in pngs)
    assert [p.get_filename() for p in msg.iter_attachments()] == ["月报-2026-09.xlsx"]


def test_a_daily_row_that_does_not_read_is_not_called_missing(tmp_path):
    shop = month_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.path(KPI))
    ws = wb["日报"]
    col = {c.value: c.column_letter for c in ws[1]}
    row = next(c.row for c in ws["A"] if isinstance(c.value, dt.datetime) and c.value.day == 30)
    ws[f"{col['访客数']}{row}"], ws[f"{col['转化率']}{row}"] = "约2900", 2.19
    wb.save(shop.path(KPI))
    out = CliRunner().invoke(app, ["validate", str(shop.path(KPI)), "--json"])
    import json

    assert {i["cell"] for i in json.loads(out.stdout)} == {f"{col['访客数']}{row}", f"{col['转化率']}{row}"}
    run = run_daily(shop, dt.date(2026, 9, 30), send=False, steps_only=("kpi",))
    assert "读不出" in run.summary.kpi_note


def test_names_people_typed_stay_text_in_every_report(tmp_path):
    """A product, an account and an agent named like formulas: the stocktake sheet, the P&L and
    the agents' settlement write them as text (no <f> anywhere), and they read back as typed."""
    import python_calamine

    import xml_cells
    from shopbook.agents.workflow import settle_month
    from demo_shop import demo_copy
    from shopbook.money.workflow import ledger_report
    from shopbook.stock.workflow import stocktake_sheet

    folder = tmp_path / "shop"
    demo_copy(folder)
    renames = {"stock.xlsx": ("商品", "名称"), "ledger.xlsx": (None, "现金"), "agents.xlsx": ("代理商", "名称")}
    for book, (sheet, what) in renames.items():
        typed = {}  # text typed as text ('=现金 in Excel): only those cells changed (tests/xml_cells)
        with python_calamine.CalamineWorkbook.from_path(str(folder / book)) as wb:
            for name in wb.sheet_names if sheet is None else [sheet]:  # the account: every cell naming it
                ws = wb.get_sheet_by_name(name)
                rows, (top, left) = ws.to_python(), ws.start
                if sheet is None:
                    typed[name] = {(top + r + 1, left + c + 1): "=" + what for r, row in enumerate(rows)
                                   for c, v in enumerate(row) if v == what}
                else:
                    typed[name] = {(2, left + rows[0].index(what) + 1): '=HYPERLINK("http://x.example","点我")'}
        assert any(typed.values()) and xml_cells.set_cells(folder / book, typed)
    shop = open_shop(folder)
    outputs = [stocktake_sheet(shop, dt.date(2026, 11, 20)), ledger_report(shop, "2026-11")[2],
               settle_month(shop, "2026-10").summary]
    for path in outputs:
        with zipfile.ZipFile(path) as z:
            assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")), path
    texts = {c for p in outputs for ws in openpyxl.load_workbook(p).worksheets for row in ws.iter_rows(values_only=True)
             for c in row if isinstance(c, str)}
    assert '=HYPERLINK("http://x.example","点我")' in texts and "=现金" in texts


def test_the_monthly_review_stops_on_an_amount_that_does_not_read(tmp_path):
    """A #REF! in a November sale: the review would show the month's sales 20,000 short."""
    from demo_shop import demo_copy
    from shopbook.issues import ShopbookError

    folder = tmp_path / "shop"
    demo_copy(folder)
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    ws = wb["流水"]
    col = next(c.column_letter for c in ws[1] if c.value == "金额")
    row = next(c.row for c in ws["A"][1:] if isinstance(c.value, dt.datetime) and c.value.month == 11)
    ws[f"{col}{row}"].value, ws[f"{col}{row}"].data_type = "#REF!", "e"
    wb.save(folder / "ledger.xlsx")
    with pytest.raises(ShopbookError) as e:
        make_review(open_shop(folder), "monthly", "2026-11")
    assert f"流水 › {col}{row}" in e.value.en


def test_the_monthly_review_stops_on_an_entry_on_no_account(tmp_path):
    """An expense on a mistyped account: its P&L would count it and no balance would, as `ledger`."""
    from demo_shop import demo_copy
    from shopbook.issues import ShopbookError

    folder = tmp_path / "shop"
    demo_copy(folder)
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    ws = wb["流水"]
    ws.append([dt.datetime(2026, 11, 25), "支出", "其他支出", 50, "xian金"])
    wb.save(folder / "ledger.xlsx")
    with pytest.raises(ShopbookError) as e:
        make_review(open_shop(folder), "monthly", "2026-11")
    assert f"流水 › E{ws.max_row}" in e.value.zh and "xian金" in e.value.zh


def test_orders_the_morning_job_refuses_are_in_its_report_and_stay_in_inbox(tmp_path):
    from test_orders import build_shop

    shop = build_shop(tmp_path)
    inbox = shop.folder / "inbox"
    inbox.mkdir(exist_ok=True)
    (inbox / "手工单.csv").write_text("订单编号,收货人,手机,收货地址,商家编码,数量,付款时间\n"
                                    "M-1,张三,13800000001,浙江省 杭州市 西湖区 a路1号,SH-BK-M,2,2026-11-21 08:00\n"
                                    "M-2,李四,13800000002,浙江省 杭州市 西湖区 b路2号,SH-WH-M,三,2026-11-21 09:00\n",
                                    encoding="utf-8")
    run = run_daily(shop, dt.date(2026, 11, 21), send=False, steps_only=("inbox",))
    (step,) = run.steps
    assert step.ok is False and "1 行没有导入" in step.detail  # a refused line: not a whole import
    assert any("三" in p for p in run.summary.problems)  # into the report and the e-mail
    assert (inbox / "手工单.csv").exists()  # seen again tomorrow, until someone fixes it



def test_a_second_export_of_the_same_name_the_same_day_keeps_the_first_in_done(tmp_path):
    """Before, the second 手工单.csv of a day moved into inbox/done/<day>/ over the first."""
    from test_orders import build_shop

    shop = build_shop(tmp_path)
    inbox = shop.folder / "inbox"
    inbox.mkdir(exist_ok=True)
    head = "订单编号,收货人,手机,收货地址,商家编码,数量,付款时间\n"
    texts = [head + "M-1,张三,13800000001,浙江省 杭州市 西湖区 a路1号,SH-BK-M,2,2026-11-21 08:00\n",
             head + "M-2,李四,13800000002,浙江省 杭州市 西湖区 b路2号,SH-WH-M,1,2026-11-21 09:00\n"]
    for text in texts:
        (inbox / "手工单.csv").write_text(text, encoding="utf-8")
        (step,) = run_daily(shop, dt.date(2026, 11, 21), send=False, steps_only=("inbox",)).steps
        assert step.ok, step.detail
    done = next((inbox / "done").iterdir())
    kept = sorted(p.read_text(encoding="utf-8") for p in done.iterdir())
    assert kept == sorted(texts) and sorted(p.name for p in done.iterdir()) == ["手工单-2.csv", "手工单.csv"]

def test_email_exits_1_when_the_report_went_out_incomplete(tmp_path):
    shop = month_shop(tmp_path)
    shop.path(KPI).write_bytes(b"not a workbook")
    out = CliRunner().invoke(app, ["email", str(shop.folder), "--date", "2026-09-30"])
    assert out.exit_code == 1 and "kpi.xlsx" in out.output


# --- the daily report: cut lists say how many more and where; names beside codes; numbers -------

def busy_day_shop(tmp_path):
    """15 held orders, 13 items below their safety stock, 1 approved order to pick."""
    shop = month_shop(tmp_path, days=[DailyKpi(date=dt.date(2026, 11, d), visitors=1000, buyers=40, orders=40,
                                               sales=D("4000.00"), units=40) for d in range(1, 22)],
                      targets=[Target(metric="支付订单数", target=D(30))],
                      products=[Product(sku=f"K{i:02d}", name=f"款式{i:02d}", cost=D(20), price=D(60), opening_qty=1,
                                        safety_stock=5, barcode=f"69000000000{i:02d}") for i in range(13)])
    held = [OrderLine(order_no=f"H{i:02d}", receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 a",
                      sku="K00", qty=1, unit_price=D(60), status="已挂起", review=f"挂起：买家留言：第 {i} 单",
                      paid_at=dt.datetime(2026, 11, 21, 9)) for i in range(15)]
    ok = OrderLine(order_no="A1", receiver="李四", phone="13800000001", address="浙江省 杭州市 西湖区 b", sku="K01",
                   qty=1, unit_price=D(60), status="已审核", paid_at=dt.datetime(2026, 11, 21, 10))
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: held + [ok]}, keep_backup=False)
    return open_shop(shop.folder)


def test_the_daily_report_says_how_many_more_and_where_with_names_and_real_numbers(tmp_path):
    shop = busy_day_shop(tmp_path)
    run = run_daily(shop, dt.date(2026, 11, 21), send=False)
    steps = {s.name: s for s in run.steps}
    assert all(s.ok is not False for s in run.steps), run.to_json()
    # the pick list of `daily --date D` is D's batch, whatever day it runs
    assert "20261121-1" in steps["picklist"].detail and list(shop.reports.glob("拣货单-20261121-1.xlsx"))
    wb = openpyxl.load_workbook(run.report)
    ws = wb["摘要"]
    text = [[c.value for c in row] for row in ws.iter_rows()]
    flat_ = [v for row in text for v in row if v is not None]
    assert "… 还有 5 条，全部见日报工作簿的“挂起订单”表" in flat_
    assert "… 还有 3 条，全部见日报工作簿的“库存预警”表" in flat_
    assert len(list(wb["挂起订单"].iter_rows(min_row=2))) == 15 and len(list(wb["库存预警"].iter_rows(min_row=2))) == 13
    assert any(str(v).startswith("K00 款式00") for v in flat_)  # the name beside the code
    assert [r[1] for r in wb["库存预警"].iter_rows(min_row=2, max_row=2, values_only=True)] == ["款式00"]
    # KPI figures are numbers with number formats, as the e-mail shows them
    row = next(r for r in ws.iter_rows(min_row=4) if r[0].value == "支付订单数")
    assert row[1].value == 40 and row[1].number_format == "#,##0" and row[2].value == 30
    sales = next(r for r in ws.iter_rows(min_row=4) if r[0].value == "销售额")
    assert sales[1].value == 4000 and "¥" in sales[1].number_format and sales[1].data_type == "n"
    conv = next(r for r in ws.iter_rows(min_row=4) if r[0].value == "转化率")
    assert conv[1].value == pytest.approx(0.04) and conv[1].number_format == "0.00%"
    to_ship = next(r for r in ws.iter_rows() if r[0].value == "待发货订单")
    assert to_ship[1].value == 1 and to_ship[1].data_type == "n"  # A1: picked, not shipped yet
    html, plain = render_email(run.summary)
    assert "… 还有 5 条，全部见日报工作簿的“挂起订单”表" in plain and "还有 3 条" in html
    assert "K00 款式00 —" in plain


def test_refused_inbox_lines_past_ten_say_how_many_more_and_where(tmp_path):
    from test_orders import build_shop

    shop = build_shop(tmp_path)
    inbox = shop.folder / "inbox"
    inbox.mkdir(exist_ok=True)
    bad = "".join(f"M-{i},李四,13800000002,浙江省 杭州市 西湖区 b路2号,SH-WH-M,三,2026-11-21 09:00\n" for i in range(12))
    (inbox / "手工单.csv").write_text("订单编号,收货人,手机,收货地址,商家编码,数量,付款时间\n" + bad, encoding="utf-8")
    run = run_daily(shop, dt.date(2026, 11, 21), send=False, steps_only=("inbox",))
    listed = [p for p in run.summary.problems if "三" in p]
    assert len(listed) == 10
    (more,) = [p for p in run.summary.problems if p.startswith("… ")]
    assert "还有 2 行没有导入" in more and f"shopbook orders import {shop.folder} {inbox / '手工单.csv'}" in more


def test_text_that_becomes_a_formula_once_cleaned_is_still_text():
    """A control character before "=" (typed as _x000B_, or in a buyer's text) is removed as the
    cell is set: what is left must still be stored as text."""
    import io

    from openpyxl import Workbook

    from shopbook.io.cells import append

    wb = Workbook()
    ws = wb.active
    append(ws, ["a", 1])
    append(ws, ['\x0b=HYPERLINK("http://x.example","点我")', "\x01=1+1", 3, None])
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(buf) as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")
    back = openpyxl.load_workbook(buf).active
    assert [c.value for c in back[2]][:3] == ['=HYPERLINK("http://x.example","点我")', "=1+1", 3]


def test_a_month_with_no_orders_says_so_and_no_tick(tmp_path, monkeypatch):
    """`report monthly` for a month with no data printed only "✓ 月报-2026-12.xlsx", as if the month had
    been reviewed, and the 月报 button said the file alone. Both now say the month has no orders and no
    daily figures (yet, while it is not over) with – and no ✓; a month with data keeps its line and ✓."""
    from demo_shop import demo_copy
    from shopbook import xl
    from xlfake import FakeBook

    from shopbook import cli

    monkeypatch.setattr(cli.out, "width", 400)  # one line a message, whatever the terminal
    folder = demo_copy(tmp_path / "demo")
    runner = CliRunner()
    # the month under way (a month to come is refused: test_report_period_not_begun), the demo's days long over
    now = dt.date.today()
    end = dt.date(now.year + (now.month == 12), now.month % 12 + 1, 1) - dt.timedelta(days=1)
    under_way = f"{now:%Y-%m}"
    # (days of it over with no figures at all: said plainly, !, exit 1 — test_review_week_no_figures; on the
    # month's first day none is over yet: –, exit 0)
    first_day = now.day == 1
    for period, said in ((under_way, ("– " if first_day else f"! {now:%Y-%m} 这一月没有任何数据：")
                          + f"{now:%Y-%m}-01 至 {end} 还没有订单，也没有日报数据。月度考核表是空的："),
                         # (a month before the shop's first day: nothing to miss, – and exit 0 as before)
                         ("2025-01", "– 2025-01-01 至 2025-01-31 没有订单，也没有日报数据。月度考核表是空的：")):
        r = runner.invoke(app, ["report", "monthly", str(folder), "--period", period])
        nothing = period == under_way and not first_day
        assert r.exit_code == nothing and r.stdout.startswith(said) and "✓" not in r.stdout, r.stdout
        assert f"月报-{period}.xlsx" in "".join(r.stdout.split())
    r = runner.invoke(app, ["report", "monthly", str(folder), "--period", "2026-11"])
    # (the demo's 日报 ends on 11-21: the month's other 9 days are said, and no ✓ — test_review_days_missing)
    assert r.stdout.startswith("2026-11：订单 1,186，销售额 ¥355,172.96\n! 2026-11 的 30 天里只有 21 天有数据"), r.stdout
    # a script reads the same: "empty" in --json
    for period, empty in ((under_way, True), ("2026-11", False)):
        j = json.loads(runner.invoke(app, ["report", "monthly", str(folder), "--period", period, "--json"]).stdout)
        assert j["empty"] is empty and j["period"] == period
    # --month, as ledger, staff pay and agents take the month, is the same option
    assert runner.invoke(app, ["report", "monthly", str(folder), "--month", "2026-11"]).stdout == r.stdout
    book = FakeBook(folder / "kpi.xlsx")
    xl.monthly_report(under_way, book)
    said = book.app.alerts[-1]["prompt"]
    assert said.startswith(f"– {now:%Y-%m}-01 至 {end} 还没有订单" if first_day else
                           f"! {now:%Y-%m} 这一月没有任何数据：{now:%Y-%m}-01 至 {end} 还没有订单") and "✓" not in said, said
    xl.monthly_report("2026-11", book)
    said = book.app.alerts[-1]["prompt"]
    assert said.startswith("2026-11：订单 1,186，销售额 ¥355,172.96\n! 2026-11 的 30 天里只有 21 天") and "✓" not in said, said


@pytest.mark.parametrize("kind, period, zh, en", [
    ("monthly", "2026-W47", "2026-W47 是一周，月报要一个月份", "shopbook report weekly --period 2026-W47"),
    ("weekly", "2026-11", "2026-11 是一个月，周报要一周", "shopbook report monthly --period 2026-11"),
    ("monthly", "2026_11", "期间格式不对", "Bad period"),  # (2026/11 is November: test_report_periods_typed)
    # the other report's period is the one typed, not a fixed 2026-W47 / 2026-11 whatever the year
    ("weekly", "2025年3月", "2025年3月 是一个月，周报要一周：2025-03 跨 2025-W09 至 2025-W14，如 2025-W10（月报：shopbook "
     "report monthly --period 2025-03）", "the weekly review takes a week: 2025-03 spans 2025-W09 to 2025-W14, e.g. 2025-W10"),
    ("monthly", "2025-W01", "2025-W01 是一周，月报要一个月份，如 2025-01（周报", "takes a month such as 2025-01 (")])
def test_a_period_of_the_other_kind_says_which_report_takes_it(kind, period, zh, en):
    """QA: a week given to the monthly review was 'a bad period' in the very form the message then
    showed as right; it says it is a week, and which command takes it."""
    from shopbook.issues import ShopbookError
    from shopbook.report.monthly import period_bounds

    with pytest.raises(ShopbookError) as e:
        period_bounds(kind, period, dt.date(2026, 12, 3))
    assert zh in e.value.zh and en in e.value.en


def test_money_targets_typed_as_amounts_are_read_as_amount_cells_are(tmp_path):
    """¥50,000 and 300元 in 目标值 are read as an amount cell reads them (they stopped the monthly
    review: '带有货币符号，但这一栏不是金额'); a slip is still an error at its cell, saying what to type."""
    shop = month_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.path(KPI))
    ws = wb["目标"]
    ws.append(["销售额", "¥50,000", None])
    ws.append(["客单价", "300元", None])
    ws.append(["推广花费", "５,０００.５０元", None])
    wb.save(shop.path(KPI))
    assert CliRunner().invoke(app, ["report", "monthly", str(shop.folder), "--month", "2026-09"]).exit_code == 0
    run = run_daily(shop, dt.date(2026, 9, 30), send=False, steps_only=("kpi",))
    targets = {k.metric: k.target for k in run.summary.kpi}
    assert (targets["sales"], targets["aov"]) == ("¥50,000.00", "¥300.00")
    ws.append(["销售额", "50,00元", None])
    wb.save(shop.path(KPI))
    out = CliRunner().invoke(app, ["validate", str(shop.path(KPI)), "--json"])
    issues = [i for i in json.loads(out.stdout) if i["sheet"] == "目标"]
    assert [(i["cell"], i["value"]) for i in issues] == [(f"B{ws.max_row}", "50,00元")]
    assert "50.00" in issues[0]["message_en"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_targets_the_shop_did_not_set_are_marked_default_and_say_where_to_set_them(tmp_path, lang):
    """Only 转化率 is in 目标: the 30 orders, 4.8 DSR and 98.5 % targets are shopbook's defaults, which the
    e-mail, the report's 摘要, the group message and the monthly review showed as if the shop had set them."""
    from shopbook.report.bots import daily_summary, markdown

    zh = lang == "zh"
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    # (a shop open since June: past its first two months, judged by the default orders target)
    opened = DailyKpi(date=dt.date(2026, 6, 1), visitors=1000, buyers=40, orders=40, sales=D("4000.00"), units=40)
    write_workbook(folder / "kpi.xlsx", KPI, lang, {DailyKpi: [opened, *SEPT], Target: [
        Target(metric="转化率" if zh else "conversion", target=D("0.03"))]}, keep_backup=False)
    shop = open_shop(folder)
    made = run_daily(shop, dt.date(2026, 9, 30))
    text = email.message_from_bytes(made.email.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    mark, sheet = ("（默认）", "“目标”表") if zh else (" (default)", "Targets sheet")
    lines = {re.split("[:：]", ln)[0]: ln for ln in text.splitlines()}
    assert mark in lines["支付订单数" if zh else "Orders"] and mark not in lines["转化率" if zh else "Conversion"]
    assert sheet in text and "kpi.xlsx" in text
    summary = openpyxl.load_workbook(made.report).worksheets[0]
    formats = {r[0].value: r[2].number_format for r in summary.iter_rows(min_row=4, max_row=12)}
    assert mark in formats["支付订单数" if zh else "Orders"] and mark not in formats["转化率" if zh else "Conversion"]
    group = markdown(daily_summary(made.summary))
    assert ("30▲（默认）" if zh else "30▲ (default)") in group and sheet in group
    _, path, _ = make_review(shop, "monthly", "2026-09")
    ws = openpyxl.load_workbook(path).worksheets[0]
    assert mark in ws["D4"].number_format and ws["D4"].value == 30
    assert any(sheet in str(c) for row in ws.iter_rows(values_only=True) for c in row)


def test_two_targets_of_one_metric_from_one_day_are_warned_at_the_later_row(tmp_path):
    """转化率 2% and, rows below, 转化率 3%, both with no 起始日期 (订单数 50 and 支付订单数 80 from 9-23 alike):
    the reports silently used the later row, validate said nothing. Now a warning at the later row's cell
    names the earlier row and which one the reports use; a new start date is no clash."""
    shop = month_shop(tmp_path, targets=[
        Target(metric="转化率", target=D("0.02")), Target(metric="支付订单数", target=D(50), start=dt.date(2026, 9, 23)),
        Target(metric="支付订单数", target=D(60), start=dt.date(2026, 10, 1)),
        Target(metric="转化率", target=D("0.03")), Target(metric="订单数", target=D(80), start=dt.date(2026, 9, 23))])
    out = CliRunner().invoke(app, ["validate", str(shop.path(KPI)), "--json"])
    issues = [i for i in json.loads(out.stdout) if i["sheet"] == "目标"]
    assert [(i["cell"], i["severity"]) for i in issues] == [("B5", "warning"), ("B6", "warning")]
    assert "row 2 already (2%): the reports use this row's 3%" in issues[0]["message_en"]
    assert "第 3 行已有（50）：报表用这一行的 80" in issues[1]["message_zh"]
    run = run_daily(shop, dt.date(2026, 9, 30), send=False, steps_only=("kpi",))
    assert {k.metric: k.target for k in run.summary.kpi}["conversion"] == "3.00%"  # as the warning says
