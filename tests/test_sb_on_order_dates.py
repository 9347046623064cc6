"""QA: SB_ON_ORDER counted every open PO line and every receipt whatever its date, where `stock` (库存汇总's
在途), `stock alerts` and `purchase suggest` count them as of today: a PO dated next month (2027 typed for
2026) was 10 in the cell and 0 in the summary; a line 已到货 by a receipt dated next month was 0 in the cell
and 6 in the summary (not received until that day). Now the cell counts as of today, as they do;
SB_REORDER_QTY as of its day. (Since 1f6f79d8 a line sent, 已下单, and dated ahead is on order in all of them: the
goods were ordered, its date mistyped, as stock alerts say at its cell.)"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopbook import functions as F
from shopbook.schema import STOCK, Movement, Product, PurchaseLine
from shopbook.shop import init_shop, open_shop
from shopbook.stock import workflow as SW
from shopbook.workbook_builder import write_workbook


def test_sb_on_order_counts_as_the_summary_does(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, "zh")
    today = dt.date.today()
    ahead = today + dt.timedelta(days=30)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku=s, name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=8, status="在售")
                  for s in ("A", "B", "C")],
        Movement: [Movement(date=ahead, sku="B", type="入库", qty=6, ref="CG2")],
        PurchaseLine: [PurchaseLine(po_no="CG1", supplier="S", sku="A", qty=10, order_date=ahead, status="已下单"),
                       PurchaseLine(po_no="CG2", supplier="S", sku="B", qty=6, order_date=today, status="已到货",
                                    received=6),
                       PurchaseLine(po_no="CG3", supplier="S", sku="C", qty=4, order_date=today, status="已下单")],
    }, keep_backup=False)
    rows = {r.sku: r.on_order for r in SW.stock_summary(open_shop(folder), write=lambda *a, **k: None)}
    # (A: sent to the supplier, 已下单, its 下单日期 after today: ordered all the same, as stock alerts count it since
    # c9ee7968 and the summary and the cell since 1f6f79d8; said at its cell by stock alerts)
    assert rows == {"A": 10, "B": 6, "C": 4}
    assert F.on_order([["A"], ["B"], ["C"]], folder) == [[10], [6], [4]]
