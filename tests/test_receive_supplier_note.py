"""QA: a supplier's delivery note (送货单) saved as the count, headed 货号 / 颜色 / 尺码 / 数量, was
refused as "收货文件里没有任何编码" (four columns a line, none a code column it knew: every line
read as a heading), and the message did not say which columns a count needs. Now 货号 (and the
headers people write for 商家编码 and 条码: 商品编码, 条形码) head a code column, so the note posts by
the supplier's codes; a file with no code column is refused naming the columns it needs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cli_run import flat, shopbook
from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK, Movement, Product, PurchaseLine, Supplier


@pytest.fixture
def shop(stock_shop):
    P = Product
    return stock_shop({
        Product: [P(sku="TS-M", name="Tee", cost=Decimal(20), price=Decimal(50), status="在售", supplier="Acme",
                    supplier_code="H-M"),
                  P(sku="TS-L", name="Tee", cost=Decimal(20), price=Decimal(50), status="在售", supplier="Acme",
                    supplier_code="H-L", barcode="6901234567908")],
        Supplier: [Supplier(supplier="Acme", lead_days=10)],
        PurchaseLine: [PurchaseLine(po_no="CG1", supplier="Acme", sku=s, qty=10, unit_cost=Decimal(18),
                                    order_date=dt.date(2026, 11, 20), status="已下单") for s in ("TS-M", "TS-L")],
    })


def test_a_suppliers_note_headed_huohao_is_received(shop, tmp_path):
    folder, lang = shop
    note = tmp_path / "送货单.csv"
    note.write_text("货号,颜色,尺码,数量\nH-M,红,M,10\n", encoding="utf-8-sig")
    r = shopbook("purchase", "receive", folder, note, "--po", "CG1", "--date", "2026-12-01")
    moves = read_workbook(folder / "stock.xlsx", STOCK).rows(Movement)
    assert [(m.sku, m.qty, m.ref) for m in moves] == [("TS-M", 10, "CG1")], r.stdout + r.stderr
    bar = tmp_path / "barcodes.csv"
    bar.write_text("条形码,实收数量\n6901234567908,10\n", encoding="utf-8")
    shopbook("purchase", "receive", folder, bar, "--po", "CG1", "--date", "2026-12-01")
    moves = read_workbook(folder / "stock.xlsx", STOCK).rows(Movement)
    assert [(m.sku, m.qty) for m in moves] == [("TS-M", 10), ("TS-L", 10)]


def test_a_file_with_no_code_column_says_which_columns_it_needs(shop, tmp_path):
    folder, lang = shop
    note = tmp_path / "note.csv"
    note.write_text("品名,颜色,尺码,数量\nTee,红,M,10\n", encoding="utf-8")
    r = shopbook("purchase", "receive", folder, note, "--po", "CG1", "--date", "2026-12-01")
    assert r.returncode == 2
    assert flat("收货表的表头要有 商家编码、条码 或 供应商货号（货号）列，和 实收数量（或 数量）列") in flat(r.stderr)
    assert flat("A count sheet's header needs a SKU, Barcode or Supplier code column and a Received (or Qty) "
                "column") in flat(r.stderr)
