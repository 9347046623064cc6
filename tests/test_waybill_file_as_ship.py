"""A waybill tool's shipped file (快递助手, 千牛 …) marks orders shipped as the scan check does, so it
refuses what the scan check refuses: an order held by the review (a remote address, a buyer's request)
or never reviewed (待审核) is not marked shipped and posts no 出库; the import says so at the file's row,
in the shop's language, and what to do. Before, such a file shipped them and posted their stock: a
held order went out with nobody deciding, a reviewed one's stock was never checked."""

from __future__ import annotations

import openpyxl

from cli_run import CJK, flat, shopbook
from platform_fixtures import kuaidizhushou_shipped
from shopbook.orders.workflow import import_orders, review
from shopbook.schema import OrderStatus
from shopbook.shop import init_shop
from taobao_fixtures import detail_row, order_row, write_pair
from test_order_life import moves_of, status_of
from test_orders import build_shop

OK, REMOTE, LATE = "3515000000000000701", "3515000000000000702", "3515000000000000703"


def test_held_and_unreviewed_orders_in_a_waybill_file_are_refused_as_ship_refuses_them(tmp_path):
    shop = build_shop(tmp_path)
    rows = [order_row(OK, "tb_a", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)", "2026-11-21 09:00:00"),
            order_row(REMOTE, "tb_b", "张伟", "13812345679", "新疆维吾尔自治区 乌鲁木齐市 天山区 某路1号(830000)",
                      "2026-11-21 10:00:00")]
    import_orders(shop, list(write_pair(tmp_path / "d1", rows, [detail_row(OK, "白衬衫", "99.00", "1", "SH-WH-M"),
                                                                detail_row(REMOTE, "黑衬衫", "99.00", "1", "SH-BK-M")])))
    review(shop)  # the 偏远地区 rule holds the 新疆 order
    late = order_row(LATE, "tb_c", "李雷", "13812345670", "浙江省 宁波市 海曙区 中山路5号(315000)", "2026-11-21 11:00:00")
    import_orders(shop, list(write_pair(tmp_path / "d2", [late], [detail_row(LATE, "黑衬衫", "99.00", "1", "SH-BK-M")])))
    assert [status_of(shop)[n] for n in (OK, REMOTE, LATE)] == [OrderStatus.APPROVED, OrderStatus.HELD, OrderStatus.NEW]
    f = kuaidizhushou_shipped(tmp_path / "kd", [(OK, "中通快递", "73100000000701"), (REMOTE, "中通快递", "73100000000702"),
                                                (LATE, "中通快递", "73100000000703")])
    r = shopbook("orders", "import", shop.folder, f)
    assert r.returncode == 1, r.stdout + r.stderr
    assert [status_of(shop)[n] for n in (OK, REMOTE, LATE)] == [OrderStatus.SHIPPED, OrderStatus.HELD, OrderStatus.NEW]
    assert [m[0] for m in moves_of(shop)] == [OK]  # only the approved order's stock went out
    out = flat(r.stdout + r.stderr)
    assert flat("快递助手-已发货.csv › 第 3 行") in out and flat(f"订单 {REMOTE} 已挂起（") in out
    assert flat("若这个包裹该发，先在订单表把它改为已审核，再导入这个文件") in out
    assert flat("快递助手-已发货.csv › 第 4 行") in out and flat(f"订单 {LATE} 是“待审核”，还没有审核") in out
    assert flat("先审单（shopbook orders review），审核通过后再导入这个文件") in out
    assert "only approved orders ship" not in r.stdout  # a Chinese shop reads Chinese
    # the person decides the 新疆 parcel goes: approved, the same file ships it, once
    wb = openpyxl.load_workbook(shop.folder / "orders.xlsx")
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[head.index("订单编号")].value == REMOTE:
            row[head.index("状态")].value = "已审核"
    wb.save(shop.folder / "orders.xlsx")
    import_orders(shop, [f])
    assert status_of(shop)[REMOTE] is OrderStatus.SHIPPED and sorted(m[0] for m in moves_of(shop)) == [OK, REMOTE]


