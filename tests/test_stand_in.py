"""A shop whose orders workbook was saved as orders.xls (or named Orders.xlsx, or kept as
orders.csv): every command names that file and says what to do, and `init` creates nothing
beside it. Before, validate called the workbook missing and advised `init`, which made an empty
orders.xlsx, after which every command ran on the empty book without a word about the real one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.shop import init_shop
from shopbook.validate import validate_path


def _flat(text: str) -> str:
    """Without white space: a console as narrow as 80 columns breaks lines where it likes."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def shop(tmp_path) -> Path:
    folder = tmp_path / "shop"
    init_shop(folder)
    return folder


@pytest.mark.parametrize("name, words", [("orders.xls", "“另存为” Excel 工作簿 (.xlsx)，文件名 orders.xlsx"),
                                         ("Orders.xlsx", "只是字母大小写不同）：请把它改名为 orders.xlsx"),
                                         ("orders.csv", "请在 Excel 里打开 orders.csv"),
                                         # a sync service left only its copy: following "init" made an empty
                                         # orders.xlsx, and daily gave ✓ with 0 orders
                                         ("orders (1).xlsx", "（同步盘留下的副本）：如果它是最新的版本，请把它改名为 orders.xlsx"),
                                         ("orders-冲突.xlsx", "（同步盘留下的副本）：如果它是最新的版本，请把它改名为 orders.xlsx"),
                                         # a copy made in Windows Explorer or the Mac's Finder, the workbook
                                         # then gone: validate advised init, which hid the copy behind an empty book
                                         ("orders - 副本.xlsx", "（它的一份复制）：如果它是最新的版本，请把它改名为 orders.xlsx"),
                                         ("orders - Copy (2).xlsx", "（它的一份复制）：如果它是最新的版本，请把它改名为 orders.xlsx"),
                                         ("orders 副本.xlsx", "（它的一份复制）：如果它是最新的版本，请把它改名为 orders.xlsx")])
def test_every_command_names_the_file_meant_and_init_makes_none_beside_it(shop, name, words):
    (shop / "orders.xlsx").rename(shop / name)
    err, = [i for i in validate_path(shop).issues if i.book == "orders.xlsx"]
    assert words in err.message_zh and name in err.message_en and "init" not in err.message_zh
    runner = CliRunner()
    r = runner.invoke(app, ["orders", "review", str(shop)])
    assert r.exit_code == 2 and _flat(words) in _flat(r.output)
    before = sorted(p.name for p in shop.iterdir())
    r = runner.invoke(app, ["init", str(shop)])
    assert r.exit_code == 2 and _flat(words) in _flat(r.output) and "没有创建任何文件" in _flat(r.output)
    assert sorted(p.name for p in shop.iterdir()) == before  # no empty orders.xlsx beside it
    assert not (shop / "orders.xlsx").exists()


def test_a_workbook_simply_missing_still_says_init(shop):
    (shop / "orders.xlsx").unlink()
    (shop / "orders-old.xls").write_bytes(b"")  # another name: not meant to be it
    err, = [i for i in validate_path(shop).issues if i.book == "orders.xlsx"]
    assert "缺少工作簿 orders.xlsx" in err.message_zh and "shopbook init" in err.message_zh
    init_shop(shop)
    assert (shop / "orders.xlsx").exists()


def test_a_copy_a_person_keeps_is_no_stand_in(shop):
    """ledger-FY2025.xlsx, last year's ledger kept on purpose, reads as OneDrive's ledger-PCNAME.xlsx:
    taken for the missing ledger.xlsx's stand-in, init made none and every command said to rename last
    year's book back. A copy known only by a PC's name is no stand-in; a conflict said in words is."""
    (shop / "ledger.xlsx").rename(shop / "ledger-FY2025.xlsx")
    r = CliRunner().invoke(app, ["init", str(shop)])
    assert r.exit_code == 0, r.output
    assert (shop / "ledger.xlsx").exists() and (shop / "ledger-FY2025.xlsx").exists()
