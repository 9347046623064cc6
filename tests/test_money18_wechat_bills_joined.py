"""WeChat Pay trade bills of several days joined into one file (each day's bill downloaded, then pasted one under
the other, or copy /b): each with its detail header, lines and summary. Before, the first bill alone was read and
the rest dropped in silence (a refund and a sale lost, the statement called complete). Each bill is read now and
checked against its own summary; a line two bills both have (days that overlap) is counted once; anything else after
a summary is said."""

from __future__ import annotations

from decimal import Decimal as D

from test_wechat import TRADES, merchant_bill

from shopbook.money.wechat import read_wechat

FIRST = ("2", "297.00", "0.00", "0.00", "1.78", "297.00", "0.00")
SECOND = ("2", "50.00", "198.00", "0.00", "-0.89", "50.00", "198.00")


def _amounts(st):
    return [(x.txn_no, x.order_no, x.amount) for x in st.lines]


def test_two_days_bills_joined_are_both_read(tmp_path):
    joined = tmp_path / "微信交易账单_1102-1104.csv"
    joined.write_bytes(merchant_bill(TRADES[:2], summary=FIRST) + merchant_bill(TRADES[2:], summary=SECOND))
    whole = tmp_path / "whole.csv"
    whole.write_bytes(merchant_bill())
    st = read_wechat(joined)
    assert st.issues == [] and st.complete
    assert _amounts(st) == _amounts(read_wechat(whole))
    assert ("50300001002", "W1002", D("-198.00")) in _amounts(st) and ("4200001003", "W1003", D("50.00")) in _amounts(st)
    # lines are located on the joined file's own lines (the second bill's header is line 6)
    assert [x.line for x in st.lines if x.order_no] == [2, 3, 7, 8]


def test_each_bill_is_checked_against_its_own_summary(tmp_path):
    wrong = ("2", "60.00", "198.00", "0.00", "-0.89", "50.00", "198.00")  # its 应结订单总金额 is not its lines'
    joined = tmp_path / "joined.csv"
    joined.write_bytes(merchant_bill(TRADES[:2], summary=FIRST) + merchant_bill(TRADES[2:], summary=wrong))
    st = read_wechat(joined)
    [i] = st.issues
    assert i.row == 10 and i.is_error and "60.00" in i.message_en and not st.complete


def test_a_line_both_bills_have_is_counted_once(tmp_path):
    joined = tmp_path / "joined.csv"
    joined.write_bytes(merchant_bill(TRADES[:2], summary=FIRST)
                       + merchant_bill([TRADES[1], TRADES[3]], summary=("2", "248.00", "0.00", "0.00", "1.49",
                                                                        "248.00", "0.00")))
    st = read_wechat(joined)
    assert [(i.row, i.severity) for i in st.issues] == [(7, "warning")] and "line 3" in st.issues[0].message_en
    assert [x.order_no for x in st.lines if x.order_no] == ["W1001", "W1002", "W1003"]
    assert sum(x.amount for x in st.lines if x.order_no) == D("347.00")


def test_anything_else_after_a_summary_is_said(tmp_path):
    f = tmp_path / "bill.csv"
    f.write_bytes(merchant_bill() + "`2026-11-05 10:00:00,`wx8888,`1900000109\r\n".encode("gbk"))
    st = read_wechat(f)
    [i] = st.issues
    assert i.row == 8 and i.severity == "warning" and "nothing from this line on was read" in i.message_en
    assert not st.complete
