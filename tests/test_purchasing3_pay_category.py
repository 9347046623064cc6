"""QA (purchasing before 双12): the shop keeps its 类别 sheet (推广费, 快递费 …) but has no category of the 商品成本
group yet. `purchase receive --pay` booked the payment under 采购货款, a category not on the sheet: validate's error
at that cell, the P&L stopped until a person moved it. Now --pay is refused, nothing posted or booked, saying which
row to add; with it added, the payment is booked under it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from shopbook.issues import ShopbookError
from shopbook.purchasing.workflow import purchase_receive
from shopbook.schema import Product, PurchaseLine, Supplier
from shopbook.shop import open_shop

S = "杭州丝绸有限公司"



@pytest.mark.parametrize("stock_shop", ["zh"], indirect=True)
def test_pay_without_a_cost_of_goods_category_is_refused(stock_shop, tmp_path):
    folder, _ = stock_shop({
        Product: [Product(sku="A1", name="衬衫", cost=Decimal("25.50"), price=Decimal(89), supplier=S)],
        Supplier: [Supplier(supplier=S, lead_days=7)],
        PurchaseLine: [PurchaseLine(po_no="CG1", supplier=S, sku="A1", qty=4, unit_cost=Decimal("25.50"),
                                    order_date=dt.date(2026, 11, 28), status="已下单")]})
    wb = load_workbook(folder / "ledger.xlsx")
    for row in (["推广费", "支出", "推广"], ["快递费", "支出", "快递运费"]):
        wb["类别"].append(row)
    wb["账户"].append(["支付宝", dt.datetime(2026, 1, 1), 0])
    wb.save(folder / "ledger.xlsx")
    note = tmp_path / "收货.csv"
    note.write_text("商家编码,实收数量\nA1,4\n", encoding="utf-8")
    stock_before, ledger_before = (folder / "stock.xlsx").read_bytes(), (folder / "ledger.xlsx").read_bytes()
    with pytest.raises(ShopbookError) as e:
        purchase_receive(open_shop(folder), note, "CG1", dt.date(2026, 12, 3), book_payment=True)
    assert e.value.zh == ("流水账的“类别”表里没有“商品成本”分组的支出类别，货款要记的类别“采购货款”也不在表里：没有入库，也没有记货款。"
                          "请在“类别”表加一行（类别 采购货款，收支 支出，分组 商品成本），再用同样的命令收一次"), e.value.zh
    assert (folder / "stock.xlsx").read_bytes() == stock_before and (folder / "ledger.xlsx").read_bytes() == ledger_before
    wb = load_workbook(folder / "ledger.xlsx")
    wb["类别"].append(["进货", "支出", "商品成本"])
    wb.save(folder / "ledger.xlsx")
    r = purchase_receive(open_shop(folder), note, "CG1", dt.date(2026, 12, 3), book_payment=True)
    assert r.payment_written and (r.payment.category, r.payment.account, r.payment.amount) == ("进货", "支付宝",
                                                                                               Decimal("102.00"))
