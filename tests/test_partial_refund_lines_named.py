"""An order export saying one line of an order was refunded (抖店's sub-order 退款成功, the other
waiting): the order is held for a person to delete the refunded line. The sizes of one listing
share its title, so 平台状态 names each refunded line by title and code (白衬衫 SH-BK-M), as 部分发货
does: '部分退款：白衬衫（退款成功）' left the person to guess which of two 白衬衫 rows to delete.
A release of the mark as it was worded before stands."""

from __future__ import annotations

import openpyxl
import pytest

from platform_fixtures import douyin_row, write_douyin
from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS, OrderStatus
from test_orders import build_shop, lines_of

NO = "6950000000000000001"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def exports(tmp_path):
    first = write_douyin(tmp_path / "a", [douyin_row(NO, NO + "1", "SH-WH-M"), douyin_row(NO, NO + "2", "SH-BK-M")])
    later = write_douyin(tmp_path / "b", [douyin_row(NO, NO + "1", "SH-WH-M"),
                                          douyin_row(NO, NO + "2", "SH-BK-M", status="已关闭", after="退款成功")],
                         stamp=1763780400)
    return first, later


def test_the_refunded_line_is_named_by_its_code(shop, tmp_path):
    first, later = exports(tmp_path)
    import_orders(shop, [first])
    res = import_orders(shop, [later])
    rows = lines_of(shop)
    assert {ln.status for ln in rows} == {OrderStatus.HELD}
    assert {ln.platform_status for ln in rows} == {"部分退款：白衬衫 SH-BK-M（退款成功）"}
    assert "白衬衫 SH-BK-M" in res.changes[0].note_zh and "白衬衫 SH-BK-M" in rows[0].review


def test_a_release_of_the_mark_worded_before_stands(shop, tmp_path):
    first, later = exports(tmp_path)
    import_orders(shop, [first])
    wb = openpyxl.load_workbook(shop.path(ORDERS))  # released by a person, under the older words
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    for r in (2, 3):
        ws.cell(r, head.index("平台状态") + 1, "部分退款：白衬衫（退款成功）")
        ws.cell(r, head.index("状态") + 1, "已审核")
    wb.save(shop.path(ORDERS))
    assert import_orders(shop, [later]).changes == []
    assert {ln.status for ln in lines_of(shop)} == {OrderStatus.APPROVED}


def test_a_refund_exports_partial_refund_names_its_code(shop, tmp_path):
    """The refund export's 部分退款 of one line of two before shipping: its 商品编码 is the line to delete."""
    from platform_fixtures import refund_row, write_refunds
    from taobao_fixtures import detail_row, order_row, write_pair

    no = "3515131473900001"
    head = order_row(no, "tb_a", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号", "2026-11-21 09:15:02",
                     goods="198.00")
    head["宝贝总数量"] = "2"
    import_orders(shop, list(write_pair(tmp_path / "o", [head], [detail_row(no, "白衬衫", "99.00", "1", "SH-WH-M"),
                                                                 detail_row(no, "白衬衫", "99.00", "1", "SH-WH-L")])))
    r = refund_row("R2001", no, "SH-WH-L", "99.00", "退款成功", whole="部分退款")
    r["买家实际支付金额"] = "198.00"
    refunds = write_refunds(tmp_path / "r", [r])
    import_orders(shop, [refunds])
    rows = lines_of(shop)
    assert {ln.status for ln in rows} == {OrderStatus.HELD}
    assert {ln.platform_status for ln in rows} == {"部分退款：SH-WH-L 退款成功：不想要了，¥99.00"}
    wb = openpyxl.load_workbook(shop.path(ORDERS))  # released by a person under the older words: it stands
    ws = wb["订单"]
    hd = [c.value for c in ws[1]]
    for k in (2, 3):
        ws.cell(k, hd.index("平台状态") + 1, "部分退款：退款成功：不想要了，¥99.00")
        ws.cell(k, hd.index("状态") + 1, "已审核")
    wb.save(shop.path(ORDERS))
    assert import_orders(shop, [refunds]).changes == []
