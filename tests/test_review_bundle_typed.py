"""A bundle's code (a 商品映射 code: SET-1 = SH-WH-M × 1 + SH-BK-M × 2) typed by hand into 订单, where only
the import expands it: the review held the order "商家编码 SET-1 不存在", though the shop has it, mapped. The
hold says what it is and what to type, as validate does, in the shop's language."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cli_run import flat, shopbook
from shopbook.schema import ORDERS, OrderLine, SkuMap
from shopbook.workbook_builder import write_workbook
from test_orders import build_shop, lines_of


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_bundle_code_typed_into_an_order_is_held_saying_its_parts(tmp_path, lang):
    shop = build_shop(tmp_path)
    if lang == "en":
        toml = shop.folder / "shopbook.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    lines = [OrderLine(order_no=no, receiver="王芳", phone="13812345678", address=f"浙江省 杭州市 西湖区 文三路{n}号",
                       sku=sku, qty=1, unit_price=Decimal("150.00"), status="待审核")
             for n, (no, sku) in enumerate((("B1", "SET-1"), ("B2", "ONE-1"), ("B3", "NOPE-9")))]
    maps = [SkuMap(code="SET-1", sku="SH-WH-M", qty=1), SkuMap(code="SET-1", sku="SH-BK-M", qty=2),
            SkuMap(code="ONE-1", sku="SH-WH-M", qty=1)]
    write_workbook(shop.path(ORDERS), ORDERS, lang, {OrderLine: lines, SkuMap: maps}, keep_backup=False)
    r = shopbook("orders", "review", shop.folder)
    assert r.returncode == 0, r.stdout + r.stderr
    said = flat(r.stdout)
    review = {ln.order_no: ln.review for ln in lines_of(shop)}
    if lang == "zh":
        assert ("挂起B1：SET-1是“商品映射”表里的平台编码（=SH-WH-M×1、SH-BK-M×2），不是我们的商家编码："
                "请在订单表拆成这几行：SH-WH-M×1、SH-BK-M×2（数量按件数乘上）") in said, r.stdout
        assert "挂起B2：ONE-1是“商品映射”表里的平台编码（=SH-WH-M×1），不是我们的商家编码：请在订单表改填SH-WH-M" in said
        assert "挂起B3：商家编码NOPE-9不存在" in said
        assert review["B1"].startswith("自动挂起：SET-1 是“商品映射”表里的平台编码")
    else:
        assert ("heldB1:SET-1isaplatformcodeontheSKUmap(=1×SH-WH-M,2×SH-BK-M),notoneofourSKUs:typeitasthese"
                "linesontheorderssheet:1×SH-WH-M,2×SH-BK-M(timesitsquantity)") in said, r.stdout
        assert "heldB2:ONE-1isaplatformcodeontheSKUmap(=1×SH-WH-M),notoneofourSKUs:typeSH-WH-Minitsplace" in said
        assert "heldB3:unknownSKUNOPE-9" in said
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in r.stdout.replace("王芳", "").replace("浙江省", ""))
