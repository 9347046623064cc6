"""Staff performance pay (绩效) on real workbooks, every rule against figures worked by hand:
commission on closed sales of the month, piece pay above the daily quota (a parcel is an
order), the top seller's bonus, complaint deductions, the total, the salary lines proposed
and booked once; the report re-read."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.schema import (LEDGER, ORDERS, STOCK, Account, AfterSalesCase, Category, Entry, OrderLine, Product,
                             StaffMember)
from shopbook.shop import init_shop, open_shop
from shopbook.staff.pay import month_pay
from shopbook.workbook_builder import write_workbook

D = Decimal
NOV1, NOV30 = dt.date(2026, 11, 1), dt.date(2026, 11, 30)


def order(no: str, cs: str | None, items: list[tuple[str, int, str]], paid: dt.datetime, status: str = "已发货",
          packer: str | None = None, shipped: dt.date | None = None) -> list[OrderLine]:
    return [OrderLine(order_no=no, receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 a", sku=sku, qty=q,
                      unit_price=D(price), paid_at=paid, status=status, cs=cs, packer=packer, shipped_on=shipped)
            for sku, q, price in items]


def shirt_shop(folder, orders: list[OrderLine], staff: list[StaffMember]):
    """A shop of one shirt (S, ¥99) with `orders` and `staff`, paid from a 银行卡 under 员工工资 (工资)."""
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="S", name="衬衫", cost=D(20), price=D(99), opening_qty=50)]}, keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: orders}, keep_backup=False)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Account: [Account(account="银行卡", opening_date=dt.date(2026, 1, 1), opening_balance=D("20000.00"))],
        Category: [Category(category="员工工资", direction="支出", group="工资")], StaffMember: staff},
        keep_backup=False)
    return folder


def t(day: int, month: int = 11, h: int = 10, m: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, h, m)


LINES = [
    *order("O1", "小美", [("S", 2, "99.00"), ("T", 1, "59.90")], t(9), packer="小李", shipped=dt.date(2026, 11, 10)),
    *order("O2", "小美", [("S", 1, "129.00")], t(9), packer="小李", shipped=dt.date(2026, 11, 10)),
    *order("O3", "小红", [("T", 3, "49.90")], t(9), packer="小李", shipped=dt.date(2026, 11, 10)),
    *order("O4", "小红", [("S", 1, "199.00")], t(9), status="已取消"),  # cancelled: no sale
    *order("O5", "小美", [("S", 1, "99.00")], t(31, 10), packer="小王", shipped=dt.date(2026, 11, 1)),  # paid in Oct
    *order("O6", "小红", [("S", 1, "88.88")], t(30, h=23, m=59), status="已审核"),  # paid, not shipped: a sale
    *order("O7", "小美", [("S", 1, "10.01")], t(15), packer="小李", shipped=dt.date(2026, 11, 11)),
    *order("O8", "外包", [("S", 1, "50.00")], t(9), packer="小李", shipped=dt.date(2026, 11, 10)),  # not on 绩效
    *order("O9", None, [("S", 1, "50.00")], t(30), packer="小李", shipped=dt.date(2026, 12, 1)),  # December
    *order("O10", None, [("S", 1, "50.00")], t(10), packer="小王", shipped=dt.date(2026, 11, 11)),
    *order("O11", None, [("S", 1, "50.00")], t(10), packer="小王", shipped=dt.date(2026, 11, 11)),
    *order("O12", None, [("S", 1, "50.00")], t(10), packer="小王", shipped=dt.date(2026, 11, 11)),
]


def case(no: str, staff: str, opened: dt.date, status: str, kind: str = "投诉") -> AfterSalesCase:
    return AfterSalesCase(case_no=no, opened_on=opened, order_no="O3", type=kind, status=status, staff=staff)


CASES = [case("C1", "小红", dt.date(2026, 11, 12), "处理中"), case("C2", "小红", dt.date(2026, 11, 20), "已完成"),
         case("C3", "小红", dt.date(2026, 11, 21), "已关闭"),  # not upheld
         case("C4", "小红", dt.date(2026, 10, 30), "处理中"),  # October's
         case("C5", "小美", dt.date(2026, 11, 5), "处理中", kind="退货退款")]  # not a complaint

STAFF = [
    StaffMember(name="小美", role="客服", base=D("3000.00"), commission_rate="1.5%", top_bonus=D("500.00"),
                complaint_deduction=D("50.00"), pay_account="银行卡"),
    StaffMember(name="小红", role="客服", base=D("2800.00"), commission_rate="2%", top_bonus=D("500.00"),
                complaint_deduction=D("50.00"), pay_account="银行卡"),
    StaffMember(name="小李", role="仓库", base=D("2000.00"), piece_rate=D("0.80"), daily_quota=3, pay_account="银行卡"),
    StaffMember(name="小王", role="仓库", base=D("1800.00"), piece_rate=D("1.00"), daily_quota=2),  # no pay account
    StaffMember(name="老张", role="客服", base=D("3000.00"), commission_rate="5%", active=False),  # left
]


@pytest.fixture
def shop(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="S", name="衬衫", cost=D(20), price=D(99), opening_qty=50),
        Product(sku="T", name="T恤", cost=D(10), price=D(59.9), opening_qty=50)]}, keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: LINES, AfterSalesCase: CASES}, keep_backup=False)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Account: [Account(account="银行卡", opening_date=NOV1, opening_balance=D("20000.00"))],
        Category: [Category(category="员工工资", direction="支出", group="工资")],
        StaffMember: STAFF}, keep_backup=False)
    return open_shop(folder)


# worked by hand:
#   小美 sales 2×99.00 + 59.90 + 129.00 + 10.01 = 396.91 (O5 paid in October); 1.5 % = 5.95365 → 5.95;
#        top seller (396.91 > 238.58): +500.00; no complaint (C5 is a return) → 3505.95
#   小红 sales 3×49.90 + 88.88 = 238.58 (O4 cancelled); 2 % = 4.7716 → 4.77; complaints C1, C2 (C3 closed,
#        C4 October) 2 × 50.00 = 100.00 → 2800 + 4.77 − 100 = 2704.77
#   小李 11-10: O1 O2 O3 O8 = 4 parcels (O1's two lines are one parcel), quota 3 → 1; 11-11: O7 = 1 → 0
#        (O9 shipped in December); 1 × 0.80 → 2000.80
#   小王 11-01: O5 = 1 → 0; 11-11: O10 O11 O12 = 3, quota 2 → 1; 1 × 1.00 → 1801.00
EXPECTED = {
    "小美": ("3000.00", "396.91", "5.95", 0, 0, "0.00", "500.00", 0, "0.00", "3505.95"),
    "小红": ("2800.00", "238.58", "4.77", 0, 0, "0.00", "0.00", 2, "100.00", "2704.77"),
    "小李": ("2000.00", "0.00", "0.00", 5, 1, "0.80", "0.00", 0, "0.00", "2000.80"),
    "小王": ("1800.00", "0.00", "0.00", 4, 1, "1.00", "0.00", 0, "0.00", "1801.00"),
}
KEYS = ("base", "sales", "commission", "packed", "above_quota", "piece", "bonus", "complaints", "deductions", "total")


def test_staff_pay_month_against_hand_figures(shop):
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--json"])
    assert r.exit_code == 0, r.output
    got = json.loads(r.stdout)
    people = {p["person"]: p for p in got["people"]}
    assert set(people) == set(EXPECTED)  # 老张 has left
    for name, want in EXPECTED.items():
        assert tuple(people[name][k] for k in KEYS) == want, name
    assert people["小美"]["role"] == "客服" and people["小李"]["role"] == "仓库"
    # salary lines proposed (not written): three, 小王 has no pay account (said); dated the pay day, today (the
    # ledger is kept by the day money leaves the account, not the month's last day)
    day = dt.date.today().isoformat()
    assert got["pay_day"] == day
    assert [(x["person"], x["amount"], x["category"], x["account"], x["date"]) for x in got["ledger_proposed"]] == [
        ("小美", "3505.95", "员工工资", "银行卡", day), ("小红", "2704.77", "员工工资", "银行卡", day),
        ("小李", "2000.80", "员工工资", "银行卡", day)]
    msgs = " ".join(i["message_zh"] for i in got["issues"])
    assert "小王 没有填发薪账户" in msgs and "“外包”" in msgs
    assert read_workbook(shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry) == []
    # the report, re-read
    wb = openpyxl.load_workbook(shop.reports / "绩效-2026-11.xlsx")
    rows = list(wb["绩效"].iter_rows(values_only=True))
    assert rows[0][:5] == ("姓名", "岗位", "底薪", "促成销售额", "提成") and rows[0][-1] == "合计"
    by = {row[0]: row for row in rows[1:]}
    assert D(str(by["小美"][-1])) == D("3505.95") and D(str(by["小红"][10])) == D("100.00")
    days = list(wb["计件明细"].iter_rows(values_only=True))[1:]
    assert [(n, d.date() if hasattr(d, "date") else d, k, a) for n, d, k, a in days if n == "小李"] == [
        ("小李", dt.date(2026, 11, 10), 4, 1), ("小李", dt.date(2026, 11, 11), 1, 0)]


def test_salary_lines_are_booked_once(shop):
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--book"])
    assert r.exit_code == 0, r.output
    entries = read_workbook(shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry)
    assert [(e.counterparty, e.amount, e.direction.value, e.note) for e in entries] == [
        ("小美", D("3505.95"), "支出", "绩效 2026-11"), ("小红", D("2704.77"), "支出", "绩效 2026-11"),
        ("小李", D("2000.80"), "支出", "绩效 2026-11")]
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--book", "--json"])
    assert json.loads(r.stdout)["ledger_proposed"] == []
    assert json.loads(r.stdout)["booked_before"] == ["小美", "小红", "小李"]
    assert len(read_workbook(shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry)) == 3
    # QA: the second --book said nothing of booking at all; it says they are booked already
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--book"])
    assert "– 2026-11 的工资已在流水记过账，没有再记：小美、小红、小李" in r.output and "已记账：" not in r.output


def test_top_seller_ties_nobody_selling_and_half_fen_rounding():
    staff = [StaffMember(name="A", role="客服", base=D("0"), commission_rate="1%", top_bonus=D("300")),
             StaffMember(name="B", role="客服", base=D("0"), commission_rate="1%", top_bonus=D("200")),
             StaffMember(name="W", role="仓库", base=D("0"), top_bonus=D("999"))]
    tie = order("1", "A", [("S", 1, "0.50")], t(2)) + order("2", "B", [("S", 1, "0.50")], t(3))
    people, _ = month_pay(staff, tie, [], NOV1, NOV30)
    by = {p.name: p for p in people}
    # 0.50 × 1 % = 0.005: half a fen rounds up to 0.01 (banker's rounding would give 0.00)
    assert (by["A"].commission, by["B"].commission) == (D("0.01"), D("0.01"))
    assert (by["A"].bonus, by["B"].bonus, by["W"].bonus) == (D("300.00"), D("200.00"), D("0.00"))
    people, _ = month_pay(staff, [], [], NOV1, NOV30)
    assert all(p.bonus == 0 and p.total == 0 for p in people)


def test_a_bad_month_and_a_bad_row_stop_with_a_clear_message(shop):
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-13"])
    assert r.exit_code == 2 and "没有 13 月" in r.output and "no month 13" not in r.output  # not "the form is wrong"; the shop's language
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["绩效"]
    head = [c.value for c in ws[1]]
    ws.cell(2, head.index("底薪") + 1, "三千")
    wb.save(shop.path(LEDGER))
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11"])
    assert r.exit_code == 2 and "绩效" in r.output and "三千" in r.output and "Traceback" not in r.output


def test_the_taobao_export_s_kefu_column_fills_the_order_s_cs(tmp_path):
    from taobao_fixtures import DETAIL_HEADERS, ORDER_HEADERS, export_bytes
    from test_order_life import tb_detail, tb_order
    from test_orders import build_shop, lines_of

    shop = build_shop(tmp_path)
    rows = [{**tb_order("3900000000000000501"), "客服": "小美"}, tb_order("3900000000000000502")]
    a, b = tmp_path / "ExportOrderList20261121.csv", tmp_path / "ExportOrderDetailList20261121.csv"
    a.write_bytes(export_bytes(ORDER_HEADERS + ["客服"], rows))
    b.write_bytes(export_bytes(DETAIL_HEADERS, [tb_detail("3900000000000000501", "SH-WH-M"),
                                                tb_detail("3900000000000000502", "SH-BK-M")], trailing_comma=True))
    from shopbook.orders.workflow import import_orders

    import_orders(shop, [a, b])
    assert {ln.order_no: ln.cs for ln in lines_of(shop)} == {"3900000000000000501": "小美", "3900000000000000502": None}


def test_the_demo_shop_pays_each_person_and_has_after_sales_work(tmp_path):
    from shopbook.aftersales.workflow import aftersales
    from demo_shop import demo_copy
    from shopbook.staff.workflow import staff_pay

    demo_copy(tmp_path / "demo")
    shop = open_shop(tmp_path / "demo")
    res = staff_pay(shop, "2026-11")
    people = {p.name: p for p in res.payroll.people}
    assert set(people) == {"小美", "小红", "阿杰", "小李", "小王"} and res.payroll.issues == []
    cs = [p for p in people.values() if p.role.value == "客服"]
    assert all(p.sales > 0 and p.commission == (p.sales * {"小美": D("0.015"), "小红": D("0.015"),
                                                            "阿杰": D("0.012")}[p.name]).quantize(D("0.01"))
               for p in cs)
    assert [p.name for p in cs if p.bonus] == [max(cs, key=lambda p: p.sales).name]
    # both demo complaints are on orders 小红 closed (one open, one done: a done one was upheld and counts)
    assert people["小红"].complaints == 2 and people["小红"].deductions == D("100.00")
    assert all(p.packed > 0 and p.piece == p.above_quota * D("0.60") for p in (people["小李"], people["小王"]))
    assert len(res.payroll.ledger) == 5
    a = aftersales(shop, dt.date(2026, 11, 22))
    kinds = {v.case.type.value for v in a.open}
    assert {"换货", "投诉", "仅退款", "丢件"} <= kinds and len(a.overdue) == 1
    assert len({ln.order_no for ln in a.resends}) == 2 and len(a.returns) == 1
    # the self-check's finance part: last month's agent statements not paid, as agents settle works them out
    from shopbook.agents.workflow import settle_month
    from shopbook.report.selfcheck import read_selfcheck

    owed = {f"代理 {s.agent_id} {s.name}": s.balance for s in settle_month(shop, "2026-10").statements if s.balance > 0}
    items = [i for i in read_selfcheck(shop, dt.date(2026, 11, 22)) if i.record.startswith("代理 ")]
    assert owed and {i.record: D(i.what.split("¥")[1].split(" ")[0].replace(",", "")) for i in items} == owed
    assert {i.role for i in items} == {"finance"} and all("--month 2026-10" in i.action for i in items)


@pytest.fixture
def en_shop(tmp_path):
    """The same month in an English shop (its sheets English; the names typed are the shop's own)."""
    folder = tmp_path / "en-shop"
    init_shop(folder, "en")
    write_workbook(folder / "stock.xlsx", STOCK, "en", {Product: [
        Product(sku="S", name="Shirt", cost=D(20), price=D(99), opening_qty=50),
        Product(sku="T", name="Tee", cost=D(10), price=D(59.9), opening_qty=50)]}, keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, "en", {OrderLine: LINES, AfterSalesCase: CASES}, keep_backup=False)
    write_workbook(folder / "ledger.xlsx", LEDGER, "en", {
        Account: [Account(account="Bank", opening_date=NOV1, opening_balance=D("20000.00"))],
        Category: [Category(category="Salaries", direction="out", group="salaries")],
        StaffMember: [s.model_copy(update={"pay_account": "Bank"} if s.pay_account else {}) for s in STAFF]},
        keep_backup=False)
    return open_shop(folder)


def test_an_english_shop_books_its_salary_lines_in_english_once(en_shop):
    r = CliRunner().invoke(app, ["staff", "pay", str(en_shop.folder), "--month", "2026-11", "--book"])
    assert r.exit_code == 0, r.output
    entries = read_workbook(en_shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry)
    assert [(e.counterparty, e.note) for e in entries] == [
        ("小美", "staff pay 2026-11"), ("小红", "staff pay 2026-11"), ("小李", "staff pay 2026-11")]
    ws = openpyxl.load_workbook(en_shop.path(LEDGER))["Entries"]
    assert {row[1] for row in ws.iter_rows(min_row=2, values_only=True)} == {"out"}
    proposed = list(openpyxl.load_workbook(en_shop.reports / "staff-pay-2026-11.xlsx")["Proposed ledger lines"]
                    .iter_rows(values_only=True))
    assert proposed[0][1] == "In/out" and [(row[1], row[-1]) for row in proposed[1:]] == [("out", "staff pay 2026-11")] * 3
    r = CliRunner().invoke(app, ["staff", "pay", str(en_shop.folder), "--month", "2026-11", "--book", "--json"])
    assert json.loads(r.stdout)["ledger_proposed"] == []


def test_a_month_booked_under_the_old_chinese_note_is_never_booked_again(en_shop):
    """English shops were given 绩效 YYYY-MM before: that note still says the month is booked, in
    either language; a Chinese shop's English note likewise."""
    old = [Entry(date=NOV30, direction="out", category="Salaries", amount=D("3505.95"), account="Bank",
                 counterparty="小美", note="绩效 2026-11")]
    write_workbook(en_shop.path(LEDGER), LEDGER, "en", {
        Entry: old, Account: [Account(account="Bank", opening_date=NOV1, opening_balance=D("20000.00"))],
        Category: [Category(category="Salaries", direction="out", group="salaries")],
        StaffMember: [s.model_copy(update={"pay_account": "Bank"} if s.pay_account else {}) for s in STAFF]},
        keep_backup=False)
    r = CliRunner().invoke(app, ["staff", "pay", str(en_shop.folder), "--month", "2026-11", "--book"])
    assert r.exit_code == 0, r.output
    entries = read_workbook(en_shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry)
    assert [(e.counterparty, e.note) for e in entries] == [
        ("小美", "绩效 2026-11"), ("小红", "staff pay 2026-11"), ("小李", "staff pay 2026-11")]
    from shopbook.staff.pay import salary_lines

    people, _ = month_pay(STAFF, LINES, CASES, NOV1, NOV30)
    cats = [Category(category="员工工资", direction="支出", group="工资")]
    lines, _ = salary_lines(people, STAFF, cats, entries, "2026-11", NOV30, "zh")
    assert lines == []  # every one booked, under either note


def test_the_screen_names_each_part_of_the_pay_as_the_report_does(shop):
    """`staff pay` printed '3000.00 + 5.95 + 0.00 + 500.00 - 0.00 = 3505.95': nothing said which
    figure was the base, the commission, the piece pay, the bonus or the deduction. Each part is now
    named as the report's column is, in yuan, and the parts on screen are the report's and add up."""
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11"])
    assert r.exit_code == 0, r.output
    said = {line.split()[0]: line.strip() for line in r.output.splitlines() if "底薪" in line}
    assert said["小美"] == "小美 客服：底薪 ¥3,000.00 + 提成 ¥5.95 + 销冠奖金 ¥500.00 = 合计 ¥3,505.95", r.output
    assert said["小红"] == "小红 客服：底薪 ¥2,800.00 + 提成 ¥4.77 − 投诉扣款 ¥100.00 = 合计 ¥2,704.77", r.output
    assert said["小李"] == "小李 仓库：底薪 ¥2,000.00 + 计件工资 ¥0.80 = 合计 ¥2,000.80", r.output
    wb = openpyxl.load_workbook(shop.reports / "绩效-2026-11.xlsx")
    rows = list(wb["绩效"].iter_rows(values_only=True))
    col = {h: i for i, h in enumerate(rows[0])}
    for row in rows[1:]:
        line = said[row[0]]
        parts = dict(re.findall(r"([^\s：+−=]+) ¥([\d,.]+)", line))
        for head, v in parts.items():  # each figure on screen is the report's, under the same name
            assert D(v.replace(",", "")) == D(str(row[col[head]])).quantize(D("0.01")), (head, line)
        signed = [D(v.replace(",", "")) * (-1 if op == "−" else 1)
                  for op, v in re.findall(r"(^|[+−]) ?[^\s+−=]+ ¥([\d,.]+)", line.split("：", 1)[1].split(" = ")[0])]
        assert sum(signed) == D(parts["合计"].replace(",", "")), line


def test_a_booked_month_whose_pay_changed_since_is_said_at_the_booked_line(shop):
    """Booked on the 30th, then 小美's base was raised (a late complaint, a late order do the same):
    `staff pay --book` proposed nothing and said nothing, the report showed 3605.95 while 流水 kept
    3505.95. Now the difference is said at the booked line (exit 1), and still nothing is booked twice."""
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--book"])
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["绩效"]
    head = [c.value for c in ws[1]]
    ws.cell(2, head.index("底薪") + 1, 3100)  # 小美's row
    wb.save(shop.path(LEDGER))
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--book"])
    assert r.exit_code == 1, r.output
    out = " ".join(r.output.split())
    assert "ledger.xlsx › 流水 › D2" in out and "小美 2026-11 的工资已记账 ¥3,505.95，现在算出来是 ¥3,605.95（差 ¥+100.00）" in out
    entries = read_workbook(shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry)
    assert [(e.counterparty, e.amount) for e in entries] == [
        ("小美", D("3505.95")), ("小红", D("2704.77")), ("小李", D("2000.80"))]
    problems = list(openpyxl.load_workbook(shop.reports / "绩效-2026-11.xlsx")["问题"].iter_rows(values_only=True))
    assert any("¥3,605.95" in (m or "") for _, m in problems[1:])
    # corrected by hand in 流水: nothing more is said
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb["流水"]["D2"] = 3605.95
    wb.save(shop.path(LEDGER))
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--book"])
    assert r.exit_code == 0 and "已记账 ¥" not in r.output, r.output


@pytest.mark.parametrize("closed_sku, sales", [("S", "198.91"), ("T", "337.01")])
def test_a_closed_line_of_an_order_is_no_sale_and_the_rest_of_the_order_still_is(shop, closed_sku, sales):
    """QA: the order's first line decided for the whole order: O1's first line (S 2 × 99.00) 已关闭
    dropped all 257.90 of it, its second line (T 59.90) 已关闭 still paid commission on it. Each line
    now counts by its own 状态; the order is still 小美's and still one parcel 小李 packed."""
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    col = {c.value: c.column for c in ws[1]}
    row = next(r for r in range(2, ws.max_row + 1)
               if ws.cell(r, col["订单编号"]).value == "O1" and ws.cell(r, col["商家编码"]).value == closed_sku)
    ws.cell(row, col["状态"], "已关闭")
    wb.save(shop.path(ORDERS))
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--json"])
    assert r.exit_code == 0, r.output
    people = {p["person"]: p for p in json.loads(r.stdout)["people"]}
    # 396.91 less the closed line: 2 × 99.00 = 198.00 (→ 198.91), or 59.90 (→ 337.01)
    assert people["小美"]["sales"] == sales
    assert people["小美"]["commission"] == str((D(sales) * D("0.015")).quantize(D("0.01")))
    assert people["小红"]["sales"] == "238.58" and (people["小李"]["packed"], people["小李"]["above_quota"]) == (5, 1)


def test_a_person_marked_not_active_is_said_to_be_on_the_sheet_at_the_active_cell(shop):
    """QA: 小红 left (在职 = 否) but had orders in the month: staff pay said she was 'not on the 绩效
    sheet', when she is on it. It now says so at her 在职 cell, that she gets nothing, and what to do
    if she worked part of the month; a name that is not on the sheet is still said as before."""
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["绩效"]
    col = {c.value: c.column for c in ws[1]}
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, col["姓名"]).value == "小红")
    ws.cell(row, col["在职"], "否")
    wb.save(shop.path(LEDGER))
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--json"])
    assert r.exit_code == 0, r.output
    got = json.loads(r.stdout)
    assert "小红" not in {p["person"] for p in got["people"]}
    said = [i for i in got["issues"] if "小红" in i["message_zh"]]
    assert len(said) == 1
    i = said[0]
    cell = f"{openpyxl.utils.get_column_letter(col['在职'])}{row}"
    assert (i["book"], i["sheet"], i["cell"], i["value"]) == ("ledger.xlsx", "绩效", cell, "否")
    assert "不在绩效表上" not in i["message_zh"] and "“小红”在绩效表上，但“在职”填的是“否”" in i["message_zh"]
    assert "not on the Staff pay sheet" not in i["message_en"] and "marked not active" in i["message_en"]
    assert "“在职”改为“是”" in i["message_zh"] and "set active to yes" in i["message_en"]
    assert any("“外包”在订单表的客服/打包员里，但不在绩效表上" in i["message_zh"] for i in got["issues"])
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11"])
    assert f"ledger.xlsx › 绩效 › {cell}" in r.output, r.output


