"""Two parcels scanned in that no case names: a Chinese shop read '找不到售后单：YT1, YT2', an English comma in
its Chinese line (every other list of the desk is joined with 、); now '找不到售后单：YT1、YT2（…', and an English
shop's stays 'no case for: YT1, YT2'."""

from __future__ import annotations

import pytest
import test_aftersales
from typer.testing import CliRunner

from shopbook.cli import app

shop = test_aftersales.shop


@pytest.mark.parametrize("lang, said", [("zh", "✗找不到售后单：YT7301、YT7302（"), ("en", "✗nocasefor:YT7301,YT7302(")])
def test_codes_no_case_names_are_listed_in_the_shops_punctuation(shop, lang, said):
    toml = shop.folder / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', f'language = "{lang}"'), encoding="utf-8")
    r = CliRunner().invoke(app, ["aftersales", "receive", str(shop.folder), "YT7301", "YT7302"])
    assert said in "".join(r.output.split()), r.output
    assert r.exit_code == 1
