"""shopbook's own words in an order's 平台状态 and 审单结果 (退款中, 部分退款, 已取消, 部分发货, 编码未对应,
平台改了地址, 退款关闭, 交易关闭（已发货）…) follow the shop's language, the platform's own words beside
them kept as the export wrote them; read back in either language, so rows written in Chinese
before (or before the shop switched) keep moving on. Before, an English shop's cells, scan check,
after-sales cases and follow-up list carried shopbook's Chinese words. Real exports, real workbooks."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from cli_run import CJK, flat, shopbook
from platform_fixtures import douyin_row, pdd_row, refund_row, write_douyin, write_pdd, write_refunds
from shopbook.aftersales.workflow import aftersales
from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import follow_up, import_orders, make_picklist, review, ship
from shopbook.schema import (ORDERS, STOCK, AfterSalesCase, MovementType, OrderLine, OrderStatus, Platform, Product,
                             Promotion, ReviewRule, ShippingRate, SkuMap)
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook
from taobao_fixtures import DETAIL_HEADERS, detail_row, export_bytes, order_row, write_pair
from test_order_life import (all_shipped, moves_of, partly_refunded, partly_shipped, status_of, tb_detail, tb_order,
                             two_picked)
from test_orders import D, TODAY, build_shop, lines_of, product, scan_text


def build_en_shop(tmp_path):
    """test_orders.build_shop's shop, made in English (init_shop lang="en", English workbooks)."""
    folder = tmp_path / "shop"
    init_shop(folder, lang="en")
    products = [product("SH-WH-M", "SH01", "白色", "M", "A-01-1", "0690000000017", 5),
                product("SH-WH-L", "SH01", "白色", "L", "A-01-2", "0690000000024", 1),
                product("SH-BK-M", "SH01", "黑色", "M", "", "0690000000031", 10),
                product("GIFT-1", "GF", "", "", "Z-09-9", "0690000000048", 50, price="0.00")]
    write_workbook(folder / "stock.xlsx", STOCK, "en", {Product: products}, keep_backup=False)
    rates = [ShippingRate(courier="中通", province=p, first_kg=D("1"), first_price=D(f), extra_per_kg=D(e))
             for p, f, e in (("浙江", "5", "1"), ("其他", "8", "4"))]
    rules = [ReviewRule(rule="手机号格式", enabled=True)]
    write_workbook(folder / "orders.xlsx", ORDERS, "en", {ShippingRate: rates, Promotion: [], ReviewRule: rules},
                   keep_backup=False)
    shop = open_shop(folder)
    assert shop.lang == "en"
    return shop


def switch(shop, lang: str):
    """The shop's language changed in shopbook.toml (its workbooks as they are)."""
    toml = shop.folder / "shopbook.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace('language = "zh"', f'language = "{lang}"')
                    .replace('language = "en"', f'language = "{lang}"'), encoding="utf-8")
    shop = open_shop(shop.folder)
    assert shop.lang == lang
    return shop


def shopbooks(text: str | None, *theirs: str) -> str:
    """The cell without the platform's own words: shopbook's part of it."""
    text = text or ""
    for t in theirs:
        text = text.replace(t, "")
    return text


def english(text: str | None, *theirs: str) -> bool:
    return not CJK.search(shopbooks(text, *theirs)) and "：" not in shopbooks(text, *theirs)


def person_sets(shop, no: str, status: str, delete_sku: str | None = None) -> None:
    """A person sets an order's status (and deletes one of its rows), in the sheet's own language."""
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb[OrderLine.en if OrderLine.en in wb.sheetnames else OrderLine.zh]
    head = [c.value for c in ws[1]]
    col = {f: head.index(f) + 1 if f in head else head.index(z) + 1
           for f, z in (("order_no", "订单编号"), ("status", "状态"), ("sku", "商家编码"))}
    gone = None
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, col["order_no"]).value == no:
            if delete_sku and ws.cell(r, col["sku"]).value == delete_sku:
                gone = r
            else:
                ws.cell(r, col["status"]).value = status
    if gone:
        ws.delete_rows(gone)
    wb.save(shop.path(ORDERS))


def by_no(shop) -> dict[str, OrderLine]:
    return {ln.order_no: ln for ln in lines_of(shop)}


def cases_of(shop) -> list[AfterSalesCase]:
    return read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)


# -- an English shop -------------------------------------------------------------------------------