def _type_rows(path, sheet: str, rows: list[dict]) -> None:
    """Rows typed under a sheet's headers, as a person types them in Excel."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    head = [c.value for c in ws[1]]
    for row in rows:
        ws.append([row.get(h) for h in head])
    wb.save(path)


def test_names_typed_in_other_letters_or_with_spaces_are_the_person_s_and_a_stranger_s_complaint_is_said(tmp_path):
    """QA: an English shop's 绩效 sheet has Amy and Ann; the scan file's packer line said `ann`, a case's staff
    `AMY`. Ann's parcels packed as ann counted for nobody (piece pay short, one warning), and a complaint typed
    with AMY, or with a name not on the sheet (Zed), was deducted from nobody without a word. Now a name is the
    person's as codes are compared (letter case, spaces, full-width aside), a stranger's complaint is said at
    its cell, and a salary line whose 对方 was retyped AMY is Amy's: --book books nothing twice."""
    folder = tmp_path / "en-shop"
    init_shop(folder, "en")
    shop = open_shop(folder)
    order = {"receiver": "Li", "phone": "13800000000", "address": "浙江省 杭州市 西湖区 a", "sku": "S", "status": "shipped"}
    _type_rows(shop.path(ORDERS), "Orders", [
        {**order, "order_no": "O1", "qty": 2, "unit_price": 100, "paid_at": dt.datetime(2026, 11, 3, 10), "cs": "amy",
         "packer": "Ann", "shipped_on": dt.datetime(2026, 11, 6)},
        *({**order, "order_no": f"P{i}", "qty": 1, "unit_price": 0, "paid_at": dt.datetime(2026, 10, 30),
           "packer": p, "shipped_on": dt.datetime(2026, 11, 6)} for i, p in enumerate(["ann ", "ANN", "Ａｎｎ"]))])
    case = {"opened_on": dt.datetime(2026, 11, 10), "order_no": "O1", "type": "complaint", "status": "open"}
    _type_rows(shop.path(ORDERS), "After-sales", [{**case, "case_no": "K1", "staff": "AMY"},
                                                  {**case, "case_no": "K2", "staff": "Zed"}])
    _type_rows(shop.path(LEDGER), "Categories", [{"category": "Salaries", "direction": "out", "group": "salaries"}])
    _type_rows(shop.path(LEDGER), "Accounts", [{"account": "Bank", "opening_date": NOV1, "opening_balance": 1000}])
    _type_rows(shop.path(LEDGER), "Staff pay", [
        {"name": "Amy", "role": "customer service", "base": 3000, "commission_rate": "1%", "complaint_deduction": 50,
         "pay_account": "Bank", "active": "yes"},
        {"name": "Ann", "role": "warehouse", "base": 2000, "piece_rate": 1, "daily_quota": 2, "pay_account": "Bank",
         "active": "yes"}])
    r = CliRunner().invoke(app, ["staff", "pay", str(folder), "--month", "2026-11", "--json"])
    assert r.exit_code == 0, r.output
    got = json.loads(r.stdout)
    people = {p["person"]: p for p in got["people"]}
    # by hand: Amy 200.00 × 1 % = 2.00, one complaint (K1) − 50.00 → 2952.00; Ann 4 parcels on 11-06, quota 2 → 2 × 1.00
    assert (people["Amy"]["commission"], people["Amy"]["complaints"], people["Amy"]["total"]) == ("2.00", 1, "2952.00")
    assert (people["Ann"]["packed"], people["Ann"]["above_quota"], people["Ann"]["total"]) == (4, 2, "2002.00")
    [zed] = [i for i in got["issues"] if "Zed" in i["message_en"]]
    assert (zed["book"], zed["sheet"], zed["value"]) == ("orders.xlsx", "After-sales", "Zed")
    assert "K2" in zed["message_en"] and "deducted from nobody" in zed["message_en"] and "K2" in zed["message_zh"]
    assert not any("not on the Staff pay sheet" in i["message_en"] and "ann" in i["message_en"].lower()
                   for i in got["issues"])
    assert CliRunner().invoke(app, ["staff", "pay", str(folder), "--month", "2026-11", "--book"]).exit_code == 0
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["Entries"]
    col = [c.value for c in ws[1]].index("counterparty") + 1
    assert [ws.cell(r, col).value for r in range(2, ws.max_row + 1)] == ["Amy", "Ann"]
    ws.cell(2, col, "AMY")  # finance retypes the name
    wb.save(shop.path(LEDGER))
    r = CliRunner().invoke(app, ["staff", "pay", str(folder), "--month", "2026-11", "--book", "--json"])
    assert json.loads(r.stdout)["ledger_proposed"] == [] and json.loads(r.stdout)["booked_before"] == ["Amy", "Ann"]
    assert len(read_workbook(shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry)) == 2


