"""QA of an English shop's words (english6): counts singular or plural as they should be, and amounts
said with their unit, in the messages an English shop reads."""

from __future__ import annotations

from test_money import classic_statement, november_lines, write_statement

from shopbook.money.alipay import read_statement


def test_an_alipay_footer_of_one_line_says_1_line_not_1_lines(tmp_path):
    # the statement's footer counts 1 income line where 3 are read: said '1 lines, 14925.66' before
    text = classic_statement(november_lines()).decode("gbk").replace("#收入合计：3笔，", "#收入合计：1笔，")
    (issue,) = [i for i in read_statement(write_statement(tmp_path, text.encode("gbk"), "a.csv")).issues
                if i.is_error]
    en = issue.message_en
    assert "income of 1 line, " in en and "give 3 lines, " in en and " yuan" in en, en
    assert "1 lines" not in en, en
