"""PLATFORMS.md's quirks the audit of session 49 (/tmp/s49/quirks-audit.md) found no fixture for, each in the
export's own bytes, read by the importers (read_order_files, what `orders import` calls):

- 淘宝's order list with a buyer's message on two lines (a quoted CSV value holding CRLF, GB18030) and the newer
  商家备忘 column beside 订单备注: the message kept whole, the memo in the seller's note, and a row after the
  two-line value located at the row Excel shows (a record is one row, however many lines it spans);
- 淘宝's export pair saved as ".xls" that is a web page (a GBK <table>, which Excel opens as a sheet)."""

from __future__ import annotations

import html

from taobao_fixtures import (
    DETAIL_HEADERS,
    ORDER_HEADERS,
    detail_row,
    order_row,
    write_pair,
)

from shopbook.orders.platform_export import read_order_files
from shopbook.orders.platforms import Stage

ADDRESS = "浙江省 杭州市 西湖区 文三路 1 号(310000)"
A, B = "3600000000000000901", "3600000000000000902"


def _orders():
    first = order_row(A, "tb1", "张三", "13900000001", ADDRESS, "2026-11-21 09:00:00", goods="99.00",
                      message="要大一码\r\n周末送到", note="老客户")
    first["商家备忘"] = "送小样"
    second = order_row(B, "tb2", "李四", "13900000002", ADDRESS, "2026-11-21 09:05:00", goods="99.00",
                       status="买家已付款，等待卖家审核")  # a status no reader knows: said at its row
    return [first, second], [detail_row(A, "白衬衫", "99.00", "1", "SH-WH-M"), detail_row(B, "白衬衫", "99.00", "1", "SH-WH-M")]


def test_a_buyer_message_on_two_lines_and_the_merchant_memo_of_a_newer_export(tmp_path):
    orders, details = _orders()
    pair = write_pair(tmp_path, orders, details)
    raw = pair[0].read_bytes()
    assert "要大一码\r\n周末送到".encode("gb18030") in raw and "商家备忘".encode("gb18030") in raw
    res = read_order_files(list(pair))
    [o] = [o for o in res.orders if o.order_no == A]
    assert o.head["buyer_message"] == "要大一码\r\n周末送到" and o.head["seller_note"] == "老客户；送小样"
    assert (o.row, [ln.codes[0] for ln in o.lines]) == (2, ["SH-WH-M"])
    [i] = [i for i in res.issues if "买家已付款，等待卖家审核" in i.message_zh]
    assert i.row == 3, (i.row, i.message_zh)  # the second record, on the file's fourth line


def _page(headers: list[str], rows: list[dict]) -> bytes:
    """A seller-centre "Excel" download that is a web page: GBK, a <meta> charset, one <td> a cell."""
    def tr(cells) -> str:
        return "<tr>" + "".join("<td>" + html.escape(str(c)) + "</td>" for c in cells) + "</tr>"
    body = [tr(headers)] + [tr(r.get(h, "") for h in headers) for r in rows]
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"></head>\r\n'
            '<body><table border="1">\r\n' + "\r\n".join(body) + "\r\n</table></body></html>\r\n")
    return page.encode("gbk")


def test_a_taobao_export_pair_saved_as_web_page_xls_reads_as_the_csv(tmp_path):
    orders, details = _orders()
    orders[1]["订单状态"] = "买家已付款，等待卖家发货"
    a, b = tmp_path / "ExportOrderList20261121.xls", tmp_path / "ExportOrderDetailList20261121.xls"
    a.write_bytes(_page(ORDER_HEADERS, orders))
    b.write_bytes(_page(DETAIL_HEADERS, details))
    assert a.read_bytes().startswith(b"<html>") and "收货地址".encode("gbk") in a.read_bytes()
    res = read_order_files([a, b])
    got = {o.order_no: (o.stage, o.head["receiver"], o.head["phone"], [(ln.codes[0], ln.qty) for ln in o.lines])
           for o in res.orders}
    assert got == {A: (Stage.WAITING, "张三", "13900000001", [("SH-WH-M", 1)]),
                   B: (Stage.WAITING, "李四", "13900000002", [("SH-WH-M", 1)])}
    assert res.issues == [] and {f["kind"] for f in res.files} == {"taobao-orders", "taobao-details"}
