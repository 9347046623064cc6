"""抖店 order export: CSV in UTF-8 with BOM or GB18030, `-` for an empty value, one line per
sub-order (子订单编号) under its 主订单编号, the address split over 省 市 区 街道 详细地址."""

from __future__ import annotations

import re

from ...schema import Platform
from ..couriers import bare, given, joined
from ..marks import ADDRESS_EDITED
from . import PlatformOrder, PLine, Stage
from .aftersale import (after_ended, after_stage, refund_after_shipping, refunded_in_part,
                        says_none)

# the receiver's columns, read and (when blank) reported by these names
RECEIVER, PHONE = ("收件人",), ("收件人手机号", "收件人电话")
ADDRESS_PARTS, ADDRESS = ("省", "市", "区", "街道", "详细地址"), ("收件地址", "收货地址")
# 售后状态: refunded; no after-sale or one that ended (anything else is open: 售后中, 退款中, 待商家处理 …).
# Ended unpaid is also one that failed or was withdrawn (售后失败, 已撤销, the buyer's time run out: 买家逾期未处理，退款失败;
# before, held as 退款中 for good); never a bare 退款失败 (a payout that failed: the refund still goes ahead) nor the
# shop's time run out (商家逾期未处理，系统自动同意退款: refunded)
REFUNDED, NO_AFTER_SALE = ("退款成功", "售后完成", "已退款"), ("关闭", "取消", "拒绝", "驳回", "无", "售后失败", "撤销",
                                                         "买家逾期", "超过有效期")


def stage_of(status: str, after_sale: str) -> Stage | None:
    s = status.strip()
    a = after_sale.strip()
    if not s:
        return None
    if "待支付" in s or "待付款" in s:
        return Stage.UNPAID
    if "已完成" in s or "已签收" in s or "交易成功" in s:
        return Stage.DELIVERED
    if "已发货" in s or "部分发货" in s:
        return Stage.SHIPPED
    if "已关闭" in s or "已取消" in s:
        return Stage.CANCELLED
    if "待发货" in s or "备货中" in s or "已支付" in s:
        # a refund paid while the sub-order still waits is part of it (a sub-order refunded whole is 已关闭): it
        # still ships, held for a person (read: PLine.refunded_part); one asked for holds it until it settles
        after = after_stage(a, REFUNDED, NO_AFTER_SALE)
        return Stage.REFUNDING if after is Stage.REFUNDING else Stage.WAITING
    return None


# some 抖店 exports have no 快递公司 / 快递单号 but one 快递信息 cell per sub-order: each parcel as "number-courier,
# goods…", parcels apart by ";" ("SF0220481613112-顺丰速运,商品…" / "76922…-中通快递,…", as a public reader of
# those exports parses them: frankiepan501-a11y/domestic-ecom-profit-webhook, app/parsers.py and
# app/settlement_engine.py parse_douyin_express). The courier is the part after the last "-" with a Chinese
# name in it: a 京东 number keeps its own dashes (JDVA…-1-1)
_EXPRESS = re.compile(r"(?P<no>[A-Za-z0-9-]+?)-(?P<courier>[^-]*[\u4e00-\u9fff][^-]*)")


def waybill(row: dict) -> tuple[str, str]:
    """(courier, tracking no.) of a sub-order's row: its 快递公司 and 快递单号, else its 快递信息's parcels
    (couriers.joined: "顺丰速运", "SF1/SF2"; a name per parcel where they differ)."""
    from ..platform_export import cell

    courier, tracking = given(cell(row, "快递公司", "物流公司")), bare(cell(row, "快递单号", "物流单号"))
    info = "" if tracking else given(cell(row, "快递信息"))
    if not info:
        return courier, tracking
    pairs = []
    for part in re.split(r"[;；]", info):
        head = re.split(r"[,，]", part, maxsplit=1)[0].strip()
        m = _EXPRESS.fullmatch(head)
        if m:
            pairs.append((m["no"], m["courier"].strip()))
        elif head:
            pairs.append((head, courier or None))
    return joined(pairs) if pairs else (courier, tracking)


def clean(row: dict) -> dict:
    """`-` is the export's empty value."""
    return {k: ("" if isinstance(v, str) and v.strip() in ("-", "--") else v) for k, v in row.items()}


def _head(t, k: int, row: dict, res) -> dict:
    """The order's own cells on a row of its (the receiver, the address from its parts, when it was paid …)."""
    from ..platform_export import _moment, _money, _ship_by, cell

    parts = [cell(row, n) for n in ADDRESS_PARTS]
    address = " ".join(p for p in parts if p) or cell(row, *ADDRESS)
    return {"paid_at": _moment(t, k, row, ("支付完成时间", "订单提交时间"), res),
            "ship_by": _ship_by(row),
            "receiver": cell(row, *RECEIVER) or None, "phone": cell(row, *PHONE) or None, "address": address or None,
            "shipping_fee": _money(t, k, row, ("运费",), res),
            "buyer_message": cell(row, "买家留言") or None, "seller_note": cell(row, "商家备注") or None,
            "changes": ((ADDRESS_EDITED, ""),) if cell(row, "是否修改过地址") in ("是", "已修改") else ()}


