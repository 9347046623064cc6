"""SB_CHECK_PHONE in a shop whose shopbook.toml does not read (a quote left open while editing it in Notepad)
answered "正常 / ok" for every phone: a ✓ given with the shop's settings unknown, where every other cell function
reading them answers #N/A. Now it answers #N/A too, and its words again once the file reads."""

from __future__ import annotations

import os

from test_functions import Caller

from shopbook.config import CONFIG_NAME
from shopbook.shop import init_shop
from shopbook.xl import udfs


def test_the_phone_check_is_not_ok_while_the_settings_do_not_read(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, "zh")
    toml = folder / CONFIG_NAME
    good = toml.read_text(encoding="utf-8")
    caller = Caller(folder / "orders.xlsx")
    assert udfs.SB_CHECK_PHONE("13812345678", caller=caller) == "正常"
    toml.write_text(good.replace('language = "zh"', 'language = "zh') if 'language = "zh"' in good
                    else good + '\n[shop\nname = "x\n', encoding="utf-8")
    os.utime(toml, (1, 1))  # (another time than the good file's: read again)
    assert udfs.SB_CHECK_PHONE("13812345678", caller=caller) == "#N/A"
    assert udfs.SB_CHECK_PHONE([["13812345678"], ["12345"], [None]], caller=caller) == [["#N/A"], ["#N/A"], ["#N/A"]]
    toml.write_text(good, encoding="utf-8")
    os.utime(toml, (2, 2))
    assert udfs.SB_CHECK_PHONE([["13812345678"], ["12345"]], caller=caller) == [["正常"], ["无效"]]
    assert udfs.SB_CHECK_PHONE("13812345678", caller=Caller(tmp_path / "elsewhere" / "book.xlsx")) == "正常 / ok"  # no shop
