"""Export quirks seen in public readers of the real files (cited where each test is)."""

from __future__ import annotations

from shopbook.orders.workflow import import_orders, review
from shopbook.schema import OrderStatus
from taobao_fixtures import detail_row, order_row, write_pair
from test_order_life import status_of
from test_orders import build_shop, lines_of

NO = "3515000000000000881"
ADDR = "浙江省 杭州市 西湖区 文三路100号(310000)"


def test_a_taobao_export_writes_its_tracking_number_after_no_colon(tmp_path):
    """淘宝's order export writes 物流单号 as "No:7730…" (JMacro/Flash strips it before asking kuaidi100:
    src/Flash.Widgets/Models/TaobaoUtils/ExportOrderInfo.cs). It was kept as written: the order's 快递单号
    "No:773012345678901" matched no scan of the parcel's barcode and no line of the courier's bill."""
    shop = build_shop(tmp_path)
    row = order_row(NO, "tb_a", "王芳", "13812345678", ADDR, "2026-11-21 09:00:00", goods="99.00")
    import_orders(shop, list(write_pair(tmp_path / "a", [row], [detail_row(NO, "白衬衫", "99.00", "1", "SH-WH-M")],
                                        stamp="202611210900")))
    review(shop)
    sent = "卖家已发货，等待买家确认"
    row.update({"订单状态": sent, "物流单号 ": "No:773012345678901", "物流公司": "申通快递"})
    import_orders(shop, list(write_pair(tmp_path / "b", [row], [detail_row(NO, "白衬衫", "99.00", "1", "SH-WH-M",
                                                                           status=sent)], stamp="202611211800")))
    assert status_of(shop)[NO] is OrderStatus.SHIPPED
    assert [(ln.courier, ln.tracking_no) for ln in lines_of(shop)] == [("申通快递", "773012345678901")]


def test_a_shipped_list_with_no_colon_numbers(tmp_path):
    shop = build_shop(tmp_path)
    row = order_row(NO, "tb_a", "王芳", "13812345678", ADDR, "2026-11-21 09:00:00", goods="99.00")
    import_orders(shop, list(write_pair(tmp_path / "a", [row], [detail_row(NO, "白衬衫", "99.00", "1", "SH-WH-M")])))
    review(shop)
    f = tmp_path / "发货.csv"
    f.write_bytes(("主订单编号,物流公司,物流单号\r\n" f"{NO}\t,申通快递,No:773012345678902\r\n").encode("gb18030"))
    import_orders(shop, [f])
    assert [(ln.status, ln.tracking_no) for ln in lines_of(shop)] == [(OrderStatus.SHIPPED, "773012345678902")]
