"""The waybill CSV's 预估运费 where the 运费 sheet has no rates for [orders] default_courier (中通 unless
set): the sheet's own courier's, not a blank fee for every parcel."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal as D
from pathlib import Path

import pytest

from shopbook.config import load_config
from shopbook.orders.workflow import make_picklist
from shopbook.schema import ORDERS, STOCK, Movement, OrderLine, Product, ShippingRate
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook


def shirt_stock(folder: Path) -> None:
    """stock.xlsx of one shirt, P1 (0.4 kg), 10 in stock: what the waybill tests' orders are of."""
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="P1", name="衬衫", cost=D(30), price=D(99), weight_kg=D("0.4"))],
        Movement: [Movement(date=dt.date(2026, 11, 1), sku="P1", type="入库", qty=10)]}, keep_backup=False)


def _shop(tmp_path: Path, couriers: list[str]) -> Path:
    folder = tmp_path / "shop"
    init_shop(folder)
    shirt_stock(folder)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {
        OrderLine: [OrderLine(order_no="O1", receiver="赵六", phone="13800000000", address="浙江省 杭州市 西湖区 文三路 1 号",
                              sku="P1", qty=1, unit_price=D(99), status="已审核")],
        ShippingRate: [ShippingRate(courier=c, province="其他", first_kg=D(1), first_price=D(fee), extra_per_kg=D(2))
                       for c, fee in zip(couriers, (6, 9))]}, keep_backup=False)
    return folder


def _fees(folder: Path) -> list[str]:
    make_picklist(open_shop(folder), today=dt.date(2026, 11, 21))
    text = next((folder / "reports").glob("面单-*.csv")).read_text(encoding="utf-8-sig")
    return [row["预估运费"] for row in csv.DictReader(io.StringIO(text))]


@pytest.mark.parametrize("couriers, fee", [(["圆通"], "6.00"), (["圆通", "韵达"], "6.00"), (["韵达", "中通"], "9.00"),
                                                 # [orders] 中通 is the sheet's 中通快递, never its first courier
                                                 (["圆通速递", "中通快递"], "9.00")])
def test_the_fee_is_the_default_courier_s_else_the_sheet_s(tmp_path, couriers, fee):
    assert _fees(_shop(tmp_path, couriers)) == [fee]


def test_the_setting_is_in_the_new_shop_s_toml_at_its_default(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    toml = (folder / "shopbook.toml").read_text(encoding="utf-8")
    assert 'default_courier = "中通"' in toml and "预估运费" in toml
    assert load_config(folder).orders.default_courier == "中通"


def test_a_courier_given_rates_under_two_of_its_names_is_one_rate_too_many(tmp_path):
    """QA: 中通 | 其他 and 中通快递 | 其他 on the 运费 sheet are one courier's rates twice (the fees read 中通快递
    as 中通): the later row silently priced every parcel. Now validate says it at the second row, as for the
    same name twice: which one counts is the person's to say."""
    from shopbook.validate import validate_path

    folder = _shop(tmp_path, ["中通", "中通快递"])
    [dup] = [i for i in validate_path(folder).issues if i.is_error]
    assert (dup.book, dup.sheet, dup.row) == ("orders.xlsx", "运费", 3), dup.to_json()
    assert "在第 2 行已有" in dup.message_zh
    assert not [i for i in validate_path(_shop(tmp_path / "b", ["中通", "中通快运"])).issues if i.is_error]  # (freight)


def test_each_courier_its_own_waybill_csv_at_its_rates(tmp_path):
    """QA: an approved order whose 快递公司 a person set to 顺丰 went into the one waybill CSV, meant for the
    default courier's software, priced at 中通's rates. Now each courier has its own CSV at its own rates, each
    named for it and listed; a blank or 无 courier cell is the default's (a batch of it alone: test above)."""
    folder = _shop(tmp_path, ["中通", "顺丰速运"])
    head = {"receiver": "赵六", "phone": "13800000000", "address": "浙江省 杭州市 西湖区 文三路 1 号", "sku": "P1",
            "qty": 1, "unit_price": D(99), "status": "已审核"}
    lines = [OrderLine(order_no="O1", **head), OrderLine(order_no="O2", courier="顺丰", **head),
             OrderLine(order_no="O3", courier="无", **head),
             OrderLine(order_no="O4", **head), OrderLine(order_no="O4", courier="顺丰速运", **head)]  # typed on row 2
    rates = [ShippingRate(courier=c, province="其他", first_kg=D(1), first_price=D(fee), extra_per_kg=D(2))
             for c, fee in (("中通", 6), ("顺丰速运", 18))]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, ShippingRate: rates}, keep_backup=False)
    res = make_picklist(open_shop(folder), batch="B1", today=dt.date(2026, 11, 21))
    assert [f.name for f in res.files] == ["拣货单-B1.xlsx", "面单-B1-中通.csv", "面单-B1-顺丰.csv"]
    got = {f.name: [(r["订单编号"], r["预估运费"]) for r in csv.DictReader(io.StringIO(f.read_text(encoding="utf-8-sig")))]
           for f in res.files[1:]}
    # 0.5 kg: 中通's 6.00, 顺丰's 18.00; O4 (two shirts, 0.9 kg) by the 顺丰 on its second row
    assert got == {"面单-B1-中通.csv": [("O1", "6.00"), ("O3", "6.00")],
                   "面单-B1-顺丰.csv": [("O2", "18.00"), ("O4", "18.00")]}
    printed = [zh for _, zh, _ in res.said()]
    assert all(any(str(f) in line for line in printed) for f in res.files)  # the job's lines list each file
    from shopbook.orders.couriers import file_word

    # an English shop's: waybills-B1-SF.csv
    assert file_word("顺丰", "en") == "SF" and file_word("a/b:c", "zh") == "a_b_c"


