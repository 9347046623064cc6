"""Customers from the orders of every platform: new vs returning, repeat rate, spend, VIPs."""

import datetime as dt
from decimal import Decimal as D

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.customers import customers_report, shop_customers
from shopbook.schema import ORDERS, OrderLine
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook


def line(no, day, buyer, price, qty=1, platform="淘宝", status=None, fee=None, phone="13800000001", sku="S1", hour=10):
    return OrderLine(order_no=no, platform=platform, buyer=buyer, receiver=buyer or "收货人", phone=phone,
                     address="浙江省 杭州市 西湖区 文三路 1 号", sku=sku, qty=qty, unit_price=D(price), shipping_fee=fee,
                     paid_at=dt.datetime(2026, 10 if day < 0 else 11, abs(day), hour), status=status)


LINES = [
    line("T1", -20, "alice", "300.00"),  # alice first bought in October
    line("T2", 3, "alice", "250.00", qty=2),  # 500: returning in November
    line("T2", 3, "alice", "100.00", sku="S2"),  # the same order's second line
    line("T3", 3, "bob", "99.00", fee=D("6.00")),  # new on the 3rd
    line("T4", 5, "bob", "99.00"),  # bob again: a repeat within November
    line("P1", 5, "alice", "50.00", platform="拼多多"),  # another platform's alice: another customer
    line("T5", 6, "carol", "999.00", status="已关闭"),  # closed: no order
    line("T6", 6, None, "120.00", phone="13900000009"),  # no buyer account: known by the phone
    line("T7", 7, None, "80.00", phone="13900000009"),
]


def test_new_returning_repeat_spend_and_vip():
    rep = customers_report(LINES, D("1000"), dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    by = {(c.platform, c.name): c for c in rep.customers}
    alice = by[("淘宝", "alice")]
    assert (alice.orders, alice.spend, alice.units, alice.first) == (2, D("900.00"), 4, dt.date(2026, 10, 20))
    assert by[("拼多多", "alice")].orders == 1  # not the Taobao alice
    assert by[("淘宝", "bob")].spend == D("204.00")  # 99 + 6 shipping + 99
    assert by[("淘宝", "收货人")].orders == 2  # the same phone twice
    assert ("淘宝", "carol") not in by  # a closed order makes no customer
    assert [c.name for c in rep.vip] == [] and len(rep.customers) == 4
    (nov,) = rep.months
    assert (nov.buyers, nov.new, nov.returning, nov.repeat, nov.orders) == (4, 3, 1, 2, 6)
    assert nov.repeat_rate == D("0.5") and nov.sales == D("1054.00")  # 600 + 105 + 99 + 50 + 120 + 80
    d3 = next(d for d in rep.days if d.label == "2026-11-03")
    assert (d3.buyers, d3.new, d3.returning) == (2, 1, 1)  # bob new, alice back
    d5 = next(d for d in rep.days if d.label == "2026-11-05")
    assert (d5.buyers, d5.new, d5.returning) == (2, 1, 1)  # bob is returning on the 5th; PDD alice new
    assert rep.repeat_customers == 3 and rep.repeat_rate == D("0.75")  # alice, bob, the phone
    vip = customers_report(LINES, D("500"))
    assert [(c.name, c.spend) for c in vip.vip] == [("alice", D("900.00"))]
    assert [m.label for m in vip.months] == ["2026-10", "2026-11"]


def test_without_a_platform_column_all_orders_are_one_platform():
    lines = [ln.model_copy(update={"platform": None}) for ln in LINES]
    rep = customers_report(lines, D("1000"))
    assert len(rep.customers) == 3  # the two alices are one


@pytest.fixture
def shop(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: LINES}, keep_backup=False)
    (folder / "shopbook.toml").write_text('[customers]\nvip_spend = 500\n', encoding="utf-8")
    return folder


def test_the_command_and_its_report(shop):
    rep, path = shop_customers(open_shop(shop), "2026-11")
    assert [c.name for c in rep.vip] == ["alice"]  # the threshold from shopbook.toml
    wb = openpyxl.load_workbook(path)
    assert path.name == "客户-2026-11.xlsx" and wb.sheetnames[:2] == ["按月", "按天"]
    months = list(wb["按月"].values)
    assert months[0][:4] == ("期间", "买家数", "新客", "老客") and months[1][:4] == ("2026-11", 4, 3, 1)
    r = CliRunner().invoke(app, ["customers", str(shop), "--month", "2026-11", "--top", "2"])
    assert r.exit_code == 0, r.output
    assert "alice" in r.output and "还有 2 位客户：完整名单在 客户" in r.output and "的“客户”表" in r.output
    r = CliRunner().invoke(app, ["customers", str(shop), "--month", "2026-13"])
    assert r.exit_code == 2 and "没有 13 月" in r.output and "no month 13" not in r.output  # not "the format is wrong"; the shop's language


