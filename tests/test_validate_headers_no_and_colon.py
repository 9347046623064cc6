"""Headers as people finish them: "Order No." with its full stop, "Tracking #" or "Tracking Number" for the
tracking no, a colon after a Chinese header (备注：, 订单编号：). Before, a required one stopped its sheet as
missing and an optional one (Tracking No., 订单编号：on 流水) was read as blank without a word: the waybill
numbers typed gone to the jobs, the ledger's lines tied to no order, validate at 0 errors."""

from __future__ import annotations

from blank_books import append_by_header, blank, ledger_with_alipay

from shopbook.io.reader import read_workbook
from shopbook.schema import LEDGER, ORDERS
from shopbook.schema.ledger import Entry
from shopbook.schema.orders import OrderLine
from shopbook.validate import validate_path


def _rename(ws, names: dict) -> None:
    for cell in ws[1]:
        if cell.value in names:
            cell.value = names[cell.value]


def test_no_with_its_full_stop_a_hash_or_number(tmp_path):
    path, wb = blank(tmp_path, "orders.xlsx", "en")
    ws = wb["Orders"]
    append_by_header(ws, [{"order_no": "T1001", "source": "Taobao", "platform": "Taobao",
                           "paid_at": "2026-11-03 10:20", "buyer": "amy", "receiver": "Amy Li",
                           "phone": "13800138000", "address": "浙江省杭州市西湖区文三路100号",
                           "sku": "A001", "qty": 1, "unit_price": 59, "status": "shipped",
                           "courier": "中通", "tracking_no": "78123456789012", "shipped_on": "2026-11-04"}])
    _rename(ws, {"order_no": "Order No.", "tracking_no": "Tracking Number", "shipped_on": "Shipped on:"})
    wb.save(path)

    issues = validate_path(path).issues
    assert not [i for i in issues if i.is_error or (i.cell or "").endswith("1")], [i.message_en for i in issues]
    (line,) = read_workbook(path, ORDERS, (OrderLine,)).rows(OrderLine)
    assert (line.order_no, line.tracking_no, str(line.shipped_on)) == ("T1001", "78123456789012", "2026-11-04")

    _rename(ws, {"Tracking Number": "Tracking #"})
    wb.save(path)
    (line,) = read_workbook(path, ORDERS, (OrderLine,)).rows(OrderLine)
    assert line.tracking_no == "78123456789012"


def test_a_colon_after_a_chinese_header(tmp_path):
    path, wb = ledger_with_alipay(tmp_path)
    ws = wb["流水"]
    append_by_header(ws, [{"日期": "2026-11-03", "收支": "支出", "类别": "快递费", "金额": 12, "账户": "支付宝",
                           "订单编号": "T1001", "备注": "补运费"}])
    _rename(ws, {"订单编号": "订单编号：", "备注": "备注:"})
    wb.save(path)

    issues = validate_path(path).issues
    assert not [i for i in issues if i.is_error or (i.cell or "").endswith("1")], [i.message_zh for i in issues]
    (entry,) = read_workbook(path, LEDGER, (Entry,)).rows(Entry)
    assert (entry.order_no, entry.note) == ("T1001", "补运费")


def test_a_row_number_column_is_never_offered_as_the_order_number(tmp_path):
    """A column of row numbers headed No. beside the order numbers headed Order ID: since No. and # read as 'no'
    (the end of order_no), validate asked whether No. was the order number column, to be renamed order_no: its
    1..n would have been the orders' numbers. It asks of Order ID, as before."""
    path, wb = blank(tmp_path, "orders.xlsx", "en")
    ws = wb["Orders"]
    append_by_header(ws, [{"order_no": "T1001", "source": "Taobao", "platform": "Taobao",
                           "paid_at": "2026-11-03 10:20", "buyer": "amy", "receiver": "Amy Li",
                           "phone": "13800138000", "address": "浙江省杭州市西湖区文三路100号",
                           "sku": "A001", "qty": 1, "unit_price": 59}])
    _rename(ws, {"order_no": "Order ID"})
    ws.insert_cols(1)
    ws.cell(1, 1, "No.")
    ws.cell(2, 1, 1)
    wb.save(path)
    said = [i for i in validate_path(path).issues if i.is_error]
    assert [i.cell for i in said] == ["B1"] and "'Order ID'" in said[0].message_en, [i.message_en for i in said]
