"""QA of `shopbook init DIR --name …`: a name with a double quote or a backslash (小"美"女装) was written
into shopbook.toml as it came, a file that did not read: init said ✗ and every command after it stopped
on shopbook.toml until a person mended it by hand. A name with a line break wrote the same broken file."""

from __future__ import annotations

import pytest

from shopbook.issues import ShopbookError
from shopbook.shop import init_shop, open_shop


def test_a_shop_name_with_quotes_and_a_backslash_is_written_as_it_was_typed(tmp_path):
    name = '小"美"的店 \\ 女装'
    init_shop(tmp_path / "shop", "zh", name)
    assert open_shop(tmp_path / "shop").config.shop.name == name


def test_a_shop_name_with_a_line_break_is_refused_before_any_file_is_made(tmp_path):
    with pytest.raises(ShopbookError) as e:
        init_shop(tmp_path / "shop", "en", "Lily\nShop")
    assert "--name" in e.value.en and "one line" in e.value.en and "换行" in str(e.value.zh)
    assert not (tmp_path / "shop").exists()