def _reference(lines, vip_spend, first=None, last=None):
    """The report computed the plain way (orders first, then customers, then periods): the fast
    one-pass customers_report must agree with it figure for figure."""
    from collections import Counter

    from shopbook.customers import account, customer_key, platform_of
    from shopbook.money.ledger import as_sent
    from shopbook.schema import OrderStatus

    orders = {}
    for ln in as_sent(lines):  # a blank 状态 is its order's, as the ledger reads it
        if ln.paid_at is None or ln.status in (OrderStatus.CLOSED, OrderStatus.CANCELLED):
            continue
        key = (platform_of(ln), ln.order_no)
        if key not in orders:
            orders[key] = {"who": customer_key(ln), "date": ln.paid_at.date(), "value": D(0), "fee": None,
                           "units": 0, "name": account(ln.buyer) or ln.receiver or "", "phone": ln.phone or "",
                           "platform": platform_of(ln)}
        o = orders[key]
        if o["fee"] is None and ln.shipping_fee is not None:  # 运费 once, from the first row giving it
            o["fee"] = ln.shipping_fee
            o["value"] += ln.shipping_fee
        o["units"] += ln.qty
        if ln.unit_price is not None:
            o["value"] += ln.unit_price * ln.qty
    people = {}
    for o in orders.values():
        c = people.setdefault(o["who"], {"platform": o["platform"], "name": o["name"], "phone": o["phone"],
                                         "dates": [], "spend": D(0), "units": 0})
        c["dates"].append(o["date"])
        c.setdefault("values", []).append((o["date"], o["value"]))
        c["spend"] += o["value"]
        c["units"] += o["units"]
    lo, hi = first or dt.date.min, last or dt.date.max
    inside = [o for o in orders.values() if lo <= o["date"] <= hi]

    def period(label, dates):
        mine = [o for o in inside if o["date"] in dates]
        per = Counter(o["who"] for o in mine)
        new = sum(1 for c in people.values() if min(c["dates"]) in dates)
        return {"period": label, "buyers": len(per), "new": new, "returning": len(per) - new,
                "repeat": sum(1 for n in per.values() if n >= 2), "orders": len(mine),
                "sales": str(sum((o["value"] for o in mine), D(0)))}

    days = sorted({o["date"] for o in inside})
    months = sorted({f"{d:%Y-%m}" for d in days})
    everyone = sorted(people.values(), key=lambda c: c["spend"], reverse=True)

    def cust(c):
        return {"platform": c["platform"], "name": c["name"], "phone": c["phone"], "first": min(c["dates"]).isoformat(),
                "last": max(c["dates"]).isoformat(), "orders": len(c["dates"]), "spend": str(c["spend"]),
                "units": c["units"]}

    def since(c, at):  # the day their orders, by day, first add up to the threshold
        total = D(0)
        for day, value in sorted(c["values"], key=lambda dv: dv[0]):
            total += value
            if total >= at:
                return day.isoformat()

    return {"days": [period(d.isoformat(), {d}) for d in days],
            "months": [period(m, {d for d in days if f"{d:%Y-%m}" == m}) for m in months],
            "top": [cust(c) for c in everyone],
            "vip": [cust(c) | {"vip_since": since(c, vip_spend)} for c in everyone if c["spend"] >= vip_spend],
            "repeat_customers": sum(1 for c in everyone if len(c["dates"]) >= 2)}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_one_pass_report_agrees_with_the_plain_computation(seed):
    import random

    rnd = random.Random(seed)
    buyers = ["alice", "bob", "carol", None, "***", "dave", "erin"]
    statuses = [None, None, None, "已关闭", "已取消", "已发货"]
    lines = []
    for n in range(400):
        no, day = f"N{rnd.randrange(150)}", rnd.choice([-25, -3, 1, 2, 2, 9, 15, 28])
        lines.append(line(no, day, rnd.choice(buyers), f"{rnd.randrange(1, 500)}.{rnd.randrange(100):02d}",
                          qty=rnd.choice([1, 1, 2, 3]), platform=rnd.choice(["淘宝", "拼多多", "抖店", None]),
                          status=rnd.choice(statuses), fee=rnd.choice([None, D("6.00"), D("0.00")]),
                          phone=rnd.choice(["13800000001", "13900000009", "138****0001", "13700000002"]), hour=rnd.randrange(24)))
        if rnd.random() < 0.1:
            lines[-1] = lines[-1].model_copy(update={"unit_price": None})
    rnd.shuffle(lines)  # an order's lines far apart too
    for first, last in ((None, None), (dt.date(2026, 11, 1), dt.date(2026, 11, 30)), (dt.date(2026, 11, 2), dt.date(2026, 11, 2))):
        got = customers_report(lines, D("800"), first, last).to_json()
        want = _reference(lines, D("800"), first, last)
        got_days = [{k: v for k, v in p.items() if k in want["days"][0]} for p in got["days"]] if want["days"] else got["days"]
        assert got_days == want["days"]
        assert [{k: v for k, v in p.items() if k in want["months"][0]} for p in got["months"]] == want["months"]
        assert got["top"] == want["top"] and got["vip"] == want["vip"]
        assert got["repeat_customers"] == want["repeat_customers"]


