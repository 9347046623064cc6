"""QA: customer service notes the size as it is said, M码 or L号 (款号、码数): a 缺货登记 row of style S1,
colour 白, size M码 matched no product (the 商品 sheet has M), so its customer was never called, only a
warning in `stock waitlist` saying there is no such product. The size's 码 / 号 is now set aside.
The shop of test_stock (today 2026-11-22): S1 白 M is A (10 on hand)."""

from __future__ import annotations

from test_stock import TODAY, d, shop  # noqa: F401  (shop is the fixture)
from test_stock_checks import append

from shopbook.schema import STOCK
from shopbook.stock import workflow as W


def test_a_size_written_m_ma_is_the_m(shop):  # noqa: F811
    append(shop.path(STOCK), "缺货登记", [{"登记日期": d("11-09"), "客户": "戊", "款号": "S1", "颜色": "白", "尺码": "M码"},
                                       {"登记日期": d("11-09"), "客户": "己", "款号": "S1", "尺码": "m号"}])
    w = W.waitlist(shop, TODAY)
    assert {(c.customer, c.sku) for c in w.calls} >= {("戊", "A"), ("己", "A")}, w.calls
    assert not [i for i in w.warnings if "戊" in i.message_zh or "己" in i.message_zh], w.warnings


def test_a_colour_written_with_or_without_its_se_is_the_same(shop):  # noqa: F811
    """The 商品 sheet says 白, customer service 白色 (or the other way round): matched no product, never called."""
    append(shop.path(STOCK), "缺货登记", [{"登记日期": d("11-09"), "客户": "庚", "款号": "S1", "颜色": "白色", "尺码": "M"}])
    w = W.waitlist(shop, TODAY)
    assert ("庚", "A") in {(c.customer, c.sku) for c in w.calls} and not [i for i in w.warnings if "庚" in i.message_zh]
