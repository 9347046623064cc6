"""Validation on the corpus of ugly workbooks (tests/corpus, made by make_corpus.py)
and on each shop rule: every problem located, never a traceback."""

from __future__ import annotations

import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

import forkserver

from shopbook import values as V
from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.issues import ShopbookError, col_letter
from shopbook.schema import (AGENTS, KPI, LEDGER, ORDERS, STOCK, Account, Agent, AgentPrice, BalanceCheck, Category,
                             DailyKpi, Entry, Movement, MovementType, OrderLine, Product, StocktakeCount, Tier)
from shopbook.shop import init_shop
from shopbook.validate import validate_path
from shopbook.workbook_builder import write_workbook

CORPUS = Path(__file__).resolve().parent / "corpus"
D = Decimal


def located(v, sheet: str | None = None) -> list[tuple]:
    return [(i.sheet, i.cell, i.column, i.value, i.severity) for i in v.issues if sheet is None or i.sheet == sheet]


# --- the corpus ------------------------------------------------------------------

def test_every_form_of_values_people_type():
    wd = read_workbook(CORPUS / "values_forms.xlsx", STOCK)
    assert [i for i in wd.all_issues() if i.is_error] == []
    a1, a2, a3, a4 = wd.rows(Product)
    assert (a1.cost, a1.price, a2.cost, a2.price) == (D("1234.50"), D("1999.00"), D("1234.50"), D("1999.00"))
    assert (a2.safety_stock, a2.opening_qty, a2.main, a2.status.en) == (3, 0, True, "active")
    assert a1.barcode == "0690000000017" and a3.barcode == "6901234567899"  # a whole number stored exactly: its digits
    assert a4.sku == "A4" and a4.name == "裤子" and a4.barcode == "0690000000024" and a4.main is False
    assert a3.main is False and a3.status.en == "delisted"
    moves = wd.rows(Movement)
    assert {m.date for m in moves} == {dt.date(2026, 11, 3)}  # a date, ISO, slashes, 年月日, a serial (and as text)
    assert [m.type for m in moves][-1] is MovementType.IN and moves[3].qty == -1
    kpi = read_workbook(CORPUS / "values_forms_kpi.xlsx", KPI)
    d1, d2 = kpi.rows(DailyKpi)
    assert (d1.sales, d1.conversion, d1.positive_rate) == (D("4000.00"), D("0.02"), D("0.991"))
    assert (d2.visitors, d2.conversion) == (2000, D("0.025"))


def test_headers_in_english_mixed_spaces_full_width_reordered():
    wd = read_workbook(CORPUS / "headers_english.xlsx", STOCK)
    assert [i for i in wd.all_issues() if i.is_error] == []
    e1, e2 = wd.rows(Product)
    assert (e1.sku, e1.name, e1.cost, e1.price, e1.bin, e1.status.en) == ("E1", "Shirt", D(20), D("59.90"), "A-01", "active")
    assert e2.status.en == "active"
    assert wd.sheets[Product].headers["sku"] == "ＳＫＵ"


def test_a_sheet_and_a_required_column_missing_are_reported_once():
    v = validate_path(CORPUS / "missing_sheet_and_column.xlsx")
    errors = located(v)
    assert ("出入库", "", "", "", "error") in errors  # a required sheet
    assert ("盘点", "", "", "", "warning") in errors  # an optional one
    col = [i for i in v.issues if i.column == "成本价"]
    assert len(col) == 1 and col[0].cell == "A1"  # once per sheet, not once per row (3 rows)


@pytest.mark.parametrize("unread", ["deleted", "notes_above"])
def test_an_entries_sheet_not_read_is_one_error_not_every_balance_check_a_mismatch(tmp_path, unread):
    """The 流水 sheet deleted, or its header under 22 rows of 填表说明 (below the rows a header is
    looked for in): before, its one error came with each 余额核对 row a mismatch by every entry
    (按流水算是 1000.00), which no entry explains; now the one error alone, at the header where there is one."""
    path = tmp_path / "ledger.xlsx"
    write_workbook(path, LEDGER, "zh", {
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D("1000"))],
        Entry: [Entry(date=dt.date(2026, 11, 2), direction="收入", category="销售收入", amount=D("500"), account="支付宝")],
        BalanceCheck: [BalanceCheck(date=dt.date(2026, 11, 2), account="支付宝", balance=D("1500"))],
    }, keep_backup=False)
    wb = openpyxl.load_workbook(path)
    if unread == "deleted":
        del wb["流水"]
    else:
        wb["流水"].insert_rows(1, 22)
        for r in range(1, 23):
            wb["流水"].cell(r, 1, f"填表说明第 {r} 条")
    wb.save(path)
    v = validate_path(path)
    assert [(i.sheet, i.cell, i.severity) for i in v.errors] == [("流水", "" if unread == "deleted" else "A23", "error")]
    if unread == "notes_above":  # said where the header is (before: "第一行应是列名", the first row a note)
        assert "表头在第 23 行，shopbook 只在前 20 行里找表头" in v.errors[0].message_zh
        assert "The header of sheet '流水' is in row 23" in v.errors[0].message_en


def test_order_numbers_stored_as_1_23e17():
    v = validate_path(CORPUS / "sci_order_numbers.xlsx")
    got = [(i.cell, i.value) for i in v.errors if i.column == "订单编号"]
    assert got == [("A2", "1.23e+17"), ("A3", "1.23E+17")]
    assert "lost digits" in v.errors[0].message_en or "digits" in v.errors[0].message_en
    rows = read_workbook(CORPUS / "sci_order_numbers.xlsx", ORDERS).rows(OrderLine)
    assert [r.order_no for r in rows] == ["3515131473293579"] and rows[0].phone == "13800000002"


