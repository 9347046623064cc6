"""Taobao/Tmall (千牛 卖家中心): the 订单报表 + 宝贝报表 pair (CSV or .xlsx), the one-workbook
form (订单报表 / 销售明细 / 发货报表 sheets, keyed by 主订单编号 / 子订单编号), and the
退款 export of refund management."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ...issues import en_count
from ...schema import Platform
from ..couriers import bare, given
from ..marks import ADDRESS_EDITED, SKU_EDITED, refund_said
from . import PlatformOrder, PLine, Stage

PAID_WAITING = "买家已付款，等待卖家发货"
ORDER_NO = ("订单编号", "主订单编号")
# the receiver's columns, read and (when blank) reported by these names
RECEIVER, PHONE, ADDRESS = ("收货人姓名", "收货人"), ("联系手机", "联系电话", "手机"), ("收货地址", "收货人地址")


def stage_of(status: str) -> Stage | None:
    """The 订单状态 words of a Taobao order or item line; None for words it does not know."""
    s = status.replace(",", "，").strip()
    if not s:
        return None
    if "等待买家付款" in s or s == "未付款":
        return Stage.UNPAID
    if s == PAID_WAITING or "等待卖家发货" in s:
        return Stage.WAITING
    if "交易关闭" in s or "已关闭" in s or "已取消" in s or s == "退款成功":
        return Stage.CANCELLED
    if s == "退款中":
        return Stage.REFUNDING
    if "交易成功" in s or "已收货" in s or "已签收" in s:
        return Stage.DELIVERED
    if "部分发货" in s:  # some lines shipped, some not: waiting, held for a person (PlatformOrder.partly_shipped)
        return Stage.WAITING
    if "已发货" in s:
        return Stage.SHIPPED
    return None


def line_refund_stage(text: str) -> Stage | None:
    """An item line's refund state (退款状态, or refund words in its 订单状态)."""
    s = text.strip()
    if not s or s in ("-", "没有申请退款", "无"):
        return None
    if "退款成功" in s:
        return Stage.CANCELLED
    if "退款关闭" in s or "拒绝" in s:
        return None
    if "退款" in s or "售后" in s or "退货" in s:
        return Stage.REFUNDING
    return None


def refund_ended(text: str) -> bool:
    """An item line's refund closed or refused (退款关闭): the words that release an order held for it."""
    return "退款成功" not in text and ("退款关闭" in text or "拒绝" in text)