@pytest.mark.parametrize("typed", [1, "1", "100%"])
def test_a_commission_rate_typed_1_for_1_percent_stops_pay_not_paying_all_the_sales(shop, typed):
    # 提成比例 typed 1 (meaning 1 %, no % sign) read as 100 %: 小美's 396.91 of sales paid again in full
    # as commission, and --book wrote it; 3 is refused for that doubt, 1 was not
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["绩效"]
    head = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "小美")
    ws.cell(row, head.index("提成比例") + 1, typed)
    wb.save(shop.path(LEDGER))
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--book"])
    letter = "ABCDEFGHIJ"[head.index("提成比例")]
    assert r.exit_code == 2 and f"绩效 › {letter}{row}" in r.output and "1%" in r.output, r.output
    assert "Traceback" not in r.output
    assert not any(e.counterparty == "小美" for e in read_workbook(shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry))
    r = CliRunner().invoke(app, ["validate", str(shop.folder)])
    assert f"绩效 › {letter}{row}" in r.output and "提成比例是 100%" in r.output


def test_a_complaint_typed_with_its_staff_blank_is_said_not_deducted_from_nobody_quietly(shop):
    # a complaint typed by hand on order O3 with 客服 left blank was deducted from nobody, without a word
    # (one naming a stranger is said); now said at its 客服 cell with the order's 客服 to fill in
    _type_rows(shop.path(ORDERS), "售后", [{"售后单号": "C9", "登记日期": dt.datetime(2026, 11, 25), "订单编号": "O3",
                                           "类型": "投诉", "原因": "客服态度差", "状态": "处理中"}])
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--json"])
    got = json.loads(r.output)
    [said] = [i for i in got["issues"] if "C9" in i["message_zh"]]
    assert said["sheet"] == "售后" and said["cell"].startswith("P") and "小红" in said["message_zh"]
    assert said["message_en"].startswith("Complaint C9 has no staff")
    assert {p["person"]: p["complaints"] for p in got["people"]}["小红"] == 2  # C1, C2: as before


