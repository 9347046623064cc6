"""QA (purchasing before 双12): a factory's delivery note (送货单) as factories send it — its name merged
over the table, 款号 | 颜色 | 尺码 in three columns and no code of the shop's, a 合计 row — posted nothing: no
code column was found, every line was read as a scan and the note's title (义乌针织厂 送货单) was said as
"第 1 行 的数量读不出". Now a style + colour + size names the SKU (the 商品 sheet's 款号, or the supplier's 货号,
with its 颜色 and 尺码), and a colour the shop does not sell is a wrong item at its line."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from shopbook.io.reader import read_workbook
from shopbook.purchasing import workflow as W
from shopbook.schema import STOCK, Movement, Product, PurchaseLine, Supplier
from shopbook.shop import open_shop


@pytest.fixture
def shop(stock_shop):
    prods = [Product(sku=f"A23-{c}-{s}", style="A23", name="卫衣", colour=cn, size=s, cost=Decimal("45.50"),
                     price=Decimal(129), status="在售", supplier="义乌针织厂", supplier_code=f"F88-{c}")
             for c, cn in (("R", "红色"), ("B", "黑色")) for s in ("M", "L", "XL")]
    folder, lang = stock_shop({
        Product: prods, Supplier: [Supplier(supplier="义乌针织厂", lead_days=5)],
        PurchaseLine: [PurchaseLine(po_no="CG1", supplier="义乌针织厂", sku=p.sku, qty=20, unit_cost=Decimal("45.50"),
                                    order_date=dt.date(2026, 11, 28), status="已下单") for p in prods[:2]]})
    return open_shop(folder), lang


def _note(path, head, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["义乌针织厂 送货单"])
    ws.merge_cells("A1:F1")
    ws.append(["客户：小店", None, "日期：2026-12-03"])
    ws.append(head)
    for r in rows:
        ws.append(r)
    ws.append(["合计", None, None, sum(r[-1] for r in rows)])
    wb.save(path)
    return path


def test_a_note_by_style_colour_and_size_posts_its_skus(shop, tmp_path):
    shop, _ = shop
    note = _note(tmp_path / "送货单.xlsx", ["款号", "颜色", "尺码", "数量"],
                 [["A23", "红色", "M", 20], ["a23", "红色", "l", 15],
                  ["A23", "白色", "L", 3]])
    r = W.purchase_receive(shop, note, "CG1", dt.date(2026, 12, 3))
    moves = read_workbook(shop.path(STOCK), STOCK).rows(Movement)
    assert sorted((m.sku, m.qty) for m in moves) == [("A23-R-L", 15), ("A23-R-M", 20)]
    assert [(w.code, w.qty, w.line) for w in r.wrong] == [("A23 / 白色 / L", 3, 6)]
    assert r.payment.amount == Decimal("1592.50")  # 35 × 45.50, exact
    # the wrong colour said as one, with what to do (before: "不认识的编码 … 条码填“条码”列")
    said = {z: e for _, z, e in r.said()}
    assert "✗ 第 6 行：A23 / 白色 / L（商品表里没有这个款号、颜色和尺码） × 3 没有入库" in [f"{m} {z}" for m, z, _ in r.said()]
    assert said["第 6 行：A23 / 白色 / L（商品表里没有这个款号、颜色和尺码） × 3 没有入库"] == (
        "line 6: A23 / 白色 / L (no product of this style, colour and size) × 3 not posted")
    assert any(z.startswith("  没有这个款号、颜色和尺码的商品：发错了颜色或尺码的，退给供应商") for z in said)
    assert not any("不认识的编码" in z for z in said)
    # the supplier's 货号 as its 款号, on a note with no colour column (its 货号 one colour): the same SKU
    note2 = _note(tmp_path / "n2.xlsx", ["货号", "尺码", "数量"], [["F88-R", "L", 5]])
    W.purchase_receive(shop, note2, "CG1", dt.date(2026, 12, 4))
    moves = read_workbook(shop.path(STOCK), STOCK).rows(Movement)
    assert sorted((m.sku, m.qty) for m in moves) == [("A23-R-L", 5), ("A23-R-L", 15), ("A23-R-M", 20)]



def test_a_note_by_style_and_spec_posts_its_skus(shop, tmp_path):
    """款号 | 规格 (红色/M, 红色 L, as a factory's note puts colour and size in one cell): each line its SKU (before: no
    code column, nothing posted)."""
    shop, _ = shop
    note = tmp_path / "n.csv"
    note.write_text("款号,规格,数量\nA23,红色/M,8\nA23,红色 L,6\nA23,红色／XXL,1\n", encoding="utf-8")
    r = W.purchase_receive(shop, note, "CG1", dt.date(2026, 12, 3))
    assert sorted((m.sku, m.qty) for m in r.movements) == [("A23-R-L", 6), ("A23-R-M", 8)]
    assert [(w.code, w.line) for w in r.wrong] == [("A23 / 红色 / XXL", 4)]


def test_a_note_of_names_and_quantities_is_refused_naming_the_columns(shop, tmp_path):
    """品名,数量 (no code column): read as scans before, its header said as a quantity that does not read and 卫衣 as
    an unknown code; now refused as a file with no code column, naming the columns a count needs, nothing posted."""
    from shopbook.issues import ShopbookError

    shop, _ = shop
    note = tmp_path / "n.csv"
    note.write_text("品名,数量\n卫衣,10\n", encoding="utf-8")
    with pytest.raises(ShopbookError) as e:
        W.purchase_receive(shop, note, "CG1", dt.date(2026, 12, 3))
    assert "商家编码、条码 或 供应商货号（货号）列" in e.value.zh and "SKU, Barcode or Supplier code column" in e.value.en
    assert read_workbook(shop.path(STOCK), STOCK).rows(Movement) == []
