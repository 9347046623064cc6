"""The demo shop: a clothing shop on Taobao with 120 days of history, deterministic.

About 45 styles in colours and sizes (about 300 SKUs), orders growing from about 30
to 60 a day, movements that agree with the orders, a stocktake, a waiting list,
supplies, a ledger using every category with balance checks that hold, a KPI row
per day consistent with the orders, three agents in two tiers, promotions and
shipping rates for all 31 mainland provinces. Money is Decimal throughout.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from .config import default_toml
from .io.files import ensure_not_a_shop, write_bytes_atomic
from .schema import (AGENTS, KPI, LEDGER, ORDERS, STOCK, Account, Agent, AgentPrice, BalanceCheck, Category, DailyKpi,
                     ProductStatus,
                     Entry, Movement, OrderLine, Payment, Product, Promotion, Rebate, ReviewRule, ShippingRate,
                     StocktakeCount, Supply, Target, Tier, WaitlistEntry)
from .schema import AfterSalesCase, PurchaseLine, StaffMember, Supplier
from .workbook_builder import write_workbook

DEMO_TODAY = dt.date(2026, 11, 21)  # the last day of history: "yesterday" for a run on 2026-11-22
DAYS = 120
D = Decimal
FEN = D("0.01")

STYLES = [  # (name, 款号 prefix, cost, kind: top / bottom / coat / accessory)
    ("纯棉圆领T恤", "TS", 22, "top"), ("宽松印花T恤", "TS", 26, "top"), ("条纹长袖T恤", "TS", 30, "top"),
    ("法式碎花衬衫", "SH", 45, "top"), ("牛津纺衬衫", "SH", 48, "top"), ("真丝质感衬衫", "SH", 62, "top"),
    ("亚麻休闲衬衫", "SH", 55, "top"), ("圆领针织开衫", "KN", 58, "top"), ("高领羊毛衫", "KN", 88, "top"),
    ("马海毛毛衣", "KN", 96, "top"), ("连帽卫衣", "SW", 52, "top"), ("加绒圆领卫衣", "SW", 60, "top"),
    ("高腰阔腿牛仔裤", "JN", 68, "bottom"), ("直筒牛仔裤", "JN", 64, "bottom"), ("破洞九分牛仔裤", "JN", 66, "bottom"),
    ("西装直筒裤", "PT", 58, "bottom"), ("休闲工装裤", "PT", 55, "bottom"), ("束脚运动裤", "PT", 42, "bottom"),
    ("百褶半身裙", "SK", 50, "bottom"), ("A字牛仔半裙", "SK", 48, "bottom"), ("针织包臀裙", "SK", 45, "bottom"),
    ("碎花连衣裙", "DR", 78, "top"), ("针织连衣裙", "DR", 82, "top"), ("衬衫式连衣裙", "DR", 76, "top"),
    ("羊毛混纺大衣", "CT", 260, "coat"), ("双面呢大衣", "CT", 320, "coat"), ("短款羽绒服", "DJ", 180, "coat"),
    ("长款羽绒服", "DJ", 240, "coat"), ("牛仔外套", "JK", 88, "coat"), ("西装外套", "JK", 120, "coat"),
    ("风衣", "JK", 150, "coat"), ("棒球服", "JK", 90, "coat"), ("摇粒绒外套", "JK", 70, "coat"),
    ("马甲背心", "VT", 40, "top"), ("吊带背心", "VT", 18, "top"), ("打底衫", "TS", 20, "top"),
    ("Polo衫", "TS", 35, "top"), ("短裤", "PT", 32, "bottom"), ("运动短裤", "PT", 28, "bottom"),
    ("毛线帽", "AC", 15, "accessory"), ("羊毛围巾", "AC", 35, "accessory"), ("帆布包", "AC", 25, "accessory"),
    ("针织手套", "AC", 12, "accessory"), ("棉袜三双装", "AC", 8, "accessory"), ("渔夫帽", "AC", 16, "accessory"),
]
COLOURS = [("白色", "WH"), ("黑色", "BK"), ("藏青", "NV"), ("卡其", "KH"), ("灰色", "GY"), ("米色", "BG"),
           ("酒红", "WR"), ("雾蓝", "BL")]
SIZES = {"top": ["S", "M", "L", "XL"], "bottom": ["26", "27", "28", "29", "30"], "coat": ["S", "M", "L", "XL"],
         "accessory": ["均码"]}
WEIGHTS = {"top": D("0.30"), "bottom": D("0.55"), "coat": D("1.20"), "accessory": D("0.15")}
PROVINCES = [  # (full name, city, district, first-kg price, extra per kg)
    ("北京", "北京市", "朝阳区", 6, 2), ("天津", "天津市", "河西区", 6, 2), ("河北省", "石家庄市", "长安区", 6, 2),
    ("山西省", "太原市", "小店区", 7, 3), ("内蒙古自治区", "呼和浩特市", "新城区", 12, 8),
    ("辽宁省", "沈阳市", "和平区", 7, 3), ("吉林省", "长春市", "朝阳区", 8, 4), ("黑龙江省", "哈尔滨市", "南岗区", 8, 4),
    ("上海", "上海市", "浦东新区", 5, 1), ("江苏省", "南京市", "玄武区", 5, 1), ("浙江省", "杭州市", "西湖区", 5, 1),
    ("安徽省", "合肥市", "蜀山区", 5, 1), ("福建省", "福州市", "鼓楼区", 6, 2), ("江西省", "南昌市", "东湖区", 6, 2),
    ("山东省", "济南市", "历下区", 6, 2), ("河南省", "郑州市", "金水区", 6, 2), ("湖北省", "武汉市", "洪山区", 6, 2),
    ("湖南省", "长沙市", "岳麓区", 6, 2), ("广东省", "广州市", "天河区", 6, 2), ("广西壮族自治区", "南宁市", "青秀区", 7, 3),
    ("海南省", "海口市", "龙华区", 9, 5), ("重庆", "重庆市", "渝中区", 7, 3), ("四川省", "成都市", "武侯区", 7, 3),
    ("贵州省", "贵阳市", "南明区", 8, 4), ("云南省", "昆明市", "五华区", 8, 4), ("西藏自治区", "拉萨市", "城关区", 20, 15),
    ("陕西省", "西安市", "雁塔区", 7, 3), ("甘肃省", "兰州市", "城关区", 10, 6), ("青海省", "西宁市", "城中区", 12, 8),
    ("宁夏回族自治区", "银川市", "兴庆区", 10, 6), ("新疆维吾尔自治区", "乌鲁木齐市", "天山区", 20, 15),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞燕婷雪琳晨宇浩然欣怡子涵梓萱"
ROADS = ["中山路", "人民路", "解放路", "建设路", "文化路", "和平路", "新华路", "胜利路", "长江路", "学院路"]
COURIERS = ["中通", "圆通", "韵达", "申通"]
MESSAGES = ["请发中通，谢谢", "尽快发货", "+1 要大一码", "不要放发票", "送朋友的，包装好看点", "=帮我改成黑色", "颜色要和图片一样"]

# What the shop typed, in an English shop's words: the draws are made on the Chinese tables
# above, always, and only the word written depends on the language (the Chinese demo stays
# byte for byte as it was). What came from buyers and the platforms (receivers, addresses,
# buyer messages, couriers as the 运费 sheet and the platforms name them, provinces) is kept.
EN = {
    # products
    "纯棉圆领T恤": "Cotton crew-neck T-shirt", "宽松印花T恤": "Loose printed T-shirt", "条纹长袖T恤": "Striped long-sleeve T-shirt",
    "法式碎花衬衫": "French floral blouse", "牛津纺衬衫": "Oxford shirt", "真丝质感衬衫": "Silk-feel shirt",
    "亚麻休闲衬衫": "Linen casual shirt", "圆领针织开衫": "Crew-neck cardigan", "高领羊毛衫": "Wool turtleneck",
    "马海毛毛衣": "Mohair sweater", "连帽卫衣": "Hoodie", "加绒圆领卫衣": "Fleece-lined sweatshirt",
    "高腰阔腿牛仔裤": "High-waist wide-leg jeans", "直筒牛仔裤": "Straight-leg jeans", "破洞九分牛仔裤": "Ripped ankle jeans",
    "西装直筒裤": "Tailored straight trousers", "休闲工装裤": "Cargo trousers", "束脚运动裤": "Jogger trousers",
    "百褶半身裙": "Pleated skirt", "A字牛仔半裙": "A-line denim skirt", "针织包臀裙": "Knit pencil skirt",
    "碎花连衣裙": "Floral dress", "针织连衣裙": "Knit dress", "衬衫式连衣裙": "Shirt dress",
    "羊毛混纺大衣": "Wool-blend coat", "双面呢大衣": "Double-faced wool coat", "短款羽绒服": "Short down jacket",
    "长款羽绒服": "Long down coat", "牛仔外套": "Denim jacket", "西装外套": "Blazer",
    "风衣": "Trench coat", "棒球服": "Baseball jacket", "摇粒绒外套": "Fleece jacket",
    "马甲背心": "Vest", "吊带背心": "Camisole", "打底衫": "Base layer top",
    "Polo衫": "Polo shirt", "短裤": "Shorts", "运动短裤": "Sports shorts",
    "毛线帽": "Knit beanie", "羊毛围巾": "Wool scarf", "帆布包": "Canvas bag",
    "针织手套": "Knit gloves", "棉袜三双装": "Cotton socks, 3 pairs", "渔夫帽": "Bucket hat",
    "白色": "White", "黑色": "Black", "藏青": "Navy", "卡其": "Khaki", "灰色": "Grey", "米色": "Beige",
    "酒红": "Burgundy", "雾蓝": "Dusty blue", "均码": "One size",
    # movements and the stocktake
    "采购入库": "purchase received", "发货": "shipped", "七天无理由退货": "7-day no-reason return",
    "小王": "Wang", "小李": "Li", "货架": "shelves", "仓库里间": "back room",
    # the ledger: categories as an English shop's P&L, proposals and purchase payments name them,
    # accounts as reconcile (Alipay, WeChat) and purchasing (Bank) look for them
    "销售收入": "Sales", "运费收入": "Shipping income", "代理货款": "Agent payments", "其他收入": "Other income",
    "退款": "Refunds", "采购货款": "Purchases", "快递费": "Courier fees", "直通车": "Search ads",
    "钻展": "Display ads", "淘宝客": "Affiliate commissions", "工资": "Salaries", "包装耗材": "Packaging",
    "代理返利": "Agent rebates", "平台服务费": "Platform fees", "房租水电": "Rent and utilities",
    "其他支出": "Other expenses", "内部转出": "Transfer out", "内部转入": "Transfer in",
    "支付宝": "Alipay", "微信": "WeChat", "银行": "Bank", "现金": "Cash",
    "当日淘宝货款": "Taobao sales of the day", "当日买家运费": "buyers' shipping of the day",
    "技术服务费": "platform service fee", "供应商货款": "supplier payment", "退货退款": "return refunded",
    "淘宝客佣金": "affiliate commission", "快递月结预付": "courier monthly prepayment", "上月工资": "last month's salaries",
    "仓库房租水电": "warehouse rent and utilities", "纸箱快递袋胶带": "boxes, mailers, tape", "门店零售": "shop counter sales",
    "杂费": "sundries", "代理月结货款": "agents' monthly payment", "充值到微信": "top-up to WeChat",
    "银行转入": "from the bank", "提现到银行": "withdrawn to the bank", "支付宝提现": "Alipay withdrawal",
    # the daily report's targets, as the Targets sheet names the Daily columns
    "支付订单数": "Orders", "转化率": "Conversion", "好评率": "Positive rate",
    # agents
    "金牌": "Gold", "银牌": "Silver", "杭州衣橱": "Hangzhou Wardrobe", "成都小店": "Chengdu Corner Shop",
    "广州优品": "Guangzhou Select", "陈晓": "Chen Xiao", "李娜": "Li Na", "黄磊": "Huang Lei", "月结付款": "monthly payment",
    # the waiting list, supplies, promotions, order review rules (their English names: orders/review.RULES)
    "老顾客": "Regular customer ", "纸箱 小号": "Boxes, small", "纸箱 大号": "Boxes, large", "快递袋": "Mailer bags",
    "面单": "Shipping labels", "胶带": "Tape", "贺卡": "Greeting cards", "赠品 袜子": "Gift socks",
    "满199送袜子": "Free socks over ¥199", "满300减30": "¥30 off over ¥300", "满99包邮": "Free shipping over ¥99",
    "手机号格式": "phone format", "地址解析": "address", "偏远地区": "remote area", "商品编码": "sku",
    "库存不足": "stock", "留言备注": "message", "合并发货": "merge",
    # suppliers
    "杭州四季青服饰": "Hangzhou Sijiqing Apparel", "广州新塘牛仔厂": "Xintang Denim Works", "常熟羽绒服装": "Changshu Down Garments",
    "义乌配饰批发": "Yiwu Accessories Wholesale", "陈姐": "Ms Chen", "李老板": "Mr Li", "周经理": "Manager Zhou", "小吴": "Wu",
}


def word(w: str | None, lang: str) -> str | None:
    """`w` as the shop's language writes it: the Chinese word itself, or its English in EN."""
    return w if lang == "zh" or w is None else EN[w]