def test_cancelled_after_pick_is_said_in_english_and_pulled(tmp_path):
    shop = build_en_shop(tmp_path)
    a, b = "3600000000000000501", "3600000000000000502"
    two_picked(shop, tmp_path, a, b)
    assert all(ln.batch for ln in lines_of(shop))
    d2 = list(write_pair(tmp_path / "d2", [tb_order(a, "交易关闭", close="买家不想买了"), tb_order(b)],
                         [tb_detail(a, "SH-BK-M", "交易关闭"), tb_detail(b, "SH-WH-M")], stamp="20261122"))
    res = import_orders(shop, d2, today=TODAY)
    assert res.pull == [a] and status_of(shop)[a] is OrderStatus.CANCELLED
    line = by_no(shop)[a]
    assert line.platform_status == "cancelled: 买家不想买了" and line.review == "cancelled: 买家不想买了"
    assert import_orders(shop, d2, today=TODAY).changes == []
    assert make_picklist(shop, today=TODAY).pull == [a]
    scans = tmp_path / "scan.txt"
    scans.write_text(scan_text(((a, "中通", "7300000501"), ("0690000000031",))), encoding="utf-8")
    check, = ship(shop, scans, today=TODAY).checks
    assert check.problems[0][1] == "!! the order is cancelled (cancelled: 买家不想买了): do not ship, pull this parcel"
    # what a person reads on the command line
    r = shopbook("ship", shop.folder, scans)
    assert r.returncode == 1 and flat("the order is cancelled (cancelled: 买家不想买了)") in flat(r.stdout), r.stdout


def test_refunding_then_refund_closed_is_said_in_english_and_released(tmp_path):
    shop = build_en_shop(tmp_path)
    no = "3600000000000000601"
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(no)], [tb_detail(no, "SH-BK-M")])))
    review(shop)
    make_picklist(shop, today=TODAY)
    d2 = list(write_pair(tmp_path / "d2", [tb_order(no)], [tb_detail(no, "SH-BK-M", "退款中")], stamp="20261122"))
    res = import_orders(shop, d2, today=TODAY)
    assert res.pull == [no]
    line = by_no(shop)[no]
    assert line.status is OrderStatus.HELD
    assert line.platform_status == "refunding" and line.review == "auto-held: on the platform, refunding"
    assert english(res.changes[0].note_en, "退款中", "买家已付款，等待卖家发货")
    assert import_orders(shop, d2, today=TODAY).changes == []
    # a 问题件 for the held order, its reason and next step in English
    view, = aftersales(shop, TODAY).open
    assert view.case.reason == "refunding" and [c.reason for c in cases_of(shop)] == [view.case.reason]
    assert view.step == "look into it: refunding; then mark it done"
    # the follow-up list: the held order and why
    assert [h.review for h in follow_up(shop, days=0, today=TODAY + dt.timedelta(days=3)).held] == [line.review]
    details = [tb_detail(no, "SH-BK-M")]
    details[0]["退款状态"] = "退款关闭"
    res = import_orders(shop, list(write_pair(tmp_path / "d3", [tb_order(no)], details, stamp="20261123")),
                        today=TODAY)
    assert [(c.order_no, c.after) for c in res.changes] == [(no, OrderStatus.NEW)]
    line = by_no(shop)[no]
    assert (line.platform_status, line.review) == ("refund closed", "refund closed: review again")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_refunding_said_once_when_the_platform_says_it_too(tmp_path, lang):
    """The item list's own 退款状态 column saying 退款中 (the 宝贝报表 as newer exports have it, GB18030),
    and 拼多多's 售后状态 退款中, hold the order as 退款中 / refunding: the word once, never 退款中：退款中
    (nor refunding: 退款中). Before, the platform's word was put after shopbook's same word."""
    shop = build_shop(tmp_path) if lang == "zh" else build_en_shop(tmp_path)
    no, pdd = "3600000000000000611", "231121-200000000000611"
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(no)], [tb_detail(no, "SH-BK-M")])))
    day2 = tmp_path / "d2"
    orders, details = write_pair(day2, [tb_order(no)], [], stamp="20261122")
    row = tb_detail(no, "SH-BK-M") | {"退款状态": "退款中"}
    details.write_bytes(export_bytes(DETAIL_HEADERS + ["退款状态"], [row], trailing_comma=True))
    assert "退款状态".encode("gb18030") in details.read_bytes()
    import_orders(shop, [orders, details, write_pdd(tmp_path / "p", [pdd_row(pdd, "待发货", "SH-BK-M", after="退款中")])],
                  today=TODAY)
    for n in (no, pdd):
        line = by_no(shop)[n]
        assert line.status is OrderStatus.HELD
        assert (line.platform_status, line.review) == (("退款中", "自动挂起：平台退款中") if lang == "zh"
                                                       else ("refunding", "auto-held: on the platform, refunding"))
    assert import_orders(shop, [orders, details], today=TODAY).changes == []  # said once, and the same again
    # a cell as shopbook wrote it before the word was said once is the same hold: no change listed, none written
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb[OrderLine.zh if lang == "zh" else OrderLine.en]
    head = [c.value for c in ws[1]]
    col = head.index("平台状态" if lang == "zh" else "platform_status") + 1
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, head.index("订单编号" if lang == "zh" else "order_no") + 1).value == no:
            ws.cell(r, col).value = "退款中：退款中" if lang == "zh" else "refunding: 退款中"
    wb.save(shop.path(ORDERS))
    assert import_orders(shop, [orders, details], today=TODAY).changes == []
    assert by_no(shop)[no].platform_status == ("退款中：退款中" if lang == "zh" else "refunding: 退款中")
    # shipped, then 退款中 on the platform: 退款中（已发货，是否退货见平台）, no 退款中 after it
    sent, shipped = dict(tracking="YT0612", courier="圆通快递", shipped="2026-11-22 10:00:00"), "231121-200000000000612"
    import_orders(shop, [write_pdd(tmp_path / "s1", [pdd_row(shipped, "待发货", "SH-BK-M")])])
    import_orders(shop, [write_pdd(tmp_path / "s2", [pdd_row(shipped, "已发货，待收货", "SH-BK-M", **sent)])], today=TODAY)
    import_orders(shop, [write_pdd(tmp_path / "s3", [pdd_row(shipped, "已发货，待收货", "SH-BK-M", after="退款中", **sent)])],
                  today=TODAY)
    assert by_no(shop)[shipped].platform_status == ("退款中（已发货，是否退货见平台）" if lang == "zh"
                                                    else "refunding (shipped, any return: see the platform)")


