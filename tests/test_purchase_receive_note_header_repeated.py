"""A supplier's delivery note of two pages: its header (货号 | 品名 | 数量 | 单价) again at the top of the second page,
a 小计 under each page and a 总计 at the end. Before: the repeated header was said as a code 货号 whose quantity 数量
does not read (✗, 'correct the lines that do not read'): a good note to be corrected. The shop is test_purchasing's
(甲厂's draft CG20261122-01: A×20 @¥20, B×10 @¥30)."""

from __future__ import annotations

import openpyxl

from shopbook.purchasing import workflow as W

from test_purchasing import TODAY, d, shop  # noqa: F401 - the fixture


def test_the_header_repeated_on_a_notes_second_page_is_no_line(shop, tmp_path):  # noqa: F811
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    wb = openpyxl.Workbook()
    for row in (["甲厂送货单"], ["货号", "品名", "数量", "单价"], ["JA-100-M", "衬衫白M", 12, 20], ["小计", None, 12, None],
                ["货号", "品名", "数量", "单价"], ["JA-100-L", "衬衫白L", 10, 30], ["小计", None, 10, None],
                ["总计", None, 22, None]):
        wb.active.append(row)
    wb.save(note := tmp_path / "送货单.xlsx")
    r = W.purchase_receive(shop, note, "CG20261122-01", d("11-25"))
    assert not r.problems and not r.wrong, r.problems
    assert [(m.sku, m.qty) for m in r.movements] == [("A", 12), ("B", 10)]
    assert {x.sku: x.result for x in r.lines} == {"A": "short", "B": "complete"}
