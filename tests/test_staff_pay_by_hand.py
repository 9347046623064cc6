"""Salary lines a person typed into 流水 by hand before `staff pay --book`: recognised, never booked again;
where it cannot tell whose pay or which month a line is, nothing is booked for those it may be, and said."""

from __future__ import annotations

import datetime as dt

import openpyxl
from test_staff_pay import NOV30, STAFF, D, _type_rows
from test_staff_pay import shop as _shop
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.schema import LEDGER, Category, Entry
from shopbook.staff.pay import PersonMonth, salary_lines

shop = _shop  # (the fixture)
CATS = [Category(category="员工工资", direction="支出", group="工资"), Category(category="社保", direction="支出", group="工资")]


def _pm(name: str, total: str) -> PersonMonth:
    return PersonMonth(name, next(s.role for s in STAFF if s.name == name), D(total))


def test_a_salary_typed_by_hand_is_not_booked_again_and_a_line_it_cannot_place_books_nothing(shop):
    """QA: 小美's November pay was typed into 流水 by hand on 12-05 (备注 小美11月工资); `staff pay --book`
    booked it again (the P&L counted it twice). 小红's line says 工资 alone, dated 12-05: October's or
    November's? Now 小美's is named and not booked again, 小红's is said and nothing booked for her (exit 1),
    小李 (no line of his) is booked, and 小美's October line is no November pay."""
    _type_rows(shop.path(LEDGER), "流水", [
        {"日期": "2026-11-10", "收支": "支出", "类别": "员工工资", "金额": 3000, "账户": "银行卡", "对方": "小美", "备注": "10月工资"},
        {"日期": "2026-12-05", "收支": "支出", "类别": "员工工资", "金额": 3505.95, "账户": "银行卡", "备注": "小美11月工资"},
        {"日期": "2026-12-05", "收支": "支出", "类别": "员工工资", "金额": 2704.77, "账户": "银行卡", "对方": "小红",
         "备注": "工资"}])
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--book"])
    assert r.exit_code == 1, r.output
    out = " ".join(r.output.split())
    assert "小美 2026-11 的工资流水里已经手工记过（第 4 行，¥3,505.95）：没有再记账" in out
    assert "流水第 5 行（2026-12-05 员工工资 ¥2,704.77）可能是 小红 2026-11 的工资" in out
    assert "小红 的工资没有记账，以免记两次。是 2026-11 的，就在备注里写上“11月工资”" in out
    entries = read_workbook(shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry)
    assert [(e.counterparty, e.amount, e.note) for e in entries[3:]] == [("小李", D("2000.80"), "绩效 2026-11")]


def test_a_hand_typed_amount_that_differs_and_a_payroll_typed_as_one_line_are_said():
    """In-process: 小美's hand line of ¥3,500.00 against ¥3,505.95 worked out (an error at it, nothing booked);
    a line of 18,500 工资 naming nobody, 备注 11月工资, holds back everyone's; 上月工资 of 11-10 (October's), a
    社保 line and the lines of shopbook itself are no doubt."""
    def e(day: str, amount: str, note: str, who: str | None = None, cat: str = "员工工资") -> Entry:
        return Entry(date=dt.date.fromisoformat(day), direction="支出", category=cat, amount=D(amount), account="银行卡",
                     counterparty=who, note=note, row=2)
    people = [_pm("小美", "3505.95"), _pm("小李", "2000.80")]
    lines, issues = salary_lines(people, STAFF, CATS, [e("2026-12-05", "3500", "11月工资", "小美")], "2026-11", NOV30)
    assert [x.counterparty for x in lines] == ["小李"]
    (i,) = issues
    assert i.is_error and "现在算出来是 ¥3,505.95（差 ¥+5.95）" in i.message_zh and "¥3,505.95 (+5.95)" in i.message_en
    own = [e("2026-11-10", "18500", "上月工资"), e("2026-11-15", "900", "11月社保", cat="社保"),
           e("2026-10-31", "3000", "绩效 2026-10", "小李")]
    lines, issues = salary_lines(people, STAFF, CATS, [*own, e("2026-12-06", "18500", "11月工资")], "2026-11", NOV30)
    assert lines == [] and len(issues) == 1 and "小美、小李 的工资都没有记账" in issues[0].message_zh
    lines, issues = salary_lines(people, STAFF, CATS, own, "2026-11", NOV30)
    assert len(lines) == 2 and issues == []


