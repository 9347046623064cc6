"""The wrong file given to `orders import`: what it says must be true of that file and say
where the file belongs (a 生意参谋 download goes to `kpi import`), never "like the Taobao order
list but lacks 订单编号, 订单状态, 收货地址" for a file that shares no column with any export."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_run import flat, shopbook
from shopbook.shop import init_shop
from test_kpi_import import sycm_xlsx


@pytest.fixture
def folder(tmp_path) -> Path:
    init_shop(tmp_path / "shop")
    return tmp_path / "shop"


def test_a_sycm_download_given_to_orders_import_is_said_to_belong_to_kpi_import(folder, tmp_path):
    f = sycm_xlsx(tmp_path / "【生意参谋平台】店铺整体_日_2026-11-18_2026-11-20.xlsx")
    r = shopbook("orders", "import", folder, f)
    said = flat(r.stderr + r.stdout)
    assert r.returncode == 2, said
    assert "生意参谋的店铺数据下载" in said and "shopbookkpiimport" in said, said
    assert "像淘宝/天猫订单报表，但缺少" not in said and "lacks" not in said, said


def test_a_file_sharing_no_column_with_any_export_names_its_columns_not_a_likeness(folder, tmp_path):
    f = tmp_path / "价格表.csv"
    f.write_bytes('"款号","名称","零售价"\r\n"TS01","T恤","49.00"\r\n'.encode("gb18030"))
    r = shopbook("orders", "import", folder, f)
    said = flat(r.stderr + r.stdout)
    assert r.returncode == 2, said
    assert "像" not in said and "lacks" not in said, said  # it is like none of them
    assert "它的列：款号、名称、零售价" in said and "itscolumns:款号,名称,零售价" in said, said
