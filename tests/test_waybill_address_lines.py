"""QA (warehouse, 双11): an address the buyer or 客服 typed over several lines in its cell (Alt+Enter, pasted
from a chat: 文三路100号 3幢↵502室) went into the waybill CSV with its line breaks: a courier's software that
reads the file line by line took 502室 for a parcel row of its own, and the label printed the address cut in
two. Each waybill row is now one line of the file, a space where each break was; the Orders sheet keeps what
was typed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

import openpyxl

from shopbook.orders.workflow import make_picklist
from shopbook.schema import ORDERS, OrderLine
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook
from test_waybill_courier import shirt_stock

TYPED = {"O1": "浙江省 杭州市\n文三路100号 3幢\n502室", "O2": "江苏省苏州市工业园区星湖街328号\r\n创意产业园5栋",
         "O3": "浙江省杭州市西湖区\n\n文三路1号", "O4": "上海市 浦东新区 张江路1号"}


def _shop(tmp_path: Path) -> Path:
    folder = tmp_path / "shop"
    init_shop(folder)
    shirt_stock(folder)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {
        OrderLine: [OrderLine(order_no=no, receiver=f"收货人{no}", phone="13800000000", address=a, sku="P1", qty=1,
                              unit_price=D(99), status="已审核") for no, a in TYPED.items()]}, keep_backup=False)
    return folder


def test_each_parcel_is_one_line_of_the_waybill_csv(tmp_path):
    folder = _shop(tmp_path)
    make_picklist(open_shop(folder), today=dt.date(2026, 11, 11))
    text = next((folder / "reports").glob("面单-*.csv")).read_bytes().decode("utf-8-sig")
    lines = text.splitlines()
    assert len(lines) == 1 + len(TYPED), lines  # the header, then a line a parcel
    rows = {ln.split(",")[0].strip('"=').strip('"'): ln.split(",") for ln in lines[1:]}
    assert rows["O1"][4:7] == ["杭州市", "", "文三路100号 3幢 502室"]
    assert rows["O2"][6] == "工业园区星湖街328号 创意产业园5栋"
    assert rows["O3"][5:7] == ["西湖区", "文三路1号"]
    assert rows["O4"][6] == "张江路1号"
    # what was typed on the Orders sheet stays as it was
    ws = openpyxl.load_workbook(folder / "orders.xlsx")["订单"]
    col = [c.value for c in ws[1]].index("收货地址") + 1
    assert sorted(ws.cell(r, col).value for r in range(2, 2 + len(TYPED))) == sorted(TYPED.values())
