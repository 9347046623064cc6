"""KPI arithmetic, charts whose Chinese glyphs render, the daily job, and e-mail
through a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import time

import datetime as dt
import email
import re
import socket
from decimal import Decimal
from email import policy
from pathlib import Path

import openpyxl
import pytest
from built_once import built_once

from shopbook.kpi.metrics import Day, day_report, days_from, rollup, targets_on
from shopbook.report import charts
from shopbook.report.workflow import retry_outbox, run_daily
from shopbook.schema import KPI, ORDERS, STOCK, DailyKpi, OrderLine, Product, Target
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

D = Decimal


def kpi_row(day: int, visitors: int, buyers: int | None, orders: int, sales: str) -> DailyKpi:
    return DailyKpi(date=dt.date(2026, 11, day), visitors=visitors, buyers=buyers, orders=orders, sales=D(sales),
                    units=orders, dsr=D("4.85"), positive_rate=D("0.99"))


def week() -> list[DailyKpi]:
    # 11-14 … 11-20: orders 40, 42, 38, 40, 44, 40, 41 → median 40; 11-21 drops to 20 (−50 %)
    rows = [kpi_row(14 + i, 2000, o, o, f"{o * 100}.00") for i, o in enumerate((40, 42, 38, 40, 44, 40, 41))]
    rows.append(kpi_row(21, 2000, 20, 20, "2000.00"))
    return rows


def test_day_report_targets_medians_anomalies():
    days = days_from(week(), [])
    targets = [Target(metric="支付订单数", target=D(30)), Target(metric="支付订单数", target=D(50),
                                                                    start=dt.date(2026, 11, 20))]
    rep = day_report(days, dt.date(2026, 11, 21), targets)
    assert rep.targets["orders"] == D(50) and rep.targets["positive_rate"] == D("0.985")  # 目标 and defaults
    assert rep.median7["orders"] == D(40)
    assert rep.vs_target("orders") == D(-30)
    assert ("orders", D(20), D(40)) in rep.anomalies  # more than 30 % below the 7-day median
    assert rep.day.conversion == D(20) / D(2000)
    assert targets_on(targets, dt.date(2026, 11, 19))["orders"] == D(30)


def test_rollup_ratios_come_from_sums():
    days = [Day(dt.date(2026, 11, 1), 100, 10, 10, D("1000.00"), 10),   # 10 %
            Day(dt.date(2026, 11, 2), 900, 9, 9, D("90.00"), 9)]         # 1 %
    (r,) = rollup(days, lambda d: "2026-11")
    assert r.conversion == D(19) / D(1000)  # 1.9 %, not the 5.5 % mean of the daily rates
    assert r.aov == D("57.37")  # 1090 / 19, not the mean of 100 and 10


def test_days_missing_from_the_daily_sheet_are_filled_from_orders():
    lines = [OrderLine(order_no="A", receiver="r", phone="1", address="x", sku="S", qty=2, unit_price=D("10.00"),
                       shipping_fee=D("6.00"), paid_at=dt.datetime(2026, 11, 5, 9)),
             OrderLine(order_no="A", receiver="r", phone="1", address="x", sku="T", qty=1, unit_price=D("5.50"),
                       shipping_fee=D("6.00"), paid_at=dt.datetime(2026, 11, 5, 9)),
             OrderLine(order_no="B", receiver="r", phone="1", address="x", sku="S", qty=1, unit_price=D("10.00"),
                       paid_at=dt.datetime(2026, 11, 5, 20))]
    (day,) = days_from([], lines)
    assert day.from_orders and (day.orders, day.units, day.sales) == (2, 4, D("41.50"))
    assert day.conversion is None


def render(text: str) -> bytes:
    import matplotlib.pyplot as plt

    family = charts.cjk_font()
    fig = plt.figure(figsize=(2, 0.6), dpi=60)
    fig.text(0.05, 0.3, text, fontsize=20, family=[family] if family else None)
    fig.canvas.draw()
    data = bytes(fig.canvas.buffer_rgba())
    plt.close(fig)
    return data


def test_chinese_glyphs_really_render():
    assert charts.cjk_font(), "no CJK font: install the mplfonts wheel or fonts-noto-cjk"
    # with a font lacking the glyphs both strings would be the same two empty boxes
    assert render("订单") != render("销售")
    assert render("订单") == render("订单")
    png = charts.trend_chart("近 30 天支付订单数", [dt.date(2026, 11, d) for d in range(1, 6)], {"订单": [1, 2, 3, 2, 4]}, 3)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


# --- the daily job and e-mail --------------------------------------------------

def demo_like_shop(tmp_path, smtp_port: int | None = None):
    """A new shop with a week of KPI and one held order (built once a process and copied for each
    call: built_once)."""
    folder = tmp_path / "shop"
    built_once(folder, "test_daily.demo_like_shop", _build_demo_like)
    if smtp_port:
        cfg = (folder / "shopbook.toml").read_text(encoding="utf-8")
        cfg = cfg.replace('host = ""', 'host = "127.0.0.1"').replace("port = 587", f"port = {smtp_port}")
        cfg = cfg.replace('security = "starttls"', 'security = "none"').replace("to = []", 'to = ["boss@shop.test"]')
        (folder / "shopbook.toml").write_text(cfg, encoding="utf-8")
    return open_shop(folder)


def _build_demo_like(folder: Path) -> None:
    init_shop(folder)
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {DailyKpi: week(), Target: [Target(metric="支付订单数", target=D(30))]},
                   keep_backup=False)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="S", name="衬衫", cost=D(20), price=D(60), opening_qty=1, safety_stock=3)]}, keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        OrderLine(order_no="X1", receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 a", sku="S", qty=1,
                  unit_price=D(60), status="已挂起", review="挂起：买家留言：要红色", paid_at=dt.datetime(2026, 11, 21, 9))]},
        keep_backup=False)


class Recorder:
    def __init__(self, mode: str = "accept"):
        self.mode, self.messages = mode, []

    async def handle_DATA(self, server, session, envelope):
        if self.mode == "refuse":
            return "554 5.7.1 refused by policy"
        if self.mode == "drop":  # the connection goes before an answer: the message may have been delivered
            server.transport.close()
            return "421 closing"
        self.messages.append(envelope.content)
        return "250 OK"


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller

    servers = []

    def start(mode="accept"):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        handler = Recorder(mode)
        c = Controller(handler, hostname="127.0.0.1", port=port)
        c.start()
        servers.append(c)
        return handler, port

    yield start
    for c in servers:
        c.stop()


def decode(raw: bytes):
    return email.message_from_bytes(raw, policy=policy.default)


def test_daily_job_sends_an_email_whose_figures_match_the_workbooks(tmp_path, smtp):
    handler, port = smtp()
    shop = demo_like_shop(tmp_path, port)
    run = run_daily(shop, dt.date(2026, 11, 21))
    assert run.ok, run.to_json()
    (raw,) = handler.messages
    msg = decode(raw)
    assert msg["Subject"] == "[shopbook] 我的店铺 数据日报 2026-11-21"
    assert "=?utf-8?" in raw.decode("ascii", "replace").split("\r\n\r\n")[0]  # the Chinese subject is encoded
    html = msg.get_body(("html",)).get_content()
    text = msg.get_body(("plain",)).get_content()
    # figures computed independently from the workbook
    wb = openpyxl.load_workbook(shop.path(KPI))["日报"]
    head = [c.value for c in wb[1]]
    row = next(r for r in wb.iter_rows(min_row=2, values_only=True) if r[0] and r[0].date() == dt.date(2026, 11, 21))
    orders, visitors, sales = row[head.index("支付订单数")], row[head.index("访客数")], row[head.index("销售额")]
    assert re.search(rf'data-metric="orders">\s*<td>[^<]+</td><td class="value">{orders:,}</td>', html)
    assert 'data-metric="sales">' in html and f"¥{sales:,.2f}" in html
    assert f"{orders / visitors:.2%}" in html and f"{orders / visitors:.2%}" in text
    assert "X1" in text  # the held order and its reason
    names = [p.get_filename() for p in msg.iter_attachments()]
    assert "日报-2026-11-21.xlsx" in names
    cids = [p["Content-ID"] for p in msg.walk() if p.get_content_type() == "image/png"]
    assert cids and all(f"cid:{c.strip('<>')}" in html for c in cids)
    assert list((shop.outbox / "sent").glob("*.eml")) and not list(shop.outbox.glob("*.eml"))
    summary = openpyxl.load_workbook(run.report)["摘要"]
    assert summary["A1"].value == "我的店铺 数据日报 2026-11-21"
    import zipfile

    with zipfile.ZipFile(run.report) as z:  # native Excel charts over the detail sheet's figures, not pictures
        charts_xml = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert not [n for n in z.namelist() if n.startswith("xl/media/")]
    assert charts_xml and all(re.search(r"<(c:)?lineChart>", c) and "'日报明细'!$D$" in c
                                for c in charts_xml[:1])


@pytest.mark.parametrize("mode", ["refuse", "drop"])
def test_failed_send_stays_in_outbox_and_retry_sends_once(tmp_path, smtp, mode):
    bad, port = smtp(mode)
    shop = demo_like_shop(tmp_path, port)
    run = run_daily(shop, dt.date(2026, 11, 21))
    assert not run.ok and [s.name for s in run.steps if s.ok is False] == ["email"]
    waiting = list(shop.outbox.glob("*.eml"))
    assert len(waiting) == 1 and bad.messages == []
    good, port2 = smtp()
    cfg = (shop.folder / "shopbook.toml").read_text(encoding="utf-8").replace(f"port = {port}", f"port = {port2}")
    (shop.folder / "shopbook.toml").write_text(cfg, encoding="utf-8")
    shop2 = open_shop(shop.folder)
    assert run.delivery.maybe_sent is (mode == "drop")
    if mode == "drop":  # may have been delivered: not sent again unless confirmed
        assert [d.sent for d in retry_outbox(shop2)] == [False] and good.messages == []
    assert all(d.sent for d in retry_outbox(shop2, confirm=lambda p: True))
    assert len(good.messages) == 1
    assert retry_outbox(shop2) == [] and len(good.messages) == 1  # nothing is sent twice


@pytest.fixture(scope="module")
def run_without_smtp(tmp_path_factory):
    """The daily job of demo_like_shop's 11-21 with no SMTP server set (the e-mail kept as .eml), run once for
    the tests that only read what it made (its e-mail, its report workbook): (the shop, the run)."""
    shop = demo_like_shop(tmp_path_factory.mktemp("daily-without-smtp"))
    return shop, run_daily(shop, dt.date(2026, 11, 21))


def test_without_smtp_the_email_is_kept_as_eml(run_without_smtp):
    shop, run = run_without_smtp
    assert run.ok and run.email.suffix == ".eml" and run.email.parent == shop.outbox
    msg = decode(run.email.read_bytes())
    assert msg.get_body(("html",)) is not None and msg.get_body(("plain",)) is not None


def test_the_e_mails_charts_are_drawn_beside_as_they_would_be_here(tmp_path, monkeypatch):
    """The charts are drawn by a copy of the job forked as it starts, which loads matplotlib
    while the job reads: the e-mail carries the very pictures the job draws itself where it
    cannot fork (SHOPBOOK_APART=0: Windows, macOS, xlwings Lite), none drawn in the job's own
    process when it can, and the job never loads matplotlib then."""
    import os

    from shopbook.report import daily

    from shopbook.report import workflow

    real, drawn_by = daily.draw_charts, []
    monkeypatch.setattr(daily, "draw_charts", lambda *a: (drawn_by.append(os.getpid()), real(*a))[1])
    warm, warmed = workflow._warm_up_in_background, []
    monkeypatch.setattr(workflow, "_warm_up_in_background", lambda *a, **k: (warmed.append(k["charts"]), warm(*a, **k)))
    pictures = {}
    for apart in ("1", "0"):
        monkeypatch.setenv("SHOPBOOK_APART", apart)
        drawn_by.clear(), warmed.clear()
        run = run_daily(demo_like_shop(tmp_path / apart), dt.date(2026, 11, 21))
        assert run.ok, run.to_json()
        msg = decode(run.email.read_bytes())
        pictures[apart] = [p.get_payload(decode=True) for p in msg.walk() if p.get_content_type() == "image/png"]
        assert drawn_by == ([] if apart == "1" else [os.getpid()])  # (the copy's call is the copy's)
        assert warmed == [apart == "0"]  # matplotlib loaded by the job only where it draws
    assert len(pictures["1"]) == 2 and all(png.startswith(b"\x89PNG") for png in pictures["1"])
    assert pictures["1"] == pictures["0"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_day_with_no_figures_is_no_tick_for_the_kpi_step(tmp_path, lang):
    """A new shop's day without a 日报 row or an order: the KPI step has nothing to report, so it is
    – (not done), saying what to do; the report and the e-mail still go, and the run is no failure.
    Before, it was ✓ 'The Daily sheet has no row for this day.'"""
    from shopbook.report.workflow import STEP_MARKS

    init_shop(tmp_path / "shop", lang)
    shop = open_shop(tmp_path / "shop")
    run = run_daily(shop, dt.date(2026, 11, 21), send=False)
    (kpi,) = [s for s in run.steps if s.name == "kpi"]
    assert STEP_MARKS[kpi.ok] == "–", (kpi.ok, kpi.detail)
    if lang == "zh":
        assert kpi.detail.startswith("日报里没有这一天。") and "inbox/" in kpi.detail and "kpi.xlsx" in kpi.detail
    else:
        assert kpi.detail.startswith("The Daily sheet has no row for this day.") and "inbox/" in kpi.detail
        assert not re.search(r"[\u4e00-\u9fff]", kpi.detail.replace("生意参谋", "")), kpi.detail
    report = next(s for s in run.steps if s.name == "report")
    assert report.ok is True and run.ok  # the report went without figures; nothing failed
    # the e-mail says what to do too, where the figures would be (it said only 'no row for this day')
    text = decode(run.email.read_bytes()).get_body(("plain",)).get_content()
    assert kpi.detail in text, text


def test_a_failing_step_does_not_stop_the_others(tmp_path):
    shop = demo_like_shop(tmp_path)
    shop.path(ORDERS).write_bytes(b"not a workbook")
    run = run_daily(shop, dt.date(2026, 11, 21))
    status = {s.name: s.ok for s in run.steps}
    assert status["validate"] is False and status["review"] is False and status["picklist"] is None
    assert status["kpi"] is False  # the KPI needs the orders too
    assert status["stock"] is False  # reserved stock comes from the orders
    assert not run.ok


@pytest.mark.libreoffice
@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_daily_report_opens_cleanly_in_libreoffice(tmp_path, run_without_smtp):
    import subprocess

    _, run = run_without_smtp  # (its report read, converted into tmp_path/out)
    r = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                        "--outdir", str(tmp_path / "out"), str(run.report)], capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "out" / (run.report.stem + ".pdf")
    assert r.returncode == 0 and pdf.exists() and pdf.stat().st_size > 2000, r.stderr


def test_read_cache_serves_unchanged_files_and_rereads_changed_ones(tmp_path):
    from shopbook.io import reader

    shop = demo_like_shop(tmp_path)
    calls = []
    real = reader._read_workbook

    def counting(path, spec, models=None):
        calls.append((path.name, models))
        return real(path, spec, models)

    reader._read_workbook = counting
    try:
        with reader.read_cache():
            a = reader.read_workbook(shop.path(ORDERS), ORDERS)
            b = reader.read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,))  # a subset of the full read
            assert b.rows(OrderLine) is a.rows(OrderLine) and len(calls) == 1
            from shopbook.io.sheet_edit import SheetEdit, edit_workbook

            edit_workbook(shop.path(ORDERS), [SheetEdit(OrderLine, set_cells={2: {"status": "已审核"}})])
            # shopbook's own cell edit: the cached read carries the new value over, not parsed again
            c = reader.read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,))
            assert c.rows(OrderLine)[0].status.value == "已审核" and len(calls) == 1
            with reader.read_cache():  # and it equals a fresh read of the written file
                fresh = reader.read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
            assert [r.model_dump() for r in c.rows(OrderLine)] == [r.model_dump() for r in fresh]
            before = len(calls)
            time.sleep(0.01)
            shop.path(ORDERS).write_bytes(shop.path(ORDERS).read_bytes())  # changed some other way: parsed again
            reader.read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,))
            assert [n for n, _ in calls[before:]] == ["orders.xlsx"]
        reader.read_workbook(shop.path(ORDERS), ORDERS)  # outside the cache: always read
        assert calls[-1] == ("orders.xlsx", None)
    finally:
        reader._read_workbook = real


# --- what the inbox stops, and what a skipped review says ----------------------------

def taobao_order(folder, no: str, stamp: str):
    """A Taobao 订单报表 + 宝贝报表 pair with one paid order of a shirt in stock."""
    from taobao_fixtures import detail_row, order_row, write_pair

    return write_pair(folder, [order_row(no, "tb" + no[-2:], "赵六", "13900000004", "上海市 浦东新区 世纪大道4号",
                                         f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:]} 09:05:00", goods="99.00")],
                      [detail_row(no, "衬衫", "99.00", "1", "SH-BK-M")], stamp=stamp)


def status_of(shop) -> dict:
    from shopbook.io.reader import read_workbook

    return {ln.order_no: ln.status.value for ln in read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)}


def test_a_kpi_download_that_differs_from_the_daily_sheet_does_not_stop_the_orders(tmp_path):
    """生意参谋 revises its figures: a download whose 11-21 differs from 日报 is the KPI's problem
    (✗ on the inbox step, the file kept and said each day until 日报 agrees), never the orders':
    the review and the pick list run, today and every later day."""
    from shopbook.kpi.import_sycm import import_kpi
    from test_kpi_import import DAYS, sycm_xlsx
    from test_orders import build_shop

    shop = build_shop(tmp_path)
    write_workbook(shop.path(KPI), KPI, "zh", {DailyKpi: week()}, keep_backup=False)
    inbox = shop.folder / "inbox"
    inbox.mkdir(exist_ok=True)
    revised = ["2026-11-21"] + DAYS[1][1:]  # 1,000 visitors where 日报 has 2,000
    sycm = sycm_xlsx(inbox / "【生意参谋平台】店铺整体_日_2026-11-21_2026-11-21.xlsx", [revised])
    taobao_order(inbox, "3600000000000000011", "20261121")
    run = run_daily(shop, dt.date(2026, 11, 21), send=False)
    steps = {s.name: s for s in run.steps}
    assert steps["inbox"].ok is False and "生意参谋" in steps["inbox"].detail and "导入 1 个订单" in steps["inbox"].detail
    assert steps["review"].ok is True, steps["review"].detail
    assert steps["picklist"].ok is True and "批次 20261121-1：1 个订单" in steps["picklist"].detail
    assert status_of(shop) == {"3600000000000000011": "已审核"}
    assert sycm.exists()  # kept, said again tomorrow; the orders' files went to done/
    assert not list(inbox.glob("*.csv"))
    assert any("--replace" in p and sycm.name in p for p in run.summary.problems)
    assert not run.summary.ship_note  # the review ran: the orders to ship are the day's
    # the next day: still said (✗), and the day's orders are reviewed and picked all the same
    taobao_order(inbox, "3600000000000000012", "20261122")
    run = run_daily(shop, dt.date(2026, 11, 22), send=False)
    steps = {s.name: s for s in run.steps}
    assert steps["inbox"].ok is False and "生意参谋" in steps["inbox"].detail
    assert steps["review"].ok is True and steps["picklist"].ok is True
    assert status_of(shop)["3600000000000000012"] == "已审核" and sycm.exists()
    # 日报 takes 生意参谋's figures: the next run imports the file and moves it aside
    assert import_kpi(shop, [sycm], replace=True).merge.conflicts
    run = run_daily(open_shop(shop.folder), dt.date(2026, 11, 22), send=False)
    assert {s.name: s.ok for s in run.steps}["inbox"] is True and not sycm.exists()


def test_a_skipped_review_is_not_nothing_to_pick_nor_nothing_to_ship(tmp_path):
    """Lines the import refuses stop the review: the pick list is then – (not ✓ "nothing to
    pick"), and the e-mail and the report say the orders waiting for review are not counted."""
    from test_blank_receiver import taobao_pair
    from test_orders import build_shop

    shop = build_shop(tmp_path)
    taobao_pair(shop.folder / "inbox")  # one order without an address (refused), one to review
    run = run_daily(shop, dt.date(2026, 11, 21), send=False)
    steps = {s.name: s for s in run.steps}
    assert steps["inbox"].ok is False and steps["review"].ok is None
    assert steps["picklist"].ok is None and steps["picklist"].detail == "跳过：审单没有运行"
    assert not steps["picklist"].outputs and not list(shop.reports.glob("拣货单-*"))
    msg = decode(run.email.read_bytes())
    text, html = msg.get_body(("plain",)).get_content(), msg.get_body(("html",)).get_content()
    line = next(ln for ln in text.splitlines() if ln.startswith("待发货订单"))
    assert line.startswith("待发货订单：0") and "审单没有运行" in line and "1 个待审核订单不在其中" in line
    assert "审单没有运行" in html
    ws = openpyxl.load_workbook(run.report)["摘要"]
    row = next(r for r in ws.iter_rows(values_only=True) if r[0] == "待发货订单")
    assert row[1] == 0 and "1 个待审核订单不在其中" in row[2]
    from shopbook.report.bots import daily_summary

    assert any("审单没有运行" in t for t in daily_summary(run.summary).todo)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_the_report_workbook_the_email_lists_each_list_whole(tmp_path, lang):
    """kpi.xlsx does not read, so the daily report workbook is not made: the e-mail still goes, and
    its lists of 12 stock alerts and 12 held orders are whole, never cut with "… 2 more: on the sheet
    of the daily report workbook" (a workbook that is not there, nor attached); it says the workbook
    was not made, in the shop's language only. With the workbook, the lists stop at 10 and point at it."""
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {Product: [
        Product(sku=f"S{i:02d}", name="衬衫", cost=D(20), price=D(60), opening_qty=0, safety_stock=3)
        for i in range(12)]}, keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: [
        OrderLine(order_no=f"X{i:02d}", receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 a",
                  sku="S00", qty=1, unit_price=D(60), status="已挂起", review="挂起：买家留言：要红色",
                  paid_at=dt.datetime(2026, 11, 21, 9)) for i in range(12)]}, keep_backup=False)
    write_workbook(folder / "kpi.xlsx", KPI, lang, {DailyKpi: week()}, keep_backup=False)
    shop = open_shop(folder)
    made = run_daily(shop, dt.date(2026, 11, 21))
    text = decode(made.email.read_bytes()).get_body(("plain",)).get_content()
    assert made.report and "S11" not in text and "X11" not in text  # cut at 10, the rest on the workbook's sheets
    assert ("还有 2 条" if lang == "zh" else "2 more") in text
    shop.path(KPI).write_bytes(b"not a workbook")
    run = run_daily(shop, dt.date(2026, 11, 21))
    assert run.report is None and {s.name: s.ok for s in run.steps}["report"] is None
    msg = decode(run.email.read_bytes())
    assert not list(msg.iter_attachments())
    for body in (msg.get_body(("plain",)).get_content(), msg.get_body(("html",)).get_content()):
        assert all(f"S{i:02d}" in body and f"X{i:02d}" in body for i in range(12))  # every line of both lists
        assert "还有" not in body and "more:" not in body
        assert ("日报工作簿没有生成" in body) is (lang == "zh")
        assert ("daily report workbook was not made" in body) is (lang == "en")