def money(v) -> Decimal:
    return D(v).quantize(FEN, rounding=ROUND_HALF_UP)


def ean13(rnd: random.Random, prefix: str) -> str:
    body = prefix + "".join(str(rnd.randrange(10)) for _ in range(12 - len(prefix)))
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    return body + str((10 - total % 10) % 10)


def make_products(rnd: random.Random, lang: str = "zh") -> list[Product]:
    products = []
    for k, (name, prefix, cost, kind) in enumerate(STYLES):
        style = f"{prefix}26{k + 1:02d}"
        n_col = 1 if kind == "accessory" else rnd.choice((1, 2, 2, 2, 3))
        colours = rnd.sample(COLOURS, n_col)
        sizes = SIZES[kind]
        price = (D(cost) * D(rnd.choice(("2.2", "2.5", "2.8", "3.2")))).quantize(D("1")) + D(rnd.choice(("0", "0.9")))
        main = k in (0, 12)  # 主推: the basic T-shirt and the wide-leg jeans
        for cz, cc in colours:
            for size in sizes:
                sku = f"{style}-{cc}-{size if size != '均码' else 'F'}"
                products.append(Product.from_cells({
                    "sku": sku, "style": style, "name": word(name, lang), "colour": word(cz, lang),
                    "size": word(size, lang) if size == "均码" else size,
                    "barcode": ean13(rnd, "0" if rnd.random() < 0.2 else "69"),
                    "bin": None if rnd.random() < 0.03 else f"{chr(65 + k % 6)}-{k // 6 + 1:02d}-{sizes.index(size) + 1}",
                    "cost": money(cost), "price": money(price), "safety_stock": 8 if main else rnd.choice((3, 4, 5)),
                    "opening_qty": (60 if main else rnd.randint(8, 30)), "lead_days": rnd.randint(7, 20),
                    "weight_kg": WEIGHTS[kind], "main": main, "status": ProductStatus.ACTIVE}))
    for p in products[-4:]:  # a few delisted at the end of the range
        p.status = ProductStatus.DELISTED
    return products


