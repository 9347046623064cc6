"""Ads and promotions: did the ads pay, did the promotion work.

Ad spend per day comes from 日报's 推广花费 (生意参谋's ad columns, `shopbook kpi import`)
and from the ledger's advertising lines (categories of the 推广 group, or named as the
platforms name their tools: 直通车, 钻展, 淘宝客, 关键词推广, 精准人群推广, 全站推广 …). Where
日报 has the day's figure it is the one used (the platform's own), else the ledger's.
ROI = sales ÷ ad spend: 日报 carries no ad-attributed sales, so it is the whole shop's sales
per yuan of ads, and is labelled so.

A promotion review sets the promotion's days against the same number of days just before:
sales, orders, buyers, AOV (sales ÷ buyers, as 生意参谋), units, gifts given (the orders'
赠品 cells: what their packing notes promised) and their cost (商品 成本价), ad spend and ROI.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from ..issues import en_count
from ..money.ledger import as_sent
from ..schema import Category, Direction, Entry, OrderLine, OrderSource, OrderStatus, Product, Promotion
from ..values import money_exact_text
from . import percent

ZERO = Decimal(0)
DAYS_OF = ("days'", "day's")  # (2 days' figures, 1 day's)
AD_WORDS = ("直通车", "钻展", "钻石展位", "淘宝客", "关键词推广", "精准人群推广", "全站推广", "引力魔方", "万相台",
            "多多搜索", "多多场景", "巨量千川", "千川", "推广", "广告")


def is_ad_category(c: Category | None, name: str) -> bool:
    from ..money.ledger import group_of

    return (c is not None and group_of(c) == "advertising") or any(w in name for w in AD_WORDS)


def ledger_ad_spend(entries: list[Entry], categories: list[Category]) -> dict[dt.date, Decimal]:
    """Each day's advertising in the ledger (out less any refund of it)."""
    cats = {c.category: c for c in categories}
    out: dict[dt.date, Decimal] = defaultdict(Decimal)
    for e in entries:
        if is_ad_category(cats.get(e.category), e.category):
            out[e.date] += e.amount if e.direction is Direction.OUT else -e.amount
    return dict(out)


@dataclass
class AdDay:
    date: dt.date
    # None on a day of ad spend in the ledger alone, with no 日报 row and no order: a day without figures
    # (the review's missing days), whose sales are not known, not 0.00 at an ROI of 0.00
    sales: Decimal | None
    platform: Decimal | None  # 日报 推广花费
    ledger: Decimal | None

    @property
    def spend(self) -> Decimal | None:
        return self.platform if self.platform is not None else self.ledger

    @property
    def roi(self) -> Decimal | None:
        return roi_of(self.sales, self.spend) if self.sales is not None else None


def roi_of(sales: Decimal, spend: Decimal | None) -> Decimal | None:
    return (sales / spend).quantize(Decimal("0.01"), ROUND_HALF_UP) if spend else None


@dataclass
class AdSummary:
    days: list[AdDay]

    @property
    def spend(self) -> Decimal:
        return sum((d.spend or ZERO for d in self.days), ZERO)

    @property
    def sales(self) -> Decimal:
        return sum((d.sales for d in self.days if d.sales is not None), ZERO)

    def _both(self) -> list[AdDay]:
        """The days whose spend and sales are both known: what the ROI sets one against the other of."""
        return [d for d in self.days if d.spend is not None and d.sales is not None]

    @property
    def sales_with_spend(self) -> Decimal:
        """Sales of the days whose spend is known: what the spend is set against."""
        return sum((d.sales for d in self._both()), ZERO)

    @property
    def spend_with_sales(self) -> Decimal:
        """Spend of the days whose sales are known (a day without figures: its spend against no sales)."""
        return sum((d.spend for d in self._both()), ZERO)

    @property
    def roi(self) -> Decimal | None:
        return roi_of(self.sales_with_spend, self.spend_with_sales)

    @property
    def days_without_spend(self) -> int:
        return sum(1 for d in self.days if d.spend is None)

    @property
    def days_without_sales(self) -> int:
        return sum(1 for d in self.days if d.sales is None)

    def roi_basis(self, zh: bool) -> str:
        """Where some days have no spend, or spend and no figures, what the ROI is of: their sales or spend
        are in the totals beside it (75,002.50 ÷ 1,350.00 is 55.56, shown 28.89 with no word why); ""
        where every day has both."""
        n, m = self.days_without_spend, self.days_without_sales
        if not (n or m) or not self.spend:
            return ""
        have, both = len(self._both()), self.spend_with_sales
        if zh:
            return (f"ROI 只算有推广花费{'、也有销售数据' if m else ''}的 {have} 天：销售额 ¥{self.sales_with_spend:,.2f} ÷ "
                    f"推广花费 ¥{both:,.2f}" + (f"；另有 {n} 天日报和流水账都没有推广花费，它们的销售额不算" if n else "")
                    + (f"；另有 {m} 天没有销售数据（日报里没有，也没有订单），{'这一天' if m == 1 else '它们'}的推广花费 "
                       f"¥{self.spend - both:,.2f} 不算" if m else "") + "。")
        return (f"ROI counts only the {en_count(have, 'day')} with ad spend{' and sales figures' if m else ''}: sales "
                f"¥{self.sales_with_spend:,.2f} ÷ ad spend ¥{both:,.2f}"
                + (f"; {en_count(n, 'other day')} {'has' if n == 1 else 'have'} no ad spend in the Daily sheet or the "
                   "ledger, and their sales are left out" if n else "")
                + (f"; {en_count(m, 'other day')} {'has' if m == 1 else 'have'} no sales figures (no Daily row and no "
                   f"orders), and {'its' if m == 1 else 'their'} ad spend of ¥{self.spend - both:,.2f} is left out"
                   if m else "") + ".")

    def to_json(self) -> dict:
        roi = self.roi
        return {"spend": str(self.spend), "sales": str(self.sales), "roi": str(roi) if roi is not None else None,
                "sales_with_spend": str(self.sales_with_spend), "days_without_spend": self.days_without_spend,
                "spend_with_sales": str(self.spend_with_sales), "days_without_sales": self.days_without_sales,
                "roi_basis": "sales ÷ ad spend (whole shop)",
                "days": [{"date": d.date.isoformat(), "sales": str(d.sales) if d.sales is not None else None,
                          "platform": str(d.platform) if d.platform is not None else None,
                          "ledger": str(d.ledger) if d.ledger is not None else None,
                          "roi": str(d.roi) if d.roi is not None else None} for d in self.days]}


