"""QA: a refund typed on an after-sales case was always proposed to the ledger on the Alipay account
(noted 待支付宝对账), whatever the order: a 拼多多 or 抖店 order's money never went through Alipay (the
platform pays it into its own account), nor a hand-typed order's (WeChat, a transfer, cash). The line
now goes on the account the order's money came in by: 淘宝's Alipay, the platform's own account where
the 账户 sheet has it; where that cannot be told it is said, with the orders, and nothing is proposed.
Real orders.xlsx and ledger.xlsx, the desk as `shopbook aftersales` runs it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from shopbook.aftersales.workflow import aftersales
from shopbook.schema import LEDGER, ORDERS, Account, AfterSalesCase, Category, Entry, OrderLine
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

TODAY = dt.date(2026, 11, 22)


def _order(no: str, **kw) -> OrderLine:
    return OrderLine(order_no=no, receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 文三路 1 号",
                     sku="A", qty=1, unit_price=D("59.00"), status="已发货", paid_at=dt.datetime(2026, 11, 18, 9),
                     shipped_on=dt.date(2026, 11, 19), **kw)


def _case(no: str, order_no: str) -> AfterSalesCase:
    return AfterSalesCase(case_no=no, opened_on=TODAY, order_no=order_no, type="仅退款", reason="少发赠品",
                          amount=D("10.00"), status="处理中", due=TODAY + dt.timedelta(days=2))


def test_a_cases_refund_goes_on_the_account_the_orders_money_came_in_by(tmp_path):
    init_shop(tmp_path, "zh")
    write_workbook(tmp_path / "orders.xlsx", ORDERS, "zh", {
        OrderLine: [_order("T1", platform="淘宝", source="淘宝"), _order("P1", platform="拼多多", source="拼多多"),
                    _order("D1", source="抖店"), _order("M1", source="手工"), _order("B1")],
        AfterSalesCase: [_case("TK-T", "T1"), _case("TK-P", "P1"), _case("TK-D", "D1"), _case("TK-M", "M1"),
                         _case("TK-B", "B1")]},
        keep_backup=False)
    accounts = [Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D("1000.00")),
                Account(account="微信", opening_date=dt.date(2026, 11, 1), opening_balance=D("0.00"))]
    refunds = [Category(category="退款", direction="支出", group="退款")]
    write_workbook(tmp_path / "ledger.xlsx", LEDGER, "zh", {Account: accounts, Category: refunds}, keep_backup=False)
    res = aftersales(open_shop(tmp_path), TODAY)
    # B1, typed in with 来源 and 平台 blank: the shop's own 淘宝 order, as the margin's platform fee counts it
    assert [(e.order_no, e.account, e.note) for e in res.ledger] == [("T1", "支付宝", "退款 TK-T（售后单记入，待支付宝对账）"),
                                                                     ("B1", "支付宝", "退款 TK-B（售后单记入，待支付宝对账）")]
    [said] = [i for i in res.issues if "不按支付宝记" in i.message_zh]
    assert said.message_zh.startswith("3 笔售后退款没有建议记账，不按支付宝记：订单 P1（TK-P）、订单 D1（TK-D）、订单 M1（TK-M）："
                                      "看不出订单的钱是从哪个账户收的"), said.message_zh
    assert "3 refunds: no ledger line proposed, and none on the Alipay account" in said.message_en
    # the platforms' own accounts on the sheet, and M1's refund booked by hand on WeChat: each where it belongs
    accounts += [Account(account="拼多多货款", opening_date=dt.date(2026, 11, 1), opening_balance=D("0.00")),
                 Account(account="抖店账户", opening_date=dt.date(2026, 11, 1), opening_balance=D("0.00"))]
    by_hand = Entry(date=TODAY, direction="支出", category="退款", amount=D("10.00"), account="微信", order_no="M1")
    write_workbook(tmp_path / "ledger.xlsx", LEDGER, "zh", {Account: accounts, Category: refunds, Entry: [by_hand]},
                   keep_backup=False)
    res = aftersales(open_shop(tmp_path), TODAY)
    assert [(e.order_no, e.account, e.note) for e in res.ledger] == [
        ("T1", "支付宝", "退款 TK-T（售后单记入，待支付宝对账）"), ("P1", "拼多多货款", "退款 TK-P（售后单记入）"),
        ("D1", "抖店账户", "退款 TK-D（售后单记入）"), ("B1", "支付宝", "退款 TK-B（售后单记入，待支付宝对账）")]
    assert not [i for i in res.issues if "不按支付宝记" in i.message_zh], res.issues