def make_orders(rnd, products, agents, prices, lang: str = "zh"):
    """120 days of orders, the movements they cause, and purchases that keep stock ≥ 0."""
    start = DEMO_TODAY - dt.timedelta(days=DAYS - 1)
    active = [p for p in products if p.status.value == "在售"]
    weights = [5 if p.main else (0.2 if p.style.endswith("09") else 1) for p in active]  # one slow style
    stock = Counter({p.sku: p.opening_qty for p in products})
    lines, moves = [], []
    serial = 3515131473000000000
    by_day_orders = defaultdict(list)
    for d in range(DAYS):
        day = start + dt.timedelta(days=d)
        base = 30 + 30 * d / (DAYS - 1)
        n = max(5, int(base * (1.12 if day.weekday() >= 5 else 1) + rnd.uniform(-4, 4)))
        if d in (DAYS - 9, DAYS - 30):
            n = int(n * 0.55)  # a bad day, for the anomaly check
        # purchases: weekly, topping SKUs back up; a few are not reordered in the last
        # three weeks (sold out or running low: the alerts and the waiting list have work)
        if day.weekday() == 0 and d:
            for p in active:
                want = (70 if p.main else 12) - stock[p.sku]
                late = d > DAYS - 35 and (hash_of(p.sku) % 6 == 0)
                if want > 4 and not p.style.endswith("09") and not late:
                    moves.append(Movement.from_cells({"date": day, "sku": p.sku, "type": _mt("入库"), "qty": want,
                                                      "ref": f"CG{day:%Y%m%d}", "note": word("采购入库", lang)}))
                    stock[p.sku] += want
        for _ in range(n):
            serial += rnd.randint(1, 9999)
            no = str(serial)
            prov, city, dist, _, _ = rnd.choice(PROVINCES[:25] * 3 + PROVINCES[25:])
            name = rnd.choice(SURNAMES) + rnd.choice(GIVEN) + (rnd.choice(GIVEN) if rnd.random() < 0.6 else "")
            phone = f"1{rnd.choice('3456789')}{rnd.randrange(10**9):09d}"
            if rnd.random() < 0.03:
                phone = phone[:3] + "****" + phone[7:]
            paid = dt.datetime.combine(day, dt.time(rnd.randint(8, 23), rnd.randrange(60), rnd.randrange(60)))
            agent = rnd.choice(agents) if rnd.random() < 0.06 else None
            items = rnd.choices(active, weights, k=rnd.choice((1, 1, 1, 2, 2, 3)))
            items = list({p.sku: p for p in items}.values())
            items = [p for p in items if stock[p.sku] > 0]
            if not items:
                continue
            fee = D(rnd.choice((0, 0, 0, 0, 6, 8, 10)))
            age = (DEMO_TODAY - day).days
            status = "已签收" if age > 5 else ("已发货" if age > 1 else "待审核")
            if age > 5 and rnd.random() < 0.01:
                status = "已关闭"
            courier = rnd.choice(COURIERS) if status in ("已签收", "已发货") else None
            msg = rnd.choice(MESSAGES) if rnd.random() < 0.04 else None
            buyer = address = None  # an order's, as the platforms repeat them on each of its lines
            for p in items:
                qty = 1 if rnd.random() < 0.85 else 2
                qty = min(qty, stock[p.sku])
                unit = prices(p, agent) if agent else money(p.price * D(rnd.choice(("1", "1", "0.9", "0.85", "0.8"))))
                # (drawn for every line, as before, so the rest of the demo stays as it was; the first line's kept)
                drawn = None if agent else f"tb_{rnd.randrange(10**6):06d}"
                buyer = buyer or drawn
                drawn = f"{prov} {city} {dist} {rnd.choice(ROADS)}{rnd.randint(1, 999)}号"
                address = address or drawn
                lines.append(OrderLine.from_cells({
                    "order_no": f"{agent.agent_id}-{no[-8:]}" if agent else no,
                    "source": _src("代理" if agent else "淘宝"), "agent_id": agent.agent_id if agent else None,
                    "platform": None if agent else _platform("淘宝"),
                    "paid_at": paid, "buyer": buyer, "receiver": name,
                    "phone": phone, "address": address,
                    "sku": p.sku, "qty": qty, "unit_price": unit, "shipping_fee": fee, "buyer_message": msg,
                    "status": _st(status), "courier": courier,
                    "tracking_no": f"7{rnd.randrange(10**13):013d}" if courier else None,
                    "shipped_on": day + dt.timedelta(days=1) if courier else None}))
                if status in ("已签收", "已发货"):
                    stock[p.sku] -= qty
                    moves.append(Movement.from_cells({"date": day + dt.timedelta(days=1), "sku": p.sku,
                                                      "type": _mt("出库"), "qty": qty, "ref": lines[-1].order_no,
                                                      "note": word("发货", lang)}))
            by_day_orders[day].append(lines[-1].order_no)
    # a few returns of delivered goods
    delivered = [ln for ln in lines if ln.status.value == "已签收"]
    for ln in rnd.sample(delivered, 12):
        moves.append(Movement.from_cells({"date": ln.shipped_on + dt.timedelta(days=4), "sku": ln.sku,
                                          "type": _mt("退货"), "qty": 1, "ref": ln.order_no, "note": word("七天无理由退货", lang)}))
    moves.sort(key=lambda m: (m.date, m.type.value, m.sku))
    return lines, moves


