"""The daily self-check (自查): every role's items from the shop's data, each naming its record
and the command or button; the daily report's 自查 sheet and the e-mail carry them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from shopbook.aftersales.workflow import list_open
from shopbook.report.daily import KpiRow
from shopbook.report.selfcheck import SelfCheckData, below_target, build, by_role, read_selfcheck, sheet_rows
from shopbook.report.workflow import run_daily
from shopbook.schema import (LEDGER, ORDERS, Account, AfterSalesCase, BalanceCheck, Category, Entry, OrderLine,
                             Promotion)
from shopbook.stock.report import CallBack, SlowMover, SupplyCheck
from shopbook.workbook_builder import write_workbook
from test_daily import decode, demo_like_shop
import pytest


@pytest.fixture
def demo_copy(tmp_path):
    """The demo shop of its last 25 days (tests/demo_shop.november_copy): what these tests read is there, a fifth
    the size of the whole demo's 120 days."""
    from demo_shop import november_copy

    return november_copy(tmp_path / "shop")


D = Decimal
TODAY = dt.date(2026, 11, 22)


def line(no: str, status: str, **kw) -> OrderLine:
    base = dict(order_no=no, receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 a", sku="S", qty=1,
                unit_price=D(60), status=status, paid_at=dt.datetime(2026, 11, 21, 9))
    return OrderLine(**{**base, **kw})


def data() -> SelfCheckData:
    lines = [line("H1", "已挂起", review="挂起：偏远地区（西藏）", paid_at=dt.datetime(2026, 11, 20, 9)),
             line("H2", "已挂起", review="挂起：地址无法解析出省和市，请核对", paid_at=dt.datetime(2026, 11, 22, 8)),  # today: not yet
             line("N1", "待审核", buyer_message="要红色"),
             line("A1", "已审核"), line("A2", "已审核"),
             line("P1", "已审核", batch="20261120-1"),  # picked two days ago, not shipped
             line("P2", "已审核", batch="20261121-1"),  # the daily job's batch of yesterday: still today's work
             line("S1", "已发货")]
    cases = [AfterSalesCase(case_no="SH1", opened_on=dt.date(2026, 11, 15), order_no="S1", type="投诉",
                            status="处理中", due=dt.date(2026, 11, 16), row=2),
             AfterSalesCase(case_no="SH2", opened_on=TODAY, order_no="P1", type="问题件", reason="少了 S",
                            note="验货不过", status="处理中", due=dt.date(2026, 11, 23), row=3),
             AfterSalesCase(case_no="SH3", opened_on=TODAY, order_no="S1", type="仅退款", status="已完成", row=4)]
    return SelfCheckData(
        TODAY, lines, list_open(cases, lines, TODAY, "zh"),
        calls=[CallBack("老王", "wx_wang", "S", "衬衫", 3, dt.date(2026, 11, 1), 2)],
        supplies=[SupplyCheck("面单", 30, D(10), D("3.0"), 5, True), SupplyCheck("胶带", 90, D(3), D(30), 5, False)],
        slow=[SlowMover("OLD", "旧款", 9, D("180.00"), None, None)],
        promotions=[Promotion(name="双12", kind="满就送", start=dt.date(2026, 11, 23)),
                    Promotion(name="秋装", kind="满减", end=dt.date(2026, 11, 23)),
                    Promotion(name="关掉的", kind="满减", start=dt.date(2026, 11, 23), enabled=False)],
        kpi_below=below_target([
            KpiRow("orders", "支付订单数", "20", "30", "", "", "", False, D(20), D(30)),
            KpiRow("sales", "销售额", "900", "800", "", "", "", False, D(900), D(800)),
            KpiRow("bounce_rate", "跳失率", "60%", "50%", "", "", "", False, D("0.6"), D("0.5"))]),
        entries=[Entry(date=dt.date(2026, 11, 20), direction="收入", category="销售", amount=D(60), account="支付宝"),
                 Entry(date=dt.date(2026, 11, 20), direction="收入", category="销售", amount=D(60), account="支付宝"),
                 Entry(date=dt.date(2026, 11, 21), direction="收入", category="销售", amount=D(60), account="支付宝",
                       txn_no="2026112100001"),
                 Entry(date=dt.date(2026, 9, 1), direction="收入", category="销售", amount=D(60), account="支付宝")],
        agents_due=[("DL001 杭州衣橱", "2026-10", D("3515.08"))])


