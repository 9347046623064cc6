"""QA: a supplier numbers its styles, not each size, so the shop typed its 货号 HZ-88 as the 供应商货号 of both the M
and the L tee. Its delivery note (货号, 颜色, 尺码, 数量: HZ-88 黑 M 10, HZ-88 黑 L 12) was received as 22 L tees and
no M: the code was taken for whichever product came last, silently. Now a supplier code two of its products share
posts nothing, said at its lines with what to do; the rest of the note is received."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from cli_run import flat, shopbook

from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK, Movement, Product, PurchaseLine, Supplier


@pytest.fixture
def shop(stock_shop):
    P = Product
    return stock_shop({
        Product: [P(sku=s, name="Tee", cost=Decimal(25), price=Decimal(79), status="在售", supplier="杭州织造",
                    supplier_code=c, barcode=b)
                  for s, c, b in (("T100-BK-M", "HZ-88", "6901000000011"), ("T100-BK-L", "HZ-88", "6901000000028"),
                                  ("X400-GY-M", "HZ-X4M", None))],
        Supplier: [Supplier(supplier="杭州织造", lead_days=10)],
        PurchaseLine: [PurchaseLine(po_no="CG-001", supplier="杭州织造", sku=s, qty=30, unit_cost=Decimal(25),
                                    order_date=dt.date(2026, 11, 25), status="已下单")
                       for s in ("T100-BK-M", "T100-BK-L", "X400-GY-M")],
    })


def _moves(folder):
    return [(m.sku, m.qty) for m in read_workbook(folder / "stock.xlsx", STOCK).rows(Movement)]


def test_a_supplier_code_of_two_products_posts_neither(shop, tmp_path):
    folder, lang = shop
    note = tmp_path / "送货单.csv"
    note.write_text("货号,颜色,尺码,数量\nHZ-88,黑,M,10\nHZ-88,黑,L,12\nHZ-X4M,灰,M,5\n", encoding="utf-8-sig")
    r = shopbook("purchase", "receive", folder, note, "--po", "CG-001", "--date", "2026-12-01")
    assert _moves(folder) == [("X400-GY-M", 5)], r.stdout  # (before: T100-BK-L 22)
    assert r.returncode == 1
    said = flat(r.stdout)
    if lang == "zh":
        assert flat("✗ 第 2、3 行：HZ-88 是 T100-BK-M、T100-BK-L 共用的供应商货号，分不出是哪一个：22 件没有入库；请把收货文件里"
                    "它的编码改成商家编码或条码，并在“商品”表给每个 SKU 填它自己的供应商货号") in said, r.stdout
        assert "不认识的编码" not in said
    else:
        assert flat("✗ lines 2, 3: HZ-88 is the supplier code of T100-BK-M, T100-BK-L alike, which one is not known: "
                    "22 not posted; change its code in the count file to the SKU or barcode, and give each SKU its "
                    "own supplier code on the Products sheet") in said, r.stdout
        assert "unknowncode" not in said
    # as said: the codes changed to the barcodes, the same day's delivery posts what it adds
    note.write_text("货号,颜色,尺码,数量\n6901000000011,黑,M,10\n6901000000028,黑,L,12\nHZ-X4M,灰,M,5\n",
                    encoding="utf-8-sig")
    r = shopbook("purchase", "receive", folder, note, "--po", "CG-001", "--date", "2026-12-01", "--json")
    assert _moves(folder) == [("X400-GY-M", 5), ("T100-BK-M", 10), ("T100-BK-L", 12)], r.stdout
    assert json.loads(r.stdout)["owed"] == "675.00"  # 27 × 25
