"""The daily report (数据日报): one screen of what matters this morning, detail
sheets behind it, charts, and the e-mail that carries it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from jinja2 import Environment, PackageLoader

from ..io.cells import append, put
from ..io.files import write_atomic
from ..issues import en_count
from ..kpi.metrics import DSR_PARTS, MONEY_METRICS, PERCENT_METRICS, TWO_PLACE_METRICS, Day, DayReport, as_shown
from ..printout import on_a4_each
from . import chart_names, percent
from .widths import fit_columns

METRIC_LABELS = {
    "visitors": ("访客数", "Visitors"), "buyers": ("支付买家数", "Buyers"), "orders": ("支付订单数", "Orders"),
    "sales": ("销售额", "Sales"), "units": ("成交件数", "Units"), "conversion": ("转化率", "Conversion"),
    "aov": ("客单价", "AOV"), "dsr": ("DSR", "DSR"), "positive_rate": ("好评率", "Positive reviews"),
    "ad_spend": ("推广花费", "Ad spend"), "page_views": ("浏览量", "Page views"),
    "visit_depth": ("访问深度", "Visit depth"), "bounce_rate": ("首页跳失率", "Home-page bounce rate"),
    "roi": ("ROI（销售额÷推广花费）", "ROI (sales ÷ ad spend)"), "dsr_description": ("描述相符", "DSR description"),
    "dsr_logistics": ("物流服务", "DSR logistics"), "dsr_service": ("服务态度", "DSR service"),
}
SHOWN = ("visitors", "orders", "sales", "conversion", "aov", "units", "dsr", "positive_rate")
SHOWN_IF_FILLED = ("page_views", "visit_depth", "bounce_rate",  # shops that track them type them in
                   "ad_spend", "roi", "dsr_description", "dsr_logistics", "dsr_service")  # or import them (生意参谋)
TWO_PLACES = TWO_PLACE_METRICS
PERCENT = PERCENT_METRICS
MONEY = MONEY_METRICS


def number_format(metric: str) -> str:
    """The Excel number format that shows a metric as `fmt` does."""
    if metric in PERCENT:
        return "0.00%"
    if metric in MONEY:
        return '"¥"#,##0.00'
    if metric in TWO_PLACES:
        return "0.00"
    return "#,##0"


def fmt(metric: str, v) -> str:
    """A metric as the report's cell shows it under number_format(metric): rounded half up, as
    Excel rounds (Python's own formatting of a Decimal rounds half to even: 17 buyers of 800
    visitors, 0.02125, read 2.12 % in the e-mail beside 2.13 % in the workbook)."""
    if v is None:
        return "—"
    v = as_shown(metric, v)  # (then formatted: a Decimal of its places as it is)
    if metric in PERCENT:
        return percent(v)
    if metric in MONEY:
        return f"¥{v:,.2f}"
    if metric in TWO_PLACES:
        return f"{v:.2f}"
    return f"{v:,.0f}"


def arrow(v, ref, lang: str = "zh") -> str:
    if v is None or ref is None:
        return ""
    return "▲" if Decimal(v) > Decimal(ref) else ("▼" if Decimal(v) < Decimal(ref) else "＝" if lang == "zh" else "=")


@dataclass
class KpiRow:
    metric: str
    label: str
    value: str
    target: str
    vs_target: str
    median7: str
    vs_median: str
    anomaly: bool
    raw: Decimal | None
    raw_target: Decimal | None = None
    raw_median7: Decimal | None = None
    median_days: int = 7  # the days median7 is over (DayReport.median7_days)
    target_default: bool = False  # the target is shopbook's default, not the shop's: `target` says so


# beside a target the shop did not set (kpi.metrics.DEFAULT_TARGETS), and what to do about it
DEFAULT_MARK = ("（默认）", " (default)")
DEFAULT_NOTE = ("标“（默认）”的目标是 shopbook 的默认值，不是店铺设的：在 kpi.xlsx 的“目标”表加一行（指标、目标值）来设。",
                "Targets marked (default) are shopbook's defaults, not the shop's: set one with a row (metric, "
                "target) on the Targets sheet of kpi.xlsx.")
# after a new shop's note, which has just said how a row of 目标 is typed: not said twice
DEFAULT_SAME_WAY = ("标“（默认）”的目标是 shopbook 的默认值，不是店铺设的，也这样设。",
                    "Targets marked (default) are shopbook's defaults, not the shop's: set them the same way.")


def new_shop_said(spared, judged_from: dt.date, began: dt.date | None, lang: str) -> str:
    """Why a new shop's figures have no target beside them (kpi.metrics.targets_in_force: shopbook's
    default orders target starts in the shop's third month), and how to be judged now."""
    from ..kpi.metrics import DEFAULT_TARGETS

    zh = lang == "zh"
    what = ("、" if zh else ", ").join(f"{METRIC_LABELS[m][0 if zh else 1]} {fmt(m, DEFAULT_TARGETS[m])}"
                                      for m in sorted(spared))
    if zh:
        since = f"数据从 {began} 开始，" if began else ""
        return (f"新店前两个月不考核默认目标（{what}）：{since}从 {judged_from} 起（开店第三个月）按它考核。"
                "要现在就考核，在 kpi.xlsx 的“目标”表加一行（指标、目标值）设店铺自己的目标。")
    since = f"its figures begin on {began}, and " if began else ""
    return (f"A new shop is not judged by the default target ({what}) in its first two months: {since}the default "
            f"target starts in the shop's third month, on {judged_from}. To be judged now, set your own with a row "
            "(metric, target) on the Targets sheet of kpi.xlsx.")