def test_each_role_gets_its_items_with_record_and_action():
    items = build(data(), "zh")
    got = {(i.role, i.record): i for i in items}
    # customer service: the overdue complaint first, held over a day, the call, the buyer message
    cs = [i for i in items if i.role == "cs"]
    assert cs[0].record == "售后 SH1（订单 S1）" and cs[0].urgent and cs[0].what.startswith("超期 投诉")
    assert "shopbook aftersales" in cs[0].action
    assert ("cs", "订单 H1") in got and ("cs", "订单 H2") not in got
    assert got[("cs", "订单 H1")].what == "挂起超过一天：偏远地区（西藏）"  # held said once, not "…：挂起：偏远…"
    assert "状态改为待审核" in got[("cs", "订单 H1")].action and "orders review" in got[("cs", "订单 H1")].action
    assert "老王 wx_wang" in got[("cs", "SKU S 衬衫")].what
    assert "要红色" in got[("cs", "订单 N1")].what and "orders review" in got[("cs", "订单 N1")].action
    assert all(i.record != "售后 SH3（订单 S1）" for i in items)  # done cases are not listed
    # warehouse: two to pick, P1 late (P2 is this morning's batch), the failed scan, the low supply only
    wh = {i.record: i for i in items if i.role == "warehouse"}
    assert wh["订单 A1、A2"].what.startswith("2 个已审核订单") and "picklist" in wh["订单 A1、A2"].action
    assert "订单 P1" in wh and "订单 P2" not in wh and "shopbook ship" in wh["订单 P1"].action
    assert "少了 S" in wh["订单 P1（售后 SH2）"].what
    assert "面单" in wh and "胶带" not in wh
    # operations: the KPI under target (not one above it, not a lower-is-better one), tomorrow's promotions
    ops = {i.record: i for i in items if i.role == "operations"}
    # the record names the metric (printed "支付订单数: 20，低于目标 30"): not said twice
    assert ops["支付订单数"].what == "20，低于目标 30" and "销售额" not in ops and "跳失率" not in ops
    # the weekly review has no button: the 日报 button, which runs the whole daily job, was named for it
    assert ops["支付订单数"].action == "shopbook report weekly 店铺"
    assert "开始" in ops["促销 双12"].what and "结束" in ops["促销 秋装"].what and "促销 关掉的" not in ops
    assert ops["SKU OLD 旧款"].what == "从未售出，库存 9 件：考虑下架或清仓"  # never sold: no "滞销 — 天"
    # finance: the day with two Alipay lines not matched (not the matched day, not one older than 30 days)
    fin = [i for i in items if i.role == "finance"]
    assert [(i.record, i.what) for i in fin] == [("流水 2026-11-20", "2 笔支付宝流水还没对账"),
                                                 ("代理 DL001 杭州衣橱", "2026-10 对账单应收 ¥3,515.08 未收齐")]
    assert "reconcile alipay" in fin[0].action and "agents settle 店铺 --month 2026-10" in fin[1].action


def test_english_shop_and_the_sheet_and_email_shape():
    items = build(data(), "en")
    assert any(i.what.startswith("OVERDUE complaint") for i in items)
    assert next(i.what for i in items if i.record == "SKU OLD 旧款") == "never sold, 9 on hand: delist or clear"
    d = data()
    d.lines[0] = d.lines[0].model_copy(update={"review": "held: remote area (西藏); held: buyer message: fast please"})
    held = next(i.what for i in build(d, "en") if i.record == "order H1")
    assert held == "held for more than a day: remote area (西藏); buyer message: fast please", held
    rows = sheet_rows(items, "en")
    assert rows[0] == ["Role", "To do", "Record", "Command or button", "Urgent"]
    assert {r[0] for r in rows[1:]} == {"Customer service", "Warehouse", "Operations", "Finance"}
    empty = sheet_rows([], "zh")
    assert [r[:2] for r in empty[1:]] == [["客服", "无"], ["仓库", "无"], ["运营", "无"], ["财务", "无"]]
    roles = by_role(items, "zh", cut=2)
    cs = next(r for r in roles if r[0] == "客服")
    n = cs[1]
    assert n == 5 and len(cs[2]) == 2 and cs[3] == "… 还有 3 条，全部见日报工作簿的“自查”表"
    # (in English, as the daily report's other cut lists name the workbook)
    cs = next(r for r in by_role(items, "en", cut=2) if r[0] == "Customer service")
    assert cs[3] == "… 3 more: all of them on the 'Self-check' sheet of the daily report workbook", cs[3]


