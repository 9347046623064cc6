"""The warehouse's day as shop-level operations: read the workbooks, call the pure
core, write the results back. The CLI and the Excel buttons both call these."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import cache as once, cached_property
from pathlib import Path

from ..agents.prices import PriceBook, order_day
from ..io import cache
from ..io.background import beside
from ..io.files import writes_beside
from ..io.reader import gc_paused, parse_begun, read_workbook, record_fields, records_where
from ..io.journal import locks_shop, run_job, writes_shop
from ..io.sheet_edit import SheetEdit, Writer, edit_workbook, ensure_writable, formula_rows
from ..money.ledger import as_sent, not_signed_for
from ..issues import Issue, ShopbookError, col_letter, en_count, few, first, issue_said, stop_on, row_cell
from ..schema.orders import platform_word
from ..schema import (AGENTS, LEDGER, ORDERS, STOCK, Account, AfterSalesCase, Agent, AgentPrice, Category, Entry,
                      Movement, MovementType, OrderLine, OrderSource,
                      OrderStatus, Platform, Product,
                      Promotion, ReviewRule, ShippingRate, SkuMap, Tier)
from ..shop import Shop, day_given, days_given, files_given, shop_given
from ..stock.levels import available
from .picking import (Parcel, allot_gifts, allot_goods, by_courier, check_gifts, gift_rules, gift_units, gifts_text, held_gifts,
                      hidden_by_platform, order_gifts, parcels_to_pick, pick_list, platform_printed, promised_gifts, read_gifts, scan_gifts,
                      sent_by_platform, ship_together, typed_gifts, waybill_rows)
from .platform_export import read_order_files
from .shipping_fee import RateTable
from .review import (HOLDING, QUOTED, Decision, by_hand_reviews, group_orders, held_by_hand, held_reasons,
                     order_status, review_orders, rules_from_sheet, shipped_cells, since_review)


BATCH_NAME = re.compile(r"[\w\-]{1,30}")  # \w takes Chinese too; no / \ . : that would leave reports/


@dataclass
class ImportSummary:
    """import_orders(): the new order lines taken in (OrderLine records), the exports read (`files`),
    every order a later export moved on (`changes`), parcels to pull, and the located `issues` (an
    error is a line not taken). to_json() is `orders import --json`."""

    imported: list[OrderLine] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    unknown_skus: list[str] = field(default_factory=list)
    # the unknown SKUs a warning of the SKU map's says (a platform's code it lacks): not listed again in said()
    warned_unknown: set[str] = field(default_factory=set)
    # each unknown SKU → where it was first met (file as book:sheet, row, order no.) and how many lines have it
    unknown_at: dict[str, tuple[str, int | None, str, int]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)
    changes: list = field(default_factory=list)  # lifecycle.Change: every order a later export moved on
    # picked, now cancelled or refunding: take the parcel out (order no. → the pick batch it is in)
    pull_batches: dict[str, str] = field(default_factory=dict)
    # of them, those packed in one box with orders still to ship (合并发货, box_mates): order no. → those orders
    pull_mates: dict[str, list[str]] = field(default_factory=dict)
    # picked, held since (its parcel to pull), and back now (a refund closed): order no. → its batch. Its 拣货批次
    # cell keeps it from the next pick list: a parcel pulled and unpacked would never be packed again (before: unsaid)
    back_batches: dict[str, str] = field(default_factory=dict)
    movements: list[Movement] = field(default_factory=list)  # 出库 of orders shipped outside shopbook
    refunds_booked: list = field(default_factory=list)  # ledger lines of refunds paid (refund exports)
    cases_opened: list = field(default_factory=list)  # 售后 cases the refund export opened (aftersales)
    cases_sheet: str = ""  # the 售后 sheet's name where a person renamed it (cases_sheet_renamed)

    def cases_where(self) -> tuple[str, str]:
        """Where a cut list of the cases changed is whole (zh, en): the 售后 sheet by the name it has."""
        if self.cases_sheet:
            return f"都在 orders.xlsx 的“{self.cases_sheet}”表", f"all on the '{self.cases_sheet}' sheet of orders.xlsx"
        return "都在 orders.xlsx 的“售后”表", "all on the After-sales sheet of orders.xlsx"
    returns_numbered: list = field(default_factory=list)  # (case no., 退货单号) filled in from a refund export
    amounts_changed: list = field(default_factory=list)  # (case no., was, now): a later refund export's amount
    refunds_unsure: list[Issue] = field(default_factory=list)  # refunds two typed cases may be: a person says which
    left_out: list[Issue] = field(default_factory=list)  # export rows of a status no reader knows (warned): not taken
    reordered: list[dict] = field(default_factory=list)  # exports applied oldest first, not as given (platform_export)
    # errors of a parcel a file says went out for an order that must not ship (lifecycle.LifeResult)
    parcels_refused: list[Issue] = field(default_factory=list)
    below_zero: dict[str, int] = field(default_factory=dict)  # SKU → its book stock, where the 出库 posted took it below 0
    # an export older than one imported before: {file, newest (that one's time), orders it left as the newer one did}
    kept_newer: list[dict] = field(default_factory=list)
    # orders the files named that are on the sheet already and were left as they were: the same export again
    # said "导入：0 个订单，0 行" and nothing of them (as if the file held no order)
    unchanged: list[str] = field(default_factory=list)

    @property
    def pull(self) -> list[str]:
        return list(self.pull_batches)

    @property
    def stops_review(self) -> list[Issue]:
        """The errors that stop a job's review and pick list (`orders morning`, `daily`): a line not taken
        may be an order not reviewed. A parcel refused (parcels_refused) does not: its order is left as
        it is, out of the job's review (review(leave=…)), never picked; the others go on."""
        parcels = {id(i) for i in self.parcels_refused}
        return [i for i in self.issues if i.is_error and id(i) not in parcels]

    @property
    def left_alone(self) -> list[str]:
        """The orders of the parcels refused, each once: out of the job's review and pick list."""
        return list(dict.fromkeys(i.value for i in self.parcels_refused))

    @property
    def empty_files(self) -> list[str]:
        """The files given whose every table held its header and not one row: an export of a period with no
        orders, or one downloaded before the platform wrote any (a workbook's empty 发货报表 beside its
        other sheets is no such file). Not a refund export: a day without refunds is most days."""
        rows: dict[str, int] = {}
        for f in self.files:
            if f["kind"] not in ("unknown", "taobao-refunds"):
                name = f["file"].split(":", 1)[0]
                rows[name] = rows.get(name, 0) + f["rows"]
        return [name for name, n in rows.items() if not n]

    @property
    def imported_orders(self) -> int:
        return len({ln.order_no for ln in self.imported})

    @property
    def refused(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warned(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]

    def listed(self, shown: int, reports: Path, lang: str, warnings: bool = False) -> Path | None:
        """The whole of the lists said cut at `shown` (lines left out or refused, changes, and with
        `warnings` the warnings: a button says them in its box, cut, where the CLI prints them all),
        as a CSV in reports/ to open in Excel; None when nothing is cut."""
        from .import_list import write_import_list

        unknown = self.unknown_listed()
        if max(len(self.skipped), len(self.changes), len(self.refused), len(unknown),
               len(self.warned) if warnings else 0) <= shown:
            return None
        return write_import_list(reports, self.changes, self.skipped, lang, refused=self.refused, warned=self.warned,
                                 unknown=[(code, self.unknown_at.get(code)) for code in unknown])

    def unknown_listed(self) -> list[str]:
        """The unknown SKUs listed on their own: not those the SKU map's warning says (each of its lines counted)."""
        return [code for code in self.unknown_skus if code not in self.warned_unknown]

    def said(self, shown: int, listed: Path | None = None, issues: bool = True,
             pulls_said_after: Collection[str] = ()) -> list[tuple[str, str, str]]:
        """What `orders import` and the 导入订单 button say of it, line by line (mark, zh, en): the
        count, the lines left out, the orders moved on, the refunds booked, each parcel to pull (but those
        of `pulls_said_after`: a pick list after it says them), the unknown SKUs, the lines refused and where
        (`issues`; the CLI prints them as blocks). A list longer than `shown` is cut, saying how many more and
        where: `listed` (else --json)."""
        n, n_lines, refused = self.imported_orders, len(self.imported), self.refused
        where = ((f"全部列在 {listed}", f"all of them are listed in {listed}") if listed else
                 ("用 --json 列出全部", "--json lists them all"))
        left = len(self.left_out)  # rows the import could not take: no ✓ beside them either
        same = len(self.unchanged)
        mark = "✗" if (refused or left) and not n_lines else ("!" if refused or left else "✓")  # ✓: every line came in
        out = [(mark, f"导入：{n} 个订单，{n_lines} 行" + (f"；{same} 个订单已在订单表中，没有变化" if same else "")
                + (f"；{len(refused)} 个错误（见下）" if refused else "")
                + (f"；{left} 行的订单状态不认识，没有导入（见下）" if left else ""),
                f"imported: {en_count(n, 'order')}, {en_count(n_lines, 'line')}"
                + (f"; {en_count(same, 'order')} already on the Orders sheet, unchanged" if same else "")
                + (f"; {en_count(len(refused), 'error')} (below)" if refused else "")
                + (f"; {en_count(left, 'row')} of an unknown order status not imported (below)" if left else ""))]
        empty = self.empty_files
        if empty and not n_lines and not self.changes and mark == "✓":  # nothing came in because nothing was there
            out[0] = ("–", *out[0][1:])
        out += first(self.empty_said(), shown, ("个文件没有一行", "more files without a row"), where)
        out += [reordered_said(r) for r in self.reordered]
        if self.kept_newer:
            from .imported import kept_said

            out += kept_said(self.kept_newer)
        out += first([("", f"  – {sk['order_no']}：{sk['reason_zh']}", f"  – {sk['order_no']}: {sk['reason_en']}")
                      for sk in self.skipped], shown, ("行没有导入", "more lines not imported"), where)
        if self.changes:  # (a refund left for a person to say its case: not the whole job, said below)
            out.append(("!" if self.refunds_unsure else "✓", f"状态变化：{len(self.changes)} 个订单，出库 {len(self.movements)} 行" + _tally(self.changes, "zh"),
                        f"changed: {en_count(len(self.changes), 'order')}, {en_count(len(self.movements), 'stock line')} out"
                        + _tally(self.changes, "en")))
        out += self.below_zero_said()
        out += first([("", *(f"  → {platform_word(c.platform, lg)}{c.order_no}: "
                             f"{c.before.label(lg) if c.before else ('新' if lg == 'zh' else 'new')} → "
                             f"{c.after.label(lg) if c.after else ''}  {c.note_zh if lg == 'zh' else c.note_en}"
                             for lg in ("zh", "en"))) for c in self.changes],
                     shown, ("个订单的状态变化", "more orders changed"), where)
        if self.refunds_booked:
            k, total = len(self.refunds_booked), sum(e.amount for e in self.refunds_booked)
            out.append(("✓", f"退款记入流水账：{k} 笔，¥{total:,.2f}", f"refunds booked in the ledger: {k}, ¥{total:,.2f}"))
        out += cases_said(self.cases_opened, shown, sheet=self.cases_sheet)
        if self.refunds_unsure:
            out.append(("!", *self.unsure_said()))
        out += first([("✓", f"售后单 {case}：退货单号 {no}（退款导出）", f"after-sales case {case}: return tracking no. {no} "
                       "(refund export)") for case, no in self.returns_numbered], shown,
                     ("个售后单填了退货单号", "more cases given their return tracking no."),
                     self.cases_where())
        out += first([("✓", f"售后单 {case}：退款金额按退款导出改为 ¥{now}（原 ¥{was}）",
                       f"after-sales case {case}: refund amount ¥{now} as the refund export says (was ¥{was})")
                      for case, was, now in self.amounts_changed], shown,
                     ("个售后单改了退款金额", "more cases given the refund export's amount"),
                     self.cases_where())
        out += pulls_said({no: b for no, b in self.pull_batches.items() if no not in pulls_said_after}, shown,
                          self.pull_mates)
        out += first([("!", *back_words(no, b)) for no, b in self.back_batches.items()], shown,
                     ("个挂起后又回来的已拣货订单", "more picked orders back from a hold"), where)
        if unknown := self.unknown_listed():
            k = len(unknown)
            out.append(("!", f"未知商家编码 {k} 个（订单照样导入，审单会挂起）：请改正编码，或在 stock.xlsx 的“商品”表中添加，"
                             "或在“商品映射”表里加一行",
                        f"{en_count(k, 'unknown SKU')} (the orders are imported and the review holds them): correct "
                        "the code, or add it to the Products sheet of stock.xlsx, or add a row to the SKU map"))
            out += first([("", *_unknown_said(code, self.unknown_at.get(code))) for code in unknown], shown,
                         ("个未知商家编码", "more unknown SKUs"), where)
        if issues:
            out += first([issue_said(i) for i in refused], shown, ("行没有导入", "more lines not imported"), where)
            # (a month's export of a status word no reader knows: a warning an order; the rest counted, and where)
            out += first([issue_said(i) for i in self.warned], shown, ("条警告", "more warnings"), where)
        return out

    def empty_said(self) -> list[tuple[str, str, str]]:
        """Each file given that held its header and not one row (empty_files), as a line (mark, zh, en)."""
        return [("!", f"{name}：只有表头，没有一行。平台上若有这段时间的订单，请重新导出（可能在平台写完之前就下载了）",
                 f"{name}: its header and not one row. If the platform has orders for its period, export it "
                 "again (it may have been downloaded before the platform wrote them)") for name in self.empty_files]

    def below_zero_said(self) -> list[tuple[str, str, str]]:
        """The SKUs the 出库 posted took below 0 on the book, as a line (mark, zh, en); none where none."""
        if not self.below_zero:  # the platform sent the goods: the book is what is wrong (as ship says it)
            return []
        neg = "，".join(f"{s} {n}" for s, n in self.below_zero.items())
        neg_en = ", ".join(f"{s} {n}" for s, n in self.below_zero.items())
        return [("!", (f"出库后账面库存为负数：{neg}。平台已经发了货，是账不对：请核对出入库（漏记的入库、退货）和盘点"),
                 (f"stock below zero on the book after the stock-out: {neg_en}. The platform sent the goods, so "
                  "the book is wrong: check the movements (a receipt or return not entered) and the stocktake"))]

    def unsure_said(self, below: bool = True) -> tuple[str, str]:
        """The refunds left for a person to say the typed case of (zh, en): how many, and where."""
        k, (cells, cells_en) = len(self.refunds_unsure), few([i.cell for i in self.refunds_unsure])
        return (f"{k} 笔退款看不出是哪个售后单，没有开售后单也没有填：见 orders.xlsx 的“售后”表 {cells}，"
                "在是它的那一行填上退款编号" + ("（见下）" if below else ""),
                f"{en_count(k, 'refund')} could be more than one typed after-sales case, none opened or filled "
                f"in: on the After-sales sheet of orders.xlsx at {cells_en}, type its refund no. on the row "
                "that is it" + (" (below)" if below else ""))

    def to_json(self) -> dict:
        return {
            "imported_orders": self.imported_orders,
            "back_from_hold": [{"order_no": no, "batch": b} for no, b in self.back_batches.items()],
            "imported_lines": len(self.imported),
            "orders": sorted({ln.order_no for ln in self.imported}),
            "changes": [c.to_json() for c in self.changes],
            "pull": self.pull,
            "movements": len(self.movements),
            "below_zero": [{"sku": s, "on_hand": n} for s, n in self.below_zero.items()],
            "cases_opened": [c.case_no for c in self.cases_opened],
            "returns_numbered": [{"case_no": c, "return_tracking": no} for c, no in self.returns_numbered],
            "amounts_changed": [{"case_no": c, "was": str(was), "now": str(now)} for c, was, now in self.amounts_changed],
            "refunds_booked": [{"order_no": e.order_no, "amount": str(e.amount), "date": e.date.isoformat()}
                               for e in self.refunds_booked],
            "skipped": self.skipped,
            "left_out": len(self.left_out),
            "unknown_skus": self.unknown_skus,
            "unknown_at": {code: {"file": f, "row": r, "order_no": no, "lines": n}
                           for code, (f, r, no, n) in self.unknown_at.items()},
            "issues": [i.to_json() for i in self.issues],
            "files": self.files,
            "empty_files": self.empty_files,
            "unchanged": self.unchanged,
            "reordered": self.reordered,
            "kept_newer": self.kept_newer,
            "left_alone": self.left_alone,  # a parcel refused: out of a job's review and pick list
        }


def _unknown_said(code: str, at: tuple | None) -> tuple[str, str]:
    """An unknown SKU and where it was first met: the file (› its sheet), row and order, and its lines."""
    if at is None:
        return f"  – {code}", f"  – {code}"
    file, row, no, n = at
    place = " › ".join(x for x in file.split(":", 1) if x)
    more, more_en = (f"（共 {n} 行）", f" ({n} lines)") if n > 1 else ("", "")
    return (f"  – {code}：{place}" + (f" › 第 {row} 行" if row else "") + f"，订单 {no}{more}",
            f"  – {code}: {place}" + (f" › row {row}" if row else "") + f", order {no}{more_en}")


def reordered_said(r: dict) -> tuple[str, str, str]:
    """Exports of one kind applied in another order than given: which, by what time, and whose word stands."""
    from .platform_export import SHEETS
    from .platforms import FORMATS

    by_zh, by_en = {"name": ("文件名中的导出时间", "the export time in their names"),
                    "inside": ("文件里最晚的时间", "the latest time in each file"),
                    "modified": ("文件的修改时间", "each file's modified time"),
                    "times": ("导出时间（文件名里没有的，退款报表按文件的修改时间，订单报表按文件里最晚的时间）",
                              "their export times (where a name has none: a refund export's modified time, an "
                              "order list's latest time in it)")}.get(r["by"], ("导出时间", "their export time"))
    zh = " → ".join(f"{n}（{t}）" if t else n for n, t in zip(r["files"], r["times"]))
    en = " → ".join(f"{n} ({t})" if t else n for n, t in zip(r["files"], r["times"]))
    if r["kind"] == SHEETS:  # an order on two sheets comes in once, from the older (as it would day by day)
        return ("", f"  代理和手工订单表：按{by_zh}从旧到新导入，不是给出的顺序：{zh}；同一订单以较早的 {r['files'][0]} 为准",
                f"  agents' and typed order sheets: imported oldest first by {by_en}, not in the order given: {en}; "
                f"an order on several comes in from the older {r['files'][0]}")
    if r["kind"] == "taobao-refunds":  # a refund export older than an order list: the list's newer word stands
        return ("", f"  退款报表与订单报表按{by_zh}从旧到新应用：{zh}；同一订单以较新的文件为准",
                f"  refund exports and order lists applied oldest first by {by_en}: {en}; an order in several is as "
                "the newer file says it")
    f = next(f for f in FORMATS if f.key == r["kind"])
    return ("", f"  {f.name_zh}：按{by_zh}从旧到新导入，不是给出的顺序：{zh}；同一订单以较新的 {r['files'][-1]} 为准",
            f"  {f.name_en}: imported oldest first by {by_en}, not in the order given: {en}; an order in several "
            f"is as the newer {r['files'][-1]} says it")


@writes_shop("orders import")
@gc_paused()
def import_orders(shop: Shop, files: list[Path], write: Writer = edit_workbook, password: str | None = None,
                  today: dt.date | None = None) -> ImportSummary:
    """Every platform's exports, refund exports, waybill tools' shipped files, agents' and plain
    order sheets. New paid orders come in as 待审核; the orders shopbook has move on as the files
    say (cancelled, held for a refund, shipped with their stock out once, delivered), never
    backwards; every change is listed (orders/lifecycle.py). Within a job of several steps
    (read_cache: `orders morning`, `daily`) what it writes is carried into the job's reads and
    the parsed-sheet cache (io.sheet_edit); alone, proving that costs more than it saves.
    `files`: the exports (a list, or one alone); `password`: of a protected export (else the
    SHOPBOOK_EXPORT_PASSWORD environment variable); `today`: the day it counts as today."""
    from ..io.limits import not_xml_in_records
    from . import imported
    from .bundles import SkuResolver, expand_line
    from .lifecycle import apply

    today = day_given(today, "today") or dt.date.today()
    files = files_given(files)
    # the exports and stock.xlsx are read on the other core while orders.xlsx is parsed (each parse
    # lets go of the GIL), from when that parse begins; what does not read is said in the order the
    # steps come: exports, orders, stock
    began = threading.Event()
    stock = _StockRead(shop)
    later = beside(_read_incoming, [Path(f) for f in files], password, stock, head_start=began)
    hits = cache.stats["hits"]
    try:
        with parse_begun(began):
            orders_wb = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, Promotion, SkuMap, AfterSalesCase),
                                      lazy=True)
    except Exception:  # (Ctrl-C does not wait for the other read)
        later.result()
        raise
    # orders.xlsx came from the parsed-sheet cache (a hit here: the thread has taken stock.xlsx if it
    # read it) while the exports are still being read: stock.xlsx is read here meanwhile
    if cache.stats["hits"] > hits and not later.done() and stock.claim():
        stock.read(True)
    incoming, ships = later.result()
    stock_wb = stock.result(ships)
    # exports older than one imported before: what they would change back is kept (orders/imported.py)
    record = imported.read_record(shop.folder) if incoming.exported or incoming.stores else None
    if incoming.stores:  # a lone export of another store (its 店铺名称): refused before anything is written
        from .platforms.store import other_store

        if (other := other_store(shop, incoming.stores, record.stores.get(Platform.TAOBAO.en, []))) is not None:
            raise other
    stale = imported.stale_exports(record, incoming.exported, incoming.rows_latest) if record is not None else {}
    unwritten: dict[str, str] = {}
    notes: dict = {}
    # (a 售后 row that does not read stops only a refund of its order, below: a typo on a case of another order
    # stopped every import, the daily job's too, new orders and all)
    stop_on(orders_wb.errors_in(OrderLine, SkuMap), "无法导入订单", "Cannot import orders")
    if isinstance(stock_wb, BaseException):
        raise stock_wb
    if not stock.moves:  # the next export that ships reads the 出库 sheet too: parsed after this command
        cache.read_after(shop.path(STOCK), STOCK)
    # only the orders the files name are made into records: a year's sheet is read and checked whole
    named = {ln.order_no for ln in incoming.lines} | {o.order_no for o in incoming.orders} | {
        x["order_no"] for x in incoming.voided}
    sd = orders_wb.sheets.get(OrderLine)
    lines = records_where(sd, "order_no", named) if sd else []
    existing = {ln.order_no: ln for ln in lines}
    products = stock_wb.rows(Product)
    skus = stock_wb.keys(Product, "sku")  # a product with a typo in its row is not "unknown"
    prices, unpriced = (_agent_prices(shop, products) if any(ln.source is OrderSource.AGENT for ln in incoming.lines)
                        else (None, []))
    summary = ImportSummary(skipped=list(incoming.skipped), issues=list(incoming.issues) + unpriced,
                            files=incoming.files, left_out=incoming.left_out, reordered=incoming.reordered)
    resolver = SkuResolver.build(orders_wb.rows(SkuMap), products)
    weights = {p.sku: p.price for p in products}
    typed = _read_as_skus(incoming.lines, skus, resolver, incoming.origin, summary,  # "ts2601-nv-m": TS2601-NV-M
                          OrderLine.column("sku").header(shop.lang))
    plain = [x for ln in typed for x in expand_line(ln, resolver, weights)]  # bundles typed by hand too
    for ln in plain:
        if ln.order_no in existing:
            summary.skipped.append({"order_no": ln.order_no, "sku": ln.sku, "file": "",
                                    "reason_zh": f"已导入过（当前状态：{existing[ln.order_no].status.value if existing[ln.order_no].status else '空'}）",
                                    "reason_en": "already imported (its status is kept)"})
            continue
        if ln.source is OrderSource.AGENT and prices is not None:
            ln = _price_agent_line(ln, prices, summary, incoming.origin.get(ln.order_no, ""),
                                   OrderLine.column("agent_id").header(shop.lang))
        summary.imported.append(ln)
    moves: list[Movement] = []
    cells: dict = {}
    case_cells: dict = {}  # 售后 row → its 退货单号 (and amount), from a later refund export
    booked: list = []  # refunds paid, as ledger lines
    ledger_wb = None
    orders = incoming.orders
    if summary.imported and orders:  # a typed or agent's order of a platform order's number, both in this import
        from .lifecycle import typed_clashes

        orders, clashes = typed_clashes(summary.imported, orders, incoming.origin)
        summary.issues += clashes
    if orders or incoming.voided:  # (a print log of voided waybills alone: one a shipped order holds is said)
        went = stock_wb.sheets.get(Movement) if ships else None  # (a year of 出入库: three fields asked, no records made)
        fields = record_fields(went, "type", "ref", "sku") if went else []

        def loose() -> dict[str, list[list]]:  # SKU → [day, units, taken] of 出库 typed without an order number
            days: dict[str, list[list]] = {}
            for kind, ref, sku, day, qty in record_fields(went, "type", "ref", "sku", "date", "qty") if went else []:
                if kind is MovementType.OUT and not ref and day is not None:
                    days.setdefault(sku, []).append([day, qty, False])
            return days
        posted = {(ref, sku) for kind, ref, sku in fields if kind is MovementType.OUT and ref}
        posted_refs = {ref for ref, _ in posted}

        def since() -> dt.date | None:  # asked only of an order set 已发货 by hand that an export says went
            return min((d for no, paid, sent in (record_fields(sd, "order_no", "paid_at", "shipped_on") if sd else [])
                        if no in posted_refs and (d := paid.date() if paid is not None else sent) is not None),
                       default=None)
        life = apply(lines, orders, resolver, products, posted,
                     _gifts_for_shipping(orders_wb, today), today, shop.lang, incoming.voided, stale,
                     imported.closed_orders(record, incoming.exported, stale) if stale else (),
                     imported.known_notes(record), since, loose)
        unwritten, notes = life.unwritten, life.notes
        summary.unchanged = [no for no in life.unchanged if no not in {i.value for i in life.parcels_refused}]
        summary.kept_newer = [{"file": name.split(":")[0], "newest": stale[name].strftime("%Y-%m-%d %H:%M"),
                               "orders": nos} for name, nos in life.kept.items()]
        summary.imported += life.new_lines
        summary.skipped += life.skipped
        summary.issues += life.issues
        summary.parcels_refused = life.parcels_refused
        summary.changes, summary.pull_batches, summary.movements = life.changes, life.pull_batches, life.moves
        summary.pull_mates = box_mates(lines, life.pull_batches, shop.config.orders.default_courier)
        summary.back_batches = life.back_batches
        moves, cells = life.moves, life.cells
        if moves:  # a 出库 row that does not read might be the one already posted: never post on a guess
            stop_on(stock_wb.errors_in(Product, Movement), "无法导入订单", "Cannot import orders")
            summary.below_zero = _below_zero(products, record_fields(went, "type", "sku", "qty") if went else [],
                                             moves)
        if life.refunds and shop.path(LEDGER).exists():
            from .refunds import refund_entries

            ledger_wb = read_workbook(shop.path(LEDGER), LEDGER, (Entry, Category, Account))
            stop_on(ledger_wb.errors_in(Entry), "无法导入订单", "Cannot import orders")
            booked, more = refund_entries(life.refunds, ledger_wb.rows(Entry), ledger_wb.rows(Category),
                                          ledger_wb.rows(Account), shop.lang)
            summary.issues += more
            summary.refunds_booked = booked
        from ..aftersales.cases import (amounts_now, closed_now, closed_orders, open_cases_from_refunds, refund_records,
                                        resent_and_refunded, return_numbers, return_numbers_differ, returns_back)
        from ..schema import CaseStatus
        from ..values import code_key
        from .lifecycle import asks_return, back_already
        from ..aftersales.workflow import case_read_errors

        # (an order refused whole for a refund of it that did not read: none of its refunds opens a case)
        refunds = refund_records([o for o in orders if not o.unread])
        # a refund of an order the platform closed, before this import or by a newer order list in it, is paid
        asked = {r.order_no for r in refunds}
        # a 售后 row that does not read stops the import where it may be a case of a refund it brings (its order
        # one of theirs, or not read); another is passed over, said where refunds came in, its number kept taken
        stop, skipped, cases, bad_rows = case_read_errors(
            orders_wb, lambda u: bool(refunds) and (not u.order_no or u.order_no in asked))
        stop_on(stop, "无法导入订单", "Cannot import orders")
        if refunds:
            summary.issues += skipped  # (located as read)
        refunded = [ln for ln in lines + life.new_lines if ln.order_no in asked]
        closed = closed_orders(refunded, [ln.model_copy(update=life.cells.get(ln.row) or {}) for ln in refunded])
        summary.cases_opened = open_cases_from_refunds(refunds, cases + bad_rows, lines + life.new_lines, today,
                                                       shop.lang, closed)
        summary.cases_sheet = cases_sheet_renamed(orders_wb)
        # a change saying to scan a return its cases have received already (a later 退款成功) says it is back
        asking = {code_key(c.order_no) for c in life.changes if asks_return(c)}
        if any(code_key(c.order_no) in asking and c.status in (CaseStatus.RETURNED, CaseStatus.DONE) for c in cases):
            sd_moves = went if went is not None else read_workbook(shop.path(STOCK), STOCK, (Movement,),
                                                                    lazy=True).sheets.get(Movement)
            back_already(life.changes, returns_back(cases + summary.cases_opened, records_where(
                sd_moves, "type", {MovementType.RETURN}) if sd_moves is not None else []), code_key)
        case_cells = return_numbers(refunds, cases)
        summary.issues += orders_wb.locate(return_numbers_differ(refunds, cases))  # (the buyer sent another parcel)
        summary.issues += orders_wb.locate(resent_and_refunded(  # (a resend's rows read only for a case it finds)
            refunds, cases, lambda nos: records_where(sd, "order_no", nos) if sd else []))
        summary.returns_numbered = [(c.case_no, case_cells[c.row]["return_tracking"]) for c in cases if c.row in case_cells]
        amounts, summary.amounts_changed, more, unsure = amounts_now(refunds, cases, lines + life.new_lines)
        summary.refunds_unsure = orders_wb.locate(unsure)
        summary.issues += orders_wb.locate(more) + summary.refunds_unsure  # (at the case's own cell of 售后)
        for row, set_ in amounts.items():
            case_cells.setdefault(row, {}).update(set_)
        ended, more = closed_now(refunds, cases)  # a refund closed since its case was opened: the case closed
        summary.issues += orders_wb.locate(more)
        for row, set_ in ended.items():
            case_cells.setdefault(row, {}).update(set_)
    summary.unknown_skus = sorted({ln.sku for ln in summary.imported} - skus)
    if summary.unknown_skus:  # where each was first met: a platform's line as the resolver met it, a typed one at its row
        met = {code: at for (_, code), at in resolver.first_met.items()}
        counts = Counter(ln.sku for ln in summary.imported)
        for ln in summary.imported:
            if ln.sku not in skus and ln.sku not in summary.unknown_at:
                f, r, no = met.get(ln.sku) or (incoming.origin.get(ln.order_no, ""), ln.row, ln.order_no)
                summary.unknown_at[ln.sku] = (f, r, no, counts[ln.sku])
        # a platform's code the SKU map lacks is said once, by the SKU map's warning (its platform, lines and first
        # place, below): not listed again among the unknown SKUs above it
        if resolver.unmapped:
            theirs = set(resolver.issues())
            # (only a code whose every line it counts: one an agent's sheet has too is still listed, for those lines)
            warned = Counter()
            for (_, code), n in resolver.unmapped.items():
                warned[code] += n
            summary.warned_unknown = {i.value for i in summary.issues if i in theirs and warned[i.value] >= counts[i.value]
                                      } & set(summary.unknown_skus)
    summary.issues += not_xml_in_records(summary.imported, lang=shop.lang)  # U+FFFF in a buyer name: said before it is written
    ensure_writable(write, *([shop.path(STOCK)] if moves else []), *([shop.path(LEDGER)] if booked else []),
                    *([shop.path(ORDERS)] if cells or case_cells or summary.imported or summary.cases_opened else []))
    if moves:  # stock first, as ship does: a rerun finds the movements and does not post them again
        with writes_beside():  # written by a second process while orders.xlsx is written here (io/forked)
            write(shop.path(STOCK), [SheetEdit(Movement, append=moves, layout=stock_wb.sheets[Movement])],
                  lang=shop.lang)
    if booked:  # each refund's number is in its line's note: a rerun books none twice
        write(shop.path(LEDGER), [SheetEdit(Entry, append=booked, layout=ledger_wb.sheets[Entry])], lang=shop.lang)
    if summary.imported or cells or case_cells or summary.cases_opened:
        from ..aftersales.workflow import case_sheet_writes

        edits, own = case_sheet_writes(orders_wb, summary.cases_opened, case_cells, shop.lang)
        write(shop.path(ORDERS), [SheetEdit(OrderLine, set_cells=cells, append=summary.imported,
                                            layout=orders_wb.sheets[OrderLine])] + edits, own_sheets=own,
              lang=shop.lang)
    # after orders.xlsx (in the same job): a record ahead of the orders would keep back what never came in; the
    # store brought in is kept there too (the next import's lone export is checked against it)
    if record is not None and (data := imported.record_bytes(record, incoming.exported, unwritten,
                                                             incoming.stores, notes)) is not None:
        imported.write_record(shop.folder, data)
        if record.unread:
            summary.issues.append(imported.unread_said())
    return summary


