"""The daily self-check (自查): one section per role, built from the shop's data, each item
naming its record and the command or ribbon button that deals with it. The daily report
carries it as its 自查 / Self-check sheet and in the e-mail; `shopbook selfcheck SHOP` and
the ribbon's 自查 button give the same list.

`build` is pure (records in, items out); `read_selfcheck` reads the workbooks for it. A
part whose workbook does not read becomes one item saying so (validate names the cells):
a self-check that silently skipped a role would say "nothing to do" when it does not know."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..issues import en_count
from ..money.ledger import month_before, not_signed_for
from ..money.reconcile import ALIPAY_NAMES
from ..kpi.metrics import LOWER_IS_BETTER
from ..schema import (AfterSalesCase, CaseType, DailyKpi, Entry, OrderLine, OrderStatus, Promotion, PurchaseLine, Supply,
                      WaitlistEntry)

ROLES = (("cs", "客服", "Customer service"), ("warehouse", "仓库", "Warehouse"),
         ("operations", "运营", "Operations"), ("finance", "财务", "Finance"))
RECONCILE_DAYS = 30  # how far back a day with unmatched Alipay lines is still listed
STOCKTAKE_DAYS = 7  # 每星期盘点一次: a count older than a week is due again
# the ledger's Alipay account, as a Chinese or an English shop names it
ALIPAY_ACCOUNTS = {n.lower() for n in ALIPAY_NAMES}


@dataclass
class CheckItem:
    role: str
    what: str  # the shop's language
    record: str  # the record it is about: 订单 3600…, 售后 SH20261122-1, SKU …
    action: str  # the command or button that deals with it
    urgent: bool = False
    # every order of an item about many, whose record names the first 10 (--json gives them whole); None: one record
    orders: list[str] | None = field(default=None, compare=False)
    # what a box in Excel says in place of `action`: the ribbon button to press, with what to do first where the button
    # alone would not do it (a held order: its status set back to 待审核 first); None: `action` (no button does it)
    box_action: str | None = field(default=None, compare=False)
    # `what` as a box in Excel says it, where it names a command line (a case's next step: CaseView.by_button)
    box_what: str = field(default="", compare=False)
    # a part of the role's not checked (its workbook did not read, or was being saved): the daily report's step is then
    # no whole job, and its e-mail says which (report.workflow.selfcheck_into)
    unchecked: bool = field(default=False, compare=False)

    @property
    def then(self) -> str:
        """' → action' after the item in a line, or '' where the item already says it (a lost parcel's
        '运行 shopbook aftersales 店铺 生成补发单' is not followed by → shopbook aftersales 店铺 again)."""
        return "" if not self.action or self.action in self.what else f" → {self.action}"

    @property
    def in_box(self) -> str:
        """The item's what and ' → action' as the 自查 button's box says them: the button to press (box_action), not the
        command line, where a button does it."""
        what = self.box_what or self.what
        act = self.action if self.box_action is None else self.box_action
        return what + ("" if not act or act in what else f" → {act}")

    def to_json(self) -> dict:
        return {"role": self.role, "what": self.what, "record": self.record, "action": self.action,
                "urgent": self.urgent, "orders": self.orders}


@dataclass
class SelfCheckData:
    today: dt.date
    lines: list[OrderLine] = field(default_factory=list)
    cases: list = field(default_factory=list)  # aftersales.workflow.CaseView (open cases, next step)
    calls: list = field(default_factory=list)  # stock.report.CallBack
    supplies: list = field(default_factory=list)  # stock.report.SupplyCheck
    overdue_pos: list = field(default_factory=list)  # purchasing.suggest.Overdue
    slow: list = field(default_factory=list)  # stock.report.SlowMover
    promotions: list[Promotion] = field(default_factory=list)
    kpi_below: list[tuple[str, str, str]] = field(default_factory=list)  # (metric label, value, target)
    # the same, of a figure over its target where lower is better (a 首页跳失率 or 推广花费 ceiling)
    kpi_over: list[tuple[str, str, str]] = field(default_factory=list)
    # yesterday, where 日报 has rows before it and none of it: its traffic and targets could not be checked
    kpi_missing: dt.date | None = None
    # yesterday's agent lines with a blank 单价 its sales count at the agent's tier now, the tier they were
    # ordered at on no record (money.workflow.tiers_unknown), located: a figure that may be wrong
    tier_unknown: list = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    balance_issues: list = field(default_factory=list)  # money.ledger.check_balances
    agents_due: list[tuple[str, str, object]] = field(default_factory=list)  # (agent, month, 本期应收 Decimal)
    # agent → its statement's 本期应收, where part of it was paid since the month ended (agents_due has the rest)
    agents_billed: dict[str, object] = field(default_factory=dict)
    unread: list[tuple[str, str]] = field(default_factory=list)  # (role, workbook) that did not read
    # a workbook of `unread` Excel cannot open (missing, or no workbook: damaged, a CSV renamed …) → (zh, en) why and
    # what to do, as validate says it: no 校验 to press in it (unopened)
    unopened: dict[str, tuple[str, str]] = field(default_factory=dict)
    saving: list[tuple[str, str]] = field(default_factory=list)  # (role, workbook) another program was saving
    # an interrupted job no run has finished (io.journal.pending): (the file it names, zh, en); what was read is
    # the shop it left unfinished
    half_written: tuple | None = None
    follow_up_days: int = 5  # shopbook.toml's [orders] follow_up_days: a parcel out this long, not signed for
    counting: bool = False  # a product on sale: goods to count every week
    last_count: dt.date | None = None  # the latest 盘点 date up to today
    # a batch named without its day (`--batch 早班`) → the day its pick list was written (reports/拣货单-早班.xlsx)
    picked_on: dict[str, dt.date] = field(default_factory=dict)


def _t(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def open_heads(lines: list[OrderLine]) -> tuple[list, list, list]:
    """Each order's first line (the one that speaks for the order) when its status is held,
    new or approved, as (order no, line) in the orders' order: one pass over a year's lines
    for every check below, instead of one per check."""
    held: list[tuple[str, OrderLine]] = []
    new: list[tuple[str, OrderLine]] = []
    approved: list[tuple[str, OrderLine]] = []
    seen: set[str] = set()
    see = seen.add
    HELD, NEW, APPROVED = OrderStatus.HELD, OrderStatus.NEW, OrderStatus.APPROVED
    for ln in lines:
        no = ln.order_no
        if no in seen:
            continue
        see(no)
        st = ln.status
        if st is HELD:
            held.append((no, ln))
        elif st is NEW:
            new.append((no, ln))
        elif st is APPROVED:
            approved.append((no, ln))
    return held, new, approved


BATCH_DAY = re.compile(r"(\d{8})-\d+$")


def _batch_day(batch: str) -> dt.date | None:
    m = BATCH_DAY.match(batch or "")
    try:
        return dt.datetime.strptime(m.group(1), "%Y%m%d").date() if m else None
    except ValueError:
        return None


def _picked_on(shop, lines: list[OrderLine]) -> dict[str, dt.date]:
    """The day each batch named without a date (`--batch 早班`) was picked, from its pick list's file in reports/:
    such a batch picked this morning is not "picked over a day ago"."""
    named = {ln.batch for ln in lines if ln.batch and ln.status is OrderStatus.APPROVED and not _batch_day(ln.batch)}
    out = {}
    for batch in named:
        for word in ("拣货单", "picklist"):
            try:
                out[batch] = dt.date.fromtimestamp((shop.reports / f"{word}-{batch}.xlsx").stat().st_mtime)
                break
            except (OSError, ValueError):
                continue
    return out


HELD_ACTION = {"zh": "处理好后在订单表把状态改为待审核，再审单：shopbook orders review 店铺",
               "en": "once settled, set its status to new on the Orders sheet and review again: "
                     "shopbook orders review SHOP"}  # (and the 审单 button: build)
# as the 自查 button's box says it: the review looks at 待审核 orders only, so the status goes back first
HELD_BY_BUTTON = {"zh": "处理好后在订单表把状态改为待审核，再按“{b}”", "en": "once settled, set its status to new on the "
                  "Orders sheet, then press {b}"}


def button(lang: str, control: str) -> str:
    """The words " · 按钮 …" naming the ribbon button of id `control` as the ribbon of `lang` labels it
    (taken from where the ribbon declares its labels: they cannot drift apart; a macros/ half edited, the labels
    the ribbon ships: addin.build.button_label)."""
    return _t(lang, " · 按钮 ", " · button ") + ribbon_label(lang, control)


def ribbon_label(lang: str, control: str) -> str:
    """The ribbon button of id `control` as the ribbon of `lang` labels it (addin.build.button_label)."""
    from ..addin.build import button_label

    return button_label(control)[0 if lang == "zh" else 1]


def build(d: SelfCheckData, lang: str = "zh") -> list[CheckItem]:
    t = lambda zh, en: _t(lang, zh, en)  # noqa: E731
    b = lambda control: button(lang, control)  # noqa: E731
    lb = lambda control: ribbon_label(lang, control)  # noqa: E731
    press = lambda control: t(f"按“{lb(control)}”", f"press {lb(control)}")  # noqa: E731 (as a box in Excel says it)
    items: list[CheckItem] = []

    def add(role, what, rec, act, urgent=False, box=None, box_what=""):
        items.append(CheckItem(role, what, rec, act, urgent, box_action=box, box_what=box_what))

    if d.half_written is not None:
        first, zh, en = d.half_written
        add("operations", t(zh, en), first.name, t("shopbook doctor 店铺", "shopbook doctor SHOP"), True)
    for role, book in d.unread:
        # (in a box: the 校验 button is pressed in the workbook, a cell of it named as where: the workbook alone; one
        # Excel cannot open, what validate says to do with it)
        name = workbook_of(book)
        if name in d.unopened:
            # what is wrong with it and what to do, in validate's words, on the line and in the box alike (before,
            # the line said "读不出 → shopbook validate", for validate to say what it is)
            add(role, t("这部分没有检查", "this part was not checked") + t("：", ": ")
                + t(*d.unopened[name]), book, "", True, "")
            items[-1].unchecked = True
            continue
        add(role, t("读不出，这部分没有检查", "does not read: this part was not checked"), book,
            t("shopbook validate 店铺", "shopbook validate SHOP") + b("btnValidate"), True,
            t(f"在 {name} 里按“{lb('btnValidate')}”", f"press {lb('btnValidate')} in {name}"))
        items[-1].unchecked = True
    for i in d.tier_unknown:  # (its sales judged against the target may be off by it)
        add("operations", i.message_zh if lang == "zh" else i.message_en, i.where(lang),
            "")  # (what to do: the message says it)
    for role, book in d.saving:  # nothing wrong with it: the part is checked by the next run
        add(role, t("正在被其他程序保存（Excel、WPS、同步盘或脚本），这部分没有检查",
                    "being saved by another program (Excel, WPS, a sync client or a script): this part was not "
                    "checked"), book,
            t("等它保存完，再运行 shopbook selfcheck 店铺", "once it is saved, run shopbook selfcheck SHOP again"), True,
            t(f"等它保存完，再按“{lb('btnSelfCheck')}”", f"once it is saved, press {lb('btnSelfCheck')} again"))
        items[-1].unchecked = True
    held, new, approved = open_heads(d.lines)
    # a day is 24 hours from the payment (paid at 23:02, held by the 05:05 review: not yet), to now, or to
    # the end of the day the self-check is for
    now = dt.datetime.now() if d.today >= dt.date.today() else dt.datetime.combine(d.today, dt.time.max)
    held_long = {no for no, h in held if h.paid_at and now - h.paid_at >= dt.timedelta(days=1)}
    # an open case's resend held is said at the case (its next step names the hold), not again at the order
    resent = {v.case.resend_order for v in d.cases if v.case.resend_order}
    from ..orders.review import held_by_hand
    from ..orders.workflow import held_line

    # one a person held (已审核 → 已挂起): the age is the payment's, not the hold's, and its release is theirs
    by_hand = {no for no, h in held if held_by_hand(h.review)}
    # customer service
    for v in d.cases:
        c = v.case
        word = c.type.label(lang)
        head = (t("超期 ", "OVERDUE ") if v.overdue else "") + word + t("：", ": ")
        # (in a box: a step that named a command names its button instead, and no → after it)
        reworded = bool(getattr(v, "by_button", "")) and v.by_button != v.step
        add("cs", head + v.step,
            t(f"售后 {c.case_no}（订单 {c.order_no}）", f"case {c.case_no} (order {c.order_no})"),
            t("shopbook aftersales 店铺", "shopbook aftersales SHOP"),
            v.overdue or (c.resend_order in held_long and c.resend_order not in by_hand),
            "" if reworded else press("btnAftersales"), head + v.by_button if reworded else "")
    for no, h in held:
        if no in held_long and no not in resent:
            # held by a person (人工挂起, or the review's 通过 still there): not an order stuck since the review
            if no in by_hand:
                add("cs", t("人工挂起：有人手动挂起了这个订单，何时放行由他决定（shopbook 这边没有急事）",
                            "held by hand: a person held this order, releasing it is theirs to decide (nothing "
                            "urgent from shopbook's side)"),
                    t(f"订单 {no}", f"order {no}"), HELD_ACTION[lang] + b("btnReview"),
                    box=HELD_BY_BUTTON[lang].format(b=lb("btnReview")))
                continue
            # (the cell's "held:" before each said once here, on one line, a long note cut: held_line)
            why = held_line(h.review or h.platform_status, lang)
            # (the review looks at 待审核 orders only: a held one is released by a person)
            add("cs", t(f"挂起超过一天：{why}", f"held for more than a day: {why}"),
                t(f"订单 {no}", f"order {no}"), HELD_ACTION[lang] + b("btnReview"), True,
                HELD_BY_BUTTON[lang].format(b=lb("btnReview")))
    # parcels out for days and not signed for: chased (物流、买家) before the buyer complains; one with an
    # open case (a lost parcel) is that case's
    cased = {v.case.order_no for v in d.cases}
    late = [h.order_no for h in not_signed_for(d.lines, d.today, d.follow_up_days) if h.order_no not in cased]
    if late:
        n = d.follow_up_days
        add("cs", t(f"{len(late)} 个包裹发货 {n} 天以上还没签收：查物流，联系买家",
                    f"{en_count(len(late), 'parcel')} shipped {en_count(n, 'day')} or more ago, not signed for: "
                    "check the tracking, contact the buyer"),
            t("订单 ", "orders ") + t("、", ", ").join(late[:10]) + (t(f" 等（还有 {len(late) - 10} 个）",
                                                             f" … ({len(late) - 10} more)") if len(late) > 10 else ""),
            t("shopbook orders follow-up 店铺", "shopbook orders follow-up SHOP"))
        items[-1].orders = late
    for c in d.calls:
        add("cs", t(f"到货了，通知 {c.customer} {c.contact}", f"back in stock: call {c.customer} {c.contact}"),
            f"SKU {c.sku} {c.name}".strip(), t("shopbook stock waitlist 店铺", "shopbook stock waitlist SHOP"),
            # (no button lists them: in a box, where it is marked done)
            box=t(f"通知后在 stock.xlsx 的“{WaitlistEntry.zh}”表把这一行的“已通知”填“是”",
                  f"once called, type yes in notified on that row of stock.xlsx's {WaitlistEntry.en} sheet"))
    for no, h in new:
        if h.buyer_message:
            add("cs", t(f"买家留言待看：{h.buyer_message}", f"buyer message to read: {h.buyer_message}"),
                t(f"订单 {no}", f"order {no}"), t("shopbook orders review 店铺",
                                                 "shopbook orders review SHOP") + b("btnReview"),
                box=press("btnReview"))
    # warehouse
    to_pick = [no for no, h in approved if not h.batch]
    if to_pick:
        add("warehouse", t(f"{len(to_pick)} 个已审核订单还没拣货", f"{en_count(len(to_pick), 'approved order')} not picked yet"),
            t("订单 ", "orders ") + t("、", ", ").join(to_pick[:10]) + (t(f" 等（还有 {len(to_pick) - 10} 个）",
                                                              f" … ({len(to_pick) - 10} more)") if len(to_pick) > 10 else ""),
            t("shopbook picklist 店铺", "shopbook picklist SHOP") + b("btnPicklist"), box=press("btnPicklist"))
        items[-1].orders = to_pick
    ship = t(f"按“{lb('btnShip')}”选扫描文件", f"press {lb('btnShip')} and choose the scan file")
    batch_days: dict[str, dt.date | None] = {}  # a batch's day, parsed once for all its orders
    for no, h in approved:
        if not h.batch:
            continue
        if h.batch not in batch_days:
            batch_days[h.batch] = _batch_day(h.batch) or d.picked_on.get(h.batch)
        day = batch_days[h.batch]
        # the daily job picks D's batch on the morning after D: one day's grace before it is late
        if day is None or day < d.today - dt.timedelta(days=1):
            add("warehouse", t(f"拣货批次 {h.batch} 拣货超过一天还没发货", f"picked in batch {h.batch} over a day ago, "
                                                                 "not shipped yet"),
                t(f"订单 {no}", f"order {no}"), t("shopbook ship 店铺 扫描文件",
                                                 "shopbook ship SHOP SCANS") + b("btnShip"), True, ship)
    # a picked parcel whose order was cancelled or held since: out of the pile before it ships (its
    # batch cell cleared ends it); its failed scan, if any, is no scan to redo
    pull: dict[str, str] = {}
    for ln in d.lines:
        if ln.batch and ln.status in (OrderStatus.CANCELLED, OrderStatus.HELD):
            pull.setdefault(ln.order_no, ln.batch)
    for no, batch in pull.items():
        add("warehouse", t("拣货后已取消或挂起：把包裹拿出来，再清空它的拣货批次",
                           "cancelled or held after it was picked: pull the parcel, then clear its batch cell"),
            t(f"订单 {no}（批次 {batch}）", f"order {no} (batch {batch})"),
            t(f"orders.xlsx › {OrderLine.zh} › 拣货批次", f"orders.xlsx › {OrderLine.en} › batch"), True)
    # a parcel scanned again since, and shipped, is no scan for the warehouse to redo (its case is
    # customer service's to close)
    failed = [v.case for v in d.cases if v.case.type is CaseType.PROBLEM and v.case.note
              and ("验货" in v.case.note or "scan" in v.case.note)]
    shipped = {ln.order_no for ln in d.lines  # (a year's lines looked through only when a scan failed)
               if ln.status in (OrderStatus.SHIPPED, OrderStatus.DELIVERED)} if failed else set()
    for c in failed:
        if c.order_no not in shipped and c.order_no not in pull:
            add("warehouse", t(f"验货不过：{c.reason or ''}", f"failed the scan check: {c.reason or ''}"),
                t(f"订单 {c.order_no}（售后 {c.case_no}）", f"order {c.order_no} (case {c.case_no})"),
                t("重新验货：shopbook ship 店铺 扫描文件", "scan again: shopbook ship SHOP SCANS"), True,
                t("重新验货：", "scan again: ") + ship)
    # (no button lists the supplies: in a box, where what came in is typed)
    restock = t(f"补货，到了在 stock.xlsx 的“{Supply.zh}”表改它的“库存”",
                f"restock it, then update its on_hand on stock.xlsx's {Supply.en} sheet")
    for s in d.supplies:
        if s.low and s.on_hand <= 0:
            add("warehouse", t(f"耗材用完了：库存 {s.on_hand}", f"none left: {s.on_hand} on hand"), s.name,
                t("shopbook stock supplies 店铺", "shopbook stock supplies SHOP"), True, restock)
        elif s.low:
            add("warehouse", t(f"耗材快用完：还够 {s.days_left} 天" if s.days_left is not None else "耗材不足",
                               f"running out: {en_count(s.days_left, 'day')} left" if s.days_left is not None else "running low"),
                s.name, t("shopbook stock supplies 店铺", "shopbook stock supplies SHOP"), box=restock)
    if d.counting and (d.last_count is None or (d.today - d.last_count).days > STOCKTAKE_DAYS):
        if d.last_count is None:
            what = t("还没有盘点过：每星期盘点一次", "no stocktake yet: count the stock every week")
        else:
            n = (d.today - d.last_count).days
            what = t(f"上次盘点是 {d.last_count}（{n} 天前）：每星期盘点一次",
                     f"last stocktake {d.last_count} ({en_count(n, 'day')} ago): count the stock every week")
        add("warehouse", what, t("stock.xlsx › 盘点", "stock.xlsx › Stocktake"),
            t("shopbook stocktake sheet 店铺", "shopbook stocktake sheet SHOP") + b("btnStocktakeSheet"),
            box=press("btnStocktakeSheet"))
    for po in d.overdue_pos:
        # (a date nobody typed says where it comes from: its 下单日期 plus the 交货周期)
        when = ("（下单日期 + 交货周期）", " (order date + lead time)") if po.from_lead else ("", "")
        if po.draft:  # perhaps never sent, yet its units keep their SKUs from being suggested again
            add("warehouse", t(f"草稿采购单过了预计到货 {po.expected_date}{when[0]} {po.days_late} 天，{po.outstanding} 件一直算在途：没发给 "
                               f"{po.supplier} 的话请删掉，发了的把状态改成“已下单”",
                               f"a draft PO {en_count(po.days_late, 'day')} past its expected date {po.expected_date}{when[1]}, "
                               f"its {en_count(po.outstanding, 'unit')} counted on order: if it was never sent to "
                               f"{po.supplier}, delete it; if it was, set its status to ordered"),
                t(f"采购单 {po.po_no}", f"PO {po.po_no}"),
                t(f"stock.xlsx › {PurchaseLine.zh}", f"stock.xlsx › {PurchaseLine.en}"), True)
            continue
        add("warehouse", t(f"采购单过了预计到货 {po.expected_date}{when[0]} {po.days_late} 天，还差 {po.outstanding} 件：催 {po.supplier}",
                           f"{en_count(po.days_late, 'day')} past its expected date {po.expected_date}{when[1]}, "
                           f"{en_count(po.outstanding, 'unit')} "
                           f"still to come: chase {po.supplier}"),
            t(f"采购单 {po.po_no}", f"PO {po.po_no}"),
            t("shopbook purchase suppliers 店铺", "shopbook purchase suppliers SHOP") + b("btnPurchaseReceive"),
            True, t(f"货到后按“{lb('btnPurchaseReceive')}”", f"once it comes, press {lb('btnPurchaseReceive')}"))
    # operations
    if d.kpi_missing is not None:  # (before, 运营（0）: nothing to do, the day's figures not there to judge)
        add("operations", t(f"{d.kpi_missing} 没有日报数据：流量和目标都没有检查。下载生意参谋的数据导入，或在“日报”表填上这一天",
                            f"{d.kpi_missing} has no Daily figures: its traffic and targets were not checked. Import "
                            "the 生意参谋 download, or fill in the day on the Daily sheet"),
            t(f"kpi.xlsx › {DailyKpi.zh}", f"kpi.xlsx › {DailyKpi.en}"),
            t("shopbook kpi import 店铺 文件", "shopbook kpi import SHOP FILE"),
            box=t(f"按“{lb('btnImportKpi')}”选下载的文件", f"press {lb('btnImportKpi')} and choose the download"))
    for label, value, target in d.kpi_below:
        # 记录一栏就是指标名，每处都印成“记录: 要做的事”：这里不再写一遍（以前是“好评率: 好评率 98.42%…”）
        # the record is the metric's name, printed before the item everywhere: not said again here
        add("operations", t(f"{value}，低于目标 {target}", f"{value}, under its target {target}"),
            label, t("shopbook report weekly 店铺", "shopbook report weekly SHOP"))  # (no button makes the weekly review)
    for label, value, target in d.kpi_over:
        add("operations", t(f"{value}，高于目标 {target}", f"{value}, over its target {target}"),
            label, t("shopbook report weekly 店铺", "shopbook report weekly SHOP"))
    tomorrow = d.today + dt.timedelta(days=1)
    for p in d.promotions:
        if p.enabled is False:
            continue
        if p.start == tomorrow:
            add("operations", t("促销明天开始：检查赠品库存和页面", "promotion starts tomorrow: check gift stock and pages"),
                t(f"促销 {p.name}", f"promotion {p.name}"), t("orders.xlsx › 促销", "orders.xlsx › Promotions"))
        if p.end == tomorrow:
            add("operations", t("促销明天结束：准备下线", "promotion ends tomorrow: plan its end"),
                t(f"促销 {p.name}", f"promotion {p.name}"), t("orders.xlsx › 促销", "orders.xlsx › Promotions"))
    for s in d.slow:
        if s.days_since_sale is None:  # no 出库 ever (or each came back): said so, as `shopbook stock slow` says it
            since, since_en = ("卖出的都退回了", "every sale returned") if s.returned else ("从未售出", "never sold")
        else:
            since, since_en = f"滞销 {s.days_since_sale} 天", f"no sale for {en_count(s.days_since_sale, 'day')}"
            if s.returned:
                since, since_en = since + "（之后卖出的都退回了）", since_en + " (later sales all returned)"
        todo = s.advice()  # (a size of a style that sells: clear it, the listing stays)
        add("operations", t(f"{since}，库存 {s.on_hand} 件：{todo[0]}", f"{since_en}, {s.on_hand} on hand: {todo[1]}"),
            f"SKU {s.sku} {s.name}".strip(), t("shopbook stock slow 店铺", "shopbook stock slow SHOP"),
            box="")  # (in a box: what to do is the item's own words; no button lists them)
    # finance
    since = d.today - dt.timedelta(days=RECONCILE_DAYS)
    # unmatched Alipay lines per day, counted in one pass (a year's ledger: not once per day)
    open_days = Counter(e.date for e in d.entries if e.account.strip().lower() in ALIPAY_ACCOUNTS and not e.txn_no
                       and since <= e.date < d.today)
    for day, n in sorted(open_days.items()):
        add("finance", t(f"{n} 笔支付宝流水还没对账", f"{n} Alipay lines not reconciled"),
            t(f"流水 {day}", f"ledger {day}"), t("shopbook reconcile alipay 店铺 账单",
                                                "shopbook reconcile alipay SHOP FILE") + b("btnReconcileAlipay"),
            box=t(f"按“{lb('btnReconcileAlipay')}”选支付宝账单", f"press {lb('btnReconcileAlipay')} and choose the statement"))
    for i in d.balance_issues:
        add("finance", i.message_zh if lang == "zh" else i.message_en, i.where(lang) or t("余额核对", "Balance checks"),
            t("shopbook validate 店铺", "shopbook validate SHOP") + b("btnValidate"), True,
            t(f"在 ledger.xlsx 里按“{lb('btnValidate')}”", f"press {lb('btnValidate')} in ledger.xlsx"))
    for agent, month, amount in d.agents_due:
        # 和日报其他金额一样写千分位（¥10,089.54，不是 ¥10089.54） / grouped as every other sum on the page
        # part paid since (12-04): the statement says 12,944.36, the rest is owed; "应收 7,944.36" matched no statement
        billed = d.agents_billed.get(agent)
        add("finance", t(f"{month} 对账单应收 ¥{amount:,.2f} 未收齐", f"¥{amount:,.2f} still owed on the {month} statement")
            if billed is None else
            t(f"{month} 对账单应收 ¥{billed:,.2f}，月底后已收 ¥{billed - amount:,.2f}，还差 ¥{amount:,.2f}",
              f"¥{amount:,.2f} still owed on the {month} statement (¥{billed:,.2f}; ¥{billed - amount:,.2f} received "
              "since the month ended)"),
            t(f"代理 {agent}", f"agent {agent}"), t(f"shopbook agents settle 店铺 --month {month}",
                                                  f"shopbook agents settle SHOP --month {month}") + b("btnAgentSettle"),
            # (the button settles last month: an older month's statement, its command)
            box=press("btnAgentSettle") if month == month_before(d.today) else None)
    order = {r[0]: k for k, r in enumerate(ROLES)}
    return sorted(items, key=lambda i: (order[i.role], not i.urgent))


def role_label(role: str, lang: str) -> str:
    return next(zh if lang == "zh" else en for r, zh, en in ROLES if r == role)


def sheet_rows(items: list[CheckItem], lang: str) -> list[list]:
    """The 自查 sheet: a header, then each role's heading and its items (or 无 / nothing)."""
    rows: list[list] = [[_t(lang, "岗位", "Role"), _t(lang, "要做的事", "To do"), _t(lang, "记录", "Record"),
                         _t(lang, "用哪个命令/按钮", "Command or button"), _t(lang, "紧急", "Urgent")]]
    for role, _, _ in ROLES:
        mine = [i for i in items if i.role == role]
        if not mine:
            rows.append([role_label(role, lang), _t(lang, "无", "nothing"), "", "", ""])
        for i in mine:
            rows.append([role_label(role, lang), i.what, i.record, i.action, "!" if i.urgent else ""])
    return rows


