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
# a waybill tool's print log lists every waybill it printed with its 面单状态: only one 使用中 went out; a
# voided (作废) or recycled (已回收: the number given back to the courier) one is no parcel. A public reader of
# such a log (打印批次号, 订单编号, 快递公司, 运单号, 面单状态, 打印时间, 打印类型, 商品信息) counts only 使用中:
# JMacro/Flash, src/Flash.Widgets/Controllers/TaobaoUtilsController.cs (ExpressStatus == "使用中")
WAYBILL_STATUS = ("面单状态", "运单状态", "waybill_status")
IN_USE = ("", "使用中", "已使用", "正常", "已打印", "已发货")
VOID = ("作废", "已作废", "回收", "已回收", "取消", "已取消", "已删除")
# a plain 状态 column (another tool's, words of its own: 已揽收, 运输中 …) voids its row only with a void word
_MERGED = re.compile(r"[,，;；、|/\s]+")  # no platform's order number holds one of these


def read(tables, res) -> list[PlatformOrder]:
    from .couriers import as_written, bare, given, joined
    from .platform_export import (
        _code,
        _issue,
        _moment,
        _numberless,
        _order_no,
        cell,
        column_in,
    )

    out: dict[str, PlatformOrder] = {}
    for t in tables:
        for k, row in enumerate(t.rows):
            state = cell(row, *WAYBILL_STATUS)
            if not state and cell(row, "状态") in VOID:
                state = cell(row, "状态")
            # a parcel that went out for no order the row names: said (a warning: a parcel sent by hand is no order's)
            if state not in VOID and bare(cell(row, *TRACKING_NO)) and _numberless(
                    t, k, row, ORDER_NO, res, TRACKING_NO, "a tracking no.", parcel=True):
                continue
            cell_no = _order_no(t, k, row, ORDER_NO, res)
            tracking = bare(_code(t, k, row, TRACKING_NO, res))  # (淘宝's 发货报表: No:7730…)
            if not cell_no or not tracking:
                continue
            if state not in IN_USE:  # no parcel went out on this waybill, or a word no reader knows: not a shipment
                if state in VOID:  # the import says it, and takes it off an order shipped with it (lifecycle)
                    res.voided += [{"order_no": no, "tracking": tracking, "state": state, "file": t.name,
                                    "row": t.line(k)} for no in dict.fromkeys(p for p in _MERGED.split(cell_no) if p)]
                else:
                    res.issues.append(_issue(
                        t, k, column_in(t, *WAYBILL_STATUS), state,
                        f"不认识的面单状态“{state}”：这个面单没有算作发货（只有“使用中”的面单是发出的包裹），订单没有改动。",
                        f"Unknown waybill status '{state}': this waybill was not taken as shipped (only a waybill "
                        "'使用中', in use, is a parcel that went out); the order was not changed.", severity="warning"))
                    res.left_out.append(res.issues[-1])
                continue
            at = _moment(t, k, row, SHIPPED_AT)
            for no in dict.fromkeys(p for p in _MERGED.split(cell_no) if p):  # merged orders: one parcel
                o = out.get(no)
                if o is None:
                    out[no] = PlatformOrder(None, no, Stage.SHIPPED, "已发货", courier=given(cell(row, *COURIER)),
                                            tracking_no=tracking, shipped_at=at, file=t.name, row=t.line(k),
                                            kind="tracking")
                elif tracking not in o.tracking_no.split("/"):  # another parcel, perhaps by another courier
                    o.courier, o.tracking_no = joined(as_written(o.courier, o.tracking_no)
                                                      + [(tracking, given(cell(row, *COURIER)))])
    return list(out.values())
