"""QA (returns): a shop that renamed its 售后 sheet (售后登记; an English shop's Returns log), found by its headers,
was still told to type a return "在售后表" / "on the After-sales sheet", its open cases "全部在 orders.xlsx 的“售后”表",
the cases opened "（orders.xlsx 的“售后”表）": a sheet the workbook has not. Each now names the sheet as it is."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
import pytest
from cli_run import flat, shopbook

from shopbook.aftersales.workflow import aftersales
from shopbook.schema import ORDERS, STOCK, AfterSalesCase, Movement, OrderLine, Product
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

TODAY = dt.date(2026, 11, 25)
RENAMED = {"zh": ("售后", "售后登记"), "en": ("After-sales", "Returns log")}


def _shop(folder, lang):
    init_shop(folder, lang=lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku="P1", name="衬衫", cost=D(30), price=D(99))],
        Movement: [Movement(date=dt.date(2026, 11, 1), sku="P1", type="入库", qty=50)]})
    line = dict(source="淘宝", paid_at=dt.datetime(2026, 11, 18, 10), receiver="赵六", phone="13800000000",
                address="浙江省 杭州市 西湖区 文三路 1 号", sku="P1", qty=1, unit_price=D(99))
    lines = [OrderLine(order_no="390000000000000001", status="已发货", courier="中通", tracking_no="75000000000001",
                       shipped_on=dt.date(2026, 11, 19), **line),
             OrderLine(order_no="390000000000000002", status="已挂起", **line),
             OrderLine(order_no="390000000000000003", status="已发货", courier="中通", tracking_no="75000000000003",
                       shipped_on=dt.date(2026, 11, 19), **line)]
    cases = [AfterSalesCase(case_no="TH-1", opened_on=dt.date(2026, 11, 22), order_no="390000000000000003",
                            type="退货退款", sku="P1", qty=1, return_tracking="YT1234567890", status="等退货")]
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: lines, AfterSalesCase: cases})
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    old, new = RENAMED[lang]
    wb[old].title = new
    wb.save(folder / "orders.xlsx")


def test_the_desk_names_the_sheet_as_the_workbook_has_it(tmp_path):
    _shop(tmp_path / "shop", "zh")
    run = shopbook("aftersales", "receive", tmp_path / "shop", "YT9999999999", "390000000000000001",
                   "--date", "2026-11-25")
    out = flat(run.stdout)
    assert run.returncode == 1, run.stdout + run.stderr
    assert flat("开了 1 个售后问题件（orders.xlsx 的“售后登记”表）") in out, run.stdout
    assert flat("先在“售后登记”表登记这个退货") in out and flat("在“售后登记”表登记这个退货并填上退货单号") in out, run.stdout
    assert "售后表" not in out and "“售后”表" not in out, run.stdout
    wb = openpyxl.load_workbook(tmp_path / "shop" / "orders.xlsx", read_only=True)
    assert "售后" not in wb.sheetnames and wb["售后登记"].max_row == 3  # the case opened went onto it


@pytest.mark.parametrize("lang", ["en"])
def test_an_english_shop_s_renamed_sheet(tmp_path, lang):
    _shop(tmp_path / "shop", lang)
    res = aftersales(open_shop(tmp_path / "shop"), TODAY, received=["YT9999999999", "390000000000000001"])
    said = [en for _, _, en in res.said("en", 5, shown=0)]
    assert any("opened (the 'Returns log' sheet of orders.xlsx)" in x for x in said), said
    assert any("type its return on the 'Returns log' sheet first" in x for x in said), said
    assert any("return on the 'Returns log' sheet with this tracking no." in x for x in said), said
    assert any("all of them on the 'Returns log' sheet of orders.xlsx" in x for x in said), said
    assert not any("After-sales sheet" in x for x in said), said