def hash_of(s: str) -> int:
    """A stable number for a string (Python's hash() changes between runs)."""
    return sum(ord(c) * (i + 1) for i, c in enumerate(s))


def _mt(word):
    from .schema import MovementType

    return MovementType(word)


def _st(word):
    from .schema import OrderStatus

    return OrderStatus(word)


def _platform(word):
    from .schema import Platform

    return Platform(word)


def _src(word):
    from .schema import OrderSource

    return OrderSource(word)


def on_hand_at(products, moves, day):
    from .stock.levels import on_hand

    return on_hand(products, [m for m in moves if m.date <= day])


def make_stocktake(rnd, products, moves, lang: str = "zh"):
    day = DEMO_TODAY - dt.timedelta(days=3)
    have = on_hand_at(products, moves, day)
    counts = []
    for p in products:
        if p.status.value != "在售":
            continue
        q = have[p.sku]
        if rnd.random() < 0.05:
            q = max(0, q + rnd.choice((-2, -1, 1)))
        if q > 6 and rnd.random() < 0.15:  # two counters, two places: the counts add up
            a = rnd.randint(1, q - 1)
            counts.append(StocktakeCount.from_cells({"date": day, "sku": p.sku, "counted": a, "counter": word("小王", lang),
                                                     "note": word("货架", lang)}))
            counts.append(StocktakeCount.from_cells({"date": day, "sku": p.sku, "counted": q - a,
                                                     "counter": word("小李", lang), "note": word("仓库里间", lang)}))
        else:
            counts.append(StocktakeCount.from_cells({"date": day, "sku": p.sku, "counted": q, "counter": word("小王", lang)}))
    return counts