def read_orders(order_tables, detail_tables, res) -> list[PlatformOrder]:
    """The pair (or the workbook's two sheets) → orders. The same order in two files (the
    morning's and the evening's export) is one order, as the later file says it (tables come
    in the order the files were given); the same item line again is not added twice."""
    from ..platform_export import (_code, _issue, _moment, _money, _no_order, _numberless, _order_no, _qty,
                                   _tracking, _twice, _unknown_status, cell, column_in)

    heads: dict[str, PlatformOrder] = {}
    units_of: dict[str, tuple] = {}  # order no. → (its table, row index, 宝贝总数量) where the order list gives it
    for orders in order_tables:
        columns = {"receiver": column_in(orders, *RECEIVER), "phone": column_in(orders, *PHONE),
                   "address": column_in(orders, *ADDRESS)}
        here: dict[str, int] = {}  # order no. → its row (index) in this file
        for k, row in enumerate(orders.rows):
            if _numberless(orders, k, row, ORDER_NO, res):
                continue
            no = _order_no(orders, k, row, ORDER_NO, res)
            if not no:
                continue
            if no in here:  # the same order twice in one file: its first row, the same row again said, and
                # another status (two exports pasted into one sheet: which is current?) an error (_twice)
                prev = orders.rows[here[no]]
                if (row == prev or cell(row, "订单状态") != cell(prev, "订单状态")) and _twice(
                        orders, k, here[no], no, column_in(orders, *ORDER_NO), res) and no in heads:
                    heads[no].unread.append((orders.name, orders.line(k)))
                continue
            here[no] = k  # (in a later file: that file's row)
            status = cell(row, "订单状态")
            stage = stage_of(status)
            if stage is None:
                _unknown_status(orders, k, status, res)
                continue
            address = (cell(row, "修改后的收货地址") or cell(row, *ADDRESS)).strip()
            changes = []  # (mark, what it is now): said in the shop's language by the import (lifecycle.changes_said)
            if cell(row, "修改后的收货地址"):
                changes.append((ADDRESS_EDITED, ""))
            if cell(row, "修改后的sku"):
                changes.append((SKU_EDITED, cell(row, "修改后的sku")))
            paid_at = _moment(orders, k, row, ("订单付款时间", "付款时间"), res)
            shipped_at = _moment(orders, k, row, ("发货时间",))
            # kept as the platform wrote it, "(邮编)" and all: the review warns on (000000), and
            # address parsing and the waybill take the postcode off themselves
            units_of.pop(no, None)
            if cell(row, "宝贝总数量"):
                units_of[no] = (orders, k, cell(row, "宝贝总数量"))
            heads[no] = PlatformOrder(
                Platform.TAOBAO, no, stage, status, reason=cell(row, "订单关闭原因"),
                head={"paid_at": paid_at, "buyer": cell(row, "买家会员名", "买家昵称") or None,
                      "receiver": cell(row, *RECEIVER) or None, "phone": cell(row, *PHONE) or None,
                      "address": address or None,
                      "shipping_fee": _money(orders, k, row, ("买家应付邮费", "运费"), res),
                      "buyer_message": cell(row, "买家留言") or None,
                      "seller_note": _memo(cell(row, "订单备注"), cell(row, "商家备忘")),
                      "cs": cell(row, "客服") or None,  # who closed the sale, where the export has it: staff pay
                      "changes": tuple(changes)},
                courier=given(cell(row, "物流公司")), tracking_no=_tracking(orders, k, cell(row, "物流单号", "运单号"),
                                                                   ("物流单号", "运单号"), res),
                shipped_at=shipped_at,
                file=orders.name, row=orders.line(k), partly_shipped="部分发货" in status, columns=columns,
                sku_change=cell(row, "修改后的sku"))
    seen_line: dict[tuple, tuple] = {}  # a line → (its table, its PLine); tables by identity: names may repeat
    closed_line: dict[int, bool] = {}  # id(PLine) → its own 订单状态 says it closed (交易关闭), as the last file says
    listed: dict[str, dict] = {}  # order no. → {item table's id: units it lists}, the file's own count, however read
    for details in detail_tables:
        above = None  # the order of the last row above with an order number
        here: dict[tuple[str, str], int] = {}  # (order no., sub-order no.) → its row (index) in this file
        for k, row in enumerate(details.rows):
            if (_no_order(details, k, row, ORDER_NO, ("子订单编号",), ("购买数量", "数量"), res)
                    or _numberless(details, k, row, ORDER_NO, res)):  # (an older item list has no 子订单编号)
                if above is not None and above.stage in (Stage.WAITING, Stage.REFUNDING):
                    above.unread.append((details.name, details.line(k)))  # likely its line: not imported short
                continue
            no = _order_no(details, k, row, ORDER_NO, res)
            order = heads.get(no) if no else None
            above = order if no else above
            if order is None or order.stage is Stage.UNPAID:
                continue
            if sub_no := cell(row, "子订单编号"):  # a sub-order on two rows of one file: counted once (_twice)
                if (no, sub_no) in here:
                    if _twice(details, k, here[no, sub_no], sub_no, "子订单编号", res) and order.stage in (
                            Stage.WAITING, Stage.REFUNDING):
                        order.unread.append((details.name, details.line(k)))
                    continue
                here[no, sub_no] = k
            n, units = listed.setdefault(no, {}), _units(cell(row, "购买数量", "数量"))
            n[id(details)] = None if units is None or n.get(id(details), 0) is None else n.get(id(details), 0) + units
            sku = _code(details, k, row, ("商家编码", "外部系统编号", "商品编码"), res)
            # a line that does not read, of an order its lines still matter to (the order list's closed, shipped
            # or delivered is the order's whole word): the order is not judged without it (lifecycle)
            waits = order.stage in (Stage.WAITING, Stage.REFUNDING)
            if sku is None:
                if waits:
                    order.unread.append((details.name, details.line(k)))
                continue
            ids = [c for c in (cell(row, "商品ID", "宝贝ID"), cell(row, "SKUID", "SKU ID")) if c]
            if not sku and not ids:
                if waits:
                    res.issues.append(_issue(
                        details, k, "商家编码", "",
                        "这一行没有商家编码，也没有外部系统编号：无法知道发哪个 SKU。请在淘宝后台给宝贝填上商家编码。",
                        "This line has neither 商家编码 nor 外部系统编号: the SKU is unknown. "
                        "Give the item an SKU code (商家编码) on the platform."))
                    order.unread.append((details.name, details.line(k)))
                continue
            qty = _qty(details, k, row, ("购买数量", "数量"), res)
            if qty is None:
                if waits:
                    order.unread.append((details.name, details.line(k)))
                continue
            price = _money(details, k, row, ("价格", "单价"), res)
            key = (no, sub_no or (sku, price))
            line_status = cell(row, "订单状态")
            refund = cell(row, "退款状态")
            stage = line_refund_stage(refund) or line_refund_stage(line_status)
            if stage is None and line_status:
                own = stage_of(line_status)
                stage = own if own is not None and own != order.stage else None
            reason = refund or (line_status if stage is not None else "")
            shipped_by = f"{order.courier} {order.tracking_no}".strip() if stage is Stage.SHIPPED else ""
            closed = refund_ended(refund) or refund_ended(line_status)
            shut = any(w in line_status for w in ("交易关闭", "已关闭", "已取消"))
            first = seen_line.get(key)
            if first is not None and first[0] is not details:  # the same line in a later export: its word now
                first[1].stage, first[1].reason, first[1].shipped_by = stage, reason, shipped_by
                first[1].refund_closed = closed
                closed_line[id(first[1])] = shut
                continue
            line = PLine([c for c in (sku, *ids) if c], qty, price, stage, reason, cell(row, "标题", "宝贝标题"),
                         details.line(k), shipped_by=shipped_by, file=details.name, refund_closed=closed)
            closed_line[id(line)] = shut
            seen_line.setdefault(key, (details, line))
            order.lines.append(line)
    for o in heads.values():
        # Taobao closes the trade (交易关闭) when all of it is refunded: an order the order list still has waiting whose
        # every line says 退款成功, none closed itself, was refunded in part, and still ships (held for a person)
        if (o.stage is Stage.WAITING and o.lines and all(ln.stage is Stage.CANCELLED for ln in o.lines)
                and not any(closed_line.get(id(ln)) for ln in o.lines)):
            for ln in o.lines:
                ln.stage, ln.refunded_part = None, True
    for no, (orders, k, total) in units_of.items():
        # fewer units in the item list than the order says: a line of it is missing (the item list's download
        # cut at a line's end, or an export of other days); the latest item list that names the order counts
        want, got = _units(total), list(listed.get(no, {0: 0}).values())[-1]
        if heads[no].stage is not Stage.UNPAID and want is not None and got is not None and got < want:
            # said by the import: a new order is refused (it would ship short), one already there warned of
            heads[no].items_short = (want, got, _issue(orders, k, "宝贝总数量", total,
                                     f"订单 {no} 的宝贝总数量是 {want}，宝贝报表里只有 {got} 件：宝贝报表可能不完整"
                                     "（下载被截断，或与订单报表不是同一次导出）。请核对，必要时把两个文件重新下载后再导入。",
                                     f"Order {no} has {en_count(want, 'item')} (宝贝总数量) but the item list holds {got}: the item "
                                     "list may be incomplete (its download cut off, or not exported with the order "
                                     "list). Check it, and if need be download both files again and import them.",
                                     severity="warning"))
    return list(heads.values()) + _refunds_asked_after_shipping(heads.values())


