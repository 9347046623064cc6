"""QA (the buyer's week): the factory sent 10 of trousers size 28 where the PO ordered size 29. The receipt said
the 28s were "not on the PO" (return them, or add them to the PO) and, lines above, that the 29s were "not delivered
10", two problems with nothing linking them: the warehouse returned the 28s or added them to the PO, and the
29 line stayed owed, on order for ever (no reorder of a size the shelf has none of). The 28s' line now names the
PO's line of the same style still owed and asks whether a wrong size was sent, and says how to keep them instead."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import openpyxl
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import STOCK, Product, PurchaseLine, PoStatus

DAY = dt.date(2026, 11, 20)


def _products() -> list[Product]:
    def p(sku, style, colour, size):
        return Product(sku=sku, style=style, name="裤子", colour=colour, size=size, cost=Decimal(50),
                       price=Decimal(129), supplier="甲厂")
    return [p("PT02-BL-28", "PT02", "蓝", "28"), p("PT02-BL-29", "PT02", "蓝", "29"),
            p("PT02-BK-29", "PT02", "黑", "29"), p("TS01-BK-M", "TS01", "黑", "M")]


def _po(status: PoStatus = PoStatus.ORDERED) -> list[PurchaseLine]:
    return [PurchaseLine(po_no="CG20261110-01", supplier="甲厂", sku=sku, qty=q, unit_cost=Decimal(50),
                         order_date=dt.date(2026, 11, 10), status=status) for sku, q in (("PT02-BL-29", 10),
                                                                                           ("TS01-BK-M", 5))]


def _receive(folder, count: str, *extra: str):
    f = folder / "scan.txt"
    f.write_text(count, encoding="utf-8")
    return CliRunner().invoke(app, ["purchase", "receive", str(folder), str(f), "--po", "CG20261110-01",
                                    "--date", str(DAY), *extra])


def test_a_size_sent_for_the_one_ordered_is_named_beside_the_line_it_stands_for(stock_shop):
    folder, lang = stock_shop({Product: _products(), PurchaseLine: _po()})
    r = _receive(folder, "TS01-BK-M,5\nPT02-BL-28,10\n")
    said = "".join(r.output.split())
    assert r.exit_code == 1, r.output
    if lang == "zh":
        assert "第2行：PT02-BL-28（不在采购单上；单上同款的PT02-BL-29还差10件：是不是发错了尺码？）×10没有入库" in said, r.output
        assert "要收下它代替的（如PT02-BL-28代替PT02-BL-29），把stock.xlsx的“采购”表里CG20261110-01的PT02-BL-29那一行的" \
               "“商家编码”改成PT02-BL-28" in said, r.output
        assert "先在stock.xlsx的“采购”表把它加进" not in said, r.output  # (which would leave the 29s owed)
    else:
        assert ("line2:PT02-BL-28(notonthePO;thePO'sPT02-BL-29owes10ofthesamestyle:awrongsizesent?)×10notposted"
                in said), r.output
        assert "changetheskuofCG20261110-01'sPT02-BL-29lineinthePurchasessheetofstock.xlsxtoPT02-BL-28" in said
        assert "addittoCG20261110-01" not in said, r.output
        assert not any("的" in ln or "发错" in ln for ln in r.output.splitlines()), r.output  # English whole
    # nothing of the 28s posted; the 29 line still owed, as before
    ws = openpyxl.load_workbook(folder / "stock.xlsx").worksheets[1]
    assert not any(row[1] == "PT02-BL-28" for row in ws.iter_rows(min_row=2, values_only=True)), "posted the 28s"


def test_kept_instead_as_said_the_po_line_is_received(stock_shop):
    folder, lang = stock_shop({Product: _products(), PurchaseLine: _po()})
    _receive(folder, "TS01-BK-M,5\nPT02-BL-28,10\n")
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws = wb[PurchaseLine.zh if lang == "zh" else PurchaseLine.en]
    for row in ws.iter_rows(min_row=2):
        if row[2].value == "PT02-BL-29":
            row[2].value = "PT02-BL-28"
    wb.save(folder / "stock.xlsx")
    r = _receive(folder, "PT02-BL-28,10\n", "--json")
    got = json.loads(r.stdout)
    assert {x["sku"]: x["status"] for x in got["lines"]} == {"PT02-BL-28": "received", "TS01-BK-M": "received"}, r.output
    assert got["wrong_items"] == [] and got["closed"] is True


def test_only_the_same_style_still_owed_is_named_and_what_differs(stock_shop):
    folder, lang = stock_shop({Product: _products(), PurchaseLine: _po()})
    # the 29s came in full, and a black 29 and more tees came too: no blue 29 is owed, so nothing is said of one
    r = _receive(folder, "TS01-BK-M,5\nPT02-BL-29,10\nPT02-BK-29,3\n", "--json")
    got = json.loads(r.stdout)
    assert [(w["sku"], w["same_style_owed"]) for w in got["wrong_items"]] == [("PT02-BK-29", [])], r.output
    folder2 = folder.parent / "shop2"
    folder.rename(folder2)
    folder, _ = stock_shop({Product: _products(), PurchaseLine: _po()})
    r = _receive(folder, "TS01-BK-M,5\nPT02-BL-29,4\nPT02-BK-29,3\n")  # 6 blue 29s still owed: a black sent instead
    said = "".join(r.output.split())
    assert ("单上同款的PT02-BL-29还差6件：是不是发错了颜色？" if lang == "zh"
            else "thePO'sPT02-BL-29owes6ofthesamestyle:awrongcoloursent?") in said, r.output


def test_closed_with_close_no_line_is_owed_to_stand_for(stock_shop):
    folder, lang = stock_shop({Product: _products(), PurchaseLine: _po()})
    r = _receive(folder, "TS01-BK-M,5\nPT02-BL-28,10\n", "--close")
    said = "".join(r.output.split())
    assert "PT02-BL-28（不在采购单上）×10没有入库" in said or "PT02-BL-28(notonthePO)×10notposted" in said, r.output
    assert "发错" not in said and "sentwrong" not in said, r.output