def _below_zero(products: list[Product], fields: list[tuple], moves: list[Movement]) -> dict[str, int]:
    """The SKUs of `moves` (the import's 出库) whose book stock is below zero once they are posted: the
    products' 期初库存 and the (type, sku, qty) of the 出入库 rows (`fields`: read only where the import posts)
    of those SKUs alone, picked out at C speed (a year of movements is no Python loop)."""
    from itertools import compress
    from operator import itemgetter

    from ..stock.levels import SIGN

    moved = {m.sku for m in moves}
    have = Counter({p.sku: p.opening_qty or 0 for p in products if p.sku in moved})
    for kind, sku, qty in compress(fields, map(moved.__contains__, map(itemgetter(1), fields))):
        if kind is not None and qty is not None:
            have[sku] += SIGN[kind] * qty
    for m in moves:
        have[m.sku] += SIGN[m.type] * m.qty
    return {s: have[s] for s in sorted(moved) if have[s] < 0}


def _read_incoming(files: list[Path], password: str | None, stock: _StockRead):
    """(the files read, whether any of their orders may have shipped), and stock.xlsx read after
    them unless the command took that read."""
    from .platforms import Stage

    incoming = read_order_files(files, password)
    ships = any(o.kind == "tracking" or o.settled_stage()[0] >= Stage.SHIPPED or o.went_then_closed()
                for o in incoming.orders)
    if stock.claim():
        stock.read(ships)
    return incoming, ships


