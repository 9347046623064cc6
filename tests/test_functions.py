"""The SB_* cell functions: plain-Python rules and their xlwings wrappers, cell and column."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shopbook import functions as F
from shopbook.schema import ORDERS, ShippingRate
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook
from shopbook.xl import udfs


@pytest.fixture
def shop(tmp_path):
    init_shop(tmp_path / "s")
    rates = [ShippingRate(courier="中通", province="浙江省", first_kg=Decimal("1"), first_price=Decimal("5"),
                          extra_per_kg=Decimal("1")),
             ShippingRate(courier="中通", province="其他", first_kg=Decimal("1"), first_price=Decimal("8"),
                          extra_per_kg=Decimal("4")),
             ShippingRate(courier="顺丰", province="浙江", first_kg=Decimal("1"), first_price=Decimal("12"),
                          extra_per_kg=Decimal("2"))]
    write_workbook(tmp_path / "s" / "orders.xlsx", ORDERS, "zh", {ShippingRate: rates}, keep_backup=False)
    return tmp_path / "s"


class Caller:
    """What xlwings passes as `caller`: a range whose sheet's book has a full name."""

    def __init__(self, path):
        self.sheet = type("S", (), {"book": type("B", (), {"fullname": str(path)})()})()


def test_shipping_fee_cell_and_column(shop):
    caller = Caller(shop / "orders.xlsx")
    assert udfs.SB_SHIPPING_FEE("浙江", 1, caller=caller) == 5.0
    assert udfs.SB_SHIPPING_FEE("浙江", 2.3, caller=caller) == 7.0  # 1 kg + 2 started kg
    assert udfs.SB_SHIPPING_FEE("西藏", 1.0, caller=caller) == 8.0  # 其他
    assert udfs.SB_SHIPPING_FEE("浙江", 1, "顺丰", caller=caller) == 12.0
    col = udfs.SB_SHIPPING_FEE([["浙江"], ["广东"], [None]], [[1], [3], [1]], caller=caller)
    assert col == [[5.0], [16.0], ["#N/A"]]
    assert udfs.SB_SHIPPING_FEE("浙江", "abc", caller=caller) == "#VALUE!"


def test_shipping_fee_without_a_shop_is_na(tmp_path, monkeypatch):
    monkeypatch.delenv("SHOPBOOK_SHOP", raising=False)
    r = F.shipping_fee("浙江", 1)
    assert isinstance(r, F.XlError) and r.code == "#N/A" and "shop folder" in r.reason


def test_check_phone_column(monkeypatch):
    monkeypatch.delenv("SHOPBOOK_SHOP", raising=False)  # no shop says which language: both, as the buttons say
    assert udfs.SB_CHECK_PHONE("13812345678") == "正常 / ok"
    assert udfs.SB_CHECK_PHONE([["138****5678"], ["12345"], ["+86 138-1234-5678"], [13812345678.0]]) == [
        ["已隐藏 / masked"], ["无效 / invalid"], ["正常 / ok"], ["正常 / ok"]]


def test_check_phone_answers_in_the_shops_language(tmp_path, monkeypatch):
    """SB_CHECK_PHONE said ok / masked / invalid in a Chinese shop, and "missing" (an English word no help
    names) for a cell holding "-". Now its words are the shop's (shopbook.toml), a cell with no digits is
    #N/A as a blank one, and an English shop still reads ok / masked / invalid."""
    from shopbook.config import default_toml

    monkeypatch.delenv("SHOPBOOK_SHOP", raising=False)
    col = [["13812345678"], ["138****5678"], ["12345"], ["-"], [None]]
    for lang, words in (("zh", ["正常", "已隐藏", "无效"]), ("en", ["ok", "masked", "invalid"])):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "shopbook.toml").write_text(default_toml("店", lang), encoding="utf-8")
        caller = Caller(tmp_path / lang / "orders.xlsx")
        assert udfs.SB_CHECK_PHONE(col, caller=caller) == [[w] for w in words] + [["#N/A"], ["#N/A"]]
        assert udfs.SB_CHECK_PHONE("13812345678", caller=caller) == words[0]


def test_province():
    assert udfs.SB_PROVINCE("新疆维吾尔自治区 乌鲁木齐市 天山区 某路1号") == "新疆"
    assert udfs.SB_PROVINCE([["广东省深圳市南山区科技园"], ["火星基地"]]) == [["广东"], ["#N/A"]]


