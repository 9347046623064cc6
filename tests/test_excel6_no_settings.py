"""QA (excel6): an English shop whose shopbook.toml is not there (never written: the English templates
copied by hand; not synced yet) spoke Chinese in every button, cell function and command: its 校验
button added a 校验结果 sheet to its English workbook, SB_CHECK_PHONE said 正常. Now, with no settings
file, the shop's language is the one its workbooks name their sheets in (a Chinese shop's stays Chinese)."""

from __future__ import annotations

import re

from test_functions import Caller
from xlfake import FakeBook

from shopbook import xl
from shopbook.config import CONFIG_NAME, load_config
from shopbook.shop import init_shop
from shopbook.xl import udfs

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")


def test_an_english_shop_without_its_settings_file_speaks_english(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, "en")
    (folder / CONFIG_NAME).unlink()
    assert load_config(folder).shop.language == "en"
    assert load_config(tmp_path / "new").shop.language == "zh"  # (no workbooks to say: as before)

    book = FakeBook(folder / "stock.xlsx")
    xl.validate(book)
    said = book.app.alerts[-1]["prompt"]
    assert "Issues" in [s.name for s in book.sheets] and said.startswith("Validation done") and not CJK.search(said)
    assert udfs.SB_CHECK_PHONE("13812345678", caller=Caller(folder / "orders.xlsx")) == "ok"
