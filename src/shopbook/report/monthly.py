"""The monthly (or weekly) review (月度考核表): KPIs against targets by day and in
total, sales by style and SKU with ABC classes, best and worst sellers, traffic
drivers against profit items, the P&L where the ledger has the month, charts."""

from __future__ import annotations

import datetime as dt
import html
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from ..io.cells import append, put
from ..io.files import write_atomic
from ..io.journal import locks_shop, writes_shop
from ..issues import DataStop, en_count, issue_said, stop_on
from ..printout import on_a4_each
from ..shop import Shop
from . import chart_names, charts, mail
from .widths import fit_columns, text_width

ZERO = Decimal(0)


def _of_the_other_kind(p) -> tuple[str, str]:
    """What the other report takes, from the period given (a month to the weekly review: the weeks it
    spans; a week to the monthly: its month), where a fixed 2026-W47 was said whatever was typed."""
    if p.kind == "week":
        month = f"{dt.date.fromisocalendar(p.year, p.n, 4):%Y-%m}"  # (the month of its Thursday, as ISO weeks go)
        return f"月报要一个月份，如 {month}", f"the monthly review takes a month such as {month}"
    first, last = p.bounds
    weeks = ["{0}-W{1:02d}".format(*d.isocalendar()) for d in (first, first + dt.timedelta(days=(7 - first.weekday()) % 7), last)]
    return (f"周报要一周：{p.label} 跨 {weeks[0]} 至 {weeks[2]}，如 {weeks[1]}",
            f"the weekly review takes a week: {p.label} spans {weeks[0]} to {weeks[2]}, e.g. {weeks[1]}")


def period_bounds(kind: str, period: str | None, today: dt.date | None = None) -> tuple[str, dt.date, dt.date]:
    """A month (2026-11) or a week (2026-W47) as a person types it (periods.read_period: 2026年11月, 2026/11,
    2026-W5 …), given back as the files are named; the last whole month / week when not given."""
    from ..periods import Period, read_period

    today = today or dt.date.today()
    if period is None:
        last = today.replace(day=1) - dt.timedelta(days=1) if kind == "monthly" else today - dt.timedelta(
            days=today.weekday() + 7)
        period = f"{last:%Y-%m}" if kind == "monthly" else "{0}-W{1:02d}".format(*last.isocalendar())
    p = read_period(period)
    want = {"monthly": "month", "weekly": "week"}.get(kind)
    if p is not None and p.kind == want:
        if not p.exists:
            raise p.not_there()
        first, last = p.bounds
        if first > today:  # a review of days to come: an empty file, and e-mailed to the boss (as ledger --month)
            what = ("月份", "month") if p.kind == "month" else ("周", "week")
            raise DataStop(f"{p.label}（{first} 起）还没有开始（今天是 {today}）：请给一个已经开始的{what[0]}。",
                                f"{p.label} (from {first}) has not begun (today is {today}): give a {what[1]} that has.")
        return p.label, first, last
    # a week given to the monthly review, a month to the weekly one: the other report's, where it is one (a period
    # its staff typed: in the shop's language, as a --month is, DataStop)
    if p is not None and want is not None:
        need = ("月报要一个月份，如 2026-11", "the monthly review takes a month such as 2026-11") if want == "month" else \
            ("周报要一周，如 2026-W47", "the weekly review takes a week such as 2026-W47")
        if p.exists:
            other = "weekly" if p.kind == "week" else "monthly"
            need = _of_the_other_kind(p)
            raise DataStop(f"{period} 是{'一周' if p.kind == 'week' else '一个月'}，{need[0]}（{'周报' if p.kind == 'week' else '月报'}："
                           f"shopbook report {other} --period {p.label}）。",
                           f"{period} is a {p.kind}; {need[1]} (the {other} review: shopbook report {other} "
                           f"--period {p.label}).")
        # never the other report of a period that is none (2026-W54, 2026-13): 2026-13 for week 13, surely
        week = Period("week", p.year, p.n)
        go = (f"第 {p.n} 周写作 {week.label}：shopbook report weekly --period {week.label}。",
              f" Week {p.n} is {week.label}: shopbook report weekly --period {week.label}.") \
            if want == "week" and week.exists else ("", "")
        raise DataStop(f"{period} 不是{'月份' if want == 'month' else '一周'}：{need[0]}。{go[0]}",
                       f"{period} is not a {want}: {need[1]}.{go[1]}")
    raise DataStop(f"期间格式不对：{period!r}（月：2026-11 或 2026年11月，周：2026-W47）。",
                   f"Bad period: {period!r} (month: 2026-11, week: 2026-W47).")


def _those_days(n: int) -> str:
    """'those 6 days', 'that 1 day': the days a review's totals are of, in English."""
    return "that 1 day" if n == 1 else f"those {n} days"


# the figures 考核 judges each day against its target beside its orders (▲▼ in the table's 目标 column):
# conversion (the seeds' 2 %: 10,000 UV a day for 200 orders), 好评率 and the DSR scores (kpi.metrics.SCORES)
SCORED = ("conversion", "positive_rate", "dsr", "dsr_description", "dsr_logistics", "dsr_service")


@dataclass
class SkuSales:
    sku: str
    name: str
    style: str
    units: int
    revenue: Decimal
    cost: Decimal
    abc: str = ""
    # the after-sales desk's resends (补发单号) of it: sent at no charge, a cost and no sale, apart from units
    resent: int = 0
    resent_cost: Decimal = ZERO
    # units of its period's sales that came back (退货 posted, not an exchange's): taken off units, revenue and cost
    returned: int = 0
    # on the 商品 sheet, so its 成本价 known: a code sold and not there (renamed, deleted) has no cost, and its
    # margin read 100 % and made it a 利润款
    known: bool = True

    @property
    def margin(self) -> Decimal | None:
        # half up, as every other figure shopbook works out (9 ÷ 32 = 0.28125 is 0.2813, not the half-even 0.2812)
        # (none of a SKU whose period's returns of earlier sales outweigh its sales: a revenue at or under 0)
        return ((self.revenue - self.cost) / self.revenue).quantize(Decimal("0.0001"), ROUND_HALF_UP) \
            if self.revenue > 0 and self.known else None


