"""Money as shop-level operations: the monthly P&L report, Alipay and courier
reconciliation with their report workbooks. The CLI and the buttons call these."""

from __future__ import annotations

import datetime as dt
import math
import re
import time
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from .. import values as V
from ..io.background import beside
from ..io.cells import append
from ..io.files import shop_clock, write_atomic
from ..io.journal import writes_shop
from ..io.reader import gc_paused, header_key, read_ahead, read_cache, read_workbook
from ..io.sheet_edit import SheetEdit, Writer, edit_workbook, ensure_writable
from ..agents.prices import order_day, postage, postage_differs
from ..issues import ROW_SPAN, DataStop, Issue, ShopbookError, en_count, few, own_row, row_cell, stop_on
from ..periods import order_sheets_unread, year_sheet_unread, year_slips
from ..schema import (AGENTS, LEDGER, ORDERS, STOCK, Account, AfterSalesCase, Agent, AgentPrice, BalanceCheck, CaseType,
                      Category, Direction, Entry, OrderLine, OrderSource, OrderStatus, Product, ShippingRate, Tier)
from ..schema.lists import is_total_label
from ..shop import Shop, month_given
from ..values import yuan
from .alipay import ORDER_PREFIX, alipay_id, balance_at, check_running_balance, read_statement
from .ledger import (GROUPS, NOT_PNL, ZERO, check_balances, entry_sheets, group_label, group_of, margin_label,
                     month_bounds, month_or_stop, not_before, pnl, sheet_of, ship_days, signed, whole_months)
from .reconcile import (ALIPAY_NAMES, FEE_BACK, KIND_GROUPS, PROPOSED_CATEGORIES, WECHAT_NAMES, BillLine, CourierCheck, Reconciliation, account_name,
                        EDGE_DAYS, NEAR_DAYS, NearRows, Pair, category_names, ledger_row, line_kind, reconcile_alipay)


def _ledger(shop: Shop):
    from ..validate.rules import amount_not_positive

    wd = read_workbook(shop.path(LEDGER), LEDGER)
    # (the stop names ledger.xlsx by its path: the words say what does not run); a row whose 金额 is not
    # positive is matched by a sign its 收支 never meant (-99 支出 reads as money in): validate's error, as the P&L's
    signless = [wd.sheets[Entry].locate(i) for i in amount_not_positive(wd.rows(Entry))] if Entry in wd.sheets else []
    stop_on(wd.errors_in() + signless, "无法对账", "Cannot reconcile", shop.path(LEDGER))
    return wd


def books_opened(wd, first: dt.date) -> dt.date:
    """The day the ledger's balances are counted from: the earliest account's 期初日期 (`first` if later)."""
    return min([first, *(a.opening_date for a in wd.rows(Account) if a.opening_date)])


def ledger_errors(wd) -> list[Issue]:
    """What `shopbook validate` calls an error in the entries, their categories and accounts,
    located: a P&L over them is wrong without a word (an entry on an account not on 账户 counts in
    the P&L and in no balance; 收入 on an expense category nets against it). A failing 余额核对 is
    not among them: the P&L is how a person finds the entry it lacks."""
    from ..validate.run import rule_issues

    models = (Entry, Category, Account)  # their sheets as the workbook names them: 流水, Entries, a renamed one
    sheets = {m.zh for m in models} | {wd.sheets[m].sheet for m in models if m in wd.sheets}
    return [i for i in rule_issues([wd]) if i.is_error and i.sheet in sheets]


def failing_checks(wd, last: dt.date) -> list[Issue]:
    """The 余额核对 up to `last` (a month's end) that disagree with the entries of ledger.xlsx read
    as `wd`, located: what `ledger` and the monthly review say with their P&L."""
    return wd.locate(check_balances(wd.rows(Account), wd.rows(Entry), [c for c in wd.rows(BalanceCheck)
                                                                       if c.date <= last],
                                    categories=wd.rows(Category), sheets=entry_sheets(wd)))


@dataclass
class Margin:
    revenue: Decimal
    cost: Decimal
    courier_cost: Decimal
    platform_fee: Decimal
    # the lines counted whose 商家编码 the 商品 sheet lacks (validate's error): no cost of theirs is in `cost`
    uncosted: list[OrderLine] = field(default_factory=list)
    # the parcels the 运费 sheet has no price for (order no, province, courier): not in `courier_cost`
    unpriced: list[tuple[str, str, str | None]] = field(default_factory=list)
    # a row of an order counted whose 运费 is not the one counted (agents.prices.postage_differs), located
    fee_differs: list = field(default_factory=list)
    # the couriers of those parcels the sheet has no rates of at all (a blank 快递公司: the default's; None: the sheet
    # is empty): what to add is the courier's prices, not a province
    unrated: list[str | None] = field(default_factory=list)
    # an agent's line with a blank 单价 ordered before its 等级起始日期, no settled month recording the tier before:
    # counted at the agent's tier now, which may not be the one it was ordered at (a warning at its 单价, located)
    tier_unknown: list = field(default_factory=list)

    @property
    def gross(self) -> Decimal:
        return self.revenue - self.cost - self.courier_cost - self.platform_fee

    def to_json(self) -> dict:
        return {k: str(v) for k, v in (("revenue", self.revenue), ("cost", self.cost),
                                       ("courier_cost", self.courier_cost), ("platform_fee", self.platform_fee),
                                       ("gross_margin", self.gross))}


def agent_prices(shop: Shop, products: list[Product] | None = None,
                 what: tuple[str, str] = ("无法按代理价计算单价空着的代理订单",
                                          "Cannot count an agent's order line without its unit price at the agent's price")):
    """agents.xlsx's prices (an agents.prices.PriceBook) for an agent's line typed with a blank 单价
    (agents.prices.billed_price); None without agents.xlsx. `products`: stock.xlsx's, read when not
    given. A row of either that does not read stops (`what`): it may be the price. Read only where
    such a line is counted: most shops' orders have none, and the daily job is not slowed."""
    if not shop.path(AGENTS).exists():
        return None
    from ..agents.prices import PriceBook

    if products is None:
        sw = read_workbook(shop.path(STOCK), STOCK, (Product,))
        stop_on(sw.errors_in(Product), *what)
        products = sw.rows(Product)
    aw = read_workbook(shop.path(AGENTS), AGENTS, (Agent, Tier, AgentPrice))
    stop_on(aw.errors_in(Agent, Tier, AgentPrice), *what)
    pb = PriceBook(products, aw.rows(Tier), aw.rows(AgentPrice), shop.config.agents.rounding,
                   shop.config.agents.floor_discount, aw.rows(Agent))
    # an agent whose 等级 is dated (等级起始日期): its lines ordered before that day are at the tier before, as
    # `agents settle` bills them (the last month settled before it recorded that tier), not at the 等级 now
    dated = [a for a in aw.rows(Agent) if a.tier_from is not None]
    if dated:
        from ..agents.workflow import settled_months, tier_change

        settled = settled_months(shop, "9999-12")
        pb.dated = {a.agent_id: c for a in dated if (c := tier_change(a, settled.get(a.agent_id, {}))) is not None}
    return pb


def shipped_margin(lines: list[OrderLine], products: list[Product], rates: list[ShippingRate], first: dt.date,
                   last: dt.date, fee_rate: Decimal, prices=None, shipping_per_order: Decimal = ZERO,
                   billed: dict[str, Decimal] | None = None, default_courier: str | None = None) -> Margin:
    """Orders shipped in the period: revenue (goods + shipping charged) − cost at 成本价 −
    estimated courier cost (运费 rates, each parcel an order went in at its courier's) − platform fee
    (rate in shopbook.toml, on the platforms' orders: an agent's order is settled with the agent, and
    no platform takes a share of it). An agent's order is revenue as its statement bills it: a line
    with a blank 单价 at the agent's price (`prices`, a PriceBook), an order with no 运费 at
    `shipping_per_order`, and an exchange's replacement (手工, at 0) at the difference its agent is
    billed for it (`billed`: order → amount, agents.settlement.exchange_differences; no platform's share).
    A parcel whose 快递公司 is blank goes at `default_courier`'s rates (RateTable), one of a courier the 运费 sheet
    does not price (or not to its province) at none: unpriced, said, never at another courier's."""
    from ..agents.prices import billed_price
    from ..orders.address import parse_addresses
    from ..orders.picking import parcel_weights
    from ..orders.review import group_orders
    from ..orders.shipping_fee import RateTable

    cost = {p.sku: p.cost for p in products}
    by_sku = {p.sku: p for p in products}
    # each line in the month it shipped, as an agent's statement bills it: an order sent in parts over a
    # month's end (its rest 已审核 until the goods came) is part October's, part November's, whichever
    # row comes first; its postage (and an exchange's difference) once, in the month its first part went
    shipped: dict[str, tuple[list[OrderLine], list[OrderLine], bool]] = {}  # order → its rows, those sent now, began
    for no, ls in group_orders(lines).items():
        days = ship_days(ls)
        now = [ln for ln, d in zip(ls, days) if d is not None and first <= d <= last]
        if now:
            shipped[no] = ls, now, first <= min(d for d in days if d is not None)
    revenue = goods_cost = courier = on_platforms = ZERO
    uncosted: list[OrderLine] = []
    unpriced: list[tuple[str, str, str | None]] = []
    fee_differs: list = []
    table = RateTable(rates, default_courier)
    # (the order's address, 运费 and source as its first row has them: a later part's row may leave them blank)
    addrs = parse_addresses([ls[0].address for ls, _, _ in shipped.values()])

    tier_unknown: list = []
    for (no, (ls, now, began)), a in zip(shipped.items(), addrs):
        takings = sum((billed_price(ln, prices) * ln.qty for ln in now), ZERO)
        tier_unknown += tiers_unknown(now, prices)
        if began:
            takings += postage(ls, shipping_per_order)
            fee_differs += postage_differs(ls)
            revenue += (billed or {}).get(no, ZERO)
        revenue += takings
        if ls[0].source is not OrderSource.AGENT:
            on_platforms += takings
        goods_cost += sum((cost.get(ln.sku, ZERO) * ln.qty for ln in now), ZERO)
        uncosted += [ln for ln in now if ln.sku not in cost]
        for carrier, weight in parcel_weights(no, now, by_sku):
            # (a 顺丰 parcel on a sheet of 中通's rates alone was else priced at 中通's: a wrong figure, unsaid)
            fee = table.fee(a.province, weight, carrier) if a.province else None
            if fee is None:  # (no price, or an address of no province read): said, never a parcel sent for free
                unpriced.append((no, a.province, carrier))
            courier += fee or ZERO
    # half up, as every other fen shopbook works out (5 % of 100.10 is 5.01, not the half-even 5.00)
    platform = (on_platforms * fee_rate).quantize(Decimal("0.01"), ROUND_HALF_UP)
    unrated = list(dict.fromkeys(table.courier(c) for _, _, c in unpriced if not table.has(c)))
    return Margin(revenue, goods_cost, courier, platform, uncosted, unpriced, fee_differs, unrated, tier_unknown)


# what counts an agent's line at its price (zh, en): the words of tier_unknown_said
GROSS_MARGIN = ("发货毛利", "the gross margin")


def tiers_unknown(lines: list[OrderLine], prices, what: tuple[str, str] = GROSS_MARGIN) -> list[Issue]:
    """tier_unknown_said at each of `lines` (those a report counts) that is an agent's with a blank 单价, priced
    (`prices`, a PriceBook) at its agent's tier now for want of the tier it was ordered at: the P&L's margin, the
    monthly review, the daily figures filled from the orders and the self-check say it alike (`what` counts it).
    `prices` may be a function giving it, asked only where one of `lines` is an agent's with a blank 单价 (as
    agents.prices.sold_at: agents.xlsx is read for such a line alone, and the callers need not pick them first)."""
    blank = [ln for ln in lines if ln.unit_price is None and ln.source is OrderSource.AGENT and ln.agent_id]
    if blank and callable(prices):
        prices = prices()
    if not blank or prices is None:
        return []
    return [tier_unknown_said(ln, prices, what) for ln in blank
            if prices.tier_unrecorded(ln.agent_id, order_day(ln)) is not None]


def tier_unknown_said(ln: OrderLine, prices, what: tuple[str, str] = GROSS_MARGIN) -> Issue:
    """A warning at the 单价 of an agent's line with it blank, ordered before the agent's 等级起始日期 when no
    settled month records the tier before: `what` (the margin) counts it at the agent's tier now (billed_price),
    which `agents settle` would not bill it at without the price typed in."""
    from ..agents.prices import billed_price
    from ..issues import at

    change = prices.tier_unrecorded(ln.agent_id, order_day(ln))
    price = billed_price(ln, prices)
    return at(ln, "unit_price", "warning",
              f"代理 {ln.agent_id} 的订单 {ln.order_no}（{ln.sku}）是 {order_day(ln)} 下的、单价空着；它的等级从 "
              f"{change.since} 起是“{change.now}”（{Agent.zh}表的等级起始日期），那之前的等级没有记录（之前没有结算过的月份）："
              f"{what[0]}按现在的“{change.now}”的代理价 {price:,.2f} 计，不一定对。请在这一格填上它下单时的代理价，再生成一次。",
              f"Agent {ln.agent_id}'s order {ln.order_no} ({ln.sku}) was placed on {order_day(ln)} with no unit price; "
              f"its tier is '{change.now}' from {change.since} (the tier_from of the {Agent.en} sheet) and the tier before is "
              f"on no record (no month settled before it): {what[1]} counts it at the '{change.now}' agent price, "
              f"{price:,.2f}, which may be wrong. Type the agent price it was ordered at here and make it again.")


@writes_shop("ledger")
@gc_paused()
def ledger_report(shop: Shop, month: str):
    """The month's P&L by group, account balances, and gross margin from shipped orders;
    written as reports/利润表-YYYY-MM.xlsx. The report's balance_issues: the 余额核对 in or before
    the month that disagree with the entries. Returns (the P&L, the shipped margin or None where
    orders.xlsx or stock.xlsx is missing, the report's path)."""
    month = month_given(month)
    first, last = month_or_stop(month)
    with read_cache():  # ledger.xlsx, orders.xlsx and stock.xlsx read two at a time
        both = shop.path(ORDERS).exists() and shop.path(STOCK).exists()
        read_ahead([(shop.path(LEDGER), LEDGER, None)] + ([(shop.path(ORDERS), ORDERS,
                                                            (OrderLine, ShippingRate, AfterSalesCase)),
                                                          (shop.path(STOCK), STOCK, (Product,))] if both else []))
        wd = read_workbook(shop.path(LEDGER), LEDGER)
        stop_on(wd.errors_in() + ledger_errors(wd), "无法做利润表", "Cannot make the P&L", shop.path(LEDGER))
        # a sheet a year is read as one (io.reader._joined); one of other headers is not: December's lines on it,
        # unread in January (a P&L of nothing), or any year's since the books opened (the balances), stop here
        if (other := year_sheet_unread(wd, Entry, month, books_opened(wd, first), last)) is not None:
            raise other
        # a month that ends before the books begin would show each account's opening balance as that month's
        not_before(month, last, [*(a.opening_date for a in wd.rows(Account)), *(e.date for e in wd.rows(Entry))],
                   ("账本开始（{began}：账户的期初日期或第一笔流水）",
                    "the books begin ({began}: an account's opening date or the first entry)"),
                   ("没有可以做的利润表", "there is no P&L to make"), shop.path(LEDGER))
        report = pnl(month, wd.rows(Entry), wd.rows(Category), wd.rows(Account), dt.date.today())
        # a 余额核对 by the month's end that disagrees does not stop the P&L (it is how a person finds the
        # entry it lacks), but is said with it: that entry is missing or wrong in the P&L too
        report.balance_issues = failing_checks(wd, last)
        report.sheet_warnings = sheet_warnings(wd) + year_slips_said(wd, first, last)
        margin = None
        if shop.path(ORDERS).exists() and shop.path(STOCK).exists():
            ow = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, ShippingRate, AfterSalesCase))
            sw = read_workbook(shop.path(STOCK), STOCK, (Product,))
            # a row that does not read would drop out of the margin without a word: fix it first
            stop_on(ow.errors_in(OrderLine, ShippingRate) + sw.errors_in(Product), "无法计算发货毛利",
                    "Cannot work out the gross margin")
            # and the month's orders kept on a 2026订单 not read (a margin of 0.00, ✓)
            if (other := order_sheets_unread(ow, month, first, last)) is not None:
                raise other
            products = sw.rows(Product)
            prices = None
            # an agent's line shipped with a blank 单价 is revenue at the agent's price (before `agents
            # settle` writes it in): without it, its goods' cost counted and their takings did not
            # and an exchange of an agent's order whose replacement shipped in the month: the difference of
            # the agent prices its statement bills (agents.settlement.exchanged), the replacement being at 0
            resent = {ln.order_no for ln in ow.rows(OrderLine) if ln.shipped_on is not None
                      and first <= ln.shipped_on <= last}
            swaps = [c for c in ow.rows(AfterSalesCase) if c.type is CaseType.EXCHANGE and c.exchange_sku
                     and c.resend_order in resent]
            from ..orders.review import group_orders

            # an agent's line with a blank 单价, shipped in the month by the days the margin counts it by: its
            # orders looked at alone (ship_days over a year's every order cost 0.35 s)
            blank = {ln.order_no for ln in ow.rows(OrderLine) if ln.unit_price is None and ln.source is OrderSource.AGENT}
            if swaps or blank and any(ln.unit_price is None and ln.source is OrderSource.AGENT and d is not None
                                      and first <= d <= last for ls in group_orders(
                                          [ln for ln in ow.rows(OrderLine) if ln.order_no in blank]).values()
                                      for ln, d in zip(ls, ship_days(ls))):
                prices = agent_prices(shop, products, ("无法计算发货毛利", "Cannot work out the gross margin"))
            billed = {}
            if swaps:
                from ..agents.settlement import exchange_differences

                billed = exchange_differences(ow.rows(OrderLine), swaps, prices)
            margin = shipped_margin(ow.rows(OrderLine), products, ow.rows(ShippingRate), first, last,
                                    shop.config.money.platform_fee_rate, prices, shop.config.agents.shipping_per_order,
                                    billed, shop.config.orders.default_courier)
            # a line of the month whose 商家编码 is not on the 商品 sheet (a typo, a product not added yet) had a
            # cost of 0.00, and the margin was too high by it without a word: validate's error, at its cell
            from ..validate.rules import FIX_SKU, check_references

            stop_on(ow.locate(check_references(margin.uncosted, "sku", {p.sku for p in products}, "商家编码", "SKU",
                                               *FIX_SKU)), "无法计算发货毛利", "Cannot work out the gross margin")
            margin.fee_differs = ow.locate(margin.fee_differs)
            margin.tier_unknown = ow.locate(margin.tier_unknown)
        path = _write_pnl(shop, report, margin)
        return report, margin, path


