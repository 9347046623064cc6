"""Order review (审单): the rules of the 审单规则 sheet over 待审核 orders.

Each rule can be switched off and has an editable parameter; an empty sheet means
every rule on with its default. A *hold* reason sends the order to 已挂起 for a
person; a *note* is written beside an approved order. Stock is allotted to the order due
first first (picking.ship_due: the platform's 承诺发货时间, else 48 hours after payment), after
every order already approved but not shipped.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from ..issues import Issue, en_count
from ..schema import OrderLine, OrderStatus, Product, ProductStatus, ReviewRule
from ..schema.orders import SEALED
from ..values import by_code_key, code_key, fold_width, normalize_text
from .address import Address, check_phone, parse_addresses, places, short_province, without_districts
from .marks import (ADDRESS, CANCELLED, HELD, HELD_BY_HAND, HELD_TYPED, PART_SHIPPED, PARTIAL, REFUNDING,
                    RELEASED, ROWS_SHORT, SHIPPED, SKU, UNMAPPED, Word, says_held, shipped_in_full)
from .picking import hidden_by_platform, order_words, ship_due

# rule key → (Chinese name in the sheet, English name, default parameter, what it checks)
RULES: dict[str, tuple[str, str, str, str]] = {
    "phone": ("手机号格式", "phone format", "", "手机号是 11 位、1 开头（虚拟号带分机号、港澳台号码也算）；打了星号的号码记为“无法核对”"),
    "address": ("地址解析", "address", "", "地址能解析出省、市、区；寄港澳台的订单人工确认"),
    "remote": ("偏远地区", "remote area", "", "偏远省份要人工确认运费（参数：省份，逗号分隔）"),
    "sku": ("商品编码", "sku", "", "商家编码存在且在售"),
    "stock": ("库存不足", "stock", "", "可用库存够发（最早要发的先得：平台承诺的发货时间，没有的按付款后 48 小时）"),
    "message": ("留言备注", "message", "", "有买家留言、卖家备注或改过地址/SKU 的订单人工审"),
    "merge": ("合并发货", "merge", "", "同一收货人和地址的多个订单建议合并发货"),
}


# where a parcel is no domestic one (another courier service, customs): cpca parses them as provinces
OUTSIDE_MAINLAND = {"香港": "Hong Kong", "澳门": "Macau", "台湾": "Taiwan"}


# the words before a text from outside in a hold (a buyer's message, a seller's note, a platform's record
# of changes): a list that cannot show a page of it cuts it there, never shopbook's own words
QUOTED = ("买家留言：", "卖家备注：", "平台记录的修改：", "审单结果原写着：", "buyer message: ", "seller note: ",
          "changed on the platform: ", "the review cell said: ")
# before a person's words found in the 审单结果 of an order still 待审核 (persons_words), as the review keeps them
TYPED = ("审单结果原写着：", "the review cell said: ")


@dataclass
class RuleSet:
    enabled: dict[str, bool]
    params: dict[str, str]

    def on(self, key: str) -> bool:
        return self.enabled.get(key, True)


def rules_from_sheet(rows: list[ReviewRule], remote_default: list[str]) -> tuple[RuleSet, list[Issue]]:
    by_name = {}
    for key, (zh, en, _, _) in RULES.items():
        for n in (zh, en, key):
            by_name[normalize_text(n).lower()] = key
    enabled, params, issues = {}, {"remote": ",".join(remote_default)}, []
    for r in rows:
        key = by_name.get(normalize_text(r.rule).lower())
        if key is None:
            names = "、".join(v[0] for v in RULES.values())
            issues.append(Issue("warning", f"不认识的审单规则“{r.rule}”，已忽略。可用的规则：{names}。",
                                f"Unknown review rule '{r.rule}', ignored. Known rules: "
                                + ", ".join(v[1] for v in RULES.values()) + ".",
                                sheet="审单规则", row=r.row, field="rule", value=r.rule))
            continue
        enabled[key] = bool(r.enabled)
        if r.parameter:
            params[key] = r.parameter
    return RuleSet(enabled, params), issues


_HELD_WORD = re.compile(r"(^|；|; )(?:自动挂起：|auto-held: |挂起：|held: )")  # (HELD, HELD_TYPED)
_NOTE_WORD = re.compile(r"(?:^|；|; )(?:提示：|note: )")


def held_reasons(review: str, notes: bool = True) -> str:
    """A 审单结果 cell's words without the "held:" before each reason (Decision.text writes it), for
    a line that says the order is held already; without `notes`, the reasons alone (the notes
    come after them)."""
    if not notes:
        review = _NOTE_WORD.split(review, 1)[0]
    return _HELD_WORD.sub(r"\1", review)


def shipped_review(review: str | None, lang: str) -> str | None:
    """The 审单结果 of an order that ships while the cell still says held (挂起：…, Decision.text: a person
    approved it by hand, or the platform or a waybill tool shipped it): its hold reasons as what was, its
    notes kept, in `lang` (已发货（原挂起：地址无法解析…）；提示：…). None where the cell holds no hold reason."""
    if not review or not _HELD_WORD.search(review):
        return None
    return _was_held(review, SHIPPED, lang)


# what released_review writes of an order held by hand and released (head, before a person's words, tail): read back
# by _WAS_HAND_HELD
_RELEASED_FROM_HAND = {"zh": ("人工放行（原人工挂起", "：", "）"), "en": ("released by hand (was held by hand", ": ", ")")}


def released_review(review: str | None, lang: str) -> str | None:
    """The 审单结果 of an order a person approved (已挂起 → 已审核) while the cell still says held, as Decision.text
    wrote it: that it was released by hand, its hold reasons as what was, its notes kept (人工放行（原挂起：地址无法
    解析…）；提示：…); held by hand (hand_held_review): 人工放行（原人工挂起）；提示：…, a person's words after it kept
    (人工放行（原人工挂起：先别发）). None for a cell that does not start with the review's 挂起： or 人工挂起 (words a
    person wrote there)."""
    if HELD_BY_HAND.begins(review):
        notes = _notes(review)
        # (their own words after it, 人工挂起：先别发, as typed or as the import keeps a person's hold: kept)
        said = review[:_NOTE_WORD.search(review).start()] if notes else review
        words = next((said[len(w):].lstrip("：:").strip() for w in HELD_BY_HAND if said.startswith(w)), "")
        words = words.rstrip("；;").strip()
        head, colon, tail = _RELEASED_FROM_HAND["zh" if lang == "zh" else "en"]
        was = head + (colon + words if words else "") + tail
        return was + (("；" if lang == "zh" else "; ") + notes if notes else "")
    return _was_held(review, RELEASED, lang) if says_held(review) else None


PASSED = ("通过", "ok")  # the 审单结果 of an order the review approved without a note, in either language


def passed(review: str | None) -> bool:
    """Whether a 审单结果 says the order passed (PASSED), as a person types it too: OK, Ok, ＯＫ, 通过 with spaces."""
    return bool(review) and fold_width(review).strip().casefold() in PASSED


def hand_held_review(review: str | None, lang: str) -> str | None:
    """The 审单结果 of an order a person held (已审核 → 已挂起) while the cell still says the review let it go, as
    Decision.text or released_review wrote it (通过, 提示：…, 人工放行（…）): 人工挂起, its notes kept (人工挂起；提示：…).
    None for any other cell: a hold's reasons, 人工挂起 already, words a person wrote there."""
    if not review:
        return None
    if passed(review):
        notes = ""
    elif RELEASED.begins(review) or _NOTE_WORD.match(review):
        notes = _notes(review)
    else:
        return None
    return HELD_BY_HAND.say(lang) + (("；" if lang == "zh" else "; ") + notes if notes else "")


