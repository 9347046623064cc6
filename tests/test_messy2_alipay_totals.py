"""An Alipay statement a person opened in Excel and summed under its lines (合计 | … | 14925.66 | 1085.16), saved
as .xlsx or as CSV again: the 合计 row is no statement line."""

from __future__ import annotations

import openpyxl

from shopbook.money.alipay import read_statement

HEAD = ["#支付宝账务明细查询", "#账号：[20881234567890120156]", "#-----------------------------------------账务明细列表----",
        "账务流水号,业务流水号,商户订单号,商品名称,发生时间,对方账号,收入金额（+元）,支出金额（-元）,账户余额（元）,交易渠道,业务类型,备注,"]
LINES = ["LS2026112100358	,202611200000001	,	,淘宝交易汇总	,2026-11-21 23:00:00	,taobao	,100.00	,	,1100.00	,支付宝	,在线支付	,	,",
         "LS2026112100360	,202611200000003	,	,平台服务费	,2026-11-21 23:00:02	,tmall	,	,5.94	,1094.06	,支付宝	,收费	,	,"]
TOTALS = "合计,,,,,,100,5.94,,,,,"
FOOT = ["#-----------------------------------------账务明细列表结束----", "#收入合计：1笔，100.00元", "#支出合计：1笔，5.94元"]


def test_a_totals_row_typed_under_the_lines_is_passed_over_in_csv_and_xlsx(tmp_path):
    """It was an error at 第 4 行 发生时间 (不是日期：“”), and --apply refused to book the lines the ledger lacks
    (对账单有错误): the person was told to download again a statement that was right."""
    rows = HEAD + LINES + [TOTALS] + FOOT
    csv_path = tmp_path / "20881234567890120156_202611_账务明细.csv"
    csv_path.write_bytes(("\n".join(rows) + "\n").encode("gb18030"))
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append([c.strip() for c in r.split(",")] if not r.startswith("#") else [r])
    xlsx_path = tmp_path / "账务明细.xlsx"
    wb.save(xlsx_path)
    for path in (csv_path, xlsx_path):
        st = read_statement(path)
        assert [ln.txn_no for ln in st.lines] == ["LS2026112100358", "LS2026112100360"], path
        assert [(i.cell, i.message_zh) for i in st.issues] == [], path
