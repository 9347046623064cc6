"""A packer who scans the parcel's own waybill (its tracking no. scanned twice) or packing note again
among its goods, as many close a parcel: each was "条码 73100000000001 不属于任何商品", the parcel failed and
a 售后 问题件 was opened for customer service about a parcel packed right. Its own numbers are not goods:
skipped; any other code that is no product still fails it."""

from __future__ import annotations

from cli_run import flat, shopbook
from test_orders import lines_of
from test_ship_scan_csv_rescanned import A, B, BK_M, WH_M, two_orders


def test_the_parcels_own_waybill_or_note_scanned_among_its_goods_ships(tmp_path):
    shop = two_orders(tmp_path)
    scan = tmp_path / "scan.txt"
    scan.write_text(f"{A},中通,73100000000001\n{WH_M}\n73100000000001\n"
                    f"{B},中通,73100000000002\n73100000000002\n{BK_M}\n{B}\n", encoding="utf-8")
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "✓发货：2，出库：2" in flat(r.stdout) and "问题件" not in r.stdout
    assert {ln.order_no: ln.tracking_no for ln in lines_of(shop)} == {A: "73100000000001", B: "73100000000002"}


def test_another_parcels_waybill_among_the_goods_still_fails(tmp_path):
    shop = two_orders(tmp_path)
    scan = tmp_path / "scan.txt"
    scan.write_text(f"{A},中通,73100000000001\n{WH_M}\n73100000000002\n", encoding="utf-8")
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 1, r.stdout + r.stderr
    assert f"✗{A}：条码73100000000002不属于任何商品" in flat(r.stdout), r.stdout