def test_a_month_with_no_order_paid_or_shipped_says_so_not_a_quiet_month_of_base_pay(shop):
    # --month 2026-08 (no order paid or shipped then: a typo for 2026-11, or a month before the orders
    # were kept here) paid everyone the base alone, proposed to the ledger, without a word
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-08", "--json"])
    got = json.loads(r.output)
    [said] = [i for i in got["issues"] if "2026-08" in i["message_zh"]]
    assert said["sheet"] == "订单" and "--month" in said["message_zh"] and "no order paid or shipped" in said["message_en"]
    assert {p["person"]: p["total"] for p in got["people"]}["小美"] == "3000.00"
    got = json.loads(CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--json"]).output)
    assert not [i for i in got["issues"] if "--month" in i["message_zh"]]


def test_a_person_typed_on_two_rows_of_the_staff_sheet_stops_pay_not_paying_the_base_twice(shop):
    # 小美 added again at the bottom ('小美 ', a trailing space): validate called it a duplicate, but staff
    # pay paid her twice, her commission on one row and a second base of ¥3,000.00 on the other; --book wrote both
    _type_rows(shop.path(LEDGER), "绩效", [{"姓名": "小美 ", "岗位": "客服", "底薪": 3000, "发薪账户": "银行卡"}])
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--book"])
    assert r.exit_code == 2 and "绩效 › A7" in r.output and "重复" in r.output, r.output
    assert not [e for e in read_workbook(shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry) if e.note == "绩效 2026-11"]


@pytest.mark.parametrize("header,typed", [("底薪", "(1800)"), ("计件单价", "-1.00"), ("投诉扣款", "-50"), ("每日定额", -2)])
def test_a_pay_amount_typed_negative_stops_pay_not_paying_a_negative_month(shop, header, typed):
    # 小王's 底薪 typed (1800), accounting style: he was 'paid' ¥-1,799.00, no salary line was proposed
    # and nothing said; validate silent too
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["绩效"]
    head = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "小王")
    ws.cell(row, head.index(header) + 1, typed)
    wb.save(shop.path(LEDGER))
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11"])
    cell = f"{'ABCDEFGHIJ'[head.index(header)]}{row}"
    assert r.exit_code == 2 and f"绩效 › {cell}" in r.output and "不能是负数" in r.output, r.output
    r = CliRunner().invoke(app, ["validate", str(shop.folder)])
    assert f"绩效 › {cell}" in r.output and f"{header}不能是负数" in r.output


