"""KPI arithmetic over 日报 rows: pure and exact.

Ratios are always re-derived from sums, never averaged from daily percentages, and
defined as 生意参谋 defines them (the figures come from there): conversion = Σbuyers ÷
Σvisitors, AOV = Σsales ÷ Σbuyers (a buyer with two orders counts once), visit depth =
Σpage views ÷ Σvisitors. Where the buyers figure is missing, orders stand in for it. Where 日报 lacks a day
that has orders, the day is filled from the orders workbook and marked so.
"""

from __future__ import annotations

import calendar
import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from ..agents.prices import postage, sold_at
from ..issues import at
from ..money.ledger import as_sent
from ..schema import DailyKpi, OrderLine, OrderSource, OrderStatus, Target
from ..values import years_on

ZERO = Decimal(0)
DEFAULT_TARGETS = {"orders": Decimal(30), "conversion": Decimal("0.02"), "positive_rate": Decimal("0.985"),
                   "dsr": Decimal("4.8"), "dsr_description": Decimal("4.8"), "dsr_logistics": Decimal("4.8"),
                   "dsr_service": Decimal("4.8")}
# how a target's metric may be written in the 目标 sheet
METRIC_NAMES = {"支付订单数": "orders", "订单数": "orders", "销售额": "sales", "访客数": "visitors", "转化率": "conversion",
                "客单价": "aov", "好评率": "positive_rate", "dsr": "dsr", "成交件数": "units", "浏览量": "page_views",
                "支付买家数": "buyers", "推广花费": "ad_spend", "首页跳失率": "bounce_rate", "访问深度": "visit_depth",
                "描述相符评分": "dsr_description", "描述相符": "dsr_description", "物流服务评分": "dsr_logistics",
                "物流服务": "dsr_logistics", "服务态度评分": "dsr_service", "服务态度": "dsr_service",
                # as 生意参谋 names them (kpi.import_sycm.COLUMNS): the figures come from there
                "支付金额": "sales", "支付件数": "units", "支付转化率": "conversion", "支付父订单数": "orders",
                "人均浏览量": "visit_depth", "跳失率": "bounce_rate", "店铺动态评分": "dsr",
                # as the shop's own plans write them (DOMAIN's seeds): 宝贝评分都能做到4.8以上 (the DSR item
                # score, 宝贝与描述相符), 转换率 for 转化率, UV for 访客数 (进步人数为UV1万)
                "宝贝评分": "dsr_description", "宝贝与描述相符": "dsr_description", "卖家的服务态度": "dsr_service",
                "物流服务的质量": "dsr_logistics", "转换率": "conversion", "uv": "visitors",
                # 终极目标日单200, 每天50单以上: a day's orders, as the plans count them
                "日单": "orders", "日单量": "orders", "单量": "orders"}
METRICS = set(METRIC_NAMES.values())  # the 日报 columns a target may name
PERCENT_METRICS = {"conversion", "positive_rate", "bounce_rate"}  # targets of these are fractions: 2% is 0.02
MONEY_METRICS = {"sales", "aov", "ad_spend"}  # shown to the fen
TWO_PLACE_METRICS = {"dsr", "visit_depth", "roi", "dsr_description", "dsr_logistics", "dsr_service"}  # the rest: whole


def as_shown(metric: str, v) -> Decimal:
    """A figure as the reports show it (rounded half up to its places, report.daily.fmt): what it is judged by
    against its target and median, so that 40 buyers of 2,005 visitors (1.995 %) no longer read "2.00% ▼" beside a
    target of 2.00 % (and "2.00%，低于目标 2.00%" in the self-check), as 生意参谋, which gives 转化率 to those places,
    would show it; 好评率 0.98496 is 98.50 %, meeting 98.5 %, in the month's review as in the daily report."""
    places = ("0.0001" if metric in PERCENT_METRICS
              else "0.01" if metric in MONEY_METRICS or metric in TWO_PLACE_METRICS else "1")
    return Decimal(v).quantize(Decimal(places), ROUND_HALF_UP)
HIGHER_IS_BETTER = {"orders", "sales", "visitors", "conversion", "aov", "positive_rate", "dsr", "units", "buyers",
                    "page_views", "dsr_description", "dsr_logistics", "dsr_service"}