class _StockRead:
    """The import's read of stock.xlsx, made once by whichever side is free for it first. After
    the exports, the thread reading them reads its 出库 sheet only where something may have
    shipped (a year of movements is most of the stock book). Or the command, where orders.xlsx
    came from the parsed-sheet cache while the exports are still being read (a later export right
    after the first): it would only wait, so it reads stock.xlsx meanwhile, 出库 and all, as such
    an import mostly needs it; its parse lets go of the GIL the exports' reading holds (the later
    exports right after the first import, 7.59 → 7.17 s). Where nothing shipped after all, only its
    products are used. Not where the command parsed orders.xlsx: a first import, whose exports
    mostly ship nothing, would read a year of movements for nothing whenever it won the race."""

    def __init__(self, shop: Shop):
        self.shop, self._lock, self._claimed = shop, threading.Lock(), False
        self.got, self.moves = None, False  # the read (or what it raised), and whether with 出库

    def claim(self) -> bool:
        with self._lock:
            claimed, self._claimed = self._claimed, True
        return not claimed

    def read(self, moves: bool) -> None:
        self.moves = moves
        try:
            self.got = read_workbook(self.shop.path(STOCK), STOCK, (Product, Movement) if moves else (Product,),
                                     lazy=True)
        except Exception as e:  # noqa: BLE001 - raised by the caller, after what orders.xlsx has to say
            self.got = e

    def result(self, ships: bool):
        """The read the import uses: the workbook, or what reading it raised (its products alone
        where a 出库 sheet read for nothing did not read)."""
        if not ships and self.moves and isinstance(self.got, BaseException):
            self.read(False)
        return self.got


def _gifts_for_shipping(orders_wb, today: dt.date):
    """The gifts an order shipped with, as the scan check expects them: its 赠品 cell once
    picked, else the promotions' (worked out as a pick list would). A cell that does not read
    counts no gift (the pick list and validate locate it)."""
    rules = gift_rules(orders_wb.rows(Promotion))
    return lambda no, ls: held_gifts(no, ls, rules, today)


def _agent_prices(shop: Shop, products: list[Product]) -> tuple[PriceBook | None, list[Issue]]:
    """The agents' prices the import gives an agent's lines, and what it says where it gives none. A cell of
    代理商, 等级 or 代理价 that does not read (a 起始日期 typed 12月10日: its row read as from the start, the
    双12 price billed from today) prices nothing: the lines come in as typed, their blank 单价 billed by
    `agents settle`, which stops on that cell until it is put right."""
    path = shop.path(AGENTS)
    if not path.exists():
        return None, []
    wd = read_workbook(path, AGENTS, (Agent, Tier, AgentPrice))
    bad = wd.errors_in(Agent, Tier, AgentPrice)
    if bad:
        one = bad[0]
        return None, [Issue(
            "warning", f"agents.xlsx 有 {len(bad)} 个读不出的单元格（第一个：{one.where('zh')}：{one.message_zh}），代理价可能因此"
                       "不对：代理订单没有按代理价填单价（单价空着的留空）。改正后结算（shopbook agents settle）时按那天的代理价计。",
            f"agents.xlsx has {en_count(len(bad), 'cell')} that {'does' if len(bad) == 1 else 'do'} not read (the first: "
            f"{one.where('en')}: {one.message_en}), so its prices may be wrong: the agents' order lines were not given "
            "the agent's price (a blank unit price stays blank). Once it is put right, agents settle bills them at that "
            "day's price.", book=one.book, sheet=one.sheet, cell=one.cell, column=one.column, value=one.value)]
    return PriceBook(products, wd.rows(Tier), wd.rows(AgentPrice), shop.config.agents.rounding,
                     shop.config.agents.floor_discount, wd.rows(Agent)), []


def _read_as_skus(lines: list[OrderLine], skus: Collection[str], resolver, origin: dict[str, str],
                  summary: ImportSummary, column: str = "商家编码") -> list[OrderLine]:
    """Typed and agents' lines with a 商家编码 that is no SKU of ours and no code of the SKU map, but one SKU's
    alone once letter case, width and spaces are set aside (values.code_key: "ts2601-nv-m", "ＴＳ2601-NV-M ")
    as that SKU, with a warning at its row of the sheet it came in (`origin`: order no. → sheet), as agent ids
    are read (agents.settlement.read_as_agents). Read as typed, the line came in as an unknown code the review
    holds, while validate offers the SKU it plainly is. As the platforms' codes are (SkuResolver.read_as): a
    zero-led SKU whose zeros Excel dropped, and a 商品映射 code but for case, are read so too; a code two SKUs
    (or map rows) share that way is an error at its row, left as typed (the review holds it). `column`: the
    code's header in the shop's language (the sheets it reads are the shop's own layout)."""
    odd = [ln for ln in lines if ln.sku and ln.sku not in skus
           and not (resolver.maps.get((ln.platform, ln.sku)) or resolver.maps.get((None, ln.sku)))]
    if not odd:
        return lines
    read_as: dict[int, str] = {}
    for ln in odd:
        hits, why = resolver.read_as(ln.sku, ln.platform)
        if not hits:
            continue
        book, _, sheet = origin.get(ln.order_no, "").partition(":")
        at = dict(value=ln.sku, book=book, sheet=sheet, cell=row_cell(ln.row) if ln.row else "", row=ln.row,
                  column=column)
        why_zh, why_en = (("前面的 0 没有了：多半是用 Excel 打开再保存时被去掉的", "its leading zeros are gone: most likely "
                           "Excel dropped them when the sheet was opened and saved") if why == "zeros" else
                          ("只差大小写、全半角或空格", "it differs only in letter case, width or spaces"))
        where = ("商品映射 表里的", "the SKU map's ") if why == "map" else ("", "")
        if len(hits) > 1:
            summary.issues.append(Issue(
                "error", f"商家编码“{ln.sku}”对上了{where[0]} {len(hits)} 个编码（{'、'.join(hits)}；{why_zh}）：不知道是"
                         "哪一个，没有按任何一个读取，审单会挂起。请改成其中一个的写法。",
                f"SKU '{ln.sku}' matches {len(hits)} of {where[1] or 'our '}codes ({', '.join(hits)}; {why_en}): which one "
                "is meant is not known, so it was read as none and the review holds the order. Type one of them "
                "exactly.", **at))
            continue
        hit = read_as[id(ln)] = hits[0]
        summary.issues.append(Issue("warning", f"商家编码“{ln.sku}”按 {where[0]}{hit} 读取（{why_zh}）：请改成 {hit}，统一写法。",
                                    f"SKU '{ln.sku}' was read as {where[1]}{hit} ({why_en}): type {hit} to tidy the "
                                    "sheet.", **at))
    return [ln.model_copy(update={"sku": read_as[id(ln)]}) if id(ln) in read_as else ln for ln in lines]


def _price_agent_line(ln: OrderLine, prices: PriceBook, summary: ImportSummary, file: str = "",
                      column: str = "代理编号") -> OrderLine:
    """`ln` at its agent's price on its order's day; an agent id the Agents sheet lacks is said at its row of `file` (the sheet
    it came in; `column`: its header there, in the shop's language), the line left unpriced."""
    tier = prices.tier_of(ln.agent_id or "") if ln.agent_id in prices.agents else None
    if tier is None:
        book, _, sheet = file.partition(":")
        zh, en = ((f"代理编号“{ln.agent_id}”不在代理商表中：订单 {ln.order_no} 未定价。",
                   f"Agent id '{ln.agent_id}' is not in the Agents sheet: order {ln.order_no} has no price.")
                  if ln.agent_id else  # (not '代理编号“None”')
                  (f"代理编号是空的：订单 {ln.order_no} 不知道是哪个代理的，未定价。请填上代理编号再导入。",
                   f"The agent id is blank: whose order {ln.order_no} is cannot be told, and it has no price. "
                   "Enter the agent id and import again."))
        summary.issues.append(Issue("error", zh, en, value=ln.agent_id or "", book=book, sheet=sheet,
                                    cell=row_cell(ln.row) if ln.row else "", row=ln.row, column=column))
        return ln
    since = prices.agents[ln.agent_id].tier_from
    day = order_day(ln)
    if since is not None and day is not None and day < since:
        # ordered before its 等级 changed (代理商's 等级起始日期): not at the new tier; `agents settle` prices it at
        # the tier before (as the last month settled recorded it) or asks for its price
        book, _, sheet = file.partition(":")
        summary.issues.append(Issue(
            "warning", f"订单 {ln.order_no} 是 {day} 下的，代理 {ln.agent_id} 的等级 {since} 起才是“{tier}”：单价留空，"
                       "结算时按之前的等级计（没有记录就请在单价填上它下单时的代理价）。",
            f"Order {ln.order_no} was placed on {day}, and agent {ln.agent_id}'s tier is '{tier}' only from {since}: "
            "its unit price is left blank, for the settlement to price at the tier before (where no record gives "
            "it, type the price it was ordered at).", value=ln.agent_id, book=book, sheet=sheet,
            cell=row_cell(ln.row) if ln.row else "", row=ln.row, column=column))
        return ln
    # the price in force on its order's day (its 付款时间, an agent's sheet's 下单日期): a November order imported
    # after a December price change is November's; no date: today's, the day the agent sent it
    price = prices.price(ln.sku, tier, day)
    return ln.model_copy(update={"unit_price": price}) if price is not None else ln