def ad_summary(days: list, entries: list[Entry], categories: list[Category], first: dt.date, last: dt.date
               ) -> AdSummary:
    """`days`: kpi.metrics.Day (日报, with days filled from the orders)."""
    ledger = ledger_ad_spend(entries, categories)
    by_day = {d.date: d for d in days}
    dates = sorted({d for d in by_day if first <= d <= last} | {d for d in ledger if first <= d <= last})
    return AdSummary([AdDay(d, by_day[d].sales if d in by_day else None, by_day[d].ad_spend if d in by_day else None,
                            ledger.get(d)) for d in dates])


# --- a promotion's review ----------------------------------------------------------

@dataclass
class Window:
    first: dt.date
    last: dt.date
    orders: int = 0
    buyers: int = 0
    sales: Decimal = ZERO
    units: int = 0
    gifts: Counter = field(default_factory=Counter)  # gift SKU → units given
    gift_cost: Decimal = ZERO
    gifts_unread: int = 0  # orders whose 赠品 cell does not read
    # orders with no 赠品 cell at all: unknown (the pick list writes 无 for none), never counted as none
    gifts_unknown: int = 0
    gifts_uncosted: int = 0  # gift units of a code the 商品 sheet lacks, or without a 成本价: not in gift_cost
    ad_spend: Decimal = ZERO
    # the sales of the days whose spend is known (日报 or the ledger), and how many days have none:
    # ROI sets the spend against those days' sales alone, as the monthly review's AdSummary does
    sales_with_spend: Decimal = ZERO
    days_without_spend: int = 0

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def gifts_known(self) -> bool:
        """Some order says what it was given (a gift, or 无): else the gift figures are unknown, not 0."""
        return self.gifts_unknown < self.orders

    @property
    def aov(self) -> Decimal | None:
        return (self.sales / self.buyers).quantize(Decimal("0.01"), ROUND_HALF_UP) if self.buyers else None

    @property
    def roi(self) -> Decimal | None:
        return roi_of(self.sales_with_spend, self.ad_spend)

    def to_json(self) -> dict:
        return {"from": self.first.isoformat(), "to": self.last.isoformat(), "days": self.days, "orders": self.orders,
                "sales_with_spend": str(self.sales_with_spend), "days_without_spend": self.days_without_spend,
                "buyers": self.buyers, "sales": str(self.sales), "aov": str(self.aov) if self.aov is not None else None,
                "units": self.units, "gifts": dict(self.gifts),
                "gift_cost": str(self.gift_cost) if self.gifts_known else None,
                "gifts_unread": self.gifts_unread, "gifts_unknown": self.gifts_unknown, "gifts_uncosted": self.gifts_uncosted, "ad_spend": str(self.ad_spend),
                "roi": str(self.roi) if self.roi is not None else None}