@dataclass
class Review:
    kind: str
    period: str
    first: dt.date
    last: dt.date
    days: list = field(default_factory=list)
    total: object = None
    target_rows: list = field(default_factory=list)  # the 目标 sheet: each day is judged by its own
    skus: list[SkuSales] = field(default_factory=list)
    styles: list[tuple[str, int, Decimal]] = field(default_factory=list)
    pnl: object = None
    customers: object = None  # customers.CustomerReport of the period
    ads: object = None  # report.promotion.AdSummary of the period
    # the 余额核对 up to the month's end that disagree (money.workflow.failing_checks, as `ledger` says
    # them): an entry missing or wrong there is missing or wrong in the review's P&L too
    balance_issues: list = field(default_factory=list)
    ledger_warnings: list = field(default_factory=list)  # money.workflow.sheet_warnings: as `ledger` says them
    # the period's days that should have figures by now (all of them, once it is over; to yesterday
    # while it runs; from `began` in the month the shop began) and those of them with none, neither a
    # 日报 row nor an order: the totals lack them
    expected: int = 0
    missing: list = field(default_factory=list)
    began: dt.date | None = None  # the shop's first dated day, when it falls after the period's first
    # the shop's first day with figures (kpi.metrics.shop_start): a new shop's first two months are not
    # judged by shopbook's default orders target (kpi.metrics.targets_in_force)
    shop_start: dt.date | None = None
    # the last day counted while the period runs (yesterday): today's figures are of part of a day
    upto: dt.date | None = None
    # 目标 rows with a blank 目标值, located (kpi.metrics.blank_targets): passed over, said, the review goes on
    target_warnings: list = field(default_factory=list)
    # kpi.xlsx's word on which sheet was read as 日报 and which of its headers were not (a sheet a month:
    # 10月日报 read, 11月日报 not): said where days lack figures, which may be on a sheet not read
    daily_sheets: list = field(default_factory=list)
    # 日报 rows typed for a day of the period with the year wrong (kpi.metrics.year_typos): said, no ✓
    year_typos: list = field(default_factory=list)
    # an agent's line of the period with a blank 单价 ordered before its 等级起始日期, the tier before on no
    # record: counted at the tier now, located at its 单价, as `ledger` says it (money.workflow.tiers_unknown)
    tier_unknown: list = field(default_factory=list)

    TIER_SHOWN = 10  # of those, said on screen and in the e-mail; the rest on the 商品销售 sheet

    def tier_unknown_said(self, path, shown: int | None = None) -> list[tuple[str, str, str]]:
        """The lines of tier_unknown (the first `shown`, and how many more are on the workbook's 商品销售 sheet)."""
        from ..issues import first as cut

        name = getattr(path, "name", path)
        return cut([issue_said(i) for i in self.tier_unknown], shown,
                     ("行代理订单按现在的等级计", "more agent order lines at the tier now"),
                     (f"都在 {name} 的“商品销售”表", f"all on the Sales by SKU sheet of {name}"))

    def to_json(self) -> dict:
        from .promotion import new_customer_cost

        return {"kind": self.kind, "period": self.period, "from": self.first.isoformat(), "to": self.last.isoformat(),
                "empty": self.empty,  # no orders and no traffic: nothing reviewed (the CLI's –)
                "days_expected": self.expected, "days_with_figures": self.expected - len(self.missing),
                "missing_days": [d.isoformat() for d in self.missing],
                "total": self.total.to_json() if self.total else None,
                "abc": {k: [s.sku for s in self.skus if s.abc == k] for k in "ABC"},
                "best": [s.sku for s in self.best()], "worst": [s.sku for s in self.worst()],
                "traffic_drivers": [s.sku for s in self.traffic_drivers()],
                "profit_items": [s.sku for s in self.profit_items()],
                "pnl": self.pnl.to_json() if self.pnl else None,
                "customers": ({k: v for k, v in self.customers.to_json(10).items() if k != "days"}
                              if self.customers else None),
                "ads": self.ads.to_json() if self.ads else None,
                "new_customer_cost": str(c) if (c := new_customer_cost(self)) is not None else None,
                # 好评率 and the DSR scores against their targets (考核's table of them)
                "scores": [{"metric": c.metric, "days": c.days, "lowest": str(c.lowest),
                            "lowest_on": c.lowest_on.isoformat(), "target": str(c.target) if c.target is not None else None,
                            "default_target": c.default, "days_under": [d.isoformat() for d, _, _ in c.below]}
                           for c in self.judged(SCORED)]}

    def judged(self, metrics: tuple[str, ...]):
        """`metrics` over the days reviewed, each day against its own target (kpi.metrics.scores_against_targets)."""
        from ..kpi.metrics import scores_against_targets

        return scores_against_targets(self.days, self.target_rows, self.shop_start, metrics)

    def targets_on(self, date: dt.date):
        """Which target judges each metric on `date` (kpi.metrics.TargetsOn), as the daily report judges it."""
        from ..kpi.metrics import targets_in_force

        return targets_in_force(self.target_rows, date, self.shop_start)

    @property
    def empty(self) -> bool:
        return not self.total or not (self.total.orders or self.total.visitors)

    @property
    def nothing(self) -> bool:
        """No orders and no traffic over days that are over (not a period begun today, nothing yet to have): no
        review at all, said as such and a person's to see to (`report` exits 1, as for a period with days missing)."""
        # (a period before the shop's first day, the 月报 button's last month of a shop set up this month, has
        # nothing to miss: "–" as before, never "fill in the days" of before the shop was)
        return self.empty and min(self.last, dt.date.today() - dt.timedelta(days=1)) >= self.first \
            and self.shop_start is not None and self.shop_start <= self.last

    def empty_note(self, zh: bool) -> str:
        yet = self.last >= dt.date.today()  # a month not over: its orders may still come
        return (f"{self.first} 至 {self.last} {'还' if yet else ''}没有订单，也没有日报数据。" if zh
                else f"No orders and no Daily figures from {self.first} to {self.last}{' yet' if yet else ''}.") \
            + self.sheets_note(zh)

    def sheets_note(self, zh: bool) -> str:
        """kpi.xlsx's sheets of 日报's headers that were not read, after what lacks figures."""
        return ("" if zh else " ").join([""] + [i.message_zh if zh else i.message_en for i in self.daily_sheets])

    def running_note(self, zh: bool) -> str:
        """A period not over, or the one the shop began in, whose days so far all have figures: what its
        totals are of (the month a shop opened on the 21st: its 10 days, not a whole month's)."""
        unit = ("月" if zh else "month") if self.kind == "monthly" else ("周" if zh else "week")
        out = []
        if self.began is not None:
            out.append(f"店铺从 {self.began} 才有数据（第一笔订单或日报）：合计是这 {self.expected} 天的，不是整{unit}的。"
                       if zh else f"The shop's figures begin on {self.began} (its first order or Daily row): the "
                       f"totals are of {_those_days(self.expected)}, not a whole {unit}'s.")
        if self.upto is not None:
            whole = "" if self.began is not None else (
                f"（{self.last} 过后再生成一次，就是整个{unit}的）" if zh else
                f" (made again after {self.last}, it is the whole {unit}'s)")
            out.append(f"{self.period} 还没有过完：只算到昨天（{self.upto}）为止；今天的订单还在进来，不算在内{whole}。"
                       if zh else f"{self.period} is not over: this counts the days to yesterday ({self.upto}); "
                       f"today's orders are still coming in and are left out{whole}.")
        return ("" if zh else " ").join(out)

    @property
    def partial(self) -> bool:
        """Some of the period's days have figures and some that should do not: totals of part of it."""
        return bool(self.missing) and not self.empty

    MISSING_SHOWN = 5  # missing days listed by name, then how many more

    def missing_note(self, zh: bool, whole: bool = False, button: tuple[str, str] | None = None) -> str:
        """How many of the period's days have figures, which lack them and what to do. The first few
        days and how many more, and where they all are: the review's own note (`whole`) lists each. `button`: the
        导入生意参谋… button's labels (zh, en), where a box in Excel says it: that button, not the command line."""
        kpi = (f"按“{button[0]}”" if zh else f"press {button[1]}") if button else "shopbook kpi import"
        n, have = self.expected, self.expected - len(self.missing)
        yet = self.last >= dt.date.today()
        shown = [d.isoformat() for d in (self.missing if whole else self.missing[:self.MISSING_SHOWN])]
        more = len(self.missing) - len(shown)
        if zh:
            book = "月报" if self.kind == "monthly" else "周报"
            days = "、".join(shown) + (f" 等，还有 {more} 天（全部见{book}工作簿“考核”表的 A2）" if more else "")
            since = f"自开店（{self.began}）起" if self.began else ""
            return (f"{self.period} {since}{'到昨天为止' if yet else ''}的 {n} 天里只有 {have} 天有数据，缺 {len(self.missing)} 天"
                    f"（日报里没有这一天的数据，也没有订单）：{days}。合计只含有数据的 {have} 天。补上这些天的日报（{kpi}，"
                    "或 kpi.xlsx 的“日报”表），再生成一次。") + self.sheets_note(zh)
        days = ", ".join(shown) + (f" and {more} more (all of them in cell A2 of the {self.kind} review workbook's "
                                   "'Review' sheet)" if more else "")
        since = f" since the shop began ({self.began})" if self.began else ""
        return (f"Only {have} of the {n} days of {self.period}{since}{' so far' if yet else ''} "
                f"{'has' if have == 1 else 'have'} figures; "
                f"{len(self.missing)} missing (no Daily figures and no orders): {days}. The totals are of "
                f"{_those_days(have)} only. Fill in these days' Daily figures ({kpi}, or kpi.xlsx's "
                "Daily sheet), then make the review again.") + self.sheets_note(zh)

    def warnings_said(self, path, shown: int | None = None) -> list[tuple[str, str, str]]:
        """What the review's figures may be wrong by, beyond the days missing and the balance checks (mark, zh, en):
        a 日报 row typed with the year wrong, a half-typed 目标 row, the ledger's sheet warnings, agents' lines at the
        tier now (the first `shown`), a month of no 流水 row. `report monthly` prints them and its e-mail carries them
        (before, the e-mail said 访客数 of 20 days and not why: the row typed 2025-11-05 was on the screen alone)."""
        from ..money.said import no_entries_said

        out = [issue_said(i) for i in self.year_typos + self.target_warnings + self.ledger_warnings]
        out += self.tier_unknown_said(path, shown)
        if self.no_entries:
            out.append(("!", *no_entries_said(self.period)))
        return out

    def said(self, path, shown: int | None = None, button: tuple[str, str] | None = None) -> list[tuple[str, str, str]]:
        """What `report weekly|monthly` prints and the 月报 button shows (mark, zh, en): the period's
        orders and sales, then ✓ and the file. A period with no orders and no traffic has nothing to
        review: – and that said plainly, never a ✓ as if a review was made (its file is there, empty).
        A 余额核对 that disagrees (the first `shown`, else all) is said as `ledger` says it, no ✓. A period
        some of whose days have no figures says how many have and which lack them, and no ✓: its totals
        are of part of it. `button`: the 导入生意参谋… button's labels, where the 月报 button says it (missing_note)."""
        from ..money.said import balance_checks_said

        if self.empty:
            what = ("月度考核表" if self.kind == "monthly" else "周报")
            # a period whose days are over with no figures at all: said plainly, no – as if a step were skipped
            # (before: '– 2026-09-14 至 2026-09-20 没有订单，也没有日报数据。周报是空的', exit 0)
            unit = ("月", "month") if self.kind == "monthly" else ("周", "week")
            head = ("!", f"{self.period} 这一{unit[0]}没有任何数据：{self.empty_note(True)}{what}是空的：{path}",
                    f"{self.period}: no figures at all for this {unit[1]}. {self.empty_note(False)} The review is "
                    f"empty: {path}") if self.nothing else (
                "–", f"{self.empty_note(True)}{what}是空的：{path}", f"{self.empty_note(False)} The review is empty: {path}")
            todo = [("", f"补上这些天的日报（shopbook kpi import，或 kpi.xlsx 的“日报”表）后再生成一次；"
                         f"或者看看 --period {self.period} 是不是写错了。",
                     f"Fill in these days' Daily figures (shopbook kpi import, or kpi.xlsx's Daily sheet), "
                     f"then make it again; or check that --period {self.period} is the one meant.")] if self.nothing else []
            return [head] + todo + (
                [issue_said(i) for i in self.ledger_warnings]
            + (balance_checks_said(self.balance_issues, path, shown) if self.balance_issues else []))
        tot = self.total
        out = [("", f"{self.period}：订单 {tot.orders:,}，销售额 ¥{tot.sales:,.2f}",
                f"{self.period}: orders {tot.orders:,}, sales ¥{tot.sales:,.2f}")]
        out += self.warnings_said(path, self.TIER_SHOWN if shown is None else shown)
        if self.partial:
            out.append(("!", self.missing_note(True, button=button), self.missing_note(False, button=button)))
        elif self.running_note(True):  # (to yesterday, or from the day the shop began)
            out.append(("", self.running_note(True), self.running_note(False)))
        # the file is there, but of part of the period, or its P&L of another sheet than the ledger's rows: no ✓
        return out + balance_checks_said(self.balance_issues, path, shown,
                                         whole=not (self.partial or self.ledger_warnings or self.year_typos
                                                    or self.tier_unknown
                                                    or self.no_entries))

    @property
    def no_entries(self) -> bool:
        """A monthly review of books kept whose month has no 流水 row: its P&L's zeros are no month."""
        return self.pnl is not None and not self.pnl.entries

    def best(self, n: int = 10) -> list[SkuSales]:
        return sorted((s for s in self.skus if s.revenue > 0), key=lambda s: (-s.revenue, s.sku))[:n]

    def worst(self, n: int = 10) -> list[SkuSales]:
        """The n that sold least, none of the best: a shop of fewer than 20 products had its best
        sellers listed as its worst too."""
        best = {s.sku for s in self.best(n)}
        return sorted((s for s in self.skus if s.sku not in best), key=lambda s: (s.revenue, s.sku))[:n]

    def _median_margin(self) -> Decimal:
        ms = sorted(s.margin for s in self.skus if s.margin is not None)
        return ms[len(ms) // 2] if ms else ZERO

    def traffic_drivers(self) -> list[SkuSales]:
        """引流款: selling in volume (class A) at a margin below the median."""
        med = self._median_margin()
        return [s for s in self.skus if s.abc == "A" and s.margin is not None and s.margin < med]

    def profit_items(self) -> list[SkuSales]:
        """利润款: margin at or above the median, with sales."""
        med = self._median_margin()
        return [s for s in self.skus if s.units and s.margin is not None and s.margin >= med]


def abc_classes(skus: list[SkuSales]) -> None:
    """80/20: the SKUs making the first 80 % of revenue are A, the next 15 % B, the rest C."""
    total = sum((s.revenue for s in skus), ZERO)
    run = ZERO
    for s in sorted(skus, key=lambda s: (-s.revenue, s.sku)):
        share = run / total if total else Decimal(1)
        s.abc = "A" if share < Decimal("0.8") else ("B" if share < Decimal("0.95") else "C")
        run += s.revenue


def returned_units(movements, cases, lines, upto: dt.date | None = None) -> dict[tuple[str, str], int]:
    """(order, SKU) → the units that came back to the shelf: the 退货 movements whose 单号 is the order or a
    case of it (agents.settlement.returned_to), less a 出库 under the case's number (sent back to a buyer whose
    refund the platform refused), up to `upto` (the last day reviewed; today at the latest); an exchange's are
    not (its goods went back out as its resend, no sale), nor a row dated ahead (2027 typed for 2026).
    A November review made on 12-05 counts no parcel back on 12-02: that is December's, as its refund is the
    December P&L's and an agent's return December's statement's (before, the review changed each time it was made)."""
    from ..agents.settlement import case_orders, returned_to
    from ..schema import MovementType
    from ..values import code_key

    today = min(dt.date.today(), upto or dt.date.today())
    BACK, OUT = MovementType.RETURN, MovementType.OUT
    moves = [m for m in movements if (m.type is BACK or m.type is OUT) and m.qty > 0 and m.ref and m.date <= today]
    out: dict[tuple[str, str], int] = defaultdict(int)
    if not any(m.type is BACK for m in moves):
        return out
    of_case = case_orders(cases, credited=True)
    own = {code_key(ln.order_no): ln.order_no for ln in lines}
    for m, no in returned_to([m for m in moves if m.type is BACK], set(own.values()), of_case):
        out[no, m.sku] += m.qty
    cased = {code_key(c): own.get(code_key(o)) for c, o in of_case.items()}
    for m in moves:
        if m.type is OUT and (no := cased.get(code_key(m.ref))) is not None and out.get((no, m.sku)):
            out[no, m.sku] -= min(m.qty, out[no, m.sku])
    return out


def build_review(shop: Shop, kind: str, period: str | None) -> Review:
    from ..agents.prices import sold_at
    from ..io.reader import read_ahead, read_cache, read_workbook
    from ..kpi.metrics import (blank_targets, daily_sheets_said, days_from, days_twice, errors_of_days, rollup,
                               shop_start, targets_read, year_typos)
    from ..money.ledger import as_sent, pnl, shop_began
    from ..schema import (KPI, LEDGER, ORDERS, STOCK, Account, AfterSalesCase, Category, DailyKpi, Entry, Movement,
                          OrderLine, OrderStatus, Product, ProductStatus, Target)

    period, first, last = period_bounds(kind, period)
    rev = Review(kind, period, first, last)
    ledger = shop.path(LEDGER).exists() and kind == "monthly"
    with read_cache():  # the workbooks read two at a time
        read_ahead([(shop.path(ORDERS), ORDERS, (OrderLine, AfterSalesCase)), (shop.path(STOCK), STOCK, (Product, Movement)),
                    (shop.path(KPI), KPI, (DailyKpi, Target))] + ([(shop.path(LEDGER), LEDGER, None)] if ledger else []))
        ow = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, AfterSalesCase))  # (售后: the resends)
        sw = read_workbook(shop.path(STOCK), STOCK, (Product, Movement))  # (出入库: the goods returned)
        kw = read_workbook(shop.path(KPI), KPI, (DailyKpi, Target))
        lw = read_workbook(shop.path(LEDGER), LEDGER) if ledger else None
    # a row that does not read would drop out of every sum here without a word (a #REF! amount
    # took 20,074.62 off the month's sales): as `shopbook ledger`, stop and name the cell; so
    # does an entry its P&L would count wrong (ledger_errors)
    from ..money.workflow import agent_prices, books_opened, ledger_errors

    # a 日报 date of the period twice (validate's error): one row would count and the other vanish
    # (日报's rows of other days do not stop it: errors_of_days; nor of today on, not over: typed ahead, date alone)
    stop_on(ow.errors_in(OrderLine) + sw.errors_in(Product)
            + errors_of_days(kw, first, min(last, dt.date.today() - dt.timedelta(days=1)))
            + kw.errors_in(Target) + days_twice(kw, first, last)
            + (lw.errors_in(Entry, Category, Account) + ledger_errors(lw) if lw is not None else []),
            "无法生成考核表", "Cannot make the review")
    from ..periods import order_sheets_unread, year_sheet_unread

    # December's rows on a 2026日报 / 2026流水 of other headers than 2027's, not read with it: a review of nothing;
    # December's orders on a 2026订单 beside 订单 likewise (its sales sheets all 0, ✓)
    for other in (year_sheet_unread(kw, DailyKpi, period, first, last),
                  lw and year_sheet_unread(lw, Entry, period, books_opened(lw, first), last),
                  order_sheets_unread(ow, period, first, last)):
        if other is not None:
            raise other
    from ..io.limits import not_xml_read, writer_says

    writer_says(not_xml_read(sw.sheets.get(Product)))  # a control character in a name: removed as written, and said
    # a blank 状态 read as its order's, as the ledger reads it: an order typed 已取消 on its first row alone
    # sold none of its rows (before, its other rows counted as sales)
    lines, products = as_sent(ow.rows(OrderLine)), sw.rows(Product)
    # an agent's line typed with a blank 单价 sells at the agent's price, as `ledger` and `agents settle`
    # count it (before, at 0 until settle wrote the price in: the month's figures changed with it);
    # agents.xlsx read only where there is one
    prices = cache(lambda: agent_prices(shop, products, ("无法生成考核表", "Cannot make the review")))
    # and an agent's order with a blank 运费 charged [agents] shipping_per_order, as `ledger` counts it
    from ..customers import customers_report, resend_orders

    resends = resend_orders(ow)  # sent again at no charge: counted apart, neither orders nor units sold
    # the days reviewed: the whole period once over, to yesterday while it runs (today's orders so far
    # are no day's: its row read 1 order ▼ against the target, and counted in the totals)
    upto = min(last, dt.date.today() - dt.timedelta(days=1))
    rev.upto = upto if upto < last else None
    every = days_from(kw.rows(DailyKpi), lines, prices, shop.config.agents.shipping_per_order, lambda: resends)
    rev.shop_start = shop_start(every)
    days = [d for d in every if first <= d.date <= upto]
    rev.days = days
    # the days that should have figures: those, from the shop's first order or 日报 row (the days
    # before it began have nothing to miss)
    began = shop_began(lines, *(r.date for r in kw.rows(DailyKpi)))
    start = max(first, began or first)
    have = {d.date for d in days}
    expected = [start + dt.timedelta(days=k) for k in range((upto - start).days + 1)]
    rev.expected, rev.missing = len(expected), [d for d in expected if d not in have]
    rev.began = start if start > first else None
    rev.year_typos = year_typos(kw, set(expected) - {r.date for r in kw.rows(DailyKpi)})
    totals = rollup(days, lambda d: period)
    rev.total = totals[0] if totals else None
    rev.target_rows = targets_read(kw)
    rev.target_warnings = blank_targets(kw)
    rev.daily_sheets = daily_sheets_said(kw)
    by_sku = {p.sku: p for p in products}
    sales: dict[str, SkuSales] = {}
    for p in products:
        if p.status is not ProductStatus.DELISTED:
            sales[p.sku] = SkuSales(p.sku, p.name, p.style or "", 0, ZERO, ZERO)
    back = returned_units(sw.rows(Movement), ow.rows(AfterSalesCase), lines, upto)
    for ln in lines:
        if ln.paid_at is None or not (first <= ln.paid_at.date() <= upto) or ln.status in (OrderStatus.CLOSED, OrderStatus.CANCELLED):
            continue
        p = by_sku.get(ln.sku)
        s = sales.setdefault(ln.sku, SkuSales(ln.sku, p.name if p else "?", (p.style or "") if p else "", 0, ZERO, ZERO,
                                              known=p is not None))
        if ln.order_no in resends:
            s.resent += ln.qty
            s.resent_cost += (p.cost if p else ZERO) * ln.qty
            continue
        # a return of the line is no sale of it (before, a shirt sent back still counted as sold: a best seller
        # of returns, its margin of goods back on the shelf): net units, at the line's price and cost
        gone = min(back.get((ln.order_no, ln.sku), 0), ln.qty)
        if gone:
            back[ln.order_no, ln.sku] -= gone
            s.returned += gone
        n = ln.qty - gone
        s.units += n
        s.revenue += sold_at(ln, prices) * n
        s.cost += (p.cost if p else ZERO) * n
    # a sale of an earlier period whose goods came back in this one (a November coat back on 12-05) is this
    # period's return, as its refund is this month's P&L's: taken off here (before, no review counted it:
    # November's returns end with its days, and December's took off only the returns of December's sales)
    if any(back.values()):
        before = returned_units(sw.rows(Movement), ow.rows(AfterSalesCase), lines, first - dt.timedelta(days=1))
        for ln in lines:
            if ln.paid_at is None or ln.paid_at.date() >= first or ln.order_no in resends \
                    or ln.status in (OrderStatus.CLOSED, OrderStatus.CANCELLED):
                continue
            key = ln.order_no, ln.sku
            old = min(before.get(key, 0), ln.qty)  # back before the period: its own period's return
            now = min(back.get(key, 0), ln.qty)  # back by the period's last day reviewed
            if not now:
                continue
            before[key] -= old
            back[key] -= now
            if (gone := now - old) <= 0:
                continue
            p = by_sku.get(ln.sku)
            s = sales.setdefault(ln.sku, SkuSales(ln.sku, p.name if p else "?", (p.style or "") if p else "", 0, ZERO,
                                                  ZERO, known=p is not None))
            s.returned += gone
            s.units -= gone
            s.revenue -= sold_at(ln, prices) * gone
            s.cost -= (p.cost if p else ZERO) * gone
    # an agent's line counted at its agent's price now where the tier it was ordered at is on no record: said
    # at its 单价, as `ledger` says it (before, the review counted it so with a ✓ and not a word)
    from ..money.workflow import tiers_unknown

    counted = [ln for ln in lines if ln.paid_at is not None and first <= ln.paid_at.date() <= upto
               and ln.order_no not in resends and ln.status not in (OrderStatus.CLOSED, OrderStatus.CANCELLED)]
    rev.tier_unknown = ow.locate(tiers_unknown(counted, prices, ("考核表的销售额", "the review's sales")))
    rev.skus = list(sales.values())
    abc_classes(rev.skus)
    styles: dict[str, list] = defaultdict(lambda: [0, ZERO])
    for s in rev.skus:
        styles[s.style or s.sku][0] += s.units
        styles[s.style or s.sku][1] += s.revenue
    rev.styles = sorted(((k, v[0], v[1]) for k, v in styles.items()), key=lambda x: -x[2])
    if lw is not None:
        from ..money.workflow import failing_checks, sheet_warnings, year_slips_said

        # a line a year off the lines around it (2025-11-12 among November's) is out of this P&L, or in it
        # wrongly, as `ledger --month` says it: said here too, no ✓ (before, the review's P&L passed silent)
        rev.ledger_warnings = sheet_warnings(lw) + year_slips_said(lw, first, last)
        entries = lw.rows(Entry)
        # books kept by the month's end: a month of no 流水 row is a P&L of zeros, said as `ledger --month` says
        # it, no ✓ (before, the review went out under a ✓ with no P&L sheet, finance not done with the month)
        if any(e.date <= last for e in entries):
            # a month under way is its P&L to today, rows typed ahead (rent of the 10th) counted and said, as
            # `ledger --month` titles it (before, the sheet beside a review 'to yesterday' said nothing of them)
            rev.pnl = pnl(period, entries, lw.rows(Category), lw.rows(Account), today=dt.date.today())
        rev.balance_issues = failing_checks(lw, last)  # as `ledger --month`: the review's P&L lacks what they lack
    from .promotion import ad_summary

    # returning customers (new ones are new over every order, not only the period's) and the ads' ROI
    if kind == "monthly":  # by month: a week's buyers would be shown under its month's name
        # spend up to the month's end: a review of October made in December counts no later order
        rev.customers = customers_report(lines, shop.config.customers.vip_spend, first, max(upto, first),
                                         as_of=max(upto, first), resends=resends, cases=ow.rows(AfterSalesCase))
        rev.customers.cases_unread = tuple(ow.errors_in(AfterSalesCase))  # (their refunds not taken off: said)
    rev.ads = ad_summary(days, lw.rows(Entry) if lw is not None else [], lw.rows(Category) if lw is not None else [],
                         first, upto)
    return rev


