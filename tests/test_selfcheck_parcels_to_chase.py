"""QA (seeds): customer service's daily self-check is that every problem was dealt with, the parcels to
chase (催单) among them: "B平时有需要跟踪的订单，如物流信息不明" — a parcel shipped days ago and still not
signed for is chased before the buyer complains. `shopbook orders follow-up` listed them, but the
self-check (its command, the daily report's 自查 sheet, the e-mail) never did: customer service's list
said nothing of them. Now it says how many parcels are out `[orders] follow_up_days` or more and not
signed for, the oldest first, each order named (a lost parcel whose case is open is that case's)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from cli_run import shopbook
from shopbook.schema import ORDERS, AfterSalesCase, OrderLine
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


def _line(no, status=None, shipped=None, sku="S1"):
    return OrderLine(order_no=no, receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 文三路 1 号",
                     sku=sku, qty=1, unit_price=Decimal(60), status=status, shipped_on=shipped,
                     paid_at=dt.datetime(2026, 11, 1, 9), courier="中通", tracking_no=f"7{no[1:]:0>13}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_parcels_out_for_days_are_chased(tmp_path, lang):
    today = dt.date.today()

    def ago(n):
        return today - dt.timedelta(days=n)
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {
        OrderLine: [_line("O1", "已发货", ago(8)), _line("O1", None, None, "S2"),  # its second row typed blank
                    _line("O2", "已发货", ago(2)),  # out two days: not yet
                    _line("O3", "已签收", ago(10)),  # signed for
                    _line("O4", "已发货", ago(9)),  # lost: its case is open
                    _line("O5", "已发货"), _line("O5", None, ago(6), "S2")],  # 发货日期 typed on its second row
        AfterSalesCase: [AfterSalesCase(case_no="SH1", opened_on=ago(1), order_no="O4", type="丢件", status="处理中")],
    }, keep_backup=False)
    r = shopbook("selfcheck", folder, "--json")
    items = [i for i in json.loads(r.stdout) if i["role"] == "cs"]
    chase = [i for i in items if "follow-up" in i["action"]]
    assert len(chase) == 1, items
    assert chase[0]["record"] == ("订单 O1、O5" if lang == "zh" else "orders O1, O5"), chase
    assert chase[0]["what"].startswith("2 个包裹发货 5 天以上还没签收" if lang == "zh" else "2 parcels shipped 5 days"), chase
    assert "O4" in json.dumps(items, ensure_ascii=False)  # (said at its case)


def test_an_english_shops_orders_to_pick_are_listed_in_english(tmp_path):
    """The warehouse's "approved orders not picked yet" named them as "orders A1、A2" in an English shop:
    the Chinese enumeration comma, in a list that is otherwise English. Now "orders A1, A2"."""
    folder = tmp_path / "shop"
    init_shop(folder, "en")
    write_workbook(folder / "orders.xlsx", ORDERS, "en", {
        OrderLine: [_line("A1", "已审核"), _line("A2", "已审核")]}, keep_backup=False)
    r = shopbook("selfcheck", folder, "--json")
    (item,) = [i for i in json.loads(r.stdout) if i["role"] == "warehouse" and "picklist" in i["action"]]
    assert item["record"] == "orders A1, A2", item
