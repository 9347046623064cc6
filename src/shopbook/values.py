"""Parsing the values people type into cells.

Every parser takes whatever a reader hands over (str, int, float, bool, date,
datetime or None) and returns the typed value, or raises `BadValue` with a
bilingual explanation. Values that are already typed take the fast path first:
in a big workbook almost every cell is.
"""

from __future__ import annotations

import calendar
import contextvars
import datetime as dt
import functools
import math
import re
import unicodedata
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

FEN = Decimal("0.01")
FLOAT_NOISE = Decimal("0.000001")  # what a float from Excel may carry beyond the fen
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
EPOCH_1904 = dt.datetime(1904, 1, 1)
# the date system of the workbook being read: a serial typed in a date column of a workbook
# saved with the 1904 date system counts from 1904-01-01 (the reader sets it per workbook)
serial_epoch: contextvars.ContextVar[dt.datetime] = contextvars.ContextVar("serial_epoch", default=EXCEL_EPOCH)
# Excel keeps 15 significant digits: a code stored as a number past that has lost digits.
EXACT_FLOAT_LIMIT = 10**15
MONEY_LIMIT = EXACT_FLOAT_LIMIT  # the same for an amount: beyond it no shop amount is meant, nor exact
ERROR_VALUES = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
     "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!"}
)


class BadValue(ValueError):
    """A cell value that cannot be read as its column's type."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh = zh
        self.en = en


class CutByExcel(BadValue):
    """A code Excel has cut (shown in scientific notation, or kept as a number past its 15 digits, and saved):
    its digits are lost; an import says a column of them once (orders.platform_export._lost_once)."""


# characters no one sees, which text copied from a web page or a CSV's start brings along (a zero-width
# space, the byte-order mark, a soft hyphen): a header or a word holding one is the word it shows. Looked
# for first (a search in C), taken out only where found: str.translate looks up each character of every
# address the review reads, 20 times as slow
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = re.compile(f"[{INVISIBLE}]")


def without_invisible(s: str) -> str:
    """`s` with the characters no one sees taken out (the same string where it holds none)."""
    return s if s.isascii() or not _INVISIBLE.search(s) else _INVISIBLE.sub("", s)


def normalize_text(s: str) -> str:
    """Full-width to half-width (NFKC), invisible characters out, trimmed. Used for headers and typed words."""
    return without_invisible(unicodedata.normalize("NFKC", s)).strip()


def fold_width(s: str) -> str:
    """Full-width to half-width (NFKC), trimmed: text compared in bulk (the review's 10,000 receivers and
    addresses), where the look for unseen characters would cost more than the whole comparison."""
    return unicodedata.normalize("NFKC", s).strip()


def code_key(v: str | None) -> str:
    """A code, order number or attribute as a person may retype it, compared: spaces and letter case
    aside, full-width as half-width ("dl001- 1" is DL001-1, "ts01" TS01, "藏青 " 藏青)."""
    return re.sub(r"\s+", "", normalize_text(v or "")).casefold()


def by_code_key(codes: Iterable[str]) -> dict[str, str]:
    """code_key → the one code of `codes` that reads so ("dl003" → DL003); a key two codes share, or a
    code given twice, is left out: which was meant is a person's to say."""
    seen: dict[str, str | None] = {}
    for c in codes:
        if c:
            k = code_key(c)
            seen[k] = None if k in seen else c
    return {k: c for k, c in seen.items() if c is not None}



_DIGITS = re.compile(r"(\d+)")


@functools.lru_cache(maxsize=None)
def bin_order(bin_: str) -> tuple:
    """A 库位 as the warehouse walks them: numbers by their value (A-2 before A-10, as a shelf is
    numbered), the text between them as typed, letter case aside. Text at even places, numbers at odd
    ones, so any two keys compare. Asked once per bin (a pick list's thousands of lines share a few). Full
    width aside too: Ａ－２, typed with the input method left in full width, is A-2 (it was walked last)."""
    parts = _DIGITS.split(fold_width(bin_).casefold())
    return tuple(int(x) if k % 2 else x for k, x in enumerate(parts))

def barcode_with_zero(code: str) -> str | None:
    """The EAN-13 (EAN-8) barcode `code` is with the leading 0 Excel drops, when it is one that lost
    it: 12 (7) digits, as 0614141000012 typed into a General cell is stored (614141000012); else None."""
    return "0" + code if len(code) in (12, 7) and code.isascii() and code.isdigit() else None


def barcode_forms(code: str) -> tuple[str, ...]:
    """`code` and the other forms of the same EAN-13 (EAN-8) barcode, where it has them: with the
    leading 0 Excel dropped put back (614141000012: 0614141000012, what the scanner reads), or
    without its leading zeros (0614141000012: 614141000012, as the sheet may hold it, or a UPC scanner
    reads it; 0048030983009: 048030983009 and 48030983009)."""
    if was := barcode_with_zero(code):
        return code, was
    if len(code) in (13, 8) and code[:1] == "0" and code.isascii() and code.isdigit():
        # every zero Excel drops, not only the first: 0048030983009 typed into a General cell is 48030983009
        # (before: "条码 48030983009 不属于任何商品" for the very product's barcode)
        return code, *(code[k:] for k in range(1, len(code) - len(code.lstrip("0")) + 1))
    return (code,)


def by_barcode(products) -> dict:
    """Barcode → product, the one lookup of a code scanned (ship's scan check, a PO receipt, a
    barcode typed for a SKU): under each form of each 商品 barcode (barcode_forms), so a scan of
    0614141000012 finds the product whose 条码 Excel stored as 614141000012 while the sheet is being
    put right (validate warns at that cell). A barcode as typed goes before another one's other form."""
    products = [p for p in products if p.barcode]
    out = {p.barcode: p for p in products}
    for p in products:
        for form in barcode_forms(p.barcode)[1:]:
            out.setdefault(form, p)
    return out


def is_blank(v: object) -> bool:
    return v is None or v == "" or (isinstance(v, str) and not v.strip())


# --- text and codes ------------------------------------------------------------

def as_typed(v: object) -> object:
    """A whole number as a person typed it in a message: 5, not the 5.0 a workbook's reader gives for it."""
    return int(v) if isinstance(v, float) and v.is_integer() and abs(v) < EXACT_FLOAT_LIMIT else v


def parse_text(v: object) -> str:
    if isinstance(v, str):
        return v.strip()
    if isinstance(v, float) and not math.isfinite(v):
        raise BadValue(f"不是一个数：{v}。", f"Not a number: {v}.")
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (dt.datetime, dt.date)):
        return v.isoformat()
    return str(v).strip()


_SCI = re.compile(r"^[0-9.]+[eE]\+?[0-9]+$")


