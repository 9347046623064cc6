"""QA: two of WeChat's personal bills joined into one file (the next weeks' download pasted under the first, each with its
16 preamble lines and header, as tests/test_money18_wechat_bills_joined.py has the trade bills): every line of the second
bill's preamble was an error of its own (金额(元) is empty), --apply booked nothing, and the bill's period was the first
bill's alone. Now each bill's rows are checked against its own preamble (a difference said at that bill's line), the
period runs over both, and a row both bills list (days that overlap) is counted once, said as a warning."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl

from shopbook.money.wechat import read_wechat
from shopbook.money.workflow import reconcile_wechat_file
from shopbook.schema import LEDGER, Entry
from test_wechat import PERSONAL_HEAD, PREAMBLE, personal_rows, shop  # noqa: F401 (the fixture)


def later(rows):
    """The same four rows ten days on, under numbers of their own."""
    return [[c.replace("2026-11-0", "2026-11-1") if i == 0 else c.replace("26110", "26111") if i == 8 else c
             for i, c in enumerate(r)] for r in rows]


def bill_lines(rows, start, end, preamble=PREAMBLE):
    pre = list(preamble)
    pre[2] = f"起始时间：[{start} 00:00:00] 终止时间：[{end} 23:59:59]"
    return [ln + "," * 10 for ln in pre] + [",".join(PERSONAL_HEAD)] + [",".join(f'"{v}"' for v in r) for r in rows]


def write(tmp_path, *bills):
    path = tmp_path / "微信支付账单(20261106-20261119).csv"
    path.write_bytes(("\n".join(ln for b in bills for ln in b) + "\n").encode("utf-8-sig"))
    return path


def test_two_personal_bills_joined_are_read_each_against_its_own_preamble(tmp_path, shop):  # noqa: F811
    rows = personal_rows("¥")
    path = write(tmp_path, bill_lines(rows, "2026-11-06", "2026-11-09"), bill_lines(later(rows), "2026-11-10", "2026-11-19"))
    st = read_wechat(path)
    assert st.issues == [] and st.complete
    assert st.period == (dt.date(2026, 11, 6), dt.date(2026, 11, 19))
    assert len(st.lines) == 10 and max(x.date for x in st.lines) == dt.date(2026, 11, 19)
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb[Entry.zh].append([dt.datetime(2026, 11, 18), "支出", "快递费", 12.0, "微信"])  # in the second bill's days, not in it
    wb.save(shop.path(LEDGER))
    res = reconcile_wechat_file(shop, path)
    assert [(e.date.day, e.amount) for e in res.result.ledger_only] == [(18, D("12.00"))]
    assert not any(i.is_error for i in res.statement_issues)


def test_a_row_both_joined_bills_list_is_counted_once(tmp_path):
    rows = personal_rows("¥")
    second = [rows[3]] + later(rows)[:3]  # the 09 November withdrawal again, at the top of the next download
    pre = list(PREAMBLE)
    pre[6:10] = ["共4笔记录", "收入：2笔 800.00元", "支出：1笔 45.50元", "中性交易：1笔 100.00元"]
    path = write(tmp_path, bill_lines(rows, "2026-11-06", "2026-11-09"),
                 bill_lines(second, "2026-11-09", "2026-11-19", pre))
    st = read_wechat(path)
    (again,) = st.issues
    assert (again.severity, again.row, again.value) == ("warning", 39, "1000200126110900004")
    assert "第 21 行" in again.message_zh and "line 21" in again.message_en
    assert [x.txn_no for x in st.lines].count("1000200126110900004") == 1 and st.complete


def test_a_joined_bill_its_rows_do_not_add_up_to_is_said_at_its_own_preamble(tmp_path):
    rows = personal_rows("¥")
    path = write(tmp_path, bill_lines(rows, "2026-11-06", "2026-11-09"),
                 bill_lines(later(rows)[:3], "2026-11-10", "2026-11-19"))  # its preamble says 4 rows; 3 are here
    st = read_wechat(path)
    (short,) = st.issues
    assert short.severity == "error" and short.row == 22 + 6 and "共4笔记录" in short.message_zh, (short.row, short.message_zh)
    assert not st.complete