@dataclass
class PromotionReview:
    name: str
    kind: str
    during: Window
    before: Window
    # the day the orders end, when the promotion's days ran past it: both windows end there (days with
    # no orders counted as days of none would turn a better promotion into a worse one)
    data_end: dt.date | None = None
    # the shop's first day (its first order or 日报 row), where it falls after the days before began: those
    # days are partly or wholly of no shop, and a change against them would be a rise from nothing
    began: dt.date | None = None
    # the platform's big events (大促 rows) on the days before, as (name, first, last) within them: those
    # are no ordinary days, and a change against them is no change against the shop's usual trade
    events_before: list[tuple[str, dt.date, dt.date]] = field(default_factory=list)
    # the days of either window with neither a 日报 row nor an order (from the shop's first day): figures not
    # known, not none (as the monthly review's missing days); a change against them is no change
    missing: list[dt.date] = field(default_factory=list)
    # an agent's line of either window with a blank 单价 ordered before its 等级起始日期, the tier before on no
    # record: counted at the tier now, located at its 单价, as `ledger` says it (money.workflow.tiers_unknown)
    tier_unknown: list = field(default_factory=list)
    MISSING_SHOWN = 5

    def _missing_said(self, w: Window, zh_when: str, en_when: str, en_figures: str) -> tuple[str, str] | None:
        gone = [d for d in self.missing if w.first <= d <= w.last]
        if not gone:
            return None
        shown = [d.isoformat() for d in gone[:self.MISSING_SHOWN]]
        more = len(gone) - len(shown)
        of_them = "that day's" if len(gone) == 1 else "those days'"
        return ((f"{zh_when}的 {w.days} 天里有 {len(gone)} 天没有数据（日报里没有这一天的数据，也没有订单）："
                 + "、".join(shown) + (f" 等，还有 {more} 天" if more else "")
                 + f"。{zh_when}的数少了{(these := '这一天' if len(gone) == 1 else '这些天')}，变化不准：补上{these}的订单"
                 "（shopbook orders import）或日报（shopbook kpi import），再评估。"),
                (f"{en_count(len(gone), 'day')} of the {en_count(w.days, 'day')} {en_when} "
                 f"{'has' if len(gone) == 1 else 'have'} no figures (no Daily figures and no orders): "
                 + ", ".join(shown) + (f" and {more} more" if more else "")
                 + f". {en_figures} lack {'it' if len(gone) == 1 else 'them'}, so the change is not true: import "
                 f"{of_them} orders (shopbook orders import) or Daily figures "
                 "(shopbook kpi import), then review again."))

    def warnings(self) -> list[tuple[str, str]]:
        """What the figures leave out, for a person to weigh (zh, en)."""
        out = []
        for name, a, b in self.events_before:
            span = f"{a}" if a == b else f"{a}–{b}"
            out.append((f"之前的 {self.before.days} 天里有大促“{name}”（{span}）：它们不全是平常的日子，变化不等于比平常多（或少）了多少。"
                        if self.before.days > 1 else f"之前的 1 天是大促“{name}”（{span}）：不是平常的日子，变化不等于比平常多（或少）了多少。",
                        (f"The {self.before.days} days before hold the big event '{name}' ({span}): they are not all "
                         "ordinary days, so weigh the change accordingly." if self.before.days > 1 else
                         f"The day before is the big event '{name}' ({span}): not an ordinary day, so weigh the "
                         "change accordingly.")))
        if self.began is not None:
            b, n = self.before, min((self.began - self.before.first).days, self.before.days)
            out.append((f"店铺从 {self.began} 才有数据（第一笔订单或日报）：之前的 {b.days} 天"
                        + ("都在这之前，没有可比的数。" if n == b.days else f"里有 {n} 天在这之前，之前的数只有 {b.days - n} 天的；"
                                                                "没有算变化。"),
                        f"The shop's figures begin on {self.began} (its first order or Daily row): "
                        + ((f"the {b.days} days before all come earlier" if b.days > 1 else "the day before comes earlier")
                           + ", so there is nothing to compare with." if n == b.days else f"{n} of the {b.days} days before {'comes' if n == 1 else 'come'} earlier, "
                           "so the days before "
                           f"hold only {b.days - n} {DAYS_OF[b.days - n == 1]} figures; no change is worked out.")))
        if self.data_end is not None:
            out.append((f"订单只到 {self.data_end}：促销期只算到这一天（{self.during.days} 天），之前也取同样天数。",
                        f"The orders end on {self.data_end}: the promotion is counted to that day "
                        f"({en_count(self.during.days, 'day')}), and as many days before it."))
        for w, zh, en, figures in ((self.during, "促销期", "of the promotion", "The promotion's figures"),
                                   (self.before, "之前", "before it", "The figures before it")):
            if (said := self._missing_said(w, zh, en, figures)) is not None:
                out.append(said)
        for w, zh, en in ((self.during, "促销期", "the promotion's days"), (self.before, "之前", "the days before")):
            if w.gifts_unknown:
                out.append((f"{zh}有 {w.gifts_unknown:,} 个订单的赠品格是空的（拣货单没有写过，没有赠品时写“无”）："
                            + ("不知道送了什么，赠品和赠品成本没有算。" if not w.gifts_known else
                               "它们送了什么不知道，赠品和赠品成本里没有它们。"),
                            f"In {en}, {w.gifts_unknown:,} {'order' if w.gifts_unknown == 1 else 'orders'} {'has' if w.gifts_unknown == 1 else 'have'} "
                            "a blank gifts cell (the pick list never wrote it; it writes 'none' when there is none): "
                            + ("what was given is not known, so gifts and gift cost are not counted." if not w.gifts_known
                               else "what they were given is not known and is not in the gifts and gift cost.")))
            if w.gifts_unread:
                out.append((f"{zh}有 {w.gifts_unread:,} 个订单的赠品格读不出：它们的赠品没有计入（shopbook validate 指出是哪一格）。",
                            f"In {en}, " + ("1 order's gifts cell does" if w.gifts_unread == 1 else
                                            f"{w.gifts_unread:,} orders' gifts cells do")
                            + " not read: their gifts are not counted "
                            "(shopbook validate shows which)."))
            if w.ad_spend and w.days_without_spend:
                out.append((f"{zh}有 {w.days_without_spend} 天没有推广花费（日报和流水账都没有）：ROI 只算有花费的 "
                            f"{w.days - w.days_without_spend} 天的销售额（¥{w.sales_with_spend:,.2f}）。",
                            f"In {en}, {en_count(w.days_without_spend, 'day')} {'has' if w.days_without_spend == 1 else 'have'} no ad spend (neither the Daily sheet "
                            f"nor the ledger has it): ROI counts only the sales of the "
                            f"{en_count(w.days - w.days_without_spend, 'day')} with spend (¥{w.sales_with_spend:,.2f})."))
            if w.gifts_uncosted:
                out.append((f"{zh}有 {w.gifts_uncosted:,} 件赠品没有成本（编码不在商品表，或没有成本价）：赠品成本少算了。",
                            f"In {en}, {w.gifts_uncosted:,} {'gift unit has' if w.gifts_uncosted == 1 else 'gift units have'} "
                            "no cost (a code the products sheet lacks, "
                            "or no cost price): the gift cost is short."))
        out += [(f"{i.where('zh')}：{i.message_zh}", f"{i.where('en')}: {i.message_en}") for i in self.tier_unknown]
        return out

    def change(self, metric: str) -> Decimal | None:
        """The promotion's days against the days before, as a fraction (+0.25 = 25 % more), unrounded:
        rounded to 0.0001 first, a change of 9.245 % showed 9.3 % on screen and in its 0.0% cell."""
        a, b = getattr(self.during, metric), getattr(self.before, metric)
        if a is None or not b or self.began is not None:  # (days before of no shop: a rise from nothing)
            return None
        return (Decimal(a) - Decimal(b)) / Decimal(b)

    def to_json(self) -> dict:
        return {"name": self.name, "kind": self.kind, "during": self.during.to_json(), "before": self.before.to_json(),
                "data_end": self.data_end.isoformat() if self.data_end else None,
                "began": self.began.isoformat() if self.began else None,
                "events_before": [{"name": n, "from": a.isoformat(), "to": b.isoformat()} for n, a, b in self.events_before],
                "warnings": [{"zh": zh, "en": en} for zh, en in self.warnings()],
                "change": {m: (str(c.quantize(Decimal("0.0001"), ROUND_HALF_UP)) if (c := self.change(m)) is not None
                               else None)
                           for m in ("sales", "orders", "aov", "units")}}