def review_file(shop: Shop, kind: str, period: str) -> Path:
    """Where the review of `period` is written: reports/月报-2026-11.xlsx (weekly-2026-W47.xlsx)."""
    zh = shop.lang == "zh"
    return shop.reports / f"{('月报' if kind == 'monthly' else '周报') if zh else kind}-{period}.xlsx"


def _scores_written(ws, r: int, rev: Review, zh: bool) -> int:
    """Under 考核's table (its last row `r`): the 好评率 and DSR scores of the period against their targets
    (kpi.metrics.scores_against_targets), the days under them named; the last row written."""
    from openpyxl.styles import Font

    from ..kpi.metrics import PERCENT_METRICS
    from .daily import DEFAULT_MARK, METRIC_LABELS

    checks = rev.judged(SCORED)
    if not checks:
        return r
    t = (lambda a, b: a if zh else b)
    bold = Font(bold=True)
    r += 2
    put(ws, r, 1, t("转化率、评分与好评率（每天对它那天的目标）",
                    "Conversion, scores and positive reviews (each day against its target)")).font = bold
    r += 1
    for j, h in enumerate([t("指标", "Metric"), t("有数据天数", "Days with figures"), t("最低", "Lowest"), t("最低那天", "Lowest on"),
                           t("目标", "Target"), t("低于目标天数", "Days under"), t("低于目标的日子", "Days under target")],
                          start=1):
        put(ws, r, j, h).font = bold
    for c in checks:
        r += 1
        shape = "0.00%" if c.metric in PERCENT_METRICS else "0.00"
        under = ("、" if zh else ", ").join(f"{d:%m-%d}" for d, _, _ in c.below)
        row = [METRIC_LABELS[c.metric][0 if zh else 1], c.days, float(c.lowest), c.lowest_on,
               float(c.target) if c.target is not None else None, len(c.below) if c.target is not None else None, under]
        for j, v in enumerate(row, start=1):
            cell = put(ws, r, j, v)
            if j in (3, 5):
                cell.number_format = shape + (f'"{DEFAULT_MARK[not zh]}"' if j == 5 and c.default else "")
            elif j == 4:
                cell.number_format = "yyyy-mm-dd"
            elif j == 6 and c.below:
                cell.font = Font(bold=True, color="C00000")
    return r


