"""Workbooks as people really make them (issue 16, part A).

- One typo is one located error in every command that reads it: a row that cannot be read
  whole still exists for references (its SKU, account, category, agent, tier).
- Totals rows (合计/总计/小计/Total, or the sums of the rows above) are skipped, with a note.
- A renamed sheet whose headers are right (出入库记录) is read, with a warning naming it.
- A value that must come from a list is an error with "did you mean …".
- The corpus shop in tests/corpus/person_made/shop/ gives exactly the issues listed here.

Every workbook is a real .xlsx, written and read back by the calls the CLI makes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.agents.workflow import settle_month
from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.issues import ShopbookError
from shopbook.money.workflow import ledger_report
from shopbook.orders.workflow import review
from shopbook.schema import (AGENTS, LEDGER, ORDERS, STOCK, Account, Agent, BalanceCheck, Category, Entry, Movement,
                             OrderLine, Payment, Product, ReviewRule, ShippingRate, Tier)
from shopbook.shop import init_shop, open_shop
from shopbook.stock.workflow import stock_alerts, stock_summary, stocktake_post
from shopbook.validate import validate_path
from shopbook.workbook_builder import write_workbook

D = Decimal
d = dt.date
CORPUS = Path(__file__).resolve().parent / "corpus" / "person_made" / "shop"
TODAY = d(2026, 11, 10)


# --- a small, clean shop, and one typo at a time -----------------------------------

def _line(no: str, sku: str, **kw) -> OrderLine:
    return OrderLine(order_no=no, receiver="赵六", phone="13800000000", address="浙江省 杭州市 西湖区 文三路 1 号",
                     sku=sku, qty=1, unit_price=D(99), **kw)


@pytest.fixture
def shop(tmp_path) -> Path:
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="P1", name="衬衫", cost=D(30), price=D(99), safety_stock=2),
                  Product(sku="P2", name="裤子", cost=D(40), price=D(129), safety_stock=2)],
        Movement: [Movement(date=d(2026, 11, 1), sku="P1", type="入库", qty=10),
                   Movement(date=d(2026, 11, 1), sku="P2", type="入库", qty=10),
                   *(Movement(date=d(2026, 11, 2 + k), sku="P2", type="出库", qty=1, ref=f"O{k}") for k in range(4))]},
        keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {
        OrderLine: [_line("O1", "P2", status="已发货", shipped_on=d(2026, 11, 3), courier="中通"),
                    _line("O2", "P2", status="待审核"),
                    _line("O3", "P2", source="代理", agent_id="D1", status="已发货", shipped_on=d(2026, 11, 4))],
        ShippingRate: [ShippingRate(courier="中通", province="其他", first_kg=D(1), first_price=D(8), extra_per_kg=D(4))],
        ReviewRule: [ReviewRule(rule="偏远地区", enabled=True, parameter="新疆,西藏")]}, keep_backup=False)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Account: [Account(account="支付宝", opening_date=d(2026, 11, 1), opening_balance=D(1000))],
        Category: [Category(category="销售收入", direction="收入", group="销售")],
        Entry: [Entry(date=d(2026, 11, 2), direction="收入", category="销售收入", amount=D(99), account="支付宝"),
                Entry(date=d(2026, 11, 3), direction="收入", category="销售收入", amount=D(99), account="支付宝")],
        BalanceCheck: [BalanceCheck(date=d(2026, 11, 3), account="支付宝", balance=D(1198))]}, keep_backup=False)
    write_workbook(folder / "agents.xlsx", AGENTS, "zh", {
        Tier: [Tier(tier="金牌", discount=D("0.6"))],
        Agent: [Agent(agent_id="D1", name="杭州小周", tier="金牌")],
        Payment: [Payment(date=d(2026, 11, 5), agent_id="D1", amount=D(50))]}, keep_backup=False)
    return folder


def type_into(path: Path, sheet: str, header: str, row: int, value) -> str:
    """A person types `value` in the cell of column `header`, Excel row `row`; returns the cell."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    col = next(c.column_letter for c in ws[1] if c.value == header)
    ws[f"{col}{row}"] = value
    wb.save(path)
    return f"{col}{row}"


