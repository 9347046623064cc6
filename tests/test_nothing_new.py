"""A run that has nothing new to do says so, plainly and with no ✓ (QA): `aftersales receive`
of a return received before printed "✓ 收到：YT900001" again, and `purchase receive` of a count
posted before said "nothing changed" without saying when, while a same-day recount that added
nothing printed "✓ posted 0 units" (a complete PO) or "! posted 0 units" and exit 1 (a short
one). Now each says nothing new was received or posted and why (received on …), and exits 0
as a parcel scanned twice does, writing nothing. Real workbooks, the console in a process of
its own."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from shopbook.io.reader import read_workbook
from shopbook.purchasing import workflow as W
from shopbook.schema import ORDERS, STOCK, AfterSalesCase, Movement, MovementType, PurchaseLine
from test_aftersales import shipped_order, type_case
from test_orders import TODAY, build_shop
from test_purchasing import shop as purchase_shop  # noqa: F401 - the purchasing example, as a fixture
from cli_run import CJK, flat, shopbook

NO = "3900000000000000405"


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("*.xlsx")}


def to_english(folder: Path) -> None:
    toml = folder / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")


# --- aftersales receive -------------------------------------------------------------------------

@pytest.fixture
def returned(tmp_path):
    """A shipped order with a return case, its parcel received once on 11-23."""
    shop = build_shop(tmp_path)
    shipped_order(shop, tmp_path, NO)
    type_case(shop, case_no="TH-1", opened_on=TODAY, order_no=NO, sku="SH-WH-M", qty=1, type="退货退款",
              reason="尺码小了", return_tracking="YT900001", status="等退货", due=TODAY + dt.timedelta(days=7))
    r = shopbook("aftersales", "receive", shop.folder, "YT900001", "--date", "2026-11-23")
    assert r.returncode == 0 and "✓ 收到：YT900001" in r.stdout, r.stdout + r.stderr
    return shop


def returns_posted(shop) -> list[tuple]:
    return [(m.ref, m.sku, m.qty, m.date) for m in read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
            if m.type is MovementType.RETURN]


def test_a_return_received_again_says_when_it_came_and_does_nothing(returned):
    shop = returned
    before = files(shop.folder)
    for code in ("YT900001", "TH-1", NO):  # its tracking no., its case no., its order no.
        r = shopbook("aftersales", "receive", shop.folder, code, "--date", "2026-11-24")
        assert r.returncode == 0, r.stdout + r.stderr
        assert "✓" not in r.stdout and "收到：" not in r.stdout and "收到:" not in r.stdout, r.stdout
        assert f"–{code}：售后单TH-1的退货已于2026-11-23收到并入库，这次没有再收" in flat(r.stdout), r.stdout
    assert files(shop.folder) == before  # nothing written: not even orders.xlsx rewritten for nothing
    assert returns_posted(shop) == [("TH-1", "SH-WH-M", 1, dt.date(2026, 11, 23))]
    r = shopbook("aftersales", "receive", shop.folder, "YT900001", "--json", "--date", "2026-11-24")
    got = json.loads(r.stdout)
    assert r.returncode == 0 and got["received"] == [] and got["returns"] == []
    assert got["already_received"] == [{"code": "YT900001", "case_no": "TH-1", "status": "已收到退货",
                                        "status_en": "returned", "received_on": "2026-11-23"}]
    to_english(shop.folder)
    r = shopbook("aftersales", "receive", shop.folder, "YT900001", "--date", "2026-11-24")
    line = next(ln for ln in r.stdout.splitlines() if "YT900001" in ln)
    assert r.returncode == 0 and "✓" not in r.stdout
    assert " ".join(r.stdout.split()).startswith("– YT900001: the return of case TH-1 was received on 2026-11-23 "
                                                 "and posted then: nothing received again"), r.stdout
    assert not CJK.search(line), line


def test_with_a_return_not_received_before_only_that_one_is_ticked(returned, tmp_path):
    shop = returned
    other = "3900000000000000406"
    shipped_order(shop, tmp_path, other)
    type_case(shop, case_no="TH-2", opened_on=TODAY, order_no=other, sku="SH-WH-M", qty=1, type="退货退款",
              return_tracking="YT900002", status="等退货", due=TODAY + dt.timedelta(days=7))
    r = shopbook("aftersales", "receive", shop.folder, "YT900001", "YT900002", "--date", "2026-11-24")
    out = flat(r.stdout)
    assert r.returncode == 0 and "✓收到：YT900002" in out and "✓收到：YT900001" not in out, r.stdout
    assert "–YT900001：售后单TH-1的退货已于2026-11-23收到并入库，这次没有再收" in out, r.stdout
    assert [x[0] for x in returns_posted(shop)] == ["TH-1", "TH-2"]


def test_a_closed_case_scanned_again_is_said_as_received_or_to_check(returned):
    shop = returned
    wb = openpyxl.load_workbook(shop.path(ORDERS))  # the refund agreed: the case is done
    ws = wb["售后"]
    head = [c.value for c in ws[1]]
    row = next(r[0].row for r in ws.iter_rows(min_row=2) if r[head.index("售后单号")].value == "TH-1")
    ws.cell(row, head.index("状态") + 1).value = "已完成"
    wb.save(shop.path(ORDERS))
    before = files(shop.folder)
    r = shopbook("aftersales", "receive", shop.folder, "YT900001", "--date", "2026-11-25")
    # before: "找不到售后单: YT900001" (no case for it), exit 1
    assert r.returncode == 0 and "找不到售后单" not in r.stdout and "已于2026-11-23收到并入库" in flat(r.stdout), r.stdout
    # a case closed without its return ever posted: goods for it are a person's to look at
    type_case(shop, case_no="TH-3", opened_on=TODAY, order_no="X-9", type="退货退款", return_tracking="YT900003",
              status="已关闭")
    before = files(shop.folder)
    r = shopbook("aftersales", "receive", shop.folder, "YT900003", "--date", "2026-11-25")
    assert r.returncode == 1 and "✓" not in r.stdout, r.stdout
    assert "YT900003：售后单TH-3已经是“已关闭”，没有退货入库：这次没有收货，请先核对这个售后单" in flat(r.stdout), r.stdout
    assert files(shop.folder) == before
    assert [c.status.value for c in read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)
            ] == ["已完成", "已关闭"]


# --- purchase receive ---------------------------------------------------------------------------

def scan(tmp_path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def receive(shop, file, po, day, *more):
    return shopbook("purchase", "receive", shop.folder, file, "--po", po, "--date", day, *more)


def test_a_short_po_received_again_says_nothing_was_posted_and_when_it_was(purchase_shop, tmp_path):
    shop = purchase_shop
    W.purchase_suggest(shop, dt.date(2026, 11, 22), write_drafts=True)  # CG20261122-01: A×20, B×10
    box = scan(tmp_path, "box.txt", "A,12\nB,6\n")
    r = receive(shop, box, "CG20261122-01", "2026-11-25")
    assert r.returncode == 1 and "入库18件" in flat(r.stdout)  # short: 8 A and 4 B still to come
    before = files(shop.folder)
    r = receive(shop, box, "CG20261122-01", "2026-11-27")  # the same count, another day
    assert r.returncode == 0 and "✓" not in r.stdout, r.stdout
    assert "–没有入库：这个收货文件已于2026-11-25在CG20261122-01入过库，没有改动" in flat(r.stdout), r.stdout
    # a recount of part of it the same day (the same delivery): nothing it adds
    r = receive(shop, scan(tmp_path, "a-only.txt", "A,12\n"), "CG20261122-01", "2026-11-25")
    out = flat(r.stdout)
    assert r.returncode == 0 and "✓" not in r.stdout and "入库0件" not in out, r.stdout  # before: "! 入库 0 件", exit 1
    assert out.startswith("–CG20261122-01甲厂：没有新入库：这个文件点的货已由CG20261122-01在2026-11-25的收货")
    assert files(shop.folder) == before
    posted = [(m.sku, m.qty) for m in read_workbook(shop.path(STOCK), STOCK).rows(Movement) if m.ref == "CG20261122-01"]
    assert posted == [("A", 12), ("B", 6)]
    r = receive(shop, box, "CG20261122-01", "2026-11-27", "--json")
    got = json.loads(r.stdout)
    assert r.returncode == 0 and got["already_posted"] and got["posted_on"] == ["2026-11-25"]
    to_english(shop.folder)
    r = receive(shop, box, "CG20261122-01", "2026-11-27")
    assert r.returncode == 0 and " ".join(r.stdout.split()) == (
        "– nothing posted: this count was posted on CG20261122-01 on 2026-11-25; nothing changed"), r.stdout


def test_close_on_a_count_posted_before_closes_the_po_and_posts_nothing_again(purchase_shop, tmp_path):
    """The supplier says the rest will not come: `--close` with the count already posted closes
    the PO. Before, the run stopped at "posted before, nothing changed" and the PO stayed open."""
    shop = purchase_shop
    W.purchase_suggest(shop, dt.date(2026, 11, 22), write_drafts=True)  # CG20261122-01: A×20, B×10
    box = scan(tmp_path, "box.txt", "A,12\nB,6\n")
    assert receive(shop, box, "CG20261122-01", "2026-11-25").returncode == 1  # short
    r = receive(shop, box, "CG20261122-01", "2026-11-27", "--close")
    assert r.returncode == 0, r.stdout
    assert "✓采购单CG20261122-01已关闭（--close）；这个收货文件已于2026-11-25入过库，没有再入库" in flat(r.stdout), r.stdout
    lines = [(x.sku, x.status.value, x.received) for x in
             read_workbook(shop.path(STOCK), STOCK, (PurchaseLine,)).rows(PurchaseLine) if x.po_no == "CG20261122-01"]
    assert lines == [("A", "已到货", 12), ("B", "已到货", 6)]
    posted = [(m.sku, m.qty) for m in read_workbook(shop.path(STOCK), STOCK).rows(Movement) if m.ref == "CG20261122-01"]
    assert posted == [("A", 12), ("B", 6)]  # nothing posted twice
    before = files(shop.folder)
    r = receive(shop, box, "CG20261122-01", "2026-11-28", "--close")  # closed already: nothing to do
    assert r.returncode == 0 and "✓" not in r.stdout and files(shop.folder) == before, r.stdout


def test_a_recount_adding_nothing_to_a_complete_po_is_no_tick(purchase_shop, tmp_path):
    shop = purchase_shop
    W.purchase_suggest(shop, dt.date(2026, 11, 22), write_drafts=True)  # CG20261122-02: G×12 (乙厂's Y-88)
    r = receive(shop, scan(tmp_path, "g.txt", "Y-88,12\n"), "CG20261122-02", "2026-11-26")
    assert r.returncode == 0 and r.stdout.startswith("✓ CG20261122-02"), r.stdout
    before = files(shop.folder)
    # the same box counted again by our SKU instead of the supplier's code: another file, nothing more
    r = receive(shop, scan(tmp_path, "g2.txt", "G,12\n"), "CG20261122-02", "2026-11-26")
    assert r.returncode == 0 and "✓" not in r.stdout and "没有新入库" in r.stdout, r.stdout  # before: "✓ 入库 0 件"
    assert files(shop.folder) == before
    # the first file again with a line of 0 beside it: the same delivery (its lines of 0 no part of it), posted before
    r = receive(shop, scan(tmp_path, "g2b.txt", "Y-88,12\nG,0\n"), "CG20261122-02", "2026-11-26")
    assert r.returncode == 0 and "✓" not in r.stdout and "入过库，没有改动" in r.stdout, r.stdout
    assert files(shop.folder) == before
    r = receive(shop, scan(tmp_path, "g3.txt", "Y-88,12\nZZ-1\n"), "CG20261122-02", "2026-11-26")
    assert r.returncode == 1 and "✓" not in r.stdout and "ZZ-1" in r.stdout, r.stdout  # an unknown code: look at it


def test_the_receive_button_says_the_same(purchase_shop, tmp_path):
    """采购收货… pressed in the open stock.xlsx (today's date): the count again is 'nothing
    posted, posted on …', a recount adding nothing is 'nothing new posted', neither an alarm."""
    from shopbook import xl
    from shopbook.schema import PoStatus, PurchaseLine
    from xlfake import FakeBook

    shop = purchase_shop
    W.purchase_suggest(shop, write_drafts=True)
    line = next(ln for ln in read_workbook(shop.path(STOCK), STOCK).rows(PurchaseLine)
                if ln.status is PoStatus.DRAFT and ln.sku in ("A", "B", "G"))
    other = {"A": "JA-100-M", "B": "JA-100-L", "G": "Y-88"}[line.sku]  # the supplier's code for the same SKU
    book = FakeBook(shop.path(STOCK))
    box = scan(tmp_path, "box.txt", f"{line.po_no},顺丰,SF1\n{line.sku},{line.qty}\n")
    xl.purchase_receive(path=str(box), book=book)
    assert f"{line.po_no} " in book.app.alerts[-1]["prompt"] and f"：入库 {line.qty} 件" in book.app.alerts[-1]["prompt"]
    xl.purchase_receive(path=str(box), book=book)
    said = book.app.alerts[-1]
    assert said["prompt"].startswith(f"– 没有入库：这个收货文件已于 {dt.date.today()} 在 {line.po_no} 入过库，没有改动")
    assert said["mode"] == "info"
    again = scan(tmp_path, "again.txt", f"{line.po_no},顺丰,SF1\n{other},{line.qty}\n")  # (by the supplier's code)
    xl.purchase_receive(path=str(again), book=book)
    said = book.app.alerts[-1]
    assert said["prompt"].startswith(f"– {line.po_no} ") and "：没有新入库：这个文件点的货已由" in said["prompt"], said
    assert said["mode"] == "info", said
    assert "入库 0 件" not in said["prompt"]
