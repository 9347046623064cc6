"""A courier bill as the courier's office sends it: its own totals line may carry its label in the
tracking number's column (本月合计, Total); and a bill that differs on many parcels is listed as
the other reconciliation lists are, the first 30 on screen with how many more."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from cli_run import flat, shopbook
from shopbook.io.reader import read_workbook
from shopbook.money.workflow import reconcile_courier_file
from shopbook.schema import ORDERS, STOCK, OrderLine, Product, ShippingRate
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

D = Decimal


def courier_shop(folder, n: int):
    """n orders of one 衬衫 (0.4 kg) shipped by 中通 to 浙江 on 11-10, tracking 7310000000{i:04};
    the rate there is 5.00 a parcel."""
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="A", name="衬衫", cost=D(30), price=D(99), weight_kg=D("0.4"))]}, keep_backup=False)
    lines = [OrderLine(order_no=f"O{i:02}", receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x",
                       sku="A", qty=1, unit_price=D("99.00"), shipping_fee=D(0), status="已发货",
                       tracking_no=f"7310000000{i:04}", shipped_on=dt.date(2026, 11, 10), courier="中通")
             for i in range(1, n + 1)]
    rates = [ShippingRate(courier="中通", province="浙江", first_kg=D(1), first_price=D(5), extra_per_kg=D(1))]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, ShippingRate: rates}, keep_backup=False)
    return open_shop(folder)


@pytest.mark.parametrize("label", ["本月合计", "Total", "总计："])
def test_the_bills_totals_line_in_the_tracking_column_is_no_parcel(tmp_path, label):
    shop = courier_shop(tmp_path / "shop", 3)
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费\n"
                      + "".join(f"7310000000{i:04},2026-11-10,浙江,1,5.00\n" for i in (1, 2, 3))
                      + f"{label},,,3,15.00\n").encode("gb18030"))
    chk, issues = reconcile_courier_file(shop, bill)
    assert issues == []
    assert chk.billed_not_shipped == [] and chk.shipped_not_billed == []
    assert chk.billed_total == D("15.00")  # the three parcels, not 30.00 with the totals line


def test_a_long_list_of_fee_differences_is_cut_with_how_many_more(tmp_path):
    """Each list of parcels on screen, as README says of this command: the first 30, then how many
    more and that --json lists them all (before, 40 fee differences printed whole, uncounted)."""
    shop = courier_shop(tmp_path / "shop", 40)
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费\n" + "".join(
        f"7310000000{i:04},2026-11-10,浙江,1,6.00\n" for i in range(1, 41))).encode("gb18030"))
    r = shopbook("reconcile", "courier", shop.folder, bill)
    assert r.returncode == 1, r.stdout + r.stderr
    out = flat(r.stdout)
    assert out.count("运费不符7310") == 30
    assert "还有10" in out and "--json" in out
    r = shopbook("reconcile", "courier", shop.folder, bill, "--json")
    assert r.returncode == 1 and len(json.loads(r.stdout)["fee_differs"]) == 40


def test_a_bill_of_no_named_courier_is_taken_for_the_courier_that_carried_its_parcels(tmp_path):
    """QA: a 韵达 bill (no courier in its name) of numbers shaped like 中通's was checked against
    中通's parcels: every line 'billed, not shipped', every 中通 parcel 'not billed', and the screen
    never said which courier it had assumed. The courier that carried the parcels the bill names is
    taken, and said with why; the shape alone is said as a guess."""
    shop = courier_shop(tmp_path / "shop", 6)
    ow = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, ShippingRate))
    lines = [ln.model_copy(update={"courier": "韵达"}) if ln.order_no in ("O01", "O02", "O03") else ln
             for ln in ow.rows(OrderLine)]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: lines, ShippingRate: ow.rows(ShippingRate)},
                   keep_backup=False)
    bill = tmp_path / "11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费\n" + "".join(
        f"7310000000{i:04},2026-11-10,浙江,1,5.00\n" for i in (1, 2, 3))).encode("gb18030"))
    chk, _ = reconcile_courier_file(shop, bill)
    assert (chk.courier, chk.told_by) == ("韵达", "parcels")
    assert chk.billed_not_shipped == [] and chk.shipped_not_billed == []
    r = shopbook("reconcile", "courier", shop.folder, bill)
    assert "快递：韵达（账单上的运单号是我们用这家快递发的包裹）" in flat(r.stdout), r.stdout
    r = shopbook("reconcile", "courier", shop.folder, bill, "--json")
    assert json.loads(r.stdout)["courier"] == "韵达"
    # parcels of two couriers on one bill: no courier is told (not the shape's guess, which would take
    # the 韵达 parcel for 'billed, not shipped'); a warning asks for --courier, each parcel at its own rates
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费\n" + "".join(
        f"7310000000{i:04},2026-11-10,浙江,1,5.00\n" for i in (1, 4, 5))).encode("gb18030"))
    chk, issues = reconcile_courier_file(shop, bill)
    assert chk.courier is None and chk.billed_not_shipped == [] and "--courier" in issues[0].message_en
    # numbers none of our parcels has: the shape's guess, said as one
    bill.write_bytes("运单号,揽收日期,目的地,计费重量,运费\n73199999999999,2026-11-10,浙江,1,5.00\n".encode("gb18030"))
    chk, _ = reconcile_courier_file(shop, bill)
    assert (chk.courier, chk.told_by) == ("中通", "numbers")
    assert "不对的话把快递名写进账单的文件名再对一次" in flat(shopbook("reconcile", "courier", shop.folder, bill).stdout)


def test_a_parcel_whose_note_begins_with_a_total_word_is_a_parcel(tmp_path):
    """QA: a parcel line whose 备注 said 合计2件 was skipped as the bill's totals line: the bill's
    amount lost its fee and the parcel was listed as 'shipped, not billed'. A line is the totals
    line by its tracking cell, or by a total word beside no tracking number at all."""
    shop = courier_shop(tmp_path / "shop", 3)
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费,备注\n"
                      + "".join(f"7310000000{i:04},2026-11-10,浙江,1,5.00,{'合计2件' if i == 2 else ''}\n"
                                for i in (1, 2, 3))
                      + "共3票,,,3,15.00,合计\n").encode("gb18030"))
    chk, issues = reconcile_courier_file(shop, bill)
    assert chk.shipped_not_billed == [] and chk.billed_not_shipped == [], chk
    assert chk.billed_total == D("15.00") and issues == []


@pytest.mark.parametrize("columns, cells", [
    ("运费,保价费", ["5.00,", "5.00,2.00", "5.00,"]),  # the surcharge in a column of its own
    ("运费,总费用", ["5.00,5.00", "5.00,7.00", "5.00,5.00"]),  # and a line's total beside its freight
])
def test_a_bill_s_amount_is_what_it_charges_and_its_freight_is_what_is_checked(tmp_path, columns, cells):
    """QA: a bill of 运费, 保价费 and 总费用 showed 账单金额 as the freight alone, and the margin over it:
    the 保价费 never said. The bill's amount is every charge (a line's total where the bill gives it),
    the freight alone is checked against the rates, and the screen says both."""
    shop = courier_shop(tmp_path / "shop", 3)
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes((f"运单号,揽收日期,目的地,计费重量,{columns}\n"
                      + "".join(f"7310000000{i:04},2026-11-10,浙江,1,{c}\n" for i, c in zip((1, 2, 3), cells))
                      ).encode("gb18030"))
    chk, issues = reconcile_courier_file(shop, bill)
    assert issues == [] and chk.fee_differs == []  # the freight is the rates' 5.00
    assert (chk.billed_total, chk.other_charges) == (D("17.00"), D("2.00"))
    r = shopbook("reconcile", "courier", shop.folder, bill)
    assert "账单金额¥17.00（运费¥15.00，其他费用¥2.00）" in flat(r.stdout), r.stdout


def test_each_parcel_billed_and_not_ours_is_said_with_the_money_its_sum_adds(tmp_path):
    """QA: two parcels not ours (5.00, and 1,008.10 with 保价费 0.05) were said '  73190000000001（账单第 2 行）'
    and '  73190000000002（账单第 3 行）' over '账单有、我们没发的 2 个运单共 ¥1,013.15': a sum of money shown
    on no line. Now each line carries its own, as 退回件 and 重复计费 do."""
    from shopbook.money.said import courier_said

    shop = courier_shop(tmp_path / "shop", 1)
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费,保价费\n73190000000001,2026-11-10,江苏,1,5.00,\n"
                      "73190000000002,2026-11-10,江苏,1,\"1,008.10\",0.05\n"
                      "73100000000001,2026-11-10,浙江,1,5.00,\n").encode("gb18030"))
    chk, _ = reconcile_courier_file(shop, bill)
    said = courier_said(chk)
    zh, en = [z for _, z, _ in said], [e for _, _, e in said]
    assert zh[2:5] == ["账单有、我们没发：2", "  73190000000001（账单第 2 行，¥5.00）", "  73190000000002（账单第 3 行，¥1,008.15）"]
    assert zh[5].startswith("账单有、我们没发的 2 个运单共 ¥1,013.15："), zh
    assert en[3:5] == ["  73190000000001 (bill line 2, ¥5.00)", "  73190000000002 (bill line 3, ¥1,008.15)"], en


def test_a_parcel_to_a_province_the_rates_lack_says_its_fee_was_not_checked(tmp_path):
    """QA: the 运费 sheet prices 中通 to 浙江 alone (no 其他 row); a bill charged 60.20 for a parcel to 广东
    (6.20 due): its fee was checked against nothing, nothing said, a ✓. Now a warning at its line names
    the courier and province the rates lack and the bill's lines whose fee was not checked."""
    shop = courier_shop(tmp_path / "shop", 3)
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费\n73100000000001,2026-11-10,浙江,1,5.00\n"
                      "73100000000002,2026-11-10,广东省,1,60.20\n73100000000003,2026-11-10,广东,1,6.20\n"
                      ).encode("gb18030"))
    chk, issues = reconcile_courier_file(shop, bill)
    assert chk.fee_differs == [] and [(i.severity, i.row) for i in issues] == [("warning", 3)]
    assert issues[0].message_zh == ("运费表里没有中通到广东的价格（也没有“其他”一行）：2 个包裹的运费没有核对（账单第 3、4 行）。"
                                    "请在 orders.xlsx 的“运费”表补上广东（或一行“其他”）。")
    assert "the fee of 2 parcels was not checked (bill lines 3, 4)" in issues[0].message_en, issues[0].message_en


