"""`daily --date D` run again with nothing changed says its results stand and how to run every
step anyway: it said `shopbook daily --force`, which (the shop added) makes yesterday's report,
not D's. It now gives the command for this shop and this day."""

from __future__ import annotations

from cli_run import flat, shopbook
import pytest


@pytest.fixture
def demo_copy(tmp_path):
    """The demo shop of its last 25 days (tests/demo_shop.november_copy): what these tests read is there, a fifth
    the size of the whole demo's 120 days."""
    from demo_shop import november_copy

    return november_copy(tmp_path / "shop")



def test_the_command_to_run_again_names_the_shop_and_the_day(demo_copy):
    first = shopbook("daily", demo_copy, "--date", "2026-11-21")
    assert first.returncode == 0, first.stdout + first.stderr
    again = shopbook("daily", demo_copy, "--date", "2026-11-21")
    assert again.returncode == 0 and "已经做完" in flat(again.stdout), again.stdout + again.stderr
    assert flat(f"要全部重跑：shopbook daily {demo_copy} --date 2026-11-21 --force") in flat(again.stdout)