def held_by_hand(review: str | None) -> bool:
    """Whether the 审单结果 of a held order says a person held it (已审核 → 已挂起): 人工挂起 written by the
    review since, the review's 通过 / 提示：… still there (hand_held_review), or their own reason typed as the
    review words one (挂起：先别发…, not review_held). Its age is the payment's, not the hold's, and its release is
    theirs: never an order stuck since the review."""
    return HELD_BY_HAND.begins(review) or hand_held_review(review, "zh") is not None or (
        says_held(review) and not review_held(review))


# the reasons earlier versions held an order for (Decision's holds, the import's), after 挂起：/held: : a workbook's older
# holds, written before shopbook wrote its own word (HELD). Each by its opening words, as every version worded it
# (商家编码 X 不存在 with and without a colon after it: an older hold read as a person's would stay held for good),
# but no looser than that: 挂起：地址要改, 挂起：库存不足：等到货再发 or 挂起：平台上买家要换货, a person's typed whole over
# the cell, is theirs (held by hand, never reviewed again), not read as the review's 地址… / 库存不足：… / 平台… hold
_END = r"(?=$|；|; |）|\))"  # a reason's end: the cell's, the next part's, a released cell's 原挂起（…）'s
# (a reason known by its last words runs back to the part's start alone, [^；;]+: a person's words quoted before it,
# 先别发；等买家电话；SH-X 已下架, are never taken for part of it, _REASON_AFTER)
_EARLIER_HOLDS = re.compile("|".join((
    r"售后单 \S+ .*补发单", r"case .+? is .*resend", r"手机号“", r"phone '", r"港澳台地址（", r"[^；;]+ address: not a domestic parcel",
    r"地址无法解析", r"地址没写明省和市", r"the address does not parse", r"the address names ", r"偏远地区（",
    r"remote area \(", r"商家编码 \S.* 不存在", r"unknown SKU ", r"[^；;]+ 已下架" + _END, r"[^；;]+ is delisted" + _END,
    r"[^；;]+是“商品映射”表里的平台编码",
    r"[^；;]+ is a platform code on the SKU map", r"买家留言：", r"卖家备注：", r"平台记录的修改：", r"buyer message: ",
    r"seller note: ", r"changed on the platform: ", r"库存不足：\S.* 需要 \d", r"not enough stock: \S.* needs \d",
    # the import's (lifecycle): 平台退款中, 平台部分发货…, 平台已取消, 平台已发货，编码…, 平台上还有…
    r"平台(?:退款|部分|已取消|已发货，编码|上还有 |上的收货地址和订单表的不同|上改了商品规格)", r"买家在平台改了收货地址",
    r"on the platform, ", r"the platform shipped part", r"the platform has ", r"the platform's address differs",
    r"shipped on the platform, code ", r"the item was changed on the platform",
    r"the buyer changed the address on the platform")), re.S)