def parse_code(v: object) -> str:
    """SKU, order no., phone, tracking no.: always text, never a guess.

    A whole number Excel stored exactly (under 15 digits) is turned back into its
    digits; anything larger, text in scientific notation, or a number of 11 digits or
    more ending in 00000 (that notation saved back as a number) has already lost digits.
    """
    if isinstance(v, str):
        # (characters that show as nothing, pasted on a phone, are no part of a code: T100-BK-L\u200b is
        # T100-BK-L, never "no such SKU; did you mean T100-BK-L?", the two alike on screen)
        s = without_invisible(v).strip()
        if s.startswith("'"):  # the platform's and Excel's "this is text" marker
            s = s[1:]
        elif s.startswith("`"):  # WeChat Pay's, before every value of its trade bill: a 交易单号 or 商户订单号
            s = s[1:].strip()  # copied from the bill into 流水号 is that number (before: matched nothing)
        if s.startswith('="') and s.endswith('"'):  # ="3515…" from platform CSV exports
            s = s[2:-1]
        s = fold_width(s) if not s.isascii() else s  # (its unseen characters taken out above)
        if _SCI.match(s):
            raise CutByExcel(
                f"编码被 Excel 存成了科学计数法（{s}），后几位已丢失。请把该列设为文本格式，从原始导出文件重新粘贴。",
                f"The code was stored in scientific notation ({s}) and has lost digits. "
                "Format the column as Text and paste it again from the original export.",
            )
        return s
    if isinstance(v, bool):
        raise BadValue("编码不能是 TRUE/FALSE。", "A code cannot be TRUE/FALSE.")
    if isinstance(v, int) or (isinstance(v, float) and v.is_integer()):
        n = int(v)
        if abs(n) >= EXACT_FLOAT_LIMIT:
            raise CutByExcel(
                f"编码被 Excel 存成了数字（{v:.6g}），超过 15 位的部分已丢失。请把该列设为文本格式，从原始导出文件重新粘贴。",
                f"The code was stored as a number ({v:.6g}) and digits past the 15th are lost. "
                "Format the column as Text and paste it again from the original export.",
            )
        if n >= 10**10 and not n % 100000:
            # a CSV saved while Excel showed 1.38123E+10 (a phone; a tracking no. 4.31235E+12) and
            # opened again: the digits Excel did not show are gone
            e = f"{n:.6G}"
            raise CutByExcel(
                f"编码被 Excel 存成了科学计数法（{e}）再存回数字 {n}，后几位已丢失。请把该列设为文本格式，从原始导出文件重新粘贴。",
                f"The code was stored in scientific notation ({e}) and saved back as the number {n}: its last "
                "digits are lost. Format the column as Text and paste it again from the original export.",
            )
        return str(n)
    if isinstance(v, float):
        raise BadValue(f"编码不应是小数：{v}。", f"A code should not be a decimal number: {v}.")
    return parse_text(v)


def parse_barcode(v: object) -> str:
    """parse_code, but a number ending in 00000 is the barcode it stands for: a GS1 code may end so
    (a maker's first item)."""
    if (v.__class__ is int or v.__class__ is float and v.is_integer()) and 0 <= v < EXACT_FLOAT_LIMIT:
        return str(int(v))
    return parse_code(v)


# --- numbers -------------------------------------------------------------------


def _signed(s: str) -> Decimal:
    """A bare number, (12.50) the accounting negative; ValueError for anything else."""
    neg = False
    if s.startswith("(") and s.endswith(")"):  # accounting negative
        neg, s = True, s[1:-1]
    try:
        d = Decimal(s)
    except InvalidOperation:
        raise ValueError(s) from None
    if not d.is_finite():
        raise ValueError(s)
    return -d if neg else d


# The minus sign U+2212 (−12.50: web pages, PDFs, Word, Excel's own number formats copied as text) is a
# minus whatever the font; NFKC already makes the full-width － (and ﹣) the ASCII one. A dash (–, —, ‐)
# before a number or a minus after it (12.50-, as some bank and ERP statements write a debit) may be a
# minus and may be a list's dash, a range cut short or a slip: refused, saying how to write the negative.
_MINUS = str.maketrans({"\u2212": "-"})
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015"


def _minus_misplaced(s: str) -> str | None:
    """The negative meant by `s` (normalised, no ¥ nor spaces) when its minus is a dash or comes
    after the number (–12.50, 12.50-): -12.50, what to type; None when it is no such slip."""
    if s[:1] in _DASHES:
        body = s[1:]
    elif s.endswith("-") and not s.startswith(("-", "(")):
        body = s[:-1]
    else:
        return None
    try:
        d = _signed(body.replace(",", ""))
    except ValueError:
        return None
    return f"{-d:f}" if d > 0 else None


def _minus_said(v: str, typed: str, what: tuple[str, str]) -> BadValue:
    return BadValue(f"{what[0]}“{v}”看不出是不是负数：负数请写成 {typed}（减号在前），不是负数就去掉这个符号。",
                    f"{what[1]} '{v}' is not clearly negative: enter {typed} if it is (the minus first), or "
                    "leave the sign out if not.")


def _plain_decimal(s: str) -> Decimal | None:
    """A plain ASCII number ("1234.50", "-3"), the commonest text by far, read directly;
    None for anything else (¥, 元, separators, full-width digits, and the 1e3 and 1_000
    Decimal reads but no one types as an amount), which the slow path reads or refuses."""
    if not s.isascii():
        return None
    try:
        d = Decimal(s)
    except InvalidOperation:
        return None
    return d if d.is_finite() and "e" not in s and "E" not in s and "_" not in s else None


# --- money as typed: ¥, 元 and thousands commas read; a slip refused, saying what to type ---

_MONEY_MARKS = re.compile(r"[¥￥\s]|元整?")  # what an amount may carry besides its number and commas (100元整)
_CURRENCY_WORD = re.compile(r"RMB|CNY", re.IGNORECASE)
_SCIENTIFIC = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+")
_DECIMAL_COMMA = re.compile(r"\d,\d{1,2}\)?$")  # 1.234,50 · 12,34: no thousands group is 1–2 digits
_THOUSANDS = re.compile(r"[-+(]?\d{1,3}(?:,\d{3})+(?:\.\d*)?\)?")  # 1,234,567.89: commas between groups of three
ENTER_AMOUNT = ("请填数字，例如 1234.50（可带 ¥ 或 元）。", "Enter a number such as 1234.50 (¥ allowed).")


def _money_from_text(v: str) -> Decimal:
    """The slow path: ¥, ￥, 元, spaces and thousands commas around the number, full-width
    digits. Decimal also reads 1e3 and 1_000, and commas would make 1.234,50 a number too:
    cheap tests send those to _odd_money, as anything that does not read."""
    s = _MONEY_MARKS.sub("", normalize_text(v).translate(_MINUS))
    bare = s.replace(",", "") if "," in s else s
    if "e" in bare or "E" in bare or "_" in bare or (bare is not s and not _THOUSANDS.fullmatch(s)):
        raise _odd_money(v, s)
    try:
        return _signed(bare)
    except ValueError:
        raise _odd_money(v, s) from None


# a cell holding a dash alone: what a 生意参谋 download or an accounting report shows for nothing or 0
_DASH_ONLY = re.compile("[-\u2010-\u2015\u2212\uff0d]+")


def _dash_said(v: object) -> BadValue | None:
    """A dash typed for a number (-, —): no number, and which one was meant (0, or none) is the person's
    to say; None for anything else. The failure path only."""
    if v.__class__ is str and _DASH_ONLY.fullmatch(t := v.strip()):
        return BadValue(f"“{t}”是一条横线，不是数：是 0 的话请填 0，没有这个数就把这一格清空。",
                        f"'{t}' is a dash, not a number: enter 0 if it means nothing, or clear the cell if there "
                        "is no figure.")
    return None


# a Chinese full stop between digits (12。5): the decimal point as a Chinese keyboard types it in Chinese
# punctuation mode (NFKC makes the half-width ｡ this one too)
_IDEOGRAPHIC_POINT = re.compile(r"(?<=\d)。(?=\d)")


def _point_said(v: str, s: str, what: tuple[str, str], suffix: str = "") -> BadValue | None:
    """A number typed with a Chinese full stop for its decimal point (12。5, 1,234。50): what to type (12.5),
    not "a comma out of place" nor "not a number"; None for anything else. The failure path only. `suffix`: its
    % sign (3。5% is 3.5%, never 3.5: a target of 350 %)."""
    if len(_IDEOGRAPHIC_POINT.findall(s)) != 1:
        return None
    typed = _IDEOGRAPHIC_POINT.sub(".", s)
    try:
        typed = f"{_signed(typed.replace(',', '') if _THOUSANDS.fullmatch(typed) else typed):f}"
    except ValueError:
        return None
    return BadValue(f"{what[0]}“{v}”里的“。”是中文句号：小数点请用英文的“.”，写成 {typed}{suffix}。",
                    f"{what[1]} '{v}' has a Chinese full stop (。) for its decimal point: enter {typed}{suffix}.")


