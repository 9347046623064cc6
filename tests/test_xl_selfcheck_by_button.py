"""The 自查 button's box named command lines: "退货到了扫描：shopbook aftersales receive 店铺 YT… → shopbook aftersales 店铺",
"→ shopbook picklist 店铺 · 按钮 拣货单", to a person in Excel with the buttons above the sheet. Each item names the
button to press (CheckItem.button, a case's step as CaseView.by_button words it); the command line, the e-mail and
the daily report's 自查 sheet keep the command."""

from __future__ import annotations

import datetime as dt

from shopbook import xl
from shopbook.report.selfcheck import read_selfcheck
from shopbook.schema import ORDERS
from test_aftersales import type_case
from test_orders import TODAY, build_shop
from xlfake import FakeBook


def test_the_self_check_box_names_the_buttons_and_the_command_line_its_commands(tmp_path):
    shop = build_shop(tmp_path)
    type_case(shop, case_no="TH-1", opened_on=TODAY, order_no="3900000000000000405", sku="SH-WH-M", qty=1,
              type="退货退款", reason="不喜欢", return_tracking="YT900002", status="等退货",
              due=dt.date.today() + dt.timedelta(days=7))
    [item] = [i for i in read_selfcheck(shop) if i.record.startswith("售后 TH-1")]
    assert item.what.endswith("退货到了扫描：shopbook aftersales receive 店铺 YT900002") and \
        item.then == " → shopbook aftersales 店铺", item  # (the command line's, the e-mail's, the sheet's)

    book = FakeBook(shop.path(ORDERS))
    xl.self_check(book)
    lines = book.app.alerts[-1]["prompt"].splitlines()
    [said] = [ln for ln in lines if "TH-1" in ln]
    assert said.endswith("：退货退款：退货 YT900002 到了：扫描，再按“售后收货…”选扫描文件收货 → 按“售后处理”"), said
    assert not any("shopbook aftersales" in ln or "shopbook picklist" in ln or "shopbook validate" in ln
                   for ln in lines), lines