def sheet_warnings(wd) -> list:
    """The reader's word on ledger.xlsx's sheets (流水 blank, its rows in 流水2026: the P&L would be of the
    wrong sheet), said with the P&L wherever one is made."""
    return [i for sd in wd.sheets.values() for i in sd.issues
            if not i.is_error and i.row is None and i.sheet and i.sheet != sd.sheet]


def year_slips_said(wd, first: dt.date, last: dt.date) -> list[Issue]:
    """A warning at each 流水 line dated a year off the lines around it (periods.year_slips: 2026-01-05 typed
    for 2027-01-05 by habit) that the month's P&L counts, or lacks."""
    from ..issues import at

    return wd.locate([at(e, "date", "warning",
                         f"日期“{e.date}”和它上下的行差了一年：是不是 {meant}？这笔{e.direction.value} {e.amount}（{e.category}）"
                         f"现在算在 {e.date:%Y-%m} 的利润表里，不在 {meant:%Y-%m}。改正年份后再生成一次。",
                         f"The date '{e.date}' is a year off the lines around it: is it {meant}? This "
                         f"{'income' if e.direction is Direction.IN else 'expense'} of {e.amount} ({e.category}) counts in "
                         f"the P&L of {e.date:%Y-%m} now, not {meant:%Y-%m}. Correct the year and make it again.")
                      for e, meant in year_slips(wd.rows(Entry)) if first <= e.date <= last or first <= meant <= last])