def test_an_order_the_platform_prints_makes_no_waybill_csv_of_its_courier(tmp_path):
    # (its receiver sealed: printed in the platform's tools, in no CSV; a 顺丰 file of it alone would be empty)
    folder = _shop(tmp_path, ["中通", "顺丰"])
    head = {"phone": "13800000000", "address": "浙江省 杭州市 西湖区 文三路 1 号", "sku": "P1", "qty": 1, "status": "已审核"}
    lines = [OrderLine(order_no="O1", receiver="赵六", **head), OrderLine(order_no="O2", receiver="张**", courier="顺丰", **head)]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines}, keep_backup=False)
    res = make_picklist(open_shop(folder), batch="B1", today=dt.date(2026, 11, 21))
    assert [f.name for f in res.files] == ["拣货单-B1.xlsx", "面单-B1.csv"] and res.platform_waybills == ["O2"]


def test_an_english_shops_couriers_as_it_types_them(tmp_path):
    """QA: SF Express typed in an English shop was no courier shopbook knew (its "sf express" was compared
    without its space): its own waybill CSV, named 'SF Express', its fee blank. It is 顺丰: waybills-B1-SF.csv
    at the SF rates, the default courier's waybills-B1-ZTO.csv."""
    from shopbook.orders.couriers import EN_NAMES, canonical

    folder = tmp_path / "shop"
    init_shop(folder, "en")
    write_workbook(folder / "stock.xlsx", STOCK, "en", {Product: [Product(sku="P1", name="Shirt", cost=D(30), price=D(99))],
                                                       Movement: [Movement(date=dt.date(2026, 11, 1), sku="P1",
                                                                           type="入库", qty=10)]}, keep_backup=False)
    head = {"receiver": "Zhao", "phone": "13800000000", "address": "浙江省 杭州市 西湖区 文三路 1 号", "sku": "P1", "qty": 1,
            "status": "已审核"}
    write_workbook(folder / "orders.xlsx", ORDERS, "en", {
        OrderLine: [OrderLine(order_no="O1", **head), OrderLine(order_no="O2", courier="SF Express", **head)],
        ShippingRate: [ShippingRate(courier=c, province="其他", first_kg=D(1), first_price=D(fee), extra_per_kg=D(2))
                       for c, fee in (("ZTO Express", 6), ("SF", 18))]}, keep_backup=False)
    res = make_picklist(open_shop(folder), batch="B1", today=dt.date(2026, 11, 21))
    got = {f.name: [(r["Order no"], r["Estimated fee"]) for r in csv.DictReader(io.StringIO(f.read_text(encoding="utf-8-sig")))]
           for f in res.files[1:]}
    assert got == {"waybills-B1-ZTO.csv": [("O1", "6.00")], "waybills-B1-SF.csv": [("O2", "18.00")]}
    assert canonical("J&T Express") == "极兔" and canonical("中通快运") == "中通快运"  # (a freight company: its own)
    # each name an English shop's files and messages give a courier (couriers.EN_NAMES) reads as that courier
    assert {c: canonical(en) for c, en in EN_NAMES.items()} == {c: c for c in EN_NAMES}


def test_a_courier_the_rates_lack_is_said_its_fee_blank(tmp_path):
    """QA: an order whose 快递公司 says 顺丰 on a 运费 sheet of 中通's rates alone went into 面单-B1-顺丰.csv with its
    预估运费 blank, and the pick list said nothing but ✓. It is said now: how many parcels, whose rates to add."""
    folder = _shop(tmp_path, ["中通"])
    head = {"receiver": "赵六", "phone": "13800000000", "address": "浙江省 杭州市 西湖区 文三路 1 号", "sku": "P1",
            "qty": 1, "unit_price": D(99), "status": "已审核"}
    rates = [ShippingRate(courier="中通", province="其他", first_kg=D(1), first_price=D(6), extra_per_kg=D(2))]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        OrderLine(order_no="O1", **head), OrderLine(order_no="O2", courier="顺丰", **head)], ShippingRate: rates},
        keep_backup=False)
    res = make_picklist(open_shop(folder), batch="B1", today=dt.date(2026, 11, 21))
    sf = res.files[2].read_text(encoding="utf-8-sig")
    assert [r["预估运费"] for r in csv.DictReader(io.StringIO(sf))] == [""]
    en = ("1 parcel in the SF waybill CSV has no estimated fee: the shipping rates have no prices for SF. Add them "
          "(each province, or an 'other' row) to the Shipping rates sheet of orders.xlsx")
    assert ("!", "顺丰的面单 CSV 里 1 个包裹没有预估运费：运费表里没有顺丰的价格。请在 orders.xlsx 的“运费”表添加顺丰的价格（各省份或一行“其他”）",
            en) in res.said()
    assert res.to_json()["waybill_fee_blank"] == [{"courier": "顺丰", "parcels": 1}]


def test_the_cell_function_prices_a_parcel_of_no_courier_as_its_waybill_csv_does(tmp_path):
    """QA: =SB_SHIPPING_FEE("浙江", 0.4) (no courier) gave the 运费 sheet's first courier's 6.00 (韵达's) where
    the 面单 CSV prices an order whose 快递公司 is blank at the shop's default_courier's 9.00 (中通's): now the
    same; a courier named (or 无, the default's) as the CSV takes it."""
    from shopbook import functions as F

    folder = _shop(tmp_path, ["韵达", "中通"])
    assert _fees(folder) == ["9.00"]
    assert F.shipping_fee("浙江", 0.4, None, folder) == 9.0 == F.shipping_fee("浙江", 0.4, "无", folder)
    assert F.shipping_fee("浙江", 0.4, "韵达", folder) == 6.0
