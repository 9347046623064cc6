"""A 单价 typed as an accounting negative ((99.00), or -99) is an error; it was also warned at the same
cell as "-10.0 折 of the list price, below 7 折: not a big-event day" (qa-validate4), a 折 no price has:
now the error alone."""

from __future__ import annotations

import datetime as dt

from blank_books import blank

from shopbook.validate import validate_path


def test_a_negative_price_is_its_error_alone(tmp_path):
    for name in ("ledger.xlsx", "kpi.xlsx", "agents.xlsx"):
        blank(tmp_path, name)
    _, wb = blank(tmp_path, "stock.xlsx")
    wb["商品"].append(["A001", "S1", "T恤", "白", "M", None, "A-01", 35, 99])
    wb.save(tmp_path / "stock.xlsx")
    _, wb = blank(tmp_path, "orders.xlsx")
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    paid = dt.date.today().isoformat()  # (the 7 折 check weighs this month's lines and last month's)
    for r, price in enumerate(["(99.00)", 50], start=2):
        row = {"订单编号": f"T{r}", "来源": "淘宝", "付款时间": paid, "收货人": "张三", "手机": "13812345678",
               "收货地址": "浙江省 杭州市 西湖区 文三路1号", "商家编码": "A001", "数量": 1, "单价": price, "状态": "待审核"}
        for k, v in row.items():
            ws.cell(r, head.index(k) + 1, v)
    wb.save(tmp_path / "orders.xlsx")
    said = [(i.cell, i.severity, i.message_en[:40]) for i in validate_path(tmp_path).issues if i.book == "orders.xlsx"]
    assert said == [("L2", "error", "An amount cannot be negative."),
                    ("L3", "warning", "The unit price 50.00 is 50 % of the list")], said
