"""QA (validate, what staff type): a payment time typed without its year but with its time (11月3日 10:20, as
it is read off a chat or a phone) was "不是日期：…" (not a date), while 11月3日 alone is said for what it is: no
year, and shopbook does not guess one. Now the time typed after it does not hide that: the same words, at its
cell, in the shop's language; a date with its year and time still reads."""

import datetime as dt

import openpyxl

from shopbook.schema import OrderLine
from shopbook.shop import init_shop
from shopbook.validate import validate_path


def test_a_payment_time_typed_without_its_year_is_said_to_lack_it(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    wb["商品"].append(["TS01-M", "TS01", "T恤", None, "M", None, None, 20, 50])
    wb.save(folder / "stock.xlsx")
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    first = ws.max_row + 1  # (below the template's own rows)
    typed = ["11月3日 10:20", "11/3 下午3:20", "11-03 10:20:33", "2026/11/03 10:20"]
    for k, paid in enumerate(typed):
        line = {"订单编号": f"100{k}", "来源": "淘宝", "付款时间": paid, "收货人": "王小明", "手机": "13812345678",
                "收货地址": "浙江省 杭州市 西湖区 学院路1号", "商家编码": "TS01-M", "数量": 1, "单价": 50, "状态": "已审核"}
        ws.append([line.get(h) for h in head])
    wb.save(folder / "orders.xlsx")
    v = validate_path(folder / "orders.xlsx")
    said = {i.value: i for i in v.issues if i.field == "paid_at"}
    assert set(said) == set(typed[:3]), v.issues  # (2026/11/03 10:20 reads)
    col = "E" if head.index("付款时间") == 4 else None
    for k, value in enumerate(typed[:3]):
        i = said[value]
        assert i.message_zh.startswith(f"日期“{value}”没有年份，shopbook 不猜是哪一年"), i
        assert f"The date '{value}' has no year" in i.message_en and i.sheet == "订单", i
        assert col is None or i.cell == f"{col}{first + k}", i
    from shopbook.io.reader import read_workbook
    from shopbook.schema import ORDERS

    (line,) = [ln for ln in read_workbook(folder / "orders.xlsx", ORDERS, (OrderLine,)).rows(OrderLine)
               if ln.order_no == "1003"]
    assert line.paid_at == dt.datetime(2026, 11, 3, 10, 20)
