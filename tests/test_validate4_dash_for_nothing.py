"""A dash typed or pasted for a figure (- in 首页跳失率 as 生意参谋 shows a day without one, — for 0 as an
accounting report shows it) was "not a percentage: '-'. Enter 2.5% or 0.025" (qa-validate4): it now
says it is a dash, no number, and what to do: 0 if it means none, else clear the cell. Never read as
either: which was meant is the person's to say."""

from __future__ import annotations

from blank_books import blank

from shopbook.validate import validate_path


def test_a_dash_for_a_figure_says_what_to_do(tmp_path):
    path, wb = blank(tmp_path, "kpi.xlsx")
    ws = wb["日报"]
    head = [c.value for c in ws[1]]
    row = {"日期": "2026-11-01", "浏览量": "—", "访客数": 100, "支付买家数": 2, "支付订单数": 2, "销售额": 200,
           "首页跳失率": "-", "推广花费": "－", "DSR": "--"}
    for k, v in row.items():
        ws.cell(2, head.index(k) + 1, v)
    wb.save(path)
    said = {i.column: (i.value, i.message_zh, i.message_en) for i in validate_path(path).issues}
    assert set(said) == {"浏览量", "首页跳失率", "推广花费", "DSR"}, said
    for value, zh, en in said.values():
        assert zh == f"“{value}”是一条横线，不是数：是 0 的话请填 0，没有这个数就把这一格清空。", said
        assert en == f"'{value}' is a dash, not a number: enter 0 if it means nothing, or clear the cell if there is no figure."