def two_shipped(shop, tmp_path, a: str, b: str) -> None:
    """Orders `a` and `b` picked and scanned out (中通, tracking 7300000 and each order's last three digits)."""
    two_picked(shop, tmp_path, a, b)
    scans = tmp_path / "scan.txt"
    scans.write_text(scan_text(((a, "中通", f"7300000{a[-3:]}"), ("0690000000031",)),
                               ((b, "中通", f"7300000{b[-3:]}"), ("0690000000017",))), encoding="utf-8")
    assert sorted(ship(shop, scans, today=TODAY).shipped) == [a, b]


def test_an_english_return_waits_for_its_parcel_once_its_tracking_number_is_typed(tmp_path):
    """A refund export (GB18030) asking for the goods back opens a case needing the return tracking
    no.; once a person types it on the After-sales sheet the next step is to scan the parcel. Before,
    an English shop was asked for the number again and again: the step looked for 退货单号 only."""
    shop = build_en_shop(tmp_path)
    a, b = "3700000000000000721", "3700000000000000722"
    two_shipped(shop, tmp_path, a, b)
    import_orders(shop, [write_refunds(tmp_path / "r", [refund_row("R72", a, "SH-BK-M", "99.00", "买家已经申请退款，等待卖家同意",
                                                                    needs_return="是", goods="买家已收到货")])], today=TODAY)
    case, = cases_of(shop)
    assert case.needs == "return tracking no."
    assert aftersales(shop, TODAY).open[0].step == "collect: return tracking no."
    wb = openpyxl.load_workbook(shop.path(ORDERS))  # a person types the buyer's tracking number, saves
    ws = wb[AfterSalesCase.en]
    head = [c.value for c in ws[1]]
    ws.cell(row=2, column=head.index("return_tracking") + 1).value = "YT9000721"
    wb.save(shop.path(ORDERS))
    view, = aftersales(shop, TODAY).open
    assert view.step == "scan the return when it comes: shopbook aftersales receive SHOP YT9000721"