def test_a_row_that_does_not_read_makes_the_money_functions_na_not_a_wrong_figure(demo_copy):
    """A typo in one ledger line's amount, in one agent price, in one rate: before, SB_BALANCE left the
    line out (the balance off by its amount), SB_AGENT_PRICE fell back to the tier's discount, and
    SB_SHIPPING_FEE priced that row's province at the 其他 rate: each a plausible wrong number. Now
    each is #N/A, as SB_STOCK is and as the commands stop."""
    from cli_run import type_in

    ledger, agents, orders = (Caller(demo_copy / n) for n in ("ledger.xlsx", "agents.xlsx", "orders.xlsx"))
    assert isinstance(udfs.SB_BALANCE("支付宝", caller=ledger), float)
    assert isinstance(udfs.SB_AGENT_PRICE("TS2601-NV-M", "DL001", caller=agents), float)
    assert isinstance(udfs.SB_SHIPPING_FEE("浙江", 1, caller=orders), float)
    type_in(demo_copy / "ledger.xlsx", "流水", {(2, "金额"): "9327.31 元/笔"})
    type_in(demo_copy / "agents.xlsx", "代理价", {(2, "代理价"): "25.43 元/件"})
    type_in(demo_copy / "orders.xlsx", "运费", {(2, "首重价格"): "五元"})
    assert udfs.SB_BALANCE("支付宝", caller=ledger) == "#N/A"
    assert udfs.SB_AGENT_PRICE("TS2601-NV-M", "DL001", caller=agents) == "#N/A"
    assert udfs.SB_SHIPPING_FEE("浙江", 1, caller=orders) == "#N/A"


def test_a_numeric_agent_id_or_account_is_read_as_the_readers_read_it(demo_copy):
    """A shop that numbers its agents (代理编号 1001) or names an account by its number: the cell hands
    over 1001.0, and str(1001.0) = "1001.0" is no agent: #N/A, where the sheets read "1001"."""
    from cli_run import appended_in, type_in

    agents, ledger = Caller(demo_copy / "agents.xlsx"), Caller(demo_copy / "ledger.xlsx")
    by_id = udfs.SB_AGENT_PRICE("TS2601-NV-M", "DL001", caller=agents)
    type_in(demo_copy / "agents.xlsx", "代理商", {(2, "代理编号"): 1001})
    assert udfs.SB_AGENT_PRICE("TS2601-NV-M", 1001.0, caller=agents) == by_id == udfs.SB_AGENT_PRICE(
        "TS2601-NV-M", "1001", caller=agents) == udfs.SB_AGENT_PRICE("TS2601-NV-M", "金牌", caller=agents)
    # (an account of its own: 支付宝 renamed 6222 left its lines on an account not on 账户, #N/A as `ledger` stops)
    appended_in(demo_copy / "ledger.xlsx", "账户", [{"账户": 6222, "期初日期": "2026-11-01", "期初余额": 100}])
    assert udfs.SB_BALANCE(6222.0, caller=ledger) == 100.0


def test_a_negative_weight_is_value_and_0_kg_pays_the_first_weight(shop):
    """SB_SHIPPING_FEE("浙江", -1) gave 5.0 (the first weight) as if it were a parcel: a negative
    weight is a bad argument, #VALUE! as the other SB_* give it, its reason said. 0 kg is within the
    first weight: the courier's least, 5.0."""
    caller = Caller(shop / "orders.xlsx")
    assert udfs.SB_SHIPPING_FEE("浙江", -1, caller=caller) == "#VALUE!"
    r = F.shipping_fee("浙江", -0.5, shop=shop / "orders.xlsx")
    assert isinstance(r, F.XlError) and r.code == "#VALUE!" and "negative" in r.reason, r
    assert udfs.SB_SHIPPING_FEE("浙江", 0, caller=caller) == 5.0
    assert udfs.SB_SHIPPING_FEE([["浙江"], ["浙江"]], [[-1], [0.4]], caller=caller) == [["#VALUE!"], [5.0]]


