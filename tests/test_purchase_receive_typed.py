"""Receiving as the warehouse types it: a PO number copied with spaces or in lower case, a
wrong item scanned by its barcode, a stop about the shop's data in the shop's language.
The shop is test_purchasing's hand-worked one (甲厂's draft CG20261122-01: A×20, B×10)."""

from __future__ import annotations

from typer.testing import CliRunner

import shopbook.cli
from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.purchasing import workflow as W
from shopbook.schema import STOCK, Movement, PoStatus, PurchaseLine

from test_purchasing import TODAY, _scan, d, shop  # noqa: F401 - the fixture


def test_a_po_number_typed_with_spaces_or_in_lower_case_is_the_sheets(shop, tmp_path):  # noqa: F811
    """`--po " CG 20261122-01"` stopped with "the Purchases sheet has no PO": it is that PO."""
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    r = W.purchase_receive(shop, _scan(tmp_path, "a.txt", "A,20\n"), " cg 20261122-01 ", d("11-25"))
    assert r.po_no == "CG20261122-01" and [(m.sku, m.qty, m.ref) for m in r.movements] == [("A", 20, "CG20261122-01")]
    wd = read_workbook(shop.path(STOCK), STOCK)
    assert [(m.sku, m.ref) for m in wd.rows(Movement) if m.date == d("11-25")] == [("A", "CG20261122-01")]
    po = {ln.sku: (ln.status, ln.received) for ln in wd.rows(PurchaseLine) if ln.po_no == "CG20261122-01"}
    assert po == {"A": (PoStatus.RECEIVED, 20), "B": (PoStatus.ORDERED, 0)}
    # full-width, from a Chinese input method, through the command line
    res = CliRunner().invoke(app, ["purchase", "receive", str(shop.folder), str(_scan(tmp_path, "b.txt", "B,10\n")),
                                   "--po", "ＣＧ２０２６１１２２－０１", "--date", "2026-11-25"])
    assert res.exit_code == 0, res.output
    po = {ln.sku: ln.status for ln in read_workbook(shop.path(STOCK), STOCK).rows(PurchaseLine)
          if ln.po_no == "CG20261122-01"}
    assert po == {"A": PoStatus.RECEIVED, "B": PoStatus.RECEIVED}


def test_a_po_number_written_in_lower_case_on_the_box_is_the_sheets(shop, tmp_path):  # noqa: F811
    """The Excel button takes the PO from the count's first line: written cg20261122-01 (or full-width)
    by the warehouse, it said the file names no PO."""
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    for heading in ("cg20261122-01,中通,YT1", "ＣＧ２０２６１１２２－０１,中通,YT1"):
        assert W.po_of_count(shop, _scan(tmp_path, "h.txt", f"{heading}\nA,20\n")) == "CG20261122-01"
    # received under it, the box's own number is the PO's: nothing said of "another PO"
    r = W.purchase_receive(shop, _scan(tmp_path, "x.txt", "cg20261122-01,中通,YT1\nA,20\n"), "CG20261122-01", d("11-25"))
    assert [(m.sku, m.qty, m.ref) for m in r.movements] == [("A", 20, "CG20261122-01")]


def test_a_wrong_item_scanned_by_its_barcode_is_named_by_it_on_its_line(shop, tmp_path, monkeypatch):  # noqa: F811
    """An item not on the PO scanned by its barcode was said as "line 0: A (not on the PO)":
    no line 0 in the file, and no A on the box either. Now the line and the code scanned."""
    monkeypatch.setattr(shopbook.cli.out, "width", 400)
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    scan = _scan(tmp_path, "g.txt", "CG20261122-02,顺丰,SF1\nY-88,12\n6900000000017\n6900000000017\n")
    res = CliRunner().invoke(app, ["purchase", "receive", str(shop.folder), str(scan), "--po", "CG20261122-02",
                                   "--date", "2026-11-26"])
    assert res.exit_code == 1
    assert "✗ 第 3 行：6900000000017 = A（不在采购单上） × 2 没有入库" in res.output, res.output
    wd = read_workbook(shop.path(STOCK), STOCK)
    assert [(m.sku, m.qty) for m in wd.rows(Movement) if m.date == d("11-26")] == [("G", 12)]  # A not posted