def count_and_first(e: ShopbookError) -> tuple[int, str]:
    """(how many data errors a command stopped on, where the first one is)."""
    m = re.search(r"(\d+) 个数据错误.*?第一个：(\S+ › \S+ › \S+)", e.zh)
    assert m, e.zh
    return int(m.group(1)), m.group(2)


def the_clean_shop_runs(shop):
    s = open_shop(shop)
    assert validate_path(shop).errors == []
    review(s)
    stock_alerts(s, TODAY)
    ledger_report(s, "2026-11")
    settle_month(s, "2026-11")


def test_the_clean_shop_runs_every_command(shop):
    the_clean_shop_runs(shop)


# each typo: (workbook, sheet, header, row, value typed) → the commands that read that sheet
TYPOS = {
    "product price 48.9O": ("stock.xlsx", "商品", "售价", 3, "48.9O", ("review", "stock", "money", "agents")),
    "product name blank": ("stock.xlsx", "商品", "名称", 3, None, ("review", "stock", "money", "agents")),
    "account opening 1,0OO": ("ledger.xlsx", "账户", "期初余额", 2, "1,0OO", ("money",)),
    "category direction 收人": ("ledger.xlsx", "类别", "收支", 2, "收人", ("money",)),
    "agent name blank": ("agents.xlsx", "代理商", "名称", 2, None, ("agents",)),
    "tier discount 0.6O": ("agents.xlsx", "等级", "折扣", 2, "0.6O", ("agents",)),
}
COMMANDS = {
    "review": lambda s: review(s),
    "stock": lambda s: stock_alerts(s, TODAY),
    "money": lambda s: ledger_report(s, "2026-11"),
    "agents": lambda s: settle_month(s, "2026-11"),
}


@pytest.mark.parametrize("typo", list(TYPOS))
def test_one_typo_is_one_located_error_in_every_command(shop, typo):
    book, sheet, header, row, value, readers = TYPOS[typo]
    cell = type_into(shop / book, sheet, header, row, value)
    v = validate_path(shop)
    # the row's key (P2, 支付宝, 销售收入, D1, 金牌) is still known: movements, order lines, entries,
    # payments and agents naming it are not "does not exist"
    assert [(i.book, i.sheet, i.cell) for i in v.errors] == [(book, sheet, cell)]
    assert v.warnings == []
    s = open_shop(shop)
    for name in readers:
        with pytest.raises(ShopbookError) as e:
            COMMANDS[name](s)
        assert count_and_first(e.value) == (1, f"{book} › {sheet} › {cell}"), name
    for name in set(COMMANDS) - set(readers) - {"review"}:  # (review writes orders.xlsx: run once above)
        COMMANDS[name](s)


def test_a_typo_in_an_entry_amount_is_not_also_a_balance_mismatch(shop):
    cell = type_into(shop / "ledger.xlsx", "流水", "金额", 2, "99,OO")
    assert [(i.sheet, i.cell) for i in validate_path(shop).issues] == [("流水", cell)]
    cell = type_into(shop / "ledger.xlsx", "流水", "金额", 2, 99)
    type_into(shop / "ledger.xlsx", "流水", "账户", 3, "支付保")  # a typo in the account: the balance is unknown
    assert [(i.sheet, i.cell, i.message_en) for i in validate_path(shop).issues] == [
        ("流水", "E3", "Account '支付保' does not exist. Did you mean '支付宝'? Add it to the Accounts sheet.")]


def test_a_sheet_without_a_required_column_still_knows_its_keys(shop):
    wb = openpyxl.load_workbook(shop / "stock.xlsx")
    wb["商品"]["I1"] = "零售价"  # the 售价 header renamed: every product row is unusable, not unknown
    wb.save(shop / "stock.xlsx")
    # the error is at the renamed header: most likely 售价 itself
    assert [(i.sheet, i.cell, i.column) for i in validate_path(shop).errors] == [("商品", "I1", "零售价")]


# --- totals rows -----------------------------------------------------------------------

