"""QA (scan check, 合并发货): a box of one buyer's two orders (their packing notes say 与订单 … 装进一个包裹，贴一张面单)
scanned as a careful packer scans it: the box's waybill with the first order's note, that order's goods, then the
second order's packing note (no waybill of its own: the box has one) and its goods. Before: the first order shipped,
the second failed "没有快递单号" and was opened a 售后 问题件 though its goods went, right, in the box. Now the mate
ships under the box's waybill, each order's goods posted out; a mate packed wrong still fails, said as before."""

from __future__ import annotations

import openpyxl

from cli_run import shopbook
from test_ship_merged_box_one_scan import BK_M, WH_L, WH_M, _line, _state
from test_orders import build_shop

from shopbook.schema import ORDERS, OrderLine
from shopbook.workbook_builder import write_workbook


def _boxes(tmp_path):
    shop = build_shop(tmp_path)
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: [
        _line("T1", "SH-WH-M", "淘宝"), _line("T2", "SH-BK-M", "淘宝"),  # one box
        _line("T3", "SH-WH-M", "淘宝", "北京市 朝阳区 建国路1号", "李雷"), _line("T4", "SH-BK-M", "淘宝", "北京市 朝阳区 建国路1号", "李雷")]},
        keep_backup=False)
    assert shopbook("orders", "review", shop.folder).returncode == 0
    assert shopbook("picklist", shop.folder).returncode == 0
    return shop


def test_a_box_mates_note_scanned_in_the_box_ships_under_the_boxs_waybill(tmp_path):
    shop = _boxes(tmp_path)
    scan = tmp_path / "scan.txt"
    scan.write_text(f"T1,中通,73100000000001\n{WH_M}\nT2\n{BK_M}\n"
                    f"T3,中通,73100000000003\n{WH_M}\nT4\n{WH_L}\n", encoding="utf-8")  # T4's SH-BK-M packed as SH-WH-L
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 1 and "发货：3，出库：3 件；1 个包裹没有通过" in r.stdout, r.stdout
    assert "T2" not in r.stdout and "没有快递单号" not in r.stdout, r.stdout
    assert "✗ T4：颜色/尺码不对：应为 SH-BK-M，扫到 SH-WH-L" in r.stdout, r.stdout  # (a mate packed wrong: said)
    assert _state(shop) == {"T1": ("已发货", "73100000000001"), "T2": ("已发货", "73100000000001"),
                            "T3": ("已发货", "73100000000003"), "T4": ("已审核", None)}
    wb = openpyxl.load_workbook(shop.folder / "stock.xlsx")
    out = [(r[1], r[3]) for r in wb["出入库"].iter_rows(min_row=2, values_only=True) if r[2] == "出库"]
    assert sorted(out) == [("SH-BK-M", 1), ("SH-WH-M", 1), ("SH-WH-M", 1)], out


def test_a_mate_never_ships_under_the_waybill_of_a_box_whose_first_order_failed(tmp_path):
    """T1, the box's waybill on its note, packed with SH-WH-L for SH-WH-M: the box is pulled to be packed again (a new
    waybill may go over the old one), so T2, scanned in it right, is not shipped under the failed box's waybill."""
    shop = _boxes(tmp_path)
    scan = tmp_path / "scan.txt"
    scan.write_text(f"T1,中通,73100000000001\n{WH_L}\nT2\n{BK_M}\n", encoding="utf-8")
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 1 and "✗ T1：颜色/尺码不对" in r.stdout, r.stdout
    assert _state(shop)["T1"] == ("已审核", None) and _state(shop)["T2"] == ("已审核", None), r.stdout
