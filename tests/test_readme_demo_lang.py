"""The README's "Try it": `shopbook demo demo-shop --lang en` makes the English shop, also where
demo-shop holds the Chinese demo the block made first (the demo remakes itself in either language);
a real shop's folder is still refused, before any of the demo is made."""

from __future__ import annotations

import pytest

from shopbook import demo
from shopbook.issues import ShopbookError


class Writing(Exception):
    """The demo got past the refusal and began writing its workbooks."""


def _folder(folder, name: str, lang: str):
    folder.mkdir()
    (folder / "shopbook.toml").write_text(f'[shop]\nname = "{name}"\nlanguage = "{lang}"\n', encoding="utf-8")
    return folder


def test_demo_remade_in_the_other_language_and_a_shop_refused(tmp_path, monkeypatch):
    def writing(*a, **kw):
        raise Writing

    monkeypatch.setattr(demo, "write_workbook", writing)
    with pytest.raises(Writing):  # the Chinese demo there: remade as the English one
        demo.generate_demo(_folder(tmp_path / "zh-demo", "演示服装店", "zh"), "en")

    def made(*a, **kw):
        raise AssertionError("the demo was made before the shop folder was refused")

    monkeypatch.setattr(demo, "make_products", made)
    with pytest.raises(ShopbookError) as e:
        demo.generate_demo(_folder(tmp_path / "shop", "我的小店", "zh"), "en")
    assert "not replaced by generated ones" in e.value.en