def test_an_english_shops_choices_are_written_in_words_and_its_earlier_words_still_read(tmp_path):
    """An English shop's cells and messages carried snake_case words (refund_only, waiting_return,
    customer_service, gift_over): they are words now (refund only, waiting for return …), and a
    sheet that holds the earlier words, as shopbook wrote them before, reads as it did."""
    from shopbook.schema import CaseStatus, CaseType, PromotionKind, StaffRole

    shop = build_en_shop(tmp_path)
    a, b = "3700000000000000731", "3700000000000000732"
    two_shipped(shop, tmp_path, a, b)
    import_orders(shop, [write_refunds(tmp_path / "r", [
        refund_row("R731", a, "SH-BK-M", "99.00", "退款成功", needs_return="否", goods="买家未收到货"),
        refund_row("R732", b, "SH-WH-M", "99.00", "买家已经申请退款，等待卖家同意", needs_return="是", goods="买家已收到货")])],
        today=TODAY)
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb[AfterSalesCase.en]
    head = [c.value for c in ws[1]]
    rows = [dict(zip(head, (c.value for c in r))) for r in ws.iter_rows(min_row=2)]
    assert {(r["refund_no"], r["type"], r["status"], r["wants"]) for r in rows} == {
        ("R731", "refund only", "done", "refund only ¥99.00"), ("R732", "return", "waiting for return", "return ¥99.00")}
    assert not any("_" in str(v) for r in rows for k, v in r.items() if k in ("type", "status", "wants"))
    # the words shopbook wrote before still read as what they say
    for r in ws.iter_rows(min_row=2):
        for c in r:
            c.value = {"refund only": "refund_only", "waiting for return": "waiting_return"}.get(c.value, c.value)
    wb.save(shop.path(ORDERS))
    cases = {c.refund_no: c for c in cases_of(shop)}
    assert (cases["R731"].type, cases["R732"].status) == (CaseType.REFUND_ONLY, CaseStatus.WAITING_RETURN)
    assert [PromotionKind("gift_over"), StaffRole("customer_service")] == [PromotionKind.GIFT_OVER, StaffRole.CS]
    assert [PromotionKind("Gift over amount"), StaffRole("customer service")] == [PromotionKind.GIFT_OVER, StaffRole.CS]


def test_a_refund_on_a_shipped_order_and_a_close_are_said_in_english(tmp_path):
    shop = build_en_shop(tmp_path)
    a, b = "3700000000000000701", "3700000000000000702"
    two_shipped(shop, tmp_path, a, b)
    asked = write_refunds(tmp_path / "r1", [refund_row("R1", a, "SH-BK-M", "99.00", "买家已经申请退款，等待卖家同意",
                                                       needs_return="是", goods="买家已收到货")])
    import_orders(shop, [asked], today=TODAY)
    mark = by_no(shop)[a].platform_status  # the refund's status and reason are the platform's, the rest ours
    assert mark == "refunding (shipped, return expected): 买家已经申请退款，等待卖家同意: 不想要了, ¥99.00, return needed"
    assert import_orders(shop, [asked], today=TODAY).changes == []
    closed = list(write_pair(tmp_path / "d2", [tb_order(b, "交易关闭", close="买家拒收")],
                             [tb_detail(b, "SH-WH-M", "交易关闭")], stamp="20261123"))
    import_orders(shop, closed, today=TODAY)
    line = by_no(shop)[b]
    assert line.status is OrderStatus.SHIPPED and line.platform_status == "closed (shipped): 买家拒收"
    assert import_orders(shop, closed, today=TODAY).changes == []

    # 拼多多's after-sale on a shipped order (its order export's 售后状态), asked for, then a return
    p = "231121-200000000000071"
    sent = dict(tracking="YT0071", courier="圆通快递", shipped="2026-11-22 10:00:00")
    import_orders(shop, [write_pdd(tmp_path / "p1", [pdd_row(p, "待发货", "SH-BK-M")])])
    import_orders(shop, [write_pdd(tmp_path / "p2", [pdd_row(p, "已发货，待收货", "SH-BK-M", **sent)])], today=TODAY)
    import_orders(shop, [write_pdd(tmp_path / "p3", [pdd_row(p, "已发货，待收货", "SH-BK-M", after="售后处理中",
                                                             **sent)])], today=TODAY)
    assert by_no(shop)[p].platform_status == "refunding (shipped, any return: see the platform): 售后处理中"
    import_orders(shop, [write_pdd(tmp_path / "p4", [pdd_row(p, "已发货，待收货", "SH-BK-M", after="退货退款中",
                                                             **sent)])], today=TODAY)
    assert by_no(shop)[p].platform_status == "refunding (shipped, return expected): 退货退款中: return needed"


