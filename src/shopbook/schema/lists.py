"""Values a cell must take from a fixed list, and the words that mark a totals row.

A column declares its list with `Col(one_of=...)`; the validator checks it and
suggests the nearest entry ("did you mean …"). A list kept beside the code that
acts on it (the review rules, the P&L groups) is looked up lazily from there, so
the schema stays importable on its own.
"""

import difflib
import re
from functools import lru_cache

from .. import values as V

# the provinces a 运费 row can name (short form; 浙江省 / 新疆维吾尔自治区 are read as these)
PROVINCES = ("北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽",
             "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南",
             "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "台湾", "香港", "澳门")
OTHER_PROVINCE = ("其他", "其它", "other")  # the fallback row of a courier

# a totals row's label: the whole cell, or with a short prefix (本月合计, 11月小计, A款合计); an
# average row under the days of 日报 (平均, 日均) is one too: its figures are no day's
TOTAL_WORDS_ZH = ("合计", "总计", "小计", "共计", "累计", "总和", "汇总", "总数", "平均", "平均值", "均值", "日均")
TOTAL_WORDS_EN = ("total", "totals", "subtotal", "sub-total", "grand total", "sum", "average", "avg", "mean")
# the label may carry its unit in brackets (合计（元）, Total (¥)): NFKC has made them ( ); and the
# count of the rows above it, as exports and people write it (合计：1笔, Total: 12); a count alone is
# one too (共 3 条记录, 共12笔: a tool's foot line)
_UNIT = r"(?:[个家位名人户条行项笔款件单种天](?:记录|订单)?|records?|rows?|orders?|items?|days?)"
# or the sum it labels (合计：¥1,234.00, Total: 1234.5元), as an export's foot line writes it in its first column
_AMOUNT = r"[:：]? ?(?:¥|\$|rmb|cny)? ?-?(?:\d{1,3}(?:,\d{3})+|\d{1,10})(?:\.\d{1,2})? ?元?"
_LONGEST = 24  # the longest label: 本月合计：¥1,234,567.00 (a longer cell is a name or a sentence)
_TOTAL = re.compile(r"^(?:(?:.{0,8}(?:" + "|".join(TOTAL_WORDS_ZH) + r")|(?:"
                    + "|".join(re.escape(w) for w in TOTAL_WORDS_EN) + r"))(?: ?\([^()]{1,6}\))?"
                    + r"(?:[:：]? ?(?:共 ?)?\d{1,7}(?: ?" + _UNIT + r")?|" + _AMOUNT + r")?[:：]?|共 ?\d{1,7} ?"
                    + _UNIT + ")$")
# what every label holds (合计 … 累计: 计; 汇总, 总数: 总; 平均 … 日均: 均; 共 N 条; the English words), asked
# of a whole column at once before each cell is asked (a required column of 5,000 SKUs holds none)
_TOTAL_HINT = re.compile(r"[计总均共]|total|sum|average|avg|mean")


# a note typed on a row of its own (说明：红色的单子是加急的, Note: …): the word, then a colon
_NOTE = re.compile(r"^(?:说明|备注|注意|注|提示|note|notes|remark|remarks|nb)\s*[:：]", re.I)


def is_note_text(v: object) -> bool:
    """A cell that is a person's note to readers, not data (说明：…, 备注：…, Note: …)."""
    return v.__class__ is str and bool(_NOTE.match(V.normalize_text(v).strip()))


# the title of a block of notes, alone in its cell or before them (填表说明, 注意事项：…, 温馨提示：…): the lines under it
# are its (reader._note_rows)
_NOTE_TITLE = re.compile(r"^(?:(?:填表|使用|特别|补充|重要|操作|备注)?说明|注意事项|温馨提示|注意|提示|备注|notes?|remarks?|"
                         r"instructions?)\s*(?:[:：].*)?$", re.IGNORECASE | re.DOTALL)


def is_note_title(v: object) -> bool:
    """A cell that heads a block of notes under the data (填表说明, 注意事项：…), or is one (is_note_text)."""
    return v.__class__ is str and bool(_NOTE_TITLE.match(s := V.normalize_text(v).strip()) or _NOTE.match(s))


# who made and checked a sheet, signed at its foot as on a paper form (制表人：小王  审核：老板)
_SIGN_OFF = re.compile(r"^(?:制表人?|填表人?|审核人?|复核人?|记账人?|核对人?|会计|出纳|负责人|签字|签名|"
                       r"prepared by|checked by|approved by|signed)\s*[:：]", re.IGNORECASE)


def is_sign_off(v: object) -> bool:
    """A cell that signs a sheet off (制表人：小王, 审核：), not data."""
    return v.__class__ is str and bool(_SIGN_OFF.match(V.normalize_text(v).strip()))


# a heading over a group of rows, alone in its row: 【上衣类】, [配件], —— 夏季 ——, （以下为仓库二）
_HEADING = re.compile(r"^(?:【[^】]+】|〖[^〗]+〗|\[[^\]]+\]|［[^］]+］|([—\-=*#～~])\1+\s*\S.*?\s*([—\-=*#～~])\2+"
                      # (以下为仓库二), 以下是11月下半月: what the rows below are, said in words (normalized: （ as ()
                      r"|\(\s*以下[为是]?[^()]+\)|以下[为是][^()]+)$")


# or the month a block of rows is of (a cash journal's 11月, 2026年11月份, 十一月, November 2026; an English month
# with its year: May, June alone may be a customer)
_MONTH = re.compile(r"^(?:(?:19|20)\d\d ?年 ?)?(?:0?[1-9]|1[0-2]|[一二三四五六七八九十]|十[一二])月份?$|"
                    # or the day a block is of, without its year (a cash journal's 11月6日, 11月7日（周六）: NFKC's brackets)
                    r"^(?:0?[1-9]|1[0-2])月(?:[12]?\d|3[01])[日号] ?(?:\(?(?:周|星期)[一二三四五六日天]\)?)?$|^(?:january|february|march|"
                    r"april|may|june|july|august|september|october|november|december|(?:jan|feb|mar|apr|jun|jul|aug|sep|"
                    r"sept|oct|nov|dec)\.?),? (?:19|20)\d\d$", re.IGNORECASE)


def is_heading_text(v: object) -> bool:
    """A cell that heads the rows below it (【上衣类】, 11月), a person's way to group a sheet: not data."""
    if v.__class__ is not str or len(v) > 40:
        return False
    s = V.normalize_text(v).strip()
    return bool(_HEADING.match(s) or _MONTH.match(s))


def is_total_label(v: object) -> bool:
    """A cell that labels a totals row (合计, 本月合计, Total:, Subtotal, 合计：¥1,234.00)."""
    if v.__class__ is not str or not v or len(v) > _LONGEST:
        return False
    if v.isascii() and _TOTAL_HINT.search(v.lower()) is None:  # (an export's order numbers, row by row: no label)
        return False
    return _label_is(_TOTAL, _SPACES.sub(" ", V.normalize_text(v)).lower())


# a part of a month as a day-by-day sheet's subtotal row names it in its date column: a ten-day subtotal as Chinese
# shops keep one (11月上旬, 中旬, 2026年11月下旬; 上半月), a half in an English shop's (First half, 2nd half of month,
# last ten days). No date reads as one (上旬合计, 下旬小计 are totals labels already)
_PART_OF_MONTH = re.compile(r"^(?:(?:(?:19|20)\d\d ?年 ?)?(?:(?:0?[1-9]|1[0-2]|[一二三四五六七八九十]|十[一二])月份? ?)?"
                            r"(?:[上中下]旬|[上下]半月)|(?:first|second|1st|2nd|last) half(?: of (?:the )?month)?|"
                            r"(?:first|second|middle|last) ten days)[:：]?$", re.IGNORECASE)


def is_part_of_month_label(v: object) -> bool:
    """A date cell that names a part of the month (11月上旬, 中旬, First half): a subtotal row's label, no day."""
    if v.__class__ is not str or not v or len(v) > _LONGEST:
        return False
    return _label_is(_PART_OF_MONTH, _SPACES.sub(" ", V.normalize_text(v)).strip())


def _label_is(rx: re.Pattern, s: str) -> bool:
    """Whether a label reads as `rx`, as typed or spaced out: 合　计 / 合 计, Chinese sheets space a short label out
    to the cell's width."""
    return bool(rx.match(s) or rx.match(_SPACED_OUT.sub("", s)))


_SPACES = re.compile(r"\s+")
_SPACED_OUT = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])")