def test_totals_rows_are_skipped_with_a_note(shop):
    wb = openpyxl.load_workbook(shop / "stock.xlsx")
    ws = wb["商品"]
    ws["A4"], ws["H4"], ws["I4"] = "合计", 70, 228  # labelled
    ws = wb["出入库"]
    ws["D8"] = 24  # the sums of 数量 above, unlabelled
    wb.save(shop / "stock.xlsx")
    wb = openpyxl.load_workbook(shop / "agents.xlsx")
    wb["收款"]["D3"], wb["收款"]["C3"] = "Subtotal:", 50
    wb.save(shop / "agents.xlsx")
    v = validate_path(shop)
    assert v.issues == []
    assert [(n.book, n.sheet, n.cell, n.value, n.severity, n.message_en) for n in v.notes] == [
        ("stock.xlsx", "出入库", "D8", "", "note", "Row 8 is a totals row (the sums of the rows above): skipped."),
        ("stock.xlsx", "商品", "A4", "合计", "note", "Row 4 is a totals row ('合计'): skipped."),
        ("agents.xlsx", "收款", "D3", "Subtotal:", "note", "Row 3 is a totals row ('Subtotal:'): skipped.")]
    assert [p.sku for p in read_workbook(shop / "stock.xlsx", STOCK).rows(Product)] == ["P1", "P2"]
    # and everywhere else: on hand is not doubled by the sums row, the payments not by the subtotal
    s = open_shop(shop)
    assert {r.sku: r.on_hand for r in stock_summary(s, TODAY)} == {"P1": 10, "P2": 6}
    assert [[p.amount for p in st.payments] for st in settle_month(s, "2026-11").statements] == [[D(50)]]
    r = CliRunner().invoke(app, ["validate", str(shop), "--json"])
    notes = [i for i in json.loads(r.stdout) if i["severity"] == "note"]
    assert [(n["sheet"], n["cell"]) for n in notes] == [("出入库", "D8"), ("商品", "A4"), ("收款", "D3")]
    assert r.exit_code == 0


def _cache_formula(path: Path, sheet: str, ref: str, formula: str, cached: int) -> None:
    """A formula with the result Excel cached beside it (openpyxl writes none), in place of `ref`."""
    import zipfile

    wb = openpyxl.load_workbook(path)
    part = f"xl/worksheets/sheet{wb.sheetnames.index(sheet) + 1}.xml"
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts[part], n = re.subn(rb'<c r="%s"(?:[^>]*/>|[^>]*>.*?</c>)' % ref.encode(),
                             f'<c r="{ref}"><f>{formula}</f><v>{cached}</v></c>'.encode(), parts[part], count=1, flags=re.S)
    assert n == 1
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


@pytest.mark.parametrize("count", ["1 家", "共1个", "1 agent", "=COUNTA(B2:B2)"])
def test_a_totals_row_counting_the_agents_is_no_agent(shop, count):
    """合计 under the agents with their count in 名称 (typed, or Excel's COUNTA): was an agent 合计
    whose 等级 was blank, and every agents command stopped on it."""
    path = shop / "agents.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["代理商"]
    ws["A3"], ws["B3"] = "合计", (0 if count.startswith("=") else count)
    wb.save(path)
    if count.startswith("="):
        _cache_formula(path, "代理商", "B3", count[1:], 1)
    assert openpyxl.load_workbook(path)["代理商"]["B3"].value == count
    r = CliRunner().invoke(app, ["validate", str(shop), "--json"])
    said = json.loads(r.stdout)
    assert [(i["sheet"], i["cell"], i["severity"]) for i in said] == [("代理商", "A3", "note")], said
    r = CliRunner().invoke(app, ["agents", "settle", str(shop), "--month", "2026-11", "--json"])
    assert r.exit_code == 0, r.output
    assert [s["agent_id"] for s in json.loads(r.stdout)["agents"]] == ["D1"]


def test_a_name_or_code_beside_a_totals_label_keeps_the_row_checked(shop):
    path = shop / "agents.xlsx"
    wb = openpyxl.load_workbook(path)
    wb["代理商"]["A3"], wb["代理商"]["B3"] = "合计", "3号店"  # a name, not a count: an agent missing its tier
    wb.save(path)
    assert [(i.sheet, i.cell, i.column) for i in validate_path(shop).errors] == [("代理商", "C3", "等级")]