@writes_shop("orders review")
@gc_paused()
def review(shop: Shop, lang: str | None = None, write: Writer = edit_workbook, leave: Collection[str] = ()
           ) -> tuple[list[Decision], list[Issue]]:
    """审单: decide every 待审核 order and write status and reasons into orders.xlsx (the reasons in
    `lang`, else the shop's); `leave`: orders left as they are (review_orders). Returns the
    decisions and the located issues."""
    orders_wb = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, ReviewRule, AfterSalesCase, Promotion, SkuMap))
    stock_wb = read_workbook(shop.path(STOCK), STOCK, (Product, Movement))
    from ..validate.rules import check_review_rules, check_unique, skus_of_map

    # a rule name with a typo (偏远地去) would leave the real rule as it was, and a rule on two rows
    # (偏远地区, remote area) would be the last row's: stop, as validate does
    rule_rows = orders_wb.rows(ReviewRule)
    stop_on(orders_wb.errors_in(OrderLine, ReviewRule)
            + orders_wb.locate(check_unique(rule_rows, ReviewRule) + check_review_rules(rule_rows))
            + stock_wb.errors_in(Product, Movement), "无法审单", "Cannot review")
    lines = as_sent(orders_wb.rows(OrderLine))  # an order's 状态 typed on its first row only holds its every row
    rules, issues = rules_from_sheet(rule_rows, shop.config.orders.remote_provinces)
    issues = [orders_wb.sheets[ReviewRule].locate(i) for i in issues]
    today = dt.date.today()
    # the shelf as of today, as stock alerts count it: a 入库 typed a year ahead (2027 for 2026) is no stock to give
    avail = available(stock_wb.rows(Product), stock_wb.rows(Movement), lines, today)
    # a gift is counted against stock as the goods are: approved orders' first, then each new order's
    grules = gift_rules(orders_wb.rows(Promotion))
    avail.subtract(promised_gifts(lines, grules, today))
    # the resends after-sales made (the 售后 sheet's 补发单号): a row of it that does not read is not
    # the review's to stop on (validate and aftersales say it); its resend is reviewed as any order
    cases = orders_wb.sheets.get(AfterSalesCase)
    from ..aftersales.cases import resends_named, resends_retyped

    # (a case closed since: the parcel found, the buyer changed their mind; or made a 退货退款: sends nothing)
    named = [x for x in (record_fields(cases, "resend_order", "case_no", "status", "type") if cases else []) if x[1]]
    resends, called_off = resends_named((order, status, case) for order, case, status, _ in named)
    decisions = review_orders(lines, stock_wb.rows(Product), avail, rules, resends,
                              lambda no, ls: held_gifts(no, ls, grules, today), leave, called_off,
                              once(lambda: skus_of_map(orders_wb.rows(SkuMap))),  # (asked of an unknown SKU only)
                              resends_retyped((order, status, kind, case) for order, case, status, kind in named))
    issues += [orders_wb.sheets[OrderLine].locate(i) for i in left_unreviewed(lines)]
    lang = lang or shop.lang
    if again := {d.order_no for d in decisions if d.again}:
        # a held order reviewed again and held still is no new hold (not counted, not listed): its words are
        # written again only where they changed (the stock it waits for)
        was = {ln.order_no: ln.review for ln in lines if ln.order_no in again}
        still = [d for d in decisions if d.again and d.holds]
        decisions = [d for d in decisions if not (d.again and d.holds)]
        written = decisions + [d for d in still if d.text(lang) != was[d.order_no]]
    else:
        written = decisions
    ok = "通过" if lang == "zh" else "ok"
    # each order's two cells made once, and orders decided alike (most: 已审核 通过) share them:
    # nothing writes into them, and the write takes rows set alike once (io/sheet_edit)
    alike: dict[tuple, dict] = {}
    by_order = {}
    for d in written:
        said = (d.status, d.text(lang) if d.holds or d.notes else ok)  # (most say nothing: 通过)
        if (c := alike.get(said)) is None:
            c = alike[said] = {"status": d.status, "review": said[1]}
        by_order[d.order_no] = c
    cells, by_hand = {}, set()
    approved, held = OrderStatus.APPROVED, OrderStatus.HELD
    for ln in lines:
        c = by_order.get(ln.order_no)
        if c is not None:
            cells[ln.row] = c
        elif (ln.status is approved or ln.status is held) and since_review(ln, lang):
            by_hand.add(ln.order_no)  # a person released or held it: its 挂起：… / 通过 says so, the status theirs
    if by_hand and (said := by_hand_reviews(lines, by_hand, lang)):  # (a person's formula in the cell stays)
        kept = formula_rows(write, shop.path(ORDERS), orders_wb.sheets[OrderLine], "review", said)
        cells.update({r: {"review": v} for r, v in said.items() if r not in kept})
    if cells:
        write(shop.path(ORDERS), [SheetEdit(OrderLine, set_cells=cells, layout=orders_wb.sheets[OrderLine])], lang=lang)
    return decisions, issues


def left_alone_said(orders: list[str], picked: bool) -> tuple[str, str]:
    """The orders whose parcel a file was refused for (each one's error says why), left out of the job's
    review and pick list, and that the rest went on: (zh, en)."""
    zh, en = few(orders)
    return (f"订单 {zh} 的发货被拒绝（原因见它的错误），这次没有审单，也不在拣货单里；其余订单已审单"
            + ("，拣货单已生成" if picked else "") + "。",
            f"{'Order' if len(orders) == 1 else 'Orders'} {en}: shipment refused ("
            f"{'its error says' if len(orders) == 1 else 'their errors say'} why), left out of "
            "this review and the pick list; the other orders were reviewed" + (" and the pick list made" if picked
                                                                            else "") + ".")


def review_words(decisions: list[Decision], issues: list[Issue]) -> tuple[str, str, str]:
    """The review's line in `orders review`, `orders morning`, `daily` and their buttons: (mark, zh, en); ! when
    a rule did not read, so it was not applied (not a whole review)."""
    mark = "!" if any(i.is_error for i in issues) else "✓"
    if not decisions and not issues:  # not "held: 0", read as no order held, where orders held before stand
        return mark, "没有待审核的订单", "no orders waiting for review"
    held = sum(1 for d in decisions if d.holds)
    ok = len(decisions) - held
    again = sum(1 for d in decisions if d.again and not d.holds)  # (settled since: the SKU added, stock come in)
    return (mark,
            f"已审核：{ok}" + (f"（其中 {again} 个原挂起，原因已解决）" if again else "") + f"，已挂起：{held}",
            f"approved: {ok}" + (f" ({again} of them held before, the reason now settled)" if again else "")
            + f", held: {held}")


def left_unreviewed(lines: list[OrderLine]) -> list[Issue]:
    """A warning for each order with rows 待审核 that the review left, as another of its rows is
    held, cancelled or closed (review.order_status): said, not left waiting without a word."""
    out = []
    # an order with a 待审核 row and a row of another status (nearly always: none)
    new = {ln.order_no for ln in lines if ln.status is OrderStatus.NEW}
    mixed = {ln.order_no for ln in lines if ln.status is not OrderStatus.NEW and ln.order_no in new}
    for no, ls in group_orders([ln for ln in lines if ln.order_no in mixed] if mixed else []).items():
        if order_status(ls) is OrderStatus.NEW:  # (each of them has a 待审核 row: `mixed`)
            continue
        by = next(ln for ln in ls if ln.status in HOLDING and ln.status is not OrderStatus.NEW)
        out.append(Issue("warning", f"订单 {no} 有一行是{by.status.value}，其余的行没有审核（一个订单的行一起发）。"
                                    "那一行处理好（删掉、或改回待审核）后再审核。",
                         f"Order {no} has a row {by.status.en}: its other rows were not reviewed (an order's rows ship "
                         "together). Settle that row (delete it, or set it back to new), then review again.",
                         sheet=OrderLine.zh, row=by.row, field="status"))
    return out


def _first_ten(nos: list[str], where: Path | None = None) -> tuple[str, str]:
    """Order numbers as a message lists them (zh, en): the first ten, and how many in all or more, and
    `where` the rest are (the pick notes' CSV)."""
    cut = len(nos) > 10
    return ("、".join(nos[:10]) + (f" 等 {len(nos)} 个" if cut else "") + (f"（全部见 {where}）" if cut and where else ""),
            ", ".join(nos[:10]) + (f" and {len(nos) - 10} more" if cut else "") + (f" (all in {where})" if cut and where else ""))


