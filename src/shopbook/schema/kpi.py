"""kpi.xlsx — 数据日报: one row a day of traffic and sales, and targets."""

from typing import Annotated, ClassVar

from .base import Col, Day, Figure, Int, Money, Num, Pct, SheetModel, Text


class DailyKpi(SheetModel):
    zh: ClassVar[str] = "日报"
    en: ClassVar[str] = "Daily"
    # the definitions of 生意参谋, where the figures come from (shopbook kpi import)
    about_zh: ClassVar[str] = ("每天一行，与生意参谋的口径一致：转化率 = 支付买家数 ÷ 访客数；客单价 = 销售额 ÷ 支付买家数；"
                               "访问深度 = 浏览量 ÷ 访客数。")
    about_en: ClassVar[str] = ("One row a day, as 生意参谋 defines them: conversion = buyers ÷ visitors; AOV = sales ÷ "
                               "buyers; visit depth = page views ÷ visitors.")
    typed_ahead: ClassVar[str | None] = "date"  # the month's dates typed in ahead, their figures to come

    date: Annotated[Day, Col("日期", "date", required=True, unique=True)]
    page_views: Annotated[Int | None, Col("浏览量", "page_views")] = None
    visitors: Annotated[Int, Col("访客数", "visitors", required=True)]
    buyers: Annotated[Int | None, Col("支付买家数", "buyers")] = None
    # (said: 生意参谋's own names, which people copy in with its figures)
    orders: Annotated[Int, Col("支付订单数", "orders", required=True, said=("支付父订单数", "成交订单数"))]
    sales: Annotated[Money, Col("销售额", "sales", required=True, said=("支付金额", "成交金额", "销售金额", "gmv"))]
    units: Annotated[Int | None, Col("成交件数", "units", said=("支付件数", "支付商品件数"))] = None
    # (said: an English shop's Conversion rate and Average order value, as it says them and types them on Targets;
    # 生意参谋's 支付转化率: named at their cell, to rename, never read as blank unsaid)
    conversion: Annotated[Pct | None, Col("转化率", "conversion", said=("conversion rate", "cvr", "支付转化率"))] = None
    aov: Annotated[Money | None, Col("客单价", "aov", to_fen=True,  # (=F2/D2 typed as a formula)
                                     said=("average order value", "avg order value"))] = None
    dsr: Annotated[Num | None, Col("DSR", "dsr")] = None
    visit_depth: Annotated[Num | None, Col("访问深度", "visit_depth")] = None
    bounce_rate: Annotated[Pct | None, Col("首页跳失率", "bounce_rate")] = None
    positive_rate: Annotated[Pct | None, Col("好评率", "positive_rate")] = None
    ad_spend: Annotated[Money | None, Col("推广花费", "ad_spend")] = None
    # the three DSR scores, each with its own ≥ 4.8 target (the DSR column above: one overall score)
    dsr_description: Annotated[Num | None, Col("描述相符评分", "dsr_description")] = None
    dsr_logistics: Annotated[Num | None, Col("物流服务评分", "dsr_logistics")] = None
    dsr_service: Annotated[Num | None, Col("服务态度评分", "dsr_service")] = None


class Target(SheetModel):
    zh: ClassVar[str] = "目标"
    en: ClassVar[str] = "Targets"
    required_sheet: ClassVar[bool] = False
    about_zh: ClassVar[str] = "指标填日报的列名（如 支付订单数、转化率、好评率、DSR）。"
    about_en: ClassVar[str] = "Metric is a Daily column (e.g. orders, conversion, positive_rate, dsr)."

    metric: Annotated[Text, Col("指标", "metric", required=True)]
    # blank (a row half typed): the row passed over with a warning at its cell, the reports go on
    target: Annotated[Figure, Col("目标值", "target", required=True, blank_warns=True,
                                  blank_zh="这一行不算（这个指标按它其他行的目标，没有就按 shopbook 的默认目标，标“（默认）”；"
                                  "没有默认目标的不比目标）。填上目标值，或删掉这一行。",
                                  blank_en="this row is passed over: the metric is judged by its other rows' target, "
                                  "else by shopbook's default (marked (default)), else by none. Type the target, or "
                                  "delete the row.")]
    start: Annotated[Day | None, Col("起始日期", "from")] = None
