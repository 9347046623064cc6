"""Salary lines a person typed into 流水 by hand (not shopbook's: those carry its note, 绩效 YYYY-MM),
read for whose pay of which month they are, so `staff pay --book` never books a month's pay twice.

A hand-typed salary line is a 支出 of a category in the salaries group (工资, 薪资 …). Whose: the
person its 对方 names (as the 绩效 sheet spells the name), else the one whose name its 备注 holds;
one naming nobody on the sheet is maybe everyone's (18,500 工资, the whole payroll). Which month: the
one its 备注 says (11月工资, 2026年11月, 上月工资 of the line's own month, Nov salary); where it says
none, the line could be its own month's pay or the month before's (paid on the 5th), so a line of
the month or the month after is a doubt, never a guess: that person's pay is not booked, and the
line is said, to write its month in the 备注. The said_… functions word what `staff pay` says of them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..issues import ROW_SPAN, Issue, at, own_row
from ..schema import Category, Direction, Entry, StaffMember
from ..values import code_key, normalize_text

OWN_NOTE = re.compile(r"^\s*(绩效|staff pay)\s+\d{4}-\d{2}\s*$", re.IGNORECASE)  # shopbook's own (pay.pay_note)
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12,
       "元": 1, "正": 1, "腊": 12}
_EN = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
       "november", "december")
_YM = re.compile(r"(?<!\d)(20\d{2})\s*(?:年\s*|[-/.]\s*)(\d{1,2})(?!\d)")
_M = re.compile(r"(?<![\d年/.-])(\d{1,2})\s*(?:月|月份)")
_MCN = re.compile(r"(十[一二]|[一二三四五六七八九十元正腊])\s*月")
_MEN = re.compile(r"\b(" + "|".join(f"{m[:3]}(?:{m[3:]})?" if m != "september" else "sept?(?:ember)?" for m in _EN)
                  + r")\b\.?(?:\s+(20\d{2})\b)?", re.IGNORECASE)
UNREAD = ("这一行有格子读不出来（shopbook validate 会指出是哪一格）", "a cell of the row does not read (shopbook validate names it)")
_LAST = re.compile(r"上个?月|last\s+month", re.IGNORECASE)
_THIS = re.compile(r"本月|当月|这个月|this\s+month", re.IGNORECASE)
# a line naming nobody is read as pay only where it says it is (工资, 薪, salary): not 社保 or 个税 typed under 工资
_WAGES = re.compile(r"工资|薪|底薪|提成|绩效|奖金|salar|wage|payroll|\bpay\b", re.IGNORECASE)


def _month_no(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def _nearest(m: int, d: dt.date) -> int:
    """Month m (1–12) of the year that puts it nearest the line's date (12月工资 paid 2027-01-05: 2026's)."""
    return min((y * 12 + m - 1 for y in (d.year - 1, d.year, d.year + 1)), key=lambda n: abs(n - _month_no(d)))


def months_said(note: str | None, d: dt.date) -> set[int]:
    """The months (as year × 12 + month − 1) a 备注 names, relative to its line's date where it says no year."""
    text, out = note or "", set()
    for y, m in _YM.findall(text):
        if 1 <= int(m) <= 12:
            out.add(int(y) * 12 + int(m) - 1)
    rest = _YM.sub(" ", text)
    out |= {_nearest(int(m), d) for m in _M.findall(rest) if 1 <= int(m) <= 12}
    out |= {_nearest(_CN[m], d) for m in _MCN.findall(rest)}
    for m, y in _MEN.findall(rest):
        n = [x[:3] for x in _EN].index(m[:3].lower()) + 1
        out.add(int(y) * 12 + n - 1 if y else _nearest(n, d))
    if _LAST.search(text):
        out.add(_month_no(d) - 1)
    if _THIS.search(text):
        out.add(_month_no(d))
    return out


@dataclass
class Typed:
    """A month's salary lines typed by hand: `lines` each person's, sure; `doubts` the lines that may be a
    person's pay of the month but cannot be told (by person; None: a line that names nobody)."""
    lines: dict[str, list[Entry]] = field(default_factory=dict)
    doubts: dict[str | None, list[tuple[Entry, str, str]]] = field(default_factory=dict)