@dataclass
class PickResult:
    """make_picklist(): the batch name, its parcels, the files written (pick list .xlsx, waybill
    .csv), and the approved orders left out and why (`short`, `held_back`, `unknown`)."""

    batch: str
    parcels: list
    # the pick list's lines, or what makes them: made when first asked (the summary counts the items
    # of the parcels; a big batch's lines are made by the copy that writes its documents)
    made_lines: list | Callable[[], list]
    files: list[Path]
    # picked before, cancelled or held since: take the parcel out (order no. → the pick batch it is in)
    pull_batches: dict[str, str] = field(default_factory=dict)
    held_back: list[str] = field(default_factory=list)  # approved rows not picked: another row of the order holds it
    # approved, not picked: its goods went to other orders (order no. → (sku, needed, available) of each short)
    short: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)
    no_gift: dict[str, list[str]] = field(default_factory=dict)  # gift SKU → the orders picked without it: it ran out
    # 赠品 cells holding a person's formula, left as they are (W8983 …), and the orders among them
    # whose scan check will not expect the packing note's gifts: order no. → (packing note's, scan check's)
    gift_formulas: tuple[str, ...] = ()
    gift_check_differs: dict[str, tuple[str, str]] = field(default_factory=dict)
    # approved, not picked: a SKU of it is not on the 商品 sheet (changed by hand after the review, a bundle's
    # platform code typed): order no. → those SKUs (before: picked as a line "TAO-SET-1 ?" under a ✓)
    unknown: dict[str, list[str]] = field(default_factory=dict)
    # a promotion's gift SKU on no 商品 row → the orders picked without it (before: listed "? 赠" on the pick
    # list, and the scan check then expected a gift no parcel can hold)
    unknown_gifts: dict[str, list[str]] = field(default_factory=dict)
    notes_file: Path | None = None  # the lists above cut on screen, whole (pick_notes)
    # a courier of the batch the 运费 sheet has no rates of → its CSV's parcels, their 预估运费 blank (before: unsaid)
    unrated: dict[str, int] = field(default_factory=dict)
    # approved, not picked: held for 部分发货 and released by hand with the row of a line the platform shipped
    # still on the sheet, order no. → those SKUs (before: picked whole, that line packed and sent a second time)
    sent_before: dict[str, list[str]] = field(default_factory=dict)
    # of the parcels to pull, those packed in one box with orders still to ship (合并发货): order no. → those orders
    pull_mates: dict[str, list[str]] = field(default_factory=dict)

    @cached_property
    def lines(self) -> list:
        return self.made_lines() if callable(self.made_lines) else self.made_lines

    @cached_property
    def platform_waybills(self) -> list[str]:
        """Picked, their waybills printed in the platform's tools (platform_printed)."""
        return platform_printed(self.parcels)

    @cached_property
    def items(self) -> int:
        """The pieces to pick (the pick list's quantities added up)."""
        return sum(q for p in self.parcels for _, q, _ in p.counts())

    def with_notes(self, reports: Path, lang: str) -> PickResult:
        """The lists said() cuts at ten, whole in reports/ where one is longer (pick_notes), named in files."""
        from .pick_notes import write_pick_notes

        self.notes_file = write_pick_notes(reports, self.batch, lang, self.no_gift, self.unknown_gifts,
                                           self.platform_waybills)
        if self.notes_file:
            self.files.append(self.notes_file)
        return self

    def summed_up(self) -> PickResult:
        """What said() counts, counted now: a job calls it while the copies writing its documents
        finish (its commit waits for them next), not after."""
        self.platform_waybills, self.items  # noqa: B018 - made and kept (cached_property)
        return self

    @property
    def pull(self) -> list[str]:
        return list(self.pull_batches)

    @property
    def needs_a_person(self) -> bool:
        """A parcel to pull, an approved order short of its goods: `picklist` exits 1, the 拣货单
        button's box is the loud one."""
        return bool(self.pull or self.short or self.unknown or self.sent_before)

    def to_json(self) -> dict:
        return {"batch": self.batch, "orders": [p.order_no for p in self.parcels], "pull": self.pull,
                "platform_waybills": self.platform_waybills, "held_back": self.held_back,
                "short": [{"order_no": no, "skus": [{"sku": s, "needed": q, "available": a} for s, q, a in skus]}
                          for no, skus in self.short.items()],
                "unknown_skus": [{"order_no": no, "skus": skus} for no, skus in self.unknown.items()],
                "sent_by_platform": [{"order_no": no, "skus": skus} for no, skus in self.sent_before.items()],
                "no_gift": [{"sku": sku, "orders": nos} for sku, nos in self.no_gift.items()],
                "gifts_not_written": list(self.gift_formulas),
                "gift_check_differs": [{"order_no": no, "packing_note": packed, "scan_check": expected}
                                       for no, (packed, expected) in self.gift_check_differs.items()],
                "pick_list": [{"bin": x.bin, "sku": x.sku, "name": x.name, "colour": x.colour, "size": x.size,
                               "qty": x.qty, "orders": x.orders, "gift": x.gift} for x in self.lines],
                "waybill_fee_blank": [{"courier": c, "parcels": n} for c, n in self.unrated.items()],
                "files": [str(f) for f in self.files]}

    def batch_said(self) -> tuple[str, str, str]:
        """The batch's line (mark, zh, en): ✓ when it holds every approved order waiting that a
        person did not hold, each with its gifts; ! when some were short of their goods or picked
        without a gift, ✗ when all were short (no batch); – nothing to pick. The lines before it in
        said() name each order left out, those after it each order without its gift."""
        k = len(self.short)  # approved, waiting, not picked: the batch is not all it should be
        u, x = len(self.unknown), len(self.sent_before)
        if not self.parcels:
            if x and not (k or u):
                return ("✗", f"没有生成拣货单：{x} 个已审核订单平台已发了其中几件，没有拣货（见上）",
                        (f"no pick list made: {en_count(x, 'approved order')} partly shipped by the platform, "
                         "not picked (above)"))
            if u and not k:
                return ("✗", f"没有生成拣货单：{u} 个已审核订单的商家编码不在商品表（见上）",
                        f"no pick list made: {en_count(u, 'approved order')} with a SKU not on the Products sheet "
                        "(above)")
            if k:
                return ("✗", f"没有生成拣货单：{k} 个已审核订单缺货（见上）",
                        f"no pick list made: {en_count(k, 'approved order')} short (above)")
            return ("–", "没有待拣货的已审核订单", "no approved orders waiting to be picked")
        n, items, g = len(self.parcels), self.items, len(self.without_gifts)
        return ("!" if k or u or x or g else "✓", f"批次 {self.batch}：{n} 个订单，{items} 件"
                + (f"；{k} 个已审核订单缺货，没有拣货（见上）" if k else "")
                + (f"；{u} 个已审核订单的商家编码不在商品表，没有拣货（见上）" if u else "")
                + (f"；{x} 个已审核订单平台已发了其中几件，没有拣货（见上）" if x else "")
                + (f"；{g} 个订单没有送促销赠品（见下）" if g else ""),
                f"batch {self.batch}: {en_count(n, 'order')}, {en_count(items, 'item')}"
                + (f"; {en_count(k, 'approved order')} short, not picked (above)" if k else "")
                + (f"; {en_count(u, 'approved order')} with a SKU not on the Products sheet, not picked (above)"
                   if u else "")
                + (f"; {en_count(x, 'approved order')} partly shipped by the platform, not picked (above)" if x else "")
                + (f"; {en_count(g, 'order')} picked without a promotion's gift (below)" if g else ""))

    @property
    def without_gifts(self) -> set[str]:
        """The orders picked without a gift the promotions give them (it ran out, or is on no 商品 row):
        the batch did not do its whole job for them (!, not ✓)."""
        return {no for nos in (*self.no_gift.values(), *self.unknown_gifts.values()) for no in nos}

    def said(self, shown: int | None = None) -> list[tuple[str, str, str]]:
        """What `picklist`, `orders morning` and their buttons say of it, line by line: (mark, zh, en);
        !! a parcel to take out (of an earlier batch), ! orders left out of it, the batch (batch_said:
        ✓ only when no order waiting was left out short) and its files. `shown`: each list of orders cut
        there, saying how many more and where (a SKU out on 双12 left hundreds short: a box taller than the
        screen); None: all of them."""
        out = pulls_said(self.pull_batches, shown, self.pull_mates)
        out += first([("!", f"订单 {no} 有一行是已挂起、已取消或待审核：整单没有拣货（一个订单的行一起发）",
                       f"order {no} has a row held, cancelled or not reviewed: the whole order was not picked (an "
                       "order's rows ship together)") for no in self.held_back], shown,
                     ("个订单有一行没有审核通过，没有拣货", "more orders with a row not approved, not picked"), LEFT_WHERE)
        out += first([("!", f"订单 {no} 缺货，没有拣货（仍是已审核，到货后的拣货单会拣它）："
                        + "，".join(f"{s} 需要 {q}，可用 {a}" for s, q, a in skus),
                        f"order {no} is short, not picked (still approved: a pick list after the goods come in picks "
                        "it): " + ", ".join(f"{s} needs {q}, {a} available" for s, q, a in skus))
                       for no, skus in self.short.items()], shown,
                     ("个订单缺货，没有拣货", "more orders short, not picked"), LEFT_WHERE)
        out += first([("!", f"订单 {no} 的商家编码 {'、'.join(skus)} 不在“商品”表，没有拣货（仍是已审核）：请在订单表改正编码"
                             "（套装的平台编码按“商品映射”拆成几行）",
                        f"order {no}: SKU {', '.join(skus)} is not on the Products sheet, not picked (still approved): "
                        "correct the code on the orders sheet (a bundle's platform code split into its SKUs as the "
                        "SKU map says)") for no, skus in self.unknown.items()], shown,
                     ("个订单的商家编码不在“商品”表，没有拣货", "more orders with a SKU not on Products, not picked"),
                     LEFT_WHERE)
        out += first([("!", (f"订单 {no} 的 {'、'.join(skus)} 平台已经发了（平台状态写着），订单表上仍有这一行：整单没有拣货，"
                              "免得再发一次（仍是已审核）。不要删这一行（删了它的出库就不会记）：其余的请在平台后台发货，"
                              "导入平台说全部已发的导出时记为已发货，每一行出库记一次"),
                        (f"order {no}: the platform shipped {', '.join(skus)} already (its platform status says so), "
                         "and that row is still on the Orders sheet: the order was not picked, so as not to send it "
                         "twice (still approved). Do not delete the row (its stock would never be posted): ship the "
                         "rest on the platform; the export that says it all shipped marks it shipped and posts every "
                         "row's stock once"))
                       for no, skus in self.sent_before.items()], shown,
                     ("个订单平台已发了其中几件，没有拣货", "more orders partly shipped by the platform, not picked"),
                     LEFT_WHERE)
        out.append(self.batch_said())
        if not self.parcels:
            return out
        out += [("", f"  {f}", f"  {f}") for f in self.files]
        for sku, nos in self.no_gift.items():  # the orders ship; their 赠品 cells say what they are packed with
            shown, shown_en = _first_ten(nos, self.notes_file)
            out.append(("!", f"赠品 {sku} 不够：{len(nos)} 个订单没有送（照常拣货，赠品一栏写的是实际送的）：{shown}",
                        f"gift {sku} ran out: {en_count(len(nos), 'order')} picked without it (their gift cell says "
                        f"what they are packed with): {shown_en}"))
        for sku, nos in self.unknown_gifts.items():
            shown, shown_en = _first_ten(nos, self.notes_file)
            out.append(("!", f"赠品 {sku} 不在“商品”表：{len(nos)} 个订单没有送（赠品一栏写的是实际送的）：{shown}。"
                             "请改正“促销”表或订单“赠品”一栏里的赠品编码，或在“商品”表加上它",
                        f"gift {sku} is not on the Products sheet: {en_count(len(nos), 'order')} picked without it "
                        f"(their gift cell says what they are packed with): {shown_en}. Correct the gift SKU on the "
                        "Promotions sheet or in the order's gifts cell, or add it to the Products sheet"))
        out += self.gift_formulas_said()
        from .couriers import file_word

        for c, n in self.unrated.items():  # (the CSV's fee blank, never another courier's: said, with where to add)
            en = file_word(c, "en")
            zh = f"{c}的面单 CSV 里 {n} 个包裹没有预估运费：运费表里没有{c}的价格。请在 orders.xlsx 的“运费”表添加{c}的价格（各省份或一行“其他”）"
            out.append(("!", zh, (f"{en_count(n, 'parcel')} in the {en} waybill CSV {'has' if n == 1 else 'have'} no "
                                  f"estimated fee: the shipping rates have no prices for {en}. Add them (each province, "
                                  "or an 'other' row) to the Shipping rates sheet of orders.xlsx")))
        if nos := self.platform_waybills:  # the platform keeps their receivers: its tools print them
            shown, shown_en = _first_ten(nos, self.notes_file)
            out.append(("!", f"{len(nos)} 个订单不在面单 CSV 里：收货信息由平台加密，请在平台打印面单（拣货单、发货单照常）：{shown}",
                        f"{en_count(len(nos), 'order')} not in the waybill CSV: the platform encrypts the receiver, "
                        f"print the waybill there (pick list and packing notes as usual): {shown_en}"))
        return out

    def gift_formulas_said(self) -> list[tuple[str, str, str]]:
        """The 赠品 cells left as they are, holding a person's formula, and what the scan check then
        expects: the formula's value, the promotions' gifts where it reads blank (ship). The orders
        for which that is not the packing note's, each with both, and what to do before they ship."""
        if not self.gift_formulas:
            return []
        n, differs = len(self.gift_formulas), self.gift_check_differs
        cells, cells_en = few(list(self.gift_formulas))
        out = [("!", f"orders.xlsx 的赠品 {cells} 是公式，没有改写（发货单照常列出赠品）。扫描核对（ship）按公式的值核对赠品，"
                     "值是空的按促销算：" + ("下面的订单与发货单不符。" if differs else "与发货单一致；公式的值变了，核对跟着变。"),
                (f"The gift cell {cells_en} of orders.xlsx holds a formula: left as it is" if n == 1 else
                 f"The gift cells {cells_en} of orders.xlsx hold formulas: left as they are")
                + " (the packing notes list the gifts as usual). The scan check (ship) expects the gifts a formula "
                "gives, the promotions' where it gives none: " + (
                    "the orders below differ from their packing notes." if differs else
                    "the packing notes' gifts; should a formula's value change, so does the check."))]
        if differs:
            shown, shown_en = few([f"{no}（发货单：{a}，核对要：{b}）" for no, (a, b) in differs.items()],
                                  en=[f"{no} (packing note: {a}, scan check: {b})" for no, (a, b) in differs.items()],
                                  sep=("；", "; "))
            one = len(differs) == 1
            out.append(("!", f"{len(differs)} 个订单的扫描核对会与发货单不符，过不了核对：{shown}。发货前请在"
                             f"{'它' if one else '它们'}的赠品格填上发货单上的赠品（替换公式）。",
                        f"{en_count(len(differs), 'order')} will fail the scan check, which expects other gifts than "
                        f"the packing note: {shown_en}. Before {'it ships' if one else 'they ship'}, type the packing "
                        f"note's gifts into {'its gift cell' if one else 'their gift cells'} (in place of the formula)."))
        return out


def _tally(changes: list, lang: str) -> str:
    """'（已发货 17,055 · 已取消 12 · 状态不变 3）': how many orders moved to each status, most first,
    then how many kept theirs (a refund noted on a shipped order): never counted as shipped again."""
    from collections import Counter

    moved = Counter(c.after for c in changes if c.after and c.after != c.before).most_common()
    same = sum(1 for c in changes if not c.after or c.after == c.before)
    parts = [f"{c.label(lang)} {n:,}" for c, n in moved]
    parts += [f"状态不变 {same:,}" if lang == "zh" else f"status unchanged {same:,}"] if same else []
    counts = " · ".join(parts)
    return ("" if not counts else f"（{counts}）" if lang == "zh" else f" ({counts})")


REASON_SHOWN = 80  # characters of one reason on a held order's line (a buyer's message may run to pages)


def _reason_line(text: str, lang: str) -> str:
    """A hold or note on one line: a message's line breaks as " / ", a long buyer's or seller's text cut
    (QUOTED: shopbook's own words are said whole), saying where it is whole."""
    if "\n" in text or "\r" in text or len(text) > REASON_SHOWN:
        text = " / ".join(t for part in text.splitlines() if (t := part.strip()))
        if len(text) > REASON_SHOWN and text.startswith(QUOTED):
            text = text[:REASON_SHOWN] + ("…（全文见 orders.xlsx 的“审单结果”列）" if lang == "zh"
                                          else "… (in full in the review column of orders.xlsx)")
    return text


def held_line(review: str | None, lang: str) -> str:
    """A held order's 审单结果 (or 平台状态) as a list of orders says it on the order's one line (follow-up, the
    self-check): without the hold word before each reason (held_reasons), its line breaks as " / ", a long quoted
    text cut saying where it is whole (_reason_line). Before: the cell as it was, 挂起：… and a buyer's or a
    person's note of several lines breaking the list, every word of a page-long one printed."""
    return _reason_line(held_reasons(review or ""), lang)


REASONS_SHOWN = 5  # reasons (and notes) on a held order's line: an order of 120 lines short of each holds 120


def _held_line(d: Decision, lang: str) -> str:
    """A held order's reasons and notes as its line says them (_reason_line each, the first REASONS_SHOWN
    of each kind, then how many more and where)."""
    k = 0 if lang == "zh" else 1
    one = Decision(d.order_no, d.status, [(r[k], r[k]) for r in d.holds], [(r[k], r[k]) for r in d.notes])
    for group in (one.holds, one.notes):
        more = len(group) - REASONS_SHOWN
        group[:] = [(t, t) for t in (_reason_line(a, lang) for a, _ in group[:REASONS_SHOWN])]
        if more > 0:
            t = (f"…另 {more} 条（全部在 orders.xlsx 的“审单结果”列）" if lang == "zh"
                 else f"… {more} more (all in the review column of orders.xlsx)")
            group.append((t, t))
    return held_reasons(one.text(lang))


def held_said(decisions: list[Decision], shown: int) -> list[tuple[str, str, str]]:
    """The held orders and why (mark, zh, en), as `orders review`, `orders morning` and the
    审单并拣货 button list them: the first `shown`, then how many more and where they all are;
    one line each, whatever a buyer's message holds (_reason_line)."""
    held = [d for d in decisions if d.holds]
    return first([("", *(f"  {'挂起' if lg == 'zh' else 'held'} {platform_word(d.platform, lg)}{d.order_no}"
                         f"{'：' if lg == 'zh' else ': '}{_held_line(d, lg)}" for lg in ("zh", "en"))) for d in held[:shown]],
                 shown, ("个挂起的订单", "more held orders"),  # (a button has no --json: the sheet has them)
                 ("原因在 orders.xlsx 的“审单结果”列：按状态“已挂起”筛选可看全部",
                  "their reasons are in the review column of orders.xlsx: filter the status for held to see them all"),
                 total=len(held))


# where the whole of a cut list of orders a pick list left out is: they are approved and have no batch
LEFT_WHERE = ("全部在 orders.xlsx 的订单表：状态“已审核”、拣货批次为空的订单（--json 也列出全部）",
              "all of them on the Orders sheet of orders.xlsx: approved, their batch cell blank (--json lists them too)")