def test_the_monthly_review_counts_spend_up_to_the_months_end_not_today(tmp_path):
    """October's review made on 30 November: alice's November order (an hour after October ended)
    is not October's. Her 600.00 of October does not reach the 1,000.00 threshold; dan's 1,000.00 on
    the last evening does. November's review counts both of alice's orders."""
    from shopbook.report.monthly import make_review

    def at(no, buyer, price, when):
        return line(no, 1, buyer, price).model_copy(update={"paid_at": when})

    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        at("T1", "alice", "600.00", dt.datetime(2026, 10, 12, 9)),
        at("T2", "dan", "1000.00", dt.datetime(2026, 10, 31, 23, 30)),  # the period's last evening: in
        at("T3", "alice", "600.00", dt.datetime(2026, 11, 1, 0, 30)),  # just after the period: out
        at("T4", "erin", "1500.00", dt.datetime(2026, 11, 29, 15))]}, keep_backup=False)  # a customer only since
    (folder / "shopbook.toml").write_text('[customers]\nvip_spend = 1000\n', encoding="utf-8")
    shop = open_shop(folder)
    rev, path, _ = make_review(shop, "monthly", "2026-10")
    c = rev.customers
    assert [(v.name, v.spend) for v in c.vip] == [("dan", D("1000.00"))]
    assert sorted((v.name, v.spend, v.orders, v.last) for v in c.customers) == [
        ("alice", D("600.00"), 1, dt.date(2026, 10, 12)), ("dan", D("1000.00"), 1, dt.date(2026, 10, 31))]
    top = rev.to_json()["customers"]["top"]
    assert [(t["name"], t["spend"]) for t in top] == [("dan", "1000.00"), ("alice", "600.00")]
    rows = [r[:2] for r in openpyxl.load_workbook(path)["客户与推广"].values]  # the workbook as written
    # (the threshold as `shopbook customers` says it, ≥ ¥1,000: the review said ¥1000)
    assert ("VIP（累计消费 ≥ ¥1,000）", 1) in rows and ("  dan 淘宝", 1000) in rows
    assert not any(str(r[0]).strip().startswith(("alice", "erin")) for r in rows)
    rev, path, _ = make_review(shop, "monthly", "2026-11")
    assert [(v.name, v.spend) for v in rev.customers.vip] == [("erin", D("1500.00")), ("alice", D("1200.00")),
                                                              ("dan", D("1000.00"))]

    # `shopbook customers --month 2026-10`, where the review's VIP sheet sends a person for the
    # whole list, counts them as the review does: as they stood at October's end
    from shopbook.customers import shop_customers

    rep, path = shop_customers(shop, "2026-10")
    assert [(v.name, v.spend) for v in rep.vip] == [("dan", D("1000.00"))]
    assert sorted(v.name for v in rep.customers) == ["alice", "dan"] and path.exists()
    rep, _ = shop_customers(shop)  # without --month: every order to date
    assert [v.name for v in rep.vip] == ["erin", "alice", "dan"]


def test_an_english_shop_names_the_platforms_in_english_in_its_workbooks(tmp_path):
    """The customers report and the monthly review's VIP list of an English shop wrote 淘宝 and 拼多多
    beside each customer (the screen said taobao): every word a person reads is in the shop's language."""
    from shopbook.report.monthly import make_review

    folder = tmp_path / "shop"
    init_shop(folder, lang="en")
    write_workbook(folder / "orders.xlsx", ORDERS, "en", {OrderLine: LINES}, keep_backup=False)
    cfg = (folder / "shopbook.toml").read_text(encoding="utf-8").replace("vip_spend = 1000", "vip_spend = 10")
    (folder / "shopbook.toml").write_text(cfg, encoding="utf-8")
    shop = open_shop(folder)
    _, path = shop_customers(shop, "2026-11")
    wb = openpyxl.load_workbook(path)
    for sheet in (wb["Customers"], wb[wb.sheetnames[2]]):  # and the VIP sheet
        platforms = {r[0] for r in list(sheet.values)[1:]}
        assert platforms == {"taobao", "pinduoduo"}, platforms
    _, path, _ = make_review(shop, "monthly", "2026-11")
    rows = [r[0] for r in openpyxl.load_workbook(path)["Customers and ads"].values if r and r[0]]
    vips = [r for r in rows if isinstance(r, str) and r.startswith("  ")]
    assert "  alice taobao" in vips and "  alice pinduoduo" in vips
    assert not any("淘宝" in r or "拼多多" in r for r in vips), vips


def sealed_shop(tmp_path):
    """LINES and three 拼多多 orders of ¥600 whose buyer the platform sealed (receiver, phone and
    address; no buyer account), as its current export has them."""
    folder = tmp_path / "shop"
    init_shop(folder)
    sealed = [OrderLine(order_no=f"261203-00{k}", platform="拼多多", receiver="(平台加密)", phone="(平台加密)",
                        address="(平台加密)", sku="S1", qty=1, unit_price=D("600.00"),
                        paid_at=dt.datetime(2026, 11, 3 + k, 10)) for k in range(3)]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: LINES + sealed}, keep_backup=False)
    return folder


def test_buyers_the_platform_seals_are_a_customer_each_not_one_vip(tmp_path):
    """拼多多's current export seals the receiver, phone and address and names no buyer account:
    three such orders of ¥600 were one customer of ¥1,800, a VIP who came back twice. Each is now a
    customer of its own, and the command says how many there are and what that means."""
    folder = sealed_shop(tmp_path)
    (folder / "shopbook.toml").write_text('[customers]\nvip_spend = 1000\n', encoding="utf-8")
    rep, _ = shop_customers(open_shop(folder), "2026-11")
    pdd = [c for c in rep.customers if c.platform == "拼多多" and c.name == "(平台加密)"]
    assert [(c.orders, c.spend) for c in pdd] == [(1, D("600.00"))] * 3 and rep.unknown == 3
    assert not rep.vip  # alice's 850 is under 1,000 too
    assert rep.month("2026-11").repeat == 2  # bob and the buyer known by the phone, as without them
    r = CliRunner().invoke(app, ["customers", str(folder), "--month", "2026-11"])
    assert r.exit_code == 0, r.output
    assert "3个订单的买家信息由平台加密" in "".join(r.output.split())


