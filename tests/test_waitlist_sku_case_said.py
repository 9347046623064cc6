"""QA (客服's week): a 缺货登记 商家编码 typed in lower case (sh05-bg-m for SH05-BG-M) is not that product, as
validate says ("differs only in letter case: make it SH05-BG-M"); `stock waitlist` said instead that it was
"not in the Products sheet: if it is a new style still to be listed, they will be called once it is added",
of a product listed all along: a person added it again, or waited. Now the list says the code to type."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cli_run import CJK, shopbook
from shopbook.schema import Product, WaitlistEntry


def test_a_code_typed_in_lower_case_names_the_sku(stock_shop):
    folder, lang = stock_shop({
        Product: [Product(sku="SH05-BG-M", name="衬衫", cost=Decimal(20), price=Decimal(60))],
        WaitlistEntry: [WaitlistEntry(date=dt.date.today(), customer="小李", sku="sh05-bg-m"),
                        WaitlistEntry(date=dt.date.today(), customer="小王", sku="SH99-NEW")],
    })
    r = shopbook("stock", "waitlist", folder)
    err = r.stderr.replace("\n", " ")
    if lang == "zh":
        assert "商家编码“sh05-bg-m”和“SH05-BG-M”只差空格、全角半角或大小写：请改成“SH05-BG-M”，否则 小李 不会收到到货通知。" \
            in err, err
        assert err.count("新款") == 1 and "小王" in err, err  # a code of no product: still perhaps a new style
    else:
        assert "SKU 'sh05-bg-m' differs from 'SH05-BG-M' only in spaces, full or half width or letter case: make it " \
            "'SH05-BG-M', or 小李 will not be called." in err, err
        assert err.count("new style") == 1, err
        assert not CJK.search(err.replace("小李", "").replace("小王", "")), err
