"""不低于 7 折: a shop's own order line sold below 70 % of its list price outside the platform's big
events is a warning at its 单价 cell (the price, the list price, the 折, what to do); on the days of a
大促 row of the 促销 sheet (双12), an agent's line (the agent price), a line at 0 (a gift, a make-good)
it is none. QA: nothing checked it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from test_orders import build_shop

from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, OrderLine, Promotion, ShippingRate
from shopbook.validate import validate_path
from shopbook.workbook_builder import write_workbook


def _line(no, sku, price, day, **kw):
    return OrderLine(order_no=no, source=kw.pop("source", "淘宝"), paid_at=dt.datetime.combine(day, dt.time(10)),
                     receiver="王芳", phone="13812345678", address="浙江省 杭州市 西湖区 文三路100号", sku=sku, qty=1,
                     unit_price=D(price), status="已发货", **kw)


def test_a_price_below_7_zhe_is_warned_outside_a_big_event(tmp_path):
    shop = build_shop(tmp_path)
    ow = read_workbook(shop.path(ORDERS), ORDERS)
    today = dt.date.today()  # (validate's: this month's and last month's lines are checked)
    ordinary, event, long_ago = today - dt.timedelta(days=2), today - dt.timedelta(days=1), today - dt.timedelta(days=70)
    promos = ow.rows(Promotion) + [Promotion(name="双12", kind="大促", start=event, end=event),
                                   Promotion(name="淘金币", kind="大促")]  # no start: no day of it, said
    lines = [_line("T1", "SH-WH-M", "59.00", ordinary),  # 5.9 折 on an ordinary day: warned
             _line("T2", "SH-WH-M", "59.00", event),  # on 双12: allowed
             _line("T3", "SH-BK-M", "69.30", ordinary),  # 99 × 0.7 exactly: at the floor
             _line("T4", "SH-BK-M", "50.00", ordinary, source="代理", agent_id="DL001"),  # the agent price
             _line("T5", "SH-WH-L", "0.00", ordinary, source="手工"),  # a make-good sent free
             _line("T6", "SH-WH-M", "49.50", long_ago),  # months ago: today's 售价 is no measure of it
             _line("T7", "SH-BK-M", "66.00", ordinary, platform_code="SET-A×1")]  # a bundle's part
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: lines, Promotion: promos,
                                                      ShippingRate: ow.rows(ShippingRate)}, keep_backup=False)
    v = validate_path(shop.folder)
    floor = [i for i in v.warnings if i.field == "unit_price"]
    assert [(i.book, i.sheet, i.cell, i.value) for i in floor] == [("orders.xlsx", "订单", "L2", "59.00"),
                                                                   ("orders.xlsx", "订单", "L8", "66.00")], floor
    zh, en = floor[0].message_zh, floor[0].message_en
    assert zh.startswith(f"单价 59.00 是售价 99.00 的 5.9 折，低于 7 折（69.30）：{ordinary} 不是大促日"), zh
    assert "“促销”表加一行类型“大促”" in zh
    assert en.startswith("The unit price 59.00 is 59 % of the list price 99.00, below the 70 % floor (69.30): no big "
                         f"event ran on {ordinary}, and outside one the price stays at 70 % of list or above."), en
    assert "（这一行由 SET-A×1 拆出，单价是套装价格按售价比例分摊的" in floor[1].message_zh
    [no_start] = [i for i in v.warnings if i.field == "start"]
    assert no_start.message_zh.startswith("大促“淘金币”没有开始日期") and no_start.cell == "F4"


def test_a_tier_floor_below_7_zhe_is_warned(tmp_path):
    """The agents' price sheets print a 最低零售价 from the tier's 最低零售折扣 (blank: shopbook.toml's
    floor_discount): one below 0.7 let agents sell under 7 折 on ordinary days, unsaid."""
    from shopbook.schema import AGENTS, STOCK, Product, Tier
    from shopbook.shop import init_shop

    folder = tmp_path / "shop"
    init_shop(folder)
    cfg = folder / "shopbook.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("floor_discount = 0.7", "floor_discount = 0.65"), "utf-8")
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [Product(sku="P1", name="衬衫", cost=D(30),
                                                                          price=D(100))]}, keep_backup=False)
    write_workbook(folder / "agents.xlsx", AGENTS, "zh", {Tier: [
        Tier(tier="金牌", discount=D("0.5"), floor=D("0.6")), Tier(tier="银牌", discount=D("0.55")),
        Tier(tier="铜牌", discount=D("0.6"), floor=D("0.7"))]}, keep_backup=False)
    floors = [i for i in validate_path(folder).warnings if i.field == "floor"]
    assert [(i.book, i.cell, i.value) for i in floors] == [("agents.xlsx", "C2", "0.6"), ("agents.xlsx", "C3", "")]
    assert floors[0].message_zh.startswith("等级“金牌”的最低零售折扣 0.6 是 6 折，低于 7 折")
    assert "（空着，按 shopbook.toml 的 [agents] floor_discount）是 6.5 折" in floors[1].message_zh


def test_a_gift_promotion_that_never_applies_is_said(tmp_path):
    """QA: a 满就送 row typed for 双12 without its 门槛金额, or without its 赠品编码, or ending before it
    starts, was left out of every pick list (no gift went out) and validate said nothing."""
    import openpyxl

    shop = build_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    for row in (["双12满299送", "满就送", None, "GIFT-1", 1, "2026-12-12", "2026-12-12", "是"],
                ["双12满399送", "满就送", "399", None, 1, "2026-12-12", "2026-12-12", None],
                ["双12满减", "满减", "300", None, None, "2026-12-12", "2026-12-11", "是"],
                ["旧满就送", "满就送", None, None, None, None, None, "否"]):  # switched off: none
        wb["促销"].append(row)
    wb.save(shop.path(ORDERS))
    said = [(i.cell, i.message_zh) for i in validate_path(shop.folder).warnings if i.sheet == "促销"]
    assert said == [("C3", "满就送“双12满299送”没有门槛金额（满多少送）：拣货单不会按它加赠品。请填上门槛金额（满多少送）。"),
                    ("D4", "满就送“双12满399送”没有赠品编码：拣货单不会按它加赠品。请填上赠品编码。"),
                    ("G5", "促销“双12满减”的结束日期 2026-12-11 早于开始日期 2026-12-12：它一天也不会生效。请改正其中一个。")], said


def test_a_sku_twice_on_the_products_sheet_is_no_crash(tmp_path):
    """A 商品 row copied down for a gift at 0.00 (the SKU twice: validate's error): the 7 折 check divided
    by the second row's 0 and validate ended in a traceback."""
    from shopbook.schema import STOCK, Product
    from shopbook.shop import init_shop

    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [Product(sku="P1", name="衬衫", cost=D(30), price=D(99)),
                                                                   Product(sku="P1", name="赠品", cost=D(0), price=D(0))]},
                   keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [_line("T1", "P1", "50.00", dt.date.today())]},
                   keep_backup=False)
    v = validate_path(folder)
    assert [(i.book, i.cell) for i in v.errors] == [("stock.xlsx", "A3")], v.issues


