"""A month or a week as a person types it for --period / --month: 2026-11, 2026-1, 2026年11月, 2026.11,
2026/11; 2026-W47, 2026-W5, 2026w5, 2026年第5周 (full-width too). One reading for every command, given
on as the one spelling the files are named by (2026-11, 2026-W05)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .issues import DataStop, ShopbookError
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
            return DataStop(e.zh, e.en)
        return DataStop(f"期间“{self.label}”不存在：{self.year} 年没有第 {self.n} 周，它的周是 W01–W{self.weeks}。",
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
        raise DataStop(f"{option}：月份格式应为 YYYY-MM，例如 2026-11（也可以写 2026年11月）：{typed}",
                            f"{option}: the month must be YYYY-MM, e.g. 2026-11: {typed}")
    if p.kind == "week":
        raise DataStop(f"{typed} 是一周，{option} 要一个月份，如 2026-11。",
                            f"{typed} is a week; {option} takes a month such as 2026-11.")
    if not p.exists:
        raise p.not_there()
    return p.label


_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")  # a year in a sheet's name (2026流水), as the reader ranks them


def year_sheet_unread(wd, model, label: str, first: dt.date, last: dt.date) -> ShopbookError | None:
    """A stop where rows a report of `label` needs (its days from `first` to `last`: a P&L's balances need
    every day since the books opened) are kept on a sheet named for their year (2026流水) that was not
    read, or a January report of December (or of week 53) is made of nothing, as if no line were booked.
    A sheet a year of the same headers is read with the others (io.reader._joined): only one that could
    not be (a column people must fill missing: its headers differ) is left unread, and stops here."""
    sd = wd.sheets.get(model)
    if sd is not None and sd.present and sd.kept_apart and (ahead := _kept_ahead(wd, sd, label, first, last)):
        return ahead
    if sd is None or not sd.present or not sd.unread:
        return None
    # (one naming no year may hold every year's rows)
    named = {int(y) for p in (sd.parts or (sd,)) for y in _YEAR.findall(p.sheet)}
    wanted = set(range(first.year, last.year + 1)) - named if named else set()
    left = [n for n in sd.unread if wanted & {int(y) for y in _YEAR.findall(n)}]
    if not left:
        return None
    zh, en = "”“".join(left), "', '".join(left)
    return DataStop(f"“{zh}”表没有读取：没有叫“{model.zh}”的表时，只读表头与它相同的表（“{sd.sheet}”）。"
                    f"{label} 的报表要用到那里的行，没有它们会是错的，所以没有生成。请把这几张表的行放进同一张表，"
                    f"表名改为“{model.zh}”，再运行一次。",
                    f"The sheet '{en}' was not read: with no sheet called {model.en}, one sheet with its "
                    f"headers is read ('{sd.sheet}'). The report of {label} needs its rows and would be wrong without "
                    f"them, so none was made. Put these sheets' rows on one sheet named {model.en} and run again.",
                    wd.path)


def _kept_ahead(wd, sd, label: str, first: dt.date, last: dt.date) -> ShopbookError | None:
    """A stop where a sheet named for a year beside the kind's own, left unread as a copy (io.reader:
    流水2027 beside a 流水 holding 2026's rows: read together, a line might count twice), holds rows of the
    report's days later than every row of the kind's own: no copy of them, but the new year's lines begun
    on a sheet of their own. January's P&L was 0.00, 'no 流水 this month', its balances short of January."""
    from .io.reader import _date_field, record_fields

    field = _date_field(sd.model)  # (kept apart by the reader for it: a kind told apart by its date)
    own = max((d for d, in record_fields(sd, field) if d is not None), default=None)
    if own is None:
        return None
    for part in sd.kept_apart:
        later = [d for d, in record_fields(part, field) if d is not None and own < d and first <= d <= last]
        if later:
            years = {int(y) for y in _YEAR.findall(part.sheet)}
            named = _YEAR.sub(str(own.year), part.sheet, count=1) if years else f"{own.year}{sd.sheet}"
            day = min(later)
            return DataStop(f"“{part.sheet}”没有读取：“{sd.sheet}”里有更早的行，一起读怕同一笔算两次。但“{part.sheet}”从 "
                            f"{day} 起的行比“{sd.sheet}”的最后一天（{own}）还晚，不是它的副本；{label} 的报表要用到这些行，"
                            f"没有它们会是错的，所以没有生成。请把“{sd.sheet}”表改名为“{named}”（表名带年份的表会按年份一起读），"
                            f"或把“{part.sheet}”的行移到“{sd.sheet}”，再运行一次。",
                            f"'{part.sheet}' was not read: '{sd.sheet}' holds earlier rows, and read together a line "
                            f"might count twice. But its rows from {day} on are later than the last day of "
                            f"'{sd.sheet}' ({own}), no copy of them; the report of {label} needs them and would be "
                            f"wrong without them, so none was made. Rename '{sd.sheet}' to '{named}' (sheets named by "
                            f"year are read together, by year), or move the rows of '{part.sheet}' to '{sd.sheet}', "
                            "and run again.", wd.path)
    return None


