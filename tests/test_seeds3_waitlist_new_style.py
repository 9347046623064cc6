"""The seeds' 缺货登记 is for customers of 暂时缺货 and of 新款上架 alike (遇到暂时缺货和新款上架需要通知的客户，
建一个文档登记：ID、需要通知的款号、码数): an entry for a style not listed yet was said never to be called,
"correct it"; it is called once the style is on 商品 and its goods are in, and the warning says so."""

from __future__ import annotations

import datetime as dt

from test_stock_checks import item, new_shop

from shopbook.schema import STOCK, Movement, MovementType, Product, WaitlistEntry
from shopbook.stock import workflow as W
from shopbook.workbook_builder import write_workbook


def test_a_customer_waiting_for_a_new_style_is_called_once_it_is_listed_and_in(tmp_path):
    day = dt.date(2026, 12, 1)
    wait = [WaitlistEntry(date=day, customer="新款等的人", contact="wx_a", style="NEW9", size="M"),
            WaitlistEntry(date=day, customer="等新编码", sku="NEW9-L")]
    old = item("OLD-M", 5, style="OLD", size="M")
    s = new_shop(tmp_path, [old])
    write_workbook(s.path(STOCK), STOCK, "zh", {Product: [old], WaitlistEntry: wait}, keep_backup=False)
    got = W.waitlist(s, day)
    assert got.calls == [] and len(got.warnings) == 2
    style, code = sorted(got.warnings, key=lambda w: w.field != "style")
    assert "款号“NEW9”不在商品表中：是还没上架的新款的话，加进商品表并到货后，新款等的人 会列在要通知里" in style.message_zh
    assert "写错了请改正" in style.message_zh and "不会收到到货通知" not in style.message_zh + code.message_zh
    assert "new style still to be listed" in code.message_en and "will not be called" not in style.message_en + code.message_en
    # listed and received: called, the warnings gone
    write_workbook(s.path(STOCK), STOCK, "zh", {
        Product: [old, item("NEW9-M", 0, style="NEW9", size="M"), item("NEW9-L", 0, style="NEW9", size="L")],
        Movement: [Movement(date=day, sku=k, type=MovementType.IN, qty=6) for k in ("NEW9-M", "NEW9-L")],
        WaitlistEntry: wait}, keep_backup=False)
    got = W.waitlist(s, day)
    assert sorted(c.sku for c in got.calls) == ["NEW9-L", "NEW9-M"] and got.warnings == []
