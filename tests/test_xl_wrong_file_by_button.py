"""A file chosen with the wrong button (the day's order export with 导入生意参谋…, the Alipay statement with 微信对账… or
导入订单…, a delivery's scans naming no PO with 采购收货…) was refused in a box that said where it goes as a command line,
"请用 shopbook orders import 导入", "请用 shopbook reconcile alipay 对账", "或用命令 shopbook purchase receive … --po 单号", to a
person in Excel with the right button beside the wrong one. The box names that button, as the ribbon labels it (a file's
stop: both languages); the command line keeps its words. Nothing is written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shopbook import xl
from shopbook.issues import ShopbookError
from shopbook.kpi.import_sycm import import_kpi
from shopbook.money.workflow import reconcile_wechat_file
from shopbook.shop import init_shop, open_shop
from xlfake import FakeBook

EXAMPLES = Path(__file__).parent.parent / "examples"
ORDERS = EXAMPLES / "ExportOrderList20261122.csv"
ALIPAY = EXAMPLES / "20881234567890120156_202611_账务明细.csv"


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wrong") / "shop"
    init_shop(folder)
    return folder


def pressed(shop, button, path) -> str:
    before = {p: p.read_bytes() for p in shop.glob("*.xlsx")}
    book = FakeBook(shop / "orders.xlsx")
    getattr(xl, button)(str(path), book=book)
    assert {p: p.read_bytes() for p in shop.glob("*.xlsx")} == before  # nothing written
    box = book.app.alerts[-1]
    assert box["mode"] == "critical" and not re.search(r"shopbook [a-z]|--po", box["prompt"]), box["prompt"]
    return box["prompt"]


def test_an_order_export_with_the_kpi_button_names_the_import_orders_button(shop):
    said = pressed(shop, "import_kpi", ORDERS)
    assert "：这是淘宝/天猫 订单报表，请按“导入订单…”选它导入。什么都没有写入。" in said, said
    assert ": it is a Taobao/Tmall order list; press Import orders… and choose it. Nothing was written." in said, said
    with pytest.raises(ShopbookError) as e:
        import_kpi(open_shop(shop), [ORDERS])
    assert "请用 shopbook orders import 导入" in e.value.zh and "import it with shopbook orders import" in e.value.en


def test_the_alipay_statement_with_the_wechat_or_orders_button_names_the_alipay_button(shop):
    said = pressed(shop, "reconcile_wechat", ALIPAY)
    assert "这是支付宝对账单，不是微信支付账单：请按“支付宝对账…”选它对账。" in said, said
    assert "This is an Alipay statement, not a WeChat Pay bill: press Reconcile Alipay… and choose it." in said, said
    with pytest.raises(ShopbookError) as e:
        reconcile_wechat_file(open_shop(shop), ALIPAY)
    assert "请用 shopbook reconcile alipay 对账" in e.value.zh
    said = pressed(shop, "import_orders", ALIPAY)
    assert "这不是订单文件：这是支付宝对账单（账务明细 / 资金流水），请按“支付宝对账…”选它对账。没有导入任何订单。" in said, said


def test_a_delivery_naming_no_po_says_to_put_it_on_the_first_line(shop, tmp_path):
    scans = tmp_path / "收货.txt"
    scans.write_text("SH-WH-M,20\n", encoding="utf-8")
    said = pressed(shop, "purchase_receive", scans)
    assert "收货文件里没有写采购单号：请在第一行写上采购单号（如 CG20261122-01,快递,单号），再按“采购收货…”选它。" in said, said
    assert "then press Receive PO… and choose it again." in said, said