def order_sheets_unread(ow, label: str, first: dt.date, last: dt.date) -> ShopbookError | None:
    """year_sheet_unread of orders.xlsx's 订单, kept a sheet a year: order lines have no date every row must
    hold, so the reader joins no years and reads one sheet. Of 订单2026 beside 订单2027 it reads one (and
    `unread` names the other); of 2026订单 beside 订单 it reads 订单 and names none. A review, P&L or pay of
    2026-12 made in January was then of January's sheet alone: December's sales, margin and commission 0, ✓."""
    from .schema import OrderLine

    sd = ow.sheets.get(OrderLine)
    if sd is None or not sd.present:
        return None
    if sd.unread:
        return year_sheet_unread(ow, OrderLine, label, first, last)
    # (the sheets of 订单's headers beside the one read by its name)
    from .io.reader import filled_sheets_beside

    wanted = set(range(first.year, last.year + 1)) - {int(y) for y in _YEAR.findall(sd.sheet)}
    left = [n for n in filled_sheets_beside(ow.path, sd.sheet, OrderLine) if wanted & {int(y) for y in _YEAR.findall(n)}]
    years = wanted & {int(y) for n in left for y in _YEAR.findall(n)}
    # 订单 holding orders of the period's days of those years: the sheet beside is a copy kept, or the months
    # before moved out of it (only looked for where such a sheet is there: most shops have none)
    if not left or any(first <= d <= last and d.year in years for ln in ow.rows(OrderLine)
                       if (d := ln.paid_at.date() if ln.paid_at else ln.shipped_on) is not None):
        return None
    zh, en = "”“".join(left), "', '".join(left)
    return DataStop(f"“{zh}”表的表头和“{sd.sheet}”一样，没有读取：订单只读“{sd.sheet}”这一张表。{label} 的报表要用到"
                    f"那里的订单，没有它们会是错的，所以没有生成。请把它的行移到“{sd.sheet}”表里（可以按付款时间排），再运行一次。",
                    f"The sheet '{en}' has the headers of '{sd.sheet}' and was not read: orders are read from "
                    f"'{sd.sheet}' alone. The report of {label} needs its orders and would be wrong without them, so "
                    f"none was made. Move its rows to '{sd.sheet}' (sorted by payment time if you like) and run again.",
                    ow.path)


def year_slips(rows: list, near: int = 45) -> list[tuple[object, dt.date]]:
    """(row, the day it likely means) of each dated row a year off the rows around it on its sheet (the rows
    of the two dates above and below, a run of one date taken as one: more than `near` days from each, a
    year on or back within `near` days of two of them; a row with one date beside it is not judged): 2026-01-05 typed for
    2027-01-05 in the first days of a year, by habit, or 2027-12-30 where late December's "12-30" was typed
    in January (Excel gives it this year). Such a row counts in the month a year off, unsaid: validate has
    nothing to refuse in it."""
    runs: list[tuple[dt.date, list]] = []  # the sheet's rows in order, a run of one date at a time
    for r in sorted((r for r in rows if r.date is not None), key=lambda r: r.row):
        if runs and runs[-1][0] == r.date:
            runs[-1][1].append(r)
        else:
            runs.append((r.date, [r]))
    out = []
    for k, (day, run) in enumerate(runs):
        around = [d for d, _ in runs[max(k - 2, 0):k] + runs[k + 1:k + 3]]
        if not around or any(abs((d - day).days) <= near for d in around):
            continue
        for off in (-1, 1):
            try:
                meant = day.replace(year=day.year + off)
            except ValueError:  # 02-29
                continue
            if sum(abs((d - meant).days) <= near for d in around) >= 2:
                out += [(r, meant) for r in run]
                break
    return out
