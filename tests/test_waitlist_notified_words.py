"""QA: 已通知 typed 未通知 (or 已通知, 没通知) on the 缺货登记 sheet was an error, "应为 是/否：“未通知”", and
stopped `stock waitlist`: it plainly says not notified (notified). Now the column reads its own words
besides 是/否; anything else is still refused."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import openpyxl

from cli_run import shopbook
from shopbook.schema import STOCK, Product, WaitlistEntry
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


def test_notified_typed_in_words_reads(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, "zh")
    day = dt.date.today() - dt.timedelta(days=3)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku=s, name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=5, status="在售")
                  for s in ("A", "B", "C")],
        WaitlistEntry: [WaitlistEntry(date=day, customer=c, sku=s) for c, s in (("甲", "A"), ("乙", "B"), ("丙", "C"))],
    }, keep_backup=False)
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws = wb[WaitlistEntry.zh]
    col = [c.value for c in ws[1]].index("已通知") + 1
    for row, v in ((2, "未通知"), (3, "已通知"), (4, " 没通知 ")):
        ws.cell(row, col).value = v
    wb.save(folder / "stock.xlsx")
    r = shopbook("stock", "waitlist", folder, "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    assert sorted(x["customer"] for x in json.loads(r.stdout)) == ["丙", "甲"]  # 乙 was notified
    ws.cell(2, col).value = "打过电话"  # not a word of the column's: still refused, at its cell
    wb.save(folder / "stock.xlsx")
    v = shopbook("validate", folder, "--json")
    assert "H2" in v.stdout or '"row": 2' in v.stdout, v.stdout
    assert "打过电话" in v.stdout
