"""QA: 商品's 商家编码 header mistyped 商品编吗 made every SKU unknown: `validate` said the header once and then
every 出入库, 盘点, 采购 and 订单 row naming a SKU (9,773 errors on the demo shop, 19,680 in all), and `stock`
stopped on "9909 个数据错误". Now the header is the one error, at its cell, saying what to type, and the
references to the sheet's keys are not checked while its key column is not read."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import openpyxl

from cli_run import shopbook
from shopbook.schema import STOCK, Movement, Product, PurchaseLine, StocktakeCount
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


def test_a_mistyped_sku_header_is_one_error(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, "zh")
    day = dt.date.today() - dt.timedelta(days=3)
    skus = [f"S{i}" for i in range(30)]
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku=s, name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=5) for s in skus],
        Movement: [Movement(date=day, sku=s, type="出库", qty=1) for s in skus],
        StocktakeCount: [StocktakeCount(date=day, sku=s, counted=4) for s in skus],
        PurchaseLine: [PurchaseLine(po_no="CG1", supplier="甲", sku=s, qty=5, status="已下单") for s in skus],
    }, keep_backup=False)
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    assert wb[Product.zh]["A1"].value == "商家编码"
    wb[Product.zh]["A1"] = "商品编吗"
    wb.save(folder / "stock.xlsx")
    said = json.loads(shopbook("validate", folder, "--json").stdout)
    errors = [i for i in said if i["severity"] == "error"]
    assert [(i["sheet"], i["cell"]) for i in errors] == [("商品", "A1")], errors[:5]
    assert "请把它改为“商家编码”" in errors[0]["message_zh"]
    for cmd in (("stock",), ("stock", "alerts"), ("purchase", "suggest")):
        r = shopbook(*cmd, folder)
        assert "1 个数据错误" in r.stdout + r.stderr and "商品 › A1" in r.stdout + r.stderr, (cmd, r.stdout + r.stderr)