def _odd_money(v: str, s: str) -> BadValue:
    """Why text `v` (`s`: without ¥, 元 and spaces) is no amount, and what to type: the
    failure path only."""
    if (dash := _dash_said(v)) is not None:
        return dash
    if (point := _point_said(v, s, ("金额", "The amount"))) is not None:
        return point
    negative = _minus_misplaced(s)
    if negative is not None:
        return _minus_said(v, negative, ("金额", "The amount"))
    word = _CURRENCY_WORD.search(s)
    if word:  # RMB 50: yuan indeed, but no amount column holds letters
        try:
            typed = f"{_signed(_CURRENCY_WORD.sub('', s).replace(',', '')):f}"
        except ValueError:
            typed = "50"
        return BadValue(f"金额“{v}”里有“{word.group()}”：只填数字，例如 {typed} 或 ¥{typed}。",
                        f"The amount '{v}' holds '{word.group()}': enter the number alone, such as {typed} "
                        f"or ¥{typed}.")
    if _SCIENTIFIC.fullmatch(s):
        d = Decimal(s)
        if abs(d) >= MONEY_LIMIT or 0 < abs(d) < FEN:  # 1e5000 or 1e-5000 written out: 5000 digits
            return BadValue(f"金额“{v}”不是一个正常的数。", f"The amount '{v}' is not a usable number.")
        return BadValue(f"金额“{v}”是科学计数法：请写出整个数，例如 {d:f}。",
                        f"The amount '{v}' is in scientific notation: enter the number in full, such as {d:f}.")
    times = _MULTIPLIED.fullmatch(s)
    if times:  # 5千, 1.5万: the whole number is what to type, never 5 (as a number column says it)
        return _unit_said(v, times[1], times[2], ("金额", "The amount"))
    if "$" in s:
        return BadValue(f"“{v}”不是人民币金额：金额以元计。{ENTER_AMOUNT[0]}",
                        f"'{v}' is not an amount in yuan: amounts are in yuan. {ENTER_AMOUNT[1]}")
    if _DECIMAL_COMMA.search(s):
        typed = _comma_as_point(s)
        return BadValue(f"金额“{v}”像是用逗号作小数点：请用小数点，写成 {typed}（逗号只用来分千位，如 1,234.50）。",
                        f"The amount '{v}' looks like it has a decimal comma: use a decimal point and enter "
                        f"{typed} (a comma only separates thousands, as in 1,234.50).")
    if "," in s and not _THOUSANDS.fullmatch(re.sub(r"[^\d,.]", "", s)):  # 1,23.45: a digit missing or one too
        # many, and which amount was meant cannot be told (1,234.00+ is another slip, said as such)
        return BadValue(f"金额“{v}”的逗号位置不对：逗号只用来分千位，每三位一个，如 1,234.50。请改正，或不用逗号。",
                        f"The amount '{v}' has a comma out of place: a comma only separates thousands, every three "
                        "digits, as in 1,234.50. Correct it, or leave the commas out.")
    return BadValue(f"不是金额：“{v}”。{ENTER_AMOUNT[0]}", f"Not an amount: '{v}'. {ENTER_AMOUNT[1]}")


def _comma_as_point(s: str) -> str:
    """1.234,50 → 1234.50: what was meant by a number typed with a decimal comma."""
    whole, _, part = re.sub(r"[^\d,]", "", s).rpartition(",")
    return ("-" if s.startswith(("-", "(")) else "") + whole.replace(",", "") + "." + part


def money_unrounded(v: str) -> Decimal:
    """Text of an amount as a bill writes it before rounding (WeChat's 手续费 0.59400): read as
    parse_money reads text (¥, 元, thousands commas; a slip refused, saying what to type), not
    rounded to the fen."""
    d = _plain_decimal(v)
    return d if d is not None else _money_from_text(v)


def parse_money_to_fen(v: object) -> Decimal:
    """An amount that is a quotient of amounts (客单价 = 销售额 ÷ 支付买家数), rounded half up to the
    fen: a person's formula =F2/D2 gives 306.284193548387, the right figure, not a slip to refuse."""
    d = money_unrounded(v) if isinstance(v, str) else parse_decimal(v)
    if not abs(d) < MONEY_LIMIT:
        raise BadValue(f"金额“{v}”不是一个正常的数。", f"The amount '{v}' is not a usable number.")
    return d.quantize(FEN, ROUND_HALF_UP)


def parse_money(v: object) -> Decimal:
    """Exact money in yuan, to the fen. Floats from Excel are rounded to the fen:
    a cell showing 0.10 may hold 0.1000000000000000055, and the fen is what is meant."""
    if v.__class__ is float and -MONEY_LIMIT < v < MONEY_LIMIT:  # nearly every cell: a fast path
        d = Decimal(repr(v))
        q = d.quantize(FEN)
        if q == d:
            return q
    if isinstance(v, Decimal):
        d = v
    elif isinstance(v, bool):
        raise BadValue("金额不能是 TRUE/FALSE。", "An amount cannot be TRUE/FALSE.")
    elif isinstance(v, int):
        d = Decimal(v)
    elif isinstance(v, float):
        d = Decimal(repr(v))
    elif isinstance(v, str):
        d = _plain_decimal(v)
        if d is None:
            d = _money_from_text(v)
    else:
        raise BadValue(f"不是金额：{v!r}。", f"Not an amount: {v!r}.")
    if not (d.is_finite() and -MONEY_LIMIT < d < MONEY_LIMIT):
        raise BadValue(f"金额“{v}”不是一个正常的数。", f"The amount '{v}' is not a usable number.")
    q = d.quantize(FEN)
    if d and not q:  # 1e-320 is not a price of nothing: a slip, or a cell that is not what it shows
        raise BadValue(f"金额“{v}”不到一分钱，又不是 0。请填到分的金额。",
                       f"The amount '{v}' is less than a fen yet not 0. Enter an amount in fen.")
    if q != d and abs(q - d) > FLOAT_NOISE:
        # what to type, worked out (a cell formatted as money shows 35,000.11 where it holds 35000.105: "round
        # it" read as nothing to do), and for a formula's (=A2*0.95) the ROUND that keeps it to the fen
        # (a float as Excel shows it and its ROUND takes it, to 15 digits: =A2*0.95 holding 95.09499999999998
        # shows 95.10, which "round it to 95.09" contradicted)
        r = (_from_float(v) if isinstance(v, float) else d).quantize(FEN, ROUND_HALF_UP)
        raise BadValue(
            f"金额“{v}”超过两位小数（分）。请四舍五入到分：{r}（是公式的话，用 =ROUND(公式,2)）。",
            f"The amount '{v}' has more than two decimals (fen). Round it to the fen: {r} (for a formula, wrap it "
            "in =ROUND(formula, 2)).",
        )
    return q


def _from_float(v: float) -> Decimal:
    """A float cell as the number Excel shows: 15 significant digits, so the binary noise
    of a formula (=0.6-0.05 holds 0.5499999999999999) does not move a price by a fen."""
    return Decimal(f"{v:.15g}")


def _usable(d: Decimal, v: object, zh: str, en: str) -> Decimal:
    """No quantity, weight or rate the shop keeps is 10^15 or more: such a cell is a slip
    (1e30 typed as text), and a number of thousands of digits would stop a run."""
    if not (d.is_finite() and abs(d) < EXACT_FLOAT_LIMIT):
        raise BadValue(f"{zh}“{v}”不是一个正常的数。", f"{en} '{v}' is not a usable number.")
    return d