def _earlier_hold(reason: str) -> bool:
    return _EARLIER_HOLDS.match(reason) is not None


_PARTS = re.compile(r"(?:；|; )(?=自动挂起：|auto-held: |挂起：|held: |提示：|note: )")


def review_held(review: str | None) -> bool:
    """Whether a 审单结果 is shopbook's own held words (Decision.text, the import's holds): each hold in it is in
    shopbook's own word (HELD: 自动挂起：…), or, in a cell an earlier version wrote (挂起：…), one of the reasons it gave
    (_EARLIER_HOLDS). 挂起：先别发，买家要改地址 is a person's, typed as they see the review word a hold: theirs to release,
    never the review's to take back."""
    if not says_held(review):
        return False
    parts = _PARTS.split(review)
    # (a cell this version wrote holds its word: a 挂起：… beside it is a person's, typed there since; one without it
    # is an earlier version's, or a person's, told apart by the reasons)
    ours = any(HELD.begins(part) for part in parts)
    for part in parts:
        if HELD.begins(part):
            continue
        for w in HELD_TYPED:
            if part.startswith(w) and (ours or not _earlier_hold(part[len(w):].strip())):
                return False
    return True


def persons_words(review: str | None) -> tuple[str, str]:
    """The words of a person in the 审单结果 of an order still 待审核, which the review is about to write: (typed, kept).
    `typed`: their words a hold of the review's quoted still (the order set back to 待审核 unreleased: held on them
    again), else the cell whole where shopbook never wrote it (通过, its holds and notes, 人工放行/人工挂起…, 已发货（原挂起…）,
    the import's 退款已关闭… and 已取消…): a person's note (先别发，等买家回复; 挂起：地址要改), for the review to hold the
    order on, quoted, so it is never written over unread. `kept`: their words such a hold quoted before (TYPED), in a
    cell of shopbook's now set back to 待审核 (read, released, to review again): carried on as a note, never lost."""
    r = (review or "").strip()
    if not r:
        return "", ""
    own = (passed(r) or review_held(r) or _NOTE_WORD.match(r) is not None or RELEASED.begins(r)
           or _hand_held_said(r) or CANCELLED.begins(r) or r in REFUND_CLOSED_SAID
           or r.startswith((f"{SHIPPED.zh}（原挂起：", f"{SHIPPED.en} (was held: ")))
    return _quoted(r) if own else (r, "")


def quoted_words(review: str | None) -> str:
    """A person's words a cell of shopbook's quotes (审单结果原写着：…), held on or carried on as a note, '' where none."""
    typed, kept = persons_words(review)
    return "" if typed == (review or "").strip() else "；".join(w for w in (typed, kept) if w)


def _quoted(r: str) -> tuple[str, str]:
    """persons_words of a cell shopbook wrote: (their words a hold still quotes, their words quoted otherwise)."""
    kept, again = [], []
    gone = RELEASED.begins(r) or r.startswith(SHIPPED.zh) or r.startswith(SHIPPED.en)
    for t in TYPED:
        at = r.find(t)
        while at >= 0:
            words = _PARTS.split(r[at + len(t):], 1)[0]
            if gone:
                words = words.removesuffix("）").removesuffix(")")  # (人工放行（原挂起：…）)
                # (the reasons after them there are the review's own, their word taken off: held_reasons)
                words = _REASON_AFTER.split(words, 1)[0]
            # still a hold of the review's (自动挂起：审单结果原写着：…), the order set back to 待审核 by a person who
            # settled another of its holds, never released: held on their words again, as the first time
            into = again if not gone and r[:at].endswith((*HELD, *HELD_TYPED)) else kept
            if words and words not in into:
                into.append(words)
            at = r.find(t, at + len(t))
    if gone and (m := _WAS_HAND_HELD.search(r)):  # 人工放行（原人工挂起：先别发）: their words as released_review kept them
        kept.append(m.group(1) or m.group(2))
    return "；".join(again), "；".join(w for w in kept if w not in again)


# a released cell's words of a person's own hold, as released_review writes them (人工放行（原人工挂起：先别发）)
_WAS_HAND_HELD = re.compile("(?:" + "|".join(f"^{re.escape(head + colon)}(.+?){re.escape(tail)}"
                                             for head, colon, tail in _RELEASED_FROM_HAND.values()) + ")(?:$|；|; )")


def _hand_held_said(review: str) -> bool:
    """Whether a 审单结果 is 人工挂起 as shopbook writes it (hand_held_review: alone, or its notes after it), not
    人工挂起：先别发 typed by a person over a new order: their words, for the review to hold it on."""
    # (人工挂起；先别发 typed is theirs: shopbook puts nothing but its notes, 提示：…, after the word)
    return any(review == w or (review.startswith((w + "；", w + "; ")) and _NOTE_WORD.match(review, len(w)))
               for w in HELD_BY_HAND)


# in a released cell's 原挂起：… (held_reasons: without their word), where the review's own reasons begin after a
# person's words it quoted: 审单结果原写着：先别发；库存不足：SH-WH-M 需要 9，可用 5
_REASON_AFTER = re.compile(r"(?:；|; )(?=" + _EARLIER_HOLDS.pattern + ")", re.S)


REFUND_CLOSED_SAID = ("退款已关闭，请重新审单", "refund closed: review again")  # (lifecycle: a refund closed, to review)


