"""拼多多 商家后台 订单查询 export: UTF-8 CSV, values ending in a tab to stay text, one row per
order. Both layouts read: the current one (no receiver columns: the platform encrypts them
and the waybill is printed in its tools) and the older one (收货人, 手机, 省 市 区 街道 …).
Headers drift (商家编码-SKU维度 → 商家编码-规格维度; brackets half- or full-width)."""

from __future__ import annotations

from decimal import Decimal

from ...schema import Platform
from ..couriers import given
from . import PlatformOrder, PLine, Stage
from .aftersale import (after_ended, after_stage, refund_after_shipping, refunded_in_part,
                        says_none)

# the receiver's columns, read and (when blank) reported by these names
RECEIVER, PHONE = ("收货人",), ("手机", "收货人手机号", "联系电话")
ADDRESS_PARTS, ADDRESS = ("省", "市", "区", "街道"), ("收货地址", "详细地址")  # the older layout splits it
# 售后状态: refunded; no after-sale or one that ended (anything else is open: 退款中, 售后处理中, 待商家处理 …).
# Ended unpaid is also one that failed, was withdrawn or ran out of time (买家逾期未处理，退款失败, 买家撤销, 买家逾期，
# 超过有效期, as 拼多多 names its after-sale states): before, held as 退款中 for good, an order that was to ship
REFUNDED, NO_AFTER_SALE = ("退款成功",), ("无售后", "售后取消", "关闭", "驳回", "拒绝", "失败", "撤销", "逾期", "有效期")


def stage_of(status: str, after_sale: str) -> Stage | None:
    s = status.replace(",", "，").strip()
    a = after_sale.strip()
    if not s:
        return None
    if "待支付" in s or "待付款" in s or "待成团" in s or "未支付" in s:
        return Stage.UNPAID
    if "已收货" in s or "已签收" in s or "交易成功" in s:
        return Stage.DELIVERED
    if "已发货" in s:
        return Stage.SHIPPED
    if "已取消" in s or "退款成功" in s or "已关闭" in s:
        return Stage.CANCELLED
    if "待发货" in s:
        # a refund paid while the order still says 待发货 is part of it (the whole is 未发货，退款成功): it still
        # ships, held for a person (read: PLine.refunded_part); one asked for holds it until it settles
        after = after_stage(a, REFUNDED, NO_AFTER_SALE)
        return Stage.REFUNDING if after is Stage.REFUNDING else Stage.WAITING
    return None


def _head(t, k: int, row: dict, res) -> dict:
    """The order's own cells on its row (the receiver, the address from its parts in the older layout …)."""
    from ..platform_export import _moment, _money, _ship_by, cell

    parts = [cell(row, n) for n in ADDRESS_PARTS]
    return {"paid_at": _moment(t, k, row, ("支付时间", "订单成交时间", "拼单成功时间"), res),
            "ship_by": _ship_by(row),  # (older layouts)
            "receiver": cell(row, *RECEIVER) or None, "phone": cell(row, *PHONE) or None,
            "address": " ".join(p for p in parts if p) or cell(row, *ADDRESS) or None,
            "shipping_fee": _money(t, k, row, ("邮费(元)", "邮费"), res),
            "buyer_message": cell(row, "买家留言") or None, "seller_note": cell(row, "商家备注") or None}


