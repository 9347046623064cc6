"""After-sales at shop level: read the workbooks, call the pure core (cases.py), write the
售后 sheet, the resend order lines and the 退货 movements back. The CLI and the buttons call
these; the import and the scan check call `case_sheet_writes` to add the cases they open."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from ..io.files import writes_beside
from ..io.journal import writes_shop
from ..io.reader import read_ahead, read_cache, read_workbook, record_fields, records_where
from ..io.sheet_edit import NewSheet, SheetEdit, Writer, edit_workbook, ensure_writable
from ..issues import DataStop, Issue, ShopbookError, going_on, stop_on
from ..orders.scan import BARCODE_HEADS, ORDER_HEADS, TRACKING_HEADS
from ..schema import (LEDGER, ORDERS, STOCK, Account, AfterSalesCase, Category, Entry, Movement, MovementType,
                      OrderLine, OrderStatus, Product)
from ..shop import Shop, day_given
from ..values import cell_value, code_key
from . import cases as C


def new_case_sheet(rows: list[AfterSalesCase], lang: str) -> NewSheet:
    """The 售后 sheet shopbook adds with its first cases (there is nothing of a person's to keep)."""
    cols = AfterSalesCase.columns()
    body = [[cell_value(c, getattr(r, c.name, None), lang) for c in cols] for r in rows]
    dates = {i: "yyyy-mm-dd" for i, c in enumerate(cols) if c.kind.value == "date"}
    money = {i: "#,##0.00" for i, c in enumerate(cols) if c.kind.value == "money"}
    return NewSheet(AfterSalesCase.title(lang), [[c.header(lang) for c in cols]] + body,
                    widths=[c.col.width or 12 for c in cols], formats={**dates, **money})


def case_sheet_writes(orders_wb, new: list[AfterSalesCase], cells: dict[int, dict], lang: str
                      ) -> tuple[list[SheetEdit], list[NewSheet]]:
    """The edits (or the new sheet) that add `new` cases and set `cells` on the 售后 sheet of
    orders.xlsx as `orders_wb` read it."""
    sd = orders_wb.sheets.get(AfterSalesCase)
    if sd is not None and sd.present:
        return ([SheetEdit(AfterSalesCase, set_cells=cells, append=new, layout=sd)] if new or cells else []), []
    return [], ([new_case_sheet(new, lang)] if new else [])


def case_read_errors(orders_wb, matters) -> tuple[list[Issue], list[Issue], list[AfterSalesCase],
                                                  list[AfterSalesCase]]:
    """The 售后 sheet's read errors, split: to stop on (the sheet's own, and a row this run needs:
    `matters`, given the row as far as it reads), and to say as skipped (another row: a typo in a
    case this run does not touch leaves that case as it is, not the whole run); then the cases
    that read, and the rows with an error as far as they read: never worked as cases (a bad cell
    reads as blank: a 数量 of '1件' would post the order's units), but their numbers are taken and
    their orders may have a case."""
    sd = orders_wb.sheets.get(AfterSalesCase)
    errors = orders_wb.errors_in(AfterSalesCase)
    rows = {i.row for i in errors if i.row}
    every = orders_wb.rows(AfterSalesCase) + (sd.unreadable if sd is not None else [])
    bad = {c.row: c for c in every if c.row in rows}
    stop, skipped = [], []
    for i in errors:
        if i.row in bad and not matters(bad[i.row]):
            skipped.append(i.with_(message_zh=f"{i.message_zh}这一行售后单这次跳过，没有处理：请改正这个格子。",
                                   message_en=f"{i.message_en} This after-sales row was skipped this run: correct "
                                              "the cell."))
        else:
            stop.append(i)
    return stop, skipped, [c for c in orders_wb.rows(AfterSalesCase) if c.row not in rows], list(bad.values())


@dataclass
class CaseView:
    case: AfterSalesCase
    overdue: bool
    step: str
    by_button: str = ""  # the step as a box in Excel says it (a button to press, not a command: C.BY_BUTTON); "": as step

    @property
    def due(self) -> dt.date:
        return C.due_on(self.case)

    def to_json(self) -> dict:
        c = self.case
        return {"case_no": c.case_no, "order_no": c.order_no, "sku": c.sku, "type": c.type.value,
                "type_en": c.type.en, "status": (c.status or C.CaseStatus.OPEN).value,
                "status_en": (c.status or C.CaseStatus.OPEN).en,  # (as type_en: the word an English shop reads)
                "opened_on": c.opened_on.isoformat(), "due": self.due.isoformat(),
                "overdue": self.overdue, "reason": c.reason, "wants": c.wants, "needs": c.needs,
                "amount": str(c.amount) if c.amount is not None else None, "staff": c.staff,
                "resend_order": c.resend_order, "next_step": self.step}


@dataclass
class Again:
    """A return scanned whose case waits for none: received before, or closed."""

    code: str
    case: AfterSalesCase
    received_on: dt.date | None  # the day its 退货 was posted (None: none is, or this run posts it)

    @property
    def to_check(self) -> bool:
        """Closed with no return posted: goods coming back to a case that took none is a person's to look at."""
        return self.received_on is None and self.case.status is not C.CaseStatus.RETURNED

    def to_json(self) -> dict:
        return {"code": self.code, "case_no": self.case.case_no, "status": self.case.status.value,
                "status_en": self.case.status.en,
                "received_on": self.received_on.isoformat() if self.received_on else None}


@dataclass
class AfterSales:
    open: list[CaseView] = field(default_factory=list)
    opened: list[AfterSalesCase] = field(default_factory=list)  # this run
    resends: list[OrderLine] = field(default_factory=list)
    returns: list[Movement] = field(default_factory=list)
    ledger: list[Entry] = field(default_factory=list)  # proposed, not written
    issues: list[Issue] = field(default_factory=list)
    received: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # received codes that match no case
    # … of them, the order numbers of orders with no case: a parcel back (拒收, a return) before its case is typed
    no_case: list[tuple[str, str]] = field(default_factory=list)  # (code, the order number as the sheet has it)
    # received codes whose case takes no goods back (投诉, 仅退款): a case, but no return to receive
    no_return: list[tuple[str, AfterSalesCase]] = field(default_factory=list)
    again: list[Again] = field(default_factory=list)  # received codes whose cases wait for no return: nothing done
    # received order numbers whose order waits for several returns: which came is not known, none received
    several: list[tuple[str, list[AfterSalesCase]]] = field(default_factory=list)
    # received codes naming the case a code scanned before them in this run marked (its case no. after its return
    # tracking no.): one parcel, received once — (code, that code, the case)
    same: list[tuple[str, str, AfterSalesCase]] = field(default_factory=list)
    # … of them, the order numbers (as said) of an order with another return besides that case: the slip may be
    # that other return's, whose own label is then to scan
    slips: set[str] = field(default_factory=set)
    # received codes that are the waybill of a box of several orders (合并发货): which order's goods came is not known
    box: list[tuple[str, list[str]]] = field(default_factory=list)  # (code, those orders' numbers)
    # received codes that are one of the parcels a case's 退货单号 cell names (YT1 / YT2: the buyer's return in two
    # boxes), of the cases this run marked: (code, case, the cell's numbers); the case received once, whichever came
    parts: list[tuple[str, AfterSalesCase, tuple[str, ...]]] = field(default_factory=list)
    # of those cases, row → the numbers of its cell a 退货 row typed by hand on 出入库 is under: that parcel is in
    by_hand: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # received codes no case takes that are a case's number with a scanner's prefix or suffix (]C1YT…, YT…#):
    # (code, the extra characters, the number, its case)
    framed: list[tuple[str, tuple[str, str], str, AfterSalesCase]] = field(default_factory=list)
    # the lines of the scan file the codes came from that hold none (ScanFile.aside): said, never dropped silently
    aside: list[tuple[int, str, str]] = field(default_factory=list)
    # the 售后 sheet's name where a person renamed it (售后登记, found by its headers: orders.workflow's
    # cases_sheet_renamed), "" where it is the schema's: what is said names it so (before: "在售后表登记", "on the
    # After-sales sheet" for a sheet a person renamed)
    renamed: str = ""

    def sheet_said(self) -> tuple[str, str]:
        """The 售后 sheet as a sentence names it (zh, en): 售后表 / the After-sales sheet, or the name it has."""
        if not self.renamed:
            return "售后表", "the After-sales sheet"
        return f"“{self.renamed}”表", f"the '{self.renamed}' sheet"

    @property
    def overdue(self) -> list[CaseView]:
        return [v for v in self.open if v.overdue]

    def needs_a_person(self, receiving: bool = False) -> bool:
        """Where `shopbook aftersales` exits 1 (an overdue case, an error) and the 售后 buttons' box is a loud one;
        `receiving` (`aftersales receive`, 售后收货): a code no case takes, or several, or a case closed without
        its return, too. A return scanned again is nothing to do, as a parcel shipped twice."""
        if any(i.is_error for i in self.issues):
            return True
        if receiving:
            return bool(self.unknown or self.no_return or self.several or any(a.to_check for a in self.again)
                        or any(why in NEEDS_A_PERSON for *_, why in self.aside))
        return bool(self.overdue)

    def open_said(self, lang: str, by_button: bool = False) -> list[tuple[str, str, str]]:
        """The open cases, a line each (mark, zh, en: both in the shop's language, as the cases are worded), overdue
        ones first as list_open orders them: case, order, type, due, who, then its next step (`by_button`: as a box in
        Excel says it, CaseView.by_button)."""
        zh = lang == "zh"
        out = []
        for v in self.open:
            c = v.case
            flag = ("超期" if zh else "overdue") + " " if v.overdue else ""
            head = " ".join(str(x) for x in (c.case_no, c.order_no, c.type.label(lang), v.due, c.staff) if x)
            line = f"  {flag}{head}{'：' if zh else ': '}{(v.by_button or v.step) if by_button else v.step}"
            out.append(("", line, line))
        return out

    def said(self, lang: str, opened_shown: int, shown: int | None = None,
             where: tuple[str, str] | None = None, by_button: bool = False) -> list[tuple[str, str, str]]:
        """What `shopbook aftersales` (list, receive) prints after the issues, and the 售后 buttons say (mark, zh,
        en): the cases it opened (the first `opened_shown`), what it made, posted and received, each code it could
        not receive and why, the ledger lines it proposes, then the open cases with their next step: the first
        `shown` (None: all), then how many more and `where` the rest are; `by_button`: their steps as a box in Excel
        says them (the button to press, not the command line)."""
        from ..orders.workflow import cases_said
        from ..values import yuan  # (money as the screen says it: -¥15.00)

        out = list(cases_said(self.opened, opened_shown, "售后问题件", self.renamed))
        sheet_zh, sheet_en = self.sheet_said()
        for what, items in ((("补发单", "resends made"), sorted({ln.order_no for ln in self.resends})),
                            (("退货入库", "returns posted"), [(f"{m.sku}×{m.qty}（{m.ref}）", f"{m.sku}×{m.qty} ({m.ref})")
                                                          for m in self.returns]),
                            (("收到", "received"), self.received)):
            if items:  # (a Chinese line's punctuation full-width)
                zh_items = [x[0] if isinstance(x, tuple) else x for x in items]
                en_items = [x[1] if isinstance(x, tuple) else x for x in items]
                out.append(("✓", f"{what[0]}：{'、'.join(zh_items)}", f"{what[1]}: {', '.join(en_items)}"))
        for a in self.again:  # scanned again: nothing received, and never a ✓
            c = a.case
            if a.received_on is not None:
                out.append(("–", f"{a.code}：售后单 {c.case_no} 的退货已于 {a.received_on} 收到并入库，这次没有再收",
                            f"{a.code}: the return of case {c.case_no} was received on {a.received_on} and posted "
                            "then: nothing received again"))
            elif not a.to_check:
                out.append(("–", f"{a.code}：售后单 {c.case_no} 已经是“{c.status.value}”，这次没有再收",
                            f"{a.code}: case {c.case_no} is already marked {c.status.en}: nothing received again"))
            else:
                out.append(("!", f"{a.code}：售后单 {c.case_no} 已经是“{c.status.value}”，没有退货入库：这次没有收货，请先核对这个售后单",
                            f"{a.code}: case {c.case_no} is {c.status.en} and no return of it was posted: nothing "
                            "received; check the case first"))
        for code, first, c in self.same:  # the parcel's second code in one scan: received once, not a second ✓
            # (an order number of an order with another return: the slip may have come in that one's parcel)
            other = code in self.slips
            out.append(("–", f"{code}：和 {first} 是同一个售后单 {c.case_no} 的退货，只收了一次"
                             + ("。如果这张单子是在订单的另一个退货包裹里的，请扫描那个包裹自己的退货单号" if other else ""),
                        f"{code}: the same return as {first} (case {c.case_no}), received once"
                        + (". If this slip came in the order's other return parcel, scan that parcel's own label "
                           "(its return tracking no.)" if other else "")))
        out += self._parts_said()
        for code, c in self.no_return:  # a case is there, but it takes nothing back: not "no case"
            out.append(("!", f"{code}：售后单 {c.case_no} 是“{c.type.value}”，没有要收的退货：这次没有收货",
                        f"{code}: case {c.case_no} is a {c.type.en} case, with no return to receive: nothing received"))
        for code, cs in self.several:  # an order number, and the order waits for more than one parcel
            which = [" ".join(x for x in (c.case_no, c.return_tracking) if x) for c in cs]
            out.append(("!", f"{code}：订单 {code} 有 {len(cs)} 个未收的退货（{'、'.join(which)}），不知道到的是哪一个：这次没有收货。"
                             "请扫描售后单号或退货单号",
                        f"{code}: the order has {len(cs)} open returns ({', '.join(which)}), which one came is not "
                        "known: nothing received. Scan the case number or the return's tracking number"))
        for code, no in self.no_case:  # an order's parcel back before its case was typed: not "use the order number"
            out.append(("✗", f"{code}：订单 {no} 还没有售后单，这次没有收货：先在{sheet_zh}登记这个退货（类型“退货退款”或“换货”，"
                             "填上退货单号），再扫一次",
                        f"{code}: order {no} has no after-sales case, nothing received: type its return on "
                        f"{sheet_en} first (type return or exchange, with its return tracking no.), then scan it "
                        "again"))
        for code, nos in self.box:  # the waybill of a box of several orders (合并发货): not "open it, find its order"
            out.append(("✗", f"{code}：是订单 {'、'.join(nos)} 合并发货的面单（一个包裹），不知道退回的是哪个订单的货：这次没有收货。"
                             "请拆开核对，扫描各自的售后单号或订单编号（整箱退回的，每个订单都扫）；还没有售后单的，先在"
                             f"{sheet_zh}登记",
                        f"{code}: the waybill of orders {', '.join(nos)} shipped together (one box); whose goods came "
                        "back is not known: nothing received. Open it and check, then scan each one's case number or "
                        f"order number (a whole box back: each of them); one with no case yet: type it on {sheet_en} "
                        "first"))
        # what it takes, and where a return's tracking number must be first
        unknown = [code for code in self.unknown if code not in {code for code, _ in self.no_case + self.box}
                   | {code for code, *_ in self.framed}]
        for code, extra, core, c in self.framed:  # (not "type a case for this parcel": it has one)
            zh_x, en_x = "、".join(f"“{x}”" for x in extra if x), " and ".join(f"'{x}'" for x in extra if x)
            out.append(("✗", f"{code}：去掉多出的 {zh_x} 是售后单 {c.case_no} 的 {core}，扫描枪加了前缀或后缀，这次没有收货。"
                             "请在扫描枪的设置里关掉前缀/后缀，再扫这个包裹（不要另登记售后单）",
                        f"{code}: without the extra {en_x} it is {core} of case {c.case_no}; the scanner adds a prefix "
                        "or suffix, nothing received. Turn it off in the scanner's settings, then scan this parcel "
                        "again (no new case to type)"))
        for code in (sci := [code for code in unknown if _in_excel(code)]):  # (not "type a case for this parcel")
            out.append(("✗", f"{code}：是科学计数法（扫描文件用 Excel 打开后保存过），后几位已丢失，认不出是哪个单号：这次没有收货。"
                             "请用扫描枪导出的原始文件，或把完整的号码改回去，再收货",
                        f"{code}: in scientific notation (the scan file was opened and saved in Excel), its last "
                        "digits lost: which parcel it is cannot be told, nothing received. Use the file as the "
                        "scanner saved it, or type the full number back in, then receive again"))
        if unknown := [code for code in unknown if code not in sci]:
            # a parcel back that nobody typed a case for: what to do with it, not only which codes are read
            out.append(("✗", f"找不到售后单：{'、'.join(unknown)}（可以用售后单号、订单编号，或{sheet_zh}“退货单号”里填过的退货单号），"
                             f"这次没有收货。没有登记过的包裹：拆开找到它的订单编号（发货单、买家留言），在{sheet_zh}登记这个退货并填上"
                             "退货单号，再扫一次",
                        f"no case for: {', '.join(unknown)} (give the case number, the order number, or a return "
                        "tracking number typed in the case's return_tracking cell); nothing received. A parcel nobody "
                        "registered: open it, find its order number (the packing note, the buyer's note), type the "
                        f"return on {sheet_en} with this tracking no., then scan it again"))
        out += aside_said(self.aside)
        for e in self.ledger:
            out.append(("", f"  建议记账：{e.date} {e.order_no} {yuan(-e.amount)} {e.category} {e.account}",
                        f"  proposed ledger line: {e.date} {e.order_no} {yuan(-e.amount)} {e.category} {e.account}"))
        out.append(("", f"未完成售后：{len(self.open)}，超期：{len(self.overdue)}",
                    f"open cases: {len(self.open)}, overdue: {len(self.overdue)}"))
        from ..issues import first

        return out + first(self.open_said(lang, by_button), shown, ("个未完成售后", "more open cases"),
                           where or (f"全部在 orders.xlsx 的“{self.renamed or '售后'}”表",
                                     f"all of them on {sheet_en} of orders.xlsx"))

    def _parts_said(self) -> list[tuple[str, str, str]]:
        """A case whose return came in several parcels (`parts`): all of them in (scanned, or typed in by hand on
        出入库: `by_hand`), the later ones said as its other parcels, received once; some not, said as the parcels
        still to come. What this run posted for it is said as it is (before: "its whole quantity posted" where the
        parcel typed by hand made it part of it, or nothing was posted)."""
        out, of = [], {}
        for code, c, nos in self.parts:
            of.setdefault(c.row, (c, nos, []))[2].append(code)
        for c, nos, codes in of.values():
            got = {code_key(x) for x in codes}
            hand = [n for n in self.by_hand.get(c.row, ()) if code_key(n) not in got]
            missing = [n for n in nos if code_key(n) not in got and n not in hand]
            # a parcel typed in by hand under the order's number (not its own): the one parcel not scanned is that one
            # (before: said "not in yet", its units typed in already)
            by_order = [n for n in hand if code_key(n) == code_key(c.order_no)]
            if by_order and len(missing) == 1:
                missing = []
            plain = [n for n in hand if n not in by_order]
            hand_zh_said = [f"{'、'.join(plain)} 已在出入库手工入库"] * bool(plain) + [
                f"一个包裹已在出入库以订单编号 {n} 手工入库" for n in by_order]
            hand_en_said = [f"{', '.join(plain)} typed in by hand on the Movements sheet before"] * bool(plain) + [
                f"a parcel typed in by hand under order number {n} before" for n in by_order]
            all_zh, all_en = "、".join(nos), ", ".join(nos)
            moved = [m for m in self.returns if code_key(m.ref) == code_key(c.case_no)]
            post_zh = (f"这次入库 {'、'.join(f'{m.sku} × {m.qty}' for m in moved)}" if moved
                       else f"这次没有入库（见{self.sheet_said()[0]}这一行的提示）")
            post_en = (f"posted back to stock now: {', '.join(f'{m.qty} × {m.sku}' for m in moved)}" if moved
                       else "nothing posted back to stock now (see the note at its row)")
            hand_zh = "".join(f"，{x}" for x in hand_zh_said)
            hand_en = "".join(f"; {x}" for x in hand_en_said)
            if not missing and not hand:
                for code in codes[1:]:
                    out.append(("–", f"{code}：和 {codes[0]} 是同一个售后单 {c.case_no} 的退货，买家分 {len(nos)} 个包裹寄回（{all_zh}），"
                                     "都收到了，只收一次（数量不重复入库）",
                                f"{code}: the same return as {codes[0]} (case {c.case_no}), sent back in {len(nos)} "
                                f"parcels ({all_en}): all of them in, received once (its quantity posted once)"))
                continue
            got_zh, got_en = "、".join(codes), ", ".join(codes)
            if not missing:
                out.append(("–", f"{got_zh}：售后单 {c.case_no} 的退货，买家分 {len(nos)} 个包裹寄回（{all_zh}），这次收到 "
                                 f"{len(codes)} 个{hand_zh}：都到了，{post_zh}",
                            f"{got_en}: case {c.case_no}'s return was sent back in {len(nos)} parcels ({all_en}), "
                            f"{len(codes)} of them scanned now{hand_en}: all of them in, {post_en}"))
                continue
            miss_zh, miss_en = "、".join(missing), ", ".join(missing)
            out.append(("!", f"{got_zh}：售后单 {c.case_no} 的退货，买家分 {len(nos)} 个包裹寄回（{all_zh}），这次收到 {len(codes)} 个"
                             f"{hand_zh}，还没到：{miss_zh}。这个售后单已标记收到退货，{post_zh}：请拆开核对，少的货等 {miss_zh} "
                             "到了再核对（到了扫描时不会再入库）",
                        f"{got_en}: case {c.case_no}'s return was sent back in {len(nos)} parcels ({all_en}), "
                        f"{len(codes)} of them in{hand_en}; not in yet: {miss_en}. The case is marked returned, "
                        f"{post_en}: open the parcel and check; what is missing should come with {miss_en} "
                        "(scanned then, nothing is posted again)"))
        return out

    def to_json(self) -> dict:
        return {"open": [v.to_json() for v in self.open], "overdue": len(self.overdue),
                "opened": [c.case_no for c in self.opened],
                "resends": sorted({ln.order_no for ln in self.resends}),
                "returns": [{"sku": m.sku, "qty": m.qty, "case_no": m.ref} for m in self.returns],
                "received": self.received, "unknown": self.unknown, "no_case_orders": [{"code": code, "order_no": no} for code, no in self.no_case],
                "no_return": [{"code": code, "case_no": c.case_no, "type": c.type.value} for code, c in self.no_return],
                "already_received": [a.to_json() for a in self.again],
                "several_open": [{"code": code, "case_nos": [c.case_no for c in cs]} for code, cs in self.several],
                "same_parcel": [{"code": code, "as": first, "case_no": c.case_no} for code, first, c in self.same],
                "shipped_together": [{"code": code, "order_nos": nos} for code, nos in self.box],
                "scanner_prefix": [{"code": code, "as": core, "case_no": c.case_no} for code, _, core, c in self.framed],
                "lines_set_aside": [{"line": n, "text": text, "why": why} for n, text, why in self.aside],
                "parcel_of_several": [{"code": code, "case_no": c.case_no, "parcels": list(nos)}
                                      for code, c, nos in self.parts],
                "ledger_proposed": [{"date": e.date.isoformat(), "order_no": e.order_no, "amount": str(e.amount),
                                     "category": e.category, "account": e.account, "note": e.note}
                                    for e in self.ledger],
                "issues": [i.to_json() for i in self.issues]}


def _in_excel(code: str) -> bool:
    """A code as Excel leaves a long number in a file it saved (3.51513E+18): its last digits lost."""
    from ..values import parse_code

    try:
        parse_code(code)
        return False
    except ValueError:
        return True


def list_open(cases: list[AfterSalesCase], lines: list[OrderLine], today: dt.date, lang: str,
              entries: list | None = (), wrong: list[Issue] = ()) -> list[CaseView]:
    """Open cases, overdue first, then by due date; `entries`, the ledger's, tell a refund the
    platform has paid (C.refunds_paid); None where the ledger did not read (a refund's step then says to look on
    the platform first, never to agree one that may be paid). A case with an error of `wrong` (`refusals`: the
    desk leaves it as it is) has for next step to put that right."""
    cases = [c for c in cases if C.is_open(c)]
    paid = None if entries is None else C.refunds_paid(cases, entries)
    first: dict[int, Issue] = {}
    for i in wrong:
        first.setdefault(i.row, i)
    views = [CaseView(c, C.is_overdue(c, today),
                      *(C.next_step(c, lines, lang, paid, by_button=True) if (i := first.get(c.row)) is None else
                        (f"先改正：{i.message_zh}" if lang == "zh" else f"correct it first: {going_on(i.message_en)}",)))
             for c in cases]
    return sorted(views, key=lambda v: (not v.overdue, v.due, _numbered(v.case.case_no)))


def refusals(cases: list[AfterSalesCase], lines: list[OrderLine], skus: set | None,
             movements: list[Movement]) -> list[Issue]:
    """The errors of open cases (C.case_issues) the desk leaves as they are until they are put right:
    a return the order does not back, a return typed twice, an exchange to a SKU that is none, a case
    number a row copied from another kept (its 退货 would count as that case's, posted already) …"""
    from ..validate.rules import check_unique

    by_row = {c.row: c for c in cases}
    return [i for i in C.case_issues(cases, lines, skus, movements) + check_unique(cases, AfterSalesCase)
            if i.is_error and C.is_open(by_row[i.row])]


def row_warnings(cases: list[AfterSalesCase], lines: list[OrderLine], skus: set | None) -> list[Issue]:
    """The warnings of open cases' rows (C.row_issues) that `validate` gives too: an order number on no
    row of 订单 (a digit typed wrong), a SKU the order has not. The desk works such a case, and says it
    at its cell, as `ship` leaves the 售后 sheet's rows for the desk to say."""
    by_row = {c.row: c for c in cases}
    return [i for i in C.row_issues([c for c in cases if C.is_open(c)], lines, skus)
            if not i.is_error and i.row in by_row]


def _numbered(case_no: str) -> tuple:
    """A case number as it sorts for a person: SH20261122-2 before SH20261122-10."""
    return tuple(int(x) if x.isdigit() else x for x in re.split(r"(\d+)", case_no))


def _with_cells(cases: list[AfterSalesCase], cells: dict[int, dict]) -> list[AfterSalesCase]:
    return [c.model_copy(update=cells[c.row]) if c.row in cells else c for c in cases]


@writes_shop("aftersales")
def aftersales(shop: Shop, today: dt.date | None = None, write: Writer = edit_workbook,
               received: list[str] | None = None) -> AfterSales:
    """The after-sales desk: opens the cases held orders need, marks `received` returns (case
    number, return tracking no. or order no.), makes the resends of exchanges, resends and lost
    parcels as new 待审核 order lines, posts the 退货 of returns marked received, proposes the
    refunds' ledger lines; then lists the open cases with their next step, overdue first."""
    now = dt.date.today()
    today = day_given(today, "today") or now
    lang = shop.lang
    if today > now:  # (a typo in --date: its 退货, resends and cases would be dated ahead, the 退货 out of stock till then)
        raise DataStop(f"日期 {today} 在未来（今天是 {now}）：没有处理售后，什么都没有写。请核对 --date。",
                            f"The date {today} is in the future (today is {now}): no after-sales work was done, "
                            "nothing was written. Check --date.")
    if isinstance(received, str):  # one code alone, as a scan gives it: not a code a character
        received = [received]
    if received is not None:  # a box's orders as its waybill row and label name them (合并发货: A,B): each received
        received = [p for x in received for p in (_BOX_SPLIT.split(x) if _BOX_SPLIT.search(x) else [x])
                    if p.strip()] or received
    if received is not None and not any(c.strip() for c in received):  # a scan that gave nothing: not "all done"
        raise ShopbookError("没有给出要收的单号（售后单号、退货单号或订单编号）：什么都没有收。",
                            "No code was given to receive (case no., return tracking no. or order no.): nothing "
                            "was received.")
    with read_cache():  # orders.xlsx, stock.xlsx and ledger.xlsx read two at a time
        # (every row read and checked; of a year's 订单 and 出入库, only the records the desk works with made)
        read_ahead([(shop.path(ORDERS), ORDERS, (OrderLine, AfterSalesCase)), (shop.path(STOCK), STOCK, (Product, Movement)),
                    (shop.path(LEDGER), LEDGER, (Entry, Category, Account))], lazy=True)
        orders_wb = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, AfterSalesCase), lazy=True)
        stock_wb = read_workbook(shop.path(STOCK), STOCK, (Product, Movement), lazy=True)
        # a 售后 row that does not read stops the desk only when a code received names it
        codes = {code_key(x) for x in received or ()} - {""}  # (compared as match_returns compares them)
        # a parcel refused (拒收) comes back under the waybill it went out with: scanned, it is its order's number
        boxes: dict[str, list[str]] = {}  # a box's waybill (合并发货) → its orders
        waybills = _waybill_orders(orders_wb, codes, boxes) if codes else {}
        codes |= {code_key(no) for no in waybills.values()}
        stop, skipped, cases, bad_rows = case_read_errors(
            orders_wb, lambda u: bool(codes & ({code_key(u.case_no), code_key(u.order_no)} | C._return_keys(u))))
        # a row a code scanned names that does not read (类型 typed 退货): that parcel is not received, said at the
        # row's cell, and the others are (before: the whole scan stopped, every parcel left unreceived)
        if received and bad_rows:
            stop, held, received = _scans_of_bad_rows(stop, bad_rows, received, waybills)
            skipped = held + skipped
        # a 商品 sheet whose 商家编码 header is mistyped knows no SKU: every case's code would be "not in the
        # 商品 sheet", and a 退货 posted or a resend made unchecked; its header is said instead
        no_skus = [] if stock_wb.has_column(Product, "sku") else stock_wb.errors_in(Product)
        stop_on(orders_wb.errors_in(OrderLine) + stop + stock_wb.errors_in(Movement) + no_skus,
                "无法处理售后", "Cannot work the after-sales cases")
        lines = lines_for(orders_wb, cases + bad_rows)
        movements = moves_for(stock_wb)
        from ..orders.workflow import cases_sheet_renamed

        res = AfterSales(renamed=cases_sheet_renamed(orders_wb))
        # a case its order or the 商品 sheet does not back is left as it is, and said: shopbook
        # never posts a 退货 or makes a resend that validate would call wrong
        sd, by_row = stock_wb.sheets.get(Product), {c.row: c for c in cases}
        skus = stock_wb.keys(Product, "sku") if sd and sd.present else None
        wrong = refusals(cases, lines, skus, movements)
        cells: dict[int, dict] = {}
        late: dict[int, str] = {}  # row → the code scanned, of 已完成 returns whose 退货 this run posts (_done_unposted)
        # what this run changes goes into copies: the records read are the parsed-sheet cache's, and a
        # run stopped before its write (a workbook open in Excel) must leave them as the file has them
        if received:
            # (each waybill scanned is received as its order's number, and said as scanned)
            scanned = {waybills[k]: x.strip() for x in received if (k := code_key(x)) in waybills}
            typed = {code_key(m.ref) for m in movements if m.type is MovementType.RETURN and m.ref}
            cells, res.received, res.unknown, again, res.no_return, res.several = C.match_returns(
                [waybills.get(code_key(x), x) for x in received], cases, C.refused(wrong), res.same, res.parts, typed)
            res.again = _received_before(again, movements)
            # a 退货退款 typed 已完成 with no 退货 posted (done on the platform first): its parcel scanned is posted
            late = _done_unposted(res.again, res.received, cases, lines, skus, movements)
            res.again = [a for a in res.again if a.case.row not in late]
            res.received += [code for code in dict.fromkeys(late.values()) if code not in res.received]
            if res.unknown:
                orders = {code_key(no): no for no, in record_fields(orders_wb.sheets[OrderLine], "order_no")
                          if no is not None} if OrderLine in orders_wb.sheets else {}
                res.no_case = [(scanned.get(code, code), orders[k]) for code in res.unknown
                               if (k := code_key(code)) in orders]
            res.received, res.unknown = ([scanned.get(x, x) for x in xs] for xs in (res.received, res.unknown))
            res.box = [(x, boxes[k]) for x in res.unknown if (k := code_key(x)) in boxes]
            res.framed = _framed_codes([x for x in res.unknown if x not in {y for y, _ in res.no_case + res.box}],
                                       cases)
            res.no_return = [(scanned.get(x, x), c) for x, c in res.no_return]
            res.several = [(scanned.get(x, x), cs) for x, cs in res.several]
            res.slips = {scanned.get(x, x) for x, _, c in res.same if code_key(x) == code_key(c.order_no) and any(
                o.row != c.row and o.type in C.GOODS_BACK and o.status is not C.CaseStatus.CLOSED
                and code_key(o.order_no) == code_key(x) for o in cases)}
            res.same = [(scanned.get(x, x), scanned.get(y, y), c) for x, y, c in res.same]
            res.parts = [(x, c, nos) for x, c, nos in res.parts if c.row in cells]  # (a case refused: said at its row)
            by_parcel = C.typed_by_parcel(cases, movements) if res.parts else {}
            res.by_hand = {c.row: hand for _, c, nos in res.parts
                           if (hand := tuple(n for n in nos if code_key(n) in typed) + _typed_under_order(c, cases, by_parcel))}
            res.again = [a if a.code not in scanned else replace(a, code=scanned[a.code]) for a in res.again]
            cases = _with_cells(cases, cells)
        res.opened = C.open_cases_from_held(lines, cases + bad_rows, today, lang)  # (bad rows: numbers, cases had)
        rs = C.resend_lines(cases, lines, today, lang, C.refused(wrong, resend=True))
        res.resends = rs.lines
        for row, v in rs.cells.items():
            cells.setdefault(row, {}).update(v)
        cases = _with_cells(cases, rs.cells)
        res.returns, more = C.return_moves(
            [c.model_copy(update={"status": C.CaseStatus.RETURNED}) if c.row in late else c for c in cases], movements,
            lines, today, C.refused(wrong), lang, {row for row, v in cells.items() if "status" in v} | set(late))
        # a 仅退款 typed twice is agreed (and proposed to the ledger) twice: said, for a person to check
        res.issues = skipped + orders_wb.locate([_held(i, by_row[i.row]) for i in wrong] + rs.issues + more
                                                + C.refunds_twice(cases, lines) + C.complaints_twice(cases) + C.refunds_over(cases, lines, {i.row for i in wrong})
                                                + C.called_off(cases, lines)
                                                + C.done_not_posted(cases, movements + res.returns, today, lines + res.resends,
                                                                    boxed=True))
        entries = []
        if shop.path(LEDGER).exists():
            ledger_wb = read_workbook(shop.path(LEDGER), LEDGER, (Entry, Category, Account))
            entries = ledger_wb.rows(Entry)
            res.ledger, more = C.refund_proposals(cases, entries, ledger_wb.rows(Category), ledger_wb.rows(Account), lang,
                                                 lines, C.refused(wrong))
            res.issues += orders_wb.locate([i for i in more if i.sheet == AfterSalesCase.zh]) + [
                i for i in more if i.sheet != AfterSalesCase.zh]
        # (a cell said above, the refund of a case on no order, is not said twice)
        said = {(i.row, i.field) for i in res.issues if i.sheet == AfterSalesCase.zh}
        res.issues += orders_wb.locate([i for i in row_warnings(cases, lines, skus) if (i.row, i.field) not in said])
        edits, own = case_sheet_writes(orders_wb, res.opened, cells, lang)
        if res.resends:
            edits.append(SheetEdit(OrderLine, append=res.resends, layout=orders_wb.sheets[OrderLine]))
        ensure_writable(write, *([shop.path(STOCK)] if res.returns else []), *([shop.path(ORDERS)] if edits or own else []))
        if res.returns:  # stock first: the case number in 单号 keeps a rerun from posting it again
            with writes_beside():  # by a second process while orders.xlsx is written here (io/forked)
                write(shop.path(STOCK), [SheetEdit(Movement, append=res.returns, layout=stock_wb.sheets[Movement])],
                      lang=lang)
        if edits or own:
            write(shop.path(ORDERS), edits, own_sheets=own, lang=lang)
        res.open = list_open(cases + res.opened, lines + res.resends, today, lang, entries, wrong)
        return res