def test_partly_refunded_is_held_in_english_and_a_release_stands(tmp_path):
    shop = build_en_shop(tmp_path)
    no = "3700000000000000901"
    d2 = partly_refunded(shop, tmp_path, no)
    held = {ln.sku: ln for ln in lines_of(shop)}
    assert held["SH-BK-M"].platform_status == "partly refunded: 衬衫 SH-WH-M (退款成功)"
    assert held["SH-BK-M"].review == ("auto-held: on the platform, partly refunded: 衬衫 SH-WH-M (退款成功). A person decides what "
                                      "still ships (delete the refunded lines or correct the quantity, then approve)")
    assert import_orders(shop, d2, today=TODAY).changes == []
    person_sets(shop, no, "approved", delete_sku="SH-WH-M")  # the person's decision
    assert import_orders(shop, d2, today=TODAY).changes == [] and status_of(shop)[no] is OrderStatus.APPROVED
    assert [p.order_no for p in make_picklist(shop, today=TODAY).parcels] == [no]


def test_partly_shipped_is_held_in_english_until_it_all_ships(tmp_path):
    shop = build_en_shop(tmp_path)
    no = "3700000000000000951"
    d2, _ = partly_shipped(shop, tmp_path, no)
    held = {ln.sku: ln for ln in lines_of(shop)}
    assert {ln.status for ln in held.values()} == {OrderStatus.HELD}
    mark = held["SH-WH-M"].platform_status
    assert mark == "partly shipped: 衬衫 SH-BK-M (中通快递 ZT7001) sent", mark
    assert held["SH-WH-M"].review.startswith(f"auto-held: the platform shipped part of it ({mark}). A person decides")
    assert moves_of(shop) == [] and make_picklist(shop, today=TODAY).parcels == []
    assert import_orders(shop, d2, today=TODAY).changes == []
    all_shipped(shop, tmp_path, no)


def test_a_douyin_order_partly_shipped_names_its_lines_in_english(tmp_path):
    shop = build_en_shop(tmp_path)
    no, s1, s2 = "6930000000000000951", "6930000000000000961", "6930000000000000962"
    import_orders(shop, [write_douyin(tmp_path / "y1", [douyin_row(no, s1, "SH-WH-M"), douyin_row(no, s2, "SH-BK-M")])])
    y2 = write_douyin(tmp_path / "y2", [
        douyin_row(no, s1, "SH-WH-M", status="已发货", tracking="SF9001", courier="顺丰速运",
                   shipped="2026/11/22 09:00:00"),
        douyin_row(no, s2, "SH-BK-M", status="待发货")], stamp=1763780400)
    import_orders(shop, [y2], today=TODAY)
    held = {ln.sku: ln for ln in lines_of(shop)}
    assert held["SH-BK-M"].platform_status == "partly shipped: 白衬衫 SH-WH-M (顺丰速运 SF9001) sent"
    person_sets(shop, no, "approved", delete_sku="SH-WH-M")
    assert import_orders(shop, [y2], today=TODAY).changes == [] and status_of(shop)[no] is OrderStatus.APPROVED


NO = "3515000000000000102"
OLD, NEW = "江苏省 南京市 鼓楼区 中山北路 12 号(210000)", "北京 北京市 朝阳区 建国路 1 号"
SIZE_L = "颜色分类：白色;尺码：L"


def _export(tmp_path, name: str, new_address: str = "", new_sku: str = ""):
    return list(write_pair(tmp_path / name, [order_row(NO, "tb", "王芳", "13812345678", OLD, "2026-11-21 09:00:00",
                                                       goods="99.00", new_address=new_address, new_sku=new_sku)],
                           [detail_row(NO, "白衬衫", "99.00", "1", "SH-WH-M", "颜色分类：白色;尺码：M")]))


def test_an_address_and_size_changed_on_the_platform_are_said_in_english(tmp_path):
    shop = build_en_shop(tmp_path)
    import_orders(shop, _export(tmp_path, "a"))
    review(shop)
    assert make_picklist(shop, today=TODAY).parcels
    res = import_orders(shop, _export(tmp_path, "b", NEW, SIZE_L), today=TODAY)
    assert res.pull == [NO]
    line, = lines_of(shop)
    assert line.status is OrderStatus.HELD
    assert line.platform_status == (f"address changed on the platform: {NEW}; "
                                    f"item changed on the platform: {SIZE_L}")
    assert line.review.startswith(f"auto-held: the buyer changed the address on the platform to: {NEW}.")
    view, = aftersales(shop, TODAY).open
    assert view.case.reason == line.platform_status
    # the scan check's "pull this parcel" names it in English
    scans = tmp_path / "scan.txt"
    scans.write_text(scan_text(((NO, "中通", "7300000102"), ("0690000000017",))), encoding="utf-8")
    check, = ship(shop, scans, today=TODAY).checks
    assert check.problems[0][1] == (f"!! the order is held ({line.platform_status}): do not ship, pull this parcel")
    assert import_orders(shop, _export(tmp_path, "c", NEW, SIZE_L)).changes == []
    person_sets(shop, NO, "approved")  # checked and released by a person: it stays released
    assert import_orders(shop, _export(tmp_path, "d", NEW, SIZE_L)).changes == []
    assert lines_of(shop)[0].status is OrderStatus.APPROVED


