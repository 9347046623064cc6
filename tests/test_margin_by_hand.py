"""`shopbook ledger`'s gross margin of shipped orders against figures worked by hand, on real
workbooks, as the screen (--json) and the written 利润表 say it."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import openpyxl

from cli_run import shopbook
from shopbook.schema import LEDGER, ORDERS, STOCK, Account, OrderLine, Product, ShippingRate
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook

D = Decimal


def line(no: str, sku: str, qty: int, price: str | None, fee: str | None, **more) -> OrderLine:
    return OrderLine(order_no=no, receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 文三路1号", sku=sku,
                     qty=qty, unit_price=D(price) if price is not None else None,
                     shipping_fee=D(fee) if fee is not None else None, status="已签收", courier="中通",
                     tracking_no=f"7310{no[-4:]}", shipped_on=dt.date(2026, 11, 3),
                     paid_at=dt.datetime(2026, 11, 2, 9), **more)


def margin_shop(tmp_path, lines: list[OrderLine]):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="A1", name="外套", cost=D(30), price=D("100.10"), weight_kg=D("0.5"))]}, keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, ShippingRate: [
        ShippingRate(courier="中通", province="浙江", first_kg=D(1), first_price=D(5), extra_per_kg=D(2))]},
        keep_backup=False)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {Account: [
        Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D(0))]}, keep_backup=False)
    return folder


def margin_of(folder) -> tuple[dict, dict]:
    """(--json's gross_margin, the written 利润表's 毛利 sheet), each label → Decimal."""
    r = shopbook("ledger", str(folder), "--month", "2026-11", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    said = {k: D(v) for k, v in json.loads(r.stdout)["gross_margin"].items()}
    ws = openpyxl.load_workbook(folder / "reports" / "利润表-2026-11.xlsx")["毛利"]
    written = {k: D(repr(v)) for k, v in ws.iter_rows(values_only=True)}
    return said, written


def test_the_platform_fee_on_the_half_fen_is_rounded_up(tmp_path):
    """One order of 100.10 (cost 30.00, 0.5 kg to 浙江: courier 5.00): 5 % of 100.10 is 5.005, which is
    5.01 as every other fen shopbook works out (half up). QA: it was rounded half to even, 5.00, and
    the gross margin read 60.10 for 60.09."""
    folder = margin_shop(tmp_path, [line("T0001", "A1", 1, "100.10", "0")])
    said, written = margin_of(folder)
    assert said == {"revenue": D("100.10"), "cost": D("30.00"), "courier_cost": D("5.00"), "platform_fee": D("5.01"),
                    "gross_margin": D("60.09")}
    assert written == {"发货收入": D("100.10"), "商品成本": D("30.00"), "快递成本": D("5.00"), "平台扣点": D("5.01"),
                       "毛利": D("60.09")}