def parse_decimal(v: object) -> Decimal:
    if isinstance(v, Decimal):
        return _usable(v, v, "数字", "The number")
    if isinstance(v, bool):
        raise BadValue("不能是 TRUE/FALSE。", "Cannot be TRUE/FALSE.")
    if isinstance(v, int):
        return _usable(Decimal(v), v, "数字", "The number")
    if isinstance(v, float) and math.isfinite(v):
        return _usable(_from_float(v), v, "数字", "The number")
    if isinstance(v, str):
        s = normalize_text(v).strip()
        pct = s.endswith("%")  # "3%" is 0.03, as Excel reads it when typed
        d = _number_from_text(v, s[:-1].rstrip() if pct else s)
        if d is not None:
            return _usable(d / 100 if pct else d, v, "数字", "The number")
        unit = _NUMBER_WITH_UNIT.fullmatch(s)
        if unit:  # 4.8分, 0.5kg: what to type is the number without its unit
            raise _unit_said(v, unit[1], unit[2], ("不是数字", "Not a number"), weighs=True)
        if (point := _point_said(v, s[:-1].rstrip() if pct else s, ("数字", "The number"), "%" if pct else "")) \
                is not None:
            raise point
    raise _dash_said(v) or BadValue(f"不是数字：“{v}”。", f"Not a number: '{v}'.")


_NUMBER_WITH_UNIT = re.compile(r"([+-]?\d+(?:\.\d+)?)\s*([^\d\s.,%+\-]{1,3})")  # 4.8分, 0.5kg, 3 pcs
# words that multiply the number before them (5万 is 50000, 3k 3000): not a unit to leave out
_MULTIPLIERS = {"万": 10_000, "w": 10_000, "W": 10_000, "千": 1_000, "k": 1_000, "K": 1_000, "亿": 100_000_000}
_MULTIPLIED = re.compile(r"(\d+(?:\.\d+)?)(" + "|".join(_MULTIPLIERS) + ")")  # an amount typed 5千 (¥, 元 taken off)


# a weight typed in a unit other than kg → kg in it: the weights shopbook keeps (重量(kg), 首重(kg)) are in kg
_TO_KG = {"g": Decimal("0.001"), "克": Decimal("0.001"), "斤": Decimal("0.5"), "两": Decimal("0.05")}
# a count of packs, not of pieces (2箱 is 2 cartons, 3打 3 dozen): typing the number alone, as a unit would be
# told, posts 2 pieces where 2 cartons were counted. A dozen says its whole number; a carton's size only the shop knows.
# Not 包, 盒, 袋, 套: a shop may sell by them (a 5双装 of socks is one SKU, its unit 包)
# (and the words an English supplier's note writes in its Unit column: before, 2 under Unit "cartons" posted 2 pieces)
_PACKS = {"箱", "捆", "扎", "ctn", "ctns", "carton", "cartons"}
_DOZENS = {"打": 12, "doz": 12, "dz": 12, "dozen": 12, "dozens": 12}
# a span of days written in weeks or months (补货周期 2周, 1个月): the days are what to type, never the 2
_IN_DAYS = {"周": 7, "星期": 7, "礼拜": 7, "个星期": 7, "个礼拜": 7, "个月": 30, "月": 30}


def _unit_word(unit: str) -> str:
    """A unit as _PACKS and _DOZENS hold it: folded, lower case, its abbreviation's dot off (Doz., CTNS)."""
    return normalize_text(unit).strip().lower().rstrip(".")


def counts_packs(unit: object) -> bool:
    """A unit (a delivery note's 单位 cell) that counts packs, not pieces: 箱, 捆, 扎, ctn, 打 …"""
    return isinstance(unit, str) and _unit_word(unit) in _PACKS | set(_DOZENS)


def dozens(unit: str) -> int | None:
    """The pieces in one of `unit` where every shop knows it (a dozen, 打: 12), else None."""
    return _DOZENS.get(_unit_word(unit))


def _unit_said(v: str, number: str, unit: str, what: tuple[str, str], weighs: bool = False) -> BadValue:
    """A number typed with a word after it: the number alone is what to type (62单: 62), save where
    the word multiplies it (1万: 10000, never 1; 3打: 36) or counts packs (2箱: the pieces in them), or,
    where a number may be a weight (`weighs`), makes it one in g or 斤 (250g: 0.25, in kg as every weight
    shopbook keeps, never 250)."""
    kg = _TO_KG.get(unit.lower()) if weighs else None
    if kg is not None:
        was = f"{(Decimal(number) * kg).normalize():f}"
        # (any number column may be where it was typed: said for a weight, which it most likely is)
        return BadValue(f"{what[0]}：“{v}”。请只填数字，不带单位；若是重量，按千克（kg）填：{number}{unit} 填 {was}。",
                        f"{what[1]}: '{v}'. Enter the number alone, without a unit. If it is a weight, it is in "
                        f"kg: {number}{unit} is {was}.")
    if unit.lower() in _PACKS:
        return BadValue(f"{what[0]}：“{v}”是{unit}数，不是件数。请填件数（{number} {unit} × 每{unit}的件数），不带单位。",
                        f"{what[1]}: '{v}' counts packs ({unit}), not pieces. Enter the pieces ({number} × the "
                        "pieces in one), without a unit.")
    if (days := _IN_DAYS.get(unit)) is not None:
        whole = f"{(Decimal(number) * days).normalize():f}"
        return BadValue(f"{what[0]}：“{v}”。请只填数字，不带单位；若是天数：{number}{unit}{'约' if days == 30 else '是'} "
                        f"{whole} 天，填 {whole}。",
                        f"{what[1]}: '{v}'. Enter the number alone, without a unit. If it counts days: {number}{unit} "
                        f"is {'about ' if days == 30 else ''}{whole} days, so enter {whole}.")
    times = _MULTIPLIERS.get(unit) or _DOZENS.get(unit.lower())
    if times is not None:
        whole = f"{(Decimal(number) * times).normalize():f}"
        return BadValue(f"{what[0]}：“{v}”。请写出整个数 {whole}，不带“{unit}”。",
                        f"{what[1]}: '{v}'. Enter the whole number {whole}, without '{unit}'.")
    return BadValue(f"{what[0]}：“{v}”。请只填数字 {number}，不带单位。",
                    f"{what[1]}: '{v}'. Enter {number} alone, without a unit.")


def parse_figure(v: object) -> Decimal:
    """A number that may be an amount, as a 目标值 is (4.8 for DSR, 2% for 转化率, ¥50,000 for
    销售额): text carrying a currency mark is read as an amount cell reads it (¥, 元, thousands
    commas; a slip refused, saying what to type), anything else as a number. A target written as the
    shop's plans write one (98.5%以上, ≥4.8) is refused saying the figure to type (_bound_said)."""
    if isinstance(v, str) and _CURRENCY.search(normalize_text(v)):
        return parse_money(v)
    try:
        return parse_decimal(v)
    except BadValue:
        if isinstance(v, str) and (said := _bound_said(v)) is not None:
            raise said from None
        raise


# the words around a target in the seeds' plans (好评率在98.5%以上, 宝贝评分都能做到4.8以上, 每天50单以上):
# a 目标值 is the figure alone, what to reach (a 首页跳失率 or 推广花费 target: the ceiling), so they say nothing
_BOUND_BEFORE = ("≥", ">=", "≤", "<=", ">", "<", "不低于", "不少于", "不高于", "不超过", "至少", "最少", "最多", "大于",
                 "小于", "高于", "低于", "达到")
_BOUND_AFTER = ("及以上", "或以上", "以上", "及以下", "或以下", "以下")