def test_orders_that_name_no_cs_or_packer_say_so_not_a_quiet_nought_for_everyone(shop):
    # an orders book without its 客服 column (an older template, a platform export pasted over it): every
    # customer-service person's commission was ¥0.00 and the top-seller bonus nobody's, without a word
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    ws.delete_cols([c.value for c in ws[1]].index("客服") + 1)
    wb.save(shop.path(ORDERS))
    got = json.loads(CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--json"]).output)
    said = [i for i in got["issues"] if "都没有填" in i["message_zh"]]
    assert [(i["sheet"], "“客服”" in i["message_zh"]) for i in said] == [("订单", True)]
    assert "nobody gets commission" in said[0]["message_en"]
    assert all(p["commission"] == "0.00" for p in got["people"])  # (the figures as before)
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    ws.delete_cols([c.value for c in ws[1]].index("打包员") + 1)
    wb.save(shop.path(ORDERS))
    got = json.loads(CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--json"]).output)
    assert len([i for i in got["issues"] if "都没有填" in i["message_zh"]]) == 2


def test_an_order_whose_cs_is_typed_on_its_second_row_only_is_that_person_s_sale(shop):
    # order O20's 客服, 打包员, 付款时间 and 发货日期 typed on its second row alone (the row they looked at): the
    # order's first row spoke for it, so both lines' 150.00 were nobody's sale and 小红's commission short
    base = {"订单编号": "O20", "收货人": "李四", "手机": "13900000000", "收货地址": "浙江省 杭州市 西湖区 b",
            "状态": "已发货"}
    _type_rows(shop.path(ORDERS), "订单", [{**base, "商家编码": "S", "数量": 1, "单价": 100},
                                          {**base, "商家编码": "T", "数量": 1, "单价": 50, "客服": "小红",
                                           "打包员": "小王", "付款时间": dt.datetime(2026, 11, 18, 9),
                                           "发货日期": dt.datetime(2026, 11, 19)}])
    got = json.loads(CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--json"]).output)
    by = {p["person"]: p for p in got["people"]}
    assert (by["小红"]["sales"], by["小红"]["commission"]) == ("388.58", "7.77")  # 238.58 + 150.00; 2 % half up
    assert by["小王"]["packed"] == 5  # O20 is one parcel more of his (4 before)


def test_a_refunded_order_earns_no_commission_and_a_partly_refunded_one_earns_on_what_was_kept(shop):
    """QA: commission counted every order shipped, refunded or not: O3 (小红, 3 × 49.90) returned and
    refunded in full (退货退款 已完成) still paid 小红 2 % of 149.70, and O1's ¥15.00 仅退款 (已完成) still
    paid 小美 on all of 396.91. Now a refund done comes off the sales: 小红 88.88, 小美 381.91; a refund
    refused (已关闭) or still open takes nothing off."""
    _type_rows(shop.path(ORDERS), "售后", [
        {"售后单号": "R1", "登记日期": "2026/11/20", "订单编号": "O3", "类型": "退货退款", "状态": "已完成", "客服": "小红"},
        {"售后单号": "R2", "登记日期": "2026年11月21日", "订单编号": "O1", "商家编码": "S", "类型": "仅退款",
         "退款金额": "¥15.00", "状态": "已完成", "客服": "小美"},
        {"售后单号": "R3", "登记日期": "2026-11-21", "订单编号": "O2", "类型": "仅退款", "退款金额": "129",
         "状态": "已关闭", "客服": "小美"},  # refused: nothing refunded
        {"售后单号": "R4", "登记日期": "2026-11-22", "订单编号": "O7", "类型": "退货退款", "退款金额": "10.01",
         "状态": "等退货", "客服": "小美"}])  # not back yet
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--json"])
    assert r.exit_code == 0, r.output
    people = {p["person"]: p for p in json.loads(r.stdout)["people"]}
    assert (people["小红"]["sales"], people["小红"]["commission"]) == ("88.88", "1.78")  # 1.7776
    assert (people["小美"]["sales"], people["小美"]["commission"]) == ("381.91", "5.73")  # 5.72865
    # the return's parcel received (已收到退货): its refund is due, taken off too
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["售后"]
    head = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, head.index("售后单号") + 1).value == "R4")
    ws.cell(row, head.index("状态") + 1, "已收到退货")
    wb.save(shop.path(ORDERS))
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--json"])
    assert {p["person"]: p for p in json.loads(r.stdout)["people"]}["小美"]["sales"] == "371.90"


def test_one_order_that_names_no_cs_is_said_in_the_singular(en_shop):
    """A month of one order paid and shipped, its 客服 and 打包员 left blank, read 'None of the 1 orders
    paid in 2026-11 has its cs filled in' (and 2026-11 付款的 1 个订单都没有填“客服”)."""
    write_workbook(en_shop.path(ORDERS), ORDERS, "en", {OrderLine: order(
        "O1", None, [("S", 1, "99.00")], t(9), shipped=dt.date(2026, 11, 10))}, keep_backup=False)
    r = CliRunner().invoke(app, ["staff", "pay", str(en_shop.folder), "--month", "2026-11", "--json"])
    said = {i["message_en"].split(":")[0]: i["message_zh"].split("：")[0] for i in json.loads(r.stdout)["issues"]
            if "nobody gets" in i["message_en"]}
    assert said == {"The one order paid in 2026-11 does not have its cs filled in": "2026-11 付款的 1 个订单没有填“客服”",
                    "The one order shipped in 2026-11 does not have its packer filled in":
                        "2026-11 发货的 1 个订单没有填“打包员”"}, said


def test_a_leaver_whose_last_month_is_booked_keeps_it_when_set_not_active_after(shop):
    """QA: 小美 left mid-November. As staff pay says to, her base was set to the part due, the month
    booked (--book), then her 在职 set to 否. Run for November again (to print the month's report), her
    row was gone from 绩效-2026-11.xlsx, the screen said she 'is paid nothing for the month' though the
    ledger paid her, and 小红 became the top seller: her ¥500.00 bonus an error at her booked line. A
    month the ledger holds her pay for is worked out with her, as it was booked."""
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--book", "--json"])
    assert r.exit_code == 0, r.output
    booked = {p["person"]: p["total"] for p in json.loads(r.stdout)["people"]}
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["绩效"]
    col = {c.value: c.column for c in ws[1]}
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, col["姓名"]).value == "小美")
    ws.cell(row, col["在职"], "否")
    wb.save(shop.path(LEDGER))
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--json"])
    assert r.exit_code == 0, r.output
    got = json.loads(r.stdout)
    assert {p["person"]: p["total"] for p in got["people"]} == booked  # 小美 3505.95 and 小红 2704.77 as booked
    assert got["issues"] == [i for i in got["issues"] if "小美" not in i["message_zh"]]
    assert not any(i["severity"] == "error" for i in got["issues"]), got["issues"]
    assert "小美" in got["booked_before"] and got["ledger_proposed"] == []
    report = openpyxl.load_workbook(shop.reports / "绩效-2026-11.xlsx")["绩效"]
    assert "小美" in [row[0] for row in report.iter_rows(min_row=2, values_only=True)]
    # a month not booked for her leaves her out, said at her 在职 cell, as before
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-10", "--json"])
    got = json.loads(r.stdout)
    assert "小美" not in {p["person"] for p in got["people"]}
    assert any("“小美”在绩效表上，但“在职”填的是“否”" in i["message_zh"] for i in got["issues"])


