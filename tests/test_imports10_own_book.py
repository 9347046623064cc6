"""The shop's own orders.xlsx given to the orders import (the 导入订单 button's file dialog opens in
the shop folder): refused before anything is written, named as the shop's own workbook, not
"✓ 导入：0 个订单" with every line "已导入过" and a list written to reports/."""

from __future__ import annotations

import shutil

import pytest

from shopbook.issues import ShopbookError
from shopbook.kpi.import_sycm import import_kpi
from shopbook.orders.workflow import import_orders
from shopbook.shop import init_shop, open_shop


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_own_orders_workbook_refused(tmp_path, lang):
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    shop = open_shop(folder)
    copy = shutil.copy(folder / "orders.xlsx", tmp_path / "orders - 副本.xlsx")  # a copy of it, as well
    (folder / ".shopbook-backup").mkdir(exist_ok=True)  # and a backup of it (its name its own)
    kept = shutil.copy(folder / "orders.xlsx", folder / ".shopbook-backup" / "orders.20261204-101500.xlsx")
    before = (folder / "orders.xlsx").read_bytes()
    for f in (folder / "orders.xlsx", copy, kept):
        with pytest.raises(ShopbookError) as e:
            import_orders(shop, [f])
        said = f"{e.value.zh} {e.value.en}"
        assert "orders.xlsx" in said and "店铺自己的订单工作簿" in said and "shop's own Orders workbook" in said, said
        assert "订单导出" in said and "order export" in said  # what to import instead
    assert (folder / "orders.xlsx").read_bytes() == before
    assert not list((folder / "reports").glob("*"))  # no import list

    # kpi import names it the same way, not "import it with shopbook orders import"
    with pytest.raises(ShopbookError) as e:
        import_kpi(shop, [folder / "orders.xlsx"])
    said = f"{e.value.zh} {e.value.en}"
    assert "店铺自己的订单工作簿" in said and "orders import" not in said, said
