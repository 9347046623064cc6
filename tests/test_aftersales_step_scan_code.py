"""QA (returns): a 退货单号 cell with a remark beside the number ("YT… 已签收", "YT…（破损）") or two parcels' numbers
("YT… / YT…") was put whole into the open case's next step, "退货到了扫描：shopbook aftersales receive 店铺 YT… 已签收":
run as it says, 已签收 was a second code, "no case" (✗, exit 1), and （破损） no command a shell runs. The step names
the code to scan: the cell's one number, or, for two parcels, the case number (either parcel receives it); the
button's words name the parcels' numbers, as a person reads them on a box."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from shopbook.aftersales.workflow import aftersales
from shopbook.schema import ORDERS, STOCK, AfterSalesCase, Movement, OrderLine, Product
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

TODAY = dt.date(2026, 11, 25)
CELLS = {1: "YT1234567890 已签收", 2: "YT2234567890（破损）", 3: "YT3234567890 / YT3234567891"}


def test_the_step_s_command_receives_the_case_it_names(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, lang="en")
    write_workbook(folder / "stock.xlsx", STOCK, "en", {
        Product: [Product(sku="P1", name="Shirt", cost=D(30), price=D(99))],
        Movement: [Movement(date=dt.date(2026, 11, 1), sku="P1", type="入库", qty=50)]})
    lines = [OrderLine(order_no=f"39000000000000000{k}", source="淘宝", paid_at=dt.datetime(2026, 11, 18, 10),
                       receiver="Amy", phone="13800000000", address="浙江省 杭州市 西湖区 文三路 1 号", sku="P1", qty=1,
                       unit_price=D(99), status="已发货", courier="中通", tracking_no=f"75000000000000{k}",
                       shipped_on=dt.date(2026, 11, 19)) for k in CELLS]
    cases = [AfterSalesCase(case_no=f"TH-{k}", opened_on=dt.date(2026, 11, 22), order_no=f"39000000000000000{k}",
                            type="退货退款", sku="P1", qty=1, return_tracking=cell, status="等退货")
             for k, cell in CELLS.items()]
    write_workbook(folder / "orders.xlsx", ORDERS, "en", {OrderLine: lines, AfterSalesCase: cases})
    shop = open_shop(folder)
    steps = {v.case.case_no: (v.step, v.by_button) for v in aftersales(shop, TODAY).open}
    head = "scan the return when it comes: shopbook aftersales receive SHOP "
    assert {no: step for no, (step, _) in steps.items()} == {
        "TH-1": head + "YT1234567890", "TH-2": head + "YT2234567890", "TH-3": head + "TH-3"}
    assert steps["TH-3"][1].startswith("when the return YT3234567890, YT3234567891 comes: scan it")
    # run as the steps say (a shell's words after SHOP): each case received, no code "no case"
    codes = [w for step, _ in steps.values() for w in step.removeprefix(head).split()]
    res = aftersales(open_shop(folder), TODAY, received=codes)
    assert res.unknown == [] and res.received == ["YT1234567890", "YT2234567890", "TH-3"]
    assert not res.needs_a_person(receiving=True)