def test_rmb_upper_of_a_formulas_amount_is_rounded_to_the_fen_as_excel_shows_it():
    """=SB_RMB_UPPER(48.9*0.95) was #VALUE! with no word why: the float 46.455 has three decimals.
    A number is rounded half up to the fen as a money-formatted cell shows it (46.46); the binary
    noise of a formula (=0.6-0.05 holds 0.5499999999999999) counts as Excel shows it (0.55)."""
    assert 48.9 * 0.95 == 46.455
    assert udfs.SB_RMB_UPPER(48.9 * 0.95) == "肆拾陆元肆角陆分"
    assert udfs.SB_RMB_UPPER(0.6 - 0.05) == "伍角伍分"
    assert udfs.SB_RMB_UPPER(1.005) == "壹元零壹分"  # (the float is 1.00499999999999989…: shown 1.005)
    assert udfs.SB_RMB_UPPER([[46.455], [-2.345], [1234.5]]) == [["肆拾陆元肆角陆分"], ["负贰元叁角伍分"],
                                                              ["壹仟贰佰叁拾肆元伍角整"]]
    r = F.rmb_upper("12.345")  # text is typed money: a slip, said
    assert isinstance(r, F.XlError) and r.code == "#VALUE!" and "Round it to the fen" in r.reason, r


def test_sb_margin_at_a_price_worked_out_by_a_formula(tmp_path):
    """=SB_MARGIN(A2, 48.9*0.95): the price 46.455 was #VALUE! (more than two decimals), as SB_RMB_UPPER's
    amount was. A price given as a number is rounded half up to the fen, as the cell shows it: 46.46."""
    from shopbook.schema import STOCK, Product

    init_shop(tmp_path / "s")
    write_workbook(tmp_path / "s" / "stock.xlsx", STOCK, "zh", {Product: [Product(
        sku="S1", name="T恤", cost=Decimal("23"), price=Decimal("48.9"))]}, keep_backup=False)
    caller = Caller(tmp_path / "s" / "stock.xlsx")
    assert udfs.SB_MARGIN("S1", 48.9 * 0.95, caller=caller) == 0.5050  # (46.46 − 23) ÷ 46.46 = 0.50495…
    assert udfs.SB_MARGIN([["S1"]] * 2, [[48.9 * 0.95], [32.0]], caller=caller) == [[0.5050], [0.2813]]
    assert udfs.SB_MARGIN("S1", "46.455", caller=caller) == "#VALUE!"  # typed text: a slip


def test_sb_margin_at_a_negative_price_is_value(tmp_path):
    """=SB_MARGIN(A2, B2-C2) with the coupon over the price: -5 gave 5.4 (a margin of 540 %)."""
    from shopbook.schema import STOCK, Product

    init_shop(tmp_path / "s")
    write_workbook(tmp_path / "s" / "stock.xlsx", STOCK, "zh", {Product: [Product(
        sku="S1", name="T恤", cost=Decimal("22"), price=Decimal("48.9"))]}, keep_backup=False)
    caller = Caller(tmp_path / "s" / "stock.xlsx")
    assert udfs.SB_MARGIN("S1", -5.0, caller=caller) == "#VALUE!"
    assert udfs.SB_MARGIN([["S1"]] * 2, [[-5.0], [44.0]], caller=caller) == [["#VALUE!"], [0.5]]
    r = F.margin("S1", -5, tmp_path / "s" / "stock.xlsx")
    assert isinstance(r, F.XlError) and "negative" in r.reason, r


def test_a_fee_for_what_is_no_province_is_na_not_the_other_rate(shop):
    """SB_SHIPPING_FEE("杭州", 1) (a city typed for its province), ("Zhejiang", 1), or a cell holding a number gave the
    运费 sheet's 其他 price, 8.0 here where 浙江 is 5.0: a plausible wrong fee, as if a remote province. What is no
    province is #N/A now; a province however written (浙江省, 内蒙古自治区, an address that starts with one) and
    其他 itself are priced as before, in their rows of a column."""
    caller = Caller(shop / "orders.xlsx")
    for what in ("杭州", "Zhejiang", "内蒙", 571.0, True):
        assert udfs.SB_SHIPPING_FEE(what, 1, caller=caller) == "#N/A", what
    assert udfs.SB_SHIPPING_FEE("浙江省杭州市西湖区", 1, caller=caller) == 5.0
    assert udfs.SB_SHIPPING_FEE(" 浙江 ", 1, caller=caller) == 5.0
    assert udfs.SB_SHIPPING_FEE("其他", 1, caller=caller) == 8.0
    assert udfs.SB_SHIPPING_FEE("新疆维吾尔自治区", 1, caller=caller) == 8.0  # a province the sheet leaves to 其他
    assert udfs.SB_SHIPPING_FEE([["杭州"], ["浙江"]], [[1], [1]], caller=caller) == [["#N/A"], [5.0]]
