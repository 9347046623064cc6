"""QA (the stock keeper's week): a style taken down (下架) with goods still on the shelf, a customer on the
缺货登记 waiting for it. `stock waitlist` listed the customer to call, "it is back" (可用 4), for an item whose
listing is down: nobody can order it. Now the customer is not on the list to call; the waiting list says it at
their 已通知 cell, with what to do either way (list it again and set it back to 在售, or tell them and mark it),
and once the product is back on sale they are listed to call as before."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import openpyxl

from cli_run import CJK, shopbook
from shopbook.schema import Movement, Product, WaitlistEntry

DAY = dt.date.today() - dt.timedelta(days=3)


def _shop(stock_shop, status="下架"):
    return stock_shop({
        Product: [Product(sku="OLD-S", name="旧款", cost=Decimal(20), price=Decimal(60), status=status, opening_qty=5),
                  Product(sku="NEW-S", name="新款", cost=Decimal(20), price=Decimal(60), opening_qty=3)],
        Movement: [Movement(date=DAY - dt.timedelta(days=7), sku="OLD-S", type="出库", qty=1)],
        WaitlistEntry: [WaitlistEntry(date=DAY, customer="甲", sku="OLD-S"),
                        WaitlistEntry(date=DAY, customer="丙", sku="NEW-S")],
    })


def test_a_customer_waiting_for_a_delisted_item_on_the_shelf_is_not_called_but_told(stock_shop):
    folder, lang = _shop(stock_shop)
    r = shopbook("stock", "waitlist", folder)
    assert r.returncode == 0, r.stdout + r.stderr
    out, err = r.stdout, r.stderr.replace("\n", " ")
    assert "丙" in out and "甲" not in out and "OLD-S" not in out, out
    if lang == "zh":
        assert "缺货登记 › H2 已通知" in err and "OLD-S 已下架，但还有 4 件可用：甲 在等它，平台上却买不到" in err, err
        assert "先在平台重新上架，再把“商品”表的“状态”改回在售" in err and "告诉客户后在“已通知”填“是”" in err, err
    else:
        assert "Waitlist › H2 notified" in err and "OLD-S is delisted but 4 are available: 甲 waits for it and " \
            "cannot buy it on the platform" in err, err
        assert "set its status on the Products sheet back to active" in err and "type yes in their notified" in err
        assert not CJK.search(err.replace("甲", "")), err
    calls = json.loads(shopbook("stock", "waitlist", folder, "--json").stdout)
    assert [c["customer"] for c in calls] == ["丙"], calls


def test_back_on_sale_the_customer_is_called(stock_shop):
    folder, lang = _shop(stock_shop, status="在售")
    r = shopbook("stock", "waitlist", folder)
    assert "甲" in r.stdout and "OLD-S" not in r.stderr, r.stdout + r.stderr
    # out of season is still on sale: called, as before
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws = wb.worksheets[0]
    col = next(c.column for c in ws[1] if c.value in ("状态", "status"))
    ws.cell(2, col, "过季" if lang == "zh" else "out of season")
    wb.save(folder / "stock.xlsx")
    r = shopbook("stock", "waitlist", folder)
    assert "甲" in r.stdout and "OLD-S" not in r.stderr, r.stdout + r.stderr
