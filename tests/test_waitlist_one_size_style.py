"""QA: a one-size item (a tote bag, a hat: 商品's 尺码 blank) is noted on the 缺货登记 by its 款号 alone, or its 款号 and
colour, or with 均码 for the size. Each such customer was never called once the bag came back in ("没有商家编码，也没有款号+
尺码", or "没有款号+尺码为“BAG 均码”的商品"), the waiting list not counted in its reorder, and `validate` said an error of
a row the waiting list itself read (款号 + 颜色, no size). Now the style's SKUs of what is typed name the SKU where they
are one; where they are several, the colour or the size to fill in is said at its cell, with the choices."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from cli_run import shopbook

from shopbook.schema import Movement, Product, WaitlistEntry
from shopbook.shop import open_shop
from shopbook.stock import workflow as W

DAY = dt.date(2026, 12, 1)


def _p(sku, style, colour, size, qty):
    return Product(sku=sku, style=style, name="包", colour=colour, size=size, cost=Decimal(20), price=Decimal(60),
                   opening_qty=qty, safety_stock=1, status="在售")


def test_a_one_size_style_noted_by_its_style_is_called(stock_shop):
    folder, lang = stock_shop({
        Product: [_p("BAG-BK", "BAG", "黑", None, 0), _p("HAT-RD", "HAT", "红", None, 0), _p("HAT-BK", "HAT", "黑", None, 0),
                  _p("CAP-BK-S", "CAP", "黑", "S", 0), _p("CAP-BK-M", "CAP", "黑", "M", 0),
                  *(_p(f"TEE-{c}-{z}", "TEE", c, z, 0) for c in ("白", "黑") for z in ("S", "M"))],
        Movement: [Movement(date=DAY + dt.timedelta(days=3), sku=s, type="入库", qty=10, ref="PO1")
                   for s in ("BAG-BK", "HAT-RD", "HAT-BK", "CAP-BK-S", "CAP-BK-M")],
        WaitlistEntry: [WaitlistEntry(date=DAY, customer="小美", style="BAG"),  # its style alone
                        WaitlistEntry(date=DAY, customer="小芳", style="bag", size="均码"),  # 均码 for a blank size
                        WaitlistEntry(date=DAY, customer="小丽", style="BAG", colour="黑色"),
                        WaitlistEntry(date=DAY, customer="小红", style="HAT"),  # two colours: which one?
                        WaitlistEntry(date=DAY, customer="小青", style="CAP", colour="黑"),  # two sizes: which one?
                        WaitlistEntry(date=DAY, customer="小兰", style="TEE")]})  # both to fill in
    shop = open_shop(folder)
    w = W.waitlist(shop, DAY + dt.timedelta(days=5))
    assert sorted((c.customer, c.sku) for c in w.calls) == [("小丽", "BAG-BK"), ("小美", "BAG-BK"), ("小芳", "BAG-BK")]
    said = {i.message_zh.split("：")[0]: (i.column, i.message_en) for i in w.warnings}
    assert said == {
        "款号 HAT 有 2 个颜色（红、黑）": ("颜色" if lang == "zh" else "colour",
                                  "Style HAT comes in 2 colours (红, 黑): give the colour, or 小红 will not be called."),
        "款号 CAP 黑 有 2 个尺码（S、M）": ("尺码" if lang == "zh" else "size",
                                   "Style CAP in 黑 comes in 2 sizes (S, M): give the size, or 小青 will not be called."),
        "款号 TEE 有 2 个颜色（白、黑）": ("颜色" if lang == "zh" else "colour",
                                  "Style TEE comes in 2 colours (白, 黑): give the colour and the size (S, M), or 小兰 "
                                  "will not be called.")}
    assert [i.message_zh for i in w.warnings if "小兰" in i.message_zh] == [
        "款号 TEE 有 2 个颜色（白、黑）：请填颜色和尺码（S、M），否则 小兰 不会收到到货通知。"]
    # before they came in, the alert counted the customers waiting for the bag
    alerts = {a.sku: a for a in W.stock_alerts(shop, DAY + dt.timedelta(days=1))}
    assert alerts["BAG-BK"].waiting == 3 and alerts["BAG-BK"].reorder_qty >= 3
    # validate: no error for a row the waiting list reads; the colour and the size to fill in, at their cells
    v = json.loads(shopbook("validate", folder, "--json").stdout)
    mine = sorted((i["severity"], i["row"], i["column"]) for i in v if i["sheet"] in ("缺货登记", "Waitlist"))
    assert mine == [("warning", 5, "颜色" if lang == "zh" else "colour"), ("warning", 6, "尺码" if lang == "zh" else "size"),
                    ("warning", 7, "颜色" if lang == "zh" else "colour")]