def test_formula_error_values_in_data_cells():
    v = validate_path(CORPUS / "formula_errors.xlsx")
    assert [(i.cell, i.column, i.value) for i in v.errors] == [("E3", "客单价", "#DIV/0!"), ("C4", "支付订单数", "#REF!")]
    rows = read_workbook(CORPUS / "formula_errors.xlsx", KPI).rows(DailyKpi)
    assert rows[0].aov == D("100.00")  # a formula with a good cached value reads as its value


def test_merged_title_and_header_cells():
    wd = read_workbook(CORPUS / "merged_cells.xlsx", STOCK)
    assert wd.sheets[Product].header_row == 3 and [i for i in wd.all_issues() if i.is_error] == []
    (g1,) = wd.rows(Product)
    assert (g1.sku, g1.cost, g1.price) == ("G1", D(50), D(150))


def test_blank_rows_and_5000_formatted_rows_at_the_end():
    wd = read_workbook(CORPUS / "blank_rows.xlsx", STOCK)
    assert [p.sku for p in wd.rows(Product)] == ["B1", "B2"]
    assert [i for i in wd.all_issues() if i.is_error] == []


@pytest.mark.parametrize("name,words", [
    ("zero_byte.xlsx", "empty"), ("csv_renamed.xlsx", "CSV"), ("xls_renamed.xlsx", ".xls"),
    ("password.xlsx", "password"), ("corrupt.xlsx", "corrupt")])
def test_unreadable_files_get_one_clear_message(name, words, tmp_path):
    with pytest.raises(ShopbookError) as e:
        validate_path(CORPUS / name)
    assert words in e.value.en and e.value.zh and e.value.path.endswith(name)
    r = forkserver.run([sys.executable, "-m", "shopbook.cli", "validate", str(CORPUS / name)], capture_output=True,
                       text=True, env={**__import__("os").environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")})
    assert r.returncode == 2 and "Traceback" not in r.stderr + r.stdout and words in r.stderr


# --- the rules, each with a case that fails without it -----------------------------

@pytest.fixture
def shop(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="A", name="衬衫", cost=D(30), price=D(20)),  # price below cost
                  Product(sku="B", name="裤子", cost=D(10), price=D(40)),
                  Product(sku="B", name="重复", cost=D(1), price=D(2))],  # duplicate SKU
        Movement: [Movement(date=dt.date(2026, 11, 1), sku="Z", type="入库", qty=5),  # unknown SKU
                   Movement(date=dt.date(2026, 11, 1), sku="A", type="入库", qty=-2)],  # negative 入库
        StocktakeCount: [StocktakeCount(date=dt.date(2026, 11, 1), sku="A", counted=-1)]}, keep_backup=False)
    line = dict(receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x", qty=1)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        OrderLine(order_no="O1", sku="A", **line), OrderLine(order_no="O1", sku="A", **line),  # the same line twice
        OrderLine(order_no="O2", sku="Y", **line)]}, keep_backup=False)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D(0))],
        Category: [Category(category="销售收入", direction="收入")],
        Entry: [Entry(date=dt.date(2026, 11, 2), direction="收入", category="销售收入", amount=D(10), account="微信"),
                Entry(date=dt.date(2026, 11, 2), direction="支出", category="销售收入", amount=D(10), account="支付宝"),
                Entry(date=dt.date(2026, 10, 2), direction="收入", category="房租", amount=D(10), account="支付宝")]},
        keep_backup=False)
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {DailyKpi: [
        DailyKpi(date=dt.date(2026, 11, 1), visitors=1000, buyers=20, orders=20, sales=D(2000), conversion=D("0.02"),
                 aov=D(100)),
        DailyKpi(date=dt.date(2026, 11, 2), visitors=1000, buyers=20, orders=20, sales=D(2000), conversion=D("0.03"),
                 aov=D(90)),
        DailyKpi(date=dt.date(2026, 11, 3), visitors=1000, buyers=20, orders=20, sales=D(2000), conversion=D("0.02"))]},
        keep_backup=False)
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    wb["日报"]["H4"] = 2.5  # 2.5 % typed without its % sign: read, it would be 250 %
    wb.save(folder / "kpi.xlsx")
    write_workbook(folder / "agents.xlsx", AGENTS, "zh", {
        Agent: [Agent(agent_id="D1", name="a", tier="金牌"), Agent(agent_id="D1", name="b", tier="铜牌")],
        Tier: [Tier(tier="金牌", discount=D("0.5"))],
        AgentPrice: [AgentPrice(sku="B", tier="金牌", price=D(5))]}, keep_backup=False)
    return folder


# the 商家编码 column of a template's 订单 sheet (columns in declared order)
SKU_COL = col_letter([c.name for c in OrderLine.columns()].index("sku"))


