"""An order whose 状态 (and 发货日期) is typed once, on its first row (people type an order's status once):
the monthly review, the day figures, customers, a promotion's review and staff pay read its other rows'
blank 状态 as the order's, as `ledger --month` counts it (money.ledger.as_sent), on real workbooks."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import openpyxl

from cli_run import shopbook
from shopbook.schema import LEDGER, ORDERS, STOCK, OrderLine, Product, Promotion, StaffMember
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook

D = Decimal


def line(no: str, sku: str, qty: int, price: str, status: str | None, shipped: dt.date | None, buyer: str,
         paid: dt.datetime, **more) -> OrderLine:
    return OrderLine(order_no=no, buyer=buyer, receiver=buyer, phone="13800000000",
                     address="浙江省 杭州市 西湖区 文三路1号", sku=sku, qty=qty, unit_price=D(price), status=status,
                     courier="中通" if shipped else None, tracking_no=f"7310{no}" if shipped else None,
                     shipped_on=shipped, paid_at=paid, **more)


def typed_once_shop(tmp_path, promotions=(), **more):
    """November 2026, three Taobao orders. T1 (买家甲, paid 11-05): A1 × 1 at 100.00 typed 已取消 on its
    first row, its B1 × 1 at 80.00 row's 状态 blank: cancelled, sold nothing. T2 (买家乙, paid 11-05): A1 × 1
    at 100.00 已发货 11-06 on its first row, its B1 × 2 at 80.00 row's 状态 and 发货日期 blank: 260.00 sold,
    3 units. T3 (买家甲, paid 11-06): A1 × 1 at 100.00 已签收. `more`: each line's other cells."""
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="A1", name="外套", cost=D(30), price=D(100), weight_kg=D("0.5")),
        Product(sku="B1", name="裤子", cost=D(20), price=D(80), weight_kg=D("0.5"))]}, keep_backup=False)
    p5, p5b, p6 = dt.datetime(2026, 11, 5, 10), dt.datetime(2026, 11, 5, 11), dt.datetime(2026, 11, 6, 9)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        line("T1", "A1", 1, "100.00", "已取消", None, "买家甲", p5, **more),
        line("T1", "B1", 1, "80.00", None, None, "买家甲", p5, **more),
        line("T2", "A1", 1, "100.00", "已发货", dt.date(2026, 11, 6), "买家乙", p5b, **more),
        line("T2", "B1", 2, "80.00", None, None, "买家乙", p5b, **more),
        line("T3", "A1", 1, "100.00", "已签收", dt.date(2026, 11, 7), "买家甲", p6, **more)],
        **({Promotion: list(promotions)} if promotions else {})}, keep_backup=False)
    ws = openpyxl.load_workbook(folder / "orders.xlsx")["订单"]  # (as typed: the blank 状态 stays blank)
    head = [c.value for c in ws[1]]
    assert [r[head.index("状态")] for r in ws.iter_rows(min_row=2, values_only=True)] == [
        "已取消", None, "已发货", None, "已签收"]
    return folder


def run_json(*args) -> dict:
    r = shopbook(*args, "--json")
    assert r.returncode in (0, 1), r.stdout + r.stderr
    return json.loads(r.stdout)


def sheet(path, name) -> list[tuple]:
    return [r for r in openpyxl.load_workbook(path)[name].iter_rows(values_only=True) if any(v is not None for v in r)]