# a scan file's code column as a scanner app or a person heads it (单号, 运单号, 退货单号, 售后单号, 订单编号), best
# first: the case's own numbers, then a waybill's (orders.scan's words, one list with the scan check's), an order's,
# a barcode's, a scanner app's own word for what it read (扫描值, Scan Value) (before: a copy of the scan check's
# words kept here, apart, which 面单号, 主订单编号, 条形码 … were missing from)
_CODE_HEADS = ("售后单号", "退货单号", "退货运单号", "case_no", "return_tracking", "return tracking no",
               *TRACKING_HEADS, "单号", *ORDER_HEADS, *BARCODE_HEADS, "扫描值", "扫描内容", "扫描结果", "code",
               "scan value", "scanned value", "scan")
# a field that is no code of a parcel: a scanner app's row number or the time of the scan, beside the code
# (a day as an English or a European phone writes it, 12/6/2026 or 6.12.2026, and a time with AM/PM or 上午/下午
# too: before, "12/06/2026 10:01 AM" beside the code was one more code, ✗ no case for it and exit 1)
# (a Chinese phone's 2026年12月06日, a day first with dashes 06-12-2026, a time with its zone 10:01:02+08:00 or Z, as
# an app's ISO time writes it: each was one more code, ✗ no case for it)
# (a time as Chinese writes it, 10点01分 or 10点01分02秒, and a day without its year, 12月6日: each was one more code)
_TIME = (r"(?:(?:上午|下午|早上|晚上|中午)\s*)?\d{1,2}(?:[:时点]\d{2}(?:[:分]\d{2}(?:\.\d+)?秒?|分)?|[时点]\d{1,2}分"
         r"(?:\d{1,2}秒)?)(?:\s*(?:[AaPp]\.?[Mm]\.?|上午|下午))?(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?")