def test_a_person_renamed_after_their_month_was_booked_is_not_booked_again_under_the_new_name(shop):
    """QA: November booked, then 小美 was renamed 林小美 on the 绩效 sheet (her full name); run again, --book
    booked 林小美 ¥3,000.00 for November on top of 小美's ¥3,505.95. Now the line booked for a name the sheet
    no longer has is said, and nobody not booked yet is booked on top of it (exit 1)."""
    runner = CliRunner()
    assert runner.invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--book"]).exit_code == 0
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb["绩效"]["A2"] = "林小美"
    wb.save(shop.path(LEDGER))
    r = runner.invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--book"])
    assert r.exit_code == 1, r.output
    out = " ".join(r.output.split())
    assert "流水第 2 行是 2026-11 已记账的工资（小美 ¥3,505.95），但绩效表上没有“小美”（改了名，或删了这一行？）：林小美 的工资都没有记账" in out
    assert len(read_workbook(shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry)) == 3


def test_a_short_english_name_inside_a_word_of_the_note_is_not_that_person_s():
    """QA: an English shop's payroll typed as one line, "last month's salaries, slips sent" dated 12-10, read as Li's
    November pay (Li inside "slips"): Li was not booked, said to differ by ¥16,499.20, and the others
    were booked on top of the payroll. A name in letters is now a whole word of the note: the line names nobody,
    and holds everyone back."""
    staff = [s.model_copy(update={"name": n}) for s, n in zip(STAFF[:3], ("Mei", "Hong", "Li"), strict=True)]
    people = [_pm("小美", "3505.95"), _pm("小李", "2000.80")]
    people[0].name, people[1].name = "Mei", "Li"
    payroll = Entry(date=dt.date(2026, 12, 10), direction="支出", category="员工工资", amount=D("18500"),
                    account="银行卡", note="last month's salaries, slips sent", row=9)
    lines, (i,) = salary_lines(people, staff, CATS, [payroll], "2026-11", NOV30, lang="en")
    assert lines == [] and "No pay was booked for Mei, Li" in i.message_en and i.row == 9
    named = payroll.model_copy(update={"note": "Li Nov salary", "amount": D("2000.80")})
    lines, (i,) = salary_lines(people, staff, CATS, [named], "2026-11", NOV30, lang="en")
    assert [x.counterparty for x in lines] == ["Mei"] and "Li's pay for 2026-11 was typed into the ledger" in i.message_en


def test_pay_booked_by_staff_pay_and_then_typed_by_hand_when_paid_is_said_twice_in_the_ledger(shop):
    """QA: November booked on 12-01; on 12-05 finance paid 小李 by bank and typed it into 流水 as ever (小李
    11月工资): the P&L counted his pay twice, and staff pay said nothing. Now it names both rows (exit 1)."""
    runner = CliRunner()
    assert runner.invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--book"]).exit_code == 0
    _type_rows(shop.path(LEDGER), "流水", [{"日期": "2026-12-05", "收支": "支出", "类别": "员工工资", "金额": 2000.80,
                                          "账户": "银行卡", "备注": "小李11月工资"}])
    r = runner.invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--book"])
    assert r.exit_code == 1, r.output
    assert "小李 2026-11 的工资在流水里记了两次：第 4 行（staff pay --book 记的）和第 5 行（手工记的）" in " ".join(r.output.split())
    assert len(read_workbook(shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry)) == 4


def test_a_salary_line_typed_by_hand_that_does_not_read_books_nothing_for_that_person(shop):
    """QA: 小美's November pay typed by hand with its date as 12/5 (no year), 小李's with its amount 2,000.8O: the
    rows did not read, so staff pay did not see them and --book booked both again (twice in the P&L once the
    typos are fixed); so was 小红's, booked by --book, its amount retyped 27O4.77. Now each is a doubt at its row, with what it could read, and nothing is booked for them."""
    _type_rows(shop.path(LEDGER), "流水", [
        {"日期": "12/5", "收支": "支出", "类别": "员工工资", "金额": 3505.95, "账户": "银行卡", "备注": "小美11月工资"},
        {"日期": "2026-12-05", "收支": "支出", "类别": "员工工资", "金额": "2,000.8O", "账户": "银行卡", "对方": "小李",
         "备注": "11月工资"},
        # a line --book wrote, its amount retyped since: 27O4.77
        {"日期": "2026-11-30", "收支": "支出", "类别": "员工工资", "金额": "27O4.77", "账户": "银行卡", "对方": "小红",
         "备注": "绩效 2026-11"}])
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--book"])
    assert r.exit_code == 1, r.output
    out = " ".join(r.output.split())
    assert "流水第 3 行（员工工资 ¥3,505.95）可能是 小美 2026-11 的工资，但这一行有格子读不出来" in out
    assert "流水第 4 行（2026-12-05 员工工资）可能是 小李 2026-11 的工资" in out and "请改正它，再运行 --book。" in out
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    assert "流水第 5 行（2026-11-30 员工工资）可能是 小红 2026-11 的工资" in out
    assert [row[7] for row in wb["流水"].iter_rows(min_row=6, values_only=True) if any(row)] == []