def test_a_report_of_a_day_still_to_come_is_refused_by_the_library_too(tmp_path):
    """Review: only the CLI refused `daily --date` of a day to come; the library's run_daily (and the
    Excel entry point through it) made that day's pick batch and e-mail. It stops there, nothing written."""
    from shopbook.issues import ShopbookError

    shop = demo_like_shop(tmp_path)
    before = shop.path(ORDERS).read_bytes()
    with pytest.raises(ShopbookError) as e:
        run_daily(shop, dt.date.today() + dt.timedelta(days=1))
    assert "still to come" in e.value.en and "还没有到" in e.value.zh
    assert shop.path(ORDERS).read_bytes() == before


def _daily_typed_twice(shop, day: int, orders: int) -> tuple[int, int]:
    """kpi.xlsx's 日报 as a person leaves it: 11-`day` typed again on a row of its own below, its
    支付订单数 `orders`. The first row's number and the new one's."""
    wb = openpyxl.load_workbook(shop.path(KPI))
    ws = wb["日报"]
    head = [c.value for c in ws[1]]
    was = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value.date() == dt.date(2026, 11, day))
    ws.append([c.value for c in ws[was]])
    ws.cell(ws.max_row, head.index("支付订单数") + 1).value = orders
    wb.save(shop.path(KPI))
    return was, ws.max_row