def test_an_english_shops_alipay_lines_not_reconciled_are_listed():
    """An English shop's ledger names the account Alipay: its lines without a statement's number
    are finance's to reconcile, as 支付宝's are. Before, only an account named 支付宝 was looked at."""
    d = data()
    d.entries = [e.model_copy(update={"account": "Alipay"}) for e in d.entries]
    fin = [i for i in build(d, "en") if i.role == "finance"]
    assert [(i.record, i.what) for i in fin][0] == ("ledger 2026-11-20", "2 Alipay lines not reconciled")


def test_a_failing_balance_check_is_a_finance_item(tmp_path):
    shop = demo_like_shop(tmp_path)
    write_workbook(shop.path(LEDGER), LEDGER, "zh", {
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D("100.00"))],
        Category: [Category(category="销售收入", direction="收入", group="销售")],
        Entry: [Entry(date=dt.date(2026, 11, 20), direction="收入", category="销售收入", amount=D("50.00"),
                      account="支付宝")],
        BalanceCheck: [BalanceCheck(date=dt.date(2026, 11, 20), account="支付宝", balance=D("160.00"))]},
        keep_backup=False)
    items = read_selfcheck(shop, TODAY, [])
    fin = [i for i in items if i.role == "finance"]
    assert any("160.00" in i.what and "150.00" in i.what and i.urgent for i in fin)
    assert any(i.record == "流水 2026-11-20" for i in fin)


def test_the_daily_report_has_a_selfcheck_sheet_and_the_email_its_section(tmp_path, monkeypatch):
    from shopbook.report import workflow

    monkeypatch.setattr(workflow, "_today", lambda: dt.date(2026, 11, 22))  # its morning: not a past day's report
    shop = demo_like_shop(tmp_path)
    run = run_daily(shop, dt.date(2026, 11, 21))
    assert run.ok
    wb = openpyxl.load_workbook(shop.reports / "日报-2026-11-21.xlsx")
    rows = list(wb["自查"].iter_rows(values_only=True))
    assert rows[0] == ("岗位", "要做的事", "记录", "用哪个命令/按钮", "紧急")
    assert {r[0] for r in rows[1:]} == {"客服", "仓库", "运营", "财务"}
    # X1 was held on the 21st: on the 22nd it is over a day; orders were 0 against a target of 30
    held = next(r for r in rows if r[2] == "订单 X1")
    assert held[0] == "客服" and "要红色" in held[1] and held[4] == "!"
    assert any(r[0] == "运营" and r[2] == "支付订单数" for r in rows)
    text = decode(run.email.read_bytes()).get_body(("plain",)).get_content()
    assert "自查：" in text and "订单 X1：" in text and "客服（" in text
    html = decode(run.email.read_bytes()).get_body(("html",)).get_content()
    assert "自查" in html and "订单 X1" in html


