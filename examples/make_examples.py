"""Writes the sample files in examples/ (run from the repository root:
`python examples/make_examples.py`). They fit the demo shop (`shopbook demo`): its SKUs,
barcodes and its Alipay ledger lines of 2026-11-21. Each file has the platform's real
shape: GB18030 Taobao exports with ="…" order numbers and ' before mobiles, Alipay's
classic 账务明细 with its # lines and tab-padded fields, a scanner's text output."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

ORDER_HEADERS = [
    "订单编号", "买家会员名", "买家支付宝账号", "买家应付货款", "买家应付邮费", "买家支付积分", "总金额", "返点积分",
    "买家实际支付金额", "买家实际支付积分", "订单状态", "买家留言", "收货人姓名", "收货地址 ", "运送方式",
    "联系电话 ", "联系手机", "订单创建时间", "订单付款时间 ", "宝贝标题 ", "宝贝种类 ", "物流单号 ", "物流公司",
    "订单备注", "宝贝总数量", "店铺Id", "店铺名称", "订单关闭原因", "卖家服务费", "买家服务费", "发票抬头",
    "是否手机订单", "分阶段订单信息", "特权订金订单id", "是否上传合同照片", "是否上传小票", "是否代付",
    "定金排名", "修改后的sku", "修改后的收货地址", "异常信息", "天猫卡券抵扣", "集分宝抵扣", "是否是O2O交易",
    "退款金额", "预约门店", "确认收货时间", "打款商家金额", "支付单号", "商家备忘",
]
DETAIL_HEADERS = ["订单编号", "标题", "价格", "购买数量", "外部系统编号", "商品属性", "套餐信息", "备注", "订单状态",
                  "商家编码"]
PAID = "买家已付款，等待卖家发货"

# (order no, buyer, receiver, mobile, address, paid at, postage, message, [(title, price, qty, sku, attrs)])
ORDERS = [
    ("3515139900000000101", "tb_lin88", "林晓", "13812345678", "浙江省 杭州市 西湖区 文三路 90 号", "2026-11-22 09:12:05",
     "0.00", "", [("纯棉圆领T恤", "48.90", 2, "TS2601-NV-L", "颜色分类:藏青;尺码:L")]),
    ("3515139900000000102", "tb_zhou_k", "周凯", "13987654321", "江苏省 南京市 鼓楼区 中山北路 12 号", "2026-11-22 10:40:51",
     "6.00", "", [("高腰阔腿牛仔裤", "150.00", 1, "JN2613-BG-28", "颜色分类:米色;尺码:28"),
                  ("纯棉圆领T恤", "48.90", 1, "TS2601-BL-XL", "颜色分类:蓝色;尺码:XL")]),
    ("3515139900000000103", "tb_amy", "王芳", "13700001111", "广东省 广州市 天河区 体育西路 3 号", "2026-11-22 11:05:30",
     "0.00", "请发顺丰，谢谢", [("高腰阔腿牛仔裤", "150.00", 1, "JN2613-NV-30", "颜色分类:深蓝;尺码:30")]),
]
BARCODES = {"TS2601-NV-L": "6960339224994", "JN2613-BG-28": "6969922489307", "TS2601-BL-XL": "0516439400934",
            "JN2613-NV-30": "6936877935173"}


def _quote(v: str) -> str:
    return '"' + str(v).replace('"', '""') + '"'


def _csv(headers: list[str], rows: list[dict], trailing_comma: bool) -> bytes:
    end = "," if trailing_comma else ""
    lines = [",".join(_quote(h) for h in headers) + end]
    lines += [",".join(_quote(r.get(h, "")) for h in headers) + end for r in rows]
    return ("\r\n".join(lines) + "\r\n").encode("gb18030")


def taobao_pair() -> None:
    orders, details = [], []
    for no, buyer, receiver, mobile, address, paid, postage, message, items in ORDERS:
        goods = sum(float(p) * q for _, p, q, _, _ in items)
        orders.append({"订单编号": f'="{no}"', "买家会员名": buyer, "买家支付宝账号": "***", "买家应付货款": f"{goods:.2f}",
                       "买家应付邮费": postage, "买家支付积分": "0", "总金额": f"{goods + float(postage):.2f}",
                       "返点积分": "0", "买家实际支付金额": f"{goods + float(postage):.2f}", "买家实际支付积分": "0",
                       "订单状态": PAID, "买家留言": message, "收货人姓名": receiver, "收货地址 ": address,
                       "运送方式": "快递", "联系手机": f"'{mobile}", "订单创建时间": paid, "订单付款时间 ": paid,
                       "宝贝标题 ": items[0][0], "宝贝种类 ": str(len(items)),
                       "宝贝总数量": str(sum(q for _, _, q, _, _ in items)), "店铺名称": "演示服装店",
                       "是否手机订单": "手机订单", "支付单号": f'="2026{no[-10:]}"'})
        for title, price, qty, sku, attrs in items:
            details.append({"订单编号": f'="{no}"', "标题": title, "价格": price, "购买数量": str(qty),
                            "商品属性": attrs, "订单状态": PAID, "商家编码": sku})
    (HERE / "ExportOrderList20261122.csv").write_bytes(_csv(ORDER_HEADERS, orders, False))
    (HERE / "ExportOrderDetailList20261122.csv").write_bytes(_csv(DETAIL_HEADERS, details, True))


def scans() -> None:
    """What a scanner gives at the packing table: the order number, courier and tracking
    number, then one barcode per item packed (the 赠品 the packing note promised too)."""
    out = []
    for n, (no, *_, items) in enumerate(ORDERS[:2], start=1):
        out.append(f"{no},中通,7310009900{n:04d}")
        for _, _, qty, sku, _ in items:
            out += [BARCODES[sku]] * qty
    (HERE / "scans.txt").write_text("\n".join(out) + "\n", encoding="utf-8")


ALIPAY_HEAD = ["账务流水号", "业务流水号", "商户订单号", "商品名称", "发生时间", "对方账号", "收入金额（+元）",
               "支出金额（-元）", "账户余额（元）", "交易渠道", "业务类型", "备注"]
# the demo ledger's 支付宝 lines of 2026-11-21 (balance 82,409.77 that evening, as its 余额核对 says),
# then a fee of the 22nd the ledger does not have yet: reconcile finds it, --apply adds it
ALIPAY = [
    ("LS2026112100358", "", "淘宝交易汇总", "2026-11-21 23:00:00", "taobao", "14691.66", ""),
    ("LS2026112100359", "", "运费", "2026-11-21 23:00:01", "taobao", "234.00", ""),
    ("LS2026112100360", "", "平台服务费", "2026-11-21 23:00:02", "tmall", "", "734.58"),
    ("LS2026112100865", "", "直通车", "2026-11-21 23:10:00", "alimama", "", "206.78"),
    ("LS2026112100866", "", "钻展", "2026-11-21 23:10:01", "alimama", "", "86.16"),
    ("LS2026112100867", "", "淘宝客佣金", "2026-11-21 23:10:02", "alimama", "", "51.70"),
    ("LS2026112200001", "", "技术服务费", "2026-11-22 00:30:00", "tmall", "", "5.94"),
]


def alipay() -> None:
    from decimal import Decimal

    bal = Decimal("82409.77") - sum(Decimal(i or 0) - Decimal(o or 0) for *_, i, o in ALIPAY[:6])
    out = ["#支付宝账务明细查询", "#账号：[20881234567890120156]",
           "#起始日期：[2026年11月21日 00:00:00]   终止日期：[2026年11月23日 00:00:00]",
           "#-----------------------------------------账务明细列表----------------------------------------",
           ",".join(ALIPAY_HEAD) + ","]
    for n, (txn, order, what, when, who, inc, exp) in enumerate(ALIPAY, start=1):
        bal += Decimal(inc or 0) - Decimal(exp or 0)
        kind = "在线支付" if inc else ("收费" if "费" in what else "转账")
        row = [txn, f"2026112{n:08d}", order, what, when, who, inc, exp, f"{bal:.2f}", "支付宝", kind, ""]
        out.append(",".join(f"{c}\t" for c in row) + ",")  # Alipay pads every field with a tab
    inc = [Decimal(x[5]) for x in ALIPAY if x[5]]
    exp = [Decimal(x[6]) for x in ALIPAY if x[6]]
    out += ["#-----------------------------------------账务明细列表结束------------------------------------",
            f"#收入合计：{len(inc)}笔，{sum(inc)}元", f"#支出合计：{len(exp)}笔，{sum(exp)}元",
            "#导出时间：[2026年11月23日 09:15:42]"]
    (HERE / "20881234567890120156_202611_账务明细.csv").write_bytes(("\r\n".join(out) + "\r\n").encode("gbk"))


if __name__ == "__main__":
    taobao_pair()
    scans()
    alipay()
    for p in sorted(HERE.iterdir()):
        print(p.name)