def test_a_bill_of_its_line_totals_beside_their_surcharges_counts_each_surcharge_once(tmp_path):
    """QA: a bill headed 偏远附加费 · 总费用 (no 运费 column; 总费用 5.00 + 2.00 = 7.00 on 0002, 合计 17.00)
    said 账单金额 ¥19.00（运费 ¥17.00，其他费用 ¥2.00）and '运费不符 …0002：账单 7.00，按运费表 5.00': the
    surcharge counted again on top of the total it is in, and checked as freight. Now the line's
    freight is its total less its surcharges: the bill's 17.00, of which 2.00 other charges."""
    from shopbook.money.said import courier_said

    shop = courier_shop(tmp_path / "shop", 3)
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,偏远附加费,总费用\n"
                      + "".join(f"7310000000{i:04},2026-11-10,浙江,1,{c}\n" for i, c in
                                zip((1, 2, 3), (",5.00", "2.00,7.00", ",5.00")))
                      + "合计,,,,2.00,17.00\n").encode("gb18030"))
    chk, issues = reconcile_courier_file(shop, bill)
    assert issues == [] and chk.fee_differs == []
    assert (chk.billed_total, chk.other_charges) == (D("17.00"), D("2.00"))
    assert "账单金额 ¥17.00（运费 ¥15.00，其他费用 ¥2.00）" in courier_said(chk)[1][1]


