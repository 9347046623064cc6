"""An agent's order line typed with its 单价 blank (来源 代理), in the monthly review and the daily
report, on real workbooks: counted at the agent's price, as `shopbook ledger` counts it and `agents
settle` bills it (and then writes it into the blank cell). QA: `report monthly --period 2026-10` said
销售额 ¥718.40 before settle and ¥1,218.90 after (the 11 units at the agent's 45.50 counted 0 until
settle wrote the price in), and its SKU sheet had no revenue for them; the daily report's 销售额 of
a day filled from the orders the same."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from decimal import Decimal

import openpyxl

from cli_run import shopbook
from shopbook.schema import AGENTS, KPI, ORDERS, STOCK, Agent, DailyKpi, OrderLine, Product, Promotion, Target, Tier
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook

D = Decimal


def line(no: str, sku: str, qty: int, price: str | None, day: int, **more) -> OrderLine:
    return OrderLine(order_no=no, receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 文三路1号", sku=sku,
                     qty=qty, unit_price=D(price) if price is not None else None, shipping_fee=D(0), status="已发货",
                     courier="中通", tracking_no=f"7310{no[-4:]}", shipped_on=dt.date(2026, 10, day + 1),
                     paid_at=dt.datetime(2026, 10, day, 9), **more)


def agent_shop(tmp_path, typed: str | None = None, promotions: list = ()):
    """October: a Taobao order of 2 × A1 at 359.20 (718.40) on the 8th and agent DL1's order of 11 × B1
    on the 9th, its 单价 `typed` (blank: DL1's tier 金牌 takes B1's 91.00 at 50 %, 45.50: 500.50)."""
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="A1", name="外套", cost=D(150), price=D("359.20")),
        Product(sku="B1", name="衬衫", cost=D(30), price=D(91))]}, keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        line("T0001", "A1", 2, "359.20", 8),
        line("DL1-0001", "B1", 11, typed, 9, source="代理", agent_id="DL1")], Promotion: list(promotions)},
        keep_backup=False)
    write_workbook(folder / AGENTS.filename, AGENTS, "zh", {
        Agent: [Agent(agent_id="DL1", name="甲代理", tier="金牌")], Tier: [Tier(tier="金牌", discount=D("0.5"))]},
        keep_backup=False)
    return folder


def review(folder) -> tuple[dict, dict]:
    """`report monthly --period 2026-10 --json`'s total, and the written review's SKU sheet (SKU →
    revenue)."""
    r = shopbook("report", "monthly", str(folder), "--period", "2026-10", "--json")
    assert r.returncode == 1, r.stdout + r.stderr  # (the month's other days have no figures: said, exit 1)
    total = json.loads(r.stdout)["total"]
    ws = openpyxl.load_workbook(folder / "reports" / "月报-2026-10.xlsx")["商品销售"]
    return {k: total[k] for k in ("orders", "sales", "units")}, {
        row[0]: row[4] for row in ws.iter_rows(min_row=2, values_only=True)}


def test_the_monthly_review_counts_a_blank_agent_price_as_settle_bills_it_before_and_after(tmp_path):
    folder = agent_shop(tmp_path)
    by_hand = {"orders": 2, "sales": "1218.90", "units": 13}  # 718.40 + 11 × 45.50
    assert review(folder) == (by_hand, {"A1": 718.4, "B1": 500.5})
    r = shopbook("agents", "settle", str(folder), "--month", "2026-10", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    (st,) = json.loads(r.stdout)["agents"]
    assert D(st["goods"]) == D("500.50")  # what the review counted
    typed = openpyxl.load_workbook(folder / "orders.xlsx")["订单"]
    head = [c.value for c in typed[1]]
    assert [r[head.index("单价")] for r in typed.iter_rows(min_row=2, values_only=True)] == [359.2, 45.5]
    assert review(folder) == (by_hand, {"A1": 718.4, "B1": 500.5})  # settled: the same month


def daily_sales(folder, day: int) -> tuple[object, str]:
    """The daily report of 2026-10-`day`: its 摘要's 销售额 and the KPI step's line."""
    r = shopbook("daily", str(folder), "--date", f"2026-10-{day:02d}")
    ws = openpyxl.load_workbook(folder / "reports" / f"日报-2026-10-{day:02d}.xlsx")["摘要"]
    sales = next(row[1].value for row in ws.iter_rows(min_row=4) if row[0].value == "销售额")
    return sales, next((ln for ln in r.stdout.splitlines() if "KPI" in ln), r.stdout)


def test_the_daily_report_and_self_check_count_a_blank_agent_price_on_a_day_filled_from_the_orders(tmp_path):
    """The daily report's 销售额 of the 9th (no 日报 row: the day from its orders) and `shopbook
    selfcheck`'s KPIs under target (a 销售额 target of 400: 500.50 meets it; at 0 it was listed)."""
    folder = agent_shop(tmp_path)
    assert daily_sales(folder, 9)[0] == 500.5  # 11 × 45.50
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {Target: [Target(metric="销售额", target=D(400))]},
                   keep_backup=False)
    r = shopbook("selfcheck", str(folder), "--date", "2026-10-10", "--json")
    below = [i["record"] for i in json.loads(r.stdout) if i["role"] == "operations"]
    # (1 order, under the default 30: not judged in a new shop's first two months, the 8th its first day)
    assert "支付订单数" not in below and "销售额" not in below, r.stdout


def test_agents_xlsx_is_read_only_for_a_blank_agent_price_and_stops_at_its_cell(tmp_path):
    """agents.xlsx, read only for such a line (the daily job reads no more than before for a shop
    whose agents' lines carry their prices): one that does not read stops the review then, located,
    never a figure at 0."""
    folder = agent_shop(tmp_path, typed="45.50")
    (folder / "agents.xlsx").write_bytes(b"not a workbook")
    assert review(folder)[0] == {"orders": 2, "sales": "1218.90", "units": 13}
    assert daily_sales(folder, 9)[0] == 500.5
    blank = agent_shop(tmp_path / "blank")
    (blank / "agents.xlsx").write_bytes(b"not a workbook")
    r = shopbook("report", "monthly", str(blank), "--period", "2026-10")
    assert r.returncode == 2 and "agents.xlsx" in r.stdout + r.stderr, r.stdout + r.stderr
    # the daily job: its report still goes, the KPI step ✗ saying those lines are at 0 and why
    sales, kpi = daily_sales(blank, 9)
    assert sales == 0 and "✗" in kpi and "代理订单单价空着的行没有按代理价计入销售额" in kpi and "agents.xlsx" in kpi, kpi


def promotion(folder) -> subprocess.CompletedProcess:
    return shopbook("report", "promotion", str(folder), "国庆满减", "--json")


def test_the_promotion_review_counts_a_blank_agent_price_as_settle_bills_it(tmp_path):
    """`report promotion`: a one-day promotion on the 9th against the 8th, ¥100.00 of ads each day.
    QA: its sales were 0.00 and its AOV and ROI 0 before `agents settle` (500.50, 500.50 and 5.01
    after it wrote DL1's 45.50 in): the same figures now, before and after."""
    promo = Promotion(name="国庆满减", kind="满减", start=dt.date(2026, 10, 9), end=dt.date(2026, 10, 9), enabled=True)
    folder = agent_shop(tmp_path, promotions=[promo])
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {DailyKpi: [
        DailyKpi(date=dt.date(2026, 10, d), visitors=500, orders=1, sales=D(s), ad_spend=D(100))
        for d, s in ((8, "718.40"), (9, "500.50"))]}, keep_backup=False)

    def figures():
        r = promotion(folder)
        assert r.returncode == 0, r.stdout + r.stderr
        rev = json.loads(r.stdout)
        return [{k: w[k] for k in ("sales", "aov", "roi", "units")} for w in (rev["during"], rev["before"])]

    by_hand = [{"sales": "500.50", "aov": "500.50", "roi": "5.01", "units": 11},  # 11 × 45.50; 500.50 ÷ 100, half up
               {"sales": "718.40", "aov": "718.40", "roi": "7.18", "units": 2}]
    assert figures() == by_hand
    r = shopbook("agents", "settle", str(folder), "--month", "2026-10", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    assert figures() == by_hand  # settled: the same promotion
    # agents.xlsx read only for such a line in the windows, and one that does not read stops the review
    (folder / "agents.xlsx").write_bytes(b"not a workbook")
    assert figures() == by_hand  # (the 单价 is typed now)
    blank = agent_shop(tmp_path / "blank", promotions=[promo])
    (blank / "agents.xlsx").write_bytes(b"not a workbook")
    r = promotion(blank)
    assert r.returncode == 2 and "agents.xlsx" in r.stdout + r.stderr, r.stdout + r.stderr