def window(lines: list[OrderLine], products: list[Product], first: dt.date, last: dt.date, ads: AdSummary | None,
           prices=None, shipping_per_order: Decimal = ZERO) -> Window:
    """An agent's line typed with a blank 单价 sells at the agent's price, as the ledger and the
    monthly review count it (agents.prices.billed_price): `prices` gives those prices
    (money.workflow.agent_prices), asked only at such a line; an agent's order with a blank 运费
    charged `shipping_per_order` (agents.prices.postage)."""
    from ..agents.prices import postage, sold_at
    from ..customers import customer_key, phone_aliases, platform_of
    from ..orders.picking import read_gifts

    cost = {p.sku: p.cost for p in products}
    w = Window(first, last)
    orders: dict[tuple, list[OrderLine]] = defaultdict(list)
    for ln in lines:
        if ln.paid_at is None or ln.status in (OrderStatus.CLOSED, OrderStatus.CANCELLED):
            continue
        if first <= ln.paid_at.date() <= last:
            orders[(platform_of(ln), ln.order_no)].append(ln)
    buyers = set()
    aliases = phone_aliases([ls[0] for ls in orders.values()])  # (two numbers in one cell: one buyer)
    day_sales: dict[dt.date, Decimal] = defaultdict(Decimal)
    for ls in orders.values():
        w.orders += 1
        buyers.add(customer_key(ls[0], None, aliases))
        sales = sum((sold_at(ln, prices) * ln.qty for ln in ls), ZERO) + postage(ls, shipping_per_order)
        w.sales += sales
        day_sales[ls[0].paid_at.date()] += sales
        w.units += sum(ln.qty for ln in ls)
        cell = next((ln.gifts for ln in ls if ln.gifts), None)
        if not cell:
            w.gifts_unknown += 1
        else:
            try:
                for g in read_gifts(cell):
                    w.gifts[g.sku] += g.qty
                    if cost.get(g.sku) is None:
                        w.gifts_uncosted += g.qty
                    else:
                        w.gift_cost += cost[g.sku] * g.qty
            except ValueError:
                w.gifts_unread += 1
    w.buyers = len(buyers)
    if ads is not None:
        spent = {d.date: d.spend for d in ads.days if first <= d.date <= last and d.spend is not None}
        w.ad_spend = sum(spent.values(), ZERO)
        w.sales_with_spend = sum((v for d, v in day_sales.items() if d in spent), ZERO)
        w.days_without_spend = w.days - len(spent)
    return w