def since_review(ln: OrderLine, lang: str) -> bool:
    """Whether row `ln` says a person approved or held its order since the review wrote its 审单结果: 已审核 on
    a cell that says held (挂起：…, 人工挂起), 已挂起 on one that says it passed (hand_held_review). A row, not yet
    its order (by_hand_reviews)."""
    if ln.status is OrderStatus.APPROVED:
        return says_held(ln.review) or HELD_BY_HAND.begins(ln.review)
    return ln.status is OrderStatus.HELD and hand_held_review(ln.review, lang) is not None


def by_hand_reviews(lines: list[OrderLine], orders: Collection[str], lang: str) -> dict[int, str]:
    """Row → its 审单结果 now, for the rows of `orders` (a row of each said since_review): an order a person
    approved (order_status: every row, a 已挂起 one holds it still) released_review, one they held
    hand_held_review; a cell in a person's words, or that says so already, is left out."""
    out = {}
    for ls in group_orders([ln for ln in lines if ln.order_no in orders]).values():
        status = order_status(ls)
        say = (released_review if status is OrderStatus.APPROVED else
               hand_held_review if status is OrderStatus.HELD else None)
        for ln in ls if say else ():
            if ln.row and (now := say(ln.review, lang)):
                out[ln.row] = now
    return out


def why_held(platform_status: str | None, review: str | None) -> str:
    """Why an order is held or cancelled now, as its cells say it: its 平台状态, else its 审单结果, but '' where
    that still says the review passed it (通过, 提示：…, 人工放行…: a person set the status by hand since, and no
    review has said so yet): never '已挂起（通过）'."""
    said = platform_status or review or ""
    return "" if hand_held_review(said, "zh") is not None else said


def _notes(review: str) -> str:
    """The notes of a 审单结果 (提示：… on), '' where it has none."""
    note = _NOTE_WORD.search(review)
    return review[note.start():].lstrip("；; ") if note else ""


def _was_held(review: str, now: Word, lang: str) -> str:
    """A held 审单结果 (Decision.text's words) as what is `now` and what was: 已发货（原挂起：…）；提示：…"""
    note = _NOTE_WORD.search(review)
    reasons = held_reasons(review[:note.start()] if note else review)
    notes = review[note.start():].lstrip("；; ") if note else ""
    sep = "；" if lang == "zh" else "; "
    was = f"{now.zh}（原挂起：{reasons}）" if lang == "zh" else f"{now.en} (was held: {reasons})"
    return was + (sep + notes if notes else "")


def shipped_cells(platform_status: str | None, review: str | None, lang: str) -> dict[str, str]:
    """The cells of an order that has gone out whose words said otherwise: a 部分发货 平台状态 says it went
    whole (marks.shipped_in_full), a 挂起 审单结果 says it was held (shipped_review). Empty where neither."""
    whole, was = shipped_in_full(platform_status, lang), shipped_review(review, lang)
    return {**({"platform_status": whole} if whole else {}), **({"review": was} if was else {})}


# the holds the shop settles outside the order (the SKU added to 商品 or typed right, stock come in, the item
# listed again), as the review words them (_unknown_sku, the stock and delisted holds): an order the review
# held for these alone is reviewed again, in its turn by payment time (settled_elsewhere)
_SETTLED_ELSEWHERE = (
    lambda r: (r.startswith("商家编码 ") and " 不存在" in r) or r.startswith("unknown SKU "),
    lambda r: r.startswith(("库存不足：", "not enough stock: ")),
    lambda r: r.endswith((" 已下架", " is delisted")),
    lambda r: "是“商品映射”表里的平台编码" in r or " is a platform code on the SKU map" in r,
)
# 平台状态 words an order is held under by the import (a refund, a part shipped …): a person's to settle
_HELD_BY_IMPORT = tuple(w for word in (REFUNDING, PARTIAL, PART_SHIPPED, UNMAPPED, ADDRESS, SKU, ROWS_SHORT, CANCELLED)
                        for w in word)


def settled_elsewhere(ls: list[OrderLine]) -> bool:
    """Whether a held order is one to review again: every row 已挂起 with the review's own words (Decision.text:
    each part 自动挂起：/提示：, either language, or an earlier version's 挂起：… review_held reads as its own), every
    hold one the shop settles outside the order, and no hold of the import's. A person's own words in 审单结果 (挂起：库存
    不足，等到货 typed as they see the review word it), or a status they typed on an order approved, stay theirs."""
    if any(ln.status is not OrderStatus.HELD for ln in ls) or (ls[0].platform_status or "").startswith(_HELD_BY_IMPORT):
        return False
    for review in {ln.review or "" for ln in ls}:
        if not review_held(review):
            return False
        holds = 0
        for part in re.split(r"；|; ", review):
            if (w := next((w for w in (*HELD, *HELD_TYPED) if part.startswith(w)), None)) is not None:
                reason = part[len(w):]
                if not any(settled(reason) for settled in _SETTLED_ELSEWHERE):
                    return False
                holds += 1
            elif not part.startswith(("提示：", "note: ")):
                return False
        if not holds:
            return False
    return True


