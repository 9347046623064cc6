"""When an export whose name carries no time was made (the latest 付款时间 … in it): each time read as
shopbook reads every date (values.parse_datetime), where a hand parse read 下午3:05 as 03:05, passed over
an Excel date or serial, and one impossible time (2026-11-31) lost the export's time altogether."""

from __future__ import annotations

import datetime as dt

import openpyxl

from shopbook.orders.platform_export import latest_inside, read_table


def test_the_latest_time_in_a_csv_export_reads_as_every_date_does(tmp_path):
    path = tmp_path / "ExportOrderList.csv"
    path.write_bytes(("订单编号,付款时间,最晚发货时间,确认收货时间\n"
                      '="1001",2026-11-03 10:00:00,2026-11-30 23:59:59,\n'
                      '="1002",2026-11-03 下午3:05:00,,2026-11-31 09:00:00\t\n').encode("gb18030"))
    assert latest_inside(read_table(path)) == dt.datetime(2026, 11, 3, 15, 5)  # (最晚: a time ahead, not read)


def test_the_latest_time_in_a_workbook_export_counts_its_dates(tmp_path):
    path = tmp_path / "订单报表.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["订单编号", "付款时间", "发货时间"])
    wb.active.append(["1001", dt.datetime(2026, 11, 3, 10, 0), "2026-11-04 08:00:00"])
    wb.active.append(["1002", dt.datetime(2026, 11, 3, 9, 0), dt.date(2026, 11, 5)])
    wb.active["C3"].number_format = "yyyy-mm-dd"
    wb.save(path)
    assert latest_inside(read_table(path)) == dt.datetime(2026, 11, 5)


def test_a_time_excel_left_as_a_serial_number_reads_to_the_millisecond(tmp_path):
    # an export re-saved from Excel with its time column in General: the cell holds 46347.4166666667,
    # which a float sum made 10:00:00.000003 (and an order paid at 10:00 looked paid after it)
    path = tmp_path / "订单报表.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["订单编号", "付款时间"])
    wb.active.append(["1001", 46347.4166666667])
    wb.active.append(["1002", "46347.4166666667"])
    wb.save(path)
    assert latest_inside(read_table(path)) == dt.datetime(2026, 11, 21, 10, 0)