def make_ledger(rnd, lines, moves, products, kpi_days, lang: str = "zh"):
    from .money.ledger import GROUPS

    start = DEMO_TODAY - dt.timedelta(days=DAYS - 1)
    cats = [("销售收入", "收入", "sales"), ("运费收入", "收入", "shipping"), ("代理货款", "收入", "agent settlements"),
            ("其他收入", "收入", "other"), ("退款", "支出", "refunds"), ("采购货款", "支出", "cost of goods"),
            ("快递费", "支出", "shipping"), ("直通车", "支出", "advertising"), ("钻展", "支出", "advertising"),
            ("淘宝客", "支出", "advertising"), ("工资", "支出", "salaries"), ("包装耗材", "支出", "packaging"),
            ("代理返利", "支出", "agent settlements"), ("平台服务费", "支出", "other"), ("房租水电", "支出", "other"),
            ("其他支出", "支出", "other"), ("内部转出", "支出", "transfers"), ("内部转入", "收入", "transfers")]
    # each P&L group as the shop's language names it (销售 / sales), as the 利润表 does
    categories = [Category.from_cells({"category": word(c, lang), "direction": _dir(d),
                                       "group": GROUPS[g][0 if lang == "zh" else -1]}) for c, d, g in cats]
    accounts = [Account.from_cells({"account": word(a, lang), "opening_date": start, "opening_balance": D(b)})
                for a, b in (("支付宝", "20000.00"), ("微信", "3000.00"), ("银行", "80000.00"), ("现金", "1500.00"))]
    entries = []
    cost = {p.sku: p.cost for p in products}
    taobao_by_day = defaultdict(lambda: [D(0), D(0)])
    seen = set()
    for ln in lines:
        if ln.source.value == "淘宝" and ln.status.value != "已关闭":
            day = ln.paid_at.date()
            taobao_by_day[day][0] += ln.unit_price * ln.qty
            if ln.order_no not in seen:
                seen.add(ln.order_no)
                taobao_by_day[day][1] += ln.shipping_fee or 0
    txn = 0

    def add(day, d, cat, amount, account, note=None, order=None):
        nonlocal txn
        txn += 1
        entries.append(Entry.from_cells({"date": day, "direction": _dir(d), "category": word(cat, lang),
                                         "amount": money(amount), "account": word(account, lang), "order_no": order,
                                         "txn_no": f"LS{day:%Y%m%d}{txn:05d}", "counterparty": None,
                                         "note": word(note, lang)}))

    for day, (goods, ship) in sorted(taobao_by_day.items()):
        add(day, "收入", "销售收入", goods, "支付宝", "当日淘宝货款")
        if ship:
            add(day, "收入", "运费收入", ship, "支付宝", "当日买家运费")
        add(day, "支出", "平台服务费", goods * D("0.05"), "支付宝", "技术服务费")
    for m in moves:
        if m.type.value == "入库" and m.ref:
            pass
    purchases = defaultdict(D)
    for m in moves:
        if m.type.value == "入库":
            purchases[m.date] += cost[m.sku] * m.qty
    for day, amount in sorted(purchases.items()):
        add(day, "支出", "采购货款", amount, "银行", "供应商货款")
    for m in moves:
        if m.type.value == "退货":
            price = next(ln.unit_price for ln in lines if ln.order_no == m.ref and ln.sku == m.sku)
            add(m.date, "支出", "退款", price, "支付宝", "退货退款", m.ref)
    shipped_lines = Counter(ln.shipped_on for ln in lines)  # (a year's lines counted once, not once a day)
    for k in kpi_days:
        add(k.date, "支出", "直通车", k.ad_spend * D("0.6"), "支付宝", "直通车")
        add(k.date, "支出", "钻展", k.ad_spend * D("0.25"), "支付宝", "钻展")
        add(k.date, "支出", "淘宝客", k.ad_spend - money(k.ad_spend * D("0.6")) - money(k.ad_spend * D("0.25")),
            "支付宝", "淘宝客佣金")
        n = shipped_lines[k.date]
        if n:
            add(k.date, "支出", "快递费", D("3.2") * n, "支付宝", "快递月结预付")
    day = start
    while day <= DEMO_TODAY:
        if day.day == 10:
            add(day, "支出", "工资", D("18500"), "银行", "上月工资")
            add(day, "支出", "房租水电", D("4200"), "银行", "仓库房租水电")
        if day.day in (1, 15):
            add(day, "支出", "包装耗材", D("860"), "微信", "纸箱快递袋胶带")
        if day.weekday() == 3:
            add(day, "收入", "其他收入", D(rnd.randint(50, 300)), "现金", "门店零售")
            add(day, "支出", "其他支出", D(rnd.randint(20, 120)), "现金", "杂费")
        if day.day == 28:
            add(day, "收入", "代理货款", D(rnd.randint(2000, 6000)), "银行", "代理月结货款")
            add(day, "支出", "代理返利", D(rnd.randint(60, 200)), "银行", "代理返利")
        day += dt.timedelta(days=1)
    # money moved between the accounts, as a shop does: Alipay withdrawn to the bank on Mondays
    # (down to 20,000), WeChat topped up from the bank on the 2nd
    from .money.ledger import balances

    day = start
    while day <= DEMO_TODAY:
        if day.day == 2:
            add(day, "支出", "内部转出", D("2000"), "银行", "充值到微信")
            add(day, "收入", "内部转入", D("2000"), "微信", "银行转入")
        if day.weekday() == 0:
            surplus = balances(accounts, entries, day)[word("支付宝", lang)] - 20000
            if surplus >= 5000:
                amount = surplus // 1000 * 1000
                add(day, "支出", "内部转出", amount, "支付宝", "提现到银行")
                add(day, "收入", "内部转入", amount, "银行", "支付宝提现")
        day += dt.timedelta(days=1)
    entries.sort(key=lambda e: (e.date, e.txn_no))
    # balance checks at each month end and on the last day: the computed balances, to the fen
    checks = []
    ends = sorted({(d.replace(day=1) - dt.timedelta(days=1)) for d in (start + dt.timedelta(days=i) for i in range(DAYS))
                   if start <= d.replace(day=1) - dt.timedelta(days=1)} | {DEMO_TODAY})
    for d in ends:
        bal = balances(accounts, entries, d)
        for a in (word("支付宝", lang), word("银行", lang)):
            checks.append(BalanceCheck.from_cells({"date": d, "account": a, "balance": bal[a]}))
    return entries, accounts, checks, categories


def _dir(word):
    from .schema import Direction

    return Direction(word)