def _refunds_asked_after_shipping(orders) -> list[PlatformOrder]:
    """A shipped or delivered order one of whose item lines says a refund is open (退款状态 退款中, 退货 …):
    its refund record, as 拼多多's and 抖店's exports give one, so the import notes it beside the order
    (settled_stage reads a shipped order's stage from the order list alone). No case is opened from it:
    the 退款 export's row of that refund opens one, by its 退款编号."""
    from .aftersale import refund_after_shipping

    out = []
    for o in orders:
        if o.stage in (Stage.SHIPPED, Stage.DELIVERED):
            asked = [(ln, ln.reason, Stage.REFUNDING, "", None) for ln in o.lines if ln.stage is Stage.REFUNDING]
            if asked:
                out.append(refund_after_shipping(o, asked, whole=len(asked) == len(o.live_lines())))
    return out


def _units(text: str) -> int | None:
    """A count as the export writes it (2, 2.0); None for what is not a positive whole number
    (the line's own cell is reported): the order's units are then not compared."""
    try:
        n = Decimal(text.strip())
    except InvalidOperation:
        return None
    return int(n) if n.is_finite() and n > 0 and n == int(n) else None


REFUND_DONE = "退款成功"


def refund_stage(status: str) -> Stage | None:
    """A refund's 退款状态: succeeded → the line is refunded; closed or refused → nothing is
    refunded; anything else (waiting for the seller, the return, the platform) → refunding."""
    s = status.strip()
    if not s:
        return None
    if REFUND_DONE in s:
        return Stage.CANCELLED
    if "关闭" in s or "拒绝" in s:
        return None
    return Stage.REFUNDING