def test_each_rule_is_located(shop):
    v = validate_path(shop)
    by = {(i.book, i.sheet, i.cell): i.message_en for i in v.issues}
    expect = {
        ("stock.xlsx", "商品", "I2"): "below the cost",  # price ≥ cost
        ("stock.xlsx", "商品", "A4"): "Duplicate",  # SKU unique
        ("stock.xlsx", "出入库", "B2"): "does not exist",  # SKU in movements is in 商品
        ("stock.xlsx", "出入库", "D3"): "must be positive",  # negative 入库
        ("stock.xlsx", "盘点", "C2"): "cannot be negative",  # a count of −1
        ("orders.xlsx", "订单", f"{SKU_COL}3"): "imported twice",  # order line duplicate
        ("orders.xlsx", "订单", f"{SKU_COL}4"): "does not exist",  # SKU in orders
        ("ledger.xlsx", "流水", "E2"): "does not exist",  # account
        ("ledger.xlsx", "流水", "B3"): "is in, but this line is out",  # category with the wrong 收支
        ("ledger.xlsx", "流水", "C4"): "does not exist",  # category
        ("ledger.xlsx", "流水", "A4"): "before the opening date",
        ("kpi.xlsx", "日报", "H3"): "does not match buyers",  # conversion ≈ buyers ÷ visitors
        ("kpi.xlsx", "日报", "I3"): "does not match sales",  # aov ≈ sales ÷ orders
        ("kpi.xlsx", "日报", "H4"): "between 0 and 100",  # conversion range
        ("agents.xlsx", "代理商", "A3"): "Duplicate",  # agent id unique
        ("agents.xlsx", "代理商", "C3"): "does not exist",  # tier
        ("agents.xlsx", "代理价", "C2"): "below the cost",  # agent price ≥ cost
    }
    for where, words in expect.items():
        assert where in by, (where, sorted(by))
        assert words in by[where], (where, by[where])
    assert v.exit_code == 1
    assert all(i.message_zh and i.message_en and i.book and i.sheet for i in v.issues)


def test_enumerations_are_checked(tmp_path):
    folder = tmp_path / "s"
    init_shop(folder)
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    wb["出入库"].append([dt.date(2026, 11, 1), "A", "搬家", 1])
    wb.save(folder / "stock.xlsx")
    v = validate_path(folder / "stock.xlsx")
    (i,) = [i for i in v.errors if i.column == "类型"]
    assert i.value == "搬家" and "入库" in i.message_zh


def test_conversion_within_half_a_percent_passes():
    from shopbook.validate.rules import check_kpi

    ok = DailyKpi(date=dt.date(2026, 11, 1), visitors=3000, buyers=61, orders=61, sales=D("6100"),
                  conversion=D("0.0203"), aov=D("100.00"))  # 61 / 3000 = 0.020333…
    assert check_kpi([ok]) == []


def test_json_output_and_exit_codes(shop, tmp_path):
    r = CliRunner().invoke(app, ["validate", str(shop), "--json"])
    assert r.exit_code == 1
    items = json.loads(r.stdout)
    keys = {"book", "sheet", "cell", "column", "value", "severity", "message_zh", "message_en"}
    assert items and all(keys <= set(x) for x in items)
    clean = tmp_path / "clean"
    init_shop(clean)
    assert CliRunner().invoke(app, ["validate", str(clean)]).exit_code == 0


def test_values_reject_what_cannot_be_read():
    for bad, parse in (("abc", V.parse_money), ("1.234", V.parse_money), ("2026-02-30", V.parse_date),
                       ("99999", V.parse_date), ("maybe", V.parse_bool), ("1.23E+17", V.parse_code),
                       (1.5e17, V.parse_code), ("2.5.1", V.parse_percent), ("3.5", V.parse_int),
                       (float("inf"), V.parse_money), (float("nan"), V.parse_money), (1e30, V.parse_money),
                       (10**20, V.parse_money), ("1e30", V.parse_money), (12.345, V.parse_money),
                       (float("nan"), V.parse_decimal), (float("inf"), V.parse_percent), (1e300, V.parse_int)):
        with pytest.raises(V.BadValue) as e:
            parse(bad)
        assert e.value.zh and e.value.en


def test_an_x_in_a_yes_no_column_is_asked_never_read_as_no(tmp_path):
    """QA: 主推 marked x on a product (an English checklist's tick) was read as 否, so a main product lost its
    floor stock, with nothing said; the × of a Chinese 否 is typed x too. Now the cell is an error asking."""
    from shopbook.validate import validate_path
    from shopbook.workbook_builder import write_workbook
    from shopbook.schema import STOCK, Product

    with pytest.raises(V.BadValue) as e:
        V.parse_bool(" X ")
    assert "是“是”还是“否”" in e.value.zh and "yes or no" in e.value.en
    assert V.parse_bool("×") is False and V.parse_bool("√") is True
    path = write_workbook(tmp_path / "stock.xlsx", STOCK, "en", {Product: [
        Product(sku="A1", name="coat", cost=D(30), price=D(99))]}, keep_backup=False)
    wb = openpyxl.load_workbook(path)
    ws = wb["Products"]
    col = [c.value for c in ws[1]].index("main") + 1
    ws.cell(2, col, "x")
    wb.save(path)
    [issue] = [i for i in validate_path(path).issues if i.is_error]
    assert (issue.sheet, issue.cell, issue.value) == ("Products", f"{openpyxl.utils.get_column_letter(col)}2", "x")
    assert "Is 'x' yes or no?" in issue.message_en


def test_orders_typed_in_without_a_status_are_said_once_not_left_in_silence(tmp_path):
    """QA (a week by hand): an order typed into 订单 with its 状态 left empty was in no review, pick list or
    scan check, and validate said nothing. Now one warning names such orders, at the first one's cell; a
    blank on an order's later rows (its first row's status) is none."""
    from shopbook.schema import ORDERS, OrderLine
    from shopbook.validate import validate_path
    from shopbook.workbook_builder import write_workbook

    def ln(no, status=None):
        return OrderLine(order_no=no, receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 文三路 1 号",
                         sku="A1", qty=1, status=status)

    path = write_workbook(tmp_path / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        ln("T1", "待审核"), ln("T1"), ln("M1"), ln("M1"), ln("M2")]}, keep_backup=False)
    [said] = [i for i in validate_path(path).issues if i.field == "status"]
    assert (said.severity, said.sheet, said.row) == ("warning", "订单", 4), said.to_json()
    assert said.message_zh.startswith("2 个订单的状态是空的（M1、M2）：审单、拣货和扫描核对都不会处理它们。")
    assert "2 orders have a blank status (M1, M2)" in said.message_en


