"""Workbooks as shop staff make them (qa-messy): what a person added to a sheet is neither read
as data nor lost.

Every workbook is a real .xlsx, written with openpyxl and read back by the CLI's own calls.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.shop import init_shop


@pytest.fixture
def shop(tmp_path) -> Path:
    folder = tmp_path / "shop"
    init_shop(folder)
    return folder


def _fill(path: Path, sheet: str, rows: list[list]) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    for i, r in enumerate(rows, start=2):  # (below the header: the template's sheet may hold a blank row 2)
        for j, v in enumerate(r, start=1):
            ws.cell(i, j, v)
    wb.save(path)


# --- a totals row on a sheet whose required columns are text and numbers ----------------

def test_a_totals_row_under_the_supplies_is_no_supply(shop):
    """耗材 needs only 名称 and 库存: 合计 | 2450 fills both. It was read as a supply named 合计,
    2450 on hand, listed by `stock supplies` among the boxes and tapes."""
    _fill(shop / "stock.xlsx", "耗材", [["纸箱", 600, 25, 7], ["胶带", 40, 4, 7], ["合计", 640, 29, 14],
                                        [], ["备注：每周一盘点耗材"]])
    r = CliRunner().invoke(app, ["stock", "supplies", str(shop), "--json"])
    assert r.exit_code == 0, r.output
    assert "合计" not in r.stdout and "纸箱" in r.stdout
    r = CliRunner().invoke(app, ["validate", str(shop), "--json"])
    said = [(i["sheet"], i["cell"], i["severity"]) for i in json.loads(r.stdout)]
    assert said == [("耗材", "A4", "note"), ("耗材", "A6", "note")], said


def test_a_totals_row_under_the_targets_and_suppliers_is_skipped_not_an_error(shop):
    """目标 (指标, 目标值) and 供应商 (供应商) alike: 合计 under them was a metric 合计 that validate
    called an error (不认识的指标“合计”), and a supplier named 合计."""
    _fill(shop / "kpi.xlsx", "目标", [["支付订单数", 30], ["转化率", "2%"], ["合计", 30.02]])
    _fill(shop / "stock.xlsx", "供应商", [["杭州四季青服饰", "陈姐", "13905710001", None, 10, 10, 5],
                                          ["义乌配饰批发", "小吴", "13857990004", None, 7, None, 12],
                                          ["合计", None, None, None, 17, 10, 17]])
    r = CliRunner().invoke(app, ["validate", str(shop), "--json"])
    said = [(i["book"], i["sheet"], i["cell"], i["severity"]) for i in json.loads(r.stdout)]
    assert said == [("stock.xlsx", "供应商", "A4", "note"), ("kpi.xlsx", "目标", "A4", "note")], said
    assert r.exit_code == 0


def test_a_supply_or_supplier_whose_name_only_mentions_a_total_is_read(shop):
    """Only a totals label is one: 合计用胶带 or 汇总批发部 are names."""
    _fill(shop / "stock.xlsx", "耗材", [["合计用胶带", 40, 4, 7], ["纸箱", 600, 25, 7]])
    _fill(shop / "stock.xlsx", "供应商", [["汇总批发部", "陈姐", "13905710001", None, 10, 10, 5]])
    r = CliRunner().invoke(app, ["validate", str(shop), "--json"])
    assert json.loads(r.stdout) == []
    r = CliRunner().invoke(app, ["stock", "supplies", str(shop), "--json"])
    assert "合计用胶带" in r.stdout


@pytest.mark.parametrize("label", ["合计（元）", "共计", "累计", "总数", "Total (¥)", "合计：2天", "共 2 条记录"])
def test_a_totals_row_labelled_with_its_unit_or_as_a_count_is_skipped(shop, label):
    """合计（元）, 共计, 累计, 总数 are totals labels staff type as often as 合计. QA: under 日报 each was
    a flood of errors at the row (不是日期, a rate out of range: the sums read as one day), and under
    耗材 a supply of that name."""
    _fill(shop / "kpi.xlsx", "日报", [["2026-11-20", 900, 800, 16, 17, 1700, 20, "2%"],
                                      ["2026-11-21", 1000, 900, 18, 19, 1900, 22, "2%"],
                                      [label, 1900, 1700, 34, 36, 3600, 42, "4%"]])
    _fill(shop / "stock.xlsx", "耗材", [["纸箱", 600, 25, 7], [label, 600, 25, 7]])
    r = CliRunner().invoke(app, ["validate", str(shop), "--json"])
    said = [(i["sheet"], i["cell"], i["severity"]) for i in json.loads(r.stdout)]
    assert said == [("耗材", "A3", "note"), ("日报", "A4", "note")], said
    assert r.exit_code == 0
    r = CliRunner().invoke(app, ["stock", "supplies", str(shop), "--json"])
    assert r.exit_code == 0 and label not in r.stdout and "纸箱" in r.stdout


def test_the_look_at_a_whole_column_misses_no_totals_label():
    """may_hold_total_label, asked of a column before each cell is (5,000 SKUs hold no label), says
    yes wherever is_total_label finds one: every word, prefixed, spaced out, full-width, in capitals,
    with its unit."""
    from shopbook.schema.lists import TOTAL_WORDS_EN, TOTAL_WORDS_ZH, is_total_label, may_hold_total_label

    labels = [f"{pre}{w}{unit}" for w in TOTAL_WORDS_ZH for pre in ("", "本月", "A款") for unit in ("", "（元）", "：")]
    labels += [" ".join(w) for w in TOTAL_WORDS_ZH] + ["合　计"]
    labels += [f(w) + unit for w in TOTAL_WORDS_EN for f in (str, str.upper, str.title) for unit in ("", " (¥)", ":")]
    labels += ["ＴＯＴＡＬ", "Ｓｕｍ"]
    labels = [v for v in labels if is_total_label(v)]
    assert len(labels) > 100
    assert [v for v in labels if not may_hold_total_label(["SK0001", v, "TS2601-NV-M"])] == []
    assert not may_hold_total_label([f"SK{i:05d}" for i in range(5000)] + [None, 3, ""])


def test_a_date_typed_in_a_later_year_is_warned_at_its_cell(shop):
    """2027-11-20 typed for 2026-11-20 under 出入库, 流水 or 盘点: QA found it taken without a word (the
    receipt counted in today's stock, 66 became 76). 日报 warned already; now these do, at the cell.
    Today itself and the days before are no warning."""
    import datetime as dt

    today = dt.date.today()
    later = today.replace(year=today.year + 1, day=min(today.day, 28))
    _fill(shop / "stock.xlsx", "商品", [["SK1", None, "外套", None, None, None, None, 30, 100]])
    _fill(shop / "stock.xlsx", "出入库", [[today, "SK1", "入库", 10], [later, "SK1", "入库", 10],
                                          [today - dt.timedelta(days=3), "SK1", "出库", 1]])
    _fill(shop / "stock.xlsx", "盘点", [[later, "SK1", 19, "小王"]])
    _fill(shop / "ledger.xlsx", "账户", [["支付宝", today - dt.timedelta(days=30), 0]])
    _fill(shop / "ledger.xlsx", "类别", [["销售收入", "收入", "销售"]])
    _fill(shop / "ledger.xlsx", "流水", [[today, "收入", "销售收入", 100, "支付宝"],
                                        [later, "收入", "销售收入", 50, "支付宝"]])
    r = CliRunner().invoke(app, ["validate", str(shop), "--json"])
    said = [(i["sheet"], i["cell"], i["severity"], i["message_zh"]) for i in json.loads(r.stdout)]
    words = f"日期 {later} 在今天（{today}）之后：是不是年份或月份打错了？"
    assert said == [("出入库", "A3", "warning", words), ("盘点", "A2", "warning", words),
                    ("流水", "A3", "warning", words)], said


def test_dates_as_chinese_staff_type_them_are_read(shop):
    """3号 for 3日, and a time after 上午/下午 (a Chinese Excel or WPS shows 2026/11/3 下午3:20): QA found
    both refused as no date. A 下午 hour past 12 (下午15:20) is still no date: which is meant is not known."""
    import datetime as dt

    from shopbook.io.reader import read_workbook
    from shopbook.schema import ORDERS, STOCK, Movement, OrderLine

    _fill(shop / "stock.xlsx", "商品", [["SK1", None, "外套", None, None, None, None, 30, 100]])
    _fill(shop / "stock.xlsx", "出入库", [["2026年11月3号", "SK1", "入库", 10], ["11月4号", "SK1", "入库", 1]])
    order = ["杭州市西湖区文三路1号", "SK1", 1, 100]
    _fill(shop / "orders.xlsx", "订单", [["T1", None, None, None, "2026/11/3 下午3:20", None, "张三", "13800000000", *order],
                                        ["T2", None, None, None, "2026年11月3日上午9点05分", None, "李四", "13900000000", *order],
                                        ["T3", None, None, None, "2026/11/3 下午15:20", None, "王五", "13700000000", *order]])
    r = CliRunner().invoke(app, ["validate", str(shop), "--json"])
    said = [(i["sheet"], i["cell"], i["severity"]) for i in json.loads(r.stdout)]
    # no year; 下午15:20 (and the orders typed with no 状态, said once: no review would take them)
    assert said == [("出入库", "A3", "error"), ("订单", "Q2", "warning"), ("订单", "E4", "error")], said
    moves = read_workbook(shop / "stock.xlsx", STOCK, (Movement,)).rows(Movement)
    assert [m.date for m in moves] == [dt.date(2026, 11, 3)]
    lines = read_workbook(shop / "orders.xlsx", ORDERS, (OrderLine,)).rows(OrderLine)
    assert [ln.paid_at for ln in lines][:2] == [dt.datetime(2026, 11, 3, 15, 20), dt.datetime(2026, 11, 3, 9, 5)]


def test_customers_waiting_for_a_size_no_stock_serves_are_ordered_for(shop):
    """TS-L: none on the shelf, never sold (nobody could buy it), three customers on the waiting list.
    QA: `stock alerts` said 缺货, 等待 3, 补货 0, and `purchase suggest` said there was nothing to order.
    Now the three units are ordered for; TS-M's two waiting customers are served from its 5 on hand
    and order nothing more."""
    _fill(shop / "stock.xlsx", "商品", [["TS-L", "TS", "T恤", "白", "L", None, None, 30, 100, None, 0, None, None,
                                        None, None, "杭州四季青"],
                                       ["TS-M", "TS", "T恤", "白", "M", None, None, 30, 100, None, 5, None, None,
                                        None, None, "杭州四季青"]])
    _fill(shop / "stock.xlsx", "供应商", [["杭州四季青", "陈姐", "13905710001", None, 7]])
    _fill(shop / "stock.xlsx", "缺货登记", [["2026-11-20", "甲", "13800000001", "TS-L"],
                                          ["2026-11-20", "乙", "13800000002", None, "TS", "白", "L"],
                                          ["2026-11-21", "丙", "13800000003", "TS-L"],
                                          ["2026-11-21", "丁", "13800000004", "TS-M"],
                                          ["2026-11-21", "戊", "13800000005", "TS-M"]])
    r = CliRunner().invoke(app, ["stock", "alerts", str(shop), "--json"])
    assert r.exit_code == 0, r.output
    alerts = {a["sku"]: (a["available"], a["waiting"], a["reorder_qty"]) for a in json.loads(r.stdout)}
    assert alerts == {"TS-L": (0, 3, 3)}, alerts
    r = CliRunner().invoke(app, ["purchase", "suggest", str(shop), "--json"])
    assert r.exit_code == 0, r.output
    assert [(x["supplier"], x["sku"], x["quantity"]) for x in json.loads(r.stdout)["lines"]] == [("杭州四季青", "TS-L", 3)]


def test_of_two_year_sheets_both_are_read_this_years_written_first(shop):
    """kpi.xlsx holding last year's 日报 and this year's, each named for its year and no sheet called 日报:
    the first in the workbook (last year's) was read, this year's figures unread and a new day's row
    written below last year's. Now both are read, in year order, this year's the one written to first
    (a row of no year's sheet), with nothing to say (tests/test_year_sheets_report.py: the rest)."""
    import datetime as dt

    from shopbook.io.reader import read_workbook
    from shopbook.schema import KPI, DailyKpi

    y = dt.date.today().year
    path = shop / "kpi.xlsx"
    wb = openpyxl.load_workbook(path)
    head = [c.value for c in wb["日报"][1]]
    row = lambda d, v: [{"日期": d, "访客数": v, "支付订单数": 3, "销售额": 300}.get(h) for h in head]  # noqa: E731
    wb["日报"].append(row(dt.date(y - 1, 11, 3), 111))
    wb["日报"].title = f"{y - 1}日报"
    ws = wb.copy_worksheet(wb[f"{y - 1}日报"])
    ws.title = f"{y}日报"
    ws.delete_rows(2, ws.max_row)
    ws.append(row(dt.date(y, 11, 3), 222))
    wb.save(path)
    wd = read_workbook(path, KPI)
    sd = wd.sheets[DailyKpi]
    assert sd.sheet == f"{y}日报" and [r.visitors for r in wd.rows(DailyKpi)] == [111, 222]
    assert [p.sheet for p in sd.parts] == [f"{y - 1}日报", f"{y}日报"] and sd.parts[sd.first].sheet == f"{y}日报"
    assert not sd.unread and [r.row for r in wd.rows(DailyKpi)] == sorted(r.row for r in wd.rows(DailyKpi))
    assert not wd.all_issues() and not wd.all_notes(), wd.all_issues() + wd.all_notes()