def test_the_report_day_on_two_rows_of_the_daily_sheet_is_no_figure_and_no_tick(tmp_path):
    """QA: 11-21 typed twice in 日报 (20 orders, then 45): the morning KPI step showed the last row's
    45 as the day's orders, ✓, where the period review stops on the same duplicate. Now neither row
    is taken: the step is ✗ naming the later cell, the earlier row, the date and what to do; the
    report and the e-mail still go, with no figures for the day and the duplicate among the problems."""
    shop = demo_like_shop(tmp_path)
    was, row = _daily_typed_twice(shop, 21, 45)
    run = run_daily(open_shop(shop.folder), dt.date(2026, 11, 21), send=False)
    steps = {s.name: s for s in run.steps}
    said = f"kpi.xlsx › 日报 › A{row} 重复的日期“2026-11-21”，第 {was} 行已有。每个日期只能出现一次：保留一行，改正或删除另一行。"
    assert steps["kpi"].ok is False and said in steps["kpi"].detail, steps["kpi"].detail
    assert not run.ok  # the job's exit is not 0
    assert steps["report"].ok is True and steps["email"].ran
    assert run.summary.kpi == [] and said in run.summary.kpi_note
    ws = openpyxl.load_workbook(run.report, read_only=True)["摘要"]
    cells = [v for r in ws.iter_rows(values_only=True) for v in r if v is not None]
    assert 45 not in cells and 20 not in cells  # neither row's orders
    assert any(isinstance(v, str) and said in v for v in cells)  # the note, and the problem
    text = decode(run.email.read_bytes()).get_body(("plain",)).get_content()
    assert said in " ".join(text.split())