def test_the_ribbon_button_gives_the_same_list(tmp_path, monkeypatch):
    from shopbook import xl
    from xlfake import FakeBook

    shop = demo_like_shop(tmp_path)
    import shopbook.report.selfcheck as sc

    real = sc.read_selfcheck
    monkeypatch.setattr(sc, "read_selfcheck", lambda s, today=None, kpi=None: real(s, TODAY, kpi))  # a fixed today
    book = FakeBook(shop.path(ORDERS))
    xl.self_check(book)
    prompt = book.app.alerts[-1]["prompt"]
    want = real(shop, TODAY)
    # its lines as `shopbook selfcheck` and the e-mail say them: '客服 (34)', '订单 X1: 挂起…' in ASCII before
    assert prompt.splitlines()[0] == f"客服（{sum(1 for i in want if i.role == 'cs')}）"
    assert "! 订单 X1：挂起超过一天" in prompt and "财务（0）" in prompt
    assert "仓库（1）\n  stock.xlsx › 盘点：还没有盘点过：每星期盘点一次" in prompt  # (its goods never counted)
    assert book.app.alerts[-1]["mode"] == "critical"  # an urgent item
    assert book.app.status_history[0] == "shopbook：自查…"  # (as the box: full-width)
    assert sheet_rows(want, "zh")[1][2] == "订单 X1"


def test_the_bot_summary_counts_each_role_s_items():
    from shopbook.report.bots import daily_summary
    from shopbook.report.daily import DailySummary

    s = DailySummary("店", dt.date(2026, 11, 21), "zh", selfcheck=build(data(), "zh"))
    todo = daily_summary(s).todo
    assert "自查 客服：5 项（见日报“自查”表）" in todo and "自查 财务：2 项（见日报“自查”表）" in todo
    assert not any(t.startswith("自查") for t in daily_summary(DailySummary("店", dt.date(2026, 11, 21), "zh")).todo)


def test_a_ledger_row_that_does_not_read_is_said_not_skipped(tmp_path):
    """A 流水 amount typed as words: that line is not in the balance, so finance is told the
    ledger does not read instead of being shown a check that leaves it out."""
    shop = demo_like_shop(tmp_path)
    write_workbook(shop.path(LEDGER), LEDGER, "zh", {
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D("100.00"))],
        Category: [Category(category="销售收入", direction="收入", group="销售")],
        Entry: [Entry(date=dt.date(2026, 11, 20), direction="收入", category="销售收入", amount=D("50.00"),
                      account="支付宝", txn_no="T1")]}, keep_backup=False)
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["流水"]
    ws.cell(row=2, column=[c.value for c in ws[1]].index("金额") + 1).value = "五十元"
    wb.save(shop.path(LEDGER))
    fin = [i for i in read_selfcheck(shop, TODAY, []) if i.role == "finance"]
    letter = "ABCDEFGHI"[[c.value for c in ws[1]].index("金额")]
    assert [(i.record, i.urgent) for i in fin] == [(f"ledger.xlsx › 流水 › {letter}2", True)]  # the cell named


def test_each_workbook_is_parsed_once_and_the_list_is_the_same_as_read_one_by_one(tmp_path, monkeypatch):
    """stock.xlsx serves the call list, the supplies, the slow movers and the overdue POs, and
    orders.xlsx two readers: one parse each (they are read two at a time first), and the items
    are exactly those of each reader reading for itself."""
    import shopbook.io.reader as reader
    from shopbook.io import cache
    from shopbook.report import selfcheck

    monkeypatch.setattr(cache, "disabled", True)  # every read a parse, none served by the parsed-sheet cache
    shop = demo_like_shop(tmp_path)
    parses = []
    real = reader._read_workbook

    def counted(path, spec, models=None):
        parses.append(path.name)
        return real(path, spec, models)

    monkeypatch.setattr(reader, "_read_workbook", counted)
    items = read_selfcheck(shop, TODAY)
    assert sorted(parses) == sorted(set(parses)) and "stock.xlsx" in parses and "orders.xlsx" in parses
    parses.clear()
    one_by_one = selfcheck._read_selfcheck(shop, TODAY, None)  # no shared reads: each reader parses for itself
    assert parses.count("stock.xlsx") > 1
    assert items and [i.to_json() for i in items] == [i.to_json() for i in one_by_one]