def pulls_said(pull_batches: dict[str, str], shown: int | None, mates: dict[str, list[str]] | None = None
               ) -> list[tuple[str, str, str]]:
    """The parcels to take out (pull_words each; `mates`: those packed in one box with others, box_mates), the
    first `shown` (None: all), then how many more and where (hundreds cancelled after the pick on 双12, on every
    pick list until their batch cells are cleared)."""
    mates = mates or {}
    return first([("!!", *pull_words(no, batch, mates.get(no, ()))) for no, batch in pull_batches.items()], shown,
                 ("个包裹要拿出来", "more parcels to pull"),
                 ("全部在 orders.xlsx 的订单表：状态“已取消”或“已挂起”、拣货批次不为空的订单（--json 也列出全部）",
                  ("all of them on the Orders sheet of orders.xlsx: cancelled or held, their batch cell filled "
                   "(--json lists them too)")))


def back_words(no: str, batch: str) -> tuple[str, str]:
    """A picked order held after the pick (its parcel to pull) that the platform released: what a person does
    with its parcel, pulled or not (its 拣货批次 keeps it from the next pick list)."""
    return ((f"订单 {no}（拣货批次 {batch}）拣货后挂起，现在平台放行了：包裹还在批次 {batch} 里的，审核后照常验货发货；"
             "已经拿出拆开的，请清空它的拣货批次，下一张拣货单再拣"),
            (f"order {no} (pick batch {batch}) was held after it was picked and the platform has released it: if its "
             f"parcel is still in batch {batch}, it ships as checked once approved; if it was pulled and unpacked, "
             "clear its batch cell and the next pick list picks it"))


def pull_words(no: str, batch: str | None = None, mates: Collection[str] = ()) -> tuple[str, str]:
    """A parcel picked, then cancelled or held on the platform: to take out before it ships (from
    the pile of its pick batch, where known). One packed in one box with `mates` (合并发货, box_mates): its goods
    out of the box, the others shipped, their waybill (one row of them all) printed again."""
    if mates:
        zh, en = "、".join(mates), ", ".join(mates)
        return ((f"订单 {no}（拣货批次 {batch}）拣货后已取消或挂起，它和订单 {zh} 合并发货，装在一个包裹里：从这个包裹里取出订单 "
                 f"{no} 的商品（看它的发货单），订单 {zh} 照常验货发货；它们合打的那张面单作废，给订单 {zh} 重打面单；再清空订单 {no} "
                 "的拣货批次"),
                (f"order {no} (pick batch {batch}) was cancelled or held after it was picked, and it is packed in one box "
                 f"with order {en} (shipped together): take order {no}'s goods out of that box (see its packing note) "
                 f"and ship order {en} as checked; void the one waybill printed for them together and print order {en} "
                 f"a new one; then clear order {no}'s batch cell"))
    if batch:
        return (f"订单 {no}（拣货批次 {batch}）拣货后已取消或挂起：把这个包裹拿出来，再清空它的拣货批次",
                f"order {no} (pick batch {batch}) was cancelled or held after it was picked: pull this parcel, "
                "then clear its batch cell")
    return (f"订单 {no} 拣货后已取消或挂起：把这个包裹拿出来，再清空它的拣货批次",
            f"order {no} was cancelled or held after it was picked: pull this parcel, then clear its batch cell")


def check_batch_name(batch: str, used: set[str]) -> None:
    """A batch name a person gave: one not `used` by an earlier batch, that can be part of the
    report files' names."""
    if batch in used:
        raise ShopbookError(f"批次名“{batch}”已用过，请换一个。", f"The batch name '{batch}' is taken: choose another.")
    if not BATCH_NAME.fullmatch(batch):  # it becomes part of the report files' names
        raise ShopbookError(f"批次名“{batch}”只能用字母、数字、汉字和 - _（最多 30 个字）。",
                            f"The batch name '{batch}' may hold letters, digits, Chinese and - _ only (30 at most).")


def packed_together(lines: list[OrderLine], default: str | None = "") -> dict[str, tuple[str, ...]]:
    """Order no. → the orders packed in one box with it (合并发货), as picking.ship_together packed each pick batch of
    the orders still to ship (已审核, picked, the review's 合并发货 note): what the packing notes told the packer."""
    from .picking import Parcel
    from .review import merge_suggested

    by_order: dict[str, list[OrderLine]] = {}
    for ln in lines:
        if ln.batch and ln.status is OrderStatus.APPROVED:
            by_order.setdefault(ln.order_no, []).append(ln)
    return {p.order_no: p.together for p in _packed_by_batch(
        [Parcel(no, ls) for no, ls in by_order.items() if merge_suggested(ls[0].review)], default) if p.together}


def _packed_by_batch(parcels: list, default: str | None, boxed: Collection[str] = ()) -> list:
    """`parcels` as picking.ship_together packed each pick batch of them (their `together` set), batch by batch:
    what the packing notes of those batches told the packer (packed_together, box_mates)."""
    from .couriers import canonical
    from .picking import ship_together

    by_batch: dict[str, list] = {}
    for p in parcels:
        by_batch.setdefault(p.head.batch, []).append(p)
    return [p for ps in by_batch.values() if len(ps) > 1 for p in ship_together(ps, canonical(default) or "", boxed=boxed)]


def _units(lines: list[OrderLine]) -> Counter:
    """An order's units of each SKU."""
    out: Counter = Counter()
    for ln in lines:
        out[ln.sku] += ln.qty
    return out


def box_mates(lines: list[OrderLine], pulled: Collection[str], default: str | None = "") -> dict[str, list[str]]:
    """Of the picked orders `pulled` (cancelled or held since), those packed in one box with others (合并发货):
    order no. → the orders still to ship (已审核, not pulled) its box holds, as picking.ship_together packed its
    pick batch (one receiver and address, one courier, each platform's orders apart, none above BOX_ORDERS).
    `default`: the shop's courier, an order's whose 快递公司 is blank."""
    from .picking import Parcel
    from .review import merge_suggested

    if not pulled:
        return {}
    by_order: dict[str, list[OrderLine]] = {}
    for ln in lines:
        by_order.setdefault(ln.order_no, []).append(ln)
    batches = {ls[0].batch for no in pulled if (ls := by_order.get(no)) and ls[0].batch}
    if not batches:
        return {}
    packed = [Parcel(no, ls) for no, ls in by_order.items() if ls[0].batch in batches and (
        no in pulled or (ls[0].status is OrderStatus.APPROVED and merge_suggested(ls[0].review)))]
    return {p.order_no: mates for p in _packed_by_batch(packed, default, boxed=pulled)
            if p.order_no in pulled and (mates := [no for no in p.together if no not in pulled])}


@writes_shop("picklist")
@gc_paused()
def make_picklist(shop: Shop, batch: str | None = None, today: dt.date | None = None,
                  write: Writer = edit_workbook, named_for: dt.date | None = None, notes: bool = True) -> PickResult:
    """Pick list, packing notes and waybill CSV for approved orders not yet picked;
    the orders are marked with the batch so they are never picked twice. `batch`: its name, else
    the day's (`named_for`, else `today`: 20261122-1, -2 …). `notes`: the pick notes written here
    (PickResult.with_notes); a job writes them after orders.xlsx, while its documents' copies finish."""
    today = day_given(today, "today") or dt.date.today()
    orders_wb = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, Promotion, ShippingRate))
    stock_wb = read_workbook(shop.path(STOCK), STOCK, (Product, Movement))
    # an order approved by hand, 已审核 typed on its first row only: every row of it is picked (ship checks them all)
    lines = as_sent(orders_wb.rows(OrderLine))
    to_pick = [ln for ln in lines if ln.status is OrderStatus.APPROVED and not ln.batch]
    # an order one of whose rows a person held (or is cancelled, or not reviewed) is not picked in part
    asked = {ln.order_no for ln in to_pick}
    held_back = list(dict.fromkeys(ln.order_no for ln in lines if ln.order_no in asked and ln.status in HOLDING))
    if held_back:
        out = set(held_back)
        to_pick = [ln for ln in to_pick if ln.order_no not in out]
    # picked, then cancelled or held on the platform (orders import): said on every pick list until a person,
    # having pulled the parcel, clears its 拣货批次 cell
    pull_batches: dict[str, str] = {}
    sent_before: dict[str, list[str]] = {}  # released 部分发货 orders whose shipped line is still a row of theirs
    by_hand: dict[str, str] = {}  # picked, then 已取消 or 已挂起 typed by a person (no 平台状态)
    for ln in lines:
        if not ln.platform_status:  # (most rows)
            if ln.batch and ln.status in (OrderStatus.CANCELLED, OrderStatus.HELD):
                by_hand.setdefault(ln.order_no, ln.batch)
            continue
        if ln.batch and ln.status in (OrderStatus.CANCELLED, OrderStatus.HELD):
            pull_batches.setdefault(ln.order_no, ln.batch)
        elif ln.status is OrderStatus.APPROVED and not ln.batch and sent_by_platform(ln):
            sent_before.setdefault(ln.order_no, []).append(ln.sku)
    # one a person cancelled or held is said where it is packed in one box with orders still to ship (合并发货):
    # that box is on the packing bench now (a parcel of its own was said by no one before; left so: its age unknown)
    pull_mates = box_mates(lines, {**by_hand, **pull_batches}, shop.config.orders.default_courier)
    pull_batches.update({no: b for no, b in by_hand.items() if no in pull_mates and no not in pull_batches})
    if sent_before:  # its packing note would send that line a second time: left out, said
        to_pick = [ln for ln in to_pick if ln.order_no not in sent_before]
    stop_on(orders_wb.errors_in(OrderLine, Promotion, ShippingRate) + stock_wb.errors_in(Product, Movement)
            + [orders_wb.sheets[OrderLine].locate(i) for i in check_gifts(to_pick)],
            "无法生成拣货单", "Cannot make the pick list")
    used = {ln.batch for ln in lines if ln.batch}
    if batch is None:
        n = 1
        day = named_for or today  # daily --date D: the batch of D's report
        while f"{day:%Y%m%d}-{n}" in used:
            n += 1
        batch = f"{day:%Y%m%d}-{n}"
    else:
        check_batch_name(batch, used)
    products = stock_wb.rows(Product)
    promotions = orders_wb.rows(Promotion)
    rules = gift_rules(promotions)
    parcels = parcels_to_pick(to_pick, promotions, today, shop.lang)
    # the goods on the shelf: on-hand less what parcels picked and not yet shipped hold. An order
    # approved by hand after the review (released from 已挂起), or after its stock was counted down,
    # may find its goods in another parcel: it is left out and said, never picked empty
    left = available(products, stock_wb.rows(Movement), [ln for ln in lines if ln.batch], dt.date.today())
    left.subtract(promised_gifts(lines, rules, today, picked_only=True))
    left = Counter({p.sku: left[p.sku] for p in products})
    known = {p.sku for p in products}  # an order none can pick: said, not listed as "?" to look for on the shelf
    unknown = {p.order_no: sorted({ln.sku for ln in p.lines if ln.sku not in known}) for p in parcels
               if any(ln.sku not in known for ln in p.lines)}
    parcels = [p for p in parcels if p.order_no not in unknown]
    unknown_gifts: dict[str, list[str]] = {}
    for p in parcels:  # a gift on no 商品 row: the parcel goes without it, as without one that ran out
        if any(g.sku not in known for g in p.gifts):
            for g in p.gifts:
                if g.sku not in known:
                    unknown_gifts.setdefault(g.sku, []).append(p.order_no)
            p.gifts = [g for g in p.gifts if g.sku in known]
            p.gift_cell = gifts_text(p.gifts, shop.lang) or ("无" if shop.lang == "zh" else "none")
    parcels, short = allot_goods(parcels, left)
    no_gift = allot_gifts(parcels, left, shop.lang)  # what the goods leave: never more gifts than the shelf has
    if not parcels:
        return PickResult(batch, [], [], [], pull_batches, held_back=held_back, short=short, unknown=unknown,
                          sent_before=sent_before, pull_mates=pull_mates)
    lang = shop.lang
    ensure_writable(write, shop.path(ORDERS))  # before the documents: a pick list for orders never marked is worse
    word = "拣货单" if lang == "zh" else "picklist"
    own = shop.folder / "templates" / "reports" / "picklist.xlsx"
    from .couriers import canonical, file_word
    from .documents import BESIDE_PARCELS, write_picking_documents, write_waybill_csv

    rates, courier = RateTable(orders_wb.rows(ShippingRate)), shop.config.orders.default_courier
    # a shop that ships 圆通 only: its sheet's courier (RateTable's first), not no fee; 中通 is the sheet's 中通快递
    if canonical(courier) not in {canonical(c) for c in rates.couriers}:
        courier = None
    default = canonical(courier or (rates.couriers[0] if rates.couriers else shop.config.orders.default_courier)) or ""
    # an order whose 快递公司 says 顺丰 goes in 顺丰's own CSV at 顺丰's rates (before: in the default courier's,
    # at its rates); a batch of the default courier alone keeps the one name, 面单-BATCH.csv
    parcels = ship_together(parcels, default)  # the review's 合并发货: one box on their packing notes, one waybill row
    groups = by_courier(parcels, {ln.courier for ln in to_pick}, default)
    stem = f"{'面单' if lang == 'zh' else 'waybills'}-{batch}"
    picked = once(lambda: pick_list(parcels, products))  # made where first needed: a forked copy makes its own
    with writes_beside():  # a big batch's: by forked copies, while orders.xlsx is written here (the job waits for them)
        xlsx = write_picking_documents(shop.reports / f"{word}-{batch}.xlsx", batch, picked, parcels, products, lang,
                                       template=own if own.exists() else None)
        csv_paths = [write_waybill_csv(
            shop.reports / (f"{stem}.csv" if c == default and len(groups) == 1 or not c else
                            f"{stem}-{file_word(c, lang)}.csv"),
            lambda ps=ps, c=c: waybill_rows(ps, products, rates, courier if c == default else c, lang), lang,
            beside=len(ps) >= BESIDE_PARCELS) for c, ps in groups.items()]
    cells, batch_only, with_gifts = {}, {"batch": batch}, {}  # (rows set alike share their dict)
    for p in parcels:  # the gifts packed are kept with the order: the scan check expects them
        for ln in p.lines:
            if ln.gifts == p.gift_cell:
                cells[ln.row] = batch_only
            elif (c := with_gifts.get(p.gift_cell)) is not None:
                cells[ln.row] = c
            else:
                cells[ln.row] = with_gifts[p.gift_cell] = {"batch": batch, "gifts": p.gift_cell}
    kept, differs = (), {}
    if with_gifts:  # a 赠品 cell holding a person's formula (their own gift rule) is never written over
        sd = orders_wb.sheets[OrderLine]
        formulas = formula_rows(write, shop.path(ORDERS), sd, "gifts",
                                {r for r, c in cells.items() if c is not batch_only})
        if formulas:
            for r in formulas:
                cells[r] = batch_only
            kept = tuple(f"{col_letter(sd.columns['gifts'])}{r}" for r in sorted(formulas))
            for p in parcels:  # what the scan check will expect of the cells as they are then
                if any(ln.row in formulas for ln in p.lines):
                    expected = scan_gifts(p, formulas, batch, rules, today)
                    if gift_units(expected) != gift_units(p.gifts):
                        differs[p.order_no] = (p.gift_cell, gifts_text(expected, lang) or ("无" if lang == "zh" else "none"))
    write(shop.path(ORDERS), [SheetEdit(OrderLine, set_cells=cells, layout=orders_wb.sheets[OrderLine])], lang=lang)
    # a courier the 运费 sheet has no rates of: its CSV's 预估运费 blank (waybill_rows), said (the default's has some:
    # its own, else the sheet's first)
    unrated = {c: n for c, ps in groups.items() if not rates.has(courier if c == default else c)
               and (n := sum(not hidden_by_platform(p.head) for p in ps))}
    res = PickResult(batch, parcels, picked, [xlsx, *csv_paths], pull_batches, held_back, short, no_gift, kept, differs,
                     unknown, unknown_gifts, unrated=unrated, sent_before=sent_before, pull_mates=pull_mates)
    return res.with_notes(shop.reports, lang) if notes else res