LOWER_IS_BETTER = {"bounce_rate", "ad_spend"}  # a target of these is a ceiling (the self-check says a day over it)
DSR_PARTS = ("dsr_description", "dsr_logistics", "dsr_service")
# an anomaly when it falls well under its median; ROI (sales ÷ ad spend) is the ad-cost spike the sales
# did not follow (spend up with sales up is no cost to worry about)
WATCHED = ("visitors", "orders", "sales", "conversion", "aov", "roi")
# an anomaly when it rises well over it: more visitors leaving at the home page (DOMAIN: a product worth
# pushing has a low bounce)
WATCHED_RISE = ("bounce_rate",)
# a fall is judged against the median of at least this many of the 7 days before: against one or two
# (a shop's 2nd day against its 1st) it is no sudden drop, only a day unlike the one before
ANOMALY_MIN_DAYS = 3


def conversion_of(visitors: int | None, buyers: int | None, orders: int) -> Decimal | None:
    """Buyers ÷ visitors; orders ÷ visitors where the buyers figure is missing."""
    if not visitors:
        return None
    return Decimal(buyers if buyers is not None else orders) / Decimal(visitors)


def aov_of(sales: Decimal, orders: int) -> Decimal | None:
    """Sales ÷ a count (buyers, as 生意参谋; orders where buyers are missing), to the fen."""
    return (sales / orders).quantize(Decimal("0.01"), ROUND_HALF_UP) if orders else None


def visit_depth_of(page_views: int | None, visitors: int | None) -> Decimal | None:
    return (Decimal(page_views) / Decimal(visitors)).quantize(Decimal("0.01"), ROUND_HALF_UP) \
        if page_views is not None and visitors else None


@dataclass
class Day:
    date: dt.date
    visitors: int | None
    buyers: int | None
    orders: int
    sales: Decimal
    units: int | None
    page_views: int | None = None
    ad_spend: Decimal | None = None
    dsr: Decimal | None = None
    positive_rate: Decimal | None = None
    bounce_rate: Decimal | None = None
    visit_depth: Decimal | None = None
    dsr_description: Decimal | None = None
    dsr_logistics: Decimal | None = None
    dsr_service: Decimal | None = None
    from_orders: bool = False  # filled from the orders workbook: no traffic figures

    @property
    def conversion(self) -> Decimal | None:
        return conversion_of(self.visitors, self.buyers, self.orders)

    @property
    def conversion_basis(self) -> str:
        return "buyers" if self.buyers is not None else "orders"

    @property
    def aov(self) -> Decimal | None:
        return aov_of(self.sales, self.buyers if self.buyers else self.orders)

    @property
    def roi(self) -> Decimal | None:
        """Sales per yuan of ads (日报 has no ad-attributed sales: the whole shop's)."""
        return (self.sales / self.ad_spend).quantize(Decimal("0.01"), ROUND_HALF_UP) if self.ad_spend else None

    def value(self, metric: str):
        return getattr(self, metric, None)


