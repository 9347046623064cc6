"""Chinese uppercase money for receipts (大写金额), as the financial convention writes it:
壹仟贰佰叁拾肆元伍角整; 零 for gaps (壹仟零伍元整, 壹拾万零壹拾元整, …元零伍分);
整 where there is no 分; 负 before a negative amount."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ("", "拾", "佰", "仟")
SECTIONS = ("", "万", "亿", "万亿")


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
    parts = []
    while n:
        parts.append(n % 10000)
        n //= 10000
    if len(parts) > len(SECTIONS):
        raise ValueError("amount too large")
    out, gap = "", False
    for i in range(len(parts) - 1, -1, -1):
        sec = parts[i]
        if sec == 0:
            gap = gap or bool(out)
            continue
        if out and (gap or sec < 1000):
            out += "零"
        out += _section(sec) + SECTIONS[i]
        gap = False
    return out


def rmb_upper(amount: Decimal | int | float | str) -> str:
    d = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "负" if d < 0 else ""
    d = abs(d)
    yuan = int(d)
    fen_total = int((d - yuan) * 100)
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
