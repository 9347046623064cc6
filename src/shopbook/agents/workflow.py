"""Agents as shop-level operations: price sheets (with an order sheet to send back),
monthly statements and the finance summary, and e-mailing them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from html import escape
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from ..io.cells import append, put
from ..io.files import write_atomic
from ..io.journal import after_commit, locks_shop, writes_shop
from ..io.reader import locate_in, read_workbook
from ..io.sheet_edit import SheetEdit, Writer, edit_workbook, ensure_writable, formula_rows
from ..issues import DataStop, Issue, ShopbookError, col_letter, en_count, few, first, issue_said, stop_on
from ..money.ledger import as_sent, month_before, month_bounds, month_or_stop, not_before, shop_began
from ..printout import on_a4, within
from ..report.widths import text_width
from ..schema import (AGENTS, ORDERS, STOCK, AfterSalesCase, Agent, AgentPrice, AgentStatus, Movement, OrderLine,
                      OrderSource, Payment, PoStatus, Product, ProductStatus, PurchaseLine, Rebate, Tier)
from ..shop import Shop, month_given
from ..stock.levels import available, on_order_today
from ..validate.rules import (FIX_AGENT, FIX_SKU, FIX_TIER, agent_of_name, check_agent_emails, check_movements,
                              check_order_lines, check_order_lines_unique, check_rebates, check_references, check_tiers,
                              check_unique)
from ..values import code_key
from .prices import PriceBook, check_price_tiers, check_prices, check_tier_floors, order_day, priced_skus
from .settlement import (SHIPPED, AgentStatement, Billed, Settled, case_orders, money, no_agent_named, payments_a_year_off, payments_ahead,
                         payments_negative, payments_twice, read_as_agents, refunds_only, returned_to, returns_not_posted, settle, stray_returns,
                         TierChange, line_tier)

ORDER_SHEET_ROWS = 300  # rows of the order sheet an agent can fill in
HEAD_FILL = PatternFill("solid", fgColor="1F4E78")


SHEETS_STOP = ("无法生成代理价格表", "Cannot make the agents' price sheets")
SETTLE_STOP = ("无法结算代理", "Cannot settle the agents")


def _load(shop: Shop, what: tuple[str, str] = ("无法使用 agents.xlsx", "Cannot use agents.xlsx"),
          models: tuple = (Agent, Tier, AgentPrice, Rebate)):
    """agents.xlsx read; a row of it that does not read, of the sheets `models` the command uses, stops
    `what` (the command's words, as its other stops say them)."""
    if not shop.path(AGENTS).exists():
        raise ShopbookError("没有 agents.xlsx。", "There is no agents.xlsx.", shop.path(AGENTS))
    aw = read_workbook(shop.path(AGENTS), AGENTS)
    stop_on(aw.errors_in(*models) if models else [], *what, shop.path(AGENTS))
    return aw


def _price_book(shop: Shop, aw, products: list[Product]) -> PriceBook:
    return PriceBook(products, aw.rows(Tier), aw.rows(AgentPrice), shop.config.agents.rounding,
                     shop.config.agents.floor_discount, aw.rows(Agent))


def _read_errors(wd, model, used: list) -> list[Issue]:
    """Read errors of the rows this run uses, and of rows that could not be read at all
    (they may be one of them); other rows' errors are for `shopbook validate`."""
    rows, read = {r.row for r in used}, {r.row for r in wd.rows(model)}
    return [i for i in wd.errors_in(model) if i.row in rows or i.row not in read]


def _check(what: tuple[str, str], aw, stock, pb: PriceBook, orders=None, cases: dict[str, str] | None = None,
           priced: set[str] | None = None, only: list[Agent] | None = None) -> None:
    """Stop where `shopbook validate` would, on the sheets this run reads: never send a price
    below cost or an empty price sheet, never bill a line twice. With `orders` (and its `cases`,
    settlement.case_orders): the settlement's sheets too (payments, rebates, the agents' order
    lines and the returns against them). `priced`: the SKUs whose agent price this run uses
    (prices.priced_skus; the price sheets': every product but a 下架 one). `only`: the agents whose price
    sheets `agents sheets --agent` makes: another agent's 等级 typo, or another tier's price below cost, is
    not theirs to stop on (`validate` says it)."""
    # keys of unreadable rows count as there: their typo is reported once, as a read error
    skus, tiers, ids = set(pb.products) | stock.keys(Product, "sku"), aw.keys(Tier, "tier"), aw.keys(Agent, "agent_id")
    models = (Agent, Tier, AgentPrice) + ((Rebate, Payment) if orders is not None else ())
    found = aw.errors_in(*models) + stock.errors_in(Product)
    if only is not None and orders is None:  # `agents sheets --agent`: another agent's row that does not read (its
        # 等级 blank, a 代理价 of another tier typed 'Total') is not theirs to stop on (before: every sheet stopped)
        found = [i for m in models for others in (_others_rows(aw, m, only, tiers),) for i in aw.errors_in(m)
                 if i.row not in others] + stock.errors_in(Product)  # (each model's others once: 1,000 rows)
    rules = check_tiers(aw.rows(Tier)) + check_unique(stock.rows(Product), Product)
    for m in models:
        rules += check_unique(aw.rows(m), m)
    rules += check_references(aw.rows(Agent) if only is None else only, "tier", tiers, "等级", "Tier", *FIX_TIER)
    theirs = None if only is None else {a.tier for a in only}
    dated = only is not None and any(a.tier_from is not None for a in only)  # (the tier before theirs too)
    rules += check_price_tiers(_theirs_or_unknown(aw.rows(AgentPrice), tiers, None if dated else theirs), tiers,
                               aw.rows(Agent))  # (an agent's id typed for a tier)
    # a 商品 sheet whose 商家编码 header is mistyped knows no SKU: its header is the one error, not every
    # 代理价 row and agent's line "not in the 商品 sheet"
    knows_skus = stock.has_column(Product, "sku")
    if knows_skus:
        rules += check_references(aw.rows(AgentPrice), "sku", skus, "商家编码", "SKU", *FIX_SKU)
    if priced is None:
        priced = priced_skus(stock.rows(Product))
    rules += check_prices(pb, [r for r in aw.rows(AgentPrice) if theirs is None or r.tier in theirs],
                          [t for t in aw.rows(Tier) if theirs is None or t.tier in theirs], priced)
    books = (aw, stock)
    if orders is not None:
        lines = [ln for ln in orders.rows(OrderLine) if ln.source is OrderSource.AGENT or ln.agent_id]
        returns = [m for m, _ in returned_to(stock.rows(Movement), {ln.order_no for ln in lines}, cases or {})]
        found += _read_errors(orders, OrderLine, lines) + _read_errors(stock, Movement, returns)
        rules += check_rebates(aw.rows(Rebate))
        named = agent_of_name(aw.rows(Agent))
        rules += check_references(aw.rows(Payment), "agent_id", ids, "代理编号", "Agent id", *FIX_AGENT, named=named)
        rules += check_order_lines(lines) + check_order_lines_unique(lines) + check_movements(returns)
        rules += check_references(lines, "agent_id", ids, "代理编号", "Agent id", *FIX_AGENT, named=named)
        if knows_skus:
            rules += check_references(lines, "sku", skus, "商家编码", "SKU", *FIX_SKU)
        books += (orders,)
    stop_on(found + [i for i in locate_in(books, rules) if i.is_error], *what)  # warnings do not stop


def _others_rows(aw, model, only: list[Agent], tiers: set[str]) -> set[int]:
    """The rows of `model` (代理商, 等级, 代理价), read or not (with what of them reads), that are plainly of agents
    other than `only` or of tiers they are not on: their errors do not stop `agents sheets --agent`. A row whose
    agent or tier did not read, or a 代理价 row whose tier may be theirs (_theirs_or_unknown), is theirs."""
    sd = aw.sheets.get(model)
    rows = [*sd.records, *sd.unreadable] if sd is not None else []
    if model is Agent:
        ids = {code_key(a.agent_id) for a in only}
        return {r.row for r in rows if getattr(r, "agent_id", None) and code_key(r.agent_id) not in ids}
    if any(getattr(a, "tier_from", None) is not None for a in only):  # (priced at the tier before until that day:
        return set()  # its rows are theirs too, and which that is is known only from the settled months)
    theirs = {a.tier for a in only}
    if model is Tier:
        return {r.row for r in rows if getattr(r, "tier", None) and r.tier not in theirs}
    if model is AgentPrice:
        typed = [r for r in rows if getattr(r, "tier", None)]
        kept = {id(r) for r in _theirs_or_unknown(typed, tiers, theirs)}
        return {r.row for r in typed if id(r) not in kept}
    return set()


def _theirs_or_unknown(rows: list[AgentPrice], tiers: set[str], theirs: set[str] | None) -> list[AgentPrice]:
    """The 代理价 rows whose 等级 `agents sheets --agent` stops on (`theirs`: the tiers of the agents named; None:
    every row): those of their tiers, and those of a tier that does not exist unless it is near one other tier
    alone (金牌 left behind when 金牌代理 was renamed is 金牌代理's agents' to stop on, never 银牌's: before, every
    agent's sheet stopped on it). One near none, or near theirs, may be theirs: it still stops them."""
    if theirs is None:
        return rows
    from ..schema.lists import suggest

    near: dict[str, list[str]] = {}
    out = []
    for r in rows:
        if r.tier and r.tier not in tiers and r.tier not in near:
            near[r.tier] = suggest(r.tier, sorted(map(str, tiers)), 0.6)
        other = r.tier not in theirs and (r.tier in tiers or (len(near.get(r.tier) or []) == 1
                                                               and near[r.tier][0] not in theirs))
        if not other:
            out.append(r)
    return out


def _read_as_agents(aw, orders):
    """agents.xlsx and orders.xlsx as read, their 收款 and order lines' 代理编号 typed another way read as
    the agent's id (settlement.read_as_agents; copies, the books read stay as the cache keeps them), and
    the (agent, warning) of each such cell."""
    ids = aw.keys(Agent, "agent_id")
    said = []
    books = []
    for wd, model in ((aw, Payment), (orders, OrderLine)):
        records, s = read_as_agents(wd.rows(model), ids)
        if s and model in wd.sheets:
            wd = replace(wd, sheets={**wd.sheets, model: replace(wd.sheets[model], records=records)})
        said += s
        books.append(wd)
    return *books, said


def _file_part(s: str) -> str:
    """A file name from an agent's id and name: a / must not make a folder, CON. or NUL.x
    must not name a device on Windows, a 300-byte name must not exceed the file system's."""
    from ..names import safe_file_name

    return safe_file_name(s)


def _named(name: str, agent_id: str, zh: bool) -> str:
    """An agent in a title: 杭州衣橱（DL001） in Chinese; English puts ASCII brackets after a space."""
    return f"{name}（{agent_id}）" if zh else f"{name} ({agent_id})"


def _agents(aw, agent_id: str | None, path: Path | None = None) -> list[Agent]:
    agents = [a for a in aw.rows(Agent) if a.status in (None, AgentStatus.ACTIVE)]
    if agent_id:
        agents = [a for a in aw.rows(Agent) if a.agent_id == agent_id]
        if not agents:  # typed "dl003" (as a PO number on the command line is read): the one agent it can be
            agents = [a for a in aw.rows(Agent) if code_key(a.agent_id) == code_key(agent_id)]
            agents = agents if len(agents) == 1 else []
        if not agents:  # about the shop's data: in its language alone, with the ids near it
            from ..schema.lists import did_you_mean

            zh, en = did_you_mean(agent_id, [a.agent_id for a in aw.rows(Agent)])
            raise DataStop(f"“{Agent.zh}”表里没有代理编号 {agent_id}。{zh}",
                           f"The {Agent.en} sheet has no agent id {agent_id}." + (f" {en}" if en else ""),
                           path)
    return agents


def availability(avail: int, lang: str, low_stock: int, kept: bool = True, restocked: bool = True) -> str:
    """The price sheet's 库存 for the agent. `kept`: False for a 不备货 product (ordered from the factory as
    orders come in): none on the shelf is 按单订货, not 缺货 (before: the agent was told it could not be had,
    of a product the shop sells by ordering it for each order). `restocked`: False for a 过季 product (never
    reordered: stock.report.NOT_RESTOCKED): none left is 售完不补, not 缺货, which the agent read as goods to come back
    (before: orders taken for it, held for goods that will not come)."""
    if avail <= 0:
        if not kept:
            return "按单订货" if lang == "zh" else "made to order"
        if not restocked:
            return "售完不补" if lang == "zh" else "sold out, no more"
        return "缺货" if lang == "zh" else "out of stock"
    if avail <= low_stock:  # shopbook.toml's [stock] low_stock_units
        return "少量" if lang == "zh" else "few left"
    return "有货" if lang == "zh" else "in stock"


# 下单日期 (optional, last): the day the agent ordered, which its lines are priced at (orders.platform_export
# reads it as their 付款时间); blank: the day the sheet is imported
ORDER_HEADS = {"zh": ["代理编号", "订单编号", "收货人", "手机", "收货地址", "商家编码", "数量", "买家留言", "下单日期"],
               "en": ["agent_id", "order_no", "receiver", "phone", "address", "sku", "qty", "buyer_message",
                      "order_date"]}
ORDER_FORMATS = {2: "@", 4: "@", 6: "@", 9: "yyyy-mm-dd"}  # codes as text; the order date as a date


def _listed(pb: PriceBook, products: list[Product], tier: str) -> dict[str, Decimal]:
    """SKU → the agent price a price sheet of `tier` made today lists (every product but a 下架 one)."""
    out = {}
    for p in products:
        if p.status is not ProductStatus.DELISTED and (price := pb.price(p.sku, tier)) is not None:
            out.setdefault(p.sku, price)
    return out


def sheet_tier(pb: PriceBook, agent: Agent, today: dt.date) -> tuple[str, TierChange | None]:
    """The tier an agent's price sheet made `today` prices at, and its 等级 dated ahead (等级起始日期 after today)
    where there is one: until that day its orders are billed at the tier before (pb.tier_on, as `agents settle`
    bills them), so the sheet lists that tier's prices and says the new ones from that day (before: the new tier's
    prices from the day it was typed, and the orders placed meanwhile billed above them)."""
    tier = pb.tier_on(agent.agent_id, today) or agent.tier
    change = pb.dated.get(agent.agent_id)
    return tier, change if change is not None and change.since > today and tier != agent.tier else None


def _price_changes(pb: PriceBook, sku: str, tier: str, ahead: TierChange | None, today: dt.date
                   ) -> list[tuple[dt.date, Decimal]]:
    """Each day after `today` the agent's price of `sku` changes, with the price from then: the dated 代理价 rows
    (pb.changes), and the day its 等级 dated ahead (`ahead`) takes over at that tier's prices."""
    if ahead is None:
        return pb.changes(sku, tier, today)
    out = [(d, v) for d, v in pb.changes(sku, tier, today) if d < ahead.since]
    was, now = pb.price(sku, tier, ahead.since - dt.timedelta(days=1)), pb.price(sku, ahead.now, ahead.since)
    if now is not None and now != was:
        out.append((ahead.since, now))
    return out + pb.changes(sku, ahead.now, ahead.since)


def price_sheet(path: Path, agent: Agent, pb: PriceBook, products: list[Product], avail, lang: str,
                shop_name: str, low_stock: int, coming: Mapping[str, int] | None = None) -> Path:
    """Only this agent's prices: never cost, never another tier. The order sheet is the
    only place that can be edited; the price sheet is protected."""
    zh = lang == "zh"
    today = dt.date.today()
    tier, ahead = sheet_tier(pb, agent, today)
    wb = Workbook()
    ws = wb.active
    ws.title = "价格表" if zh else "Prices"
    put(ws, 1, 1, f"{shop_name} · {_named(agent.name, agent.agent_id, zh)}" + (" 代理价格表" if zh else " price sheet"))
    ws["A1"].font = Font(bold=True, size=14)
    put(ws, 2, 1, f"{dt.date.today():%Y-%m-%d}")
    heads = (["商家编码", "名称", "款号", "颜色", "尺码", "吊牌价", "代理价", "最低零售价", "库存", "重量(kg)", "调价"] if zh else
             ["SKU", "Name", "Style", "Colour", "Size", "List price", "Agent price", "Floor retail", "Availability",
              "Weight (kg)", "Price change"])
    for j, h in enumerate(heads, start=1):
        c = put(ws, 4, j, h)
        c.font, c.fill = Font(bold=True, color="FFFFFF"), HEAD_FILL
    r = 4
    for p in products:
        if p.status is ProductStatus.DELISTED:
            continue
        price = pb.price(p.sku, tier, today)
        if price is None:
            continue
        r += 1
        # the 代理价 rows dated ahead: the agent ordering on such a day is billed at it, so the sheet says each
        # (a 双12 price and the day the old one is back), never the first alone as if it stayed; and a 等级 dated
        # ahead, from its day
        later = _price_changes(pb, p.sku, tier, ahead, today)
        stock = availability(avail[p.sku], lang, low_stock, p.status is not ProductStatus.NO_STOCK,
                             # a 过季 one still on an open 采购 row has goods coming (stock alerts say no 下架 for
                             # it either): 缺货, as any coming back (before: 售完不补, the orders for them turned away)
                             p.status is not ProductStatus.OUT_OF_SEASON or (coming or {}).get(p.sku, 0) > 0)
        row = [p.sku, p.name, p.style, p.colour, p.size, float(p.price), float(price),
               float(pb.floor_price(p.sku, tier)), stock,
               float(p.weight_kg) if p.weight_kg is not None else None,
               ("；".join(f"{d:%Y-%m-%d} 起 {v:,.2f}" for d, v in later) if zh else
                "; ".join(f"{v:,.2f} from {d:%Y-%m-%d}" for d, v in later)) or None]
        for j, v in enumerate(row, start=1):
            c = put(ws, r, j, v)
            if j in (6, 7, 8):
                c.number_format = "#,##0.00"
    for letter, w in zip("ABCDEFGHIJK", (18, 22, 10, 8, 6, 10, 10, 11, 9, 9, 40)):
        ws.column_dimensions[letter].width = w
    ws.freeze_panes = "A5"
    on_a4(ws, lang, "4:4", landscape=True)  # (eleven columns: 153 characters wide)
    ws.protection.sheet = True  # read-only for the agent (no password: it is a guard, not a secret)
    orders = wb.create_sheet("订单" if zh else "Orders")
    for j, h in enumerate(ORDER_HEADS[lang], start=1):
        c = put(orders, 1, j, h)
        c.font, c.fill = Font(bold=True, color="FFFFFF"), HEAD_FILL
    # every row below the header is the agent's to type in, however many orders: the columns are unlocked and
    # formatted as wholes (a row past the filled-in ids too; the import gives it the sheet's one 代理编号)
    for j in range(2, len(ORDER_HEADS[lang]) + 1):
        dim = orders.column_dimensions[col_letter(j - 1)]
        dim.protection = Protection(locked=False)
        dim.number_format = ORDER_FORMATS.get(j, "General")
    for r in range(2, ORDER_SHEET_ROWS + 2):
        put(orders, r, 1, agent.agent_id)  # filled in, locked: the import knows whose orders they are
        for j in range(2, len(ORDER_HEADS[lang]) + 1):
            c = orders.cell(row=r, column=j)
            c.protection = Protection(locked=False)
            c.number_format = ORDER_FORMATS.get(j, "General")
    dv = DataValidation(type="whole", operator="greaterThan", formula1="0", allow_blank=True,
                        error="数量必须是正整数" if zh else "The quantity must be a positive whole number")
    dv.add("G2:G1048576")
    orders.add_data_validation(dv)
    for letter, w in zip("ABCDEFGHI", (10, 16, 10, 14, 40, 18, 6, 24, 12)):
        orders.column_dimensions[letter].width = w
    orders.freeze_panes = "A2"
    on_a4(orders, lang, "1:1", landscape=True)
    orders.protection.sheet = True
    return write_atomic(path, lambda p: wb.save(p), keep_backup=False)


@writes_shop("agents sheets")
def price_sheets(shop: Shop, agent_id: str | None = None) -> list[Path]:
    """`agents sheets` and its button: a price sheet per agent 合作中 (or of no status), or the one
    named; none to make is a stop, said (it printed nothing and exited 0)."""
    sheets, said = _price_sheets(shop, agent_id)
    if not sheets:
        raise DataStop(f"{Agent.zh}表里没有合作中的代理：没有价格表可做。在 agents.xlsx 的{Agent.zh}表填上代理再运行。",
                       f"The {Agent.en} sheet has no active agent: there is no price sheet to make. Add the agents to "
                       f"the {Agent.en} sheet of agents.xlsx and run again.", shop.path(AGENTS))
    return PriceSheets(sheets.values(), said)


class PriceSheets(list):
    """The price sheets written (paths), and `warnings`: what they carry that the shop should see before sending
    them (a tier's 最低零售折扣 below 7 折, its floor prices on them: check_tier_floors)."""

    def __init__(self, paths, warnings: list[Issue] = ()):
        super().__init__(paths)
        self.warnings = list(warnings)

    def said(self) -> list[tuple[str, str, str]]:
        """(mark, zh, en) the warnings, as `agents sheets` and its button say them after the sheets."""
        return [issue_said(i) for i in self.warnings]


def _sheets_checked(shop: Shop, aw, only: list[Agent] | None = None):
    """The price sheets' stop (as _check says it; `only`: of those agents'); their stock.xlsx and price book."""
    stock = read_workbook(shop.path(STOCK), STOCK, (Product, Movement, PurchaseLine))
    pb = _price_book(shop, aw, stock.rows(Product))
    _check(SHEETS_STOP, aw, stock, pb, only=only)
    # an agent's 等级 dated (等级起始日期): before that day at the tier before, as settle bills it (sheet_tier)
    pb.dated = dated_tiers(shop, aw.rows(Agent))
    return stock, pb


def dated_tiers(shop: Shop, agents: list[Agent]) -> dict[str, TierChange]:
    """Agent id → its 等级 dated (tier_change: 等级起始日期, the tier before as the last month settled before it
    recorded it), for PriceBook.dated: what the price sheets, `agents settle` and SB_AGENT_PRICE price an order
    placed before that day at. Empty where no agent's 等级 is dated (the reports/ records are then not read)."""
    dated = [a for a in agents if a.tier_from is not None]
    if not dated:
        return {}
    settled = settled_months(shop, "9999-12")
    return {a.agent_id: c for a in dated if (c := tier_change(a, settled.get(a.agent_id, {}))) is not None}


def _price_sheets(shop: Shop, agent_id: str | None = None) -> tuple[dict[str, Path], list[Issue]]:
    """Agent id → its price sheet, and the warnings of the sheets made (a tier of theirs whose floor is below 7 折:
    its floor prices are on them; before, said by `validate` alone, the sheets made with ✓)."""
    # (a 返利 row prices nothing: settle's to stop on; --agent: the rows not theirs do not stop it, _check)
    aw = _load(shop, SHEETS_STOP, (Agent, Tier, AgentPrice) if not agent_id else ())
    if agent_id:  # its own row not read (its 等级 blank): that is the stop, not "no agent id DL001"
        others = _others_rows(aw, Agent, [Agent.model_construct(agent_id=agent_id)], set())
        stop_on([i for i in aw.errors_in(Agent) if i.row not in others], *SHEETS_STOP, shop.path(AGENTS))
    agents = _agents(aw, agent_id, shop.path(AGENTS))
    stock, pb = _sheets_checked(shop, aw, agents if agent_id else None)
    # the tiers the sheets list prices of: each agent's, and the one before a 等级 dated ahead
    used = {a.tier for a in agents} | {sheet_tier(pb, a, dt.date.today())[0] for a in agents}
    said = locate_in([aw], check_tier_floors([t for t in aw.rows(Tier) if t.tier in used],
                                             shop.config.agents.floor_discount))
    products = stock.rows(Product)
    lines = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine) if shop.path(ORDERS).exists() else []
    # as of today, as stock alerts and SB_AVAILABLE count it: a 入库 typed a year ahead (2027 for 2026), or goods
    # typed in before they came, are not on the shelf to ship an agent's order from (before: 有货 on the sheet)
    avail = available(products, stock.rows(Movement), lines, dt.date.today())
    coming = Counter()
    if any(p.status is ProductStatus.OUT_OF_SEASON for p in products):  # (sent, dated ahead: on order, as alerts say)
        # (a 草稿 line is not sent: nothing comes of it unless it is, and stock alerts say to delete it)
        pos, today = [ln for ln in stock.rows(PurchaseLine) if ln.status is not PoStatus.DRAFT], dt.date.today()
        coming = on_order_today(pos, stock.rows(Movement), today)
    out = {}
    from ..io.limits import not_xml_read, writer_says

    writer_says(not_xml_read(stock.sheets.get(Product), aw.sheets.get(Agent)))  # removed as written, and said
    folder = shop.reports / ("代理" if shop.lang == "zh" else "agents")
    made = _sheets_by_agent(folder, shop.lang, [a.agent_id for a in aw.rows(Agent)]) if folder.is_dir() else {}
    for a in agents:
        name = _file_part(f"{a.agent_id}-{a.name}-{'价格表' if shop.lang == 'zh' else 'prices'}.xlsx")
        old = folder / name
        if not old.exists():  # an agent renamed since: its last sheet, under the name it had then, is replaced
            old = next((f for f in made.get(a.agent_id, []) if f.parent == folder), old)
        was = _sheet_prices(old) if old.exists() else None
        kept = old.read_bytes() if was is not None and was[0] < dt.date.today() else None
        out[a.agent_id] = price_sheet(folder / name, a, pb, products, avail, shop.lang, shop.config.shop.name,
                                      shop.config.stock.low_stock_units, coming)
        past = folder / HISTORY[shop.lang] / f"{old.stem}-{was[0]:%Y-%m-%d}.xlsx" if was is not None else None
        if old != folder / name and past is not None:
            # never two current sheets of one agent to send: the old-named one moves to the replaced ones, as
            # it is, for the repricing check of orders placed from it (_sheet_said_otherwise)
            past.parent.mkdir(parents=True, exist_ok=True)
            old.replace(past)
        elif kept is not None and _listed(pb, products, sheet_tier(pb, a, dt.date.today())[0]) != was[1]:
            # the prices the agent may still be ordering from: kept, dated, for the repricing check
            # (_sheet_said_otherwise) of orders placed before this sheet reached them
            past.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(past, lambda p, b=kept: p.write_bytes(b), keep_backup=False)
    return out, said


