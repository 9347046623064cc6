"""orders.xlsx — 订单: order lines, promotions, shipping rates, order-review rules."""

from typing import Annotated, ClassVar

from ..orders.couriers import canonical  # (a module of names alone: 中通快递 is 中通)
from .base import Choice, Code, Col, Day, Int, Moment, Money, Num, SheetModel, Text, YesNo


class OrderSource(Choice):
    TAOBAO = ("淘宝", "taobao")
    PINDUODUO = ("拼多多", "pinduoduo")
    DOUYIN = ("抖店", "douyin")
    AGENT = ("代理", "agent")
    MANUAL = ("手工", "manual")


class Platform(Choice):
    """Where an order was sold; an order number is unique within its platform."""

    TAOBAO = ("淘宝", "taobao")  # Taobao and Tmall: one seller centre, one export
    PINDUODUO = ("拼多多", "pinduoduo")
    DOUYIN = ("抖店", "douyin")


def platform_word(name: str, lang: str | None) -> str:
    """淘宝 / 拼多多 / 抖店 in the shop's language, as a sentence names it (Taobao, where an English
    sheet's cell says taobao; a name of no platform as it is), and a space before the order number
    it precedes; '' stays ''."""
    p = Platform._value2member_map_.get(name)
    word = (p.value if lang == "zh" else p.en.capitalize()) if p else name
    return word + " " if name else ""


class OrderStatus(Choice):
    NEW = ("待审核", "new")
    APPROVED = ("已审核", "approved")
    HELD = ("已挂起", "held")
    SHIPPED = ("已发货", "shipped")
    DELIVERED = ("已签收", "delivered")
    CLOSED = ("已关闭", "closed")
    CANCELLED = ("已取消", "cancelled")  # cancelled or refunded on the platform before it shipped


class PromotionKind(Choice):
    GIFT_OVER = ("满就送", "gift over amount", "gift_over")
    GIFT_FAVOURITE = ("收藏有礼", "gift for favourite", "gift_favourite")
    DISCOUNT_OVER = ("满减", "discount over amount", "discount_over")
    FREE_SHIPPING_OVER = ("包邮", "free shipping over amount", "free_shipping_over")
    # the platform's big event (淘金币, 双11, 双12): on its days a price below 7 折 is allowed (validate)
    BIG_EVENT = ("大促", "big event", "big_event", "平台大促", "大促活动")


SEALED = {"zh": "(平台加密)", "en": "(encrypted by the platform)"}  # receiver, phone, address the platform keeps