@dataclass
class MorningResult:
    """The morning orders job: what came in, the review, the pick list (None when the job
    stopped before it: `stopped` says why, in both languages)."""

    imported: ImportSummary | None
    decisions: list[Decision] = field(default_factory=list)
    review_issues: list[Issue] = field(default_factory=list)
    pick: PickResult | None = None
    stopped: tuple[str, str] | None = None
    # given no files: the exports waiting in inbox/ (daily's to import), which this run did not import
    inbox: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        refused = self.imported is not None and any(i.is_error for i in self.imported.issues)
        return not refused and self.stopped is None and not any(i.is_error for i in self.review_issues)

    @property
    def pull(self) -> list[str]:
        """Parcels to take out: the import's and the pick list's, each once."""
        return list(dict.fromkeys((self.imported.pull if self.imported else []) + (self.pick.pull if self.pick else [])))

    @property
    def needs_a_person(self) -> bool:
        """Lines refused or a rule that does not read (not complete), a parcel to pull, an approved
        order short of its goods, export rows of a status no reader knows left out: `orders morning`
        exits 1, the 审单并拣货 button's box is the loud one."""
        return (not self.complete or bool(self.pull) or bool(self.pick and self.pick.needs_a_person)
                or bool(self.imported and (self.imported.left_out or self.imported.back_batches)))

    def said(self, shown: int, listed: Path | None = None, issues: bool = True) -> list[tuple[str, str, str]]:
        """What `orders morning` and the 审单并拣货 button say of it, line by line (mark, zh, en): the
        import as `orders import` says it (ImportSummary.said; a parcel to pull once, where the pick
        list says it too), the review, each held order and why (the first `shown`), the pick list,
        why the job stopped. `issues`: the import's and the review's issues too (the CLI prints them
        as blocks)."""
        out = []
        if self.imported is not None:  # (a parcel to pull said once: where the pick list says it too, there)
            out += self.imported.said(shown, listed, issues, self.pick.pull_batches if self.pick else ())
        if self.decisions or self.pick is not None:
            out.append(review_words(self.decisions, self.review_issues))
            out += held_said(self.decisions, shown)
            if issues:
                out += first([issue_said(i) for i in self.review_issues], shown, ("条", "more"),
                             ("shopbook validate 列出全部", "shopbook validate lists them all"))
        if self.pick is not None:
            out += self.pick.said(shown)
        if self.imported is not None and self.imported.left_alone and (self.decisions or self.pick is not None):
            out.append(("✗", *left_alone_said(self.imported.left_alone, self.pick is not None)))
        if self.stopped:
            out.append(("✗", *self.stopped))
        if self.inbox:  # (before: ✓ 没有待审核的订单, the morning's exports dropped in inbox/ never read)
            n, names = len(self.inbox), "、".join(self.inbox[:3]) + (" …" if len(self.inbox) > 3 else "")
            out.append(("!", f"inbox/ 里有 {n} 个文件没有导入（{names}）：没有给出文件，只审单并拣货了订单表里已有的订单；"
                             "要导入，给出这些文件（或运行 daily：它导入 inbox/）",
                        f"{en_count(n, 'file')} in inbox/ not imported ({names.replace('、', ', ')}): no files were "
                        "given, so only the orders already in orders.xlsx were reviewed and picked; give these files to "
                        "import them (or run daily: it imports inbox/)"))
        return out

    def to_json(self) -> dict:
        return {"import": self.imported.to_json() if self.imported else None,
                "inbox_not_imported": self.inbox,
                "review": [d.to_json() for d in self.decisions],
                "review_issues": [i.to_json() for i in self.review_issues],
                "picklist": self.pick.to_json() if self.pick else None,
                "stopped": {"zh": self.stopped[0], "en": self.stopped[1]} if self.stopped else None}


def inbox_waiting(shop: Shop) -> list[str]:
    """The names of the files in inbox/ that daily would import (its INBOX_PATTERNS), in name order."""
    inbox = shop.folder / "inbox"
    if not inbox.is_dir() or next(inbox.iterdir(), None) is None:  # (most shops, most mornings)
        return []
    from ..report.workflow import INBOX_PATTERNS

    return sorted({p.name for pat in INBOX_PATTERNS for p in inbox.glob(pat) if p.is_file()})


@locks_shop("orders morning")
@gc_paused()
def morning(shop: Shop, files: list[Path] = (), password: str | None = None, today: dt.date | None = None,
            batch: str | None = None, write: Writer | None = None) -> MorningResult:
    """What the warehouse does every morning, as one job: import the exports (if any) →
    review → pick list. Each workbook is read once (the steps share their reads), each
    address parsed once, and the review's and the pick list's cells go into orders.xlsx in
    one write (the import, which adds rows, writes its own first). As `daily` does, lines
    refused by the import stop the job before the review, except a parcel refused (a waybill file's
    shipment of an order that must not ship): that order is left out, the others go on. `files`,
    `password` and `today` as import_orders takes them; `batch` as make_picklist does."""
    from ..io import cache
    from ..io.reader import read_cache
    from ..io.sheet_edit import WriteOnce

    today = day_given(today, "today")

    def read_whole():  # every step's sheets come from these reads (a file the import changed: read again)
        # stock.xlsx first: orders.xlsx's parse, begun as the command started (io/prefetch), is often
        # still running on the other core when the command gets here, and the stock read fills that wait
        for spec in (STOCK, ORDERS):
            if shop.path(spec).exists():
                read_workbook(shop.path(spec), spec)

    with read_cache(), cache.deferred():  # orders.xlsx kept in the cache once, as the job leaves it
        once = WriteOnce(write or edit_workbook)
        read_whole()
        if batch is not None:  # a name the pick list would refuse stops the job before anything is written
            lines = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
            check_batch_name(batch, {ln.batch for ln in lines if ln.batch})
        result = MorningResult(import_orders(shop, files_given(files), write=once, password=password, today=today)
                               if files else None, inbox=[] if files else inbox_waiting(shop))
        if result.imported is not None and result.imported.stops_review:
            result.stopped = ("有导入失败的行：没有审单，也没有生成拣货单。", "Some lines were not imported: "
                              "no review and no pick list were made.")
            return result
        read_whole()
        try:  # (a parcel refused, its order left as it is: the others go on; said in said())
            result.decisions, result.review_issues = review(
                shop, write=once, leave=result.imported.left_alone if result.imported else ())
            try:
                result.pick = pick_with_kept(shop, once, "orders morning", batch, today)
            except ShopbookError as e:  # the review stands (written below); the pick list says why not
                result.stopped = (f"没有生成拣货单：{e.zh}", f"No pick list: {e.en}")
        finally:
            once.flush()
    return result


def pick_with_kept(shop: Shop, once, command: str, batch: str | None = None, today: dt.date | None = None,
                   named_for: dt.date | None = None) -> PickResult:
    """The pick list, its files and orders.xlsx (the cells `once` kept, the review's, with the
    pick list's batch) as one job (`orders morning`, `daily`): neither is in place without the
    other, and a big batch's packing notes are made by a forked copy while orders.xlsx is written
    here. When it fails, the pick list's marks (and its write, if it made one) are dropped and
    the cells kept before it stay kept, for the caller to write; its stop is raised."""
    reviewed = once.kept()

    def pick_and_mark() -> PickResult:
        pick = make_picklist(shop, batch, today=today, write=once, named_for=named_for, notes=False)
        once.flush()
        return pick.summed_up().with_notes(shop.reports, shop.lang)  # (while the documents' copies finish)

    try:  # a workbook changed meanwhile: cells kept before the job cannot be redone, so no retry then
        return run_job(shop.folder, command, pick_and_mark, retries=0 if reviewed else None)
    except ShopbookError:
        once.put_back(reviewed)
        raise


@dataclass
class ShipResult:
    """ship(): each scanned parcel's check (`checks`, a failed one with its problems), the orders
    shipped, the 出库 movements posted and the 售后 cases opened."""

    checks: list
    shipped: list[str]
    movements: list[Movement]
    cases_opened: list = field(default_factory=list)  # 售后 问题件 of parcels that failed
    # SKU → its on-hand once this posted, where that is below 0 (before: unsaid; a count of the shelf taken while
    # the picked parcels held the goods had booked them as lost)
    below_zero: dict[str, int] = field(default_factory=dict)
    cases_sheet: str = ""  # the 售后 sheet's name where a person renamed it (cases_sheet_renamed)

    def to_json(self) -> dict:
        return {"shipped": self.shipped, "movements": len(self.movements),
                "below_zero": [{"sku": s, "on_hand": n} for s, n in self.below_zero.items()],
                "cases_opened": [c.case_no for c in self.cases_opened],
                "parcels": [c.to_json() for c in self.checks]}

    def said(self, shown: int, scans: Path, rest: tuple[str, str] | None = None) -> list[tuple[str, str, str]]:
        """What `ship` and the 验货发货 button say of it (mark, zh, en): ✓ only when every parcel
        passed; scans of parcels all shipped already say nothing new shipped (–); each parcel that
        failed and why, the first `shown` then how many more and where the `rest` are (else the command line); the 售后
        cases opened."""
        failed = sum(1 for c in self.checks if not c.ok)
        again = sum(1 for c in self.checks if c.already_shipped)
        if not failed and not self.shipped and again:  # the same scans again: nothing done, nothing wrong
            out = [("–", f"没有新发货：扫描的 {again} 个包裹都已发过，没有再出库。",
                    f"Nothing new shipped: the {en_count(again, 'parcel')} scanned had shipped already; "
                    "no stock was posted again.")]
        else:  # (出库 in units, as the pick list counts them: 2 shirts of one SKU are one movement row)
            units = sum(m.qty for m in self.movements)
            out = [("✓" if not failed else ("✗" if not self.shipped else "!"),
                    f"发货：{len(self.shipped)}，出库：{units} 件" + (f"；{failed} 个包裹没有通过（见下）" if failed else ""),
                    f"shipped: {len(self.shipped)}, out: {en_count(units, 'item')}"
                    + (f"; {en_count(failed, 'parcel')} failed the check (below)" if failed else ""))]
        if self.below_zero:  # the parcels went (their goods were scanned): the book is what is wrong
            neg = "，".join(f"{s} {n}" for s, n in self.below_zero.items())
            neg_en = ", ".join(f"{s} {n}" for s, n in self.below_zero.items())
            out.append(("!", (f"发货后账面库存为负数：{neg}。货已扫描发出，是账不对：请核对出入库和盘点（拣货后、发货前盘点货架，"
                              "包裹里的货会被记成盘亏）"),
                        (f"stock below zero on the book after shipping: {neg_en}. The goods were scanned and went, so "
                         "the book is wrong: check the movements and the stocktake (a shelf counted after the pick, "
                         "before shipping, books the goods in the parcels as lost)")))
        parcels, shipped_before = [], []
        for c in self.checks:
            if c.already_shipped:  # a parcel scanned again, one of the order's parcels, or a number not its own (!)
                mark, zh, en = c.shipped_said()
                (parcels if mark == "!" else shipped_before).append((mark, zh, en))
            where = c.ref or scans.name  # a line that is no parcel: the file (its message says the line)
            parcels += [("✗", f"{where}：{zh}", f"{where}: {en}") for zh, en in c.problems]  # (a zh line full-width)
        # the failures first: a scan file the scanner adds to all day, checked again, listed the morning's hundreds
        # shipped and the cut hid the afternoon's failures that the first line says are below
        parcels += shipped_before
        out += first(parcels, shown, ("行", "more"), rest or (
            f"shopbook ship --json 再核对 {scans.name} 列出全部（已发的不会再发）",
            f"shopbook ship --json on {scans.name} again lists them all (nothing ships twice)"))
        out += cases_said(self.cases_opened, shown, "售后问题件", self.cases_sheet)
        return out


def cases_sheet_renamed(orders_wb) -> str:
    """The 售后 sheet's name where a person renamed it (售后登记, found by its headers), else "": what the cases a run
    opened are said to be on (cases_said)."""
    sd = orders_wb.sheets.get(AfterSalesCase)
    return sd.sheet if sd is not None and sd.present and sd.sheet not in (AfterSalesCase.zh, AfterSalesCase.en) else ""


def cases_said(cases: list, shown: int, kind: str = "售后单", sheet: str = "") -> list[tuple[str, str, str]]:
    """The 售后 cases a run opened (mark, zh, en), as `ship` and `orders import` say them: customer
    service takes them from the 售后 sheet (`sheet`: its name where a person renamed it, 售后登记); the first
    `shown` numbers, then how many more."""
    nos = [c.case_no for c in cases]
    if not nos:
        return []
    more = len(nos) - shown
    name, name_en = sheet or "售后", f"the '{sheet}' sheet" if sheet else "After-sales sheet"
    return [("!", f"开了 {len(nos)} 个{kind}（orders.xlsx 的“{name}”表）：{'、'.join(nos[:shown])}"
             + (f" 等，还有 {more} 个在“{name}”表" if more > 0 else ""),
             f"{en_count(len(nos), 'after-sales case')} opened ({name_en} of orders.xlsx): "
             f"{', '.join(nos[:shown])}" + (f" … and {more} more there" if more > 0 else ""))]