@dataclass
class DailySummary:
    shop_name: str
    date: dt.date
    lang: str
    kpi: list[KpiRow] = field(default_factory=list)
    kpi_note: str = ""
    to_ship: int = 0
    to_review: int = 0  # 待审核 orders after the job
    review_missing: str = ""  # why the review did not run (or not in full), '' when it did
    held: list[tuple[str, str]] = field(default_factory=list)  # (order no, reasons)
    alerts: list[tuple[str, str, str, int, int]] = field(default_factory=list)  # (sku, name, why, available, reorder)
    alerts_note: str = ""  # a past day's: how its alerts were counted (stock.report.PAST_ALERTS_NOTE)
    # a past day's report (daily --date a week ago): the day it is made. Its orders to ship, held orders,
    # waiting list and supplies are as the workbooks stand now, and it has no self-check (past_note says so)
    now: dt.date | None = None
    to_call: list[tuple[str, str, str, str]] = field(default_factory=list)  # (customer, contact, sku, name)
    supplies: list[tuple[str, str, bool]] = field(default_factory=list)  # (name, days left, low)
    problems: list[str] = field(default_factory=list)  # steps that failed
    validation: tuple[int, int] = (0, 0)  # errors, warnings
    charts: dict[str, bytes] = field(default_factory=dict)
    history: list[Day] = field(default_factory=list)
    selfcheck: list | None = None  # report.selfcheck.CheckItem: the 自查 sheet and the e-mail's section
    # the report workbook was made: the e-mail's lists may stop at CUT and point at its sheets.
    # Without it (its step skipped or failed) there is no sheet to point at: the lists go whole
    workbook: bool = True
    # what the job did not read: "orders" (orders.xlsx: the orders to ship, the held ones), "stock" (the
    # stock alerts). Their counts are unknown, said as such: a 0 would tell the boss nothing is waiting
    unread: set = field(default_factory=set)
    # the day's agent lines counted at their agent's tier now, the tier they were ordered at on no record
    # (money.workflow.tiers_unknown): (where, what) each, all on a sheet of their own; the problems and the KPI
    # step say the first CUT and how many more (tier_lines: a big agent's day flooded the e-mail, line after line)
    tier_unknown: list[tuple[str, str]] = field(default_factory=list)

    CUT = 10  # lines of each list on the first page; the rest are on the list's own sheet

    @property
    def no_workbook(self) -> str:
        """Among the e-mail's problems when the workbook was not made (nothing attached), else ''."""
        if self.workbook:
            return ""
        return self.t("日报工作簿没有生成，邮件没有附件：上面的清单都是完整的。",
                      "The daily report workbook was not made, so nothing is attached: the lists above are complete.")

    @property
    def validation_line(self) -> str:
        """The e-mail's line on validation errors (validate lists each)."""
        n = self.validation[0]
        return self.t(f"校验：{n} 个错误（shopbook validate）", f"Validation: {en_count(n, 'error')} (shopbook validate)")

    @property
    def cut(self) -> int | None:
        """Where the e-mail's lists stop (None: whole, when there is no workbook to hold the rest)."""
        return self.CUT if self.workbook else None

    def t(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    # a zh line's punctuation full-width, an English one's ASCII (the e-mail's templates)
    @property
    def colon(self) -> str:
        return self.t("：", ": ")

    @property
    def comma(self) -> str:
        return self.t("，", ", ")

    @property
    def lp(self) -> str:  # (the English lines' "  (" beside a figure: s.t in the template)
        return self.t("（", " (")

    @property
    def rp(self) -> str:
        return self.t("）", ")")

    def sheet(self, what: str) -> str:
        """The report sheet that holds the whole of a list."""
        return {"held": self.t("挂起订单", "Held orders"), "alerts": self.t("库存预警", "Stock alerts"),
                "to_call": self.t("缺货登记待通知", "Waiting list"),
                "tier_unknown": self.t("代理订单按现等级计", "Agent lines at tier now")}[what]

    def tier_lines(self, cut: bool = True) -> list[str]:
        """tier_unknown as the KPI step and the problems say it: the first CUT and how many more, on which sheet of
        the daily report workbook (`cut` False, or no workbook made: all of them, nothing else holds them)."""
        from ..issues import first

        lines = [("", f"{w}{self.colon}{m}", f"{w}{self.colon}{m}") for w, m in self.tier_unknown]
        lines = first(lines, self.CUT if cut and self.workbook else None,
                      ("行代理订单按现在的等级计", "more agent order lines at the tier now"),
                      (f"都在日报工作簿的“{self.sheet('tier_unknown')}”表",
                       f"all on the '{self.sheet('tier_unknown')}' sheet of the daily report workbook"))
        return [self.t(zh, en).strip() for _, zh, en in lines]

    def more(self, what: str) -> str:
        """'… 5 more: sheet Held orders of the daily report', or '' when the list is not cut."""
        n = len(getattr(self, what)) - self.CUT
        if n <= 0 or not self.workbook:
            return ""
        return self.t(f"… 还有 {n} 条，全部见日报工作簿的“{self.sheet(what)}”表",
                      f"… {n} more: all of them on the '{self.sheet(what)}' sheet of the daily report workbook")

    def selfcheck_summary(self) -> list:
        """Per role: (role, how many, the first CUT items, '… N more: sheet 自查')."""
        from .selfcheck import by_role

        items = self.selfcheck or []
        return by_role(items, self.lang, self.CUT if self.workbook else len(items))

    UNREAD = {"to_ship": "orders", "held": "orders", "alerts": "stock"}

    def count(self, what: str) -> str:
        """How many orders to ship, held orders, stock alerts: the number, or where its workbook did
        not read that it is not known (the 问题 below say why)."""
        if self.UNREAD.get(what) in self.unread:
            return self.t("不知道（没有读出，见“问题”）", "not known (did not read: see Problems)")
        v = getattr(self, what)
        return f"{v if isinstance(v, int) else len(v):,}"

    @property
    def past_note(self) -> str:
        """A past day's report: which of its lists are as things stand now, not as on its day, and why
        it has no self-check ('' for yesterday's): the workbooks keep where each order, case and count
        stands, not where it stood, so that day's morning cannot be told."""
        if self.now is None:
            return ""
        from .selfcheck import button

        return self.t(f"过去的日期：待发货和挂起订单、缺货登记待通知和耗材是现在（{self.now}）的，工作簿只记着现在的状态，"
                      f"看不出 {self.date} 那天的；所以也没有自查。今天要做的事：shopbook selfcheck 店铺"
                      + button("zh", "btnSelfCheck"),
                      f"A past day: orders to ship, held orders, the waiting list to call and supplies are as things "
                      f"stand now ({self.now}); the workbooks keep only their present state, not {self.date}'s, so "
                      "there is no self-check either. Today's to-do: shopbook selfcheck SHOP" + button("en", "btnSelfCheck"))

    @property
    def supplies_head(self) -> str:
        """The supplies' heading, saying what a ! beside one means where one has it: the only ! the e-mail
        explained was the KPI note's ('标 ! 的 ROI 比中位数低 30%'), just above '面单：3.3 !'."""
        if not any(low for _, _, low in self.supplies):
            return self.t("耗材（可用天数）", "Supplies (days left)")
        return self.t("耗材（可用天数；! 快用完了：不到它的预警天数，或已经没有了）",
                      "Supplies (days left; ! running out: under its alert days, or none left)")

    @property
    def ship_note(self) -> str:
        """Beside the orders to ship when orders still wait for review: without the review the
        count is not the day's, and a bare 0 would say there is nothing to send out."""
        n = self.to_review
        if not n:
            return ""
        if self.review_missing:
            return self.t(f"审单没有运行（{self.review_missing}）：{n} 个待审核订单不在其中",
                          f"the order review did not run ({self.review_missing}): "
                          f"{en_count(n, 'order')} waiting for review not counted")
        return self.t(f"另有 {n} 个订单待审核", f"{en_count(n, 'more order')} waiting for review")

    def median_label(self, k: KpiRow | None = None) -> str:
        """'7日中位数', or over the days there were ('3日中位数' in a shop's first days): of row `k`,
        or the column's head, over the most days a row's median has (a row over fewer says its own,
        median_cell)."""
        n = k.median_days if k is not None else max((r.median_days for r in self.kpi if r.median7), default=7)
        return self.t(f"{n}日中位数", f"{n}-day median")

    def median_cell(self, k: KpiRow) -> str:
        """Row `k`'s median under the column's head: with its own days where fewer than the head's."""
        if not k.median7 or k.median_days == max(r.median_days for r in self.kpi if r.median7):
            return k.median7
        return self.t(f"{k.median7}（{k.median_days}日）", f"{k.median7} ({en_count(k.median_days, 'day')})")

    @property
    def day_label(self) -> str:
        """The value column's head: the report's day (not always yesterday: --date)."""
        return f"{self.date:%m-%d}"

    @property
    def title(self) -> str:
        return self.t(f"{self.shop_name} 数据日报 {self.date:%Y-%m-%d}", f"{self.shop_name} daily report {self.date:%Y-%m-%d}")


# a day 日报 lacks, its figures from the orders (zh, en); and the same where its row is there, unreadable
FROM_ORDERS = ("这一天日报里没有，订单数、件数和销售额取自订单表；没有流量数据。",
               "Not in the Daily sheet: orders, units and sales come from the orders workbook; no traffic figures.",
               "订单数、件数和销售额取自订单表；没有流量数据。",
               "Orders, units and sales come from the orders workbook; no traffic figures.")


def kpi_rows(rep: DayReport | None, lang: str) -> tuple[list[KpiRow], str]:
    if rep is None:
        return [], ("日报里没有这一天。" if lang == "zh" else "The Daily sheet has no row for this day.")
    out = []
    anomalies = {m for m, _, _ in rep.anomalies}
    # the overall DSR left blank where the three scores are there (生意参谋 gives only those, each judged
    # against its own target): a row of '—' and a target nothing can meet says nothing
    parts = any(rep.day.value(m) is not None for m in DSR_PARTS)
    # the buyers the conversion and AOV are of (生意参谋's: ÷ buyers), beside the orders, where 日报 has them:
    # 44 buyers of 45 orders over 1,705 visitors read 2.58 %, which the 45 and 1,705 shown do not make
    metrics = SHOWN[:2] + (("buyers",) if rep.day.buyers is not None else ()) + SHOWN[2:]
    for m in metrics + tuple(m for m in SHOWN_IF_FILLED if rep.day.value(m) is not None):
        v = rep.day.value(m)
        if m == "dsr" and v is None and parts:
            continue
        t = rep.targets.get(m)
        med = rep.median7.get(m) if m in rep.median7 else None
        n = rep.median7_days.get(m, 7)
        default = t is not None and m in rep.defaults
        shown = fmt(m, t) + DEFAULT_MARK[lang != "zh"] if default else fmt(m, t) if t is not None else ""
        sv = as_shown(m, v) if v is not None else None  # (judged as shown: as_shown)
        out.append(KpiRow(m, METRIC_LABELS[m][0 if lang == "zh" else 1], fmt(m, v), shown,
                          arrow(sv, as_shown(m, t), lang) if t is not None else "", fmt(m, med) if med is not None else "",
                          arrow(sv, as_shown(m, med), lang) if med is not None else "", m in anomalies, Decimal(v) if v is not None else None,
                          Decimal(t) if t is not None else None, Decimal(med) if med is not None else None, n,
                          default))
    note = DEFAULT_NOTE[lang != "zh"] if any(k.target_default for k in out) else ""
    if rep.judged_from is not None and any(k.metric in rep.spared for k in out):  # no target beside it: why
        note = DEFAULT_SAME_WAY[lang != "zh"] if note else ""
        note = (new_shop_said(rep.spared, rep.judged_from, rep.began, lang) + ("" if lang == "zh" else " ")
                + note).strip()
    gap = "" if lang == "zh" else " "  # between sentences: none after a Chinese 。
    if rep.unjudged is not None:  # no ! is no "nothing fell": too few days to tell
        note = unjudged_said(rep.unjudged, lang) + gap + note
    elif rep.anomalies:  # what the ! beside a figure (a red row) means: said nowhere else
        from ..kpi.metrics import WATCHED_RISE

        falls = [k.label for k in out if k.anomaly and k.metric not in WATCHED_RISE]
        rises = [k.label for k in out if k.anomaly and k.metric in WATCHED_RISE]
        by = percent(rep.drop, 0)
        if lang == "zh":
            said = "，".join(([f"{'、'.join(falls)}比中位数低 {by} 以上"] if falls else [])
                            + ([f"{'、'.join(rises)}比中位数高 {by} 以上"] if rises else []))
            note = f"标 ! 的{said}（异常），查一查原因。" + note
        else:
            said = "; ".join(([f"{', '.join(falls)}, over {by} under the median"] if falls else [])
                             + ([f"{', '.join(rises)}, over {by} above the median"] if rises else []))
            note = f"Marked !: {said} (an anomaly): worth a look. " + note
    if rep.day.from_orders:
        note = FROM_ORDERS[0 if lang == "zh" else 1] + gap + note
    elif rep.day.buyers is None:
        note = ("转化率按 支付订单数 ÷ 访客数 计算（没有支付买家数）。" if lang == "zh"
                else "Conversion is orders ÷ visitors (no buyers figure).") + gap + note
    return out, note.strip()


def unjudged_said(n: int, lang: str) -> str:
    """Why a day's figures carry no anomaly mark: `n` of the 7 days before have figures (DayReport.unjudged)."""
    from ..kpi.metrics import ANOMALY_MIN_DAYS

    if lang == "zh":
        return (f"前 7 天{'没有数据' if not n else f'只有 {n} 天有数据'}：至少要 {ANOMALY_MIN_DAYS} 天才判断异常"
                "（比中位数低很多）。")
    # (a shop's first day: "None of … has", never "No of … have")
    return (f"{'None' if not n else f'Only {n}'} of the 7 days before {'have' if n > 1 else 'has'} figures: anomalies "
            f"(a fall well under the median) are judged once {ANOMALY_MIN_DAYS} do.")


def chart_data(s: DailySummary, targets: dict[str, Decimal], rows: list | None = None,
               began: dt.date | None = None) -> dict:
    """What the e-mail's charts show, as JSON data (draw_charts may draw it in another process). `rows`, the
    目标 sheet's: where a target changed within the 30 days, each day's own, as the monthly review draws it
    (the day's target of 50 drawn over all 30 put the days of 40 orders under a target of 30 below it);
    `began`, the shop's first day (kpi.metrics.shop_start): a new shop's days spared the default, without it."""
    days = [d for d in s.history if (s.date - d.date).days < 30]  # 30 calendar days, gaps and all
    out = {"lang": s.lang, "day": s.date.isoformat(),
           "dates": [d.date.isoformat() for d in days], "orders": [d.orders for d in days],
           "conversion": [str(d.conversion) if d.conversion is not None else None for d in days],
           "targets": {k: str(targets[k]) for k in ("orders", "conversion") if k in targets},
           "defaults": [k.metric for k in s.kpi if k.target_default]}
    if rows is not None:
        from ..kpi.metrics import targets_on

        on = [targets_on(rows, d.date, began) for d in days]
        out["target_days"] = {k: [str(t[k]) if k in t else None for t in on] for k in ("orders", "conversion")
                              if len({t.get(k) for t in on}) > 1}  # (one target all along: its level line)
    return out


def draw_charts(data: dict) -> dict[str, bytes]:
    """chart_data's charts, as PNG bytes by name."""
    if not data["dates"]:
        return {}
    from . import charts  # matplotlib: only for a run that draws

    def t(zh: str, en: str) -> str:
        return zh if data["lang"] == "zh" else en

    dates = [dt.date.fromisoformat(d) for d in data["dates"]]
    targets = {k: Decimal(v) for k, v in data["targets"].items()}
    # the axis runs to the report's day: a report of 11-25 whose 日报 ended 11-21 drew its last point at the
    # axis's end, read as the day reported, and the four days without figures nowhere. It begins 30 days
    # back, or at the shop's first day shown (a week at least, charts.MIN_DAYS_SHOWN)
    day = dt.date.fromisoformat(data["day"]) if "day" in data else max(dates)
    first = max(day - dt.timedelta(days=29), min(dates))
    span = (min(first, day - dt.timedelta(days=charts.MIN_DAYS_SHOWN - 1)), day)

    def target(metric: str) -> str:  # the line's name: marked where the shop set no target
        return t("目标（默认）", "target (default)") if metric in data.get("defaults", ()) else t("目标", "target")

    def line(metric: str, scale: int = 1):  # each day's target where it changed, else the day's level
        if metric in data.get("target_days", {}):
            return [float(Decimal(v)) * scale if v is not None else None for v in data["target_days"][metric]]
        return float(targets[metric]) * scale if metric in targets else None

    out = {"orders": charts.trend_chart(t("近 30 天支付订单数", "Orders, last 30 days"), dates,
                                        {t("支付订单数", "Orders"): data["orders"]}, line("orders"), target("orders"),
                                        span=span)}
    conv = [float(Decimal(c)) * 100 if c is not None else None for c in data["conversion"]]
    if any(c is not None for c in conv):
        out["conversion"] = charts.trend_chart(t("近 30 天转化率（%）", "Conversion, last 30 days (%)"), dates,
                                               {t("转化率", "Conversion"): conv}, line("conversion", 100),
                                               target("conversion"), span=span)
    return out


class ChartDrawer:
    """The daily e-mail's charts drawn by a copy of the job forked as the job starts, while the
    job is small (io.background.Standby): it loads matplotlib once `begin()` says the job's reads
    are over (loaded beside them, its import took CPU the reads had better keep), and draws once
    `draw()` gives it the figures, while the report's workbook and self-check are made; `result()`
    gives the PNGs. On the year shop matplotlib's import and two charts took ~0.14 s of `daily`'s
    path and the import ~40 MiB of its memory. Where no process can be forked, or the copy fails,
    they are drawn here when asked for. `close()` ends a copy never asked."""

    def __init__(self):
        from ..io.background import Standby

        self._copy = Standby(_drawn_as_text, prepare=_load_charts, prepare_when_told=True)
        self._asked = False

    def begin(self) -> None:
        """The job's reads are over: the copy loads matplotlib now."""
        self._copy.prepare_now()

    def draw(self, s: DailySummary, targets: dict[str, Decimal], rows: list | None = None,
             began: dt.date | None = None) -> None:
        self._copy.send(chart_data(s, targets, rows, began))
        self._asked = True

    def result(self) -> dict[str, bytes]:
        """The charts drawn; none when draw() was not called (the KPI step failed before it)."""
        if not self._asked:
            self.close()
            return {}
        import base64

        return {name: base64.b64decode(png) for name, png in self._copy.result().items()}

    def close(self) -> None:
        self._copy.close()

    @property
    def apart(self) -> bool:
        """Whether a copy draws them (else matplotlib loads here)."""
        return self._copy.pid is not None


def _load_charts() -> None:
    from . import charts

    import matplotlib.pyplot  # noqa: F401

    charts.cjk_font()


def _drawn_as_text(data: dict) -> dict[str, str]:
    """draw_charts's PNGs in base64: a copy sends its result as JSON."""
    import base64

    return {name: base64.b64encode(png).decode("ascii") for name, png in draw_charts(data).items()}


def write_daily_workbook(path: Path, s: DailySummary) -> Path:
    """摘要 (one screen: figures as numbers with their formats, each list cut at CUT with
    how many more and where), the detail sheets with whole lists, and native Excel line
    charts over the 日报明细 figures (the e-mail carries the same charts as pictures)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = s.t("摘要", "Summary")
    bold = Font(bold=True)
    grey = Font(italic=True, color="808080")
    red = PatternFill("solid", fgColor="F8CBAD")
    put(ws, 1, 1, s.title).font = Font(bold=True, size=15)
    r = 3
    heads = [s.t("指标", "Metric"), s.day_label, s.t("目标", "Target"), "", s.median_label(), ""]
    for j, h in enumerate(heads, start=1):
        put(ws, r, j, h).font = bold
    for k in s.kpi:
        r += 1
        numbers = [k.raw, k.raw_target, k.raw_median7]
        for j, v in enumerate([k.label, *numbers[:2], k.vs_target, numbers[2], k.vs_median], start=1):
            if isinstance(v, Decimal):  # a number Excel can sum and chart, shown as the e-mail shows it
                c = ws.cell(r, j, float(v))
                c.number_format = number_format(k.metric)
                if j == 3 and k.target_default:  # still a number, shown marked
                    c.number_format += f'"{DEFAULT_MARK[s.lang != "zh"]}"'
            else:  # the ! the note below speaks of, after the fall it marks (the red row alone shows none)
                c = put(ws, r, j, f"{v} !".strip() if j == 6 and k.anomaly else v)
            if k.anomaly:
                c.fill = red
        if s.median_cell(k) != k.median7:  # over fewer days than the column's head says
            put(ws, r, 7, s.median_label(k)).font = grey
    note, problems = s.kpi_note, s.problems  # (a KPI problem is said once, in the note: report.workflow.run_daily)
    if note:
        r += 1
        put(ws, r, 1, note)
    r += 2
    if s.past_note:  # the lists below are today's, not the report day's
        put(ws, r, 1, s.past_note).font = grey
        r += 1
    put(ws, r, 1, s.t("待发货订单", "Orders to ship")).font = bold
    if "orders" in s.unread:
        put(ws, r, 2, s.count("to_ship"))
    else:
        ws.cell(r, 2, s.to_ship).number_format = "#,##0"
    if s.ship_note:
        put(ws, r, 3, s.ship_note)
    sections = [
        (s.t(f"挂起订单（{s.count('held')}）", f"Held orders ({s.count('held')})"), [[a, b] for a, b in s.held[:s.CUT]],
         "held"),
        (s.t(f"库存预警（{s.count('alerts')}）", f"Stock alerts ({s.count('alerts')})"),
         [[f"{a} {n}".strip(), b, c, d] for a, n, b, c, d in s.alerts[:s.CUT]], "alerts"),
        (s.t(f"缺货登记待通知（{len(s.to_call)}）", f"Waiting list to call ({len(s.to_call)})"),
         [[a, b, f"{c} {n}".strip()] for a, b, c, n in s.to_call[:s.CUT]], "to_call"),
    ]
    if s.supplies:  # (none typed, or stock.xlsx unread: a heading over nothing, as the e-mail leaves it out)
        sections.append((s.supplies_head,
                         [[a, _days(b), "!" if low else ""] for a, b, low in s.supplies], ""))
    for title, rows, what in sections:
        r += 2
        put(ws, r, 1, title).font = bold
        if what == "alerts" and s.alerts_note:
            r += 1
            put(ws, r, 1, s.alerts_note).font = grey
        if what == "alerts" and rows:
            r += 1
            for j, h in enumerate((s.t("商品", "Item"), s.t("原因", "Why"), s.t("可用", "Available"),
                                   s.t("建议补货", "Reorder")), start=1):
                put(ws, r, j, h).font = grey
        for row in rows:
            r += 1
            for j, v in enumerate(row, start=1):
                if isinstance(v, int) and not isinstance(v, bool):
                    ws.cell(r, j, v).number_format = "#,##0"
                elif isinstance(v, float):  # days of supplies left
                    ws.cell(r, j, v).number_format = "0.0"
                else:
                    put(ws, r, j, v)
        if what and s.more(what):
            r += 1
            put(ws, r, 1, s.more(what)).font = grey
    if problems or s.validation[0]:
        r += 2
        put(ws, r, 1, s.t("问题", "Problems")).font = bold
        if s.validation[0]:
            r += 1
            put(ws, r, 1, s.t(f"校验：{s.validation[0]} 个错误（shopbook validate 列出每一个）",
                              f"Validation: {en_count(s.validation[0], 'error')} (shopbook validate lists each)"))
        for p in problems:
            r += 1
            put(ws, r, 1, p)
    for letter, w in zip("ABCDEF", (26, 30, 14, 12, 14, 6)):
        ws.column_dimensions[letter].width = w
    detail = wb.create_sheet(s.t("日报明细", "Daily detail"))
    detail.append([s.t(x[0], x[1]) for x in (("日期", "Date"), ("访客数", "Visitors"), ("支付买家数", "Buyers"),
                                              ("支付订单数", "Orders"), ("销售额", "Sales"), ("成交件数", "Units"),
                                              ("转化率", "Conversion"), ("客单价", "AOV"), ("来源", "Source"))])
    shown = s.history[-60:]
    for d in shown:
        detail.append([d.date, d.visitors, d.buyers, d.orders, float(d.sales), d.units,
                       float(d.conversion) if d.conversion is not None else None,
                       float(d.aov) if d.aov is not None else None,
                       s.t("订单表", "orders") if d.from_orders else s.t("日报", "daily sheet")])
    for row in detail.iter_rows(min_row=2):
        row[0].number_format = "yyyy-mm-dd"
        row[4].number_format = row[7].number_format = "#,##0.00"
        row[6].number_format = "0.00%"
    _native_charts(ws, detail, s, shown)
    held = wb.create_sheet(s.sheet("held"))
    held.append([s.t("订单编号", "Order no"), s.t("原因", "Reasons")])
    for a, b in s.held:
        append(held, [a, b])
    alerts = wb.create_sheet(s.sheet("alerts"))
    alerts.append([s.t("商家编码", "SKU"), s.t("名称", "Name"), s.t("原因", "Why"), s.t("可用", "Available"),
                   s.t("建议补货", "Reorder")])
    for row in s.alerts:
        append(alerts, list(row))
    calls = wb.create_sheet(s.sheet("to_call"))
    calls.append([s.t("客户", "Customer"), s.t("联系方式", "Contact"), s.t("商家编码", "SKU"), s.t("名称", "Name")])
    for row in s.to_call:
        append(calls, list(row))
    if s.selfcheck is not None:
        from .selfcheck import sheet_rows

        check = wb.create_sheet(s.t("自查", "Self-check"))
        for row in sheet_rows(s.selfcheck, s.lang):
            append(check, row)
    if s.tier_unknown:  # the rest of the problems' cut list (tier_lines), each at its cell
        tiers = wb.create_sheet(s.sheet("tier_unknown"))
        tiers.append([s.t("位置", "Where"), s.t("说明", "What")])
        for row in s.tier_unknown:
            append(tiers, list(row))
    for sheet in wb.worksheets[1:]:
        sheet.freeze_panes = "A2"
        for c in sheet[1]:
            c.font = bold
        sheet.column_dimensions["A"].width = 20
        sheet.column_dimensions["B"].width = 30
    for sheet in wb.worksheets:  # (a header over its figures, a stock alert's reason beside its quantity: cut)
        fit_columns(sheet)
    on_a4_each(wb, s.lang)  # (printed without: 日报明细's sales and conversion on pages of their own)
    return write_atomic(path, lambda p: wb.save(p), keep_backup=False, report=True)


def _days(b: str):
    """Days of supplies left as a number where it is one ('—' when unknown)."""
    try:
        return float(Decimal(str(b)))
    except ArithmeticError:  # decimal.InvalidOperation
        return b


def _native_charts(ws, detail, s: DailySummary, shown: list[Day]) -> None:
    """Line charts Excel draws itself (and recalculates when the figures change) over the
    last 30 days of 日报明细: orders, and conversion where there is any."""
    from openpyxl.chart import LineChart, Reference

    days = [i for i, d in enumerate(shown) if (s.date - d.date).days < 30]
    if not days:
        return
    first, last = days[0] + 2, days[-1] + 2  # sheet rows (a header above)
    dates = Reference(detail, min_col=1, min_row=first, max_row=last)
    specs = [(4, s.t("近 30 天支付订单数", "Orders, last 30 days"), "#,##0")]
    if any(d.conversion is not None for d in shown):
        specs.append((7, s.t("近 30 天转化率", "Conversion, last 30 days"), "0.00%"))
    anchor = 3
    for col, title, fmt_ in specs:
        ch = LineChart()
        ch.title = title
        ch.height, ch.width = 7.5, 16
        ch.add_data(Reference(detail, min_col=col, min_row=first, max_row=last))
        ch.set_categories(dates)
        ch.y_axis.number_format = fmt_
        ch.x_axis.number_format = "mm-dd"
        ch.x_axis.delete = ch.y_axis.delete = False  # openpyxl 3.1 hides both axes unless told
        ch.legend = None
        ws.add_chart(ch, f"H{anchor}")
        anchor += 16


# HTML is escaped (a buyer's "<" stays text); the plain-text part is not, or "&" would read "&amp;"
_env = Environment(loader=PackageLoader("shopbook.report", "templates"),
                   autoescape=lambda name: bool(name) and name.endswith(".html.j2"))


def load_templates() -> None:
    """Compile the e-mail's templates ahead (the daily job's warm-up thread, while validation reads)."""
    for name in ("daily.html.j2", "daily.txt.j2"):
        _env.get_template(name)


def render_email(s: DailySummary) -> tuple[str, str]:
    """(html, plain text) of the daily e-mail."""
    html = _env.get_template("daily.html.j2").render(s=s, cids=chart_names(s.charts, s.lang))
    text = _env.get_template("daily.txt.j2").render(s=s)
    return html, text
