"""stock.xlsx — 库存: products, movements, stocktake counts, waiting list, supplies."""

from typing import Annotated, ClassVar

from .base import Choice, Code, Col, Day, Int, Money, Num, SheetModel, Synonyms, Text, YesNo


class ProductStatus(Choice):
    ACTIVE = ("在售", "active", Synonyms("上架", "已上架", "在架", "在卖", "在售中", "销售中", "正常", "listed",
                                           "on sale", "for sale", "selling", "available"))
    # (不在售: of two statuses the negation of 在售 was offered the other; of three it is said outright)
    DELISTED = ("下架", "delisted", Synonyms("已下架", "停售", "已停售", "停产", "未上架", "不卖了", "不在售", "非在售", "unlisted",
                                             "inactive", "off sale", "discontinued", "not for sale"))
    # the seeds' 过季的…宝贝可以下架: still on sale while its stock clears, never restocked, so no stock alert
    # nags about it running low or out (stock.report.alerts)
    OUT_OF_SEASON = ("过季", "out of season", Synonyms("过季款", "换季", "out-of-season", "end of season", "off-season"))
    # the seeds' 部分款式可以无需拥有库存: listed to fill the shop, its goods ordered from the factory as orders come
    # in, so none on the shelf is no shortage (stock.report.alerts: alerted only for what orders wait for)
    NO_STOCK = ("不备货", "no stock kept", Synonyms("无需库存", "无库存款", "不压货", "现做", "定做", "按单生产", "made to order",
                                                  "no stock", "to order"))


class MovementType(Choice):
    IN = ("入库", "in", Synonyms("进货", "采购入库", "采购", "到货", "收货", "入货", "补货", "purchase", "received",
                                 "stock in"))
    OUT = ("出库", "out", Synonyms("销售出库", "发货", "销售", "出货", "领用", "sale", "sold", "shipped", "stock out"))
    RETURN = ("退货", "return", Synonyms("退货入库", "销售退货", "退回", "returned"))
    ADJUST = ("调整", "adjust", Synonyms("盘点", "盘盈", "盘点调整", "盘点入库", "盘盈入库", "调整入库", "stocktake",
                                         "correction"),
              # a loss typed as the positive units lost: as 调整 that adds them (报废 and 盘点出库 were offered 调整
              # without it, or 出库, which counts them as sold)
              Synonyms("盘亏", "报损", "损耗", "丢失", "报废", "破损", "损坏", "残次", "次品", "丢件", "盘亏出库", "盘点出库",
                       "调整出库", "报损出库", "loss", "write-off", "damaged", "scrapped",
                       note=("减少库存的调整，数量要填负数（少了 2 件填 -2）。",
                             "An adjustment that lowers the stock takes a negative quantity (2 lost: -2).")),
              # goods sent back to the supplier leave the shelf: never 退货 (a customer's return, adding them)
              # nor 入库, which "did you mean" offered for 采购退货 by its look
              Synonyms("采购退货", "退供应商", "退回供应商", "退给供应商", "退厂", "返厂", "退货出库", "采购退货出库",
                       "return to supplier", "returned to supplier", "supplier return",
                       note=("退给供应商的货记为调整，数量要填负数（退了 2 件填 -2）。",
                             ("Goods sent back to the supplier are an adjustment with a negative quantity "
                              "(2 sent back: -2)."))))


class Product(SheetModel):
    zh: ClassVar[str] = "商品"
    en: ClassVar[str] = "Products"
    about_zh: ClassVar[str] = "每个 SKU（一个款式的一种颜色和尺码）一行。"
    about_en: ClassVar[str] = "One row per SKU (a style in one colour and size)."

    sku: Annotated[Code, Col("商家编码", "sku", required=True, unique=True,
                             help_zh="唯一的 SKU 编码", help_en="Unique SKU code",
                             said=("SKU编码", "商品编码", "sku code", "sku id"))]
    style: Annotated[Code | None, Col("款号", "style")] = None
    name: Annotated[Text, Col("名称", "name", required=True, width=22, said=("品名", "宝贝名称", "product name"))]
    colour: Annotated[Text | None, Col("颜色", "colour")] = None
    size: Annotated[Text | None, Col("尺码", "size")] = None
    barcode: Annotated[Code | None, Col("条码", "barcode", unique=True, width=16,
                                         help_zh="文本格式，前导 0 不能丢",
                                         help_en="Text: leading zeros matter",
                                         said=("条形码", "条码号", "国标码", "ean", "ean13", "upc"))] = None
    bin: Annotated[Text | None, Col("库位", "bin", help_zh="如 A-03-2", help_en="e.g. A-03-2")] = None
    cost: Annotated[Money, Col("成本价", "cost", required=True,
                               said=("进价", "进货价", "采购价", "成本", "成本单价", "cost price", "purchase price"))]
    price: Annotated[Money, Col("售价", "price", required=True, help_zh="吊牌价", help_en="List price",
                                said=("零售价", "销售价", "吊牌价", "retail price", "selling price", "list price"))]
    safety_stock: Annotated[Int | None, Col("安全库存", "safety_stock", said=("最低库存", "库存下限", "预警库存"))] = None
    opening_qty: Annotated[Int | None, Col("期初库存", "opening_qty", said=("初始库存", "期初数量", "opening stock"))] = None
    lead_days: Annotated[Int | None, Col("补货周期(天)", "lead_days",
                                         help_zh="下单到到货的天数；空着用供应商表的交货周期",
                                         help_en="Days from order to delivery; blank: the supplier's lead time")] = None
    weight_kg: Annotated[Num | None, Col("重量(kg)", "weight_kg")] = None
    main: Annotated[YesNo | None, Col("主推", "main")] = None
    status: Annotated[ProductStatus | None, Col("状态", "status")] = None
    supplier: Annotated[Text | None, Col("供应商", "supplier", list_from=("供应商", "supplier"), width=14)] = None
    supplier_code: Annotated[Code | None, Col("供应商货号", "supplier_code", width=14,
                                               help_zh="供应商自己的编码，印在采购单上",
                                               help_en="The supplier's own code, printed on the PO")] = None