def typed_pay(entries: list[Entry], categories: list[Category], staff: list[StaffMember], month: str,
              unreadable: list[Entry] = ()) -> Typed:
    """`unreadable`: the 流水 rows with a cell that does not read (a date 12/5, an amount 2,000.8O): one that may
    be the month's pay is a doubt, never left out as if it were not there."""
    from ..money.ledger import group_of

    salaries = {code_key(c.category) for c in categories if group_of(c) == "salaries"}
    target = int(month[:4]) * 12 + int(month[5:7]) - 1
    mid = dt.date(int(month[:4]), int(month[5:7]), 15)  # (an unreadable date: 11月 read as the month's)
    by_key = {code_key(s.name): s.name for s in staff if s.name}
    out = Typed()
    for e, bad in [*((e, False) for e in entries), *((e, True) for e in unreadable)]:
        if (e.direction is Direction.IN or (e.direction is None and not bad) or not e.category
                or code_key(e.category) not in salaries or (not bad and e.note and OWN_NOTE.match(e.note))):
            continue
        who = ([by_key[code_key(e.counterparty)]] if code_key(e.counterparty) in by_key else
               _named_in(e.note or "", by_key))
        if not who and not (not e.note or _WAGES.search(e.note) or _WAGES.search(e.category)):
            continue
        said = months_said(e.note, e.date or mid)
        if (target not in said) if said else (e.date and _month_no(e.date) not in (target, target + 1)):
            continue
        if bad:
            why = UNREAD
        elif len(who) > 1:
            why = ("一行里写了几个人（" + "、".join(who) + "），分不出每人多少",
                   "the line names several people (" + ", ".join(who) + "): whose part is what cannot be told")
        elif not who:
            why = ("对方和备注里都没有绩效表上的名字，可能是全部人的工资",
                   "neither its counterparty nor its note names anyone on the Staff pay sheet, so it may be everyone's")
        elif len(said) > 1:
            why = ("备注里写了不止一个月份", "its note names more than one month")
        elif not said:
            why = ("备注里没有写是哪个月的工资，日期也定不了（上个月的工资常在这个月发）",
                   ("its note does not say which month's pay it is, and its date cannot tell (a month's pay is often "
                    "paid in the month after)"))
        else:
            out.lines.setdefault(who[0], []).append(e)
            continue
        for w in who or [None]:
            out.doubts.setdefault(w, []).append((e, *why))
    return out


def _named_in(note: str, by_key: dict[str, str]) -> list[str]:
    """The staff whose names a 备注 holds (a name inside a longer one named counts once, as the longer). A name
    in letters is a whole word (Li is no part of "salaries"); one in characters is found where it stands."""
    text, words = code_key(note), normalize_text(note).casefold()

    def named(k: str) -> bool:
        if not re.search(r"[a-z0-9]", k):
            return k in text
        spaced = r"\s*".join(map(re.escape, k))  # (Amy Chen typed AmyChen)
        return re.search(r"(?<![a-z0-9])" + spaced + r"(?![a-z0-9])", words) is not None
    found = [k for k in by_key if k and named(k)]
    return [by_key[k] for k in found if not any(k != o and k in o for o in found)]


def _what(e: Entry) -> str:
    """A ledger line as a message names it: its date, category and amount, those that read."""
    return " ".join(x for x in (e.date and str(e.date), e.category, e.amount is not None and f"¥{e.amount:,.2f}") if x)


def _rows(lines: list, here: Entry | None = None) -> tuple[str, str]:
    """The lines' rows as their own sheets number them (流水 kept a sheet a month is read as one), a row on
    another sheet than `here`'s (the line the message is located at; the first) said to be so."""
    es = [x[0] if isinstance(x, tuple) else x for x in lines]
    part = ((here or es[0]).row or 0) // ROW_SPAN
    zh, en = [], []
    for e in es:
        r, other = own_row(e.row or 0), (e.row or 0) // ROW_SPAN != part
        zh.append(f"{r}（另一张{Entry.zh}表）" if other else str(r))
        en.append(f"{r} (of another {Entry.en} sheet)" if other else str(r))
    return "、".join(zh), ", ".join(en)


def _month_words(month: str) -> tuple[str, str]:
    """How to write a month into a 备注 so it is read as that month's pay (11月工资, 2026-11 salary)."""
    return f"{int(month[5:])}月工资", f"{month} salary"


def said_typed(name: str, total: Decimal, lines: list[Entry], month: str) -> Issue:
    """A person's pay of the month typed into 流水 by hand: not booked again; its amount against the month's."""
    was = sum((e.amount for e in lines), Decimal("0.00"))
    zr, er = _rows(lines)
    zh = f"{name} {month} 的工资流水里已经手工记过（第 {zr} 行，¥{was:,.2f}）：没有再记账。"
    en = f"{name}'s pay for {month} was typed into the ledger by hand (row {er}, ¥{was:,.2f}): not booked again."
    if was != total:
        zh += f"现在算出来是 ¥{total:,.2f}（差 ¥{total - was:+,.2f}）：金额不对的话，请改正流水里这一行。"
        en += (f" It works out at ¥{total:,.2f} ({total - was:+,.2f}): if the amount is wrong, correct it in that "
               "ledger row.")
    zh += f"如果这一行不是 {name} {month} 的工资，请在它的备注里写上它是哪个月的，再运行 --book。"
    en += f" If that row is not {name}'s pay for {month}, write in its note the month it is for, then run --book again."
    return at(lines[0], "note", "warning" if was == total else "error", zh, en)