def test_a_case_whose_order_line_has_a_typo_is_not_also_said_missing(tmp_path):
    """QA: an order line with 数量 typed 一件 was its one error, and its 售后 case warned besides that order
    R000 was not on the 订单 sheet, though it is: the row's key counts as there, as elsewhere."""
    from cli_run import type_in

    from shopbook.schema import ORDERS, AfterSalesCase, OrderLine
    from shopbook.validate import validate_path
    from shopbook.workbook_builder import write_workbook

    path = write_workbook(tmp_path / "orders.xlsx", ORDERS, "zh", {
        OrderLine: [OrderLine(order_no=no, receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 文三路 1 号",
                              sku="A1", qty=1, status="已发货") for no in ("R000", "R001")],
        AfterSalesCase: [AfterSalesCase(case_no="SH-1", opened_on=dt.date(2026, 11, 20), order_no="R000", type="仅退款",
                                        reason="少发", status="处理中")]}, keep_backup=False)
    type_in(path, "订单", {(2, "数量"): "一件"})
    said = [(i.sheet, i.severity, i.field) for i in validate_path(path).issues]
    assert said == [("订单", "error", "qty")], said


def test_money_is_exact():
    parsed = [V.parse_money(0.1) for _ in range(100_000)]
    assert sum(parsed, D(0)) == D("10000.00")
    assert sum(V.parse_money(x) for x in (0.1, 0.2)) == D("0.30")
    assert V.parse_money("(12.50)") == D("-12.50")


def test_init_never_overwrites(tmp_path):
    r = CliRunner().invoke(app, ["init", str(tmp_path / "s")])
    assert r.exit_code == 0 and (tmp_path / "s" / "shopbook.toml").exists()
    before = (tmp_path / "s" / "stock.xlsx").read_bytes()
    r = CliRunner().invoke(app, ["init", str(tmp_path / "s")])  # fills in only what is missing (issue 16)
    assert r.exit_code == 0
    assert (tmp_path / "s" / "stock.xlsx").read_bytes() == before


def test_a_formulas_float_noise_is_not_a_figure():
    """=0.6-0.05 holds 0.5499999999999999 and shows 55 %: 55 % is meant, or a 48.90 list
    price at that discount comes out at 26.89 instead of 26.90 (26.895 rounded half up)."""
    from shopbook.values import parse_decimal, parse_percent

    assert parse_percent(0.6 - 0.05) == Decimal("0.55") and parse_decimal(0.1 + 0.2) == Decimal("0.3")
    assert parse_decimal("3%") == Decimal("0.03") and parse_decimal("4.8") == Decimal("4.8")


def test_agent_prices_are_checked_as_shopbook_toml_rounds_them(tmp_path):
    """Cost 20.30, list 36.90, tier 55 %: 20.295 → 20.30 to the fen passes, but a shop rounding
    to the yuan sends 20 — below cost. validate must see the price the sheet will show."""
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="A", name="衬衫", cost=D("20.30"), price=D("36.90"))]}, keep_backup=False)
    write_workbook(folder / "agents.xlsx", AGENTS, "zh", {Tier: [Tier(tier="金牌", discount=D("0.55"))]},
                   keep_backup=False)
    assert not [i for i in validate_path(folder).errors if i.sheet == "等级"]
    cfg = (folder / "shopbook.toml").read_text(encoding="utf-8")
    (folder / "shopbook.toml").write_text(cfg.replace('rounding = "fen"', 'rounding = "yuan"'), encoding="utf-8")
    assert [i.sheet for i in validate_path(folder).errors] == ["等级"]


def test_an_agent_price_or_a_shipping_rate_given_twice_is_located(tmp_path):
    from shopbook.schema import ShippingRate

    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="A", name="衬衫", cost=D(20), price=D(60))]}, keep_backup=False)
    write_workbook(folder / "agents.xlsx", AGENTS, "zh", {
        Tier: [Tier(tier="金牌", discount=D("0.6"))],
        AgentPrice: [AgentPrice(sku="A", tier="金牌", price=D(40)), AgentPrice(sku="A", tier="金牌", price=D(35)),
                     AgentPrice(sku="A", tier="银牌", price=D(45))]}, keep_backup=False)
    rate = dict(first_kg=D(1), first_price=D(5), extra_per_kg=D(1))
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {ShippingRate: [
        ShippingRate(courier="中通", province="浙江", **rate), ShippingRate(courier="中通", province="浙江", **rate),
        ShippingRate(courier="圆通", province="浙江", **rate)]}, keep_backup=False)
    found = {(i.sheet, i.cell): i.message_en for i in validate_path(folder).errors if "one row each" in i.message_en}
    assert set(found) == {("代理价", "B3"), ("运费", "B3")}
    assert "row 2" in found[("代理价", "B3")]