def test_an_earlier_day_on_two_rows_is_left_out_of_the_medians_and_said(tmp_path):
    """11-14 typed twice (40 orders, then 400): its last row went into 11-21's 7-day median (41),
    said nowhere, ✓. The day is left out of the medians and the history (40.5: the other six days),
    11-21's own figures stand, and the step is ✗ naming the duplicate, in English in an English shop too."""
    shop = demo_like_shop(tmp_path)
    was, row = _daily_typed_twice(shop, 14, 400)
    run = run_daily(open_shop(shop.folder), dt.date(2026, 11, 21), send=False, steps_only=("kpi",))
    (kpi,) = run.steps
    assert kpi.ok is False and f"kpi.xlsx › 日报 › A{row} 重复的日期“2026-11-14”，第 {was} 行已有" in kpi.detail
    by = {k.metric: k for k in run.summary.kpi}
    assert by["orders"].raw == 20 and by["orders"].raw_median7 == D("40.5") and by["orders"].anomaly
    assert dt.date(2026, 11, 14) not in [d.date for d in run.summary.history]
    cfg = shop.folder / "shopbook.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    run = run_daily(open_shop(shop.folder), dt.date(2026, 11, 21), send=False, steps_only=("kpi",))
    (kpi,) = run.steps
    assert kpi.ok is False and f"Duplicate date '2026-11-14': row {was} has it already. Each must be unique: " \
        "keep one row, and correct or delete the other." in kpi.detail, kpi.detail


