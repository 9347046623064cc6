"""QA: a count sheet filled in by hand and typed into 盘点 with the slips of handwriting: 1O for 10 was said as
"enter 1 alone, without a unit" (the letter O taken for a unit: typed as told, 9 pieces booked lost), l5 and a
count written as the sum of its places (12+5) as "enter a number, e.g. 20". Now each is asked at its cell as what
it most likely is (is it 10? 15? enter 17), and the posting stops until it is typed: nothing is read as a guess.
A count written as a guess (约20, 20左右) was told "enter a number, e.g. 20", the guess itself: now it is said to be
an estimate, to count."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from count_shops import count_shop

from shopbook.issues import DataStop
from shopbook.schema import StocktakeCount
from shopbook.shop import open_shop
from shopbook.stock.workflow import load_stock, stocktake_post

DAY = dt.date(2026, 12, 5)


def test_a_letter_for_a_digit_or_a_sum_is_asked_at_its_cell(tmp_path):
    lang = "en"  # (each issue holds both languages)
    folder = count_shop(tmp_path, lang, ("A", "B", "C", "D", "E"))
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws = wb[StocktakeCount.title(lang)]
    for sku, typed in (("A", "1O"), ("B", "l5"), ("C", "12+5"), ("D", "O"), ("E", "约20")):
        ws.append([DAY, sku, typed, "小王"])
    wb.save(folder / "stock.xlsx")
    said = {i.cell: (i.message_zh, i.message_en) for i in load_stock(open_shop(folder), need_orders=False).count_errors}
    assert said == {
        "C3": ("应为整数：“1O”里的 O 是字母，不是数字：是不是 10？请填数字 10。",
               "Should be a whole number: '1O' has the letter O where a digit goes: is it 10? Enter 10 in digits."),
        "C4": ("应为整数：“l5”里的 l 是字母，不是数字：是不是 15？请填数字 15。",
               "Should be a whole number: 'l5' has the letter l where a digit goes: is it 15? Enter 15 in digits."),
        "C5": ("应为整数：“12+5”是一个算式：请填算好的数 17。", "Should be a whole number: '12+5' is a sum: enter its total, 17."),
        "C6": ("应为整数：“O”里的 O 是字母，不是数字：是不是 0？请填数字 0。",
               "Should be a whole number: 'O' has the letter O where a digit goes: is it 0? Enter 0 in digits."),
        "C7": ("应为整数：“约20”是个估计的数：请数清楚，填确切的数，只填数字。",
               "Should be a whole number: '约20' is an estimate: count, then enter the exact number, digits only.")}
    with pytest.raises(DataStop) as e:  # nothing posted on a guess
        stocktake_post(open_shop(folder), DAY, today=DAY)
    assert "is it 10? Enter 10 in digits" in e.value.en