def test_a_surcharge_line_under_the_line_total_is_no_freight(tmp_path):
    """QA: a 中通 monthly .xlsx (title rows above the header, ¥ fees, weights in kg, 运费 · 偏远附加费 ·
    应付金额, a 合计 row) with a 偏远地区 surcharge line of no tracking number, its 运费 blank: its 15.00
    was read from 应付金额 as freight, and the bill's own 合计 (运费 ¥15.00) was said to be wrong
    ('读到的各行加起来是 30.00', exit 1) and the warning named 运费 for a blank cell. A line of no
    parcel takes its freight from the freight column alone; the warning names the column it is in."""
    import openpyxl

    shop = courier_shop(tmp_path / "shop", 3)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "11月账单"
    ws.append(["中通快递 月结客户对账单"])
    ws.append(["客户名称：演示服装店", None, "账期：2026-11-01 至 2026-11-30"])
    ws.append([])
    ws.append(["序号", "运单号", "揽收日期", "目的省份", "计费重量", "运费", "偏远附加费", "应付金额", "备注"])
    for i in (1, 2, 3):
        ws.append([i, f"'7310000000{i:04}", dt.date(2026, 11, 10), "浙江省", "0.4kg", "¥5.00", None, "¥5.00", None])
    ws.append([4, None, None, None, None, None, "¥15.00", "¥15.00", "偏远地区附加费"])
    ws.append(["合计", None, None, None, None, "¥15.00", "¥15.00", "¥30.00", "共4票"])
    bill = tmp_path / "中通11月账单.xlsx"
    wb.save(bill)
    chk, issues = reconcile_courier_file(shop, bill)
    assert [i.severity for i in issues] == ["warning"], [i.message_zh for i in issues]
    assert (issues[0].row, issues[0].column, issues[0].value) == (8, "应付金额", "15.00")
    assert (chk.billed_total, chk.other_charges) == (D("30.00"), D("15.00"))
    assert chk.shipped_not_billed == chk.billed_not_shipped == chk.fee_differs == []
    r = shopbook("reconcile", "courier", shop.folder, bill)
    assert r.returncode == 0, r.stdout
    assert "账单金额¥30.00（运费¥15.00，其他费用¥15.00）" in flat(r.stdout), r.stdout


