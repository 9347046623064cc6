"""Every platform's order export read into one shape: a `PlatformOrder` per order, its
lines, and the stage of its life the export shows (waiting, refunding, cancelled,
shipped, delivered). Files are told apart by their headers, never by their names.

The header lists of each format are those of ../shared/PLATFORMS.md: a reader finds
columns by name (any order, full- or half-width brackets, trailing spaces), accepts the
known variants, and a file that is none of them names the columns it lacks for each
format it resembles.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from decimal import Decimal

from ...io.reader import header_key
from ...schema import Platform
from ..marks import SEMI


class Stage(enum.IntEnum):
    """Where an order is in its life on the platform."""

    UNPAID = 0
    WAITING = 1  # paid, waiting to ship
    REFUNDING = 2  # a refund or after-sale asked for, not settled, before shipping
    CANCELLED = 3  # closed, cancelled or fully refunded before shipping
    SHIPPED = 4
    DELIVERED = 5


@dataclass
class PLine:
    """One line of a platform order: the codes that may name our SKU (merchant code first,
    then the platform's own ids), how many, the unit price, and the line's own stage."""

    codes: list[str]
    qty: int
    unit_price: Decimal | None
    stage: Stage | None = None  # None: the order's stage
    reason: str = ""
    title: str = ""
    row: int = 0
    refund: dict | None = None  # a refund export's line: refund_no, amount, needs_return, status, reason
    shipped_by: str = ""  # a line the platform shipped on its own: its courier and tracking no., where given
    reason_en: str = ""  # `reason` as an English shop's cells say it, where shopbook's words are in it
    file: str = ""  # the file `row` is in, where it is not the order's (Taobao's item list)
    # the export says a refund or after-sale of it ended unpaid (退款关闭, 售后关闭, 驳回): only this releases
    # an order held for a refund. Silence (no refund column, 无售后, 没有申请退款) may be an older export
    refund_closed: bool = False
    # its after-sale column says none (拼多多's 无售后或售后取消: never asked, or withdrawn: the export does not
    # say which), while shopbook holds the order for a refund: a person is told to look
    no_after_sale: bool = False
    # a refund of it succeeded while the platform still has it to ship (拼多多/抖店 待发货 beside 售后状态 退款成功):
    # a refund of the whole is written into the status (未发货，退款成功, 已取消; 抖店 closes the sub-order), so
    # this is part of it (a price difference, some of its units) and it still ships. Live, held for a person
    refunded_part: bool = False

    def said(self, lang: str) -> str:
        """The reason in the shop's language: the platform's words as they are, shopbook's in `lang`."""
        return self.reason if lang == "zh" else self.reason_en or self.reason


@dataclass
class PlatformOrder:
    platform: Platform | None  # None: a waybill tool's file, which names no platform
    order_no: str
    stage: Stage
    status_text: str  # the platform's own words
    reason: str = ""
    head: dict = field(default_factory=dict)  # OrderLine fields: receiver, phone, address, paid_at …
    lines: list[PLine] = field(default_factory=list)
    courier: str = ""
    tracking_no: str = ""
    shipped_at: dt.datetime | None = None
    file: str = ""
    row: int = 0
    kind: str = "order"  # order | refund | tracking: what the file was
    partly_shipped: bool = False  # the order's own status says some lines shipped (淘宝 卖家部分发货)
    sku_change: str = ""  # the SKU changed on the platform after it was paid (淘宝 修改后的sku), as it says it
    columns: dict = field(default_factory=dict)  # head field → the export's column(s) it is read from: a blank is located there
    # (units the order says, units its item lines hold, a warning at the order's count) where the item
    # list holds fewer (淘宝 宝贝总数量): a new order is then not imported short (orders/lifecycle)
    items_short: tuple | None = None
    # (file, row) of each of its item lines that did not read (the error said there): imported or moved on
    # without it, the order would ship short, or be judged by the lines left (its only live line missing: cancelled)
    unread: list = field(default_factory=list)
    # its file's place among the import's Taobao order lists and refund exports by when they were made, where
    # an older refund export goes before a newer order list (platform_export._refunds_in_time); 0 otherwise
    at: int = 0
    # an order or refund export's: the earliest it can have been made (the export time in its file name, or the
    # latest time in it), where a waybill tool's file is given with it (platform_export.read_order_files); a
    # shipped file's: the latest its waybills can have been printed (its modified time)
    made: dt.datetime | None = None

    def _lines_share_its_stage(self) -> bool:
        for ln in self.lines:  # (a loop: asked three times of each of a month's 18,000 orders)
            if ln.stage is not None:
                return False
        return True

    def plainly_waiting(self) -> bool:
        """Paid and waiting, every line with it, no line shipped or refunded in part: nearly every order of
        an export, to which nothing is to be done but bring it in."""
        if self.stage is not Stage.WAITING or self.partly_shipped:
            return False
        for ln in self.lines:  # (_lines_share_its_stage and no refund in part, in one loop: 18,000 orders a month)
            if ln.stage is not None or ln.refunded_part:
                return False
        return True

    def live_lines(self) -> list[PLine]:
        return [ln for ln in self.lines if (ln.stage or self.stage) is not Stage.CANCELLED]

    def settled_stage(self, lang: str = "zh") -> tuple[Stage, str]:
        """The order's stage from its lines: every line cancelled or refunded → cancelled; a line
        refunding, or some refunded while others wait → refunding (a person decides). The lines'
        reasons joined in `lang`."""
        sep = SEMI.say(lang)
        if self.stage in (Stage.UNPAID, Stage.CANCELLED, Stage.SHIPPED, Stage.DELIVERED) or not self.lines:
            return self.stage, self.reason
        if self.stage is Stage.WAITING and self._lines_share_its_stage():  # nearly every order: nothing to settle
            return self.stage, self.reason
        stages = [ln.stage or self.stage for ln in self.lines]
        if all(s is Stage.CANCELLED for s in stages):
            return Stage.CANCELLED, self.reason or sep.join(dict.fromkeys(ln.said(lang) for ln in self.lines if ln.reason))
        refunding = [ln for ln, s in zip(self.lines, stages) if s is Stage.REFUNDING]
        if refunding:
            return Stage.REFUNDING, sep.join(dict.fromkeys(ln.said(lang) for ln in refunding if ln.reason)) or self.reason
        live = [s for s in stages if s is not Stage.CANCELLED]
        if all(s >= Stage.SHIPPED for s in live):  # shipped only when every live line has (a part shipped waits)
            return min(live), self.reason
        return self.stage, self.reason

    def shipped_part(self) -> list[PLine] | None:
        """The lines the platform shipped when it shipped only some of the order; None when it
        shipped none or all of it. Empty when the status says "partly" but no line says which."""
        if self.stage in (Stage.UNPAID, Stage.CANCELLED, Stage.SHIPPED, Stage.DELIVERED):
            return None
        if self.stage is Stage.WAITING and self._lines_share_its_stage():  # no line shipped
            return [] if self.partly_shipped else None
        live = self.live_lines()
        done = [ln for ln in live if (ln.stage or self.stage) >= Stage.SHIPPED]
        if done and len(done) < len(live):
            return done
        return [] if self.partly_shipped else None

    def went_then_closed(self) -> bool:
        """Whether every line of it is closed with a parcel of its own (抖店 closes a sub-order that shipped once
        its after-sale is paid): it went out before it closed."""
        return self.kind == "order" and bool(self.lines) and all(
            (ln.stage or self.stage) is Stage.CANCELLED and ln.shipped_by for ln in self.lines)

    def says_no_after_sale(self) -> bool:
        """Whether the export says the order has no after-sale (无售后或售后取消), on every line."""
        return bool(self.lines) and all(ln.no_after_sale for ln in self.lines)

    def refund_closed(self) -> bool:
        """Whether the export says a refund of the order ended unpaid (a line's 退款关闭, 售后关闭 …)."""
        return any(ln.refund_closed for ln in self.lines)

    def partly_refunded(self) -> list[PLine]:
        """The lines refunded (or refunded in part) of an order still waiting to ship."""
        if self.stage is not Stage.WAITING:
            return []
        return [ln for ln in self.lines if ln.stage is Stage.CANCELLED or ln.refunded_part]


@dataclass(frozen=True)
class Format:
    """One export format: the columns that identify it (each a tuple of accepted names)."""

    key: str
    name_zh: str
    name_en: str
    needs: tuple[tuple[str, ...], ...]

    def missing(self, header: set[str]) -> list[str]:
        return [names[0] for names in self.needs if not any(header_key(n) in header for n in names)]


TAOBAO_ORDERS = Format("taobao-orders", "淘宝/天猫 订单报表", "Taobao/Tmall order list",
                       (("订单编号", "主订单编号"), ("订单状态",), ("收货地址", "收货人地址")))
TAOBAO_DETAILS = Format("taobao-details", "淘宝/天猫 宝贝报表（销售明细）", "Taobao/Tmall item list",
                        (("订单编号", "主订单编号"), ("购买数量",), ("商家编码", "外部系统编号", "标题")))
TAOBAO_REFUNDS = Format("taobao-refunds", "淘宝/天猫 退款报表", "Taobao/Tmall refund export",
                        (("退款编号",), ("订单编号",), ("退款状态",), ("买家退款金额", "退款金额")))
PINDUODUO = Format("pinduoduo", "拼多多 订单查询导出", "Pinduoduo order export",
                   (("订单号",), ("订单状态",), ("商品数量(件)", "商品数量"),
                    ("商家编码-规格维度", "商家编码-SKU维度", "商家编码-商品维度"), ("售后状态",)))
DOUYIN = Format("douyin", "抖店 订单导出", "Douyin shop order export",
                (("主订单编号",), ("子订单编号",), ("订单状态",), ("商品数量",), ("商家编码", "商品ID")))
TRACKING = Format("tracking", "发货文件（订单号、快递公司、快递单号）", "shipped file (order no., courier, tracking no.)",
                  (("订单编号", "订单号", "主订单编号", "order_no"),
                   ("快递公司", "物流公司", "快递名称", "courier"),
                   ("快递单号", "运单号", "物流单号", "面单号", "tracking_no")))
FORMATS = (TAOBAO_ORDERS, TAOBAO_DETAILS, TAOBAO_REFUNDS, PINDUODUO, DOUYIN, TRACKING)
# columns only a platform's own export of orders or refunds has: a file with one of them is such an
# export (perhaps with columns lost), never a waybill tool's shipped file, whose rows are parcels. A
# Taobao order list without its 收货地址 taken for one shipped its closed orders and dropped the rest
ORDER_EXPORT_MARKS = ("订单状态", "售后状态", "退款状态", "买家实际支付金额")


def order_export_marks(header: list[str] | set[str]) -> list[str]:
    keys = set(header)
    return [n for n in ORDER_EXPORT_MARKS if header_key(n) in keys]


def classify(header: list[str]) -> str | None:
    """The format whose columns a header has all of; None when it is none of them. Checked
    most specific first: a Douyin export also has the columns of a shipped file."""
    keys = set(header)
    for f in (TAOBAO_REFUNDS, DOUYIN, PINDUODUO, TAOBAO_ORDERS, TAOBAO_DETAILS):
        if not f.missing(keys):
            return f.key
    if not TRACKING.missing(keys):
        # a platform's order export with columns lost (its status cut off) still holds order no.,
        # courier and tracking no.: it is a broken export to be named, not a waybill tool's file
        if order_export_marks(keys) or any(len(f.needs) - len(f.missing(keys)) >= 3
                                           for f in (PINDUODUO, DOUYIN, TAOBAO_ORDERS)):
            return None
        return TRACKING.key
    return None


def resemblance(header: list[str]) -> list[tuple[Format, list[str]]]:
    """For a file that is none of the formats: each format it shares a column with, and the
    columns it lacks for it (the closest first)."""
    keys = set(header)
    out = []
    for f in FORMATS:
        missing = f.missing(keys)
        if len(missing) < len(f.needs):
            out.append((f, missing))
    out.sort(key=lambda x: len(x[1]))
    return out