def test_an_english_shop_is_told_in_english(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, lang="en")
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    head = [c.value for c in wb["Orders"][1]]
    wb["Orders"].append([{"order_no": "T1", "source": "manual", "paid_at": "2026-11-20 10:00", "receiver": "Ann",
                          "phone": "13800000000", "address": "浙江省杭州市西湖区文三路1号", "sku": "S1", "qty": 1,
                          "unit_price": 99, "status": "held", "review": "held: buyer asks for SF"}.get(h) for h in head])
    wb.save(folder / "orders.xlsx")
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    head = [c.value for c in wb["Products"][1]]
    wb["Products"].append([{"sku": "S1", "name": "Tee", "cost": 30, "price": 99}.get(h) for h in head])
    wb.save(folder / "stock.xlsx")
    f = tmp_path / "shipped.csv"
    f.write_text("order_no,courier,tracking_no\nT1,ZTO,73100000000801\n", encoding="utf-8")
    r = shopbook("orders", "import", folder, f)
    assert r.returncode == 1, r.stdout + r.stderr
    out = flat(r.stdout + r.stderr)
    assert flat("Order T1 is held (buyer asks for SF) but shipped.csv says it shipped (ZTO 73100000000801): "
                "only approved orders ship") in out
    assert not CJK.search(r.stdout), r.stdout


def test_the_platforms_own_parcel_of_a_partly_shipped_order_is_no_shipment_of_the_rest(tmp_path):
    """淘宝's one-workbook export: 订单报表 says 卖家部分发货 (SH-WH-M went, SH-BK-M waits), its 发货报表 lists
    that parcel. The order is held for a person, nothing posted, no error; a waybill file with another
    parcel for it is refused as ship refuses a held order. (Before: the 发货报表 row shipped the whole
    order and posted SH-BK-M too, the waiting line lost.)"""
    from platform_fixtures import three_sheet_workbook

    shop = build_shop(tmp_path)
    no = "3600000000000000001"
    orders = [order_row(no, "tb_a", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路1号(310000)", "2026-11-21 09:00:00",
                        goods="198.00")]

    def details(first: str, second: str) -> list[dict]:
        return [{"主订单编号": no, "子订单编号": no + "1", "标题": "白衬衫", "价格": "99.00", "购买数量": "1",
                 "商家编码": "SH-WH-M", "订单状态": first, "退款状态": "没有申请退款"},
                {"主订单编号": no, "子订单编号": no + "2", "标题": "黑衬衫", "价格": "99.00", "购买数量": "1",
                 "商家编码": "SH-BK-M", "订单状态": second, "退款状态": "没有申请退款"}]

    waiting, sent = "买家已付款，等待卖家发货", "卖家已发货，等待买家确认"
    import_orders(shop, [three_sheet_workbook(tmp_path / "a.xlsx", orders, details(waiting, waiting), [])])
    orders[0].update({"订单状态": "卖家部分发货", "物流公司": "中通快递", "物流单号 ": "7300000002"})
    (tmp_path / "b").mkdir()
    later = three_sheet_workbook(tmp_path / "b" / "淘宝订单导出.xlsx", orders, details(sent, waiting),
                                 [{"主订单编号": no, "物流公司": "中通快递", "物流单号": "7300000002",
                                   "发货时间": "2026-11-21 18:00:00"}])
    res = import_orders(shop, [later])
    assert not [i for i in res.issues if i.is_error]
    assert status_of(shop)[no] is OrderStatus.HELD and moves_of(shop) == []
    res = import_orders(shop, [kuaidizhushou_shipped(tmp_path / "kd", [(no, "中通快递", "7300000003")])])
    err, = [i for i in res.issues if i.is_error]
    assert "部分发货" in err.message_zh and status_of(shop)[no] is OrderStatus.HELD and moves_of(shop) == []


def test_an_order_held_by_hand_is_refused_as_held_not_as_passed(tmp_path):
    """QA: an order a person held by hand, its 审单结果 still the review's 通过, refused by a waybill tool's file as
    '订单 T1 已挂起（通过）': the review's pass given as why it is held. Now '订单 T1 已挂起，…' (in-process)."""
    import datetime as dt
    from decimal import Decimal

    from shopbook.io.reader import read_workbook
    from shopbook.schema import ORDERS, OrderLine
    from shopbook.workbook_builder import write_workbook

    shop = build_shop(tmp_path)
    wb = read_workbook(shop.path(ORDERS), ORDERS)
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {**{m: wb.rows(m) for m in wb.sheets}, OrderLine: [
        OrderLine(order_no="T1", source="手工", paid_at=dt.datetime(2026, 11, 20, 10), receiver="王芳", phone="13800000000",
                  address="浙江省 杭州市 西湖区 文三路1号", sku="SH-WH-M", qty=1, unit_price=Decimal(99), status="已挂起",
                  review="通过")]}, keep_backup=False)
    f = tmp_path / "shipped.csv"
    f.write_text("订单编号,快递公司,快递单号\nT1,中通快递,73100000000801\n", encoding="utf-8")
    said = [i.message_zh for i in import_orders(shop, [f]).issues if "T1" in i.message_zh]
    assert said and said[0].startswith("订单 T1 已挂起，shipped.csv 却说它已发货"), said