_LONG_DIGITS = re.compile(r"\d{7}")  # (a code's run of digits: no count of a totals line has one)
_CODE_SHAPED = re.compile(r"(?<![A-Za-z])[A-Za-z]{1,6}-?\d")  # (a case's TH-1, an agent's DL001-1101, YT7000…)
_MONTH = (r"[Jj]an(?:uary)?|[Ff]eb(?:ruary)?|[Mm]ar(?:ch)?|[Aa]pr(?:il)?|[Mm]ay|[Jj]une?|[Jj]uly?|[Aa]ug(?:ust)?"
          r"|[Ss]ep(?:t|tember)?|[Oo]ct(?:ober)?|[Nn]ov(?:ember)?|[Dd]ec(?:ember)?")
_WEEKDAY = r"[Mm]on(?:day)?|[Tt]ue(?:s|sday)?|[Ww]ed(?:nesday)?|[Tt]hu(?:rs|rsday)?|[Ff]ri(?:day)?|[Ss]at(?:urday)?|[Ss]un(?:day)?"
_DAY = (r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{4}|(?:\d{4}年)?\d{1,2}月\d{1,2}[日号]"
        r"|(?:0?[1-9]|[12]\d|3[01])-(?:0?[1-9]|1[0-2])-(?:19|20)\d\d"  # (day first with dashes: a day, never 12-34-2026)
        # (an English phone's day with its month's name, Dec 6, 2026 or 6 Dec 2026 or 06-Dec-2026, a weekday before
        # it, Sun, Dec 6, 2026: before, each time of such a scan file was one more code, "no case for: Dec 6, 2026 …")
        rf"|(?:(?:{_WEEKDAY})\.?,?\s*)?(?:(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
        rf"|\d{{1,2}}[\s-](?:{_MONTH})\.?[\s-]\d{{4}})")