def test_sealed_buyers_are_said_in_the_report_and_the_review_as_on_screen(tmp_path):
    """The note that sealed buyers count as a new customer each (repeat buyers and VIPs may be
    undercounted) was said on screen only: the 客户 report's 按月 sheet, the monthly review's
    客户与推广 sheet and its e-mail showed the figures without it."""
    import email
    from email import policy

    folder = sealed_shop(tmp_path)
    words = "3 个订单的买家信息由平台加密，认不出是谁：每单算作一位新客户（复购和 VIP 可能少算）"
    r = CliRunner().invoke(app, ["customers", str(folder), "--month", "2026-11"])
    assert r.exit_code == 0, r.output
    (report,) = (folder / "reports").glob("客户-*.xlsx")
    cells = [c for row in openpyxl.load_workbook(report)["按月"].iter_rows(values_only=True) for c in row if c]
    assert f"注：{words}" in cells, cells
    r = CliRunner().invoke(app, ["email", str(folder), "--report", "monthly", "--period", "2026-11"])
    assert r.exit_code == 0, r.output
    review = openpyxl.load_workbook(folder / "reports" / "月报-2026-11.xlsx")["客户与推广"]
    assert words in [row[0] for row in review.iter_rows(values_only=True)]
    (eml,) = (folder / "outbox").glob("*.eml")
    text = email.message_from_bytes(eml.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    assert f"客户统计：{words}" in text, text


def test_a_buyer_without_an_account_whose_phone_is_typed_with_spaces_or_86_is_one_customer(tmp_path):
    """Orders typed by hand (微信 buyers: no 买家 account) are known by the phone; the same phone typed
    138 0000 0001, 138-0000-0001 and +86 13800000001 made three new customers instead of one repeat buyer."""
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: []}, keep_backup=False)
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    for no, day, phone in (("M1", 3, "13800000001"), ("M2", 10, "138 0000 0001"), ("M3", 20, "+86 138-0000-0001"),
                           ("M4", 21, "13900000009")):
        row = {"订单编号": no, "来源": "手工", "付款时间": dt.datetime(2026, 11, day, 10), "收货人": "王芳", "手机": phone,
               "收货地址": "浙江省 杭州市 西湖区 文三路 1 号", "商家编码": "S1", "数量": 1, "单价": 100, "状态": "已签收"}
        ws.append([row.get(h) for h in head])
    wb.save(folder / "orders.xlsx")
    r = CliRunner().invoke(app, ["customers", str(folder), "--month", "2026-11", "--json"])
    assert r.exit_code == 0, r.output
    import json

    got = json.loads(r.output)
    assert got["customers"] == 2 and got["repeat_customers"] == 1
    assert [(c["orders"], c["spend"]) for c in got["top"]] == [(3, "300.00"), (1, "100.00")]
    assert got["top"][0]["phone"] == "13800000001"  # as the first order typed it


def test_a_month_with_no_customer_s_order_says_so_without_a_tick(shop):
    """--month 2026-06 (before the first order): the screen said 'customers 0' and ✓ beside an empty
    report; a month of orders still gets its ✓."""
    r = CliRunner().invoke(app, ["customers", str(shop), "--month", "2026-06"])
    assert r.exit_code == 0, r.output
    assert "2026-06 没有客户的订单" in r.output and "✓" not in r.output and "– " in r.output
    r = CliRunner().invoke(app, ["customers", str(shop), "--month", "2026-11"])
    assert "✓" in r.output and "没有客户的订单" not in r.output


def test_a_buyer_who_typed_two_phones_in_one_cell_is_one_customer_by_either(tmp_path):
    """QA: a 微信 buyer's orders typed by hand, the 手机 cell holding both numbers on one
    ("13800138000/13900139000", "13900139000，13800138000"): each cell was a customer of its own and
    each number alone another, four new customers of one order each. Now the orders under either
    number are one customer's, and a stranger's number stays a customer of its own."""
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: []}, keep_backup=False)
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    for no, day, phone in (("M1", 3, "13800138000"), ("M2", 10, "13800138000/13900139000"),
                           ("M3", 12, "13900139000，13800138000"), ("M4", 20, "139 0013 9000"),
                           ("M5", 21, "13700137000")):
        row = {"订单编号": no, "来源": "手工", "付款时间": dt.datetime(2026, 11, day, 10), "收货人": "王芳", "手机": phone,
               "收货地址": "浙江省 杭州市 西湖区 文三路 1 号", "商家编码": "S1", "数量": 1, "单价": 100, "状态": "已签收"}
        ws.append([row.get(h) for h in head])
    wb.save(folder / "orders.xlsx")
    r = CliRunner().invoke(app, ["customers", str(folder), "--month", "2026-11", "--json"])
    assert r.exit_code == 0, r.output
    import json

    got = json.loads(r.output)
    assert got["customers"] == 2 and got["repeat_customers"] == 1
    assert [(c["orders"], c["spend"], c["phone"]) for c in got["top"]] == [
        (4, "400.00", "13800138000"), (1, "100.00", "13700137000")]


