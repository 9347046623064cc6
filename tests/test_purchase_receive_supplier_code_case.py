"""A supplier's 货号 typed off its delivery note in lower case (ja-100-m for the 商品 sheet's JA-100-M), as a SKU so
typed is found. Before: an unknown code, the 12 shirts not posted and said 未到 20, the advice to add the 货号 to
商品 which already has it. The shop is test_purchasing's (甲厂's draft CG20261122-01: A×20, B×10; A's 货号 JA-100-M,
B's JA-100-L)."""

from __future__ import annotations

from shopbook.purchasing import receive as R
from shopbook.purchasing import workflow as W

from test_purchasing import TODAY, _scan, d, products, shop  # noqa: F401 - the fixture


def test_a_supplier_code_typed_in_lower_case_is_its_product(shop, tmp_path):  # noqa: F811
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    r = W.purchase_receive(shop, _scan(tmp_path, "note.txt", "ja-100-m,12\nＪＡ－100－l,10\n"), "CG20261122-01",
                           d("11-25"))
    assert {x.sku: (x.now, x.result) for x in r.lines} == {"A": (12, "short"), "B": (10, "complete")}
    assert not r.wrong and [(m.sku, m.qty) for m in r.movements] == [("A", 12), ("B", 10)]


def test_a_supplier_code_two_products_differ_in_only_by_case_is_neither():
    """甲厂's jx-1 for A and JX-1 for B: ja… in lower case is not guessed (both stay exact)."""
    ps = products()
    ps[0].supplier_code, ps[1].supplier_code = "jx-1", "JX-1"
    m = R._code_map(ps, "甲厂", codes=["Jx-1", "jx-1", "JX-1"])
    assert "Jx-1" not in m and m["jx-1"] == "A" and m["JX-1"] == "B"
