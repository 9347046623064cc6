"""Which courier: a courier's names as shops and platforms write them (中通 / 中通快递 / ZTO),
and the shapes of their tracking numbers, to tell whose bill a bill is and whose parcel a
parcel is. A courier bill is checked against that courier's parcels and rates only."""

from __future__ import annotations

import re
from collections import Counter

from ..values import fold_width

# canonical name → the other names it goes by (lower case for the Latin ones)
NAMES: dict[str, tuple[str, ...]] = {
    "中通": ("中通快递", "zto", "中通速递", "zto express"),
    "圆通": ("圆通速递", "圆通快递", "yto", "yto express"),
    "申通": ("申通快递", "sto", "sto express"),
    "韵达": ("韵达快递", "韵达速递", "yunda"),
    "顺丰": ("顺丰速运", "顺丰快递", "sf", "sf express"),
    "极兔": ("极兔速递", "极兔快递", "j&t", "jt", "j&t express"),
    "京东": ("京东快递", "京东物流", "jd"),
    "邮政": ("中国邮政", "邮政快递包裹", "ems", "邮政ems", "中国邮政ems"),
    "德邦": ("德邦快递", "德邦物流", "debang", "deppon", "deppon express"),
}
# each courier's name in an English shop's file names (waybills-BATCH-SF.csv): the names it goes by there
EN_NAMES: dict[str, str] = {"中通": "ZTO", "圆通": "YTO", "申通": "STO", "韵达": "Yunda", "顺丰": "SF", "极兔": "JT",
                            "京东": "JD", "邮政": "EMS", "德邦": "Deppon"}
# tracking-number shapes (public knowledge of the couriers' number ranges; the letters are sure,
# the digit ranges are what each courier issues to e-commerce senders)
PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("顺丰", re.compile(r"SF\d{10,15}", re.I)),
    ("圆通", re.compile(r"YT\d{10,15}", re.I)),
    ("极兔", re.compile(r"JT\d{10,15}", re.I)),
    ("京东", re.compile(r"JD[A-Z]{0,2}\d{10,15}", re.I)),  # (JDVA…, JDX…: a letter or two after JD)
    ("德邦", re.compile(r"DPK\d{9,15}", re.I)),
    ("中通", re.compile(r"7[3-8]\d{10,13}")),
    ("韵达", re.compile(r"(?:43|46|31|33)\d{11,13}")),
    ("申通", re.compile(r"(?:77|88|66|55)\d{10,13}")),
    ("邮政", re.compile(r"(?:9\d{12}|E[A-Z]\d{9}CN|1\d{12})", re.I)),
)


# a courier's freight arm (中通快运, 韵达快运: heavy parcels, by weight) is a company of its own, with
# its own bills and rates: never read as the courier whose name it starts with
_FREIGHT = re.compile(r"(?:中通|圆通|申通|韵达|顺丰|极兔|京东|德邦|百世|安能|壹米)快运")


# every name as canonical() compares it, without its spaces: SF Express typed is "sfexpress" (it was never
# "sf express", so an English shop's 顺丰 was a courier of its own: no rates, its waybill CSV's fee blank)
_BY_NAME = {re.sub(r"\s+", "", n): c for c, others in NAMES.items() for n in (c, *others)}


def canonical(name: str | None) -> str | None:
    """中通快递 → 中通, SF Express → 顺丰; an unknown name (a small local courier, a freight company: 中通快运) is
    kept as written."""
    if not name:
        return None
    s = re.sub(r"\s+", "", str(name)).lower()
    if not s.isascii():  # ＳＦ, ＺＴＯ typed with the input method in full width (before: a courier of its own, a
        s = fold_width(s).lower()  # waybill CSV of its own, no rates: 预估运费 blank)
    if (c := _BY_NAME.get(s)) is not None:
        return c
    for c in NAMES:
        if s.startswith(c) and not _FREIGHT.match(s):
            return c
    return str(name).strip()


def said_as(courier: str, lang: str = "zh") -> str:
    """A courier (canonical) as the shop's words name it: 顺丰, SF in an English shop (one not known as typed)."""
    return courier if lang == "zh" else EN_NAMES.get(courier, courier)


