"""QA: a stock command stopped on a wrong cell named the workbook twice over, as the file and again
as what was wrong: "✗ …/stock.xlsx: stock.xlsx：1 个数据错误…" (and "…/orders.xlsx: orders.xlsx：…"
for an order line `stock` counts). Now the file once, then the sheets the errors are on, as the
purchase commands say theirs: "✗ …/stock.xlsx: 出入库：1 个数据错误…"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cli_run import CJK, flat, shopbook, typed_in_openpyxl
from shopbook.schema import ORDERS, STOCK, Movement, OrderLine, Product
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


def _shop(tmp_path, lang):
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku="A", name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=8, status="在售")],
        Movement: [Movement(date=dt.date(2026, 11, 2), sku="A", type="入库", qty=5)],
    }, keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {
        OrderLine: [OrderLine(order_no="T1", receiver="张三", phone="13800000000", address="浙江省杭州市文三路1号",
                              sku="A", qty=1, status="已审核")],
    }, keep_backup=False)
    return folder


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_stock_stop_names_its_workbook_once(tmp_path, lang):
    folder = _shop(tmp_path, lang)
    zh = lang == "zh"
    typed_in_openpyxl(folder / "stock.xlsx", "出入库" if zh else "Movements", {(2, "数量" if zh else "qty"): "5件"})
    for args in (["stock"], ["stock", "alerts"]):
        r = shopbook(*args, folder)
        assert r.returncode == 2, r.stdout + r.stderr
        said = flat(r.stderr)
        path = flat(str(folder / "stock.xlsx"))
        if zh:
            assert said.startswith(f"✗{path}：出入库：1个数据错误，先改正（shopbookvalidate）。第一个：stock.xlsx›出入库›D2"), said
        else:
            assert said.startswith(f"✗{path}:Movements:1dataerrortofixfirst(shopbookvalidate).First:stock.xlsx›Movements›D2"), said
            assert not CJK.search(said.replace("5件", ""))
        assert said.count("stock.xlsx") == 2  # the file, and the first error's cell


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_order_line_that_stops_stock_names_orders_once(tmp_path, lang):
    folder = _shop(tmp_path, lang)
    zh = lang == "zh"
    typed_in_openpyxl(folder / "orders.xlsx", "订单" if zh else "Orders", {(2, "数量" if zh else "qty"): "两件"})
    r = shopbook("stock", folder)
    assert r.returncode == 2, r.stdout + r.stderr
    said = flat(r.stderr)
    path = flat(str(folder / "orders.xlsx"))
    assert said.startswith(f"✗{path}：订单：1个数据错误" if zh else f"✗{path}:Orders:1dataerrortofixfirst"), said
    assert said.count("orders.xlsx") == 2, said