def test_a_parcel_billed_on_its_way_back_and_a_buyers_return_are_no_errors_of_the_courier(tmp_path):
    """QA: a 中通 bill's 退回件 line (业务类型 退回件, 备注 拒收退回: the refused parcel 0003 on its way
    back, billed on its own number) was '✗ 重复计费 …：请快递从账单里扣掉', and a buyer's return the
    售后 sheet names by its 退货单号 '账单有、我们没发 … 不是我们的包裹请快递从账单里扣掉': both
    are real trips of ours. Now the first is listed as 退回件 with its order (a parcel to receive,
    exit 1), the second as 买家退货 with its case (ours to pay, said with its money)."""
    import openpyxl

    from shopbook.schema import AfterSalesCase

    shop = courier_shop(tmp_path / "shop", 3)
    lines = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, ShippingRate))
    case = AfterSalesCase(case_no="SH001", opened_on=dt.date(2026, 11, 15), order_no="O02", sku="A", qty=1,
                          type="退货退款", return_tracking="73200000000099", status="处理中")
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: lines.rows(OrderLine),
                                                            ShippingRate: lines.rows(ShippingRate),
                                                            AfterSalesCase: [case]}, keep_backup=False)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["中通快递 月结对账单"])
    ws.append(["账期：2026-11-01 至 2026-11-30"])
    ws.append(["序号", "运单号", "揽收日期", "目的省份", "计费重量", "运费", "业务类型", "备注", "退回状态"])
    for i in (1, 2, 3):  # (未退回: no return)
        ws.append([i, 73100000000000 + i, dt.date(2026, 11, 10), "浙江省", "0.4kg", "¥5.00", "普通件", None, "未退回"])
    ws.append([4, 73100000000001, dt.date(2026, 11, 10), "浙江省", "0.4kg", "¥5.00", "普通件", None, "未退回"])
    ws.append([5, "'73100000000003", dt.date(2026, 11, 18), "浙江省", "0.4kg", "¥5.00", "退回件", "拒收退回"])
    ws.append([6, "73200000000099", dt.date(2026, 11, 16), "浙江省", "0.5kg", "¥6.00", "退货件", None])
    ws.append(["合计", None, None, None, None, "¥31.00"])
    bill = tmp_path / "中通11月对账单.xlsx"
    wb.save(bill)
    chk, issues = reconcile_courier_file(shop, bill)
    assert issues == [] and chk.billed_total == D("31.00")
    assert chk.billed_not_shipped == chk.shipped_not_billed == chk.fee_differs == []
    assert [b.line for b in chk.billed_twice] == [7]  # 0001 billed again, its 退回状态 未退回: no return
    assert [(b.line, o) for b, o in chk.returned] == [(8, "O03")]
    assert [(b.line, c) for b, c in chk.returns] == [(9, "SH001")]
    r = shopbook("reconcile", "courier", shop.folder, bill)
    out = flat(r.stdout)
    assert r.returncode == 1 and "重复计费73100000000003" not in out and "我们没发：—" in out, r.stdout
    assert "退回件73100000000003订单O03（账单第8行，¥5.00）" in out, r.stdout
    assert "买家退货73200000000099售后单SH001（账单第9行，¥6.00）" in out, r.stdout
    data = json.loads(shopbook("reconcile", "courier", shop.folder, bill, "--json").stdout)
    assert data["returns"] == [{"tracking_no": "73200000000099", "book": "中通11月对账单.xlsx", "sheet": "Sheet", "line": 9, "case_no": "SH001", "fee": "6.00"}]


def test_a_bills_line_that_does_not_read_is_named_on_its_sheet(tmp_path):
    """QA: a 中通 bill as a workbook of 汇总 and 明细 sheets, a fee typed 五元 on 明细's row 5: the
    error said '中通11月账单.xlsx › 第 5 行', the sheet it opens on (汇总) having no row 5 of the
    bill. Each of the bill's issues names the sheet it was read from."""
    import openpyxl

    shop = courier_shop(tmp_path / "shop", 3)
    wb = openpyxl.Workbook()
    wb.active.title = "汇总"
    wb.active.append(["中通快递 2026年11月 对账汇总"])
    wb.active.append(["金额", "¥15.00"])
    ws = wb.create_sheet("明细")
    ws.append(["中通快递 月结对账单"])
    ws.append([])
    ws.append(["序号", "运单号", "揽收日期", "目的省份", "计费重量", "运费"])
    for i in (1, 2, 3):
        ws.append([i, f"7310000000{i:04}", dt.date(2026, 11, 10), "浙江省", "0.4kg", "五元" if i == 2 else "¥5.00"])
    bill = tmp_path / "中通11月账单.xlsx"
    wb.save(bill)
    _, issues = reconcile_courier_file(shop, bill)
    assert [(i.sheet, i.row, i.column, i.value) for i in issues] == [("明细", 5, "运费", "五元")]
    r = shopbook("reconcile", "courier", shop.folder, bill)
    assert "中通11月账单.xlsx›明细›第5行运费='五元'" in flat(r.stdout), r.stdout


def test_a_parcel_whose_line_does_not_read_is_on_the_bill_all_the_same(tmp_path):
    """QA: a bill line whose fee was typed 五元 was said at its line, and its parcel listed as well as
    '发了、账单没有 7310…0002'（'look for it on the next bill'), though it is on this one; the bill's amount
    lacked its fee without a word. Now its parcel counts as billed, and the screen says how many lines
    did not read, their money missing from the amount and the margin."""
    shop = courier_shop(tmp_path / "shop", 3)
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费\n"
                      + "".join(f"7310000000{i:04},2026-11-10,浙江,1,{'五元' if i == 2 else '¥5.00'}\n"
                                for i in (1, 2, 3))).encode("gb18030"))
    chk, issues = reconcile_courier_file(shop, bill)
    assert [(i.row, i.value) for i in issues] == [(3, "五元")]
    assert chk.shipped_not_billed == [] and [b.line for b in chk.unread] == [3]
    assert chk.billed_total == D("10.00")
    r = shopbook("reconcile", "courier", shop.folder, bill)
    assert r.returncode == 1 and "发了、账单没有：—" in flat(r.stdout), r.stdout
    assert "账单有1个包裹的行没有读出（见错误）：账单金额和运费差价里少了它们的费用" in flat(r.stdout), r.stdout


