"""QA (客服's week): a style delisted (下架) while customers wait for a sold-out size of it is never
reordered; `stock alerts` said "tell the customers waiting", but `stock waitlist`, the list customer
service works from, said nothing: the customer waited on the list for goods that never come. Now the
waiting list says it at the customer's 已通知 cell (tell them, mark it; or set the product back to 在售);
not where goods of it are still on order, nor for a product on sale."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from cli_run import CJK, shopbook
from shopbook.schema import Product, PurchaseLine, WaitlistEntry

DAY = dt.date.today() - dt.timedelta(days=3)


def _shop(stock_shop, po=()):
    return stock_shop({
        Product: [Product(sku="OLD-S", name="旧款", cost=Decimal(20), price=Decimal(60), status="下架"),
                  Product(sku="OLD-M", name="旧款", cost=Decimal(20), price=Decimal(60), status="过季"),
                  Product(sku="NEW-S", name="新款", cost=Decimal(20), price=Decimal(60), safety_stock=1)],
        PurchaseLine: list(po),
        WaitlistEntry: [WaitlistEntry(date=DAY, customer="甲", sku="OLD-S"),
                        WaitlistEntry(date=DAY, customer="乙", sku="OLD-M"),
                        WaitlistEntry(date=DAY, customer="丙", sku="NEW-S")],
    })


def test_a_customer_waiting_for_a_delisted_size_is_said(stock_shop):
    folder, lang = _shop(stock_shop)
    r = shopbook("stock", "waitlist", folder)
    assert r.returncode == 0 and "丙" not in r.stderr, r.stdout + r.stderr
    err = r.stderr.replace("\n", " ")
    if lang == "zh":
        assert "缺货登记 › H2 已通知" in err and "OLD-S 已下架，不补货：甲 等的货不会来了。告诉客户后在“已通知”填“是”；" \
            "要继续卖，把“商品”表的“状态”改回在售。" in err, err
        assert "OLD-M 过季，不补货：乙 等的货不会来了。" in err and "要再进货，把" in err, err
    else:
        assert "Waitlist › H2 notified" in err and "OLD-S is delisted and not reordered: what 甲 waits for will not " \
            "come. Tell them, then type yes in their notified cell; to sell it again, set its status on the Products " \
            "sheet back to active." in err, err
        assert "OLD-M is out of season and not reordered: what 乙 waits for" in err, err
        assert not CJK.search(err.replace("甲", "").replace("乙", "")), err
    assert json.loads(shopbook("stock", "waitlist", folder, "--json").stdout) == []


def test_not_said_where_goods_are_on_order(stock_shop):
    folder, lang = _shop(stock_shop, [PurchaseLine(po_no="CG1", supplier="甲厂", sku="OLD-S", qty=2, order_date=DAY,
                                                   status="已下单")])
    err = shopbook("stock", "waitlist", folder).stderr
    assert "OLD-S" not in err and "OLD-M" in err, err
