"""QA: an order typed by hand into orders.xlsx with the input method's full-width on (买家 ｔｂ＿８８８) beside the
Taobao export's tb_888 made two customers: the buyer counted new twice in the month, no repeat buyer, the VIP's
spend split in two (neither over 1,000). The account's full-width letters and digits are its half-width ones."""

import datetime as dt
from decimal import Decimal as D

import openpyxl

from shopbook.customers import shop_customers
from shopbook.schema import ORDERS, OrderLine
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook


def line(no, day, buyer, price, phone):
    return OrderLine(order_no=no, platform="淘宝", buyer=buyer, receiver="王芳", phone=phone,
                     address="浙江省 杭州市 西湖区 文三路 1 号", sku="S1", qty=1, unit_price=D(price),
                     paid_at=dt.datetime(2026, 11, day, 10))


def test_a_full_width_buyer_typed_by_hand_is_the_export_s_buyer(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        line("3900000000000000001", 3, "tb_888", "600.00", "13800000001"),
        line("H-1103", 12, "ｔｂ＿８８８", "500.00", "13900000002"),  # typed by hand, another phone
        line("3900000000000000003", 14, "amy", "80.00", "13800000003"),
    ]}, keep_backup=False)
    rep, path = shop_customers(open_shop(folder), "2026-11")
    by = {c.name: c for c in rep.customers}
    assert set(by) == {"tb_888", "amy"}, by
    assert (by["tb_888"].orders, by["tb_888"].spend) == (2, D("1100.00"))
    (nov,) = rep.months
    assert (nov.buyers, nov.new, nov.repeat) == (2, 2, 1)
    assert [c.name for c in rep.vip] == ["tb_888"]  # 1,100.00 over the 1,000 of shopbook.toml's default
    rows = list(openpyxl.load_workbook(path)["客户"].iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["tb_888", "amy"]


def test_a_full_width_buyer_typed_with_a_space_after_it_is_the_same_account():
    from shopbook.customers import account

    assert account("ｔｂ＿８８８ ") == account("tb_888") == "tb_888"
    assert account("小明　") == account("小明")  # (a full-width space after a Chinese name)