def days_from(rows: list[DailyKpi], lines: list[OrderLine], agent_prices=None,
              shipping_per_order: Decimal = ZERO, resends=None, at_agent_price: list | None = None) -> list[Day]:
    """日报 rows as Days, plus days with orders that 日报 lacks (filled, marked). An agent's line
    typed with a blank 单价 counts at the agent's price, as the ledger and `agents settle` count it
    (agents.prices.billed_price): `agent_prices` gives those prices (money.workflow.agent_prices),
    asked only at the first such line a filled day has; an agent's order with a blank 运费,
    `shipping_per_order` (shopbook.toml's [agents]), as the ledger counts it (agents.prices.postage).
    `resends` gives the after-sales desk's resends (customers.resend_orders), asked only when a day is
    filled: a parcel sent again at no charge is no order sold. A line's blank 状态 is its order's (as_sent, as
    the ledger reads it): an order typed 已取消 once, on its first row, sold none of its rows. `at_agent_price`,
    given: each agent's line with a blank 单价 a filled day counts is added to it (whose price may be at a tier on
    no record: money.workflow.tiers_unknown says which)."""
    out = {r.date: Day(r.date, r.visitors, r.buyers, r.orders, r.sales, r.units, r.page_views, r.ad_spend, r.dsr,
                       r.positive_rate, r.bounce_rate, r.visit_depth, r.dsr_description, r.dsr_logistics,
                       r.dsr_service) for r in rows}
    skip = (OrderStatus.CLOSED, OrderStatus.CANCELLED)
    # only the days 日报 lacks are summed from the orders: a year's lines on days it has are
    # passed over in one comprehension, not added up to be thrown away
    gap = [ln for ln in lines if (at := ln.paid_at) is not None and at.date() not in out]
    if gap:  # their orders' lines alone, each blank 状态 read as its order's (whose first row may be on a day 日报 has)
        orders = {ln.order_no for ln in gap}
        lines = as_sent([ln for ln in lines if ln.order_no in orders])
        gap = [ln for ln in lines if (at := ln.paid_at) is not None and at.date() not in out and ln.status not in skip]
    if gap and resends is not None and (again := resends()):
        gap = [ln for ln in gap if ln.order_no not in again]
    if not gap:
        return [out[k] for k in sorted(out)]
    # an order's shipping fee goes to the day of its first counted line, wherever that line is
    orders = {ln.order_no for ln in gap}
    first: dict[str, OrderLine] = {}
    for ln in lines:
        if ln.order_no in orders and ln.paid_at is not None and ln.status not in skip:
            first.setdefault(ln.order_no, ln)
    per_day: dict[dt.date, dict] = defaultdict(lambda: {"orders": set(), "units": 0, "sales": ZERO})
    book = cache(agent_prices) if agent_prices is not None else None
    counted = None  # each order's counted lines: gathered at the first order with no 运费 on its first
    for ln in gap:
        d = per_day[ln.paid_at.date()]
        d["orders"].add(ln.order_no)
        d["units"] += ln.qty
        # (an agent's line with a blank 单价 at the agent's price: a figure settling does not change)
        d["sales"] += sold_at(ln, book) * ln.qty
        if at_agent_price is not None and ln.unit_price is None and ln.source is OrderSource.AGENT:
            at_agent_price.append(ln)
        if first.get(ln.order_no) is ln:
            del first[ln.order_no]
            fee = ln.shipping_fee
            if fee is None:  # its other lines' 运费 (8.00 typed on its second row), else an agent's shipping_per_order
                if counted is None:
                    counted = defaultdict(list)
                    for x in lines:
                        if x.order_no in orders and x.paid_at is not None and x.status not in skip:
                            counted[x.order_no].append(x)
                fee = postage(counted[ln.order_no], shipping_per_order)
            d["sales"] += fee
    for date, d in per_day.items():
        out[date] = Day(date, None, None, len(d["orders"]), d["sales"], d["units"], from_orders=True)
    return [out[k] for k in sorted(out)]


def errors_of_days(book, first: dt.date, last: dt.date) -> list:
    """日报's errors that could change the figures of `first` … `last`: of a row dated in them, of a row
    whose date does not read, of the sheet itself (a header). A row of another month (the rest of
    December typed ahead, date alone; a typo in March) is no reason to stop October's review."""
    sd = book.sheets.get(DailyKpi)
    other = {u.row for u in (sd.unreadable if sd is not None else [])
             if (d := getattr(u, "date", None)) is not None and not first <= d <= last}
    return [i for i in book.errors_in(DailyKpi) if i.row is None or i.row not in other]


def daily_sheets_said(book) -> list:
    """kpi.xlsx's word (the read `book`'s) on which sheet was read as 日报 and which sheets of its headers
    were not (a sheet a month: 10月日报 read, 11月日报 not): for wherever days are said to lack figures."""
    sd = book.sheets.get(DailyKpi)
    return [i for i in (sd.issues if sd is not None else []) if not i.is_error and i.row is None and not i.field
            and i.sheet not in (DailyKpi.zh, DailyKpi.en)]  # (each names the other sheet)


def days_twice(book, first: dt.date = dt.date.min, last: dt.date = dt.date.max) -> list:
    """日报 dates from `first` to `last` typed on two rows, as validate calls them (check_unique),
    located on `book` (the read kpi.xlsx): each an error at the later row's cell naming the earlier
    row. days_from keeps the last of the two and the other vanishes, so whatever reads 日报's days
    (the period review, the morning KPI, a promotion's review) stops on them or leaves the day out."""
    from ..validate.rules import check_unique

    return book.locate(check_unique([r for r in book.rows(DailyKpi) if first <= r.date <= last], DailyKpi))