def test_the_monthly_review_and_the_day_figures_count_an_order_as_the_ledger_does(tmp_path):
    """November: T2's 260.00 (3 units) and T3's 100.00: 2 orders, 360.00, 4 units, as `ledger --month`'s
    revenue of the orders shipped (360.00); 11-05, a day 日报 lacks, 1 order, 260.00, 3 units in the daily
    report; 商品销售 B1 × 2, 160.00. QA: T1's blank-状态 row counted as a sale (3 orders, 440.00, 5 units;
    11-05 2 orders, 340.00; B1 × 3) where the ledger counted T1 as cancelled."""
    folder = typed_once_shop(tmp_path)
    r = shopbook("ledger", str(folder), "--month", "2026-11", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    assert D(json.loads(r.stdout)["gross_margin"]["revenue"]) == D("360.00")

    rev = run_json("report", "monthly", str(folder), "--month", "2026-11")
    assert (rev["total"]["orders"], D(rev["total"]["sales"]), rev["total"]["units"]) == (2, D("360.00"), 4)
    assert [(d["date"], D(d["sales"])) for d in rev["ads"]["days"]] == [
        ("2026-11-05", D("260.00")), ("2026-11-06", D("100.00"))]
    book = folder / "reports" / "月报-2026-11.xlsx"
    assert [r[:5] for r in sheet(book, "商品销售")[1:]] == [("A1", "外套", None, 2, 200), ("B1", "裤子", None, 2, 160)]
    assert [r[:6] for r in sheet(book, "考核") if isinstance(r[0], dt.datetime)] == [
        # (a new shop's first month: no default orders target judged, kpi.metrics.targets_in_force)
        (dt.datetime(2026, 11, 5), None, 1, None, None, 260), (dt.datetime(2026, 11, 6), None, 1, None, None, 100)]

    r = shopbook("daily", str(folder), "--date", "2026-11-05", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    assert sheet(folder / "reports" / "日报-2026-11-05.xlsx", "日报明细")[1:] == [
        (dt.datetime(2026, 11, 5), None, None, 1, 260, 3, None, 260, "订单表")]


def test_customers_count_an_order_as_the_ledger_does(tmp_path):
    """`customers --month 2026-11`: 买家甲 placed T3 alone (T1 cancelled): 1 order, 100.00, 1 unit, no repeat
    buyer; the month 2 buyers, 2 orders, 360.00, as the monthly review counts them. QA: T1's blank-状态 row
    made 买家甲 a repeat buyer of 2 orders, 180.00 (the month 3 orders, 440.00, repeat rate 50 %)."""
    folder = typed_once_shop(tmp_path)
    rep = run_json("customers", str(folder), "--month", "2026-11")
    assert [(c["name"], c["orders"], D(c["spend"]), c["units"]) for c in rep["top"]] == [
        ("买家乙", 1, D("260.00"), 3), ("买家甲", 1, D("100.00"), 1)]
    assert (rep["repeat_customers"], D(rep["repeat_rate"])) == (0, D(0))
    (month,) = rep["months"]
    assert (month["buyers"], month["orders"], D(month["sales"])) == (2, 2, D("360.00"))
    assert run_json("report", "monthly", str(folder), "--month", "2026-11")["customers"]["months"] == rep["months"]


def test_a_promotions_review_counts_an_order_as_the_ledger_does(tmp_path):
    """`report promotion 双11预热` (11-05 … 11-06): T2 and T3, 2 orders, 360.00, 4 units, AOV 180.00, 2 buyers,
    as the monthly review counts those days. QA: T1's blank-状态 row counted: 3 orders, 440.00, 5 units."""
    promo = Promotion(name="双11预热", kind="满减", start=dt.date(2026, 11, 5), end=dt.date(2026, 11, 6), enabled=True)
    folder = typed_once_shop(tmp_path, promotions=[promo])
    during = run_json("report", "promotion", str(folder), "双11预热")["during"]
    assert (during["orders"], D(during["sales"]), during["units"], D(during["aov"]), during["buyers"]) == (
        2, D("360.00"), 4, D("180.00"), 2)


def test_staff_pay_counts_an_order_as_the_ledger_does(tmp_path):
    """`staff pay --month 2026-11`: 小王 (客服, 10 %) closed all three orders; her sales are T2's 260.00 and
    T3's 100.00 = 360.00, as the ledger and the monthly review count them: commission 36.00, pay 3036.00.
    QA: T1's blank-状态 row counted as her sale (440.00, commission 44.00): pay for an order never sold."""
    folder = typed_once_shop(tmp_path, cs="小王")
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {StaffMember: [
        StaffMember(name="小王", role="客服", base=D("3000.00"), commission_rate="10%")]}, keep_backup=False)
    (me,) = run_json("staff", "pay", str(folder), "--month", "2026-11")["people"]
    assert (me["person"], D(me["sales"]), D(me["commission"]), D(me["total"])) == (
        "小王", D("360.00"), D("36.00"), D("3036.00"))
    rows = sheet(folder / "reports" / "绩效-2026-11.xlsx", "绩效")
    assert rows[0][:5] == ("姓名", "岗位", "底薪", "促成销售额", "提成") and rows[1][:5] == ("小王", "客服", 3000, 360, 36)


def test_a_day_filled_beside_days_of_the_daily_sheet_counts_an_order_as_the_ledger_does(tmp_path):
    """kpi.metrics.days_from on the orders as read back from orders.xlsx, with 日报 holding 11-06 (its row
    kept as typed) and lacking 11-05: 11-05 is filled with T2 alone (1 order, 260.00, 3 units)."""
    from shopbook.io.reader import read_workbook
    from shopbook.kpi.metrics import days_from
    from shopbook.schema import DailyKpi

    folder = typed_once_shop(tmp_path)
    lines = read_workbook(folder / "orders.xlsx", ORDERS, (OrderLine,)).rows(OrderLine)
    days = days_from([DailyKpi(date=dt.date(2026, 11, 6), visitors=50, orders=7, sales=D("700.00"))], lines)
    assert [(d.date, d.orders, d.sales, d.units, d.from_orders) for d in days] == [
        (dt.date(2026, 11, 5), 1, D("260.00"), 3, True), (dt.date(2026, 11, 6), 7, D("700.00"), None, False)]