def write_review(shop: Shop, rev: Review) -> tuple[Path, dict[str, bytes]]:
    from openpyxl import Workbook
    from openpyxl.drawing.image import Image
    from openpyxl.styles import Font

    from ..schema import LEDGER, ORDERS

    zh = shop.lang == "zh"
    t = (lambda a, b: a if zh else b)
    pngs = {}
    from .daily import DEFAULT_MARK, DEFAULT_NOTE, new_shop_said

    on = {d.date: rev.targets_on(d.date) for d in rev.days}
    day_target = {k: v.targets.get("orders") for k, v in on.items()}
    # days judged by shopbook's default, no 目标 row setting one: marked, and where to set it said
    defaulted = {k for k, v in on.items() if "orders" in v.defaults}
    # a new shop's days spared the default (no target, said why): the first two months
    spared = next((v for v in on.values() if "orders" in v.spared), None)
    if rev.days:
        line = [float(day_target[d.date]) if day_target[d.date] is not None else None for d in rev.days]
        pngs["orders"] = charts.trend_chart(t(f"{rev.period} 每日支付订单数", f"Paid orders per day, {rev.period}"),
                                            [d.date for d in rev.days], {t("订单", "Orders"): [d.orders for d in rev.days]},
                                            line if any(v is not None for v in line) else None,
                                            t("目标", "target") + (DEFAULT_MARK[not zh] if defaulted else ""),
                                            span=(rev.first, rev.last))  # (the period: not 11-28 … in December's)
    if rev.styles and any(s[2] for s in rev.styles):
        top = rev.styles[:12]
        pngs["mix"] = charts.bar_chart(t("销售额按款式（前 12）", "Sales by style (top 12)"), [s[0] for s in top],
                                       [float(s[2]) for s in top], t("元", "yuan"))
    wb = Workbook()
    ws = wb.active
    ws.title = t("考核", "Review")
    bold = Font(bold=True)
    put(ws, 1, 1, t(f"{shop.config.shop.name} {'月度考核表' if rev.kind == 'monthly' else '周报'} {rev.period}",
                    f"{shop.config.shop.name} {rev.kind} review {rev.period}")).font = Font(bold=True, size=15)
    if rev.empty:
        put(ws, 2, 1, rev.empty_note(zh))
    elif rev.partial:  # above the figures: their totals are of part of the period
        put(ws, 2, 1, rev.missing_note(zh, whole=True)).font = Font(bold=True, color="C00000")
    elif rev.running_note(zh):  # (to yesterday: the period runs; from the day the shop began)
        put(ws, 2, 1, rev.running_note(zh)).font = Font(bold=True)
    # what the buyers paid, postage in (生意参谋's 支付金额, or the orders' goods and 运费): 商品销售's revenue is
    # of the goods alone, less returns, and the two headers say so (before, both said 销售额 and differed)
    head = [t("日期", "Date"), t("访客数", "Visitors"), t("支付订单数", "Orders"), t("目标", "Target"), "",
            t("销售额（含运费）", "Sales (incl. postage)"), t("转化率", "Conversion"), t("客单价", "AOV"),
            # what 转化率 and 客单价 are of (生意参谋's: ÷ buyers), beside them: with orders alone
            # shown, 44 ÷ 1,705 = 2.58 % could not be had from 45 orders (blank: orders stand in)
            t("支付买家数", "Buyers")]
    for j, h in enumerate(head, start=1):
        put(ws, 3, j, h).font = bold
    r = 3
    for d in rev.days:
        r += 1
        target = day_target[d.date]  # a target raised mid-month counts from its start date
        mark = "" if target is None else ("▲" if d.orders >= target else "▼")
        for j, v in enumerate([d.date, d.visitors, d.orders, float(target) if target is not None else None, mark,
                               float(d.sales), float(d.conversion) if d.conversion is not None else None,
                               float(d.aov) if d.aov is not None else None, d.buyers], start=1):
            c = put(ws, r, j, v)
            if j == 1:
                c.number_format = "yyyy-mm-dd"
            elif j == 7:
                c.number_format = "0.00%"
            elif j in (6, 8):
                c.number_format = "#,##0.00"
            elif j == 4 and d.date in defaulted:  # still a number, shown marked
                c.number_format = f'0"{DEFAULT_MARK[not zh]}"'
    if rev.total:
        r += 1
        tot = rev.total
        for j, v in enumerate([t("合计", "Total"), tot.visitors, tot.orders, None, "", float(tot.sales),
                               float(tot.conversion) if tot.conversion is not None else None,
                               float(tot.aov) if tot.aov is not None else None, tot.buyers], start=1):
            put(ws, r, j, v).font = bold
        ws.cell(row=r, column=7).number_format = "0.00%"
        for j in (6, 8):  # as the days' cells above (General showed 12000.5 for the e-mail's ¥12,000.50)
            ws.cell(row=r, column=j).number_format = "#,##0.00"
    if defaulted:
        r += 2
        put(ws, r, 1, DEFAULT_NOTE[not zh])
    if spared is not None:
        r += 1 if defaulted else 2
        put(ws, r, 1, new_shop_said(spared.spared, spared.judged_from, rev.shop_start, shop.lang))
    r = _scores_written(ws, r, rev, zh)
    if rev.year_typos or rev.target_warnings:  # (the file outlives the screen, as the P&L sheet's warnings) below
        r += 1  # the figures: a 日报 row typed a year off (its day's traffic not in them), a half-typed 目标 row
        for i in rev.year_typos + rev.target_warnings:
            r += 1
            put(ws, r, 1, issue_said(i)[1 if zh else 2]).font = Font(bold=True, color="C00000")
    # the last header runs on over column J, where the charts sit on it: its own width (fit_columns never narrows)
    ws.column_dimensions["I"].width = text_width(head[-1]) + 2
    y = 3
    for png in pngs.values():
        img = Image(io.BytesIO(png))
        img.width, img.height = img.width * 0.6, img.height * 0.6
        ws.add_image(img, f"J{y}")
        y += 18
    sku = wb.create_sheet(t("商品销售", "Sales by SKU"))
    # net of the units back on the shelf (退货件数), goods alone: 考核's 销售额 has postage in, and neither takes
    # off a refund without return (the P&L books every refund)
    units_h = t("件数（已减退货）", "Units (less returns)")
    revenue_h = t("商品销售额（不含运费，已减退货）", "Goods revenue (no postage, less returns)")
    append(sku, [t("商家编码", "SKU"), t("名称", "Name"), t("款号", "Style"), units_h, revenue_h,
                t("毛利率", "Margin"), "ABC", t("类型", "Kind"), t("补发件数", "Resent units"),
                t("补发成本", "Resend cost"), t("退货件数", "Returned units")])
    drivers = {s.sku for s in rev.traffic_drivers()}
    profits = {s.sku for s in rev.profit_items()}
    for r, s in enumerate(sorted(rev.skus, key=lambda s: (-s.revenue, s.sku)), start=2):
        kind = t("引流款", "traffic driver") if s.sku in drivers else (t("利润款", "profit item") if s.sku in profits else "")
        if not s.known:  # (its margin blank: why)
            kind = t("不在商品表，没有成本价：毛利率不知道", "not on the Products sheet, so no cost: margin unknown")
        append(sku, [s.sku, s.name, s.style, s.units, float(s.revenue),
                    float(s.margin) if s.margin is not None else None, s.abc, kind, s.resent or None,
                    float(s.resent_cost) if s.resent else None, s.returned or None])
        sku.cell(r, 6).number_format = "0.00%"  # the margin's four decimals, a rate (not 0.3125)
        sku.cell(r, 10).number_format = "#,##0.00"
    if rev.tier_unknown:  # (the file outlives the screen) below the revenues: an agent's line at the tier now, maybe wrong
        sku.append([])
        for i in rev.tier_unknown:
            append(sku, [i.where(shop.lang), i.message_zh if zh else i.message_en])
            sku.cell(sku.max_row, 1).font = Font(bold=True, color="C00000")
    style = wb.create_sheet(t("款式销售", "Sales by style"))
    append(style, [t("款号", "Style"), units_h, revenue_h])
    for name, units, revenue in rev.styles:
        append(style, [name, units, float(revenue)])
    best = wb.create_sheet(t("畅销与滞销", "Best and worst"))
    append(best, [t("畅销", "Best"), revenue_h, "", t("滞销", "Worst"), revenue_h])
    tops, bottoms = rev.best(), rev.worst()
    for k in range(max(len(tops), len(bottoms))):
        b = tops[k] if k < len(tops) else None
        w = bottoms[k] if k < len(bottoms) else None
        append(best, [b.sku if b else None, float(b.revenue) if b else None, "", w.sku if w else None,
                      float(w.revenue) if w else None])
    if tops and not bottoms:  # (a blank 滞销 column says nothing of why)
        put(best, 2, 4, t("没有：每个商品都在畅销里", "none: every product is among the best"))
    # more products sold nothing than the ten shown (all alike at 0, the first ten by SKU): how many, and where
    unsold = sum(1 for s_ in rev.skus if s_.revenue <= 0) - sum(1 for w in bottoms if w.revenue <= 0)
    if bottoms and unsold > 0:
        put(best, 2 + max(len(tops), len(bottoms)), 4,
            t(f"… 还有 {unsold} 个商品也没有卖出：全部见“商品销售”表（按销售额排在最后）",
              f"… {en_count(unsold, 'more product')} sold nothing either: all of them on the 'Sales by SKU' sheet "
              "(last, by revenue)"))
    if rev.pnl:
        p = wb.create_sheet(t("利润表", "P&L"))
        # one sign throughout, as `ledger`'s 利润表 (its header says it)
        append(p, [t("分组", "Group"), t("金额（收入为正，支出为负）", "Amount (in +, out −)")])
        from ..money.ledger import group_label

        for g in rev.pnl.lines:  # the group's name in the shop's language, not its key
            append(p, [group_label(g, shop.lang), float(rev.pnl.group_total(g))])
        append(p, [t("净额", "Net"), float(rev.pnl.net)])
        red = Font(bold=True, color="C00000")
        if so_far := rev.pnl.so_far()[0 if zh else 1]:
            append(p, [so_far.strip(" （）()")])
        if rev.ledger_warnings or rev.balance_issues or rev.no_entries:  # (the file outlives the screen)
            p.append([])
        if rev.no_entries:
            from ..money.said import no_entries_said

            append(p, [no_entries_said(rev.period)[0 if zh else 1]])
            p.cell(p.max_row, 1).font = red
        for i in rev.ledger_warnings:  # as `ledger`'s 利润表 says them: a P&L of the wrong sheet, a line a year off
            append(p, [i.where(shop.lang), i.message_zh if zh else i.message_en])
            p.cell(p.max_row, 1).font = red
        if rev.balance_issues:  # below the figures, as `ledger` says it: each check, then why they may be wrong
            from ..money.said import pnl_may_be_wrong

            for i in rev.balance_issues:
                append(p, [i.where(shop.lang), i.message_zh if zh else i.message_en])
            append(p, [pnl_may_be_wrong(rev.balance_issues)[0 if zh else 1]])
            p.cell(p.max_row, 1).font = red
    from .promotion import customers_and_ads_sheet

    customers_and_ads_sheet(wb, rev, zh)
    # money to the fen, as the e-mail says it (General showed 9600 and 451284.61 beside ¥451,284.61)
    money_cells(sku, 5)
    money_cells(style, 3)
    money_cells(best, 2, 5)
    if rev.pnl:
        money_cells(p, 2)
    for sheet in wb.worksheets[1:]:
        for c in sheet[1]:
            c.font = bold
        sheet.freeze_panes = "A2"
        sheet.column_dimensions["A"].width = 18
        sheet.column_dimensions["B"].width = 22
    for sheet in wb.worksheets:  # (考核's dates and month's sales showed ######## at Excel's default width)
        fit_columns(sheet)
    on_a4_each(wb, shop.lang)  # (printed without: 商品销售's amounts on pages apart from their SKUs)
    # (its P&L the ledger's, its customers the orders': no more readable than either)
    return write_atomic(review_file(shop, rev.kind, rev.period), lambda p_: wb.save(p_), keep_backup=False, report=True,
                        like=(shop.path(LEDGER), shop.path(ORDERS))), pngs


