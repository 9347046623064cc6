"""QA (the stock keeper's month end): stock age aged every unit of a SKU from its last receipt. A shop whose books
began 100 days ago with 50 coats of opening stock, none sold, took in 5 more three days ago: `stock slow`
listed the coat "never sold" and put all 55 (¥2,750) at 0–30 days, the 100-day-old stock hidden in the newest
bucket. Units are now aged first in first out: the 5 received are 0–30, the 50 of opening stock the oldest
(>90), as a SKU never received always was; a receipt that covers all on hand ages it all from that day."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from cli_run import CJK, shopbook
from shopbook.schema import Movement, Product

TODAY = dt.date.today()


def _d(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def test_opening_stock_stays_old_when_a_few_more_come_in(stock_shop):
    P, M = Product, Movement
    folder, lang = stock_shop({
        P: [P(sku="COAT-M", name="大衣", cost=Decimal(50), price=Decimal(299), opening_qty=50),
            # 30 in 100 days ago, 20 more 45 days ago, 25 sold since: the 25 left are the last 20 and 5 of the first
            P(sku="TEE-M", name="T恤", cost=Decimal(10), price=Decimal(49)),
            # all of its stock from one receipt 10 days ago (opening sold out): 0–30 alone
            P(sku="CAP", name="帽子", cost=Decimal(5), price=Decimal(29), opening_qty=4)],
        M: [M(date=_d(3), sku="COAT-M", type="入库", qty=5, ref="CG3"),
            M(date=_d(100), sku="TEE-M", type="入库", qty=30, ref="CG1"),
            M(date=_d(45), sku="TEE-M", type="入库", qty=20, ref="CG2"),
            M(date=_d(20), sku="TEE-M", type="出库", qty=25, ref="T1"),
            M(date=_d(15), sku="CAP", type="出库", qty=4, ref="T2"),
            M(date=_d(10), sku="CAP", type="入库", qty=6, ref="CG4")]})
    r = shopbook("stock", "slow", folder, "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    got = json.loads(r.stdout)
    assert [(s["sku"], s["last_sale"]) for s in got["slow"]] == [("COAT-M", None)], got["slow"]  # never sold
    ages = got["ages"]
    assert ages["0–30"] == {"skus": 2, "units": 11, "value": "280.00"}, ages  # 5 coats, 6 caps
    assert ages["31–60"] == {"skus": 1, "units": 20, "value": "200.00"}, ages  # 20 T-shirts of 45 days
    assert ages["61–90"] == {"skus": 0, "units": 0, "value": "0"}, ages
    assert ages[">90"] == {"skus": 2, "units": 55, "value": "2550.00"}, ages  # 50 coats of opening, 5 T-shirts of 100 days
    out = shopbook("stock", "slow", folder).stdout
    if lang == "zh":
        assert "库龄（按入库日期，先进先出；期初库存算最久）：" in out and "0–30: 2 个 SKU，11 件，¥280.00" in out, out
        assert ">90: 2 个 SKU，55 件，¥2,550.00" in out, out
    else:
        assert "stock age (by the day received, first in first out; opening stock the oldest):" in out, out
        assert ">90: 2 SKUs, 55 units, ¥2,550.00" in out, out
        assert not CJK.search(out), out


def test_the_stock_age_total_counts_each_sku_once_and_says_those_in_several_ranges(stock_shop):
    """QA (the stock keeper adding up `stock slow`'s stock age): a SKU whose units on hand are of two ages (5
    coats received 3 days ago beside 50 of opening stock) is counted in each range it has units in, so the
    ranges said 2 + 1 + 0 + 2 SKUs of a shop holding 3, and nothing said why the SKUs did not add up to the
    stock. Now a total line gives the SKUs on hand each once, with all their units and value (the ranges' units
    and value add up to it), and says how many SKUs are in more than one range; `--json` gives it as ages_total."""
    P, M = Product, Movement
    folder, lang = stock_shop({
        P: [P(sku="COAT-M", name="大衣", cost=Decimal(50), price=Decimal(299), opening_qty=50),
            P(sku="TEE-M", name="T恤", cost=Decimal(10), price=Decimal(49)),
            P(sku="CAP", name="帽子", cost=Decimal(5), price=Decimal(29), opening_qty=4),
            P(sku="SOLD-OUT", name="围巾", cost=Decimal(20), price=Decimal(59), opening_qty=2)],
        M: [M(date=_d(3), sku="COAT-M", type="入库", qty=5, ref="CG3"),
            M(date=_d(100), sku="TEE-M", type="入库", qty=30, ref="CG1"),
            M(date=_d(45), sku="TEE-M", type="入库", qty=20, ref="CG2"),
            M(date=_d(20), sku="TEE-M", type="出库", qty=25, ref="T1"),
            M(date=_d(15), sku="CAP", type="出库", qty=4, ref="T2"),
            M(date=_d(10), sku="CAP", type="入库", qty=6, ref="CG4"),
            M(date=_d(5), sku="SOLD-OUT", type="出库", qty=2, ref="T3")]})
    r = shopbook("stock", "slow", folder, "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    got = json.loads(r.stdout)
    ages = got["ages"]
    assert sum(v["skus"] for v in ages.values()) == 5  # the coat and the T-shirt each in two ranges
    assert got["ages_total"] == {"skus": 3, "units": 86, "value": "3030.00", "skus_in_several": 2}, got
    assert sum(v["units"] for v in ages.values()) == 86
    assert sum(Decimal(v["value"]) for v in ages.values()) == Decimal("3030.00")
    out = shopbook("stock", "slow", folder).stdout
    if lang == "zh":
        assert "合计: 3 个 SKU，86 件，¥3,030.00（其中 2 个 SKU 的货分属几个库龄段，每段都算了它一次" in out, out
    else:
        assert "total: 3 SKUs, 86 units, ¥3,030.00 (2 SKUs of them have units of several ages and are counted in each" \
            in out, out
        assert not CJK.search(out), out
