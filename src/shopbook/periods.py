"""A month or a week as a person types it for --period / --month: 2026-11, 2026-1, 2026年11月, 2026.11,
2026/11; 2026-W47, 2026-W5, 2026w5, 2026年第5周 (full-width too). One reading for every command, given
on as the one spelling the files are named by (2026-11, 2026-W05)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .issues import ShopbookError
from .values import normalize_text

_MONTH = re.compile(r"(\d{4}) *(?:[-./]|年) *(\d{1,2}) *月?")
_WEEK = re.compile(r"(\d{4}) *-? *[Ww] *(\d{1,2})|(\d{4}) *年 *第? *(\d{1,2}) *周")


@dataclass(frozen=True)
class Period:
    kind: str  # "month" or "week"
    year: int
    n: int  # the month 1–12, the ISO week 1–52/53 (not checked: `exists` says)

    @property
    def label(self) -> str:
        return f"{self.year}-{self.n:02d}" if self.kind == "month" else f"{self.year}-W{self.n:02d}"

    @property
    def weeks(self) -> int:
        """The ISO weeks of its year (the 28th of December is in a year's last week)."""
        return dt.date(self.year, 12, 28).isocalendar()[1]

    @property
    def bounds(self) -> tuple[dt.date, dt.date]:
        """Its first and last day (a week: Monday to Sunday); only where it `exists`."""
        if self.kind == "month":
            after = dt.date(self.year + (self.n == 12), self.n % 12 + 1, 1)
            return dt.date(self.year, self.n, 1), after - dt.timedelta(days=1)
        first = dt.date.fromisocalendar(self.year, self.n, 1)
        return first, first + dt.timedelta(days=6)

    @property
    def exists(self) -> bool:
        return 1 <= self.n <= (12 if self.kind == "month" else self.weeks)

    def not_there(self) -> ShopbookError:
        """A month or week that is not one (2026-13, 2026-W54), said with those there are."""
        if self.kind == "month":
            from .money.ledger import no_such_month

            e = no_such_month(self.label, self.n)
            return ShopbookError(e.zh, e.en)
        return ShopbookError(f"期间“{self.label}”不存在：{self.year} 年没有第 {self.n} 周，它的周是 W01–W{self.weeks}。",
                             f"The period '{self.label}' does not exist: {self.year} has no week {self.n}; its weeks "
                             f"are W01 to W{self.weeks}.")


def read_period(typed: object) -> Period | None:
    """The month or week `typed` names, or None where it names neither."""
    if not isinstance(typed, str):
        return None
    s = normalize_text(typed)
    if m := _MONTH.fullmatch(s):
        return Period("month", int(m[1]), int(m[2]))
    if m := _WEEK.fullmatch(s):
        return Period("week", int(m[1] or m[3]), int(m[2] or m[4]))
    return None


def month_typed(typed: str, option: str = "--month") -> str:
    """A command's month as typed, as YYYY-MM; a week, a month that is none (2026-13) or a form that is
    neither stops it, saying what to type."""
    p = read_period(typed)
    if p is None:
        raise ShopbookError(f"{option}：月份格式应为 YYYY-MM，例如 2026-11（也可以写 2026年11月）：{typed}",
                            f"{option}: the month must be YYYY-MM, e.g. 2026-11: {typed}")
    if p.kind == "week":
        raise ShopbookError(f"{typed} 是一周，{option} 要一个月份，如 2026-11。",
                            f"{typed} is a week; {option} takes a month such as 2026-11.")
    if not p.exists:
        raise p.not_there()
    return p.label