PDD_NO = "261122-000000000000055"


def _pdd_shipped(tmp_path, name: str):
    return write_pdd(tmp_path / name, [pdd_row(PDD_NO, "已发货，待收货", "SET-TEE-2", qty=2, total="180.00",
                                               tracking="YT0000000055", courier="圆通快递",
                                               shipped="2026-11-23 09:00:00")])


def _map_the_set(shop, lang: str) -> None:
    wd = read_workbook(shop.path(ORDERS), ORDERS)
    write_workbook(shop.path(ORDERS), ORDERS, lang, {
        **{m: wd.rows(m) for m in wd.sheets},
        SkuMap: [SkuMap(platform=Platform.PINDUODUO, code="SET-TEE-2", sku="SH-BK-M", qty=1),
                 SkuMap(platform=Platform.PINDUODUO, code="SET-TEE-2", sku="SH-WH-L", qty=1)]}, keep_backup=False)


def test_an_unmapped_code_shipped_is_held_in_english_then_ships(tmp_path):
    shop = build_en_shop(tmp_path)
    import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(PDD_NO, "待发货", "SET-TEE-2", qty=2, total="180.00")])])
    import_orders(shop, [_pdd_shipped(tmp_path, "b")], today=TODAY)
    line, = lines_of(shop)
    assert line.status is OrderStatus.HELD and line.platform_status == "code not in the SKU map: SET-TEE-2"
    assert line.review.startswith("auto-held: shipped on the platform, code SET-TEE-2 is none of our SKUs")
    assert import_orders(shop, [_pdd_shipped(tmp_path, "c")], today=TODAY).changes == []
    _map_the_set(shop, "en")
    res = import_orders(shop, [_pdd_shipped(tmp_path, "d")], today=TODAY)
    assert [(c.order_no, c.after) for c in res.changes] == [(PDD_NO, OrderStatus.SHIPPED)]
    assert sorted(moves_of(shop)) == [(PDD_NO, "SH-BK-M", 2, MovementType.OUT), (PDD_NO, "SH-WH-L", 2, MovementType.OUT)]


# -- a shop that switched language: the rows written before keep moving on --------------------------

