"""日报 as Chinese shops keep it: under each ten days a subtotal row typed by hand, labelled 11月上旬, 中旬,
上旬合计 or 下旬小计 in the 日期 column, its figures the ten days' sums (an English shop's: First half).
`report monthly` stopped at "无法生成考核表：… A13 不是日期：“11月上旬”" (上旬合计 and 下旬小计 read as totals,
11月上旬 and 中旬 not). Now each is a subtotal row, passed over; every day row is still read (the month's totals
are the days'), and a day row whose date does not read is still an error, a note of 中旬 beside it or not."""

import datetime as dt

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema.lists import is_part_of_month_label
from shopbook.shop import init_shop
from shopbook.validate import validate_path


def kept(folder, lang, labels, note_row=None):
    """kpi.xlsx's daily sheet: November's 30 days (1000 visitors, 30 orders, ¥5,000 each), a subtotal row after
    the 10th, 20th and 30th labelled `labels`; `note_row`: a row whose date is mistyped, a note beside it."""
    init_shop(folder, lang=lang)
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb.worksheets[0]
    head = [c.value for c in ws[1]]
    date, visitors, orders, sales = head[0], head[2], head[4], head[5]

    def row(day, v, o, s, note=None):
        ws.append([{date: day, visitors: v, orders: o, sales: s}.get(h) for h in head] + [note])

    for d in range(1, 31):
        row(dt.datetime(2026, 11, d), 1000, 30, 5000)
        if d % 10 == 0:
            row(labels[d // 10 - 1], 10000, 300, 50000)
    if note_row:
        ws.cell(1, len(head) + 1, "备注" if lang == "zh" else "note")
        row(*note_row)
    wb.save(folder / "kpi.xlsx")
    return folder


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    return kept(tmp_path_factory.mktemp("tenday") / "shop", "zh", ["11月上旬", "中\u3000旬", "下旬小计"])


def test_ten_day_subtotals_are_passed_over_and_every_day_read(shop):
    r = CliRunner().invoke(app, ["report", "monthly", str(shop), "--period", "2026-11"])
    assert r.exit_code == 0 and "2026-11：订单 900，销售额 ¥150,000.00" in r.output, r.output


def test_validate_says_no_error_of_them(shop):
    r = CliRunner().invoke(app, ["validate", str(shop / "kpi.xlsx")])
    said = " ".join(r.output.split())
    assert r.exit_code == 0 and "0 个错误" in said and "已跳过 3 行合计或说明文字" in said and "日报 A13, A24, A35" in said, said


def test_an_english_shops_halves_too(tmp_path):
    folder = kept(tmp_path / "shop", "en", ["First half", "Second half", "Last ten days"])
    r = CliRunner().invoke(app, ["report", "monthly", str(folder), "--period", "2026-11"])
    assert r.exit_code == 0 and "2026-11: orders 900, sales ¥150,000.00" in r.output, r.output


def test_a_day_whose_date_does_not_read_is_no_subtotal_for_its_note(tmp_path):
    folder = kept(tmp_path / "shop", "zh", ["上旬", "中旬", "下旬"], note_row=("2026-11-3O", 1000, 30, 5000, "中旬"))
    errors = [(i.cell[0], i.value) for i in validate_path(folder / "kpi.xlsx").errors]
    assert errors == [("A", "2026-11-3O")], errors


def test_a_day_is_no_part_of_a_month():
    for label in ("11月上旬", "中旬", "2026年11月下旬", "上半月", "十一月中旬", "First half", "2nd half of month"):
        assert is_part_of_month_label(label), label
    for day in ("11月10日", "11-10", "2026/11/10", "上旬款连衣裙", "旬", "half", "10"):
        assert not is_part_of_month_label(day), day
