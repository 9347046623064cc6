"""An English shop's order sheet in its own layout (an agent's, or lines typed by hand) with a SKU typed
in another letter case: the warning that it was read as our SKU named the column in Chinese
("› Orders › row 2 商家编码 = sh-wh-m"), and a blank agent id was said under 代理编号. The columns are
named as the shop's sheets head them: sku, agent_id."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
from cli_run import flat, shopbook

from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS, STOCK, OrderLine, Product
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

D = Decimal


def test_an_english_shops_typed_sku_in_another_case_is_said_under_the_english_header(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, "en")
    write_workbook(folder / "stock.xlsx", STOCK, "en", {Product: [
        Product(sku="SH-WH-M", name="Shirt", cost=D(30), price=D(99), bin="A-01")]}, keep_backup=False)
    typed = tmp_path / "typed-orders.xlsx"
    write_workbook(typed, ORDERS, "en", {OrderLine: [OrderLine(
        order_no="T-001", receiver="Amy", phone="13812345678", address="浙江省 杭州市 西湖区 文三路100号", sku="sh-wh-m",
        qty=1, unit_price=D("99.00"), paid_at=dt.datetime(2026, 11, 21, 9))]}, keep_backup=False)
    head = [c.value for c in openpyxl.load_workbook(typed)["Orders"][1]]
    assert "sku" in head  # the header the message should name
    r = shopbook("orders", "import", folder, typed)
    out = flat(r.stdout + r.stderr)
    assert "wasreadasSH-WH-M" in out and "商家编码" not in out and "sku='sh-wh-m'" in out, out
    # (a line of no source in the shop's own layout is an agent's: its blank agent id said under its header too)
    assert "Theagentidisblank" in out and "代理编号" not in out and "row2agent_id" in out, out
    res = import_orders(open_shop(folder), [typed])  # (imported already: the warning is said again)
    (said,) = [i for i in res.issues if "was read as SH-WH-M" in i.message_en]
    assert said.severity == "warning" and said.column == "sku" and said.value == "sh-wh-m"