def test_a_customer_s_spend_is_less_what_was_refunded_and_no_vip_by_goods_sent_back(shop):
    """QA: alice's ¥900.00 (VIP at 500) counted the ¥500.00 of shirts she sent back (退货退款 已完成 on T2's
    S1 line, 2 × 250.00), and bob's ¥204.00 the ¥20.00 refunded to him: spend, VIP and the top list were of
    goods returned. Now spend is less the refunds done: alice ¥400.00 (no VIP), bob ¥184.00; a refund
    refused (已关闭) or still open takes nothing off, and the orders still count as placed."""
    from shopbook.schema import AfterSalesCase

    wb = openpyxl.load_workbook(shop / "orders.xlsx")
    ws = wb["售后"]
    cols = [c.value for c in ws[1]]
    head = ["售后单号", "登记日期", "订单编号", "商家编码", "数量", "类型", "退款金额", "状态"]
    for row in (("TH-1", "2026/11/10", "T2", "S1", None, "退货退款", None, "已完成"),
                ("TK-1", "2026年11月8日", "T3", None, None, "仅退款", "¥20.00", "已完成"),
                ("TK-2", "2026-11-08", "T4", None, None, "仅退款", "99", "已关闭"),
                ("TK-3", "2026-11-09", "T4", None, None, "仅退款", "50", "处理中")):
        typed = dict(zip(head, row))
        ws.append([typed.get(h) for h in cols])
    wb.save(shop / "orders.xlsx")
    assert AfterSalesCase.zh == "售后"
    rep, _ = shop_customers(open_shop(shop), "2026-11")
    by = {(c.platform, c.name): c for c in rep.customers}
    assert (by[("淘宝", "alice")].spend, by[("淘宝", "alice")].orders) == (D("400.00"), 2)
    assert by[("淘宝", "bob")].spend == D("184.00")  # 99 + 6 + 99 − 20
    assert [c.name for c in rep.vip] == []
    r = CliRunner().invoke(app, ["customers", str(shop), "--month", "2026-11", "--json"])
    assert r.exit_code == 0, r.output
    import json

    top = {c["name"]: c["spend"] for c in json.loads(r.output)["top"] if c["platform"] == "淘宝"}
    assert (top["alice"], top["bob"]) == ("400.00", "184.00")


def test_one_sealed_buyer_is_said_in_the_singular_in_an_english_shop(tmp_path, wide_console):
    """An English shop with one 拼多多 order whose buyer the platform sealed read '1 orders' buyers are
    sealed … each counts as a new customer' on screen and in the report's note."""
    folder = tmp_path / "shop"
    init_shop(folder, "en")
    sealed = OrderLine(order_no="261203-001", platform="拼多多", receiver="(encrypted by the platform)",
                       phone="(encrypted by the platform)", address="(encrypted by the platform)", sku="S1", qty=1,
                       unit_price=D("600.00"), paid_at=dt.datetime(2026, 11, 3, 10))
    write_workbook(folder / "orders.xlsx", ORDERS, "en", {OrderLine: LINES + [sealed]}, keep_backup=False)
    r = CliRunner().invoke(app, ["customers", str(folder), "--month", "2026-11"])
    assert r.exit_code == 0, r.output
    words = ("1 order's buyer is sealed by the platform and cannot be told apart: it counts as a new customer "
             "(repeat buyers and VIPs may be undercounted)")
    assert words in " ".join(r.output.split()), r.output
    (report,) = (folder / "reports").glob("customers-*.xlsx")
    cells = [c for row in openpyxl.load_workbook(report)["Months"].iter_rows(values_only=True) for c in row if c]
    assert f"Note: {words}" in cells, cells


def test_one_customer_left_off_the_list_is_said_in_the_singular(tmp_path, wide_console):
    """`customers --top 3` of an English shop's four customers ended with '… and 1 more customers (see
    the report)'."""
    folder = tmp_path / "shop"
    init_shop(folder, "en")
    write_workbook(folder / "orders.xlsx", ORDERS, "en", {OrderLine: LINES}, keep_backup=False)
    r = CliRunner().invoke(app, ["customers", str(folder), "--top", "3"])
    assert r.exit_code == 0, r.output
    assert "  … and 1 more customer: the whole list is on sheet Customers of " in r.output, r.output
    r = CliRunner().invoke(app, ["customers", str(folder), "--top", "2"])
    assert "  … and 2 more customers: the whole list is on sheet Customers of " in r.output, r.output


def test_privacy_numbers_and_masked_receivers_as_the_platforms_export_them(tmp_path):
    """QA: 抖店 gives each order a privacy number (17012345678-1234, 17099998888转5678): 王芳 ordering twice at
    one address was two new customers, and two strangers masked alike (张** at 粤海街道 ****) one customer
    who came back, with a ✓ and no word. A privacy number is no one's: 王芳 is one customer by her name and
    address; a masked receiver is a customer of each order (as the review never merges them), said.
    The rows as `orders import` writes them from a 抖店 export."""
    folder = tmp_path / "shop"
    init_shop(folder)
    where = "广东省 深圳市 南山区 粤海街道 "
    rows = [OrderLine(order_no=f"693000000000000400{k}", platform="抖店", receiver=who, phone=phone, address=where + at,
                      sku="S1", qty=1, unit_price=D("99.00"), paid_at=dt.datetime(2026, 11, 21, 11), status="待审核")
            for k, who, phone, at in ((1, "王芳", "17012345678-1234", "科技园路1号"), (2, "王芳", "17099998888转5678", "科技园路1号"),
                                      (3, "张**", "138****8000", "****"), (4, "张**", "139****1234", "****"))]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: rows}, keep_backup=False)
    r = CliRunner().invoke(app, ["customers", str(folder)])
    assert r.exit_code == 0, r.output
    said = "".join(r.output.split())
    assert "客户3·复购1" in said and "王芳抖店2单¥198.00" in said, r.output
    assert "2个订单的收货人被平台打了码（名字或地址里有*），认不出是不是同一位买家：每单算作一位新客户" in said, r.output
    rep = customers_report(rows, D(1000))
    assert sorted((c.name, c.orders) for c in rep.customers) == [("张**", 1), ("张**", 1), ("王芳", 2)]
    assert rep.masked == 2 and rep.unknown == 0
    assert rep.masked_said(False).startswith("2 orders' receivers are masked by the platform")