def test_a_chinese_shop_switched_to_english_moves_its_chinese_marked_rows_on(tmp_path):
    shop = build_shop(tmp_path)  # Chinese
    refund, partial, moved, unmapped = "3600000000000000801", "3700000000000000802", NO, PDD_NO
    first = list(write_pair(tmp_path / "d1", [tb_order(refund), tb_order(partial)],
                            [tb_detail(refund, "SH-BK-M"), tb_detail(partial, "SH-BK-M"),
                             tb_detail(partial, "SH-WH-M")]))
    import_orders(shop, first + _export(tmp_path, "a")
                  + [write_pdd(tmp_path / "p", [pdd_row(PDD_NO, "待发货", "SET-TEE-2", qty=2, total="180.00")])])
    later = list(write_pair(tmp_path / "d2", [tb_order(refund), tb_order(partial)],
                            [tb_detail(refund, "SH-BK-M", "退款中"), tb_detail(partial, "SH-BK-M"),
                             tb_detail(partial, "SH-WH-M", "退款成功")], stamp="20261122"))
    moved_export = _export(tmp_path, "b", NEW)
    import_orders(shop, later + moved_export + [_pdd_shipped(tmp_path, "q")], today=TODAY)
    was = by_no(shop)
    assert was[refund].platform_status == "退款中"
    assert was[partial].platform_status == "部分退款：衬衫 SH-WH-M（退款成功）"
    assert was[moved].platform_status == f"平台改了地址：{NEW}"
    assert was[unmapped].platform_status == "编码未对应：SET-TEE-2"
    assert {was[n].status for n in (refund, partial, moved, unmapped)} == {OrderStatus.HELD}

    shop = switch(shop, "en")
    # the same exports again: the Chinese marks are recognised, nothing is held twice or rewritten
    assert import_orders(shop, later + moved_export + [_pdd_shipped(tmp_path, "r")], today=TODAY).changes == []
    # a person released the partly refunded and the moved orders: they stay released
    person_sets(shop, partial, "已审核", delete_sku="SH-WH-M")
    person_sets(shop, moved, "已审核")
    assert import_orders(shop, later + moved_export, today=TODAY).changes == []
    assert status_of(shop)[partial] is OrderStatus.APPROVED and status_of(shop)[moved] is OrderStatus.APPROVED
    # the refund closed: released, said in English now
    details = [tb_detail(refund, "SH-BK-M")]
    details[0]["退款状态"] = "退款关闭"
    res = import_orders(shop, list(write_pair(tmp_path / "d3", [tb_order(refund)], details, stamp="20261123")),
                        today=TODAY)
    assert [(c.order_no, c.after) for c in res.changes] == [(refund, OrderStatus.NEW)]
    assert (by_no(shop)[refund].platform_status, by_no(shop)[refund].review) == ("refund closed",
                                                                                 "refund closed: review again")
    # the code mapped: the held order ships, its parts out once
    _map_the_set(shop, "zh")
    import_orders(shop, [_pdd_shipped(tmp_path, "s")], today=TODAY)
    assert status_of(shop)[unmapped] is OrderStatus.SHIPPED
    assert sorted(m for m in moves_of(shop) if m[0] == unmapped) == [
        (unmapped, "SH-BK-M", 2, MovementType.OUT), (unmapped, "SH-WH-L", 2, MovementType.OUT)]
    # an order held now is held in English
    new = "3600000000000000803"
    import_orders(shop, list(write_pair(tmp_path / "d4", [tb_order(new)], [tb_detail(new, "SH-BK-M")])))
    import_orders(shop, list(write_pair(tmp_path / "d5", [tb_order(new)], [tb_detail(new, "SH-BK-M", "退款中")],
                                        stamp="20261124")), today=TODAY)
    assert by_no(shop)[new].platform_status == "refunding"


def test_an_english_shop_switched_to_chinese_moves_its_english_marked_rows_on(tmp_path):
    shop = build_en_shop(tmp_path)
    no, partial = "3600000000000000811", "3700000000000000812"
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(no), tb_order(partial)],
                                        [tb_detail(no, "SH-BK-M"), tb_detail(partial, "SH-BK-M"),
                                         tb_detail(partial, "SH-WH-M")])))
    later = list(write_pair(tmp_path / "d2", [tb_order(no), tb_order(partial)],
                            [tb_detail(no, "SH-BK-M", "退款中"), tb_detail(partial, "SH-BK-M"),
                             tb_detail(partial, "SH-WH-M", "退款成功")], stamp="20261122"))
    import_orders(shop, later, today=TODAY)
    assert by_no(shop)[no].platform_status == "refunding"
    assert by_no(shop)[partial].platform_status == "partly refunded: 衬衫 SH-WH-M (退款成功)"
    shop = switch(shop, "zh")
    assert import_orders(shop, later, today=TODAY).changes == []
    person_sets(shop, partial, "approved", delete_sku="SH-WH-M")
    assert import_orders(shop, later, today=TODAY).changes == []
    details = [tb_detail(no, "SH-BK-M")]
    details[0]["退款状态"] = "退款关闭"
    res = import_orders(shop, list(write_pair(tmp_path / "d3", [tb_order(no)], details, stamp="20261123")),
                        today=TODAY)
    assert [(c.order_no, c.after) for c in res.changes] == [(no, OrderStatus.NEW)]
    assert (by_no(shop)[no].platform_status, by_no(shop)[no].review) == ("退款关闭", "退款已关闭，请重新审单")
    assert status_of(shop)[partial] is OrderStatus.APPROVED


def test_a_pinduoduo_cancel_without_a_reason_is_said_once_in_english(tmp_path):
    shop = build_en_shop(tmp_path)
    no = "261121-000000000000778"
    import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(no, "待发货", "SH-BK-M")])])
    import_orders(shop, [write_pdd(tmp_path / "b", [pdd_row(no, "已取消", "SH-BK-M")])], today=TODAY)
    line, = lines_of(shop)
    assert line.status is OrderStatus.CANCELLED
    assert (line.platform_status, line.review) == ("cancelled", "cancelled")


