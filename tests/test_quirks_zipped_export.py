"""An order export downloaded zipped (a 抖店 export of many orders comes as a .zip holding its CSV) given to
`orders import` as it came: it was refused as "a zip file but not an Excel workbook (no xl/workbook.xml)",
which says nothing of what to do. Now it names the file inside and says to unzip it; the CSV it holds imports."""

from __future__ import annotations

import zipfile

import pytest
from platform_fixtures import douyin_row, write_douyin

from shopbook.issues import ShopbookError
from shopbook.orders.platform_export import read_order_files


def test_a_zipped_order_export_says_what_it_holds_and_to_unzip_it(tmp_path):
    csv = write_douyin(tmp_path / "csv", [douyin_row("6930000000000000701", "6930000000000000711", "SH-WH-M")])
    zipped = tmp_path / "1763694000_订单导出.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(csv, csv.name)
    with pytest.raises(ShopbookError) as e:
        read_order_files([zipped])
    assert f"这是压缩包（里面有 {csv.name}），不是 Excel 工作簿：请先解压" in e.value.zh, e.value.zh
    assert f"zip file (holding {csv.name})" in e.value.en and "unzip it first" in e.value.en
    assert [o.order_no for o in read_order_files([csv]).orders] == ["6930000000000000701"]  # what it holds, unzipped
