"""QA: a stop's Chinese line began with the file and an ASCII colon, beside the full-width punctuation of
every other Chinese line since the reports and e-mails were made so ('✗ /x/in.csv: 找不到这个文件。', a
Chinese shop's data stop '✗ …/orders.xlsx: 促销表里没有“双12”。', a folder where a file belongs
'✗ /x: 这是一个文件夹…'), and an Excel button's box the same. Now the Chinese line says '/x/in.csv：找不到…'
and the English one '/x/in.csv: File not found.' as before (ShopbookError.located), in a Chinese and an
English shop alike."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.shop import init_shop


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_stop_says_its_file_after_a_colon_of_each_lines_language(tmp_path, lang, wide_console):
    shop = tmp_path / "shop"
    init_shop(shop, lang=lang)
    gone = tmp_path / "下载" / "生意参谋.csv"
    r = CliRunner().invoke(app, ["kpi", "import", str(shop), str(gone)])
    assert r.exit_code == 2
    lines = r.output.splitlines()
    assert lines[:2] == [f"✗ {gone}：找不到这个文件。", f"{gone}: File not found."], r.output
    folder = tmp_path / "一个文件夹.csv"
    folder.mkdir()
    r = CliRunner().invoke(app, ["kpi", "import", str(shop), str(folder)])
    assert r.exit_code == 2 and r.output.splitlines()[0].startswith(f"✗ {folder}：这是"), r.output
    # a stop about the shop's own data: its language alone
    r = CliRunner().invoke(app, ["report", "promotion", str(shop), "双12"])
    assert r.exit_code == 2
    said = r.output.splitlines()[0]
    assert said.startswith(f"✗ {shop / 'orders.xlsx'}" + ("：促销表里没有“双12”" if lang == "zh" else ": No promotion '双12'")), said


def test_an_excel_buttons_box_says_it_so_too(tmp_path):
    from xlfake import FakeBook

    from shopbook import xl

    init_shop(tmp_path / "shop")
    gone = tmp_path / "扫描" / "0412.csv"
    book = FakeBook(tmp_path / "shop" / "orders.xlsx")
    xl.ship_scans(str(gone), book=book)
    said = book.app.alerts[-1]["prompt"]
    assert f"{gone}：" in said and f"{gone}: " in said and f"{gone}: 找" not in said, said
