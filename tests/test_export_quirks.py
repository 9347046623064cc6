"""Export quirks seen in public readers of the real files (cited where each test is)."""

from __future__ import annotations

from shopbook.orders.workflow import import_orders, review
from shopbook.schema import OrderStatus
from taobao_fixtures import detail_row, order_row, write_pair
from test_order_life import status_of
from test_orders import build_shop, lines_of

NO = "3515000000000000881"
ADDR = "浙江省 杭州市 西湖区 文三路100号(310000)"


def test_a_taobao_export_writes_its_tracking_number_after_no_colon(tmp_path):
    """淘宝's order export writes 物流单号 as "No:7730…" (JMacro/Flash strips it before asking kuaidi100:
    src/Flash.Widgets/Models/TaobaoUtils/ExportOrderInfo.cs). It was kept as written: the order's 快递单号
    "No:773012345678901" matched no scan of the parcel's barcode and no line of the courier's bill."""
    shop = build_shop(tmp_path)
    row = order_row(NO, "tb_a", "王芳", "13812345678", ADDR, "2026-11-21 09:00:00", goods="99.00")
    import_orders(shop, list(write_pair(tmp_path / "a", [row], [detail_row(NO, "白衬衫", "99.00", "1", "SH-WH-M")],
                                        stamp="202611210900")))
    review(shop)
    sent = "卖家已发货，等待买家确认"
    row.update({"订单状态": sent, "物流单号 ": "No:773012345678901", "物流公司": "申通快递"})
    import_orders(shop, list(write_pair(tmp_path / "b", [row], [detail_row(NO, "白衬衫", "99.00", "1", "SH-WH-M",
                                                                           status=sent)], stamp="202611211800")))
    assert status_of(shop)[NO] is OrderStatus.SHIPPED
    assert [(ln.courier, ln.tracking_no) for ln in lines_of(shop)] == [("申通快递", "773012345678901")]


def test_a_shipped_list_with_no_colon_numbers(tmp_path):
    shop = build_shop(tmp_path)
    row = order_row(NO, "tb_a", "王芳", "13812345678", ADDR, "2026-11-21 09:00:00", goods="99.00")
    import_orders(shop, list(write_pair(tmp_path / "a", [row], [detail_row(NO, "白衬衫", "99.00", "1", "SH-WH-M")])))
    review(shop)
    f = tmp_path / "发货.csv"
    f.write_bytes(("主订单编号,物流公司,物流单号\r\n" f"{NO}\t,申通快递,No:773012345678902\r\n").encode("gb18030"))
    import_orders(shop, [f])
    assert [(ln.status, ln.tracking_no) for ln in lines_of(shop)] == [(OrderStatus.SHIPPED, "773012345678902")]


def test_a_waybill_tools_print_log_ships_only_the_waybills_in_use(tmp_path):
    """A waybill tool's print log (打印日志) lists every waybill printed, with its 面单状态; a public reader of it
    counts only 使用中 (JMacro/Flash, src/Flash.Widgets/Models/TaobaoUtils/OrderPrintLogger.cs for the columns,
    Controllers/TaobaoUtilsController.cs: ExpressStatus == "使用中"). A waybill given back (已回收) or voided was
    read as a parcel that went out: the order marked 已发货, its stock posted out, its number the wrong one."""
    import openpyxl

    from test_order_life import moves_of

    shop = build_shop(tmp_path)
    a, b, c = NO, "3515000000000000882", "3515000000000000883"
    rows = [order_row(n, "tb_" + n[-1], "王芳", "13812345678", ADDR, "2026-11-21 09:00:00", goods="99.00") for n in (a, b, c)]
    import_orders(shop, list(write_pair(tmp_path / "a", rows, [detail_row(n, "白衬衫", "99.00", "1", "SH-WH-M")
                                                                 for n in (a, b, c)])))
    review(shop)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["打印批次号", "订单编号", "快递公司", "运单号", "面单状态", "打印时间", "打印类型", "商品信息"])
    ws.append(["P1", a, "中通快递", "73100000000881", "已回收", "2026-11-21 16:00:00", "平台订单", "白衬衫*1"])
    ws.append(["P2", a, "中通快递", "73100000000882", "使用中", "2026-11-21 16:05:00", "平台订单", "白衬衫*1"])
    ws.append(["P1", b, "中通快递", "73100000000883", "已回收", "2026-11-21 16:00:00", "平台订单", "白衬衫*1"])
    ws.append(["P1", c, "中通快递", "73100000000884", "待揽收异常", "2026-11-21 16:00:00", "平台订单", "白衬衫*1"])
    wb.save(tmp_path / "打印日志.xlsx")
    res = import_orders(shop, [tmp_path / "打印日志.xlsx"])
    st = status_of(shop)
    assert [st[n] for n in (a, b, c)] == [OrderStatus.SHIPPED, OrderStatus.APPROVED, OrderStatus.APPROVED]
    assert [ln.tracking_no for ln in lines_of(shop) if ln.order_no == a] == ["73100000000882"]
    assert [m[0] for m in moves_of(shop)] == [a]
    assert any(sk["order_no"] == b and "面单 73100000000883 已回收" in sk["reason_zh"] for sk in res.skipped)
    warned, = res.left_out
    assert (warned.cell, warned.column, warned.value) == ("第 5 行 / row 5", "面单状态", "待揽收异常")