def test_a_parcel_that_failed_its_scan_then_shipped_is_no_scan_to_redo(tmp_path):
    """A parcel fails the scan check (its case opens), is packed again and passes: the self-check
    no longer tells the warehouse to scan it again (the case stays customer service's to close).
    Before, it said 'failed the scan check … scan again' of a parcel on its way to the buyer."""
    import json

    from cli_run import shopbook
    from shopbook.orders.workflow import import_orders, make_picklist, review
    from taobao_fixtures import write_pair
    from test_order_life import tb_detail, tb_order
    from test_orders import scan_text

    from test_marks_language import build_en_shop

    shop = build_en_shop(tmp_path)
    no = "3600000000000000701"
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(no)], [tb_detail(no, "SH-BK-M")])))
    review(shop)
    make_picklist(shop)
    wrong, right = tmp_path / "wrong.txt", tmp_path / "right.txt"
    wrong.write_text(scan_text(((no, "中通", "7300000701"), ("0690000000017",))), encoding="utf-8")
    right.write_text(scan_text(((no, "中通", "7300000701"), ("0690000000031",))), encoding="utf-8")
    assert shopbook("ship", shop.folder, wrong).returncode == 1

    def said():
        """What `selfcheck --json` says to each role: one run per state of the shop (its warehouse's and
        customer service's items are read from the same run, not from one run each)."""
        r = shopbook("selfcheck", shop.folder, "--json")
        items = json.loads(r.stdout)
        return lambda role: [i["what"] for i in items if i["role"] == role]
    assert any(w.startswith("failed the scan check") for w in said()("warehouse"))
    assert shopbook("ship", shop.folder, right).returncode == 0
    shipped = said()
    assert not any(w.startswith("failed the scan check") for w in shipped("warehouse"))
    assert any("wrong colour/size" in w for w in shipped("cs"))  # the case: customer service closes it


def test_a_picked_parcel_cancelled_since_is_the_warehouses_to_pull_not_to_scan_again():
    """An order picked (its batch cell filled), then cancelled or held on the platform: the
    warehouse's list says to pull the parcel and clear its batch, once per order; a failed scan of
    it is no scan to redo. Once the batch cell is cleared, it is off the list."""
    d = data()
    d.lines += [line("C1", "已取消", batch="20261121-1"), line("C1", "已取消", batch="20261121-1", sku="T"),
                line("C2", "已挂起", batch="20261121-1", review="挂起：平台退款中")]
    d.cases = d.cases + list_open([AfterSalesCase(case_no="SH9", opened_on=TODAY, order_no="C1", type="问题件",
                                                  reason="订单已取消", note="验货不过", status="处理中",
                                                  due=dt.date(2026, 11, 23), row=5)], d.lines, TODAY, "zh")
    wh = [i for i in build(d, "zh") if i.role == "warehouse"]
    pulls = [(i.record, i.what, i.action, i.urgent) for i in wh if "拿出来" in i.what]
    assert pulls == [(f"订单 {no}（批次 20261121-1）", "拣货后已取消或挂起：把包裹拿出来，再清空它的拣货批次",
                      "orders.xlsx › 订单 › 拣货批次", True) for no in ("C1", "C2")]
    assert not [i for i in wh if "C1" in i.record and "重新验货" in i.action]  # no scan to redo
    en = [i for i in build(d, "en") if i.role == "warehouse" and i.record == "order C2 (batch 20261121-1)"]
    assert [i.what for i in en] == ["cancelled or held after it was picked: pull the parcel, then clear its batch cell"]
    d.lines = [ln.model_copy(update={"batch": None}) if ln.order_no in ("C1", "C2") else ln for ln in d.lines]
    assert not [i for i in build(d, "zh") if "拿出来" in i.what]  # the batch cleared: pulled


def test_an_order_line_that_does_not_read_keeps_the_warehouses_other_items(demo_copy):
    """Review: the waiting list counts orders, so where an order line does not read it cannot be
    worked out; the warehouse's supplies and overdue POs, which read no orders, are still listed,
    and the file named is orders.xlsx (it said 'stock.xlsx does not read' and dropped them all)."""
    from cli_run import type_in
    from shopbook.shop import open_shop

    shop = open_shop(demo_copy)
    whole = [i for i in read_selfcheck(shop, TODAY, []) if i.role == "warehouse"]
    assert {i.record for i in whole} >= {"采购单 CG20261101-02", "面单"}
    type_in(shop.path(ORDERS), "订单", {(2, "数量"): "三件"})
    items = read_selfcheck(shop, TODAY, [])
    # (the cell said in each list that reads the orders, the warehouse's too, once: its pick list is of the rows that
    # read; the warehouse's other items stand)
    wh = [i for i in items if i.role == "warehouse" and not i.record.startswith("orders.xlsx")]
    assert [i.role for i in items if i.record.startswith("orders.xlsx")].count("warehouse") == 1
    assert [i for i in items if i.role == "cs" and i.record.startswith("orders.xlsx")]
    assert "stock.xlsx" not in [i.record for i in wh] and wh == whole