_NOT_A_CODE = re.compile(rf"\d{{1,6}}|(?:{_DAY})(?:(?:[ T]|,\s*|(?<=[日号]))\s*{_TIME})?|{_TIME}")


@dataclass
class ScanFile:
    """A scanner's file of returns as read (scan_file): its codes, and the lines set aside whole (line number, the
    line as it reads, why: _ASIDE's key)."""
    codes: list[str]
    aside: list[tuple[int, str, str]] = field(default_factory=list)


# why a scan file's line holds no code, as said (zh, en)
_ASIDE = {"title": ("标题", "a title"), "total": ("合计行", "a totals line"),
          "no_code": ("只有序号或时间", "a row number or a time alone"),
          "blank": ("单号那一格是空的", "its code cell blank"),
          # a scan's line (its number, its time) whose code cell is blank: the scanner read nothing, a parcel in hand
          "unscanned": ("扫描了但单号是空的，扫描枪没读到：那件没有收货，请重新扫描",
                        "scanned, its code blank: the scanner read nothing, so that parcel is not received: scan it "
                        "again")}
NEEDS_A_PERSON = ("unscanned",)  # (the lines set aside that make the box a loud one)


def aside_said(aside: list[tuple[int, str, str]], shown: int = 5) -> list[tuple[str, str, str]]:
    """The lines of a scan file set aside, as a line (mark, zh, en): how many, the first `shown` (line, as it
    reads, why), then how many more; none, no line."""
    if not aside:
        return []
    k, more = len(aside), len(aside) - shown
    zh = "、".join(f"第 {n} 行“{text}”（{_ASIDE[why][0]}）" for n, text, why in aside[:shown])
    en = ", ".join(f"line {n} '{text}' ({_ASIDE[why][1]})" for n, text, why in aside[:shown])
    mark = "!" if any(why in NEEDS_A_PERSON for *_, why in aside) else "–"
    return [(mark, f"扫描文件里 {k} 行不是单号，没有收：{zh}" + (f" 等，还有 {more} 行" if more > 0 else ""),
             f"{k} line{'s' if k > 1 else ''} of the scan file hold{'s' if k == 1 else ''} no code, not received: "
             f"{en}" + (f" … and {more} more" if more > 0 else ""))]


