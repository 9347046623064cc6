"""A 调账 line that takes only part of a parcel's fee back, the fee still off the rates (8.30 billed, -0.15,
6.05 by the rates): the fee differs at its net, 8.15 against 6.05, said once with the credit named and the
credit said to correct its line. Before, the screen, the report and --json said 'billed 8.30 by the rates
6.05' and the credit 'cancelled no line of the bill: money the courier gives back' (a gap of 2.25, 0.15 too
much)."""

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

from test_courier_bill_corrections import bill

D = Decimal


@pytest.fixture(scope="module", params=["zh", "en"])
def shop(request, tmp_path_factory):
    """Three 衬衫 (0.4 kg) shipped by 中通 to 浙江 on 11-10: 6.05 a parcel by the rates."""
    lang = request.param
    folder = tmp_path_factory.mktemp(f"part-credit-{lang}") / "shop"
    init_shop(folder, lang=lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {Product: [
        Product(sku="A", name="衬衫", cost=D(30), price=D(99), weight_kg=D("0.4"))]}, keep_backup=False)
    lines = [OrderLine(order_no=f"O{i}", receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x", sku="A",
                       qty=1, unit_price=D("99.00"), shipping_fee=D(0), status="已发货", tracking_no=f"77300000000000{i}",
                       shipped_on=dt.date(2026, 11, 10), courier="中通") for i in (1, 2, 3)]
    rates = [ShippingRate(courier="中通", province="浙江", first_kg=D(1), first_price=D("6.05"), extra_per_kg=D(1))]
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: lines, ShippingRate: rates}, keep_backup=False)
    return open_shop(folder)


def test_a_part_credit_on_a_fee_off_the_rates_is_said_as_the_net_fee(shop, tmp_path):
    b = bill(tmp_path / "中通11月账单.xlsx", [(1, 0.45, 6.05), (2, 0.4, 8.3), (3, 0.5, 6.05), (2, 0.4, -0.15, "调账")])
    chk, issues = reconcile_courier_file(shop, b)
    assert issues == []
    assert chk.billed_total == D("20.25")  # 6.05 + 8.30 + 6.05 - 0.15, to the fen
    [(line, by_rates)] = chk.fee_differs
    assert (line.line, chk.net_fee(line), by_rates) == (4, D("8.15"), D("6.05"))
    [(c, fixed)] = chk.credits
    assert (c.line, fixed.line) == (6, 4)  # the 调账 line corrects line 4, in part
    said = courier_said(chk, issues)
    zh, en = "\n".join(z for _, z, _ in said), "\n".join(e for _, _, e in said)
    assert "运费不符 773000000000002：账单 ¥8.15（¥8.30 减去第 6 行冲销 ¥0.15），按运费表 ¥6.05（账单第 4 行）" in zh
    assert "账单比运费表多 ¥2.10" in zh and "没有对应的行" not in zh and "更正第 4 行：¥8.30 → ¥8.15" in zh
    assert ("fee differs 773000000000002: billed ¥8.15 (¥8.30 less the ¥0.15 credit on line 6), by the rates ¥6.05 "
            "(bill line 4)") in en
    assert "¥2.10 more than the rates" in en and "cancels no line" not in en and "billed ¥8.30," not in en
    j = chk.to_json()
    assert j["fee_differs"] == [{"tracking_no": "773000000000002", "book": "中通11月账单.xlsx", "sheet": "Sheet", "line": 4, "billed": "8.15", "by_rates": "6.05",
                                 "line_fee": "8.30", "credits": [{"line": 6, "amount": "-0.15"}]}]
    assert j["credits"][0]["corrects_line"] == 4
    wb = openpyxl.load_workbook(chk.report)
    ws = wb[wb.sheetnames[6]]  # 运费不符 / Fee differs
    assert [c.value for c in ws[2]] == [4, "773000000000002", 8.15, 6.05, 2.1, -0.15, "6"]
    summary = {r[0]: r[2] for r in wb[wb.sheetnames[0]].iter_rows(min_row=2, values_only=True)}
    assert summary["运费不符" if shop.lang == "zh" else "Fee differs"] == 2.1