def test_a_month_row_of_sums_and_averages_is_a_totals_row(tmp_path):
    """日报's month row: visitors, orders and sales summed, conversion and AOV averaged."""
    path = tmp_path / "kpi.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "日报"
    for row in (["日期", "访客数", "支付订单数", "销售额", "转化率", "客单价"],
                [d(2026, 11, 1), 1000, 20, 2000, "2%", 100], [d(2026, 11, 2), 1000, 30, 3300, "3%", 110],
                [None, 2000, 50, 5300, "2.5%", 106]):
        ws.append(row)
    wb.save(path)
    v = validate_path(path)
    assert v.errors == [] and [(n.cell, n.message_en) for n in v.notes] == [
        ("B4", "Row 4 is a totals row (the sums of the rows above): skipped.")]


def test_a_row_that_only_looks_like_totals_is_still_checked(shop):
    wb = openpyxl.load_workbook(shop / "stock.xlsx")
    ws = wb["出入库"]
    ws["B8"], ws["D8"] = "P1", 24  # a SKU: a movement missing its date and type, not a sums row
    ws["F9"], ws["D9"] = "合计两件", 2  # a note that mentions 合计 is no totals label
    wb.save(shop / "stock.xlsx")
    v = validate_path(shop)
    assert [(i.cell, i.column) for i in v.errors] == [("A8", "日期"), ("C8", "类型"), ("A9", "日期"),
                                                       ("B9", "商家编码"), ("C9", "类型")]
    assert v.notes == []


def test_a_discount_typed_in_zhe_is_read_as_the_share_of_list_price(shop):
    """折扣 as Chinese shops write it (6折, 75折): was '不是百分比：“6折”。请填 2.5% 或 0.025。' and no agent
    command ran; now the same settlement as 0.6 typed."""
    def settled():
        r = CliRunner().invoke(app, ["agents", "settle", str(shop), "--month", "2026-11", "--json"])
        assert r.exit_code == 0, r.output
        return json.loads(r.stdout)["agents"]

    before = settled()
    type_into(shop / "agents.xlsx", "等级", "折扣", 2, "6折")
    type_into(shop / "agents.xlsx", "等级", "最低零售折扣", 2, "7折")
    assert validate_path(shop).errors == []
    assert [(t.discount, t.floor) for t in read_workbook(shop / "agents.xlsx", AGENTS).rows(Tier)] == [
        (D("0.6"), D("0.7"))]
    assert settled() == before
    for typed, share in (("5.5折", "0.55"), ("65折", "0.65"), ("10折", "1")):
        type_into(shop / "agents.xlsx", "等级", "折扣", 2, typed)
        assert [t.discount for t in read_workbook(shop / "agents.xlsx", AGENTS).rows(Tier)] == [D(share)]
    cell = type_into(shop / "agents.xlsx", "等级", "折扣", 2, "65.5折")
    [e] = validate_path(shop).errors
    assert (e.sheet, e.cell, e.value) == ("等级", cell, "65.5折") and "75折" in e.message_zh


# --- a renamed sheet ---------------------------------------------------------------------

def test_a_renamed_sheet_with_the_right_headers_is_read_and_named(shop):
    wb = openpyxl.load_workbook(shop / "stock.xlsx")
    ws = wb["出入库"]
    ws.title = "出入库记录"
    ws["D7"] = -3  # a negative 出库: its rows are checked like any
    wb.save(shop / "stock.xlsx")
    v = validate_path(shop)
    assert [(i.sheet, i.cell, i.severity) for i in v.issues] == [("出入库记录", "", "warning"),
                                                                  ("出入库记录", "D7", "error")]
    assert "“出入库记录”" in v.issues[0].message_zh and "'出入库'" in v.issues[0].message_en
    type_into(shop / "stock.xlsx", "出入库记录", "数量", 7, 1)
    s = open_shop(shop)
    assert {r.sku: r.on_hand for r in stock_summary(s, TODAY)} == {"P1": 10, "P2": 6}
    # a count posted goes into the renamed sheet, not into a new 出入库 beside it
    type_into(shop / "stock.xlsx", "盘点", "日期", 2, d(2026, 11, 8))
    type_into(shop / "stock.xlsx", "盘点", "商家编码", 2, "P1")
    type_into(shop / "stock.xlsx", "盘点", "实盘数量", 2, 9)
    stocktake_post(s, d(2026, 11, 8), today=TODAY)
    wb = openpyxl.load_workbook(shop / "stock.xlsx")
    assert "出入库" not in wb.sheetnames
    assert [c.value for c in wb["出入库记录"][8]][1:4] == ["P1", "调整", -1]
    assert {r.sku: r.on_hand for r in stock_summary(s, TODAY)} == {"P1": 9, "P2": 6}


