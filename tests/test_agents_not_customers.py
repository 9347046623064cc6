"""An agent's orders (来源 代理) in the customer figures, on real workbooks: each parcel an agent
drop-ships went to one of the agent's customers, not the shop's. QA: `shopbook customers --month
2026-11` counted every receiver of agent DL1's parcels as a new customer of the shop (新客 4 where the
shop had 1), one receiver who had two parcels as a repeat buyer and a VIP, and the agent's order typed
with a blank 单价 at 0; the monthly review's 客户与推广 sheet and its e-mail the same. Now they are left
out of the figures and each place that shows them says so, and how many."""

from __future__ import annotations

import datetime as dt
import email
import json
from decimal import Decimal
from email import policy

import openpyxl

from cli_run import flat, shopbook
from shopbook.schema import AGENTS, ORDERS, STOCK, Agent, OrderLine, Product, Tier
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook

D = Decimal
PHONES = {"alice": "13800000001", "bob": "13800000002", "王五": "13900000005", "赵六": "13900000006"}


def line(no: str, month: int, day: int, receiver: str, price: str | None, **more) -> OrderLine:
    return OrderLine(order_no=no, platform="淘宝", receiver=receiver, phone=PHONES[receiver],
                     address="浙江省 杭州市 西湖区 文三路1号", sku="A1", qty=2,
                     unit_price=D(price) if price is not None else None, paid_at=dt.datetime(2026, month, day, 9),
                     **more)


def agent(no: str, month: int, day: int, receiver: str, price: str | None = "300.00") -> OrderLine:
    return line(no, month, day, receiver, price, source="代理", agent_id="DL1")


def shop(tmp_path, lang: str = "zh"):
    """alice bought in October and November (2 × 359.20 each: 718.40), bob in November; agent DL1
    drop-shipped four parcels: 王五 in October, 赵六 and 王五 twice in November (one typed with a blank
    单价). VIPs from 1,000: alice (1,436.80) alone; counted as the shop's, 王五 was one too (1,200.00,
the blank 单价 at 0)."""
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {Product: [
        Product(sku="A1", name="外套", cost=D(150), price=D("359.20"))]}, keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: [
        line("T1", 10, 12, "alice", "359.20", buyer="alice"),
        agent("DL1-0001", 10, 20, "王五"),
        line("T2", 11, 3, "alice", "359.20", buyer="alice"),
        line("T3", 11, 4, "bob", "359.20", buyer="bob"),
        agent("DL1-0002", 11, 5, "赵六"),
        agent("DL1-0003", 11, 6, "王五"),
        agent("DL1-0004", 11, 9, "王五", price=None)]}, keep_backup=False)
    write_workbook(folder / AGENTS.filename, AGENTS, lang, {
        Agent: [Agent(agent_id="DL1", name="甲代理", tier="金牌")], Tier: [Tier(tier="金牌", discount=D("0.5"))]},
        keep_backup=False)
    cfg = (folder / "shopbook.toml").read_text(encoding="utf-8")
    assert "vip_spend = 1000" in cfg
    return folder


def test_the_customers_command_leaves_an_agents_orders_out_and_says_so(tmp_path):
    folder = shop(tmp_path)
    r = shopbook("customers", folder, "--month", "2026-11", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    rep = json.loads(r.stdout)
    (nov,) = rep["months"]
    assert (nov["buyers"], nov["new"], nov["returning"], nov["repeat"], nov["orders"], nov["sales"]) == (
        2, 1, 1, 0, 2, "1436.80")  # alice back, bob new: no receiver of DL1's
    assert [(c["name"], c["spend"]) for c in rep["vip"]] == [("alice", "1436.80")]
    assert sorted(c["name"] for c in rep["top"]) == ["alice", "bob"] and rep["customers"] == 2
    assert (rep["agent_orders"], rep["agent_orders_in_period"]) == (4, 3)
    # on the screen and in the report, in the shop's language
    r = shopbook("customers", folder, "--month", "2026-11")
    assert r.returncode == 0, r.stdout + r.stderr
    said = "代理订单（4单，其中期内3单）不计入客户统计：代理的收件人是代理的客户"
    assert said in flat(r.stdout), r.stdout
    ws = openpyxl.load_workbook(folder / "reports" / "客户-2026-11.xlsx")["按月"]
    rows = [row for row in ws.iter_rows(values_only=True) if any(v is not None for v in row)]
    assert rows[1][:4] == ("2026-11", 2, 1, 1)
    assert flat(rows[-1][0]) == "注：" + said
    # a month without the agent's orders: those up to its end, none in it
    r = shopbook("customers", folder, "--month", "2026-10", "--json")
    assert (json.loads(r.stdout)["agent_orders"], json.loads(r.stdout)["agent_orders_in_period"]) == (1, 1)


def test_an_english_shop_says_it_in_english(tmp_path):
    folder = shop(tmp_path, "en")
    r = shopbook("customers", folder)
    assert r.returncode == 0, r.stdout + r.stderr
    out = " ".join(r.stdout.split())
    assert "4 agent orders are not in the customer figures: an agent's receivers are the agent's customers" in out, out
    assert "代理" not in out


def test_the_monthly_review_and_its_email_leave_an_agents_orders_out_and_say_so(tmp_path):
    folder = shop(tmp_path)
    r = shopbook("email", folder, "--report", "monthly", "--period", "2026-11")
    assert r.returncode in (0, 1), r.stdout + r.stderr
    (eml,) = (folder / "outbox").glob("*.eml")
    text = email.message_from_bytes(eml.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    assert "新客 / 老客：1 / 1" in text, text
    assert "客户统计：代理订单（4 单，其中期内 3 单）不计入客户统计：代理的收件人是代理的客户" in text, text
    ws = openpyxl.load_workbook(folder / "reports" / "月报-2026-11.xlsx")["客户与推广"]
    rows = [row[:2] for row in ws.iter_rows(values_only=True)]
    assert ("2026-11 买家数", 2) in rows and ("新客", 1) in rows and ("老客", 1) in rows
    assert ("VIP（累计消费 ≥ ¥1,000）", 1) in rows and ("  alice 淘宝", 1436.8) in rows
    assert not any(str(r[0]).strip().startswith(("王五", "赵六")) for r in rows), rows
    assert ("代理订单（4 单，其中期内 3 单）不计入客户统计：代理的收件人是代理的客户", None) in rows, rows
