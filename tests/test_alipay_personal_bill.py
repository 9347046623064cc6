"""Alipay's personal bill (交易明细, what the app and the personal site give: each trade's 收/支, no
账务流水号, no balance) given to reconcile alipay: named, with the bill to download. Before, it was
"not an Alipay statement", pointing to a merchant site a personal account has not."""

from __future__ import annotations

import pytest

from shopbook.issues import ShopbookError
from shopbook.money.alipay import read_statement

PREAMBLE = ["-" * 84, "导出信息：", "姓名：张三", "支付宝账户：138****0000",
            "起始时间：[2026-11-01 00:00:00]    终止时间：[2026-11-30 23:59:59]", "导出交易类型：[全部]",
            "导出时间：[2026-12-01 10:00:00]", "共1笔记录", "收入：1笔 198.00元", "支出：0笔 0.00元", "不计收支：0笔 0.00元", "",
            "-" * 24 + "支付宝（中国）网络技术有限公司  电子客户回单" + "-" * 24]
NEW = "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,"
OLD = ("交易号                  ,商户订单号               ,交易创建时间              ,付款时间                ,最近修改时间              ,"
       "交易来源地     ,类型              ,交易对方            ,商品名称                ,金额（元）   ,收/支     ,交易状态    ,"
       "服务费（元）   ,成功退款（元）  ,备注                  ,资金状态     ,")


@pytest.mark.parametrize("head, row", [
    (NEW, "2026-11-02 10:00:00,收入,tb_amy,a***@qq.com,白衬衫,收入,198.00,,交易成功,2026110222001\t,T200P3515131473293579\t,,"),
    (OLD, ("2026110222001\t,T200P3515131473293579\t,2026-11-02 10:00:00,2026-11-02 10:00:00,2026-11-02 10:00:00,"
          "支付宝网站,即时到账交易,tb_amy,白衬衫,198.00,收入,交易成功,0.00,0.00,,已收入,"))])
def test_the_personal_bill_is_named_with_the_bill_to_download(tmp_path, head, row):
    path = tmp_path / "支付宝交易明细(20261101-20261130).csv"
    path.write_bytes(("\n".join([*PREAMBLE, head, row]) + "\n").encode("gb18030"))
    with pytest.raises(ShopbookError) as e:
        read_statement(path)
    assert "交易明细" in e.value.zh and "账务明细" in e.value.zh and "认不出" not in e.value.zh
    assert "personal bill" in e.value.en and "Not an Alipay statement" not in e.value.en


def test_a_file_of_no_known_header_names_the_columns_as_the_file_heads_them(tmp_path):
    """An English shop was told to look for 'income and expense' columns: an Alipay file heads them 收入 and
    支出, which is what the person sees in it."""
    path = tmp_path / "something.csv"
    path.write_bytes("日期,摘要,金额\n2026-11-02,白衬衫,198.00\n".encode("gb18030"))
    with pytest.raises(ShopbookError) as e:
        read_statement(path)
    assert "Not an Alipay statement" in e.value.en and "收入 (income) and 支出 (expense)" in e.value.en, e.value.en