@dataclass
class Decision:
    order_no: str
    status: OrderStatus
    holds: list[tuple[str, str]] = field(default_factory=list)  # (zh, en)
    notes: list[tuple[str, str]] = field(default_factory=list)
    platform: str = ""  # 淘宝 / 拼多多 / 抖店: where the order was sold
    again: bool = False  # held before, reviewed again (settled_elsewhere)

    def text(self, lang: str = "zh") -> str:
        """The 审单结果 cell's words (a list that says the order is held takes held_reasons of them)."""
        k = 0 if lang == "zh" else 1
        parts = [HELD.say(lang) + r[k] for r in self.holds]
        parts += [("提示：" if lang == "zh" else "note: ") + r[k] for r in self.notes]
        return "；".join(parts) if lang == "zh" else "; ".join(parts)

    def to_json(self) -> dict:
        return {"order_no": self.order_no, "platform": self.platform, "status": self.status.value,
                "status_en": self.status.en,
                "holds": [{"zh": a, "en": b} for a, b in self.holds],
                "notes": [{"zh": a, "en": b} for a, b in self.notes]}


def group_orders(lines: list[OrderLine]) -> dict[str, list[OrderLine]]:
    out: dict[str, list[OrderLine]] = defaultdict(list)
    for ln in lines:
        out[ln.order_no].append(ln)
    return out


# a person holds an order by typing 已挂起 in the row they are looking at, not in each of its rows: one row
# cancelled, held or not yet reviewed holds the whole order back (its rows ship together, as the scan check
# wants them), whichever row comes first
HOLDING = (OrderStatus.CANCELLED, OrderStatus.CLOSED, OrderStatus.HELD, OrderStatus.NEW)


def lines_of_orders_with(lines: list[OrderLine], statuses) -> list[OrderLine]:
    """Every line of each order with a line in one of `statuses`, in sheet order, found without
    grouping a year's lines (the day's new orders, the open ones): the only orders whose status
    (order_status, its first line's) can be one of them."""
    some = {ln.order_no for ln in lines if ln.status in statuses}
    return [ln for ln in lines if ln.order_no in some] if len(some) * 2 < len(lines) else lines


def lines_of_new_orders(lines: list[OrderLine]) -> list[OrderLine]:
    """Every line of each order with a 待审核 line: the only orders whose status can be 待审核."""
    return lines_of_orders_with(lines, (OrderStatus.NEW,))


OPEN_STATUSES = frozenset({OrderStatus.NEW, OrderStatus.APPROVED, OrderStatus.HELD})  # not shipped nor ended


def order_status(lines: list[OrderLine]) -> OrderStatus | None:
    """The status of an order from its rows: the first row's, unless another row holds it back."""
    first = lines[0].status
    if all(ln.status is first for ln in lines):  # nearly every order
        return first
    present = {ln.status for ln in lines}
    return next((s for s in HOLDING if s in present), first)


