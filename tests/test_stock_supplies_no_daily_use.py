"""QA: a 耗材 row with its 日均用量 left blank (胶带 40, 预警天数 7) showed "- 天" and was never said low until none was
left, whatever 预警天数 was typed: the shop thought its tape was watched. `stock supplies` now says which supplies have
no daily use, that no warning comes before they run out, and where to fill it in, in the shop's language; one with a
daily use (纸箱) or gone already (面单 0: said low as it is) is not named."""

from __future__ import annotations

from decimal import Decimal

from cli_run import CJK, flat, shopbook

from shopbook.schema import Supply


def test_a_supply_with_no_daily_use_is_said_unwatched(stock_shop):
    folder, lang = stock_shop({Supply: [Supply(name="面单", on_hand=0), Supply(name="tape", on_hand=40, alert_days=7),
                                        Supply(name="纸箱", on_hand=100, daily_use=Decimal(20), alert_days=7)]})
    r = shopbook("stock", "supplies", folder)
    assert r.returncode == 0, r.stdout + r.stderr
    said = flat(r.stdout)
    if lang == "zh":
        assert flat("! 没有日均用量的耗材（tape）算不出还够几天，用完之前不会提醒：请在 stock.xlsx 的“耗材”表填上日均用量（每天大约用几个）") in said
    else:
        assert flat("! no daily use for tape: the days left are not known, and no warning comes before it runs out: "
                    "fill in the daily use (about how many a day) on the Supplies sheet of stock.xlsx") in said
        assert not CJK.search(r.stdout.replace("面单", "").replace("纸箱", ""))
    assert "面单" not in said.split("!")[-1] and "纸箱" not in said.split("!")[-1]