def _sheets_by_agent(folder: Path, lang: str, ids) -> dict[str, list[Path]]:
    """Agent id → the price sheets in `folder` and those kept in HISTORY that are its, newest name
    first: each file is the agent's whose id (as _file_part writes it) begins its name, the longest such,
    whatever name the agent had when it was made (an agent renamed since keeps its sheets)."""
    word = "价格表" if lang == "zh" else "prices"
    heads = sorted(((_file_part(f"{i}-"), i) for i in ids), key=lambda x: -len(x[0]))
    files = [*folder.glob(f"*-{word}.xlsx"), *(folder / HISTORY[lang]).glob(f"*-{word}-????-??-??.xlsx")]
    out: dict[str, list[Path]] = {}
    for f in sorted(files, key=lambda f: -f.stat().st_mtime):
        who = next((i for h, i in heads if f.name.startswith(h)), None)
        if who is not None:
            out.setdefault(who, []).append(f)
    return out


@dataclass(frozen=True)
class Renamed:
    """A statement of the month under its agent's earlier name, replaced by the one just written."""
    agent_id: str
    name: str  # the agent's name now
    old: Path
    new: Path
    gone: bool  # deleted (else open in Excel: left, and said)


@dataclass(frozen=True)
class SentBefore:
    """An agent's statement of the month that already went out by e-mail (outbox/reports-sent.log), and how
    the one this settlement wrote differs from it: `changes` (zh, en), each summary figure that moved
    (was → now); `changed` with none: its lines moved, not its figures; `compared` False: the message sent
    is not in outbox/sent/ to compare with."""
    agent_id: str
    name: str
    when: str  # as the log has it: 2026-12-01 10:02
    changed: bool
    changes: tuple[tuple[str, str], ...] = ()
    compared: bool = True