@writes_shop("report")
def make_review(shop: Shop, kind: str = "monthly", period: str | None = None):
    rev = build_review(shop, kind, period)
    path, pngs = write_review(shop, rev)
    return rev, path, pngs


def money_cells(ws, *cols: int) -> None:
    """The numbers below the header in these columns shown as money (#,##0.00)."""
    for row in ws.iter_rows(min_row=2):
        for c in cols:
            cell = row[c - 1] if c <= len(row) else None
            if cell is not None and isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                cell.number_format = "#,##0.00"


def key_figures(rev: Review, zh: bool) -> list[tuple[str, str]]:
    """The review's figures its e-mail and its group message both say, as (label, value): one list,
    so the boss's e-mail and the group read the same (the e-mail had no 净额 the group message had)."""
    from .daily import fmt
    from .promotion import customer_and_ad_figures

    tot = rev.total
    # the visitors and buyers the conversion and AOV are of (生意参谋's: ÷ buyers), where every day has them:
    # 2.29 % beside 1,569 orders alone could not be had again from what the e-mail said
    def of_days(field: str) -> str:
        """A day of orders without this figure (日报 lacking it, filled from the orders): the sum is of the
        others, said (1,119 buyers read as the month's beside its 1,186 orders, a day's 63 left out)."""
        n = sum(getattr(d, field) is not None for d in rev.days)
        if n == len(rev.days):
            return ""
        gone = len(rev.days) - n
        return (f"（{n} 天的；另 {gone} 天日报里没有这个数）" if zh else
                f" (of {en_count(n, 'day')}; {gone} more {'has' if gone == 1 else 'have'} no Daily figure for it)")

    out = [("访客数" if zh else "Visitors", f"{tot.visitors:,}{of_days('visitors')}")] if tot.visitors else []
    out += [("支付订单数" if zh else "Orders", f"{tot.orders:,}")]
    out += [("支付买家数" if zh else "Buyers", f"{tot.buyers:,}{of_days('buyers')}")] if tot.buyers is not None else []
    out += [("销售额" if zh else "Sales", f"¥{tot.sales:,.2f}"),
            ("转化率" if zh else "Conversion", fmt("conversion", tot.conversion)),
            ("客单价" if zh else "AOV", f"¥{tot.aov:,.2f}" if tot.aov is not None else "—")]
    out += under_targets(rev, zh)
    out += customer_and_ad_figures(rev, zh)
    if rev.pnl and not rev.no_entries:  # (a month of no 流水 row yet has no net to send)
        # a month under way: its net to today, rows typed ahead counted, said as its P&L sheet says it (before,
        # the e-mail and the group read a month's net, rent of the 30th in it, with no word that it runs)
        so_far = rev.pnl.so_far()[0 if zh else 1]
        out.append(("净额" if zh else "Net", f"¥{rev.pnl.net:,.2f}{so_far}"))
    return out


