"""QA: a return scanned by its tracking number and then by the case number on its slip (yt1, then th-1) was
said ✓ received twice ("收到：YT1、th-1"), as if two parcels had come: the desk's count of the day's returns
was one too many. It is received once, said once, and the second code is said to be the same return."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from typer.testing import CliRunner

from shopbook.aftersales.workflow import aftersales
from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, STOCK, AfterSalesCase, Movement, MovementType, OrderLine, Product
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

TODAY = dt.date(2026, 11, 25)


def _shop(folder, lang="zh"):
    init_shop(folder, lang=lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku="P1", name="衬衫", cost=D(30), price=D(99))],
        Movement: [Movement(date=dt.date(2026, 11, 1), sku="P1", type="入库", qty=50)]})
    lines = [OrderLine(order_no=f"3900000000000000{k}", source="淘宝", paid_at=dt.datetime(2026, 11, 18, 10),
                       receiver="赵六", phone="13800000000", address="浙江省 杭州市 西湖区 文三路 1 号", sku="P1", qty=1,
                       unit_price=D(99), status="已发货", courier="中通", tracking_no=f"7500000000000{k}",
                       shipped_on=dt.date(2026, 11, 19)) for k in (1, 2)]
    cases = [AfterSalesCase(case_no=f"TH-{k}", opened_on=dt.date(2026, 11, 22), order_no=f"3900000000000000{k}",
                            type="退货退款", sku="P1", qty=1, return_tracking=f"YT{k}", status="等退货") for k in (1, 2)]
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: lines, AfterSalesCase: cases})
    return folder


def test_one_return_scanned_by_two_codes_is_received_once(tmp_path):
    shop = open_shop(_shop(tmp_path / "shop"))
    res = aftersales(shop, TODAY, received=["yt1", "th-1", "39000000000000001", "YT2"])
    assert res.received == ["yt1", "YT2"]
    assert [(code, first, c.case_no) for code, first, c in res.same] == [("th-1", "yt1", "TH-1"),
                                                                         ("39000000000000001", "yt1", "TH-1")]
    back = [(m.ref, m.qty) for m in read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
            if m.type is MovementType.RETURN]
    assert back == [("TH-1", 1), ("TH-2", 1)]


def test_said_on_screen_in_the_shop_s_language(tmp_path):
    folder = _shop(tmp_path / "shop", "en")
    r = CliRunner().invoke(app, ["aftersales", "receive", str(folder), "YT1", "TH-1", "--date", f"{TODAY}"])
    assert r.exit_code == 0, r.output
    assert "✓ received: YT1\n" in r.output and "TH-1: the same return as YT1 (case TH-1), received once" in r.output
