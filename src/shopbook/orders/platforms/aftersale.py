"""拼多多 and 抖店 say an after-sale in their order export's 售后状态, not in a refund export.
On an order they already shipped it comes back as a refund record (kind "refund"), the shape
Taobao's 退款 export gives: the import notes it beside the order and opens its 售后 case once
(orders/lifecycle.py, aftersales/cases.py); stock comes back only when the return is scanned."""

from __future__ import annotations

from decimal import Decimal

from ..marks import refund_said
from . import PlatformOrder, PLine, Stage


def after_stage(after: str, done: tuple[str, ...], over: tuple[str, ...]) -> Stage | None:
    """A 售后状态: refunded (`done` words) → cancelled; none or ended (`over` words) → None;
    anything else (售后处理中, 退款中, 待商家处理 …) → refunding."""
    a = after.strip()
    if not a:
        return None
    if any(w in a for w in done):
        return Stage.CANCELLED
    if any(w in a for w in over):
        return None
    return Stage.REFUNDING


def refunded_in_part(line: PLine, after: str, amount: Decimal | None) -> None:
    """A line whose 订单状态 still says 待发货 beside a 售后状态 of a refund paid: refunded in part, still to ship
    (PLine.refunded_part), the platform's words (and the amount, where the export has it) its reason."""
    line.refunded_part = True
    line.reason = f"{after.strip()} ¥{amount}" if amount is not None else after.strip()


def says_none(after: str) -> bool:
    """A 售后状态 of no after-sale (拼多多's 无售后或售后取消: never asked, or withdrawn; the export does
    not say which)."""
    return after.strip().startswith("无")


def after_ended(after: str, done: tuple[str, ...], over: tuple[str, ...]) -> bool:
    """A 售后状态 saying an after-sale ended unpaid (售后取消, 关闭, 驳回 …): what releases an order held for
    it. Not 无售后 (says_none), which an export from before it was asked says too."""
    a = after.strip()
    return bool(a) and not says_none(a) and after_stage(a, done, over) is None


def needs_return(after: str) -> bool | None:
    """Whether a 售后状态 says goods come back: 退货退款… yes, 仅退款… no (before, left unsaid: a 退货退款 case opened
    asking whether goods come back, and 如有退货… said, of a refund the words said takes none), else unsaid."""
    return True if "退货" in after else False if "仅退款" in after else None


def refund_after_shipping(o: PlatformOrder, refunds: list[tuple[PLine, str, Stage, str, Decimal | None]],
                          whole: bool, part: bool = False) -> PlatformOrder:
    """The refund record of a shipped order: one line per (line, 售后状态, its stage, after-sale key, amount).
    The key (order or sub-order no.: the export has no refund number) opens the case once.
    Whether goods come back is known only when the words say so (needs_return); else it is left open (None). `part`: the
    export says the refund is of part of it (拼多多's 已发货，待收货 beside 退款成功), of how much it does not."""
    r = PlatformOrder(o.platform, o.order_no, Stage.WAITING, o.status_text, file=o.file, row=o.row, kind="refund")
    for ln, after, stage, key, amount in refunds:
        money = f"¥{amount}" if amount is not None else ""
        line = PLine(ln.codes, ln.qty, None, stage, refund_said("zh", after, (), money, "退货" in after), ln.title,
                     ln.row, reason_en=refund_said("en", after, (), money, "退货" in after))
        # no amount to the ledger: these platforms' refunds are not paid from the 支付宝 account refunds.py books to
        line.refund = {"refund_no": key, "amount": None, "needs_return": needs_return(after),
                       "done_at": None, "status": after, "reason": after, "whole": whole, "goods": "", "part": part}
        r.lines.append(line)
    return r
