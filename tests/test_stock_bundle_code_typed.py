"""QA: a set's code (组合装, a 商品映射 code of orders.xlsx) counted on the 盘点 sheet or ordered on 采购, or a
barcode typed in 出入库's 商家编码, stopped `stocktake post`, `purchase suggest` and `stock` with "商家编码“SET-TX”
不存在。请先在 stock.xlsx 的“商品”表中添加它" — doing so makes the set a product of its own whose parts never move
(a barcode: a second product) — where `validate` said what each is and what to type. Now they say it as validate
does: the set's parts, the barcode's SKU."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from cli_run import flat, shopbook

from shopbook.shop import init_shop


@pytest.fixture(params=["zh", "en"])
def shop(tmp_path, request):
    folder = tmp_path / "shop"
    lang = request.param
    init_shop(folder, lang)
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    sku_map = wb["商品映射" if lang == "zh" else "SKU map"]
    sku_map.append([None, "SET-TX", "T100-BK-M", 1])
    sku_map.append([None, "SET-TX", "X400-GY-M", 1])
    wb.save(folder / "orders.xlsx")
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    products, moves = wb.worksheets[0], wb.worksheets[1]
    for sku, bar in (("T100-BK-M", "6901000000011"), ("X400-GY-M", "6901000000059")):
        products.append([sku, sku[:4], "Tee", "黑", "M", bar, "A-2", 25, 79, 5, 20, 7, None, None,
                         "在售" if lang == "zh" else "active", None, None])
    moves.append([dt.date(2026, 11, 20), "T100-BK-M", "出库" if lang == "zh" else "out", 3, "O1", None])
    wb.save(folder / "stock.xlsx")
    return folder, lang


def _typed(folder, sheet: int, row: list) -> None:
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    wb.worksheets[sheet].append(row)
    wb.save(folder / "stock.xlsx")


def test_a_set_counted_on_the_stocktake_sheet_names_its_parts(shop):
    folder, lang = shop
    _typed(folder, 2, ["2026-12-04", "SET-TX", 3, "小王", None])
    r = shopbook("stocktake", "post", folder, "--date", "2026-12-04")
    said = flat(r.stdout + r.stderr)
    assert r.returncode == 2
    if lang == "zh":
        assert flat("B3 商家编码“SET-TX”是“商品映射”表里的平台编码（= T100-BK-M × 1、X400-GY-M × 1），不是我们的商家编码。"
                    "请拆成这几行：T100-BK-M × 1、X400-GY-M × 1（数量按件数乘上）。") in said, said
    else:
        assert flat("B3 SKU 'SET-TX' is a platform code on the SKU map (= 1 × T100-BK-M, 1 × X400-GY-M), not one of our "
                    "SKUs. Type it as these lines instead: 1 × T100-BK-M, 1 × X400-GY-M (times its quantity).") in said
    assert flat("“商品”表中添加它") not in said and "AddittotheProductssheet" not in said, said


def test_a_set_ordered_on_a_po_names_its_parts(shop):
    folder, lang = shop
    _typed(folder, 6, ["CG-9", "杭州织造", "SET-TX", 10, 60, dt.date(2026, 12, 1), None,
                       "已下单" if lang == "zh" else "ordered", None, None])
    r = shopbook("purchase", "suggest", folder)
    said = flat(r.stdout + r.stderr)
    assert r.returncode == 2
    assert flat("C3 商家编码“SET-TX”是“商品映射”表里的平台编码" if lang == "zh" else
                "C3 SKU 'SET-TX' is a platform code on the SKU map") in said, said


def test_a_barcode_typed_in_movements_names_its_sku(shop):
    folder, lang = shop
    _typed(folder, 1, [dt.date(2026, 12, 2), "6901000000059", "出库" if lang == "zh" else "out", 1, "O5", None])
    r = shopbook("stock", folder)
    said = flat(r.stdout + r.stderr)
    assert r.returncode == 2
    assert flat("B4 商家编码“6901000000059”是 X400-GY-M 的条码：请改填 X400-GY-M。" if lang == "zh" else
                "B4 SKU '6901000000059' is the barcode of X400-GY-M: type X400-GY-M instead.") in said, said