class OrderLine(SheetModel):
    zh: ClassVar[str] = "订单"
    en: ClassVar[str] = "Orders"
    about_zh: ClassVar[str] = "每个订单商品一行；订单级字段（收货人、地址、运费…）在每行重复。"
    about_en: ClassVar[str] = "One row per order line; order-level fields repeat on each line."

    order_no: Annotated[Code, Col("订单编号", "order_no", required=True, width=20,
                                  help_zh="文本，不能是数字", help_en="Text, never a number")]
    source: Annotated[OrderSource | None, Col("来源", "source")] = None
    platform: Annotated[Platform | None, Col("平台", "platform", help_zh="导入平台订单时填写；订单编号在同一平台内唯一",
                                             help_en="Filled in on import; an order number is unique within "
                                                     "its platform")] = None
    agent_id: Annotated[Code | None, Col("代理编号", "agent_id")] = None
    paid_at: Annotated[Moment | None, Col("付款时间", "paid_at", width=18)] = None
    buyer: Annotated[Text | None, Col("买家", "buyer", width=14)] = None
    # a platform order whose buyer details the platform encrypts (拼多多's current export has none)
    # holds SEALED in all three: its waybill is printed in the platform's own tools
    receiver: Annotated[Text, Col("收货人", "receiver", required=True)]
    # (said: an English shop's Mobile, Telephone; 联系电话 as the exports head it: named at its cell, to rename)
    phone: Annotated[Code, Col("手机", "phone", required=True, width=14,
                               said=("mobile", "telephone", "cellphone", "电话", "联系电话"))]
    address: Annotated[Text, Col("收货地址", "address", required=True, width=36)]
    sku: Annotated[Code, Col("商家编码", "sku", required=True)]
    qty: Annotated[Int, Col("数量", "qty", required=True)]
    unit_price: Annotated[Money | None, Col("单价", "unit_price")] = None
    platform_code: Annotated[Text | None, Col("平台编码", "platform_code", width=18,
                                              help_zh="这一行来自平台上的哪个编码：组合装/映射过的编码由 shopbook 填写，如 SET-A×1",
                                              help_en="The platform's code this line came from, when the SKU map "
                                                      "translated or expanded it (a bundle), e.g. SET-A×1")] = None
    shipping_fee: Annotated[Money | None, Col("运费", "shipping_fee", help_zh="每个订单", help_en="Per order")] = None
    buyer_message: Annotated[Text | None, Col("买家留言", "buyer_message", width=24)] = None
    seller_note: Annotated[Text | None, Col("卖家备注", "seller_note", width=24)] = None
    status: Annotated[OrderStatus | None, Col("状态", "status")] = None
    courier: Annotated[Text | None, Col("快递公司", "courier")] = None
    tracking_no: Annotated[Code | None, Col("快递单号", "tracking_no", width=18)] = None
    shipped_on: Annotated[Day | None, Col("发货日期", "shipped_on")] = None
    # written by shopbook: the review's reasons, the pick batch, what the platform says was changed
    review: Annotated[Text | None, Col("审单结果", "review", width=36,
                                       help_zh="审单时由 shopbook 填写", help_en="Filled in by the order review")] = None
    batch: Annotated[Text | None, Col("拣货批次", "batch", width=14,
                                      help_zh="打印拣货单时由 shopbook 填写", help_en="Filled in when a pick list is made")] = None
    gifts: Annotated[Text | None, Col("赠品", "gifts", width=16,
                                      help_zh="拣货时由 shopbook 按促销填写，如 GIFT-1×1；拣货前可手填（收藏有礼、补偿），"
                                              "与促销赠品一起送，同一编码按手填数量；填“无”不送；发货扫描按此核对",
                                      help_en="Filled in from the promotions when the pick list is made, e.g. "
                                              "GIFT-1×1; typed in before (a gift for favouriting the shop, a make-good), it goes "
                                              "with the promotions' gifts, a typed code's quantity winning; none: "
                                              "no gift; the scan check expects these")] = None
    changes: Annotated[Text | None, Col("修改记录", "changes", width=20,
                                        help_zh="买家或平台修改过地址/SKU", help_en="Address or SKU changed on the platform")] = None
    platform_status: Annotated[Text | None, Col("平台状态", "platform_status", width=20,
                                                help_zh="最近一次导入时平台上的状态和原因（退款中、交易关闭…），由 shopbook 填写",
                                                help_en="The platform's status and reason at the last import "
                                                        "(refunding, closed …); filled in by shopbook")] = None
    # who closed the sale (the Taobao export's 客服 where present) and who packed it (the scan
    # check's 打包员 line): staff pay (shopbook.staff) counts from these two
    cs: Annotated[Text | None, Col("客服", "cs", help_zh="促成这笔订单的客服（提成按此计算）",
                                   help_en="The customer-service person who closed the sale (commission)")] = None
    packer: Annotated[Text | None, Col("打包员", "packer", help_zh="发货扫描时由 shopbook 填写（计件按此计算）",
                                       help_en="Filled in by the scan check (piece pay)")] = None
    # the platform's promise to the buyer (抖店's export, 拼多多's older ones): a 预售 order's is weeks away, and it
    # is not to take the last units from an order due today (review.ship_due)
    ship_by: Annotated[Moment | None, Col("承诺发货时间", "ship_by", width=18,
                                          help_zh="平台承诺的最晚发货时间（抖店、拼多多的导出有），导入时填写；库存不够时，最早要发的订单先拿到货",
                                          help_en="The latest ship time the platform promised the buyer (Douyin and "
                                                  "Pinduoduo exports carry it), filled in on import; when stock is "
                                                  "short, the order due first gets it first")] = None


