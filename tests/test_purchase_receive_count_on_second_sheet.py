"""A receiving workbook whose first sheet is no count: a 说明 sheet (本表由仓库填写) before it, or the 商品资料 the
warehouse looks codes up in, the day's count on the sheet open when it was saved. Before: the first sheet alone was
read, its 本表由仓库填写 taken for a code scanned (✗ unknown code × 1), the count never read, A and B said 未到. The shop
is test_purchasing's (甲厂's draft CG20261122-01: A×20, B×10)."""

from __future__ import annotations

import openpyxl

from shopbook.purchasing import workflow as W

from test_purchasing import TODAY, d, shop  # noqa: F401 - the fixture


def test_the_count_is_read_from_the_sheet_it_is_on(shop, tmp_path):  # noqa: F811
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["本表由仓库填写"])
    ws = wb.create_sheet("商品资料")  # codes to look up, no quantity: each row would count 1
    for row in (["商家编码", "品名"], ["A", "衬衫白M"], ["B", "衬衫白L"]):
        ws.append(row)
    ws = wb.create_sheet("11-25到货")
    for row in (["商家编码", "实收数量"], ["A", 12], ["B", "=4+6"]):
        ws.append(row)
    wb.active = 2
    wb.save(book := tmp_path / "收货登记.xlsx")
    r = W.purchase_receive(shop, book, "CG20261122-01", d("11-25"))
    assert [(m.sku, m.qty) for m in r.movements] == [("A", 12)] and not r.wrong
    # (its formula, never calculated, is said on that sheet's row, not read as blank)
    assert {x.sku: x.result for x in r.lines} == {"A": "short", "B": "unread"} and r.problems[0][0] == 3, r.problems
    # saved with the 说明 sheet open: the one sheet that reads as a count (not 商品资料, before it, with no quantity)
    wb.active = 0
    wb["11-25到货"]["B3"] = 10
    wb.save(book)
    assert W.read_count(book)[0].codes == {"A": 12, "B": 10}
