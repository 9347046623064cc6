"""QA: a code sold this month and no longer on the 商品 sheet (renamed mid-month, OLD1 → NEW1) counted at a
cost of 0 in the monthly review: its margin read 100.00 % and it was called a 利润款. Its margin is not
known: blank, said so beside it, and it is neither a profit item nor a traffic driver."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D

import openpyxl
from test_reports import month_shop

from shopbook.report.monthly import make_review
from shopbook.schema import ORDERS, OrderLine, Product
from shopbook.workbook_builder import write_workbook


def order(no: str, day: int, sku: str) -> OrderLine:
    return OrderLine(order_no=no, platform="淘宝", buyer=f"b{no}", receiver="r", phone="13800000001",
                     address="浙江省 杭州市 西湖区 文三路 1 号", sku=sku, qty=1, unit_price=D("100.00"),
                     paid_at=dt.datetime(2026, 10, day, 12))


def test_a_code_not_on_the_products_sheet_has_no_margin(tmp_path):
    shop = month_shop(tmp_path, days=[], products=[
        Product(sku="NEW1", name="衬衫", cost=D(60), price=D(100), style="A"),
        Product(sku="B1", name="裤子", cost=D(70), price=D(100), style="B")])
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: [
        order("1", 1, "OLD1"), order("2", 2, "OLD1"), order("3", 20, "NEW1"), order("4", 21, "B1")]}, keep_backup=False)
    rev, path, _ = make_review(shop, "monthly", "2026-10")
    rows = {r[0]: r for r in openpyxl.load_workbook(path)["商品销售"].iter_rows(min_row=2, values_only=True)}
    assert rows["OLD1"][3:6] == (2, 200, None), rows["OLD1"]
    assert rows["OLD1"][7] == "不在商品表，没有成本价：毛利率不知道", rows["OLD1"]
    assert (rows["NEW1"][5], rows["B1"][5]) == (0.4, 0.3)
    j = json.loads(json.dumps(rev.to_json()))
    assert "OLD1" not in j["profit_items"] + j["traffic_drivers"], j