def promotion_days(promo: Promotion, lines: list[OrderLine], today: dt.date) -> tuple[dt.date, dt.date, dt.date | None]:
    """The promotion's first and last day (to its end, or to yesterday while it runs, or to the last
    day of orders) and that last day of orders where it ends the window before the promotion does."""
    first = promo.start
    end = promo.days[1] if promo.days else promo.end  # (a 大促 without an end: its one day, as validate reads it)
    last = min(end or today - dt.timedelta(days=1), today - dt.timedelta(days=1))
    paid = max((ln.paid_at.date() for ln in lines if ln.paid_at is not None), default=None)
    data_end = paid if paid is not None and first <= paid < last else None
    last = data_end or last
    return first, max(first, last), data_end


def review_promotion(promo: Promotion, lines: list[OrderLine], products: list[Product], ads: AdSummary | None,
                     today: dt.date, prices=None, shipping_per_order: Decimal = ZERO) -> PromotionReview:
    """The promotion's days (promotion_days) against as many days before (`prices`,
    `shipping_per_order`: window's). A line's blank 状态 is its order's (as_sent, as the ledger reads it): an
    order typed 已取消 on its first row alone sold none of its rows."""
    lines = as_sent(lines)
    first, last, data_end = promotion_days(promo, lines, today)
    n = (last - first).days + 1
    before = window(lines, products, first - dt.timedelta(days=n), first - dt.timedelta(days=1), ads, prices,
                    shipping_per_order)
    return PromotionReview(promo.name, promo.kind.value,
                           window(lines, products, first, last, ads, prices, shipping_per_order), before, data_end)