def test_an_inbox_export_with_orders_of_an_unknown_status_stays_in_the_inbox_and_is_said(tmp_path):
    """QA: daily imported a 拼多多 export with an order in a status word no reader knows (风控审核中),
    said "✓ 导入 1 个订单" and moved the file to inbox/done: the left-out paid order was never seen
    again. Now the inbox step is no ✓, names the rows, keeps the file, and still reviews and picks
    the orders that came in."""
    from platform_fixtures import pdd_row, write_pdd
    from test_orders import build_shop

    shop = build_shop(tmp_path)
    write_workbook(shop.path(KPI), KPI, "zh", {DailyKpi: week()}, keep_backup=False)
    inbox = shop.folder / "inbox"
    inbox.mkdir(exist_ok=True)
    export = write_pdd(inbox, [pdd_row("231121-000000000001", "待发货", "SH-BK-M"),
                               pdd_row("231121-000000000002", "风控审核中", "SH-BK-M")])
    run = run_daily(shop, dt.date(2026, 11, 21), send=False)
    steps = {s.name: s for s in run.steps}
    assert steps["inbox"].ok is False and "导入 1 个订单；1 行没有导入，文件留在 inbox/" in steps["inbox"].detail
    assert steps["review"].ok is True and steps["picklist"].ok is True, steps["review"].detail
    assert status_of(shop) == {"231121-000000000001": "已审核"}
    assert export.exists() and any("风控审核中" in p for p in run.summary.problems), run.summary.problems