HISTORY = {"zh": "以前的价格表", "en": "earlier price sheets"}  # under reports/代理: sheets replaced by a newer one


@dataclass
class Settlement:
    month: str
    statements: list[AgentStatement]
    files: list[Path]
    summary: Path
    priced: int = 0  # blank 单价 cells of the agents' order lines filled in with the price billed
    # 单价 cells whose formula reads blank (=IFERROR(VLOOKUP(…),"")): billed alike, the formula kept
    formulas: tuple[str, ...] = ()
    # 代理 lines shipped in the month naming no agent: on no statement; and each copy of a sheet settle reads
    # (收款 (2)): its rows (a payment, a return) not read
    unbilled: tuple[Issue, ...] = ()
    fees: int = 0  # agents' orders whose blank 运费 was filled in with shipping_per_order, charged
    per_order: Decimal = Decimal(0)  # that fee
    fee_formulas: tuple[str, ...] = ()  # 运费 cells whose formula reads blank: charged alike, the formula kept
    # each agent renamed since the month was settled: its statement under the old name, replaced
    replaced: list[Renamed] = field(default_factory=list)
    running: dt.date | None = None  # today, where the month is not over: the statements are to today
    # each agent whose statement of the month already went out by e-mail: settled again, said (sent_said)
    sent: tuple[SentBefore, ...] = ()

    @property
    def issues(self) -> list[Issue]:
        return [i for s in self.statements for i in s.issues] + list(self.unbilled)

    def sent_said(self, shown: int | None = None, where: tuple[str, str] | None = None) -> list[tuple[str, str, str]]:
        """Each agent's statement that already went out, settled again and changed since (its file in reports/ is
        now the new one; the agent holds the one sent), never behind a ✓: the first `shown` (None: all), then how
        many more; then those unchanged, in one line."""
        out = []
        for b in self.sent:
            if not b.changed:
                continue
            who_zh, who_en = _named(b.name, b.agent_id, True), _named(b.name, b.agent_id, False)
            if not b.compared:
                what = ("outbox/sent/ 里没有那封邮件，无法比较重新结算后有没有变化",
                        "that message is not in outbox/sent/, so whether this settlement changed it cannot be told")
            elif b.changes:
                zh, en = few([c[0] for c in b.changes], 6, [c[1] for c in b.changes], sep=("；", "; "))
                what = (f"重新结算后变了：{zh}", f"settled again, it changed: {en}")
            else:
                what = ("重新结算后数字没变，明细变了", "settled again, its figures are the same but its lines changed")
            out.append(("!", f"代理{who_zh}的 {self.month} 对账单 {b.when} 已经用邮件发出，{what[0]}。reports/ 里的对账单已换成新的，"
                             f"代理手上的还是发出的那份：核对后用 shopbook agents email --month {self.month} 重发，并告诉代理改了什么。",
                        f"Agent {who_en}'s {self.month} statement was already e-mailed on {b.when}; {what[1]}. The "
                        "statement in reports/ is now the new one, while the agent holds the one sent: check it, then "
                        f"send it again with shopbook agents email --month {self.month} and tell the agent what changed."))
        out = first(out, shown, ("个代理（对账单已发出，重新结算后变了）", "more agents (statements sent, changed since)"),
                    where or ("shopbook agents settle --json 列出全部", "shopbook agents settle --json lists them all"))
        same = [b for b in self.sent if not b.changed]
        if len(same) == 1:
            b = same[0]
            out.append(("–", f"代理{_named(b.name, b.agent_id, True)}的 {self.month} 对账单 {b.when} 已经用邮件发出：重新结算没有变化。",
                        f"Agent {_named(b.name, b.agent_id, False)}'s {self.month} statement was already e-mailed on "
                        f"{b.when}: settled again, it is unchanged."))
        elif same:
            zh, en = few([_named(b.name, b.agent_id, True) for b in same], 5,
                         [_named(b.name, b.agent_id, False) for b in same])
            out.append(("–", f"{zh} 的 {self.month} 对账单已经用邮件发出：重新结算没有变化。",
                        f"The {self.month} statements of {en} were already e-mailed: settled again, they are unchanged."))
        return out

    def said(self, shown: int | None = None, issues: bool = True, where: tuple[str, str] | None = None
             ) -> list[tuple[str, str, str]]:
        """What `agents settle` prints and the 代理月结 button shows (mark, zh, en): the month, how many
        agents and what they owe in all; each agent's line, every figure its balance is made of (运费
        too: it adds up, as the statement does); the lines left out or cut down (`issues`: the CLI
        prints each as a block); the blank prices written; the summary. Lists: the first `shown`
        (None: all), then how many more and where (`where`: the 代理月结 button's list of them whole; else the
        command line)."""
        # what the agents owe, and apart from it what they paid over: netted, one agent's credit read as
        # money the others owe less (应收合计 ¥751.01 where ¥1,185.61 is to collect)
        if not self.statements:  # (a shop without agents pressing 代理月结: "0 个代理，应收合计 ¥0.00" and a ✓ beside a
            # summary of nothing)
            return [("–", f"“{Agent.zh}”表里没有代理：{self.month} 没有可以结算的。有代理的话，在 agents.xlsx 的“{Agent.zh}”"
                          "表每个代理填一行，再结算。",
                     f"The {Agent.en} sheet has no agent: there is nothing of {self.month} to settle. With agents, give "
                     f"each a row on the {Agent.en} sheet of agents.xlsx, then settle again.")] + (
                first([issue_said(i) for i in self.issues], shown, ("条", "more"), where or (
                    "shopbook agents settle 列出全部", "shopbook agents settle lists them all")) if issues else []) \
                + [("!" if self.issues else "–", str(self.summary), str(self.summary))]  # (an agent's order without
            # its 代理编号 is said, as the command line says it: the box hid it)
        total = sum((s_.balance for s_ in self.statements if s_.balance > 0), money(0))
        over = [s_.balance for s_ in self.statements if s_.balance < 0]
        credit = -sum(over, money(0))
        out = [("", f"{self.month} 代理月结：{len(self.statements)} 个代理，应收合计 ¥{total:,.2f}"
                    + (f"，多付待抵扣 ¥{credit:,.2f}（{len(over)} 个代理）" if over else ""),
                f"{self.month} agent settlement: {en_count(len(self.statements), 'agent')}, balance due ¥{total:,.2f}"
                + (f", overpaid to carry to next month ¥{credit:,.2f} ({en_count(len(over), 'agent')})" if over else ""))]

        from rich.cells import cell_len

        # every agent's figures in one column, a Chinese character taking two of the screen's
        wide = max([10] + [cell_len(s_.name) for s_ in self.statements])

        def line(s_, zh: bool) -> str:
            w = ("货款", "运费", "退货", "返利", "收款", "上期", "本期应收") if zh else (
                "goods", "shipping", "returns", "rebate", "paid", "b/f", "due")
            name = s_.name + " " * (wide - cell_len(s_.name))
            return (f"  {s_.agent_id} {name} {w[0]} {s_.goods:>10,.2f}  {w[1]} {s_.shipping:>8,.2f}  "
                    f"{w[2]} {s_.returned:>9,.2f}  {w[3]} {s_.rebate:>8,.2f}  {w[4]} {s_.paid:>10,.2f}  "
                    f"{w[5]} {s_.brought_forward:>10,.2f}  {w[6]} {s_.balance:>10,.2f}")

        lines = [("", line(s_, True), line(s_, False)) for s_ in self.statements]
        out += first(lines, shown, ("个代理", "more agents"),
                                                 (f"全部在 {self.summary}", f"all of them are in {self.summary}"))
        if self.running is not None:  # (as the statements say it to each agent)
            out.append(("", *running_note(self.month, self.running)))
        if issues:
            said = [issue_said(i) for i in self.issues]
            out += first(said, shown, ("条", "more"), where or (
                "shopbook agents settle 列出全部", "shopbook agents settle lists them all"))
        # ✓ only for a month whose every line is on a statement: a line left out or cut down is said above; nor
        # where a statement the agent already has by e-mail is now another
        mark = "!" if self.issues or any(b.changed for b in self.sent) else "✓"
        return out + self.priced_said() + self.sent_said(shown, where) + [(mark, str(self.summary), str(self.summary))]

    def priced_said(self) -> list[tuple[str, str, str]]:
        """What shopbook wrote into a person's workbook, said (by `agents email` too)."""
        out = [] if not self.priced else [
            ("✓", f"{self.priced} 行代理订单的单价是空的：按代理价计费，并把这个价写入了 orders.xlsx"
                  "（以后改价不影响已结算的月份）",
             f"{en_count(self.priced, 'agent order line')} with a blank unit price: billed at the agent "
             "price, written into orders.xlsx (a later price change leaves settled months as they are)")]
        if self.formulas:
            cells, cells_en = few(list(self.formulas))
            out.append(("!", f"orders.xlsx 的单价 {cells} 是公式，算出来是空的：按代理价计费，公式没有改动，"
                             "所以以后代理价改了，这个月会按新价算。要固定下来，请在那里填上价格。",
                        f"The unit price {cells_en} of orders.xlsx holds a formula whose value is blank: billed at the "
                        "agent price, the formula left as it is, so a later price change changes this month. To keep "
                        "it, type the price there."))
        if self.fees:
            out.append(("✓", f"{self.fees} 个代理订单的运费是空的：按每单 {self.per_order:,.2f} 元（shopbook.toml 的 "
                             "[agents] shipping_per_order）计费，并把它写入了 orders.xlsx（以后改这个设置不影响已结算的月份）",
                        f"{en_count(self.fees, 'agent order')} with a blank shipping fee: charged "
                        f"{self.per_order:,.2f} yuan an order (shopbook.toml's [agents] shipping_per_order), written "
                        "into orders.xlsx (a later change of the setting leaves settled months as they are)"))
        for r in self.replaced:
            out.append(("✓" if r.gone else "!",
                        f"代理{_named(r.name, r.agent_id, True)}改过名字：{self.month} 的对账单现在是 {r.new.name}；改名前结算的 "
                        f"{r.old.name}（数字是那时的）" + ("已删除" if r.gone else "正开着，没有删除：关掉后删除它，别发给代理"),
                        f"Agent {_named(r.name, r.agent_id, False)} was renamed since: the {self.month} statement is now "
                        f"{r.new.name}; {r.old.name}, settled under the earlier name (its figures those of then), "
                        + ("was deleted" if r.gone else "is open, so it was not deleted: close it and delete it; "
                                                        "do not send it to the agent")))
        if self.fee_formulas:
            cells, cells_en = few(list(self.fee_formulas))
            out.append(("!", f"orders.xlsx 的运费 {cells} 是公式，算出来是空的：按每单 {self.per_order:,.2f} 元计费，"
                             "公式没有改动，所以以后改了 shipping_per_order，这个月会按新的算。要固定下来，请在那里填上运费。",
                        f"The shipping fee {cells_en} of orders.xlsx holds a formula whose value is blank: charged "
                        f"{self.per_order:,.2f} yuan an order, the formula left as it is, so a later change of "
                        "shipping_per_order changes this month. To keep it, type the fee there."))
        return out

    def to_json(self) -> dict:
        return {"month": self.month, "agents": [s.to_json() for s in self.statements],
                "files": [str(f) for f in self.files], "summary": str(self.summary), "prices_written": self.priced,
                "prices_not_written": list(self.formulas), "fees_written": self.fees,
                "fees_not_written": list(self.fee_formulas),
                "replaced": [str(r.old) for r in self.replaced if r.gone],
                "sent_before": [{"agent_id": b.agent_id, "sent": b.when, "changed": b.changed,
                                 "changes": [en for _, en in b.changes]} for b in self.sent],
                "issues": [i.to_json() for i in self.issues]}