def test_a_gift_listed_at_one_fen_is_no_sale_below_7_zhe(tmp_path):
    """QA: a ¥0.01 gift listing (the 收藏有礼 gift, 售价 15.00 on 商品, that the buyer adds at the platform's least
    price) was warned as sold at 0 折 on every validate for two months. A 0.01 line of a 促销 row's 赠品编码 is no
    sale; a 0.01 line of an SKU no promotion gives stays warned, and so does a 1.00 line (a 满X+1元换购 line cannot
    be told from a price typed wrong: no 促销 kind or export column says it)."""
    from test_orders import add_products, product

    shop = build_shop(tmp_path)
    add_products(shop, product("BAG-1", "GF", "", "", "Z-09-8", "0690000000062", 50, price="15.00"))
    ow = read_workbook(shop.path(ORDERS), ORDERS)
    day = dt.date.today() - dt.timedelta(days=1)
    promos = ow.rows(Promotion) + [Promotion(name="收藏有礼", kind="收藏有礼", gift_sku="BAG-1", gift_qty=1)]
    lines = [_line("T1", "BAG-1", "0.01", day), _line("T2", "SH-WH-M", "0.01", day), _line("T3", "SH-WH-M", "1.00", day)]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: lines, Promotion: promos,
                                                      ShippingRate: ow.rows(ShippingRate)}, keep_backup=False)
    floor = [i for i in validate_path(shop.folder).warnings if i.field == "unit_price"]
    assert [(i.cell, i.value) for i in floor] == [("L3", "0.01"), ("L4", "1.00")], floor