class Movement(SheetModel):
    zh: ClassVar[str] = "出入库"
    en: ClassVar[str] = "Movements"
    about_zh: ClassVar[str] = "每笔入库、出库、退货、调整一行。数量为正数；调整可为负数。"
    about_en: ClassVar[str] = "One row per stock movement. Quantity is positive; an adjustment may be negative."

    date: Annotated[Day, Col("日期", "date", required=True)]
    sku: Annotated[Code, Col("商家编码", "sku", required=True)]
    type: Annotated[MovementType, Col("类型", "type", required=True)]
    qty: Annotated[Int, Col("数量", "qty", required=True)]
    ref: Annotated[Code | None, Col("单号", "ref", width=20)] = None
    note: Annotated[Text | None, Col("备注", "note", width=24, remark=True)] = None


class StocktakeCount(SheetModel):
    zh: ClassVar[str] = "盘点"
    en: ClassVar[str] = "Stocktake"
    required_sheet: ClassVar[bool] = False
    about_zh: ClassVar[str] = "同一天同一 SKU 的多行是不同盘点人在不同位置的数量，会相加。"
    about_en: ClassVar[str] = "Several rows for one SKU on one date are different counters' places: they add up."
    # a row holding its date alone (the date dragged down over the blank rows between shelves) is no count: skipped
    typed_ahead: ClassVar[str | None] = "date"

    date: Annotated[Day, Col("日期", "date", required=True)]
    sku: Annotated[Code, Col("商家编码", "sku", required=True)]
    # a blank is a SKU not counted yet (a shelf left for tomorrow), 0 one counted and gone: its row is left out of
    # the posting, said, and posted once counted (before: one blank stopped the whole stocktake)
    counted: Annotated[Int, Col("实盘数量", "counted", required=True, blank_warns=True,
                                blank_zh="还没有盘点，过账时跳过这一行：数好后填上件数（一件也没有填 0），再过账。",
                                blank_en="not counted yet, left out of the posting: type the units counted (0 if "
                                         "none), then post again.")]
    counter: Annotated[Text | None, Col("盘点人", "counter")] = None
    note: Annotated[Text | None, Col("备注", "note", width=24, remark=True)] = None


class WaitlistEntry(SheetModel):
    zh: ClassVar[str] = "缺货登记"
    en: ClassVar[str] = "Waitlist"
    required_sheet: ClassVar[bool] = False
    about_zh: ClassVar[str] = "想买缺货款的客户；填商家编码，或 款号+尺码（这款有几个颜色时再填颜色）。"
    about_en: ClassVar[str] = ("Customers waiting for an out-of-stock item: give the SKU, or style + size (and the "
                               "colour where the style comes in several).")

    date: Annotated[Day, Col("登记日期", "date", required=True)]
    # (said: the seeds' 缺货登记 is typed "ID、需要通知的款号、码数": the customer's 旺旺 ID and the size as 码数)
    customer: Annotated[Text, Col("客户", "customer", required=True, width=16, said=("旺旺", "旺旺ID", "旺旺号", "id"))]
    contact: Annotated[Code | None, Col("联系方式", "contact", width=16)] = None
    sku: Annotated[Code | None, Col("商家编码", "sku", looked_for=True)] = None
    style: Annotated[Code | None, Col("款号", "style")] = None
    colour: Annotated[Text | None, Col("颜色", "colour")] = None
    size: Annotated[Text | None, Col("尺码", "size", said=("码数", "码", "尺寸"))] = None
    notified: Annotated[YesNo | None, Col("已通知", "notified", words=(
        ("已通知", "通知了", "已联系", "notified"), ("未通知", "没通知", "没有通知", "还没通知", "未联系", "not notified")))] = None


