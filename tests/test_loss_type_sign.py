"""QA: a loss typed on the 出入库 sheet as the word and the units lost (类型 报损, 数量 2) was refused
with "是不是“调整”？": retyped as 调整 2 as suggested, it added the 2 units lost to the stock. Now
the suggestion for a loss word (盘亏, 报损, 损耗, 丢失; loss, write-off, damaged) says the adjustment
takes a negative quantity; a gain word (盘盈) is suggested 调整 as before."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import openpyxl
import pytest

from cli_run import CJK, shopbook
from shopbook.schema import STOCK, Product
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_loss_word_is_answered_with_the_sign_it_needs(tmp_path, lang):
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku="A", name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=10, status="在售")],
    }, keep_backup=False)
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws = wb["出入库" if lang == "zh" else "Movements"]
    for r, kind in enumerate(["报损" if lang == "zh" else "write-off", "盘盈"], start=2):  # as typed
        for c, v in enumerate([dt.datetime(2026, 11, 20), "A", kind, 2], start=1):
            ws.cell(r, c).value = v
    wb.save(folder / "stock.xlsx")
    said = {i["cell"]: i for i in json.loads(shopbook("validate", folder, "--json").stdout)}
    loss, gain = said["C2"], said["C3"]
    assert loss["severity"] == "error"
    if lang == "zh":
        assert "是不是“调整”？减少库存的调整，数量要填负数（少了 2 件填 -2）。" in loss["message_zh"]
    else:
        assert "Did you mean 'adjust'? An adjustment that lowers the stock takes a negative quantity (2 lost: -2)." \
            in loss["message_en"]
        assert not CJK.search(loss["message_en"])
    assert "是不是“调整”？请填" in gain["message_zh"] and "负数" not in gain["message_zh"]