@writes_shop("ship")
@gc_paused()
def ship(shop: Shop, scans: Path, today: dt.date | None = None, write: Writer = edit_workbook) -> ShipResult:
    """The scan check: parcels that match their order ship (已发货, courier, tracking no.,
    date) and post 出库 movements; the others are reported and stay as they are.
    Scanning a parcel again ships nothing twice. `scans`: the scanner's file (order or waybill
    numbers, barcodes); `today`: the shipping date."""
    from .lifecycle import shipment_moves  # (the morning job does not ship: not imported for it)

    from .platform_export import _decode
    from ..io.limits import read_input
    from .scan import (
        box_waybill,
        check_parcel,
        order_parcels,
        parcels_of_one_box,
        parcels_of_one_order,
        parse_scans,
        product_codes,
        shipped_already,
    )

    today = day_given(today, "today") or dt.date.today()
    scans = Path(scans)
    if not scans.exists():
        raise ShopbookError("找不到扫描文件。", "Scan file not found.", scans)
    text, _ = _decode(read_input(scans), scans)  # a regular file within the size cap
    orders_wb = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, Promotion, AfterSalesCase))
    stock_wb = read_workbook(shop.path(STOCK), STOCK, (Product, Movement))
    stop_on(orders_wb.errors_in(OrderLine) + stock_wb.errors_in(Product, Movement), "无法发货", "Cannot ship")
    lines = orders_wb.rows(OrderLine)
    orders = group_orders(lines)
    from .couriers import parcels

    # every parcel's number (an order sent in two holds A/B)
    by_tracking = {t: ln.order_no for ln in lines if ln.tracking_no for t in parcels(ln.tracking_no)}
    products = stock_wb.rows(Product)
    rules = gift_rules(orders_wb.rows(Promotion))
    gifts, unreadable = {}, {}
    for no, ls in orders.items():
        bad = check_gifts(ls)
        typed = typed_gifts(ls)
        if bad:
            unreadable[no] = orders_wb.sheets[OrderLine].locate(bad[0])
        elif ls[0].batch and typed:  # picked: its 赠品 cell holds what the packing note promised
            gifts[no] = read_gifts(typed)
        else:  # not picked, or picked by a shopbook that kept no gifts: worked out as a pick list would
            gifts[no], _ = order_gifts(Parcel(no, ls), rules, today)
    posted = {(m.ref, m.sku) for m in stock_wb.rows(Movement) if m.type is MovementType.OUT and m.ref}
    checks, moves, cells = [], [], {}
    went: dict[str, tuple[str, tuple[str, ...]]] = {}  # an order shipped by this file → the number it went under, its parcels'
    codes = product_codes(products)
    # a line of an order's (or a waybill's) number alone, no product's code: a parcel of its own
    scanned = parse_scans(text, scans, lambda c: None if (
        codes.by_barcode.get(c) or codes.by_sku.get(c) or codes.by_label.get(c.upper())) else (
        c if c in orders else by_tracking.get(c)))
    if not scanned:  # a scanner's file never saved, or saved empty: nothing was checked, so nothing passed
        raise ShopbookError("扫描文件里没有任何包裹：没有核对，也没有发货。请确认扫描枪的文件已经保存，再运行。",
                            "The scan file holds no parcels: nothing was checked or shipped. Make sure the scanner's "
                            "file was saved, then run again.", scans)
    checked: dict[int, tuple] = {}  # id(parcel) → (parcel, its check): each parcel checked once by the three passes

    def check(sp):  # (the main loop below checks afresh: it marks its checks, failed or shipped higher up the file)
        if (had := checked.get(id(sp))) is None or had[0] is not sp:
            had = checked[id(sp)] = (sp, check_parcel(sp, orders, by_tracking, codes, gifts))
        return had[1]

    # an order sent in two parcels, its goods shared between them: one check of both (A/B)
    scanned = parcels_of_one_order(scanned, check)
    # a box of orders packed together (合并发货) scanned as one parcel with all their goods: a parcel of each order
    mates = once(lambda: packed_together(lines, shop.config.orders.default_courier))
    # each order's packing note of such a box scanned, then its goods, the box's waybill on the first: all under it
    scanned = box_waybill(scanned, check, lambda no: mates().get(no, ()))
    scanned = parcels_of_one_box(
        scanned, check, lambda no: mates().get(no, ()),
        lambda c: (p := codes.by_barcode.get(c) or codes.by_sku.get(c) or codes.by_label.get(c.upper())) and p.sku,
        lambda no: _units(orders[no]) + gift_units(gifts.get(no, [])))
    # tracking no. → the order it ships, this file's parcels added as they pass; not a delivered or closed
    # order's (a courier reuses its numbers in time)
    on_waybill = {t: no for t, no in by_tracking.items()
                  if order_status(orders[no]) not in (OrderStatus.DELIVERED, OrderStatus.CLOSED, OrderStatus.CANCELLED)}
    for sp in scanned:
        chk = check_parcel(sp, orders, by_tracking, codes, gifts)
        bad = unreadable.get(chk.order_no)
        if bad is not None and not chk.already_shipped:
            chk.ok = False
            chk.problems.append((f"{bad.where('zh')} {bad.message_zh}", f"{bad.where('en')} {bad.message_en}"))
        if (was := went.get(chk.order_no)) is not None and (chk.ok or chk.tracking_no not in ("", was[0])):
            # shipped higher up this file: the same parcel scanned again, or another parcel of the order (its goods
            # went with the first). The same parcel failing now is still said
            shipped_already(chk, was[1])
        if chk.ok and not chk.already_shipped:
            _waybill_of_another(chk, on_waybill, orders)
        checks.append(chk)
        if not chk.ok or chk.already_shipped:
            continue
        no = chk.order_no
        for t in parcels(chk.tracking_no or ""):
            on_waybill.setdefault(t, no)
        # one of the parcels an order's cells hold (A/B): the cells kept, every parcel's number (before: written over
        # with the one scanned, the other parcel's lost)
        own = order_parcels(orders[no])
        one_of = len(own) > 1 and chk.tracking_no in own
        kept = {} if not one_of or any(ln.courier for ln in orders[no]) else {"courier": chk.courier or None}
        went[no] = (chk.tracking_no, own if one_of else tuple(parcels(chk.tracking_no or "")))
        for ln in orders[no]:
            cells[ln.row] = {"status": OrderStatus.SHIPPED, "shipped_on": today,
                             **(kept if one_of else {"courier": chk.courier or None, "tracking_no": chk.tracking_no or None}),
                             **({"packer": sp.packer} if sp.packer else {}),  # piece pay counts it
                             # a 部分发货 order's rest, one approved by hand while it said 挂起: said as gone
                             **shipped_cells(ln.platform_status, ln.review, shop.lang)}
        moves += shipment_moves(no, orders[no], gifts.get(no, []), posted, today, shop.lang)  # as the import posts them
    # a parcel that failed, was put right and scanned again further down the file passed: its failure is gone
    # (before: ✗ and exit 1 for an order shipped, and a 问题件 opened for customer service)
    passed_at = {c.order_no: i for i, c in enumerate(checks) if c.ok and not c.already_shipped}
    checks = [c for i, c in enumerate(checks) if c.ok or passed_at.get(c.order_no, -1) < i]
    from ..aftersales.cases import open_cases_from_scans
    from ..aftersales.workflow import case_read_errors, case_sheet_writes

    # ship needs of 售后 only whether a parcel that failed has an open case: a row that does not read
    # stops it for that parcel's order alone (a case may be open); another is not ship's to say (the
    # packer cannot put it right, and it would be said on every scan): validate and aftersales say it
    failed = {c.order_no for c in checks if not c.ok and not c.already_shipped and c.order_no}
    stop, _others, cases, bad_rows = case_read_errors(orders_wb, lambda u: u.order_no in failed)
    # which parcel made the row matter: the packer knows the parcel, customer service the row
    why = "、".join(sorted({c.order_no for c in bad_rows if c.order_no in failed}))
    stop_on(stop, f"无法发货（订单 {why} 的包裹没有通过核对，要看它的售后单）" if why else "无法发货",
            f"Cannot ship (the parcel of order {why} failed the check, and its after-sales rows are to be read)"
            if why else "Cannot ship")
    # a parcel that failed opens a 问题件 for customer service (one open case per order)
    opened = open_cases_from_scans(checks, lines, cases + bad_rows, today, shop.lang)
    case_edits, own = case_sheet_writes(orders_wb, opened, {}, shop.lang)
    below_zero: dict[str, int] = {}
    if moves:  # what the book has of the SKUs shipped, once this is posted (ship is not timed: one pass is nothing)
        from ..stock.levels import on_hand

        moved = {m.sku for m in moves}
        have = on_hand([p for p in products if p.sku in moved],
                       [m for m in stock_wb.rows(Movement) if m.sku in moved] + moves)
        below_zero = {s: have[s] for s in sorted(moved) if have[s] < 0}
    ensure_writable(write, *([shop.path(STOCK)] if moves else []),
                    *([shop.path(ORDERS)] if cells or opened else []))
    if moves:  # stock first: a rerun after a failure finds the movements and does not post them again
        with writes_beside():  # by a second process while orders.xlsx is written here (io/forked)
            write(shop.path(STOCK), [SheetEdit(Movement, append=moves, layout=stock_wb.sheets[Movement])],
                  lang=shop.lang)
    if cells or opened:
        write(shop.path(ORDERS), ([SheetEdit(OrderLine, set_cells=cells, layout=orders_wb.sheets[OrderLine])]
                                  if cells else []) + case_edits, own_sheets=own, lang=shop.lang)
    return ShipResult(checks, list(went), moves, opened, below_zero,  # (went: each order shipped, once, in order)
                      cases_sheet=cases_sheet_renamed(orders_wb))


def _waybill_of_another(chk, on_waybill: dict[str, str], orders: dict[str, list[OrderLine]]) -> None:
    """A tracking no. that is already another order's, to another receiver or address, fails the parcel: one
    waybill scanned for two parcels (before: both shipped under it, one of them never tracked). Orders to one
    receiver and address share it: shipped together (合并发货), each platform's apart (review.boxes: one buyer's 淘宝
    order and 抖店 order go under a waybill each, for each platform is told its own)."""
    from .couriers import parcels
    from .review import same_ship_to, sold_on

    for t in parcels(chk.tracking_no or ""):
        other = on_waybill.get(t)
        if other is None or other == chk.order_no or other not in orders:
            continue
        was, now = sold_on(orders[other][0]), sold_on(orders[chk.order_no][0])
        if was is not None and now is not None and was != now:
            zh = {p.en: p.value for p in Platform}
            chk.ok = False
            chk.problems.append((f"快递单号 {t} 已是{zh[was]}订单 {other} 的面单，这个是{zh[now]}订单：两个平台的订单不合并发货，"
                                 f"各用自己平台的面单、各发一个包裹（平台要各自的快递单号）。请把这个订单单独装箱、扫它自己的面单，"
                                 "再运行 ship",
                                 f"tracking no. {t} is already the waybill of {was.capitalize()} order {other}, "
                                 f"and this is a {now.capitalize()} order: two platforms' orders are not shipped "
                                 "together, each goes in a parcel of its own under its own platform's waybill (each "
                                 "platform is told its own tracking no.). Pack this order apart, scan its own "
                                 "waybill, then run ship again"))
            return
        if not same_ship_to(orders[other][0], orders[chk.order_no][0]):
            chk.ok = False
            chk.problems.append((f"快递单号 {t} 已是订单 {other}（收货人 {orders[other][0].receiver}）的面单：一张面单只贴一个"
                                 "包裹（合并发货只给同一收货人和地址）。请扫这个包裹自己面单上的单号，再运行 ship",
                                 f"tracking no. {t} is already the waybill of order {other} (to "
                                 f"{orders[other][0].receiver}): one waybill goes on one parcel (orders shipped "
                                 "together go to one receiver and address). Scan this parcel's own waybill, then "
                                 "run ship again"))
            return


@dataclass
class FollowUp:
    """follow_up(): shipped orders not signed for in time, held orders, and those a person held by hand
    (OrderLine records, an order's first line each)."""

    not_delivered: list[OrderLine]
    held: list[OrderLine]
    held_by_hand: list[OrderLine] = field(default_factory=list)  # theirs to release: nothing urgent
    # an order not delivered → (courier, tracking no.) of every parcel its rows hold (a row a parcel: the first
    # row's alone was listed, the other parcel, perhaps the one stuck, in no line customer service chases)
    parcels: dict[str, tuple[str, str]] = field(default_factory=dict)

    def to_json(self) -> dict:
        def row(ln: OrderLine) -> dict:
            courier, tracking = self.parcels.get(ln.order_no, (ln.courier, ln.tracking_no))
            return {"order_no": ln.order_no, "receiver": ln.receiver, "phone": ln.phone,
                    "courier": courier or None, "tracking_no": tracking or None,
                    "shipped_on": ln.shipped_on.isoformat() if ln.shipped_on else None,
                    "paid_at": ln.paid_at.isoformat() if ln.paid_at else None, "review": ln.review}
        return {"not_delivered": [row(x) for x in self.not_delivered], "held": [row(x) for x in self.held],
                "held_by_hand": [row(x) for x in self.held_by_hand]}


def follow_up(shop: Shop, days: int | None = None, today: dt.date | None = None) -> FollowUp:
    """Shipped but not 已签收 after `days` days (default from shopbook.toml, 5), and orders held
    for more than a day, as of `today`: the customer-service chase list."""
    shop = shop_given(shop)
    today = day_given(today, "today") or dt.date.today()
    days = days_given(days)
    days = shop.config.orders.follow_up_days if days is None else days

    # an order's 发货日期 typed on a row other than its first is the order's (as the ledger reads it)
    lines = as_sent(read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine))
    by_order = group_orders(lines)
    heads = [ls[0] for ls in by_order.values()]
    # (one typed by hand without its 付款时间 cannot be aged: listed, after the others, never left unseen)
    held = sorted((h for h in heads if h.status is OrderStatus.HELD and (h.paid_at is None
                                                                        or (today - h.paid_at.date()).days >= 1)),
                  key=lambda h: (h.paid_at is None, h.paid_at or dt.datetime.min))
    # one a person held (as the self-check says it): its age is the payment's, not the hold's; listed apart
    from .couriers import as_written, joined

    late = not_signed_for(lines, today, days)
    parcels = {h.order_no: joined([p for ln in by_order[h.order_no] for p in as_written(ln.courier, ln.tracking_no)])
               for h in late}
    return FollowUp(late, [h for h in held if not held_by_hand(h.review)],
                    [h for h in held if held_by_hand(h.review)], parcels)
