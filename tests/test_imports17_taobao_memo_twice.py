"""A newer 淘宝 order list has 商家备忘 beside 订单备注, and a memo the 客服 wrote shows in both: the order came into
orders.xlsx with 卖家备注 改发黑色M；改发黑色M, the memo twice on the review's hold, its packing note and the picker's
list. Now a memo the two columns both hold is written once; two memos are both kept. A real GBK export pair, imported
and orders.xlsx re-read."""

from __future__ import annotations

from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import TODAY, build_shop, lines_of

from shopbook.orders.workflow import import_orders

A, B = "3515000000000001901", "3515000000000001902"


def test_a_memo_in_both_note_columns_is_written_once(tmp_path):
    shop = build_shop(tmp_path)
    rows = [order_row(no, "tb_x", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)", "2026-11-21 09:00:00",
                      goods="99.00", note=note) for no, note in ((A, "改发黑色M"), (B, "改发黑色M"))]
    rows[0]["商家备忘"] = "改发黑色M "  # (the export's trailing space)
    rows[1]["商家备忘"] = "周末不收货"
    files = write_pair(tmp_path / "tb", rows, [detail_row(no, "衬衫", "99.00", "1", "SH-BK-M") for no in (A, B)],
                       stamp="202611210930")
    import_orders(shop, list(files), today=TODAY)
    notes = {ln.order_no: ln.seller_note for ln in lines_of(shop)}
    assert notes == {A: "改发黑色M", B: "改发黑色M；周末不收货"}
