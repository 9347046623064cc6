"""QA: 3 faulty units sent back to the factory, typed on the 出入库 sheet as 退货 3 with the PO number
in 单号, were added to the stock (退货 is a customer's return): the book 6 above the shelf, and
validate said nothing. Now a 退货 whose 单号 is a PO number on the 采购 sheet is a warning at its
类型, saying goods back to the supplier are a 调整 of -3 (an 出库 would count as sold); a customer's
退货 with an order number is not."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from cli_run import CJK, shopbook
from shopbook.schema import STOCK, Movement, Product, PurchaseLine
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_return_against_a_po_is_warned(tmp_path, lang):
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku="A", name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=0, status="在售")],
        Movement: [Movement(date=dt.date(2026, 11, 30), sku="A", type="入库", qty=20, ref="CG1"),
                   Movement(date=dt.date(2026, 12, 1), sku="A", type="退货", qty=3, ref="CG1", note="次品退厂"),
                   Movement(date=dt.date(2026, 12, 1), sku="A", type="退货", qty=1, ref="T100")],
        PurchaseLine: [PurchaseLine(po_no="CG1", supplier="甲厂", sku="A", qty=20, status="已到货", received=20)],
    }, keep_backup=False)
    said = [i for i in json.loads(shopbook("validate", folder, "--json").stdout)
            if i["sheet"] in ("出入库", "Movements")]
    assert [(i["cell"], i["severity"]) for i in said] == [("C3", "warning")], said
    w = said[0]
    assert w["message_zh"].startswith("退货单号 CG1 是采购单号：“退货”是客户退回，会增加库存；退给供应商的货请记“调整”，数量填 -3")
    assert w["message_en"].startswith("The return's ref CG1 is a PO number: a 'return' is a customer's, and adds to "
                                      "the stock; goods sent back to the supplier are an 'adjust' of -3")
    assert not CJK.search(w["message_en"])