def test_the_couriers_credit_of_a_line_billed_twice_settles_it(tmp_path):
    """QA: a 中通 bill that billed 0003 twice and credited it on a line of its own (运费 -5.00, 备注
    重复计费冲销) said '✗ 重复计费 … 第 5 行' and '✗ 重复计费 … 第 6 行，¥-5.00', then '重复计费的 2 行共
    ¥0.00：请快递从账单里扣掉' (exit 1): the courier had taken it off. A line below 0 is the courier's
    credit: it cancels the line billed twice at its amount (both settled, said), never billed twice."""
    shop = courier_shop(tmp_path / "shop", 3)
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费,备注\n"
                      + "".join(f"7310000000{i:04},2026-11-10,浙江,1,¥5.00,\n" for i in (1, 2, 3, 3))
                      + "73100000000003,2026-11-25,浙江,1,¥-5.00,重复计费冲销\n合计,,,,¥15.00,\n").encode("gb18030"))
    chk, issues = reconcile_courier_file(shop, bill)
    assert issues == [] and chk.billed_total == D("15.00")
    assert chk.billed_twice == chk.fee_differs == [] and [(c.line, b.line) for c, b in chk.credits] == [(6, 5)]
    r = shopbook("reconcile", "courier", shop.folder, bill)
    assert r.returncode == 0 and "重复计费" not in r.stdout, r.stdout
    assert "冲销73100000000003：第6行，-¥5.00（冲掉第5行）" in flat(r.stdout), r.stdout


def test_a_line_billed_twice_is_said_at_its_whole_charge_as_its_sum_is(tmp_path):
    """QA: a 中通 bill billed 0002 twice, its 偏远附加费 3.00 on each line. The screen said '✗ 重复计费
    73100000000002：第 4 行，¥5.00' over '重复计费的 1 行共 ¥8.00' (and --json's fee 5.00), the report's
    sheet 8.00: a line that did not add up to its own sum. Now the line is its whole charge, ¥8.00."""
    from shopbook.money.said import courier_said

    shop = courier_shop(tmp_path / "shop", 3)
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费,偏远附加费\n"
                      + "".join(f"7310000000{i:04},2026-11-10,浙江,1,5.00,{'3.00' if i == 2 else ''}\n"
                                for i in (1, 2, 2, 3))).encode("gb18030"))
    chk, issues = reconcile_courier_file(shop, bill)
    assert issues == [] and [b.line for b in chk.billed_twice] == [4] and chk.billed_total == D("26.00")
    said = [zh for _, zh, _ in courier_said(chk)]
    assert "重复计费 73100000000002：第 4 行，¥8.00" in said and "重复计费的 1 行共 ¥8.00：请快递从账单里扣掉" in said, said
    en = [en for _, _, en in courier_said(chk)]
    assert "billed twice 73100000000002: line 4, ¥8.00" in en, en
    assert chk.to_json()["billed_twice"] == [{"tracking_no": "73100000000002", "book": "中通11月账单.csv", "sheet": None,
                                                          "line": 4, "fee": "8.00"}]


def test_each_parcel_of_an_order_sent_apart_is_weighed_by_its_own_goods(tmp_path):
    """QA: an order of a coat (2.2 kg) and a shirt (0.4 kg), each line its own 中通 parcel; the bill
    charged the shirt's parcel at 3 kg. Each parcel was weighed as the whole order (about 2.7 kg:
    3 started kg), so the shirt's 3 kg passed unsaid. Now a parcel whose goods the order writes down
    is weighed by them: the shirt's parcel is heavy; the coat's 3 kg is not."""
    init_shop(tmp_path / "shop")
    folder = tmp_path / "shop"
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="A", name="衬衫", cost=D(30), price=D(99), weight_kg=D("0.4")),
        Product(sku="C", name="大衣", cost=D(300), price=D(680), weight_kg=D("2.2"))]}, keep_backup=False)
    lines = [OrderLine(order_no="O1", receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x", sku=sku,
                       qty=1, unit_price=D(99), shipping_fee=D(0), status="已发货", tracking_no=t,
                       shipped_on=dt.date(2026, 11, 10), courier="中通")
             for sku, t in (("C", "73100000000001"), ("A", "73100000000002"))]
    rates = [ShippingRate(courier="中通", province="浙江", first_kg=D(1), first_price=D(5), extra_per_kg=D(1))]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, ShippingRate: rates}, keep_backup=False)
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费\n73100000000001,2026-11-10,浙江,3kg,¥7.00\n"
                      "73100000000002,2026-11-10,浙江,3kg,¥7.00\n").encode("gb18030"))
    chk, issues = reconcile_courier_file(open_shop(folder), bill)
    assert issues == [] and [b.tracking_no for b, _ in chk.heavy] == ["73100000000002"], chk.heavy
    r = shopbook("reconcile", "courier", folder, bill)
    assert "超重73100000000002：计费3kg，估计0.5" in flat(r.stdout), r.stdout