def test_the_agents_check_names_the_workbook_that_does_not_read(demo_copy):
    """The agents' statements read stock.xlsx too: with stock.xlsx broken and agents.xlsx sound, finance
    was told 'agents.xlsx does not read'. Now the file named is the one that did not read."""
    import shutil

    from shopbook.shop import open_shop

    twin = shutil.copytree(demo_copy, demo_copy.parent / "twin")
    (demo_copy / "stock.xlsx").write_text("商家编码,名称\n", encoding="utf-8")  # a CSV saved under the name
    items = read_selfcheck(open_shop(demo_copy), TODAY, [])
    fin = [i.record for i in items if i.role == "finance"]
    # (stock.xlsx said once in each role's list it stopped a part of; test_selfcheck_workbook_damaged)
    assert "stock.xlsx" in fin and fin.count("stock.xlsx") == 1 and "agents.xlsx" not in fin, fin
    (twin / "agents.xlsx").write_text("代理编号,名称\n", encoding="utf-8")
    fin = [i.record for i in read_selfcheck(open_shop(twin), TODAY, []) if i.role == "finance"]
    assert "agents.xlsx" in fin and "stock.xlsx" not in fin, fin


def test_an_order_held_hours_ago_is_not_held_for_more_than_a_day():
    """QA: orders paid at 23:02 and held by the morning's review at 05:05 were 'held for more than a
    day' (calendar days from the payment), urgent, and selfcheck exited 1. A day is 24 hours."""
    import dataclasses

    now = dt.datetime.now()
    lines = [line("H6", "已挂起", review="挂起：地址无法解析出省和市，请核对", paid_at=now - dt.timedelta(hours=6)),
             line("H30", "已挂起", review="挂起：地址无法解析出省和市，请核对", paid_at=now - dt.timedelta(hours=30))]
    items = build(dataclasses.replace(data(), today=now.date(), lines=lines, cases=[]), "zh")
    held = {i.record for i in items if i.what.startswith("挂起超过一天")}
    assert held == {"订单 H30"}, held


def test_every_button_the_self_check_names_is_on_the_ribbon_of_its_language():
    """The self-check told an English shop to press "button Scan & ship" and "button Alipay": the
    English ribbon says "Ship scans…" and "Reconcile Alipay…". Every button named is now one the
    built ribbon of that language labels so (customUI.xml, ribbon-labels-en.json)."""
    import re
    import xml.etree.ElementTree as ET

    from shopbook.addin.build import repo_macros, ribbon_xml
    from shopbook.purchasing.suggest import Overdue

    d = data()
    d.unread = [("finance", "ledger.xlsx")]
    d.overdue_pos = [Overdue("CG1", "甲厂", dt.date(2026, 11, 10), 12, 5)]
    for lang, word in (("zh", " · 按钮 "), ("en", " · button ")):
        ribbon = ET.fromstring(ribbon_xml(repo_macros(), lang))
        labels = {el.get("label") for el in ribbon.iter() if el.tag.endswith("}button")}
        named = {i.action.split(word, 1)[1] for i in build(d, lang) if word in i.action}
        assert len(named) == 7, named  # 校验 审单 拣货单 验货发货 采购收货 支付宝对账 代理月结
        assert named <= labels, named - labels
        assert not any(re.search(r"按钮|button", i.action.split(word)[0]) for i in build(d, lang))