def read(tables, res) -> list[PlatformOrder]:
    from ..platform_export import (_issue, _line_codes, _moment, _money, _numberless, _order_no, _qty, _tracking, _twice,
                                   _unknown_status, cell, column_in, columns_in)

    out: dict[str, PlatformOrder] = {}
    first: dict[str, object] = {}  # order no. → the table its lines came from (by identity: names may repeat)
    now: dict[str, object] = {}  # order no. → the table whose word on it stands (the last that names it)
    after_of: dict[str, tuple[str, object]] = {}  # order no. → its 售后状态 and refund amount, as the last file says
    unread: dict[str, list] = {}  # order no. → (file, row) of its lines that did not read
    # order no. → (the table, file, row) of its rows in a status no reader knows: the order held back where none
    # later says it in words it knows (a later export's word on it stands, an earlier one's does not)
    unknown: dict[str, list] = {}
    for t in tables:
        columns = {"receiver": column_in(t, *RECEIVER), "phone": column_in(t, *PHONE),
                   "address": columns_in(t, *ADDRESS_PARTS) or column_in(t, *ADDRESS)}
        here: dict[str, list[int]] = {}  # order no. → its rows (indexes) in this file
        for k, row in enumerate(t.rows):
            if _numberless(t, k, row, ("订单号",), res):
                continue
            no = _order_no(t, k, row, ("订单号",), res)
            if not no:
                continue
            # the same row again in one file (two exports pasted together): counted once; the order in another
            # status (待发货 above, 已取消 below): which is current cannot be told, its order held back (_twice). (A row
            # of it that differs otherwise is another of its goods: the export has no sub-order number to tell)
            status = cell(row, "订单状态")
            same = next((j for j in here.get(no, ()) if t.rows[j] == row or cell(t.rows[j], "订单状态") != status), None)
            if same is not None:
                if _twice(t, k, same, no, "订单号", res):
                    unread.setdefault(no, []).append((t.name, t.line(k)))
                continue
            here.setdefault(no, []).append(k)
            after = cell(row, "售后状态")
            stage = stage_of(status, after)
            if stage is None:  # (in a later export of an order an earlier one has: the order held back, as said,
                _unknown_status(t, k, status, res)  # not brought in by the earlier word, the later one passed over)
                unknown.setdefault(no, []).append((t, t.name, t.line(k)))
                continue
            qty = _qty(t, k, row, ("商品数量(件)", "商品数量"), res)
            if qty is None:
                unread.setdefault(no, []).append((t.name, t.line(k)))
                continue
            total = _money(t, k, row, ("商品总价(元)", "商品总价"), res)
            unit = None
            if total is not None:
                u = (total / qty).quantize(Decimal("0.01"))
                unit = u if u * qty == total else None  # a total that does not split into fen stays unsplit
                if unit is None:
                    res.issues.append(_issue(t, k, "商品总价(元)", str(total),
                                             f"商品总价 {total} 不能按 {qty} 件平分到分：单价留空。",
                                             f"The goods total {total} does not split into {qty} equal prices to "
                                             "the fen: the unit price is left blank.", severity="warning"))
            codes = _line_codes(t, k, row, (("商家编码-规格维度", "商家编码-SKU维度"), ("商家编码-商品维度",),
                                            ("样式ID",), ("商品id",)), res)
            if codes is None:
                unread.setdefault(no, []).append((t.name, t.line(k)))
                continue
            shipped_at = _moment(t, k, row, ("发货时间",))
            line = PLine(codes, qty, unit, None, "", cell(row, "商品"), t.line(k), file=t.name)
            # 无售后或售后取消 (none, or withdrawn) is no reason: the order was cancelled, as its status says
            reason = after if (stage in (Stage.REFUNDING, Stage.CANCELLED) and after
                               and after_stage(after, REFUNDED, NO_AFTER_SALE) is not None) else ""
            after_of[no] = (after, _money(t, k, row, ("退款金额", "退款金额(元)"), res))
            o = out.get(no)
            if o is not None:  # the same order again: a second SKU of it, or a later export's word on it
                if first[no] is t:
                    o.lines.append(line)
                else:  # the evening's export after the morning's (files in the order given): it says where it is now
                    if now[no] is not t:  # (its first row there): where it is said now, as that export has it
                        now[no] = t
                        o.file, o.row, o.columns = t.name, t.line(k), columns
                        o.head.update((f, v) for f, v in _head(t, k, row, res).items() if v)
                    o.stage, o.status_text, o.reason = stage, status, reason
                    o.courier = given(cell(row, "快递公司")) or o.courier
                    o.tracking_no = _tracking(t, k, cell(row, "快递单号"), "快递单号", res) or o.tracking_no
                    o.shipped_at = shipped_at or o.shipped_at
                continue
            first[no] = now[no] = t
            out[no] = PlatformOrder(
                Platform.PINDUODUO, no, stage, status, reason=reason, head=_head(t, k, row, res), lines=[line],
                courier=given(cell(row, "快递公司")),
                tracking_no=_tracking(t, k, cell(row, "快递单号"), "快递单号", res),
                shipped_at=shipped_at, file=t.name, row=t.line(k), columns=columns)
    place = {id(t): i for i, t in enumerate(tables)}
    for no, said in unknown.items():
        if no in now:
            unread.setdefault(no, []).extend((name, line) for t, name, line in said if place[id(t)] > place[id(now[no])])
            # an older export's word passed over (拼团中 in the morning, 待发货 by evening): its "not imported, not
            # changed" is untrue of the order the later word brought in, and no row left out (before: said so, exit 1,
            # the 导入清单 listing it)
            over = {(name.split(":")[0], line) for t, name, line in said if place[id(t)] <= place[id(now[no])]}
            gone = [i for i in res.left_out if i.column == "订单状态" and (i.book, i.row) in over]
            res.left_out = [i for i in res.left_out if i not in gone]
            res.issues = [i for i in res.issues if not any(i is g for g in gone)]
    for no, o in out.items():
        o.unread = unread.get(no, [])
    refunds = []
    for no, o in out.items():  # shipped, then refunded or asked for: stage_of says shipped, the 售后状态 says more
        after, amount = after_of[no]
        for ln in o.lines:
            ln.refund_closed = after_ended(after, REFUNDED, NO_AFTER_SALE)
            ln.no_after_sale = says_none(after)
        refunding = after_stage(after, REFUNDED, NO_AFTER_SALE)
        if o.stage is Stage.WAITING and refunding is Stage.CANCELLED:
            for ln in o.lines:  # one row per order: the refund is the order's, of how much of it the export does not say
                refunded_in_part(ln, after, amount)
        if o.stage >= Stage.SHIPPED and refunding is not None:  # one row per order: the after-sale is the order's
            # a whole refund is written into the status (已发货，退款成功, 已签收，退款成功); one paid while it says
            # 已发货，待收货 or 已签收 is of part of it (a price difference, some units)
            whole = "退款成功" in o.status_text
            refunds.append(refund_after_shipping(o, [(ln, after, refunding, no, amount) for ln in o.lines],
                                                 whole=whole, part=refunding is Stage.CANCELLED and not whole))
    return list(out.values()) + refunds