def _write_pnl(shop: Shop, report, margin) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    zh = shop.lang == "zh"
    wb = Workbook()
    ws = wb.active
    ws.title = "利润表" if zh else "P&L"
    # a month under way is its days so far, as the screen says: the file, read after, would pass for the month
    so_far = report.so_far()[0 if zh else 1]
    append(ws, [f"{shop.config.shop.name} {'利润表' if zh else 'P&L'} {report.month}{so_far}"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    # every figure of the column signed alike, 支出合计 too (as `ledger` prints it): the header says how
    ws.append(["分组", "类别", "金额（收入为正，支出为负）"] if zh else ["Group", "Category", "Amount (in +, out −)"])
    for g, cats in report.lines.items():
        for c, v in cats.items():
            append(ws, [group_label(g, shop.lang), c, float(v)])
        ws.append([group_label(g, shop.lang) + (" 小计" if zh else " subtotal"), "", float(report.group_total(g))])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    for label, v in ((("收入合计", "Income"), report.income), (("支出合计", "Expense"), -report.expense),
                     (("净额", "Net"), report.net)):
        ws.append([label[0] if zh else label[1], "", float(v)])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    for row in ws.iter_rows(min_row=4, min_col=3, max_col=3):
        row[0].number_format = "#,##0.00"
    if report.sheet_warnings or report.balance_issues or not report.entries:  # the file outlives the screen:
        ws.append([])  # below the net, as said
    if not report.entries:
        from .said import no_entries_said

        append(ws, [no_entries_said(report.month)[0 if zh else 1]])
        ws.cell(ws.max_row, 1).font = Font(bold=True, color="C00000")
    for i in report.sheet_warnings:  # (流水 blank, its rows in 流水2026: a P&L of the wrong sheet)
        append(ws, [i.where(shop.lang), i.message_zh if zh else i.message_en])
        ws.cell(ws.max_row, 1).font = Font(bold=True, color="C00000")
    if report.balance_issues:  # as the monthly review's P&L says them
        from .said import pnl_may_be_wrong

        for i in report.balance_issues:
            append(ws, [i.where(shop.lang), i.message_zh if zh else i.message_en])
        append(ws, [pnl_may_be_wrong(report.balance_issues)[0 if zh else 1]])
        ws.cell(ws.max_row, 1).font = Font(bold=True, color="C00000")
    acc = wb.create_sheet("账户余额" if zh else "Balances")
    acc.append(["账户", "期初", "收入", "支出", "期末"] if zh else ["Account", "Opening", "In", "Out", "Closing"])
    for a in report.accounts:
        append(acc, [a.account, float(a.opening), float(a.income), float(a.expense), float(a.closing)])
    for row in acc.iter_rows(min_row=2, min_col=2, max_col=5):  # money to the fen: 546.90, never 546.9
        for c in row:
            c.number_format = "#,##0.00"
    if margin is not None:
        m = wb.create_sheet("毛利" if zh else "Gross margin")
        for k, v in margin.to_json().items():  # the shop's words, not the JSON keys
            m.append([margin_label(k, shop.lang), float(Decimal(v))])
            m.cell(m.max_row, 2).number_format = "#,##0.00"
        if margin.unpriced or margin.fee_differs or margin.tier_unknown:  # the file outlives the screen: as said
            m.append([])
        if margin.unpriced:
            from .said import unpriced_said

            append(m, [unpriced_said(margin.unpriced, margin.unrated)[0 if zh else 1]])
            m.cell(m.max_row, 1).font = Font(bold=True, color="C00000")
        for i in margin.fee_differs:  # an order's two 运费: its revenue counts the first
            append(m, [i.where(shop.lang), i.message_zh if zh else i.message_en])
            m.cell(m.max_row, 1).font = Font(bold=True, color="C00000")
        for i in margin.tier_unknown:  # an agent's order priced at its tier now, the tier it was ordered at unknown
            append(m, [i.where(shop.lang), i.message_zh if zh else i.message_en])
            m.cell(m.max_row, 1).font = Font(bold=True, color="C00000")
    for sheet in wb.worksheets:
        sheet.column_dimensions["A"].width = 18
        sheet.column_dimensions["B"].width = 16
        sheet.column_dimensions["C"].width = 14
    name = f"{'利润表' if zh else 'pnl'}-{report.month}.xlsx"
    return write_atomic(shop.reports / name, lambda p: wb.save(p), keep_backup=False, like=shop.path(LEDGER),
                        report=True)


@dataclass
class AlipayResult:
    """reconcile_alipay_file() / reconcile_wechat_file(): the reconciliation (`result`: matched pairs,
    amounts that differ, lines only in the statement or only in the ledger, the ledger lines proposed,
    amounts as Decimal), the report written, how many lines --apply booked, and the located issues.
    `differs`: a difference is left for a person. to_json() is `reconcile alipay --json`."""

    statement_issues: list[Issue]
    balance_issues: list[Issue]
    result: Reconciliation
    report: Path | None  # None: --apply refused, nothing written
    applied: int
    account: str = ""  # the statement's own (Alipay's #账号)
    refused: Issue | None = None  # why --apply booked nothing and wrote nothing
    left: int = 0  # lines --apply did not book (a category the 类别 sheet lacks: said in statement_issues)
    # ledger lines without a 流水号 matched by order number (a refund booked from the refund export): --apply
    # writes the statement's number into them, so the self-check counts them reconciled
    numbered: int = 0
    to_number: int = 0
    would_refuse: list = field(default_factory=list)  # (zh, en): why --apply would book nothing (a run without it)
    refuse_todo: tuple[str, str] | None = None  # (zh, en): what to do about it (said.RECHECK, said.RERUN)

    @property
    def differs(self) -> bool:
        """Whether a difference is left for a person: the lines this --apply booked are none any
        more (the result was worked out before it booked them)."""
        r = self.result
        return bool(r.amount_differs or r.ledger_only or r.other_account or len(r.alipay_only) > self.applied
                    or r.pending)  # (a refund not yet paid: a person books it once it is)

    def to_json(self) -> dict:
        return {**self.result.counts(), "pending": len(self.result.pending_rows),
                "lines": self.result.lines_json(), "applied": self.applied,
                "not_applied": self.left, "report": self.report and str(self.report),
                "account": self.account, "refused": self.refused and self.refused.to_json(),
                "statement_issues": [i.to_json() for i in self.statement_issues],
                "balance_issues": [i.to_json() for i in self.balance_issues]}


def _today() -> dt.date:
    """The shop's day today (io.files.shop_clock), as the rest of shopbook says it: not this PC's own date, a day
    behind on a PC set to UTC until 08:00 in China (a test sets it)."""
    return shop_clock(time.time()).date()


@writes_shop("reconcile alipay")
@gc_paused()
def reconcile_alipay_file(shop: Shop, file: Path, apply: bool = False, account: str | None = None,
                          write: Writer = edit_workbook) -> AlipayResult:
    """An Alipay statement (`file`: the 账务明细 CSV, the .zip as downloaded, or the .xlsx Excel saved)
    against the ledger's Alipay account (`account`; else 支付宝 or Alipay as the 账户 sheet spells it,
    else in the shop's language). `apply`: book the lines the ledger lacks (--apply)."""
    statement = beside(read_statement, Path(file))  # parsed while the ledger is read
    wd = _ledger(shop)
    account = account or account_name([a.account for a in wd.rows(Account)], ALIPAY_NAMES, shop.lang)
    st = statement.result()
    running = check_running_balance(st)
    checks = []
    for c in wd.rows(BalanceCheck):  # the 余额核对 rows against the statement itself
        if c.account != account:
            continue
        stated = balance_at(st, c.date)
        if stated is not None and st.start <= c.date <= st.end and stated != c.balance:
            checks.append(wd.sheets[BalanceCheck].locate(Issue(
                "error", f"余额核对 {c.date}：填的是 {yuan(c.balance)}，支付宝对账单当天日终余额是 {yuan(stated)}，"
                f"相差 {yuan(c.balance - stated, True)}。",
                f"Balance check {c.date}: {yuan(c.balance)} is stated, the Alipay statement says {yuan(stated)} at the "
                f"end of that day ({yuan(c.balance - stated, True)}).", sheet=BalanceCheck.zh, row=c.row, field="balance",
                value=str(c.balance))))
    refuse = [("对账单的余额不连续", "the statement's running balance breaks")] if running else []
    ours, where = shop_alipay_account(shop, _report_name(shop, st, ALIPAY_SOURCE))
    same = bool(ours and st.account and alipay_id(st.account) == alipay_id(ours))  # (2088… with 0156 or without)
    if ours and st.account and not same:  # another Alipay account's money: never the shop's 支付宝
        st.issues.append(Issue(
            "error", f"这是支付宝账号 {st.account} 的对账单，店铺的支付宝账号是 {ours}（{where}）：不能记进“{account}”。",
            f"This statement is Alipay account {st.account}'s; the shop's is {ours} ({where}): it cannot go into "
            f"'{account}'.", book=st.path.name, cell=row_cell(st.account_line), column="账号", value=st.account,
            row=st.account_line))
        refuse.append(("对账单是另一个支付宝账号的", "the statement is another Alipay account's"))
    elif checks and not same:  # whose it is not known, and its balance is not ours
        refuse.append(("余额核对与对账单不符，看不出这是店铺的支付宝账号（可在 shopbook.toml 的 [money] alipay_account 写上）",
                       "the balance checks disagree with the statement and nothing says it is the shop's Alipay "
                       "account (name it as [money] alipay_account in shopbook.toml)"))
    return _against_ledger(shop, st, wd, account, apply, write, running + checks, ALIPAY_SOURCE, refuse)


def shop_alipay_account(shop: Shop, this_report: str = "") -> tuple[str, str]:
    """The shop's Alipay account and where that is said: shopbook.toml's [money] alipay_account,
    else the one account its earlier reconciliations' reports name (several: none is known). The
    report this run rewrites is not one: a statement looked at before --apply vouches for nothing."""
    if shop.config.money.alipay_account:
        return shop.config.money.alipay_account, "shopbook.toml"
    from ..io.reader import RawBook

    named: dict[str, tuple[str, str]] = {}  # one account however a statement wrote it: (as written, where)
    for p in sorted(shop.reports.glob(f"{ALIPAY_SOURCE[2]}-*.xlsx")) + sorted(shop.reports.glob(f"{ALIPAY_SOURCE[3]}-*.xlsx")):
        if p.name == this_report:
            continue
        try:
            with RawBook(p) as wb:
                rows, _ = wb.sheet(wb.sheet_names[0])
        except (ShopbookError, OSError):  # a report a person broke names nothing
            continue
        for r in rows:
            if len(r) > 1 and r[0] in ("账号", "Account") and r[1]:
                named.setdefault(alipay_id(str(r[1])), (str(r[1]).strip(), f"reports/{p.name}"))
    return next(iter(named.values())) if len(named) == 1 else ("", "")


# how a statement's source is named in its report: (zh, en) of the source, of the file's name
ALIPAY_SOURCE = ("支付宝", "Alipay", "对账-支付宝", "reconcile-alipay")
WECHAT_SOURCE = ("微信", "WeChat", "对账-微信", "reconcile-wechat")


def _against_ledger(shop: Shop, st, wd, account: str, apply: bool, write: Writer, bal_issues: list[Issue],
                    source: tuple[str, str, str, str], refuse: list[tuple[str, str]] = ()) -> AlipayResult:
    """A payment statement (Alipay, WeChat Pay) against the ledger's account: one matcher, one
    report, one --apply (the proposed lines carry the statement's numbers: a second run matches them).
    --apply books nothing, and writes nothing, from a statement that is cut off or has errors, or
    for a reason in `refuse` (zh, en): what it would book is not certain."""
    accounts = [a.account for a in wd.rows(Account)]
    if accounts and account not in accounts:  # (--account mistyped): nothing of it would match, and each
        # line booked would be validate's error, stopping the P&L until a person moved it by hand
        from ..schema.lists import did_you_mean

        near_zh, near_en = did_you_mean(account, accounts)
        # the shop's own data (its Accounts sheet): said in its language, as agents --agent's unknown agent
        raise DataStop(f"流水账的“{Account.zh}”表里没有账户“{account}”：对账和补录只用表里有的账户。{near_zh}"
                       f"请先在“{Account.zh}”表里加上这个账户；用命令行时也可以用 --account 写表里的名字。",
                       f"The ledger's {Account.en} sheet has no account '{account}': a reconciliation and what it "
                       f"books use an account listed there. {near_en + ' ' if near_en else ''}Add the account to "
                       "the sheet first; on the command line, --account may also name one as the sheet spells it.",
                       shop.path(LEDGER))
    transfer_out, transfer_in = (next((c.category for c in wd.rows(Category)
                                       if c.direction is way and group_of(c) in NOT_PNL), None)
                                 for way in (Direction.OUT, Direction.IN))
    # lines before the account's 期初日期 (a first statement reaching back before the books began): their money
    # is in its opening balance, and an entry dated before it is validate's error that stops the P&L
    opened = next((a.opening_date for a in wd.rows(Account) if a.account == account), None)
    early = [x for x in st.lines + st.pending if opened is not None and x.date < opened]
    kept = st if not early else replace(
        st, lines=[x for x in st.lines if x.date >= opened], pending=[x for x in st.pending if x.date >= opened],
        period=st.period and (max(st.period[0], opened), st.period[1]))
    res = reconcile_alipay(kept, wd.rows(Entry), account, transfer_out, wd.rows(Category),
                           shop.lang, transfer_in,
                           {c.category: c.direction for c in wd.rows(Category) if c.direction is not None})
    res.sheets = entry_sheets(wd)
    res.book, res.ledger_book = st.path.name, shop.path(LEDGER).name
    res.ledger_sheet = wd.sheets[Entry].sheet if Entry in wd.sheets else (Entry.zh if shop.lang == "zh" else Entry.en)
    said = list(st.issues)
    if early:
        lo, hi = min(x.date for x in early), max(x.date for x in early)
        days, n = (f"{lo}" if lo == hi else f"{lo} – {hi}"), len(early)
        said.append(Issue("note", f"对账单有 {n} 行在账户“{account}”的期初日期 {opened} 之前（{days}）：它们的钱已在期初余额里，"
                          "没有核对，也不补录。",
                          f"{en_count(n, 'statement line')} ({days}) {'fall' if n > 1 else 'falls'} before the opening "
                          f"date {opened} of the account '{account}': {'their' if n > 1 else 'its'} money is in the "
                          "account's opening balance; not reconciled nor booked.",
                          book=st.path.name))
    said += _fee_back_said(res, [c.category for c in wd.rows(Category)], shop.lang, st.path.name)
    if st.period is None and st.start is not None:  # (a trade bill says no dates: its lines' are all it covers)
        said += _days_not_covered(st, res, wd.rows(Entry), account, source)
    near = {id(p.line) for p in res.near_day}
    for p in res.dated_apart:
        # matched by its number, or (booked without one) by its order number at the same amount
        # (or, with neither, a withdrawal or top-up near its day: reconcile.MOVED_DAYS; any line's sum booked a day
        # or few off: reconcile.NEAR_DAYS)
        by_no = p.entry.txn_no is not None
        fee = line_kind(p.line) == "fee"  # (the withdrawal's own fee, booked on the row's day)
        what = "这个流水号" if by_no else f"这个订单号（{p.line.order_no}）和金额" if p.entry.order_no else (
            f"这笔没有流水号的账（金额相同，{signed(p.entry)}）" if id(p.line) in near else
            f"这笔{'提现手续费' if fee else '提现或充值'}（{signed(p.entry)}，没有流水号）")
        what_en = "this transaction number" if by_no else (
            f"this order number ({p.line.order_no}) and amount" if p.entry.order_no
            else f"this entry with no transaction number (the same amount, {signed(p.entry)})" if id(p.line) in near
            else f"this {'withdrawal fee' if fee else 'withdrawal or top-up'} ({signed(p.entry)}, with no transaction number)")
        said.append(Issue("warning", f"{ledger_row(res, p.entry)[0]}有{what}，日期是 {p.entry.date}，对账单是 {p.line.date}："
                          "算作已记账，没有再补录。若流水账的日期记错了，请改正（余额按日核对会指出它）。",
                          f"{_ledger_row_capital(res, p.entry)} has {what_en}, dated {p.entry.date}; the statement "
                          f"says {p.line.date}: counted as booked, not added again. If the ledger's date is wrong, "
                          "correct it (the day-by-day balance check points at it).",
                          book=st.path.name, cell=row_cell(p.line.line), value=p.line.txn_no, row=p.line.line))
    for p in res.pending_booked:  # (the line's own warning says its state)
        said.append(Issue("warning", f"{ledger_row(res, p.entry)[0]}已记了这笔退款（{p.entry.date}，{signed(p.entry)}），账单上它还没有退款成功："
                          "没有算作对上。退款成功了，那一行就不用改；若它没有退成功，请删掉那一行。",
                          f"{_ledger_row_capital(res, p.entry)} has this refund booked ({p.entry.date}, {signed(p.entry)}), which the "
                          "bill says has not succeeded yet: not counted as matched. Once it succeeds, that row is right "
                          "as it is; if it does not, delete the row.",
                          book=st.path.name, cell=row_cell(p.line.line), value=p.line.txn_no, row=p.line.line))
    for p in res.other_account:
        said.append(Issue("warning", f"{ledger_row(res, p.entry)[0]}有这个流水号，记在账户“{p.entry.account}”：算作已记账，没有补录到"
                          f"“{account}”。若它是这笔{source[0]}的钱，请把那一行的账户改成“{account}”。",
                          f"{_ledger_row_capital(res, p.entry)} has this transaction number under the account '{p.entry.account}': "
                          f"counted as booked, not added to '{account}'. If it is this {source[1]} money, change that "
                          f"row's account to '{account}'.",
                          book=st.path.name, cell=row_cell(p.line.line), value=p.line.txn_no, row=p.line.line))
    # a refund paid in parts across the statement's edge, booked as one row: what splitting the row asks, with
    # what is said of the pair (an amount that differs: said here, its row named; a row of another day: below)
    across = {id(p.line): _refund_across(res, st, p, side, source) for p, side in res.across}
    said += _refund_rest_after(res, st, source)
    for p in res.amount_differs:
        if (split := across.get(id(p.line))) is not None:
            several = bool(res.across_parts.get(id(p.line)))
            # (the rest before the statement: else the row is this line's at an amount that differs)
            zh, en = split if split[0].endswith("。") else (
                f"{split[0]}；若不是，以{source[0]}的金额为准改正那一行。",
                f"{split[1]} If not, correct the row to {source[1]}'s amount.")
            said.append(Issue("warning", f"{ledger_row(res, p.entry)[0]}（{p.entry.date}，{signed(p.entry)}）是这个订单的退款。"
                              f"{zh}{'这几笔都' if several else '这一笔'}没有补录。", f"{_ledger_row_capital(res, p.entry)} "
                              f"({p.entry.date}, {signed(p.entry)}) is this order's refund. {en} "
                              f"{'None of these lines was added' if several else 'This line was not added'}.",
                              book=st.path.name, cell=row_cell(p.line.line), value=p.line.txn_no, row=p.line.line))
    held = {id(y) for ys in res.across_parts.values() for y in ys}  # (said with their refund's split)
    for p in res.doubtful:
        if id(p.line) in held:
            continue
        if (near_rows := res.near_held.get(id(p.line))) is not None:  # rows of its sum a day or few off (NEAR_DAYS)
            zh, en = _near_held_said(res, st, p, near_rows)
        elif id(p.line) in res.near_month and st.start is not None and not st.start <= p.entry.date <= st.end:
            # its one row a day or few off lies just outside the statement's days (a charge of 11-29 booked 12-01): the
            # row may be its, booked late (or early), or the next (or last) statement's own line's of the sum
            x, e = p.line, p.entry
            n, late = abs((e.date - x.date).days), e.date > x.date
            other = (e.date.year, e.date.month) != (x.date.year, x.date.month)
            zh = (f"疑似已记账，没有补录：{ledger_row(res, e)[0]}没有流水号，金额相同（{signed(e)}），日期是 {e.date}，在这张对账单的日期"
                  f"（{st.start} 至 {st.end}）之外；对账单是 {x.date}：那一行可能就是这一笔，{'晚' if late else '早'}记了 {n} 天"
                  + (f"，算作已记账的话，这笔钱就算进了 {e.date:%Y-%m} 的损益，而不是 {x.date:%Y-%m} 的" if other else "")
                  + f"。是同一笔钱就把那一行的日期改成 {x.date}（流水号填 {x.txn_no}）；若那一行是另一笔钱（比如{'下' if late else '上'}"
                  f"一张对账单上同金额的一笔），这一笔还没有记账，请手工记上（日期 {x.date}，流水号填 {x.txn_no}）。")
            en = (f"Probably booked already, not added: {ledger_row(res, e)[1]} has no transaction number and the same amount "
                  f"({signed(e)}), dated {e.date}, outside this statement's days ({st.start} to {st.end}); the statement says "
                  f"{x.date}: that row may be this line, booked {en_count(n, 'day')} {'late' if late else 'early'}"
                  + (f"; counted as booked, this money would be in {e.date:%Y-%m}'s profit and loss, not {x.date:%Y-%m}'s"
                     if other else "")
                  + f". If it is the same money, correct that row's date to {x.date} (transaction number {x.txn_no}); if that "
                  f"row is another charge (one of the same amount on the {'next' if late else 'last'} statement, say), this "
                  f"line is booked nowhere: book it by hand (date {x.date}, transaction number {x.txn_no}).")
        elif id(p.line) in res.near_month:  # its one row a day or few off lies in another month (reconcile.NEAR_DAYS)
            x, e = p.line, p.entry
            zh = (f"疑似已记账，没有补录：{ledger_row(res, e)[0]}没有流水号，金额相同（{signed(e)}），日期是 {e.date}，对账单是 "
                  f"{x.date}，不在同一个月：算作已记账的话，这笔钱就算进了 {e.date:%Y-%m} 的损益，而不是 {x.date:%Y-%m} 的。"
                  f"是同一笔钱就把那一行的日期改成 {x.date}（流水号填 {x.txn_no}）；若不是，这一笔还没有记账，请手工记上"
                  f"（日期 {x.date}，流水号填 {x.txn_no}）。")
            en = (f"Probably booked already, not added: {ledger_row(res, e)[1]} has no transaction number and the same "
                  f"amount ({signed(e)}), dated {e.date}; the statement says {x.date}, another month: counted as booked, "
                  f"this money would be in {e.date:%Y-%m}'s profit and loss, not {x.date:%Y-%m}'s. If it is the same "
                  f"money, correct that row's date to {x.date} (transaction number {x.txn_no}); if not, this line is "
                  f"booked nowhere: book it by hand (date {x.date}, transaction number {x.txn_no}).")
        elif p.entry.date != p.line.date and not p.entry.order_no:  # a row at its amount, its month or year typed ahead
            # (or behind); or that row is its own month's (a charge of every month, new: its first month's line is
            # this one), and this line is booked nowhere: both said, and what to do for each
            # (a month apart: a charge of every month, from the earlier of the two; a year apart: of every year)
            early = min(p.entry.date, p.line.date)
            monthly = (p.entry.date.year * 12 + p.entry.date.month) - (p.line.date.year * 12 + p.line.date.month) in (1, -1)
            own = f"{p.entry.date:%Y-%m}" if monthly else f"{p.entry.date.year}"
            what = (f"每月都扣的费用，从 {early:%Y-%m} 开始扣", f"a charge of every month, from {early:%Y-%m} on") if monthly \
                else ("每年都扣的费用", "a charge of every year")
            if not monthly and p.entry.date > p.line.date and (kept.end is None or p.entry.date > kept.end) \
                    and p.entry.date > _today():
                # a year ahead, on a day not come yet: no charge of that year is on a statement already (its own year's
                # charge, the wording below, cannot be); the year typed one too many, most likely
                zh = (f"疑似已记账，没有补录：{ledger_row(res, p.entry)[0]}没有流水号，金额相同（{signed(p.entry)}），日期是 "
                      f"{p.entry.date}，对账单是 {p.line.date}：那一天还没有到，这不会是 {p.entry.date.year} 年已经扣的钱，多半是年份写错了"
                      f"（{p.line.date.year} 写成了 {p.entry.date.year}）。请把那一行的日期改成 {p.line.date}（流水号填 {p.line.txn_no}）；"
                      f"若那一行确实是提前记下的 {p.entry.date.year} 年的一笔，这一笔还没有记账，请手工记上（日期 {p.line.date}，"
                      f"流水号填 {p.line.txn_no}）。")
                en = (f"Probably booked already, not added: {ledger_row(res, p.entry)[1]} has no transaction number and the "
                      f"same amount ({signed(p.entry)}), dated {p.entry.date}; the statement says {p.line.date}. That day "
                      f"has not come yet, so it is no money of {p.entry.date.year} taken already: most likely the year was "
                      f"mistyped ({p.entry.date.year} for {p.line.date.year}). Correct that row's date to {p.line.date} "
                      f"(transaction number {p.line.txn_no}); if it is indeed a charge of {p.entry.date.year} booked ahead, "
                      f"this line is booked nowhere: book it by hand (date {p.line.date}, transaction number {p.line.txn_no}).")
            else:
                zh = (f"疑似已记账，没有补录：{ledger_row(res, p.entry)[0]}没有流水号，金额相同（{signed(p.entry)}），日期是 {p.entry.date}，"
                      f"对账单是 {p.line.date}：可能是日期的月份或年份写错了。是同一笔钱就把那一行的日期改成 {p.line.date}（流水号填 "
                      f"{p.line.txn_no}）；若那一行是 {own} 自己的一笔（比如{what[0]}），这一笔还没有记账，请手工记上"
                      f"（日期 {p.line.date}，流水号填 {p.line.txn_no}）。")
                en = (f"Probably booked already, not added: {ledger_row(res, p.entry)[1]} has no transaction number and the same "
                      f"amount ({signed(p.entry)}), dated {p.entry.date}; the statement says {p.line.date}: its month or year may "
                      f"be mistyped. If it is the same money, correct that row's date to {p.line.date} (transaction number "
                      f"{p.line.txn_no}); if that row is {own}'s own ({what[1]}), this line is booked nowhere: book it by hand "
                      f"(date {p.line.date}, transaction number {p.line.txn_no}).")
        elif p.entry.date != p.line.date:  # its order's row of another day, at another amount
            zh = (f"疑似已记账，没有补录：{ledger_row(res, p.entry)[0]}有这个订单号（{p.line.order_no}），日期 {p.entry.date}、金额 "
                  f"{signed(p.entry)}，对账单是 {p.line.date}、{p.line.amount}。请人工核对：是同一笔钱就把那一行改成对账单的金额"
                  "（和日期）；不是的话，请手工记上这一笔。")
            en = (f"Probably booked already, not added: {ledger_row(res, p.entry)[1]} has this order number "
                  f"({p.line.order_no}), dated {p.entry.date} at {signed(p.entry)}; the statement says {p.line.date} at "
                  f"{p.line.amount}. A person should look: if it is the same money, correct that row to the statement's "
                  "amount (and day); if not, book this line by hand.")
            if (split := across.get(id(p.line))) is not None:  # (or the row is this refund's and its other part's)
                zh, en = zh + split[0].rstrip("。") + "。", f"{en} {split[1]}"
        else:
            zh = (f"疑似重复，没有补录：对账单这一行与{ledger_row(res, p.entry)[0]}同一天、同金额（{p.line.amount}），而那一行没有"
                  "对上对账单的任何一行。请人工核对。")
            en = (f"Probably a duplicate, not booked: this line has the day and amount ({p.line.amount}) of "
                  f"{ledger_row(res, p.entry)[1]}, which matches no line of the statement. A person should look.")
        said.append(Issue("warning", zh, en, book=st.path.name, cell=row_cell(p.line.line), value=p.line.txn_no,
                          row=p.line.line))
    why = ([("对账单不完整（下载可能被截断）", "the statement is incomplete (the download may be cut off)")]
           if not st.complete else [])
    why += [("对账单有错误（见上）", "the statement has errors (listed above)")] if any(
        i.is_error for i in st.issues) else []
    why += list(refuse)
    # what to do: the statement's own reasons send a person to it; the shop's books alone (no account
    # yet) are fixed in ledger.xlsx, the statement being right as it is
    from .said import RECHECK, RERUN

    todo = RECHECK if why else RERUN
    kept_zh, kept_en, kept_said = _booked_on_a_sheet_unread(wd, res, account)  # (the ledger's to put right)
    said += kept_said
    why += [(kept_zh, kept_en)] if kept_zh else []
    if not accounts:  # a sheet nobody filled in yet (a new shop): each line booked would be validate's error
        why.append((f"流水账的“{Account.zh}”表里还没有账户：先加上“{account}”（期初日期和期初余额）",
                    f"the ledger's {Account.en} sheet lists no account yet: add '{account}' (its opening date and "
                    "balance) first"))
    if apply:
        if why:
            return AlipayResult(said, bal_issues, res, None, 0, st.account, Issue(
                "error", f"没有补录：{'；'.join(z for z, _ in why)}。没有写入任何文件。{todo[0]}；"
                f"不加 --apply 运行可以得到对账报告。",
                f"Nothing booked: {'; '.join(e for _, e in why)}. Nothing was written. {todo[1]}; without --apply "
                "the run writes its report.", book=st.path.name))
    booked = []
    # a ledger line matched one to one (by its order number, or by its day and amount) that has no number
    # gets the line's: the self-check counts a line without one as not reconciled, whatever finance ran.
    # Not one whose order number is another's (matched by day and amount only: a person looks at it)
    # (a 流水 row whose 订单编号 is the statement's 商户订单号, T200P3515…, is that order's: reconcile._order_of)
    from .reconcile import _order_of

    # a payment booked as rows of its parts is numbered on each row, but not where two of them would be alike in
    # all validate compares (155.00 and 155.00, one category): validate would call the second a row booked twice
    # and say to delete it
    parts: dict[int, list] = {}
    for p in res.matched:
        parts.setdefault(id(p.line), []).append(p.entry)
    alike = {id(e) for es in parts.values() if len(es) > 1
             and len({(e.account, e.direction, e.amount, e.category) for e in es}) < len(es) for e in es}
    numbers = {p.entry.row: {"txn_no": p.line.txn_no} for p in res.matched
               if p.entry.row and not p.entry.txn_no and p.line.txn_no and id(p.entry) not in alike
               and (not p.entry.order_no or _order_of(p.entry) == p.line.order_no)}
    # and a row of an order's whole matched by its parts (a refund paid in two): its first part's number
    numbers |= {e.row: {"txn_no": g[0].txn_no} for e, g in res.grouped
                if e.order_no and e.row and not e.txn_no and g[0].txn_no}
    if apply and (numbers or res.proposed):
        ensure_writable(write, shop.path(LEDGER))  # before the report: it would say what never got booked
    if apply and res.proposed:
        from ..io.limits import not_xml_in_records  # a control character in a line's text: removed, and said

        booked, lacking = _with_category(res, {c.category for c in wd.rows(Category)}, st.path.name,
                                         {transfer_out, transfer_in} - {None})
        said += lacking
        moved = _one_sided([e for e in booked if e.category in (transfer_out, transfer_in)], wd.rows(Entry), account,
                           {c.category for c in wd.rows(Category) if group_of(c) in NOT_PNL})
        if moved:  # money between the shop's own accounts: this statement is one side of it
            # (a list cut says how many more: the report's 补录 rows hold them all)
            days, days_en = few([f"{e.date} {e.amount}" for e in moved], unit="笔")
            said.append(Issue("note", f"补录了 {len(moved)} 笔店铺自己账户之间的转账（提现、充值：{days}）：它在另一个账户（如银行卡）"
                              "那边的一笔不在这张对账单里，流水账里也没有，请在流水账里给那个账户也记上。",
                              f"{en_count(len(moved), 'transfer')} between the shop's own accounts (withdrawals, top-ups: "
                              f"{days_en}) booked: its other side, in the other account (the bank card), is not "
                              "on this statement nor in the ledger; book it in the ledger for that account too.",
                              book=st.path.name))
        said += not_xml_in_records(res.proposed, st.path.name, [row_cell(x.line) for x in res.proposed_from],
                                   shop.lang)
    path = _write_alipay_report(shop, st, res, said + bal_issues, source, len(booked) if apply else None)
    if apply and (booked or numbers):
        write(shop.path(LEDGER), [SheetEdit(Entry, set_cells=numbers, append=booked, layout=wd.sheets[Entry])],
              lang=shop.lang)
    return AlipayResult(said, bal_issues, res, path, len(booked), st.account,
                        left=len(res.proposed) - len(booked) if apply else 0,
                        numbered=len(numbers) if apply else 0, to_number=0 if apply else len(numbers),
                        would_refuse=why if not apply else [], refuse_todo=todo)


def _booked_on_a_sheet_unread(wd, res: Reconciliation, account: str) -> tuple[str, str, list[Issue]]:
    """Lines the ledger lacks whose money a sheet kept beside 流水 and left unread holds (2025流水, unread as
    流水 holds rows of 2025 too: a December row typed in January): --apply would book them twice, once the
    sheets are put right. The reason --apply books nothing (zh, en; "" where none) and the sheet's warning."""
    sd = wd.sheets.get(Entry)
    if sd is None or not sd.kept_apart or not res.proposed_from:
        return "", "", []
    found: dict[str, list[int]] = {}
    for part in sd.kept_apart:
        mine = [e for e in part.records if e.account == account]
        numbers = {e.txn_no: e for e in mine if e.txn_no}  # its own number, else its order's at its amount,
        orders = {(e.order_no, signed(e)): e for e in mine if e.order_no}  # else its day's (booked by hand)
        days = {(e.date, signed(e)): e for e in mine if not e.txn_no and not e.order_no}
        for x in res.proposed_from:
            e = next((numbers[n] for n in (x.txn_no, x.biz_no, *x.aliases) if n in numbers), None) or (
                orders.get((x.order_no, x.amount)) if x.order_no else None) or days.get((x.date, x.amount))
            if e is not None:
                found.setdefault(part.sheet, []).append(own_row(e.row))
    if not found:
        return "", "", []
    zh = "；".join(f"“{n}”（没有读取，见上）第 {'、'.join(map(str, sorted(set(r))))} 行已记了这几笔" for n, r in found.items())
    en = "; ".join(f"'{n}' (not read, see above) has these lines booked on row{'s' if len(set(r)) > 1 else ''} "
                   f"{', '.join(map(str, sorted(set(r))))}" for n, r in found.items())
    return (f"{zh}：补录会把它们记两次，先照提示把那一年的行放到一张表上",
            f"{en}: booking them would book them twice; first put that year's rows on one sheet as said",
            [i for i in sheet_warnings(wd) if i.sheet in found])


def _ledger_row_capital(res: Reconciliation, e: Entry) -> str:
    """ledger_row's English at the start of a sentence."""
    en = ledger_row(res, e)[1]
    return en[0].upper() + en[1:]


def _fee_back_said(res: Reconciliation, categories: list[str], lang: str, book: str) -> list[Issue]:
    """Fees given back (WeChat's on a refund, a 分账 returned) proposed as other income: the fee category is
    an expense and takes no money in, and the shop has no category of its own for them. Said once, with
    what to add to have them beside the fees."""
    names = category_names(categories, lang)
    back = [x for x in res.proposed_from if line_kind(x) == "fee" and x.amount > 0]
    if not back or names["fee_back"] != names["other_in"]:
        return []
    n, total = len(back), sum((x.amount for x in back), ZERO)
    rows, rows_en = _rows_cut([x.line for x in back])
    other, fee = names["other_in"], names["fee"]
    return [Issue("note", f"{n} 条退回的手续费（共 {total} 元，对账单{rows}）建议补录为“{other}”：“{fee}”是支出类别，记不了收入，"
                  f"类别表里也没有“{FEE_BACK[0]}”。想在利润表里把它们和手续费放在一起，请在“类别”表加一行“{FEE_BACK[0]}”"
                  f"（收入，分组与“{fee}”相同），补录前加上，就记在那里。",
                  f"{en_count(n, 'fee')} given back ({total}, statement row{'s' if n > 1 else ''} {rows_en}) "
                  f"{'is' if n == 1 else 'are'} proposed as '{other}': '{fee}' is an expense category and takes no "
                  f"money in, and the Categories sheet has no '{FEE_BACK[1]}'. To have them beside the fees in the P&L, "
                  f"add '{FEE_BACK[1]}' (in, in the same group as '{fee}') to the Categories sheet before booking them.",
                  book=book)]


def _rows_cut(rows: list[int], shown: int = 10) -> tuple[str, str]:
    """Rows named in a sentence (zh, en): 第 4、7 行, or the first `shown` and how many more (a list cut says so)."""
    more = len(rows) - shown
    head = [str(r) for r in rows[:shown]]
    return (f"第 {'、'.join(head)} 行" + (f"等，还有 {more} 行" if more > 0 else ""),
            ", ".join(head) + (f" and {more} more" if more > 0 else ""))


def _one_sided(moved: list[Entry], entries: list[Entry], account: str, transfers: set[str]) -> list[Entry]:
    """The transfers just booked on `account` whose other side the ledger lacks: a row of another
    account, the same amount the other way, in a transfer category (分组 内部转账), within three days
    (a withdrawal reaches the bank a day or two later). A side booked already is never asked for
    again: typed twice, the bank's balance would be off by it."""
    spare = [o for o in entries if o.account != account and o.category in transfers]
    out = []
    for e in moved:
        o = next((o for o in spare if o.amount == e.amount and o.direction is not e.direction
                  and abs((o.date - e.date).days) <= 3), None)
        if o is None:
            out.append(e)
        else:
            spare.remove(o)
    return out


def _days_not_covered(st, res: Reconciliation, entries: list[Entry], account: str,
                      source: tuple[str, str, str, str]) -> list[Issue]:
    """A bill that names no period of its own (WeChat's trade bill) covers the days from its first line
    to its last: the account's rows of the same months outside them, matched to no line, were not
    checked (a payment of 30 November missing from a bill whose last line is the 28th said nothing).
    A row carrying a 流水号 was reconciled already (an earlier bill's --apply wrote it; the self-check
    counts it so): a bill overlapping the last one never asks for those days again."""
    since, until = whole_months(st.start, st.end)
    used = {id(p.entry) for p in res.matched + res.amount_differs} | {id(e) for e, _ in res.grouped}
    rows = [e for e in entries if e.account == account and since <= e.date <= until and not e.txn_no
            and not st.start <= e.date <= st.end and id(e) not in used]
    if not rows:
        return []
    n, (where, where_en) = len(rows), _rows_cut([own_row(e.row) for e in rows])
    return [Issue("warning", f"账单没有写日期范围：只核对了 {st.start} 至 {st.end}（它第一笔到最后一笔）的流水。流水账里同月其他日子的 "
                  f"{n} 条“{account}”流水（{where}）没有核对：若账单应包括那几天，请下载包括那几天的账单再对一次。",
                  f"The bill names no dates: only rows from {st.start} to {st.end} (its first line to its last) were "
                  f"checked. {en_count(n, 'row')} of '{account}' on other days of the same month{'s' if since.month != until.month else ''} "
                  f"(row{'s' if n > 1 else ''} {where_en}) {'was' if n == 1 else 'were'} not: if the bill should cover "
                  "those days, download one that does and reconcile again.", book=st.path.name)]


def _with_category(res: Reconciliation, categories: set[str], book: str, transfers: set[str] = frozenset()
                   ) -> tuple[list[Entry], list[Issue]]:
    """The proposed lines --apply books, and a warning for each it does not: where the 类别 sheet
    lacks a line's category, that line would be an error of validate's; and money moved between
    the shop's own accounts (a withdrawal, a top-up from its bank card) is booked only in a transfer
    category (`transfers`: 分组 内部转账), never as an expense or income. Booked once it is added: a
    second --apply books only what the ledger still lacks."""
    booked, said = [], []  # (a sheet nobody filled in lacks every category: validate calls each line an error)
    for e, x in zip(res.proposed, res.proposed_from):
        moved = line_kind(x) == "transfer"
        if e.category in categories and (not moved or e.category in transfers):
            booked.append(e)
            continue
        way, way_en = ("收入", "in") if e.direction is Direction.IN else ("支出", "out")
        if moved:  # money moved between the shop's own accounts: no expense, no income
            what, what_en = ("提现", "a withdrawal") if e.direction is Direction.OUT else ("充值", "a top-up")
            lead = f"没有补录：类别表里没有分组为“内部转账”的“{way}”类别。"
            lead_en = f"Not added: the Categories sheet has no '{way_en}' category whose group is 'transfers'. "
            zh = (f"{what}是店铺自己账户之间的转账，不是{way}：请在“类别”表加一个“{way}”类别，分组填“内部转账”")
            en = (f"{what_en} moves money between the shop's own accounts and is no "
                  f"{'expense' if way_en == 'out' else 'income'}: add an '{way_en}' category whose group is "
                  "'transfers' to the Categories sheet")
        else:  # with its 分组: a category added without one is 其他 in the P&L, sales among them
            group = next((g for k, (g, _) in KIND_GROUPS.items() if e.category in PROPOSED_CATEGORIES[k]), "other")
            lead, lead_en = f"没有补录：类别表里没有“{e.category}”。", f"Not added: the Categories sheet has no '{e.category}'. "
            zh = f"请在“类别”表中添加“{e.category}”（{way}，分组“{GROUPS[group][0]}”）"
            en = f"add '{e.category}' ({way_en}, group '{GROUPS[group][-1]}') to the Categories sheet"
        said.append(Issue("warning", f"{lead}{zh}，再运行一次 --apply（已补录的不会重复）。",
                          f"{lead_en}{en[0].upper() + en[1:]}, then run --apply again (nothing is added twice).",
                          book=book, cell=row_cell(x.line), value=e.category, row=x.line))
    return booked, said


@writes_shop("reconcile wechat")
@gc_paused()
def reconcile_wechat_file(shop: Shop, file: Path, apply: bool = False, account: str | None = None,
                          write: Writer = edit_workbook) -> AlipayResult:
    """A WeChat Pay bill (`file`: the merchant trade bill or the personal bill; `apply` books the
    lines the ledger lacks, as reconcile_alipay_file) against the ledger's
    WeChat account (`account`, the CLI's --account; by default 微信 or WeChat as the 账户 sheet spells it:
    shopbook.toml has no key for it)."""
    from .wechat import read_wechat

    statement = beside(read_wechat, Path(file), shop.lang)  # parsed while the ledger is read
    wd = _ledger(shop)
    account = account or account_name([a.account for a in wd.rows(Account)], WECHAT_NAMES, shop.lang)
    return _against_ledger(shop, statement.result(), wd, account, apply, write, [], WECHAT_SOURCE)


def _refund_rest_after(res: Reconciliation, st, source) -> list[Issue]:
    """The ledger's refund rows of the statement's last days that no line answers for, of an order whose refund this
    statement pays in part: booked as the refund's parts (100.00 and 50.00, both dated 11-30, the 50.00 paid on 12-01),
    the row is the part the next statement pays, not money booked twice (before: only 'ledger only', check or correct
    it, and a person deleted the part December then lacked). Said at the order's refund line, naming the row."""
    if st.end is None:
        return []
    out = []
    matched = {id(p.line) for p in res.matched} | {id(x) for _, g in res.grouped for x in g}
    refunds: dict[str, list] = {}  # each order's refund lines matched, found once (not per ledger row)
    for x in st.lines:
        if x.order_no and x.amount < 0 and id(x) in matched and line_kind(x) == "refund":
            refunds.setdefault(x.order_no, []).append(x)
    for e in res.ledger_only:
        if not e.order_no or not 0 <= (st.end - e.date).days <= EDGE_DAYS or signed(e) >= 0:
            continue
        paid = refunds.get(ORDER_PREFIX.sub("", e.order_no), [])
        if not paid:
            continue
        row, total = ledger_row(res, e), sum((x.amount for x in paid), ZERO)
        lines = "、".join(str(x.line) for x in paid)
        out.append(Issue("warning", f"{row[0]}（{e.date}，{signed(e)}）是订单 {paid[0].order_no} 的退款，本对账单"
                         f"（{st.start} 至 {st.end}）里没有这一笔；这个订单的退款本对账单付了 {total}（第 {lines} 行），已对上。若这一行是"
                         f"同一次退款在 {st.end} 以后退的另一部分（见下一期对账单），它会在下一期对上：那时把它的日期改成实际退款那天，"
                         f"不要删掉它；若不是，核对这一行。",
                         f"{_ledger_row_capital(res, e)} ({e.date}, {signed(e)}) is order {paid[0].order_no}'s refund, "
                         f"not on this statement ({st.start} to {st.end}), which pays {total} of the order's refund (row"
                         f"{'s' if len(paid) > 1 else ''} {lines.replace('、', ', ')}), matched. If the row is another part "
                         f"of that refund paid after {st.end} (see the next statement), the next statement matches it: "
                         "then correct its date to the day it was paid; do not delete it. If not, check the row.",
                         book=st.path.name, cell=row_cell(paid[0].line), value=paid[0].txn_no, row=paid[0].line))
    return out


def _near_held_said(res: Reconciliation, st, p: Pair, near: NearRows) -> tuple[str, str]:
    """What is said of a line held for the rows of its sum without numbers a day or few off (reconcile.NEAR_DAYS),
    which of them is its not to be told: every row (the first NEAR_SHOWN, how many more); each other line of the sum
    with the rows of these near IT (never as if every row were near every line); the rows outside the statement's days,
    and those of another month, whose money would be in that month's profit and loss; what to do."""
    x, rows, one = p.line, near.rows, near.n_rows == 1

    def names(es: list[Entry], n: int, days: bool = True) -> tuple[str, str]:
        more = n - len(es)
        return ("、".join(ledger_row(res, e)[0] + (f"（{e.date}）" if days else "") for e in es)
                + (f" 等 {n} 行" if more > 0 else ""),
                ", ".join(ledger_row(res, e)[1] + (f" ({e.date})" if days else "") for e in es)
                + (f" and {more} more" if more > 0 else ""))

    rows_zh, rows_en = names(rows, near.n_rows)
    also_zh, also_en = "", ""
    for y, (es, n) in zip(near.others, near.shared or [(rows, near.n_rows)] * len(near.others)):
        whole = n == near.n_rows
        who = ("那一行", "that row", False) if one else ("这些行", "these rows", True) if whole else (
            *names(es, n, days=False), n > 1)
        also_zh += f"，{who[0]}也离对账单同金额的第 {y.line} 行（{y.date}，{y.txn_no}）在 {NEAR_DAYS} 天以内"
        also_en += (f"; {who[1]} {'are' if who[2] else 'is'} also within {NEAR_DAYS} days of statement row {y.line} "
                    f"({y.date}, {y.txn_no}) of the same amount")
    if (more_o := near.n_others - len(near.others)) > 0:
        also_zh += f"，还有 {more_o} 行对账单同金额的也离其中的行在 {NEAR_DAYS} 天以内"
        also_en += f"; and {en_count(more_o, 'more statement line')} of the same amount near them"
    # (a row outside the statement's days, or in another month than the line's: its money in that month's P&L)
    out = [e for e in rows if st.start is not None and not st.start <= e.date <= st.end]
    other = [e for e in rows if (e.date.year, e.date.month) != (x.date.year, x.date.month)]
    within = [e for e in other if all(e is not o for o in out)]
    where_zh, where_en = [], []
    if out:
        where_zh.append(f"{names(out, len(out))[0]}在这张对账单的日期（{st.start} 至 {st.end}）之外")
        where_en.append(f"{names(out, len(out))[1]} {'lies' if len(out) == 1 else 'lie'} outside this statement's days "
                        f"({st.start} to {st.end})")
    if within:
        where_zh.append(f"{names(within, len(within))[0]}不在 {x.date:%Y-%m}")
        where_en.append(f"{names(within, len(within))[1]} {'is' if len(within) == 1 else 'are'} not in {x.date:%Y-%m}")
    said_zh, said_en = "，".join(where_zh), "; ".join(where_en)
    if other:
        months = sorted({f"{e.date:%Y-%m}" for e in other})
        said_zh += (f"：算作这一笔已记账的话，这笔钱就算进了 {'、'.join(months)} 的损益，而不是 {x.date:%Y-%m} 的")
        said_en += (f": counted as this line's, its money would be in {' or '.join(months)}'s profit and loss, not "
                    f"{x.date:%Y-%m}'s")
    said_zh, said_en = (said_zh + "。", " " + said_en[0].upper() + said_en[1:] + ".") if where_zh else ("", "")
    after, before = any(e.date > x.date for e in out), any(e.date < x.date for e in out)
    which = ("上一张或下一张" if after and before else "下一张" if after else "上一张",
             "last or next" if after and before else "next" if after else "last")
    other_zh = f"{'那一行是' if one else '这些行都是'}另一笔钱" + (f"，比如{which[0]}对账单上同金额的一笔" if out else "")
    other_en = f"{'it is' if one else 'they are'} other money" + (
        f", a charge of the same amount on the {which[1]} statement, say" if out else "")
    zh = (f"疑似已记账，没有补录：{rows_zh}没有流水号，金额相同（{signed(p.entry)}），离对账单的 {x.date} 都在 "
          f"{NEAR_DAYS} 天以内{also_zh}，分不出哪一行是这一笔的。{said_zh}"
          f"请人工核对：是{'那一行' if one else '其中一行'}就把它的日期改成 {x.date}（流水号填 {x.txn_no}）；若不是"
          f"（{other_zh}），这一笔还没有记账，请手工记上（日期 {x.date}，流水号填 {x.txn_no}）。")
    en = (f"Probably booked already, not added: {rows_en} {'has' if one else 'have'} no transaction number and the same "
          f"amount ({signed(p.entry)}), within {NEAR_DAYS} days of the statement's {x.date}{also_en}: which row is this "
          f"line's cannot be told.{said_en} A person should look: if {'it' if one else 'one of them'} is this line, "
          f"correct its date to {x.date} (transaction number {x.txn_no}); if not ({other_en}), this line is booked "
          f"nowhere: book it by hand (date {x.date}, transaction number {x.txn_no}).")
    return zh, en


def _refund_across(res: Reconciliation, st, p, side: str, source) -> tuple[str, str]:
    """What a refund paid in parts across the statement's edge and booked as one row of the whole asks of a person
    (zh, en): the row split into each side's part, each on its own day (each month's balance then holds), never
    'corrected' to the one part this statement shows (nor its parts here booked beside it: res.across_parts)."""
    x, e = p.line, p.entry
    parts = sorted([x, *res.across_parts.get(id(x), ())], key=lambda y: (y.date, y.line))
    here = sum((y.amount for y in parts), ZERO)
    rest = signed(e) - here
    days_zh = "、".join(f"{y.date} {y.amount}" for y in parts)
    n = len(parts) + 1  # the rows the row is split into
    rows_zh = {2: "两", 3: "三", 4: "四"}.get(n, f" {n} ")
    rows_en = {2: "in two", 3: "in three", 4: "in four"}.get(n, f"into {n}")
    days_en = ", ".join(f"{y.amount} on {y.date}" for y in parts)
    if len(parts) == 1:
        some_zh, some_en = f"只有这一笔 {x.amount}（{x.date}）", f"only this {x.amount} ({x.date})"
    else:
        some_zh = f"只有这 {len(parts)} 笔（{days_zh}，第 {'、'.join(str(y.line) for y in parts)} 行），共 {here}"
        some_en = (f"only these {len(parts)} ({days_en}; rows {', '.join(str(y.line) for y in parts)}), {here} in "
                   "all")
    if side == "after":
        return (f"本对账单（{st.start} 至 {st.end}）里订单 {x.order_no} 的退款{some_zh}，比那一行少 "
                f"{abs(rest)}。若其余 {rest} 是 {st.end} 以后退的（见下一期对账单），请把那一行拆成{rows_zh}行：{days_zh}，"
                f"和其余退款那天 {rest}，各月的余额才对得上；若没有其余的退款，以{source[0]}的金额为准改正那一行。",
                f"This statement ({st.start} to {st.end}) has {some_en} of order {x.order_no}'s "
                f"refund, {abs(rest)} less than the row. If the other {rest} was paid after {st.end} (see the next "
                f"statement), split that row {rows_en}: {days_en} and {rest} on the day the rest was paid, "
                f"so each month's balance holds; if there is no such rest, correct the row to {source[1]}'s.")
    return (f"本对账单从 {st.start} 开始：若那一行是 {st.start} 以前退的 {rest}（见上一期对账单）和{'这一笔' if len(parts) == 1 else '这几笔'}"
            f"合在一起记的（一次退款分{rows_zh}次退），请把它拆成{rows_zh}行：上一期退款那天 {rest}，和 {days_zh}，各月的余额才对得上",
            f"This statement begins on {st.start}: if that row is {rest} paid before {st.start} (see the last "
            f"statement) booked together with {'this line' if len(parts) == 1 else 'these lines'} (one refund paid in "
            f"parts), split it {rows_en}: {rest} on the day the earlier part was paid and {days_en}, so "
            "each month's balance holds.")


def _write_alipay_report(shop: Shop, st, res: Reconciliation, issues: list[Issue],
                         source: tuple[str, str, str, str] = ALIPAY_SOURCE, applied: int | None = None) -> Path:
    """The report's sheets written as XML directly: a 100,000-line statement writes in a second.
    `applied`: the lines this run's --apply booked (None: no --apply), said beside what it proposed."""
    from ..io.xlsx_patch import NewSheet, write_new_workbook

    zh = shop.lang == "zh"
    labels = {"matched": ("已匹配", "Matched"), "amount_differs": ("金额不符", "Amount differs"),
              "alipay_only": (f"仅{source[0]}有", f"{source[1]} only"), "ledger_only": ("仅流水账有", "Ledger only"),
              "probable_duplicates": ("疑似重复", "Probable duplicates"),
              "on_another_account": ("记在别的账户", "On another account"), "proposed": ("建议补录", "Proposed")}
    money_fmt = "#,##0.00"

    def sheet(title: str, head: list[str], rows: list[list], money_cols=(), time_cols=()) -> NewSheet:
        fmts = {c: money_fmt for c in money_cols} | {c: "yyyy-mm-dd hh:mm:ss" for c in time_cols}
        return NewSheet(title, [head] + rows, widths=[18] * len(head), formats=fmts)

    summary = [["对账单", st.path.name] if zh else ["Statement", st.path.name],
               ["期间" if zh else "Period", f"{st.start} – {st.end}" if st.start is not None else "—"]]
    if st.account:  # whose money: the next run checks its statement is the same account's
        summary.append(["账号" if zh else "Account", st.account])
    summary += [[labels[k][0 if zh else 1], v] for k, v in res.counts().items()]
    if res.pending or res.pending_booked:  # refunds not yet paid (WeChat): never booked, said in 问题
        summary.append(["退款未完成" if zh else "Refunds not yet paid", len(res.pending_rows)])
    if applied is not None:  # what --apply booked of what it proposed (a category the sheet lacks: not booked)
        summary.append(["已补录" if zh else "Added", applied])
    # (a WeChat bill's number and kind as WeChat heads them: it has no 账务流水号 nor 业务类型)
    wechat = source[1] == WECHAT_SOURCE[1]
    line_head = (["行", "交易单号" if wechat else "账务流水号", "商户订单号", "时间", "金额", "交易类型" if wechat else "业务类型"] if zh else
                 ["Line", "Transaction no.", "Order no.", "Time", "Amount", "Kind"])
    entry_row, entry_amount = ("流水账行", "流水账金额") if zh else ("Ledger row", "Ledger amount")
    way = (lambda d: d.value) if zh else (lambda d: d.en)  # 收入/支出 as the shop's sheets say it

    def row_of(e: Entry) -> int | str:  # 流水 kept a sheet a year (2025流水 beside 流水): the row's sheet with it
        if (sheet_name := sheet_of(e.row, res.sheets)) is None:
            return own_row(e.row)
        return f"{sheet_name} 第 {own_row(e.row)} 行" if zh else f"{sheet_name} row {own_row(e.row)}"

    sheets = [
        sheet("汇总" if zh else "Summary", ["项目" if zh else "Item", "数量" if zh else "Count"], summary),
        sheet("已匹配" if zh else "Matched", line_head + [entry_row],
              # (a payment booked as rows of its parts, 290.00 + 20.00 of 310.00: each row its own part, the
              # column summing to what was paid; a line matched whole is its row's amount all the same)
              [[p.line.line, p.line.txn_no, p.line.order_no, p.line.when, signed(p.entry), p.line.kind, row_of(p.entry)]
               for p in res.matched] +
              [[x.line, x.txn_no, x.order_no, x.when, x.amount, x.kind, row_of(e)] for e, g in res.grouped for x in g],
              (4,), (3,)),
        sheet("金额不符" if zh else "Amount differs", line_head + [entry_row, entry_amount],
              [[p.line.line, p.line.txn_no, p.line.order_no, p.line.when, p.line.amount, p.line.kind, row_of(p.entry),
                signed(p.entry)] for p in res.amount_differs], (4, 7), (3,)),
        sheet(f"仅{source[0]}" if zh else f"{source[1]} only", line_head,
              [[x.line, x.txn_no, x.order_no, x.when, x.amount, x.kind] for x in res.alipay_only], (4,), (3,)),
        sheet("疑似重复" if zh else "Probable duplicates", line_head + [entry_row],
              [[p.line.line, p.line.txn_no, p.line.order_no, p.line.when, p.line.amount, p.line.kind, row_of(p.entry)]
               for p in res.doubtful], (4,), (3,)),
        sheet("仅流水账" if zh else "Ledger only", ["行", "日期", "收支", "类别", "金额", "订单编号", "流水号"] if zh else
              ["Row", "Date", "Direction", "Category", "Amount", "Order no.", "Transaction no."],
              [[row_of(e), e.date, way(e.direction), e.category, e.amount, e.order_no, e.txn_no] for e in res.ledger_only],
              (4,)),
        sheet("建议补录" if zh else "Proposed", ["日期", "收支", "类别", "金额", "账户", "订单编号", "流水号", "备注"] if zh else
              ["Date", "Direction", "Category", "Amount", "Account", "Order no.", "Transaction no.", "Note"],
              [[e.date, way(e.direction), e.category, e.amount, e.account, e.order_no, e.txn_no, e.note]
               for e in res.proposed], (3,)),
        sheet("问题" if zh else "Problems", ["位置", "说明"] if zh else ["Where", "Message"],
              [[i.where(shop.lang), i.message_zh if zh else i.message_en] for i in issues]),
    ]
    return write_atomic(shop.reports / _report_name(shop, st, source), lambda p: write_new_workbook(p, sheets),
                        keep_backup=False, like=shop.path(LEDGER), report=True)


def _report_name(shop: Shop, st, source: tuple[str, str, str, str]) -> str:
    # a bill with no line read and no period of its own: named by its file, never '…-None-None'
    days = f"{st.start}-{st.end}" if st.start is not None else Path(st.path).stem
    return f"{source[2] if shop.lang == 'zh' else source[3]}-{days}.xlsx"


# --- courier bills -----------------------------------------------------------------

BILL_COLUMNS = {
    # 运单号码 as 顺丰 and many 网点 bills head it, 物流单号 as the platforms name the number
    "tracking_no": ("运单号", "运单编号", "运单号码", "快递单号", "物流单号", "tracking_no"),
    # the weight charged first: 中通/圆通/韵达/申通/极兔/顺丰 bills head it 计费重量 or 结算重量, some 重量(g)
    "weight": ("计费重量", "结算重量", "重量", "实际重量", "weight"),
    "province": ("目的地", "省份", "目的省份", "目的省", "收件省份", "收件省", "到达省份", "province"),
    # the freight first, then the bills' other names for what a parcel costs (运费金额, 结算金额 …)
    "fee": ("费用", "运费", "金额", "运费金额", "结算金额", "应付金额", "总费用", "总运费", "fee"),
    # the day a parcel was taken in: 极兔 heads it 寄件时间, 邮政 收寄日期, others 揽件/揽收 or 发件
    "date": ("日期", "发件日期", "揽收日期", "揽收时间", "发件时间", "寄件日期", "寄件时间", "揽件日期", "揽件时间",
             "收寄日期", "收寄时间", "date"),
}
# what a line costs in all, where the bill gives it beside the freight; else its other charges, each in
# a column of its own: the bill's amount is all of them, the freight alone is checked against the rates
LINE_TOTAL = ("总费用", "应付金额", "费用合计", "合计金额", "总金额", "结算金额")
SURCHARGES = ("保价费", "保费", "包装费", "附加费", "偏远附加费", "燃油附加费", "超区费", "增值服务费", "其他费用")


_KG = re.compile(r"\s*(?:kg|公斤|千克)\s*$", re.I)  # "1.2kg": bills often carry the unit
_G = re.compile(r"\s*(?:g|克)\s*$", re.I)  # "500g", "500克" (tested after _KG: "kg" ends in g)
_GRAMS = ("g", "克")  # a header's unit saying its weights are in grams: 重量(g), 重量（克）
_UNIT = re.compile(r"\([^()]*\)$")  # "运费(元)", "结算重量(kg)": a header's unit (already half-width)
_TOTALS = ("合计", "总计", "小计")
# a line's words (业务类型, 备注) saying it bills the parcel's way back: 退回件, 拒收退回, 退件, 逆向件
# (not after a no: a 退回状态 column's 未退回, 无退件 says the parcel did not go back)
_RETURN_WORDS = re.compile(r"(?<![未无非不没否])(?:退回|退件|返件|逆向|退货)")
_PARCEL_NO = re.compile(r"\d{8}")  # every courier's tracking number has a run of digits this long
_WORDS = re.compile(r"[\u4e00-\u9fff:：]")  # what no tracking number holds: Chinese, a colon
_COUNTED = re.compile(r"\s*共\s*\d+\s*[票件单个]")  # 共3票 where the number would be: the totals line


def _without_units(table):
    """The bill's headers without their units, so 运费(元) is found as 运费; and the plain headers
    whose unit was grams (重量(g)), whose weights are read as grams."""
    from dataclasses import replace

    grams = set()

    def plain(h: str) -> str:
        m = _UNIT.search(h)
        if m is None or m.start() == 0:
            return h
        if m.group()[1:-1].strip() in _GRAMS:
            grams.add(h[:m.start()])
        return h[:m.start()]

    header = [plain(h) for h in table.header]
    return replace(table, header=header, rows=[{plain(k): v for k, v in r.items()} for r in table.rows]), grams


_UNIT_CELL = re.compile(r"[(（][^()（）]{1,8}[)）]")  # a cell that is a unit alone: (kg), （元）


def _two_row_header(table):
    """The header completed by the row under it where that row plainly continues it: units alone under
    their names (重量 over (kg), 运费 over (元)), or the rest of names split over two rows (运单 over 编号)
    where only the two together name the tracking number. That row, else read as a parcel's line, was
    refused (Not an amount: '(元)'), and a split name left the bill unread."""
    from dataclasses import replace

    from ..orders.platform_export import _is_number

    if not table.rows or table.line(0) != table.first_row:  # (a blank row between: no continuation)
        return table
    below = {h: v for h, v in table.rows[0].items() if v not in (None, "") and str(v).strip()}
    named = [h for h in table.header if h]
    if not below or "" in below or len(set(named)) < len(named) or any(  # (a value under no name, or two: lost)
            not isinstance(v, str) or _is_number(v) for v in below.values()):
        return table
    header = [h + header_key(below[h]) if h in below else h for h in table.header]
    units = all(_UNIT_CELL.fullmatch(v.strip()) for v in below.values())
    if not units and (any(table.has(n) for n in BILL_COLUMNS["tracking_no"])
                      or not any(header_key(n) in header for n in BILL_COLUMNS["tracking_no"])):
        return table
    keys = dict(zip(table.header, header))
    return replace(table, header=header, rows=[{keys[k]: v for k, v in r.items()} for r in table.rows[1:]],
                   first_row=table.first_row + 1, lines=table.lines[1:] if table.lines is not None else None)


def _kg(w: object, grams: bool) -> Decimal:
    """A billed weight in kg, exactly: 1.2kg and 3 公斤 as kg; 500g, 500克 and a gram column's 500 as 0.5."""
    if isinstance(w, str):
        if _KG.search(w):
            return V.parse_decimal(_KG.sub("", w))
        if _G.search(w):
            w, grams = _G.sub("", w), True
    d = V.parse_decimal(w)
    return d.scaleb(-3) if grams else d


def _looked_for(field: str) -> str:
    return "、".join(BILL_COLUMNS[field][:-1]), ", ".join(BILL_COLUMNS[field])


def read_bill(path: Path) -> tuple[list[BillLine], list[Issue]]:
    lines, issues, _ = _read_bill(path)
    return lines, issues


def _read_bill(path: Path) -> tuple[list[BillLine], list[Issue], str]:
    """The bill's lines, its issues, and the sheet of a workbook they were read from ("" for a CSV)."""
    from ..orders.platform_export import cell, read_table

    tables = [_without_units(_two_row_header(t)) for t in read_table(Path(path))]
    table, grams = next(((t, g) for t, g in tables if any(t.has(n) for n in BILL_COLUMNS["tracking_no"])), (None, set()))
    if table is None:
        (nos, nos_en), (fees, fees_en) = _looked_for("tracking_no"), _looked_for("fee")
        # where the header was looked for, and what it says: a header over two rows that did not read
        # (neither row a continuation of the other) is put right by a person there
        t = tables[0][0] if tables else None
        sheet = _sheet_of(path, t) if t is not None else ""
        said = "、".join(h for h in t.header if h) if t is not None else ""
        at = (f"（{'“' + sheet + '”表' if sheet else ''}第 {t.first_row - 1} 行读作表头：{said}）",
              f" (read as the header: {f'sheet {sheet!r}, ' if sheet else ''}row {t.first_row - 1}: "
              f"{', '.join(h for h in t.header if h)})") if t is not None else ("", "")
        raise ShopbookError(f"认不出快递账单：找不到运单号列（找过：{nos}）{at[0]}。运费列的表头应是其中之一：{fees}。"
                            "表头占两行的，请合并成一行。",
                            f"Not a courier bill: no tracking number column (looked for: {nos_en}){at[1]}. The fee "
                            f"column should be headed one of: {fees_en}. A header over two rows: make it one row.", path)
    head = table.first_row - 1  # the header's line or row: where the columns were looked for
    # a workbook's sheet the bill was read from (a 汇总 sheet before its 明细): a row named without it is nowhere
    sheet = _sheet_of(path, table)
    if not any(table.has(n) for n in BILL_COLUMNS["fee"]):
        fees, fees_en = _looked_for("fee")
        on = (f"“{sheet}”表", f"sheet '{sheet}', ") if sheet else ("", "")
        raise ShopbookError(f"快递账单{on[0]}第 {head} 行的表头里没有运费列：找过 {fees}。请把运费那一列的表头改成其中一个。",
                            f"The courier bill's header ({on[1]}row {head}) has no fee column: looked for {fees_en}. "
                            "Rename the fee column's header to one of them.", path)
    weights = [(n, header_key(n) in grams) for n in BILL_COLUMNS["weight"] if table.has(n)]
    freight = next(n for n in BILL_COLUMNS["fee"] if table.has(n))
    total = next((n for n in LINE_TOTAL if n != freight and table.has(n)), None)
    surcharges = [n for n in SURCHARGES if table.has(n)]
    # a bill whose one money column is the line's total (总费用 beside 偏远附加费, no 运费 column): its
    # surcharges are in it, its freight what is left (they were counted again on top, and checked as freight)
    inside = total is None and freight in LINE_TOTAL and bool(surcharges)
    lines, issues = [], []
    if not weights:
        kgs, kgs_en = _looked_for("weight")
        issues.append(Issue("warning", f"账单里没有重量列（找过：{kgs}）：包裹重量没有核对。",
                            f"The bill has no weight column (looked for: {kgs_en}): parcel weights were not checked.",
                            book=Path(path).name, sheet=sheet, cell=row_cell(head), row=head))
    said_totals: list[tuple[int, dict]] = []  # the bill's own 合计 lines (a 小计 is a part): what it says it charges
    read = {freight: ZERO, total: ZERO}  # what the lines read add up to in those columns
    for k, row in enumerate(table.rows):
        no = table.line(k)  # (a blank row between the lines is a row of the sheet all the same)
        tracking = cell(row, *BILL_COLUMNS["tracking_no"])
        typed = str(tracking or "")
        label = tracking if is_total_label(tracking) or _COUNTED.match(typed) else None if _PARCEL_NO.search(typed) else next(
            (v for v in row.values() if isinstance(v, str) and (v.strip().startswith(_TOTALS) or is_total_label(v))),
            None)
        if label is not None:
            # the bill's own total line (本月合计 or Total where the number would be, or 合计 beside a
            # count); a parcel's 备注 of 合计2件 leaves it a parcel
            if "小计" not in label and "sub" not in label.lower():
                said_totals.append((no, row))
            continue
        # words where the number would be, no number in them (制表人：王会计 under the totals, 面单费 beside its
        # money): a note or a charge of no parcel, never a parcel whose fee is blank
        worded = isinstance(tracking, str) and not _PARCEL_NO.search(tracking) and _WORDS.search(tracking)
        charge = not tracking or bool(worded)  # a line of money with no parcel (面单费, a month's 保价费)
        if charge and all(cell(row, n) in (None, "") for n in (freight, total, *surcharges) if n):
            continue  # a blank line, or a note
        if worded:
            tracking = ""
        at, raw = "tracking_no", tracking  # the column being read, and its cell: what a refusal names
        try:
            tracking = V.parse_code(tracking) if tracking else ""  # a number Excel showed as 7.31E+13 has lost its digits
            # a line of no parcel (偏远地区附加费 under 应付金额, 运费 blank): its freight is the freight column's
            # alone, never its total read as freight (the 合计 line's 运费 was then said to be wrong)
            at, raw = "fee", cell(row, freight) if charge else cell(row, *BILL_COLUMNS["fee"])
            if raw in (None, "") and not charge:
                raise V.BadValue("运费是空的：这个包裹没有计入账单金额，也没有核对。请补上运费。",
                                 "The fee is blank: this parcel is not in the bill's total and was not checked. "
                                 "Fill in its fee.")
            fee = V.parse_money(raw) if raw not in (None, "") else ZERO
            at, (raw, in_grams) = "weight", next(((w, g) for n, g in weights if (w := cell(row, n))), (None, False))
            weight = _kg(raw, in_grams) if raw else None
            at, raw = "date", cell(row, *BILL_COLUMNS["date"])
            date = V.parse_date(raw) if raw else None
            at, raw = total, cell(row, total) if total else None
            if raw not in (None, ""):
                charges = V.parse_money(raw) - fee
            else:
                charges = ZERO
                for at in surcharges:
                    if (raw := cell(row, at)) not in (None, ""):
                        charges += V.parse_money(raw)
                if inside:
                    fee -= charges
        except V.BadValue as e:
            column = next((n for n in BILL_COLUMNS.get(at, ()) if table.has(n)), at)  # (a charge's: its own)
            issues.append(Issue("error", e.zh, e.en, book=Path(path).name, sheet=sheet, cell=row_cell(no), row=no, column=column,
                                value="" if raw is None else str(raw)))
            if tracking or at == "tracking_no":  # on the bill all the same (never 'shipped, not billed'), its money
                lines.append(BillLine(no, tracking if at != "tracking_no" else "", None, "", ZERO, unread=True))
            continue
        read[freight] += fee + charges if inside else fee
        read[total] += fee + charges
        if charge:  # no parcel to check it against: counted in the bill's amount as an other charge, said
            issues.append(Issue("warning", f"这一行没有运单号：它的 {fee + charges:.2f} 元算作账单的其他费用（计入账单金额），"
                                "没有和包裹核对。若它是某个包裹的运费，请在账单上补上运单号。",
                                f"This line has no tracking number: its {fee + charges:.2f} is counted as one of the "
                                "bill's other charges (in the bill's amount), not checked against a parcel. If it is a "
                                "parcel's fee, add the tracking number to the bill.", book=Path(path).name, sheet=sheet,
                                cell=row_cell(no), row=no, value=f"{fee + charges:.2f}",
                                column=next((n for n in (freight, total, *surcharges) if n and cell(row, n)), freight)))
            fee, charges = ZERO, fee + charges
        back = any(isinstance(v, str) and _RETURN_WORDS.search(v) for v in row.values())
        lines.append(BillLine(no, tracking, weight, cell(row, *BILL_COLUMNS["province"]), fee, date, charges, back))
    if len(said_totals) == 1 and not any(i.is_error for i in issues):  # (a line refused already says why)
        issues += _totals_differ(Path(path).name, sheet, *said_totals[0], read)
    for other in tables:  # the bill's other sheets of parcels (a sheet per half-month): said, never passed over
        if other[0] is not table:
            lines += _sheet_not_read(path, other[0], sheet, issues)
    return lines, issues, sheet


def _sheet_of(path: Path, t) -> str:
    """The sheet of workbook `path` a table was read from (its name is "<file>:<sheet>"); "" for a CSV's."""
    prefix = f"{Path(path).name}:"
    return t.name[len(prefix):] if t.name.startswith(prefix) else ""


def _sheet_not_read(path: Path, t, sheet: str, issues: list[Issue]) -> list[BillLine]:
    """A sheet of the bill beside the one read (`sheet`) that lists parcels too (the month's second half, its
    退件 on a sheet of their own): one error at its first, and its parcels as lines not read (on the bill,
    never 'shipped, not billed', their money missing from the amount, said so). Before, it was passed over
    without a word: the amount short, and its parcels listed as not billed."""
    from ..orders.platform_export import cell

    found = [(t.line(k), v) for k, row in enumerate(t.rows)
             if (v := cell(row, *BILL_COLUMNS["tracking_no"])) is not None and _PARCEL_NO.search(str(v))]
    if not found:
        return []
    name = _sheet_of(path, t) or t.name
    column = next(n for n in BILL_COLUMNS["tracking_no"] if t.has(n))
    n, (first, value) = len(found), found[0]
    issues.append(Issue("error", f"账单的“{name}”表也有 {n} 个运单（从第 {first} 行起），这次只读了“{sheet}”表：它们的费用不在账单金额"
                        f"和运费差价里，也没有核对。它们也是这张账单的，请复制到“{sheet}”表的行下面；不是的（自己加的核对表），"
                        "请把那张表删掉。然后再对一次。",
                        f"The bill's sheet '{name}' lists {en_count(n, 'parcel')} too (from row {first}); only sheet "
                        f"'{sheet}' was read: {'its charge is' if n == 1 else 'their charges are'} not in the amount "
                        f"billed nor the margin, and not checked. If {'it is' if n == 1 else 'they are'} the bill's too, "
                        f"copy {'it' if n == 1 else 'them'} under the lines of sheet '{sheet}'; if not (a sheet of your "
                        "own), delete that sheet. Then check the bill again.", book=Path(path).name, sheet=name,
                        cell=row_cell(first), row=first, column=column, value=str(value)))
    out = []
    for row_no, v in found:
        try:
            out.append(BillLine(row_no, V.parse_code(v), None, "", ZERO, unread=True))
        except V.BadValue:
            pass  # (its digits lost: on no parcel of ours)
    return out


def _totals_differ(book: str, sheet: str, no: int, row: dict, read: dict) -> list[Issue]:
    """The bill's own 合计 line against what its lines read add up to, column by column (the freight,
    and the line total where the bill has one): a line not read, or a bill edited, leaves the bill's
    amount and the margin short without a word."""
    from ..orders.platform_export import cell

    out = []
    for column, got in read.items():
        raw = cell(row, column) if column else None
        if raw in (None, ""):
            continue
        try:
            said = V.parse_money(raw)
        except V.BadValue:
            continue
        if said != got:
            out.append(Issue("error", f"账单的合计行写着{column} {said:.2f}，读到的各行加起来是 {got:.2f}（相差 {said - got:.2f}）："
                             "账单里有的行没有读到，或账单被改过；账单金额和运费差价按读到的行算，不对。请核对账单的这一列。",
                             f"The bill's totals line says {said:.2f} in its {column} column; the lines read add up to {got:.2f} (a "
                             f"difference of {said - got:.2f}): a line was not read, or the bill was edited, and the "
                             "bill's amount and the margin worked out from the lines read are wrong. Check this column "
                             "of the bill.", book=book, sheet=sheet, cell=row_cell(no), row=no, column=column,
                             value=str(raw)))
    return out


# an order whose parcel a courier bills, though our books never shipped it
_NOT_SENT = (OrderStatus.NEW, OrderStatus.APPROVED, OrderStatus.HELD, OrderStatus.CANCELLED)


def _fees_unchecked(lines: list[int], zh, en, file: Path, sheet: str, shown: int = 10) -> Issue:
    """A warning of fees the 运费 sheet could not check, at the first of the bill's `lines`: `zh` and `en` make
    its words given where the lines are (账单第 3、4 行 / bill lines 3, 4: the first `shown`, then how many in all
    / more)."""
    n = len(lines)
    rows = "、".join(map(str, lines[:shown])) + (f" 等 {n} 行" if n > shown else "")
    rows_en = ", ".join(map(str, lines[:shown])) + (f" and {n - shown} more" if n > shown else "")
    return Issue("warning", zh(f"账单第 {rows} 行"), en(f"bill line{'s' if n > 1 else ''} {rows_en}"),
                 book=Path(file).name, sheet=sheet, cell=row_cell(lines[0]), row=lines[0])


@writes_shop("reconcile courier")
@gc_paused()
def reconcile_courier_file(shop: Shop, file: Path, courier: str | None = None) -> tuple[CourierCheck, list[Issue]]:
    """A courier's monthly bill (`file`): each billed parcel against that courier's shipped parcels
    (every tracking number of an order sent in several); weights against our estimate, fees against
    that courier's 运费 rates; the courier margin. Whose bill it is: `courier`, else named in the bill, else the
    shape of its tracking numbers (orders/couriers.py)."""
    from ..orders import couriers as C
    from ..orders.picking import Parcel, parcel_weight, weights_by_parcel
    from ..orders.review import group_orders
    from ..orders.shipping_fee import RateTable, fee_for

    bill, issues, sheet = _read_bill(Path(file))
    ow = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, ShippingRate, AfterSalesCase))
    sw = read_workbook(shop.path(STOCK), STOCK, (Product,))
    stop_on(ow.errors_in(OrderLine, ShippingRate) + sw.errors_in(Product), "无法核对快递账单",
            "Cannot check the courier bill")
    # a buyer's return billed to us is ours, never 'not shipped': its case by its 退货单号 (any case, spaces), and by
    # each parcel's number the cell names (a return sent in two parcels, "YT1 / YT2"; "YT1（破损）", a remark beside it)
    from ..aftersales.cases import return_numbers_of

    cases = {}
    for c in ow.rows(AfterSalesCase):
        for t in (c.return_tracking, *return_numbers_of(c)) if c.return_tracking else ():
            cases.setdefault(re.sub(r"\s+", "", t).upper(), c.case_no)
    products = {p.sku: p for p in sw.rows(Product)}
    orders = group_orders(ow.rows(OrderLine))
    # every parcel's number → its order and the courier that carried it; an order sent in two by two
    # couriers has a parcel on each one's bill, and its postage goes with its first parcel's courier
    carriers, payer = {}, {}
    # each parcel's own 状态 and ship day, by the lines that name it: an order sent in parts (its first row
    # still 已审核, or sent a month earlier) is no parcel 'not shipped' and none 'shipped, not billed' by
    # another part's row
    sent: dict[str, tuple[OrderStatus | None, dt.date | None]] = {}
    began: dict[str, dt.date] = {}  # the day an order's first part went: the bill of that part has its postage
    for no, ls in orders.items():
        carried = C.of_order(ls)
        payer[no] = next(iter(carried.values()), None)
        for t, carrier in carried.items():
            carriers[t] = (no, ls, carrier)
        days = ship_days(ls)
        if any(days):
            began[no] = min(d for d in days if d is not None)
        for t in carried:
            mine = [(ln.status or ls[0].status, d) for ln, d in zip(ls, days)
                    if any(t == x for x, _ in C.carriers(ln.courier, ln.tracking_no))]
            on = [d for _, d in mine if d is not None]
            sent[t] = (next((s for s, d in mine if d is not None), mine[0][0]), min(on, default=None))
    # whose bill: as --courier or the bill's name says; else the one courier that carried every parcel
    # of ours it names (the numbers' shape alone misled: one courier's shape can hold another's
    # numbers); parcels of several couriers leave it untold, each checked at its own courier's rates
    ours = {c for b in bill if (hit := carriers.get(b.tracking_no)) and (c := hit[2])}
    chk = CourierCheck(book=Path(file).name, sheet=sheet)
    if (name := C.canonical(courier)) is not None:
        chk.told_by = "option"
    elif (name := C.named_in(C.title_of(file))) is not None:
        chk.told_by = "name"
    elif len(ours) == 1:
        name, chk.told_by = next(iter(ours)), "parcels"
    elif not ours and (name := C.of_bill([b.tracking_no for b in bill if b.tracking_no])) is not None:
        chk.told_by = "numbers"
    chk.courier = name
    table = RateTable(ow.rows(ShippingRate), shop.config.orders.default_courier)
    if name is None:
        from .said import NAME_THE_COURIER

        # (each parcel at its own courier's rates, a blank 快递公司 at the default courier's: no "first courier's")
        blank = (f"，快递公司空着的按{table.default}的" if table.default else "",
                 f", a blank courier cell at {table.default}'s" if table.default else "")
        issues.append(Issue("warning", f"看不出这是哪家快递的账单：按所有快递的包裹核对，每个包裹按它的快递公司的运费{blank[0]}。"
                            f"请{NAME_THE_COURIER[0]}。",
                            "Cannot tell which courier this bill is from: checked against every courier's parcels, "
                            f"each at its own courier's rates{blank[1]}. Please {NAME_THE_COURIER[1]}.",
                            book=Path(file).name))
    by_tracking = {t: hit for t, hit in carriers.items()  # another courier's parcel: not on this bill
                   if name is None or hit[2] is None or hit[2] == name}
    rates_of = {C.canonical(c): c for c in reversed(table.couriers)}  # canonical → as the 运费 sheet spells it
    rate_courier = rates_of.get(name)
    if not table.couriers:  # (its parcels' fees said as not checked: the reason with them)
        issues.append(Issue("warning", "运费表里没有价格：这张账单的运费没有核对。请在 orders.xlsx 的“运费”表填上快递的价格。",
                            "The shipping rates are empty: this bill's fees were not checked. Fill in the couriers' "
                            "prices on the Shipping rates sheet of orders.xlsx.", book=Path(file).name))
    elif name is not None and rate_courier is None:  # never another courier's prices
        issues.append(Issue("warning", f"运费表里没有{name}的价格：这张账单的运费没有核对。请在 orders.xlsx 的“运费”表添加"
                            f"{name}的价格（各省份或一行“其他”）。",
                            f"The shipping rates have no prices for {C.said_as(name, 'en')}: this bill's fees were not "
                            f"checked. Add {C.said_as(name, 'en')}'s prices (each province, or an 'other' row) to the Shipping rates sheet of "
                            "orders.xlsx.", book=Path(file).name))
    tol = shop.config.money.courier_weight_tolerance
    # a bill that names no province (no 目的地 column, or a blank cell): the parcel's own, from its address
    from ..orders.address import places

    # a 目的地 of a city alone (杭州市, 乌鲁木齐): its province, else the 运费 sheet's 其他 price was taken for it
    dests = list(dict.fromkeys(b.province for b in bill if b.province))
    province_at = {d: p[0] or d for d, p in zip(dests, places(dests))}
    unplaced = [b.tracking_no for b in bill if not b.province and not b.unread and b.tracking_no in by_tracking]
    ours_at: dict[str, str] = {}
    if unplaced:
        ours_at = dict(zip(unplaced, (p[0] for p in places([by_tracking[t][1][0].address for t in unplaced]))))
        issues.append(Issue("note", f"账单上有 {len(unplaced)} 个包裹没有写目的地：运费按订单收货地址的省份核对。",
                            f"{en_count(len(unplaced), 'parcel')} on the bill name no destination: their fees were "
                            "checked by the province of the order's address.", book=Path(file).name))
    billed, charged = set(), set()
    # the parcels billed on their way back (ours refused, 退回件; a 售后 case's 退货单号, a buyer's return) → their
    # first such line's amount: a second line of that amount is billed twice, never a second trip back to pay (one of
    # another amount, a top-up or the courier's bill again in place of a line it then credits, is a line of the trip);
    # and the lines of trips back, none a day of ours shipping
    back: dict[str, Decimal] = {}
    trips_back: set[int] = set()
    # each parcel's first line on the bill, its courier's rate, its goods' weight (None: not all weighed) and the
    # weight billed past which it is heavy: what a credit of it (调账) or a line adding to it (续重补收) is judged by
    first_line: dict[str, tuple[BillLine, object, Decimal | None, Decimal]] = {}
    unpriced: dict[tuple[str, str], list[int]] = {}  # (courier, province) the rates lack → the bill's lines
    unrated: dict[str, list[int]] = {}  # a bill of no told courier: its parcels' couriers the rates lack → lines
    for b in bill:
        if b.unread:  # said at its line; its parcel is on the bill (below), its money not known
            chk.unread.append(b)
            continue
        chk.billed_total += b.fee + b.charges
        chk.other_charges += b.charges
        if not b.tracking_no:  # a charge of no parcel (面单费): in the bill's amount, no parcel to check
            continue
        if b.fee + b.charges < 0:  # the courier's credit on a parcel (重复计费冲销, 调账): no trip, nothing to check
            chk.credits.append((b, None))
            continue
        hit = by_tracking.get(b.tracking_no)
        if hit is not None and b.returned:  # its way back (refused, undeliverable): not its first trip again
            trips_back.add(id(b))
            if back.get(b.tracking_no) == b.fee + b.charges:  # (its way back billed twice)
                chk.billed_twice.append(b)
                continue
            back.setdefault(b.tracking_no, b.fee + b.charges)
            chk.returned.append((b, hit[0]))
            continue
        if b.tracking_no in billed:  # the courier billed one parcel twice: charged to the buyer once
            chk.billed_twice.append(b)
            continue
        if hit is None:
            case = cases.get(re.sub(r"\s+", "", b.tracking_no).upper())
            if case is not None:
                trips_back.add(id(b))
            if case is not None and back.get(b.tracking_no) == b.fee + b.charges:
                chk.billed_twice.append(b)  # a buyer's return billed twice: paid once, as ours are
            elif case is not None:
                back.setdefault(b.tracking_no, b.fee + b.charges)
                chk.returns.append((b, case))
            else:
                chk.billed_not_shipped.append(b)
            continue
        billed.add(b.tracking_no)
        no, ls, carrier = hit
        if (status := sent[b.tracking_no][0]) in _NOT_SENT:  # collected by the courier, not shipped in our books
            chk.not_marked.append((b, no, status.label(shop.lang)))
        # the buyer paid postage once, however many parcels it took: on its first parcel's courier's bill
        # (a cancelled order's buyer paid none), and on the bill of its first part (sent in parts over a
        # month's end: October's bill, never November's too)
        if no not in charged and ls[0].status is not OrderStatus.CANCELLED and (name is None or payer[no] in (None, name)) \
                and sent[b.tracking_no][1] in (None, began.get(no)):
            charged.add(no)
            chk.charged_to_buyers += postage(ls, shop.config.agents.shipping_per_order)
            issues += ow.locate(postage_differs(ls))  # (which of an order's two 运费 it was charged: a person says)
        # this parcel's goods where each line names its parcel (a coat and a shirt sent apart: the shirt's
        # parcel billed at the coat's weight is heavy), else the whole order's
        est = weights_by_parcel(no, ls, products, shared=False).get(b.tracking_no, (None, None))[1]
        if est is None:
            est = parcel_weight(Parcel(no, ls), products)
        # couriers bill started kilograms: 0.5 kg estimated is 1 kg billed, and that is fine. Goods with no 重量(kg)
        # weigh 0.5 kg in `est`: a 1.8 kg coat billed at 2 kg was called heavy by it (said, not judged)
        unweighed = [ln.sku for ln in ls if (pr := products.get(ln.sku)) is None or pr.weight_kg is None]
        # the bill's courier's rates; a bill of no known courier: the parcel's own courier's (none in the
        # 运费 sheet: not checked, said), and the default courier's for a parcel of no named courier
        rc = rate_courier if name is not None else rates_of.get(carrier) if carrier else table.default
        province = province_at.get(b.province, b.province) if b.province else ours_at.get(b.tracking_no, "")
        rate = table.rate(province, rc) if province and rc else None
        first_line[b.tracking_no] = got = (b, rate, None if unweighed else est, Decimal(math.ceil(est)) * (1 + tol))
        if b.weight is not None and unweighed:
            chk.unweighed.append((b, list(dict.fromkeys(unweighed))))
        else:
            _heavy(chk, b, got)
        if rate is not None and b.weight is not None:
            expected = fee_for(rate, b.weight)
            if expected != b.fee:
                chk.fee_differs.append((b, expected))
        else:
            chk.unchecked.append(b)
            if rate is None and province and rc:  # the courier's rates lack this province and have no 其他 row
                unpriced.setdefault((rc, province), []).append(b.line)
            elif name is None and carrier and not rc and table.couriers:  # its courier has no rates at all
                unrated.setdefault(carrier, []).append(b.line)
    for rc, at_lines in unrated.items():  # (a 顺丰 parcel on a bill of two couriers: its fee unchecked, unsaid)
        said = C.said_as(rc, "en")
        issues.append(_fees_unchecked(
            at_lines, lambda where: f"运费表里没有{rc}的价格：{len(at_lines)} 个{rc}的包裹的运费没有核对（{where}）。"
                                    f"请在 orders.xlsx 的“运费”表添加{rc}的价格（各省份或一行“其他”）。",
            lambda where: f"The shipping rates have no prices for {said}: the fee of {en_count(len(at_lines), 'parcel')} "
                          f"of {said}'s was not checked ({where}). Add {said}'s prices (each province, or an 'other' row) "
                          "to the Shipping rates sheet of orders.xlsx.", file, sheet))
    # (a fee of 60.20 where 6.20 was due passed with a ✓): each province said once, with its lines
    for (rc, province), at_lines in unpriced.items():
        issues.append(_fees_unchecked(
            at_lines, lambda where: f"运费表里没有{rc}到{province}的价格（也没有“其他”一行）：{len(at_lines)} 个包裹的运费"
                                    f"没有核对（{where}）。请在 orders.xlsx 的“运费”表补上{province}（或一行“其他”）。",
            lambda where: f"The shipping rates have no price for {rc} to {province} (nor an 'other' row): the fee of "
                          f"{en_count(len(at_lines), 'parcel')} was not checked ({where}). Add {province} (or an "
                          "'other' row) to the Shipping rates sheet of orders.xlsx.", file, sheet))
    # a credit of a line the courier billed twice (or of a parcel not ours) takes it off the bill: both settled
    for k, (c, _) in enumerate(chk.credits):
        for extra in (chk.billed_twice, chk.billed_not_shipped):
            b = next((b for b in extra if b.tracking_no == c.tracking_no and b.fee + b.charges == -(c.fee + c.charges)),
                     None)
            if b is not None:
                extra.remove(b)
                chk.credits[k] = (c, b)
                break
        else:
            # a buyer's return taken off the bill at its amount (not ours to pay after all: 退货运费险, the buyer's
            # own postage): settled, never 'ours to pay' beside a credit 'of no line'
            # (and a refused parcel's way back taken off, as the courier is asked to: not its trip out)
            for trips in (chk.returns, chk.returned):
                if (r := next(((b, n) for b, n in trips if b.tracking_no == c.tracking_no
                               and b.fee + b.charges == -(c.fee + c.charges)), None)) is not None:
                    trips.remove(r)
                    chk.credits[k] = (c, r[0])
                    break
            else:
                _credit_of_its_own_line(chk, k, first_line, fee_for)
    _topped_up(chk, first_line, fee_for)
    # the days the bill collected parcels on: a return's or a credit's day (a 冲销 on the 2nd of the next
    # month) is no day of ours shipping, and would have next month's parcels 'shipped, not billed'
    apart = {id(c) for c, _ in chk.credits} | trips_back  # (every returned and returns line is a trip back)
    dates = [b.date for b in bill if b.date and id(b) not in apart]
    undated = not dates
    if undated:
        # a bill without a date column covers some span: the ship days of the parcels it names, not every
        # parcel this courier ever carried (each earlier month's would read "shipped, not billed")
        dates = [d for t in billed if (d := sent[t][1])]
    first, last = (min(dates), max(dates)) if dates else (None, None)
    outside = 0  # (an undated bill) parcels shipped on other days: not judged
    # (a dated bill) our parcels shipped in its months before its first day or after its last: not judged either
    # (a half month's bill: the other half's), said, never a '发了、账单没有：—' over days it does not cover
    apart_days: list[tuple[str, str, dt.date]] = []
    billed |= {b.tracking_no for b in bill if b.unread}
    # a bill's days are the days the courier collected (揽收): a parcel sent on its last day's evening (or the
    # day after, 11-30 on a bill whose last collection was 11-29) is collected later and billed on the next
    # bill, not missing from this one; the next bill's check takes it up (_left_to_next_bill)
    # (a bill of a period, a week or more: a list of a few days' parcels says nothing of the days after it)
    after = last + dt.timedelta(days=1) if last is not None and not undated and (last - first).days >= 6 else None
    months_end = month_bounds(f"{last:%Y-%m}")[1] if last is not None else None  # (the bill's last month's last day)
    for t, (no, ls, carrier) in by_tracking.items():
        day = sent[t][1]  # (None: not shipped, by its own rows)
        if t in billed or (name is not None and carrier != name) or day is None:
            continue  # billed, or a parcel of no named courier: it may be on any bill, and is owed by none
        if after is not None and last <= day <= after:
            chk.next_bill.append((no, t, day))
        elif first is not None and first <= day <= last:
            chk.shipped_not_billed.append((no, t))
        elif undated:
            outside += 1
        elif first is not None and (first.replace(day=1) <= day < first or (after or last) < day <= months_end):
            apart_days.append((no, t, day))  # (another bill's days of the bill's own months: not judged, said)
    if outside:
        issues.append(_undated_bill(Path(file).name, first, last, outside))
    # those an earlier bill left to this one, and this one lacks too (its reports read only when a parcel of
    # ours shipped in the days just before this bill's is not on it)
    if first is not None and not undated and any(
            t not in billed and d is not None and first - dt.timedelta(days=3) <= d < first
            for t, (_, d) in sent.items()):
        for no, t, day, report in _left_to_next_bill(shop):
            if (t in billed or t not in by_tracking or not first - dt.timedelta(days=3) <= day < first
                    or sent.get(t, (None, None))[1] != day):
                continue  # on this bill; another courier's; judged by this bill's own days, or a bill's before
                # (an October report's parcel, on November's bill, is not December's); or re-shipped since
            if (no, t) not in chk.shipped_not_billed:
                chk.shipped_not_billed.append((no, t))
                issues.append(Issue(
                    "warning", f"运单 {t}（订单 {no}）{day} 发出，上期账单没有，{report} 说它应在下期账单上；"
                    f"这张账单（{first} 至 {last}）也没有：请找快递查这个包裹的揽收和计费。",
                    f"Tracking no. {t} (order {no}) shipped on {day}, was not on the previous bill, and {report} "
                    f"left it to the next; this bill ({first} to {last}) lacks it too: ask the courier when it "
                    "was collected and billed.", book=Path(file).name))
    if apart := [d for no, t, d in apart_days if (no, t) not in chk.shipped_not_billed]:
        issues.append(_days_not_billed(Path(file).name, first, last, apart))
    # (where each parcel we shipped and the bill lacks is in our books: the first line holding its number, else its
    # order's first line: an order sent in two parcels has each on a row of its own)
    # (订单 kept a sheet a year, 2025订单 beside 订单, read as one: the row's own sheet)
    od = ow.sheets.get(OrderLine)
    parts = [p.sheet for p in od.parts] or [od.sheet] if od is not None else [OrderLine.zh]
    for t in {t for _, t in chk.shipped_not_billed} | {t for _, t, _ in chk.next_bill}:
        ls = by_tracking[t][1]
        ls = [ln for ln in ls if any(n == t for n, _ in C.carriers(ln.courier, ln.tracking_no))] or ls
        if (first_line := min((ln.row for ln in ls if ln.row), default=None)) is not None:
            chk.shipped_at[t] = (shop.path(ORDERS).name, parts[first_line // ROW_SPAN if len(parts) > 1 else 0],
                                 own_row(first_line))
    chk.report = _write_courier_report(shop, Path(file), chk, issues)
    return chk, issues


def _credit_of_its_own_line(chk: CourierCheck, k: int, first_line: dict, fee_for) -> None:
    """The credit `chk.credits[k]` where it corrects the parcel's own first line (no line billed twice or not
    ours at its amount): a price put right (8.00 billed, 调账 -2.00: the fee the rates give), or the line taken
    off whole (billed again in its place, the line after it is the parcel's charge, checked as the first would
    be). Its fee difference and the line billed again are settled: the courier did what a person would ask."""
    c, _ = chk.credits[k]
    got = first_line.get(c.tracking_no)
    if got is None:
        return
    b, rate = got[:2]
    earlier = [x for x, y in chk.credits if y is b]  # (a line corrected once, or in steps: each taking part back)
    if earlier and len(chk.part_credits(b)) != len(earlier):
        return
    back, net = -(c.fee + c.charges), chk.net_fee(b)  # (net: the line's fee after the credits before this one)
    differs = next((d for d in chk.fee_differs if d[0] is b), None)
    if differs is not None and net - back == differs[1]:  # the price put right (at last)
        chk.fee_differs.remove(differs)
    elif net + b.charges == back:  # the whole line taken off (or what the credits before it left of it)
        if differs is not None:
            chk.fee_differs.remove(differs)
        chk.heavy[:] = [h for h in chk.heavy if h[0] is not b]  # (its weight gone with it)
        again = next((x for x in chk.billed_twice if x.tracking_no == c.tracking_no), None)
        if again is not None:  # billed again in its place: the parcel's one charge now, checked
            chk.billed_twice.remove(again)
            _heavy(chk, again, got)
            if rate is not None and again.weight is not None and (f := fee_for(rate, again.weight)) != again.fee:
                chk.fee_differs.append((again, f))
    elif (heavy := next((h for h in chk.heavy if h[0] is b), None)) is not None and rate is not None \
            and 0 < back < net and net - back == fee_for(rate, heavy[1]):
        # 重量调账: a heavy parcel's fee put right to the one its goods' weight gives (7.00 at 2.3 kg, -2.00: 5.00
        # at 0.5 kg), its weight taken up and settled by the courier
        chk.heavy.remove(heavy)
        if differs is not None:
            chk.fee_differs.remove(differs)
    elif differs is None or not 0 < back < net:  # (a line's fee off the rates, part of it taken back: below)
        return
    # part of a fee off the rates taken back (8.00 billed, 调账 -1.00, 6.00 by the rates): the credit corrects its
    # line, and the fee still differs at its net (7.00 against 6.00), said once with the credit (a second 调账 of
    # -1.00 puts the price right)
    chk.credits[k] = (c, b)


def _topped_up(chk: CourierCheck, first_line: dict, fee_for) -> None:
    """A parcel's second line of another amount that makes up its fee by the rates (5.00 for the first kg, then
    续重补收 1.00 at 1.36 kg: 6.00 in all) is the courier charging the rest, never a line billed twice to have
    taken off the bill: it goes to `chk.topped_up`, and the first line's fee difference it makes up with it."""
    for x in list(chk.billed_twice):
        got = first_line.get(x.tracking_no)
        if got is None or got[1] is None or any(b is got[0] for _, b in chk.topped_up):
            continue
        b, rate = got[:2]
        weight = max((w for w in (b.weight, x.weight) if w is not None), default=None)
        if x.fee == b.fee or x.fee <= 0 or weight is None or b.fee + x.fee != fee_for(rate, weight):
            continue  # (the same amount again: billed twice)
        chk.billed_twice.remove(x)
        chk.fee_differs[:] = [d for d in chk.fee_differs if d[0] is not b]
        chk.topped_up.append((x, b))
        if not any(h[0] is b for h in chk.heavy):  # (the weight the rest is charged for: the parcel's)
            _heavy(chk, x, got)


def _heavy(chk: CourierCheck, x: BillLine, got: tuple) -> None:
    """The parcel's line `x` heavy by its goods' weight, as its first line is judged (`got`: first_line's)."""
    est, limit = got[2:]
    if est is not None and x.weight is not None and x.weight > limit:
        chk.heavy.append((x, est))


def _write_courier_report(shop: Shop, bill: Path, chk: CourierCheck, issues: list[Issue]) -> Path:
    """The courier reconciliation's workbook, as Alipay's is written: reports/对账-快递-[courier-]<the bill's
    name>.xlsx (a bill of its own, another courier's or month's, never over it), atomic; the summary, each list of
    differences whole (the screen cuts them) with the bill's line, and the bill's problems."""
    from ..io.xlsx_patch import NewSheet, write_new_workbook

    zh = shop.lang == "zh"

    def t(a: str, b: str) -> str:
        return a if zh else b

    def sheet(title: str, head: list[str], rows: list[list], money_cols=(), date_cols=()) -> NewSheet:
        fmts = {c: "#,##0.00" for c in money_cols} | {c: "yyyy-mm-dd" for c in date_cols}
        return NewSheet(title, [head] + rows, widths=[18] * len(head), formats=fmts)

    line = t("账单行", "Bill line")

    def money(bs) -> Decimal:
        return sum((b.fee + b.charges for b in bs), ZERO)

    from ..orders.couriers import said_as

    # each item with its count and its money (a column of its own, shown to the fen); the courier as the screen
    # and the shop's waybill CSVs name it (STO in an English shop's, 申通 in a Chinese one's)
    summary = [[t("账单", "Bill"), bill.name, None],
               [t("快递", "Courier"), said_as(chk.courier, shop.lang) if chk.courier else "—", None],
               [t("账单金额", "Billed"), None, chk.billed_total],
               [t("其中其他费用", "of which other charges"), None, chk.other_charges],
               [t("向买家收取", "Charged to buyers"), None, chk.charged_to_buyers], [t("运费差价", "Margin"), None, chk.margin],
               [t("账单有我们没发", "Billed not shipped"), len(chk.billed_not_shipped), money(chk.billed_not_shipped)],
               [t("发了账单没有", "Shipped not billed"), len(chk.shipped_not_billed), None],
               [t("应在下期账单", "Due on the next bill"), len(chk.next_bill), None],
               [t("没记发货", "Not marked shipped"), len(chk.not_marked), money(b for b, _, _ in chk.not_marked)],
               [t("超重", "Heavy"), len(chk.heavy), money(b for b, _ in chk.heavy)],
               [t("运费不符", "Fee differs"), len(chk.fee_differs), sum((chk.net_fee(b) - f for b, f in chk.fee_differs), ZERO)],
               [t("重复计费", "Billed twice"), len(chk.billed_twice), money(chk.billed_twice)],
               [t("退回件", "Returned"), len(chk.returned), money(b for b, _ in chk.returned)],
               [t("买家退货", "Buyers' returns"), len(chk.returns), money(b for b, _ in chk.returns)],
               [t("补收", "Top-ups"), len(chk.topped_up), money(x for x, _ in chk.topped_up)],
               [t("冲销", "Credits"), len(chk.credits), money(c for c, _ in chk.credits)],
               [t("没读出的行", "Lines not read"), len(chk.unread), None],
               [t("运费没有核对", "Fee not checked"), len(chk.unchecked), money(chk.unchecked)],
               [t("重量没有核对", "Weight not checked"), len(chk.unweighed), None]]
    sheets = [
        sheet(t("汇总", "Summary"), [t("项目", "Item"), t("数量", "Count"), t("金额", "Amount")], summary, (2,)),
        sheet(t("账单有我们没发", "Billed not shipped"), [line, t("运单号", "Tracking no."), t("日期", "Date"), t("金额", "Amount")],
              [[b.line, b.tracking_no, b.date, b.fee + b.charges] for b in chk.billed_not_shipped], (3,), (2,)),
        sheet(t("发了账单没有", "Shipped not billed"), [t("订单编号", "Order no."), t("运单号", "Tracking no.")],
              [[o, tr] for o, tr in chk.shipped_not_billed]),
        sheet(t(*NEXT_BILL_SHEET), [t("订单编号", "Order no."), t("运单号", "Tracking no."), t("发货日期", "Shipped on")],
              [[o, tr, d] for o, tr, d in chk.next_bill], (), (2,)),
        sheet(t("没记发货", "Not marked shipped"), [line, t("运单号", "Tracking no."), t("订单编号", "Order no."),
                                                   t("状态", "Status")], [[b.line, b.tracking_no, o, st] for b, o, st in chk.not_marked]),
        sheet(t("超重", "Heavy"), [line, t("运单号", "Tracking no."), t("计费重量(kg)", "Billed (kg)"), t("估计重量(kg)", "Estimated (kg)")],
              [[b.line, b.tracking_no, b.weight, w] for b, w in chk.heavy]),
        # (billed: net of the credits that took part of it back, each said in the last two columns)
        sheet(t("运费不符", "Fee differs"), [line, t("运单号", "Tracking no."), t("账单运费", "Billed"), t("按运费表", "By the rates"),
                                             t("差额", "Difference"), t("其中冲销", "Less credits"), t("冲销行", "Credit lines")],
              [[b.line, b.tracking_no, chk.net_fee(b), f, chk.net_fee(b) - f,
                sum((c.fee + c.charges for c in cs), ZERO) if (cs := chk.part_credits(b)) else None,
                ", ".join(str(c.line) for c in cs) or None] for b, f in chk.fee_differs], (2, 3, 4, 5)),
        sheet(t("重复计费", "Billed twice"), [line, t("运单号", "Tracking no."), t("金额", "Amount")],
              [[b.line, b.tracking_no, b.fee + b.charges] for b in chk.billed_twice], (2,)),
        sheet(t("退回件", "Returned"), [line, t("运单号", "Tracking no."), t("订单编号", "Order no."), t("金额", "Amount")],
              [[b.line, b.tracking_no, o, b.fee + b.charges] for b, o in chk.returned], (3,)),
        sheet(t("买家退货", "Buyers' returns"), [line, t("运单号", "Tracking no."), t("售后单号", "Case no."), t("金额", "Amount")],
              [[b.line, b.tracking_no, c, b.fee + b.charges] for b, c in chk.returns], (3,)),
        sheet(t("补收", "Top-ups"), [line, t("运单号", "Tracking no."), t("金额", "Amount"), t("补的行", "Adds to line")],
              [[x.line, x.tracking_no, x.fee + x.charges, b.line] for x, b in chk.topped_up], (2,)),
        sheet(t("冲销", "Credits"), [line, t("运单号", "Tracking no."), t("金额", "Amount"), t("冲掉或更正的行", "Cancels or corrects line")],
              [[c.line, c.tracking_no, c.fee + c.charges, b.line if b else None] for c, b in chk.credits], (2,)),
        sheet(t("问题", "Problems"), [t("位置", "Where"), t("说明", "Message")],
              [[i.where(shop.lang), i.message_zh if zh else i.message_en] for i in issues]),
    ]
    # the courier's name too where the bill's does not carry it: two couriers' 对账单.xlsx, two reports
    from ..orders.couriers import file_word

    said = file_word(chk.courier, shop.lang) if chk.courier else ""  # (ZTO in an English shop's: 中通 in its words)
    whose = f"{said}-" if said and chk.courier not in bill.stem and said not in bill.stem else ""
    name = f"{t('对账-快递', 'reconcile-courier')}-{whose}{bill.stem}.xlsx"
    return write_atomic(shop.reports / name, lambda p: write_new_workbook(p, sheets), keep_backup=False,
                        like=shop.path(LEDGER), report=True)


def _left_to_next_bill(shop: Shop) -> list[tuple[str, str, dt.date, str]]:
    """The parcels earlier courier reconciliations left to the next bill (their 下期账单 sheet): (order,
    tracking, ship day, the report's name). A report that does not read is passed over (it is ours, rewritten
    by its bill's next check)."""
    import openpyxl

    out = []
    for path in sorted(shop.reports.glob("*.xlsx")):
        if not path.name.startswith(("对账-快递-", "reconcile-courier-")):
            continue
        try:
            wb = openpyxl.load_workbook(path, read_only=True)
        except Exception:  # noqa: BLE001, S112 - a report open or broken: its bill checked again writes it anew
            continue
        try:
            ws = next((wb[n] for n in NEXT_BILL_SHEET if n in wb.sheetnames), None)
            for row in ws.iter_rows(min_row=2, values_only=True) if ws is not None else ():
                if len(row) >= 3 and row[1] and isinstance(row[2], (dt.date, dt.datetime)):
                    day = row[2].date() if isinstance(row[2], dt.datetime) else row[2]
                    out.append((str(row[0] or ""), str(row[1]), day, path.name))
        finally:
            wb.close()
    return out


NEXT_BILL_SHEET = ("下期账单", "Next bill")


def _days_not_billed(book: str, first: dt.date, last: dt.date, days: list[dt.date]) -> Issue:
    """A note: the bill's days are first…last, and `days` are the ship days of our parcels of its months outside
    them (a half month's bill, one cut short, or a bill of the 26th to the 25th): those parcels were not checked for
    being left off it. The days before the bill's and those after it are each said on their own side (a span from
    the one to the other read as days the bill covers); the whole month is asked for only of a bill within one."""
    def span(ds: list[dt.date], to: str) -> str:
        return f"{min(ds)}{to}{max(ds)}" if min(ds) != max(ds) else str(ds[0])

    def were(ds: list[dt.date]) -> str:
        return "was" if len(ds) == 1 else "were"

    before, after = sorted(d for d in days if d < first), sorted(d for d in days if d > last)
    one_month = (first.year, first.month) == (last.year, last.month)
    if one_month and not (before and after):  # (a half month's bill: its month's other half)
        n = len(days)
        return Issue("note", f"账单的日期是 {first} 至 {last}：同月在这之外（{span(days, ' 至 ')}）发出的 {n} 个包裹没有核对有没有漏在"
                             "账单外，它们在另一张账单上。若这张账单应包括整个月，请找快递要完整的账单再对一次。",
                     f"The bill's dates are {first} to {last}: {en_count(n, 'parcel')} of ours shipped in the same month "
                     f"outside them ({span(days, ' to ')}) {were(days)} not checked for being left off it: another bill's. "
                     "If this bill should cover the whole month, get the full bill from the courier and check it again.",
                     book=book)
    zh, en = [], []
    if before:
        zh.append(f"在这之前（{span(before, ' 至 ')}）发出的 {len(before)} 个包裹属于上一期账单")
        en.append(f"{en_count(len(before), 'parcel')} of ours shipped before them ({span(before, ' to ')}) "
                  f"{'is' if len(before) == 1 else 'are'} the previous bill's")
    if after:
        zh.append(f"在这之后（{span(after, ' 至 ')}）发出的 {len(after)} 个包裹属于下一期账单")
        en.append(f"{en_count(len(after), 'parcel')} shipped after them ({span(after, ' to ')}) "
                  f"{'is' if len(after) == 1 else 'are'} the next bill's")
    which_zh = "、".join(w for w, ds in (("上一期", before), ("下一期", after)) if ds)
    which_en = " and ".join(w for w, ds in (("previous", before), ("next", after)) if ds)
    them = "it" if len(days) == 1 else "them"
    ask_zh = "若这张账单应包括整个月，请找快递要完整的账单再对一次。" if one_month else ""
    ask_en = " If this bill should cover the whole month, get the full bill from the courier and check it again." \
        if one_month else ""
    return Issue("note", f"账单的日期是 {first} 至 {last}：{'，'.join(zh)}；这里没有核对它们有没有漏在账单外，请用{which_zh}账单核对。"
                         + ask_zh,
                 f"The bill's dates are {first} to {last}: {'; '.join(en)}; {'it was' if len(days) == 1 else 'they were'} "
                 f"not checked here for being left off a bill: check {them} with the {which_en} "
                 f"bill{'s' if before and after else ''}.{ask_en}", book=book)


def _undated_bill(book: str, first, last, outside: int) -> Issue:
    """What a bill with no dates was checked against for parcels it left off, and what was not."""
    if first is None:
        return Issue("warning", f"账单没有日期列，也没有我们发出的包裹：没有核对哪些包裹漏在账单外（{outside} 个已发的包裹没有核对）。",
                     f"The bill has no dates and names none of our shipped parcels: none of the {outside} shipped "
                     "parcels was checked for being left off it.", book=book)
    return Issue("warning", f"账单没有日期列：只核对了 {first} 至 {last}（账单上包裹的发货日期）发出的包裹有没有漏在账单外；"
                            f"其他日期发出的 {outside} 个包裹没有核对。",
                 f"The bill has no dates: only parcels shipped from {first} to {last} (the ship days of the parcels on "
                 f"it) were checked for being left off it; {outside} shipped on other days were not.", book=book)