def test_a_heavy_parcel_and_one_at_another_fee_are_named_with_their_bill_line(tmp_path):
    """QA: '超重 7310…0002：计费 3 kg，估计 0.5 kg' and '运费不符 …：账单 9.00，按运费表 5.00' named no line of the
    bill (a 2,000-line bill is searched by hand), where 'billed, not shipped' and 'billed twice' do; now each
    says its line, and --json gives it."""
    shop = courier_shop(tmp_path / "shop", 3)
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费\n73100000000001,2026-11-10,浙江,1,5.00\n"
                      "73100000000002,2026-11-10,浙江,3,7.00\n73100000000003,2026-11-10,浙江,1,9.00\n").encode("gb18030"))
    out = flat(shopbook("reconcile", "courier", shop.folder, bill).stdout)
    assert "超重73100000000002：计费3kg，估计0.5" in out and "kg（账单第3行）" in out, out
    assert "运费不符73100000000003：账单¥9.00，按运费表¥5.00（账单第4行）" in out, out
    data = json.loads(shopbook("reconcile", "courier", shop.folder, bill, "--json").stdout)
    assert [(d["tracking_no"], d["line"]) for d in data["heavy"] + data["fee_differs"]] == [
        ("73100000000002", 3), ("73100000000003", 4)]


def test_a_line_whose_tracking_number_lost_its_digits_is_said_missing_from_the_amount(tmp_path):
    """QA: a bill line whose 运单号 Excel had turned into 7.31E+13 was said at its line, and the bill's
    amount (¥10.00 of ¥15.00) and margin lacked its fee without a word; now the screen says the line
    did not read and its money is missing from them, as for a fee that does not read."""
    shop = courier_shop(tmp_path / "shop", 3)
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费\n7.31E+13,2026-11-10,浙江,1,5.00\n"
                      "73100000000002,2026-11-10,浙江,1,5.00\n73100000000003,2026-11-10,浙江,1,5.00\n").encode("gb18030"))
    chk, issues = reconcile_courier_file(shop, bill)
    assert [(i.row, i.column, i.value) for i in issues] == [(2, "运单号", "7.31E+13")]
    assert [b.line for b in chk.unread] == [2] and chk.billed_total == D("10.00")
    r = shopbook("reconcile", "courier", shop.folder, bill)
    assert "账单有1个包裹的行没有读出（见错误）" in flat(r.stdout), r.stdout


def test_a_destination_of_a_city_alone_is_priced_by_its_province(tmp_path):
    """QA: a bill whose 目的地 names the city alone (杭州市, 杭州, as many 网点 bills do) had its parcels
    priced at the 运费 sheet's 其他 row: '运费不符 …：账单 5.00，按运费表 10.00' for parcels billed at the
    浙江 price (and with no 其他 row, never checked, unsaid). The city's province is the price's."""
    shop = courier_shop(tmp_path / "shop", 3)
    ow = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, ShippingRate))
    other = ShippingRate(courier="中通", province="其他", first_kg=D(1), first_price=D(10), extra_per_kg=D(6))
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: ow.rows(OrderLine),
                                                     ShippingRate: [*ow.rows(ShippingRate), other]}, keep_backup=False)
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费\n73100000000001,2026-11-10,杭州市,1,5.00\n"
                      "73100000000002,2026-11-10,杭州,1,5.00\n73100000000003,2026-11-10,浙江杭州,2,10.00\n"
                      ).encode("gb18030"))
    chk, issues = reconcile_courier_file(shop, bill)
    assert issues == []
    # 0003 at 2 kg in 浙江 is 5 + 1 = 6.00 by the rates (其他 would say 16.00): billed 10.00
    assert [(b.tracking_no, f) for b, f in chk.fee_differs] == [("73100000000003", D("6.00"))]


@pytest.mark.parametrize("head", ["运单号码", "物流单号"])
def test_a_bill_heading_its_numbers_运单号码_is_a_bill(tmp_path, head):
    """QA: a bill whose tracking column is headed 运单号码 (as 顺丰's and many 网点 bills head it) or 物流单号
    was refused: '认不出快递账单：找不到运单号列（找过：运单号、运单编号、快递单号）'."""
    shop = courier_shop(tmp_path / "shop", 1)
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes(f"{head},揽收日期,目的地,计费重量,运费\n73100000000001,2026-11-10,浙江,1,5.00\n".encode("gb18030"))
    chk, issues = reconcile_courier_file(shop, bill)
    assert issues == [] and chk.billed_total == D("5.00") and chk.shipped_not_billed == []


