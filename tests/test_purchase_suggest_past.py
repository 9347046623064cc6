"""QA: `purchase suggest --date` a past day took the orders approved and held *now* as that day's: an
order approved today for 20 pairs of G made a suggestion for 11-20 order 24 G (packs of 12) where
that day's stock needed 12. orders.xlsx says only where each order stands now, so a past day's
suggestion leaves the orders out and says so (screen, JSON), as `stock summary --as-of` does.

Hand-worked (test_purchasing's shop, 乙厂 packs of 12): G opening 5, safety 6, no movements.
  today 11-22, O3 已审核 G×20: available 5 − 20 = −15, reorder 6 + 15 = 21 → 24
  as of 11-20 (past):          available 5,             reorder 6 − 5 = 1  → 12 (before: 24)
"""

from __future__ import annotations

import json

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.issues import ShopbookError
from shopbook.purchasing import workflow as W
from shopbook.schema import ORDERS, STOCK

from test_purchasing import TODAY, d, shop  # noqa: F401 - the fixture


def approve_g(shop):  # noqa: F811
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    row = [None] * len(head)
    for k, v in {"订单编号": "O3", "收货人": "r", "手机": "13800000000", "收货地址": "浙江省 杭州市 西湖区 x",
                 "商家编码": "G", "数量": 20, "状态": "已审核"}.items():
        row[head.index(k)] = v
    ws.append(row)
    wb.save(shop.path(ORDERS))


def g(res) -> int:
    return next(x.qty for o in res.plan.orders for x in o.lines if x.sku == "G")


def test_a_past_day_leaves_todays_orders_out_and_says_so(shop):  # noqa: F811
    approve_g(shop)
    now = W.purchase_suggest(shop, today=TODAY)
    assert g(now) == 24 and "过去的日期" not in str(now.said())
    r = CliRunner().invoke(app, ["purchase", "suggest", str(shop.folder), "--date", "2026-11-20"])
    assert "12 × ¥3.50" in r.stdout and "过去的日期" in r.stdout, r.stdout
    then = W.purchase_suggest(shop, today=TODAY, as_of=d("11-20"))
    assert g(then) == 12 and then.past
    assert then.said()[0][1].startswith("过去的日期：订单只记着现在的状态")

    r = CliRunner().invoke(app, ["purchase", "suggest", str(shop.folder), "--date", "2026-11-20", "--json"])
    data = json.loads(r.stdout)
    assert data["orders_counted"] is False and [x["quantity"] for x in data["lines"] if x["sku"] == "G"] == [12]


def test_a_past_day_writes_no_draft_po_and_says_why(shop):  # noqa: F811
    """Before: `--date 2026-11-20 --write` appended draft POs numbered and dated 11-20 (PO-20261120-…,
    下单日期 11-20) to 采购 and wrote their workbooks, sized without the orders. Now it stops, exit 2,
    saying why and to draft today's without --date; stock.xlsx and reports/ are left as they were."""
    approve_g(shop)
    before = shop.path(STOCK).read_bytes()
    reports = sorted(p.name for p in shop.reports.rglob("*")) if shop.reports.exists() else []
    r = CliRunner().invoke(app, ["purchase", "suggest", str(shop.folder), "--date", "2026-11-20", "--write"])
    assert r.exit_code == 2, r.output
    said = " ".join(r.output.split())
    assert "过去的日期" in said and "没有写入草稿采购单" in said and "去掉 --date" in said, said
    assert shop.path(STOCK).read_bytes() == before
    assert (sorted(p.name for p in shop.reports.rglob("*")) if shop.reports.exists() else []) == reports
    with pytest.raises(ShopbookError) as e:
        W.purchase_suggest(shop, today=TODAY, as_of=d("11-20"), write_drafts=True)
    assert "is a past day (today is 2026-11-22): no draft PO was written" in e.value.en
    assert "drop --date and draft today's" in e.value.en
    # today's, and a past day without --write, are as before
    assert W.purchase_suggest(shop, today=TODAY, as_of=d("11-20")).plan.orders


def test_a_past_days_plan_does_not_say_to_add_write(shop):  # noqa: F811
    """Its last line said '（没有写入；加 --write 写入草稿采购单）', which for that day now stops; it says
    to drop --date and write today's instead."""
    r = CliRunner().invoke(app, ["purchase", "suggest", str(shop.folder), "--date", "2026-11-20"])
    said = "".join(r.output.split())
    assert "加--write写入草稿采购单" not in said and "过去的日期不写草稿采购单；要写，去掉--date按今天算，加--write" in said, r.output
    res = W.purchase_suggest(shop, today=TODAY, as_of=d("11-20"))
    assert res.said()[-1][2].startswith("(nothing written: a past day drafts no PO; to write them, drop --date")
    assert W.purchase_suggest(shop, today=TODAY).said()[-1][1] == "（没有写入；加 --write 写入草稿采购单）"  # today's
