"""A phone or tracking number that went through a CSV saved while Excel showed it as 1.38123E+10
and opened again is a number ending in 00000: its last digits are gone (qa-validate4). It was read
as the phone 13812300000 and printed on the waybill, silently; it is now an error at its cell, as
the text 1.38123E+10 is. A barcode ending in 00000 stays a barcode (a GS1 code may end so)."""

from __future__ import annotations

from blank_books import blank

from shopbook.validate import validate_path


def test_a_code_saved_back_from_scientific_notation_is_an_error_at_its_cell(tmp_path):
    orders, wb = blank(tmp_path, "orders.xlsx")
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    for r, (phone, tracking) in enumerate([(13812300000, None), (13812345678, 4312350000000.0)], start=2):
        row = {"订单编号": f"T{r}", "来源": "淘宝", "付款时间": "2026-12-01 10:00", "收货人": "张三", "手机": phone,
               "收货地址": "浙江省 杭州市 西湖区 文三路1号", "商家编码": "A001", "数量": 1, "单价": 99, "运费": 0,
               "状态": "已发货", "快递公司": "韵达快递", "快递单号": tracking}
        for k, v in row.items():
            ws.cell(r, head.index(k) + 1, v)
    wb.save(orders)
    stock, wb = blank(tmp_path, "stock.xlsx")
    wb["商品"].append(["A001", "S1", "T恤", "白", "M", 6901234500000, "A-01", 35, 99])  # a barcode: no error
    wb.save(stock)
    said = [(i.book, i.sheet, i.cell, i.value, i.message_zh, i.message_en)
            for i in validate_path(orders).issues + validate_path(stock).issues if i.is_error]
    assert [s[:4] for s in said] == [("orders.xlsx", "订单", "H2", "13812300000"),
                                     ("orders.xlsx", "订单", "S3", "4312350000000")], said
    assert "科学计数法（1.38123E+10）" in said[0][4] and "scientific notation (1.38123E+10)" in said[0][5]
    assert "Format the column as Text" in said[1][5]
