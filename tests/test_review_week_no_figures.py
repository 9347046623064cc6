"""A weekly (or monthly) review of a period over with no figures at all (no 日报 row, no order: a week the
downloads were never imported, or a --period mistyped) printed '– 2026-09-14 至 2026-09-20 没有订单，也没有日报数据。
周报是空的：…' and exited 0: – reads as a step skipped, and a cron job saw nothing wrong. Now it says plainly the
week has no figures at all and what to do, with !, no ✓, and exits 1, as a period with some days missing does
(README, Exit codes: 'a review with days missing'); a week with figures keeps its ✓ and exit 0."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from test_reports import SEPT, month_shop
from test_review_days_missing import set_lang

runner = CliRunner()
pytestmark = pytest.mark.usefixtures("wide_console")  # one line a message, the path whole


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_week_of_no_figures_at_all_says_so_and_exits_1(tmp_path, lang):
    shop = month_shop(tmp_path, days=[d for d in SEPT if not 14 <= d.date.day <= 20])  # 2026-W38: 09-14 … 09-20
    if lang == "en":
        shop = set_lang(shop, "en")
    r = runner.invoke(app, ["report", "weekly", str(shop.folder), "--period", "2026-W38"])
    assert r.exit_code == 1 and "✓" not in r.stdout and not r.stdout.startswith("–"), r.stdout
    first, *rest = r.stdout.splitlines()
    if lang == "zh":
        assert first.startswith("! 2026-W38 这一周没有任何数据：2026-09-14 至 2026-09-20 没有订单，也没有日报数据。"
                                "周报是空的："), first
        assert any("shopbook kpi import" in x and "--period 2026-W38" in x for x in rest), r.stdout
    else:
        assert first.startswith("! 2026-W38: no figures at all for this week. No orders and no Daily figures from "
                                "2026-09-14 to 2026-09-20. The review is empty: "), first
        assert any("shopbook kpi import" in x and "--period 2026-W38" in x for x in rest), r.stdout
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in r.stdout.replace("日报", "")), r.stdout
    ok = runner.invoke(app, ["report", "weekly", str(shop.folder), "--period", "2026-W37"])  # 09-07 … 09-13
    assert ok.exit_code == 0 and "✓" in ok.stdout, ok.stdout
