"""Dates in the workbook's own date system. A workbook saved with the 1904 date system (Mac
Excel's option) counts its serials from 1904-01-01: every date shopbook writes into it must
be that system's serial, or it shows 1,462 days late. Each test runs on both systems, on
real .xlsx files written and re-read with two readers (calamine, as shopbook reads, and
openpyxl, which converts by the file's own flag)."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

from shopbook.io.reader import read_workbook
from shopbook.io.xlsx_patch import NewSheet, SheetPatch, patch_workbook
from shopbook.orders.workflow import import_orders, make_picklist, review, ship
from shopbook.schema import ORDERS, STOCK, Movement, MovementType, OrderLine, OrderStatus
from test_orders import TODAY, build_shop, exports, scan_text

SYSTEMS = {"1900": CALENDAR_WINDOWS_1900, "1904": CALENDAR_MAC_1904}


def to_system(path, system: str) -> None:
    """Resave a workbook in the given date system: openpyxl writes each date as that
    system's serial and sets the workbook's date1904 flag."""
    wb = openpyxl.load_workbook(path)
    wb.epoch = SYSTEMS[system]
    wb.save(path)
    flag = b'date1904="1"' in zipfile.ZipFile(path).read("xl/workbook.xml")
    assert flag == (system == "1904")


def serials(path, sheet_part: str) -> list[float]:
    xml = zipfile.ZipFile(path).read(sheet_part)
    return [float(v) for v in re.findall(rb"<v>(\d{5}(?:\.\d+)?)</v>", xml)]


@pytest.fixture(params=["1900", "1904"])
def system(request):
    return request.param


def test_patched_and_appended_dates_are_the_workbooks_serials(tmp_path, system):
    path = tmp_path / "book.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws.append(["日期", "时间"])
    ws.append([dt.date(2026, 1, 5), dt.datetime(2026, 1, 5, 9, 30)])
    ws["A2"].number_format = "yyyy-mm-dd"
    wb.epoch = SYSTEMS[system]
    wb.save(path)
    out = tmp_path / "out.xlsx"
    day, moment = dt.date(2026, 12, 1), dt.datetime(2026, 12, 1, 18, 45)
    patch_workbook(path, out, [SheetPatch("S", {(2, 1): day}, append=[{1: day, 2: moment}])],
                   new_sheets=[NewSheet("汇总", [["日期"], [day]], formats={0: "yyyy-mm-dd"})])
    back = openpyxl.load_workbook(out)  # converts by the file's own flag
    assert back.epoch == SYSTEMS[system]
    assert back["S"]["A2"].value.date() == day
    assert back["S"]["A3"].value.date() == day and back["S"]["B3"].value == moment
    assert back["汇总"]["A2"].value.date() == day
    # the serial itself: 1,462 fewer in the 1904 system
    want = (dt.datetime(2026, 12, 1) - (dt.datetime(1904, 1, 1) if system == "1904"
                                       else dt.datetime(1899, 12, 30))).days
    assert want in serials(out, "xl/worksheets/sheet1.xml")


@pytest.fixture
def shop_in(tmp_path, system):
    shop = build_shop(tmp_path)
    import_orders(shop, list(exports(tmp_path)))
    review(shop)
    make_picklist(shop, today=TODAY)
    for book in (shop.path(ORDERS), shop.path(STOCK)):
        to_system(book, system)
    return shop


def test_ship_writes_shipping_and_stock_dates_in_the_workbooks_system(shop_in, tmp_path, system):
    """The case of the issue: `ship` on a 1904 workbook wrote every 发货日期 and 出库 date
    1,462 days late (2030-12-01 for 2026-11-30)."""
    shop = shop_in
    scans = tmp_path / "scan.txt"
    scans.write_text(scan_text((("3515131473293579", "中通", "7310001"), ("0690000000017", "0690000000017"))),
                     encoding="utf-8")
    assert ship(shop, scans, today=TODAY).shipped == ["3515131473293579"]
    line = next(ln for ln in read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
                if ln.order_no == "3515131473293579")
    assert line.status is OrderStatus.SHIPPED and line.shipped_on == TODAY
    moves = read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
    assert [(m.date, m.type) for m in moves] == [(TODAY, MovementType.OUT)]
    # openpyxl, converting by the file's flag, sees the same days
    ws = openpyxl.load_workbook(shop.path(ORDERS))["订单"]
    head = [c.value for c in ws[1]]
    shipped = [r[head.index("发货日期")] for r in ws.iter_rows(min_row=2, values_only=True)
               if r[head.index("订单编号")] == "3515131473293579"]
    assert shipped and all(v.date() == TODAY for v in shipped)
    ws = openpyxl.load_workbook(shop.path(STOCK))["出入库"]
    head = [c.value for c in ws[1]]
    dates = [r[head.index("日期")] for r in ws.iter_rows(min_row=2, values_only=True) if r[head.index("日期")]]
    assert dates and all(v.date() == TODAY for v in dates)


def test_a_serial_typed_in_a_date_column_counts_from_the_workbooks_day_0(tmp_path, system):
    """A date column holding a bare number (no date format): read as a serial of the
    workbook's own system."""
    shop = build_shop(tmp_path)
    path = shop.path(STOCK)
    wb = openpyxl.load_workbook(path)
    ws = wb["出入库"]
    head = [c.value for c in ws[1]]
    serial = (dt.datetime(2026, 11, 3) - (dt.datetime(1904, 1, 1) if system == "1904"
                                         else dt.datetime(1899, 12, 30))).days
    row = {"日期": serial, "商家编码": "SH-WH-M", "类型": "入库", "数量": 5}
    for j, h in enumerate(head, start=1):
        if h in row:
            ws.cell(row=2, column=j, value=row[h]).number_format = "General"
    wb.epoch = SYSTEMS[system]
    wb.save(path)
    moves = read_workbook(path, STOCK, (Movement,))
    assert [m.date for m in moves.rows(Movement)] == [dt.date(2026, 11, 3)], moves.all_issues()
