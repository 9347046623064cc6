"""A word people type instead of a choice (上架 for 在售) is answered with what it means, never
with its look-alike opposite (上架 → 下架 would delist the product)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from shopbook.shop import init_shop
from shopbook.validate import validate_path


def _typed(folder: Path, book: str, sheet: str, row: list) -> None:
    wb = openpyxl.load_workbook(folder / book)
    for col, v in enumerate(row, 1):  # the first row under the header (a new shop's sheets are empty)
        wb[sheet].cell(2, col, v)
    wb.save(folder / book)


def _said(folder: Path, lang: str, book: str, sheet: str, cell: str) -> str:
    hit = [i for i in validate_path(folder).issues if i.sheet == sheet and i.cell == cell]
    assert len(hit) == 1, [(i.sheet, i.cell, i.message_zh) for i in validate_path(folder).issues]
    return hit[0].message_zh if lang == "zh" else hit[0].message_en


def _product(status: str) -> list:
    return ["Z001", "Z", "测试品", "黑色", "M", None, "C-1", 10, 20, 3, 5, 7, 0.3, "否", status]


@pytest.mark.parametrize("typed, meant", [
    ("上架", "在售"), ("已上架", "在售"), ("在卖", "在售"), ("在售中", "在售"), ("listed", "在售"),
    ("停售", "下架"), ("已下架", "下架"), ("未上架", "下架"), ("unlisted", "下架"), ("inactive", "下架"),
    ("不在售", "下架"), ("非在售", "下架"), ("不 在售", "下架"), ("non active", "下架")])  # (before: no suggestion)
def test_a_product_status_said_otherwise_is_offered_what_it_means(tmp_path, typed, meant):
    init_shop(tmp_path / "shop")
    _typed(tmp_path / "shop", "stock.xlsx", "商品", _product(typed))
    assert _said(tmp_path / "shop", "zh", "stock.xlsx", "商品", "O2") == \
        f"“{typed}”不是可选值。是不是“{meant}”？请填：在售、下架、过季、不备货。"


@pytest.mark.parametrize("typed, meant", [
    ("进货", "入库"), ("采购入库", "入库"), ("到货", "入库"), ("入货", "入库"), ("销售出库", "出库"),
    ("退货入库", "退货"), ("盘盈", "调整")])
def test_a_movement_type_said_otherwise_is_offered_what_it_means(tmp_path, typed, meant):
    import datetime as dt

    init_shop(tmp_path / "shop")
    _typed(tmp_path / "shop", "stock.xlsx", "出入库", [dt.datetime(2026, 11, 10), "T1", typed, 1])
    assert _said(tmp_path / "shop", "zh", "stock.xlsx", "出入库", "C2") == \
        f"“{typed}”不是可选值。是不是“{meant}”？请填：入库、出库、退货、调整。"


@pytest.mark.parametrize("typed, meant", [
    ("停止合作", "已终止"), ("终止合作", "已终止"), ("暂停合作", "暂停"), ("合作", "合作中"), ("正常", "合作中")])
def test_an_agent_status_said_otherwise_is_offered_what_it_means(tmp_path, typed, meant):
    init_shop(tmp_path / "shop")
    _typed(tmp_path / "shop", "agents.xlsx", "代理商", ["B1", "x", "金牌", None, None, None, typed])
    assert _said(tmp_path / "shop", "zh", "agents.xlsx", "代理商", "G2") == \
        f"“{typed}”不是可选值。是不是“{meant}”？请填：合作中、暂停、已终止。"


def test_an_english_shop_is_offered_the_english_word(tmp_path):
    init_shop(tmp_path / "shop", lang="en")
    _typed(tmp_path / "shop", "stock.xlsx", "Products", _product("listed"))
    assert _said(tmp_path / "shop", "en", "stock.xlsx", "Products", "O2") == \
        "'listed' is not one of: active, delisted, out of season, no stock kept. Did you mean 'active'?"


def test_a_word_near_two_choices_names_both(tmp_path):
    """(Of two statuses, 售罄 near both named neither; of four, the two it is near are named, as lists.nearest
    names up to half of a list.)"""
    init_shop(tmp_path / "shop")
    _typed(tmp_path / "shop", "stock.xlsx", "商品", _product("售罄"))  # sold out: listed or not, the person's call
    assert _said(tmp_path / "shop", "zh", "stock.xlsx", "商品", "O2") == \
        "“售罄”不是可选值。是不是“在售”或“下架”？请填：在售、下架、过季、不备货。"


def test_a_typo_of_a_choice_is_still_offered_the_choice(tmp_path):
    init_shop(tmp_path / "shop")
    _typed(tmp_path / "shop", "stock.xlsx", "商品", _product("在兽"))
    assert "是不是“在售”？" in _said(tmp_path / "shop", "zh", "stock.xlsx", "商品", "O2")


# a value negating a choice is never offered that choice, however it is spaced or hyphenated
@pytest.mark.parametrize("typed", ["non income", "non-income", "non - income", "not income", "nonincome"])
def test_a_negated_choice_is_never_offered_whatever_its_spacing(typed):
    from shopbook.schema.lists import did_you_mean, suggest

    choices = ["income", "expense", "transfer"]
    assert "income" not in suggest(typed, choices)
    assert "income" not in did_you_mean(typed, choices)[1]


@pytest.mark.parametrize("a, b, negated", [
    ("non income", "income", True), ("不 在售", "在售", True), ("un-listed", "listed", True), ("在售", "不 在售", True),
    ("in stock", "stock", False), ("in-stock", "stock", False), ("not in stock", "in stock", True)])
def test_negation_reads_past_spaces_and_hyphens_but_in_apart_is_no_prefix(a, b, negated):
    from shopbook.schema.lists import negates

    assert negates(a, b) is negated


def test_an_agent_status_negated_with_a_space_is_not_offered_the_status(tmp_path):
    init_shop(tmp_path / "shop", lang="en")  # (before: "Did you mean 'active'?")
    _typed(tmp_path / "shop", "agents.xlsx", "Agents", ["B1", "x", "金牌", None, None, None, "non active"])
    assert _said(tmp_path / "shop", "en", "agents.xlsx", "Agents", "G2") == \
        "'non active' is not one of: active, paused, ended."


@pytest.mark.parametrize("typed, meant", [
    ("不在售", ["下架"]), ("non income", ["expense"]), ("non-income", ["expense"]), ("not expense", ["income"])])
def test_of_two_choices_a_value_negating_one_is_offered_the_other(typed, meant):
    from shopbook.schema.lists import suggest

    choices = ["在售", "下架"] if typed == "不在售" else ["income", "expense"]
    assert suggest(typed, choices) == meant  # (before: none)


def test_an_english_direction_negated_is_offered_the_other(tmp_path):
    init_shop(tmp_path / "shop", lang="en")  # (before: "Did you mean 'in'?" for non income, none for non-income)
    _typed(tmp_path / "shop", "ledger.xlsx", "Categories", ["Sales", "non-income"])
    assert _said(tmp_path / "shop", "en", "ledger.xlsx", "Categories", "B2") == \
        "'non-income' is not one of: in, out. Did you mean 'out'?"


@pytest.mark.parametrize("typed, choices, meant", [
    ("instock", ["in stock", "out of stock", "low stock", "on order"], ["in stock"]),  # (before: three of the four)
    ("In-Stock", ["in stock", "out of stock", "low stock", "on order"], ["in stock"]),
    ("instock", ["stock in", "stock out", "stocktake", "return"], []),  # near three of four: names none (before: three)
    ("langauge", ["name", "language", "timezone"], ["language"]),  # (before: 'language' or 'name')
    ("广冬", ["北京", "广东", "广西", "上海", "浙江"], ["广东", "广西"]),  # as near, two of five: both
    ("支付保", ["支付宝"], ["支付宝"])])  # a list of one: still offered
def test_a_suggestion_is_the_nearest_spaces_and_hyphens_aside_and_none_when_near_most(typed, choices, meant):
    from shopbook.schema.lists import suggest

    assert suggest(typed, choices) == meant


def test_a_movement_type_near_most_of_the_types_names_none(tmp_path):
    import datetime as dt

    init_shop(tmp_path / "shop", lang="en")  # (before: "Did you mean 'in' or 'out' or 'adjust'?")
    _typed(tmp_path / "shop", "stock.xlsx", "Movements", [dt.datetime(2026, 11, 10), "T1", "instock", 1])
    assert _said(tmp_path / "shop", "en", "stock.xlsx", "Movements", "C2") == \
        "'instock' is not one of: in, out, return, adjust."


# review: a value negating one status was offered whatever else was left near it (not shipped →
# 'closed', non-closed → 'cancelled'): following it would close or cancel an order that should ship
@pytest.mark.parametrize("typed", ["not shipped", "non-closed", "not held", "未发货", "未完成", "not approved"])
def test_an_order_status_negated_is_offered_no_other_status(typed):
    from shopbook.schema import OrderStatus

    with pytest.raises(Exception) as e:
        OrderStatus.parse(typed)
    assert "Did you mean" not in str(getattr(e.value, "en", e.value)) and "是不是" not in str(getattr(e.value, "zh", ""))


def test_a_status_typed_for_an_order_row_negated_says_no_other_status(tmp_path):
    """Through validate, on a real orders.xlsx: 状态 'not shipped' on an English shop's Orders sheet
    is an error at its cell with the statuses listed, and no 'Did you mean' of another status."""
    from shopbook.schema import ORDERS, OrderLine
    from shopbook.workbook_builder import write_workbook

    folder = tmp_path / "shop"
    init_shop(folder, lang="en")
    write_workbook(folder / "orders.xlsx", ORDERS, "en", {OrderLine: []}, keep_backup=False)
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    ws = wb["Orders"]
    head = [c.value for c in ws[1]]
    for name, v in (("order_no", "T1"), ("source", "manual"), ("sku", "X1"), ("qty", 1), ("unit_price", 10),
                    ("status", "not shipped")):
        ws.cell(2, head.index(name) + 1, v)
    wb.save(folder / "orders.xlsx")
    hit = [i for i in validate_path(folder).issues if i.sheet == "Orders" and i.field == "status"]
    assert len(hit) == 1 and "not shipped" in str(hit[0].value) and "Did you mean" not in hit[0].message_en, hit