def rows_without_year(book, day: dt.date) -> set[int]:
    """The 日报 rows of the read `book` whose 日期 is `day`'s month and day typed without its year ("1-1" or
    "1月1日" typed as text on the first of January; refused where read): that day's own row, which does
    not read; or beginning with the whole day and more after it ("2026-11-19（补）": before, the report of the
    day said its row missing under a ✓). Looked at only where some row does not read."""
    from ..values import day_ahead, day_without_year

    sd = book.sheets.get(DailyKpi)
    if sd is None or not sd.unreadable:
        return set()
    return {i.row for i in book.errors_in(DailyKpi) if i.field == "date" and i.row
            and (day_without_year(i.value) == (day.month, day.day) or day_ahead(i.value) == day)}


def year_typos(book, lacking) -> list:
    """Warnings at the 日报 rows typed for a day of `lacking` (days with no row of their own) with the year
    wrong, located on `book` (the read kpi.xlsx): in the first days of a year, 2026-01-02 typed for
    2027-01-02 by habit, or 2027-12-30 where late December's "12-30" was typed in January (Excel gives it
    this year). Such a row counts in no report of its day, and the day falls back on its orders. A row
    is one when dated a year off and sitting on the sheet next to a row within a week of the day meant:
    a shop's own 2026-01-02 of a year ago lies among the rows of January 2026, never beside these."""
    if not lacking:
        return []
    rows = sorted((r for r in book.rows(DailyKpi) if r.date is not None), key=lambda r: r.row)
    at_row = {r.date: k for k, r in enumerate(rows)}  # (a date typed twice: days_twice stops on it)
    out = []
    for day in sorted(lacking):
        for off in (-1, 1):
            k = at_row.get(years_on(day, off))
            near = [] if k is None else [x.date for x in rows[max(k - 1, 0):k] + rows[k + 1:k + 2]
                                         if abs((x.date - day).days) <= 7]
            if near:
                r = rows[k]
                out.append(at(r, "date", "warning",
                              f"日期“{r.date}”和它上下的行（{'、'.join(map(str, near))}）差了一年：是不是 {day} 的年份写错了？"
                              f"{day} 现在没有日报的行（报表里取自订单，没有流量），{r.date} 的这一行不算在任何一天里。改正年份后再运行一次。",
                              f"The date '{r.date}' is a year off the rows around it ({', '.join(map(str, near))}): is it "
                              f"{day} with the year mistyped? {day} has no Daily row now (reports take it from the orders, "
                              f"no traffic), and this row counts on no day. Correct the year and run again."))
    return book.locate(out)


# an English shop's words for them, typed on Targets as it says them (Conversion rate, Average order value); not
# among the names a Chinese shop is told to use
METRIC_WORDS_EN = {"conversion rate": "conversion", "cvr": "conversion", "average order value": "aov",
                   "gmv": "sales", "revenue": "sales"}


def metric_key(name: str) -> str | None:
    """A 目标 row's metric as the 日报 column it means: 支付订单数, Orders and orders are
    one metric; None for a name that is none of them."""
    n = name.strip()
    low = " ".join(n.lower().replace("_", " ").split())
    key = METRIC_NAMES.get(n) or METRIC_NAMES.get(n.lower()) or METRIC_WORDS_EN.get(low) or low.replace(" ", "_")
    return key if key in METRICS else None


SCORE_METRICS = frozenset({"dsr", *DSR_PARTS})  # scored 0–5: a target of 48 is no DSR target


def target_ok(key: str, value: Decimal) -> bool:
    """A percentage target must be one: 2 for 转化率 is 200 %, surely meant as 2 %. A DSR target is a score,
    0–5: 48 (4.8 with its point left out) judged every day under it."""
    if key in SCORE_METRICS:
        return 0 <= value <= 5
    return key not in PERCENT_METRICS or 0 <= value <= 1


# DOMAIN ("Daily KPI"): 30 orders a day "after the second month". shopbook's default orders target
# judges a shop from its third month on (its figures' first day, shop_start, two months on); a target
# the shop typed on 目标 judges it from that row's 起始日期, day one or not
NEW_SHOP_MONTHS = 2
NEW_SHOP_SPARED = frozenset({"orders"})


def shop_start(days: list[Day]) -> dt.date | None:
    """The shop's first day with figures (days_from's): its first 日报 row, or an earlier day of paid
    orders 日报 lacks (a shop that typed 日报 only once it took up shopbook opened with its first
    order). None with no figures yet."""
    return min((d.date for d in days), default=None)