def test_a_couriers_fallback_rate_typed_twice_in_two_spellings_is_one_row_too(tmp_path):
    """Review: 其他 and other (and 其它) are one fallback province, and a courier with a row of each
    passed validate while the fee took whichever came last. It is the same pair twice, located."""
    from shopbook.schema import ShippingRate

    folder = tmp_path / "shop"
    init_shop(folder)
    rate = dict(first_kg=D(1), first_price=D(5), extra_per_kg=D(1))
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {ShippingRate: [
        ShippingRate(courier="中通", province="其他", **rate), ShippingRate(courier="圆通", province="其他", **rate),
        ShippingRate(courier="中通", province="other", **rate), ShippingRate(courier="圆通", province="其它", **rate)]},
        keep_backup=False)
    found = {i.cell: i.message_zh for i in validate_path(folder).errors if i.sheet == "运费"}
    assert set(found) == {"B4", "B5"} and "第 2 行已有" in found["B4"] and "第 3 行已有" in found["B5"], found


@pytest.mark.parametrize("parse, text", [(V.parse_int, "1e30"), (V.parse_int, "1e5000"), (V.parse_decimal, "1e400")])
def test_a_number_no_shop_keeps_is_a_located_error_not_a_crash(parse, text):
    """1e5000 typed as text stopped a run with Python's own 'exceeds the limit' error; 1e30 as a
    quantity put 26-digit sums into 库存汇总."""
    with pytest.raises(V.BadValue) as e:
        parse(text)
    # a quantity in scientific notation is no whole number a person types (test_purchasing)
    assert ("whole number" if parse is V.parse_int else "not a usable number") in e.value.en


def test_generated_workbooks_never_replace_a_shops(tmp_path, monkeypatch):
    """`templates --out SHOP` and `demo SHOP` replaced a shop's five workbooks with blank or demo
    ones, without a backup; pointed at a file, `init` ended in a traceback."""
    from demo_shop import demo_copy
    from shopbook import demo as demo_module
    from shopbook.demo import generate_demo

    shop = tmp_path / "shop"
    init_shop(shop)
    (shop / "shopbook.toml").write_text((shop / "shopbook.toml").read_text(encoding="utf-8"), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in shop.iterdir() if p.is_file()}
    runner = CliRunner()
    for args in (["templates", "--out", str(shop)], ["demo", str(shop)]):
        r = runner.invoke(app, args)
        assert r.exit_code == 2 and "shop's workbooks" in r.output, (args, r.output)
    assert {p.name: p.read_bytes() for p in shop.iterdir() if p.is_file()} == before
    demo = demo_copy(tmp_path / "demo")  # what generate_demo(demo) makes
    monkeypatch.setattr(demo_module, "DAYS", 14)  # (a fortnight of orders written over it is enough to show it)
    generate_demo(demo)  # the demo regenerates itself
    (tmp_path / "afile").write_text("x")
    r = runner.invoke(app, ["init", str(tmp_path / "afile")])
    assert r.exit_code == 2 and "internal error" not in r.output and "afile" in r.output


def test_a_misspelt_target_metric_names_the_column_it_should_be(tmp_path):
    from shopbook.schema import Target

    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {Target: [Target(metric="支付订单书", target=D(30))]},
                   keep_backup=False)
    v = validate_path(folder / "kpi.xlsx")
    assert [(i.sheet, i.cell) for i in v.errors] == [("目标", "A2")]
    # (生意参谋's own name for it, 支付父订单数, is offered beside it: both are that column)
    assert "是不是“支付订单数”" in v.errors[0].message_zh and "Did you mean '支付订单数'" in v.errors[0].message_en


def test_the_lines_of_one_order_that_disagree_on_its_buyer_or_address_are_warned(demo_copy):
    """An order's 买家, 收货人, 手机 and 收货地址 repeat on each of its lines (the platforms export them
    so): the review, the waybill and the customer figures take the first line's. A later line typed
    otherwise was passed in silence (the customers' figures credited the whole order to the first
    line's buyer); it is now a warning at its cell. A blank there says nothing other."""
    from cli_run import type_in

    lines = read_workbook(demo_copy / "orders.xlsx", ORDERS, (OrderLine,)).rows(OrderLine)
    rows: dict[str, list] = {}
    for ln in lines:
        rows.setdefault(ln.order_no, []).append(ln)
    first, second = next(ls for ls in rows.values() if len(ls) > 1 and ls[0].buyer)[:2]
    assert not [i for i in validate_path(demo_copy / "orders.xlsx").issues if "一个订单的行应当一样" in i.message_zh]
    type_in(demo_copy / "orders.xlsx", "订单", {(second.row, "收货地址"): "上海市 上海市 黄浦区 南京东路 1 号",
                                                 (second.row, "买家"): None})
    said = [i for i in validate_path(demo_copy / "orders.xlsx").issues if "一个订单的行应当一样" in i.message_zh]
    assert [(i.severity, i.row, i.column, i.value) for i in said] == [
        ("warning", second.row, "收货地址", "上海市 上海市 黄浦区 南京东路 1 号")]
    assert f"第 {first.row} 行是“{first.address}”" in said[0].message_zh


def test_a_sku_on_two_rows_from_different_platform_codes_is_no_duplicate(tmp_path):
    """QA: an order of a shirt alone and a bundle holding the same shirt: the import wrote two rows of
    the SKU, one with 平台编码 SET-A×1, and validate called the second one imported twice (rows that
    cannot be merged). Different platform codes are different lines; the same one twice still is not."""
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="A", name="衬衫", cost=D(10), price=D(40)),
                  Product(sku="B", name="裤子", cost=D(10), price=D(40))]}, keep_backup=False)
    line = dict(receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x", qty=1)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        OrderLine(order_no="O1", sku="A", **line), OrderLine(order_no="O1", sku="A", platform_code="SET-A×1", **line),
        OrderLine(order_no="O1", sku="B", platform_code="SET-A×1", **line),
        OrderLine(order_no="O2", sku="A", platform_code="SET-A×1", **line),
        OrderLine(order_no="O2", sku="A", platform_code="SET-A×1", **line)]}, keep_backup=False)
    r = CliRunner().invoke(app, ["validate", str(folder), "--json"])
    dup = [i for i in json.loads(r.stdout) if i["sheet"] == "订单" and i["severity"] == "error"]
    assert [(i["cell"], "imported twice" in i["message_en"]) for i in dup] == [(f"{SKU_COL}6", True)], r.stdout


