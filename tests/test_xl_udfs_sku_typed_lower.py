"""A SKU typed in a cell as people type it (ts2601-nv-m, the stock sheet's TS2601-NV-M in lower case) was #N/A
"unknown SKU" from SB_STOCK, SB_AVAILABLE, SB_MARGIN…, though the sheets hold one SKU that reads so: it is that
SKU's answer, letter case aside as values.code_key reads a code (the 商品 sheet never holds two SKUs alike so: a
duplicate there stops every answer until it is fixed)."""

from __future__ import annotations

from test_addin_udf_calls import MISSING, call_udf, mod  # noqa: F401  (mod: its fixture)
from test_functions import Caller


def test_a_sku_typed_in_lower_case_is_the_stock_sheets_sku(mod, demo_copy):
    caller = Caller(demo_copy / "orders.xlsx")
    for name, rest in [("SB_STOCK", [MISSING]), ("SB_AVAILABLE", []), ("SB_MARGIN", [MISSING]),
                       ("SB_ON_ORDER", []), ("SB_REORDER_QTY", [])]:
        as_sheet = call_udf(mod, name, ["TS2601-NV-M", *rest, None], caller)
        assert isinstance(as_sheet[0][0], float | int), (name, as_sheet)
        assert call_udf(mod, name, ["ts2601-nv-m", *rest, None], caller) == as_sheet, name
        assert call_udf(mod, name, [" Ts2601-Nv-M ", *rest, None], caller) == as_sheet, name
    # a column of them, each row its own SKU's
    column = call_udf(mod, "SB_STOCK", [(("ts2601-nv-m",), ("TS2601-NV-M",), ("ts2601-nv-zz",)), MISSING, None], caller)
    assert column[0] == column[1] and column[2] == ["#N/A"], column
