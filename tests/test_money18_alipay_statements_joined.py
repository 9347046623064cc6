"""Alipay 账务明细 of several downloads joined into one file (a month's statement downloaded in parts, then pasted
one under the other or copy /b): each part with its # lines, header, lines and footer. Before, the first part alone
was read, and its lines checked against every footer: the rest lost, and said as lines missing or added ("download
the statement again"). Each part is read now and checked against its own footer; the period is every part's; a
part of another account is refused, said where it begins."""

from __future__ import annotations

import datetime as dt

from test_money import classic_statement, november_lines

from shopbook.money.alipay import read_statement


def test_two_parts_joined_are_both_read_each_against_its_footer(tmp_path):
    lines = november_lines()
    whole = tmp_path / "whole.csv"
    whole.write_bytes(classic_statement(lines))
    joined = tmp_path / "20881234567890120156_账务明细_joined.csv"
    later = classic_statement(lines[3:]).decode("gbk").replace("[2026年11月01日 00:00:00]", "[2026年11月10日 00:00:00]")
    later = later.replace("[2026年12月01日 00:00:00]", "[2026年12月16日 00:00:00]")  # its days: 10 Nov to 15 Dec
    joined.write_bytes(classic_statement(lines[:3]) + later.encode("gbk"))
    st = read_statement(joined)
    assert [(i.row, i.message_en) for i in st.issues] == [] and st.complete
    assert [(x.txn_no, x.amount) for x in st.lines] == [(x.txn_no, x.amount) for x in read_statement(whole).lines]
    assert st.period == (dt.date(2026, 11, 1), dt.date(2026, 12, 15))
    # located on the joined file's own lines: the second part's # lines are 9-16, its header line 17
    assert [x.line for x in st.lines] == [6, 7, 8, 18, 19, 20]


def test_a_part_s_own_footer_still_catches_a_line_deleted_from_it(tmp_path):
    lines = november_lines()
    second = classic_statement(lines[3:]).decode("gbk").split("\r\n")
    del second[6]  # its second line (A6, income 310.00) deleted by hand, its footer as it was
    joined = tmp_path / "joined.csv"
    joined.write_bytes(classic_statement(lines[:3]) + "\r\n".join(second).encode("gbk"))
    st = read_statement(joined)
    [i] = st.issues
    assert i.row == 21 and "310.00" in i.message_en and i.is_error


def test_another_account_s_statement_joined_is_refused_where_it_begins(tmp_path):
    lines = november_lines()
    joined = tmp_path / "joined.csv"
    joined.write_bytes(classic_statement(lines[:3]) + classic_statement(lines[3:], account="20880000000000000001"))
    st = read_statement(joined)
    [i] = st.issues
    assert i.row == 14 and i.is_error and "20880000000000000001" in i.message_en and not st.complete
    assert [x.txn_no for x in st.lines] == ["A1", "A2", "A3"]