def test_a_sku_excel_stored_as_a_number_is_warned_at_its_cell_naming_the_sku_it_probably_was(tmp_path):
    """QA: 0012 typed into a General cell of 出入库 is stored as the number 12, read as SKU "12": validate
    said only that 12 does not exist (and nothing at all where the 商品 sheet held the number too).
    Now a SKU cell holding a number is a warning at the cell, with the value as stored and what to do
    (format the column as Text, type the code again), naming 0012 where the 商品 sheet has it."""
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="0012", name="衬衫", cost=D(10), price=D(40)),
                  Product(sku="A1", name="裤子", cost=D(10), price=D(40))]}, keep_backup=False)
    wb = openpyxl.load_workbook(folder / "stock.xlsx")

    def put(ws, r: int, cells: dict) -> None:
        head = [c.value for c in ws[1]]
        for name, value in cells.items():
            ws.cell(r, head.index(name) + 1, value)

    put(wb["商品"], 4, {"商家编码": 345, "名称": "袜子", "成本价": 5, "售价": 9})  # a product typed with a number
    for r, sku in enumerate((12, "A1", 77), start=2):  # B2: 0012 as Excel kept it; B4: a number no product is
        put(wb["出入库"], r, {"日期": dt.datetime(2026, 11, 1), "商家编码": sku, "类型": "入库", "数量": 3})
    wb.save(folder / "stock.xlsx")
    assert isinstance(openpyxl.load_workbook(folder / "stock.xlsx")["出入库"]["B2"].value, int)  # a number cell
    v = validate_path(folder)
    said = {i.cell: i for i in v.warnings if i.sheet in ("商品", "出入库") and "number" in i.message_en}
    # A4: 345, a number among text codes, is a SKU as it stands (nothing says a zero was lost): not said
    assert {(s, c) for s, c in ((i.sheet, i.cell) for i in said.values())} == {("出入库", "B2"), ("出入库", "B4")}, said
    b2, b4 = said["B2"], said["B4"]
    assert (b2.book, b2.column, b2.value) == ("stock.xlsx", "商家编码", "12")
    assert b2.message_zh == ("商家编码“12”存成了数字，不是文本：可能是商品表里的 “0012”，前面的 0 被 Excel 去掉了。"
                             "请把这一列设为文本格式，再重新输入编码（如 '0012）。")
    assert b2.message_en == ("The SKU '12' is stored as a number, not as text: probably 0012 of the Products sheet, its "
                             "leading zeros dropped by Excel. Format the column as Text and type the code again (e.g. '0012).")
    for i, value in ((b4, "77"),):
        assert i.value == value and "probably" not in i.message_en and "可能是" not in i.message_zh
        assert i.message_zh.startswith(f"商家编码“{value}”存成了数字，不是文本") and "设为文本格式" in i.message_zh
        assert i.message_en.startswith(f"The SKU '{value}' is stored as a number") and "Format the column as Text" \
            in i.message_en
    assert not [i for i in v.issues if i.sheet == "出入库" and i.cell == "B3"]  # a SKU typed as text: nothing
    # the command says it at the cell, in the shop's language
    r = CliRunner().invoke(app, ["validate", str(folder)])
    out = "".join(r.output.split())  # (a line wrapped to the terminal's width: between any two Chinese characters)
    assert "出入库›B2" in out and "可能是商品表里的“0012”" in out, r.output


def test_a_products_sku_stored_as_a_number_is_warned_naming_how_the_other_sheets_write_it(tmp_path):
    """Review: 0012 typed into a General cell of the 商品 sheet is the SKU 12, and 出入库's "0012" (text)
    was told only that 0012 does not exist, "did you mean 12?": the wrong code put right. The 商品
    cell is now a warning naming 0012 as the other sheets write it; a number the other sheets do not
    name with zeros (345) says nothing."""
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku=s, name="衬衫", cost=D(10), price=D(40)) for s in ("A1", "A2")]}, keep_backup=False)
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws, wm = wb["商品"], wb["出入库"]
    head, mhead = [c.value for c in ws[1]], [c.value for c in wm[1]]
    for r, sku in ((4, 12), (5, 345)):
        for name, v in (("商家编码", sku), ("名称", "袜子"), ("成本价", 5), ("售价", 9)):
            ws.cell(r, head.index(name) + 1, v)
    for name, v in (("日期", dt.datetime(2026, 11, 1)), ("商家编码", "0012"), ("类型", "入库"), ("数量", 3)):
        wm.cell(2, mhead.index(name) + 1, v)
    wb.save(folder / "stock.xlsx")
    said = [i for i in validate_path(folder).warnings if "stored as a number" in i.message_en]
    assert [(i.sheet, i.cell, i.value) for i in said] == [("商品", "A4", "12")], said
    assert "可能是其他表里写的 “0012”" in said[0].message_zh and "probably 0012 as other sheets write it" in said[0].message_en


