"""The courier bill at the month's turn: a parcel shipped on the bill's last day (11-30) and collected (揽收) the
next is on the next bill. November's check says it is due on the next bill (no difference, exit 0, its ✓);
December's check takes it up from November's report and names it when December's bill lacks it too, while a
parcel shipped mid-month and missing is still 'shipped, not billed'."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
from cli_run import flat, shopbook

from shopbook.money.workflow import reconcile_courier_file
from shopbook.schema import ORDERS, STOCK, OrderLine, Product, ShippingRate
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

D = Decimal


def _shop(folder, days: dict[int, dt.date]):
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="A", name="衬衫", cost=D(30), price=D(99), weight_kg=D("0.4"))]}, keep_backup=False)
    lines = [OrderLine(order_no=f"O{i:02}", receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x",
                       sku="A", qty=1, unit_price=D("99.00"), shipping_fee=D(0), status="已发货",
                       tracking_no=f"7310000000{i:04}", shipped_on=day, courier="中通") for i, day in days.items()]
    rates = [ShippingRate(courier="中通", province="浙江", first_kg=D(1), first_price=D(5), extra_per_kg=D(1))]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, ShippingRate: rates}, keep_backup=False)
    return open_shop(folder)


def _bill(path, rows):
    """A bill as 中通's office sends it: its days the collection days."""
    wb = openpyxl.Workbook()
    wb.active.append(["运单编号", "揽收日期", "目的地", "计费重量", "运费"])
    for i, day in rows:
        wb.active.append([f"7310000000{i:04}", day, "浙江", 1, "5.00"])
    wb.save(path)
    return path


def test_a_parcel_shipped_on_the_bills_last_day_is_due_on_the_next_bill(tmp_path):
    d = dt.date
    # O01 in the month; O02 sent 11-29, collected 11-30; O03 sent 11-30, collected 12-01; O04 sent 11-15, missing;
    # O05 sent 11-29 and missing: shipped before the bill's last day, still said
    shop = _shop(tmp_path / "shop", {1: d(2026, 11, 10), 2: d(2026, 11, 29), 3: d(2026, 11, 30), 4: d(2026, 11, 15),
                                      5: d(2026, 11, 29)})
    nov = _bill(tmp_path / "中通11月账单.xlsx", [(1, "2026-11-02"), (2, "2026-11-30")])
    chk, _ = reconcile_courier_file(shop, nov)
    assert sorted(chk.shipped_not_billed) == [("O04", "73100000000004"), ("O05", "73100000000005")]  # still said
    assert chk.next_bill == [("O03", "73100000000003", d(2026, 11, 30))]
    # December's bill lacks it too: named now, with the report that left it
    dec = _bill(tmp_path / "中通12月账单.xlsx", [(9, "2026-12-02"), (8, "2026-12-31")])
    chk, issues = reconcile_courier_file(shop, dec)
    assert ("O03", "73100000000003") in chk.shipped_not_billed, chk.shipped_not_billed
    assert any("73100000000003" in i.message_zh and "对账-快递-中通11月账单.xlsx" in i.message_zh
               and "73100000000003" in i.message_en for i in issues), issues
    # January's bill is no bill after November's: what November left is December's, not said again
    jan = _bill(tmp_path / "中通1月账单.xlsx", [(9, "2027-01-02"), (8, "2027-01-31")])
    assert reconcile_courier_file(shop, jan)[0].shipped_not_billed == []
    # on December's bill: nothing to say
    dec2 = _bill(tmp_path / "中通12月账单-2.xlsx", [(3, "2026-12-01"), (8, "2026-12-25")])
    chk, _ = reconcile_courier_file(shop, dec2)
    assert chk.shipped_not_billed == [] and chk.next_bill == []


def test_november_says_the_parcel_is_on_decembers_bill_with_its_tick(tmp_path):
    d = dt.date
    # the bill's last collection 11-29 (none on Sunday 11-30): a parcel sent 11-30 is December's
    shop = _shop(tmp_path / "shop", {1: d(2026, 11, 2), 2: d(2026, 11, 29), 3: d(2026, 11, 30)})
    nov = _bill(tmp_path / "中通11月账单.xlsx", [(1, "2026-11-02"), (2, "2026-11-29")])
    r = shopbook("reconcile", "courier", shop.folder, nov)
    out = flat(r.stdout)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "发了、账单没有：—" in out and "下期账单" in out and "73100000000003订单O03（2026-11-30发出）" in out, out
    assert flat("✓ " + str(shop.reports / "对账-快递-中通11月账单.xlsx")) in out, out