def make_kpi(rnd, lines, lang: str = "zh"):
    start = DEMO_TODAY - dt.timedelta(days=DAYS - 1)
    per = defaultdict(lambda: {"orders": set(), "buyers": set(), "units": 0, "sales": D(0)})
    fee_seen = set()
    for ln in lines:
        if ln.status.value == "已关闭":
            continue
        d = per[ln.paid_at.date()]
        d["orders"].add(ln.order_no)
        d["buyers"].add(ln.receiver)
        d["units"] += ln.qty
        d["sales"] += ln.unit_price * ln.qty
        if ln.order_no not in fee_seen:
            fee_seen.add(ln.order_no)
            d["sales"] += ln.shipping_fee or 0
    rows = []
    for i in range(DAYS):
        day = start + dt.timedelta(days=i)
        d = per[day]
        orders, buyers = len(d["orders"]), len(d["buyers"])
        visitors = int(orders / rnd.uniform(0.018, 0.028)) if orders else 500
        conv = (D(buyers) / D(visitors)).quantize(D("0.0001"))
        page_views = int(visitors * rnd.uniform(2.6, 3.4))
        rows.append(DailyKpi.from_cells({  # as 生意参谋 defines them: AOV per buyer, depth = views ÷ visitors
            "date": day, "page_views": page_views, "visitors": visitors, "buyers": buyers,
            "orders": orders, "sales": money(d["sales"]), "units": d["units"], "conversion": conv,
            "aov": money(d["sales"] / buyers) if buyers else None, "dsr": D(str(round(rnd.uniform(4.72, 4.92), 2))),
            # the old random depth is still drawn (and dropped): the rest of the demo stays as it was
            "visit_depth": (D(page_views) / D(visitors)).quantize(D("0.01")) + 0 * D(rnd.uniform(2.4, 3.6)),
            "bounce_rate": D(str(round(rnd.uniform(0.38, 0.52), 4))),
            "positive_rate": D(str(round(rnd.uniform(0.981, 0.996), 4))),
            "ad_spend": money(D(visitors) * D(rnd.choice(("0.08", "0.10", "0.12"))))}))
    targets = [Target.from_cells({"metric": word("支付订单数", lang), "target": D(30), "start": start}),
               Target.from_cells({"metric": word("支付订单数", lang), "target": D(50),
                                  "start": start + dt.timedelta(days=60)}),
               Target.from_cells({"metric": word("转化率", lang), "target": D("0.02"), "start": None}),
               Target.from_cells({"metric": word("好评率", lang), "target": D("0.985"), "start": None}),
               Target.from_cells({"metric": "DSR", "target": D("4.8"), "start": None})]
    return rows, targets


DEMO_NAMES = ("演示服装店", "Demo clothing shop")  # its [shop] name in zh, en


def generate_demo(folder: Path | str = Path("xlsx"), lang: str = "zh", today: dt.date = DEMO_TODAY) -> list[Path]:
    """Write the demo shop into `folder` (regenerated if it exists)."""
    folder = Path(folder)
    # the demo regenerates itself, in either language (`demo DIR --lang en` over the Chinese one), never
    # a real shop; refused before the shop is made
    ensure_not_a_shop(folder, generated_for=DEMO_NAMES)
    rnd = random.Random(20261121)
    products = make_products(rnd, lang)
    gold, silver = word("金牌", lang), word("银牌", lang)
    tiers = [Tier.from_cells({"tier": gold, "discount": D("0.55"), "floor": D("0.7")}),
             Tier.from_cells({"tier": silver, "discount": D("0.65"), "floor": None})]
    agents = [Agent.from_cells({"agent_id": f"DL00{i}", "name": word(n, lang), "tier": word(t, lang),
                                "contact": word(c, lang), "phone": ph, "email": e, "status": None})
              for i, (n, t, c, ph, e) in enumerate((("杭州衣橱", "金牌", "陈晓", "13857100001", "chen@agent.example"),
                                                    ("成都小店", "银牌", "李娜", "13808000002", "li@agent.example"),
                                                    ("广州优品", "银牌", "黄磊", "13902000003", "huang@agent.example")),
                                                   start=1)]
    overrides = [AgentPrice.from_cells({"sku": p.sku, "tier": gold, "price": money(p.price * D("0.52"))})
                 for p in products if p.main and p.size in ("M", "27") and p.price * D("0.52") >= p.cost]
    from .agents.prices import PriceBook

    pb = PriceBook(products, tiers, overrides, agents=agents)

    def agent_price(p, agent):
        return pb.price(p.sku, agent.tier)

    lines, moves = make_orders(rnd, products, agents, agent_price, lang)
    counts = make_stocktake(rnd, products, moves, lang)
    kpi_rows, targets = make_kpi(rnd, lines, lang)
    entries, accounts, checks, categories = make_ledger(rnd, lines, moves, products, kpi_rows, lang)
    staff, cases = make_people(lines, moves, lang)  # after every random draw: the rest stays as it was
    have = on_hand_at(products, moves, DEMO_TODAY)
    empty = [p for p in products if have[p.sku] <= 1 and p.status.value == "在售"]
    waitlist = []
    for i, p in enumerate((empty or products)[:5]):
        waitlist.append(WaitlistEntry.from_cells({"date": DEMO_TODAY - dt.timedelta(days=10 - i), "customer": f"tb_wait{i}",
                                                  "contact": f"1380000{i:04d}", "sku": p.sku, "notified": i == 4}))
    back = [p for p in products if have[p.sku] > 10][:3]
    for i, p in enumerate(back):
        waitlist.append(WaitlistEntry.from_cells({"date": DEMO_TODAY - dt.timedelta(days=20 + i), "customer": f"{word('老顾客', lang)}{i + 1}",
                                                  "contact": f"wx_guke{i + 1}", "style": p.style, "colour": p.colour,
                                                  "size": p.size, "notified": False}))
    suppliers, purchases = make_purchasing(products, moves, have, lang)
    supplies = [Supply.from_cells({"name": word(n, lang), "on_hand": q, "daily_use": D(u), "alert_days": a})
                for n, q, u, a in (("纸箱 小号", 600, "25", 7), ("纸箱 大号", 180, "12", 7), ("快递袋", 900, "35", 7),
                                   ("面单", 200, "60", 5), ("胶带", 40, "4", 7), ("贺卡", 500, "20", 10),
                                   ("赠品 袜子", 30, "6", 7))]
    promotions = [
        Promotion.from_cells({"name": word("满199送袜子", lang), "kind": _pk("满就送"), "threshold": D(199),
                              "gift_sku": next(p.sku for p in products if p.name == word("棉袜三双装", lang)), "gift_qty": 1,
                              "start": DEMO_TODAY - dt.timedelta(days=30), "end": DEMO_TODAY + dt.timedelta(days=30),
                              "enabled": True}),
        Promotion.from_cells({"name": word("满300减30", lang), "kind": _pk("满减"), "threshold": D(300), "gift_sku": None,
                              "gift_qty": None, "start": None, "end": None, "enabled": True}),
        Promotion.from_cells({"name": word("满99包邮", lang), "kind": _pk("包邮"), "threshold": D(99), "gift_sku": None,
                              "gift_qty": None, "start": None, "end": None, "enabled": True}),
    ]
    # every courier the demo ships with has its rates (a parcel of one the sheet lacks has no estimate): 韵达 and
    # 申通 at 中通's prices
    rates = [ShippingRate.from_cells({"courier": c, "province": prov, "first_kg": D(1), "first_price": D(f) + (1 if c == "圆通" else 0),
                                      "extra_per_kg": D(e)}) for c in COURIERS
             for prov, _, _, f, e in PROVINCES] + [
        ShippingRate.from_cells({"courier": c, "province": "其他" if lang == "zh" else "other", "first_kg": D(1), "first_price": D(10),
                                 "extra_per_kg": D(6)}) for c in COURIERS]
    rules = [ReviewRule.from_cells({"rule": word(r, lang), "enabled": True, "parameter": prm})
             for r, prm in (("手机号格式", None), ("地址解析", None), ("偏远地区", "新疆,西藏,青海,内蒙古,甘肃,宁夏"),
                            ("商品编码", None), ("库存不足", None), ("留言备注", None), ("合并发货", None))]
    rebates = [Rebate.from_cells({"threshold": D(t), "rate": D(r)}) for t, r in (("5000", "0.02"), ("10000", "0.03"),
                                                                                  ("20000", "0.05"))]
    payments = [Payment.from_cells({"date": d, "agent_id": a.agent_id, "amount": D(rnd.randint(1500, 5000)),
                                    "note": word("月结付款", lang)})
                for d in (DEMO_TODAY - dt.timedelta(days=x) for x in (85, 55, 25)) for a in agents]
    name = DEMO_NAMES[lang != "zh"]
    folder.mkdir(parents=True, exist_ok=True)
    made = [
        write_workbook(folder / "stock.xlsx", STOCK, lang, {Product: products, Movement: moves, StocktakeCount: counts,
                                                            WaitlistEntry: waitlist, Supply: supplies,
                                                            Supplier: suppliers, PurchaseLine: purchases},
                     keep_backup=False),
        write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: lines, Promotion: promotions, ShippingRate: rates,
                                                              ReviewRule: rules, AfterSalesCase: cases},
                       keep_backup=False),
        write_workbook(folder / "ledger.xlsx", LEDGER, lang, {Entry: entries, Account: accounts, BalanceCheck: checks,
                                                              Category: categories, StaffMember: staff},
                       keep_backup=False),
        write_workbook(folder / "kpi.xlsx", KPI, lang, {DailyKpi: kpi_rows, Target: targets}, keep_backup=False),
        write_workbook(folder / "agents.xlsx", AGENTS, lang, {Agent: agents, Tier: tiers, AgentPrice: overrides,
                                                              Rebate: rebates, Payment: payments}, keep_backup=False),
    ]
    # the demo's Alipay account is the one examples/'s statement is for
    toml = default_toml(name, lang).replace("# alipay_account = ", "alipay_account = ", 1)
    made.append(write_bytes_atomic(folder / "shopbook.toml", toml.encode("utf-8")))
    for sub in ("reports", "outbox", "inbox"):
        (folder / sub).mkdir(exist_ok=True)
    return made


