"""QA (the month's turn): December's pay booked (paid) on 01-05, then a December sale came back: its 退货退款
case opened 01-08 and done. `staff pay --month 2025-12` run again said ✗ "booked ¥3,002.00, it now works out
at ¥3,001.00: correct the amount of this ledger line" — of a salary the bank had paid out, whose ledger line
agrees with the bank. Now a refund opened after the person's pay for the month was booked is not taken off
that pay: it is said at its case (not taken off; a later month's pay is where to take it back), and the
month agrees with its booked line. A refund opened before the pay day still comes off, as before."""

import datetime as dt

import openpyxl

from shopbook.shop import init_shop, open_shop
from shopbook.staff.workflow import staff_pay

Y = dt.date.today().year - 1  # last December, paid in January


def test_a_refund_opened_after_the_months_pay_was_paid_is_said_not_booked_wrong(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    head = [c.value for c in wb["订单"][1]]
    for no, price in (("1001", 150), ("1002", 150)):
        line = {"订单编号": no, "来源": "淘宝", "付款时间": dt.datetime(Y, 12, 12, 10), "收货人": "王小明",
                "手机": "13812345678", "收货地址": "浙江省 杭州市 西湖区 学院路1号", "商家编码": "TS01-M", "数量": 1,
                "单价": price, "运费": 0, "状态": "已签收", "快递公司": "中通", "快递单号": f"7{no}",
                "发货日期": dt.datetime(Y, 12, 13), "客服": "小美"}
        wb["订单"].append([line.get(h) for h in head])
    cases = wb["售后"]
    ch = [c.value for c in cases[1]]
    for no, opened in (("SH1", dt.datetime(Y, 12, 20)), ("SH2", dt.datetime(Y + 1, 1, 8))):  # before / after pay day
        case = {"售后单号": no, "登记日期": opened, "订单编号": "1001" if no == "SH1" else "1002",
                "商家编码": "TS01-M", "数量": 1, "类型": "退货退款", "退款金额": 100, "状态": "已完成", "客服": "小美"}
        cases.append([case.get(h) for h in ch])
    wb.save(folder / "orders.xlsx")
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    wb["账户"].append(["银行", dt.datetime(Y, 12, 1), 10000])
    wb["类别"].append(["工资", "支出", "工资"])
    wb["绩效"].append(["小美", "客服", 3000, 0.01, None, None, None, None, "银行", "是"])
    # paid on 01-05: base + 1 % of 300 less SH1's 100 = 3,002.00 (SH2 not opened yet)
    wb["流水"].append([dt.datetime(Y + 1, 1, 5), "支出", "工资", 3002, "银行", None, None, "小美", f"绩效 {Y}-12"])
    wb.save(folder / "ledger.xlsx")
    done = staff_pay(open_shop(folder), f"{Y}-12")
    issues = done.payroll.issues
    assert [p.total for p in done.payroll.people] == [3002]
    assert not [i for i in issues if i.severity == "error"]
    said = [i for i in issues if i.sheet == "售后"]
    assert len(said) == 1 and "SH2" in said[0].message_zh and f"{Y + 1}-01-05" in said[0].message_en
