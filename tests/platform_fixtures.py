"""The platforms' exports in their real shapes (../shared/PLATFORMS.md), byte for byte:

- 拼多多: UTF-8 CSV, every value ending in a tab (to stay text in Excel); the current layout
  (no receiver columns, 商家编码-规格维度, full-width brackets in 商家实收金额（元）) and the older
  one (收货人 手机 省 市 区 街道, 商家编码-SKU维度, 商品数量（件） in full-width brackets);
- 抖店: UTF-8 with BOM or GB18030, `-` for every empty value, 省 市 区 街道 详细地址 split,
  one line per sub-order, a file name starting with the export time in epoch seconds;
- Taobao/Tmall: the three-sheet workbook (订单报表 / 销售明细 / 发货报表, 主订单编号 /
  子订单编号), the 退款 export, a password-protected export (Office encryption);
- waybill tools' shipped files: 千牛's 发货 export, 快递助手's, a plain CSV, columns in any order.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

# -- 拼多多 ---------------------------------------------------------------------------------

PDD_CURRENT = ["商品", "订单号", "订单状态", "商品总价(元)", "邮费(元)", "店铺优惠折扣(元)", "平台优惠折扣(元)",
               "多多支付立减金额(元)", "用户实付金额(元)", "商家实收金额（元）", "商品数量(件)", "发货时间",
               "确认收货时间", "商品id", "商品规格", "样式ID", "商家编码-规格维度", "商家编码-商品维度", "商家备注",
               "售后状态", "快递单号", "快递公司", "订单成交时间", "是否分期", "分期期数", "手续费承担方", "分期方式"]
PDD_OLD = ["商品", "订单号", "订单状态", "商品总价(元)", "邮费(元)", "店铺优惠折扣(元)", "平台优惠折扣(元)",
           "用户实付金额(元)", "商家实收金额(元)", "商品数量（件）", "收货人", "手机", "省", "市", "区", "街道",
           "支付时间", "拼单成功时间", "订单成交时间", "承诺发货时间", "发货时间", "确认收货时间", "商品id", "商品规格",
           "样式ID", "商家编码-SKU维度", "商家编码-商品维度", "买家留言", "商家备注", "售后状态", "售后申请时间",
           "快递单号", "快递公司"]


def pdd_row(no: str, status: str, sku: str, qty: int = 1, total: str = "99.00", after: str = "无售后或售后取消",
            tracking: str = "", courier: str = "", shipped: str = "", paid: str = "2026-11-21 10:00:00",
            receiver: str = "", phone: str = "", province: str = "", city: str = "", district: str = "",
            street: str = "", goods_id: str = "", style_id: str = "", spu_code: str = "") -> dict:
    d = {"商品": "白衬衫 纯棉", "订单号": no, "订单状态": status, "商品总价(元)": total, "邮费(元)": "0",
         "店铺优惠折扣(元)": "0", "平台优惠折扣(元)": "0", "多多支付立减金额(元)": "0", "用户实付金额(元)": total,
         "商家实收金额（元）": total, "商家实收金额(元)": total, "商品数量(件)": str(qty), "商品数量（件）": str(qty), "发货时间": shipped,
         "确认收货时间": "", "商品id": goods_id or "512345678", "商品规格": "白色 M", "样式ID": style_id or "1234567",
         "商家编码-规格维度": sku, "商家编码-SKU维度": sku, "商家编码-商品维度": spu_code, "商家备注": "",
         "售后状态": after, "快递单号": tracking, "快递公司": courier, "订单成交时间": paid, "支付时间": paid,
         "拼单成功时间": paid, "承诺发货时间": "2026-11-23 10:00:00", "是否分期": "否", "分期期数": "", "手续费承担方": "",
         "分期方式": "", "收货人": receiver, "手机": phone, "省": province, "市": city, "区": district, "街道": street,
         "买家留言": "", "售后申请时间": ""}
    return d


def pdd_bytes(headers: list[str], rows: list[dict], bom: bool = False) -> bytes:
    """Headers plain, every value followed by a tab (what the export does so Excel keeps
    the digits); quoted only where a value holds a comma."""
    def q(v: str) -> str:
        return f'"{v}"' if "," in v or '"' in v else v
    lines = [",".join(headers)] + [",".join(q(f"{r.get(h, '')}\t") for h in headers) for r in rows]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom else data


def write_pdd(folder: Path, rows: list[dict], old: bool = False, name: str = "orders_export_20261121.csv") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_bytes(pdd_bytes(PDD_OLD if old else PDD_CURRENT, rows))
    return p


# -- 抖店 -------------------------------------------------------------------------------------

DOUYIN = ["主订单编号", "子订单编号", "选购商品", "商品规格", "商品数量", "商品ID", "商家编码", "商品单价", "订单应付金额",
          "运费", "优惠总金额", "平台优惠", "商家优惠", "达人优惠", "商家改价", "支付优惠", "红包抵扣", "支付方式", "手续费",
          "收件人", "收件人手机号", "省", "市", "区", "街道", "详细地址", "是否修改过地址", "买家留言", "订单提交时间",
          "旗帜颜色", "商家备注", "订单完成时间", "支付完成时间", "APP渠道", "流量来源", "订单状态", "承诺发货时间",
          "订单类型", "达人ID", "达人昵称", "售后状态", "取消原因", "预约发货时间", "仓库ID", "仓库名称", "发货时间",
          "预计送达时间", "快递公司", "快递单号"]


def douyin_row(no: str, sub: str, sku: str, status: str = "待发货", qty: int = 1, price: str = "99.00",
               after: str = "-", cancel: str = "-", receiver: str = "刘洋", phone: str = "13911112222",
               province: str = "广东省", city: str = "深圳市", district: str = "南山区", street: str = "粤海街道",
               detail: str = "科技园路1号", tracking: str = "-", courier: str = "-", shipped: str = "-",
               goods_id: str = "3601234567890123456", message: str = "-") -> dict:
    return {"主订单编号": no, "子订单编号": sub, "选购商品": "白衬衫", "商品规格": "白色;M", "商品数量": str(qty),
            "商品ID": goods_id, "商家编码": sku, "商品单价": price, "订单应付金额": price, "运费": "0", "优惠总金额": "0",
            "平台优惠": "0", "商家优惠": "0", "达人优惠": "0", "商家改价": "0", "支付优惠": "0", "红包抵扣": "0",
            "支付方式": "抖音支付", "手续费": "0", "收件人": receiver, "收件人手机号": phone, "省": province, "市": city,
            "区": district, "街道": street, "详细地址": detail, "是否修改过地址": "否", "买家留言": message,
            "订单提交时间": "2026/11/21 11:00:00", "旗帜颜色": "-", "商家备注": "-", "订单完成时间": "-",
            "支付完成时间": "2026/11/21 11:00:05", "APP渠道": "抖音", "流量来源": "直播", "订单状态": status,
            "承诺发货时间": "2026/11/23 11:00:05", "订单类型": "普通订单", "达人ID": "-", "达人昵称": "-", "售后状态": after,
            "取消原因": cancel, "预约发货时间": "-", "仓库ID": "-", "仓库名称": "-", "发货时间": shipped,
            "预计送达时间": "-", "快递公司": courier, "快递单号": tracking}


def douyin_bytes(rows: list[dict], encoding: str = "utf-8-sig") -> bytes:
    def q(v: str) -> str:
        return f'"{v}"' if "," in v or '"' in v else v
    lines = [",".join(DOUYIN)] + [",".join(q(r.get(h, "-") or "-") for h in DOUYIN) for r in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def write_douyin(folder: Path, rows: list[dict], encoding: str = "utf-8-sig", stamp: int = 1763694000) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / f"{stamp}_订单导出.csv"  # the file name starts with the export time in epoch seconds
    p.write_bytes(douyin_bytes(rows, encoding))
    return p


# -- Taobao/Tmall: the three-sheet workbook, refunds, a password ----------------------------------

SALES_DETAIL = ["主订单编号", "子订单编号", "标题", "价格", "购买数量", "外部系统编号", "商品属性", "订单状态", "商家编码",
                "退款状态"]
SHIPPED_SHEET = ["主订单编号", "物流公司", "物流单号", "发货时间"]


def three_sheet_workbook(path: Path, orders: list[dict], details: list[dict], shipped: list[dict]) -> Path:
    """订单报表 (the order-list headers with 主订单编号), 销售明细, 发货报表."""
    from taobao_fixtures import ORDER_HEADERS

    heads = ["主订单编号" if h == "订单编号" else h for h in ORDER_HEADERS]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "订单报表"
    ws.append(heads)
    for r in orders:
        ws.append([str(r.get("订单编号" if h == "主订单编号" else h, "")).removeprefix('="').removesuffix('"')
                   .removeprefix("'") for h in heads])
    for title, headers, rows in (("销售明细", SALES_DETAIL, details), ("发货报表", SHIPPED_SHEET, shipped)):
        ws = wb.create_sheet(title)
        ws.append(headers)
        for r in rows:
            ws.append([r.get(h, "") for h in headers])
    wb.save(path)
    return path


REFUND_HEADERS = ["退款编号", "订单编号", "支付宝交易号", "订单付款时间", "商品编码", "退款完结时间", "买家实际支付金额",
                  "宝贝标题", "买家退款金额", "手工退款/系统退款", "是否需要退货", "退款的申请时间", "退款状态", "货物状态",
                  "发货物流信息", "客服介入状态", "买家退款原因", "买家退款说明", "部分退款/全部退款"]


def refund_row(refund_no: str, order_no: str, sku: str, amount: str, status: str, reason: str = "不想要了",
               needs_return: str = "否", whole: str = "全部退款", goods: str = "买家未收到货") -> dict:
    return {"退款编号": refund_no, "订单编号": f'="{order_no}"', "支付宝交易号": f'="2026112122001{order_no[-8:]}"',
            "订单付款时间": "2026-11-21 09:15:02", "商品编码": sku, "退款完结时间": "", "买家实际支付金额": amount,
            "宝贝标题": "白衬衫", "买家退款金额": amount, "手工退款/系统退款": "系统退款", "是否需要退货": needs_return,
            "退款的申请时间": "2026-11-22 08:00:00", "退款状态": status, "货物状态": goods, "发货物流信息": "",
            "客服介入状态": "客服未介入", "买家退款原因": reason, "买家退款说明": "", "部分退款/全部退款": whole}


# the refund export's further columns as shops download it today (its buyer's return parcel among them)
REFUND_MORE = ["售后类型", "超时时间", "退货物流信息", "卖家真实姓名", "卖家退货地址", "卖家手机", "退货物流单号", "退货物流公司",
               "买家退货时间", "责任方", "售中或售后", "备注标签", "商家备注", "完结时间", "是否零秒响应", "退款操作人", "业务类型"]


def write_refunds(folder: Path, rows: list[dict], name: str = "ExportRefundList20261122.csv",
                  headers: list[str] = REFUND_HEADERS) -> Path:
    from taobao_fixtures import export_bytes

    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_bytes(export_bytes(headers, rows))
    return p


def encrypt(src: Path, dest: Path, password: str) -> Path:
    """Office encryption (ECMA-376 agile), as Excel's 'Encrypt with Password' writes it."""
    from msoffcrypto.format.ooxml import OOXMLFile

    buf = io.BytesIO()
    with open(src, "rb") as f:
        OOXMLFile(f).encrypt(password, buf)
    dest.write_bytes(buf.getvalue())
    return dest


# -- waybill tools --------------------------------------------------------------------------------

def qianniu_shipped(folder: Path, rows: list[tuple[str, str, str]]) -> Path:
    """千牛's 发货 export: GBK, ="…" numbers; order no. first."""
    from taobao_fixtures import export_bytes

    folder.mkdir(parents=True, exist_ok=True)
    p = folder / "发货记录.csv"
    p.write_bytes(export_bytes(["订单编号", "买家会员名", "物流公司", "运单号", "发货时间"],
                               [{"订单编号": f'="{no}"', "买家会员名": "tb", "物流公司": c, "运单号": f'="{t}"',
                                 "发货时间": "2026-11-22 16:00:00"} for no, c, t in rows]))
    return p


def kuaidizhushou_shipped(folder: Path, rows: list[tuple[str, str, str]]) -> Path:
    """快递助手's export: UTF-8 with BOM, tracking number first, courier last."""
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / "快递助手-已发货.csv"
    lines = ["快递单号,收件人,订单号,打印时间,快递名称"]
    lines += [f"{t}\t,某某,{no}\t,2026-11-22 17:00:00,{c}" for no, c, t in rows]
    p.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    return p
