"""The demo shop: deterministic, valid, and consistent with itself."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from shopbook.demo import DAYS, DEMO_TODAY
from shopbook.io.reader import read_workbook
from shopbook.money.ledger import balances
from shopbook.orders.address import short_province
from shopbook.schema import (AGENTS, KPI, LEDGER, ORDERS, STOCK, Account, Agent, BalanceCheck, Category, DailyKpi,
                             Entry, Movement, OrderLine, Payment, Product, ShippingRate, Tier)
from shopbook.stock.levels import on_hand
from shopbook.validate import validate_path

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """What generate_demo(folder) makes: generated once in this run (tests/demo_shop.py), copied."""
    from demo_shop import demo_copy

    return demo_copy(tmp_path_factory.mktemp("demo"))


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_committed_demo_is_what_the_generator_makes(demo):
    for name in ("stock.xlsx", "orders.xlsx", "ledger.xlsx", "kpi.xlsx", "agents.xlsx"):
        assert parts(demo / name) == parts(ROOT / "xlsx" / name), f"xlsx/{name} is stale: run `shopbook demo xlsx`"
    # its settings too: `make demo` rebuilds xlsx/ and must leave the clone as committed
    assert (demo / "shopbook.toml").read_bytes() == (ROOT / "xlsx" / "shopbook.toml").read_bytes(), \
        "xlsx/shopbook.toml is stale: run `shopbook demo xlsx`"


def test_demo_validates_clean(demo):
    v = validate_path(demo)
    assert v.errors == [] and v.warnings == []


def test_demo_shape(demo):
    products = read_workbook(demo / "stock.xlsx", STOCK).rows(Product)
    assert 40 <= len({p.style for p in products}) <= 50 and 250 <= len(products) <= 350
    lines = read_workbook(demo / "orders.xlsx", ORDERS).rows(OrderLine)
    per_day = Counter()
    for no, d in {ln.order_no: ln.paid_at.date() for ln in lines}.items():
        per_day[d] += 1
    first = sum(per_day[DEMO_TODAY - dt.timedelta(days=DAYS - 1 - i)] for i in range(7)) / 7
    last = sum(per_day[DEMO_TODAY - dt.timedelta(days=i)] for i in range(7)) / 7
    assert 22 <= first <= 40 and 45 <= last <= 70
    rates = read_workbook(demo / "orders.xlsx", ORDERS).rows(ShippingRate)
    provinces = {short_province(r.province) for r in rates}
    assert len(provinces - {"其他"}) == 31 and "其他" in provinces
    agents = read_workbook(demo / "agents.xlsx", AGENTS)
    assert len(agents.rows(Agent)) == 3 and len(agents.rows(Tier)) == 2 and agents.rows(Payment)


def test_stock_never_negative_and_movements_follow_orders(demo):
    wd = read_workbook(demo / "stock.xlsx", STOCK)
    products, moves = wd.rows(Product), wd.rows(Movement)
    level = on_hand(products, [])
    sign = {"入库": 1, "退货": 1, "出库": -1, "调整": 1}
    for day in sorted({m.date for m in moves}):  # the end of every day with movements
        for m in (m for m in moves if m.date == day):
            level[m.sku] += sign[m.type.value] * m.qty
        assert min(level.values()) >= 0, day
    lines = read_workbook(demo / "orders.xlsx", ORDERS).rows(OrderLine)
    shipped = Counter()
    for ln in lines:
        if ln.status.value in ("已发货", "已签收"):
            shipped[(ln.order_no, ln.sku)] += ln.qty
    out = Counter()
    for m in moves:
        if m.type.value == "出库":
            out[(m.ref, m.sku)] += m.qty
    assert out == shipped


def test_ledger_uses_every_category_and_balance_checks_hold(demo):
    wd = read_workbook(demo / "ledger.xlsx", LEDGER)
    entries = wd.rows(Entry)
    assert {c.category for c in wd.rows(Category)} == {e.category for e in entries}
    assert {a.account for a in wd.rows(Account)} >= {"支付宝", "微信", "银行"}
    for c in wd.rows(BalanceCheck):  # recomputed here, independently of shopbook.money
        opening = next(a for a in wd.rows(Account) if a.account == c.account).opening_balance
        total = opening + sum((e.amount if e.direction.value == "收入" else -e.amount)
                              for e in entries if e.account == c.account and e.date <= c.date)
        assert total == c.balance
    assert balances(wd.rows(Account), entries)["支付宝"] > 0


def test_kpi_rows_agree_with_the_orders(demo):
    days = read_workbook(demo / "kpi.xlsx", KPI).rows(DailyKpi)
    assert len(days) == DAYS
    lines = [ln for ln in read_workbook(demo / "orders.xlsx", ORDERS).rows(OrderLine) if ln.status.value != "已关闭"]
    orders, sales, fees = defaultdict(set), defaultdict(Decimal), {}
    for ln in lines:
        d = ln.paid_at.date()
        orders[d].add(ln.order_no)
        sales[d] += ln.unit_price * ln.qty
        if ln.order_no not in fees:
            fees[ln.order_no] = ln.shipping_fee or 0
            sales[d] += fees[ln.order_no]
    for k in days:
        assert k.orders == len(orders[k.date]) and k.sales == sales[k.date], k.date
        assert abs(k.conversion - Decimal(k.buyers) / Decimal(k.visitors)) <= Decimal("0.00005")


def test_formula_like_buyer_message_is_text(demo):
    """A buyer's message that starts with = or + is stored as text (an inline string), never as a
    formula: found with calamine, each cell then looked at in the sheet's XML (a read-only openpyxl
    load of the year took 11 s)."""
    import re
    import zipfile

    import python_calamine
    from openpyxl.utils import get_column_letter

    from shopbook.io.sheet_xml import sheet_parts

    wb = python_calamine.CalamineWorkbook.from_path(str(demo / "orders.xlsx"))
    rows = wb.get_sheet_by_name("订单").to_python()
    wb.close()
    at = rows[0].index("买家留言")
    col = get_column_letter(at + 1)
    risky = [f"{col}{r}" for r, row in enumerate(rows[1:], start=2) if str(row[at])[:1] in ("=", "+")]
    with zipfile.ZipFile(demo / "orders.xlsx") as z:
        xml = z.read(sheet_parts(z)["订单"]).decode("utf-8")
    cells = {m.group(1): m for m in re.finditer(rf'<c r="({col}\d+)"([^>]*)>(.*?)</c>', xml)}
    assert risky and all('t="inlineStr"' in cells[ref].group(2) and "<f>" not in cells[ref].group(3) for ref in risky)


def test_english_demo(tmp_path):
    """generate_demo's English shop: this run's generation of it (tests/demo_shop.py calls the real
    generate_demo once a run for each language, and the tests that quote an English shop share it)."""
    from demo_shop import demo_copy

    demo_copy(tmp_path / "en", "en")
    v = validate_path(tmp_path / "en")
    assert v.errors == []
    import openpyxl

    assert openpyxl.load_workbook(tmp_path / "en" / "stock.xlsx", read_only=True).sheetnames[0] == "Products"


def test_an_english_demo_names_the_fallback_shipping_rate_in_english(tmp_path):
    """One language per shop: the Shipping rates sheet's fallback row of an English shop says
    'other' (its provinces stay Chinese: the addresses they match are), the template's drop-down
    offers it, and the rate is found by it as by 其他."""
    import openpyxl
    from demo_shop import demo_copy

    from shopbook.orders.shipping_fee import RateTable
    from shopbook.templates import write_templates

    demo_copy(tmp_path / "en", "en")
    rates = read_workbook(tmp_path / "en" / "orders.xlsx", ORDERS).rows(ShippingRate)
    assert sorted(r.province for r in rates if r.province.isascii()) == ["other"] * 4  # (a row for each of its four couriers)
    assert not any(r.province in ("其他", "其它") for r in rates)
    assert RateTable(rates).fee("火星", Decimal("1"), "中通") == Decimal("10")
    path = next(p for p in write_templates(tmp_path / "templates", "en") if p.name == "orders.xlsx")
    wb = openpyxl.load_workbook(path)
    [provinces] = [dv.formula1 for dv in wb["Shipping rates"].data_validations.dataValidation
                   if "北京" in (dv.formula1 or "")]
    assert provinces.strip('"').split(",")[-1] == "other" and "其他" not in provinces, provinces