@writes_shop("agents settle")
def settle_month(shop: Shop, month: str, write: Writer = edit_workbook) -> Settlement:
    """Every agent's statement for `month`. A shipped line with a blank 单价 up to the month's end
    is billed at the agent's price of the day, and that price is written into its blank cell:
    the month stays as settled when the price book changes later (a typed 单价 is never touched); an
    order with a blank 运费 likewise gets the shipping_per_order it was charged."""
    month = month_given(month)
    first, last = month_or_stop(month)
    today = dt.date.today()  # (one day for the whole settlement: a run across midnight bills as it began)
    aw = _load(shop, SETTLE_STOP)
    orders = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, AfterSalesCase))
    aw, orders, read_as = _read_as_agents(aw, orders)  # "dl003" for DL003: before anything matches ids
    # an order's 状态 and 发货日期 typed once, on its first row: its other rows shipped with it, as the
    # ledger's margin counts them (money.ledger.as_sent)
    lines = as_sent(orders.rows(OrderLine))
    stock = read_workbook(shop.path(STOCK), STOCK, (Product, Movement))
    pb = _price_book(shop, aw, stock.rows(Product))
    what = SETTLE_STOP
    cases = case_orders(orders.rows(AfterSalesCase))  # a return posted under its case number is its order's
    credited = case_orders(orders.rows(AfterSalesCase), credited=True)  # not an exchange's (case_orders)
    # the prices this settlement bills: blank 单价 lines shipped by the month's end (a new product no
    # agent has ordered, its price still to decide, does not stop the month's statements)
    billed = [ln for ln in lines if ln.status in SHIPPED and ln.shipped_on is not None
              and ln.shipped_on <= last]
    # the agents whose lines it prices from their 等级 (a blank 单价): another's 等级 typo (a new agent added for
    # 双12, nothing billed yet) is a warning on its statement, not a stop of every agent's month
    tiered = {ln.agent_id for ln in billed if ln.unit_price is None and ln.source is OrderSource.AGENT}
    _check(what, aw, stock, pb, orders, cases, priced_skus([], billed),
           only=[a for a in aw.rows(Agent) if a.agent_id in tiered])
    _before_the_shop_began(month, last, lines, aw.rows(Payment))
    per_order = shop.config.agents.shipping_per_order
    settled = settled_months(shop, month)  # a month settled keeps the rebate rate it was settled at
    # and the 等级 it was settled at, where the agent's is another now (one since renamed away: today's)
    kept = {a: {m: r.tier for m, r in recs.items() if r.tier in pb.tiers and r.tier != pb.tier_of(a)}
            for a, recs in settled.items()}
    changes = {a.agent_id: tier_change(a, settled.get(a.agent_id, {})) for a in aw.rows(Agent)}
    # what each earlier month's statement sent billed each order: a 上期结余 moved since names the orders that moved it
    statements = [settle(a.agent_id, a.name, month, first, last, lines, stock.rows(Movement),
                         aw.rows(Payment), aw.rows(Rebate), per_order, pb, credited, settled.get(a.agent_id),
                         orders.rows(AfterSalesCase), kept.get(a.agent_id), today=today,
                         sent=SentStatements(shop, a.agent_id, [k for k in settled.get(a.agent_id, {}) if k < month]),
                         change=changes[a.agent_id])
                  for a in aw.rows(Agent)]
    by_agent = {s.agent_id: s for s in statements}
    # said every month until its 单号 is put right: those goods are on no statement
    moved = [m for m in stock.rows(Movement) if m.date <= last]
    for agent, i in stray_returns(moved, lines, cases, by_agent):
        by_agent[agent].issues.append(i)
    # a payment typed twice: said on its agent's statement the month it is dated
    for agent, i in read_as:  # said every month until the sheet is tidied
        if agent in by_agent:
            by_agent[agent].issues.append(i)
    month_paid = [pm for pm in aw.rows(Payment) if first <= pm.date <= last]
    for agent, i in payments_twice(month_paid) + payments_negative(month_paid):
        if agent in by_agent:
            by_agent[agent].issues.append(i)
    # (2027 typed for 2026, or 2026 for 2027 in January: said every month until put right)
    for agent, i in payments_ahead(aw.rows(Payment)) + payments_a_year_off(aw.rows(Payment)):
        if agent in by_agent:
            by_agent[agent].issues.append(i)
    for s in statements:  # an agent's 仅退款 credits nothing: said to the agent and to finance
        notes, said = refunds_only(orders.rows(AfterSalesCase), lines, s.agent_id, first, last,
                                   aw.rows(Payment))
        s.notes += notes
        s.issues += said
    # and a return marked done whose goods were never posted: billed in full, nothing credited (said to finance)
    for agent, i in returns_not_posted(orders.rows(AfterSalesCase), lines, stock.rows(Movement), first, last):
        if agent in by_agent:
            by_agent[agent].issues.append(i)
    untiered = {a.row: a.agent_id for a in aw.rows(Agent) if a.agent_id not in tiered}
    for i in check_references([a for a in aw.rows(Agent) if a.row in untiered], "tier", aw.keys(Tier, "tier"),
                              "等级", "Tier", *FIX_TIER):
        if untiered.get(i.row) in by_agent:
            by_agent[untiered[i.row]].issues.append(replace(i, severity="warning"))
    for s in statements:
        s.issues = locate_in([aw, stock, orders], s.issues)
    # a month still running (an agent asking what it owes so far): its statements are of the days to today, said
    # to the agent and on screen, never passed off as the month's
    running = today if last >= today else None
    if running is not None:
        for s in statements:
            s.notes.insert(0, running_note(month, running))
    # said in the month it shipped, as a line of another 来源 naming an agent is (validate: every time)
    # a copy of a sheet read (收款 (2), 出入库 (2)): the reader's warning at it, which validate alone said, while
    # the statements went out without the payments or returns typed there
    read = [(wd.sheets[m], m) for wd, models in ((aw, (Agent, Tier, AgentPrice, Rebate, Payment)), (orders, (OrderLine,)),
                                                 (stock, (Movement,))) for m in models if m in wd.sheets]
    copies = tuple(i for sd, _ in read for i in sd.issues
                   if not i.is_error and i.row is None and i.sheet and i.sheet != sd.sheet)
    # a sheet a month (10月收款, 11月收款): the one read found by its headers, the others' rows not
    copies += tuple(_unread_said(sd, m, n) for sd, m in read for n in sd.unread)
    # and beside a 收款 read by its name (11月收款, 2025收款): its payments are every earlier month's balance too
    copies += _payments_beside(shop.path(AGENTS), aw, {i.sheet for i in copies})
    # and beside a 订单 read by its name (2025订单 kept when the year turned, which the reader leaves unsaid):
    # December settled in January billed none of its orders, every agent 多付 its balance, the ✓ kept
    if (osd := orders.sheets.get(OrderLine)) is not None and osd.present and not osd.unread:
        from ..io.reader import filled_sheets_beside

        said = {i.sheet for i in copies}
        copies += tuple(_unread_said(osd, OrderLine, n)
                        for n in filled_sheets_beside(shop.path(ORDERS), osd.sheet, OrderLine) if n not in said)
    unbilled = copies + tuple(locate_in([orders], no_agent_named(
        [ln for ln in lines if ln.status in SHIPPED and ln.shipped_on is not None
         and first <= ln.shipped_on <= last])))
    stop_on([i for s in statements for i in s.issues if i.is_error], *what)
    # the blank 单价 of each line this settlement billed (shipped up to the month's end, or today while it
    # runs: one dated later is on no statement yet, settlement.settle): the price it used
    upto = min(last, today)
    prices = {ln.row: p for ln in lines
              if ln.unit_price is None and ln.source is OrderSource.AGENT and ln.status in SHIPPED
              and ln.shipped_on is not None and ln.shipped_on <= upto
              for t in [line_tier(ln, kept.get(ln.agent_id), pb.tier_of(ln.agent_id), changes.get(ln.agent_id))[0]]
              if t is not None for p in [pb.price(ln.sku, t, order_day(ln))] if p is not None}
    # a blank 单价 priced otherwise than the price sheet the agent ordered from (a tier or 售价 changed since)
    for agent, i in _sheet_said_otherwise(shop, aw.rows(Agent), lines, prices, pb):
        if agent in by_agent:
            by_agent[agent].issues += locate_in([orders], [i])
    # a tier changed since last month was settled: the month's blank 单价 all priced at the new one, said
    for s in statements:  # (a 等级 dated: the statement says which orders are at which tier, settlement.tier_split)
        if changes.get(s.agent_id) is not None:
            continue
        said = _tier_changed(s, settled.get(s.agent_id, {}), aw.rows(Agent), lines, prices, first, last,
                             pb.tier_of(s.agent_id))
        if said is not None:
            s.notes.append(said[0])
            s.issues += locate_in([aw], [said[1]])
    # and the blank 运费 of each order it charged shipping_per_order (one line shipped by the month's end,
    # no line with a 运费): that fee, on each of its lines, so that a later change of the setting leaves
    # the month, and what later months bring forward from it, as billed
    fees = _fees_charged(lines, by_agent, upto)
    sd = orders.sheets[OrderLine]
    # a formula reading blank (=IFERROR(VLOOKUP(…),"")) is a person's: billed alike, never written over
    kept_p = formula_rows(write, shop.path(ORDERS), sd, "unit_price", prices.keys()) if prices else set()
    kept_f = formula_rows(write, shop.path(ORDERS), sd, "shipping_fee", fees.keys()) if fees else set()
    formulas, fee_formulas = (tuple(f"{col_letter(sd.columns[name])}{r}" for r in sorted(kept))
                              for name, kept in (("unit_price", kept_p), ("shipping_fee", kept_f)))
    cells: dict[int, dict] = {}
    for r, p in prices.items():
        if r not in kept_p:
            cells.setdefault(r, {})["unit_price"] = p
    for r in fees:
        if r not in kept_f:
            cells.setdefault(r, {})["shipping_fee"] = per_order
    if cells:
        ensure_writable(write, shop.path(ORDERS))  # before the statements: none sent at prices not kept
    folder = shop.reports / ("代理" if shop.lang == "zh" else "agents")
    files = [_write_statement(folder / _file_part(f"{s.agent_id}-{s.name}-{'对账单' if shop.lang == 'zh' else 'statement'}"
                                                  f"-{month}.xlsx"), s, shop) for s in statements]
    summary = _write_summary(folder / f"{'代理结算汇总' if shop.lang == 'zh' else 'agent-settlement'}-{month}.xlsx",
                             statements, shop, unbilled)
    if cells:
        write(shop.path(ORDERS), [SheetEdit(OrderLine, set_cells=cells, layout=orders.sheets[OrderLine])],
              lang=shop.lang)
    res = Settlement(month, statements, files, summary, sum(r not in kept_p for r in prices), formulas, unbilled,
                     len({fees[r] for r in fees if r not in kept_f}), per_order, fee_formulas, running=running)
    # a statement of the month the agent already has by e-mail: said unchanged, or what changed, once the new one is in
    # place (compared with it as written)
    after_commit(lambda: setattr(res, "sent", _sent_before(shop, month, statements, files)))
    # an agent renamed since the month was last settled: its statement under the old name is of then, and a
    # person forwarding the month's statement could send it; it goes once this one is in place
    stale = _renamed_statements(folder, month, shop.lang, statements, files)
    if stale:
        after_commit(lambda: res.replaced.extend(_removed(stale)))
    return res


