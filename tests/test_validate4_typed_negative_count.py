"""A quantity typed as an accountant's negative, (1), was said as the value '-1', which the cell does
not hold (qa-validate4): it is quoted as typed, as an amount typed so already is."""

from __future__ import annotations

from blank_books import blank

from shopbook.validate import validate_path


def test_a_count_typed_in_brackets_is_quoted_as_typed(tmp_path):
    path, wb = blank(tmp_path, "stock.xlsx")
    wb["商品"].append(["A001", "S1", "T恤", "白", "M", None, "A-01", 35, 99])
    ws = wb["出入库"]
    for r, row in enumerate([["2026-11-01", "A001", "入库", 5], ["2026-11-02", "A001", "出库", "(1)"]], start=2):
        for c, v in enumerate(row, start=1):
            ws.cell(r, c, v)
    wb.save(path)
    said = [(i.cell, i.value, i.message_zh) for i in validate_path(path).issues]
    assert said == [("D3", "(1)", "出库数量必须是正数（只有“调整”可以为负）：退回来的货，类型改为“退货”、数量填 1；"
                                  "确实是发出去的，数量填 1。")], said