def test_a_gift_on_an_english_shops_waybill_csv_is_marked_in_english(tmp_path):
    """The waybill CSV of an English shop (English headers) marks a gift (gift), as its pick list and
    packing notes say gift. Before, its Items column said GIFT-1×1(赠)."""
    shop = build_en_shop(tmp_path)
    no = "3600000000000000601"
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(no)], [tb_detail(no, "SH-BK-M")])))
    review(shop)
    wb = openpyxl.load_workbook(shop.path(ORDERS))  # a 收藏有礼 gift typed in before picking
    ws = wb[OrderLine.en]
    ws.cell(2, [c.value for c in ws[1]].index("gifts") + 1).value = "GIFT-1×1"
    wb.save(shop.path(ORDERS))
    res = make_picklist(shop, today=TODAY)
    (csv_path,) = [p for p in res.files if p.suffix == ".csv"]
    text = csv_path.read_text(encoding="utf-8-sig")
    assert "SH-BK-M×1 GIFT-1×1(gift)" in text and "赠" not in text, text
    # its weight estimated, as the Chinese 预估重量(kg) says ('Weight (kg)' before, beside 'Estimated fee')
    assert text.splitlines()[0].endswith(",Items,Estimated weight (kg),Estimated fee"), text


def test_an_english_shops_refunds_are_booked_in_its_refunds_category(tmp_path):
    """An English shop's Categories sheet says Refunds, its Accounts sheet Alipay: a refund export's
    refund paid becomes one ledger line there. Before, only a category holding 退款 was taken: the
    refunds were never booked and the import said to add a 退款 category."""
    from shopbook.schema import LEDGER, Account, Category, Entry

    shop = build_en_shop(tmp_path)
    write_workbook(shop.path(LEDGER), LEDGER, "en", {
        Account: [Account(account="Alipay", opening_date=dt.date(2026, 11, 1), opening_balance=D("0"))],
        Category: [Category(category="Refunds", direction="支出", group="refunds")]}, keep_backup=False)
    no = "3600000000000000801"
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(no)], [tb_detail(no, "SH-BK-M")])))
    refunds = write_refunds(tmp_path / "d2", [refund_row("R801", no, "SH-BK-M", "99.00", "退款成功")])
    r = shopbook("orders", "import", shop.folder, refunds)
    assert "not booked" not in r.stdout + r.stderr, r.stdout
    (e,) = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    assert (e.category, e.account, e.amount, e.order_no) == ("Refunds", "Alipay", D("99.00"), no)
    assert e.note == "refund R801 (booked from the refund export, to reconcile with Alipay)"  # no Chinese note
    r = shopbook("orders", "import", shop.folder, refunds)  # again: the English note still names it booked
    assert len(read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)) == 1, r.stdout


@pytest.mark.parametrize("has", ["account", "category"])
def test_an_english_shops_refunds_not_booked_say_what_to_add_in_english(tmp_path, has):
    """QA: an English shop whose ledger lacked a refunds category (or its Alipay account) was told
    'the Categories sheet has no Refunds (退款, out) category' / 'no 'Alipay' (支付宝)'."""
    from shopbook.schema import LEDGER, Account, Category

    shop = build_en_shop(tmp_path)
    write_workbook(shop.path(LEDGER), LEDGER, "en", {
        Account: [Account(account="Alipay" if has == "account" else "Bank", opening_date=dt.date(2026, 11, 1),
                          opening_balance=D("0"))],
        Category: [Category(category="Refunds", direction="支出", group="refunds")] if has == "category" else []},
        keep_backup=False)
    no = "3600000000000000802"
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(no)], [tb_detail(no, "SH-BK-M")])))
    refunds = write_refunds(tmp_path / "d2", [refund_row("R802", no, "SH-BK-M", "99.00", "退款成功")])
    r = shopbook("orders", "import", shop.folder, refunds)
    said = [ln for ln in (r.stdout + r.stderr).splitlines() if "not booked" in ln]
    want = ("the Categories sheet has no 'Refunds' category (out)" if has == "account" else
            "the Accounts sheet has no 'Alipay' account")
    assert said and want in said[0] and not CJK.search(said[0]), r.stdout + r.stderr
    # located where the thing to add goes, ledger.xlsx's Categories or Accounts sheet (it named the 流水 sheet of no
    # workbook, where nothing is wrong)
    place = "ledger.xlsx › " + ("Categories" if has == "account" else "Accounts")
    assert f"warning  {place}\n" in r.stdout + r.stderr, r.stdout + r.stderr