def _statement_rows(src) -> list[tuple] | None:
    """The cells of a statement (_write_statement's first sheet: no day it was made on, so two settlements of
    the same figures read alike), from a file or its bytes; None where it does not read as a workbook."""
    from openpyxl import load_workbook

    # (only the file's read in here: a file cut short or damaged fails as it is opened, or as its rows are parsed
    # — an XML ParseError, a zlib.error — and any of them is no statement; the caller's own errors are its)
    try:
        wb = load_workbook(src, read_only=True)
    except Exception:  # noqa: BLE001 - whatever does not open as a workbook is no statement
        return None
    try:
        return [tuple(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    except Exception:  # noqa: BLE001 - its sheet's XML cut short or damaged
        return None
    finally:
        wb.close()


def _figures(rows: list[tuple]) -> dict[str, Decimal]:
    """A statement's summary, label → figure (its rows from the third, while a figure stands beside the label)."""
    out: dict[str, Decimal] = {}
    for r in rows[2:]:
        if len(r) < 2 or not isinstance(r[0], str) or not isinstance(r[1], (int, float)) or isinstance(r[1], bool):
            break
        out[r[0]] = money(Decimal(str(r[1])))
    return out


def _sent_before(shop: Shop, month: str, statements: list[AgentStatement], files: list[Path]) -> tuple[SentBefore, ...]:
    """Each statement of `month` that already went out by e-mail (`agents email`: reports-sent.log notes its
    report, agent MONTH ID), with what the one just written changed of the one sent (its attachment, kept in
    outbox/sent/): settled again, a corrected payment or a line typed late makes another statement, and the
    agent holds the first."""
    import email
    from email import policy
    from email.parser import BytesParser
    from io import BytesIO

    from ..report import mail, sent_log

    log = shop.outbox / mail.REPORTS_SENT
    if not log.is_file():
        return ()
    last: dict[str, tuple[str, str]] = {}  # report → (digest, when) of the latest sending
    for ln in sent_log.text(log).splitlines():
        parts = ln.split("\t")
        if len(parts) == 3 and parts[0].startswith(f"agent {month} "):
            last[parts[0]] = (parts[1], parts[2])
    if not last:
        return ()
    wanted = {f"agent {month} {s.agent_id}" for s in statements} & set(last)
    sent: dict[str, bytes] = {}  # report → the statement it attached
    # newest first, each message's head alone read until it is one of them (a year's daily reports are in sent/ too);
    # one Windows would not move to sent/ (open in a program) is still in outbox/, noted sent (sent_log.to_sent)
    kept = [*(shop.outbox / "sent").glob("*.eml"), *shop.outbox.glob("*.eml")] if wanted else []
    for p in sorted(kept, key=lambda p: p.name, reverse=True):
        if len(sent) == len(wanted):
            break
        try:
            with open(p, "rb") as fh:
                head = BytesParser(policy=policy.default).parse(fh, headersonly=True)
            report = str(head[mail.REPORT] or "").strip()
            if report not in wanted or report in sent or str(head[mail.DIGEST] or "").strip() != last[report][0]:
                continue
            msg = email.message_from_bytes(p.read_bytes(), policy=policy.default)
        except OSError:
            continue
        for part in msg.iter_attachments():
            name = part.get_filename() or ""
            if name.endswith(f"-{month}.xlsx") and ("对账单" in name or "statement" in name):
                sent[report] = part.get_content()
    out = []
    for s, f in zip(statements, files):
        report = f"agent {month} {s.agent_id}"
        if report not in last:
            continue
        when = last[report][1]
        was = _statement_rows(BytesIO(sent[report])) if report in sent else None
        now = _statement_rows(f)
        if was is None or now is None:
            out.append(SentBefore(s.agent_id, s.name, when, True, compared=False))
            continue
        if was == now:
            out.append(SentBefore(s.agent_id, s.name, when, False))
            continue
        a, b = _figures(was), _figures(now)
        changes = tuple((f"{k} {a[k]:,.2f} → {b[k]:,.2f}" if k in a and k in b else
                         f"{k} {a[k]:,.2f} → 无" if k in a else f"{k} 无 → {b[k]:,.2f}",
                         f"{k} {a[k]:,.2f} → {b[k]:,.2f}" if k in a and k in b else
                         f"{k} {a[k]:,.2f} → none" if k in a else f"{k} none → {b[k]:,.2f}")
                        for k in list(b) + [k for k in a if k not in b] if a.get(k) != b.get(k))
        out.append(SentBefore(s.agent_id, s.name, when, True, changes))
    return tuple(out)


def running_note(month: str, today: dt.date) -> tuple[str, str]:
    """What a statement of a month not over says (zh, en): its figures are to today, not the month's."""
    return (f"{month} 还没有过完：本对账单只算到今天（{today}）为止的发货、退货和收款，不是整月的；月底过后结算的才是整月的。",
            (f"{month} is not over: this statement counts the shipments, returns and payments up to today ({today}), "
             "not the whole month's; the one settled after the month's end is."))


def _renamed_statements(folder: Path, month: str, lang: str, statements: list[AgentStatement], files: list[Path]
                        ) -> list[tuple[AgentStatement, Path, Path]]:
    """(statement, its file under an earlier name of its agent, the file just written) for each of
    the month's statements in `folder` that is an agent's by its id (the longest id beginning the
    name, as _sheets_by_agent tells them) and is none of this run's."""
    word = "对账单" if lang == "zh" else "statement"
    # and the names they were written for: one open in Excel is left, this run's beside it as "… (2).xlsx"
    # (write_atomic), and is its agent's statement under the name it has now, not one of an earlier name
    written = {f.name for f in files} | {_file_part(f"{s.agent_id}-{s.name}-{word}-{month}.xlsx") for s in statements}
    heads = sorted(((_file_part(f"{s.agent_id}-"), s, f) for s, f in zip(statements, files)), key=lambda x: -len(x[0]))
    out = []
    for old in sorted(folder.glob(f"*-{word}-{month}.xlsx")) if folder.is_dir() else []:
        if old.name not in written:
            mine = next(((s, f) for h, s, f in heads if old.name.startswith(h)), None)
            if mine is not None and _statement_of(old, mine[0].agent_id):
                out.append((mine[0], old, mine[1]))
    return out


def _statement_of(path: Path, agent_id: str) -> bool:
    """Whether a statement file's title names the agent `agent_id` (杭州衣橱（DL1）): DL1-2's, an agent no longer
    on the sheet, begins with DL1- too, and is never taken for DL1's."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True)
        try:
            title = str(wb.worksheets[0]["A1"].value or "")
        finally:
            wb.close()
    except Exception:  # noqa: BLE001 — a file that does not read is not known to be the agent's: left as it is
        return False
    return any(_named("", agent_id, zh) in title for zh in (True, False))


def _removed(stale: list[tuple[AgentStatement, Path, Path]]) -> list[Renamed]:
    """Each old-named statement deleted, unless someone has it open (then left, and said)."""
    from ..io.files import owner_file

    out = []
    for s, old, new in stale:
        gone = owner_file(old) is None
        if gone:
            try:
                old.unlink(missing_ok=True)
            except OSError:
                gone = False
        out.append(Renamed(s.agent_id, s.name, old, new, gone))
    return out


def tier_change(agent: Agent, settled: dict[str, Settled]) -> TierChange | None:
    """The agent's 等级 dated by its 等级起始日期 (None where blank): the tier before it, as the latest month settled
    before that day's month recorded it (None: no such record, the orders before it stop and ask)."""
    if agent.tier_from is None:
        return None
    since = f"{agent.tier_from:%Y-%m}"
    if any(k > since and r.tier and r.tier != agent.tier for k, r in settled.items()):
        # a date left from an earlier change (a month settled after it at another tier): not the 等级 now's, which
        # changed since unsaid; judged as a tier without a date (_tier_changed warns), never billed silently
        return None
    was = next((settled[k].tier for k in sorted(settled, reverse=True) if k < since and settled[k].tier), None)
    return TierChange(agent.tier_from, agent.tier, was)


def _tier_changed(s: AgentStatement, settled: dict[str, Settled], agents: list[Agent], lines: list[OrderLine],
                  prices: dict[int, Decimal], first: dt.date, last: dt.date, now: str | None
                  ) -> tuple[tuple[str, str], Issue] | None:
    """(a note for the agent, a warning at its 等级 cell) where its tier `now` is not the one the month (kept: its
    blank 单价 priced at that one) or else last month was settled at, and lines shipped in the month were priced
    from a blank 单价 (`prices`: row → price): a 等级 has no date, so which tier priced them is said. None where
    the tier is the same, or neither month has a record of it."""
    from ..issues import at

    own = settled.get(s.month)
    kept = own is not None and own.tier is not None and own.tier == s.tier and s.tier != now
    before = s.month if kept else month_before(first)
    was = own if kept else settled.get(before)
    if was is None or was.tier is None or s.tier is None or now is None or was.tier == now:
        return None
    rows = [ln for ln in lines if ln.row in prices and ln.agent_id == s.agent_id and ln.source is OrderSource.AGENT
            and ln.shipped_on is not None and first <= ln.shipped_on <= last]
    agent = next((a for a in agents if a.agent_id == s.agent_id), None)
    if not rows or agent is None:
        return None
    # (for the agent: which lines, in its words, not "a blank 单价" of our workbook)
    # the first 8 (as tier_split names them), then how many more and where: before, every order of the month
    nos_zh, nos_en = few(list(dict.fromkeys(ln.order_no for ln in rows)), 8,
                         where=("都在本对账单的发货明细里", "all on this statement's Shipped list"))
    if kept:
        return ((f"本月订单 {nos_zh} 按“{s.tier}”的代理价计：{s.month} 结算时的等级（现在是“{now}”）。",
                 f"This month's orders {nos_en} are priced at '{s.tier}', the tier {s.month} was "
                 f"settled at (it is '{now}' now)."),
                at(agent, "tier", "warning",
                   f"代理 {s.agent_id} 的等级现在是“{now}”，{s.month} 结算时是“{s.tier}”：这个月单价空着的 {len(rows)} 行"
                   f"（第一行：订单 {rows[0].order_no}）按结算时的“{s.tier}”计费并写入，已结算的月份照旧。等级没有日期：若这些订单"
                   f"确实该按“{now}”计，请在它们的单价填上“{now}”的代理价，再结算。",
                   f"Agent {s.agent_id}'s tier is '{now}' now and was '{s.tier}' when {s.month} was settled: the "
                   f"month's {en_count(len(rows), 'line')} with no unit price (the first: order {rows[0].order_no}) are "
                   f"billed at '{s.tier}', the tier it was settled at, and it is written in: a settled month stays as "
                   f"settled. A tier has no date: if these orders are to be billed at '{now}', type the '{now}' agent "
                   "price into their unit price and settle again."))
    note = (f"等级现在是“{s.tier}”（{before} 结算时是“{was.tier}”）：本月订单 {nos_zh} 按“{s.tier}”的代理价计。",
            (f"The tier is now '{s.tier}' ({before} was settled at '{was.tier}'): this month's orders "
             f"{nos_en} are priced at '{s.tier}'."))
    return note, at(agent, "tier", "warning",
                    f"代理 {s.agent_id} 的等级 {before} 结算时是“{was.tier}”，现在是“{s.tier}”：本月单价空着的 {len(rows)} 行"
                    f"（第一行：订单 {rows[0].order_no}）全部按“{s.tier}”计费并写入。等级没有日期，改等级之前下的订单也按新等级算："
                    f"若等级是月中改的，请在那些订单的单价填上“{was.tier}”的代理价，再结算。以后月中改等级，请同时在{Agent.zh}表填上"
                    "等级起始日期（改的那天）：之前下的订单结算时按原来的等级计。",
                    f"Agent {s.agent_id}'s tier was '{was.tier}' when {before} was settled and is '{s.tier}' now: the "
                    f"month's {en_count(len(rows), 'line')} with no unit price (the first: order {rows[0].order_no}) are "
                    f"all billed at '{s.tier}' and it is written in. A tier has no date, so orders placed before the "
                    f"change are priced at the new tier too: if it changed during the month, type the '{was.tier}' "
                    "agent price into those orders' unit price and settle again. When a tier changes mid-month, type "
                    f"the day as its tier_from on the {Agent.en} sheet too: orders placed before it are billed at the "
                    "tier before.")


def _unread_said(sd, model, other: str) -> Issue:
    """A warning at `other`, a sheet of `model`'s headers beside the one read (`sd`, found by its headers):
    its rows (payments, order lines, returns) are on no statement of this settlement."""
    named = sd.sheet in (model.zh, model.en)  # (read by its name: no "as" to say)
    return Issue("warning",
                 f"“{other}”和“{sd.sheet}”的表头相同，shopbook 只读了“{sd.sheet}”" + ("" if named else f"（当作“{model.zh}”）")
                 + f"：“{other}”里的行没有计入本次结算。请把它们移到“{sd.sheet}”，同一种表只留一张（可以按日期排），再结算。",
                 f"'{other}' has the same headers as '{sd.sheet}', and shopbook read '{sd.sheet}' alone"
                 + ("" if named else f" (as '{model.en}')") + f": the rows in '{other}' are not in this settlement. "
                 f"Move them to '{sd.sheet}', keeping one sheet of the kind (sorted by date if you like), and settle "
                 "again.", book=sd.book, sheet=other)


def _payments_beside(path: Path, aw, said: set[str]) -> tuple[Issue, ...]:
    """A warning (_unread_said) at each sheet of agents.xlsx other than the 收款 read, holding rows under
    收款's headers, not yet `said` (a copy, a namesake): a settlement brings every month's payments
    forward, so a sheet a month or a year's kept apart leaves an agent billed for what it paid. (The
    reader says such a sheet only where the one read is empty: elsewhere it may be an archive.)"""
    import python_calamine as pc

    from ..io.reader import find_header, match_sheets_by_headers

    sd = aw.sheets.get(Payment)
    if sd is None or not sd.present:
        return ()
    try:
        wb = pc.CalamineWorkbook.from_path(str(path))  # (a small workbook: read again, its sheets' cells alone)
        rows = {n: wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names}
    except Exception:  # noqa: BLE001 — read a moment ago; unreadable now: the settlement's own read stands
        return ()
    # (a sheet a month read as one, 10月收款 and 11月收款: io.reader._joined, each of its sheets read)
    taken = {p.sheet for x in aw.sheets.values() if x.present for p in x.parts or (x,)} | said | set(sd.unread)
    out = []
    for n in match_sheets_by_headers(list(rows), Payment, rows.__getitem__, taken):
        at, found, _ = find_header(rows[n], Payment)
        if any(any(j < len(r) and r[j] not in (None, "") for j in found.values()) for r in rows[n][at + 1:]):
            out.append(_unread_said(sd, Payment, n))
    return tuple(out)


def _sheet_prices(path: Path) -> tuple[dt.date, dict[str, Decimal], dict[str, set[tuple[dt.date, Decimal]]]] | None:
    """The day a price sheet (price_sheet) was made, its agent price of each SKU, and the changes ahead its
    调价 column announced (SKU → {(from, price)}); None where it does not read as one (a person's edit)."""
    import re

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True)
        try:
            rows = list(wb.worksheets[0].iter_rows(min_row=2, values_only=True))
        finally:
            wb.close()
        made = dt.date.fromisoformat(str(rows[0][0]))
        ahead = {}
        for r in rows[3:]:  # '2026-12-10 起 32.00；2026-12-13 起 35.00' or '32.00 from 2026-12-10; 35.00 from …'
            if r and r[0] is not None and len(r) > 10 and isinstance(r[10], str):
                for part in re.split(r"[;；]", r[10]):
                    day, price = re.search(r"\d{4}-\d{2}-\d{2}", part), re.search(r"(?<![\d-])[\d,]+\.\d{2}\b", part)
                    if day and price:
                        ahead.setdefault(str(r[0]), set()).add(
                            (dt.date.fromisoformat(day.group()), Decimal(price.group().replace(",", ""))))
        return made, {str(r[0]): Decimal(str(r[6])) for r in rows[3:] if r and r[0] is not None
                      and isinstance(r[6], (int, float))}, ahead
    except Exception:  # noqa: BLE001 — not a sheet shopbook made: nothing to compare with
        return None


def _sheet_said_otherwise(shop: Shop, agents: list[Agent], lines: list[OrderLine], prices: dict[int, Decimal],
                          pb: PriceBook) -> list[tuple[str, Issue]]:
    """(agent, a warning at the 单价) of each blank 单价 this settlement prices (`prices`: row → price) at
    another price than the agent's last price sheet showed, where that sheet was made on or before the
    order's day (the agent ordered from it): a 等级 or 售价 changed since reprices the line, and nothing
    else says so (a dated 代理价 row is the way to change a price and keep the orders before it). Where
    the price book gives the sheet's price on the day it was made, what moved is a dated 代理价 row begun
    after it (the way to change a price, done right): said as that, the agent not sent the new price."""
    from ..issues import at

    if not prices:  # no blank 单价 priced: nothing read
        return []
    folder = shop.reports / ("代理" if shop.lang == "zh" else "agents")
    sheets: dict[str, list] = {}  # agent → (made, prices) of its sheet and of those it replaced (HISTORY)
    if not folder.is_dir():
        return []
    # by id: an agent renamed since (成都李姐 → 成都李姐服饰) ordered from the sheets made under its old name
    for agent, files in _sheets_by_agent(folder, shop.lang, [a.agent_id for a in agents]).items():
        for g in files:
            if (got := _sheet_prices(g)) is not None:
                sheets.setdefault(agent, []).append(got)
    out = []
    for ln in lines:
        if ln.row not in prices or ln.agent_id not in sheets:
            continue
        day = order_day(ln)
        # the sheet the agent held that day: the latest made by then (an order older than every sheet
        # kept was not ordered from one shopbook made: nothing to compare it with)
        held = max((x for x in sheets[ln.agent_id] if day is not None and x[0] <= day), key=lambda x: x[0],
                   default=None)
        if held is None:
            continue
        made, shown, ahead = held
        was, now = shown.get(ln.sku), prices[ln.row]
        if was is None or was == now:
            continue
        tier = pb.tier_of(ln.agent_id)
        # the sheet was right when made: a 代理价 row dated after it moved the price (only such a row can,
        # begun or ended: the 双12 price over)
        start = max((s_ for s_ in pb.turns(ln.sku, tier) if made < s_ <= day), default=None)
        if start is not None and (start, now) in ahead.get(ln.sku, ()):
            continue  # the sheet the agent ordered from announced that price from that day (its 调价 column)
        if start is not None and pb.price(ln.sku, tier, made) == was:
            out.append((ln.agent_id, at(ln, "unit_price", "warning",
                        f"订单 {ln.order_no} 的 {ln.sku} 单价是空的，按代理价表 {start} 起的代理价 {now:,.2f} 计费并写入；代理 "
                        f"{ln.agent_id} 下单时（{day}）手上的价格表（{made} 制作）是 {was:,.2f}，调价之后没有发给代理新的价格表。"
                        f"代理知道这次调价可不理；要按代理看到的价计，请在这里填 {was:,.2f} 再结算。调价后请重新发价格表"
                        "（shopbook agents sheets，或 agents email 随对账单附上）。",
                        f"Order {ln.order_no}'s {ln.sku} has a blank unit price: billed at the agent price from "
                        f"{start} on the Agent prices sheet, {now:,.2f}, and written in; the price sheet agent "
                        f"{ln.agent_id} ordered from on {day} (made {made}) showed {was:,.2f}: no new price sheet was "
                        "sent after the change. If the agent knew of it, ignore this; to bill the price the agent saw, "
                        f"type {was:,.2f} here and settle again. After a price change, send the price sheets again "
                        "(shopbook agents sheets, or agents email with the statements).")))
            continue
        # what moved: a 代理价 row in force on the sheet's day now says otherwise (changed in place), else the
        # 等级 or 售价 the tier's discount prices from
        why_zh, why_en = ((f"代理价表里 {ln.sku}（{tier}）的代理价在那之后改过（没有另加一行填起始日期）",
                           (f"the Agent prices row of {ln.sku} ({tier}) was changed since (not added as a new row "
                            "with a start date)")) if pb.override(ln.sku, tier, made) is not None else
                          ("等级或售价在那之后改过", "a tier or list price changed since"))
        out.append((ln.agent_id, at(ln, "unit_price", "warning",
                    f"订单 {ln.order_no} 的 {ln.sku} 单价是空的，按现在的代理价 {now:,.2f} 计费并写入；代理 {ln.agent_id} "
                    f"下单时（{day}）手上的价格表（{made} 制作）是 {was:,.2f}：{why_zh}。要按下单时的价计，"
                    f"请在这里填 {was:,.2f} 再结算；以后调价请在代理价表加一行并填起始日期，之前的订单照旧价。",
                    f"Order {ln.order_no}'s {ln.sku} has a blank unit price: billed at today's agent price {now:,.2f} and "
                    f"written in; the price sheet agent {ln.agent_id} ordered from on {day} (made {made}) showed "
                    f"{was:,.2f}: {why_en}. To bill the price ordered at, type {was:,.2f} here "
                    "and settle again; to change prices later, add an Agent prices row with a start date, which "
                    "leaves earlier orders at the old price.")))
    return out


def _fees_charged(lines: list[OrderLine], agents, last: dt.date) -> dict[int, tuple[str, str]]:
    """Row → (agent, order) of each blank 运费 cell of an agent's order (of `agents`) charged
    shipping_per_order by the settlement of the month ending `last`: one of its lines shipped by
    then (as settlement.settle charges it) and none with a 运费."""
    mine = [ln for ln in lines if ln.source is OrderSource.AGENT and ln.agent_id in agents]
    typed = {(ln.agent_id, ln.order_no) for ln in mine if ln.shipping_fee is not None}
    shipped = {(ln.agent_id, ln.order_no) for ln in mine
               if ln.status in SHIPPED and ln.shipped_on is not None and ln.shipped_on <= last}
    return {ln.row: k for ln in mine for k in [(ln.agent_id, ln.order_no)] if k in shipped and k not in typed}


SUMMARY_NAMES = {"zh": ("代理", "代理结算汇总"), "en": ("agents", "agent-settlement")}  # folder, file name
# the summary's columns, in the order _write_summary writes them: (name, zh, en)
SUMMARY_COLUMNS = (("agent_id", "代理编号", "Agent"), ("name", "名称", "Name"), ("orders", "订单数", "Orders"),
                   ("brought_forward", "上期结余", "Brought forward"), ("goods", "货款", "Goods"),
                   ("shipping", "运费", "Shipping"), ("returned", "退货", "Returns"), ("sales", "销售额", "Sales"),
                   ("rate", "返利比例", "Rebate rate"), ("rebate", "返利", "Rebate"), ("paid", "收款", "Paid"),
                   ("balance", "本期应收", "Balance due"), ("threshold", "返利门槛", "Rebate threshold"),
                   # the sales the month's own rate is on, and the rebate taken back on earlier months' goods
                   # returned in it (settlement.settle); a record without them (an older shopbook's): sales
                   ("rebate_sales", "计返利销售额", "Sales for rebate"),
                   ("taken_back", "扣回返利", "Rebate taken back"),
                   # the tier its blank 单价 were priced at: the next month says a tier changed since (tier_changed)
                   ("tier", "等级", "Tier"))
# those a later settlement reads back (either language's header)
SETTLED_HEADS = {k: (zh, en) for k, zh, en in SUMMARY_COLUMNS if k not in ("name", "orders", "brought_forward")}


def settled_months(shop: Shop, month: str) -> dict[str, dict[str, Settled]]:
    """Agent id → month → what it was settled at, for each month up to `month` whose 代理结算汇总 (the
    settlement's own record, in reports/) is kept: a later edit of the 返利 table in place leaves it
    as settled. A record that does not read (a person's edit), or made before its month's last day (the
    month so far; a shop settling on the last day sends that one), is no record."""
    import re

    import python_calamine as pc

    out: dict[str, dict[str, Settled]] = {}
    # the shop's own language last: its record counts where a shop switched language and has both
    for lang in sorted(SUMMARY_NAMES, key=lambda k: k == shop.lang):
        folder, stem = SUMMARY_NAMES[lang]
        for f in sorted((shop.reports / folder).glob(f"{stem}-*.xlsx")):
            m = re.fullmatch(re.escape(stem) + r"-(\d{4}-\d{2})\.xlsx", f.name)
            if not m or m.group(1) > month:
                continue
            try:
                if dt.date.fromtimestamp(f.stat().st_mtime) < month_bounds(m.group(1))[1]:
                    continue  # made before the month's last day: a month so far, not what it was settled at
                rows = pc.CalamineWorkbook.from_path(str(f)).get_sheet_by_index(0).to_python()  # (1 ms; the daily job)
                head = [str(h).strip() if h is not None else "" for h in rows[0]]
                col = {k: next((head.index(n) for n in names if n in head), None) for k, names in SETTLED_HEADS.items()}
                if None in (col["agent_id"], col["sales"], col["rate"]):
                    continue
                for r in rows[1:]:
                    def number(k, r=r) -> Decimal | None:
                        v = r[col[k]] if col[k] is not None and col[k] < len(r) else None
                        return Decimal(str(v)) if isinstance(v, (int, float)) and not isinstance(v, bool) else None

                    # a row a person added (合计, a note) has no rate: not an agent's
                    if r[col["agent_id"]] in (None, "") or number("rate") is None:
                        continue
                    fig = {k: money(v) if (v := number(k)) is not None else None for k in SETTLED_HEADS
                           if k not in ("agent_id", "rate", "tier")}
                    sales, base = fig.pop("sales"), fig.pop("rebate_sales")
                    fig.pop("taken_back")
                    tier = r[col["tier"]] if col["tier"] is not None and col["tier"] < len(r) else None
                    out.setdefault(str(r[col["agent_id"]]), {})[m.group(1)] = Settled(
                        base if base is not None else sales, number("rate"), fig.pop("threshold"),
                        str(f.relative_to(shop.folder)), fig, str(tier) if tier not in (None, "") else None)
            except Exception:  # noqa: BLE001 — damaged or edited beyond reading: not a record
                continue
    return out


def _before_the_shop_began(month: str, last: dt.date, lines: list[OrderLine], payments: list[Payment]) -> None:
    """A month that ends before the shop's first order and the agents' first payment would settle,
    and e-mail, a ¥0.00 statement to every agent: stopped (ledger.not_before). A quiet month of a shop
    that had begun is settled as ever: its statements of nothing still carry the agents' price sheets."""
    not_before(month, last, [shop_began(lines, *(p.date for p in payments))],
               ("店铺的第一个订单或代理收款（{began}）", "the shop's first order or agent payment ({began})"),
               ("没有可以结算的内容", "there is nothing to settle"))


class SentStatements(Mapping):
    """Month → order → what the agent's statement of that month, as settled and sent (the file in reports/),
    billed it (settlement.statement_orders), for the `months` settled: read when asked (a month whose figures
    moved), once. A month whose statement is gone or does not read (a person's edit) is not in it."""

    def __init__(self, shop: Shop, agent_id: str, months: list[str]):
        self.shop, self.agent_id, self.months, self.read = shop, agent_id, sorted(months), {}

    def __len__(self) -> int:
        return len(self.months)

    def __iter__(self):
        return iter(self.months)

    def __contains__(self, month) -> bool:
        return self.get_read(month) is not None

    def __getitem__(self, month: str) -> dict[str, Decimal]:
        got = self.get_read(month)
        if got is None:
            raise KeyError(month)
        return got

    def get_read(self, month: str) -> dict[str, Decimal] | None:
        if month not in self.months:
            return None
        if month not in self.read:
            self.read[month] = None
            # the shop's language first (one that switched has the other's too); an agent renamed since: by its id
            for lang in sorted(SUMMARY_NAMES, key=lambda k: k != self.shop.lang):
                folder, word = self.shop.reports / SUMMARY_NAMES[lang][0], "对账单" if lang == "zh" else "statement"
                head = _file_part(f"{self.agent_id}-")
                for f in sorted(folder.glob(f"*-{word}-{month}.xlsx")) if folder.is_dir() else []:
                    if f.name.startswith(head) and _statement_of(f, self.agent_id):
                        self.read[month] = _statement_sent(f)
                        break
                if self.read[month] is not None:
                    break
        return self.read[month]


def _statement_sent(path: Path) -> Billed | None:
    """Order → what a statement file (_write_statement's) billed it, net: its 发货明细 and 运费明细 less its
    退货明细 (settlement.statement_orders, as sent; its returns kept apart too); None where it does not read as a workbook (_statement_rows)
    or as one of these (a person's edit). A fault in reading it otherwise is raised, never taken for a file that is
    no statement (the agent's 上期结余 moved would then name no order)."""
    titles = {"发货明细": (5, 1), "Shipped": (5, 1), "退货明细": (5, -1), "Returns": (5, -1), "运费明细": (2, 1),
              "Shipping": (2, 1)}
    rows = _statement_rows(path)
    if rows is None:
        return None
    out: dict[str, Decimal] = {}
    back: dict[str, Decimal] = {}
    paid: list[tuple[dt.date, Decimal]] | None = None  # its 收款明细: (date, amount) each
    at, seen = None, set()
    for r in rows:
        a = r[0] if r else None
        b = r[1] if len(r) > 1 else None
        if isinstance(a, str) and a in ("收款明细", "Payments") and b is None:
            at, paid = "paid", []
            continue
        if isinstance(a, str) and a in titles and b is None:  # (a summary row, 运费 and its figure, is no title)
            at = titles[a]
            seen.add(a)
            continue
        if at is None or a is None:
            at = None if a is None else at
            continue
        if not isinstance(a, (dt.date, dt.datetime)):  # the list's head
            continue
        if at == "paid":
            if not isinstance(b, (int, float)) or isinstance(b, bool):
                return None
            paid.append((a.date() if isinstance(a, dt.datetime) else a, money(Decimal(str(b)))))
            continue
        col, sign = at
        v = r[col] if len(r) > col else None
        if not isinstance(b, str) or not isinstance(v, (int, float)) or isinstance(v, bool):
            return None
        out[b] = out.get(b, Decimal(0)) + sign * Decimal(str(v))
        if sign < 0:  # (its returns apart too: a return typed since is told from an order changed)
            back[b] = back.get(b, Decimal(0)) + Decimal(str(v))
    if len(seen) < 3:  # not a statement shopbook wrote
        return None
    return Billed({no: money(v) for no, v in out.items()}, {no: money(v) for no, v in back.items()}, paid)


def _write_statement(path: Path, s: AgentStatement, shop: Shop) -> Path:
    zh = shop.lang == "zh"
    wb = Workbook()
    ws = wb.active
    ws.title = "对账单" if zh else "Statement"
    put(ws, 1, 1, f"{shop.config.shop.name} · {_named(s.name, s.agent_id, zh)} {s.month} "
                  + ("月结对账单" if zh else "statement"))
    ws["A1"].font = Font(bold=True, size=14)
    rebate_note = (f"返利：本月销售额 {s.rebate_sales:,.2f} 达到 {s.rebate_threshold:,.2f} 档，按 {s.rebate_rate:.2%} 计整月销售额"
                   if zh else f"Rebate: the month's sales {s.rebate_sales:,.2f} reach the {s.rebate_threshold:,.2f} threshold; "
                   f"{s.rebate_rate:.2%} applies to the whole month's sales") if s.rebate_threshold is not None else (
        (f"返利：按结算时的 {s.rebate_rate:.2%} 计整月销售额" if zh else
         f"Rebate: {s.rebate_rate:.2%} of the whole month's sales, as settled") if s.rebate_rate else
        "本月销售额未达到返利门槛" if zh else "The month's sales reach no rebate threshold")
    # what the agent paid over last month reads as it was sent ("多付（下期抵扣）"), deducted, not 上期结余 -170.25
    summary = [("上期结余", "Brought forward", s.brought_forward) if s.brought_forward >= 0 else
               ("上期多付（本期抵扣）", "Overpaid before (deducted)", s.brought_forward),
               ("发货货款（代理价）", "Goods shipped (agent price)", s.goods), ("运费", "Shipping", s.shipping),
               ("退货", "Returns", -s.returned), ("返利", "Rebate", -s.rebate_earned)] + (
        [("扣回往月返利（往月的货退回）", "Rebate taken back (earlier months' goods returned)", s.rebate_taken_back)]
        if s.rebate_taken_back else []) + [("已收款", "Payments received", -s.paid)] + (
        # an agent who paid more reads what is to their credit, as its e-mail says it, not 本期应收 -450.00
        [("本期应收", "Balance due", s.balance)] if s.balance >= 0 else
        [("多付（下期抵扣）", "Overpaid (carried to next month)", -s.balance)])
    # column A as wide as its longest summary label: the figure beside it cut "Goods shipped (agent price"
    # and 扣回往月返利（往月的货退回） short (the notes under them run on over the cells beside them: say)
    label = max(text_width(zh_l if zh else en_l) for zh_l, en_l, _ in summary) + 2
    widths = (max(22, label), 20, 18, 6, 10, 12)

    def say(r: int, text: str, bold: bool = False) -> int:
        """A note at row r, wrapped within the page (past column F, where the page ends, it was cut on paper:
        why a rebate was taken back, half of it): over A–F, its row as tall as its lines (a Chinese character
        is a little wider than two digits: counted at 90 % of the page); the row it is on."""
        c = put(ws, r, 1, text)
        if bold:
            c.font = Font(bold=True)
        lines = len(within(text, 0.9 * (sum(widths) - 2)))
        if lines > 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(widths))
            c.alignment = Alignment(wrap_text=True, vertical="top")
            ws.row_dimensions[r].height = 15 * lines  # (Excel's row of 11-point text)
        return r

    r = 3
    for zh_l, en_l, v in summary:
        put(ws, r, 1, zh_l if zh else en_l).font = Font(bold=(zh_l, en_l, v) == summary[-1])
        c = put(ws, r, 2, float(money(v)))  # money(): a negated zero would show as -0.00
        c.number_format = "#,##0.00"
        r += 1
    r = say(r, rebate_note)
    if s.bf_note:  # a balance brought forward that moved since last month's statement: the agent is told why
        r = say(r + 1, s.bf_note[0 if zh else 1], bold=True)
    for note in s.notes:
        r = say(r + 1, note[0 if zh else 1])
    for month, amount, rate, back in s.taken_back:  # the goods of a settled month back: its rebate on them
        r += 1
        if month in s.fell and back:  # its sales under the threshold its rate needs now: what it gave beyond
            left, now = s.fell[month]
            r = say(r, f"{month} 发货的货退回 {amount:,.2f}：{month} 的销售额降为 {left:,.2f}，"
                          + (f"只够 {now:.2%} 返利" if now else "没有达到返利门槛")
                          + f"，扣回 {month} 按 {rate:.2%} 多给的返利 {back:,.2f}（本月销售额不计这些退货）" if zh else
                          f"Goods shipped in {month} returned, {amount:,.2f}: {month}'s sales are now {left:,.2f}, "
                          + (f"which earn {now:.2%}" if now else "under the rebate threshold")
                          + f"; what it gave beyond that at {rate:.2%}, {back:,.2f}, is taken back (the month's "
                          "sales leave these returns out)")
            continue
        if not back:  # a month that earned no rebate on them: nothing to take back, never "0.00 at 0.00%"
            r = say(r, f"{month} 发货的货退回 {amount:,.2f}：{month} 没有返利，不扣回（本月销售额不计这些退货）" if zh else
                f"Goods shipped in {month} returned, {amount:,.2f}: {month} earned no rebate on them, so none is "
                "taken back (the month's sales leave these returns out)")
            continue
        r = say(r, f"{month} 发货的货退回 {amount:,.2f}：扣回 {month} 按 {rate:.2%} 给的返利 {back:,.2f}（本月销售额不计这些退货）"
                      if zh else f"Goods shipped in {month} returned, {amount:,.2f}: the rebate {month} gave on them at "
                      f"{rate:.2%}, {back:,.2f}, is taken back (the month's sales leave these returns out)")
    r += 2
    heads = ["日期", "订单编号", "商家编码", "数量", "代理价", "金额"] if zh else ["Date", "Order", "SKU", "Qty", "Price", "Amount"]
    for title, rows in ((("发货明细", "Shipped"), s.lines), (("退货明细", "Returns"), s.returns)):
        put(ws, r, 1, title[0] if zh else title[1]).font = Font(bold=True)
        r += 1
        for j, h in enumerate(heads, start=1):
            put(ws, r, j, h).font = Font(bold=True)
        for x in rows:
            r += 1
            for j, v in enumerate([x.date, x.order_no, x.sku, x.qty, float(x.price), float(x.amount)], start=1):
                c = put(ws, r, j, v)
                c.number_format = "yyyy-mm-dd" if j == 1 else ("#,##0.00" if j >= 5 else "General")
        r += 2
    # the orders the 运费 total is made of: one fee per order, in the month its first line shipped
    put(ws, r, 1, "运费明细" if zh else "Shipping").font = Font(bold=True)
    r += 1
    for j, h in enumerate(["日期", "订单编号", "运费"] if zh else ["Date", "Order", "Shipping"], start=1):
        put(ws, r, j, h).font = Font(bold=True)
    for day, no, fee in s.fees:
        r += 1
        put(ws, r, 1, day).number_format = "yyyy-mm-dd"
        put(ws, r, 2, no)
        put(ws, r, 3, float(fee)).number_format = "#,##0.00"
    r += 2
    put(ws, r, 1, "收款明细" if zh else "Payments").font = Font(bold=True)
    r += 1  # headed as the lists above are: the agent reads a date, an amount and its note
    for j, h in enumerate(["日期", "金额", "备注"] if zh else ["Date", "Amount", "Note"], start=1):
        put(ws, r, j, h).font = Font(bold=True)
    for p in s.payments:
        r += 1
        put(ws, r, 1, p.date).number_format = "yyyy-mm-dd"
        put(ws, r, 2, float(p.amount)).number_format = "#,##0.00"
        put(ws, r, 3, p.note or "")
    for letter, w in zip("ABCDEF", widths):
        ws.column_dimensions[letter].width = w
    on_a4(ws, shop.lang)  # (its lists' heads differ: none repeated; the footer numbers the pages)
    return write_atomic(path, lambda p: wb.save(p), keep_backup=False, report=True)