def read_selfcheck(shop, today: dt.date | None = None, kpi_below: list[tuple[str, str, str]] | None = None,
                   kpi_over: list[tuple[str, str, str]] | None = None,
                   kpi_missing: dt.date | None = None) -> list[CheckItem]:
    """Every role's items for `today` from the shop's workbooks. `kpi_below` and `kpi_over` (the
    daily job has worked the KPIs out already, and `kpi_missing`, yesterday where 日报 lacks it) are read
    from kpi.xlsx when not given."""
    from ..io.reader import read_ahead, read_cache
    from ..schema import AGENTS, KPI, LEDGER, ORDERS, STOCK, Account, BalanceCheck, Category

    with read_cache():  # stock.xlsx serves four lists, orders.xlsx two: each parsed once
        read_ahead([(shop.path(ORDERS), ORDERS, (OrderLine, Promotion, AfterSalesCase)),
                    (shop.path(LEDGER), LEDGER, (Entry, Account, BalanceCheck, Category)), (shop.path(STOCK), STOCK, None),
                    (shop.path(KPI), KPI, None), (shop.path(AGENTS), AGENTS, None)])
        return _read_selfcheck(shop, today, kpi_below, kpi_over, kpi_missing)


def _read_selfcheck(shop, today: dt.date | None, kpi_below: list[tuple[str, str, str]] | None,
                    kpi_over: list[tuple[str, str, str]] | None = None,
                    kpi_missing: dt.date | None = None) -> list[CheckItem]:
    from ..aftersales.workflow import list_open, refusals
    from ..purchasing.workflow import overdue_purchase_orders
    from ..io.files import BeingSaved
    from ..io.reader import read_workbook
    from ..issues import ShopbookError
    from ..schema import (AGENTS, KPI, LEDGER, ORDERS, STOCK, Account, BalanceCheck, Category, Movement, Product,
                          ProductStatus, StocktakeCount)

    today = today or dt.date.today()
    d = SelfCheckData(today, follow_up_days=shop.config.orders.follow_up_days, kpi_missing=kpi_missing)
    from ..io import journal

    d.half_written = journal.pending(shop.folder)

    def saving(role: str, e: BeingSaved) -> None:  # a workbook being saved: its part skipped, said once a role
        # (each role whose part it stopped says so in its own list: a role whose list read 无 / nothing would be told
        # there is nothing to do)
        if (role, name := Path(e.path).name) not in d.saving:
            d.saving.append((role, name))

    case_rows = []  # listed once the ledger is read: a refund it holds is paid, not to be agreed again
    # (the roles whose lists read the orders: customer service's orders and cases, the warehouse's orders to pick,
    # operations' promotions and the sales its KPIs are filled from, finance's agents' statements, never worked out
    # with no orders: nothing owed)
    readers = ("cs", "warehouse", "operations", *(("finance",) if shop.path(AGENTS).exists() else ()))
    try:
        wb = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, Promotion, AfterSalesCase)) \
            if shop.path(ORDERS).exists() else None
    except BeingSaved as e:  # the other lists are checked all the same
        for role in readers:
            saving(role, e)
        wb = False
    except ShopbookError:  # damaged, cut short, a CSV renamed: said (unopened: what is wrong), the rest checked
        d.unread += [(role, ORDERS.filename) for role in readers]
        wb = False
    if wb:
        if errors := wb.errors_in(OrderLine, AfterSalesCase):  # the first cell named: the rest of the book read
            # (in each role's list that reads the orders: the warehouse's pick list and whom to call, operations'
            # sales, finance's statements are of the rows that read, the cell's left out)
            d.unread += [(role, _first_cell(errors, shop.lang)) for role in readers]
        d.lines, d.promotions, case_rows = wb.rows(OrderLine), wb.rows(Promotion), wb.rows(AfterSalesCase)
        d.picked_on = _picked_on(shop, d.lines)
    elif wb is None:  # (moved, renamed, saved as .xls): no list that reads the orders is "nothing to do"
        d.unread += [(role, ORDERS.filename) for role in readers]
    from ..stock import workflow as stock

    def unread(e: ShopbookError, role: str = "warehouse") -> None:  # the file (and sheet of stock.xlsx) that
        # stopped a check, once a role: the role whose list it is (the slow movers operations', the calls customer
        # service's)
        if isinstance(e, BeingSaved):
            return saving(role, e)
        where = Path(e.path).name if e.path else "stock.xlsx"
        if where == "stock.xlsx" and getattr(e, "sheet", ""):  # a cell of 耗材 stops the supplies alone
            where += f" › {e.sheet}"
        if not any(r == role and workbook_of(w) == where for r, w in d.unread):  # (orders.xlsx's cell said already)
            d.unread.append((role, where))

    # each list on its own: a cell of one sheet that does not read leaves the others listed
    try:
        d.supplies = stock.supplies(shop)
    except ShopbookError as e:
        unread(e)
    try:
        d.slow = stock.slow_movers(shop, today)[0]
    except ShopbookError as e:
        unread(e, "operations")
    try:
        d.overdue_pos = overdue_purchase_orders(shop, today)
    except ShopbookError as e:
        unread(e)
    try:  # whom to call counts what orders hold: the file that did not read is the one named
        d.calls = stock.waitlist(shop).calls
    except ShopbookError as e:
        unread(e, "cs")
    if shop.path(STOCK).exists():  # the weekly stocktake: when the goods on sale were last counted
        try:
            sw = read_workbook(shop.path(STOCK), STOCK, (Product, StocktakeCount))
        except ShopbookError as e:
            unread(e)
        else:
            on_sale = {p.sku for p in sw.rows(Product) if p.status is not ProductStatus.DELISTED}
            d.counting = bool(on_sale)
            # a count of goods on sale: the leftovers of a 下架 style counted to clear them are no weekly stocktake
            d.last_count = max((c.date for c in sw.rows(StocktakeCount) if c.date and c.date <= today
                                and c.sku in on_sale), default=None)
    if kpi_below is None and shop.path(KPI).exists():
        try:
            rows = _kpi_rows(shop, today - dt.timedelta(days=1), d.lines, d.unread,
                             frozenset(c.resend_order for c in case_rows if c.resend_order), d)
            if wb and d.tier_unknown:  # at their 单价 cells
                d.tier_unknown = wb.locate(d.tier_unknown)
            kpi_below, kpi_over = below_target(rows), over_target(rows) if kpi_over is None else kpi_over
        except BeingSaved as e:
            saving("operations", e)
        except ShopbookError as e:  # (a kpi.xlsx that does not open: the targets not checked, said; the rest is)
            d.unread.append(("operations", Path(e.path).name if e.path else KPI.filename))
    d.kpi_below, d.kpi_over = kpi_below or [], kpi_over or []
    try:
        lw = read_workbook(shop.path(LEDGER), LEDGER, (Entry, Account, BalanceCheck, Category)) \
            if shop.path(LEDGER).exists() else None
    except BeingSaved as e:
        saving("finance", e)
        lw = False
    except ShopbookError:  # (a damaged ledger: finance's part said not checked, every other part listed)
        d.unread.append(("finance", LEDGER.filename))
        lw = False
    if lw:
        from ..money.ledger import check_balances, entry_sheets, unsure_entries

        if errors := lw.errors_in(Entry, Account, BalanceCheck):  # a line left out would make the balances look wrong
            d.unread.append(("finance", _first_cell(errors, shop.lang)))
        d.entries = lw.rows(Entry)
        # in validate's words: the categories say which lines are transfers (a transfer's missing other side); a
        # line that does not read is its own error, not a mismatch of every check after it
        known = lw.keys(Account, "account")
        sd = lw.sheets.get(Entry)
        d.balance_issues = lw.locate(check_balances(
            lw.rows(Account), d.entries, lw.rows(BalanceCheck),
            unsure_entries(d.entries, sd.unreadable if sd is not None else [], known), known, lw.rows(Category),
            entry_sheets(lw)))
    elif lw is None:  # finance's list is not "nothing to do" when there is no ledger to look at
        d.unread.append(("finance", LEDGER.filename))
    # a case the desk leaves as it is (a return typed twice, one the order does not back): its next step is to
    # put it right, as `aftersales` says, never to scan or refund it
    skus, movements = None, []
    if case_rows and shop.path(STOCK).exists():
        try:
            sw = read_workbook(shop.path(STOCK), STOCK, (Product, Movement))
        except ShopbookError:  # (said where stock.xlsx is read for its own lists)
            pass
        else:
            skus = sw.keys(Product, "sku") if sw.has_column(Product, "sku") else None  # (a mistyped header: none known)
            movements = sw.rows(Movement)
    wrong = refusals(case_rows, d.lines, skus, movements) if case_rows else []
    # (a ledger that did not read: whether a refund is paid is not known, never "agree it" of one that may be)
    d.cases = list_open(case_rows, d.lines, today, shop.lang, d.entries if lw is not False else None, wrong)
    # (never worked out of orders missing a row that does not read: an agent's sum owed short of it, unsaid)
    if shop.path(AGENTS).exists() and wb and not wb.errors_in(OrderLine):
        try:
            d.agents_due = _agents_due(shop, today, d.lines, case_rows, d.agents_billed)
        except BeingSaved as e:
            saving("finance", e)
        except ShopbookError as e:  # (it reads stock.xlsx too: the file that did not read is the one named)
            d.unread.append(("finance", Path(e.path).name if e.path else AGENTS.filename))
    elif shop.path(AGENTS).exists():  # (the statements not worked out: agents.xlsx itself still said if it won't open)
        from ..io.files import check_workbook

        try:
            check_workbook(shop.path(AGENTS))
        except BeingSaved as e:
            saving("finance", e)
        except ShopbookError:
            d.unread.append(("finance", AGENTS.filename))
    d.unopened = unopened(shop, d.unread)
    d.unread = said_once(d.unread, d.unopened)
    return build(d, shop.lang)


