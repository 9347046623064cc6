"""QA (follow-up, self-check): `orders follow-up` printed a held order's 审单结果 as the cell holds it: 挂起：买家留言：…
with the hold word (under the heading 挂起：1), and a buyer's message or a person's note of several lines (Alt+Enter in
Excel) broke the list, its second line starting at the left edge as if it were another order, a page-long note
printed whole; the self-check's 挂起超过一天 line broke alike. Now each held order is one line, its reasons without the
hold word, a message's lines joined with " / " and a long one cut saying where it is whole, in the shop's language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cli_run import shopbook
from test_orders import build_shop

from shopbook.schema import ORDERS, OrderLine
from shopbook.workbook_builder import write_workbook

LONG = "买家说要改地址，等他电话。" + "包装要结实一点" * 20


def _held(no, review):
    return OrderLine(order_no=no, receiver="王芳", phone="13812345678", address="浙江省 杭州市 西湖区 文三路1号",
                     sku="SH-WH-M", qty=1, unit_price=Decimal("99.00"), status="已挂起", review=review,
                     paid_at=dt.datetime(2026, 11, 20, 9))


def test_each_held_order_is_one_line_in_follow_up_and_the_self_check(tmp_path):
    shop = build_shop(tmp_path)
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: [
        _held("H1", "挂起：买家留言：周五前到\n送人的，别放发票"),  # an earlier version's hold, a two-line message
        _held("H2", f"自动挂起：审单结果原写着：先别发\n{LONG}")]}, keep_backup=False)
    r = shopbook("orders", "follow-up", shop.folder)
    lines = r.stdout.splitlines()
    assert "  H1  2026-11-20 09:00  买家留言：周五前到 / 送人的，别放发票" in lines, r.stdout
    h2 = next(ln for ln in lines if ln.startswith("  H2  "))
    assert "审单结果原写着：先别发 / 买家说要改地址" in h2 and "挂起：" not in h2, h2
    assert h2.endswith("…（全文见 orders.xlsx 的“审单结果”列）") and LONG not in h2, h2
    assert len(lines) == 4, r.stdout  # 发货未签收：0, 挂起：2, and one line each
    r = shopbook("selfcheck", shop.folder)
    said = [ln for ln in r.stdout.splitlines() if "挂起超过一天" in ln]
    assert len(said) == 2 and all("→" in ln for ln in said), r.stdout  # (each whole on its line, the action after)
    assert any("买家留言：周五前到 / 送人的，别放发票 →" in ln for ln in said), said