def test_buyers_whose_account_the_platform_masks_are_never_one_vip():
    """QA: 淘宝's export of late masks the 买家会员名 (t**u): two strangers masked alike were one customer
    who came back, a VIP of ¥1,200.00 (at 1000) nobody is. A masked account is no account: the order is
    known by its phone or receiver where those are given, else a customer of its own, said."""
    where = "浙江省 杭州市 西湖区 文三路 1 号"
    rows = [OrderLine(order_no=no, platform="淘宝", buyer=buyer, receiver=who, phone=phone, address=where, sku="S1",
                      qty=1, unit_price=D(price), paid_at=dt.datetime(2026, 12, day, 10))
            for no, day, buyer, who, phone, price in (
                ("T3", 1, "t**u", "李**", "138****5678", "300.00"), ("T4", 2, "t**u", "王**", "139****0000", "900.00"),
                ("T5", 2, "小**", "周敏", "13700000001", "600.00"), ("T6", 3, "小**", "周敏", "13700000001", "500.00"))]
    rep = customers_report(rows, D(1000))
    assert sorted((c.name, c.orders, c.spend) for c in rep.customers) == [
        ("周敏", 2, D("1100.00")), ("李**", 1, D("300.00")), ("王**", 1, D("900.00"))]  # 周敏 by her phone
    assert [(c.name, c.phone) for c in rep.vip] == [("周敏", "13700000001")] and rep.repeat_customers == 1 and rep.masked == 2


def test_an_order_refunded_in_full_is_no_purchase_nor_a_step_to_vip(tmp_path):
    """QA: bob's second order came back whole and 淘宝 closed it after it shipped (平台状态 交易关闭（已发货）
    as orders import writes it), and carol sent all of her ¥800.00 order back (退货退款 已完成 on 售后): bob was
    a repeat buyer and a VIP of ¥1,100.00 at 1000, carol a repeat buyer. An order refunded in full is no
    purchase, as a cancelled one is: each one order, bob ¥600.00, no VIP, nobody repeat."""
    from shopbook.schema import AfterSalesCase

    folder = tmp_path / "shop"
    init_shop(folder)
    rows = [line("B1", 3, "bob", "600.00", status="已签收"), line("C1", 3, "carol", "300.00", status="已签收"),
            line("B2", 10, "bob", "500.00", status="已签收").model_copy(
                update={"platform_status": "交易关闭（已发货）：买家退货退款"}),
            line("C2", 10, "carol", "800.00", qty=2, sku="S2", status="已签收").model_copy(
                update={"unit_price": D("400.00")}),
            line("E1", 12, "erin", "80.00", status="已签收").model_copy(  # one line of two closed: no full refund
                update={"platform_status": "交易关闭（已发货）：买家退货退款"}),
            line("E1", 12, "erin", "20.00", sku="S2", status="已签收")]
    case = AfterSalesCase(case_no="SH-1", opened_on=dt.date(2026, 11, 20), order_no="C2", type="退货退款",
                          amount=D("800.00"), status="已完成")
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: rows, AfterSalesCase: [case]}, keep_backup=False)
    (folder / "shopbook.toml").write_text("[customers]\nvip_spend = 1000\n", encoding="utf-8")
    rep, _ = shop_customers(open_shop(folder), "2026-11")
    assert sorted((c.name, c.orders, c.spend) for c in rep.customers) == [
        ("bob", 1, D("600.00")), ("carol", 1, D("300.00")), ("erin", 1, D("100.00"))]
    assert rep.vip == [] and rep.repeat_customers == 0
    (nov,) = rep.months
    assert (nov.buyers, nov.repeat, nov.orders, nov.sales) == (3, 0, 3, D("1000.00"))


def test_the_vip_list_says_since_when_each_is_a_vip(shop):
    """QA: the VIP sheet said who and how much, not since when: before 双12 the shop could not tell this
    month's new VIPs (to set their VIP price) from last year's. Each VIP's row says the day the order that
    took their spend to the threshold was paid: alice's ¥300.00 in October, ¥600.00 on 11-03 (VIP at 500)."""
    rep, path = shop_customers(open_shop(shop), "2026-11")
    rows = list(openpyxl.load_workbook(path)["VIP（消费≥500）"].values)
    assert rows[0][:5] == ("平台", "客户", "手机", "首单", "成为VIP")
    assert [r[1:5] for r in rows[1:]] == [("alice", "13800000001", dt.datetime(2026, 10, 20), dt.datetime(2026, 11, 3))]
    assert rep.to_json()["vip"][0]["vip_since"] == "2026-11-03"