def may_hold_total_label(values: list) -> bool:
    """Whether any of `values` may be a totals label (False: none is): one look at them all."""
    texts = [v for v in values if v.__class__ is str and v and len(v) <= _LONGEST]
    return bool(texts) and _TOTAL_HINT.search(V.normalize_text("\n".join(texts)).lower()) is not None


# what a totals row's other cells may say beside its label: a count of the rows above, typed or
# worked out (3 家, 共 3 个, 3 agents, =COUNTA(…) read as 3), no name or code of a row
_COUNT = re.compile(r"^(?:共计|共|计)?\s*\d{1,6}\s*(?:[个家位名人户条行项笔款件单种]|[a-z]{1,12})?$")


def is_count_text(v: object) -> bool:
    """A cell beside a totals label that counts the rows above it (3 家, 共 3 个, 3 agents, 3)."""
    if v.__class__ is int:
        return v >= 0
    return v.__class__ is str and len(v) <= 20 and bool(_COUNT.match(V.normalize_text(v).strip().lower()))


def _review_rules() -> dict[str, tuple[str, str]]:
    from ..orders.review import RULES

    return {w: (zh, en) for key, (zh, en, _, _) in RULES.items() for w in (zh, en, key)}


def _pnl_groups() -> dict[str, tuple[str, str]]:
    from ..money.ledger import GROUPS

    return {w: (names[0], key) for key, names in GROUPS.items() for w in (*names, key)}