def _bound_said(v: str) -> BadValue | None:
    """A 目标值 typed with a word that bounds it (98.5%以上, ≥4.8, 50单以上): what to type, or None where there
    is no such word."""
    rest = normalize_text(v).strip()
    words = []
    if (w := next((b for b in _BOUND_BEFORE if rest.startswith(b)), None)) is not None:
        words.append(w)
        rest = rest[len(w):].strip()
    if (w := next((b for b in _BOUND_AFTER if rest.endswith(b)), None)) is not None:
        words.append(w)
        rest = rest[:-len(w)].strip()
    if not words or not rest:
        return None
    zh, en = "”“".join(words), "', '".join(words)
    why = ("目标值就是要达到的数（首页跳失率、推广花费的目标是不能超过的上限）",
           "a target is the figure to reach (for the bounce rate and ad spend, the ceiling not to pass)")
    try:
        parse_figure(rest)
    except BadValue as e:  # 50单以上: the figure's own slip said too (请只填数字 50，不带单位); abc以上: no figure
        hint = e.zh.split("。", 1)[1], e.en.split(". ", 1)[1] if ". " in e.en else ""
        return BadValue(f"不是数字：“{v}”。不用写“{zh}”：{why[0]}。{hint[0]}",
                        f"Not a number: '{v}'. Leave out '{en}': {why[1]}. {hint[1]}") if all(hint) else None
    return BadValue(f"不是数字：“{v}”。请只填 {rest}，不用写“{zh}”：{why[0]}。",
                    f"Not a number: '{v}'. Enter {rest} alone, without '{en}': {why[1]}.")


_NUMBER_MARKS = re.compile(r"[\s,]")  # spaces and thousands commas around a number's digits
_CURRENCY = re.compile(r"[¥$]|元|RMB|CNY", re.IGNORECASE)


def _number_from_text(v: str, s: str) -> Decimal | None:
    """A number that is not money (a weight, a quantity, a score) typed as text (`s`: `v`
    normalised): thousands commas and spaces read; a currency mark, scientific notation (1e3)
    and a decimal comma (0,5 is not 5) refused, saying what to type; None for text that is no
    number at all (1_000, 12个), which the caller refuses in its own words."""
    d = _plain_decimal(s)
    if d is not None:
        return d
    bare = _NUMBER_MARKS.sub("", s.translate(_MINUS))
    if _CURRENCY.search(bare):
        try:
            n = _number_from_text(v, _CURRENCY.sub("", bare))
        except BadValue:
            n = None
        typed = f"{n:f}" if n is not None else "1.5"
        raise BadValue(f"“{v}”带有货币符号，但这一栏不是金额：只填数字，例如 {typed}。",
                       f"'{v}' carries a currency mark, but this column holds no amount: enter the number "
                       f"alone, such as {typed}.")
    if _SCIENTIFIC.fullmatch(bare):
        d = Decimal(bare)
        if not (abs(d) < EXACT_FLOAT_LIMIT and (not d or abs(d) >= Decimal("1e-9"))):
            raise BadValue(f"数字“{v}”不是一个正常的数。", f"The number '{v}' is not a usable number.")
        raise BadValue(f"数字“{v}”是科学计数法：请写出整个数，例如 {d.normalize():f}。",
                       f"The number '{v}' is in scientific notation: enter the number in full, such as "
                       f"{d.normalize():f}.")
    if _DECIMAL_COMMA.search(s.replace(" ", "")):
        typed = _comma_as_point(s)
        raise BadValue(f"数字“{v}”像是用逗号作小数点：请用小数点，写成 {typed}（逗号只用来分千位，如 1,234.5）。",
                       f"The number '{v}' looks like it has a decimal comma: use a decimal point and enter {typed} "
                       "(a comma only separates thousands, as in 1,234.5).")
    if "_" in bare or "e" in bare or "E" in bare:
        return None
    if "," in s and not _THOUSANDS.fullmatch(re.sub(r"[^\d,.]", "", s)) and re.fullmatch(r"[\d,.]+", re.sub(
            r"[\s+\-()]", "", s.translate(_MINUS))):
        # 12,3456 or 1,23,456: a digit missing or one too many, and which number was meant cannot be told
        # (an amount says the same; the commas dropped, 12,3456 was read 123456 and 1,0000 as 10000)
        raise BadValue(f"数字“{v}”的逗号位置不对：逗号只用来分千位，每三位一个，如 1,234。请改正，或不用逗号。",
                       f"The number '{v}' has a comma out of place: a comma only separates thousands, every three "
                       "digits, as in 1,234. Correct it, or leave the commas out.")
    try:
        return _signed(bare)
    except ValueError:
        negative = _minus_misplaced(bare)
        if negative is not None:
            raise _minus_said(v, negative, ("数字", "The number")) from None
        return None


_NOT_A_COUNT = re.compile(r"[eE_]")
# a count typed back from a sheet filled in by hand: a letter for a digit (1O for 10, l5 for 15), or the places'
# figures written as a sum (12+5)
_LOOK_ALIKE = str.maketrans("OoIl", "0011")
_SUM = re.compile(r"\d+(?:\s*\+\s*\d+)+")
# a figure written as a guess (约20, 20左右, 20多, about 20): no count, whatever its number
_ESTIMATE = re.compile(r"约|大概|差不多|估计|左右|上下|about|approx|around|[~≈]|\d\s*多", re.IGNORECASE)


def _count_typed_said(v: str, s: str) -> BadValue | None:
    """What a whole number typed with letters for digits or as a sum means, asked (never read as it: a person's
    slip is theirs to correct); None where it is neither."""
    if re.fullmatch(r"[0-9OoIl]+", s) and (re.search(r"\d", s) or not s.strip("Oo")):
        n = int(s.translate(_LOOK_ALIKE))
        letters = list(dict.fromkeys(ch for ch in s if not ch.isdigit()))
        return BadValue(f"应为整数：“{v}”里的 {'、'.join(letters)} 是字母，不是数字：是不是 {n}？请填数字 {n}。",
                        f"Should be a whole number: '{v}' has the letter{'s' if len(letters) > 1 else ''} "
                        f"{', '.join(letters)} where a digit goes: is it {n}? Enter {n} in digits.")
    if _SUM.fullmatch(s):
        n = sum(int(x) for x in s.split("+"))
        return BadValue(f"应为整数：“{v}”是一个算式：请填算好的数 {n}。",
                        f"Should be a whole number: '{v}' is a sum: enter its total, {n}.")
    if len(s) <= 12 and re.search(r"\d", s) and _ESTIMATE.search(s):  # (before: "e.g. 20", the guess itself)
        return BadValue(f"应为整数：“{v}”是个估计的数：请数清楚，填确切的数，只填数字。",
                        f"Should be a whole number: '{v}' is an estimate: count, then enter the exact number, "
                        "digits only.")
    return None


def parse_int(v: object) -> int:
    if isinstance(v, bool):
        raise BadValue("不能是 TRUE/FALSE。", "Cannot be TRUE/FALSE.")
    if isinstance(v, int):
        if abs(v) >= EXACT_FLOAT_LIMIT:
            raise BadValue(f"数量“{v}”不是一个正常的数。", f"The quantity '{v}' is not a usable number.")
        return v
    if isinstance(v, float) and abs(v) < EXACT_FLOAT_LIMIT:
        if v.is_integer():
            return int(v)
        d = _from_float(v)  # a formula's binary noise (=0.7*10 holds 7.000000000000001): the 7 Excel shows
        if d == d.to_integral_value():
            return int(d)
    if isinstance(v, str):
        # Decimal reads the text 1e3 and 1_000 as 1000: no whole number a person writes, so
        # refused as 2.5 and 12个 are (a number Excel stored is a float, read above); 3,5 is
        # no 35, nor ¥3 a count: said as such
        s = normalize_text(v).strip()
        d = None if _NOT_A_COUNT.search(s) else _number_from_text(v, s)
        if d is not None and d == d.to_integral_value():
            return int(_usable(d, v, "数量", "The quantity"))  # checked first: int() of 1e5000 stops a run
        if (said := _count_typed_said(v, s)) is not None:  # (before the unit: 1O was "enter 1, without a unit")
            raise said
        unit = _NUMBER_WITH_UNIT.fullmatch(s)  # 20件, 12个, 3 pcs; 1.5万
        if unit and (unit[2] in _MULTIPLIERS or "." not in unit[1]):  # 20件: the count without its unit; 1.5万: 15000
            raise _unit_said(v, unit[1], unit[2], ("应为整数", "Should be a whole number"))
    raise _dash_said(v) or BadValue(f"应为整数：“{v}”。请填不带小数和单位的数字，例如 20。",
                   f"Should be a whole number: '{v}'. Enter a number with no decimals or unit, e.g. 20.")