def review_orders(lines: list[OrderLine], products: list[Product], available: Counter[str], rules: RuleSet,
                  resends: dict[str, str] | None = None,
                  gifts: Callable[[str, list[OrderLine]], list] | None = None,
                  leave: Collection[str] = (), called_off: dict[str, str] | None = None,
                  mapped: Callable[[], dict[str, list[tuple[str, int]]]] | None = None,
                  retyped: dict | None = None) -> list[Decision]:
    """Decide every 待审核 order. `available` is on-hand minus approved-unshipped (their gifts too).
    `gifts`: an order's gifts (order no., lines → picking.Item), taken from stock after its goods; a
    gift short does not hold the order (a gift is not worth the wait): it is noted, and the pick
    list packs the order without it. `resends`: the
    after-sales resends (order no. → the case that made it, its 补发单号): the shop chose to send
    there, so the remote-area rule, which has a person confirm a new order's freight, does not hold
    one (it says so, naming the case); what blocks shipping (stock, address, SKU …) still does.
    `leave`: orders left 待审核 this time (a waybill file says one went out before its review: a person
    decides it, the job does not approve it into a pick list). `called_off`: the resends whose case
    is closed since it was made (order no. → case): held, a person says whether it still goes. `mapped`: the
    商品映射's codes → their SKUs × units, asked for an SKU not on the 商品 sheet (a bundle's code typed).
    `retyped`: the resends whose open case sends nothing now (order no. → (case, its type): an exchange
    made a 退货退款): held, a person says whether it still goes."""
    resends, called_off, retyped = resends or {}, called_off or {}, retyped or {}
    open_lines = lines_of_orders_with(lines, OPEN_STATUSES)  # (the morning's: one pass over a year's rows)
    orders = group_orders(lines_of_new_orders(open_lines))
    new = {no: ls for no, ls in orders.items() if order_status(ls) is OrderStatus.NEW and no not in leave}
    # held for an SKU not on 商品, or stock short, alone: reviewed again, with the new ones, the one due first first
    again = set()
    for no, ls in group_orders(lines_of_orders_with(open_lines, (OrderStatus.HELD,))).items():
        if no not in leave and no not in new and settled_elsewhere(ls):
            new[no] = ls
            again.add(no)
    by_sku = {p.sku: p for p in products}
    by_key: dict[str, str] = {}

    def ours() -> dict[str, str]:  # code_key → our SKU, made at the first SKU not on 商品 (the few held for it)
        if not by_key:
            by_key.update(by_code_key(by_sku))
        return by_key

    queue = sorted(new, key=lambda no: ship_due(new[no][0]))  # stock to the order due first (预售 ones wait)
    addresses = dict(zip(queue, parse_addresses([new[no][0].address for no in queue]))) if rules.on("address") \
        or rules.on("remote") or rules.on("merge") else {}
    # "新疆维吾尔自治区" in the setting means the same as the parsed 新疆; 新疆、西藏 lists two (as validate reads it)
    remote = {short_province(p.strip()) for p in
              rules.params.get("remote", "").replace("，", ",").replace("、", ",").split(",") if p.strip()}
    left = Counter(available)
    decisions = []
    # each rule asked once, not once per order
    on_phone, on_address, on_remote, on_sku, on_message, on_stock = (
        rules.on(k) for k in ("phone", "address", "remote", "sku", "message", "stock"))
    sealed_values = set(SEALED.values())
    for no in queue:
        ls = new[no]
        head = ls[0]
        d = Decision(no, OrderStatus.APPROVED, platform=head.platform.value if head.platform else "", again=no in again)
        # a platform order without receiver details: the platform encrypts them and prints the waybill
        sealed = head.phone in sealed_values and head.address in sealed_values
        # a person's words in the 审单结果 the review writes: held on them, quoted (read before it goes), or, quoted by
        # a hold before and the order set back to 待审核 since, kept as a note (persons_words): never written over
        typed, kept = _persons_words_of(ls)
        if typed:
            d.holds.append((TYPED[0] + "；".join(typed), TYPED[1] + "; ".join(typed)))
        if kept:
            d.notes.append((TYPED[0] + "；".join(kept), TYPED[1] + "; ".join(kept)))
        if (case := called_off.get(no)) is not None:
            d.holds.append((f"售后单 {case} 已关闭，这个补发单还要发吗？不发：把状态改为已关闭；要发：改为已审核",
                            f"case {case} is closed: is this resend still to go? If not, set its status to closed; "
                            "if so, to approved"))
        if (why := retyped.get(no)) is not None:  # (a free parcel to a buyer refunded)
            case, kind = why
            d.holds.append(((f"售后单 {case} 现在是“{kind.value}”，不补发：这个补发单还要发吗？不发：把状态改为已关闭；"
                             "要发：把售后单的类型改回换货、补发或丢件，再审单"),
                            (f"case {case} is now a {kind.en} case, which sends nothing: is this resend still to go? "
                             "If not, set its status to closed; if so, set the case's type back to exchange, resend "
                             "or lost parcel and review again")))
        if sealed:
            d.notes.append(("收货信息由平台加密，请在平台打印面单", "the platform encrypts the receiver: print the waybill there"))
        if on_phone and not sealed:
            state, cleaned = check_phone(head.phone)
            if state == "masked":
                d.notes.append((f"手机号 {cleaned} 被隐藏，无法核对", f"phone {cleaned} is masked: cannot check"))
            elif state != "ok":
                d.holds.append((f"手机号“{head.phone}”格式不对", f"phone '{head.phone}' is not a valid number"))
        addr: Address | None = addresses.get(no)
        if addr is not None and on_address and not sealed:
            if (region := OUTSIDE_MAINLAND.get(addr.province)) is not None:  # (香港 parses without a city)
                d.holds.append((f"港澳台地址（{addr.province}）：不走国内快递，请确认快递、运费和清关",
                                f"{region} address: not a domestic parcel, confirm courier, fee and customs"))
            elif not addr.complete:
                d.holds.append(("地址无法解析出省和市，请核对", "the address does not parse into province and city"))
            elif addr.could_be:  # (解析出的省市是猜的: 西湖区文三路100号 went to 南昌's 西湖区 on the waybill)
                d.holds.append(((f"地址没写明省和市，{addr.district}有好几个（{'、'.join(addr.could_be)}）：请核对，"
                                 "在收货地址里补上省市"),
                                (f"the address names {addr.district} without its city, and there are several "
                                 f"({', '.join(addr.could_be)}): confirm it and add the province and city to the "
                                 "address")))
            elif not addr.district and not without_districts(addr.city):
                d.notes.append(("地址没有区县", "the address has no district"))
            d.notes.extend(addr.warnings)
        if addr is not None and on_remote and addr.province in remote:
            if (case := resends.get(no)) is not None:
                d.notes.append((f"偏远地区（{addr.province}），售后单 {case} 的补发：不挂起",
                                f"remote area ({addr.province}), the resend of case {case}: not held"))
            else:
                d.holds.append((f"偏远地区（{addr.province}），请确认运费和快递",
                                f"remote area ({addr.province}): confirm fee and courier"))
        if on_sku:
            for ln in ls:
                p = by_sku.get(ln.sku)
                if p is None:
                    d.holds.append(_unknown_sku(ln.sku, mapped, ours))
                elif p.status is ProductStatus.DELISTED:
                    d.holds.append((f"{ln.sku} 已下架", f"{ln.sku} is delisted"))
        if on_message:  # (every row's: a request typed on an order's second row is as much the order's)
            one = len(ls) == 1  # (most orders: their row's words, without a call per order)
            if message := (head.buyer_message if one else order_words(ls, "buyer_message")):
                d.holds.append((f"买家留言：{message}", f"buyer message: "
                                f"{message if one else order_words(ls, 'buyer_message', '; ')}"))
            if note := (head.seller_note if one else order_words(ls, "seller_note")):
                d.holds.append((f"卖家备注：{note}", f"seller note: {note if one else order_words(ls, 'seller_note', '; ')}"))
            if head.changes:
                d.holds.append((f"平台记录的修改：{head.changes}", f"changed on the platform: {head.changes}"))
        if on_stock:
            need: dict[str, int] = {}  # a Counter's worth, made faster
            for ln in ls:
                need[ln.sku] = need.get(ln.sku, 0) + ln.qty
            for sku, q in need.items():
                have = left.get(sku, 0)
                if q > have and sku in by_sku:
                    d.holds.append((f"库存不足：{sku} 需要 {q}，可用 {max(have, 0)}",
                                    f"not enough stock: {sku} needs {q}, {max(have, 0)} available"))
            if not d.holds:  # allotted: later orders see what is left (Counter.subtract, as a loop)
                for sku, q in need.items():
                    left[sku] = left.get(sku, 0) - q
                for g in gifts(no, ls) if gifts else ():
                    have = left.get(g.sku, 0)
                    if g.qty <= have or g.sku not in by_sku:
                        left[g.sku] = have - g.qty
                    else:
                        d.notes.append((f"赠品 {g.sku} 库存不足：需要 {g.qty}，可用 {max(have, 0)}，照常发货，不送这个赠品",
                                        f"gift {g.sku} is short: needs {g.qty}, {max(have, 0)} available; the order "
                                        "ships without it"))
        if d.holds:
            d.status = OrderStatus.HELD
        decisions.append(d)
    if rules.on("merge"):  # the mates of a new order: every open order, approved and held ones too
        _suggest_merges(decisions, new, addresses, group_orders(open_lines))
    return decisions