def _write_summary(path: Path, statements: list[AgentStatement], shop: Shop, unbilled=()) -> Path:
    zh = shop.lang == "zh"
    wb = Workbook()
    ws = wb.active
    ws.title = "汇总" if zh else "Summary"
    # the record of what the month was settled at: settled_months reads the agent, rate and threshold back
    ws.append([zh_h if zh else en_h for _, zh_h, en_h in SUMMARY_COLUMNS])
    for r, s in enumerate(statements, start=2):
        append(ws, [s.agent_id, s.name, s.orders, float(s.brought_forward), float(s.goods), float(s.shipping),
                   float(s.returned), float(s.sales), float(s.rebate_rate), float(s.rebate), float(s.paid),
                   float(s.balance), float(s.rebate_threshold) if s.rebate_threshold is not None else None,
                   float(s.rebate_sales), float(s.rebate_taken_back), s.tier])
        for j in range(4, len(SUMMARY_COLUMNS)):  # (the last, 等级, is text)  # as the statements show them: 1,264.00 (not 1264), 2.50% (not 0.025)
            ws.cell(row=r, column=j).number_format = "0.00%" if j == 9 else "#,##0.00"
    for c in ws[1]:
        c.font = Font(bold=True)
    issues = [i for s in statements for i in s.issues] + list(unbilled)
    if issues:  # what the settlement left out or cut down: finance reads this file
        notes = wb.create_sheet("提醒" if zh else "Notes")
        notes.append(["工作簿", "工作表", "单元格", "级别", "说明"] if zh else
                     ["Workbook", "Sheet", "Cell", "Severity", "Message"])
        for i in issues:  # one language per shop, its messages too
            append(notes, [i.book, i.sheet, i.cell, ("警告" if zh else "warning") if not i.is_error else
                          ("错误" if zh else "error"), i.message_zh if zh else i.message_en])
        for c in notes[1]:
            c.font = Font(bold=True)
    return write_atomic(path, lambda p: wb.save(p), keep_backup=False, report=True)