class Supply(SheetModel):
    zh: ClassVar[str] = "耗材"
    en: ClassVar[str] = "Supplies"
    required_sheet: ClassVar[bool] = False
    about_zh: ClassVar[str] = "纸箱、面单、胶带、快递袋、贺卡、赠品等耗材。"
    about_en: ClassVar[str] = "Boxes, waybills, tape, bags, gift cards, gifts."

    name: Annotated[Text, Col("名称", "name", required=True, unique=True, width=16)]
    on_hand: Annotated[Int, Col("库存", "on_hand", required=True)]
    daily_use: Annotated[Num | None, Col("日均用量", "daily_use")] = None
    alert_days: Annotated[Int | None, Col("预警天数", "alert_days")] = None


class Supplier(SheetModel):
    zh: ClassVar[str] = "供应商"
    en: ClassVar[str] = "Suppliers"
    required_sheet: ClassVar[bool] = False
    quiet_if_missing: ClassVar[bool] = True  # only shops that buy through shopbook have it
    about_zh: ClassVar[str] = "每个供应商一行；商品表的“供应商”列填这里的名称。"
    about_en: ClassVar[str] = "One row per supplier; the Products sheet's supplier column names one of them."

    supplier: Annotated[Text, Col("供应商", "supplier", required=True, unique=True, width=14)]
    contact: Annotated[Text | None, Col("联系人", "contact")] = None
    phone: Annotated[Code | None, Col("电话", "phone", width=14)] = None
    email: Annotated[Text | None, Col("邮箱", "email", width=20)] = None
    lead_days: Annotated[Int | None, Col("交货周期(天)", "lead_days",
                                         help_zh="下单到到货的天数（商品表填了补货周期的商品用它自己的）",
                                         help_en="Days from order to delivery (a product with its own lead time uses that)")] = None
    min_qty: Annotated[Int | None, Col("起订量", "min_qty", help_zh="每个 SKU 最少订多少件",
                                       help_en="Fewest units of one SKU per order")] = None
    pack: Annotated[Int | None, Col("每包件数", "pack", help_zh="按整包订：数量取整到它的倍数",
                                    help_en="Ordered in whole packs: quantities round up to a multiple")] = None
    note: Annotated[Text | None, Col("备注", "note", width=24, remark=True)] = None


class PoStatus(Choice):
    # the words buyers type for each (what "did you mean" offers: before, 已订货 and 已发货 were offered
    # 已到货 by their look, the goods still to come then off the books as on order; 待下单 offered 已下单)
    DRAFT = ("草稿", "draft", Synonyms("待下单", "未下单", "待采购", "未发出", "not sent"))
    ORDERED = ("已下单", "ordered", Synonyms("已订货", "已订购", "已采购", "已发货", "供应商已发货", "在途", "运输中",
                                             "未到货", "sent", "shipped", "in transit"))
    PARTLY = ("部分到货", "partly received", Synonyms("部分收货", "部分入库", "未到齐", "到了一部分", "part received",
                                                      "partially received"))
    RECEIVED = ("已到货", "received", Synonyms("已收货", "已入库", "到齐", "已到齐", "全部到货", "已完成", "完成",
                                               "complete", "done"))
    CANCELLED = ("已取消", "cancelled", Synonyms("取消", "作废", "已作废", "撤单", "不要了", "void"))


class PurchaseLine(SheetModel):
    zh: ClassVar[str] = "采购"
    en: ClassVar[str] = "Purchases"
    required_sheet: ClassVar[bool] = False
    quiet_if_missing: ClassVar[bool] = True  # only shops that buy through shopbook have it
    about_zh: ClassVar[str] = ("每张采购单每个 SKU 一行。草稿、已下单、部分到货的未到数量算在途。"
                               "已收数量由 shopbook 按带采购单号的入库记录填写。")
    about_en: ClassVar[str] = ("One row per SKU of a purchase order. What is not yet received on draft, ordered and "
                               "partly received lines is on order. shopbook fills received from the 'in' movements "
                               "carrying the PO number.")
    unique_together: ClassVar[tuple[tuple[str, ...], ...]] = (("po_no", "sku"),)

    po_no: Annotated[Code, Col("采购单号", "po_no", required=True, width=16)]
    supplier: Annotated[Text, Col("供应商", "supplier", required=True, list_from=("供应商", "supplier"), width=14)]
    sku: Annotated[Code, Col("商家编码", "sku", required=True)]
    qty: Annotated[Int, Col("数量", "qty", required=True)]
    unit_cost: Annotated[Money | None, Col("单价", "unit_cost", help_zh="空着按成本价",
                                           help_en="Blank: the product's cost")] = None
    order_date: Annotated[Day | None, Col("下单日期", "order_date")] = None
    expected_date: Annotated[Day | None, Col("预计到货", "expected_date")] = None
    status: Annotated[PoStatus, Col("状态", "status", required=True)]
    received: Annotated[Int | None, Col("已收数量", "received")] = None
    note: Annotated[Text | None, Col("备注", "note", width=24, remark=True)] = None
