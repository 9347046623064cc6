"""A shop with no agents (the 代理商 sheet as the template left it) pressing 代理月结: the box said "2026-11 代理月结：
0 个代理，应收合计 ¥0.00" and "✓ reports/代理/代理结算汇总-2026-11.xlsx", a tick beside a summary of nothing, as
`agents settle` printed it. Now both say there is no agent and nothing to settle, where agents go, with no tick
(as `agents email` says it of the same shop)."""

from __future__ import annotations

import pytest

from cli_run import CJK, flat, shopbook
from shopbook import xl
from shopbook.shop import init_shop
from xlfake import FakeBook


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_settling_a_shop_with_no_agents_says_so_without_a_tick(tmp_path, lang):
    folder = tmp_path / lang
    init_shop(folder, lang)
    book = FakeBook(folder / "agents.xlsx")
    xl.agent_settle(book=book)
    said = book.app.alerts[-1]["prompt"]
    assert "✓" not in said and "0 个代理" not in said and "0 agents" not in said, said
    if lang == "zh":
        assert said.startswith("– “代理商”表里没有代理：") and "没有可以结算的" in said, said
    else:
        assert said.startswith("– The Agents sheet has no agent: there is nothing of ") and not CJK.search(said), said
    cli = shopbook("agents", "settle", folder, "--month", "2026-11")
    assert cli.returncode == 0 and "✓" not in cli.stdout, cli.stdout + cli.stderr
    assert flat("没有可以结算的" if lang == "zh" else "nothing of 2026-11 to settle") in flat(cli.stdout), cli.stdout
