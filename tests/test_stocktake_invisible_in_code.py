"""QA: a count typed on a phone, its 商家编码 pasted from a chat (T100-BK-L followed by a zero-width space), stopped
`stocktake post` with "商家编码“T100-BK-L”不存在。是不是“T100-BK-L”？" — the two alike on screen, nothing the
person could see to correct. Now a character that shows as nothing (zero-width space, byte-order mark) is no part
of a code: the count posts."""

from __future__ import annotations

import openpyxl
import pytest
from cli_run import shopbook

from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK, Movement
from shopbook.shop import init_shop


@pytest.fixture(params=["zh", "en"])
def shop(tmp_path, request):
    folder = tmp_path / "shop"
    init_shop(folder, request.param)
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    products, counts = wb.worksheets[0], wb.worksheets[2]
    for sku, opening in (("T100-BK-M", 17), ("T100-BK-L", 12)):
        products.append([sku, "T100", "Tee", "黑", sku[-1], None, "A-2", 25, 79, 5, opening, None, None, None,
                         "在售" if request.param == "zh" else "active", None, None])
    counts.append(["2026-12-04", "T100-BK-L\u200b", "10", "小王", None])  # pasted from a chat
    counts.append(["2026-12-04", "\ufeffT100-BK-M", "17", "小王", None])
    wb.save(folder / "stock.xlsx")
    return folder, request.param


def test_a_code_with_a_zero_width_space_is_counted(shop):
    folder, _ = shop
    r = shopbook("stocktake", "post", folder, "--date", "2026-12-04")
    assert r.returncode == 0, r.stdout + r.stderr
    moves = [(m.sku, m.qty) for m in read_workbook(folder / "stock.xlsx", STOCK).rows(Movement)]
    assert moves == [("T100-BK-L", -2)], moves  # 12 on the book, 10 counted; the M matched