def parse_percent(v: object) -> Decimal:
    """'2.5%' and 0.025 are the same; a bare number above 1 such as 2.5 is read as 2.5 %
    only when written with a % sign — otherwise it is ambiguous and reported. Every
    percentage the shop keeps (conversion, discounts, rebates) lies within 0–100 %: checked
    here, at the cell, so it is reported even when another cell of its row does not read."""
    if isinstance(v, bool):
        raise BadValue("不能是 TRUE/FALSE。", "Cannot be TRUE/FALSE.")
    d = None
    if isinstance(v, (int, Decimal)) or (isinstance(v, float) and math.isfinite(v)):
        d = _from_float(v) if isinstance(v, float) else Decimal(v)
    elif isinstance(v, str):
        s = normalize_text(v).replace(" ", "")
        if s.endswith("折"):  # a discount as Chinese shops write it: 7折 70 %, 5.5折 55 %, 75折 75 %
            return _zhe(v, s[:-1])
        if "折" in s:  # 9折以上, 8折起, 约8折: a discount with words around it, said as a discount (never 2.5%)
            raise BadValue(f"不是折扣：“{v}”。请只填一个折扣，如 7折、7.5折、75折，或 75%、0.75。",
                           f"Not a discount: '{v}'. Enter one discount alone: 75% or 0.75 (7.5折 is also read).")
        try:
            d = Decimal(s.rstrip("%"))
        except InvalidOperation:
            d = None
        if d is not None and d.is_finite() and s.endswith("%"):
            d = d / 100
    if d is not None and d.is_finite():
        if 0 <= d <= 1:
            return d
        bare = d > 1 and not (isinstance(v, str) and v.strip().endswith("%"))  # 2.19 meant as 2.19 %?
        v = as_typed(v)
        raise BadValue(f"百分比应在 0–100% 之间：“{v}”。" + (f"若是 {v}%，请写 {v}%（或 {d / 100}）。" if bare else ""),
                       f"A percentage must be between 0 and 100 %: '{v}'." + (f" For {v} % write {v}% (or {d / 100})."
                                                                             if bare else ""))
    if isinstance(v, str) and (point := _point_said(v, normalize_text(v).replace(" ", "").rstrip("%"),
                                                    ("百分比", "The percentage"), "%" if "%" in v else "")):
        raise point  # (12。5%: a Chinese full stop for its point, what to type said, not "not a percentage")
    raise _dash_said(v) or BadValue(
        f"不是百分比：“{v}”。请填 2.5% 或 0.025。",
        f"Not a percentage: '{v}'. Enter 2.5% or 0.025.",
    )


# a discount in Chinese digits, as a shop says it: 七折 7折, 八五折 85折 (打八折, 七点五折)
_ZHE_WORDS = re.compile("打?[一二三四五六七八九][〇零一二三四五六七八九]?|打?[一二三四五六七八九]点[一二三四五六七八九]")
_ZHE_DIGITS = str.maketrans("〇零一二三四五六七八九点", "00123456789.")


def _zhe(v: str, s: str) -> Decimal:
    """The share of list price a discount in 折 is: one digit (with decimals) is tenths, 7折 0.7 and
    5.5折 0.55, 10折 the whole price; two digits are hundredths, 75折 0.75 (七五折); anything else is no discount.
    Written in Chinese digits as said (七折, 八五折, 打九折, 七点五折) it is the same discount."""
    if _ZHE_WORDS.fullmatch(s):
        s = s.removeprefix("打").translate(_ZHE_DIGITS)
    try:
        d = Decimal(s)
    except InvalidOperation:
        d = None
    if d is not None and d.is_finite() and 0 < d <= 10:  # (10折: no discount)
        return d / 10
    if d is not None and d.is_finite() and d == d.to_integral_value() and 10 < d < 100:
        return d / 100
    raise BadValue(f"不是折扣：“{v}”。请填 7折、7.5折、75折，或 75%、0.75。",
                   f"Not a discount: '{v}'. Enter 75% or 0.75 (7.5折 is also read).")


# --- dates ---------------------------------------------------------------------

# 2026年11月3日 or 3号, as people say the day
_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$")
# the time may follow 日/号 at once, and carry 上午/下午 (a Chinese Excel or WPS shows 2026/11/3 下午3:20)
_DATETIME_RE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*[日号])?(?:[\sT]+|(?<=[日号])|(?=[上下中晚凌早]))"
    r"(?P<half>上午|早上|凌晨|中午|下午|晚上)?\s*(\d{1,2})[:：时点](\d{1,2})(?:[:：分](\d{1,2})秒?|分)?"
    r"(?:\s*(?P<ampm>[ap])\.?m\.?)?$",  # or AM/PM after it, as an English Excel shows 2:30 PM
    re.IGNORECASE,
)
_AFTERNOON = ("中午", "下午", "晚上")  # 下午3:20 is 15:20; 中午12:30 stays 12:30, 中午1点 is 13:00
# Serials outside 1990–2100 are far more likely a typing slip than a date.
_SERIAL_MIN, _SERIAL_MAX = 32874, 73051
# 20261121: the day as ERP exports and many people type it, as text or as a number; eight digits
# from 1990 to 2100 are no serial (those have five), so reading them as the day guesses nothing
_COMPACT_DATE = re.compile(r"^(19[89]\d|20\d\d|2100)(\d\d)(\d\d)$")
# 11月21日, 11/21: a day without its year
_NO_YEAR = re.compile(r"^(\d{1,2})\s*[/月.-]\s*(\d{1,2})\s*[日号]?$")
# the same with its time (11月3日 10:20, 11/3 下午3:20), as a payment time is typed: said as without its year too
_NO_YEAR_TIMED = re.compile(
    r"^(\d{1,2})\s*[/月.-]\s*(\d{1,2})(?:\s*[日号])?(?:[\sT]+|(?<=[日号])|(?=[上下中晚凌早]))"
    r"(?:上午|早上|凌晨|中午|下午|晚上)?\s*\d{1,2}[:：时点]\d{1,2}(?:[:：分]\d{1,2}秒?|分)?(?:\s*[ap]\.?m\.?)?$",
    re.IGNORECASE)


def day_without_year(v: object) -> tuple[int, int] | None:
    """(month, day) of a date typed without its year (1-1, 12/31, 1月1日), which parse_date refuses: for
    telling whose day such a row is; in an English shop's words too (Nov 19, 19 Nov)."""
    if not isinstance(v, str):
        return None
    if m := _NO_YEAR.match(normalize_text(v)):
        return int(m[1]), int(m[2])
    return _named_without_year(v)


def _named_without_year(v: str) -> tuple[int, int] | None:
    """(month, day) of an English date typed without its year (Nov 21, 21 Nov, 21-Nov as Excel's d-mmm shows
    it, November 21st); not Nov-26, which Excel's mmm-yy writes for November 2026."""
    s = normalize_text(v).strip()
    for k, rx in enumerate(_NAMED_NO_YEAR):
        if m := rx.match(s):
            mon, day = m.groups() if k == 0 else m.groups()[::-1]
            if 1 <= int(day) <= 31:
                return _MONTHS[mon.lower()], int(day)
    return None


# a whole date at the head of a cell that does not read as one for what follows it (2026-11-19（补）, 2026/11/19 待核)
_DATE_AHEAD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")


