"""A courier bill whose header takes two rows: a group row over the real header (运单信息 | 收件信息 |
费用), or names split over two rows (重量 over (kg), 运单 over 编号). Read where the second row plainly
completes the first; else refused where the header was looked for, saying what it read there."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from shopbook.issues import ShopbookError
from shopbook.money.workflow import reconcile_courier_file
from test_courier_bill_totals import courier_shop

D = Decimal
BODY = [[1, "73100000000001", "2026-11-10", "浙江", 1, "5.00"], [2, "73100000000002", "2026-11-10", "浙江", 1, "5.00"],
        [3, "73100000000009", "2026-11-10", "浙江", 1, "6.50"]]


def _bill(path, rows, merges=()):
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    for m in merges:
        wb.active.merge_cells(m)
    wb.save(path)
    return path


@pytest.mark.parametrize("top, head", [
    # a group row over the real header, merged over its columns
    (["基本信息", None, "收件信息", None, "费用", None], ["序号", "运单编号", "揽收日期", "目的地", "重量", "运费"]),
    # the units under their names, (kg) and （元）
    (["序号", "运单编号", "揽收日期", "目的地", "重量", "运费"], [None, None, None, None, "(kg)", "（元）"]),
    # names split over two rows
    (["序号", "运单", "揽收", "目的地", "结算重量", "运费"], [None, "编号", "日期", None, "(kg)", "(元)"]),
])
def test_a_bill_with_its_header_over_two_rows_is_read(tmp_path, top, head):
    shop = courier_shop(tmp_path / "shop", 3)
    merges = ["A1:B1", "C1:D1", "E1:F1"] if top[0] == "基本信息" else []
    chk, issues = reconcile_courier_file(shop, _bill(tmp_path / "中通11月账单.xlsx", [top, head, *BODY], merges))
    assert issues == [], issues
    assert [(b.tracking_no, b.line) for b in chk.billed_not_shipped] == [("73100000000009", 5)]
    assert chk.shipped_not_billed == [("O03", "73100000000003")]
    assert chk.billed_total == D("16.50")


def test_a_group_row_over_a_csv_bills_header(tmp_path):
    shop = courier_shop(tmp_path / "shop", 1)
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes("基本信息,,收件信息,,费用,\n序号,运单编号,揽收日期,目的地,重量(kg),运费\n"
                     "1,73100000000001,2026-11-10,浙江,1,￥5.00\n".encode("gbk"))
    chk, issues = reconcile_courier_file(shop, bill)
    assert issues == [] and chk.billed_total == D("5.00") and chk.billed_not_shipped == []


def test_a_header_that_does_not_read_says_where_it_was_looked_for(tmp_path):
    shop = courier_shop(tmp_path / "shop", 1)
    bill = _bill(tmp_path / "中通11月账单.xlsx", [["序号", "单", "揽收", "目的地", "结算重量", "运费"],
                                                 [None, "号码x", "日期", None, "(kg)", "(元)"], *BODY])
    with pytest.raises(ShopbookError) as e:
        reconcile_courier_file(shop, bill)
    assert "第 1 行读作表头：序号、单、揽收" in e.value.zh and "row 1: 序号, 单, 揽收" in e.value.en, e.value.en
