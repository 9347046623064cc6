"""QA (warehouse, 双11): a parcel's scans on its own parcel line were dropped. A scanner whose suffix is a Tab (set so
to scan into Excel) or a comma puts a parcel's order no., courier, tracking no. and barcodes on one line; a scanner
app's CSV of a row a scan without its header row repeats the parcel on each row. Every code after the third field
was taken for nothing: "少了 SH-WH-M：应 1 件，扫到 0 件" for goods scanned, exit 1, and a 售后 问题件 opened for
each parcel packed right. They are now the parcel's codes; rows of one parcel one after another are one parcel, a
unit too many still said, and a parcel's line again after another parcel's is its check again."""

from __future__ import annotations

from cli_run import flat, shopbook
from shopbook.io.reader import read_workbook
from shopbook.orders.scan import parse_scans
from shopbook.schema import ORDERS, AfterSalesCase
from test_orders import lines_of
from test_ship_scan_csv_rescanned import A, B, BK_M, WH_M, two_orders


def _shipped_both(tmp_path, text: str) -> None:
    shop = two_orders(tmp_path)
    scan = tmp_path / "scan.txt"
    scan.write_bytes(text.encode("utf-8"))
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "✓发货：2，出库：2" in flat(r.stdout) and "✗" not in r.stdout, r.stdout
    assert {ln.order_no: (ln.status.value, ln.tracking_no) for ln in lines_of(shop)} == {
        A: ("已发货", "73100000000001"), B: ("已发货", "73100000000002")}
    assert read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase) == []


def test_a_scanner_with_a_tab_suffix_one_line_a_parcel_ships(tmp_path):
    _shipped_both(tmp_path, f"{A}\t中通\t73100000000001\t{WH_M}\t\r\n{B}\t中通\t73100000000002\t{BK_M}\t\r\n")


def test_a_csv_of_a_row_a_scan_without_its_header_ships(tmp_path):
    _shipped_both(tmp_path, f"{A},中通,73100000000001,{WH_M}\n{B},中通,73100000000002,{BK_M}\n")


def test_rows_of_one_parcel_are_one_parcel_and_a_parcel_again_later_is_checked_again():
    got = parse_scans(f"{A},中通,7310,{WH_M}\n{A},中通,7310,{WH_M},{BK_M}\n{B},中通,7311,{BK_M}\n"
                      f"{A},中通,7310,{WH_M}\n{BK_M}\n")
    assert [(p.ref, p.codes, p.line) for p in got] == [(A, [WH_M, WH_M, BK_M], 1), (B, [BK_M], 3),
                                                        (A, [WH_M, BK_M], 4)]
    # the text form as it was: a parcel line, then a code a line
    assert [(p.ref, p.codes) for p in parse_scans(f"{A},中通,7310\n{WH_M}\n{A},中通,7310\n{WH_M}\n")] == [
        (A, [WH_M]), (A, [WH_M])]


def test_a_unit_too_many_on_the_parcel_s_rows_is_still_said(tmp_path):
    shop = two_orders(tmp_path)
    scan = tmp_path / "scan.csv"
    scan.write_text(f"{A},中通,73100000000001,{WH_M}\n{A},中通,73100000000001,{WH_M}\n{B},中通,73100000000002,{BK_M}\n",
                    encoding="utf-8")
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 1, r.stdout + r.stderr
    said = flat(r.stdout)
    assert "发货：1，出库：1件；1个包裹没有通过" in said and f"✗{A}：多了SH-WH-M：应1件，扫到2件" in said, r.stdout