def test_a_douyin_export_with_one_express_info_cell(tmp_path):
    """抖店 exports without 快递公司 / 快递单号 give each sub-order one 快递信息 cell, "number-courier,goods…", parcels
    apart by ";" (frankiepan501-a11y/domestic-ecom-profit-webhook: app/parsers.py "SF0220481613112-顺丰速运,商品...",
    app/settlement_engine.py parse_douyin_express). It was not read: the order shipped with no tracking number,
    nothing for the scan check or the courier's bill to match."""
    from platform_fixtures import DOUYIN, douyin_row

    shop = build_shop(tmp_path)
    no = "6930000000000000881"
    heads = [h for h in DOUYIN if h not in ("快递公司", "快递单号")] + ["快递信息"]

    def export(name: str, rows: list[dict]):
        def q(v: str) -> str:
            return '"' + v.replace('"', '""') + '"' if "," in v or '"' in v else v
        p = tmp_path / name
        p.write_bytes(("\ufeff" + "\r\n".join([",".join(heads)] + [",".join(q(r.get(h, "-") or "-") for h in heads)
                                                                   for r in rows]) + "\r\n").encode("utf-8"))
        return p

    waiting = [douyin_row(no, no + "1", "SH-WH-M"), douyin_row(no, no + "2", "SH-BK-M")]
    import_orders(shop, [export("1763694000_订单导出.csv", waiting)])
    review(shop)
    sent = [dict(douyin_row(no, no + "1", "SH-WH-M", status="已发货", shipped="2026/11/22 10:00:00"),
                 快递信息="SF0220481613112-顺丰速运,白衬衫,3601234567890123456,1"),
            dict(douyin_row(no, no + "2", "SH-BK-M", status="已发货", shipped="2026/11/22 10:00:00"),
                 快递信息="JDVA00012345678-1-1-京东快递,黑衬衫,3601234567890123456,1")]
    res = import_orders(shop, [export("1763780400_订单导出.csv", sent)])
    assert not [i for i in res.issues if i.is_error]
    assert status_of(shop)[no] is OrderStatus.SHIPPED
    assert {(ln.courier, ln.tracking_no) for ln in lines_of(shop)} == {
        ("顺丰速运/京东快递", "SF0220481613112/JDVA00012345678-1-1")}


def test_a_plain_status_column_voids_only_with_a_void_word(tmp_path):
    """Another tool's 状态 column (its own words: 已揽收 …) ships its rows as before; 作废 there is no parcel."""
    shop = build_shop(tmp_path)
    a, b = NO, "3515000000000000882"
    rows = [order_row(n, "tb_" + n[-1], "王芳", "13812345678", ADDR, "2026-11-21 09:00:00", goods="99.00") for n in (a, b)]
    import_orders(shop, list(write_pair(tmp_path / "a", rows, [detail_row(n, "白衬衫", "99.00", "1", "SH-WH-M")
                                                                 for n in (a, b)])))
    review(shop)
    f = tmp_path / "快递管家-发货.csv"
    f.write_bytes(("订单号,快递公司,运单号,状态\r\n" f"{a}\t,中通快递,73100000000891\t,已揽收\r\n"
                   f"{b}\t,中通快递,73100000000892\t,作废\r\n").encode("utf-8-sig"))
    res = import_orders(shop, [f])
    assert not res.left_out
    st = status_of(shop)
    assert (st[a], st[b]) == (OrderStatus.SHIPPED, OrderStatus.APPROVED)
