"""Tracking numbers back from the tools that print waybills (千牛's 发货 export, 快递助手's, an
ERP's, a plain CSV): order number, courier and tracking number in any column order. Each
row marks its order shipped exactly as the scan check does (lifecycle.apply). An order with
several parcels has several rows: every tracking number is kept, and each one's courier where
they differ (中通/顺丰 beside 7310…/SF…: each parcel is on its own courier's bill). One parcel for several orders
of one buyer (快递助手's 合并订单: "A,B" in the order number's cell) ships each of them."""

from __future__ import annotations

import re

from .platforms import TRACKING, PlatformOrder, Stage

ORDER_NO = TRACKING.needs[0]
COURIER = TRACKING.needs[1]
TRACKING_NO = TRACKING.needs[2]
SHIPPED_AT = ("发货时间", "打印时间", "shipped_at", "shipped_on")
_MERGED = re.compile(r"[,，;；、|/\s]+")  # no platform's order number holds one of these


def read(tables, res) -> list[PlatformOrder]:
    from .couriers import as_written, bare, joined
    from .platform_export import _code, _moment, _order_no, cell

    out: dict[str, PlatformOrder] = {}
    for t in tables:
        for k, row in enumerate(t.rows):
            cell_no = _order_no(t, k, row, ORDER_NO, res)
            tracking = bare(_code(t, k, row, TRACKING_NO, res))  # (淘宝's 发货报表: No:7730…)
            if not cell_no or not tracking:
                continue
            at = _moment(t, k, row, SHIPPED_AT)
            for no in dict.fromkeys(p for p in _MERGED.split(cell_no) if p):  # merged orders: one parcel
                o = out.get(no)
                if o is None:
                    out[no] = PlatformOrder(None, no, Stage.SHIPPED, "已发货", courier=cell(row, *COURIER),
                                            tracking_no=tracking, shipped_at=at, file=t.name, row=t.first_row + k,
                                            kind="tracking")
                elif tracking not in o.tracking_no.split("/"):  # another parcel, perhaps by another courier
                    o.courier, o.tracking_no = joined(as_written(o.courier, o.tracking_no)
                                                      + [(tracking, cell(row, *COURIER))])
    return list(out.values())
