"""agents.xlsx — 代理: agents, tiers, agent prices, rebates, payments."""

from typing import Annotated, ClassVar

from .base import Choice, Code, Col, Day, Money, Pct, SheetModel, Synonyms, Text


class AgentStatus(Choice):
    ACTIVE = ("合作中", "active", Synonyms("合作", "正常", "正常合作", "在合作", "有效"))
    PAUSED = ("暂停", "paused", Synonyms("暂停合作", "已暂停", "暂停中", "冻结", "on hold"))
    ENDED = ("已终止", "ended", Synonyms("终止", "终止合作", "停止合作", "已停止合作", "不合作", "解约", "已解约",
                                         "结束合作", "清退", "stopped", "terminated"))


class Agent(SheetModel):
    zh: ClassVar[str] = "代理商"
    en: ClassVar[str] = "Agents"

    agent_id: Annotated[Code, Col("代理编号", "agent_id", required=True, unique=True)]
    name: Annotated[Text, Col("名称", "name", required=True, width=16)]
    tier: Annotated[Text, Col("等级", "tier", required=True, list_from=("等级", "tier"))]
    contact: Annotated[Text | None, Col("联系人", "contact")] = None
    phone: Annotated[Code | None, Col("手机", "phone", width=14)] = None
    email: Annotated[Text | None, Col("邮箱", "email", width=22)] = None
    status: Annotated[AgentStatus | None, Col("状态", "status")] = None
    # a 等级 changed mid-month: orders placed before this day are not priced at the new one (agents.settlement.line_tier)
    tier_from: Annotated[Day | None, Col("等级起始日期", "tier_from",
                                         help_zh="现在的等级从哪天起用（月中改等级时填）：这天之前下的、单价空着的订单按之前的等级计；空表示一直是它",
                                         help_en="The day its present tier applies from (fill in when the tier changes "
                                                 "mid-month): orders placed before it with no unit price are priced at "
                                                 "the tier before; blank: always this tier")] = None


class Tier(SheetModel):
    zh: ClassVar[str] = "等级"
    en: ClassVar[str] = "Tiers"

    tier: Annotated[Text, Col("等级", "tier", required=True, unique=True)]
    discount: Annotated[Pct, Col("折扣", "discount", required=True, discount=True,
                                 help_zh="代理价占售价的比例，如 0.6", help_en="Agent price as a share of list price, e.g. 0.6")]
    floor: Annotated[Pct | None, Col("最低零售折扣", "floor", discount=True,
                                     help_zh="最低零售价占售价的比例，默认 0.7",
                                     help_en="Lowest retail price as a share of list price; 0.7 unless set")] = None


class AgentPrice(SheetModel):
    zh: ClassVar[str] = "代理价"
    en: ClassVar[str] = "Agent prices"
    required_sheet: ClassVar[bool] = False
    unique_together: ClassVar[tuple[tuple[str, ...], ...]] = (("sku", "tier", "start"),)
    blank_is_a_value: ClassVar[tuple[str, ...]] = ("start",)
    about_zh: ClassVar[str] = ("覆盖等级折扣的单独代理价。改价时新加一行填上起始日期，旧的行留着：之前的订单照旧价结算。"
                               "只用几天的价（双12）再填结束日期：过了那天照原来的价。")
    about_en: ClassVar[str] = ("An agent price that overrides the tier discount. To change it, add a row with a "
                               "start date and keep the old one: earlier orders are settled at the old price. A price "
                               "for a few days (Double 12) takes an end date too: after it, the price is as before.")

    sku: Annotated[Code, Col("商家编码", "sku", required=True)]
    tier: Annotated[Text, Col("等级", "tier", required=True, list_from=("等级", "tier"))]
    price: Annotated[Money, Col("代理价", "price", required=True)]
    start: Annotated[Day | None, Col("起始日期", "from",
                                     help_zh="订单在这一天或之后的按这个价；空表示一开始就用",
                                     help_en="Orders of this day on are priced so; blank: from the start")] = None
    # a 双12 price typed with the day it ends: read, or the agent is billed it ever after (prices.PriceBook)
    end: Annotated[Day | None, Col("结束日期", "to", said=("截止日期", "end", "until"),
                                   help_zh="订单到这一天（含）为止按这个价，之后照原来的价；空表示一直用",
                                   help_en="Orders up to this day (included) are priced so, later ones as before; "
                                           "blank: no end")] = None


class Rebate(SheetModel):
    zh: ClassVar[str] = "返利"
    en: ClassVar[str] = "Rebates"
    required_sheet: ClassVar[bool] = False
    about_zh: ClassVar[str] = ("按当月销售额达到的最高一档返利。改返利政策时，新的一组行填上起始日期，旧的行留着：已结算的月份照旧。")
    about_en: ClassVar[str] = ("The month's sales earn the rate of the highest threshold they reach. To change the policy, add "
                               "the new rows with a start date and keep the old ones: settled months stay as sent.")

    # one threshold per table (起始日期): validate.rules.check_rebates, a blank date being one table too
    threshold: Annotated[Money, Col("月销售额下限", "threshold", required=True, help_zh="每张返利表（同一起始日期）每档一行",
                                    help_en="One row per threshold in each table (one start date)")]
    rate: Annotated[Pct, Col("返利比例", "rate", required=True)]
    start: Annotated[Day | None, Col("起始日期", "from",
                                     help_zh="从这一天所在的月份起用；同一起始日期的行是一张返利表，空表示一开始就用",
                                     help_en="Applies from the month of this date on; rows with one date are one table, "
                                             "blank: from the start")] = None


class Payment(SheetModel):
    zh: ClassVar[str] = "收款"
    en: ClassVar[str] = "Payments"
    required_sheet: ClassVar[bool] = False

    date: Annotated[Day, Col("日期", "date", required=True)]
    agent_id: Annotated[Code, Col("代理编号", "agent_id", required=True)]
    # (said: what an agent paid, headed as people head it, Paid, 收款, 实收: named at its cell, to rename)
    amount: Annotated[Money, Col("金额", "amount", required=True, said=("paid", "received", "收款", "实收", "已付"))]
    note: Annotated[Text | None, Col("备注", "note", width=24)] = None
