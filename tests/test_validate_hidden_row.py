"""QA (validate, what staff keep): a row hidden by hand (right-click, Hide: a line someone wanted out of sight)
holding a bad amount was said at D5 as any other, and the person sent there saw row 4 and then 6, the cell
nowhere. A row a filter hides, or a hidden column, was said so; now a row hidden by hand is too, in the shop's
language, and a cell in a row in sight is said as before."""

import datetime as dt

import openpyxl

from shopbook.shop import init_shop
from shopbook.validate import validate_path


def _ledger(folder, lang: str = "zh"):
    init_shop(folder, lang)
    path = folder / "ledger.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    wb.worksheets[1].append(["支付宝", dt.datetime(2026, 11, 1), 1000])
    wb.worksheets[3].append(["销售收入", "收入" if lang == "zh" else "in", "销售"])
    first = ws.max_row + 1
    for k in range(4):
        ws.append([dt.datetime(2026, 11, 3), "收入" if lang == "zh" else "in", "销售收入", "abc" if k in (1, 3) else 10,
                   "支付宝"])
    ws.row_dimensions[first + 1].hidden = True
    wb.save(path)
    return path, first


def test_a_bad_cell_in_a_row_hidden_by_hand_says_the_row_is_hidden(tmp_path):
    path, first = _ledger(tmp_path / "shop")
    said = {i.cell: i for i in validate_path(path).issues}
    hidden, shown = said[f"D{first + 1}"], said[f"D{first + 3}"]
    assert hidden.message_zh.endswith(f"（第 {first + 1} 行被隐藏了：取消隐藏才看得到这一格。）"), hidden
    assert hidden.message_en.endswith(f"(Row {first + 1} is hidden: unhide it to see this cell.)"), hidden
    assert "隐藏" not in shown.message_zh and "hidden" not in shown.message_en, shown


def test_an_english_shop_reads_it_in_english(tmp_path):
    path, first = _ledger(tmp_path / "shop", "en")
    (hidden,) = [i for i in validate_path(path).issues if i.cell == f"D{first + 1}"]
    assert hidden.message_en.endswith(f"(Row {first + 1} is hidden: unhide it to see this cell.)"), hidden