def test_a_stop_about_the_shops_pos_is_in_the_shops_language(shop, tmp_path, monkeypatch):  # noqa: F811
    """No such PO, a box naming another PO, a count onto lines already received: about the
    shop's own data, said in its language alone (they were said in Chinese and English)."""
    monkeypatch.setattr(shopbook.cli.out, "width", 400)
    monkeypatch.setattr(shopbook.cli.err, "width", 400)
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    W.purchase_receive(shop, _scan(tmp_path, "a.txt", "A,20\n"), "CG20261122-01", d("11-25"))

    def receive(file, po):
        return CliRunner().invoke(app, ["purchase", "receive", str(shop.folder), str(file), "--po", po,
                                        "--date", "2026-11-27"])

    for res, said in ((receive(_scan(tmp_path, "x.txt", "A\n"), "CG999"), "“采购”表里没有采购单 CG999"),
                      (receive(_scan(tmp_path, "box.txt", "CG20261122-02,顺丰,SF1\nG\n"), "CG20261122-01"),
                       "收货文件写的是采购单 CG20261122-02"),
                      (receive(_scan(tmp_path, "again.txt", "A,20\nB,1\n"), "CG20261122-01"), "已经是“已到货”")):
        assert res.exit_code == 2 and said in res.output, res.output
        assert not any(w in res.output for w in ("The Purchases sheet", "The receipt file", "already received")), \
            res.output


def test_a_delivery_sheet_is_read_row_by_row_by_whichever_code_it_has(shop, tmp_path):  # noqa: F811
    """条码 | 商家编码 | 名称 | 实收数量, A with its barcode, B with its SKU alone: only the 条码 column was
    read (B said not delivered, nothing said of its row); with 条码 blank throughout, "no codes". Now
    each row by the code it has, and a row of goods with no code at all is said, located."""
    import openpyxl

    W.purchase_suggest(shop, TODAY, write_drafts=True)

    def sheet(name, *rows):
        wb = openpyxl.Workbook()
        for row in (["条码", "商家编码", "名称", "实收数量"], *rows):
            wb.active.append(row)
        wb.save(tmp_path / name)
        return tmp_path / name

    r = W.purchase_receive(shop, sheet("a.xlsx", ["6900000000017", "A", "衬衫", 12], [None, "B", "衬衫", 10],
                                       [None, None, "衬衫", 3], [None, None, "合计", 25]), "CG20261122-01", d("11-25"))
    assert {x.sku: x.now for x in r.lines} == {"A": 12, "B": 10}
    assert [(n, zh) for n, zh, _ in r.problems] == [(4, "第 4 行 实收数量 3 没有编码（条码、商家编码都是空的）：没有入库")]
    wd = read_workbook(shop.path(STOCK), STOCK)
    assert [(m.sku, m.qty) for m in wd.rows(Movement) if m.date == d("11-25")] == [("A", 12), ("B", 10)]
    # 条码 blank throughout: the SKUs are read
    r = W.purchase_receive(shop, sheet("b.xlsx", [None, "G", "袜子", 12]), "CG20261122-02", d("11-25"))
    assert {x.sku: x.now for x in r.lines} == {"G": 12} and r.complete and r.closed


def test_a_row_of_the_sums_alone_under_a_delivery_sheet_is_no_goods_without_a_code(shop, tmp_path):  # noqa: F811
    """=SUM under 实收数量 with no label (the README: rows of nothing but the sums above are skipped
    everywhere): not a row of goods with no code, which kept the receipt from its ✓."""
    import openpyxl

    W.purchase_suggest(shop, TODAY, write_drafts=True)
    wb = openpyxl.Workbook()
    for row in (["条码", "商家编码", "名称", "实收数量"], [None, "A", "衬衫", 12], [None, "B", "衬衫", "10"],
                [None, None, None, 22]):
        wb.active.append(row)
    wb.save(tmp_path / "c.xlsx")
    r = W.purchase_receive(shop, tmp_path / "c.xlsx", "CG20261122-01", d("11-25"))
    assert {x.sku: x.now for x in r.lines} == {"A": 12, "B": 10} and r.problems == []
