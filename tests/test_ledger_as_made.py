"""ledger.xlsx as finance staff make it: the 流水 sheet renamed for the year (2026流水), a
header mistyped, totals rows of a cash journal (本日合计 with its date). Real workbooks written
with openpyxl and read back by the command line."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest
from typer.testing import CliRunner

from cli_run import flat, shopbook
from test_arrow_read import put_xml
from test_money import (balance_agrees, money_shop_at, classic_statement, november_lines, pin_account,
                        write_statement)
from shopbook.cli import app
from shopbook.schema import LEDGER
from shopbook.shop import init_shop
from shopbook.validate import validate_path

HEAD = ["日期", "收支", "类别", "金额", "账户", "订单编号", "流水号", "对方", "备注"]


def ledger_shop(tmp_path, sheet: str = "流水", head=HEAD, rows=()):
    """A shop whose ledger.xlsx a person made: the entries sheet named `sheet` with header
    `head` and `rows`, two accounts and two categories."""
    folder = tmp_path / "shop"
    init_shop(folder)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(list(head))
    for r in rows:
        ws.append(list(r))
    a = wb.create_sheet("账户")
    a.append(["账户", "期初日期", "期初余额"])
    a.append(["支付宝", dt.datetime(2026, 11, 1), 1000])
    a.append(["银行", dt.datetime(2026, 11, 1), 5000])
    c = wb.create_sheet("类别")
    c.append(["类别", "收支", "分组"])
    c.append(["销售收入", "收入", "销售"])
    c.append(["快递费", "支出", "快递运费"])
    wb.create_sheet("余额核对").append(["日期", "账户", "余额"])
    wb.save(folder / "ledger.xlsx")
    return folder


ENTRIES = [(dt.datetime(2026, 11, 3), "收入", "销售收入", "¥1,234.50", "支付宝", None, "A1"),
           (dt.datetime(2026, 11, 3), "支出", "快递费", "34.5元", "银行")]


def test_a_renamed_sheet_with_a_mistyped_header_is_that_typo_at_its_cell_not_a_missing_sheet(tmp_path):
    """QA: 流水 renamed 2026流水 and its 账户 typed 帐户 was `缺少工作表“流水”。请从模板复制该工作表`;
    doing so, `ledger` made a P&L of 0.00 with every entry of 2026流水 unread and unsaid."""
    head = [("帐户" if h == "账户" else h) for h in HEAD]
    folder = ledger_shop(tmp_path, "2026流水", head, ENTRIES)
    res = validate_path(folder)
    [e], [w] = res.errors, res.warnings
    assert (e.book, e.sheet, e.cell, e.column) == ("ledger.xlsx", "2026流水", "E1", "帐户")
    assert w.sheet == "2026流水" and "表头与它相近" in w.message_zh and "表头与它一致" not in w.message_zh
    assert "“账户”" in e.message_zh and "rename it '账户'" in e.message_en
    r = shopbook("ledger", folder, "--month", "2026-11")
    assert r.returncode == 2 and flat("2026流水 › E1") in flat(r.stderr), r.stdout + r.stderr
    assert not list((folder / "reports").glob("*.xlsx"))


def test_a_renamed_sheet_whose_headers_are_right_is_read_as_before(tmp_path):
    folder = ledger_shop(tmp_path, "2026流水", HEAD, ENTRIES)
    res = validate_path(folder)
    assert not res.errors and [w.sheet for w in res.warnings] == ["2026流水"]
    r = shopbook("ledger", folder, "--month", "2026-11")
    assert r.returncode == 0 and "1,234.50" in r.stdout and "34.50" in r.stdout, r.stdout + r.stderr


def test_a_cash_journals_dated_totals_rows_are_skipped_never_entries_to_complete(tmp_path):
    """QA: a 本日合计 row with the day it sums (as a cash journal has it) was two errors, 收支 and
    账户 必填; filled in, the next was 类别“本日合计”不存在。请在“类别”表中添加它, after which the
    day's total would have been counted as money once more."""
    day, end = dt.datetime(2026, 11, 3), dt.datetime(2026, 11, 30)
    rows = [*ENTRIES, (day, None, "本日合计", "=SUM(D2:D3)"),
            (dt.datetime(2026, 11, 5), "收入", "销售收入", 100, "支付宝", None, "A2"),
            (end, None, None, "=SUM(D2:D3,D5)", None, None, None, None, "本月合计")]
    folder = ledger_shop(tmp_path, "流水", HEAD, rows)
    res = validate_path(folder)
    assert not res.errors, [(e.cell, e.message_zh) for e in res.errors]
    assert [n.cell for n in res.notes] == ["C4", "I6"]  # said as the totals rows skipped
    r = shopbook("ledger", folder, "--month", "2026-11")
    assert r.returncode == 0, r.stdout + r.stderr
    said = flat(r.stdout)
    assert "收入合计1,334.50" in said and "支出合计-34.50" in said


