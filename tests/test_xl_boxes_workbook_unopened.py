"""The 日报 and 自查 buttons' boxes, a workbook missing (ledger.xlsx moved away) or no workbook at all (a CSV saved
as stock.xlsx): they said "在 ledger.xlsx 里按“校验”" of a file Excel cannot open, so no 校验 to press in it. Each such
workbook is said with what validate says to do (shopbook init for one missing, saved as .xlsx for a CSV); the 校验
button is named for the errors of a workbook that opens, by the workbook alone where the self-check names a cell of it
("在 orders.xlsx 里按", not "在 orders.xlsx › 订单 › I2 里按")."""

from __future__ import annotations

import openpyxl
import pytest

from blank_books import append_by_header
from shopbook import xl
from shopbook.shop import init_shop
from xlfake import FakeBook


@pytest.fixture(scope="module", params=["zh", "en"])
def pressed(request, tmp_path_factory):
    lang = request.param
    folder = tmp_path_factory.mktemp(lang) / "shop"
    init_shop(folder, lang=lang)
    (folder / "ledger.xlsx").unlink()  # moved away
    (folder / "agents.xlsx").write_text("代理编号,名称\nDL001,小张\n", encoding="utf-8")  # a CSV saved under its name
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    ws = wb.worksheets[0]
    zh = ws.cell(1, 1).value == "订单编号"
    append_by_header(ws, [{"订单编号" if zh else "order_no": "3900000000000000001",
                           "付款时间" if zh else "paid_at": "2026-11-11 10:00:00",
                           "商家编码" if zh else "sku": "SH-WH-M", "数量" if zh else "qty": "两件",  # does not read
                           "单价" if zh else "unit_price": 99, "状态" if zh else "status": "待审核" if zh else "new"}])
    wb.save(folder / "orders.xlsx")
    book = FakeBook(folder / "orders.xlsx")
    xl.daily_report(book)
    daily = book.app.alerts[-1]["prompt"]
    xl.self_check(book)
    return lang, folder, daily, book.app.alerts[-1]["prompt"]


def test_the_daily_box_says_press_validate_only_in_a_workbook_that_opens(pressed):
    lang, folder, daily, _ = pressed
    [line] = [ln for ln in daily.splitlines() if ln.startswith(("✗ 校验", "✗ validate"))]
    if lang == "zh":
        assert "（在 orders.xlsx 里按“校验”，它的“校验结果”表列出每一个）" in line, line
        assert "缺少工作簿 ledger.xlsx（流水账）。用 shopbook init " in line, line
        assert "agents.xlsx：这不是 Excel 工作簿" in line and "请用 Excel 打开后另存为 .xlsx。" in line, line
    else:
        assert " (press Validate in orders.xlsx: its Issues sheet lists each)" in line, line
        assert "The workbook ledger.xlsx (Ledger) is missing. Add the missing workbooks with shopbook init " in line, line
        assert "agents.xlsx: This is not an Excel workbook" in line and "Open it in Excel and save it as .xlsx." in line
    assert "。。" not in line and ". ." not in line, line
    for name in ("ledger.xlsx", "agents.xlsx"):
        assert f"在 {name} 里按" not in line and f"in {name}:" not in line and f"Validate in {name}" not in line, line
        assert f"{name} 里按" not in line, line


def test_the_selfcheck_box_names_the_workbook_and_what_to_do_with_one_missing(pressed):
    lang, _, _, box = pressed
    lines = box.splitlines()
    # (a cell of orders.xlsx: said in each role's list that reads the orders, each pointing at the button)
    cells = [ln for ln in lines if ln.startswith("  ! orders.xlsx › ")]
    assert cells and all(c.endswith("→ 在 orders.xlsx 里按“校验”" if lang == "zh" else "→ press Validate in orders.xlsx")
                         for c in cells), box
    [ledger] = [ln for ln in lines if ln.startswith("  ! ledger.xlsx")]
    if lang == "zh":
        assert ledger.startswith("  ! ledger.xlsx：这部分没有检查：缺少工作簿 ledger.xlsx（流水账）。用 shopbook init "), box
    else:
        assert ledger.startswith("  ! ledger.xlsx: this part was not checked: The workbook ledger.xlsx (Ledger) is "
                                 "missing. Add the missing workbooks with shopbook init "), box
    [agents] = [ln for ln in lines if ln.startswith("  ! agents.xlsx")]
    assert agents.startswith("  ! agents.xlsx：这部分没有检查：这不是 Excel 工作簿" if lang == "zh" else
                             "  ! agents.xlsx: this part was not checked: This is not an Excel workbook"), box
    for line in (ledger, agents):
        assert "按“校验”" not in line and "press Validate" not in line, box