class Promotion(SheetModel):
    zh: ClassVar[str] = "促销"
    en: ClassVar[str] = "Promotions"
    required_sheet: ClassVar[bool] = False

    name: Annotated[Text, Col("名称", "name", required=True, width=18)]
    kind: Annotated[PromotionKind, Col("类型", "kind", required=True,
                                       help_zh="大促：平台大促（淘金币、双11、双12），开始到结束日期之间售价可低于 7 折",
                                       help_en="big event: the platform's (Taobao Coins, Double 11, Double 12); from its "
                                               "start to its end date a price below 70 % of list is no warning")]
    threshold: Annotated[Money | None, Col("门槛金额", "threshold")] = None
    gift_sku: Annotated[Code | None, Col("赠品编码", "gift_sku")] = None
    gift_qty: Annotated[Int | None, Col("赠品数量", "gift_qty")] = None
    start: Annotated[Day | None, Col("开始日期", "start")] = None
    end: Annotated[Day | None, Col("结束日期", "end")] = None
    enabled: Annotated[YesNo | None, Col("启用", "enabled")] = None

    @property
    def days(self) -> tuple:
        """A 大促 row's first and last day (one day where 结束日期 is blank); () for any other row."""
        if self.kind is not PromotionKind.BIG_EVENT or self.enabled is False or self.start is None:
            return ()
        return self.start, max(self.start, self.end or self.start)


class ShippingRate(SheetModel):
    zh: ClassVar[str] = "运费"
    en: ClassVar[str] = "Shipping rates"
    required_sheet: ClassVar[bool] = False
    unique_together: ClassVar[tuple[tuple[str, ...], ...]] = (("courier", "province"),)
    about_zh: ClassVar[str] = "按快递公司和省份的首重、续重价格；省份填“其他”作为兜底。"
    about_en: ClassVar[str] = "First-weight and extra-kg prices by courier and province; the province 'other' is the fallback."

    courier: Annotated[Text, Col("快递公司", "courier", required=True, same_as=canonical)]
    province: Annotated[Text, Col("省份", "province", required=True, one_of="provinces")]
    first_kg: Annotated[Num, Col("首重(kg)", "first_kg", required=True)]
    first_price: Annotated[Money, Col("首重价格", "first_price", required=True)]
    extra_per_kg: Annotated[Money, Col("续重每kg", "extra_per_kg", required=True)]


class SkuMap(SheetModel):
    zh: ClassVar[str] = "商品映射"
    en: ClassVar[str] = "SKU map"
    required_sheet: ClassVar[bool] = False
    unique_together: ClassVar[tuple[tuple[str, ...], ...]] = (("platform", "code", "sku"),)
    about_zh: ClassVar[str] = ("平台上的商品/SKU 编号或商家编码 → 我们的商家编码 × 数量。组合装/套餐写多行（同一编码，每个 SKU 一行）；"
                               "平台留空表示所有平台。")
    about_en: ClassVar[str] = ("A platform's product/SKU id or merchant code → our SKU × quantity. A bundle "
                               "is several rows of one code, one per SKU; a blank platform means every platform.")

    platform: Annotated[Platform | None, Col("平台", "platform")] = None
    code: Annotated[Code, Col("平台编码", "code", required=True, width=20,
                              help_zh="平台的商品ID、SKU ID 或商家编码", help_en="The platform's product/SKU id or merchant code")]
    sku: Annotated[Code, Col("商家编码", "sku", required=True)]
    qty: Annotated[Int, Col("数量", "qty", required=True, help_zh="每件平台商品含几件", help_en="Units per platform item")]