def codes_scanned(path) -> list[str]:
    """The codes of a scanner's file of returns, as scan_file reads them."""
    return scan_file(path).codes


def scan_file(path) -> ScanFile:
    """The codes of a scanner's file of returns (售后单号, 退货单号 or 订单编号: the 售后收货 button's file, a sheet of them
    in xlwings Lite), as `aftersales receive` takes them, read as the scan check reads its file (a CSV: quoted fields,
    ="YT…" as a tool writes a long number, full-width read as half-width, a scanner's framing characters removed).
    A first line with no digit in it, or with one only in a head's note (扫描时间(UTC+8), 序号1) beside a head naming
    the code column, is a header: the codes are its code column's (单号, 运单号, 售后单号 …), and the
    shop's own 售后 sheet (its 售后单号, 订单编号 and 类型 heads: the sheet Lite had open) is refused, never each of its
    cells taken for a parcel back. Without a header, each line's codes: a row number or a time beside them set aside
    (before: each field of each line a code, a scanner app's 序号 and 扫描时间 said as parcels with no case). A totals
    line (共 3 条, 合计) holds none, nor a title line above the header: judged by its code field (a line with no
    code-shaped field, without a header), never by a remark beside a code (共2件 in a 备注 column)."""
    from pathlib import Path

    from ..io.limits import read_input
    from ..orders.platform_export import _decode
    from ..orders.scan import scan_rows

    path = Path(path)
    if not path.exists():
        raise ShopbookError("找不到扫描文件。", "Scan file not found.", path)
    data = read_input(path)
    if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        # a workbook the codes were scanned into (a scanner app's Excel export): what to do, not only what it is not
        raise ShopbookError("这是 Excel 工作簿，不是扫描的单号文件（CSV 或 TXT）：请在 Excel 里把它“另存为” CSV（逗号分隔），再选那个"
                            "文件收货（订单编号那一列先设成“文本”格式，长数字才不会变成 3.5E+18）。",
                            "This is an Excel workbook, not a file of scanned codes (CSV or TXT): in Excel, save it as "
                            "CSV (comma delimited) and choose that file to receive (first format an order number column "
                            "as Text, so long numbers do not turn into 3.5E+18).", path)
    text, _ = _decode(data, path)
    rows = [(n, [f.strip() for f in r]) for n, r in scan_rows(text, path)]
    codes, aside = _codes_of(rows, path)
    if not rows:  # (before: "没有给出要收的单号", naming no file, as if none had been chosen)
        raise ShopbookError("扫描文件是空的，什么都没有收：请选扫描了退货包裹的那个文件，再收货。",
                            "The scan file is empty; nothing was received. Choose the file the returned parcels were "
                            "scanned into, then receive again.", path)
    if not codes:
        n = len(rows)
        raise ShopbookError(f"扫描文件的 {n} 行里没有一个单号（售后单号、退货单号或订单编号）：{'只有' if n == 1 else '都是'}表头、标题、合计行或"
                            "序号、扫描时间，什么都没有收。请选扫描了退货包裹的那个文件（扫描枪导出的原始文件），再收货。",
                            f"The scan file's {n} line{'s' if n > 1 else ''} hold{'s' if n == 1 else ''} no code (case "
                            "no., return tracking no. or order no.): only headers, a title, a totals line or row "
                            "numbers and times; nothing was received. Choose the file the returned parcels were "
                            "scanned into (as the scanner saved it), then receive again.", path)
    return ScanFile(codes, aside)


