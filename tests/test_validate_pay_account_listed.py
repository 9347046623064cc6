"""A 绩效 row's 发薪账户 that is not on the 账户 sheet (工商银行 typed where the sheet says 银行): validate said
nothing, and the month's pay then proposed no salary line for that person. It is a warning at that cell, in the
shop's language, naming the account it is near; an account typed in full width or another case (ＹＨＫ for YHK)
is the account, as staff pay reads it, and a leaver (在职 否) is not said."""

from __future__ import annotations

from blank_books import blank

from shopbook.validate import validate_path


def _shop(folder, lang, accounts, staff):
    for name in ("stock.xlsx", "orders.xlsx", "kpi.xlsx", "agents.xlsx"):
        blank(folder, name, lang)
    path, wb = blank(folder, "ledger.xlsx", lang)
    for a in accounts:
        wb.worksheets[1].append([a, "2026-11-01", 1000])
    ws = wb.worksheets[4]
    head = [c.value for c in ws[1]]
    for r, person in enumerate(staff, start=2):  # typed from the first row under the headings
        for k, v in person.items():
            ws.cell(r, head.index(k) + 1, v)
    wb.save(path)


def test_a_pay_account_not_on_the_accounts_sheet_is_warned_at_its_cell(tmp_path):
    _shop(tmp_path, "zh", ["银行", "YHK"], [
        {"姓名": "小美", "岗位": "客服", "底薪": 3500, "发薪账户": "工商银行", "在职": "是"},
        {"姓名": "小李", "岗位": "仓库", "底薪": 2800, "发薪账户": "ｙｈｋ", "在职": "是"},  # full width, lower case
        {"姓名": "小王", "岗位": "仓库", "底薪": 2600, "发薪账户": "农行", "在职": "否"},  # a leaver: not paid
        {"姓名": "阿杰", "岗位": "客服", "底薪": 3000, "发薪账户": "银行", "在职": "是"},
    ])
    said = [i for i in validate_path(tmp_path).issues if i.book == "ledger.xlsx"]
    assert [(i.sheet, i.cell, i.severity) for i in said] == [("绩效", "I2", "warning")], said
    assert "工商银行" in said[0].message_zh and "“银行”" in said[0].message_zh and "账户" in said[0].message_zh
    assert "Accounts sheet" in said[0].message_en


def test_an_english_shop_is_told_on_its_staff_pay_sheet(tmp_path):
    _shop(tmp_path, "en", ["Bank", "Cash"], [
        {"name": "Amy", "role": "customer service", "base": 3500, "pay_account": "Bank of China", "active": "yes"},
        {"name": "Ben", "role": "warehouse", "base": 2800, "pay_account": "cash", "active": "yes"},
    ])
    said = [i for i in validate_path(tmp_path).issues if i.book == "ledger.xlsx"]
    assert [(i.sheet, i.cell, i.severity) for i in said] == [("Staff pay", "I2", "warning")], said
    assert "'Bank of China'" in said[0].message_en and "Accounts sheet" in said[0].message_en


def test_a_leaver_and_a_row_a_pay_change_ended_are_not_said(tmp_path):
    """老王 left in March (离职日期, 在职 left blank), his bank closed since; 小美's first row is the one her pay change
    of September ended (her row from 09-01 says 银行): pay reads neither from today on, so validate warned of
    two accounts nobody is paid into."""
    _shop(tmp_path, "zh", ["银行"], [
        {"姓名": "老王", "岗位": "仓库", "底薪": 2600, "发薪账户": "工商银行", "离职日期": "2026-03-31"},
        {"姓名": "小美", "岗位": "客服", "底薪": 3000, "发薪账户": "工商银行"},
        {"姓名": "小美", "岗位": "客服", "底薪": 3500, "发薪账户": "银行", "起始日期": "2026-09-01"},
        {"姓名": "阿杰", "岗位": "客服", "底薪": 3000, "发薪账户": "农行", "起始日期": "2099-01-01"},  # one dated ahead: said
    ])
    said = [i for i in validate_path(tmp_path).issues if i.book == "ledger.xlsx"]
    assert [(i.sheet, i.cell) for i in said] == [("绩效", "I5")], said


def test_the_row_in_force_is_said_though_a_blank_of_it_is_filled_from_the_row_before(tmp_path):
    """(review of the rows pay reads) 小美's row of 09-01, its 提成比例 left blank (pay takes the row before's): it
    was no row 'in force' to this check (pay's copy of it, the blank filled, is another object), and its 发薪账户
    工商银行 was never said."""
    _shop(tmp_path, "zh", ["银行"], [
        {"姓名": "小美", "岗位": "客服", "底薪": 3000, "提成比例": "1%", "发薪账户": "银行"},
        {"姓名": "小美", "岗位": "客服", "底薪": 3500, "发薪账户": "工商银行", "起始日期": "2026-09-01"},
    ])
    said = [i for i in validate_path(tmp_path).issues if i.book == "ledger.xlsx"]
    assert [(i.sheet, i.cell) for i in said] == [("绩效", "I3")], said
