"""=SB_AGENT_PRICE("ts2601-nv-m", "金牌"), the SKU in lower case, was #N/A "unknown SKU" where SB_STOCK and SB_MARGIN
read it as the 商品 sheet's TS2601-NV-M; and in an English shop a tier typed "gold" for the Tiers sheet's Gold was #N/A
"unknown agent or tier", though an agent id typed "dl001" is DL001's."""

from __future__ import annotations

from test_addin_udf_calls import call_udf, mod  # noqa: F401  (mod: its fixture)
from test_functions import Caller


def test_an_agent_price_of_a_sku_typed_in_lower_case(mod, demo_copy):
    caller = Caller(demo_copy / "agents.xlsx")
    for who in ("金牌", "DL001", "银牌"):
        as_sheet = call_udf(mod, "SB_AGENT_PRICE", ["TS2601-NV-M", who, None], caller)
        assert isinstance(as_sheet[0][0], float), (who, as_sheet)
        assert call_udf(mod, "SB_AGENT_PRICE", ["ts2601-nv-m", who, None], caller) == as_sheet, who
        assert call_udf(mod, "SB_AGENT_PRICE", [" Ts2601-Nv-M ", who, None], caller) == as_sheet, who
    assert call_udf(mod, "SB_AGENT_PRICE", ["ts2601-nv-zz", "金牌", None], caller) == [["#N/A"]]


def test_an_english_shops_tier_typed_in_lower_case(mod, tmp_path):
    from demo_shop import demo_copy

    folder = demo_copy(tmp_path / "shop", "en")
    caller = Caller(folder / "agents.xlsx")
    for tier in ("Gold", "Silver"):
        as_sheet = call_udf(mod, "SB_AGENT_PRICE", ["TS2601-NV-M", tier, None], caller)
        assert isinstance(as_sheet[0][0], float), (tier, as_sheet)
        assert call_udf(mod, "SB_AGENT_PRICE", ["TS2601-NV-M", tier.lower(), None], caller) == as_sheet, tier
        assert call_udf(mod, "SB_AGENT_PRICE", ["TS2601-NV-M", f" {tier.upper()} ", None], caller) == as_sheet, tier
    assert call_udf(mod, "SB_AGENT_PRICE", ["TS2601-NV-M", "Bronze", None], caller) == [["#N/A"]]