def _codes_of(lines: list[tuple[int, list[str]]], path) -> tuple[list[str], list[tuple[int, str, str]]]:
    """codes_scanned's codes of a scan file's lines ((line number, fields)), and the lines set aside whole: (line
    number, the line as it reads, why: "title", "total", "no_code", "blank", as _ASIDE words them); the header is
    neither."""
    from ..orders.scan import _head
    from ..schema.lists import is_total_label

    # (="" alone: no code; a totals line a scanner app or a person ends the file with, 共 3 条, 合计,3, Total: 3, is none
    # either: before, "no case for: 共 3 条", or its count in the code column "no case for: 3", ✗ on a good file)
    # (judged by its code field, never by a remark beside a code: 共2件 in a 备注 column dropped the code beside it,
    # silently; a field holding a code's run of digits, SUM123456789, is no totals label)
    def total(f: str) -> bool:
        return is_total_label(f) and _LONG_DIGITS.search(f) is None

    def no_code(f: str) -> bool:
        return not f or _NOT_A_CODE.fullmatch(f) is not None or total(f)

    aside: list[tuple[int, str, str]] = []

    def set_aside(n: int, r: list[str], why: str) -> None:
        aside.append((n, ",".join(f for f in r if f), why))

    for n, r in lines:
        if any(r) and any(map(total, r)) and all(map(no_code, r)):
            set_aside(n, r, "total")
    lines = [(n, r) for n, r in lines if any(r) and not (any(map(total, r)) and all(map(no_code, r)))]
    rows = [r for _, r in lines]
    # a title line above the header (退货扫描记录 2026-12-06, as a scanner app heads its export): no code, and the
    # header is the line under it (before: the title, then each header word, said as parcels with no case)
    if len(rows) > 1 and sum(map(bool, rows[0])) == 1 and sum(map(bool, rows[1])) > 1 and _is_header(rows[1]):
        titled = True
    # a title line over an export with no header (退货扫描记录, then 1,YT…,2026-12-06 10:01): no header of those rows
    # (before: taken for one, a column of one head, its codes each line's row number, "1", "2", ✗ no case for them)
    # (a one-word header naming the code column, 单号 over YT…,破损, is the header: only its column's codes)
    elif len(rows) > 1 and sum(map(bool, rows[0])) == 1 and not any(ch.isdigit() for f in rows[0] for ch in f) \
            and sum(map(bool, rows[1])) > 1 and any(ch.isdigit() for f in rows[1] for ch in f) \
            and not _names_codes(next(f for f in rows[0] if f)):
        titled = True
    # a title with its day in it (12月6日退货扫描, 2026-12-06 退货): no code scanned (before: "找不到售后单：12月6日退货扫描",
    # ✗ on a good file), whether lines of one code or of several fields follow
    else:
        titled = bool(rows) and sum(map(bool, rows[0])) == 1 and _titled(next(f for f in rows[0] if f))
    if titled:
        set_aside(*lines[0], "title")
        lines, rows = lines[1:], rows[1:]
    aside.sort()
    if not rows or not _is_header(rows[0]):
        codes = []
        for n, r in lines:
            got = [f for f in (_spaced(f, no_code) for f in r) if not no_code(f)]
            if got:
                codes += got
            else:  # (a line of a row number or a time alone: said, not dropped silently)
                set_aside(n, r, "no_code")
        return codes, sorted(aside)
    head = [_head(f) for f in rows[0]]
    own = {_head(h) for name in ("case_no", "order_no", "type") for c in (AfterSalesCase.column(name).col,)
           for h in (c.zh, c.en)}
    if sum(h in own for h in set(head)) >= 3:
        raise ShopbookError("这是售后表本身，不是扫描的单号：请选扫描枪导出的文件（一行一个单号），或在一张新表里扫描后再按。",
                            "This is the After-sales sheet itself, not the codes scanned: choose the scanner's file (a "
                            "code a line), or scan into a new sheet and press the button there.", path)
    col = next((head.index(k) for k in map(_head, _CODE_HEADS) if k in head), 0 if len(head) == 1 else None)
    if col is None:  # 退货物流单号, Waybill No., 条形码, ID,Content,Timestamp
        col = _code_column(head)
    if col is None:
        raise ShopbookError(f"扫描文件的表头（{'、'.join(rows[0])}）里找不到单号那一列：请把那一列的表头写成“单号”，再收货。",
                            f"The scan file's headers ({', '.join(rows[0])}) name no column of codes: head that column "
                            "'code', then receive again.", path)
    # a code typed alone on a line under the export (a parcel the scanner missed, typed in at the end) is a code,
    # whatever column it is in (before: a line shorter than the code column's place was passed over, silently)
    codes = []
    for n, r in lines[1:]:
        if col < len(r) and r[col]:
            if not (no_code(r[col]) and any(map(total, r))):
                codes.append(_spaced(r[col], no_code))
            else:
                set_aside(n, r, "total")
        elif len(alone := [f for f in r if f]) == 1 and _typed_code(alone[0]) and not no_code(alone[0]):
            codes.append(alone[0])
        else:  # (导出人：张三 under the export, a line whose code cell is blank: said, never dropped silently; a scan's
            # line, its number and time beside a blank code cell, a parcel the scanner read nothing of: loud)
            # (its time says a scan was made: a row of a sheet numbered ahead, 序号 alone, is an unused row, quiet)
            scanned = any(f and not f.isdigit() and _NOT_A_CODE.fullmatch(f) for f in r)
            set_aside(n, r, "unscanned" if scanned and all(no_code(f) for f in r if f) else "blank")
    return codes, sorted(aside)


