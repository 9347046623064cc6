"""QA (warehouse, 双11 make-goods): a 赠品 cell typed as people type a count, the letter x for ×: "GIFT-1 x2". x2 was
read as a second gift's code, on no 商品 row: the order was picked with one GIFT-1, "赠品 x2 不在“商品”表" said of a
gift never meant, and the cell written over with GIFT-1×1, what was typed lost. A code, a space, then x (or X) and
a count is now that many of it: the pick list and packing note hold two, the cell stays as typed, and ship expects
two."""

from __future__ import annotations

from decimal import Decimal as D

import openpyxl
import pytest

from cli_run import flat, shopbook
from shopbook.orders.picking import read_gifts
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, STOCK, Movement, OrderLine
from shopbook.workbook_builder import write_workbook
from test_orders import build_shop, lines_of

A = "3515131473290001"
BK_M, GIFT_1 = "0690000000031", "0690000000048"  # build_shop's barcodes of SH-BK-M and GIFT-1


@pytest.mark.parametrize("typed, read", [
    ("GIFT-1 x2", [("GIFT-1", 2)]), ("GIFT-1 X 2；SH-WH-M x1", [("GIFT-1", 2), ("SH-WH-M", 1)]),
    ("GIFT-1 x2 SH-WH-M x3", [("GIFT-1", 2), ("SH-WH-M", 3)]), ("GIFT-1×2件", [("GIFT-1", 2)]),
    ("GIFT-1 x2件", [("GIFT-1", 2)]),
    # as before: × and *, codes apart, a code that holds an x
    ("GIFT-1×2", [("GIFT-1", 2)]), ("GIFT-1 SH-WH-M", [("GIFT-1", 1), ("SH-WH-M", 1)]), ("BOX2", [("BOX2", 1)]),
    ("GIFT-1；X2", [("GIFT-1", 1), ("X2", 1)])])
def test_a_count_typed_with_x_reads_as_the_count(typed, read):
    assert [(g.sku, g.qty) for g in read_gifts(typed)] == read


def test_picked_with_the_count_typed_and_the_cell_kept(tmp_path):
    shop = build_shop(tmp_path)
    write_workbook(shop.folder / "orders.xlsx", ORDERS, "zh", {
        OrderLine: [OrderLine(order_no=A, receiver="王芳", phone="13812345678", address="浙江省 杭州市 西湖区 文三路100号",
                              sku="SH-BK-M", qty=1, unit_price=D("99"), status="已审核", gifts="GIFT-1 x2")]},
        keep_backup=False)
    r = shopbook("picklist", shop.folder)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "不在“商品”表" not in r.stdout and "没有送" not in r.stdout, r.stdout
    (line,) = lines_of(shop)
    assert (line.batch is not None, line.gifts) == (True, "GIFT-1 x2")
    book = openpyxl.load_workbook(next((shop.folder / "reports").glob("拣货单-*.xlsx")))
    picked = {(r[1], r[7]): r[5] for r in book["拣货单"].iter_rows(min_row=4, values_only=True) if r[1]}
    assert picked == {("SH-BK-M", None): 1, ("GIFT-1", "赠"): 2}
    noted = [r for r in book["发货单"].iter_rows(values_only=True) if r[0] == "GIFT-1"]
    assert [(r[4], r[5]) for r in noted] == [(2, "赠品")]

    one = tmp_path / "one.txt"
    one.write_text(f"{A},中通,73100000000001\n{BK_M}\n{GIFT_1}\n", encoding="utf-8")
    r = shopbook("ship", shop.folder, one)
    assert r.returncode == 1 and "少了赠品GIFT-1：应2件（含赠品2件），扫到1件" in flat(r.stdout), r.stdout
    two = tmp_path / "two.txt"
    two.write_text(f"{A},中通,73100000000001\n{BK_M}\n{GIFT_1}\n{GIFT_1}\n", encoding="utf-8")
    r = shopbook("ship", shop.folder, two)
    assert r.returncode == 0 and "✓发货：1，出库：3件" in flat(r.stdout), r.stdout + r.stderr
    moved = read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
    assert sorted((m.sku, m.qty) for m in moved if m.ref == A) == [("GIFT-1", 2), ("SH-BK-M", 1)]


def test_a_gift_code_of_x_and_digits_beside_another_stays_a_code():
    """X100 and X01 beside a gift are codes of their own (100 of a gift is no count a cell says), not counts."""
    from shopbook.orders.picking import read_gifts

    assert [(g.sku, g.qty) for g in read_gifts("GIFT-1 X100 GIFT-2")] == [("GIFT-1", 1), ("X100", 1), ("GIFT-2", 1)]
    assert [(g.sku, g.qty) for g in read_gifts("GIFT-1 X01")] == [("GIFT-1", 1), ("X01", 1)]
    assert [(g.sku, g.qty) for g in read_gifts("GIFT-1 x2")] == [("GIFT-1", 2)]