def _persons_words_of(ls: list[OrderLine]) -> tuple[list[str], list[str]]:
    """persons_words of an order's rows (typed on any of them), each said once: (typed, kept)."""
    typed: list[str] = []
    kept: list[str] = []
    for review in {ln.review: None for ln in ls if ln.review}:  # (most: none; an order's rows alike)
        t, k = persons_words(review)
        for words, into in ((t, typed), (k, kept)):
            if words and words not in into:
                into.append(words)
    return typed, kept


def _unknown_sku(sku: str, mapped: Callable[[], dict[str, list[tuple[str, int]]]] | None,
                 ours: Callable[[], dict[str, str]] | None = None) -> tuple[str, str]:
    """The hold of an SKU not on the 商品 sheet: a 商品映射 code (a bundle typed by hand into 订单, which the
    import alone expands) is said with its parts and what to type, as validate says it; one of our SKUs but for
    letter case or spaces (`ours`: values.code_key → SKU; sh-wh-m typed by hand) as that SKU, to type as it is
    (before: "add sh-wh-m on the Products sheet", a second product of one shirt)."""
    parts = mapped().get(sku) if mapped else None
    if not parts and ours is not None and (hit := ours().get(code_key(sku))):
        return (f"商家编码 {sku} 不存在：是 {hit} 吗（只差大小写、全半角或空格）？请在订单表改成 {hit}，再审单",
                (f"unknown SKU {sku}: is it {hit} (it differs only in letter case, width or spaces)? Type {hit} on the "
                 "orders sheet, then review again"))
    if not parts:  # (a new shop's first import: every SKU; the next review takes the order again once it is added)
        return ((f"商家编码 {sku} 不存在：请在 stock.xlsx 的“商品”表加上 {sku}，再审单（若它是平台的编码：在订单表改填我们的"
                 "商家编码，并在 orders.xlsx 的“商品映射”表加一行，以后导入会自动对应）"),
                (f"unknown SKU {sku}: add {sku} on stock.xlsx's Products sheet, then review again (if it is a platform's "
                 "code: type our SKU in its place on the orders sheet, and add a row on orders.xlsx's SKU map sheet, "
                 "so later imports map it)"))
    zh = "、".join(f"{k} × {q}" for k, q in parts)
    en = ", ".join(f"{q} × {k}" for k, q in parts)
    one = len(parts) == 1 and parts[0][1] == 1
    return (f"{sku} 是“商品映射”表里的平台编码（= {zh}），不是我们的商家编码："
            + (f"请在订单表改填 {parts[0][0]}" if one else f"请在订单表拆成这几行：{zh}（数量按件数乘上）"),
            f"{sku} is a platform code on the SKU map (= {en}), not one of our SKUs: "
            + (f"type {parts[0][0]} in its place on the orders sheet" if one else
               f"type it as these lines on the orders sheet: {en} (times its quantity)"))


def ship_to(ln: OrderLine) -> tuple[str, str]:
    """Receiver and address as orders shipped together (合并发货) share them: spaces and full/half width
    aside, and a platform's postcode after the address, (310000), aside (a Taobao order and one typed by
    hand to the same buyer go in one parcel)."""
    a = fold_width(ln.address or "").replace(" ", "")  # (fold_width: 10,000 addresses a morning)
    if a[-1:] == ")" and a[-8:-7] == "(" and a[-7:-1].isdigit():  # (NFKC'd: （ is (; address.POSTCODE, sliced:
        a = a[:-8]  # every Taobao open order's, 10k a morning)
    return fold_width(ln.receiver or ""), a


