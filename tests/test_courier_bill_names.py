"""Courier bills as 中通/圆通/韵达/申通/极兔/顺丰 offices send them head the fee 运费金额, 结算金额,
应付金额 or 总费用 and the weight 计费重量(kg), 结算重量 or 重量(g) / 克. Before, only 费用, 运费,
金额 and fee were a fee ("not a courier bill"), and a weight in grams was read as kilograms (400 g
billed as 400 kg: every parcel "too heavy", every fee "differs"). Now the common names are read, grams
exactly, and a bill without a fee column says where its header is and every name looked for."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from shopbook.issues import ShopbookError
from shopbook.money.workflow import read_bill, reconcile_courier_file
from test_courier_bill_totals import courier_shop

D = Decimal


def test_a_bill_in_grams_with_its_fee_as_jiesuan_jine_reconciles_exactly(tmp_path):
    """A 极兔-style CSV in GB18030: 重量(g) and 结算金额; parcel 2 billed at 3,000 g (0.4 kg shipped)."""
    shop = courier_shop(tmp_path / "shop", 3)
    bill = tmp_path / "极兔11月账单.csv"
    bill.write_bytes(("运单号,寄件日期,目的地,重量(g),结算金额\n"
                      "73100000000001,2026-11-10,浙江,400,5.00\n"
                      "73100000000002,2026-11-10,浙江,3000,7.00\n"
                      "73100000000003,2026-11-10,浙江,1005,6.00\n").encode("gb18030"))
    lines, issues = read_bill(bill)
    assert issues == [] and [b.weight for b in lines] == [D("0.400"), D("3.000"), D("1.005")]
    chk, issues = reconcile_courier_file(shop, bill, courier="中通")
    assert issues == [] and chk.billed_not_shipped == [] and chk.shipped_not_billed == []
    assert [b.tracking_no for b, _ in chk.heavy] == ["73100000000002"]
    assert chk.fee_differs == []  # 1.005 kg: 5 + 1 × 1 = 6.00, as billed; 3 kg: 7.00
    assert chk.billed_total == D("18.00")


@pytest.mark.parametrize("fee, weight", [("运费金额", "计费重量(kg)"), ("应付金额", "结算重量"), ("总费用", "重量（克）"),
                                         ("结算金额(元)", "计费重量（KG）")])
def test_the_bills_common_headers_are_read(tmp_path, fee, weight):
    """An .xlsx as an office sends it: a title row above the header, the names in full- or half-width."""
    grams = "克" in weight
    bill = tmp_path / "账单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["圆通速递 2026年11月 月结对账单"])
    wb.active.append(["运单编号", "揽收时间", "目的省份", weight, fee])
    wb.active.append(["YT0001", dt.datetime(2026, 11, 10, 9), "浙江省", 1200 if grams else 1.2, 6])
    wb.active.append(["YT0002", dt.datetime(2026, 11, 10, 9), "浙江省", "800" if grams else "0.8", "5.50"])
    wb.save(bill)
    lines, issues = read_bill(bill)
    assert issues == []
    assert [(b.tracking_no, b.weight, b.fee) for b in lines] == [("YT0001", D("1.2"), D("6.00")),
                                                                 ("YT0002", D("0.8"), D("5.50"))]


def test_weights_written_in_grams_in_the_cell_are_grams(tmp_path):
    bill = tmp_path / "韵达.csv"
    bill.write_bytes("运单号,重量,运费\nYD1,500g,5\nYD2,1500克,6\nYD3,1.2kg,6\n".encode("gb18030"))
    lines, _ = read_bill(bill)
    assert [b.weight for b in lines] == [D("0.500"), D("1.500"), D("1.2")]


def test_a_bill_without_a_fee_column_says_where_and_what_was_looked_for(tmp_path):
    bill = tmp_path / "申通.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["申通快递 对账单"])
    wb.active.append(["客户：演示服装店"])
    wb.active.append(["运单号", "目的地", "计费重量", "保价费"])
    wb.active.append(["ST1", "浙江", 1, 2])
    wb.save(bill)
    with pytest.raises(ShopbookError) as e:
        read_bill(bill)
    for name in ("费用", "运费", "金额", "运费金额", "结算金额", "应付金额", "总费用"):
        assert name in e.value.zh and name in e.value.en
    assert "“Sheet”表第 3 行" in e.value.zh and "(sheet 'Sheet', row 3)" in e.value.en and e.value.path == str(bill)


def test_a_bill_without_a_weight_column_says_weights_were_not_checked(tmp_path):
    bill = tmp_path / "顺丰.csv"
    bill.write_bytes("运单号,目的地,应付金额\nSF1,浙江,12\n".encode("gb18030"))
    lines, issues = read_bill(bill)
    assert [(b.weight, b.fee) for b in lines] == [(None, D("12.00"))]
    [i] = issues
    assert i.severity == "warning" and i.row == 1 and "计费重量" in i.message_zh and "结算重量" in i.message_en


def test_a_bill_nobody_can_tell_says_how_to_name_its_courier_from_the_button_too(tmp_path):
    """QA: a bill whose courier could not be told said "请用 --courier 指定": the 快递对账 button has no
    --courier. It now also says to put the courier's name in the file's name, which both read."""
    shop = courier_shop(tmp_path / "shop", 2)
    rows = "运单号,目的地,计费重量,运费\nQX0001,浙江,1,5.00\nQX0002,浙江,1,5.00\n"  # none of ours, no known shape
    bill = tmp_path / "11月账单.csv"
    bill.write_bytes(rows.encode("gb18030"))
    chk, issues = reconcile_courier_file(shop, bill)
    [w] = [i for i in issues if "哪家快递" in i.message_zh]
    assert chk.courier is None and "把快递名写进账单的文件名" in w.message_zh, w.message_zh
    assert "put the courier's name in the bill's file name" in w.message_en, w.message_en
    named = tmp_path / "中通-11月账单.csv"  # as the message says
    named.write_bytes(rows.encode("gb18030"))
    chk, issues = reconcile_courier_file(shop, named)
    assert (chk.courier, chk.told_by) == ("中通", "name") and not [i for i in issues if "哪家快递" in i.message_zh]


@pytest.mark.parametrize("header", ["寄件时间", "揽件时间", "收寄日期"])
def test_the_bills_date_headers_date_their_lines(tmp_path, header):
    """极兔's bill heads the day 寄件时间 (邮政's 收寄日期, some offices' 揽件时间): read as undated, a bill of
    November's parcels was taken to cover only their ship days, never its own dates."""
    bill = tmp_path / "极兔11月账单.csv"
    bill.write_bytes(f"运单号,{header},目的地,计费重量,运费\nJT0001,2026-11-03 09:12:00,浙江,1,5\n".encode("gb18030"))
    lines, issues = read_bill(bill)
    assert issues == [] and [b.date for b in lines] == [dt.date(2026, 11, 3)]
