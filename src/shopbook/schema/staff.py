"""The 绩效 sheet (in ledger.xlsx, beside the salary lines it leads to): each person's role and
pay rules. Staff pay (shopbook.staff) reads it with the orders' 客服 and 打包员 columns and
the after-sales complaints."""

from typing import Annotated, ClassVar

from .base import Choice, Col, Day, Int, Money, Pct, SheetModel, Text, YesNo


class StaffRole(Choice):
    CS = ("客服", "customer service", "customer_service")
    WAREHOUSE = ("仓库", "warehouse")
    OPERATIONS = ("运营", "operations")
    OTHER = ("其他", "other")


class StaffMember(SheetModel):
    zh: ClassVar[str] = "绩效"
    en: ClassVar[str] = "Staff pay"
    required_sheet: ClassVar[bool] = False
    quiet_if_missing: ClassVar[bool] = True  # only shops that pay through shopbook have it
    about_zh: ClassVar[str] = ("每人一行：底薪；客服按促成的销售额提成，月度销冠奖金，每次投诉扣款；仓库按每日超出定额的包裹计件。"
                               "姓名与订单表的“客服”“打包员”、售后表的“客服”一致。"
                               "月中调整工资标准时，同一姓名新加一行填上起始日期，旧的行留着：每天按当天的标准算。")
    about_en: ClassVar[str] = ("One row per person: base pay; customer service earn commission on the sales they close, "
                               "the month's top seller a bonus, and lose a deduction per complaint; the warehouse earn a "
                               "piece rate per parcel packed above the daily quota. Names as in the orders' cs and "
                               "packer columns and the after-sales staff column. A change of pay mid-month: add a row of the "
                               "same name with its start date, keep the old one: each day is paid at the rates of that day.")

    # one person on several rows: their pay changed, each row from its 起始日期 (staff.pay.in_force); the same name
    # twice with the same 起始日期 (two people of one name, or a change typed without its day) is refused there
    name: Annotated[Text, Col("姓名", "name", required=True)]
    role: Annotated[StaffRole, Col("岗位", "role", required=True)]
    base: Annotated[Money, Col("底薪", "base", required=True, help_zh="每月", help_en="Per month")]
    commission_rate: Annotated[Pct | None, Col("提成比例", "commission_rate", help_zh="促成销售额的百分比，如 1.5%",
                                               help_en="Of the sales closed, e.g. 1.5%")] = None
    piece_rate: Annotated[Money | None, Col("计件单价", "piece_rate", help_zh="超出每日定额的每个包裹",
                                            help_en="Per parcel packed above the daily quota")] = None
    daily_quota: Annotated[Int | None, Col("每日定额", "daily_quota", help_zh="每天打包多少个包裹以内不计件",
                                           help_en="Parcels a day included in the base pay")] = None
    top_bonus: Annotated[Money | None, Col("销冠奖金", "top_bonus", help_zh="本月促成销售额最高的客服得",
                                           help_en="Paid when this person closed the month's highest sales")] = None
    complaint_deduction: Annotated[Money | None, Col("投诉扣款", "complaint_deduction",
                                                     help_zh="每个投诉（售后表类型“投诉”，未关闭）",
                                                     help_en="Per complaint (after-sales type complaint, not closed)")] = None
    pay_account: Annotated[Text | None, Col("发薪账户", "pay_account", list_from=("账户", "account"),
                                            help_zh="工资从哪个账户付（流水账建议行用）",
                                            help_en="The account salaries are paid from (for the proposed ledger lines)")
                           ] = None
    active: Annotated[YesNo | None, Col("在职", "active", help_zh="填“否”不计算", help_en="No: left out")] = None
    # a leaver is paid on their last day: staff pay --book books them then, before the month is over
    left_on: Annotated[Day | None, Col("离职日期", "leaving_date",
                                       help_zh="最后一天；当月的工资在这天可记账（底薪填当月应发的部分）",
                                       help_en="The last day worked: that month's pay can be booked from it (enter the "
                                               "part of the base due for the month)")] = None
    start: Annotated[Day | None, Col("起始日期", "from",
                                     help_zh="工资标准改了（计件单价、提成比例、底薪…）：同一姓名新加一行，填上从哪天起，旧的行留着"
                                             "（新行空着的格子照旧行）；空表示一开始就用",
                                     help_en="The pay changed (piece rate, commission rate, base…): add a row of the same "
                                             "name with the day it starts, keep the old one (a blank cell of the new "
                                             "row is as the old row has it); blank: from the start")] = None