def test_a_workbook_that_does_not_read_is_no_zero_in_the_report(tmp_path):
    """QA: with stock.xlsx unreadable (or orders.xlsx), the e-mail said 库存预警: 0 (待发货订单: 0,
    挂起订单: 0) above the problem saying the step failed: the boss read that nothing was waiting.
    Now those counts say they are not known, in the e-mail, the report's 摘要 and the group message;
    what did read is said as before."""
    from shopbook.report.bots import daily_summary

    shop = demo_like_shop(tmp_path)
    shop.path(STOCK).write_bytes(b"not a workbook")
    run = run_daily(shop, dt.date(2026, 11, 21), send=False)
    text = decode(run.email.read_bytes()).get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert "库存预警：不知道（没有读出，见“问题”）" in text and "库存预警：0" not in text, text
    assert "挂起订单：1\n  X1：" in text and "待发货订单：0" in text, text  # orders.xlsx read: its counts are known
    ws = openpyxl.load_workbook(run.report)["摘要"]
    cells = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "库存预警（不知道（没有读出，见“问题”））" in cells and "挂起订单（1）" in cells, cells
    assert "库存预警：不知道（库存表没有读出）" in daily_summary(run.summary).todo


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_median_over_fewer_than_seven_days_says_how_many(tmp_path, lang):
    """A shop's fourth day: its "7日中位数" was the median of the 3 days before it. The e-mail (text and
    HTML) and the report's 摘要 say 3日中位数 / 3-day median; with a week behind it, 7日中位数 as before."""
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    write_workbook(folder / "kpi.xlsx", KPI, lang, {DailyKpi: week()[4:]}, keep_backup=False)  # 11-18 … 11-21
    shop = open_shop(folder)
    made = run_daily(shop, dt.date(2026, 11, 21))
    msg = decode(made.email.read_bytes())
    text, html = msg.get_body(("plain",)).get_content(), msg.get_body(("html",)).get_content()
    three, seven = ("3日中位数", "7日中位数") if lang == "zh" else ("3-day median", "7-day median")
    assert three in text and three in html and seven not in text + html
    summary = openpyxl.load_workbook(made.report).worksheets[0]
    heads = [c for row in summary.iter_rows(max_row=5, values_only=True) for c in row]
    assert three in heads and seven not in heads
    write_workbook(folder / "kpi.xlsx", KPI, lang, {DailyKpi: week()}, keep_backup=False)
    made = run_daily(shop, dt.date(2026, 11, 21))
    text = decode(made.email.read_bytes()).get_body(("plain",)).get_content()
    assert seven in text and three not in text