@dataclass
class AgentMail:
    """What `agents email` did: the settlement it made (its issues and the 单价 it wrote are said as
    `agents settle` says them), the messages sent or kept, and the agents left without one."""

    settlement: Settlement
    deliveries: list
    unmailed: list[Issue]  # an agent with no 邮箱: a warning at that cell naming the statement's file
    # agents no longer with the shop (暂停, 已终止) with nothing in the month and nothing owed: not mailed
    idle: tuple[AgentStatement, ...] = ()
    # what the price sheets sent carry that the shop should see (a tier's floor below 7 折: _price_sheets' `said`)
    sheet_warnings: tuple[Issue, ...] = ()

    def idle_said(self) -> list[tuple[str, str, str]]:
        return [("–", f"{_named(s.name, s.agent_id, True)}不在合作中，{s.month} 没有往来、结余为 0：没有发对账单",
                 f"{_named(s.name, s.agent_id, False)} is not active and has nothing in {s.month} and a zero balance: "
                 "no statement sent") for s in self.idle]

    @property
    def issues(self) -> list[Issue]:
        return self.settlement.issues + self.unmailed + list(self.sheet_warnings)


def _sheet_rows(path: Path) -> str:
    """A price sheet's prices and availability as text (its header and date rows aside: a sheet made
    today says the same as yesterday's when its rows do)."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        return repr(list(wb.worksheets[0].iter_rows(min_row=4, values_only=True)))
    finally:
        wb.close()


@locks_shop("agents email")
def email_agents(shop: Shop, month: str, before_sending=None) -> AgentMail:
    """Each agent's statement and current price sheet, through the same mail machinery; an 邮箱 cell
    may hold several addresses (mail.cell_addresses). `before_sending(mail)`: called with what the run
    has to say (the settlement's warnings, the agents not mailed; `deliveries` still empty) before the
    first message goes: a person reads a statement's problem before it reaches the agent, and an SMTP
    failure midway does not leave them unsaid (an error stops the settlement: nothing is sent)."""
    from ..issues import at
    from ..report import mail, sent_log

    month = month_given(month)
    aw = _load(shop, SETTLE_STOP)  # (email settles the month first)
    # before any statement is written
    stop_on(locate_in([aw], check_agent_emails(aw.rows(Agent))), "代理邮件", "Agent e-mails", shop.path(AGENTS))
    _sheets_checked(shop, aw)  # a price that stops the sheets (a product still to price): before settle writes
    res = settle_month(shop, month)
    agents = {a.agent_id: a for a in aw.rows(Agent)}
    # by agent id: a "-" in an id or name must not pick another's sheet; and a tier's floor below 7 折 on the sheets
    # sent, said before they go, as agents sheets says it
    sheets, floors = _price_sheets(shop)
    unmailed, idle, mailed = [], [], []
    for s, f in zip(res.statements, res.files):
        a = agents[s.agent_id]
        if a.status not in (None, AgentStatus.ACTIVE) and not (s.balance or s.brought_forward or s.lines or s.returns
                                                               or s.payments or s.orders):
            idle.append(s)  # a former agent is not sent a statement of nothing every month
            continue
        if not a.email:  # said, unless an agent no longer with the shop owes nothing
            if a.status in (None, AgentStatus.ACTIVE) or s.balance:
                unmailed.append(at(a, "email", "warning",
                                   f"代理{_named(a.name, a.agent_id, True)}没有邮箱：{s.month} 的对账单没有发出，在 {f}。"
                                   "填上邮箱再运行 shopbook agents email，或把这个文件交给代理。",
                                   f"Agent {_named(a.name, a.agent_id, False)} has no e-mail: the {s.month} statement "
                                   f"was not sent; it is {f}. Fill in the e-mail and run shopbook agents email again, "
                                   "or hand the agent that file."))
            continue
        mailed.append((s, f, a))
    out: list = []
    done = AgentMail(res, out, locate_in([aw], unmailed), tuple(idle), tuple(floors))
    if before_sending is not None:
        before_sending(done)
    # each agent whose statement of the month went out before and is now another (a payment corrected): its mail
    # says it corrects that one, and what changed, not a second statement of one month unexplained
    again = {b.agent_id: b for b in res.sent if b.changed and b.compared}
    for s, f, a in mailed:
        zh = shop.lang == "zh"
        subject = f"{shop.config.shop.name} {s.month} " + ("代理对账单" if zh else "agent statement")
        # a price sheet is made for an agent 合作中 only: the text names what is attached
        attach = [f] + ([sheets[s.agent_id]] if s.agent_id in sheets else [])
        zh_what, en_what = (("对账单和最新价格表", "are the {} statement and the current price sheet") if len(attach) > 1
                            else ("对账单", "is the {} statement"))
        # an agent who paid more than owed reads what is to their credit, not "应收 -1,378.69"
        due = ((f"本期应收 {s.balance:,.2f} 元", f"balance due: {s.balance:,.2f} yuan") if s.balance >= 0 else
               (f"多付 {-s.balance:,.2f} 元，下期抵扣", f"overpaid: {-s.balance:,.2f} yuan, carried to next month"))
        # what was paid over last month, as last month's mail said it, now deducted
        bf = ((f"上期结余 {s.brought_forward:,.2f} 元", f"Brought forward: {s.brought_forward:,.2f} yuan")
              if s.brought_forward >= 0 else
              (f"上期多付 {-s.brought_forward:,.2f} 元（本期抵扣）", f"Overpaid before: {-s.brought_forward:,.2f} yuan (deducted)"))
        text = (f"{a.name} 您好：\n附件是 {s.month} 的{zh_what}。{bf[0]}，"
                f"本月 {s.month_balance:,.2f} 元，{due[0]}。" if zh else
                f"Dear {a.name},\nAttached {en_what.format(s.month)}. "
                f"{bf[1]}; this month: {s.month_balance:,.2f} yuan; {due[1]}.")
        if s.bf_note:  # the agent is told why the balance brought forward is not last month's
            text += "\n" + s.bf_note[0 if zh else 1]
        upto = min(month_bounds(s.month)[1], dt.date.today())  # (a month not over: its statement is to today)
        if (was := again.get(s.agent_id)) is not None and was.when[:10] >= f"{upto}":
            # the agent has this month's statement of the same days (sent after its end, or today) with other
            # figures: told it is corrected
            subject += "（更正）" if zh else " (corrected)"
            zh_c, en_c = few([c[0] for c in was.changes], 6, [c[1] for c in was.changes], sep=("；", "; "))
            text += "\n" + (f"这是 {s.month} 对账单的更正版，取代 {was.when[:10]} 发出的那一份" + (f"：{zh_c}" if zh_c else "")
                            + "。请以这一份为准。" if zh else
                            f"This corrects the {s.month} statement sent on {was.when[:10]}" + (f": {en_c}" if en_c else "")
                            + ". Please use this one.")
        elif was is not None:  # the one sent was of the month so far, to an earlier day (its running note said so)
            text += "\n" + (f"{was.when[:10]} 发出的 {s.month} 对账单只算到那天；这一份算到 {upto}。" if zh else
                            f"The {s.month} statement sent on {was.when[:10]} counted up to that day; this one counts "
                            f"up to {upto}.")
        text += "".join("\n" + note[0 if zh else 1] for note in s.notes)
        html = "<html><body><p>" + escape(text).replace("\n", "<br>") + "</p></body></html>"  # a name is text
        # one statement of an agent's month waits in outbox/: a re-run (a payment corrected) replaces the
        # unsent copy, so `email --retry` never sends the agent two different statements of one month
        # what it says: the text, every line of the statement and the price sheet's rows; sent again (a
        # re-run after another agent's payment was corrected), it is said, as `shopbook email` says it
        report = f"agent {s.month} {s.agent_id}"
        digest = sent_log.digest(text + repr([(x.date, x.order_no, x.sku, x.qty, x.price) for x in s.lines + s.returns]
                                             + [(p.date, p.amount, p.note) for p in s.payments] + s.fees)
                                 + (_sheet_rows(attach[1]) if len(attach) > 1 else ""))
        when = mail.sent_before(shop.outbox, report, digest) if shop.config.smtp.host else None
        msg = mail.build_message(mail.Outgoing(subject, html, text, mail.cell_addresses(a.email)[0],
                                               shop.config.mail_sender(), attach, report=report, digest=digest))
        # once the server failed (a wrong 授权码, no connection), the rest wait in outbox/ untried: QQ and 163
        # lock an account whose login fails again and again, and each would wait out its timeout
        d = mail.send_or_keep(shop.config, shop.outbox, msg, tried=not any(x.server_failed for x in out))
        d.sent_before = when if d.sent else None
        out.append(d)
    return done
