"""QA: a 出入库 row typed by hand with a minus in its 数量 (a customer's return typed 出库 -1, goods sent back to the
supplier typed 入库 -3) was said "出库数量必须是正数（只有“调整”可以为负）", and nothing more: made 出库 1 as it asked, the
return came off the shelf as a sale, the book 2 below the goods. It says now which type and quantity each way the goods
may have gone takes (a 0: a row that does nothing), in the shop's language, at the cell."""

from __future__ import annotations

from blank_books import blank

from shopbook.validate import validate_path


def _said(tmp_path, lang, types):
    path, wb = blank(tmp_path, "stock.xlsx", lang)
    wb.worksheets[0].append(["A001", "S1", "T恤", "白", "M", None, "A-01", 35, 99, None, 10])
    ws = wb.worksheets[1]
    for r, row in enumerate([["2026-11-02", "A001", types[0], -1], ["2026-11-03", "A001", types[1], -2],
                             ["2026-11-04", "A001", types[2], -3], ["2026-11-05", "A001", types[2], 0]], start=2):
        for c, v in enumerate(row, start=1):
            ws.cell(r, c, v)
    wb.save(path)
    return [(i.cell, i.message_zh, i.message_en) for i in validate_path(path).issues if i.is_error]


def test_a_minus_in_a_movement_says_both_ways(tmp_path):
    said = _said(tmp_path, "zh", ("出库", "退货", "入库"))
    assert [(c, zh) for c, zh, _ in said] == [
        ("D2", "出库数量必须是正数（只有“调整”可以为负）：退回来的货，类型改为“退货”、数量填 1；确实是发出去的，数量填 1。"),
        ("D3", "退货数量必须是正数（只有“调整”可以为负）：客户退回来的货，数量填 2（退回的件数）；退给供应商的货，类型改为“调整”、"
               "数量填 -2、备注写 退供应商；是发给客户的货，类型改为“出库”、数量填 2。"),
        ("D4", "入库数量必须是正数（只有“调整”可以为负）：退给供应商的货，类型改为“调整”、数量填 -3、备注写 退供应商；确实是到货，数量填 3。"),
        ("D5", "入库数量必须是正数（只有“调整”可以为负）：数量 0 这一行没有作用：请填件数，或删掉这一行。")]


def test_an_english_shop_is_told_in_its_words(tmp_path):
    said = _said(tmp_path, "en", ("out", "return", "in"))
    assert [(c, en) for c, _, en in said] == [
        ("D2", "The quantity of a movement 'out' must be positive (only 'adjust' may be negative): goods that came "
               "back: make the type 'return' and the quantity 1; goods that went out: the quantity 1."),
        ("D3", "The quantity of a movement 'return' must be positive (only 'adjust' may be negative): goods a customer "
               "sent back: the quantity 2 (the units back); goods sent back to the supplier: make the type 'adjust', the "
               "quantity -2 and the note 'returned to supplier'; goods sent to a customer: make the type 'out' and the "
               "quantity 2."),
        ("D4", "The quantity of a movement 'in' must be positive (only 'adjust' may be negative): goods sent back to "
               "the supplier: make the type 'adjust', the quantity -3 and the note 'returned to supplier'; goods "
               "received: the quantity 3."),
        ("D5", "The quantity of a movement 'in' must be positive (only 'adjust' may be negative): a quantity of 0 does "
               "nothing: type the units, or delete the row.")]
