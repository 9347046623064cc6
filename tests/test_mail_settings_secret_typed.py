"""QA: a login typed into shopbook.toml where a variable's name goes, or without its quotes (password_env =
98765432, password_env = qwertyuiopasdfgh), stopped every command with it on screen: '应为文字（写在引号里）
（写的是 98765432）', '第 3 行第 16 列：password_env = qwertyuiopasdfgh'. Now the setting and the line are
named and the value is not; another setting's still is. Real shopbook.toml files, read as every command reads them."""

from __future__ import annotations

import pytest

from shopbook.config import load_config
from shopbook.issues import ShopbookError


@pytest.mark.parametrize("line, secret, said", [
    ("password_env = 98765432101", "98765432101", "[smtp] password_env：应为文字（写在引号里）"),
    ("password_env = qwertyuiopasdfgh", "qwertyuiopasdfgh", "第 4 行第 16 列：password_env = … — "),
    ('password = "qwertyuiopasdfgh" # 授权码', "qwertyuiopasdfgh", "[smtp] password：没有这个设置"),
    ("授权码 = qwertyuiopasdfgh", "qwertyuiopasdfgh", "第 4 行第 1 列：授权码 = …"),
])
def test_a_secret_typed_in_the_settings_is_not_shown(tmp_path, line, secret, said):
    (tmp_path / "shopbook.toml").write_text(f'[smtp]\nhost = "smtp.qq.com"\nport = 465\n{line}\n', encoding="utf-8")
    with pytest.raises(ShopbookError) as e:
        load_config(tmp_path)
    assert secret not in str(e.value) and said in e.value.zh, str(e.value)


def test_another_setting_still_shows_what_was_typed(tmp_path):
    (tmp_path / "shopbook.toml").write_text('[smtp]\nport = "四六五"\n', encoding="utf-8")
    with pytest.raises(ShopbookError) as e:
        load_config(tmp_path)
    assert '（写的是 "四六五"）' in e.value.zh, e.value.zh