def read(tables, res) -> list[PlatformOrder]:
    from ..platform_export import (_code, _line_codes, _moment, _money, _no_order, _numberless, _order_no, _qty, _tracking,
                                   _twice, _unknown_status, cell, column_in, columns_in)

    out: dict[str, PlatformOrder] = {}
    seen: dict[str, tuple] = {}  # sub-order → (its table, its PLine, its order); tables by identity: names repeat
    after_of: dict[int, tuple] = {}  # id(PLine) → its 售后状态, refund amount and sub-order no., as the last file says
    # order no. → {sub-order: (tracking no., courier)} of the sub-orders shipped, as the last file says: sub-orders
    # ship in parcels of their own, and every parcel is the order's (a courier bills each)
    parcels: dict[str, dict[str, tuple[str, str]]] = {}
    unread: dict[str, list] = {}  # order no. → (file, row) of its sub-orders that did not read
    now: dict[str, object] = {}  # order no. → the table whose word on it stands (the last that names it), by identity
    # order no. → {sub-order: whether its row says 部分发货}, as the last file says: the order's own word that
    # some of it shipped, even where no row says which (an export of the waiting sub-orders, or without 快递单号)
    partly: dict[str, dict[str, bool]] = {}
    # the sub-orders' rows that did not read (a status no reader knows, a quantity or code that does not read):
    # (order, sub-order, table, file, row); and the last table each sub-order read in: an older export's row that did
    # not (待确认 in the morning, 备货中 by evening, both imported together) is passed over as the later word stands
    # (before: the order refused, 'correct that line')
    unknown: list[tuple] = []
    known_in: dict[str, object] = {}

    def unread_here(no: str, sub: str, t, k: int) -> None:
        if sub:
            unknown.append((no, sub, t, t.name, t.line(k)))
        else:
            unread.setdefault(no, []).append((t.name, t.line(k)))

    for t in tables:
        columns = {"receiver": column_in(t, *RECEIVER), "phone": column_in(t, *PHONE),
                   "address": columns_in(t, *ADDRESS_PARTS) or column_in(t, *ADDRESS)}
        above = ""  # the order of the last row above with an order number
        here: dict[str, int] = {}  # sub-order → its row (index) in this file
        # an order's lines without a 子订单编号 (an export whose fields were chosen without it): (order, codes) → how
        # many of them were met in this file, so the evening's export finds the morning's line of the same goods
        # again (before: taken for more goods, the order's lines doubled within one import)
        bare_n: dict[tuple, int] = {}
        for k, raw in enumerate(t.rows):
            row = clean(raw)
            if (_no_order(t, k, row, ("主订单编号",), ("子订单编号",), ("商品数量",), res)
                    or _numberless(t, k, row, ("主订单编号",), res)):
                if above:  # likely its line: held back with it, not imported short
                    unread.setdefault(above, []).append((t.name, t.line(k)))
                continue
            no = _order_no(t, k, row, ("主订单编号",), res)
            above = no or above
            if not no:  # (its number that does not read is said: its 子订单编号, cut by Excel alike, is not said again)
                continue
            # None: a sub-order number that does not read (4.9E+18), said at its cell; its order is held back
            # whole (lifecycle), not brought in or counted again by a later export of it
            sub = _code(t, k, row, ("子订单编号",), res)
            if sub is None:
                unread.setdefault(no, []).append((t.name, t.line(k)))
                continue
            if sub:  # a sub-order on two rows of one file: counted once (or its order held back: _twice)
                if sub in here:
                    if _twice(t, k, here[sub], sub, "子订单编号", res):
                        unread.setdefault(no, []).append((t.name, t.line(k)))
                    continue
                here[sub] = k
            status, after = cell(row, "订单状态"), cell(row, "售后状态")
            stage = stage_of(status, after)
            if stage is None:  # its order held back, unless a later export reads the sub-order
                _unknown_status(t, k, status, res, line=True)
                unread_here(no, sub, t, k)
                continue
            courier, tracking = waybill(row)
            tracking = _tracking(t, k, tracking, ("快递单号", "物流单号", "快递信息"), res)
            if stage is Stage.SHIPPED and "部分发货" in status and not tracking:
                # the order is partly shipped; this sub-order, without a waybill, is not: it waits, or an after-sale
                # asked of it holds it as 待发货 beside it does (before: said only as the rest to ship on the platform)
                stage = stage_of("待发货", after)
            # (a sub-order closed with a waybill of its own went out before its refund: its parcel is named too)
            shipped_by = f"{courier} {tracking}".strip() if stage >= Stage.SHIPPED or (
                stage is Stage.CANCELLED and tracking) else ""
            qty = _qty(t, k, row, ("商品数量",), res)
            if qty is None:
                unread_here(no, sub, t, k)
                continue
            codes = _line_codes(t, k, row, (("商家编码",), ("商品ID",)), res)
            if codes is None:
                unread_here(no, sub, t, k)
                continue
            if sub:
                known_in[sub] = t
            reason = cell(row, "取消原因") if stage is Stage.CANCELLED else ""
            if stage in (Stage.REFUNDING, Stage.CANCELLED):
                reason = reason or after or status
            line = PLine(codes, qty,
                         _money(t, k, row, ("商品单价", "商品金额"), res), stage, reason, cell(row, "选购商品"),
                         t.line(k), shipped_by=shipped_by, file=t.name)
            refund = (after, _money(t, k, row, ("退款金额",), res), sub or no)
            key = sub
            if not sub:  # (by its first code, 商家编码 else 商品ID: a 商品ID one export has and the other not, or Excel
                # cut in one, is the same line: before, the morning's and the evening's were two, its goods shipped twice)
                n = bare_n[(no, *line.codes[:1])] = bare_n.get((no, *line.codes[:1]), 0) + 1
                key = "\x00".join((no, *line.codes[:1], str(n)))
            sent, at = parcels.setdefault(no, {}), key
            partly.setdefault(no, {})[at] = "部分发货" in status
            if stage >= Stage.SHIPPED and tracking:
                sent[at] = (tracking, courier)
            else:
                sent.pop(at, None)
            first = seen.get(key)
            if first is not None and first[0] is not t:  # the sub-order in a later export (files in the order given)
                first[1].stage, first[1].reason, first[1].shipped_by = stage, reason, shipped_by
                first[1].row, first[1].file = t.line(k), t.name
                after_of[id(first[1])] = refund
                o = first[2]
                if now[no] is not t:  # its first row in the later export: where the order is said now, as it has it
                    now[no] = t
                    o.file, o.row, o.columns = t.name, t.line(k), columns
                    o.head.update((f, v) for f, v in _head(t, k, row, res).items() if v)
                o.status_text = status
                o.courier = courier or o.courier
                o.tracking_no = tracking or o.tracking_no
                o.shipped_at = _moment(t, k, row, ("发货时间",)) or o.shipped_at
                continue
            o = out.get(no)
            if o is None:
                o = out[no] = PlatformOrder(
                    Platform.DOUYIN, no, Stage.WAITING, status, head=_head(t, k, row, res),
                    courier=courier, tracking_no=tracking, shipped_at=_moment(t, k, row, ("发货时间",)),
                    file=t.name, row=t.line(k), columns=columns)
                now[no] = t
            o.lines.append(line)
            after_of[id(line)] = refund
            seen.setdefault(key, (t, line, o))
    place = {id(t): i for i, t in enumerate(tables)}
    for no, sub, t, name, line in unknown:
        if sub not in known_in or place[id(known_in[sub])] < place[id(t)]:
            unread.setdefault(no, []).append((name, line))
    for o in out.values():
        o.unread = unread.get(o.order_no, [])
        o.partly_shipped = any(partly.get(o.order_no, {}).values())
        sent = list(parcels.get(o.order_no, {}).values())
        if sent:
            o.courier, o.tracking_no = joined(sent)
    refunds = []
    for o in out.values():  # shipped sub-orders refunded or asked for: stage_of says shipped, the 售后状态 says more
        asked = []
        for ln in o.lines:
            after, amount, key = after_of[id(ln)]
            ln.refund_closed = after_ended(after, REFUNDED, NO_AFTER_SALE)
            ln.no_after_sale = says_none(after)
            refunding = after_stage(after, REFUNDED, NO_AFTER_SALE)
            ln.refunded_part = False  # (as the last file says: a later export's word on it stands alone)
            if ln.stage is Stage.WAITING and refunding is Stage.CANCELLED:
                refunded_in_part(ln, after, amount)
            # (a sub-order 已关闭 with a parcel of its own went out first: 抖店 closes it when its after-sale is paid)
            went = ln.stage is not None and (ln.stage >= Stage.SHIPPED or (ln.stage is Stage.CANCELLED and ln.shipped_by))
            if went and refunding is not None:
                asked.append((ln, after, refunding, key, amount))
        if asked:
            sent = [ln for ln in o.lines if ln.stage is not Stage.CANCELLED or ln.shipped_by]
            refunds.append(refund_after_shipping(o, asked, whole=len(asked) == len(sent)))
    for o in out.values():  # the order's stage is its lines': every line carries its own
        stages = [ln.stage for ln in o.lines]
        live = [s for s in stages if s is not Stage.CANCELLED]
        if not live:
            o.stage = Stage.CANCELLED
            o.reason = "；".join(dict.fromkeys(ln.reason for ln in o.lines if ln.reason))
        elif all(s is Stage.UNPAID for s in live):
            o.stage = Stage.UNPAID
        else:
            o.stage = Stage.WAITING  # settled_stage() reads refunding/shipped/delivered from the lines
    return list(out.values()) + refunds
