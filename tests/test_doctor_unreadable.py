"""`doctor` on a shop whose workbook no command can read: the 0 bytes a sync client left in place of
orders.xlsx, a stock.xlsx cut short. Every command stops on it, yet doctor, the command a person runs
when something seems wrong, said "✓ 没有发现问题" and exited 0. It now names each, with what to do
(the newest backup to restore), in the shop's language, exits 1, and leaves the files as they are.
Real files, real `shopbook` runs."""

from __future__ import annotations

import json
import os
import time

import pytest

from cli_run import CJK, flat, shopbook
from test_concurrency import small_shop


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_doctor_names_an_empty_and_a_damaged_workbook(tmp_path, lang):
    folder = small_shop(tmp_path / "shop").folder
    if lang == "en":
        toml = folder / "shopbook.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'),
                        encoding="utf-8")
    assert shopbook("doctor", folder).returncode == 0
    orders, stock = folder / "orders.xlsx", folder / "stock.xlsx"
    orders.write_bytes(b"")  # what a sync client left
    stock.write_bytes(stock.read_bytes()[:2000])  # a copy cut short, an hour ago: no save in progress
    hour_ago = time.time() - 3600
    for p in (orders, stock):
        os.utime(p, (hour_ago, hour_ago))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (orders, stock)}
    for args in (("--dry-run",), ()):
        r = shopbook("doctor", folder, *args)
        assert r.returncode == 1, (r.stdout, r.stderr)
        said = flat(r.stdout)
        assert "没有发现问题" not in said and "nothingtorepair" not in said, said
        if lang == "zh":
            assert flat("orders.xlsx：文件是空的（0 字节）") in said and flat("stock.xlsx：工作簿已损坏") in said, said
        else:
            assert flat("orders.xlsx: The file is empty (0 bytes)") in said, said
            assert flat("stock.xlsx: The workbook is corrupt") in said and not CJK.search(said), said
    r = shopbook("doctor", folder, "--json")
    found = json.loads(r.stdout)["findings"]
    assert [(f["kind"], f["path"], f["repaired"]) for f in found] == \
        [("unreadable", str(stock), False), ("unreadable", str(orders), False)], r.stdout
    assert before == {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in before}


@pytest.mark.parametrize("copy, kind, words", [
    ("orders (1).xlsx", "sync-copy", "没有 orders.xlsx，但有 orders (1).xlsx（同步盘留下的副本）：如果它是最新的版本，请把它改名为 orders.xlsx"),
    ("orders - 副本.xlsx", "unreadable", "没有 orders.xlsx，但有 orders - 副本.xlsx（它的一份复制）：如果它是最新的版本，请把它改名为 orders.xlsx"),
    ("orders.xls", "unreadable", "没有 orders.xlsx，但有 orders.xls：shopbook 只读 .xlsx"),
])
def test_doctor_names_the_file_left_where_a_workbook_is_gone(tmp_path, copy, kind, words):
    """orders.xlsx gone, the file meant to be it beside: every command stops naming it, yet doctor said
    "✓ 没有发现问题" (orders - 副本.xlsx, orders.xls) or "compare the two and delete the copy" (orders (1).xlsx,
    where there is nothing to compare it with). It now says to rename it, exit 1, and touches nothing."""
    folder = small_shop(tmp_path / "shop").folder
    (folder / "orders.xlsx").rename(folder / copy)
    r = shopbook("doctor", folder)
    assert r.returncode == 1, (r.stdout, r.stderr)
    said = flat(r.stdout)
    assert flat(words) in said and "没有发现问题" not in said and "比较" not in said, said
    found = json.loads(shopbook("doctor", folder, "--json").stdout)["findings"]
    assert [(f["kind"], f["path"]) for f in found] == [(kind, str(folder / copy))]
    assert not (folder / "orders.xlsx").exists()


@pytest.mark.parametrize("text, zh, en", [
    ("", "shopbook.toml里什么都没有", "shopbook.toml holds nothing"),
    ('[shop]\nlanguage = "fr"\n', "shopbook.toml设置有误", "shopbook.toml has a wrong setting")])
def test_doctor_names_a_shopbook_toml_every_command_stops_on(tmp_path, text, zh, en):
    """QA: shopbook.toml of 0 bytes (caught mid-save) or with a wrong setting stops every command,
    yet doctor said "✓ 没有发现问题 / nothing to repair" and exited 0. It now names it, exits 1, and
    leaves it as it is."""
    folder = small_shop(tmp_path / "shop").folder
    toml = folder / "shopbook.toml"
    toml.write_text(text, encoding="utf-8")
    for args in (("--dry-run",), ()):
        r = shopbook("doctor", folder, *args)
        assert r.returncode == 1, (r.stdout, r.stderr)
        assert zh in flat(r.stdout) and en in " ".join(r.stdout.split()), r.stdout
        assert "nothingtorepair" not in flat(r.stdout)
    assert toml.read_text(encoding="utf-8") == text
