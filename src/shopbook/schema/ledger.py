"""ledger.xlsx — 流水账: entries, accounts, balance checks, categories."""

from typing import Annotated, ClassVar

from .base import Choice, Code, Col, Day, Money, SheetModel, Synonyms, Text


class Direction(Choice):
    IN = ("收入", "in", Synonyms("收", "进账", "入账", "收款", "进", "income", "received"))
    OUT = ("支出", "out", Synonyms("支", "出账", "付款", "花费", "出", "expense", "paid", "spent"))


class Entry(SheetModel):
    zh: ClassVar[str] = "流水"
    en: ClassVar[str] = "Entries"
    about_zh: ClassVar[str] = "每笔收入或支出一行，金额填正数，方向看“收支”。"
    about_en: ClassVar[str] = "One row per income or expense; the amount is positive, direction says which way."

    date: Annotated[Day, Col("日期", "date", required=True)]
    direction: Annotated[Direction, Col("收支", "direction", required=True)]
    category: Annotated[Text, Col("类别", "category", required=True, list_from=("类别", "category"))]
    amount: Annotated[Money, Col("金额", "amount", required=True)]
    account: Annotated[Text, Col("账户", "account", required=True, list_from=("账户", "account"))]
    order_no: Annotated[Code | None, Col("订单编号", "order_no", width=20)] = None
    txn_no: Annotated[Code | None, Col("流水号", "txn_no", width=22)] = None
    counterparty: Annotated[Text | None, Col("对方", "counterparty", width=16)] = None
    note: Annotated[Text | None, Col("备注", "note", width=24)] = None


class Account(SheetModel):
    zh: ClassVar[str] = "账户"
    en: ClassVar[str] = "Accounts"

    account: Annotated[Text, Col("账户", "account", required=True, unique=True)]
    opening_date: Annotated[Day, Col("期初日期", "opening_date", required=True)]
    opening_balance: Annotated[Money, Col("期初余额", "opening_balance", required=True)]


class BalanceCheck(SheetModel):
    zh: ClassVar[str] = "余额核对"
    en: ClassVar[str] = "Balance checks"
    required_sheet: ClassVar[bool] = False
    about_zh: ClassVar[str] = "银行或支付宝显示的当天日终余额。"
    about_en: ClassVar[str] = "The balance at the end of that day, as the bank or Alipay shows it."

    date: Annotated[Day, Col("日期", "date", required=True)]
    account: Annotated[Text, Col("账户", "account", required=True, list_from=("账户", "account"))]
    balance: Annotated[Money, Col("余额", "balance", required=True)]


class Category(SheetModel):
    zh: ClassVar[str] = "类别"
    en: ClassVar[str] = "Categories"

    category: Annotated[Text, Col("类别", "category", required=True, unique=True)]
    direction: Annotated[Direction, Col("收支", "direction", required=True)]
    group: Annotated[Text | None, Col("分组", "group", one_of="pnl_groups",
                                      help_zh="利润表分组：销售、退款、商品成本、快递运费、推广、工资、包装耗材、代理结算、其他；"
                                              "内部转账 = 自己账户之间转钱（如支付宝提现到银行），不进利润表",
                                      help_en="P&L group: sales, refunds, cost of goods, shipping, advertising, salaries, "
                                              "packaging, agent settlements, other; transfers = money moved between the "
                                              "shop's own accounts, kept out of the P&L")] = None