def test_a_case_row_that_does_not_read_is_named_by_its_cell_not_as_the_whole_orders_book(demo_copy):
    """A 登记日期 typed 11月17号 (no year) on one 售后 row: the self-check said 'orders.xlsx 读不出，这部分
    没有检查' (the book read, and every other case and order was listed); now it names the cell."""
    from cli_run import type_in
    from shopbook.shop import open_shop

    shop = open_shop(demo_copy)
    before = [i for i in read_selfcheck(shop, TODAY, []) if i.role == "cs"]
    wb = openpyxl.load_workbook(shop.path(ORDERS), read_only=True)
    row = next(r for r, v in enumerate(wb["售后"].iter_rows(min_col=1, max_col=1, values_only=True), start=1)
               if v[0] == "SH20261117-23")
    type_in(shop.path(ORDERS), "售后", {(row, "登记日期"): "11月17号"})
    cs = [i for i in read_selfcheck(shop, TODAY, []) if i.role == "cs"]
    [said] = [i for i in cs if i.record.startswith("orders.xlsx")]
    assert said.record == f"orders.xlsx › 售后 › B{row}" and said.urgent and "没有检查" in said.what
    assert [i for i in cs if i is not said] == [i for i in before if "SH20261117-23" not in i.record]


def test_a_missing_orders_book_is_said_to_customer_service_not_nothing_to_do(demo_copy):
    """orders.xlsx moved away (or saved as .xls): customer service's list said 客服（0）, nothing to do,
    and the self-check exit 0, though none of its cases, held orders or messages could be looked at."""
    from typer.testing import CliRunner

    from shopbook.cli import app
    from shopbook.shop import open_shop

    shop = open_shop(demo_copy)
    shop.path(ORDERS).rename(demo_copy / "orders-old.xlsx")
    cs = [i for i in read_selfcheck(shop, TODAY, []) if i.role == "cs"]
    assert [(i.record, i.urgent) for i in cs] == [("orders.xlsx", True)] and "没有检查" in cs[0].what
    r = CliRunner().invoke(app, ["selfcheck", str(demo_copy), "--date", TODAY.isoformat()])
    assert r.exit_code == 1 and "客服（1）" in r.output, r.output


def test_a_missing_ledger_is_said_to_finance_not_nothing_to_do(demo_copy):
    """ledger.xlsx moved away: finance's list said 财务（0）, nothing to reconcile or check."""
    from shopbook.shop import open_shop

    shop = open_shop(demo_copy)
    shop.path(LEDGER).rename(demo_copy / "ledger-old.xlsx")
    fin = [i for i in read_selfcheck(shop, TODAY, []) if i.role == "finance"]
    assert ("ledger.xlsx", True) in [(i.record, i.urgent) for i in fin]


def test_a_sheet_that_does_not_read_is_named_once(tmp_path):
    """A 数量 typed 十件 on stock.xlsx's 采购 sheet: the self-check's line read 'stock.xlsx › 采购：stock.xlsx ›
    采购 读不出…', the place twice (the record, and again in the words); the place is the record alone."""
    from typer.testing import CliRunner

    from shopbook.cli import app
    from shopbook.shop import init_shop

    init_shop(tmp_path, "zh")
    wb = openpyxl.load_workbook(tmp_path / "stock.xlsx")
    wb["采购"].append(["CG1", "甲厂", "A1", "十件", None, None, None, "已下单"])
    wb.save(tmp_path / "stock.xlsx")
    r = CliRunner().invoke(app, ["selfcheck", str(tmp_path)])
    said = [ln for ln in r.output.splitlines() if "stock.xlsx" in ln]
    assert r.exit_code == 1 and said == ["  ! stock.xlsx › 采购：读不出，这部分没有检查 → shopbook validate 店铺 · 按钮 校验"], \
        r.output
    d = data()
    d.unread = [("warehouse", "stock.xlsx › Purchases")]
    [en] = [i for i in build(d, "en") if i.urgent and i.record.startswith("stock.xlsx")]
    assert en.what == "does not read: this part was not checked", en


