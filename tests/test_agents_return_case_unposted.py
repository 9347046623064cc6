"""Agents: an agent's order returned through the after-sales desk, its 退货退款 case typed 已完成 by hand, the
return never posted to 出入库. The statement credits the goods back that 出入库 holds alone, so it billed the agent
the whole order (82.50 for 3 × A, one of them taken back) and settle said ✓, nothing about the case; `validate`
alone said the stock was short. Now settle warns at the case's 状态, naming the order and how to post the return
(or retype the case), the summary line no ✓; once the return is posted under the case number it is credited and
said no more. A real .xlsx shop (test_agents_settlement.make_shop): A lists 50.00, 金牌 0.55 → 27.50."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cli_run import shopbook
from shopbook.agents.workflow import settle_month
from shopbook.schema import ORDERS, AfterSalesCase, OrderLine
from shopbook.shop import open_shop
from shopbook.workbook_builder import write_workbook
from test_agents_settlement import line, make_shop, ret

D = Decimal
d = dt.date


def _shop(tmp_path, moves=(), lang="zh", order="DL1-001", source_agent=True):
    lines = [line("DL1-001", "A", 3, None, shipped=d(2026, 11, 5))]
    if not source_agent:  # a shop's own order of the same SKU, returned the same way: not the agent's
        lines.append(line("T100", "A", 1, "50.00", shipped=d(2026, 11, 5)).model_copy(
            update={"source": "淘宝", "agent_id": None}))
    shop = make_shop(tmp_path, lines=lines, moves=moves, settings=[("shop", "language", f'"{lang}"')])
    case = AfterSalesCase(case_no="SH001", opened_on=d(2026, 11, 12), order_no=order, sku="A", qty=1, type="退货退款",
                          status="已完成")
    write_workbook(shop.folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, AfterSalesCase: [case]},
                   keep_backup=False)
    return open_shop(shop.folder)


def test_a_return_case_done_with_its_goods_never_posted_is_said_at_its_status(tmp_path):
    res = settle_month(_shop(tmp_path), "2026-11")
    (s,) = res.statements
    assert s.goods == D("82.50") and s.returned == 0
    (i,) = res.to_json()["issues"]
    assert (i["book"], i["sheet"], i["severity"]) == ("orders.xlsx", "售后", "warning"), i
    assert i["cell"] == f"{'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[[c.name for c in AfterSalesCase.columns()].index('status')]}2"
    assert "SH001" in i["message_zh"] and "DL1-001" in i["message_zh"] and "没有冲抵" in i["message_zh"]
    assert "shopbook aftersales receive SH001" in i["message_en"] and "nothing is credited" in i["message_en"]


def test_posted_under_its_case_number_it_is_credited_and_said_no_more(tmp_path):
    res = settle_month(_shop(tmp_path, moves=[ret(d(2026, 11, 14), "A", 1, "SH001")]), "2026-11")
    (s,) = res.statements
    assert s.returned == D("27.50") and not res.to_json()["issues"]


def test_a_case_of_a_shop_order_is_not_the_agents(tmp_path):
    res = settle_month(_shop(tmp_path, order="T100", source_agent=False), "2026-11")
    assert not res.to_json()["issues"]


def test_the_command_line_says_it_in_an_english_shop_with_no_tick(tmp_path):
    shop = _shop(tmp_path, lang="en")
    r = shopbook("agents", "settle", shop.folder, "--month", "2026-11")
    out = " ".join((r.stdout + r.stderr).split())
    assert "After-sales case SH001 (agent DL1's order DL1-001 A, a return) is done, but its return was never posted" in out, out
    assert "✓ " + str(shop.reports) not in out and "没有冲抵" not in out, out
