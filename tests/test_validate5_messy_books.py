"""Workbooks as a small shop's staff make them (validate5): one thing typed wrong is one error, at its cell.

Every workbook is a real .xlsx, written with openpyxl and read back by validate's own call."""

from __future__ import annotations

import openpyxl
import pytest

from shopbook.shop import init_shop
from shopbook.validate import validate_path


@pytest.fixture
def shop(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    return folder


def test_a_day_whose_sales_are_typed_negative_is_one_error_not_its_aov_too(shop):
    """日报 under a title row, 销售额 typed as an accountant writes a minus, (1900): validate said it at F6 and
    again at its 客单价 (100.00 与 销售额÷支付买家数 = -105.56 不符), a figure the person typed right."""
    wb = openpyxl.load_workbook(shop / "kpi.xlsx")
    ws = wb["日报"]
    ws.delete_rows(1, ws.max_row)
    ws.append(["11月数据日报"])
    ws.append([])
    ws.append(["日期", "浏览量", "访客数 ", "支付买家数", "支付订单数", "销售额", "成交件数", "转化率", "客单价"])
    ws.append(["2026年11月7日", 1000, 800, 18, 18, "(1900)", 22, "2.25%", 100])
    ws.append(["2026.11.8", 1000, -800, 18, 18, 1800, 22, "2.25%", 100])
    wb.save(shop / "kpi.xlsx")
    said = [(i.cell, i.value, i.message_zh) for i in validate_path(shop).issues if i.severity == "error"]
    assert said == [("F4", "(1900)", "不能是负数。"), ("C5", "-800", "不能是负数。")], said


def test_a_row_of_units_that_scales_the_figures_is_an_error_at_the_unit(shop):
    """A row of units under the header is part of it (成本价 over （元）), but 销售额 over （万元） was read as
    it too: 1.7 taken for ¥1.70 in every report, nothing said. (千克) under 重量(kg) and （元） are still fine."""
    wb = openpyxl.load_workbook(shop / "kpi.xlsx")
    ws = wb["日报"]
    ws.delete_rows(1, ws.max_row)
    ws.append(["日期", "访客数", "支付买家数", "支付订单数", "销售额", "推广花费"])
    ws.append([None, "(人)", None, "单", "（万元）", "千元"])  # (千元 bare: was no units row, 5 errors of a row)
    ws.append(["2026-11-05", 900, 16, 17, 1.7, 0.3])
    wb.save(shop / "kpi.xlsx")
    wb = openpyxl.load_workbook(shop / "stock.xlsx")
    ws = wb["商品"]
    ws.insert_rows(2)
    ws["H2"], ws["L2"] = "（元）", "(千克)"
    ws.append(["TS-01", None, "T恤", None, None, None, None, 35, 89, None, 10, None, 0.2])
    wb.save(shop / "stock.xlsx")
    v = validate_path(shop)
    said = [(i.book, i.sheet, i.cell, i.value, i.severity) for i in v.issues]
    assert said == [("kpi.xlsx", "日报", "E2", "（万元）", "error"), ("kpi.xlsx", "日报", "F2", "千元", "error")], said
    assert "1.7" not in v.issues[0].message_zh and "万元" in v.issues[0].message_zh
    assert "yuan" in v.issues[0].message_en


def test_a_header_typed_over_two_lines_is_named_on_one(shop):
    """商家↵编码 (Alt+Enter in the header cell) is read as 商家编码, but every issue in its column named it with the
    line break: validate's line `C3 商家` broke off, `编码 = 'TS-03'` under it; Opening↵qty likewise."""
    wb = openpyxl.load_workbook(shop / "stock.xlsx")
    ws = wb["出入库"]
    ws.delete_rows(1, ws.max_row)
    ws.append(["日期", "商家\n编码", "类型", "数\r\n量 ", "单号", "备注\nNote"])
    ws.append(["2026-11-04", "TS-03", "出库", 1])
    ws.append(["2026-11-04", "TS-03", "出库", "2件"])
    wb.save(shop / "stock.xlsx")
    said = [(i.cell, i.column) for i in validate_path(shop).issues]
    assert said == [("B2", "商家编码"), ("D3", "数量")], said


def test_a_notes_block_and_a_sign_off_under_the_entries_are_notes_not_rows(shop):
    """说明： with its numbered lines under it, and 制表人：小王 | 审核：老板 at the foot, as a paper form has them:
    each line after 说明： was an entry with 5 errors (不是日期, 收支/类别/金额/账户 必填), 14 errors for three lines of
    notes. A date or a category typed alone under them is still a row begun, said."""
    wb = openpyxl.load_workbook(shop / "ledger.xlsx")
    wb["账户"].append(["支付宝", "2026-11-01", 0])
    wb["类别"].append(["销售收入", "收入", "销售"])
    ws = wb["流水"]
    for row in (["2026-11-05", "收入", "销售收入", 100, "支付宝"], ["2026-11-06", "收入", "销售收入", 50, "支付宝"],
                [None, None, None, 150], [], ["说明："], ["1、金额填正数，收入支出看收支列"], [],
                ["2、每月5号前对完上月的账"], ["制表人：小王", None, "审核：老板"], [], ["2026-11-07"], ["说明：下面的要补"],
                [None, None, "销售收入"]):
        ws.append(row)
    wb.save(shop / "ledger.xlsx")
    v = validate_path(shop)
    notes = [i.cell for i in v.notes]
    assert notes == ["D5", "A7", "A8", "A10", "A11", "A14"], notes
    assert [i.cell for i in v.errors] == ["B13", "C13", "D13", "E13", "A15", "B15", "D15", "E15"], \
        [(i.cell, i.message_zh) for i in v.errors]


def test_a_notes_block_under_a_title_without_a_colon_is_notes(shop):
    """填表说明 alone over its lines, or 温馨提示：… on the first of them: each line was an entry with 5 errors."""
    wb = openpyxl.load_workbook(shop / "ledger.xlsx")
    wb["账户"].append(["支付宝", "2026-11-01", 0])
    for row in ([], ["温馨提示：期初余额按11月1日支付宝的余额填"], ["微信的账户12月再加"]):
        wb["账户"].append(row)
    wb["类别"].append(["销售收入", "收入", "销售"])
    for row in (["2026-11-05", "收入", "销售收入", 100, "支付宝"], [], ["填表说明"], ["1. 金额填正数"], ["2. 每月对账"]):
        wb["流水"].append(row)
    wb.save(shop / "ledger.xlsx")
    v = validate_path(shop)
    assert v.errors == [], [(i.sheet, i.cell, i.message_zh) for i in v.errors]
    assert [(i.sheet, i.cell) for i in v.notes] == [("流水", "A5"), ("流水", "A6"), ("流水", "A7"), ("账户", "A5"),
                                                    ("账户", "A6")], v.notes


def test_a_row_of_nothing_but_a_formula_error_is_that_one_error(shop):
    """A sum typed under the entries as =D3+D4 over an amount typed as text shows #VALUE!, alone in its row: that
    row was 5 errors (日期/收支/类别/账户 必填 besides the formula's), for one cell a person must mend."""
    wb = openpyxl.load_workbook(shop / "ledger.xlsx")
    wb["账户"].append(["支付宝", "2026-11-01", 0])
    wb["类别"].append(["销售收入", "收入", "销售"])
    for row in (["2026-11-05", "收入", "销售收入", 100, "支付宝"], ["2026-11-06", "收入", "销售收入", "50元", "支付宝"],
                [None, None, None, "#VALUE!"], ["2026-11-07", None, "销售收入", "#N/A", "支付宝"]):
        wb["流水"].append(row)
    wb.save(shop / "ledger.xlsx")
    said = [(i.cell, i.value) for i in validate_path(shop).errors]
    assert said == [("D5", "#VALUE!"), ("B6", ""), ("D6", "#N/A")], said


def test_an_issue_in_a_hidden_column_says_the_column_is_hidden(shop):
    """The staff hid 收支 and 订单编号 (columns they do not look at): validate sent the person to B3 and G3, which
    Excel does not show (A, then C), with no word of why."""
    wb = openpyxl.load_workbook(shop / "ledger.xlsx")
    wb["账户"].append(["支付宝", "2026-11-01", 0])
    wb["类别"].append(["销售收入", "收入", "销售"])
    ws = wb["流水"]
    for col in "BFG":
        ws.column_dimensions[col].hidden = True
    ws.append(["2026-11-05", "收人", "销售收入", 100, "支付宝", None, 12345678901234567890])
    ws.append(["2026-11-06", "收入", "销售收入", 100, "支付宝呗"])
    wb.save(shop / "ledger.xlsx")
    said = {i.cell: (i.message_zh, i.message_en) for i in validate_path(shop).errors}
    assert sorted(said) == ["B3", "E4", "G3"], said
    assert said["B3"][0].endswith("（B 列被隐藏了：取消隐藏才看得到这一格。）")
    assert said["G3"][1].endswith("(Column G is hidden: unhide it to see this cell.)")
    assert "隐藏" not in said["E4"][0]


def test_a_row_of_sums_right_under_the_header_is_a_totals_row(shop):
    """The sums kept at the top, under the header, to stay in sight over a long sheet (=SUM(D3:D999), no label):
    each was a row of 4 errors (日期/收支/类别/账户 必填). A row under the header that sums nothing is still said."""
    wb = openpyxl.load_workbook(shop / "ledger.xlsx")
    wb["账户"].append(["支付宝", "2026-11-01", 0])
    wb["类别"].append(["销售收入", "收入", "销售"])
    ws = wb["流水"]
    ws.delete_rows(2)
    for row in ([None, None, None, 184.5], ["2026-11-05", "收入", "销售收入", 100, "支付宝"],
                ["2026-11-06", "收入", "销售收入", "34.5元", "支付宝"], ["2026-11-07", "收入", "销售收入", 50, "支付宝"]):
        ws.append(row)
    wb.save(shop / "ledger.xlsx")
    v = validate_path(shop)
    assert v.errors == [] and [(i.cell, i.message_zh) for i in v.notes] == [("D2", "第 2 行是合计行（下面各行之和），已跳过。")]
    wb = openpyxl.load_workbook(shop / "ledger.xlsx")
    wb["流水"]["D2"] = 150  # (no sum of the rows below: neither 185.5 nor, 34.5元 left out as SUM does, 151)
    wb["流水"]["D5"] = 51
    wb.save(shop / "ledger.xlsx")
    assert [i.cell for i in validate_path(shop).errors] == ["A2", "B2", "C2", "E2"]


def test_a_group_row_over_the_header_with_the_date_merged_down_is_read(shop):
    """日报 as 生意参谋's copy is laid out by hand: a title, then 日期 merged down over two rows beside the groups 流量 |
    成交 | 转化 merged over the columns below them. validate said 缺少必填列“日期” and read no day."""
    wb = openpyxl.load_workbook(shop / "kpi.xlsx")
    ws = wb["日报"]
    ws.delete_rows(1, ws.max_row)
    for row in (["2026年11月 数据日报"], ["日期", "流量", None, "成交", None, None, None, "转化", None],
                [None, "浏览量", "访客数", "支付买家数", "支付订单数", "销售额", "成交件数", "转化率", "客单价"],
                ["2026/11/5", 1000, 800, 16, 16, 1600, 20, "2.00%", 100], ["2026/11/6", 900, 800, 16, 16, "x", 20]):
        ws.append(row)
    for cells in ("A1:I1", "A2:A3", "B2:C2", "D2:G2", "H2:I2"):
        ws.merge_cells(cells)
    wb.save(shop / "kpi.xlsx")
    said = [(i.cell, i.value) for i in validate_path(shop).issues]
    assert said == [("F5", "x")], said


def test_a_required_header_marked_with_a_star_before_it_is_that_column(shop):
    """*日期 | *商家编码 (the star before the name, as import templates mark a required column): validate said
    缺少必填列 at each, and read none of the rows. 数量* (after) was read already."""
    wb = openpyxl.load_workbook(shop / "stock.xlsx")
    wb["商品"].append(["TS-01", None, "T恤", None, None, None, None, 35, 89])
    ws = wb["出入库"]
    ws.delete_rows(1, ws.max_row)
    ws.append(["*日期", "＊商家编码", "*类型", "数量*", "单号"])
    ws.append(["2026-11-05", "TS-01", "入库", 10])
    ws.append(["2026-11-05", "TS-02", "入库", 10])
    wb.save(shop / "stock.xlsx")
    said = [(i.cell, i.column) for i in validate_path(shop).issues]
    assert said == [("B3", "＊商家编码")], said


def test_the_entries_renamed_sheet1_with_a_header_mistyped_are_named_not_copied_over(shop):
    """流水 renamed Sheet1, its 账户 typed 帐户: validate said 缺少工作表“流水”, copy it from the template — a blank
    sheet that would have been read instead of the shop's rows. Now it names Sheet1 and the header to correct."""
    wb = openpyxl.load_workbook(shop / "ledger.xlsx")
    ws = wb["流水"]
    ws.title, ws["E1"] = "Sheet1", "帐户"
    ws.append(["2026-11-05", "收入", "销售收入", 100, "支付宝"])
    wb.save(shop / "ledger.xlsx")
    (issue,) = validate_path(shop).issues
    assert (issue.book, issue.sheet, issue.severity) == ("ledger.xlsx", "流水", "error")
    assert "“Sheet1”的表头像是它（E1“帐户”是不是“账户”）" in issue.message_zh and "template" in issue.message_en
    assert "E1 '帐户' for 'account'" in issue.message_en