def test_a_barcode_that_lost_its_leading_zero_is_warned_at_its_cell_naming_the_code_it_was(tmp_path):
    """QA: 0614141000012 typed into a General-format 条码 cell is stored by Excel as the number
    614141000012; shopbook read it as barcode "614141000012" without a word, and the warehouse's
    scan of 0614141000012 belonged to no SKU. Now a 条码 cell holding a number of 12 (EAN-13) or 7
    (EAN-8) digits is a warning at the cell naming the code it probably was (0 + its digits) and what
    to do; a 13-digit number (6901234567892: nothing lost) and a barcode typed as text say nothing."""
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku=s, name="衬衫", cost=D(10), price=D(40)) for s in ("A1", "A2", "A3", "A4")]},
        keep_backup=False)
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws = wb["商品"]
    col = [c.value for c in ws[1]].index("条码") + 1
    for r, code in enumerate((614141000012, 1234565, 6901234567892, "0614141000029"), start=2):
        ws.cell(r, col, code)
    wb.save(folder / "stock.xlsx")
    assert isinstance(openpyxl.load_workbook(folder / "stock.xlsx")["商品"].cell(2, col).value, int)  # a number cell
    letter = col_letter(col - 1)  # (0-based)
    v = validate_path(folder)
    said = {i.cell: i for i in v.issues if i.sheet == "商品" and i.column == "条码"}
    assert set(said) == {f"{letter}2", f"{letter}3"}, said
    ean13, ean8 = said[f"{letter}2"], said[f"{letter}3"]
    assert (ean13.severity, ean13.book, ean13.value) == ("warning", "stock.xlsx", "614141000012")
    assert ean13.message_zh == ("条码“614141000012”存成了数字，只有 12 位：多半是 EAN-13 条码 0614141000012，开头的 0 被 "
                                "Excel 去掉了，扫码枪扫出的是 0614141000012。请把这一列设为文本格式，再重新输入条码（如 '0614141000012）。")
    assert ean13.message_en == ("The barcode '614141000012' is a number of 12 digits: probably the EAN-13 code 0614141000012, "
                                "its leading 0 dropped by Excel (the scanner reads 0614141000012). Format the column as "
                                "Text and type the code again (e.g. '0614141000012).")
    assert (ean8.severity, ean8.value) == ("warning", "1234565") and "EAN-8 code 01234565" in ean8.message_en \
        and "EAN-8 条码 01234565" in ean8.message_zh and "'01234565" in ean8.message_en
    # the command says it at the cell, in the shop's language
    r = CliRunner().invoke(app, ["validate", str(folder)])
    out = "".join(r.output.split())  # (a line wrapped to the terminal's width: between any two Chinese characters)
    assert f"商品›{letter}2" in out and "多半是EAN-13条码0614141000012" in out, r.output


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_unreadable_workbook_of_a_folder_is_named_and_the_others_still_validated(demo_copy, lang):
    """validate stopped at the first workbook that did not read (✗ stock.xlsx: …, exit 2), saying nothing
    of the next broken one nor of the readable ones' errors: fixed, it stopped at the next. Now each is an
    error naming it and what to do, the readable ones are validated all the same, and the exit is 2."""
    import os

    folder = demo_copy
    if lang == "en":
        cfg = folder / "shopbook.toml"
        cfg.write_text(cfg.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    whole = (folder / "orders.xlsx").read_bytes()
    (folder / "stock.xlsx").write_bytes(b"")  # 0 bytes
    (folder / "orders.xlsx").write_bytes(whole[:len(whole) // 2])  # cut short
    (folder / "agents.xlsx").write_text("sku,qty\nA,1\n", encoding="utf-8")  # a CSV renamed
    for name in ("stock.xlsx", "orders.xlsx", "agents.xlsx"):  # (not just written: none is being saved)
        os.utime(folder / name, (1_700_000_000, 1_700_000_000))
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    wb.worksheets[0]["C3"] = "很多"  # 访客数: a readable workbook's error, still found
    wb.save(folder / "kpi.xlsx")
    r = CliRunner().invoke(app, ["validate", str(folder), "--json"])
    assert r.exit_code == 2, r.output
    issues = json.loads(r.stdout)
    books = [i["book"] for i in issues if not i["sheet"]]
    assert books == ["stock.xlsx", "orders.xlsx", "agents.xlsx"]
    said = {i["book"]: i["message_en"] for i in issues if not i["sheet"]}
    assert "0 bytes" in said["stock.xlsx"] and "not validated" in said["orders.xlsx"]
    assert any(i["book"] == "kpi.xlsx" and i["cell"] == "C3" for i in issues)
    r = CliRunner().invoke(app, ["validate", str(folder)])
    assert r.exit_code == 2 and r.stderr == ""
    for name in ("stock.xlsx", "orders.xlsx", "agents.xlsx", "kpi.xlsx › "):
        assert name in r.stdout
    assert ("没有校验" in r.stdout) is (lang == "zh") and ("not validated" in r.stdout) is (lang == "en")


def test_a_sibling_that_does_not_read_is_said_when_one_workbook_is_validated(demo_copy):
    """validate orders.xlsx beside a stock.xlsx of 0 bytes: '0 个错误', exit 0, its SKUs checked against
    nothing and not a word of it. Now a warning names stock.xlsx, why, and that orders.xlsx's
    references to it went unchecked; the workbook asked for is validated as before."""
    import os

    (demo_copy / "stock.xlsx").write_bytes(b"")
    os.utime(demo_copy / "stock.xlsx", (1_700_000_000, 1_700_000_000))
    r = CliRunner().invoke(app, ["validate", str(demo_copy / "orders.xlsx"), "--json"])
    issues = [i for i in json.loads(r.stdout) if i["book"] == "stock.xlsx"]
    assert r.exit_code == 0 and [i["severity"] for i in issues] == ["warning"], r.output
    assert "0 bytes" in issues[0]["message_en"] and "orders.xlsx 里引用它的内容" in issues[0]["message_zh"]
    r = CliRunner().invoke(app, ["validate", str(demo_copy / "stock.xlsx")])
    assert r.exit_code == 2  # the workbook asked for: a stop, as before


def test_a_stock_out_row_with_a_typo_is_its_order_s_posting_not_also_said_missing(tmp_path):
    """Both shipped orders have their 出库; …902's 数量 is typed 一件: its one error is that cell. Before,
    the order was also warned 已发货 with no 出库 carrying its number (the row that does not read
    counted as none)."""
    init_shop(tmp_path)
    nos = ["3515000000000000901", "3515000000000000902"]
    write_workbook(tmp_path / "orders.xlsx", ORDERS, "zh", {OrderLine: [OrderLine(
        order_no=no, paid_at=dt.datetime(2026, 11, 21, 9), receiver="王芳", phone="13812345678",
        address="浙江省 杭州市 西湖区 文三路100号", sku="A001", qty=1, unit_price=D("99"), status="已发货") for no in nos]},
        keep_backup=False)
    write_workbook(tmp_path / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="A001", name="T恤", cost=D("30"), price=D("99"), opening_qty=5)],
        Movement: [Movement(date=dt.date(2026, 11, 22), sku="A001", type=MovementType.OUT, qty=1, ref=no) for no in nos]},
        keep_backup=False)
    wb = openpyxl.load_workbook(tmp_path / "stock.xlsx")
    ws = wb["出入库"]
    qty = next(c.column_letter for c in ws[1] if c.value == "数量")
    ws[f"{qty}3"] = "一件"
    wb.save(tmp_path / "stock.xlsx")
    v = validate_path(tmp_path)
    assert [(i.sheet, i.cell, i.severity) for i in v.issues] == [("出入库", f"{qty}3", "error")]


