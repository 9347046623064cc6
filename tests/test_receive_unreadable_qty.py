"""QA: a delivery sheet with one 实收数量 typed "10件": the other lines are posted and the line said ✗
at its row, but nothing said how to post it once corrected; received again the next day (no --date)
the corrected file was refused as posted already. Now the ✗ is followed by what to do: correct it and
receive the file again with that --date, which posts the corrected line alone (nothing twice)."""

from __future__ import annotations

import openpyxl
from shopbook.io.reader import read_workbook
from shopbook.purchasing import workflow as W
from shopbook.schema import STOCK, Movement, PoStatus, PurchaseLine

from test_purchasing import TODAY, d, shop  # noqa: F401 - the fixture

PO = "CG20261122-01"  # 甲厂's draft: A×20, B×10


def _sheet(path, b_qty):
    wb = openpyxl.Workbook()
    for row in (["商家编码", "实收数量"], ["A", 20], ["B", b_qty]):
        wb.active.append(row)
    wb.save(path)
    return path


def _posted(shop):  # noqa: F811
    wd = read_workbook(shop.path(STOCK), STOCK)
    return ([(m.sku, m.qty) for m in wd.rows(Movement) if m.ref == PO],
            {ln.sku: (ln.status, ln.received) for ln in wd.rows(PurchaseLine) if ln.po_no == PO})


def test_a_line_that_does_not_read_is_posted_alone_once_corrected(shop, tmp_path):  # noqa: F811
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    count = _sheet(tmp_path / "收货.xlsx", "10箱")
    r = W.purchase_receive(shop, count, PO, d("11-25"))
    assert [(m.sku, m.qty) for m in r.movements] == [("A", 20)]
    said = r.said()
    at = next(k for k, s in enumerate(said) if s[0] == "✗")
    assert said[at][1] == "第 3 行 B 的数量读不出：应为整数：“10箱”是箱数，不是件数。请填件数（10 箱 × 每箱的件数），不带单位。"
    assert said[at + 1][1:] == (
        "  改正收货文件里读不出的行，再用 --date 2026-11-25 收一次这个文件：已入库的不会重复入库，只入库改正的行",
        "  correct the lines that do not read in the count file, then receive it again with --date 2026-11-25: "
        "what was posted is not posted again, only the corrected lines are")
    # the same file again, uncorrected: nothing posted, the same advice
    again = W.purchase_receive(shop, count, PO, d("11-25")).said()
    assert any("再用 --date 2026-11-25 收一次" in s[1] for s in again), again
    assert _posted(shop)[0] == [("A", 20)]

    _sheet(count, 10)  # corrected, received again as told
    fixed = W.purchase_receive(shop, count, PO, d("11-25"))
    assert [(m.sku, m.qty) for m in fixed.movements] == [("B", 10)] and not fixed.problems
    assert not any("收一次" in s[1] for s in fixed.said())
    assert _posted(shop) == ([("A", 20), ("B", 10)], {"A": (PoStatus.RECEIVED, 20), "B": (PoStatus.RECEIVED, 10)})
    assert W.purchase_receive(shop, count, PO, d("11-25")).already_posted  # and once only
    assert W.purchase_receive(shop, count, PO, d("11-26")).already_posted  # another day alike
    assert _posted(shop)[0] == [("A", 20), ("B", 10)]
