"""Chinese uppercase money for receipts (大写金额), as the financial convention writes it:
壹仟贰佰叁拾肆元伍角整; 零 for gaps (壹仟零伍元整, 壹拾万零壹拾元整, …元零伍分);
整 where there is no 分; 负 before a negative amount."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ("", "拾", "佰", "仟")


@lru_cache(maxsize=10000)  # a column of amounts reuses the same four-digit groups
def _section(n: int) -> str:
    out, gap = "", False
    for pos in range(3, -1, -1):
        d = n // 10**pos % 10
        if d == 0:
            gap = gap or bool(out)
            continue
        if gap:
            out += "零"
            gap = False
        out += DIGITS[d] + UNITS[pos]
    return out


def _integer(n: int) -> str:
    if n < 100_000_000:  # the everyday case, without the general loop: 万 and below
        hi, lo = divmod(n, 10000)
        if not hi:
            return _section(lo)
        return _section(hi) + "万" + (("零" if lo < 1000 else "") + _section(lo) if lo else "")
    return _integer_general(n)


def _integer_general(n: int) -> str:
    """亿 and above: the part above 亿 is itself read with 万 (壹万贰仟叁佰肆拾伍亿, not 壹万亿贰仟…)."""
    hi, lo = divmod(n, 100_000_000)
    if hi >= 100_000_000:
        raise ValueError("amount too large")
    return _integer(hi) + "亿" + (("零" if lo < 10_000_000 else "") + _integer(lo) if lo else "")


def rmb_upper(amount: Decimal | int | float | str) -> str:
    d = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    cents = int((d * 100).to_integral_value(ROUND_HALF_UP))
    sign = "负" if cents < 0 else ""
    yuan, fen_total = divmod(abs(cents), 100)
    jiao, fen = divmod(fen_total, 10)
    out = _integer(yuan) + "元" if yuan else ""
    if not jiao and not fen:
        return sign + (out or "零元") + "整"
    if jiao:
        out += DIGITS[jiao] + "角"
    elif yuan:
        out += "零"  # 壹仟贰佰叁拾肆元零伍分
    out += DIGITS[fen] + "分" if fen else "整"
    return sign + out