# (name, 款号 prefixes, contact, phone, 交货周期, 起订量, 每包件数, days its deliveries really take beyond that)
SUPPLIERS = [("杭州四季青服饰", ("TS", "SH", "KN", "SW", "VT"), "陈姐", "13905710001", 10, 10, 5, 2),
             ("广州新塘牛仔厂", ("JN", "PT", "SK"), "李老板", "13802020002", 14, 20, 10, 1),
             ("常熟羽绒服装", ("CT", "DJ", "JK", "DR"), "周经理", "13912120003", 18, 5, None, -1),
             ("义乌配饰批发", ("AC",), "小吴", "13857990004", 7, None, 12, 0)]


def make_purchasing(products, moves, have, lang: str = "zh"):
    """Suppliers, each product's supplier and its code there, and the 采购 sheet: the last two
    weekly purchases as received POs (their 入库 movements carry the PO numbers; each
    supplier's deliveries take a little longer or shorter than it says), one PO on its way
    and one overdue for SKUs that ran low. No random draws: the rest of the demo stays as it was."""
    suppliers = [Supplier.from_cells({"supplier": word(n, lang), "contact": word(c, lang), "phone": ph, "lead_days": lead, "min_qty": mq,
                                      "pack": pk}) for n, _, c, ph, lead, mq, pk, _ in SUPPLIERS]
    by_prefix = {pre: k for k, (_, pres, *_rest) in enumerate(SUPPLIERS) for pre in pres}
    index = {}
    for p in products:
        k = by_prefix[p.style[:2]]
        p.supplier = word(SUPPLIERS[k][0], lang)
        p.supplier_code = f"{'HZGXY'[k]}{hash_of(p.style) % 900 + 100}-{p.sku.split('-', 1)[1]}"
        index[p.sku] = k
    cost = {p.sku: p.cost for p in products}
    days = sorted({m.date for m in moves if m.type.value == "入库" and m.ref})[-2:]
    purchases = []
    for m in sorted((m for m in moves if m.type.value == "入库" and m.date in days), key=lambda m: (m.date, m.sku)):
        k = index[m.sku]
        name, _, _, _, lead, _, _, late = SUPPLIERS[k]
        m.ref = f"CG{m.date:%Y%m%d}-{k + 1:02d}"
        ordered = m.date - dt.timedelta(days=lead + late)
        purchases.append(PurchaseLine.from_cells({
            "po_no": m.ref, "supplier": word(name, lang), "sku": m.sku, "qty": m.qty, "unit_cost": cost[m.sku],
            "order_date": ordered, "expected_date": ordered + dt.timedelta(days=lead), "status": _po("已到货"),
            "received": m.qty}))
    low = [p for p in products if p.status.value == "在售" and have[p.sku] <= (p.safety_stock or 0)]
    open_pos = ((_first(low, index, 0, 3), DEMO_TODAY - dt.timedelta(days=3), 0),  # on its way
                (_first(low, index, 1, 2), DEMO_TODAY - dt.timedelta(days=20), 1))  # overdue
    for skus, ordered, k in open_pos:
        name, _, _, _, lead, mq, pk, _ = SUPPLIERS[k]
        for sku in skus:
            purchases.append(PurchaseLine.from_cells({
                "po_no": f"CG{ordered:%Y%m%d}-{k + 1:02d}", "supplier": word(name, lang), "sku": sku, "qty": max(mq or 0, 20),
                "unit_cost": cost[sku], "order_date": ordered, "expected_date": ordered + dt.timedelta(days=lead),
                "status": _po("已下单")}))
    return suppliers, purchases


