"""A --period typed wrong for a review (`report weekly 店铺 --period 11`) was refused in both languages in a
Chinese shop, English under its staff's Chinese, while a --month typed wrong is refused in the shop's language
alone (README 'One language per shop': a stop about a day or month its staff typed). Now a --period is too."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.shop import init_shop


def test_a_period_typed_wrong_is_refused_in_the_shops_language(tmp_path):
    init_shop(tmp_path / "zh", "zh")
    runner = CliRunner()
    for shop, period, kind in (("zh", "11", "weekly"), ("zh", "2026-W47", "monthly"), ("zh", "2026-13", "weekly")):
        r = runner.invoke(app, ["report", kind, str(tmp_path / shop), "--period", period])
        said = r.output.replace(str(tmp_path), "")
        assert r.exit_code == 2 and said.startswith("✗"), said
        english = re.search(r"[A-Za-z]{4,}", re.sub(r"shopbook report \w+ --period|--period", "", said))
        assert not english and re.search(r"[\u4e00-\u9fff]", said), said
