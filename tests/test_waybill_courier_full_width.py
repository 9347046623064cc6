"""QA (warehouse, 双11): a 快递公司 typed with the input method left in full width (ＳＦ, ＺＴＯ) was a courier of
its own: the pick list made a waybill CSV 面单-…-ＳＦ.csv beside 顺丰's, its parcels not in the file imported into
顺丰's software, and its 预估运费 blank, "运费表里没有ＳＦ的价格". It is now the courier it names."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal as D
from pathlib import Path

from shopbook.orders.couriers import canonical
from shopbook.orders.workflow import make_picklist
from shopbook.schema import ORDERS, OrderLine, ShippingRate
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook
from test_waybill_courier import shirt_stock


def test_full_width_names_are_the_courier():
    assert [canonical(c) for c in ("ＳＦ", "ｓｆ　ｅｘｐｒｅｓｓ", "ＺＴＯ", "Ｊ＆Ｔ", "ＥＭＳ")] == ["顺丰", "顺丰", "中通", "极兔", "邮政"]
    assert [canonical(c) for c in ("顺丰速运", "中通快运", "小红快递")] == ["顺丰", "中通快运", "小红快递"]


def test_one_waybill_csv_for_the_courier_with_its_fees(tmp_path: Path):
    folder = tmp_path / "shop"
    init_shop(folder)
    shirt_stock(folder)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {
        OrderLine: [OrderLine(order_no=no, receiver=who, phone="13800000000", address=f"浙江省 杭州市 西湖区 文三路 {i} 号",
                              sku="P1", qty=1, unit_price=D(99), status="已审核", courier=c)
                    for i, (no, who, c) in enumerate((("O1", "赵六", "ＳＦ"), ("O2", "钱七", "顺丰"), ("O3", "孙八", "中通")))],
        ShippingRate: [ShippingRate(courier=c, province="其他", first_kg=D(1), first_price=D(fee), extra_per_kg=D(2))
                       for c, fee in (("中通", 6), ("顺丰", 12))]}, keep_backup=False)
    make_picklist(open_shop(folder), today=dt.date(2026, 11, 11))
    files = sorted(p.name for p in (folder / "reports").glob("面单-*.csv"))
    assert len(files) == 2 and any(f.endswith("-顺丰.csv") for f in files), files
    sf = next((folder / "reports").glob("面单-*-顺丰.csv")).read_text(encoding="utf-8-sig")
    assert [(r["订单编号"].strip('="'), r["预估运费"]) for r in csv.DictReader(io.StringIO(sf))] == [
        ("O1", "12.00"), ("O2", "12.00")]