def years_on(day: dt.date, years: int) -> dt.date | None:
    """The same day `years` on (back where negative), None where that year has none (02-29): a date typed with its
    year one off."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return None


def day_ahead(v: object) -> dt.date | None:
    """The day a date cell that parse_date refuses begins with (2026-11-19（补）: 2026-11-19), else None: for telling
    whose day such a row is."""
    m = _DATE_AHEAD.match(normalize_text(v).strip()) if isinstance(v, str) else None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])) if m else None
    except ValueError:
        return None


# 5/12/2026: the year last, as a day-first (5 December) or month-first (May 12) locale writes it
_YEAR_LAST = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(\s.*)?$")


def _year_last(v: str) -> BadValue | None:
    """The date written with its year last: which of its two numbers is the month is not known
    (5/12/2026 is 5 December or May 12): what to type, the year first, for each day it can be."""
    m = _YEAR_LAST.match(normalize_text(v))
    if m is None:
        return None
    a, b, y = int(m[1]), int(m[2]), int(m[3])
    days = []
    for mo, d in ((b, a), (a, b)):  # day first (Chinese and British habit), then month first
        try:
            day = dt.date(y, mo, d).isoformat()
        except ValueError:
            continue
        day += f" {m[4].strip()}" if m[4] and m[4].strip() else ""  # its time, as typed
        if day not in days:
            days.append(day)
    if not days:
        return None
    return BadValue(f"日期“{v}”的年份写在最后，shopbook 不猜哪个数是月份：请年份在前写成 "
                    + " 或 ".join(days) + "（哪天就填哪个）。" if len(days) > 1 else
                    f"日期“{v}”的年份写在最后：请年份在前写成 {days[0]}。",
                    f"The date '{v}' has its year last, and shopbook does not guess which number is the month: "
                    f"enter it year first, as " + " or ".join(days) + " (whichever day it is)." if len(days) > 1 else
                    f"The date '{v}' has its year last: enter it year first, as {days[0]}.")


def _bad_date(v: object) -> BadValue:
    if isinstance(v, float) and v.is_integer():
        v = int(v)  # 2026112 as typed, not 2026112.0
    if isinstance(v, str) and (_NO_YEAR.match(normalize_text(v)) or _NO_YEAR_TIMED.match(normalize_text(v))
                               or _named_without_year(v)):
        return BadValue(f"日期“{v}”没有年份，shopbook 不猜是哪一年：请写上年份，如 2026-11-03、2026/11/3 或 2026年11月3日。",
                        f"The date '{v}' has no year, and shopbook does not guess one: write the year too, "
                        "e.g. 2026-11-03 or 2026/11/3.")
    if isinstance(v, str) and (said := _year_last(v)) is not None:
        return said
    return BadValue(
        f"不是日期：“{v}”。请填 2026-11-03、2026/11/3 或 2026年11月3日。",
        f"Not a date: '{v}'. Enter 2026-11-03 or 2026/11/3.",
    )


def _from_serial(v: float) -> dt.datetime:
    days = v + 1462 if serial_epoch.get() is not EXCEL_EPOCH else v  # a 1904 serial as the 1900 one
    if not (_SERIAL_MIN <= days <= _SERIAL_MAX):
        raise _bad_date(v)
    # to the millisecond, Excel's own precision: 46347.4166666667 is 10:00, not 10:00:00.000003
    return EXCEL_EPOCH + dt.timedelta(milliseconds=round(days * 86_400_000))


# Excel's first real day: serial 60 is 1900-02-29, a day that never was, and serials up to
# it (or 0, or a NaN a reader turned into a date) are no date a shop keeps
FIRST_DATE = dt.date(1900, 3, 1)
FIRST_DATETIME = dt.datetime(1900, 3, 1)


def _impossible(v: object) -> BadValue:
    return BadValue(f"日期“{v}”不可能（Excel 的 1900-03-01 之前，序号 ≤ 60）：单元格里的数不是日期。请重新填写日期。",
                    f"The date '{v}' is impossible (before Excel's 1900-03-01, serial ≤ 60): the cell does not hold "
                    "a date. Enter the date again.")


def parse_datetime(v: object) -> dt.datetime:
    if isinstance(v, dt.datetime):
        if v < FIRST_DATETIME:
            raise _impossible(v)
        return v
    if isinstance(v, dt.date):
        if v < FIRST_DATE:
            raise _impossible(v)
        return dt.datetime(v.year, v.month, v.day)
    if isinstance(v, bool):
        raise _bad_date(v)
    if isinstance(v, (int, float)):
        if isinstance(v, int) or v.is_integer():
            if m := _COMPACT_DATE.match(str(int(v))):
                return _compact_date(v, m)
        return _from_serial(float(v))
    if isinstance(v, str):
        if v.isascii() and len(v) >= 10 and v[4:5] == "-" and v[5:7].isdigit():  # "2026-11-03 10:11:12"
            try:
                d = dt.datetime.fromisoformat(v.strip())
                if d.tzinfo is None:
                    return d
            except ValueError:
                pass
        s = normalize_text(v)
        if cm := _COMPACT_DATE.match(s):
            return _compact_date(v, cm)
        m = _DATETIME_RE.match(s) or _DATE_RE.match(s)
        try:
            if m:
                named = m.groupdict()
                at = {m.re.groupindex.get("half"), m.re.groupindex.get("ampm")}
                y, mo, d, *hms = (int(g or 0) for k, g in enumerate(m.groups(), 1) if k not in at)
                half = named.get("half") or {"a": "上午", "p": "下午"}.get((named.get("ampm") or "").lower())
                if named.get("half") and named.get("ampm"):  # 下午3:20 AM: which is meant is not known
                    raise _bad_date(v)
                if half and not 0 <= hms[0] <= 12:  # 下午15:20: which is meant is not known
                    raise _bad_date(v)
                if half in _AFTERNOON and hms[0] < (11 if half == "中午" else 12):
                    hms[0] += 12
                elif half and hms[0] == 12 and half not in _AFTERNOON:  # 凌晨12点: midnight
                    hms[0] = 0
                return dt.datetime(y, mo, d, *hms)
            if re.fullmatch(r"\d{5}(\.\d+)?", s):
                return _from_serial(float(s))
        except ValueError:  # 2026-02-30, 2026-13-01: written as a date, but no day there is
            if m:
                raise _no_such_day(v, y, mo, d) from None
        if (said := _weekday_said(s)) is not None:
            return _on_weekday(v, *said)
        if (named := _month_named(s)) is not None:
            y, mo, d = named
            try:
                return dt.datetime(y, mo, d)
            except ValueError:
                raise _no_such_day(v, y, mo, d) from None
    raise _bad_date(v)


# the day of the week written with a date (2026年11月3日 星期二, 2026/11/03（周二）, Tue, Nov 3, 2026), as
# Excel's long date shows it: read, and held to the date it is written with
_WEEKDAYS = {**{c: k for k, c in enumerate("一二三四五六")}, "日": 6, "天": 6,
             **{w: k for k, ws in enumerate((("monday", "mon"), ("tuesday", "tues", "tue"), ("wednesday", "wed"),
                                             ("thursday", "thurs", "thur", "thu"), ("friday", "fri"),
                                             ("saturday", "sat"), ("sunday", "sun"))) for w in ws}}
_WEEKDAY = r"(?P<written>(?:星期|周|礼拜)(?P<zh>[一二三四五六日天])|(?P<en>monday|tuesday|wednesday|thursday|friday|" \
           r"saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\.?)"
_WEEKDAY_AFTER = re.compile(r"^(?P<rest>.*?\d\s*[日号]?)\s*,?\s*\(?\s*" + _WEEKDAY + r"\s*\)?$", re.IGNORECASE)
_WEEKDAY_BEFORE = re.compile(r"^\(?\s*" + _WEEKDAY + r"\s*\)?\s*,?\s*(?P<rest>.*\d.*)$", re.IGNORECASE)
_WEEKDAY_ZH = "一二三四五六日"
_WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _weekday_said(s: str) -> tuple[str, int, str] | None:
    """(the date without its day of the week, that day 0–6 from Monday, the day as written)."""
    m = _WEEKDAY_AFTER.match(s) or _WEEKDAY_BEFORE.match(s)
    if m is None:
        return None
    return m["rest"].strip(), _WEEKDAYS[(m["zh"] or m["en"]).lower()], m["written"]


def _on_weekday(v: str, rest: str, weekday: int, written: str) -> dt.datetime:
    try:
        got = parse_datetime(rest)
    except BadValue:
        raise _bad_date(v) from None
    if got.weekday() != weekday:  # which of the two is meant is not known
        day = got.date().isoformat()
        raise BadValue(f"日期“{v}”前后不一：{day} 是星期{_WEEKDAY_ZH[got.weekday()]}，不是“{written}”。请核对日期后只填日期，如 {day}。",
                       f"The date '{v}' disagrees with itself: {day} is a {_WEEKDAY_EN[got.weekday()]}, not '{written}'. "
                       f"Check the date and enter it alone, e.g. {day}.")
    return got


# a month by its English name (Nov 3, 2026; 3 Nov 2026; 3-Nov-2026; 2026-Nov-03), the year in full
_MONTHS = {w: k for k, ws in enumerate((("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
                                        ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
                                        ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
                                        ("december", "dec")), 1) for w in ws}
_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_NTH = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH_NAMED = (re.compile(r"^" + _MONTH + r"\s+" + _NTH + r",?\s+(\d{4})$", re.IGNORECASE),  # Nov 3, 2026
                re.compile(r"^" + _NTH + r"[\s-]+" + _MONTH + r",?[\s-]+(\d{4})$", re.IGNORECASE),  # 3 Nov 2026
                re.compile(r"^(\d{4})[\s-]+" + _MONTH + r"[\s-]+(\d{1,2})$", re.IGNORECASE))  # 2026-Nov-03
# the same without its year (Nov 21, November 21st; 21 Nov, 21-Nov): day_without_year
_NAMED_NO_YEAR = (re.compile(r"^" + _MONTH + r"\s+" + _NTH + r"$", re.IGNORECASE),
                  re.compile(r"^" + _NTH + r"[\s-]+" + _MONTH + r"$", re.IGNORECASE))


def _month_named(s: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date written with its month's English name."""
    s = s.strip()
    for k, rx in enumerate(_MONTH_NAMED):
        if m := rx.match(s):
            a, b, c = m.groups()
            mon, day, year = ((a, b, c), (b, a, c), (b, c, a))[k]
            return int(year), _MONTHS[mon.lower()], int(day)
    return None


