"""QA (ship): the line `ship` prints counted 出库 as movement rows (发货：1，出库：2) while the pick list of the same
parcel counted units (批次 b1：1 个订单，3 件): a worker checking the day's goods out against the pick list saw one
shirt missing. Now `ship` says the units out, as the pick list does, in the shop's language."""

from __future__ import annotations

import re

from cli_run import flat, shopbook
from test_pick_status_typed_once import typed_once
from shopbook.shop import open_shop


def _ship_one_order_of_three_units(tmp_path, lang: str):
    shop = typed_once(tmp_path, ("H1", "SH-WH-M", 1, "已审核"), ("H1", "SH-BK-M", 2, "已审核"))
    if lang == "en":
        toml = shop.folder / "shopbook.toml"
        toml.write_text(re.sub(r'(?m)^language = "zh"', 'language = "en"', toml.read_text(encoding="utf-8")),
                        encoding="utf-8")
        assert open_shop(shop.folder).lang == "en"
    pick = shopbook("picklist", shop.folder, "--batch", "b1")
    assert pick.returncode == 0, pick.stdout + pick.stderr
    scans = tmp_path / "scan.txt"
    scans.write_text("H1,中通,75123456789012\n0690000000017\n0690000000031\n0690000000031\n", encoding="utf-8")
    r = shopbook("ship", shop.folder, scans)
    assert r.returncode == 0, r.stdout + r.stderr
    return flat(pick.stdout), flat(r.stdout)


def test_ship_says_the_units_out_the_pick_list_counted(tmp_path):
    pick, said = _ship_one_order_of_three_units(tmp_path, "zh")
    assert "1个订单，3件" in pick, pick
    assert "✓发货：1，出库：3件" in said, said


def test_an_english_shop_is_told_the_items_out(tmp_path):
    pick, said = _ship_one_order_of_three_units(tmp_path, "en")
    assert "1order,3items" in pick, pick
    assert "✓shipped:1,out:3items" in said, said