class ReviewRule(SheetModel):
    zh: ClassVar[str] = "审单规则"
    en: ClassVar[str] = "Review rules"
    required_sheet: ClassVar[bool] = False
    # (a rule left out still runs: a shop that never lists a check must not lose it silently)
    about_zh: ClassVar[str] = "每条审单规则一行，“启用”填是或否。表里没有列出的规则照常启用：要停用一条规则，加一行填“否”。"
    about_en: ClassVar[str] = ("One review rule per row, 'enabled' yes or no. A rule not listed here runs as if enabled: "
                               "to turn one off, add its row with 'no'.")

    rule: Annotated[Text, Col("规则", "rule", required=True, unique=True, width=20, one_of="review_rules")]
    enabled: Annotated[YesNo, Col("启用", "enabled", required=True)]
    parameter: Annotated[Text | None, Col("参数", "parameter", width=30)] = None


class CaseType(Choice):
    RETURN = ("退货退款", "return")
    EXCHANGE = ("换货", "exchange")
    REFUND_ONLY = ("仅退款", "refund only", "refund_only")
    RESEND = ("补发", "resend")
    COMPLAINT = ("投诉", "complaint")
    LOST = ("丢件", "lost")
    PROBLEM = ("问题件", "problem")  # opened by shopbook: a held order, a parcel that failed the scan check


class CaseStatus(Choice):
    OPEN = ("处理中", "open")
    WAITING_RETURN = ("等退货", "waiting for return", "waiting_return")
    RETURNED = ("已收到退货", "returned")
    DONE = ("已完成", "done")
    CLOSED = ("已关闭", "closed")


class AfterSalesCase(SheetModel):
    zh: ClassVar[str] = "售后"
    en: ClassVar[str] = "After-sales"
    required_sheet: ClassVar[bool] = False
    quiet_if_missing: ClassVar[bool] = True  # added when the first case opens
    about_zh: ClassVar[str] = ("每个售后问题一行：退货、换货、仅退款、补发、投诉、丢件。退款导出、挂起的订单和验货不过的包裹由 shopbook "
                               "自动登记；其他手工登记。")
    about_en: ClassVar[str] = ("One row per after-sales problem: return, exchange, refund only, resend, complaint, lost "
                               "parcel. Refund exports, held orders and parcels failing the scan check open theirs; "
                               "add the others by hand.")

    case_no: Annotated[Code, Col("售后单号", "case_no", required=True, unique=True, width=16)]
    opened_on: Annotated[Day, Col("登记日期", "opened_on", required=True)]
    order_no: Annotated[Code, Col("订单编号", "order_no", required=True, width=20)]
    sku: Annotated[Code | None, Col("商家编码", "sku", help_zh="哪一行商品；空表示整单",
                                    help_en="Which order line; blank: the whole order")] = None
    qty: Annotated[Int | None, Col("数量", "qty")] = None
    type: Annotated[CaseType, Col("类型", "type", required=True)]
    reason: Annotated[Text | None, Col("原因", "reason", width=24)] = None
    wants: Annotated[Text | None, Col("买家诉求", "wants", width=18)] = None
    needs: Annotated[Text | None, Col("所需材料", "needs", width=18, help_zh="还缺什么：照片、退货单号…",
                                      help_en="What is still needed: photos, the return's tracking no. …")] = None
    return_tracking: Annotated[Code | None, Col("退货单号", "return_tracking", width=18)] = None
    amount: Annotated[Money | None, Col("退款金额", "amount")] = None
    exchange_sku: Annotated[Code | None, Col("换货编码", "exchange_sku", help_zh="换成哪个商家编码；空表示同款同码",
                                             help_en="The SKU sent instead; blank: the same SKU")] = None
    resend_order: Annotated[Code | None, Col("补发单号", "resend_order", width=20,
                                             help_zh="补发/换货的新订单，由 shopbook 填写",
                                             help_en="The resend's new order, filled in by shopbook")] = None
    status: Annotated[CaseStatus | None, Col("状态", "status")] = None
    due: Annotated[Day | None, Col("截止日期", "due")] = None
    staff: Annotated[Text | None, Col("客服", "staff")] = None
    refund_no: Annotated[Code | None, Col("退款编号", "refund_no", width=20)] = None
    note: Annotated[Text | None, Col("处理记录", "note", width=30)] = None