def file_word(courier: str, lang: str = "zh") -> str:
    """A courier (canonical) as a file's name says it (said_as), with no character a file name may not hold."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", said_as(courier, lang))


def named_in(text: str) -> str | None:
    """The courier a bill's title or file names (中通快递 11月 对账单 → 中通); None for none or several
    (a freight company's bill, 中通快运 11月, names none of them)."""
    text = _FREIGHT.sub(" ", text)
    found = {c for c, others in NAMES.items() if c in text or any(o in text for o in others if not o.isascii())}
    found |= {c for c, m in _ASCII_NAMES if m.search(text)}  # (an English shop's ZTO-2026-11.csv, as it is told to)
    return found.pop() if len(found) == 1 else None


# each courier's names in letters (ZTO, SF Express), found in a bill's name only as a word of its own: never the
# sto of stock.csv, the ems of items.csv or the SF of a tracking number SF1234567890 in the bill's first lines
_ASCII_NAMES = tuple(
    (c, re.compile(r"(?<![a-z0-9])(?:" + "|".join(sorted((re.escape(o) for o in others if o.isascii()), key=len,
                                                       reverse=True)) + r")(?![a-z0-9])", re.IGNORECASE))
    for c, others in NAMES.items() if any(o.isascii() for o in others))


def by_number(tracking_no: str) -> str | None:
    for c, p in PATTERNS:
        if p.fullmatch(tracking_no.strip()):
            return c
    return None


def of_bill(tracking_nos: list[str]) -> str | None:
    """The courier most of a bill's numbers belong to (at least half of them); None if unclear."""
    votes = Counter(c for c in map(by_number, tracking_nos) if c)
    if not votes:
        return None
    c, n = votes.most_common(1)[0]
    return c if n * 2 >= len(tracking_nos) else None


# 淘宝/天猫's order export writes its 物流单号 as "No:7730…" (public readers of that export strip it before
# asking the courier: JMacro/Flash, src/Flash.Widgets/Models/TaobaoUtils/ExportOrderInfo.cs)
_NO_PREFIX = re.compile(r"(?<![A-Za-z0-9])No\s*[:：]\s*", re.I)


# what exports and waybill tools write where there is no courier or tracking number (a platform's null, 抖店's
# -, 无): a row of a waybill tool's file with one printed no parcel, and it is never a number on an order
NONE_WORDS = frozenset({"null", "none", "nil", "nan", "n/a", "-", "--", "—", "/", "无", "暂无", "空"})


def given(text: str | None) -> str:
    """A courier or tracking-number cell, "" where it says there is none (NONE_WORDS)."""
    s = (text or "").strip()
    return "" if s.lower() in NONE_WORDS else s


def bare(tracking_no: str | None) -> str:
    """A tracking-number cell as the courier prints the numbers: "No:" before each taken off; "" for
    none (given)."""
    return given(_NO_PREFIX.sub("", tracking_no or "")) if tracking_no else ""


def parcels(tracking_no: str | None) -> list[str]:
    """Every tracking number an order holds (several parcels: A/B)."""
    return [t.strip() for t in re.split(r"[/／;；,，\s]+", tracking_no or "") if t.strip()]


_NAME_SPLIT = re.compile(r"[/／;；,，、]+")  # not spaces: "SF Express" is one name


def fits(tracking_no: str, courier: str) -> bool:
    """Whether a number has the shape of `courier`'s numbers (True for a courier whose shape is not known)."""
    shapes = [p for c, p in PATTERNS if c == courier]
    return not shapes or any(p.fullmatch(tracking_no.strip()) for p in shapes)


def as_written(courier: str | None, tracking_no: str | None) -> list[tuple[str, str | None]]:
    """Each parcel's number with its courier as the cells write it: one name per parcel pairs them in
    order (中通/顺丰 beside 7310…/SF…), else the (first) name is every parcel's."""
    numbers = parcels(tracking_no)
    names = [n.strip() for n in _NAME_SPLIT.split(courier or "") if n.strip()]
    if len(names) == len(numbers):
        return list(zip(numbers, names))
    return [(t, names[0] if names else None) for t in numbers]


def carriers(courier: str | None, tracking_no: str | None) -> list[tuple[str, str | None]]:
    """Each parcel's number with the courier that carried it (canonical; None when the cell names
    none). One courier named for several parcels (what a waybill file's later parcel by another
    courier left before the import kept each parcel's courier) is each parcel's, except a number
    whose shape is another courier's and not that one's: an SF… parcel is 顺丰's whatever the cell says."""
    pairs = as_written(courier, tracking_no)
    one_for_all = len(pairs) > 1 and len({c for _, c in pairs}) == 1
    out = []
    for t, name in pairs:
        c = canonical(given(name))  # (无: none named, the default courier's as its waybill went; never a courier 无)
        shape = by_number(t) if one_for_all and c else None
        out.append((t, shape if shape and shape != c and not fits(t, c) else c))
    return out


def of_order(lines) -> dict[str, str | None]:
    """Every parcel of an order (all its lines: a line may hold its own parcel) → its courier."""
    out: dict[str, str | None] = {}
    for ln in lines:
        for t, c in carriers(ln.courier, ln.tracking_no):
            if out.get(t) is None:
                out[t] = c
    return out


def joined(pairs: list[tuple[str, str | None]]) -> tuple[str, str]:
    """The courier and tracking-number cells for an order's parcels, (number, courier as written)
    each: one courier's name when they share one, else a name per parcel in the numbers' order
    (中通/顺丰 beside 7310…/SF…), so that each parcel is checked against its own courier's bill."""
    first: dict[str, str | None] = {}
    for t, c in pairs:  # a number twice: its first courier
        if t and first.get(t) is None:
            first[t] = c or None
    named = [c for c in first.values() if c]
    if len({canonical(c) for c in named}) <= 1:
        return (named[0] if named else ""), "/".join(first)
    return "/".join(c or named[0] for c in first.values()), "/".join(first)


def title_of(path) -> str:
    """A bill's name and the lines above its table (中通快递 杭州西湖网点 2026年11月 月结对账单)."""
    from pathlib import Path

    import python_calamine as pc

    from .platform_export import _decode

    path = Path(path)
    top: list[str] = [path.stem]
    try:
        head = path.read_bytes()[:4]
        if head[:2] == b"PK" or head == b"\xd0\xcf\x11\xe0":
            wb = pc.CalamineWorkbook.from_path(str(path))
            rows = wb.get_sheet_by_name(wb.sheet_names[0]).to_python(skip_empty_area=False)[:3]
            wb.close()
            top += [" ".join(str(v) for v in r if v not in (None, "")) for r in rows]
        else:
            text, _ = _decode(path.read_bytes()[:4096], path, cut_ok=True)
            top += text.splitlines()[:3]
    except Exception:  # noqa: BLE001 - the title only helps; the bill's own reader reports what is wrong
        pass
    return " ".join(top)
