"""QA: a 资金流水 (Alipay's newer statement: 入账时间, 支付宝流水号, 收入（+元）…) whose lines had a problem was said in the
账务明细's headers: a time that did not read at column 发生时间, an empty number as 账务流水号是空的, a duplicate as
账务流水号重复, a bad balance at 账户余额: columns that file does not have, so a person looked for them in vain. Each is now
said at the column as the file heads it, in both languages; a 账务明细 keeps its own names."""

from __future__ import annotations

from shopbook.money.alipay import read_statement

HEAD = ["入账时间", "支付宝交易号", "支付宝流水号", "商户订单号", "账务类型", "收入（+元）", "支出（-元）", "账户余额（元）",
        "服务费（元）", "支付渠道", "签约产品", "对方账户", "对方名称", "银行订单号", "商品名称", "备注"]


def row(when, txn, income, expense, balance):
    return [when, "2026110222001", txn, "T200P3515000000000001", "交易", income, expense, balance, "0.00", "", "",
            "tb_amy", "", "", "白衬衫", ""]


def test_a_fund_flows_problems_are_said_at_its_own_columns(tmp_path):
    rows = [row("2026-11-02 10:00:00", "A1", "198.00", "", "1198.00"),
            row("2026-11-31 10:00:00", "A2", "10.00", "", "1208.00"),  # no such day
            row("2026-11-03 10:00:00", "", "10.00", "", "1208.00"),  # its number lost
            row("2026-11-04 10:00:00", "A1", "10.00", "", "1218.00"),  # A1 again
            row("2026-11-05 10:00:00", "A5", "", "", "1218.00"),  # no amount
            row("2026-11-06 10:00:00", "A6", "5.00", "", "1223.00元余")]
    text = "\n".join(["#支付宝资金流水", "#账号：[20881234567890120156]", ",".join(HEAD)]
                     + [",".join(r) for r in rows] + ["#导出时间：2026-12-01"])
    path = tmp_path / "资金流水.csv"
    path.write_bytes(text.encode("gbk"))
    st = read_statement(path)
    said = [(i.row, i.column) for i in st.issues]
    assert said == [(5, "入账时间"), (6, "支付宝流水号"), (7, "支付宝流水号"), (8, "收入（+元）/支出（-元）"),
                    (9, "账户余额（元）")], said
    by_row = {i.row: i for i in st.issues}
    assert by_row[6].message_zh.startswith("支付宝流水号是空的") and "(支付宝流水号)" in by_row[6].message_en
    assert by_row[7].message_zh.startswith("支付宝流水号重复")
    assert "收入（+元）/支出（-元）都是空的" in by_row[8].message_zh and "收入（+元）/支出（-元）" in by_row[8].message_en
    assert not any("账务流水号" in i.message_zh or "发生时间" in i.message_zh for i in st.issues)


def test_a_fund_flow_without_its_time_column_names_it_as_that_statement_does(tmp_path):
    """Its 入账时间 headed otherwise (a person's re-save): the column to find is 入账时间, not the 账务明细's 发生时间."""
    import pytest

    from shopbook.issues import ShopbookError

    head = ["入账日期" if h == "入账时间" else h for h in HEAD]
    text = "\n".join(["#支付宝资金流水", ",".join(head), ",".join(row("2026-11-02", "A1", "1.00", "", "1.00")),
                      "#导出时间：2026-12-01"])
    path = tmp_path / "资金流水.csv"
    path.write_bytes(text.encode("gbk"))
    with pytest.raises(ShopbookError) as e:
        read_statement(path)
    assert "入账时间" in e.value.zh and "入账时间" in e.value.en and "发生时间" not in e.value.zh