# --- values from a list ---------------------------------------------------------------------

def test_a_review_rule_with_a_typo_stops_the_review(shop):
    cell = type_into(shop / "orders.xlsx", "审单规则", "规则", 2, "偏远地去")
    type_into(shop / "orders.xlsx", "审单规则", "启用", 2, "否")
    v = validate_path(shop)
    assert [(i.sheet, i.cell, i.message_zh, i.message_en) for i in v.issues] == [
        ("审单规则", cell, "“偏远地去”不是审单规则。是不是“偏远地区”？",
         "'偏远地去' is not a review rule. Did you mean '偏远地区'?")]
    with pytest.raises(ShopbookError) as e:  # the real rule would stay on
        review(open_shop(shop))
    assert count_and_first(e.value) == (1, f"orders.xlsx › 审单规则 › {cell}")


def test_a_misspelt_province_in_the_remote_rule_stops_the_review(shop):
    cell = type_into(shop / "orders.xlsx", "审单规则", "参数", 2, "新疆,西藏,青海省,新彊")
    assert [(i.sheet, i.cell, i.message_zh) for i in validate_path(shop).issues] == [
        ("审单规则", cell, "参数中的“新彊”不是省份。是不是“新疆”？")]
    with pytest.raises(ShopbookError) as e:  # its orders would go out as if 新彊 were not remote
        review(open_shop(shop))
    assert count_and_first(e.value) == (1, f"orders.xlsx › 审单规则 › {cell}")


@pytest.mark.parametrize("typed", ["remote area", "Remote", "偏远地区"])
def test_a_review_rule_on_two_rows_in_either_language_stops_the_review(shop, typed):
    """偏远地区 on row 2 and its English word on row 3 are one rule: the review would take the
    last row (here: off) and ship remote orders unchecked. Validate says where, the review stops."""
    cell = type_into(shop / "orders.xlsx", "审单规则", "规则", 3, typed)
    type_into(shop / "orders.xlsx", "审单规则", "启用", 3, "否")
    said = [(i.book, i.sheet, i.cell, i.value, i.severity) for i in validate_path(shop).issues]
    assert said == [("orders.xlsx", "审单规则", cell, typed, "error")]
    [e] = validate_path(shop).issues
    spelt = ("", "") if typed == "偏远地区" else ("（写作“偏远地区”，是同一个规则）", " (as '偏远地区', the same rule)")
    assert e.message_zh == f"重复的规则“{typed}”，第 2 行已有{spelt[0]}。每个规则只能出现一次：保留一行，改正或删除另一行。"
    assert e.message_en == (f"Duplicate rule '{typed}': row 2 has it already{spelt[1]}. Each must be unique: "
                            "keep one row, and correct or delete the other.")
    with pytest.raises(ShopbookError) as stop:
        review(open_shop(shop))
    assert count_and_first(stop.value) == (1, f"orders.xlsx › 审单规则 › {cell}")
    assert f"重复的规则“{typed}”" in stop.value.zh and f"Duplicate rule '{typed}'" in stop.value.en
    assert status_of(shop, "O2") == "new"  # nothing reviewed


def test_different_review_rules_in_either_language_are_not_duplicates(shop):
    for row, typed in enumerate(("phone format", "地址解析", "sku", "stock", "留言备注", "merge"), start=3):
        type_into(shop / "orders.xlsx", "审单规则", "规则", row, typed)
        type_into(shop / "orders.xlsx", "审单规则", "启用", row, "否")
    assert validate_path(shop).issues == []
    review(open_shop(shop))
    assert status_of(shop, "O2") == "approved"  # every check but the remote one off; 浙江 is not remote


def status_of(shop: Path, order_no: str) -> str:
    """An order's status in orders.xlsx as read back, in English."""
    [ln] = [ln for ln in read_workbook(shop / "orders.xlsx", ORDERS, (OrderLine,)).rows(OrderLine) if ln.order_no == order_no]
    return ln.status.en


