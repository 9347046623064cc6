"""An amount or a number typed with the Chinese full stop for its decimal point (12。5, 1,234。50), as a Chinese
keyboard in Chinese punctuation mode types the point. Before, 1,234。50 was said to have "a comma out of place"
(it had none) and 12。5 was "not an amount"; now each says the full stop and the figure to type."""

from __future__ import annotations

from blank_books import append_by_header, blank, ledger_with_alipay

from shopbook.validate import validate_path


def test_the_ledgers_amount_and_a_products_weight(tmp_path):
    path, wb = ledger_with_alipay(tmp_path)
    line = {"日期": "2026-11-03", "收支": "支出", "类别": "快递费", "账户": "支付宝"}
    append_by_header(wb["流水"], [{**line, "金额": "1,234。50"}, {**line, "金额": "12。5"}])
    wb.save(path)
    said = {i.cell: (i.message_zh, i.message_en) for i in validate_path(path).issues if i.sheet == "流水"}
    assert said["D3"] == ("金额“1,234。50”里的“。”是中文句号：小数点请用英文的“.”，写成 1234.50。",
                          "The amount '1,234。50' has a Chinese full stop (。) for its decimal point: enter 1234.50."), said
    assert said["D4"][1] == "The amount '12。5' has a Chinese full stop (。) for its decimal point: enter 12.5.", said

    path, wb = blank(tmp_path, "stock.xlsx")
    append_by_header(wb["商品"], [{"商家编码": "A001", "款号": "S1", "名称": "T恤", "颜色": "白", "尺码": "M",
                                  "成本价": 35, "售价": 99, "重量(kg)": "0。25", "状态": "在售"}])
    wb.save(path)
    (issue,) = validate_path(path).issues
    assert (issue.cell, issue.message_zh) == ("M3", "数字“0。25”里的“。”是中文句号：小数点请用英文的“.”，写成 0.25。"), issue


def test_a_percentage_keeps_its_sign():
    """3。5% was told 'enter 3.5' (as a 目标值 read by parse_decimal: 350 %, refused again once typed so), and 12。5%
    in a percentage column (日报 转化率, 等级 折扣) was only 'not a percentage'."""
    from shopbook import values as V

    for parse, typed, what in ((V.parse_decimal, "3。5%", "enter 3.5%."), (V.parse_percent, "12。5%", "enter 12.5%."),
                               (V.parse_percent, "0。35", "enter 0.35.")):
        try:
            parse(typed)
        except V.BadValue as e:
            assert e.en.endswith(what) and "中文句号" in e.zh, (typed, e.en)
        else:
            raise AssertionError(typed)
