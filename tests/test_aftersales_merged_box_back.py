"""QA (merged boxes back): two orders of one buyer went out as one box (合并发货: one waybill row "M1,M2", one
waybill). The box came back refused, and the clerk at `aftersales receive` scanned its waybill: told "no case …
open it and find its order number", where the shop knows it is M1 and M2's box; typing the label's order number
"M1,M2" as the waybill row has it was "no case for M1,M2", though each order had its return case. Now the waybill
of a box is said as such (its orders named, nothing received: whose goods came is not known, scan each), and
"M1,M2" receives M1 and M2, each its own case, its 退货 posted once. Real pick list, shipped file, CLI."""

from __future__ import annotations

import datetime as dt
import json

from test_aftersales import type_case
from test_morning_ship_together import _picked
from test_orders import lines_of
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK, Movement, MovementType

WAYBILL = "73100000000001"


def _shipped_box(tmp_path, cases: bool = True):
    shop, _, waybill = _picked(tmp_path)
    assert waybill[0][0] == "M1,M2"
    shipped = tmp_path / "快递助手-已发货.csv"
    shipped.write_text(f"\ufeff快递单号,收件人,订单号,打印时间,快递名称\r\n{WAYBILL}\t,王芳,\"M1,M2\",2026-11-22 17:00:00,"
                       "中通快递\r\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), str(shipped)])
    assert r.exit_code == 0, r.output
    assert {ln.order_no: ln.tracking_no for ln in lines_of(shop)}["M2"] == WAYBILL
    if cases:
        for n in (1, 2):
            type_case(shop, case_no=f"JS-{n}", opened_on=dt.date(2026, 11, 25), order_no=f"M{n}", sku="SH-BK-M", qty=1,
                      type="退货退款", reason="拒收", amount=99, status="等退货")
    return shop


def _returns(shop) -> list[tuple]:
    return sorted((m.ref, m.sku, m.qty) for m in read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
                  if m.type is MovementType.RETURN)


def test_the_waybill_of_a_box_is_said_as_the_box_of_its_orders(tmp_path):
    shop = _shipped_box(tmp_path)
    r = CliRunner().invoke(app, ["aftersales", "receive", str(shop.folder), WAYBILL])
    assert r.exit_code == 1, r.output
    assert f"{WAYBILL}：是订单 M1、M2 合并发货的面单（一个包裹）" in r.output and "这次没有收货" in r.output
    assert "找不到售后单" not in r.output and _returns(shop) == []
    r = CliRunner().invoke(app, ["aftersales", "receive", str(shop.folder), WAYBILL, "--json"])
    assert json.loads(r.stdout)["shipped_together"] == [{"code": WAYBILL, "order_nos": ["M1", "M2"]}]


def test_the_boxs_order_numbers_as_its_label_has_them_receive_each(tmp_path):
    shop = _shipped_box(tmp_path)
    r = CliRunner().invoke(app, ["aftersales", "receive", str(shop.folder), "M1,M2"])
    assert r.exit_code == 0, r.output
    assert "收到：M1、M2" in r.output and "找不到售后单" not in r.output
    assert _returns(shop) == [("JS-1", "SH-BK-M", 1), ("JS-2", "SH-BK-M", 1)]
    r = CliRunner().invoke(app, ["aftersales", "receive", str(shop.folder), "M1，M2"])  # again, full-width comma
    assert _returns(shop) == [("JS-1", "SH-BK-M", 1), ("JS-2", "SH-BK-M", 1)] and "已于" in r.output


def test_an_english_shop_reads_it_in_english(tmp_path):
    shop = _shipped_box(tmp_path, cases=False)
    toml = shop.folder / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"', 1), encoding="utf-8")
    r = CliRunner().invoke(app, ["aftersales", "receive", str(shop.folder), WAYBILL])
    assert f"{WAYBILL}: the waybill of orders M1, M2 shipped together (one box)" in r.output, r.output
    assert "合并发货" not in r.output