def test_a_credit_or_a_return_dated_next_month_does_not_stretch_the_bills_days(tmp_path):
    """QA: a November bill whose courier credited a line billed twice on 12-02 (its 冲销 dated then) and
    billed a parcel's way back on 12-01 was taken to cover 11-10 to 12-02: the parcel we shipped on 12-01,
    December's bill's, was 'shipped, not billed'. The days a bill covers are its parcels' own."""
    shop = courier_shop(tmp_path / "shop", 4)
    ow = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, ShippingRate))
    lines = [ln.model_copy(update={"shipped_on": dt.date(2026, 12, 1)}) if ln.order_no == "O04" else ln
             for ln in ow.rows(OrderLine)]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: lines, ShippingRate: ow.rows(ShippingRate)},
                   keep_backup=False)
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费,备注\n"
                      + "".join(f"7310000000{i:04},2026-11-10,浙江,1,5.00,\n" for i in (1, 2, 3, 3))
                      + "73100000000002,2026-12-01,浙江,1,5.00,拒收退回\n"
                      "73100000000003,2026-12-02,浙江,,-5.00,重复计费冲销\n").encode("gb18030"))
    chk, issues = reconcile_courier_file(shop, bill)
    assert issues == [] and chk.shipped_not_billed == [], chk.shipped_not_billed
    assert [b.line for b, _ in chk.returned] == [6] and [(c.line, b.line) for c, b in chk.credits] == [(7, 5)]


def test_a_billed_parcel_of_an_order_never_marked_shipped_is_said(tmp_path):
    """QA: the courier billed 0002, whose order our books had 已审核 (the warehouse never scanned it out:
    its stock never posted), and 0003, whose order was 已取消 (a waybill printed, the order cancelled, the
    parcel collected all the same): both passed as matched, nothing said, the cancelled order's postage
    counted as charged to its buyer. Now each is named with its order and status, and what to do (exit 1);
    a cancelled order's buyer paid no postage."""
    shop = courier_shop(tmp_path / "shop", 3)
    ow = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, ShippingRate))
    status = {"O02": "已审核", "O03": "已取消"}
    lines = [ln.model_copy(update={"status": status.get(ln.order_no, ln.status), "shipping_fee": D(8)})
             for ln in ow.rows(OrderLine)]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: lines, ShippingRate: ow.rows(ShippingRate)},
                   keep_backup=False)
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费\n"
                      + "".join(f"7310000000{i:04},2026-11-10,浙江,1,5.00\n" for i in (1, 2, 3))).encode("gb18030"))
    chk, issues = reconcile_courier_file(shop, bill)
    assert issues == [] and [(b.line, o, st) for b, o, st in chk.not_marked] == [(3, "O02", "已审核"), (4, "O03", "已取消")]
    assert chk.charged_to_buyers == D("16.00")  # O01's and O02's 8.00; O03 was cancelled
    r = shopbook("reconcile", "courier", shop.folder, bill)
    out = flat(r.stdout)
    assert r.returncode == 1 and "没记发货73100000000002订单O02（已审核，账单第3行）" in out, r.stdout
    assert "快递收了2个包裹，订单却没记发货" in out, r.stdout


@pytest.mark.parametrize("totals", ["合计", "共2票"])
def test_the_notes_under_a_bills_totals_are_no_parcels(tmp_path, totals):
    """QA: a 中通 monthly .xlsx as the office sends it (a merged title, a merged 运单信息 | 费用 row over the
    header, kg weights, ¥ fees as text, a 合计 row, then 制表人：王会计 and 备注：请于5日内付款 under it, and a
    面单费 of 2.00 written where the number would be): each note was read as a parcel whose fee is blank
    ('✗ 运费是空的：这个包裹没有计入账单金额', exit 1, the bill's amount said to lack it) and the 面单费 as a
    parcel we never shipped; a totals line labelled 共2票 there was a parcel too, its 12.00 counted twice.
    Words with no number in the tracking column are a note (passed over), a count of the totals line, or,
    beside money, one of the bill's other charges (said at its line)."""
    import openpyxl

    shop = courier_shop(tmp_path / "shop", 2)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "明细"
    ws.append(["中通快递 2026年11月 月结对账单"])
    ws.merge_cells("A1:E1")
    ws.append(["运单信息", None, None, "费用", None])
    ws.merge_cells("A2:C2")
    ws.merge_cells("D2:E2")
    ws.append(["运单号", "揽收日期", "目的地", "计费重量", "运费"])
    for i in (1, 2):
        ws.append([f"7310000000{i:04}", "2026-11-10", "浙江", "0.4kg", "¥5.00"])
    ws.append(["面单费", None, None, None, "¥2.00"])
    ws.append([totals, None, None, None, "¥12.00"])  # (its label where the number would be)
    ws.append(["制表人：王会计"])
    ws.append(["备注：请于5日内付款"])
    bill = tmp_path / "中通11月账单.xlsx"
    wb.save(bill)
    chk, issues = reconcile_courier_file(shop, bill)
    assert [(i.severity, i.row) for i in issues] == [("warning", 6)], [i.message_zh for i in issues]
    assert (chk.billed_total, chk.other_charges) == (D("12.00"), D("2.00"))
    assert chk.billed_not_shipped == chk.shipped_not_billed == chk.unread == chk.fee_differs == []
    r = shopbook("reconcile", "courier", shop.folder, bill)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "账单金额¥12.00（运费¥10.00，其他费用¥2.00）" in flat(r.stdout) and "✗" not in r.stdout, r.stdout


