"""An export Excel re-saved as "Unicode 文本" (UTF-16 with its BOM, tab-separated: the save that keeps the
Chinese on any Windows) reads as the CSV it came from; one cut off in its last character is said cut."""

from __future__ import annotations

import csv
import io

import pytest

from platform_fixtures import PDD_CURRENT, pdd_row
from shopbook.issues import ShopbookError
from shopbook.orders.workflow import import_orders
from test_orders import build_shop, lines_of


def _unicode_text(path, rows) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, dialect="excel-tab")
    w.writerow(PDD_CURRENT)
    for r in rows:
        w.writerow([r.get(h, "") for h in PDD_CURRENT])
    data = b"\xff\xfe" + buf.getvalue().encode("utf-16-le")
    path.write_bytes(data)
    return data


def test_an_export_saved_as_unicode_text_imports(tmp_path):
    shop = build_shop(tmp_path)
    path = tmp_path / "orders_export20261121.txt"
    _unicode_text(path, [pdd_row("261121-001", "待发货", "SH-WH-M", qty=2, total="198.00")])
    res = import_orders(shop, [path])
    assert [(f["kind"], f["encoding"]) for f in res.files] == [("pinduoduo", "utf-16")]
    assert [(ln.order_no, ln.sku, ln.qty, str(ln.unit_price)) for ln in lines_of(shop)] == [
        ("261121-001", "SH-WH-M", 2, "99.00")]


def test_a_unicode_text_export_cut_in_its_last_character_is_said_cut(tmp_path):
    shop = build_shop(tmp_path)
    path = tmp_path / "orders_export20261121.txt"
    data = _unicode_text(path, [pdd_row("261121-001", "待发货", "SH-WH-M")])
    path.write_bytes(data[:-1])
    with pytest.raises(ShopbookError, match="截断"):
        import_orders(shop, [path])
