"""QA: counted on Friday while the morning's parcels stood picked on the bench; they shipped on Saturday (出库 dated
Saturday) and the count was posted on Saturday with --date Friday. The count of the shelf alone booked their units
as a 盘亏 on top of the 出库 of their shipping, the book 2 below the shelf, and only "TS moved after the count date:
check whether those goods were on the shelf" was said. Now the parcels picked by the count's day and shipped after
it are named as those still packed are (with the day each shipped), with the count to type."""

from __future__ import annotations

import datetime as dt

from count_shops import count_shop

from shopbook.schema import ORDERS, Movement, OrderLine, StocktakeCount
from shopbook.shop import open_shop
from shopbook.stock.workflow import stocktake_post
from shopbook.workbook_builder import write_workbook

FRI, SAT = dt.date(2026, 12, 4), dt.date(2026, 12, 5)


def test_parcels_on_the_bench_at_the_count_and_shipped_since_are_said(tmp_path):
    lang = "zh"  # (each warning holds both languages)
    folder = count_shop(tmp_path, lang, ("TS", "JK"), movements=[
        Movement(date=SAT, sku="TS", type="出库", qty=2, ref="O1"), Movement(date=SAT, sku="JK", type="出库", qty=1,
                                                                         ref="O2")], counts=[
        StocktakeCount(date=FRI, sku="TS", counted=8), StocktakeCount(date=FRI, sku="JK", counted=9)])
    ship = {"receiver": "王芳", "phone": "13800000000", "address": "浙江省杭州市西湖区文三路1号", "status": "已发货",
            "shipped_on": SAT, "tracking_no": "YT1234567890"}
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: [
        OrderLine(order_no="O1", sku="TS", qty=2, batch="20261204-1", **ship),  # picked Friday, on the bench
        OrderLine(order_no="O2", sku="JK", qty=1, batch="20261205-1", **ship)]},  # picked after the count
        keep_backup=False)
    plan = stocktake_post(open_shop(folder), FRI, today=SAT, dry_run=True)
    said = [w for pair in plan.warnings for w in pair]
    for want in (
        ("TS 实盘 8，账面 10：差的 2 件正好在盘点时已拣货、还没发货的包裹里（O1 12-05 发货）：盘点时包裹不在货架上的话，这不是盘亏："
         "请把“盘点”表里 TS 的实盘数量改为共 10（加上包裹里的），再过账（-2 已过账的话会冲回）；发货时已记出库"),
        ("TS counted 8, the book 10: the 2 short are exactly the units in parcels picked and not shipped yet at the "
         "count (O1 shipped 12-05): if the parcels were off the shelf when counted, this is no loss: change TS's "
         "counts on the Stocktake sheet to 10 in all (with the parcels' units), then post again (-2, if posted, is "
         "then taken back); shipping posted them out")):
        assert want in said, said
    assert not [w for w in said if "O2" in w]  # picked after the count: on the shelf then
