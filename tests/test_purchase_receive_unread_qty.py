"""QA: a count sheet whose 实收 did not read (十, 5箱) showed that PO line as "未到 20", goods that did not
come, beside the ✗ for the cell, and headed the run "没有新入库：这个文件里没有要入库的数量" (it had them, in
words). Now the line says the quantity does not read, at its line of the file (a SKU with one line read
and one not: 少到 15, and which line did not read), and the heading says the lines that read count
nothing. A blank 实收 is still 未到 (a printed PO filled in only for what came). The shop is
test_purchasing's (甲厂's draft CG20261122-01: A×20, B×10)."""

from __future__ import annotations

import openpyxl

from cli_run import flat
from shopbook.purchasing import workflow as W
from shopbook.schema import STOCK, PurchaseLine

from test_purchasing import TODAY, d, shop  # noqa: F401 - the fixture


def _sheet(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["商家编码", "实收数量"])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_a_quantity_that_does_not_read_is_said_on_its_po_line(shop, tmp_path):  # noqa: F811
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb[PurchaseLine.zh]
    col = [c.value for c in ws[1]].index("状态") + 1
    for row in range(2, ws.max_row + 1):
        ws.cell(row, col).value = "已下单"  # sent to the supplier (a draft received against is set so: a change)
    wb.save(shop.path(STOCK))
    r = W.purchase_receive(shop, _sheet(tmp_path / "c.xlsx", [["A", "十"], ["B", None]]), "CG20261122-01", d("11-25"))
    zh = [flat(z) for _, z, _ in r.said()]
    en = [e for _, _, e in r.said()]
    assert zh[0] == flat("CG20261122-01 甲厂：没有新入库：这个文件里读得出的行没有要入库的数量（读不出的行见下）")
    assert zh[1].endswith(flat("本次 0 数量读不出（第 2 行）")), zh
    assert zh[2].endswith(flat("本次 0 未到 10")), zh  # a blank: nothing came
    assert en[1].endswith("quantity does not read (line 2)"), en
    assert [x["result"] for x in r.to_json()["lines"]] == ["unread", "missing"]


def test_one_line_read_and_one_not_is_short_and_says_which(shop, tmp_path):  # noqa: F811
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    r = W.purchase_receive(shop, _sheet(tmp_path / "c.xlsx", [["A", 5], ["A", "5箱"], ["B", 10]]), "CG20261122-01",
                           d("11-25"))
    zh = [flat(z) for _, z, _ in r.said()]
    assert zh[1].endswith(flat("本次 5 少到 15（第 3 行的数量读不出，没有算进本次）")), zh
    assert r.said()[1][2].endswith("short 15 (the quantity on line 3 does not read: not in this delivery)")


def test_a_draft_received_with_nothing_that_reads_is_no_tally_of_0(shop, tmp_path):  # noqa: F811
    """The draft's lines are set 已下单 (the goods came: it was sent), but nothing was posted: said so, not
    "入库 0 件，0 行"."""
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    r = W.purchase_receive(shop, _sheet(tmp_path / "c.xlsx", [["A", "十"], ["B", "5箱"]]), "CG20261122-01", d("11-25"))
    mark, zh, en = r.said()[0]
    assert mark == "!" and zh == "CG20261122-01 甲厂：没有新入库：这个文件里读得出的行没有要入库的数量（读不出的行见下）", zh
    assert en.startswith("CG20261122-01 甲厂: nothing new posted: the lines of this file that read count nothing")