def default_judged_from(began: dt.date) -> dt.date:
    """The day shopbook's default orders target first judges a shop whose figures began on `began`:
    its third month's first day (the same day of the month two months on, or that month's last)."""
    m = began.month - 1 + NEW_SHOP_MONTHS
    y, m = began.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(began.day, calendar.monthrange(y, m)[1]))


@dataclass(frozen=True)
class TargetsOn:
    """Which target judges each metric on a day (targets_in_force)."""
    targets: dict[str, Decimal]  # judged on the day: the shop's, else shopbook's default
    defaults: frozenset[str]  # of them, shopbook's defaults (a report marks them （默认）)
    spared: frozenset[str]  # defaults a new shop is not judged by yet: no target that day
    judged_from: dt.date | None = None  # the day the spared ones start judging


def targets_in_force(targets: list[Target], date: dt.date, began: dt.date | None = None) -> TargetsOn:
    """The one rule every report judges a day by: the 目标 sheet's target in force on `date`
    (typed_targets_on), else shopbook's default (DEFAULT_TARGETS), except the default orders target
    in a new shop's first two months (`began`: shop_start; None when not known, judged as ever)."""
    typed = typed_targets_on(targets, date)
    defaults = DEFAULT_TARGETS.keys() - typed.keys()
    judged_from = default_judged_from(began) if began is not None else None
    spared = defaults & NEW_SHOP_SPARED if judged_from is not None and date < judged_from else set()
    defaults -= spared
    return TargetsOn({**{k: v for k, v in DEFAULT_TARGETS.items() if k in defaults}, **typed}, frozenset(defaults),
                     frozenset(spared), judged_from if spared else None)


def targets_on(targets: list[Target], date: dt.date, began: dt.date | None = None) -> dict[str, Decimal]:
    """The target of each metric judged on `date` (targets_in_force)."""
    return targets_in_force(targets, date, began).targets


def default_targets_on(targets: list[Target], date: dt.date, began: dt.date | None = None) -> set[str]:
    """The metrics judged on `date` by shopbook's default, no row of 目标 setting one."""
    return set(targets_in_force(targets, date, began).defaults)


def typed_targets_on(targets: list[Target], date: dt.date) -> dict[str, Decimal]:
    """The target of each metric the 目标 sheet sets on `date` (the latest 起始日期 not after it).
    Rows validation reports (an unknown metric, a percentage over 100 %) are passed over."""
    out: dict[str, Decimal] = {}
    chosen: dict[str, dt.date] = {}
    for t in targets:
        key = metric_key(t.metric)
        if key is None or not target_ok(key, t.target):
            continue
        start = t.start or dt.date.min
        if start <= date and (key not in chosen or start >= chosen[key]):
            chosen[key] = start
            out[key] = t.target
    return out


def blank_targets(kw) -> list:
    """The warnings at 目标 rows typed with no 目标值 (kpi.xlsx read as `kw`), the errors at 目标 rows with
    a cell that does not read (targets_read), and at rows that read but typed_targets_on passes over (a metric
    it does not know, 访客 for 访客数; a percentage over 100 %, 2.5 typed for 转化率's 2.5 %; a DSR over 5): rows
    the reports pass over, said beside their figures (before, the last were said by validate alone, and the
    reviews judged the metric by shopbook's default (默认) with no word of the row typed)."""
    from ..validate.rules import check_targets

    sd = kw.sheets.get(Target)
    out = [i for i in (sd.issues if sd else []) if (not i.is_error and i.field == "target") or (i.is_error and i.row)]
    passed = {t.row for t in targets_read(kw) if (key := metric_key(t.metric)) is None or not target_ok(key, t.target)}
    return out + kw.locate([i for i in check_targets(targets_read(kw)) if i.is_error and i.row in passed]) if passed else out


def targets_read(kw) -> list[Target]:
    """目标's rows of `kw` (kpi.xlsx read) that read whole. A row with a cell that does not is passed over:
    its 起始日期 typed 12月3日 (no year) read blank made its target judge every day of the month, before the
    change too (said by blank_targets)."""
    sd = kw.sheets.get(Target)
    bad = {i.row for i in (sd.issues if sd else []) if i.is_error and i.row}
    return [t for t in kw.rows(Target) if t.row not in bad] if bad else kw.rows(Target)