def test_an_order_held_by_hand_is_said_so_not_as_stuck_for_a_day():
    # QA: an order a person held minutes ago (已审核 → 已挂起, the next review writing 人工挂起) was said
    # "挂起超过一天", urgent, its age counted from the payment. It is said held by hand now, not urgent;
    # one the review held for its reasons is said as before
    lines = [line("M1", "已挂起", review="人工挂起", paid_at=dt.datetime(2026, 11, 20, 9)),
             line("M2", "已挂起", review="通过", paid_at=dt.datetime(2026, 11, 20, 9)),  # before the next review
             line("H1", "已挂起", review="挂起：偏远地区（西藏）", paid_at=dt.datetime(2026, 11, 20, 9))]
    for lang, order, by_hand, long in (("zh", "订单 ", "人工挂起", "挂起超过一天"),
                                       ("en", "order ", "held by hand", "held for more than a day")):
        got = {i.record: i for i in build(SelfCheckData(TODAY, lines), lang)}
        for no in ("M1", "M2"):
            i = got[order + no]
            assert i.what.startswith(by_hand) and long not in i.what and not i.urgent, i
        assert got[order + "H1"].what.startswith(long) and got[order + "H1"].urgent


def test_a_case_whose_resend_is_held_by_hand_is_not_urgent():
    # QA: a lost parcel's resend a person held (已审核 → 已挂起; 人工挂起, or the review's 通过 still there) made
    # its case urgent a day after the resend's payment, its step '补发单 … 已挂起：通过'. Held by hand now: said
    # so, not urgent; a resend the review held for its reasons is urgent as before
    paid = dt.datetime(2026, 11, 20, 9)
    lines = [line("S1", "已发货"), line("S2", "已发货"), line("S3", "已发货"),
             line("R1", "已挂起", review="通过", paid_at=paid), line("R2", "已挂起", review="人工挂起", paid_at=paid),
             line("R3", "已挂起", review="挂起：地址无法解析", paid_at=paid)]
    cases = [AfterSalesCase(case_no=f"L{n}", opened_on=TODAY, order_no=f"S{n}", type="丢件", status="处理中",
                            due=TODAY + dt.timedelta(days=30), resend_order=f"R{n}", row=n + 1) for n in (1, 2, 3)]
    for lang, by_hand in (("zh", "已挂起：人工挂起"), ("en", "is held: held by hand")):
        items = build(SelfCheckData(TODAY, lines, list_open(cases, lines, TODAY, lang)), lang)
        got = {c.case_no: i for c in cases for i in items if i.record.startswith((f"售后 {c.case_no}（",
                                                                                  f"case {c.case_no} ("))}
        for no in ("L1", "L2"):
            assert by_hand in got[no].what and "通过" not in got[no].what and not got[no].urgent, got[no]
        assert "地址无法解析" in got["L3"].what and got["L3"].urgent


def test_a_ledger_line_that_does_not_read_is_no_balance_mismatch_in_the_self_check(tmp_path):
    """QA (english6): one 流水 amount typed 1O5.05 (letter O): validate says that cell and no mismatch, but the
    self-check listed every 余额核对 after it as not agreeing, by that line's amount, each a finance item to chase.
    It now takes such a line as validate does: its own error, the checks it touches not judged."""
    import datetime as dt

    import openpyxl
    from test_ledger_as_made import ledger_shop

    from shopbook.report.selfcheck import read_selfcheck
    from shopbook.shop import open_shop
    from shopbook.validate import validate_path

    rows = [(dt.datetime(2026, 11, 3), "收入", "销售收入", 100, "支付宝"),
            (dt.datetime(2026, 11, 4), "支出", "快递费", "1O5.05", "支付宝")]
    folder = ledger_shop(tmp_path, rows=rows)
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    for day in (5, 6, 7):  # 1000 + 100 − 105.05, as the shop counted it
        wb["余额核对"].append([dt.datetime(2026, 11, day), "支付宝", 994.95])
    wb.save(folder / "ledger.xlsx")
    assert not [i for i in validate_path(folder / "ledger.xlsx").issues if "余额核对不符" in i.message_zh]
    items = read_selfcheck(open_shop(folder), dt.date(2026, 11, 8))
    said = [i.what for i in items if i.role == "finance"]
    assert not [w for w in said if "余额核对不符" in w], said