# words a code column's head holds (退货物流单号, Waybill No., Barcode Data; a scanner app's 扫描内容, Content), where
# _CODE_HEADS has not the whole head
_CODE_WORDS = ("单号", "条码", "条形码", "编号", "运单", "内容", "结果", "数据", "tracking", "waybill", "barcode", "code",
               "content", "data", "result", "value")
_NOT_CODE_WORDS = ("批次", "批号", "序号", "序列", "流水号", "batch", "serial", "seq")


_WORDS = re.compile(r"[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z .#_/]*")  # a head's name, its note taken off
_HEAD_NOTE = re.compile(r"\s*[(（][^)）]*[)）]\s*|\d{1,2}$")  # (UTC+8), （北京时间）, the 1 of 序号1: no part of its name
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _is_header(row: list[str]) -> bool:
    """Whether a scan file's line is its header: no digit in it, or a digit only in a note of a head's (扫描时间(UTC+8),
    序号1) where a head of it names the code column (before: 序号,单号,扫描时间(UTC+8) was read as a line of codes, its
    words said as parcels with no case, and each line's row number and time beside them as codes too)."""
    if not any(ch.isdigit() for f in row for ch in f):
        return True
    names = [_HEAD_NOTE.sub("", f).strip() for f in row if f]
    # (a head's words are words: YT-12 less its 12 is no head, whatever a remark beside it says)
    return len(names) > 1 and all(n and (n == f or _WORDS.fullmatch(n)) and not any(ch.isdigit() for ch in n)
                                  for n, f in zip(names, [f for f in row if f])) and any(map(_names_codes, names))


_ROW_NO = re.compile(r"#?\d{1,6}[.)、:]?")  # (a line's number as a TXT export writes it: 1 , 1. , 1) , #1)


def _spaced(field: str, no_code) -> str:
    """A field of a line with no header as its code, where a TXT export puts the line's number and time beside it
    with spaces (1 YT7000000001 2026-12-06 10:01:02; 1. YT7000000001): the one part left once those are set aside,
    a digit in it (before: the whole line one code, "no case for: 1 YT7000000001 2026-12-06 10:01:02", ✗). A code
    typed with spaces in it (YT 7000 0000 01) or beside a remark (YT7000000001 破损) is left whole, as before."""
    parts = field.split()
    if len(parts) < 2:
        return field
    # (a group of digits is the line's number first alone: after it, part of a code typed with spaces, YT3234 5678 90,
    # which was cut to YT3234 and never received)
    kept = [p for i, p in enumerate(parts) if not (i == 0 and _ROW_NO.fullmatch(p) or not _ROW_NO.fullmatch(p)
                                                   and no_code(p))]
    if len(kept) == 1 and len(kept[0]) >= 3 and any(ch.isdigit() for ch in kept[0]):
        return kept[0]
    return field


def _typed_code(cell: str) -> bool:
    """Whether a field alone on its line has a code's shape: a digit, no space, no Chinese (导出人：张三 has none)."""
    return any(ch.isdigit() for ch in cell) and not re.search(r"\s", cell) and _HAN.search(cell) is None


def _titled(cell: str) -> bool:
    """Whether a first line's one field is a title with its day (12月6日退货扫描, 退货扫描 2026-12-06, Returns 12/6/2026),
    not a code: words (two Chinese characters, or a space between), a day in them, and no code's run of digits."""
    rest = re.sub(_DAY, "", cell)  # (the words besides the day: 12月6日's 月 and 日 are none, TH-1 12月6日 10:01 no title)
    words = len(_HAN.findall(rest)) >= 2 or re.search(r"[A-Za-z]{2,}\s", rest)
    # (a code beside the day, a case's TH-1 or an agent's DL001-1101, makes it a scan's line)
    return bool(words and re.search(_DAY, cell) and not _LONG_DIGITS.search(rest) and not _CODE_SHAPED.search(rest))


def _names_codes(cell: str) -> bool:
    """Whether a header cell names a column of codes (单号, 退货单号, Waybill No., 条形码): _CODE_HEADS' or _CODE_WORDS'."""
    from ..orders.scan import _head

    return _head(cell) in set(map(_head, _CODE_HEADS)) or _code_column([_head(cell)]) is not None


def _code_column(head: list[str]) -> int | None:
    """A scan file's code column its header names in no words _CODE_HEADS knows: the one column whose head holds a
    word of _CODE_WORDS (退货物流单号, Return Tracking Number, 条形码, ID,Content,Timestamp; 序号,内容,时间). None:
    none, or several (before: each of those refused, "name no column of codes", the parcels not received)."""
    from ..orders.scan import _head

    # (a batch or a row number's column is none, 批次编号, Batch Code, 序列编号: before, 序号,批次编号,扫描值,时间 took
    # the batch's number for each parcel's code, every return "no case", none received)
    worded = [i for i, h in enumerate(head) if any(_head(w) in h for w in _CODE_WORDS)
              and not any(_head(w) in h for w in _NOT_CODE_WORDS)]
    return worded[0] if len(worded) == 1 else None


def _framed_codes(codes: list[str], cases: list[AfterSalesCase]
                  ) -> list[tuple[str, tuple[str, str], str, AfterSalesCase]]:
    """Of codes no case takes, those that are a case's number (售后单号, 订单编号, a 退货单号) with 1 to 4 characters
    before or after it, not digits alone (a scanner set to add a prefix or suffix: ]C1 before every scan, a # after
    it), as orders.scan._framed_ref says a parcel's: (code, (before, after), the number, its case). Before: "no case
    for ]C1YT…: open it, find its order, type the return", a second case typed for a parcel that has one. Never
    received as it: the scanner is to be set right."""
    keys: dict[str, tuple[str, AfterSalesCase]] = {}
    for c in cases:
        for no in (c.case_no, c.order_no, c.return_tracking, *C.return_numbers_of(c)):
            if no and len(code_key(no)) >= 6:
                keys.setdefault(code_key(no), (str(no).strip(), c))
    out = []
    for code in codes:
        x = code.strip()
        for cut in range(1, 5):
            hit = next(((pre, keys[k]) for pre in range(cut + 1)
                        if (k := code_key(x[pre:len(x) - (cut - pre)])) in keys
                        and not (x[:pre] + x[len(x) - (cut - pre):]).isdigit()), None)
            if hit:
                pre, (no, c) = hit
                out.append((code, (x[:pre], x[len(x) - (cut - pre):]), no, c))
                break
    return out


_BOX_SPLIT = re.compile(r"[,，;；、|]+")  # (tracking._MERGED but spaces and /: no order number holds one)