def _provinces() -> dict[str, tuple[str, str]]:
    # addresses are Chinese in every shop, so a province is written in Chinese in English shops too;
    # the fallback row is a word of the shop's language (other)
    return {**{p: (p, p) for p in PROVINCES}, **{w: ("其他", "other") for w in OTHER_PROVINCE}}


# list name → (what it is, zh / en; the accepted words → the word shown, zh / en)
LISTS = {
    "review_rules": (("审单规则", "review rule"), _review_rules),
    "pnl_groups": (("利润表分组", "P&L group"), _pnl_groups),
    "provinces": (("省份", "province"), _provinces),
}


def key(s: str) -> str:
    return V.normalize_text(s).lower()


@lru_cache(maxsize=None)
def words(name: str) -> dict[str, tuple[str, str]]:
    """The list's accepted words (compared as `key` forms) → the word shown to people."""
    return {key(w): shown for w, shown in LISTS[name][1]().items()}


@lru_cache(maxsize=None)
def accepted(name: str) -> tuple[str, ...]:
    """Every word the list accepts, as spelt (Chinese and English): what a suggestion is drawn from."""
    return tuple(LISTS[name][1]())


def in_list(name: str, value: str) -> bool:
    if key(value) in words(name):
        return True
    if name == "provinces":  # 浙江省, 新疆维吾尔自治区: the long form of a listed province
        from ..orders.address import short_province

        return key(short_province(value)) in words(name)
    return False


# a word and the same word negated (listed / delisted, 上架 / 未上架) are near as strings, opposite in meaning
_NEGATIONS = ("un", "de", "in", "non", "not", "dis", "未", "不", "非", "没", "无", "停")
_SPACING = re.compile(r"[\s\-\u2010-\u2015]+")  # spaces and hyphens (non income, non-income, 不 在售)
_IN_APART = re.compile(r"in[\s\-\u2010-\u2015]")


def bare(s: str) -> str:
    """A `key` form without its spaces and hyphens: how two spellings of one word are compared."""
    return _SPACING.sub("", s)


def _negated(x: str, y: str) -> bool:
    """`x` is `y` with a negating prefix ("in" apart is the preposition: in stock is no negated stock),
    or with its 已 made a negation (未发货 of 已发货, 未完成 of 已完成)."""
    x_bare, y_bare = bare(x), bare(y)
    y_done = y_bare[1:] if y_bare[:1] == "已" else None
    return any(x_bare == p + y_bare or (y_done and x_bare == p + y_done)
               for p in _NEGATIONS if p != "in" or not _IN_APART.match(x))


def negates(a: str, b: str) -> bool:
    """One of the two (`key` forms) is the other with a negating prefix, spaces and hyphens aside
    (non income, non-income, 不 在售 as nonincome, 不在售)."""
    return _negated(a, b) or _negated(b, a)


# a value that negates one choice (not shipped, non-closed) is no typo of another unless that one is
# this near: 'closed' or 'cancelled' offered for it would close an order that should ship
NEGATED_NEAR = 0.75


def ranked(value: str, choices, cutoff: float = 0.5) -> list[tuple[str, float]]:
    """Each entry of `choices` near `value` (difflib ratio ≥ `cutoff`, spaces and hyphens aside: instock
    is in stock) with its ratio, best first, equally near in the list's order; never `value` negated."""
    by_bare: dict[str, str] = {}
    for c in choices:
        by_bare.setdefault(bare(key(c)), c)
    if not by_bare:  # nothing to be near (difflib refuses n=0)
        return []
    k = key(value)
    b = bare(k)
    hits = [h for h in difflib.get_close_matches(b, list(by_bare), n=len(by_bare), cutoff=cutoff)
            if not negates(k, key(by_bare[h]))]
    place = {h: j for j, h in enumerate(by_bare)}
    ratio = {h: difflib.SequenceMatcher(None, b, h).ratio() for h in hits}
    # equally near: the list's own order (广冬 → 广东 before 广西)
    return [(by_bare[h], ratio[h]) for h in sorted(hits, key=lambda h: (-ratio[h], place[h]))]


