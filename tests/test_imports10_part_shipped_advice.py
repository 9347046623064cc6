"""An order the platform shipped part of (抖店 one sub-order 已发货, one 待发货) was held with 审单结果 "删去已发的行
再审核" (and a released one's pick list line said "请删去已发的行"): done so, the rest is picked and shipped with its
own stock out, and the export that later says all went finds the order shipped already, so the deleted row's
stock is never posted (README: 部分发货). Now both say not to delete rows but to ship the rest on the platform,
the order left held; the export that says all went ships it, every row's stock posted once."""

from __future__ import annotations

from platform_fixtures import douyin_row, write_douyin
from test_orders import TODAY, build_shop, lines_of

from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import import_orders
from shopbook.schema import STOCK, Movement, OrderStatus

NO, S1, S2 = "6930000000000000971", "6930000000000000981", "6930000000000000982"


def test_part_shipped_advice_posts_every_row_once(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, [write_douyin(tmp_path / "y1", [douyin_row(NO, S1, "SH-WH-M"), douyin_row(NO, S2, "SH-BK-M")])])
    went = {"status": "已发货", "courier": "顺丰速运", "shipped": "2026/11/22 09:00:00"}
    import_orders(shop, [write_douyin(tmp_path / "y2", [
        douyin_row(NO, S1, "SH-WH-M", tracking="SF9001", **went),
        douyin_row(NO, S2, "SH-BK-M", status="待发货")], stamp=1763780400)], today=TODAY)
    held = [ln for ln in lines_of(shop) if ln.order_no == NO]
    assert {ln.status for ln in held} == {OrderStatus.HELD}
    review = held[0].review
    assert "删去" not in review and "不要删行" in review and "平台后台发货" in review, review
    # as advised: the order left held, the rest shipped on the platform, its next export imported
    for k, name in enumerate(("y3", "y4")):  # (twice: the same export again posts nothing more)
        import_orders(shop, [write_douyin(tmp_path / name, [
            douyin_row(NO, S1, "SH-WH-M", tracking="SF9001", **went),
            douyin_row(NO, S2, "SH-BK-M", tracking="SF9002", **went)], stamp=1763790400 + k)], today=TODAY)
    assert {ln.status for ln in lines_of(shop) if ln.order_no == NO} == {OrderStatus.SHIPPED}
    moves = read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
    out = sorted((m.sku, m.qty) for m in moves if m.ref == NO)
    assert out == [("SH-BK-M", 1), ("SH-WH-M", 1)], out  # once each
