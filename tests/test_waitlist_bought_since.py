"""QA (客服's week): a customer on the 缺货登记 who did not wait for the call and bought the size as soon as
it was back (or ordered it, held for stock) was still listed to call, "it is back", and counted waiting by
`stock alerts` (a unit reordered for them). Now one whose 旺旺 ID is the order's 买家 (spaces and letter case
aside), or whose phone is its 手机, with an order of that SKU paid on or after the day they registered (not
cancelled or closed), is not called: said at their 已通知 cell, to mark. An order before they registered, a
cancelled one, or another buyer's, changes nothing."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from cli_run import CJK, shopbook
from shopbook.schema import ORDERS, Movement, OrderLine, Product, WaitlistEntry
from shopbook.workbook_builder import write_workbook

TODAY = dt.date.today()
REGISTERED = TODAY - dt.timedelta(days=10)


def _at(days_ago: int) -> dt.datetime:
    return dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(10))


def _line(no, buyer, phone, paid, status="已签收", sku="SH05-BG-S"):
    return OrderLine(order_no=no, source="淘宝", buyer=buyer, receiver="收货人", phone=phone,
                     address="浙江省 杭州市 西湖区 文三路1号", sku=sku, qty=1, unit_price=Decimal(60), paid_at=paid,
                     status=status)


def test_a_customer_who_bought_it_meanwhile_is_not_called(stock_shop):
    folder, lang = stock_shop({
        Product: [Product(sku="SH05-BG-S", name="衬衫", cost=Decimal(20), price=Decimal(60), safety_stock=0)],
        Movement: [Movement(date=TODAY - dt.timedelta(days=5), sku="SH05-BG-S", type="入库", qty=10)],
        WaitlistEntry: [
            WaitlistEntry(date=REGISTERED, customer="tb_buyer1", contact="wx_1", sku="SH05-BG-S"),  # bought: by ID
            WaitlistEntry(date=REGISTERED, customer="小红", contact="139 0000 0002", sku="SH05-BG-S"),  # by phone
            WaitlistEntry(date=REGISTERED, customer="tb_before", sku="SH05-BG-S"),  # bought before registering
            WaitlistEntry(date=REGISTERED, customer="tb_cancel", sku="SH05-BG-S"),  # cancelled
            WaitlistEntry(date=REGISTERED, customer="tb_other", sku="SH05-BG-S")],  # no order of theirs
    })
    write_workbook(folder / ORDERS.filename, ORDERS, lang, {OrderLine: [
        _line("T1", "TB_Buyer1 ", "13800000001", _at(4)),
        _line("T2", None, "13900000002", _at(3), status="已发货"),
        _line("T3", "tb_before", "13800000003", _at(12)),
        _line("T4", "tb_cancel", "13800000004", _at(3), status="已取消"),
        _line("T5", "tb_someone", "13800000005", _at(3)),
    ]}, keep_backup=False)
    r = shopbook("stock", "waitlist", folder, "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    assert [c["customer"] for c in json.loads(r.stdout)] == ["tb_before", "tb_cancel", "tb_other"], r.stdout
    said = shopbook("stock", "waitlist", folder)
    err = said.stderr.replace("\n", " ")
    day1, day2 = (TODAY - dt.timedelta(days=4)).isoformat(), (TODAY - dt.timedelta(days=3)).isoformat()
    if lang == "zh":
        assert f"tb_buyer1 在 {day1} 已经下单买了 SH05-BG-S（订单 T1）：不用再通知，在“已通知”填“是”。" in err, err
        assert f"小红 在 {day2} 已经下单买了 SH05-BG-S（订单 T2）" in err, err
        assert "缺货登记 › H2 已通知" in err and "缺货登记 › H3 已通知" in err, err
    else:
        assert f"tb_buyer1 has ordered SH05-BG-S since, on {day1} (order T1): no need to call; type yes" in err, err
        assert "Waitlist › H2 notified" in err and "Waitlist › H3 notified" in err, err
        assert not CJK.search(err.replace("小红", "")), err
    assert "tb_buyer1" not in said.stdout and "小红" not in said.stdout, said.stdout


def test_one_who_ordered_it_is_not_counted_waiting(stock_shop):
    """Ordered it, held for stock: the held order waits for the unit, the customer no more (before: both, 2)."""
    folder, lang = stock_shop({
        Product: [Product(sku="SH05-BG-S", name="衬衫", cost=Decimal(20), price=Decimal(60), safety_stock=0)],
        WaitlistEntry: [WaitlistEntry(date=REGISTERED, customer="tb_buyer1", sku="SH05-BG-S")],
    })
    write_workbook(folder / ORDERS.filename, ORDERS, lang, {OrderLine: [
        _line("T1", "tb_buyer1", "13800000001", _at(2), status="已挂起")]}, keep_backup=False)
    [a] = json.loads(shopbook("stock", "alerts", folder, "--json").stdout)
    assert a["waiting"] == 1 and a["reorder_qty"] == 1, a
