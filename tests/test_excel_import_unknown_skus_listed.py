"""The 导入订单 button cut its list of unknown SKUs at 10 and said '… 还有 2 个未知商家编码；用 --json 列出全部': an
option of a command, to a person in Excel, and the 导入清单 it writes for the other cut lists left the unknown SKUs
out. The list cut is in the 导入清单 (each SKU, its order and where it was first met), which the box names."""

from __future__ import annotations

import csv
from decimal import Decimal as D

from xlfake import FakeBook

from shopbook import xl
from shopbook.schema import STOCK, Product
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


def test_the_import_buttons_cut_list_of_unknown_skus_is_in_its_import_list(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, "zh", "店")
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="SH-WH-M", name="白衬衫", cost=D(30), price=D("99.00"), opening_qty=10)]}, keep_backup=False)
    agent = tmp_path / "agent.csv"
    agent.write_text("订单编号,代理编号,收货人,手机,收货地址,商家编码,数量\n" + "".join(
        f"A{k},AG01,王五,13812345670,浙江省杭州市西湖区文三路{k}号,ZZ-{k:03d},1\n" for k in range(12)), encoding="utf-8")
    book = FakeBook(folder / "orders.xlsx")
    xl.import_orders(str(agent), book)
    box = book.app.alerts[-1]["prompt"]
    assert "--json" not in box, box
    listed = sorted((folder / "reports").glob("导入清单-*.csv"))
    assert len(listed) == 1, box
    assert f"  … 还有 2 个未知商家编码；全部列在 {listed[0]}" in box.splitlines(), box
    with listed[0].open(encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.reader(f) if r[0] == "未知商家编码"]
    assert sorted(r[3] for r in rows) == [f"ZZ-{k:03d}" for k in range(12)], rows  # the two the box left out too
    assert all(r[2].startswith("A") and "agent.csv" in r[7] for r in rows), rows