def _first(products, index, k, n):
    return [p.sku for p in products if index[p.sku] == k][:n]


def _po(word):
    from .schema import PoStatus

    return PoStatus(word)


def _pk(word):
    from .schema import PromotionKind

    return PromotionKind(word)


STAFF_NAMES = {"zh": ("小美", "小红", "阿杰", "小李", "小王"), "en": ("Mei", "Hong", "Jie", "Li", "Wang")}


def make_people(lines, moves, lang: str = "zh"):
    """Staff (绩效), the 客服 who closed each shop order, the 打包员 of each parcel, and
    after-sales cases: the returns already back (done) and a few open ones of each kind, for
    `shopbook aftersales` and the self-check. No random draws: the rest of the demo is as it was."""
    from .schema import AfterSalesCase, StaffMember

    mei, hong, jie, li, wang = STAFF_NAMES[lang]
    zh = lang == "zh"
    bank = word("银行", lang)
    staff = [StaffMember.from_cells({"name": n, "role": r, "base": D(b), "commission_rate": c, "piece_rate": p,
                                     "daily_quota": q, "top_bonus": tb, "complaint_deduction": cd,
                                     "pay_account": bank, "active": True})
             for n, r, b, c, p, q, tb, cd in (
                 (mei, _role("客服"), "3500", D("0.015"), None, None, D(500), D(50)),
                 (hong, _role("客服"), "3300", D("0.015"), None, None, D(500), D(50)),
                 (jie, _role("客服"), "3000", D("0.012"), None, None, D(500), D(50)),
                 (li, _role("仓库"), "2800", None, D("0.60"), 20, None, None),
                 (wang, _role("仓库"), "2600", None, D("0.60"), 20, None, None))]
    for ln in lines:
        if not ln.agent_id:  # agents' orders come in by sheet: no one of ours closed them
            ln.cs = (mei, hong, jie)[hash_of(ln.order_no) % 3]
        if ln.shipped_on:
            ln.packer = (li, wang)[hash_of(ln.order_no) % 2]
    heads = {}
    for ln in lines:
        heads.setdefault(ln.order_no, ln)

    def case(n, head, kind, status, opened, reason, **kw):
        return AfterSalesCase.from_cells({
            "case_no": f"SH{opened:%Y%m%d}-{n}", "opened_on": opened, "order_no": head.order_no, "sku": head.sku,
            "qty": 1, "type": _case_type(kind), "reason": reason, "status": _case_status(status),
            "due": opened + dt.timedelta(days=7 if kind in ("退货退款", "换货") else 2), "staff": head.cs, **kw})

    cases = []
    # the returns the movements already hold: done
    for k, m in enumerate(x for x in moves if x.type.value == "退货"):
        head = heads[m.ref]
        cases.append(case(k + 1, head, "退货退款", "已完成", m.date - dt.timedelta(days=2),
                          "七天无理由" if zh else "changed their mind"))  # refunded on the platform then
    delivered = [h for h in heads.values() if h.status.value == "已签收" and not h.agent_id]
    shipped = [h for h in heads.values() if h.status.value == "已发货" and not h.agent_id]
    late = DEMO_TODAY - dt.timedelta(days=3)
    # the exchange for another size names the SKU it sends (one size up, or down from the largest)
    style, size = delivered[-1].sku.rsplit("-", 1)
    sizes = next((s for s in SIZES.values() if size in s), [size])
    up = sizes.index(size) + 1 < len(sizes)
    other = f"{style}-{sizes[sizes.index(size) + (1 if up else -1)]}"
    cases += [
        case(21, delivered[-1], "换货", "等退货", late,
             ("尺码偏小" if up else "尺码偏大") if zh else ("runs small" if up else "runs large"),
             wants=("换大一码" if up else "换小一码") if zh else ("one size up" if up else "one size down"),
             exchange_sku=other, return_tracking="YT7000000001"),
        case(22, delivered[-2], "换货", "已收到退货", late, "颜色不喜欢" if zh else "colour",
             wants="换同款" if zh else "same item again"),
        case(23, delivered[-3], "投诉", "处理中", DEMO_TODAY - dt.timedelta(days=4),
             "发货慢" if zh else "slow dispatch"),
        case(24, delivered[-4], "仅退款", "处理中", DEMO_TODAY - dt.timedelta(days=1),
             "少发赠品" if zh else "gift missing", amount=D("15.00"), needs="照片" if zh else "photos"),
        case(25, shipped[0], "丢件", "处理中", DEMO_TODAY, "物流三天没更新" if zh else "tracking stuck for three days"),
        case(26, delivered[-5], "投诉", "已完成", DEMO_TODAY - dt.timedelta(days=12),
             "客服回复慢" if zh else "slow replies"),
    ]
    return staff, cases


def _role(word):
    from .schema import StaffRole
    return StaffRole(word)


def _case_type(word):
    from .schema import CaseType
    return CaseType(word)


def _case_status(word):
    from .schema import CaseStatus
    return CaseStatus(word)