def test_a_self_check_stopped_by_a_workbook_names_it(demo_copy, monkeypatch):
    """The daily report's step and the e-mail's problems said '没有自查表：工作簿已损坏（压缩包无法打开）…'
    with no word of which workbook (the self-check reads four): now 'ledger.xlsx：工作簿已损坏…'."""
    import os

    whole = (demo_copy / "ledger.xlsx").read_bytes()
    (demo_copy / "ledger.xlsx").write_bytes(whole[:5000])  # cut short
    os.utime(demo_copy / "ledger.xlsx", (1_700_000_000, 1_700_000_000))  # (not being saved)
    from shopbook.report import workflow

    monkeypatch.setattr(workflow, "_today", lambda: dt.date(2026, 11, 22))  # its morning: not a past day's report
    run = run_daily(open_shop(demo_copy), dt.date(2026, 11, 21), send=False, steps_only=("kpi", "report", "email"))
    step = {s.name: s for s in run.steps}["report"]
    # (the self-check goes on past it: the ledger said in finance's list, the report's step no whole job, the
    # e-mail made all the same, saying it)
    assert {s.name: s for s in run.steps}["email"].ok, run.steps
    assert step.ok is False and "自查有部分没有检查：ledger.xlsx（财务）" in step.detail, step.detail
    assert [p for p in run.summary.problems if p.startswith("自查：")] == ["自查：ledger.xlsx（财务）的部分没有检查，见日报的自查表"]


def test_a_rows_median_over_fewer_days_says_them_in_english_too():
    from shopbook.report.daily import DailySummary, KpiRow

    rows = [KpiRow("orders", "Orders", "40", "", "", "40", "=", False, D(40), median_days=7),
            KpiRow("visitors", "Visitors", "900", "", "", "800", "▲", False, D(900), median_days=1)]
    s = DailySummary("Shop", dt.date(2026, 11, 21), "en", kpi=rows)
    assert s.median_label() == "7-day median" and s.median_cell(rows[1]) == "800 (1 day)"
    zh = DailySummary("店", dt.date(2026, 11, 21), "zh", kpi=rows)
    assert zh.median_cell(rows[1]) == "800（1日）" and zh.median_cell(rows[0]) == "40"