def _a_stock_in_typed_ten_is_the_one_issue(path) -> None:
    """出入库's first movement typed 数量 十: its error is all validate says."""
    wb = openpyxl.load_workbook(path)
    ws = wb["出入库"]
    qty = next(c.column_letter for c in ws[1] if c.value == "数量")
    ws[f"{qty}2"] = "十"
    wb.save(path)
    assert [(i.sheet, i.cell, i.severity) for i in validate_path(path).issues] == [("出入库", f"{qty}2", "error")]


def test_a_stock_in_with_a_typo_is_its_one_error_not_also_stock_below_zero(tmp_path):
    """A 入库 of 10 typed 十, then an 出库 of 3, of a SKU with no opening stock: before, besides its
    error, the 出库 was warned 'book stock -3 from this row, or enter the stock-in that was missed';
    the stock-in is there, unread. Now the typo is the one thing said."""
    path = tmp_path / "stock.xlsx"
    write_workbook(path, STOCK, "zh", {
        Product: [Product(sku="A001", name="T恤", cost=D("30"), price=D("99"), opening_qty=0)],
        Movement: [Movement(date=dt.date(2026, 11, 1), sku="A001", type=MovementType.IN, qty=10),
                   Movement(date=dt.date(2026, 11, 2), sku="A001", type=MovementType.OUT, qty=3)]}, keep_backup=False)
    _a_stock_in_typed_ten_is_the_one_issue(path)


def test_a_stock_in_of_a_po_with_a_typo_is_its_one_error_not_also_the_po_received_short(tmp_path):
    """A PO line's 已收数量 10 and its 入库 (单号 the PO number) of 10 typed 十: before, besides its error,
    the 已收数量 was warned 'the stock-ins with ref CG1 add up to 0': the stock-in is there, unread."""
    from shopbook.schema import PoStatus, PurchaseLine, Supplier

    path = tmp_path / "stock.xlsx"
    write_workbook(path, STOCK, "zh", {
        Product: [Product(sku="A001", name="T恤", cost=D("30"), price=D("99"), opening_qty=5)],
        Supplier: [Supplier(supplier="杭州服饰")],
        PurchaseLine: [PurchaseLine(po_no="CG1", supplier="杭州服饰", sku="A001", qty=20, status=PoStatus.PARTLY,
                                    received=10)],
        Movement: [Movement(date=dt.date(2026, 11, 1), sku="A001", type=MovementType.IN, qty=10, ref="CG1")]},
        keep_backup=False)
    _a_stock_in_typed_ten_is_the_one_issue(path)


def test_a_tick_or_cross_from_a_symbol_font_in_a_yes_no_column_reads(tmp_path):
    """QA: 主推 ticked ✔ or ☑ (Wingdings, a phone's keyboard) was an error 'should be yes/no' where √ was read;
    ✘ and ☒ likewise where × was. Each now reads as the tick or cross it is."""
    from shopbook.io.reader import read_workbook
    from shopbook.schema import STOCK, Product
    from shopbook.workbook_builder import write_workbook

    marks = ["✔", "☑", "✅", "✘", "☒", "❌"]
    path = write_workbook(tmp_path / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku=f"A{k}", name="外套", cost=D(30), price=D(99)) for k in range(len(marks))]}, keep_backup=False)
    wb = openpyxl.load_workbook(path)
    ws = wb["商品"]
    col = [c.value for c in ws[1]].index("主推") + 1
    for k, m in enumerate(marks):
        ws.cell(2 + k, col, m)
    wb.save(path)
    wd = read_workbook(path, STOCK)
    assert not wd.errors_in(Product), wd.errors_in(Product)
    assert [p.main for p in wd.rows(Product)] == [True, True, True, False, False, False]
