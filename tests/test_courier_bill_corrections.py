"""A courier's correction on its own bill, as 网点 bills carry them: the parcel's line put right by a
调账 line below it (8.00 billed, -2.00), or taken off whole and billed again at the right weight. The
courier already did what a person would ask: neither the first line's fee nor the line billed again is
a difference to take up with it (before, both were, and the credit 'cancelled no line of the bill')."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from shopbook.money.said import courier_said
from shopbook.money.workflow import reconcile_courier_file
from shopbook.schema import ORDERS, STOCK, OrderLine, Product, ShippingRate
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

D = Decimal


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    """Three 衬衫 (0.4 kg) shipped by 中通 to 浙江 on 11-10, tracking 77300000000000{i}: 5.00 a parcel,
    1.00 each started kg past the first."""
    folder = tmp_path_factory.mktemp("corrections") / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="A", name="衬衫", cost=D(30), price=D(99), weight_kg=D("0.4"))]}, keep_backup=False)
    lines = [OrderLine(order_no=f"O{i}", receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x", sku="A",
                       qty=1, unit_price=D("99.00"), shipping_fee=D(0), status="已发货", tracking_no=f"77300000000000{i}",
                       shipped_on=dt.date(2026, 11, 10), courier="中通") for i in (1, 2, 3)]
    rates = [ShippingRate(courier="中通", province="浙江", first_kg=D(1), first_price=D(5), extra_per_kg=D(1))]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, ShippingRate: rates}, keep_backup=False)
    return open_shop(folder)


def bill(path, rows):
    """中通's bill as its 网点 sends it: a merged title row, the 运单号 stored as a number, a 合计 row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "中通快递 客户对账单（2026年11月）"
    ws.merge_cells("A1:F1")
    ws.append(["序号", "运单号", "揽收时间", "目的省份", "重量(kg)", "运费(元)", "备注"])
    for k, (no, kg, fee, *note) in enumerate(rows, 1):
        ws.append([k, 773000000000000 + no, "2026-11-10 15:32:10", "浙江省", kg, fee, *note])
    ws.append(["合计", None, None, None, None, sum(r[2] for r in rows), None])
    wb.save(path)
    return path


def test_a_price_put_right_by_a_line_below_is_no_fee_difference(shop, tmp_path):
    b = bill(tmp_path / "中通11月账单.xlsx", [(1, 0.45, 5), (2, 0.4, 8), (3, 0.5, 5), (2, 0.4, -3, "调账：价格更正")])
    chk, issues = reconcile_courier_file(shop, b)
    assert issues == []
    assert chk.fee_differs == [] and chk.billed_twice == []
    assert chk.billed_total == D("15.00")  # 5 + 8 + 5 - 3, to the fen
    [(c, fixed)] = chk.credits
    assert (c.line, fixed.line) == (6, 4)  # the 调账 line corrects line 4
    said = "\n".join(zh for _, zh, _ in courier_said(chk, issues))
    assert "更正第 4 行：¥8.00 → ¥5.00" in said and "没有对应的行" not in said and "运费不符" not in said
    assert "corrects line 4: ¥8.00 → ¥5.00" in "\n".join(en for _, _, en in courier_said(chk, issues))
    assert chk.to_json()["credits"] == [{"tracking_no": "773000000000002", "book": "中通11月账单.xlsx", "sheet": "Sheet", "line": 6, "amount": "-3.00",
                                         "cancels_line": None, "corrects_line": 4}]


def test_a_line_taken_off_whole_and_billed_again_is_billed_once(shop, tmp_path):
    b = bill(tmp_path / "中通11月账单.xlsx", [(1, 0.45, 5), (2, 2.3, 7), (3, 0.5, 5), (2, 0.4, 5, "重新计费"),
                                              (2, 2.3, -7, "冲销")])
    chk, issues = reconcile_courier_file(shop, b)
    assert issues == []
    assert chk.billed_twice == [] and chk.fee_differs == []  # the parcel's one charge now: line 6's 5.00, right
    assert chk.billed_total == D("15.00")
    [(c, gone)] = chk.credits
    assert (c.line, gone.line) == (7, 4)
    said = "\n".join(zh for _, zh, _ in courier_said(chk, issues))
    assert "冲掉第 4 行" in said and "重复计费" not in said


def test_a_line_billed_again_at_another_fee_than_the_rates_is_still_said(shop, tmp_path):
    """Settled, the line billed again is checked as the parcel's first line would be."""
    b = bill(tmp_path / "中通11月账单.xlsx", [(1, 0.45, 5), (2, 2.3, 7), (3, 0.5, 5), (2, 0.4, 6, "重新计费"),
                                              (2, 2.3, -7, "冲销")])
    chk, _ = reconcile_courier_file(shop, b)
    assert chk.billed_twice == []
    assert [(x.line, f) for x, f in chk.fee_differs] == [(6, D("5.00"))]


def test_the_rest_of_a_fee_charged_on_a_line_of_its_own_is_no_line_billed_twice(shop, tmp_path):
    """续重补收: the first line 5.00 at 1 kg, then 1.00 at 1.36 kg (6.00 in all, as the rates say). Before,
    the 1.00 was '重复计费 … have the courier take it off the bill'; the same amount again still is."""
    b = bill(tmp_path / "中通11月账单.xlsx", [(1, 0.45, 5), (2, 1, 5), (3, 0.5, 5), (2, 1.36, 1, "续重补收"),
                                              (1, 0.45, 5, "重复")])
    chk, issues = reconcile_courier_file(shop, b)
    assert issues == []
    assert [x.line for x in chk.billed_twice] == [7]  # line 3's 5.00 again
    assert [(x.line, first.line) for x, first in chk.topped_up] == [(6, 4)]
    assert chk.fee_differs == [] and chk.billed_total == D("21.00")
    said = "\n".join(zh for _, zh, _ in courier_said(chk, issues))
    assert "补收 773000000000002：第 6 行，¥1.00（补第 4 行：共 ¥6.00，与运费表相符）" in said
    assert "重复计费 773000000000002" not in said and "重复计费 773000000000001：第 7 行" in said
    assert chk.to_json()["topped_up"] == [{"tracking_no": "773000000000002", "book": "中通11月账单.xlsx", "sheet": "Sheet", "line": 6, "amount": "1.00",
                                           "adds_to_line": 4}]
    ws = openpyxl.load_workbook(chk.report)["补收"]
    assert [c.value for c in ws[2]][:4] == [6, "773000000000002", 1, 4]


def test_a_line_taken_off_is_no_heavy_parcel_and_the_weight_billed_again_is_judged(shop, tmp_path):
    """The 衬衫's parcel billed at 2.3 kg, taken off whole and billed again at 0.4 kg: not heavy; the rest
    of a fee charged at 2.3 kg (补收) is."""
    b = bill(tmp_path / "中通11月账单.xlsx", [(1, 0.45, 5), (2, 2.3, 7), (3, 1, 5), (2, 0.4, 5, "重新计费"),
                                              (2, 2.3, -7, "冲销"), (3, 2.3, 2, "续重补收")])
    chk, issues = reconcile_courier_file(shop, b)
    assert issues == [] and chk.billed_twice == [] and chk.fee_differs == []
    assert [x.line for x, _ in chk.heavy] == [8]  # (line 4, 2.3 kg, taken off: not heavy)