def test_orders_shipped_together_under_one_waybill_are_one_parcel_packed(shop):
    """QA: 小王 packed O10 and O11 (one buyer, 合并发货) in one box under waybill YT1, and O12 under YT2 on
    11-11: three parcels were counted against his quota of 2, one paid as piece pay (¥1.00) that he never
    packed. A parcel is a waybill: two that day, none above the quota; an order without one (O5) is one."""
    from shopbook.staff.workflow import staff_pay

    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    col = {c.value: c.column for c in ws[1]}
    for r in range(2, ws.max_row + 1):
        if (no := ws.cell(r, col["订单编号"]).value) in ("O10", "O11", "O12"):
            ws.cell(r, col["快递单号"], "YT2" if no == "O12" else ("YT1" if no == "O10" else "yt1 "))
    wb.save(shop.path(ORDERS))
    wang = next(p for p in staff_pay(open_shop(shop.folder), "2026-11").payroll.people if p.name == "小王")
    assert (wang.packed, wang.above_quota, wang.piece, wang.total) == (3, 0, D("0.00"), D("1800.00"))
    assert wang.days == [(dt.date(2026, 11, 1), 1, 0), (dt.date(2026, 11, 11), 2, 0)]


def test_a_complaint_typed_twice_is_said_where_it_is_deducted_twice(shop):
    """QA: 小红's complaint C1 on O3 typed again as C6 that day (two of the team logged the buyer's call):
    ¥50.00 deducted twice from her pay with no word, and the desk listed both as cases to call. Each now says
    the repeat at its row (a warning: a buyer may complain twice, as C2 on O3 a week later); a complaint closed
    says nothing."""
    from shopbook.aftersales.workflow import aftersales
    from shopbook.staff.workflow import staff_pay

    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["售后"]
    col = {c.value: c.column for c in ws[1]}
    for no, status in (("C6", "处理中"), ("C7", "已关闭")):
        ws.append([None] * len(col))
        for k, v in (("售后单号", no), ("登记日期", "2026/11/12"), ("订单编号", "O3"), ("类型", "投诉"), ("状态", status),
                     ("客服", "小红 ")):
            ws.cell(ws.max_row, col[k], v)
    wb.save(shop.path(ORDERS))
    s = open_shop(shop.folder)
    pr = staff_pay(s, "2026-11").payroll
    said = [i for i in pr.issues if "重复登记" in i.message_zh]
    assert [(i.row, i.field) for i in said] == [(7, "order_no")], pr.issues
    assert "投诉 C6 与第 2 行的投诉 C1 是同一天登记的同一订单 O3、同一客服 小红：是否重复登记？两个投诉都会扣绩效" in said[0].message_zh
    assert next(p for p in pr.people if p.name == "小红").deductions == D("150.00")  # C1, C2, C6: as typed
    desk = [i for i in aftersales(s, dt.date(2026, 11, 14)).issues if "重复登记" in i.message_zh]
    assert [i.row for i in desk] == [7]