def said_once(unread: list[tuple[str, str]], unopened: dict) -> list[tuple[str, str]]:
    """`unread` with each place once a role: a workbook that does not open (a damaged stock.xlsx stopped the
    warehouse's supplies and its stocktake alike) is one item in each role's list whose part it stopped (a role's
    list reading 无 / nothing would say there is nothing to do), and so is a place two parts of one role named."""
    out, seen = [], set()
    for role, where in unread:
        key = (role, workbook_of(where) if workbook_of(where) in unopened else where)
        if key not in seen:
            seen.add(key)
            out.append((role, where))
    return out


def workbook_of(where: str) -> str:
    """The workbook of a place the self-check names (stock.xlsx › 耗材, orders.xlsx › 订单 › E5（另有 2 处）)."""
    return re.sub(r"（另有 \d+ 处）$| \(\d+ more\)$", "", where.split(" › ")[0])


def unopened(shop, unread: list[tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Each workbook of `unread` that Excel cannot open either → (zh, en) why and what to do, as validate says it:
    one missing (put back, shopbook init), one that is no workbook (damaged: its backup; a CSV renamed: save it as
    .xlsx). A workbook that opens (a cell of it did not read) is none of them."""
    from ..io.files import check_workbook
    from ..issues import ShopbookError
    from ..schema import WORKBOOKS
    from ..shop import missing_workbook

    out = {}
    for name in dict.fromkeys(workbook_of(where) for _, where in unread):
        path = shop.folder / name
        spec = next((w for w in WORKBOOKS if w.filename == name), None)
        if not path.exists() and spec is not None:
            i = missing_workbook(shop.folder, spec)
            out[name] = (i.message_zh, i.message_en)
            continue
        try:
            check_workbook(path)
        except ShopbookError as e:
            out[name] = (e.zh, e.en)  # (the item's record names it)
    return out


def _first_cell(errors: list, lang: str) -> str:
    """Where the first of a book's read errors is, and how many more: the book read, all but those."""
    more = len(errors) - 1
    return errors[0].where(lang) + ("" if not more else f"（另有 {more} 处）" if lang == "zh" else f" ({more} more)")


def _agents_due(shop, today: dt.date, lines: list[OrderLine], cases: list,
                billed: dict[str, object] | None = None) -> list[tuple[str, str, object]]:
    """Agents whose last month's statement (本期应收, earlier months brought forward) is not paid,
    as `shopbook agents settle --month` works it out (returns posted under a case number of
    `cases` credited too); a statement with an error is left to it. `billed` gets the statement's
    本期应收 of each one part paid since the month ended."""
    from ..agents.settlement import case_orders, read_as_agents, settle
    from ..agents.workflow import _load, _price_book, settled_months
    from ..io.reader import read_workbook
    from ..money.ledger import month_before, month_bounds
    from ..schema import STOCK, Agent, Movement, Payment, Product, Rebate

    aw = _load(shop)
    if not aw.rows(Agent):
        return []
    stock = read_workbook(shop.path(STOCK), STOCK, (Product, Movement))
    month = month_before(today)
    first, last = month_bounds(month)
    pb = _price_book(shop, aw, stock.rows(Product))
    # "dl003" typed for DL003 is DL003's, as `agents settle` reads it (its payment credited, its line billed)
    ids = [a.agent_id for a in aw.rows(Agent)]
    payments, _ = read_as_agents(aw.rows(Payment), ids)
    # (settle looks at an agent's lines only, and at the replacements of their exchanges: 换货差价)
    sent = {c.resend_order for c in cases if c.resend_order}
    lines, _ = read_as_agents([ln for ln in lines if ln.agent_id or ln.order_no in sent], ids)
    out = []
    settled = settled_months(shop, month)  # a month settled keeps its rebate rate, as on its statement
    for a in aw.rows(Agent):
        s = settle(a.agent_id, a.name, month, first, last, lines, stock.rows(Movement), payments,
                   aw.rows(Rebate), shop.config.agents.shipping_per_order, pb, case_orders(cases, credited=True),
                   settled.get(a.agent_id), cases)
        # what it has paid since the month ended (December's statement paid on 01-05) is received: the rest,
        # if any, is still owed (finance was told all of it was, every morning of the month)
        due = s.balance - sum((p.amount for p in payments if p.agent_id == a.agent_id and last < p.date <= today),
                              Decimal(0))
        if due > 0 and not any(i.is_error for i in s.issues):
            out.append((f"{a.agent_id} {a.name}", month, due))
            if due != s.balance and billed is not None:
                billed[f"{a.agent_id} {a.name}"] = s.balance
    return out


def _kpi_rows(shop, day: dt.date, lines: list[OrderLine], unread: list, resends: frozenset[str],
              data: SelfCheckData | None = None) -> list:
    """The daily report's KPI rows of `day`; `data`'s kpi_missing set to `day` where 日报 has rows before it
    and none of it."""
    from ..io.reader import read_workbook
    from ..issues import ShopbookError
    from ..kpi.metrics import day_report, days_from, targets_read
    from ..schema import AGENTS, KPI, DailyKpi
    from .daily import kpi_rows

    def agents_prices():
        """An agent's line typed with a blank 单价, at the agent's price as the daily job counts it:
        agents.xlsx read only then. One that does not read: at 0, as before, and named in `unread`."""
        from ..money.workflow import agent_prices

        try:
            book.append(agent_prices(shop))
        except ShopbookError as e:
            unread.append(("operations", Path(e.path).name if e.path else getattr(e, "book", "") or AGENTS.filename))
            book.append(None)
        return book[-1]

    book: list = []  # agents.xlsx's prices, once read
    at_agent_price: list = []  # the agents' lines with a blank 单价 a day filled from the orders counts

    kw = read_workbook(shop.path(KPI), KPI)
    if data is not None:
        dates = {r.date for r in kw.rows(DailyKpi)}
        data.kpi_missing = day if day not in dates and any(x < day for x in dates) else None
    rep = day_report(days_from(kw.rows(DailyKpi), lines, agents_prices, shop.config.agents.shipping_per_order,
                               lambda: resends, at_agent_price), day,
                     targets_read(kw), shop.config.kpi.anomaly_drop)
    if data is not None and book and (on_day := [ln for ln in at_agent_price if ln.paid_at.date() == day]):
        from ..money.workflow import tiers_unknown  # said as `ledger` says it (before, judged without a word)

        data.tier_unknown = tiers_unknown(on_day, book[-1], ("昨天的销售额", "yesterday's sales"))
    return kpi_rows(rep, shop.lang)[0]


def below_target(rows) -> list[tuple[str, str, str]]:
    """The daily report's KPI rows (report.daily.KpiRow) under their target."""
    from ..kpi.metrics import as_shown

    out = []
    for k in rows:
        if k.raw is None or k.raw_target is None or k.metric in LOWER_IS_BETTER:
            continue
        if as_shown(k.metric, k.raw) < as_shown(k.metric, k.raw_target):  # (as the report shows them both)
            out.append((k.label, k.value, k.target))
    return out


def over_target(rows) -> list[tuple[str, str, str]]:
    """The KPI rows over their target where lower is better (LOWER_IS_BETTER: the target is a ceiling)."""
    from ..kpi.metrics import as_shown

    return [(k.label, k.value, k.target) for k in rows if k.metric in LOWER_IS_BETTER and k.raw is not None
            and k.raw_target is not None and as_shown(k.metric, k.raw) > as_shown(k.metric, k.raw_target)]


def by_role(items: list[CheckItem], lang: str, cut: int = 10, where: tuple[str, str] | None = None
            ) -> list[tuple[str, int, list[CheckItem], str]]:
    """For the e-mail: each role, its count, its first `cut` items (urgent first) and how many
    more there are and where (the daily report's 自查 sheet unless `where` says)."""
    where = where or ("全部见日报工作簿的“自查”表", "all of them on the 'Self-check' sheet of the daily report workbook")
    out = []
    for role, _, _ in ROLES:
        mine = [i for i in items if i.role == role]
        n = len(mine) - cut
        more = _t(lang, f"… 还有 {n} 条，{where[0]}", f"… {n} more: {where[1]}") if n > 0 else ""
        out.append((role_label(role, lang), len(mine), mine[:cut], more))
    return out