def promotion_report(shop, name: str, today: dt.date | None = None) -> tuple[PromotionReview, Path]:
    """`shopbook report promotion SHOP NAME`: the review and its workbook in reports/."""
    from ..customers import resend_orders
    from ..io.reader import read_workbook
    from ..issues import DataStop, ShopbookError, stop_on
    from ..kpi.metrics import days_from, days_twice, errors_of_days
    from ..schema.lists import suggest
    from ..schema import KPI, LEDGER, ORDERS, STOCK, AfterSalesCase, DailyKpi
    from ..shop import day_given, shop_given
    from ..values import code_key

    shop = shop_given(shop)
    if not isinstance(name, str) or not name.strip():  # (a script's unset name: not an AttributeError from inside)
        raise ShopbookError(f"请给出促销名称（orders.xlsx 的“{Promotion.zh}”表里的名称），给的是 {name!r}。",
                            f"Give the promotion's name (as on the {Promotion.en} sheet of orders.xlsx), not {name!r}.")
    today = day_given(today, "today") or dt.date.today()
    ow = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, Promotion, AfterSalesCase))  # (售后: the resends)
    stop_on(ow.errors_in(OrderLine, Promotion), "无法评估促销", "Cannot review the promotion")
    promos = [p for p in ow.rows(Promotion) if p.name.strip() == name.strip()]
    if not promos:  # as typed but for letter case, spaces and full-width forms: that one, where it is one
        loose = [p for p in ow.rows(Promotion) if code_key(p.name) == code_key(name)]
        promos = loose if len({p.name for p in loose}) == 1 else []
    if not promos:
        names = [p.name for p in ow.rows(Promotion)]
        near = suggest(name, names) if names else []
        more = len(names) - 10  # a cut list says how many more and where
        more_zh, more_en = (f" 等，还有 {more} 个（见 orders.xlsx 的“{Promotion.zh}”表）",
                            f" and {more} more (on the {Promotion.en} sheet of orders.xlsx)") if more > 0 else ("", "")
        hint_zh = f"是不是“{near[0]}”？" if near else ("促销表里有：" + "、".join(names[:10]) + more_zh if names
                                                     else "促销表是空的。")
        hint_en = f"Did you mean '{near[0]}'?" if near else (f"The {Promotion.en} sheet has: " + ", ".join(names[:10])
                                                             + more_en if names else f"The {Promotion.en} sheet is empty.")
        # about the shop's own sheet: in the shop's language alone, its sheet and columns named as it names them
        raise DataStop(f"促销表里没有“{name}”。{hint_zh}", f"No promotion '{name}' on the {Promotion.en} sheet. {hint_en}",
                       shop.path(ORDERS))
    if len(promos) > 1:  # one name, two promotions (双11 of two years): which one is meant is not known
        rows_zh = "、".join(f"第 {p.row} 行（{f'{p.start:%Y-%m-%d} 起' if p.start else '没有开始日期'}）" for p in promos)
        rows_en = ", ".join(f"row {p.row} ({f'from {p.start:%Y-%m-%d}' if p.start else 'no start date'})" for p in promos)
        raise DataStop(f"促销表里有 {len(promos)} 个“{promos[0].name}”：{rows_zh}。不知道评估哪一个：请把名称改得各不相同"
                       f"（如 {promos[0].name}-{today:%Y}），再评估。",
                       f"The {Promotion.en} sheet has {len(promos)} promotions named '{promos[0].name}': {rows_en}. "
                       f"Which one to review is not known: give each its own name (such as {promos[0].name}-"
                       f"{today:%Y}) and review again.", shop.path(ORDERS))
    promo = promos[0]
    if promo.start is None:
        raise DataStop(f"促销“{name}”没有开始日期：在促销表填上开始日期（和结束日期）再评估。",
                       f"The promotion '{name}' has no start date: fill in its {Promotion.column('start').col.en} "
                       f"(and {Promotion.column('end').col.en}) first.",
                       shop.path(ORDERS))
    products = []
    if shop.path(STOCK).exists():
        sw = read_workbook(shop.path(STOCK), STOCK, (Product,))
        stop_on(sw.errors_in(Product), "无法评估促销", "Cannot review the promotion")
        products = sw.rows(Product)
    # the after-sales desk's replacements (an exchange's new size, a lost parcel sent again: 手工 orders at
    # 0) are no orders sold, as the monthly review counts them: as orders they cut the AOV and added a buyer
    again = resend_orders(ow)
    lines = [ln for ln in ow.rows(OrderLine) if ln.order_no not in again] if again else ow.rows(OrderLine)
    # days of no orders yet, reviewed, were ¥0.00 against ¥0.00 with a ✓: none of its days is over, or the
    # orders end before it began (not imported since)
    if promo.start >= today:
        raise DataStop(f"促销“{promo.name}”{promo.start} 开始（今天是 {today}）：它还没有过完的一天可评估。"
                       f"{promo.start + dt.timedelta(days=1)} 起再评估。",
                       f"The promotion '{promo.name}' starts on {promo.start} (today is {today}): none of its days is "
                       f"over yet. Review it from {promo.start + dt.timedelta(days=1)}.", shop.path(ORDERS))
    # its days' orders (and the days' before) on 2026订单 beside 订单, not read: 双12 reviewed in January was ¥0.00, ✓
    from ..periods import order_sheets_unread

    first, last, _ = promotion_days(promo, lines, today)
    before = first - (last - first) - dt.timedelta(days=1)  # its days and as many before (日报's other days do not stop it)
    if (other := order_sheets_unread(ow, promo.name, before, last)) is not None:
        raise other
    paid = max((ln.paid_at.date() for ln in lines if ln.paid_at is not None), default=None)
    if paid is None or paid < promo.start:
        ends_zh, ends_en = ((f"订单只到 {paid}", f"The orders end on {paid}") if paid else
                            ("订单表里没有付款的订单", "The orders sheet has no paid order"))
        raise DataStop(f"{ends_zh}，促销“{promo.name}”{promo.start} 才开始：促销期没有订单可评估。先导入这些天的订单"
                       "（shopbook orders import），再评估。",
                       f"{ends_en}, before the promotion '{promo.name}' starts on {promo.start}: there are no orders of "
                       "its days to review. Import those days' orders first (shopbook orders import), then review it.",
                       shop.path(ORDERS))
    days = []
    if shop.path(KPI).exists():
        kw = read_workbook(shop.path(KPI), KPI, (DailyKpi,))
        # a 日报 date of its days or the days before on two rows (validate's error), as the period
        # review: one row's sales and ad spend would count and the other's vanish from the ROI
        stop_on(errors_of_days(kw, before, last) + days_twice(kw, before, last), "无法评估促销", "Cannot review the promotion")
        days = days_from(kw.rows(DailyKpi), lines)  # (the resends left out above)
    entries, categories = [], []
    if shop.path(LEDGER).exists():
        lw = read_workbook(shop.path(LEDGER), LEDGER, (Entry, Category))
        stop_on(lw.errors_in(Entry, Category), "无法评估促销", "Cannot review the promotion")
        entries, categories = lw.rows(Entry), lw.rows(Category)
    ads = ad_summary(days, entries, categories, dt.date.min, dt.date.max)

    @cache
    def prices():
        """agents.xlsx's prices, read only for an agent's line with a blank 单价 in the windows: as the
        monthly review, one that does not read stops the review (at 0, the promotion looked worse or better)."""
        from ..money.workflow import agent_prices

        return agent_prices(shop, products, ("无法评估促销", "Cannot review the promotion"))

    rev = review_promotion(promo, lines, products, ads, today, prices, shop.config.agents.shipping_per_order)
    # an agent's line the windows count at its agent's tier now, the tier it was ordered at on no record: said
    # at its 单价 (before, the promotion's sales counted it so without a word)
    # (as_sent of the orders that have such a line alone: tiers_unknown picks the lines themselves)
    agents = {ln.order_no for ln in lines if ln.unit_price is None and ln.source is OrderSource.AGENT}
    counted = [ln for ln in as_sent([ln for ln in lines if ln.order_no in agents]) if ln.paid_at is not None
               and ln.status not in (OrderStatus.CLOSED, OrderStatus.CANCELLED)
               and any(w.first <= ln.paid_at.date() <= w.last for w in (rev.during, rev.before))] if agents else []
    from ..money.workflow import tiers_unknown

    rev.tier_unknown = ow.locate(tiers_unknown(counted, prices, ("促销评估的销售额", "the promotion review's sales")))
    from ..money.ledger import shop_began

    began = shop_began(lines, *(d.date for d in days))  # (days: 日报's rows, and the days filled from orders)
    rev.began = began if began is not None and began > rev.before.first else None
    have = {d.date for d in days} | {ln.paid_at.date() for ln in lines if ln.paid_at is not None}
    start = max(rev.before.first, began or rev.before.first)
    rev.missing = [d for k in range((rev.during.last - start).days + 1)
                   if (d := start + dt.timedelta(days=k)) not in have]
    b = rev.before
    rev.events_before = [(p.name, max(p.days[0], b.first), min(p.days[1], b.last)) for p in ow.rows(Promotion)
                         if p is not promo and p.days and p.days[0] <= b.last and p.days[1] >= b.first]
    return rev, _write(shop, rev)