def test_a_sum_row_as_excel_worked_it_out_over_amounts_typed_as_text_is_a_totals_row(tmp_path):
    """QA: an unlabelled =SUM(D2:D5) under amounts some of which were typed as text (¥1,234.50,
    34.5元, as pasted from a bill) holds what Excel's SUM makes of them: 120.00, the text left out.
    shopbook, adding every amount it reads, found 1,389.00 and took the row for an entry: four
    errors, 日期 收支 类别 账户 必填, which filled in would count the total as money."""
    rows = [*ENTRIES, (dt.datetime(2026, 11, 5), "收入", "销售收入", 100, "支付宝", None, "A2"),
            (dt.datetime(2026, 11, 6), "支出", "快递费", 20, "银行"), (None, None, None, 0)]
    folder = ledger_shop(tmp_path, "流水", HEAD, rows)
    put_xml(folder / "ledger.xlsx", 1, "D6", '<c r="D6"><f>SUM(D2:D5)</f><v>120</v></c>')  # as Excel saved it
    res = validate_path(folder)
    assert not res.errors, [(e.cell, e.message_zh) for e in res.errors]
    assert [n.cell for n in res.notes] == ["D6"]
    r = shopbook("ledger", folder, "--month", "2026-11")
    assert r.returncode == 0, r.stdout + r.stderr
    said = flat(r.stdout)
    assert "收入合计1,334.50" in said and "支出合计-54.50" in said


def two_entry_sheets(tmp_path, blank_first: bool):
    """ledger.xlsx with the template's 流水 (blank, or holding one entry) and the shop's own
    2026流水 of the same headers beside it, moved in from the workbook the shop kept before."""
    folder = ledger_shop(tmp_path, "2026流水", HEAD, ENTRIES)
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    ws = wb.create_sheet("流水", 0)
    ws.append(HEAD)
    if not blank_first:
        ws.append([dt.datetime(2026, 11, 9), "收入", "销售收入", 50, "支付宝"])
    wb.save(folder / "ledger.xlsx")
    return folder


def test_a_blank_entries_sheet_beside_the_shops_own_sheet_of_entries_is_said(tmp_path):
    """QA: the template's blank 流水 beside 2026流水, the sheet the shop kept its entries on (moved
    in with Excel's 移动或复制): validate said 0 个错误，0 个警告 and ledger --month 2026-11 wrote a
    P&L of 0.00 with a ✓, every entry unread and nothing saying so."""
    folder = two_entry_sheets(tmp_path, blank_first=True)
    [w] = validate_path(folder).warnings
    assert (w.book, w.sheet) == ("ledger.xlsx", "2026流水")
    assert "“流水”里没有数据" in w.message_zh and "“2026流水”里的行没有读取" in w.message_zh
    assert "the rows in '2026流水' are not read" in w.message_en
    r = shopbook("validate", folder)
    assert r.returncode == 0 and "“2026流水”里的行没有读取" in flat(r.stdout), r.stdout  # (a warning)


def test_a_year_kept_beside_the_entries_sheet_in_use_holding_rows_of_its_year_is_said(tmp_path):
    """2026流水 beside a 流水 in use that holds rows of 2026 too: read together, a line on both would count
    twice; read alone, 2026流水's are not in the P&L. It is left unread, and said (it was unsaid)."""
    folder = two_entry_sheets(tmp_path, blank_first=False)
    res = validate_path(folder)
    [w] = res.warnings
    assert not res.errors and (w.book, w.sheet) == ("ledger.xlsx", "2026流水"), [(w.sheet, w.message_zh) for w in res.warnings]
    assert "“流水”里有 2026 年的行" in w.message_zh


@pytest.fixture
def money_shop(tmp_path):
    """test_money's shop: its ledger's entries of November, written as a shopbook table (tbl_Entry)."""
    return money_shop_at(tmp_path)


def test_a_row_booked_under_an_excel_tables_total_row_leaves_that_table_ending_at_it(money_shop, tmp_path):
    """QA: 流水 kept as an Excel table with its Total Row turned on (表设计 › 汇总行: 汇总 |
    =SUBTOTAL(109,tbl_Entry[金额]) as its last row). `reconcile alipay --apply` wrote the fee it
    booked below that row and grew the table over it: in Excel the new entry became the table's
    totals row and the person's 汇总 a data row inside the range it sums. Now the table ends at
    its Total Row as it did, the entry below it, said as under any totals row."""
    shop = pin_account(balance_agrees(money_shop))
    path = shop.path(LEDGER)
    wb = openpyxl.load_workbook(path)
    ws = wb["流水"]
    table = ws.tables["tbl_Entry"]
    last = ws.max_row + 1  # the Total Row
    ws.cell(last, 1).value = "汇总"
    ws.cell(last, 4).value = "=SUBTOTAL(109,tbl_Entry[金额])"
    table.ref, table.totalsRowCount = f"A1:I{last}", 1
    table.autoFilter.ref = f"A1:I{last - 1}"
    wb.save(path)
    statement = write_statement(tmp_path, classic_statement(november_lines()))
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(statement), "--apply"])
    assert "已补录 1 条流水" in r.output, r.output
    assert f"合计行（第{last}行）下面" in flat(r.output), r.output  # said where it went
    with zipfile.ZipFile(path) as z:
        part = next(n for n in z.namelist() if n.startswith("xl/tables/") and b"tbl_Entry" in z.read(n))
        xml = z.read(part).decode()
    assert f'ref="A1:I{last}"' in xml and 'totalsRowCount="1"' in xml, xml
    ws = openpyxl.load_workbook(path)["流水"]
    assert ws.cell(last, 1).value == "汇总" and ws.cell(last + 1, 7).value == "A7"
