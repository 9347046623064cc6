"""The after-sales desk proposed a refund's ledger line as '建议记账：2026-11-20 3515… -15.00 退款 支付宝', a bare
amount where the rest of the screen says money as ¥, and its next step ¥1015.00. Now they say -¥1,015.00 and
¥1,015.00."""

from __future__ import annotations

import openpyxl
from blank_books import append_by_header
from test_orders import build_shop
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import LEDGER, ORDERS


def test_the_desk_proposes_a_refund_in_yuan(tmp_path, wide_console):
    shop = build_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    append_by_header(wb["订单"], [{"订单编号": "3515131400000022", "付款时间": "2026-11-11 00:10:00", "收货人": "王芳",
                                  "手机": "13812345678", "收货地址": "浙江省 杭州市 西湖区 文三路100号",
                                  "商家编码": "SH-WH-M", "数量": 1, "单价": 1099, "状态": "已签收", "快递公司": "中通",
                                  "快递单号": "73000022", "发货日期": "2026-11-12"}])
    append_by_header(wb["售后"], [{"售后单号": "SH-022", "登记日期": "2026-12-01", "订单编号": "3515131400000022",
                                  "类型": "仅退款", "退款金额": "1015", "状态": "处理中"}])
    wb.save(shop.path(ORDERS))
    ledger = openpyxl.load_workbook(shop.path(LEDGER))
    ledger["类别"].append(["退款", "支出", "退款"])
    ledger["账户"].append(["支付宝", "2026-11-01", 0])
    ledger.save(shop.path(LEDGER))
    said = CliRunner().invoke(app, ["aftersales", str(shop.folder), "--date", "2026-12-05"]).output
    lines = said.splitlines()
    assert "  建议记账：2026-12-01 3515131400000022 -¥1,015.00 退款 支付宝" in lines, said
    assert lines[-1].endswith("：在平台上同意退款 ¥1,015.00，然后改为已完成"), said  # (its next step says it alike)
