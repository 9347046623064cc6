"""QA: a count that names a code with nothing counted for it brought none of it, yet was refused as a
wrong item: shopbook's own stocktake count sheet received for a PO (its other SKUs' 实盘数量 left blank)
said "✗ J200-BL-M（不在采购单上） × 0 没有入库" and "退给供应商" for goods that never came, and a supplier's
delivery note with its signature row under the table (送货人：老王) said "✗ 老王（不认识的编码） × 0" and to put
老王 on the 商品 sheet. Now a code counted 0 is no wrong item: only what came is said."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import openpyxl
import pytest
from cli_run import flat, shopbook

from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK, Movement, Product, PurchaseLine, Supplier


@pytest.fixture
def shop(stock_shop):
    P = Product
    return stock_shop({
        Product: [P(sku="T100-BK-M", name="Tee", cost=Decimal(25), price=Decimal(79), status="在售", bin="A-2",
                    supplier="杭州织造", supplier_code="HZ-88-BK-M"),
                  P(sku="X400-GY-M", name="Hoodie", cost=Decimal(40), price=Decimal(129), status="在售", bin="A-3",
                    supplier="杭州织造", supplier_code="HZ-X4M"),
                  P(sku="J200-BL-M", name="Jacket", cost=Decimal("88.5"), price=Decimal(259), status="在售",
                    bin="B-1", supplier="广州服饰"),
                  P(sku="S300-WH-F", name="Scarf", cost=Decimal(12), price=Decimal(39), status="在售", bin="C-1",
                    supplier="杭州织造")],
        Supplier: [Supplier(supplier="杭州织造", lead_days=10), Supplier(supplier="广州服饰")],
        PurchaseLine: [PurchaseLine(po_no="CG-001", supplier="杭州织造", sku=s, qty=q, unit_cost=c,
                                    order_date=dt.date(2026, 11, 25), status=st)
                       for s, q, c, st in (("T100-BK-M", 30, Decimal(25), "已下单"),
                                           ("X400-GY-M", 20, Decimal("38.5"), "已下单"),
                                           ("S300-WH-F", 10, Decimal(12), "已取消"))],
    })


def _moves(folder):
    return [(m.sku, m.qty, m.ref) for m in read_workbook(folder / "stock.xlsx", STOCK).rows(Movement)]


def test_the_stocktake_count_sheet_received_says_only_what_came(shop, tmp_path):
    folder, _ = shop
    shopbook("stocktake", "sheet", folder, "--date", "2026-12-01")
    [sheet] = (folder / "reports").glob("*.xlsx")
    wb = openpyxl.load_workbook(sheet)
    ws = wb.active
    head = next(r for r in range(1, 10) if ws.cell(r, 2).value in ("商家编码", "SKU"))
    counted = {"T100-BK-M": 5, "X400-GY-M": "20"}  # the rest left blank: J200 is not on the PO, S300 cancelled on it
    for row in range(head + 1, ws.max_row + 1):
        if ws.cell(row, 2).value in counted:
            ws.cell(row, 6).value = counted[ws.cell(row, 2).value]
    wb.save(tmp_path / "count.xlsx")
    r = shopbook("purchase", "receive", folder, tmp_path / "count.xlsx", "--po", "CG-001", "--date", "2026-12-01",
                 "--json")
    out = json.loads(r.stdout)
    assert out["wrong_items"] == [], r.stdout
    assert _moves(folder) == [("T100-BK-M", 5, "CG-001"), ("X400-GY-M", 20, "CG-001")]
    assert out["owed"] == "895.00"  # 5 × 25 + 20 × 38.5
    r = shopbook("purchase", "receive", folder, tmp_path / "count.xlsx", "--po", "CG-001", "--date", "2026-12-01")
    assert "J200-BL-M" not in r.stdout and "S300-WH-F" not in r.stdout, r.stdout
    assert "✗" not in r.stdout and r.returncode == 0, r.stdout  # posted already: –, nothing to return


def test_a_delivery_notes_signature_row_is_no_unknown_code(shop, tmp_path):
    folder, lang = shop
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "杭州织造服饰有限公司 送货单"
    ws.merge_cells("A1:F1")
    ws["A2"] = "客户：演示服装店"
    ws.merge_cells("A2:C2")
    ws["D2"] = "日期：2026年12月1日"
    ws.append(["序号", "货号", "品名", "颜色", "尺码", "数量"])
    ws.append([1, "HZ-88-BK-M", "基础T恤", "黑", "M", 10])
    ws.append([2, "HZ-X4M", "卫衣", "灰", "M", "8"])
    ws.append(["合计", None, None, None, None, "=SUM(F4:F5)"])
    ws.merge_cells("A6:E6")
    ws.append([])
    ws.append(["送货人：", "老王", None, "收货人签字：", None, None])
    wb.save(tmp_path / "送货单.xlsx")
    r = shopbook("purchase", "receive", folder, tmp_path / "送货单.xlsx", "--po", "CG-001", "--date", "2026-12-01")
    assert _moves(folder) == [("T100-BK-M", 10, "CG-001"), ("X400-GY-M", 8, "CG-001")], r.stdout + r.stderr
    assert "老王" not in r.stdout and "✗" not in r.stdout, r.stdout
    said = ("CG-001 杭州织造：入库 18 件，2 行" if lang == "zh" else "CG-001 杭州织造: posted 18 units, 2 lines")
    assert flat(said) in flat(r.stdout), r.stdout


def test_a_line_this_delivery_posted_by_its_earlier_count_is_short_not_undelivered(shop, tmp_path):
    """The same delivery counted again that day with a line added: the line its first count posted said 未到 15
    (not delivered) beside "(文件里的 5 件上次已入库)"; it came, 15 short."""
    folder, _ = shop
    (tmp_path / "r1.csv").write_text("货号,数量\nHZ-X4M,5\n", encoding="utf-8")
    (tmp_path / "r2.csv").write_text("货号,数量\nHZ-X4M,5\nHZ-88-BK-M,10\n", encoding="utf-8")
    shopbook("purchase", "receive", folder, tmp_path / "r1.csv", "--po", "CG-001", "--date", "2026-12-01")
    r = shopbook("purchase", "receive", folder, tmp_path / "r2.csv", "--po", "CG-001", "--date", "2026-12-01",
                 "--json")
    line = {x["sku"]: x for x in json.loads(r.stdout)["lines"]}["X400-GY-M"]
    assert (line["result"], line["short"], line["posted_earlier_same_delivery"]) == ("short", 15, 5), line
    assert _moves(folder) == [("X400-GY-M", 5, "CG-001"), ("T100-BK-M", 10, "CG-001")]