def said_doubt(name: str, lines: list[tuple[Entry, str, str]], month: str) -> Issue:
    e, why, why_en = lines[0]
    (zr, er), (zm, em) = _rows(lines), _month_words(month)
    do, do_en = (("请改正它", "Correct it") if (why, why_en) == UNREAD else
                 (f"是 {month} 的，就在备注里写上“{zm}”；不是，就写上是哪个月的",
                  f"If it is, write '{em}' in its note; if not, write the month it is for"))
    return at(e, "note", "error",
              f"流水第 {zr} 行（{_what(e)}）可能是 {name} {month} 的工资，但{why}：{name} 的工资没有记账，以免记两次。"
              f"{do}，再运行 --book。",
              f"Ledger row {er} ({_what(e)}) may be {name}'s pay for {month}, but {why_en}: {name}'s pay was not "
              f"booked, so as not to book it twice. {do_en}, then run --book again.")


def said_nobody_s(lines: list[tuple[Entry, str, str]], held: list[str], month: str) -> list[Issue]:
    """Salary lines naming nobody on the 绩效 sheet that may be the month's pay: everyone's held back, said once."""
    if not lines or not held:
        return []
    e, why, why_en = lines[0]
    (zr, er), (zm, em) = _rows(lines), _month_words(month)
    do, do_en = (("请改正它，再运行 --book。", "Correct it, then run --book again.") if (why, why_en) == UNREAD else
                 ((f"它就是这些人 {month} 的工资的话，不用再记账；不是的话，请在“对方”填上是谁的（一人一行），备注写上是哪个月的"
                  f"（如“{zm}”），再运行 --book。"),
                  (f"If it is their pay for {month}, nothing more is to be booked; if not, fill in its counterparty (one "
                  f"line per person) and write the month it is for in its note (e.g. '{em}'), then run --book again.")))
    return [at(e, "note", "error",
               f"流水第 {zr} 行（{_what(e)}）可能是 {month} 的工资，但{why}。"
               f"{'、'.join(held)} 的工资都没有记账，以免记两次。{do}",
               f"Ledger row {er} ({_what(e)}) may be pay for {month}, but {why_en}. "
               f"No pay was booked for {', '.join(held)}, so as not to book it twice. {do_en}")]


def said_renamed(strays: list[tuple[str, Entry]], held: list[str], month: str) -> list[Issue]:
    """The month's pay lines shopbook booked for a name the 绩效 sheet no longer has: everyone's not booked held back."""
    if not strays or not held:
        return []
    who, e = strays[0]
    zr, er = _rows([e for _, e in strays])
    return [at(e, "counterparty", "error",
               f"流水第 {zr} 行是 {month} 已记账的工资（{who} ¥{e.amount:,.2f}），但绩效表上没有“{who}”（改了名，或删了这一行？）："
               f"{'、'.join(held)} 的工资都没有记账，以免记两次。改了名的话，把这一行的“对方”改成绩效表上的新名字，再运行 --book。",
               f"Ledger row {er} is pay for {month} already booked ({who} ¥{e.amount:,.2f}), but '{who}' is not on the "
               f"Staff pay sheet (renamed, or the row deleted?): no pay was booked for {', '.join(held)}, so as not to "
               "book it twice. If the person was renamed, change this row's counterparty to the new name on the Staff "
               "pay sheet, then run --book again.")]


def said_twice(name: str, own: list[Entry], typed: list[Entry], month: str) -> Issue:
    """A month's pay booked by shopbook and typed by hand too: the P&L counts it twice."""
    (zo, eo), (zt, et) = _rows(own, typed[0]), _rows(typed)
    return at(typed[0], "note", "error",
              f"{name} {month} 的工资在流水里记了两次：第 {zo} 行（staff pay --book 记的）和第 {zt} 行（手工记的），"
              "利润表会算两次。请删掉其中一行（手工这一行若不是这个月的工资，在备注里改正月份）。",
              f"{name}'s pay for {month} is in the ledger twice: row {eo} (booked by staff pay --book) and row {et} "
              "(typed by hand), so the P&L counts it twice. Delete one of them (if the row typed by hand is not this "
              "month's pay, correct the month in its note).")