def values_before(days: list[Day], i: int, metric: str, n: int) -> list[Decimal]:
    """`metric` on the n calendar days before days[i] that have it (a day missing from 日报 does
    not pull an older day into the window): fewer than n in a shop's first days, or with gaps."""
    since = days[i].date - dt.timedelta(days=n)
    j = i
    while j > 0 and days[j - 1].date >= since:
        j -= 1
    vals = [days[k].value(metric) for k in range(j, i)]
    return [Decimal(v) for v in vals if v is not None]


def median_before(days: list[Day], i: int, metric: str, n: int) -> Decimal | None:
    """Median of values_before: over the days that have the metric, however few."""
    vals = values_before(days, i, metric, n)
    return Decimal(statistics.median(vals)) if vals else None


@dataclass
class DayReport:
    day: Day
    targets: dict[str, Decimal]
    median7: dict[str, Decimal | None]
    median30: dict[str, Decimal | None]
    anomalies: list[tuple[str, Decimal, Decimal]] = field(default_factory=list)  # (metric, value, 7-day median)
    # the days each median7 is over: fewer than 7 in a shop's first week or where 日报 has gaps,
    # which its label must say (a "7-day median" of 2 days is no such thing)
    median7_days: dict[str, int] = field(default_factory=dict)
    defaults: set[str] = field(default_factory=set)  # metrics whose target is the default, not the shop's
    # defaults a new shop is not judged by yet (targets_in_force), and the day they start: said beside the figures
    spared: set[str] = field(default_factory=set)
    judged_from: dt.date | None = None
    began: dt.date | None = None  # the shop's first day with figures (shop_start)
    drop: Decimal = Decimal("0.3")  # how far under (WATCHED_RISE: over) its 7-day median a figure is an anomaly ([kpi] anomaly_drop)

    @property
    def unjudged(self) -> int | None:
        """How many of the 7 days before have figures, where too few to judge a fall by
        (ANOMALY_MIN_DAYS); None where anomalies were judged."""
        n = max((self.median7_days.get(m, 0) for m in WATCHED + WATCHED_RISE if self.day.value(m) is not None),
                default=0)
        return n if n < ANOMALY_MIN_DAYS else None

    def vs_target(self, metric: str) -> Decimal | None:
        v, t = self.day.value(metric), self.targets.get(metric)
        return None if v is None or t is None else Decimal(v) - t

    def to_json(self) -> dict:
        d = self.day
        metrics = {m: d.value(m) for m in ("visitors", "buyers", "orders", "sales", "units", "conversion", "aov",
                                           "dsr", "positive_rate", "ad_spend")}
        return {"date": d.date.isoformat(), "from_orders": d.from_orders, "conversion_basis": d.conversion_basis,
                "metrics": {k: (str(v) if v is not None else None) for k, v in metrics.items()},
                "targets": {k: str(v) for k, v in self.targets.items()},
                "default_targets": sorted(self.defaults),
                "spared_targets": sorted(self.spared),
                "default_targets_from": self.judged_from.isoformat() if self.judged_from else None,
                "median7": {k: (str(v) if v is not None else None) for k, v in self.median7.items()},
                "median7_days": dict(self.median7_days),
                "anomalies": [{"metric": m, "value": str(v), "median7": str(md)} for m, v, md in self.anomalies]}


def day_report(days: list[Day], date: dt.date, targets: list[Target], drop: Decimal = Decimal("0.3")) -> DayReport | None:
    idx = next((i for i, d in enumerate(days) if d.date == date), None)
    if idx is None:
        return None
    day = days[idx]
    week = {m: values_before(days, idx, m, 7) for m in WATCHED + WATCHED_RISE}
    m7 = {m: Decimal(statistics.median(v)) if v else None for m, v in week.items()}
    m30 = {m: median_before(days, idx, m, 30) for m in WATCHED + WATCHED_RISE}
    on = targets_in_force(targets, date, began := shop_start(days))
    rep = DayReport(day, on.targets, m7, m30, median7_days={m: len(v) for m, v in week.items()},
                    defaults=set(on.defaults), spared=set(on.spared), judged_from=on.judged_from, began=began,
                    drop=drop)
    for m in WATCHED + WATCHED_RISE:
        v, med = day.value(m), m7[m]
        if v is None or not med or len(week[m]) < ANOMALY_MIN_DAYS:
            continue
        if Decimal(v) > med * (1 + drop) if m in WATCHED_RISE else Decimal(v) < med * (1 - drop):
            rep.anomalies.append((m, Decimal(v), med))
    return rep


