"""QA: DOMAIN — out-of-season items are candidates to delist (the seeds' 过季的…宝贝可以下架). A 过季 SKU
that sold out with nothing on order was said nowhere: `stock alerts` skips 过季 (never restocked), `stock
slow` lists only SKUs with stock, so its listing stayed up with nothing to sell. Now `stock alerts` says
过季，已售完：可以下架 (the daily report with it), after the SKUs to restock and cut with them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopbook.schema import Movement, Product, PurchaseLine
from shopbook.shop import open_shop
from shopbook.stock.workflow import alerts_said, stock_alerts

TODAY = dt.date(2026, 12, 5)


def test_a_sold_out_out_of_season_sku_is_said_to_delist(stock_shop):
    P, M, day = Product, Movement, dt.date(2026, 11, 20)
    folder, lang = stock_shop({
        Product: [P(sku="COAT", name="羽绒服", cost=Decimal(200), price=Decimal(499), status="过季"),
                  P(sku="HAT", name="帽子", cost=Decimal(20), price=Decimal(59), opening_qty=2, status="过季"),
                  P(sku="GLOVE", name="手套", cost=Decimal(20), price=Decimal(59), status="过季"),
                  P(sku="TEE", name="T恤", cost=Decimal(20), price=Decimal(59), safety_stock=2,
                    lead_days=7)],
        Movement: [M(date=day, sku="COAT", type="入库", qty=4), M(date=day, sku="COAT", type="出库", qty=4),
                   M(date=day, sku="GLOVE", type="入库", qty=1), M(date=day, sku="GLOVE", type="出库", qty=1)],
        # GLOVE: sold out, but its last order is still to come: not yet to delist
        PurchaseLine: [PurchaseLine(po_no="CG1", supplier="甲厂", sku="GLOVE", qty=3, order_date=day, status="已下单")],
    })
    res = stock_alerts(open_shop(folder), TODAY)
    assert [a.sku for a in res] == ["TEE", "COAT"], res  # HAT still holds stock; to restock first
    coat = res[-1]
    assert coat.reorder_qty == 0 and coat.reasons == [("过季，已售完：可以下架（在平台下架后，把“状态”改为下架）",
                                                      ("out of season, sold out: can be delisted (delist it on the "
                                                       "platform, then set its status to delisted)"))]
    lg = 0 if lang == "zh" else 1
    said = [s[1 + lg] for s in alerts_said(res, shown=1)]  # the shop's language whole, cut as the other alerts
    assert said[0] == ("库存预警：2 个", "stock alerts: 2")[lg]
    assert len(said) == 3 and "TEE" in said[1] and "COAT" not in " ".join(said), said
    assert said[-1].startswith(("  … 还有 1 个", "  … and 1 more")), said
    line = next(s[1 + lg] for s in alerts_said(res) if "COAT" in s[1 + lg])
    assert ("过季，已售完：可以下架" if lang == "zh" else "out of season, sold out: can be delisted") in line
    assert (not any("\u4e00" <= c <= "\u9fff" for c in line.replace("羽绒服", ""))) if lang == "en" else "out of" not in line
