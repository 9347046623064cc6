"""A 抖店 order whose 详细地址 the buyer wrote over two lines (科技园路1号⏎2栋301: a quoted field across two lines of
the CSV) came into orders.xlsx as written, and the pick list's waybill CSV wrote it so: a record over two lines, which a
courier's software that reads a record a line took for two parcels, the second with neither receiver nor phone. The
waybill CSV's fields are now one line each (orders.xlsx keeps the address as the export had it). A real 抖店 BOM CSV,
the real `orders import`, the order approved in orders.xlsx as a person does, the real `picklist`."""

from __future__ import annotations

import csv
import io

import openpyxl
from platform_fixtures import DOUYIN, douyin_row
from test_orders import build_shop, lines_of
from typer.testing import CliRunner

from shopbook.cli import app

DY = "6937000000000002101"


def test_an_address_over_two_lines_is_one_line_of_the_waybill_csv(tmp_path):
    shop = build_shop(tmp_path)
    row = douyin_row(DY, DY + "1", "SH-BK-M", detail="科技园路1号\n2栋301")
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([DOUYIN, [row.get(h, "-") for h in DOUYIN]])
    export = tmp_path / "1763694000_订单导出.csv"
    export.write_bytes(buf.getvalue().encode("utf-8-sig"))
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), str(export)])
    assert r.exit_code == 0, r.output
    assert [ln.address for ln in lines_of(shop) if ln.order_no == DY] == ["广东省 深圳市 南山区 粤海街道 科技园路1号\n2栋301"]
    wb = openpyxl.load_workbook(shop.folder / "orders.xlsx")
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    for cells in ws.iter_rows(min_row=2):
        if cells[0].value == DY:
            cells[head.index("状态")].value = "已审核"
    wb.save(shop.folder / "orders.xlsx")
    r = CliRunner().invoke(app, ["picklist", str(shop.folder)])
    assert r.exit_code == 0, r.output
    (waybill,) = (shop.folder / "reports").glob("面单-*.csv")
    lines = waybill.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 2  # the header and the parcel's one line
    assert next(csv.reader(lines[1:]))[6] == "粤海街道 科技园路1号 2栋301"