def under_targets(rev: Review, zh: bool) -> list[tuple[str, str]]:
    """The targets the review's days fell under, as its e-mail and group message say them: orders, conversion,
    好评率 and the DSR scores, how many days of how many, and which (before, the e-mail of a 月度考核
    said 转化率 1.93 % and nothing of the 2 % target, nor of 好评率 under 98.5 % on 8 days: on the workbook alone)."""
    from .daily import DEFAULT_MARK, METRIC_LABELS, fmt

    out = []
    for c in rev.judged(("orders",) + SCORED):
        if c.target is None or not c.below:
            continue
        label = METRIC_LABELS[c.metric][0 if zh else 1]
        target = fmt(c.metric, c.target) + (DEFAULT_MARK[not zh] if c.default else "")
        # every one of them (a month's at most, m-d each): the group message, made where no review workbook is
        # (push), says what the e-mail says, and a cut list would point at a workbook the group cannot find
        days = [f"{d:%m-%d}" for d, _, _ in c.below]
        if zh:
            out.append((f"{label}低于目标 {target}", f"{len(c.below)} 天（共 {c.days} 天）：{'、'.join(days)}"))
        else:
            out.append((f"{label} under the {target} target",
                        f"{len(c.below)} of {en_count(c.days, 'day')}: {', '.join(days)}"))
    return out