def nearest(scores: dict, negated: set, items: list, size: int | None = None) -> list:
    """Of `items` (words, or a Choice's members), those to offer for a value `scores` rates (ranked's
    ratios, best first; none negated): of two, the one the value does not negate (不在售 of 在售 /
    下架); where it negates one of more, only those NEGATED_NEAR or nearer; the nearest and any as near,
    or the one the same but for spaces and hyphens (instock → in stock); none where that is more than
    half of the list (`size` of it: 售罄 → 在售 or 下架 tells nothing)."""
    if len(items) == 2 and len(negated) == 1:
        return [c for c in items if c not in negated]
    if negated:
        scores = {c: r for c, r in scores.items() if r >= NEGATED_NEAR}
    best = max(scores.values(), default=0)
    near = [c for c, r in scores.items() if r >= (1 if best == 1 else best - 0.1)]
    return [] if len(near) > 1 and 2 * len(near) > (len(items) if size is None else size) else near


# letters typed for the digits they look like in a code (DL00l, DLOO1 for DL001)
_LOOKALIKE = str.maketrans({"o": "0", "l": "1", "i": "1"})


def suggest(value: str, choices, cutoff: float = 0.5, n: int = 3) -> list[str]:
    """Up to `n` entries of `choices` nearest to `value` (`ranked`), as `nearest` picks them; never
    `value` negated. None near enough of many alike (DL00l to DL001, DL002, DL003): the one entry it is
    but for a letter typed for the digit it looks like (o for 0, l or I for 1)."""
    by_key: dict[str, str] = {}
    for c in choices:
        by_key.setdefault(key(c), c)
    k = key(value)
    negated = {c for h, c in by_key.items() if negates(k, h)}
    out = nearest(dict(ranked(value, by_key.values(), cutoff)), negated, list(by_key.values()),
                  len({bare(h) for h in by_key}))[:n]
    if not out and any(ch.isdigit() for ch in k):
        alike = [c for h, c in by_key.items() if h.translate(_LOOKALIKE) == k.translate(_LOOKALIKE)]
        out = alike if len(alike) == 1 else []
    return out


def did_you_mean(value: str, choices, cutoff: float = 0.5) -> tuple[str, str]:
    """('是不是“…”？', "Did you mean '…'?") or empty strings when nothing is near. (0.5: one
    character of two, 广冬 → 广东.)"""
    hits = suggest(value, choices, cutoff)
    if not hits:
        return "", ""
    return ("是不是" + "或".join(f"“{h}”" for h in hits) + "？",
            "Did you mean " + " or ".join(f"'{h}'" for h in hits) + "?")


def pairs(name: str) -> list[str]:
    """The list as the docs show it: '快递运费 shipping', or one word where both are the same."""
    return [zh if zh == en else f"{zh} {en}" for zh, en in dict.fromkeys(words(name).values())]


def shown_words(name: str, lang: str) -> list[str]:
    return list(dict.fromkeys(w[0 if lang == "zh" else 1] for w in words(name).values()))


@lru_cache(maxsize=1024)
def _near(name: str, value: str) -> tuple[str, str]:
    if name == "pnl_groups":  # a plain word for a group (快递, courier): that group, whatever the spelling
        from ..money.ledger import GROUP_HINTS, GROUPS

        meant = next((g for g, ws in GROUP_HINTS.items() if key(value) in map(key, ws)), None)
        if meant is not None:
            return f"是不是“{GROUPS[meant][0]}”？", f"Did you mean '{GROUPS[meant][-1]}'?"
    return did_you_mean(value, accepted(name))


def check(name: str, value: str) -> None:
    """Raise BadValue, with the nearest entries, when `value` is not on the list `name`."""
    if in_list(name, value):
        return
    (what_zh, what_en), _ = LISTS[name]
    near_zh, near_en = _near(name, value)
    if near_zh:
        raise V.BadValue(f"“{value}”不是{what_zh}。{near_zh}",
                         f"'{value}' is not a {what_en}. {near_en}")
    raise V.BadValue(f"“{value}”不是{what_zh}。请填：{'、'.join(shown_words(name, 'zh'))}。",
                     f"'{value}' is not a {what_en}. Use one of: {', '.join(shown_words(name, 'en'))}.")
