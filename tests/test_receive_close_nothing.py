"""QA: `purchase receive --close` whose count posts nothing (the supplier sent none of the PO's goods, only
an item the PO does not order) headed its report "✓/! CG… 乙厂：入库 0 件，0 行，采购单已关闭", a tally of
nothing. --close is how a shop stops waiting for what a supplier will not send, so the close is done; the
head now says plainly that nothing came in and the PO was closed. The shop is test_purchasing's."""

from __future__ import annotations

from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK, PoStatus, PurchaseLine
from shopbook.purchasing import workflow as W

from test_purchasing import TODAY, shop  # noqa: F401 - the fixture


def test_close_with_nothing_received_says_so(shop, tmp_path, wide_console):  # noqa: F811
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    count = tmp_path / "g.csv"
    count.write_bytes("商家编码,实收数量\r\nA,3\r\n".encode("utf-8-sig"))  # A is on 甲厂's PO, not 乙厂's
    res = CliRunner().invoke(app, ["purchase", "receive", str(shop.folder), str(count), "--po", "CG20261122-02",
                                   "--date", "2026-11-26", "--close"])
    out = res.stdout
    assert "入库 0 件" not in out and "0 行" not in out, out
    assert "没有新入库：这个文件点的货都不在这张采购单上；采购单已关闭（--close），没到的货不再等" in out, out
    assert res.exit_code == 1  # a person looks: nothing came, A is to go back
    lines = [ln for ln in read_workbook(shop.path(STOCK), STOCK).rows(PurchaseLine) if ln.po_no == "CG20261122-02"]
    assert [ln.status for ln in lines] == [PoStatus.RECEIVED]  # closed all the same
