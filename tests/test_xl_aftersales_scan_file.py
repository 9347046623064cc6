"""The 售后收货… button's file of returns, read as files really come (review findings on the button's first version,
which split each line at commas and tabs and took every field for a code):

- in xlwings Lite the button reads the active sheet, and the after-sales person presses it looking at the 售后 sheet:
  each of its cells was a code, every open return marked received and posted back to stock, no parcel come;
- a quoted CSV ("YT900000") was 找不到售后单："YT900000", nothing received, and the box said to type a new case;
- a scanner app's 序号,单号,扫描时间 said its row numbers and times as parcels with no case, a loud box for a good file;
- a box of a file of many returns, scanned again, was a line a code, uncut.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from test_aftersales import type_case
from test_orders import TODAY, build_shop
from test_xl_aftersales_buttons import _state
from xlfake import FakeBook

from shopbook import xl
from shopbook.aftersales.workflow import codes_scanned
from shopbook.issues import ShopbookError
from shopbook.schema import ORDERS


def _cases(tmp_path, n=1):
    shop = build_shop(tmp_path)
    for k in range(n):
        type_case(shop, case_no=f"TH-{k}", opened_on=TODAY, order_no=f"39000000000000004{k:02d}", sku="SH-WH-M", qty=1,
                  type="退货退款", reason="不喜欢", return_tracking=f"YT9000{k:02d}", status="等退货",
                  due=dt.date.today() + dt.timedelta(days=7))
    return shop


def test_the_after_sales_sheet_itself_is_refused_and_nothing_is_received(tmp_path):
    shop = _cases(tmp_path, 3)
    ws = openpyxl.load_workbook(shop.path(ORDERS))["售后"]
    out = tmp_path / "售后.csv"  # what xlwings Lite's button reads with the 售后 sheet active
    with open(out, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([["" if v is None else v for v in r] for r in ws.iter_rows(values_only=True)])
    with pytest.raises(ShopbookError, match="售后表本身"):
        codes_scanned(out)
    before = _state(shop.folder)
    book = FakeBook(shop.path(ORDERS))
    xl.aftersales_receive(str(out), book)
    assert _state(shop.folder) == before
    assert "售后表本身" in book.app.alerts[-1]["prompt"], book.app.alerts[-1]


def test_a_quoted_csv_is_received(tmp_path):
    shop = _cases(tmp_path)
    p = tmp_path / "退货扫描.csv"
    p.write_text('"退货单号"\r\n"YT900000"\r\n', encoding="utf-8-sig")
    book = FakeBook(shop.path(ORDERS))
    xl.aftersales_receive(str(p), book)
    prompt = book.app.alerts[-1]["prompt"]
    assert "✓ 收到：YT900000" in prompt and "找不到" not in prompt, prompt


@pytest.mark.parametrize("text, codes", [
    ("序号,单号,扫描时间\n1,YT900001,2026-12-06 10:01:02\n2,=\"YT900002\",2026-12-06 10:01:09\n", ["YT900001", "YT900002"]),
    ("1,YT900001,2026-12-06 10:01:02\n2,YT900002,10:01:09\n", ["YT900001", "YT900002"]),  # no header
    ("YT900001\tSH20261118-22\n", ["YT900001", "SH20261118-22"]),  # a line's codes, a Tab between
    ("Tracking No,Scanned at\nYT900001,2026/12/06 10:01\n", ["YT900001"]),
])
def test_a_scanner_apps_columns_give_the_codes_alone(tmp_path, text, codes):
    p = tmp_path / "scan.csv"
    p.write_text(text, encoding="utf-8")
    assert codes_scanned(p) == codes


def test_a_header_naming_no_code_column_is_refused_saying_what_to_head_it(tmp_path):
    p = tmp_path / "scan.csv"
    p.write_text("序号,扫描时间,备注\n1,2026-12-06 10:01,YT900001\n", encoding="utf-8")
    with pytest.raises(ShopbookError, match="单号") as e:
        codes_scanned(p)
    assert "序号、扫描时间、备注" in e.value.zh and "'code'" in e.value.en


def test_a_file_of_many_returns_scanned_again_is_a_box_cut_with_the_rest_in_reports(tmp_path):
    shop = _cases(tmp_path, 40)
    p = tmp_path / "s.txt"
    p.write_text("\n".join(f"YT9000{k:02d}" for k in range(40)), encoding="utf-8")
    book = FakeBook(shop.path(ORDERS))
    xl.aftersales_receive(str(p), book)
    xl.aftersales_receive(str(p), book)
    lines = book.app.alerts[-1]["prompt"].splitlines()
    assert len(lines) <= 3 * xl.BOX_LINES + 2, len(lines)
    assert any("还有" in ln and "售后清单" in ln for ln in lines), lines[-3:]
    listed = Path(next(ln for ln in lines if "售后清单" in ln).split("全部列在 ")[1].rstrip("）)。. "))
    assert listed.parent == shop.folder / "reports", listed
    assert sum("已于" in row for row in listed.read_text(encoding="utf-8-sig").splitlines()) == 40


def test_two_boxes_cut_in_one_second_each_keep_the_list_they_named(tmp_path, monkeypatch):
    import shopbook.io.files as files

    monkeypatch.setattr(files, "shop_clock", lambda t: dt.datetime(2026, 12, 6, 10, 1, 2))
    first = xl._lines_listed(tmp_path, [("✓", "收到：A", "received: A")], "zh", ("售后清单", "after-sales-list"))
    second = xl._lines_listed(tmp_path, [("✓", "收到：B", "received: B")], "zh", ("售后清单", "after-sales-list"))
    a, b = (Path(said[0].split("全部列在 ")[1]) for said in (first, second))
    assert a != b and a.name == "售后清单-20261206-100102.csv", (a, b)
    assert "收到：A" in a.read_text(encoding="utf-8-sig") and "收到：B" in b.read_text(encoding="utf-8-sig")