def test_a_refund_only_marked_done_without_its_amount_is_said_not_paid_on_quietly(shop):
    """QA: a 仅退款 on 小美's O2 agreed on the platform and marked 已完成 with 退款金额 left blank (the desk asks
    for it while the case is open; once done it asked nothing): her commission counted O2's ¥129.00 in full
    without a word. Pay now says it at the blank cell; a refund with its amount takes it off, as before."""
    from shopbook.staff.workflow import staff_pay

    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["售后"]
    col = {c.value: c.column for c in ws[1]}
    ws.append([None] * len(col))
    for k, v in (("售后单号", "TK-9"), ("登记日期", "2026-11-15"), ("订单编号", "O2"), ("类型", "仅退款"), ("状态", "已完成"),
                 ("客服", "小美")):
        ws.cell(ws.max_row, col[k], v)
    wb.save(shop.path(ORDERS))
    pr = staff_pay(open_shop(shop.folder), "2026-11").payroll
    (said,) = [i for i in pr.issues if i.field == "amount"]
    assert (said.row, said.cell, said.severity) == (7, f"{'ABCDEFGHIJKLMNOPQR'[col['退款金额'] - 1]}7", "warning")
    assert said.message_zh.startswith("仅退款 TK-9（订单 O2）已完成，却没有填退款金额：小美 的提成没有减去这笔退款")
    assert next(p for p in pr.people if p.name == "小美").sales == D("396.91")
