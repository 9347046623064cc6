"""A 供应商货号 typed where the SKU goes, as the warehouse copies it from the supplier's delivery note into 出入库
(入库 by hand) or a counter into 盘点: the cell names the SKU it is, never "did you mean" another product alike in
its letters. Real stock.xlsx written and re-read; `shopbook validate` and `stocktake post` as the CLI runs them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from cli_run import shopbook
from shopbook.schema import STOCK, Movement, Product
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook

D = Decimal


def _shop(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    P = Product
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [P(sku="TS01-NV-L", style="TS01", name="T恤", colour="藏青", size="L", cost=D(20), price=D(50),
                    opening_qty=10, supplier_code="H350-NV-L"),
                  P(sku="SH05-NV-L", style="SH05", name="衬衫", colour="藏青", size="L", cost=D(40), price=D(99),
                    opening_qty=10, supplier_code="H351-NV-L"),
                  # one 货号 for a style's two sizes: names neither
                  P(sku="PT09-BK-M", style="PT09", name="短裤", colour="黑", size="M", cost=D(20), price=D(59),
                    opening_qty=5, supplier_code="Z405"),
                  P(sku="PT09-BK-L", style="PT09", name="短裤", colour="黑", size="L", cost=D(20), price=D(59),
                    opening_qty=5, supplier_code="Z405")],
        Movement: []}, keep_backup=False)
    return folder


def test_a_supplier_code_typed_for_the_sku_names_the_sku_it_is(tmp_path):
    """H350-NV-L (the T-shirt's 货号) typed as the 商家编码 of a 入库 was said '不存在。是不是“SH05-NV-L”？' — the
    shirt, whose stock the row would then have moved. It is now said to be TS01-NV-L's supplier code, to type
    TS01-NV-L; a 货号 two SKUs share is the plain error, as before."""
    folder = _shop(tmp_path)
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws = wb["出入库"]
    ws.append([dt.datetime(2026, 11, 20), "H350-NV-L", "入库", 20, "CG1", "送货单"])
    ws.append([dt.datetime(2026, 11, 20), "h351-nv-l", "入库", 5, "CG1", "送货单"])
    ws.append([dt.datetime(2026, 11, 20), "Z405", "入库", 5, "CG1", "送货单"])
    wb.save(folder / "stock.xlsx")
    res = shopbook("validate", folder / "stock.xlsx", "--lang", "zh")
    out = " ".join(res.stdout.split())
    assert "出入库 › B3 商家编码 = 'H350-NV-L'" in out and "“H350-NV-L”是 TS01-NV-L 的供应商货号，不是商家编码：请改填 TS01-NV-L。" in out
    assert "“h351-nv-l”是 SH05-NV-L 的供应商货号" in out
    assert "是不是“SH05-NV-L”" not in out and "“Z405”不存在" in out, out
    res = shopbook("validate", folder / "stock.xlsx", "--lang", "en")
    assert "'H350-NV-L' is the supplier code of TS01-NV-L, not a SKU: type TS01-NV-L instead." in " ".join(
        res.stdout.split())
    res = shopbook("stocktake", "post", folder, "--date", "2026-11-20", "--dry-run")
    assert res.returncode == 2 and "TS01-NV-L 的供应商货号" in " ".join((res.stdout + res.stderr).split())
