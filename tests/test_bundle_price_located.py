"""A Taobao line of a bundle whose price does not split to the fen over its parts (三件装 ¥100.00 as
3 × SH-WH-M) is warned at the row that holds it: in the item list (宝贝报表), where the codes and prices
are, not at that row number of the order list. Real GB18030 CSV pair, a real `shopbook orders import`."""

from __future__ import annotations

import json

from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import build_shop
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import ORDERS, Platform, SkuMap
from shopbook.workbook_builder import write_workbook


def test_a_bundle_price_that_does_not_split_is_said_in_the_item_list(tmp_path):
    shop = build_shop(tmp_path)
    write_workbook(shop.path(ORDERS), ORDERS, "zh",
                   {SkuMap: [SkuMap(platform=Platform.TAOBAO, code="TEE-3", sku="SH-WH-M", qty=3)]}, keep_backup=False)
    no = "3515131473299001"
    orders_csv, items_csv = write_pair(
        tmp_path / "d", [order_row(no, "tb_amy", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                                   "2026-11-21 09:15:02", goods="100.00")],
        [detail_row("3515131473299000", "袜子", "1.00", "1", "GIFT-1"),  # (an order not in the list: row 2)
         detail_row(no, "三件装", "100.00", "1", "TEE-3")])
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), str(orders_csv), str(items_csv), "--json"])
    issue, = [i for i in json.loads(r.output)["issues"] if i["value"] == "TEE-3"]
    assert "无法按件分到分" in issue["message_zh"]
    assert (issue["book"], issue["row"]) == (items_csv.name, 3)
