"""Purchasing as shop-level operations (the CLI and the Excel buttons call these): read the
workbooks, call the pure core (suggest, receive), write what it decided."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..io.files import make_dirs
from ..io.journal import writes_shop
from ..io.reader import gc_paused, read_workbook
from ..io.sheet_edit import SheetEdit, Writer, edit_workbook, ensure_writable
from ..io.xlsx_patch import NewSheet
from ..issues import DataStop, Issue, ShopbookError, col_letter, en_count, stop_on
from ..money.ledger import group_of
from ..money.said import report_said
from ..schema import (LEDGER, ORDERS, STOCK, Account, Category, Direction, Entry, Movement, PoStatus, Product, Promotion,
                      PurchaseLine, Supplier, WaitlistEntry)
from ..shop import Shop, day_given
from ..stock import report
from ..stock.report import PAST_ALERTS_NOTE
from ..stock.levels import received_on_po
from ..stock.workflow import (StockData, _ahead, ahead_said, load_stock, order_lines, po_ahead, po_ahead_said,
                              promotions, sku_references, stop_on_sheets)
from ..validate.rules import check_po_received, check_unique
from ..values import cell_value as _cell_value
from . import receive as R
from . import suggest as S
from .po_documents import write_po


@dataclass
class PurchaseData:
    stock: StockData
    suppliers: list[Supplier]
    purchases: list[PurchaseLine]


def load_purchasing(shop: Shop, need_orders: bool = True) -> PurchaseData:
    """The stock sheets with 供应商 and 采购, stopped on any error that would make an
    on-order figure wrong (a 采购 row that does not read, the same SKU twice on a PO, a SKU
    that is no product). `need_orders`: with the order lines (load_stock's), for the figures
    that count them."""
    d = load_stock(shop, need_orders)
    wd = d.book
    purchases = wd.rows(PurchaseLine)
    wrong = wd.locate(check_unique(purchases, PurchaseLine) + check_unique(wd.rows(Supplier), Supplier)
                      + (sku_references(wd, purchases) if wd.has_column(Product, "sku") else [])
                      + _quantities(purchases))
    errors = wd.errors_in(Supplier, PurchaseLine) + [i for i in wrong if i.is_error]
    # named by the sheets they are on (before: "采购：3 个数据错误", the first of them on 供应商)
    stop_on_sheets(errors, ("采购", "Purchases"), shop.path(STOCK))
    return PurchaseData(d, wd.rows(Supplier), purchases)


def _quantities(purchases: list[PurchaseLine]) -> list[Issue]:
    from ..issues import at

    return [at(ln, "qty", "error", "采购数量要大于 0。", "The quantity ordered must be above 0.")
            for ln in purchases if ln.qty <= 0]


# --- suggest ------------------------------------------------------------------------------

@dataclass
class SuggestResult:
    plan: S.Plan
    written: bool = False
    documents: list[Path] = field(default_factory=list)
    asked: bool = False  # --write (the button always): the draft POs were to be written
    past: bool = False  # for a day before today: the orders were not counted (PAST_ALERTS_NOTE)
    sheet: str | None = None  # the sheet the drafts went to, by its name (a 采购 renamed 采购单); None: 采购
    # 大促 rows starting within EVENT_NOTICE_DAYS (name, first day, days to go): events_ahead
    events: list[tuple[str, dt.date, int]] = field(default_factory=list)
    # 大促 within the days of sales the quantities average (name, first day, last day): stock.report.events_in_sales
    events_in_sales: list[tuple[str, dt.date, dt.date]] = field(default_factory=list)
    window: int = 14  # the days of sales the quantities are of ([stock] sales_window_days)

    @property
    def no_supplier(self) -> list[str]:
        """The SKUs to order whose 商品 row names no 供应商: no PO can be drafted for them."""
        return [x.sku for o in self.plan.orders if o.supplier is None for x in o.lines]

    @property
    def whole(self) -> bool:
        """Every product that needs ordering is on a PO (drafted, or to be with --write): the
        CLI's exit 0, the button's quiet box, the ✓."""
        return not self.no_supplier

    def documents_said(self) -> list[tuple[str, str, str]]:
        """Each PO workbook written (mark, zh, en): ✓ only when the run left no product out (else –,
        the path all the same: the line below says what is missing)."""
        return [report_said(p, self.whole) for p in self.documents]

    def said(self, shown: int | None = None) -> list[tuple[str, str, str]]:
        """What `purchase suggest` and the 采购建议 button end with (mark, zh, en): the draft POs
        written (✓ only when every product that needs ordering got one; ! when some have no
        supplier, ✗ when none could be written), how many products have no supplier, which (the
        first `shown`, else all) and where to fill it in. For a past day, first that its orders were not counted."""
        return ([("!", *PAST_ALERTS_NOTE)] if self.past else []) + self._said(shown) + self._events_said()

    def _events_said(self) -> list[tuple[str, str, str]]:
        """A 大促 a week or less ahead: the quantities are of ordinary days' sales, and the seeds' rule is that
        the event's stock is decided no later than a week before it (活动前一个星期内必须有决定)."""
        return [("!", (f"大促“{name}”{day:%Y-%m-%d} 开始（还有 {n} 天）：采购建议按近 {self.window} 天的平常销量算，"
                       "没有算活动要多卖的量。活动备货要在活动前一个星期内定下来：按往期活动的销量估算，加到采购单上"),
                 (f"big event '{name}' starts {day:%Y-%m-%d} (in {en_count(n, 'day')}): what to order is worked out "
                  f"from the last {en_count(self.window, 'day')}' ordinary sales, none of what the event will sell "
                  "more. Decide the event's stock no later than a week before it: estimate it from past events' "
                  "sales and add it to the POs"))
                for name, day, n in self.events] + self._late_said() + (
                    [("!", *report.events_in_sales_said(self.events_in_sales, self.window))]
                    if self.events_in_sales and self.plan.orders else [])

    def _late_said(self) -> list[tuple[str, str, str]]:
        """The POs expected on or after the first event's start: ordered a week before 双12, the goods come after it
        (before: only the expected date was shown, nothing said it misses the event the buyer was ordering for)."""
        if not self.events:
            return []
        name, day, _ = self.events[0]
        late = [o for o in self.plan.orders if o.supplier and o.lines and o.expected_date and o.expected_date >= day]
        return [("!", f"{o.supplier} 的采购单预计 {o.expected_date:%Y-%m-%d} 到货，不早于大促“{name}”开始（{day:%Y-%m-%d}）："
                      "这批货赶不上活动；活动要卖的，请和供应商确认能否提前交货，或找现货",
                 f"{o.supplier}'s PO is expected {o.expected_date:%Y-%m-%d}, not before big event '{name}' starts "
                 f"({day:%Y-%m-%d}): these goods come too late for it; for what the event will sell, ask the supplier "
                 "to deliver sooner, or find stock elsewhere") for o in late]

    def _said(self, shown: int | None) -> list[tuple[str, str, str]]:
        if not self.plan.orders:
            return [("✓", "没有要采购的：没有商品低于补货点，或在途的已够",
                     "nothing to order: no product is below its reorder point, or what is on order covers it")]
        n = sum(1 for o in self.plan.orders if o.supplier)
        nobody = self.no_supplier
        if nobody:
            k = len(nobody)
            cut = shown is not None and k > shown
            # (a cut list says how many more in either language: before, the Chinese said 等 and no number)
            names = "、".join(nobody[:shown]) + (f" 等，还有 {k - shown} 个（shopbook purchase suggest 列出全部）"
                                                 if cut else "")
            names_en = ", ".join(nobody[:shown]) + (f" and {k - shown} more (shopbook purchase suggest lists them all)"
                                                    if cut else "")
            was = "was" if k == 1 else "were"
            zh, en = ("没有下单", f"{was} not ordered") if self.asked else ("不能下单", "cannot be ordered")
            left = (f"{k} 个商品没有供应商，{zh}：{names}。请在 stock.xlsx 的“商品”表“供应商”列填上供应商，再运行一次",
                    (f"{en_count(k, 'product')} {'has' if k == 1 else 'have'} no supplier and {en}: {names_en}. "
                     "Fill in the supplier column of the Products sheet in stock.xlsx, then run it again"))
        if self.written:
            zh, en = (f"草稿采购单 {n} 张已写入 stock.xlsx › {self.sheet or '采购'}，采购单文件在 reports/",
                      f"{en_count(n, 'draft PO')} written to stock.xlsx › {self.sheet or 'Purchases'}, the PO "
                      "workbooks to reports/")
            return [("!", f"{zh}；{left[0]}", f"{en}; {left[1]}") if nobody else ("✓", zh, en)]
        if not nobody:  # (no --write: the plan above is all there is)
            return [self._not_written()]
        if self.asked:  # nothing to write a PO for: every product to order lacks its supplier
            return [("✗", f"没有写入草稿采购单：{left[0]}", f"no draft PO written: {left[1]}")]
        out = [("!", *left)]
        if n:
            out.append(self._not_written())
        return out

    def _not_written(self) -> tuple[str, str, str]:
        """The hint under a plan not written: --write, which a past day refuses (purchase_suggest)."""
        if self.past:
            return ("", "（没有写入：过去的日期不写草稿采购单；要写，去掉 --date 按今天算，加 --write）",
                    "(nothing written: a past day drafts no PO; to write them, drop --date and run it for today "
                    "with --write)")
        return ("", "（没有写入；加 --write 写入草稿采购单）", "(nothing written: --write writes the draft POs)")

    def to_json(self) -> dict:
        return {"lines": self.plan.to_json(), "written": self.written,
                "documents": [str(p) for p in self.documents],
                "no_supplier": self.no_supplier,  # not ordered: fill in the 商品 sheet's 供应商
                "lead_times": [o.measured.to_json() for o in self.plan.orders if o.measured],
                "warnings": [i.to_json() for i in self.plan.warnings],
                "orders_counted": not self.past,
                # 大促 a week or less ahead, whose extra sales the quantities leave out (_events_said)
                "events_ahead": [{"name": n, "start": d.isoformat(), "days": k} for n, d, k in self.events],
                # 大促 in the days of sales the quantities average: their extra sales counted as every day's
                "events_in_sales": [{"name": n, "start": a.isoformat(), "end": b.isoformat()}
                                    for n, a, b in self.events_in_sales]}  # a past day: reserved and held orders left out (PAST_ALERTS_NOTE)


def _suggest(shop: Shop, today: dt.date, past: bool = False) -> tuple[PurchaseData, S.Plan]:
    pd = load_purchasing(shop, need_orders=not past)
    d, c = pd.stock, shop.config.stock
    if past:
        d.waitlist = [w for w in d.waitlist if w.date is None or w.date <= today]
    # what each PO line received, walked once: up to today for what is on order, all of it for 已收数量
    later: Counter = Counter()
    got = received_on_po(d.movements, today, later)
    alerts = report.alerts(d.products, d.movements, d.lines, d.waitlist, today, c.main_min_units,
                           c.sales_window_days, c.cover_days, pd.purchases, pd.suppliers, (got, later), past=past)
    plan = S.suggest(alerts, d.products, pd.suppliers, pd.purchases, d.movements, today, c.cover_days)
    # a 已收数量 its stock-ins do not bear out: that line's on-order figure, taken off what is ordered, is wrong
    plan.warnings = d.book.locate(plan.warnings + check_po_received(pd.purchases, d.movements, got + later))
    # 缺货登记 rows that do not read (客户 typed 客户名 leaves every one unread) are in no quantity: said, as by stock alerts
    if wl := d.book.errors_in(WaitlistEntry):
        plan.warnings.append(_waitlist_unread(wl))
    # 出入库 rows dated after today (2026-12-20 typed for 12-05): left out of the stock the quantities are of, said at
    # the first, as stock alerts says them (before: said nowhere here, 10 ordered of a SKU whose 50 had come in)
    if not past and (ahead := _ahead(d, today)):
        zh, en = ahead_said(ahead)
        plan.warnings.append(ahead[0].with_(message_zh=f"{zh}；建议的补货量没有算它们",
                                            message_en=f"{en[0].upper()}{en[1:]}; the quantities to order leave them out"))
    # PO lines sent with their 下单日期 after today: counted on order (report.alerts), said as stock alerts says them
    # (before: counted here unsaid, '✓ nothing to order', the mistyped date never shown)
    if not past and (po := d.book.locate(po_ahead(pd.purchases, today))):
        zh, en = po_ahead_said(po)
        plan.warnings.append(po[0].with_(message_zh=zh, message_en=en[0].upper() + en[1:]))
    return pd, plan


def _waitlist_unread(wl: list[Issue]) -> Issue:
    """The first 缺货登记 error, as a warning that the quantities leave its rows out (as stock alerts says it)."""
    from ..stock.workflow import waitlist_unread_words

    zh, en = waitlist_unread_words(wl[0].message_zh, wl[0].message_en, len(wl))
    return wl[0].with_(severity="warning", message_zh=zh, message_en=en[0].upper() + en[1:])


def purchase_plan(shop: Shop, today: dt.date | None = None) -> S.Plan:
    """What `purchase suggest` would order, writing nothing."""
    return _suggest(shop, today or dt.date.today())[1]


@writes_shop("purchase suggest")
@gc_paused()
def purchase_suggest(shop: Shop, today: dt.date | None = None, write_drafts: bool = False,
                     write: Writer = edit_workbook, as_of: dt.date | None = None) -> SuggestResult:
    """The alerts' reorder quantities less what is on order, by supplier. With `write_drafts`:
    a draft PO per supplier appended to 采购 (so the next run finds it on order and never
    orders it again) and a print-ready PO workbook per supplier in reports/. For `as_of` (--date),
    a day before `today`: the orders are left out (PAST_ALERTS_NOTE), as `stock summary --as-of` leaves them."""
    today = day_given(today, "today") or dt.date.today()
    as_of = day_given(as_of, "as_of")
    past = as_of is not None and as_of < today
    if past and write_drafts:  # its POs would be numbered and dated that day, sized without the orders
        raise DataStop(  # the shop's language alone, as every stop a person's run meets
            f"--date {as_of} 是过去的日期（今天是 {today}）：没有写入草稿采购单。草稿采购单会按那天编号、记那天的下单日期，"
            "补货量也没有算订单。要写草稿采购单，请去掉 --date，按今天算：purchase suggest --write。",
            f"--date {as_of} is a past day (today is {today}): no draft PO was written. Its POs would be numbered "
            "and dated that day, and their quantities leave the orders out. To write draft POs, drop --date and "
            "draft today's: purchase suggest --write.")
    if as_of is not None and as_of > today:  # (before: drafts dated that day, which today's run did not count
        # as on order and drafted again; and sales rates taken over days still to come, as days of no sales)
        raise DataStop(
            f"--date {as_of} 在未来（今天是 {today}）：到那天为止的销售还没有发生，补货量算不出来；按那天写的草稿采购单，"
            "今天的采购建议也不会算作在途，会再订一次。没有写入。请去掉 --date，按今天算：purchase suggest。",
            f"--date {as_of} is in the future (today is {today}): the sales up to that day have not happened, so "
            "what to order cannot be worked out; draft POs dated that day would not count as on order today and "
            "would be ordered again. Nothing was written. Drop --date to work it out for today: purchase suggest.")
    pd, plan = _suggest(shop, as_of or today, past)
    res = SuggestResult(plan, asked=write_drafts, past=past, window=shop.config.stock.sales_window_days,
                        events=[] if past else events_ahead(shop, today))
    if plan.orders:  # (orders.xlsx's 促销 read only where there is something to order)
        res.events_in_sales = report.events_in_sales(promotions(shop), as_of or today, res.window)
    orders = [o for o in plan.orders if o.supplier and o.lines]
    if not write_drafts or not orders:
        return res
    ensure_writable(write, shop.path(STOCK))
    rows = [ln for o in orders for ln in S.draft_lines(o, shop.lang)]
    sd = pd.stock.book.sheets.get(PurchaseLine)
    if sd is not None and sd.present:
        write(shop.path(STOCK), [SheetEdit(PurchaseLine, append=rows, layout=sd)], lang=shop.lang)
        if sd.sheet not in (PurchaseLine.title("zh"), PurchaseLine.title("en")):  # renamed: said by its name
            res.sheet = sd.sheet  # (before, 采购 was said of drafts written to 采购单)
    else:  # no 采购 sheet yet: shopbook adds it, with these rows (there is nothing of a person's to keep)
        write(shop.path(STOCK), own_sheets=[_new_purchase_sheet(rows, shop.lang)], lang=shop.lang)
    res.written = True
    make_dirs(shop.reports)
    for o in orders:
        res.documents.append(write_po(shop.reports, o, pd.stock.products, shop.config.shop.name, shop.lang))
    return res


EVENT_NOTICE_DAYS = 7  # the seeds: 活动前一个星期内必须有决定 (the event's stock decided a week before it at the latest)


def events_ahead(shop: Shop, today: dt.date) -> list[tuple[str, dt.date, int]]:
    """The 促销 sheet's 大促 rows (enabled, dated) starting after `today` and within EVENT_NOTICE_DAYS:
    (name, first day, days to go). None where orders.xlsx or its 促销 sheet does not read: a note, never a stop."""
    try:
        promos = read_workbook(shop.path(ORDERS), ORDERS, (Promotion,)).rows(Promotion)
    except Exception:  # noqa: BLE001 - the suggestion stands without it; the order commands say what is wrong
        return []
    out = {}
    for p in promos:
        if p.days and 0 < (n := (p.days[0] - today).days) <= EVENT_NOTICE_DAYS:
            out.setdefault((p.name, p.days[0]), n)
    return sorted(((name, day, n) for (name, day), n in out.items()), key=lambda e: (e[1], e[0]))


def _new_purchase_sheet(rows: list[PurchaseLine], lang: str) -> NewSheet:
    cols = PurchaseLine.columns()
    body = [[_cell_value(c, getattr(r, c.name), lang) for c in cols] for r in rows]
    dates = {i: "yyyy-mm-dd" for i, c in enumerate(cols) if c.kind.value == "date"}
    money = {i: "#,##0.00" for i, c in enumerate(cols) if c.kind.value == "money"}
    return NewSheet(PurchaseLine.title(lang), [[c.header(lang) for c in cols]] + body,
                    widths=[c.col.width or 12 for c in cols], formats={**dates, **money})


# --- receive ------------------------------------------------------------------------------

def read_count(path: Path) -> tuple[R.Counted, str]:
    """The count in a scan file or a sheet, and an id of what it counts (codes and quantities,
    not the file's name, line ends or layout) that the movements carry, so that posting the
    same count twice posts nothing the second time."""
    from ..io.limits import read_input
    from ..orders.platform_export import _decode

    path = Path(path)
    if not path.exists():
        raise ShopbookError("找不到收货文件。", "Receipt file not found.", path)
    data = read_input(path)
    rows = _old_xls_rows(path) if data[:4] == b"\xd0\xcf\x11\xe0" else None  # a supplier's 送货单.xls
    if rows is not None:
        counted = R.count_from_rows(rows)
    elif data[:4] == b"PK\x03\x04":  # an .xlsx count sheet: its first sheet
        import python_calamine as pc

        try:
            wb = pc.CalamineWorkbook.from_path(str(path))
            rows = wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
        except Exception as e:  # noqa: BLE001 - a damaged file is named, never a traceback
            raise ShopbookError(f"收货表读不出：{e}", f"The count sheet cannot be read: {e}", path) from None
        counted = R.count_from_rows(_with_formulas_unknown(path, rows))
    else:
        text, _ = _decode(data, path)
        counted = R.count_from_text(text)
    if counted.boxes:  # no sheet says how many pieces a box holds: a row read as 1 piece posted 1 of 20
        n, i, head = counted.boxes
        raise ShopbookError(f"第 {n} 行 {col_letter(i)} 列的表头“{head}”是箱数：没有入库（不知道每箱多少件）。"
                            "请在这一列填件数，表头改成 实收数量（或 实收数量(件)），再收一次。",
                            f"The header \"{head}\" at row {n}, column {col_letter(i)} counts boxes: nothing was "
                            "posted (how many pieces a box holds is not known). Enter the number of pieces in that "
                            "column, head it Received (or Received (pcs)), then receive it again.", path)
    if counted.qty_like:  # a quantity under a header not read as one: each row would have counted 1
        n, i, head = counted.qty_like
        raise ShopbookError(f"第 {n} 行 {col_letter(i)} 列的表头“{head}”不是 shopbook 认得的收货数量列：没有入库（每行会被"
                            "当作 1 件）。这一列是点到的件数的话，请把表头改为 实收数量，再收一次。",
                            f"The header \"{head}\" at row {n}, column {col_letter(i)} is no received-quantity column "
                            "shopbook knows: nothing was posted (each row would count 1). If it holds the pieces "
                            "counted, head it Received, then receive it again.", path)
    def rid(codes) -> str:
        return "R" + hashlib.sha256("\n".join(f"{c}\t{q}" for c, q in sorted(codes)).encode("utf-8")).hexdigest()[:8]

    # what it counts: a code counted 0 (the supplier's note listing C blank, not sent) counts nothing, so the same
    # delivery received the next day from that note is the count posted from the scan (before: another count, its
    # 12 shirts posted again, the PO closed over-delivered and the payment proposed for goods that never came)
    mine = rid((c, q) for c, q in counted.codes.items() if q)
    # earlier versions hashed the file's name and bytes, then its codes counted 0 too: a count they posted is still found
    counted.aliases = tuple(dict.fromkeys(
        ("R" + hashlib.sha256(path.name.encode("utf-8") + b"\0" + data).hexdigest()[:8],
         *([old] if (old := rid(counted.codes.items())) != mine else []))))
    return counted, mine


def _old_xls_rows(path: Path) -> list[list] | None:
    """The first sheet of an old binary .xls (as suppliers still send their delivery notes, WPS's 97-2003 format),
    as calamine reads it; None where it does not read as one (a password-protected .xlsx is such a container too:
    said as before). Before: every .xls refused, "save it as .xlsx"."""
    import python_calamine as pc

    try:
        return pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception:  # noqa: BLE001 - not one calamine reads: the text path says what it is
        return None


def _with_formulas_unknown(path: Path, rows: list[list]) -> list[list]:
    """The first sheet's rows with each formula that holds no value (=2*10 in a file a program wrote, never
    calculated in Excel or WPS) or an error (#REF!) in its cell, as the formula or the error: calamine reads such
    a cell as blank, and a blank 实收数量 counts 0 (before: the 20 tees of that line said 未到, nothing said why)."""
    import zipfile

    from ..io import limits
    from ..io.sheet_xml import error_cells_in_xml, sheet_parts

    try:
        with zipfile.ZipFile(path) as z:
            part = next(iter(sheet_parts(z).values()), None)
            cells = error_cells_in_xml(limits.read_member(z, part, path)) if part in z.namelist() else {}
    except (KeyError, zipfile.BadZipFile):  # (calamine read it: what it read stands)
        return rows
    for (r, c), v in cells.items():
        while len(rows) <= r:
            rows.append([])
        rows[r] = list(rows[r]) + [""] * (c + 1 - len(rows[r]))
        rows[r][c] = v
    return rows


def _payment_target(ledger_wd, lang: str) -> tuple[str, str]:
    """The category (the first 支出 one in the 商品成本 group) and account (银行 when there is
    one, else the first) a supplier payment is proposed in."""
    cats = [c for c in ledger_wd.rows(Category) if c.direction is Direction.OUT and group_of(c) == "cost of goods"]
    accounts = [a.account for a in ledger_wd.rows(Account)]
    category = cats[0].category if cats else ("采购货款" if lang == "zh" else "Purchases")
    account = next((a for a in accounts if a in ("银行", "bank", "Bank")), accounts[0] if accounts else
                   ("银行" if lang == "zh" else "Bank"))
    return category, account


@writes_shop("purchase receive")
@gc_paused()
def purchase_receive(shop: Shop, file: Path, po_no: str, today: dt.date | None = None, close: bool = False,
                     book_payment: bool = False, new_delivery: bool = False,
                     write: Writer = edit_workbook) -> R.Receipt:
    """A delivery counted against PO `po_no`: 入库 movements with the PO number, each line's
    status and 已收数量 on 采购, the waiting-list customers to call for the SKUs that came,
    and the supplier payment proposed (written to 流水 with `book_payment`). A count of this
    PO posted earlier the same day is the same delivery (see plan_receipt); `new_delivery`
    posts all of it as another one."""
    now = dt.date.today()
    today = day_given(today, "today") or now
    if today > now:  # (a stock-in dated ahead is left out of today's alerts and on-order: the goods ordered again)
        # (a stop about the run, not a file: the shop's language alone, as --date of `purchase suggest`)
        raise DataStop(f"到货日期 {today} 在未来（今天是 {now}）：没有入库。请核对 --date。",
                            f"The delivery date {today} is in the future (today is {now}): nothing was posted. "
                            "Check --date.")
    pd = load_purchasing(shop, need_orders=False)  # (the goods are received whatever the orders say)
    d = pd.stock
    po_no = R.po_as_on_sheet(po_no, {ln.po_no for ln in pd.purchases})
    po_lines = [ln for ln in pd.purchases if ln.po_no == po_no]
    # stops about the shop's own POs and what was received on them: in the shop's language alone
    if not po_lines:  # the POs goods are still to come on (what a delivery is for), else the latest
        waiting = sorted({ln.po_no for ln in pd.purchases
                          if ln.status in (PoStatus.DRAFT, PoStatus.ORDERED, PoStatus.PARTLY)})
        known = waiting or sorted({ln.po_no for ln in pd.purchases})[-5:]
        zh, en = ("还在等货的：", "Goods are still to come on: ") if waiting else ("已有：", "There are: ")
        more = len(known) - 10  # (a shop with many open POs: the first ten, and how many more)
        known_zh = "、".join(known[:10]) + (f" 等 {len(known)} 个" if more > 0 else "")
        known_en = ", ".join(known[:10]) + (f" and {more} more" if more > 0 else "")
        raise DataStop(f"“采购”表里没有采购单 {po_no}。" + (f"{zh}{known_zh}" if known else ""),
                       f"The Purchases sheet has no PO {po_no}." + (f" {en}{known_en}" if known else ""),
                       shop.path(STOCK))
    if all(ln.status.value == "已取消" for ln in po_lines):
        raise DataStop(f"采购单 {po_no} 已取消，不能收货。", f"PO {po_no} is cancelled: nothing can be received on it.",
                       shop.path(STOCK))
    ordered = min((ln.order_date for ln in po_lines if ln.order_date), default=None)
    if ordered is not None and today < ordered:  # a typo: goods come after they are ordered (the lead time measured −18 days)
        raise DataStop(f"到货日期 {today} 早于采购单 {po_no} 的下单日期 {ordered}：没有入库。请核对 --date，或“采购”表的下单日期。",
                       f"The delivery date {today} is before PO {po_no}'s order date {ordered}: nothing was posted. "
                       "Check --date, or the order date on the Purchases sheet.", shop.path(STOCK))
    counted, rid = read_count(file)
    if not counted.codes and not counted.problems:
        raise ShopbookError("收货文件里没有任何编码：什么都没有入库。收货表的表头要有 商家编码、条码 或 供应商货号（货号）列，"
                            "和 实收数量（或 数量）列；扫描文件每行一个编码，或 编码,数量。",
                            "The receipt file holds no codes: nothing was received. A count sheet's header needs a "
                            "SKU, Barcode or Supplier code column and a Received (or Qty) column; a scan file has one "
                            "code a line, or CODE,QTY.", file)
    named = R.po_named(counted, {ln.po_no for ln in pd.purchases})
    if named is not None and named != po_no:  # the box says another PO: posting it here would be wrong
        raise DataStop(f"收货文件写的是采购单 {named}，不是 {po_no}。请核对后用 --po {named}。",
                       f"The receipt file names PO {named}, not {po_no}. Check, then use --po {named}.", file)
    r = R.plan_receipt(po_no, po_lines, d.products, d.movements, counted, rid, today, close, shop.lang,
                       new_delivery=new_delivery, aliases=counted.aliases, others=pd.purchases)
    if r.onto_received and not new_delivery:
        zh = "、".join(f"{x.sku}（订 {x.ordered}，已收 {x.before}，这次又 {x.now}）" for x in r.onto_received)
        en = ", ".join(f"{x.sku} (ordered {x.ordered}, received {x.before}, now {x.now} more)" for x in r.onto_received)
        said = (f"采购单 {po_no} 的 {zh} 已经是“已到货”：没有入库。这个文件多半已经收过（改过名、改过、或在另一天）。",
                f"PO {po_no}: {en} — already received: nothing was posted. This file was most likely posted "
                "before (renamed, corrected, or on another day). ")
        # (the 采购收货… button receives as of today, one delivery: neither option is the button's)
        cmd = f'shopbook purchase receive "{shop.folder}" "{file}" --po {po_no}'
        from ..addin.build import button_label

        b = button_label("btnPurchaseReceive")
        raise DataStop(
            f"{said[0]}改过的收货文件请用第一次收货的日期 --date 再收，只入库新增的；确实又到了一批货，请加 --new-delivery。",
            f"{said[1]}Receive a corrected file with the first receipt's "
            "--date: it posts only what it adds; for a genuine second delivery, add --new-delivery.", file,
            by_button=(f"{said[0]}“{b[0]}”按钮按今天收货、不分批次，不能再收这个文件：改过的收货文件，在命令提示符里运行 "
                       f"{cmd} --date 第一次收货的日期（只入库新增的）；确实又到了一批货，运行 {cmd} --new-delivery。",
                       f"{said[1]}The {b[1]} button receives as of today, as one delivery, and cannot take this "
                       f"file again: for a corrected file, run {cmd} --date FIRST-RECEIPT-DAY in a command prompt "
                       f"(it posts only what it adds); for a genuine second delivery, run {cmd} --new-delivery."))
    if r.already_posted and not book_payment and not r.cells:
        return r  # posted before; with --pay the payment it proposed is still booked (once) below, --close done
    ledger_wd = None
    if shop.path(LEDGER).exists():
        try:
            ledger_wd = read_workbook(shop.path(LEDGER), LEDGER, (Entry, Category, Account))
        except ShopbookError:
            if book_payment:  # asked to write there: say why it cannot
                raise
            # the goods still come in; no payment is proposed: what is already paid cannot be seen
    if ledger_wd is not None or not shop.path(LEDGER).exists():
        entries = ledger_wd.rows(Entry) if ledger_wd else []
        category, account = _payment_target(ledger_wd, shop.lang) if ledger_wd else (
            ("采购货款", "银行") if shop.lang == "zh" else ("Purchases", "Bank"))
        R.propose_payment(r, entries, category, account, today, shop.lang)
    book = book_payment and r.payment is not None and ledger_wd is not None
    if book and (cats := [c.category for c in ledger_wd.rows(Category)]) and r.payment.category not in cats:
        # no 支出 category of the 商品成本 group on a 类别 sheet the shop keeps: the line booked under 采购货款 would be
        # validate's error, stopping the P&L until moved by hand (as reconcile refuses an account not listed)
        cat = r.payment.category
        raise DataStop(f"流水账的“{Category.zh}”表里没有“商品成本”分组的支出类别，货款要记的类别“{cat}”也不在表里："
                       f"没有入库，也没有记货款。请在“{Category.zh}”表加一行（类别 {cat}，收支 支出，分组 商品成本），"
                       "再用同样的命令收一次",
                       f"The ledger's {Category.en} sheet has no 'out' category of the cost of goods group, nor the "
                       f"category '{cat}' the payment would be booked in: nothing was posted or booked. Add a row to "
                       f"the {Category.en} sheet (category {cat}, direction out, group cost of goods), then receive it "
                       "again with the same command", shop.path(LEDGER))
    if book:
        stop_on(ledger_wd.errors_in(Entry), "流水", "Entries", shop.path(LEDGER))
    ensure_writable(write, *([shop.path(STOCK)] if r.movements or r.cells else []), *([shop.path(LEDGER)] if book else []))
    if r.movements or r.cells:
        sheets = d.book.sheets
        write(shop.path(STOCK), [SheetEdit(Movement, append=r.movements, layout=sheets[Movement]),
                                 SheetEdit(PurchaseLine, set_cells=r.cells, layout=sheets[PurchaseLine])],
              lang=shop.lang)
    if book:
        write(shop.path(LEDGER), [SheetEdit(Entry, append=[r.payment], layout=ledger_wd.sheets[Entry])],
              lang=shop.lang)
        r.payment_written = True
    # the waiting list, for the SKUs this delivery brought: a size of the style that came earlier
    # (on the shelf before this box) is `stock waitlist`'s, not news of this receipt
    came = {x.sku for x in r.lines if x.now}
    try:  # whom to call counts what orders hold, as `stock waitlist` does: where they do not read, it is said
        lines = order_lines(shop)
    except ShopbookError as e:
        r.calls_unknown = (e.zh, e.en)
    else:
        calls, _ = report.to_call(d.products, d.movements + r.movements, lines, d.waitlist, now)
        r.calls = [c for c in calls if c.sku in came]
    return r


def po_of_count(shop: Shop, file: Path) -> str:
    """The PO number a scan file or count sheet names (its first line, its title): how the
    Excel button knows which PO a delivery is for."""
    counted, _ = read_count(file)
    numbers = {ln.po_no for ln in load_purchasing(shop, need_orders=False).purchases}
    po = R.po_named(counted, numbers)
    if po is None:
        from ..addin.build import button_label

        b = button_label("btnPurchaseReceive")  # (the button has no --po: its box says the way it has)
        raise ShopbookError("收货文件里没有写采购单号：请在第一行写上采购单号（如 CG20261122-01,快递,单号），或用命令 "
                            "shopbook purchase receive … --po 单号。",
                            "The receipt file names no PO: put the PO number on its first line (e.g. "
                            "CG20261122-01,courier,tracking no.), or use shopbook purchase receive … --po NUMBER.",
                            file, by_button=(
                                f"收货文件里没有写采购单号：请在第一行写上采购单号（如 CG20261122-01,快递,单号），再按“{b[0]}”选它。",
                                "The receipt file names no PO: put the PO number on its first line (e.g. "
                                f"CG20261122-01,courier,tracking no.), then press {b[1]} and choose it again."))
    return po


# --- lead times, overdue ------------------------------------------------------------------

def supplier_lead_times(shop: Shop) -> list[S.LeadTime]:
    """Each supplier's declared 交货周期 beside the one its receipts show."""
    pd = load_purchasing(shop, need_orders=False)
    return list(S.lead_times(pd.suppliers, pd.purchases, pd.stock.movements).values())


def overdue_purchase_orders(shop: Shop, today: dt.date | None = None) -> list[S.Overdue]:
    """POs sent whose expected date has passed with goods still to come (for the self-check)."""
    pd = load_purchasing(shop, need_orders=False)
    return S.overdue(pd.purchases, pd.stock.movements, day_given(today, "today") or dt.date.today(), pd.stock.products,
                     pd.suppliers)