@dataclass
class Rollup:
    label: str
    days: int
    visitors: int
    buyers: int | None
    orders: int
    sales: Decimal
    units: int
    ad_spend: Decimal
    traffic_orders: int = 0  # orders on days that have visitor figures: the base of an orders-based conversion
    traffic_sales: Decimal = ZERO  # sales on those days: what the buyers there paid

    @property
    def conversion(self) -> Decimal | None:
        return conversion_of(self.visitors, self.buyers, self.traffic_orders)

    @property
    def roi(self) -> Decimal | None:
        return (self.sales / self.ad_spend).quantize(Decimal("0.01"), ROUND_HALF_UP) if self.ad_spend else None

    @property
    def aov(self) -> Decimal | None:
        # sales ÷ buyers where every day has its buyers figure, as 生意参谋; sales ÷ orders otherwise
        if self.buyers and self.traffic_orders == self.orders:
            return aov_of(self.traffic_sales, self.buyers)
        return aov_of(self.sales, self.orders)

    def to_json(self) -> dict:
        return {"period": self.label, "days": self.days, "visitors": self.visitors, "buyers": self.buyers,
                "orders": self.orders, "sales": str(self.sales), "units": self.units, "ad_spend": str(self.ad_spend),
                "conversion": str(self.conversion) if self.conversion is not None else None,
                "aov": str(self.aov) if self.aov is not None else None}


def rollup(days: list[Day], key) -> list[Rollup]:
    """Sums by period (key(date) → label); ratios re-derived from the sums."""
    groups: dict[str, list[Day]] = defaultdict(list)
    for d in days:
        groups[key(d.date)].append(d)
    out = []
    for label in sorted(groups):
        ds = groups[label]
        traffic = [d for d in ds if d.visitors is not None]
        buyers = None if any(d.buyers is None for d in traffic) or not traffic else sum(d.buyers for d in traffic)
        out.append(Rollup(label, len(ds), sum(d.visitors or 0 for d in traffic), buyers, sum(d.orders for d in ds),
                          sum((d.sales for d in ds), ZERO), sum(d.units or 0 for d in ds),
                          sum((d.ad_spend or ZERO for d in ds), ZERO), sum(d.orders for d in traffic),
                          sum((d.sales for d in traffic), ZERO)))
    return out


def week_key(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def month_key(d: dt.date) -> str:
    return f"{d:%Y-%m}"


# the figures the seeds hold the shop's service to, each day against its target (同时保证好评率在98.5%以上;
# 宝贝评分都能做到4.8以上): the month's review (月度考核表) says the days under it, which its orders table does not
SCORES = ("positive_rate", "dsr", "dsr_description", "dsr_logistics", "dsr_service")


@dataclass
class ScoreCheck:
    """One of SCORES over a period's days (scores_against_targets)."""
    metric: str
    days: int  # days with a figure
    lowest: Decimal
    lowest_on: dt.date
    target: Decimal | None  # the target of its last day with a figure (a target raised mid-month: the new one)
    default: bool  # that target is shopbook's default, no 目标 row setting one
    below: list[tuple[dt.date, Decimal, Decimal]] = field(default_factory=list)  # (day, figure, its target)


def scores_against_targets(days: list[Day], targets: list[Target], began: dt.date | None = None,
                           metrics: tuple[str, ...] = SCORES) -> list[ScoreCheck]:
    """Each of `metrics` (SCORES; a floor each: HIGHER_IS_BETTER) with a figure on some of `days`, every day judged
    by its own target (targets_in_force, as the daily report judges it, and as both are shown: as_shown): its
    lowest, and the days under the target."""
    out = []
    for m in metrics:
        had = [(d.date, Decimal(v)) for d in days if (v := d.value(m)) is not None]
        if not had:
            continue
        low_on, low = min(had, key=lambda x: (x[1], x[0]))
        check = ScoreCheck(m, len(had), low, low_on, None, False)
        for date, v in had:
            on = targets_in_force(targets, date, began)
            t = on.targets.get(m)
            check.target, check.default = t, m in on.defaults
            if t is not None and as_shown(m, v) < as_shown(m, t):
                check.below.append((date, v, t))
        out.append(check)
    return out
