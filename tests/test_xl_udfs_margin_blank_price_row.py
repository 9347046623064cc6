"""=SB_MARGIN(A2:A3, C2:C3) with C3 left blank (the price not typed yet) answered the list price's margin for that row,
said nowhere, where SB_STOCK's and SB_BALANCE's column of days answers #N/A for a row left blank; one cell left blank
is still the price omitted (the list price), as SB_STOCK's day."""

from __future__ import annotations

from test_addin_udf_calls import MISSING, call_udf, mod  # noqa: F401  (mod: its fixture)
from test_functions import Caller


def test_a_blank_row_of_a_column_of_prices_is_na_not_the_list_price_margin(mod, demo_copy):
    caller = Caller(demo_copy / "stock.xlsx")
    listed = call_udf(mod, "SB_MARGIN", ["TS2601-NV-M", MISSING, None], caller)[0][0]
    at_50 = call_udf(mod, "SB_MARGIN", ["TS2601-NV-M", 50.0, None], caller)[0][0]
    assert isinstance(listed, float) and isinstance(at_50, float) and listed != at_50
    column = call_udf(mod, "SB_MARGIN", [(("TS2601-NV-M",), ("TS2601-NV-M",)), ((50.0,), (None,)), None], caller)
    assert column == [[at_50], ["#N/A"]], column
    # one SKU against a column of prices, the same
    assert call_udf(mod, "SB_MARGIN", ["TS2601-NV-M", ((None,), (50.0,)), None], caller) == [["#N/A"], [at_50]]
    # one cell left blank: the price omitted, the list price's margin, as before
    assert call_udf(mod, "SB_MARGIN", ["TS2601-NV-M", None, None], caller) == [[listed]]