def test_a_pnl_group_outside_the_list_is_an_error_not_other(shop):
    cell = type_into(shop / "ledger.xlsx", "类别", "分组", 2, "运费")
    assert [(i.cell, i.message_en) for i in validate_path(shop).issues] == [
        (cell, "'运费' is not a P&L group. Did you mean 'shipping'?")]
    with pytest.raises(ShopbookError) as e:
        ledger_report(open_shop(shop), "2026-11")
    assert count_and_first(e.value) == (1, f"ledger.xlsx › 类别 › {cell}")
    type_into(shop / "ledger.xlsx", "类别", "分组", 2, "进货")  # a plain word for a group: that group offered
    assert [i.message_zh for i in validate_path(shop).issues] == ["“进货”不是利润表分组。是不是“商品成本”？"]
    type_into(shop / "ledger.xlsx", "类别", "分组", 2, "杂项")  # nothing near: the whole list
    assert [i.message_zh for i in validate_path(shop).issues] == [
        "“杂项”不是利润表分组。请填：销售、退款、商品成本、快递运费、推广、工资、包装耗材、代理结算、其他、内部转账。"]


def test_a_province_outside_the_list_is_an_error(shop):
    type_into(shop / "orders.xlsx", "运费", "省份", 2, "浙江省")  # the long form is the same province
    assert validate_path(shop).issues == []
    cell = type_into(shop / "orders.xlsx", "运费", "省份", 2, "广冬")
    assert [(i.sheet, i.cell, i.message_zh) for i in validate_path(shop).issues] == [
        ("运费", cell, "“广冬”不是省份。是不是“广东”或“广西”？")]


# --- the corpus -----------------------------------------------------------------------------

ORDER_STATUSES = "待审核、已审核、已挂起、已发货、已签收、已关闭、已取消"
EXPECTED = [
    ("stock.xlsx", "出入库记录", "", "", "", "warning",
     "没有“出入库”工作表；“出入库记录”的表头与它一致，已当作“出入库”读取。请把表名改为“出入库”。"),
    ("stock.xlsx", "出入库记录", "C5", "类型", "入货", "error",
     "“入货”不是可选值。是不是“入库”？请填：入库、出库、退货、调整。"),
    ("stock.xlsx", "商品", "G5", "售价", "48.9O", "error", "不是金额：“48.9O”。请填数字，例如 1234.50（可带 ¥ 或 元）。"),
    ("stock.xlsx", "商品", "I7", "状态", "在卖", "error", "“在卖”不是可选值。是不是“在售”？请填：在售、下架、过季、不备货。"),
    ("stock.xlsx", "盘点", "", "", "", "warning",
     "缺少工作表“盘点”。请从模板复制该工作表（shopbook templates），表名用“盘点”或“Stocktake”。"),
    ("stock.xlsx", "缺货登记", "", "", "", "warning",
     "缺少工作表“缺货登记”。请从模板复制该工作表（shopbook templates），表名用“缺货登记”或“Waitlist”。"),
    ("stock.xlsx", "耗材", "", "", "", "warning",
     "缺少工作表“耗材”。请从模板复制该工作表（shopbook templates），表名用“耗材”或“Supplies”。"),
    # its list made by an older template, without 大促 (validate.lists): said, and extended by validate --write
    ("orders.xlsx", "促销", "B1", "类型", "满就送,收藏有礼,满减,包邮", "warning", None),
    ("orders.xlsx", "促销", "B2", "类型", "满就松", "error",
     "“满就松”不是可选值。是不是“满就送”？请填：满就送、收藏有礼、满减、包邮、大促。"),
    ("orders.xlsx", "审单规则", "A3", "规则", "偏远地去", "error", "“偏远地去”不是审单规则。是不是“偏远地区”？"),
    ("orders.xlsx", "订单", "B3", "来源", "淘保", "error", None),  # its list is another helper's (平台, 来源)
    ("orders.xlsx", "订单", "P4", "状态", "已审合", "error",
     f"“已审合”不是可选值。是不是“已审核”？请填：{ORDER_STATUSES}。"),
    ("orders.xlsx", "运费", "B3", "省份", "广冬", "error", "“广冬”不是省份。是不是“广东”或“广西”？"),
    ("ledger.xlsx", "流水", "E3", "账户", "支付保", "error", "账户“支付保”不存在。是不是“支付宝”？请在“账户”表中添加它。"),
    ("ledger.xlsx", "流水", "B4", "收支", "支岀", "error", "“支岀”不是可选值。是不是“支出”？请填：收入、支出。"),
    ("ledger.xlsx", "类别", "C3", "分组", "运费", "error", "“运费”不是利润表分组。是不是“快递运费”？"),
    ("ledger.xlsx", "类别", "C4", "分组", "进货", "error", "“进货”不是利润表分组。是不是“商品成本”？"),
    ("ledger.xlsx", "类别", "C5", "分组", "包装", "error", "“包装”不是利润表分组。是不是“包装耗材”？"),
    ("kpi.xlsx", "目标", "", "", "", "warning",
     "缺少工作表“目标”。请从模板复制该工作表（shopbook templates），表名用“目标”或“Targets”。"),
    ("agents.xlsx", "代理商", "G3", "状态", "合做中", "error", "“合做中”不是可选值。是不是“合作中”？请填：合作中、暂停、已终止。"),
]
EXPECTED_NOTES = [
    ("stock.xlsx", "出入库记录", "D7", "", "第 7 行是合计行（上面各行之和），已跳过。"),
    ("stock.xlsx", "商品", "A9", "合计", "第 9 行是合计行（“合计”），已跳过。"),
    ("orders.xlsx", "订单", "A5", "合计", "第 5 行是合计行（“合计”），已跳过。"),
    ("ledger.xlsx", "流水", "I6", "本月合计", "第 6 行是合计行（“本月合计”），已跳过。"),
    ("kpi.xlsx", "日报", "B6", "", "第 6 行是合计行（上面各行之和），已跳过。"),
    ("agents.xlsx", "收款", "A4", "Total", "第 4 行是合计行（“Total”），已跳过。"),
]