def _write(shop, rev: PromotionReview) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from ..io.cells import put
    from ..io.files import write_atomic
    from ..names import safe_file_name
    from ..schema import LEDGER, ORDERS
    from .widths import fit_columns

    zh = shop.lang == "zh"
    # each figure's row in its own format: money to the fen, as the screen and the e-mail say it
    # (General showed a gift cost of ¥120.00 as 120, ¥300.90 as 300.9)
    labels = [("sales", "销售额", "Sales", "#,##0.00"), ("orders", "订单数", "Orders", "#,##0"),
              ("buyers", "买家数", "Buyers", "#,##0"), ("aov", "客单价", "AOV", "#,##0.00"),
              ("units", "件数", "Units", "#,##0"), ("gift_cost", "赠品成本", "Gift cost", "#,##0.00"),
              ("ad_spend", "推广花费", "Ad spend", "#,##0.00"),
              ("roi", "ROI（销售额÷推广花费）", "ROI (sales ÷ ad spend)", "0.00")]
    d, b = rev.during, rev.before
    head = (["指标", f"促销期 {d.first}–{d.last}", f"之前 {b.first}–{b.last}", "变化"] if zh else
            ["Metric", f"Promotion {d.first}–{d.last}", f"Before {b.first}–{b.last}", "Change"])
    shown = (lambda w, m: None if m == "gift_cost" and not w.gifts_known else getattr(w, m))  # unknown: no 0
    change = (lambda m: float(c) if m in ("sales", "orders", "buyers", "aov", "units")
              and (c := rev.change(m)) is not None else None)  # as a number: its 0.0% cell rounds it once
    number = (lambda v: float(v) if isinstance(v, Decimal) else v)
    wb = Workbook()
    ws = wb.active
    ws.title = "促销评估" if zh else "Promotion review"
    for j, h in enumerate(head, start=1):
        put(ws, 1, j, h).font = Font(bold=True)
    r = 1
    for m, lz, le, fmt in labels:
        r += 1
        put(ws, r, 1, lz if zh else le)
        for j, v in ((2, shown(d, m)), (3, shown(b, m))):
            put(ws, r, j, number(v), fmt)
        put(ws, r, 4, change(m), "0.0%")
    for w_zh, w_en in rev.warnings():
        r += 1
        put(ws, r, 1, ("注：" if zh else "Note: ") + (w_zh if zh else w_en))
    gifts = wb.create_sheet("赠品" if zh else "Gifts")
    for j, h in enumerate(["赠品编码", "促销期件数", "之前件数"] if zh else ["Gift SKU", "Units (promotion)",
                                                                         "Units (before)"], start=1):
        put(gifts, 1, j, h).font = Font(bold=True)
    for r, sku in enumerate(sorted(set(d.gifts) | set(b.gifts)), start=2):
        put(gifts, r, 1, sku)
        put(gifts, r, 2, d.gifts.get(sku, 0), "#,##0")
        put(gifts, r, 3, b.gifts.get(sku, 0), "#,##0")
    for sheet, widths in ((ws, (24, 22, 22, 10)), (gifts, (18, 14, 14))):
        sheet.freeze_panes = "A2"
        for letter, w in zip("ABCD", widths):
            sheet.column_dimensions[letter].width = w
        fit_columns(sheet)
    name = safe_file_name(f"{'促销' if zh else 'promotion'}-{rev.name}-{d.first}.xlsx")
    return write_atomic(shop.reports / name, lambda p: wb.save(p), keep_backup=False, report=True,
                        like=(shop.path(ORDERS), shop.path(LEDGER)))  # (its buyers and its ad spend)


# --- in the monthly review -----------------------------------------------------------

def new_customer_cost(rev) -> Decimal | None:
    """新顾客成本, one of the five KPIs the shop reviews (with ROI, conversion, repeat and loyalty rates):
    the month's ad spend ÷ its new buyers, to the fen; None where either is unknown or nought."""
    c, a = rev.customers, rev.ads
    if c is None or a is None or not a.spend or len(c.months) != 1 or not c.months[0].new:
        return None
    return (a.spend / c.months[0].new).quantize(Decimal("0.01"), ROUND_HALF_UP)