def ship_place(ln: OrderLine) -> tuple:
    """ship_to with the address as the place it names, where it parses into a province and city: (receiver,
    province, city, district, the rest). The buyer's Taobao order (浙江省 杭州市 西湖区 文三路100号) and the one
    typed for them by hand (杭州市西湖区文三路100号, 浙江杭州西湖区文三路100号) are one parcel."""
    receiver, written = ship_to(ln)
    province, city, district, detail = places([ln.address or ""])[0]
    if not (province and city):
        return receiver, written
    return receiver, province, city, district, fold_width(detail).replace(" ", "")


def same_ship_to(a: OrderLine, b: OrderLine) -> bool:
    """Whether two orders go to one receiver at one address (合并发货), however each address is written."""
    ta, tb = ship_to(a), ship_to(b)
    return ta == tb or (ta[0] == tb[0] and ship_place(a) == ship_place(b))


def sold_on(ln: OrderLine) -> str | None:
    """The platform an order was sold on (its 平台, else its 来源's), None for one typed by hand or an agent's."""
    if ln.platform is not None:
        return ln.platform.en
    return ln.source.en if ln.source is not None and ln.source.en in _PLATFORM_SOURCES else None


_PLATFORM_SOURCES = frozenset({"taobao", "pinduoduo", "douyin"})


def boxes(items: list, platform_of: Callable) -> list[list]:
    """The orders of one receiver at one address (`items`, in turn), as parcels: each platform's apart, for each
    platform ships its own order under a waybill of its own tools and is told its tracking number (one buyer's 淘宝
    order and 抖店 order are two parcels); an order typed by hand or an agent's (no platform) goes with one platform's
    (the same whatever the order of `items`: the review's note and the pick list's box agree), or with the others
    like it where none is."""
    by: dict[str | None, list] = {}
    for it in items:
        by.setdefault(platform_of(it), []).append(it)
    loose = by.pop(None, [])
    if not by:
        return [loose] if loose else []
    parts = [by[p] for p in sorted(by)]
    parts[0] = parts[0] + loose
    return parts


MERGE_NAMED = 5  # order numbers a merge note names; the rest are counted
# the end of the note _suggest_merges writes, zh and en (不建议合并发货, typed over it, is a person's "apart")
MERGE_SAID = re.compile(r"(?<!不)建议合并发货|: ship together")


def merge_suggested(review: str | None) -> bool:
    """Whether an order's 审单结果 holds the review's 合并发货 note (_suggest_merges), in either language: the
    review found it another order of its receiver's, and nobody has taken the note out."""
    return bool(review) and MERGE_SAID.search(review) is not None


def _suggest_merges(decisions: list[Decision], new: dict, addresses: dict, orders: dict) -> None:
    shown_to = {no: ls[0] for no, ls in orders.items()  # sealed or masked ones cannot be compared: two buyers
                if ls[0].status in OPEN_STATUSES and not hidden_by_platform(ls[0], phone=False)}  # 张** are not one
    # a receiver whose open orders' addresses are written two ways or more: compared as places (ship_place),
    # parsed in one batch; any other order's (most of 10,000) as written
    written: dict[str, set[str]] = defaultdict(set)
    for ln in shown_to.values():
        receiver, address = ship_to(ln)
        written[receiver].add(address)
    places([ln.address or "" for ln in shown_to.values() if len(written[ship_to(ln)[0]]) > 1])

    def key(ln: OrderLine) -> tuple:
        k = ship_to(ln)
        return ship_place(ln) if len(written[k[0]]) > 1 else k

    groups: dict[tuple, list[str]] = defaultdict(list)
    keys: dict[str, tuple] = {}  # order → its key, made once
    for no, head in shown_to.items():
        groups[k := key(head)].append(no)
        keys[no] = k
    box_of: dict[str, list[str]] = {}  # order → the orders of its box (each platform's apart: boxes), made once a group
    for nos in groups.values():
        if len(nos) > 1:
            for b in boxes(nos, lambda n: sold_on(shown_to[n])):
                for n in b:
                    box_of[n] = b
    for d in decisions:
        k = keys.get(d.order_no)
        if k is None:  # (a new order not keyed above: its first row not open, or its receiver hidden)
            head = new[d.order_no][0]
            if hidden_by_platform(head, phone=False):
                continue
            k = key(head)
            heads = {**{n: shown_to[n] for n in groups[k]}, d.order_no: head}
            box = next((b for b in boxes(groups[k] + [d.order_no], lambda n: sold_on(heads[n])) if d.order_no in b), [])
        else:
            box = box_of.get(d.order_no, [])
        mates = [n for n in box if n != d.order_no]  # (another platform's order of the buyer: a parcel of its own)
        if len(mates) > MERGE_NAMED:  # named in full, a shop shipping to one warehouse address wrote
            # every open order's number into every such order's cell (a month: 1 GB of sheet XML)
            more = len(mates) - MERGE_NAMED
            shown = ", ".join(mates[:MERGE_NAMED])
            d.notes.append((f"同一收货人和地址还有 {len(mates)} 个订单（{shown} 等，另 {more} 个在订单表按收货人筛选可见），"
                            "建议合并发货",
                            f"same receiver and address as {en_count(len(mates), 'other order')} ({shown} and {more} more: "
                            "filter the orders sheet by receiver): ship together"))
        elif mates:
            d.notes.append((f"同一收货人和地址还有订单 {', '.join(mates)}，建议合并发货",
                            f"same receiver and address as {', '.join(mates)}: ship together"))