def test_an_order_sent_in_parts_is_judged_by_each_parcels_own_rows(tmp_path):
    """QA: T1 (运费 8.00) sent in two parcels, its coat on 10-30 and its trousers on 11-03 when they came
    in; T2 (运费 6.00), its first row still 已审核 (out of stock) and its second row sent on 11-03. Each
    parcel was judged by its order's first row: October's bill listed November's parcel 0002 as 'shipped,
    not billed', November's said T2's parcel was 'not marked shipped (已审核)' (scan it out, exit 1), and
    T1's 8.00 postage was charged on both months' bills. Each parcel now goes by the rows that name it,
    and an order's postage by the bill of its first part."""
    init_shop(tmp_path / "shop")
    folder = tmp_path / "shop"
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="A", name="衬衫", cost=D(30), price=D(99), weight_kg=D("0.4")),
        Product(sku="C", name="大衣", cost=D(300), price=D(680), weight_kg=D("0.4"))]}, keep_backup=False)

    def line(no, sku, fee, status, day, t):
        return OrderLine(order_no=no, receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x", sku=sku,
                         qty=1, unit_price=D(99), shipping_fee=D(fee), status=status, tracking_no=t,
                         shipped_on=day, courier="中通" if t else None)
    lines = [line("T1", "C", 8, "已签收", dt.date(2026, 10, 30), "73100000000001"),
             line("T1", "A", 8, "已发货", dt.date(2026, 11, 3), "73100000000002"),
             line("T2", "C", 6, "已审核", None, None),
             line("T2", "A", 6, "已发货", dt.date(2026, 11, 3), "73100000000003")]
    rates = [ShippingRate(courier="中通", province="浙江", first_kg=D(1), first_price=D(5), extra_per_kg=D(1))]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, ShippingRate: rates}, keep_backup=False)
    head = "运单号,揽收日期,目的地,计费重量,运费\n"
    october, november = tmp_path / "中通10月账单.csv", tmp_path / "中通11月账单.csv"
    october.write_bytes((head + "73100000000001,2026-10-30,浙江,1,5.00\n合计,,,1,5.00\n").encode("gb18030"))
    november.write_bytes((head + "73100000000002,2026-11-03,浙江,1,5.00\n73100000000003,2026-11-03,浙江,1,5.00\n"
                          "合计,,,2,10.00\n").encode("gb18030"))
    said = {}
    for bill in (october, november):
        r = shopbook("reconcile", "courier", folder, bill, "--json")
        assert r.returncode == 0, r.stdout + r.stderr
        said[bill.name] = json.loads(r.stdout)
    assert [(s["billed_total"], s["charged_to_buyers"], s["courier_margin"]) for s in said.values()] == [
        ("5.00", "8.00", "3.00"), ("10.00", "6.00", "-4.00")]
    r = shopbook("reconcile", "courier", folder, november)
    assert "没记发货" not in r.stdout and "✓" in r.stdout, r.stdout


def test_a_bill_whose_parcels_went_unchecked_is_no_tick_and_exits_1(tmp_path):
    """QA: a bill with no weight column (or a parcel to a province the rates lack) left those parcels'
    fees checked against nothing, said only as a warning, yet the report's line kept its ✓ and the run
    exited 0. A check that did part of its job is '!' with the count and its lines, no ✓, exit 1."""
    from shopbook.money.said import courier_differs, courier_said

    shop = courier_shop(tmp_path / "shop", 2)
    no_weight = "运单号,揽收日期,目的地,运费\n73100000000001,2026-11-10,浙江,5.00\n73100000000002,2026-11-10,浙江,9.00\n"
    no_price = ("运单号,揽收日期,目的地,计费重量,运费\n73100000000001,2026-11-10,浙江,1,5.00\n"
                "73100000000002,2026-11-10,广东,1,60.20\n")
    for rows, unchecked in ((no_weight, [2, 3]), (no_price, [3])):  # no weight: neither fee checked; no price to 广东
        bill = tmp_path / "中通11月账单.csv"
        bill.write_bytes(rows.encode("gb18030"))
        chk, issues = reconcile_courier_file(shop, bill)
        assert [b.line for b in chk.unchecked] == unchecked and chk.fee_differs == []
        assert courier_differs(chk, issues)  # the CLI's exit 1, the button's loud box
        said = courier_said(chk, issues)
        n = len(unchecked)
        [line] = [x for x in said if x[1].startswith(f"{n} 个包裹的运费没有核对（账单第 {'、'.join(map(str, unchecked))} 行）")]
        assert line[0] == "!"
        assert f"the fee of {n} parcel" in line[2]
        assert [x[0] for x in said if x[1] == str(chk.report)] == ["–"]  # the report named without a ✓
        assert chk.to_json()["fee_not_checked"][0] == {"tracking_no": f"7310000000000{unchecked[0] - 1}",
                                                       "book": "中通11月账单.csv", "sheet": None, "line": unchecked[0]}