def read_refunds(tables, res) -> list[PlatformOrder]:
    """The refund export: one row per refund, against its order and item (商品编码). Each order
    comes back as its refunds: a stage per line the refund names."""
    from ..platform_export import _code, _moment, _money, _numberless, _order_no, cell

    out: dict[str, PlatformOrder] = {}
    # 退款编号 → its order and the index of its line: a refund in a later export (files in the order given:
    # the morning's, then the evening's) is where that one says it is, not open and settled at once
    at: dict[str, tuple[str, int]] = {}
    unread: dict[str, list] = {}  # order no. → (file, row) of its refunds whose 退款编号 did not read
    for t in tables:
        for k, row in enumerate(t.rows):
            if _numberless(t, k, row, ("订单编号",), res, ("退款状态",)):
                continue
            no = _order_no(t, k, row, ("订单编号",), res)
            if not no:
                continue
            # None: Excel made it 1.73845E+17, its last digits gone (every refund of a re-saved export alike), said
            refund_no = _code(t, k, row, ("退款编号",), res, ("这笔退款没有导入，它的订单也没有改动。",
                                                             " The refund was not imported, nor its order changed."))
            if refund_no is None:  # refunds are told apart by it: two of one order would read as one
                unread.setdefault(no, []).append((t.name, t.line(k)))
                continue
            status = cell(row, "退款状态")
            reasons = (cell(row, "买家退款原因"), cell(row, "买家退款说明"))
            reason = "；".join(x for x in reasons if x)
            o = out.setdefault(no, PlatformOrder(Platform.TAOBAO, no, Stage.WAITING, status, file=t.name,
                                                 row=t.line(k), kind="refund"))
            amount = _money(t, k, row, ("买家退款金额", "退款金额"), res)
            needs_return = cell(row, "是否需要退货") in ("是", "需要", "true", "True", "1")
            # what a person needs beside the order: why, how much, whether goods come back
            money = f"¥{amount}" if amount is not None else ""
            # Tmall's export carries exchanges (售后类型 换货), which end 退款关闭 when done: no refund ended unpaid
            exchange = "换货" in cell(row, "售后类型")
            line = PLine([cell(row, "商品编码")] if cell(row, "商品编码") else [], 0, None, refund_stage(status),
                         refund_said("zh", status, reasons, money, needs_return), cell(row, "宝贝标题"), t.line(k),
                         reason_en=refund_said("en", status, reasons, money, needs_return),
                         refund_closed=bool(status.strip()) and refund_stage(status) is None and not exchange)
            done_at = _moment(t, k, row, ("退款完结时间",))
            line.refund = {"refund_no": refund_no, "amount": amount, "needs_return": needs_return,
                           "done_at": done_at, "paid": _money(t, k, row, ("买家实际支付金额",), res),
                           "status": status, "reason": reason, "whole": "全部" in cell(row, "部分退款/全部退款"),
                           "goods": cell(row, "货物状态"), "return_tracking": _return_tracking(t, k, row, res),
                           "exchange": exchange}
            if refund_no and at.get(refund_no, ("",))[0] == no:
                o.lines[at[refund_no][1]] = line
                o.status_text, o.file, o.row = status, t.name, t.line(k)
                continue
            if refund_no:
                at[refund_no] = (no, len(o.lines))
            if o.file != t.name:  # another refund of it in a later export: the record is as new as that export
                o.file, o.row = t.name, t.line(k)
            o.lines.append(line)
    for no, o in out.items():  # a refund of it that did not read: the order is not judged without it (lifecycle)
        o.unread = unread.get(no, [])
    return list(out.values())


# a tracking number within 退货物流信息's words (中通快递 75123456789012): letters then digits, or digits
_TRACKING = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{0,4}\d{8,}(?![A-Za-z0-9])")


def _return_tracking(t, k: int, row: dict, res) -> str | None:
    """The tracking number of the parcel the buyer sent back (the export's 退货物流单号, or the one
    number in 退货物流信息), None when the export has none. A number Excel turned into 7.5E+11 is
    said, with a warning: it fills no cell, as nothing it says can be trusted."""
    from ... import values as V
    from ..platform_export import _issue, cell

    raw = bare(cell(row, "退货物流单号"))
    if not raw:
        found = _TRACKING.findall(cell(row, "退货物流信息"))
        raw = found[0] if len(found) == 1 else ""
    if not raw:
        return None
    try:
        return V.parse_code(raw) or None
    except V.BadValue as e:
        res.issues.append(_issue(t, k, "退货物流单号", raw, f"{e.zh}售后单的退货单号没有填。",
                                 f"{e.en} The case's return tracking no. was left blank.", severity="warning"))
        return None


def _memo(note: str, memo: str) -> str | None:
    """The seller's memo of an order list's row: its 订单备注, and a newer export's 商家备忘 beside it, which often
    holds the same memo (once, then: its spaces and line breaks aside)."""
    if note and memo and " ".join(note.split()) == " ".join(memo.split()):
        return note
    return "；".join(x for x in (note, memo) if x) or None
