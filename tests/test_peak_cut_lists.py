"""双12: the lists a pick list says of orders are cut, saying how many more and where. QA (session 47): a
SKU counted down to 0 after a morning's review (破损 found at the shelf) left 150 approved orders short, and
`shopbook picklist` printed one line per order, all 150 (the 拣货单 button a box taller than the screen);
parcels picked, then cancelled on the platform, were listed whole by the import and on every pick list
likewise. Now each list shows the first 30 (a button's box 10), then how many more and where they are."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cli_run import shopbook
from test_orders import build_shop
from test_pick_stock import _orders_typed

from shopbook.schema import ORDERS, OrderLine, OrderStatus


def _line(no: str, status: OrderStatus, batch: str | None = None, platform_status: str | None = None) -> OrderLine:
    return OrderLine(order_no=no, paid_at=dt.datetime(2026, 12, 12, 0, 1), receiver=f"收货人{no[-3:]}",
                     phone="13800000000", address="浙江省 杭州市 西湖区 文三路1号", sku="SH-WH-L", qty=1,
                     unit_price=Decimal(99), status=status, batch=batch, platform_status=platform_status)


def test_a_pick_list_of_hundreds_short_and_to_pull_is_cut_saying_how_many_more_and_where(tmp_path):
    shop = build_shop(tmp_path)  # SH-WH-L: 1 on hand, held by the parcel of batch 1 below
    lines = [_line("3600000000000000000", OrderStatus.APPROVED, "20261212-1")]
    lines += [_line(f"36000000000000001{k:02d}", OrderStatus.APPROVED) for k in range(40)]  # short
    lines += [_line(f"36000000000000002{k:02d}", OrderStatus.CANCELLED, "20261212-1", "已取消：交易关闭")
              for k in range(35)]  # to pull
    _orders_typed(shop, lines)
    r = shopbook("picklist", shop.folder)
    out = r.stdout
    assert r.returncode == 1, out + r.stderr
    assert out.count("缺货，没有拣货（仍是已审核") == 30, out
    assert "… 还有 10 个订单缺货，没有拣货；全部在 orders.xlsx 的订单表：状态“已审核”、拣货批次为空的订单" in out, out
    assert out.count("拣货后已取消或挂起：把这个包裹拿出来") == 30, out
    assert "… 还有 5 个包裹要拿出来；全部在 orders.xlsx 的订单表：状态“已取消”或“已挂起”、拣货批次不为空的订单" in out, out
    assert "✗ 没有生成拣货单：40 个已审核订单缺货" in out and "Order" not in out and "Traceback" not in r.stderr
    assert not list(shop.reports.glob("拣货单-*"))
    assert shop.path(ORDERS).exists()
    from shopbook.report.workflow import run_daily

    run = run_daily(shop, dt.date(2026, 12, 4), send=False, steps_only=("picklist",))  # cut alike
    step = next(s for s in run.steps if s.name == "picklist")
    assert step.detail.count("缺货，没有拣货（仍是已审核") == 30, step.detail
    assert "… 还有 10 个订单缺货，没有拣货；全部在 orders.xlsx" in step.detail, step.detail
