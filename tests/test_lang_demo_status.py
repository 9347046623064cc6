"""`shopbook demo DIR --lang en` makes an English shop: what it shows while it works is English too."""

from __future__ import annotations

import io
import re

from rich.console import Console
from typer.testing import CliRunner

from demo_shop import copying_generate_demo


def test_the_demo_spinner_is_in_the_demo_shops_language(tmp_path, monkeypatch):
    """The spinner on the terminal while the demo shop was made said '生成演示店铺 / building the demo
    shop …' whatever --lang: Chinese on the screen of one making the English shop, English on the
    Chinese one's. It is the language of the shop being made."""
    from shopbook import cli, demo

    monkeypatch.setattr(demo, "generate_demo", copying_generate_demo(demo.generate_demo))
    for lang, said, other in (("en", "building the demo shop", r"[\u4e00-\u9fff]"),
                              ("zh", "生成演示店铺", r"building|demo shop")):
        screen = io.StringIO()  # a terminal: rich draws the spinner (a pipe, as CliRunner's, shows none)
        monkeypatch.setattr(cli, "err", Console(file=screen, force_terminal=True, width=120, highlight=False))
        r = CliRunner().invoke(cli.app, ["demo", str(tmp_path / lang), "--lang", lang])
        assert r.exit_code == 0 and (tmp_path / lang / "orders.xlsx").is_file(), r.stdout + r.stderr
        drawn = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.getvalue())
        assert said in drawn and not re.search(other, drawn), drawn
