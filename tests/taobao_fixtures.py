"""Taobao/Tmall seller-centre exports written byte for byte as the platform does:
GB18030/GBK, every cell quoted, order numbers as ="…", mobiles with a leading ',
some headers with a trailing space, detail rows ending with an extra comma."""

from __future__ import annotations

from pathlib import Path

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


def order_row(no: str, buyer: str, receiver: str, mobile: str, address: str, paid: str, status: str = PAID,
              message: str = "", note: str = "", postage: str = "0.00", goods: str = "0.00",
              new_address: str = "", new_sku: str = "") -> dict:
    return {"订单编号": f'="{no}"', "买家会员名": buyer, "买家支付宝账号": "***", "买家应付货款": goods,
            "买家应付邮费": postage, "买家支付积分": "0", "总金额": goods, "返点积分": "0", "买家实际支付金额": goods,
            "买家实际支付积分": "0", "订单状态": status, "买家留言": message, "收货人姓名": receiver,
            "收货地址 ": address, "运送方式": "快递", "联系电话 ": "", "联系手机": f"'{mobile}",
            "订单创建时间": paid, "订单付款时间 ": paid, "宝贝种类 ": "1", "物流单号 ": "", "物流公司": "",
            "订单备注": note, "宝贝总数量": "1", "店铺名称": "演示服装店", "是否手机订单": "手机订单",
            "修改后的sku": new_sku, "修改后的收货地址": new_address, "支付单号": f'="2026{no[-10:]}"'}


def detail_row(no: str, title: str, price: str, qty: str, sku: str, attrs: str = "", status: str = PAID,
               external: str = "") -> dict:
    return {"订单编号": f'="{no}"', "标题": title, "价格": price, "购买数量": qty, "外部系统编号": external,
            "商品属性": attrs, "套餐信息": "", "备注": "", "订单状态": status, "商家编码": sku}


def _quote(v: str) -> str:
    return '"' + str(v).replace('"', '""') + '"'


def export_bytes(headers: list[str], rows: list[dict], trailing_comma: bool = False, encoding: str = "gb18030"
                 ) -> bytes:
    lines = [",".join(_quote(h) for h in headers) + ("," if trailing_comma else "")]
    for r in rows:
        lines.append(",".join(_quote(r.get(h, "")) for h in headers) + ("," if trailing_comma else ""))
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def write_pair(folder: Path, orders: list[dict], details: list[dict], stamp: str = "20261121", encoding="gb18030"
               ) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    a = folder / f"ExportOrderList{stamp}.csv"
    b = folder / f"ExportOrderDetailList{stamp}.csv"
    a.write_bytes(export_bytes(ORDER_HEADERS, orders, encoding=encoding))
    # the 退款状态 column newer item lists have, where a row says one (a dict's key alone writes nothing)
    refunds = ["退款状态"] if any("退款状态" in r for r in details) else []
    b.write_bytes(export_bytes(DETAIL_HEADERS + refunds, details, trailing_comma=True, encoding=encoding))
    return a, b
