"""QA: the 缺货登记 sheet's 商家编码 header typed 商品编吗 (SKU typed SKUU in English) was read as a person's own
column: `validate` gave "请填商家编码，或者 款号+颜色+尺码" on every row, and `stock alerts` counted none of those
customers as waiting, unsaid (SKU A: waiting 2 became no waiting at all). The column is optional (a row may
give 款号+颜色+尺码 instead), so a mistyped header was never looked for. Now it is looked for as a required
column's is: one error at the header cell, the rows unread, and stock alerts says why its waiting counts
lack them."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import openpyxl
import pytest

from cli_run import CJK, flat, shopbook
from shopbook.schema import Product, WaitlistEntry


def _shop(stock_shop, typo: str | None, style: bool = False):
    W = WaitlistEntry
    folder, lang = stock_shop({
        Product: [Product(sku="A", style="S1", colour="白", size="M", name="Shirt", cost=Decimal(20), price=Decimal(60),
                          safety_stock=1)],
        WaitlistEntry: [W(date=dt.date(2026, 11, 20), customer="c1", contact="13811112222",
                          **({"style": "S1", "colour": "白", "size": "M"} if style else {"sku": "A"})),
                        W(date=dt.date(2026, 11, 21), customer="c2", contact="13811113333",
                          **({"style": "S1", "colour": "白", "size": "M"} if style else {"sku": "A"}))],
    })
    if typo is not None:
        wb = openpyxl.load_workbook(folder / "stock.xlsx")
        ws = wb[WaitlistEntry.title(lang)]
        col = next(c for c in ws[1] if c.value in ("商家编码", "sku"))
        col.value = typo
        wb.save(folder / "stock.xlsx")
    return folder, lang


@pytest.mark.parametrize("stock_shop", ["zh", "en"], indirect=True)
def test_a_mistyped_sku_header_is_said_once_at_its_cell(stock_shop):
    folder, lang = _shop(stock_shop, None)
    alerts = {a["sku"]: a for a in json.loads(shopbook("stock", "alerts", folder, "--json").stdout)}
    assert alerts["A"]["waiting"] == 2  # as typed right
    folder, lang = _shop(stock_shop, "商品编吗" if lang == "zh" else "SKUU")
    typo = "商品编吗" if lang == "zh" else "SKUU"
    r = shopbook("validate", folder)
    said = flat(r.stdout + r.stderr)
    assert said.count("✗") == 1 and flat(f"D1{typo}") in said, said  # one error, at the header cell
    assert flat("1 个错误") in said if lang == "zh" else flat("1 error,") in said
    assert "款号+尺码" not in said and flat("style + size") not in said, said
    assert (flat("表头“商品编吗”是不是“商家编码”列？") if lang == "zh" else flat("Is the header 'SKUU' the column 'sku'?")) in said
    r = shopbook("stock", "alerts", folder)
    assert flat("D1") in flat(r.stdout) and flat(typo) in flat(r.stdout), r.stdout
    if lang == "en":
        assert not CJK.search(r.stdout), r.stdout


@pytest.mark.parametrize("stock_shop", ["zh"], indirect=True)
def test_a_sheet_by_style_colour_size_alone_is_read_as_before(stock_shop):
    folder, lang = _shop(stock_shop, "", style=True)  # the 商家编码 header blanked: no such column at all
    alerts = {a["sku"]: a for a in json.loads(shopbook("stock", "alerts", folder, "--json").stdout)}
    assert alerts["A"]["waiting"] == 2
    r = shopbook("validate", folder)
    assert "商家编码" not in r.stdout + r.stderr, r.stdout
