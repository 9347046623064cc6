"""QA: a count typed in packs, as the warehouse types it on a phone (实盘数量 2箱, a delivery's 数量 3打), was told
"请只填数字 2，不带单位" / "Enter 2 alone, without a unit": typing what was said posted 2 pieces for 2 cartons (a
loss of the rest at cost on the stocktake; a supplier's 3 dozen received as 3). Now a count of packs says it is
one and asks for the pieces (2 箱 × 每箱的件数), and a dozen is said as its whole number (36)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from cli_run import flat, shopbook

from shopbook.shop import init_shop


@pytest.fixture(params=["zh", "en"])
def shop(tmp_path, request):
    folder = tmp_path / "shop"
    init_shop(folder, request.param)
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    products, counts, purchases = wb.worksheets[0], wb.worksheets[2], wb.worksheets[6]
    status = "在售" if request.param == "zh" else "active"
    products.append(["T100-BK-M", "T100", "Tee", "黑", "M", None, "A-2", 25, 79, 5, 20, None, None, None, status,
                     "杭州织造", "HZ-88-BK-M"])
    products.append(["T100-BK-L", "T100", "Tee", "黑", "L", None, "A-3", 25, 79, 5, 12, None, None, None, status,
                     "杭州织造", "HZ-88-BK-L"])
    counts.append(["2026/12/4", "T100-BK-M", "15", "小王", None])
    counts.append(["2026/12/4", "T100-BK-L", "2箱", "小王", None])  # two cartons
    for sku in ("T100-BK-M", "T100-BK-L"):
        purchases.append(["CG-001", "杭州织造", sku, 30, 25, dt.date(2026, 11, 25), None,
                          "已下单" if request.param == "zh" else "ordered", None, None])
    wb.save(folder / "stock.xlsx")
    return folder, request.param


def test_a_stocktake_count_in_cartons_asks_for_the_pieces(shop):
    folder, lang = shop
    r = shopbook("stocktake", "post", folder, "--date", "2026-12-04")
    assert r.returncode == 2, r.stdout
    said = flat(r.stdout + r.stderr)
    if lang == "zh":
        assert flat("C4 应为整数：“2箱”是箱数，不是件数。请填件数（2 箱 × 每箱的件数），不带单位。") in said, said
        assert "请只填数字2" not in said
    else:
        assert flat("C4 Should be a whole number: '2箱' counts packs (箱), not pieces. Enter the pieces (2 × the "
                    "pieces in one), without a unit.") in said, said
        assert "Enter2alone" not in said


def test_a_delivery_counted_in_cartons_and_dozens_says_the_pieces(shop, tmp_path):
    folder, lang = shop
    note = tmp_path / "送货单.csv"
    note.write_text("货号,数量\nHZ-88-BK-M,2箱\nHZ-88-BK-L,3打\n", encoding="utf-8-sig")
    r = shopbook("purchase", "receive", folder, note, "--po", "CG-001", "--date", "2026-12-03")
    said = flat(r.stdout)
    if lang == "zh":
        assert flat("第 2 行 T100-BK-M 的数量读不出") not in said  # (named by the code on the note)
        assert flat("第 2 行 HZ-88-BK-M 的数量读不出：应为整数：“2箱”是箱数，不是件数。请填件数（2 箱 × 每箱的件数），"
                    "不带单位。") in said, said
        assert flat("第 3 行 HZ-88-BK-L 的数量读不出：应为整数：“3打”。请写出整个数 36，不带“打”。") in said, said
    else:
        assert flat("line 2: the quantity of HZ-88-BK-M does not read: Should be a whole number: '2箱' counts packs "
                    "(箱), not pieces. Enter the pieces (2 × the pieces in one), without a unit.") in said, said
        assert flat("line 3: the quantity of HZ-88-BK-L does not read: Should be a whole number: '3打'. Enter the "
                    "whole number 36, without '打'.") in said, said


def test_a_delivery_notes_unit_column_in_cartons_is_not_taken_as_pieces(shop, tmp_path):
    """A 送货单 with a 单位 column (件 / 箱 / 打 row by row): 箱 2 was posted as 2 tees, 打 3 as 3. Now a row whose
    unit counts packs posts nothing and says what to type; the rows in pieces are received."""
    folder, lang = shop
    note = tmp_path / "送货单.csv"
    note.write_text("货号,品名,单位,数量\nHZ-88-BK-M,T恤,箱,2\nHZ-88-BK-L,T恤,打,3\n", encoding="utf-8-sig")
    r = shopbook("purchase", "receive", folder, note, "--po", "CG-001", "--date", "2026-12-03")
    assert read_moves(folder) == [], r.stdout  # nothing posted
    said = flat(r.stdout)
    if lang == "zh":
        assert flat("✗ 第 2 行 HZ-88-BK-M 的单位是“箱”：2 是箱数，不是件数，没有入库；请把数量改成件数、单位改成“件”，再收一次") \
            in said, said
        assert flat("第 3 行 HZ-88-BK-L 的单位是“打”：3 是打数，不是件数，没有入库；请把数量改成件数（3 打 = 36 件）") in said, said
    else:
        assert flat("✗ line 2: the unit of HZ-88-BK-M is '箱': 2 counts packs, not pieces: not posted; change the "
                    "quantity to the pieces and the unit to pcs, then receive it again") in said, said
        assert flat("line 3: the unit of HZ-88-BK-L is '打': 3 counts packs, not pieces: not posted; change the "
                    "quantity to the pieces (3 打 = 36)") in said, said
    note.write_text("货号,品名,单位,数量\nHZ-88-BK-M,T恤,件,20\nHZ-88-BK-L,T恤,件,36\n", encoding="utf-8-sig")
    shopbook("purchase", "receive", folder, note, "--po", "CG-001", "--date", "2026-12-03")
    assert read_moves(folder) == [("T100-BK-M", 20), ("T100-BK-L", 36)]


def read_moves(folder):
    from shopbook.io.reader import read_workbook
    from shopbook.schema import STOCK, Movement

    return [(m.sku, m.qty) for m in read_workbook(folder / "stock.xlsx", STOCK).rows(Movement)]