def _scans_of_bad_rows(stop: list[Issue], bad_rows: list[AfterSalesCase], received: list[str],
                       waybills: dict[str, str]) -> tuple[list[Issue], list[Issue], list[str]]:
    """Of `stop` (case_read_errors'), the errors of 售后 rows a code of `received` names, said at their cells as
    that code's parcel not received; the other errors (a sheet's own) still stop. The codes received less those."""
    bad = {u.row: u for u in bad_rows}
    names: dict[int, list[str]] = {}  # a bad row → the codes scanned that name it, as scanned
    own = {row: ({code_key(u.case_no), code_key(u.order_no)} | C._return_keys(u)) - {""} for row, u in bad.items()}
    for x in received:
        keys = {code_key(x)} | ({code_key(waybills[code_key(x)])} if code_key(x) in waybills else set())
        for row, u in bad.items():
            if keys & own[row]:
                names.setdefault(row, []).append(x.strip())
    gone = {x.strip() for xs in names.values() for x in xs}
    left = [x for x in received if x.strip() not in gone]
    held, told = [], set()
    for i in stop:
        if i.row in names and i.row in told:  # (the row's scan is said once, at its first bad cell, naming this one)
            held.append(i.with_(severity="error"))
        elif i.row in names:
            told.add(i.row)
            said = list(dict.fromkeys(names[i.row]))
            zh, en = "、".join(said), ", ".join(said)
            cells = [x.cell for x in stop if x.row == i.row and x.cell]
            fix_zh, fix_en = ((f"请改正这一行读不出的 {len(cells)} 个格子（{'、'.join(cells)}）",
                               f"Correct the row's {len(cells)} cells that do not read ({', '.join(cells)})")
                              if len(cells) > 1 else ("请改正这个格子", "Correct the cell"))
            held.append(i.with_(
                message_zh=f"{i.message_zh}扫到的 {zh} 是这一行售后单的，这一行读不出，这个退货这次没有收货（没有入库）："
                           f"{fix_zh}，再扫一次 {zh}。{'其他扫到的照常处理了。' if left else ''}",
                message_en=f"{i.message_en} {en}, scanned, {'is' if len(said) == 1 else 'are'} this after-sales "
                           "row's, which does not read: that return was not received this run (nothing posted back "
                           f"to stock). {fix_en} and scan {en} again."
                           + (" The other codes scanned were worked as usual." if left else ""),
                severity="error"))
    return [i for i in stop if i.row not in names], held, left


def _waybill_orders(orders_wb, codes: set[str], boxes: dict[str, list[str]] | None = None) -> dict[str, str]:
    """Of the codes scanned (their code_key), those that are the 快递单号 of one order and no case's number,
    退货单号 or order number: code → that order's number. A parcel the buyer refused (拒收), or one the
    courier could not deliver, comes back under the waybill it went out with, which is what the warehouse
    scans; a waybill two orders went under (合并发货), or one of an order that went as two parcels, names
    none (whose goods, or which of them, are in it is not known: received by its order, both would be posted);
    the first kind goes into `boxes` (code_key → its orders' numbers, as the sheet has them), to be said so."""
    sd = orders_wb.sheets.get(OrderLine)
    if sd is None:
        return {}
    every = orders_wb.rows(AfterSalesCase) + list(getattr(orders_wb.sheets.get(AfterSalesCase), "unreadable", []))
    left = codes - {k for c in every for k in ({code_key(c.case_no), code_key(c.order_no)} | C._return_keys(c))}
    if not left:
        return {}
    found: dict[str, set[str]] = {}
    for no, tracking in record_fields(sd, "order_no", "tracking_no"):
        if tracking and no and (k := code_key(tracking)) in left:
            found.setdefault(k, set()).add(no)
    if not found:
        return {}
    if boxes is not None:
        boxes.update({k: sorted(v, key=_numbered) for k, v in found.items() if len(v) > 1})
    one = {next(iter(v)) for v in found.values() if len(v) == 1}
    parcels: dict[str, set[str]] = {}  # (those orders' waybills: one parcel each, or two)
    nos = set()
    for no, tracking in record_fields(sd, "order_no", "tracking_no"):
        if no:
            nos.add(code_key(no))
            if no in one and tracking:
                parcels.setdefault(no, set()).add(code_key(tracking))
    return {k: no for k, v in found.items() if len(v) == 1 and k not in nos
            and len(parcels[no := next(iter(v))]) == 1}


def lines_for(orders_wb, cases: list[AfterSalesCase]) -> list[OrderLine]:
    """The 订单 rows the desk works with, in sheet order: those of the cases' orders and resends, of the
    resends numbered after them (<order>-R1, -R2 …: a new one takes the next number free), and of every
    held order (a 问题件 opens for one with no case); made into records without the rest of a year's
    sheet, so the desk's cost follows its cases. Every check of a case is by its order's (or its resend's)
    number, so it finds what it finds among all the lines. Where none is such a row and the sheet holds
    any, its first order's rows come too: a case on an order number no row has is said "not on the
    Orders sheet" only where the sheet holds orders (`lines` empty: none read)."""
    sd = orders_wb.sheets.get(OrderLine)
    if sd is None:
        return []
    named = {c.order_no for c in cases if c.order_no} | {c.resend_order for c in cases if c.resend_order}
    # (an order with a row held, all its rows: open_cases_from_held reads whether it is held on its first)
    held = {ln.order_no for ln in records_where(sd, "status", {OrderStatus.HELD})}
    nos = record_fields(sd, "order_no")
    resends = {no for no, in nos if isinstance(no, str) and "-R" in no and no.rpartition("-R")[0] in named}
    return records_where(sd, "order_no", named | held | resends) or (
        records_where(sd, "order_no", {nos[0][0]}) if nos else [])


def moves_for(stock_wb) -> list[Movement]:
    """The 出入库 rows the desk looks at, in sheet order: the 退货 (a case's, under its number; one typed
    by hand under a parcel's or an order's) and the 调整 (one under a case's number takes back what it
    posted), not a year of 出库 made into records."""
    sd = stock_wb.sheets.get(Movement)
    return records_where(sd, "type", {MovementType.RETURN, MovementType.ADJUST}) if sd is not None else []


def _done_unposted(again: list[Again], hit: list[str], cases: list[AfterSalesCase], lines: list[OrderLine],
                   skus: set | None, movements: list[Movement]) -> dict[int, str]:
    """Of the cases scanned that wait for no return, the 退货退款 a person set 已完成 with no 退货 posted (the refund
    agreed on the platform before the parcel came, C.never_posted): row → the code scanned, its 退货 to post now,
    its status left as typed. Not where the code named an open return too (the parcel is that one's), nor where it
    names such cases of more than one parcel (which came is not known), nor a case with an error (its 退货 would be
    wrong: said by validate, and here as to check)."""
    from ..validate.rules import check_unique

    refs = {code_key(m.ref) for m in movements if m.type in (MovementType.RETURN, MovementType.ADJUST) and m.ref}
    by_code: dict[str, list[AfterSalesCase]] = {}
    for a in again:
        if C.never_posted(a.case, refs) and a.code not in hit:
            by_code.setdefault(a.code, []).append(a.case)
    if not by_code:
        return {}
    late = {c.row: code for code, cs in by_code.items() if C._parcels(cs) == 1 for c in cs}
    wrong = {i.row for i in C.case_issues(cases, lines, skus, movements) + check_unique(cases, AfterSalesCase)
             if i.is_error}
    return {row: code for row, code in late.items() if row not in wrong}


def _typed_under_order(c: AfterSalesCase, cases: list[AfterSalesCase],
                       by_parcel: dict[str, list[Movement]]) -> tuple[str, ...]:
    """(c.order_no,) where 退货 rows typed by hand under case `c`'s order number count as a part of its return (as
    C.return_moves takes them: the order's only return, a row of its SKU; C.typed_part), else (). `by_parcel`:
    C.typed_by_parcel's."""
    alone = sum(code_key(x.order_no) == code_key(c.order_no) and x.type in C.GOODS_BACK
                and x.status is not C.CaseStatus.CLOSED for x in cases) == 1
    hand = C._typed_by_hand(c, by_parcel, alone)
    under = any(code_key(m.ref) == code_key(c.order_no) for m in hand)
    return (c.order_no,) if under and C.typed_part(c, hand) else ()


def _received_before(again: list[tuple[str, AfterSalesCase]], movements: list[Movement]) -> list[Again]:
    """Each case scanned again with the day its 退货 was posted (the case number is its 单号)."""
    posted: dict[str, dt.date] = {}
    for m in movements:
        if m.type is MovementType.RETURN and m.ref and ((k := code_key(m.ref)) not in posted or m.date < posted[k]):
            posted[k] = m.date
    return [Again(code, c, posted.get(code_key(c.case_no))) for code, c in again]


def _held(i: Issue, c: AfterSalesCase) -> Issue:
    """A case's error as the desk says it: what it did not do."""
    if C.holds_resend_alone(i):
        return i.with_(message_zh=f"售后单 {c.case_no} 不生成补发单：{i.message_zh}",
                       message_en=f"Case {c.case_no}: no resend made: {going_on(i.message_en)}")
    return i.with_(message_zh=f"售后单 {c.case_no} 未处理（不标记收到退货、不入库、不补发、不建议退款记账）：{i.message_zh}",
                   message_en=f"Case {c.case_no} left as it is (not marked received, nothing posted, resent or "
                              f"proposed for the ledger): {going_on(i.message_en)}")
