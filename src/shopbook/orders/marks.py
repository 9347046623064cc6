"""shopbook's own words in an order's 平台状态 and 审单结果 (orders/lifecycle.py), each declared
once in both languages.

They are written in the shop's language (`Word.say`), the platform's own words beside them kept
as the export wrote them, and read back in either (`Word.begins`, `either`): rows written before a
shop switched language, or before shopbook wrote them in English, keep moving on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple


class Word(NamedTuple):
    zh: str
    en: str

    def say(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def begins(self, text: str | None) -> bool:
        """Whether `text` begins with this word, in either language."""
        return bool(text) and text.startswith((self.zh, self.en))

    def within(self, text: str | None) -> bool:
        """Whether `text` holds this word in either language (a cell written before a shop switched)."""
        return bool(text) and (self.zh in text or self.en in text)

    def because(self, lang: str, reason: str, aside: str = "") -> str:
        """This word in `lang` (`aside` after it), then `reason` after a colon. A reason that is
        this word, or opens with it (the item list's 退款状态 退款中; 拼多多's 售后状态 退款中：¥12.00),
        says it once: 退款中, never 退款中：退款中; refunding, never refunding: 退款中."""
        for w in (self.zh, self.en):
            if reason.startswith(w):
                rest = reason[len(w):]
                if not rest or rest[0] in "：:":
                    reason = rest[1:].lstrip()
                    break
        return self.say(lang) + aside + (COLON.say(lang) + reason if reason else "")


# 平台状态 of an order held because of a refund: released when the refund closes
REFUNDING = Word("退款中", "refunding")
REFUND_CLOSED = Word("退款关闭", "refund closed")
PARTIAL = Word("部分退款", "partly refunded")  # held for a person: which lines still ship is theirs to decide
CANCELLED = Word("已取消", "cancelled")
PART_SHIPPED = Word("部分发货", "partly shipped")  # the platform shipped some lines: a person's call
ALL_SHIPPED = Word("已全部发货", "all shipped")  # a 部分发货 order gone out whole since
# shipped on the platform, a code of it none of our SKUs nor in the SKU map: held until the map has it
UNMAPPED = Word("编码未对应", "code not in the SKU map")
# the buyer changed the address / the SKU on the platform after the order came in: held once
ADDRESS = Word("平台改了地址", "address changed on the platform")
SKU = Word("平台改了规格", "item changed on the platform")
# the platform's order holds items its rows lack (the export it came in from was cut, or filtered by status)
ROWS_SHORT = Word("订单表缺商品", "items missing from the orders sheet")
# the export's own word that the buyer changed the order (淘宝 修改后的收货地址 / 修改后的sku, 抖店 是否修改过地址),
# for its 修改记录 cell: readers give (mark, what it is now), the import says it in the shop's language
ADDRESS_EDITED = Word("地址已修改", "address modified")
SKU_EDITED = Word("SKU已修改", "SKU modified")
CLOSED = Word("交易关闭", "closed")  # a shipped order closed on the platform
SHIPPED = Word("已发货", "shipped")
# whether goods come back from a refund on a shipped order
RETURN_DUE = Word("等退货", "return expected")
REFUND_ONLY = Word("仅退款", "refund only")
RETURN_UNSAID = Word("是否退货见平台", "any return: see the platform")
LINES_UNSAID = Word("未说明哪几件", "lines not named")  # partly shipped, the export not saying which
WENT_OUT = Word(" 已发", " sent")  # after the lines the platform shipped
RETURN_NEEDED = Word("需退货", "return needed")  # a refund record's goods are to come back
# 审单结果: before each reason the review held an order for (Decision.text), and what the review writes
# before those reasons once a person approved the order by hand (review.released_review): the review
# allotted such an order no stock, the pick list gives it what the others leave (picking.released_by_hand)
# HELD is what shopbook writes (自动挂起, as against a person's 人工挂起): the word itself tells its own holds from a
# person's, who types 挂起：… as they see it on held rows. HELD_TYPED: that word, as earlier versions wrote it too (a
# workbook's older holds: review.review_held reads those by their whole reasons)
HELD = Word("自动挂起：", "auto-held: ")
HELD_TYPED = Word("挂起：", "held: ")


def says_held(text: str | None) -> bool:
    """Whether a 审单结果 begins with a hold's word: shopbook's (HELD), or 挂起：/held: as a person or an earlier version
    wrote it."""
    return HELD.begins(text) or HELD_TYPED.begins(text)
RELEASED = Word("人工放行", "released by hand")
# 审单结果 of an order a person held (已审核 → 已挂起) where it said the review passed it (review.hand_held_review):
# its stock is no longer kept for it, so once released it too takes what the others leave
HELD_BY_HAND = Word("人工挂起", "held by hand")

# shopbook's separators
COLON = Word("：", ": ")
SEMI = Word("；", "; ")
COMMA = Word("，", ", ")
LISTED = Word("、", ", ")


def paren(lang: str, text: str) -> str:
    """`text` in brackets after a word: （…） in Chinese, " (…)" in English."""
    return f"（{text}）" if lang == "zh" else f" ({text})"


def either(make: Callable[[str], str]) -> tuple[str, str]:
    """A text shopbook composes, as it writes it in each language: a cell holding either is it."""
    return make("zh"), make("en")


def refund_said(lang: str, status: str, reasons: tuple[str, ...], amount: str, return_needed: bool) -> str:
    """A refund record's line as 平台状态 quotes it: the platform's status, then its reasons, the
    amount and whether goods come back (退款状态：原因，¥99.00，需退货)."""
    words = COMMA.say(lang).join(x for x in (SEMI.say(lang).join(r for r in reasons if r), amount,
                                             RETURN_NEEDED.say(lang) if return_needed else "") if x)
    return status + COLON.say(lang) + words if words else status


PERSONS = (PARTIAL, PART_SHIPPED)  # held once: a person who releases it has decided


def shipped_in_full(text: str | None, lang: str) -> str | None:
    """The 平台状态 of an order held for 部分发货 once it has gone out whole: said so, the part that went
    first kept in brackets (its parcel is on the courier's bill). None where the cell is not shopbook's
    own 部分发货 text (部分发货：… 已发, in either language): a person's words stay."""
    for lg in ("zh", "en"):
        if text and text.startswith(PART_SHIPPED.say(lg) + COLON.say(lg)) and text.endswith(WENT_OUT.say(lg)):
            return ALL_SHIPPED.say(lang) + paren(lang, text)
    return None
