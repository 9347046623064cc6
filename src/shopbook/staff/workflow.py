"""Staff pay at shop level: read the 绩效 sheet (ledger.xlsx), the orders and the after-sales
cases, work the month out (pay.py), write reports/绩效-YYYY-MM.xlsx and, with `book`, the
proposed salary lines into 流水."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..io.files import make_dirs, write_atomic
from ..io.journal import writes_shop
from ..io.reader import has_required_columns, locate_in, read_ahead, read_cache, read_workbook
from ..io.sheet_edit import SheetEdit, Writer, edit_workbook, ensure_writable
from ..issues import DataStop, Issue, ShopbookError, stop_on
from ..names import safe_file_name
from ..periods import order_sheets_unread
from ..schema import LEDGER, ORDERS, Account, AfterSalesCase, Category, Entry, OrderLine, StaffMember
from ..shop import Shop, month_given
from . import pay as P
from .typed import typed_pay


@dataclass
class PayResult:
    payroll: P.Payroll
    path: Path
    booked: int = 0
    booked_before: list[str] = field(default_factory=list)  # people whose pay for the month the ledger holds already
    pay_day: dt.date | None = None  # the day the salary lines are dated (None: a month not over, leavers on their last day)

    def to_json(self) -> dict:
        return {"month": self.payroll.month, "report": str(self.path), "booked": self.booked,
                "pay_day": self.pay_day.isoformat() if self.pay_day else None,
                "booked_before": self.booked_before,
                "people": [p.to_json() for p in self.payroll.people],
                "ledger_proposed": [{"date": e.date.isoformat(), "person": e.counterparty, "amount": str(e.amount),
                                     "category": e.category, "account": e.account, "note": e.note}
                                    for e in self.payroll.ledger],
                "issues": [i.to_json() for i in self.payroll.issues]}


@writes_shop("staff pay")
def staff_pay(shop: Shop, month: str, book: bool = False, write: Writer = edit_workbook,
              pay_day: dt.date | None = None, person: str | None = None) -> PayResult:
    """`pay_day`: the day the pay leaves the account (today unless given), the date of its 流水 lines; of a month
    not over, a leaver's, their 离职日期 unless given. `person`: that person's pay alone proposed and booked (a leaver
    paid on their last day, before the month is over: before, --book of a month not over was an error whatever
    it booked, and its --date was not read)."""
    from ..money.ledger import month_or_stop
    from ..validate.rules import check_unique

    month = month_given(month)
    first, last = month_or_stop(month)
    today = dt.date.today()
    if pay_day and pay_day > today:  # (booked ahead, the bank's balance would be short of money still in it)
        raise ShopbookError(f"--date {pay_day} 是将来的日子：流水按钱付出的那天记账。请在发工资的当天或之后运行，--date 写那一天。",
                            f"--date {pay_day} is ahead of today: the ledger books pay on the day the money leaves the "
                            "account. Run it on pay day or after, with --date that day.")
    over = last < today
    if not shop.path(LEDGER).exists():
        raise ShopbookError("找不到 ledger.xlsx（绩效表在里面）。", "ledger.xlsx (which holds the Staff pay sheet) is missing.",
                            shop.path(LEDGER))
    with read_cache():  # ledger.xlsx and orders.xlsx read side by side
        read_ahead([(shop.path(LEDGER), LEDGER, (StaffMember, Entry, Category, Account)),
                    (shop.path(ORDERS), ORDERS, (OrderLine, AfterSalesCase))])
        lw = read_workbook(shop.path(LEDGER), LEDGER, (StaffMember, Entry, Category, Account))
        ow = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, AfterSalesCase))
        # a row that does not read would pay someone short without a word: fix it first
        staff = lw.rows(StaffMember)
        # so would a rate of 100 %, and a person on two rows (Mei, mei) would be paid twice
        stop_on(lw.errors_in(StaffMember) + ow.errors_in(OrderLine, AfterSalesCase)
                + lw.locate(P.rule_issues(staff) + check_unique(staff, StaffMember)), "无法计算绩效", "Cannot work out pay")
        # 流水 (and 类别, its salary categories) tell the pay booked or typed before: one lacking a required header
        # (帐户 for 账户) reads as no line at all, and everyone's pay would be booked again, into a new 账户 column
        for m in (Entry, Category):
            if (sd := lw.sheets.get(m)) is not None and sd.present and not has_required_columns(sd):
                stop_on(lw.errors_in(m), "无法计算绩效", "Cannot work out pay")
        # the month's orders kept on a sheet a year not read (2026订单 beside 订单): commission and piece pay 0
        if (other := order_sheets_unread(ow, month, first, last)) is not None:
            raise other
        if not staff:
            raise DataStop("绩效表是空的（或没有这张表）：先在 ledger.xlsx 的“绩效”表填上每个人。",
                           "The Staff pay sheet is empty or missing: add each person to it in ledger.xlsx first.",
                           shop.path(LEDGER))
        rows, staff = staff, P.as_of(staff, last)  # (a pay changed mid-month: month_pay reads each day's row)
        who = _person(person, staff, month, first, last, over, today) if person is not None else None
        before = P.booked_pay(lw.rows(Entry), month, staff)  # (the ledger's lines looked through once, for all three)
        # and those typed by hand, among them the rows that do not read (12/5 for a date): maybe a salary
        typed = typed_pay(lw.rows(Entry), lw.rows(Category), staff, month,
                          sd.unreadable if (sd := lw.sheets.get(Entry)) else [])
        paid_on = {who: min(e.date for e in es) for who, es in (*before.items(), *typed.lines.items()) if es}
        people, issues = P.month_pay(rows, ow.rows(OrderLine), ow.rows(AfterSalesCase), first, last,
                                     {*before, *typed.lines}, paid_on)
        # (a month not over books leavers alone, on their last day unless --date says the day)
        day = (pay_day or today) if over else pay_day
        lines, more = P.salary_lines(people, staff, lw.rows(Category), lw.rows(Entry), month, last, shop.lang, before,
                                     typed, [a.account for a in lw.rows(Account)], day)
        if who is not None:
            lines = [e for e in lines if e.counterparty == who]
        if not over:
            # a month not over: its commission, piece pay and top seller are to today, and would be booked at its
            # end as if they were the month's (the P&L and the bank's balance took them; the month's pay, once
            # over, no longer matched): said, and nothing proposed or booked until it is over, but for those who
            # left by today (离职日期), paid on their last day
            gone = {s.name for s in staff if s.left_on and first <= s.left_on <= today}
            lines = [e for e in lines if e.counterparty in gone]
            if who is None and any(p.name not in gone and p.name not in before and p.name not in typed.lines
                                   for p in people):
                more = more + [_not_over(month, today, book, [e.counterparty for e in lines])]
            # (the month's top seller is known at its end: a leaver's bonus is of the sales to today)
            more += [_bonus_to_today(p, month, today) for p in people
                     if p.bonus and p.name in {e.counterparty for e in lines}]
        if book and lines:
            ensure_writable(write, shop.path(LEDGER))  # before the report, which would say they were booked
            # a leaver booked now: their advice (what 底薪 to type, then book) is followed, said so instead
            now = {e.counterparty for e in lines}
            done = [p for p in people if p.name in now and p.advice]
            drop = {id(i) for p in done for i in p.advice}
            issues = [i for i in issues if id(i) not in drop] + [P.booked_leaver(p, p.total, month) for p in done]
        if day:
            _before_due(lines, P.earliest_pay_day(staff, last), day, month)
        payroll = P.Payroll(month, people, lines, locate_in([lw, ow], issues + more))
        path = _write_report(shop, payroll)
        booked = 0
        if book and lines:
            write(shop.path(LEDGER), [SheetEdit(Entry, append=lines, layout=lw.sheets[Entry])], lang=shop.lang)
            booked = len(lines)
        return PayResult(payroll, path, booked, [p.name for p in people if p.name in before or p.name in typed.lines],
                         day if lines else None)


def _person(typed: str, staff: list[StaffMember], month: str, first: dt.date, last: dt.date, over: bool,
            by: dt.date) -> str:
    """The 绩效 sheet's name `--person` means (as values.code_key compares: xiaomei, ＡＭＹ); one on no row, or, of a
    month not over, one not leaving in it by `by` (today), is refused: the pay of a month not worked out yet. A
    stop about the sheet's data: in the shop's language alone."""
    from ..issues import few

    who = P.spelt(staff)(typed.strip())
    member = next((s for s in staff if s.name == who), None)
    if member is None:
        zh, en = few([s.name for s in staff], 10)
        raise DataStop(f"--person “{typed}” 不在绩效表上（绩效表上有：{zh}）。请写绩效表上的名字。",
                            f"--person '{typed}' is not on the Staff pay sheet (it has: {en}). Give the name as the "
                            "sheet has it.")
    if over or (member.left_on and first <= member.left_on <= by):
        return who
    if member.left_on and by < member.left_on <= last:  # (leaving later this month: paid on that day)
        raise DataStop(f"{month} 还没有过完，{who} 的离职日期 {member.left_on} 也还没到：工资在离职那天（或之后）再记账。",
                            f"{month} is not over and {who} leaves on {member.left_on}, which is still to come: "
                            "book the pay on that day or after.")
    left_zh, left_en = ((f"的离职日期是 {member.left_on}，不在这个月", f"leaves on {member.left_on}, not this month")
                        if member.left_on else ("在绩效表上没有填离职日期", "has no leaving date on the Staff pay sheet"))
    raise DataStop(f"{month} 还没有过完，{who} {left_zh}：月底之前只能给这个月已离职的人记账。{who} 这个月离职的话，"
                        f"先在绩效表填上离职日期；不然请在 {last} 之后再算。",
                        f"{month} is not over and {who} {left_en}: before the month's end only the pay of one who has "
                        f"left in it is booked. If {who} leaves this month, fill in the leaving date on the Staff pay "
                        f"sheet first; if not, work pay out after {last}.")
    return who


def _before_due(lines: list[Entry], due: dict[str, dt.date], day: dt.date, month: str) -> None:
    """A pay day before the month's end (a leaver's: their 离职日期) is refused: the pay of days not yet worked."""
    early = [e.counterparty for e in lines if day < due.get(e.counterparty or "", day)]
    if early:
        raise ShopbookError(f"--date {day} 在 {month} 结束之前：{'、'.join(early)} 的工资最早在月底那天（离职的人：离职日期那天）发。"
                            "请写实际发工资的那天。",
                            f"--date {day} is before {month} is over: the pay of {', '.join(early)} is due on the "
                            "month's last day at the earliest (a leaver's: their leaving date). Give the day the pay "
                            "actually left.")


def _not_over(month: str, today: dt.date, book: bool, leavers: list[str] = ()) -> Issue:
    """The pay of a month not over: to today; an error where --book asked to book it (nothing booked but the
    pay of `leavers`, who left by today)."""
    zh = (f"{month} 还没有过完：绩效只算到今天（{today}）为止（提成、计件和销冠到月底还会变），不是整月的，"
          f"工资{'没有记账' if book else '要到月底过后才能记账'}。月底过后再算一次，再记账（--book）。")
    en = (f"{month} is not over: the pay counts up to today ({today}) (commission, piece pay and the top seller "
          f"change until the month's end), not the whole month's, so no salary line was "
          f"{'booked' if book else 'proposed'}. Work it out again after the month's end, then book it (--book).")
    if leavers:
        zh = zh.replace("工资", f"除了已离职的 {'、'.join(leavers)}，其他人的工资", 1)
        en = en.replace("so no salary line was", f"so no salary line but that of {', '.join(leavers)}, who left, was")
    return Issue("error" if book else "warning", zh, en)


def _bonus_to_today(p: P.PersonMonth, month: str, today: dt.date) -> Issue:
    return Issue("warning", f"{p.name} 的销冠奖金 ¥{p.bonus:,.2f} 是按到今天（{today}）的销售额算的：{month} 的销冠要到月底才定，"
                            "月底再算时若是别人，这一行记账的金额会和那时算出来的不一样。",
                 f"{p.name}'s top-seller bonus ¥{p.bonus:,.2f} is of the sales to today ({today}): {month}'s top seller "
                 "is known at its end; if it is someone else then, this salary line will differ from the month's pay "
                 "worked out then.", sheet=StaffMember.zh, value=p.name)


def _write_report(shop: Shop, pr: P.Payroll) -> Path:
    from ..io.xlsx_patch import NewSheet, write_new_workbook

    zh = shop.lang == "zh"
    t = lambda a, b: a if zh else b  # noqa: E731
    money = "#,##0.00"
    head = [t("姓名", "Person"), t("岗位", "Role"), t("底薪", "Base"), t("促成销售额", "Sales closed"),
            t("提成", "Commission"), t("打包数", "Parcels packed"), t("超定额件数", "Above quota"), t("计件工资", "Piece pay"),
            t("销冠奖金", "Top-seller bonus"), t("投诉数", "Complaints"), t("投诉扣款", "Deductions"), t("合计", "Total")]
    rows = [[p.name, p.role.label(shop.lang), p.base, p.sales, p.commission, p.packed, p.above_quota, p.piece,
             p.bonus, p.complaints, p.deductions, p.total] for p in pr.people]
    days = [[p.name, d, n, a] for p in pr.people for d, n, a in p.days]
    sheets = [
        NewSheet(t("绩效", "Staff pay"), [head] + rows, widths=[14] * len(head),
                 formats={i: money for i in (2, 3, 4, 7, 8, 10, 11)}),
        NewSheet(t("计件明细", "Packing by day"), [[t("姓名", "Person"), t("日期", "Date"), t("打包数", "Packed"),
                                                  t("超定额", "Above quota")]] + days,
                 widths=[14, 12, 10, 10], formats={1: "yyyy-mm-dd"}),
        NewSheet(t("建议记账", "Proposed ledger lines"),
                 [[t("日期（发薪日）", "Date (pay day)"), t("收支", "In/out"), t("类别", "Category"), t("金额", "Amount"), t("账户", "Account"),
                   t("对方", "Counterparty"), t("备注", "Note")]] +
                 [[e.date, e.direction.label(shop.lang), e.category, e.amount, e.account, e.counterparty, e.note] for e in pr.ledger],
                 widths=[12, 8, 12, 12, 12, 12, 16], formats={0: "yyyy-mm-dd", 3: money}),
    ]
    if pr.issues:
        sheets.append(NewSheet(t("问题", "Problems"), [[t("位置", "Where"), t("说明", "Message")]] +
                               [[i.where(shop.lang), i.message_zh if zh else i.message_en] for i in pr.issues], widths=[24, 60]))
    make_dirs(shop.reports)
    name = safe_file_name(f"{t('绩效', 'staff-pay')}-{pr.month}.xlsx")
    # (its pay and commissions: no more readable than ledger.xlsx, where the staff sheet keeps them)
    return write_atomic(shop.reports / name, lambda p: write_new_workbook(p, sheets), keep_backup=False,
                        like=shop.path(LEDGER), report=True)
