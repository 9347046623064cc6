"""A courier's bill of half a month (韵达, its lines 11-01 to 11-15, no period written) against a month of our parcels:
the parcels shipped 11-20 and 11-28 were checked against nothing and nothing said it — 发了、账单没有：— read as the
whole month billed. Now a note says the bill's days and how many of our parcels of its month lie outside them, in the
shop's language; no parcel is called missing, and the next month's parcels are not counted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from shopbook.money.workflow import reconcile_courier_file
from shopbook.schema import ORDERS, STOCK, OrderLine, Product, ShippingRate
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

D = Decimal
DAYS = {1: (10, 31), 2: (11, 3), 3: (11, 10), 4: (11, 14), 5: (11, 20), 6: (11, 28), 7: (12, 1)}


def courier_shop(tmp_path, days: dict[int, tuple[int, int]], lang: str = "zh"):
    """A shop in `lang` with one 韵达 parcel of order O{i} shipped on each (month, day) of `days` (2026), tracking
    number 43120000000000{i}, and the bill file's path to write (韵达对账单2026-11.csv)."""
    folder = tmp_path / "shop"
    init_shop(folder)
    toml = folder / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', f'language = "{lang}"'), encoding="utf-8")
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="A", name="衬衫", cost=D(30), price=D(99), weight_kg=D("0.4"))]}, keep_backup=False)
    lines = [OrderLine(order_no=f"O{i}", receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x", sku="A",
                       qty=1, unit_price=D("99.00"), shipping_fee=D(0), status="已发货", tracking_no=f"43120000000000{i}",
                       shipped_on=dt.date(2026, m, d), courier="韵达") for i, (m, d) in days.items()]
    rates = [ShippingRate(courier="韵达", province="浙江", first_kg=D(1), first_price=D("4.5"), extra_per_kg=D(1))]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, ShippingRate: rates}, keep_backup=False)
    return folder, tmp_path / "韵达对账单2026-11.csv"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_half_months_bill_says_the_parcels_of_its_month_it_did_not_check(tmp_path, lang):
    folder, bill = courier_shop(tmp_path, DAYS, lang)
    bill.write_bytes(("\r\n".join(["快递单号,发件日期,目的地,重量(kg),总运费",
                                   "431200000000001,2026-11-01,浙江,0.5,4.50",  # shipped 10-31, collected 11-01
                                   "431200000000002,2026-11-03,浙江,0.5,4.50",
                                   "431200000000003,2026-11-10,浙江,0.5,4.50",
                                   "431200000000004,2026-11-15,浙江,0.5,4.50", "合计,,,,18.00"]) + "\r\n").encode("gbk"))
    chk, issues = reconcile_courier_file(open_shop(folder), bill)
    assert chk.shipped_not_billed == [] and chk.billed_total == D("18.00")
    (note,) = [i for i in issues if i.severity == "note"]
    assert note.book == bill.name
    assert "2026-11-01 至 2026-11-15" in note.message_zh and "2026-11-20 至 2026-11-28" in note.message_zh
    assert "2 个包裹没有核对" in note.message_zh  # 11-20 and 11-28; not 12-01's
    assert "2 parcels" in note.message_en and "2026-11-20 to 2026-11-28" in note.message_en


def test_a_bill_of_the_whole_month_says_nothing(tmp_path):
    folder, bill = courier_shop(tmp_path, {1: (11, 2), 2: (11, 29)})
    bill.write_bytes(("快递单号,发件日期,目的地,重量(kg),总运费\r\n431200000000001,2026-11-02,浙江,0.5,4.50\r\n"
                      "431200000000002,2026-11-29,浙江,0.5,4.50\r\n").encode("gbk"))
    chk, issues = reconcile_courier_file(open_shop(folder), bill)
    assert issues == [] and chk.shipped_not_billed == []