@locks_shop("email")
def monthly_email(shop: Shop, period: str | None) -> mail.Delivery:
    rev, path, pngs = make_review(shop, "monthly", period)
    zh = shop.lang == "zh"
    title = f"{shop.config.shop.name} {'月度考核表' if zh else 'monthly review'} {rev.period}"
    from .daily import DailySummary

    figures = [] if rev.empty else key_figures(rev, zh)
    from ..money.said import balance_checks_said

    note = rev.empty_note(zh) if rev.empty else (rev.missing_note(zh) if rev.partial else rev.running_note(zh))
    e = html.escape  # the shop's name is typed by a person: text, never markup
    rows = "".join(f"<tr><td>{e(k)}</td><td>{e(v)}</td></tr>" for k, v in figures)
    alts = chart_names(pngs, shop.lang)
    # a 余额核对 that disagrees: the attached review's P&L may be wrong, said under the figures as
    # `report monthly` says it (the daily e-mail's 问题 heading, its lists' cut)
    # and before them what else the figures may be wrong by (a 日报 row a year off, an agent's line at the tier
    # now …), as `report monthly` says it
    warned = [(z if zh else en).strip() for _, z, en in rev.warnings_said(path, DailySummary.CUT)]
    warned += [(z if zh else en).strip() for _, z, en in balance_checks_said(
        rev.balance_issues, path.name, DailySummary.CUT)] if rev.balance_issues else []
    problems = "问题" if zh else "Problems"
    body = (f"<html><body><h2>{e(title)}</h2>" + (f"<p>{e(note)}</p>" if note else "")
            + f"<table id='kpi' cellpadding='6'>{rows}</table>"
            + (f"<h3 style='color:#C00000;'>{problems}</h3><ul id='balance-checks'>"
               + "".join(f"<li>{e(w)}</li>" for w in warned) + "</ul>" if warned else "")
            + "".join(f"<p><img src='cid:{cid}' alt='{e(a)}'></p>" for cid, a in alts.items()) + "</body></html>")
    colon = "：" if zh else ": "  # a zh line's punctuation full-width
    text = (f"{title}\n\n" + (f"{note}\n" if note else "") + "".join(f"{k}{colon}{v}\n" for k, v in figures)
            + (f"\n{problems}{colon.strip()}\n" + "".join(f"  {w}\n" for w in warned) if warned else ""))
    cfg = shop.config
    # which report it is: a copy made again takes the place of the one waiting, so --retry sends one a month
    from . import sent_log

    report, digest = f"monthly {rev.period}", sent_log.digest(text)
    at = mail.sent_before(shop.outbox, report, digest) if cfg.smtp.host else None  # said when sent again
    msg = mail.build_message(mail.Outgoing(f"{cfg.email.subject_prefix} {title}".strip(), body, text,
                                           list(cfg.email.to), cfg.mail_sender(), [path], pngs, alts,
                                           report=report, digest=digest))
    d = mail.send_or_keep(cfg, shop.outbox, msg)
    d.sent_before = at if d.sent else None
    return d
