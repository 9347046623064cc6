"""`shopbook validate` on workbooks as staff really keep them (qa-validate2): every .xlsx is written
with openpyxl and checked by the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.shop import init_shop

ENTRY = ["日期", "收支", "类别", "金额", "账户", "订单编号", "流水号", "对方", "备注"]


@pytest.fixture
def shop(tmp_path) -> Path:
    folder = tmp_path / "shop"
    init_shop(folder)
    return folder


def _sheet(path: Path, name: str, rows: list[list], index: int = 0) -> None:
    """The sheet `name` holding `rows` from A1 (one of that name replaced), at `index`."""
    wb = openpyxl.load_workbook(path)
    if name in wb.sheetnames:
        index = wb.sheetnames.index(name)
        del wb[name]
    ws = wb.create_sheet(name, index)
    for r in rows:
        ws.append(r)
    wb.save(path)


def _ledger(shop: Path) -> Path:
    book = shop / "ledger.xlsx"
    _sheet(book, "账户", [["账户", "期初日期", "期初余额"], ["支付宝", "2026-11-01", 1000]], 1)
    _sheet(book, "类别", [["类别", "收支", "分组"], ["销售收入", "收入", "销售"], ["快递费", "支出", "快递运费"]], 3)
    return book


def _said(shop: Path, target: Path | None = None) -> list[tuple]:
    r = CliRunner().invoke(app, ["validate", str(target or shop), "--json"])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.output
    return [(i["sheet"], i["cell"], i["severity"], i["value"]) for i in json.loads(r.stdout)]


@pytest.mark.parametrize("other", ["Entries", "流水 ", "流  水"])
def test_a_second_sheet_bearing_the_entries_name_is_said_and_the_exact_one_read(shop, other):
    """流水 beside a sheet that is also its name (Entries, the English one pasted in; 流水 with a
    space): the first of them was read and the other's rows went unread, unsaid: with Entries before
    流水, the shop's own 流水 was never checked (its 'abc' amount never said). Now 流水 is read, and the
    other is a warning saying its rows are not."""
    book = _ledger(shop)
    _sheet(book, "流水", [ENTRY, ["2026-11-03", "收入", "销售收入", 100, "支付宝"],
                         ["2026-11-04", "收入", "销售收入", "abc", "支付宝"]], 0)
    _sheet(book, other, [ENTRY, ["2026-11-05", "收入", "销售收入", "xyz", "支付宝"]], 0)
    said = _said(shop)
    assert ("流水", "D3", "error", "abc") in said, said
    assert (other, "", "warning", "") in said, said
    assert not any(s[3] == "xyz" for s in said), said


PRODUCT = ["商家编码", "款号", "名称", "颜色", "尺码", "条码", "库位", "成本价", "售价", "安全库存", "期初库存", "补货周期(天)",
           "重量(kg)"]


def test_a_weight_typed_in_grams_is_said_in_kg(shop):
    """重量(kg) typed 250g (or 1斤): validate said to type 250 (250 kg) and 1 (1 kg, for half a kilo).
    Now it says the number in kg: 0.25, 0.5."""
    _sheet(shop / "stock.xlsx", "商品", [PRODUCT, ["A001", "A", "T恤", "白", "M", None, "A-1", 30, 99, 5, 100, 7, "250g"],
                                        ["A002", "A", "T恤", "白", "L", None, "A-2", 30, 99, 5, 100, 7, "1斤"]])
    r = CliRunner().invoke(app, ["validate", str(shop), "--json"])
    said = {i["cell"]: (i["message_zh"], i["message_en"]) for i in json.loads(r.stdout) if i["sheet"] == "商品"}
    assert set(said) == {"M2", "M3"}, said
    assert "250g 填 0.25" in said["M2"][0] and "250g is 0.25." in said["M2"][1], said
    assert "1斤 填 0.5" in said["M3"][0] and "1斤 is 0.5." in said["M3"][1], said
    assert "250，" not in said["M2"][0] and "Enter 250 " not in said["M2"][1], said


@pytest.mark.parametrize("month", ["11月", "2026年11月", "十一月份", "November 2026"])
def test_a_month_heading_over_a_block_of_entries_is_skipped_as_a_heading(shop, month):
    """A cash journal kept in month blocks, the month alone on a row above each: the row was an entry
    of five errors (日期 '11月' is no date, 收支, 类别, 金额, 账户 blank). It is a heading, skipped and
    listed as 【上衣类】 is."""
    book = _ledger(shop)
    _sheet(book, "流水", [ENTRY, [month], ["2026-11-03", "收入", "销售收入", 100, "支付宝"],
                         ["2026年12月"], ["2026-12-01", "支出", "快递费", 12, "支付宝"]], 0)
    assert _said(shop) == [("流水", "A2", "note", month), ("流水", "A4", "note", "2026年12月")]


@pytest.mark.parametrize("errors", [["#GETTING_DATA"], ["#GETTING_DATA", "#SPILL!"]])
def test_a_getting_data_error_cell_is_said_at_its_cell(shop, errors):
    """An amount cell holding Excel's #GETTING_DATA (saved while its data was still loading): validate
    stopped with an internal error (TypeError), or, beside a #SPILL!, called the ledger corrupt and
    said to restore it from a backup. calamine refuses the sheet at #GETTING_DATA, which shopbook
    took for one it reads. Now each is a formula error at its cell."""
    book = _ledger(shop)
    rows = [ENTRY] + [[f"2026-11-0{k + 1}", "收入", "销售收入", e, "支付宝"] for k, e in enumerate(errors)]
    _sheet(book, "流水", rows + [["2026-11-09", "收入", "销售收入", 5, "支付宝"]], 0)
    wb = openpyxl.load_workbook(book)
    for k in range(len(errors)):
        wb["流水"].cell(k + 2, 4).data_type = "e"
    wb.save(book)
    r = CliRunner().invoke(app, ["validate", str(shop), "--json"])
    assert r.exit_code == 1, r.output
    said = [(i["sheet"], i["cell"], i["value"], i["message_en"]) for i in json.loads(r.stdout)]
    assert said == [("流水", f"D{k + 2}", e, f"Formula error {e}: fix the formula or enter a value.")
                    for k, e in enumerate(errors)], said


def test_a_hidden_entries_sheet_beside_the_one_in_use_is_said(shop):
    """流水 hidden in Excel and a new 流水表 of its headers kept instead: shopbook read the hidden 流水
    (its errors located on a sheet no one sees) and the rows of 流水表 went unread, unsaid. Now
    流水表 is a warning saying that the hidden 流水 is the one read and its rows are not."""
    book = _ledger(shop)
    _sheet(book, "流水", [ENTRY, ["2026-11-03", "收入", "销售收入", 100, "支付宝"]], 0)
    _sheet(book, "流水表", [ENTRY, ["2026-11-05", "收入", "销售收入", 80, "支付宝"]], 1)
    wb = openpyxl.load_workbook(book)
    wb["流水"].sheet_state = "hidden"
    wb.active = 1
    wb.save(book)
    r = CliRunner().invoke(app, ["validate", str(shop), "--json"])
    (said,) = json.loads(r.stdout)
    assert (said["sheet"], said["severity"]) == ("流水表", "warning"), said
    assert "'流水' is a hidden sheet" in said["message_en"] and "“流水”是隐藏的工作表" in said["message_zh"], said


def test_a_long_text_in_the_wrong_cell_is_named_not_said_again_in_full(shop):
    """A note of 5,000 characters pasted into 金额, and an account name run on for 3,000: each message
    quoted the whole of it (a screen of text per error; in the Issues sheet and the cell's comment
    too, where 32,767 characters is Excel's limit for a cell). Now each names it as the location line
    does, cut at 60 characters."""
    book = _ledger(shop)
    note, account = "请注意：" + "这笔是上个月的退款，" * 500, "支付宝" * 1000
    _sheet(book, "流水", [ENTRY, ["2026-11-03", "收入", "销售收入", note, "支付宝"],
                         ["2026-11-04", "收入", "销售收入", 5, account]], 0)
    r = CliRunner().invoke(app, ["validate", str(shop), "--json"])
    said = {i["cell"]: i for i in json.loads(r.stdout)}
    assert set(said) == {"D2", "E3"}, said
    for i in said.values():
        assert len(i["message_zh"]) < 200 and len(i["message_en"]) < 250, i
        assert i["value"][:50] in i["message_zh"] and i["value"][:50] in i["message_en"], i
    r = CliRunner().invoke(app, ["validate", str(shop), "--write"])
    wb = openpyxl.load_workbook(book)
    assert max(len(str(c.value or "")) for row in wb["校验结果"].iter_rows() for c in row) < 250
    assert len(wb["流水"]["D2"].comment.text) < 250
    assert wb["流水"]["D2"].value == note  # (what the person typed stays)


def test_dates_written_with_their_weekday_or_an_english_month_are_read(shop):
    """Dates as Excel's long date shows them once pasted as text (2026年11月3日 星期二, 2026/11/03（周二）)
    or as an English shop writes them (Nov 3, 2026; 3-Nov-2026): each was 'not a date'. They are
    read; a weekday that is not the date's is an error naming both (which one is meant is not known)."""
    book = _ledger(shop)
    typed = ["2026年11月3日 星期二", "2026/11/03（周二）", "Nov 3, 2026", "3-Nov-2026", "Tue, 3 Nov 2026"]
    _sheet(book, "流水", [ENTRY] + [[d, "收入", "销售收入", 10, "支付宝"] for d in typed]
           + [["2026/11/04 (周二)", "收入", "销售收入", 10, "支付宝"]], 0)
    r = CliRunner().invoke(app, ["validate", str(shop), "--json"])
    (said,) = json.loads(r.stdout)
    assert (said["cell"], said["value"]) == ("A7", "2026/11/04 (周二)"), said
    assert said["message_en"] == ("The date '2026/11/04 (周二)' disagrees with itself: 2026-11-04 is a Wednesday, "
                                  "not '周二'. Check the date and enter it alone, e.g. 2026-11-04."), said
    from shopbook.io.reader import read_workbook
    from shopbook.schema import LEDGER, Entry

    days = [e.date for e in read_workbook(book, LEDGER).sheets[Entry].records]
    assert days == [dt.date(2026, 11, 3)] * 5, days


def test_invisible_characters_copied_in_are_not_read_as_part_of_a_word(shop):
    """A header pasted from a CSV (its byte-order mark before 商家编码) or a web page (a zero-width space
    after 名称), and cells holding one (入库 plus U+200B, 2 U+200B 0): validate said 'the required
    column 商家编码 is missing: is 商家编码 it? rename it 商家编码', '入库 is not a choice, did you mean
    入库', '20 is not a whole number' — words that look right and are refused. They are read as shown."""
    _sheet(shop / "stock.xlsx", "商品", [["\ufeff商家编码", "款号", "名称\u200b", "颜色", "尺码", "条码", "库位", "成本价", "售价"],
                                        ["A001", "A", "T恤", "白", "M", None, "A-1", 30, 99]])
    _sheet(shop / "stock.xlsx", "出入库", [["日期", "商家编码", "类型", "数量", "单号", "备注"],
                                          ["2026-11-01", "A001\u200b", "入库\u200b", "2\u200b0", "", ""],
                                          ["2026-11-02", "A002", "入库", 1, "", ""]], 1)
    assert _said(shop) == [("出入库", "B3", "error", "A002")]


def test_cells_holding_only_what_no_one_sees_are_blank_as_they_look(shop):
    """Cells pasted from a web page holding a zero-width space or a byte-order mark alone: row 3's 日期
    was '不是日期：“”' (nothing between the quotes, at a cell showing nothing), and rows 4-5 below the
    entries, empty to the eye, an error for each required cell. Now the 日期 is the required blank it
    looks, and the rows that show nothing are blank rows."""
    book = _ledger(shop)
    _sheet(book, "流水", [ENTRY, ["2026-11-03", "收入", "销售收入", 100, "支付宝"],
                         ["\u200b", "收入", "销售收入", 50, "支付宝"],
                         ["\u200b", None, None, None, "\u200b"], [None, None, "\ufeff", "\u200b\ufeff"]], 0)
    assert _said(shop) == [("流水", "A3", "error", "")]


def test_a_name_that_differs_from_a_known_one_only_unseen_says_so(shop):
    """An entry's 账户 支付宝 with a zero-width space copied in after it, and a 招商银行 typed with a
    full-width space where 账户 says 招商 银行: validate said '支付宝 does not exist. Did you mean
    支付宝?' — the same word, to the eye. Now it says they differ only in spaces, width, case or
    characters that cannot be seen, and what to type."""
    book = _ledger(shop)
    _sheet(book, "账户", [["账户", "期初日期", "期初余额"], ["支付宝", "2026-11-01", 1000], ["招商 银行", "2026-11-01", 0]], 1)
    _sheet(book, "流水", [ENTRY, ["2026-11-03", "收入", "销售收入", 100, "支付宝\u200b"],
                         ["2026-11-03", "收入", "销售收入", 100, "招商\u3000银行"]], 0)
    r = CliRunner().invoke(app, ["validate", str(shop), "--json"])
    said = [(i["cell"], i["message_en"]) for i in json.loads(r.stdout)]
    assert said == [(c, (f"Account '{v}' differs from '{k}' only in spaces, full or half width, letter case or "
                         "characters that cannot be seen (copied in from a web page or the like), and shopbook does "
                         f"not take them for one: make it '{k}'."))
                    for c, v, k in [("E2", "支付宝\u200b", "支付宝"), ("E3", "招商\u3000银行", "招商 银行")]], said


def test_a_header_split_over_two_rows_is_read_as_one(shop):
    """日期 | 收支 | 类别 merged down over two header rows, a group label 资金 merged over 金额 | 账户 in the
    row below: validate said the required column 账户 was missing ('add it to the header row': it is
    there) and asked whether 资金 was 金额. Now the two rows are one header, and the rows below read."""
    book = _ledger(shop)
    _sheet(book, "流水", [["日期", "收支", "类别", "资金", None, "其他"], [None, None, None, "金额", "账户", "备注"],
                         ["2026-11-03", "收入", "销售收入", 100, "支付宝", "x"], ["2026-11-04", "收入", "销售收入", "abc", "支付宝"]], 0)
    wb = openpyxl.load_workbook(book)
    for c in "ABC":
        wb["流水"].merge_cells(f"{c}1:{c}2")
    wb["流水"].merge_cells("D1:E1")
    wb.save(book)
    assert _said(shop) == [("流水", "D4", "error", "abc")]


def test_an_amount_written_as_a_receipt_writes_it_is_read(shop):
    """100元整, ¥250元整 (as a receipt writes them): each was 'not an amount, enter a number such as
    1234.50'. They are 100 and 250."""
    from decimal import Decimal

    from shopbook.io.reader import read_workbook
    from shopbook.schema import LEDGER, Entry

    book = _ledger(shop)
    _sheet(book, "流水", [ENTRY, ["2026-11-03", "收入", "销售收入", "100元整", "支付宝"],
                         ["2026-11-03", "收入", "销售收入", "¥250元整", "支付宝"]], 0)
    assert _said(shop) == []
    assert [e.amount for e in read_workbook(book, LEDGER).sheets[Entry].records] == [Decimal(100), Decimal(250)]


def test_a_number_in_a_cell_formatted_as_a_date_says_the_number_and_the_format_to_set(shop):
    """金额 9327.31, 70 and 1 in cells formatted as dates (a date column's format copied over): validate
    said '不是金额：datetime.datetime(1925, 7, 14, 7, 26, 24)', Python's words (a 数量 of 1: '请填不带小数和
    单位的数字，例如 20', which typed there shows as a date again). Now each says the number the cell
    holds, as what Excel shows, and to format the column as General or Number."""
    from shopbook.validate import validate_path

    book = _ledger(shop)
    wb = openpyxl.load_workbook(book)
    ws = wb["流水"]
    for r, (amount, fmt) in enumerate(((9327.31, "yyyy-mm-dd hh:mm:ss"), (70, "yyyy/m/d"), (1, "yyyy-mm-dd")), start=2):
        for j, v in enumerate(["2026-11-03", "收入", "销售收入", amount, "支付宝"], start=1):
            ws.cell(r, j, v)
        ws[f"D{r}"].number_format = fmt
    wb.save(book)
    issues = validate_path(shop).issues
    said = [(i.cell, i.value, i.message_zh) for i in issues]
    assert said == [(c, v, f"这一格设成了日期或时间格式，它存的数 {n} 显示成了 {v}。请把这一列设为“常规”或“数值”格式。")
                    for c, n, v in (("D2", "9327.31", "1925-07-14 07:26:24"), ("D3", "70", "1900-03-10"),
                                    ("D4", "1", "1900-01-01"))]
    assert issues[0].message_en == ("This cell is formatted as a date or time: the number 9327.31 "
                                                       "it holds shows as 1925-07-14 07:26:24. Format the column as "
                                                       "General or Number.")