def customer_and_ad_figures(rev, zh: bool) -> list[tuple[str, str]]:
    """The review's key figures on customers and ads (its e-mail, its bot message)."""
    out = []
    month = rev.customers.months[0] if rev.customers and len(rev.customers.months) == 1 else None
    if month is not None:
        # as its cell on the 客户与推广 sheet shows it (0.0%: half up)
        rr = percent(month.repeat_rate, 1) if month.repeat_rate is not None else "—"
        out += [("新客 / 老客" if zh else "New / returning buyers", f"{month.new:,} / {month.returning:,}"),
                ("复购率" if zh else "Repeat-purchase rate", rr)]
        # sealed buyers, agents' orders: said beside the figures they are not in
        out += [("客户统计" if zh else "Customer figures", n) for n in rev.customers.notes(zh)]
    if rev.ads is not None and rev.ads.spend:
        b = rev.ads.roi_basis(zh)  # (some days without spend: what the ROI is of)
        out += [("推广花费" if zh else "Ad spend", f"¥{rev.ads.spend:,.2f}"),
                ("ROI（销售额÷推广花费）" if zh else "ROI (sales ÷ ad spend)",
                 f"{rev.ads.roi}" + ((f"（{b}）" if zh else f" ({b})") if b else ""))]
        if (cost := new_customer_cost(rev)) is not None:
            out.append(("新客成本（推广花费÷新客）" if zh else "New-customer cost (ad spend ÷ new buyers)", f"¥{cost:,.2f}"))
    return out


def customers_and_ads_sheet(wb, rev, zh: bool) -> None:
    """The review's 客户与推广 sheet: new and returning buyers, repeat rate and VIPs; ad spend
    (日报 and ledger) and ROI per day."""
    from ..io.cells import append

    t = (lambda a, b: a if zh else b)
    ws = wb.create_sheet(t("客户与推广", "Customers and ads"))
    append(ws, [t("项目", "Item"), t("数值", "Value")])
    c = rev.customers
    if c is not None:
        for p in c.months:
            append(ws, [t(f"{p.label} 买家数", f"{p.label} buyers"), p.buyers])
            append(ws, [t("新客", "new"), p.new])
            append(ws, [t("老客", "returning"), p.returning])
            append(ws, [t("复购率（期内两单及以上的买家 ÷ 买家）", "repeat rate (buyers with 2+ orders ÷ buyers)"),
                        float(p.repeat_rate) if p.repeat_rate is not None else None])
            ws.cell(ws.max_row, 2).number_format = "0.0%"  # a rate, as the customers report shows it (not 0.0625)
        if (cost := new_customer_cost(rev)) is not None:
            append(ws, [t("新客成本（推广花费 ÷ 新客）", "new-customer cost (ad spend ÷ new buyers)"), float(cost)])
            ws.cell(ws.max_row, 2).number_format = "#,##0.00"
        vip = f"≥ ¥{money_exact_text(c.vip_spend)}"  # as `shopbook customers` says it (¥1,000; ¥999.50 as set)
        append(ws, [t(f"VIP（累计消费 {vip}）", f"VIPs (spend {vip})"), len(c.vip)])
        from ..customers import platform_word

        for v in c.vip[:20]:
            append(ws, [f"  {v.name} {platform_word(v.platform, 'zh' if zh else 'en')}".rstrip(), float(v.spend)])
            ws.cell(ws.max_row, 2).number_format = "#,##0.00"  # money, to the fen (not 1958.9)
        if len(c.vip) > 20:  # a cut list says how many more
            append(ws, [t(f"  … 还有 {len(c.vip) - 20} 位（shopbook customers 列出全部）",
                          f"  … {len(c.vip) - 20} more (shopbook customers lists them all)")])
        for n in c.notes(zh):  # sealed buyers, agents' orders: what the figures above leave out
            append(ws, [n])
    elif rev.kind == "weekly":  # (by month only: a week's buyers would be shown under its month's name)
        append(ws, [t("新客、老客、复购率和 VIP 按月统计：见月报（shopbook report monthly）或 shopbook customers。",
                      "New and returning buyers, the repeat rate and VIPs are counted by month: see the monthly "
                      "review (shopbook report monthly) or shopbook customers.")])
    a = rev.ads
    if a is not None and a.days:
        append(ws, [])
        append(ws, [t("日期", "Date"), t("销售额", "Sales"), t("推广花费（生意参谋）", "Ad spend (Daily sheet)"),
                    t("推广花费（流水账）", "Ad spend (ledger)"), t("推广花费（采用）", "Ad spend (used)"),
                    t("ROI（销售额÷推广花费）", "ROI (sales ÷ ad spend)")])
        for d in a.days:
            append(ws, [d.date, float(d.sales) if d.sales is not None else None,
                        float(d.platform) if d.platform is not None else None,
                        float(d.ledger) if d.ledger is not None else None,
                        float(d.spend) if d.spend is not None else None, float(d.roi) if d.roi is not None else None])
        append(ws, [t("合计", "Total"), float(a.sales), None, None, float(a.spend),
                    float(a.roi) if a.roi is not None else None])
        total_row = ws.max_row
        if basis := a.roi_basis(zh):  # (the total's sales ÷ its spend is not the ROI beside them)
            append(ws, [basis])
        for row in ws.iter_rows(min_row=total_row - len(a.days), max_row=total_row):  # money to the fen, ROI two places
            for cell in row[1:6]:
                if isinstance(cell.value, float):
                    cell.number_format = "0.00" if cell.column == 6 else "#,##0.00"
