"""A platform's code that is none of our SKUs nor in the SKU map was said twice by `orders import`: once among the
unknown SKUs ('! 1 unknown SKU … – ZZ-999: file › row 3, order …') and again below as the SKU map's warning of the
same code, its file, row and order. It is said once, by that warning (its platform, lines, first place, and what
to do: the SKU map, a new product, or a typo on the platform), in the shop's language; a code typed in an agent's
sheet, which no warning says, is still listed."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from cli_run import flat, shopbook
from shopbook.schema import STOCK, Product
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook
from taobao_fixtures import detail_row, order_row, write_pair


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_unknown_code_of_an_export_is_said_once(tmp_path, lang):
    folder = tmp_path / "shop"
    init_shop(folder, lang, "演示服装店" if lang == "zh" else "Blue Shirt Co")
    write_workbook(folder / "stock.xlsx", STOCK, lang, {Product: [
        Product(sku="SH-WH-M", name="白衬衫", cost=D(30), price=D("99.00"), opening_qty=10, barcode="6900000000011")]},
        keep_backup=False)
    rows, details = [], []
    for no, sku in (("3515000000000020201", "SH-WH-M"), ("3515000000000020202", "ZZ-999")):
        rows.append(order_row(no, "tb_amy", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                              "2026-11-21 09:00:00", goods="99.00"))
        details.append(detail_row(no, "衬衫", "99.00", "1", sku))
    a, b = write_pair(tmp_path / "in", rows, details, stamp="202611210930")
    agent = tmp_path / "in" / "agent.csv"
    agent.write_text("订单编号,代理编号,收货人,手机,收货地址,商家编码,数量\n"
                     "A3,AG01,王五,13812345670,浙江省杭州市西湖区文三路3号,XX-NOPE,1\n", encoding="utf-8")
    run = shopbook("orders", "import", folder, a, b, agent)
    out = flat(run.stdout + run.stderr)
    # (its agent not on the Agents sheet: an error of its own, exit 1)
    if lang == "zh":
        assert "ZZ-999：" not in out and "未知商家编码1个" in out and "XX-NOPE：agent.csv" in out, out
        assert flat(f"编码“ZZ-999”不是我们的商家编码，商品映射表里也没有（1 行，第一处：{b.name} 第 3 行，"
                    "订单 3515000000000020202）") in out and flat("若它是新商品，在 stock.xlsx 的“商品”表中添加它") in out
    else:
        assert "ZZ-999:" not in out and "1unknownSKU" in out and "XX-NOPE:agent.csv" in out, out
        assert flat(f"code 'ZZ-999' is not one of our SKUs nor in the SKU map (1 line; first in {b.name}, row 3, "
                    "order 3515000000000020202)") in out and flat("if it is a new product, add it") in out


def test_an_unknown_code_an_agents_sheet_has_too_is_still_listed_for_its_lines(tmp_path):
    """(review) ZZ-999 on a 淘宝 line (the SKU map's warning counts it) and on an agent's sheet (5 units): the list of
    unknown SKUs left it out as said by the warning, which counts the 淘宝 line alone: the agent's line said nowhere."""
    from shopbook.orders.workflow import import_orders
    from shopbook.shop import open_shop

    folder = tmp_path / "shop"
    init_shop(folder, "zh", "店")
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="SH-WH-M", name="白衬衫", cost=D(30), price=D("99.00"), opening_qty=10)]}, keep_backup=False)
    rows, details = [], []
    for no, sku in (("3515000000000020201", "SH-WH-M"), ("3515000000000020202", "ZZ-999")):
        rows.append(order_row(no, "tb_amy", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                              "2026-11-21 09:00:00", goods="99.00"))
        details.append(detail_row(no, "衬衫", "99.00", "1", sku))
    files = list(write_pair(tmp_path / "in", rows, details, stamp="202611210930"))
    agent = tmp_path / "in" / "agent.csv"
    agent.write_text("订单编号,代理编号,收货人,手机,收货地址,商家编码,数量\nA3,AG01,王五,13812345670,浙江省杭州市西湖区文三路3号,"
                     "ZZ-999,5\n", encoding="utf-8")
    res = import_orders(open_shop(folder), [*files, agent])
    said = "\n".join(x[1] for x in res.said(10))
    assert "未知商家编码 1 个" in said and "– ZZ-999：" in said, said