def test_the_sealed_and_masked_orders_said_under_a_month_say_how_many_are_that_month_s(tmp_path):
    """QA: `customers --month 2026-12` of a year of 拼多多 orders said '3 个订单的买家信息由平台加密…每单算作一位
    新客户' under December's 新客 1: the 3 were the year's, 1 of them December's, and the owner counting this
    month's new buyers could not tell how many of them are guesses. Now said as the agents' orders are: of
    them, how many in the period (`--json`: sealed_orders_in_period, masked_orders_in_period)."""
    folder = tmp_path / "shop"
    init_shop(folder, "en")
    sealed = "(encrypted by the platform)"
    rows = [OrderLine(order_no=f"P{k}", platform="拼多多", receiver=sealed, phone=sealed, address=sealed, sku="S1", qty=1,
                      unit_price=D("50.00"), paid_at=dt.datetime(2026, month, 3, 10)) for k, month in ((1, 10), (2, 10), (3, 12))]
    rows.append(OrderLine(order_no="D1", platform="抖店", receiver="赵*", phone="170****5678-1234", address="广东省 深圳市 ****",
                          sku="S1", qty=1, unit_price=D("50.00"), paid_at=dt.datetime(2026, 10, 3, 10)))
    write_workbook(folder / "orders.xlsx", ORDERS, "en", {OrderLine: rows}, keep_backup=False)
    rep, path = shop_customers(open_shop(folder), "2026-12")
    assert rep.notes(True)[0].startswith("3 个订单（其中期内 1 单）的买家信息由平台加密")
    said = [c for row in openpyxl.load_workbook(path)["Months"].iter_rows(values_only=True) for c in row if c]
    assert "Note: 3 orders' buyers (1 in the period) are sealed by the platform" in " ".join(map(str, said)), said
    assert "1 order's receiver (0 in the period) is masked" in rep.notes(False)[1]
    got = rep.to_json()
    assert (got["sealed_orders"], got["sealed_orders_in_period"], got["masked_orders_in_period"]) == (3, 1, 0)
    assert customers_report(rows, D(1000)).notes(False)[0].startswith("3 orders' buyers are sealed")  # all: no part


def test_one_phone_of_a_family_is_one_customer_named_by_all_its_receivers_and_said(tmp_path):
    """QA: 张伟 and 张丽 share one phone (no buyer account, a 手工 or older 抖店 order): the report listed
    张伟 with two orders and 张丽 nowhere, with a ✓ and no word that the phone was a guess. Still one customer
    by the phone (one buyer may type two names as well), named 张伟 / 张丽, said with how many."""
    rows = [line("D1", 2, None, "200.00", platform="抖店", phone="13900001111"),
            line("D2", 3, None, "200.00", platform="抖店", phone="13900001111"),
            line("D3", 4, None, "200.00", platform="抖店", phone="13900001111"),
            line("D4", 4, None, "99.00", platform="抖店", phone="13700000002")]
    rows = [ln.model_copy(update={"receiver": who}) for ln, who in zip(rows, ("张伟", "张丽", "张 伟", "李娜"))]
    rep = customers_report(rows, D(1000))
    assert sorted((c.name, c.orders) for c in rep.customers) == [("张伟 / 张丽", 3), ("李娜", 1)]
    assert rep.shared_phones == 1 and rep.to_json()["shared_phones"] == 1
    assert rep.notes(True) == [("1 位客户没有买家账号，同一个手机号的订单收货人却不同（可能是一家人共用一个手机）：按手机号算作一位客户，"
                                "客户名列出每个收货人，用 / 隔开")]
    assert rep.notes(False)[0].startswith("1 customer without a buyer account has orders to different receivers")


def _by_month(ws, last_year, paid: int) -> None:
    """LINES (October and November) split between two sheets of their headers: November's on `ws`, October's on
    `last_year` (`paid`: the 付款时间 column)."""
    for sheet, keep in ((ws, 11), (last_year, 10)):
        for r in range(sheet.max_row, 1, -1):
            if sheet.cell(r, paid).value.month != keep:
                sheet.delete_rows(r)


def test_a_sheet_of_last_year_s_orders_not_read_is_said_and_no_tick(tmp_path):
    """QA: a shop keeping a sheet a year, 2025订单 beside 2026订单: `customers` read 2026订单 alone (the reader
    warns, the command did not print it) and said with a ✓ that alice, back in November after her ¥300.00 of
    last October, was a new customer, her ¥900.00 not a VIP's. Now it names the sheet not read and what
    that does to the figures, ends with – and exits 1."""
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: LINES}, keep_backup=False)
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    ws = wb["订单"]
    last_year = wb.copy_worksheet(ws)
    last_year.title, ws.title = "2025订单", "2026订单"
    paid = [c.value for c in ws[1]].index("付款时间") + 1
    _by_month(ws, last_year, paid)
    wb.save(folder / "orders.xlsx")
    r = CliRunner().invoke(app, ["customers", str(folder), "--month", "2026-11"])
    said = "".join(r.output.split())
    assert r.exit_code == 1 and "✓" not in said, r.output
    assert "!“2025订单”的表头和“2026订单”一样，没有读取：它的订单不在客户统计里，新客、复购和VIP可能不准" in said, r.output


def test_the_top_customers_stand_in_columns_whatever_their_names(shop, wide_console):
    """QA: the list padded names by characters, and a Chinese one takes two of the screen's columns:
    孙悦's orders and spend stood 2 columns right of alice's, 张伟 / 张丽's 4. Padded by the screen's columns now."""
    from rich.cells import cell_len

    wb = openpyxl.load_workbook(shop / "orders.xlsx")
    ws = wb["订单"]
    buyer = [c.value for c in ws[1]].index("买家") + 1
    ws.cell(5, buyer).value = ws.cell(6, buyer).value = "孙悦"  # bob's orders: a Chinese account name
    wb.save(shop / "orders.xlsx")
    r = CliRunner().invoke(app, ["customers", str(shop)])
    rows = [ln for ln in r.output.splitlines() if ln.endswith(("0", "5")) and " 单  ¥" in ln]
    assert len(rows) == 4 and any("孙悦" in ln for ln in rows), r.output
    assert len({cell_len(ln[:ln.index(" 单")]) for ln in rows}) == 1, r.output