def test_a_credit_on_a_fee_at_the_rates_is_still_money_given_back(shop, tmp_path):
    """A credit on a parcel billed right (a 时效赔付): no fee put right, nothing to net."""
    b = bill(tmp_path / "中通11月账单.xlsx", [(1, 0.45, 6.05), (2, 0.4, 6.05), (3, 0.5, 6.05), (2, 0.4, -1, "赔付")])
    chk, _ = reconcile_courier_file(shop, b)
    assert chk.fee_differs == [] and chk.credits[0][1] is None


def test_a_price_put_right_in_two_steps_is_no_fee_difference(shop, tmp_path):
    """8.30 billed, 调账 -1.00 then -1.25: 6.05, as the rates say. Each credit corrects the line from what the one
    before left of it; a third credit after that is money given back."""
    b = bill(tmp_path / "中通11月账单.xlsx", [(1, 0.45, 6.05), (2, 0.4, 8.3), (3, 0.5, 6.05), (2, 0.4, -1, "调账"),
                                              (2, 0.4, -1.25, "调账"), (2, 0.4, -0.5, "赔付")])
    chk, _ = reconcile_courier_file(shop, b)
    assert chk.fee_differs == [] and chk.billed_total == D("17.65")
    assert [(c.line, x and x.line) for c, x in chk.credits] == [(6, 4), (7, 4), (8, None)]
    zh = "\n".join(z for _, z, _ in courier_said(chk, []))
    assert "更正第 4 行：¥8.30 → ¥7.30" in zh and "更正第 4 行：¥7.30 → ¥6.05" in zh and "运费不符" not in zh


def test_two_part_credits_short_of_the_rates_are_both_named(shop, tmp_path):
    b = bill(tmp_path / "中通11月账单.xlsx", [(1, 0.45, 6.05), (2, 0.4, 8.3), (3, 0.5, 6.05), (2, 0.4, -0.15, "调账"),
                                              (2, 0.4, -0.1, "调账")])
    chk, _ = reconcile_courier_file(shop, b)
    [(line, _)] = chk.fee_differs
    assert chk.net_fee(line) == D("8.05")
    en = "\n".join(e for _, _, e in courier_said(chk, []))
    assert ("billed ¥8.05 (¥8.30 less the ¥0.15 credit on line 6 and the ¥0.10 credit on line 7), by the rates "
            "¥6.05 (bill line 4)") in en and "¥2.00 more than the rates" in en


def test_a_fee_taken_off_whole_in_two_steps_is_no_difference(shop, tmp_path):
    """8.30 billed, 调账 -1.00 then -7.30: the line is taken off, nothing is owed on it (before: 'fee differs:
    billed 7.30 … 1.25 more than the rates' and the second credit 'money the courier gives back')."""
    b = bill(tmp_path / "中通11月账单.xlsx", [(1, 0.45, 6.05), (2, 0.4, 8.3), (3, 0.5, 6.05), (2, 0.4, -1.0, "调账"),
                                             (2, 0.4, -7.3, "调账")])
    chk, issues = reconcile_courier_file(shop, b)
    assert issues == [] and chk.fee_differs == []
    assert chk.billed_total == D("12.10")
    assert [(c.line, fixed.line if fixed else None) for c, fixed in chk.credits] == [(6, 4), (7, 4)]
    said = courier_said(chk, issues)
    zh, en = "\n".join(z for _, z, _ in said), "\n".join(e for _, _, e in said)
    assert "运费不符" not in zh and "没有对应的行" not in zh
    assert "更正第 4 行：¥8.30 → ¥7.30" in zh and "第 7 行，-¥7.30（冲掉第 4 行）" in zh
    assert "fee differs" not in en and "cancels no line" not in en and "(cancels line 4)" in en