def _compact_date(v: object, m: re.Match) -> dt.datetime:
    y, mo, d = map(int, m.groups())
    try:
        return dt.datetime(y, mo, d)
    except ValueError:  # 20261341: eight digits, but no day
        raise _no_such_day(int(v) if isinstance(v, float) else v, y, mo, d) from None


def _no_such_day(v: object, y: int, mo: int, d: int) -> BadValue:
    """A date written right whose month or day is not in the calendar: which one, and why."""
    if not 1 <= mo <= 12:
        return BadValue(f"日期“{v}”不存在：没有 {mo} 月，月份是 1–12。", f"The date '{v}' does not exist: there is no "
                        f"month {mo}; months are 1 to 12.")
    if y >= 1 and not 1 <= d <= calendar.monthrange(y, mo)[1]:
        last = calendar.monthrange(y, mo)[1]
        return BadValue(f"日期“{v}”不存在：{y} 年 {mo} 月只有 {last} 天。请填 1–{last} 日中的一天。",
                        f"The date '{v}' does not exist: {y}-{mo:02d} has {last} days. Enter a day from 1 to {last}.")
    return _bad_date(v)  # a year 0, or an hour 25: not a date as written


def parse_date(v: object) -> dt.date:
    if type(v) is dt.date and v >= FIRST_DATE:
        return v
    d = parse_datetime(v)
    return d.date()


# --- yes / no ------------------------------------------------------------------

# (a tick or a cross from a symbol font or a phone's keyboard: ✔ ☑ ✅, ✘ ✗ ☒ ❌, as √ and × are)
_YES = {"是", "y", "yes", "true", "1", "对", "√", "✓", "t", "✔", "☑", "✅"}
_NO = {"否", "n", "no", "false", "0", "不", "×", "f", "✘", "✗", "☒", "❌"}
# an x: the × of a Chinese 否 typed on a keyboard, or the mark of a box ticked in an English checklist (主推 x:
# a main product): read as either, a shop meaning the other lost its 主推 or notified a customer never called
_EITHER = {"x"}


def parse_bool(v: object) -> bool:
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)) and v in (0, 1):
        return bool(v)
    if isinstance(v, str):
        s = normalize_text(v).lower()
        if s in _YES:
            return True
        if s in _NO:
            return False
        if s in _EITHER:
            raise BadValue(f"“{v}”是“是”还是“否”？打勾请填 是（或 √），打叉请填 否（或 ×）。",
                           f"Is '{v}' yes or no? An x may mark a box ticked or a no (× in Chinese): type Y or N.")
    raise BadValue(
        f"应为 是/否：“{v}”。可填 是/否、Y/N、yes/no、TRUE/FALSE、1/0。",
        f"Should be yes/no: '{v}'. Use Y/N, yes/no, TRUE/FALSE or 1/0.",
    )


def bool_reader(yes: tuple[str, ...], no: tuple[str, ...]):
    """parse_bool, and a column's own words for yes and no besides (已通知 / 未通知 in 已通知): what a
    person types there plainly says it (before: 未通知 was refused as not yes/no)."""
    said = {**{normalize_text(w).lower(): True for w in yes}, **{normalize_text(w).lower(): False for w in no}}

    def parse(v: object) -> bool:
        if isinstance(v, str) and (got := said.get(normalize_text(v).lower())) is not None:
            return got
        return parse_bool(v)

    return parse


def is_error_value(v: object) -> bool:
    return isinstance(v, str) and v.strip().upper() in ERROR_VALUES


def to_fen(v) -> Decimal:
    """An amount worked out (a quotient, a share) to the fen, rounded half up (四舍五入) as the shop and
    Excel round: a bare quantize(), round() or format() of a Decimal rounds half to even (153.125 → 153.12)."""
    return Decimal(v).quantize(FEN, ROUND_HALF_UP)


def money_text(v) -> str:
    """An amount to the fen as a person reads it (1,234.57; no ¥), rounded half up (to_fen)."""
    return f"{to_fen(v):,.2f}"


def yuan(v, sign: bool = False) -> str:
    """An amount as the screen says money (¥1,234.50; -¥5.94; to the fen, money_text), `sign`: +¥ for a gain
    too (a difference)."""
    v = Decimal(v)
    return f"-¥{money_text(-v)}" if v < 0 else f"{'+' if sign and v > 0 else ''}¥{money_text(v)}"


def money_exact_text(v) -> str:
    """An amount typed as a setting (a VIP threshold) said as it is: whole yuan without decimals (1,000),
    else every place it has, at least the fen (999.50, not the 1,000 a whole-yuan format rounds it to)."""
    d = Decimal(v)
    if d == d.to_integral_value():
        return f"{d:,.0f}"
    return f"{d:,.{max(2, -d.normalize().as_tuple().exponent)}f}"


def cell_value(col, v: object, lang: str) -> object:
    """What a typed value of column `col` is in a cell: a choice's label, a Decimal as the
    float Excel holds (to the fen), 是/否 or yes/no."""
    if v is None:
        return None
    if col.choice is not None:
        return col.choice(v).label(lang)
    if isinstance(v, Decimal):
        # Exact in the file: Decimal → float only at the last step, to the fen.
        return float(v) if v == v.quantize(Decimal("0.000001")) else float(round(v, 6))
    if isinstance(v, bool) and lang == "zh":
        return "是" if v else "否"
    if isinstance(v, bool):
        return "yes" if v else "no"
    return v