@pytest.fixture
def corpus_shop(tmp_path) -> Path:
    dest = tmp_path / "shop"
    shutil.copytree(CORPUS, dest)
    return dest


def test_the_person_made_shop_gives_exactly_its_issues(corpus_shop):
    """Merged title rows, blank rows, a hidden column, totals rows of both kinds, a renamed sheet
    and a typo in every list column: each typo once, with what it should have been, and nothing
    else (no "SKU does not exist" for T2, no balance mismatch for 支付保's entry)."""
    v = validate_path(corpus_shop)
    got = [(i.book, i.sheet, i.cell, i.column, i.value, i.severity, i.message_zh) for i in v.issues]
    assert [g[:6] for g in got] == [e[:6] for e in EXPECTED]
    for g, e in zip(got, EXPECTED):
        if e[6] is not None:
            assert g[6] == e[6]
    assert all(i.message_en for i in v.issues)
    assert [(n.book, n.sheet, n.cell, n.value, n.message_zh) for n in v.notes] == EXPECTED_NOTES
    # what the person made is read as they meant it: the hidden column is just another column,
    # the blank row and the title are no records, the totals are no products
    wd = read_workbook(corpus_shop / "stock.xlsx", STOCK)
    assert [(p.sku, p.row) for p in wd.rows(Product)] == [("T1", 4), ("T3", 7), ("T4", 8)]
    assert [(p.sku, p.row) for p in wd.sheets[Product].unreadable] == [("T2", 5)]
    assert wd.sheets[Movement].sheet == "出入库记录" and len(wd.rows(Movement)) == 4


def test_the_person_made_shop_stops_each_command_on_its_own_typos(corpus_shop):
    s = open_shop(corpus_shop)
    for run, count, first in ((lambda: stock_alerts(s, TODAY), 3, "stock.xlsx › 商品 › G5"),
                              (lambda: review(s), 6, "orders.xlsx › 订单 › B3"),
                              # and 支付保's entry, in the P&L and in no balance
                              (lambda: ledger_report(s, "2026-11"), 5, "ledger.xlsx › 流水 › E3"),
                              (lambda: settle_month(s, "2026-11"), 1, "agents.xlsx › 代理商 › G3")):
        with pytest.raises(ShopbookError) as e:
            run()
        assert count_and_first(e.value) == (count, first)