def test_a_month_s_sales_are_net_of_a_partial_refund_as_its_buyers_spend_is(tmp_path):
    """QA: amy's ¥808.00 order and her ¥399.90 one of 11-30 23:59:59, ¥45.50 of it refunded (仅退款 已完成), and
    a ¥150.00 one she sent all back: her spend was ¥1,162.40 but November's 销售额 ¥1,207.90 (the whole refund
    off it, the partial one not), so the months' sales never agreed with their buyers' spend. Now ¥1,162.40,
    and 11-30's ¥354.40; ben's order of 12-01 00:00:00 is December's."""
    from shopbook.schema import AfterSalesCase

    folder = tmp_path / "shop"
    init_shop(folder)
    at = dt.datetime

    def ln(no, paid, buyer, price, sku="S1", **more):
        return OrderLine(order_no=no, platform="淘宝", buyer=buyer, receiver=buyer, phone="13800000001", sku=sku,
                         address="浙江省 杭州市 西湖区 文三路 1 号", unit_price=D(price), paid_at=paid, status="已签收",
                         **{"qty": 1} | more)

    rows = [ln("A1", at(2026, 11, 3, 10), "amy", "400.00", qty=2, shipping_fee=D("8.00")),
            ln("A2", at(2026, 11, 20, 10), "amy", "150.00"),
            ln("A3", at(2026, 11, 30, 23, 59, 59), "amy", "300.00", sku="S2"),
            ln("A3", at(2026, 11, 30, 23, 59, 59), "amy", "99.90", sku="S3"),
            ln("B1", at(2026, 12, 1), "ben", "1200.00")]
    cases = [AfterSalesCase(case_no="SH-1", opened_on=dt.date(2026, 11, 22), order_no="A2", type="退货退款", sku="S1",
                            qty=1, status="已完成"),
             AfterSalesCase(case_no="SH-2", opened_on=dt.date(2026, 11, 30), order_no="A3", type="仅退款",
                            amount=D("45.50"), status="已完成")]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: rows, AfterSalesCase: cases}, keep_backup=False)
    rep, path = shop_customers(open_shop(folder), "2026-11")
    (amy,) = rep.customers
    assert (amy.orders, amy.units, amy.spend) == (2, 4, D("1162.40"))  # 808.00 + 300.00 + 99.90 − 45.50
    wb = openpyxl.load_workbook(path)
    assert [r[0::8] for r in list(wb["按月"].values)[1:]] == [("2026-11", 1162.4)]
    assert [r[0::8] for r in list(wb["按天"].values)[1:]] == [("2026-11-03", 808), ("2026-11-30", 354.4)]
    assert rep.to_json()["months"][0]["sales"] == "1162.40"


def test_last_year_s_orders_kept_beside_the_order_sheet_by_its_name_are_said_not_read(tmp_path):
    """QA: the year turned and the shop kept last year's orders as 2025年订单 beside 订单: `customers` read 订单
    alone with no word (not even the reader's), and said with a ✓ that alice, back in November after her
    ¥300.00 of October, was a new customer. Now the sheet is named as not read, as 2025订单 beside 2026订单
    is; a blank copy of the sheet (2024订单, headers alone) holds no order and is not said."""
    folder = tmp_path / "shop"
    init_shop(folder, "en")
    write_workbook(folder / "orders.xlsx", ORDERS, "en", {OrderLine: LINES}, keep_backup=False)
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    ws = wb["Orders"]
    last_year, blank = wb.copy_worksheet(ws), wb.copy_worksheet(ws)
    last_year.title, blank.title = "2025年订单", "2024订单"
    blank.delete_rows(2, blank.max_row)
    paid = [c.value for c in ws[1]].index("paid_at") + 1
    _by_month(ws, last_year, paid)
    wb.save(folder / "orders.xlsx")
    rep, _ = shop_customers(open_shop(folder), "2026-11")
    assert rep.unread == ("2025年订单",) and rep.to_json()["unread_sheets"] == ["2025年订单"]
    assert rep.notes(False)[0].startswith("'2025年订单' has the headers of 'Orders' and was not read")


def test_a_buyer_the_platform_masks_the_phone_of_is_one_customer_whatever_the_spaces_in_the_address(tmp_path):
    """QA: 李四's two 抖店 orders (手机 138****5678 as the platform masks it) to 浙江省 杭州市 西湖区 文三路 1 号 and
    to 浙江省杭州市西湖区文三路1号 (the same address, the spaces typed otherwise) were two new customers, one order
    each: no repeat buyer. An address or name differing only in spaces or full-width letters is one buyer's, as
    orders import reads it; another receiver at the address stays another customer."""
    folder = tmp_path / "shop"
    init_shop(folder)

    def ln(no, day, receiver, address):
        return OrderLine(order_no=no, platform="抖店", receiver=receiver, phone="138****5678", address=address,
                         sku="S1", qty=1, unit_price=D("88.80"), paid_at=dt.datetime(2026, 11, day, 10), status="已签收")

    rows = [ln("D1", 3, "李四", "浙江省 杭州市 西湖区 文三路 1 号"), ln("D2", 9, "李 四", "浙江省杭州市西湖区文三路1号"),
            ln("D3", 9, "王五", "浙江省杭州市西湖区文三路1号")]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: rows}, keep_backup=False)
    rep, _ = shop_customers(open_shop(folder), "2026-11")
    assert sorted((c.name, c.orders, c.spend) for c in rep.customers) == [("李四", 2, D("177.60")), ("王五", 1, D("88.80"))]
    (nov,) = rep.months
    assert (nov.buyers, nov.new, nov.repeat) == (2, 2, 1)
