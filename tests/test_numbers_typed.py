"""Numbers that are not money typed oddly, as money was (test_money_typed): a weight of 0,5 was
read as 5 kg (the comma dropped as a thousands separator), 1e3 as 1000, $0.5 and ¥3 as numbers
with the mark dropped, a quantity of 3,5 as 35. Each is now a located error saying what to type;
thousands commas, spaces, full-width digits and % read as before. Through validate, on a real
stock.xlsx, run as the console runs it."""

from __future__ import annotations

import json
import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from cli_run import shopbook
from test_money_typed import typed_into_products

from shopbook import values as V
from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK, Product

# row of 商品 → the weight typed, as text, and what validate says of it (a Decimal: read as this weight)
TYPED = {
    2: ("0,5", "数字“0,5”像是用逗号作小数点：请用小数点，写成 0.5（逗号只用来分千位，如 1,234.5）。"),
    3: ("1e3", "数字“1e3”是科学计数法：请写出整个数，例如 1000。"),
    4: ("$0.5", "“$0.5”带有货币符号，但这一栏不是金额：只填数字，例如 0.5。"),
    5: ("0.5元", "“0.5元”带有货币符号，但这一栏不是金额：只填数字，例如 0.5。"),
    6: ("1_000", "不是数字：“1_000”。"),
    7: ("0.45", D("0.45")),
    8: ("1,234.5", D("1234.5")),
    9: ("０．６", D("0.6")),
    10: (" 2 ", D("2")),
    11: ("0.5kg", "不是数字：“0.5kg”。请只填数字 0.5，不带单位。"),  # (said nothing of what to type)
}


@pytest.fixture
def shop(tmp_path) -> Path:
    return typed_into_products(tmp_path / "shop", "重量(kg)", TYPED)


def test_weights_typed_oddly_are_located_and_say_what_to_type(shop):
    r = shopbook("validate", shop, "--json")
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    found = {i["row"]: i for i in json.loads(r.stdout) if i["sheet"] == "商品" and i["column"] == "重量(kg)"}
    said = {row: msg for row, (_, msg) in TYPED.items() if isinstance(msg, str)}
    assert {row: found[row]["message_zh"] for row in said} == said
    for row in said:  # located: the workbook, the cell of that row, the value as typed
        i = found[row]
        assert (i["book"], i["severity"], i["value"]) == ("stock.xlsx", "error", TYPED[row][0])
        assert re.fullmatch(rf"[A-Z]+{row}", i["cell"])
    assert set(found) == set(said)
    records = read_workbook(shop / "stock.xlsx", STOCK).rows(Product)
    assert {p.row: p.weight_kg for p in records} == {row: v if isinstance(v, D) else None for row, (_, v) in TYPED.items()}


def test_an_english_shop_is_told_in_english(shop):
    toml = shop / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    out = " ".join(shopbook("validate", shop).stdout.split())
    assert "looks like it has a decimal comma: use a decimal point and enter 0.5" in out
    assert "is in scientific notation: enter the number in full, such as 1000" in out
    assert "carries a currency mark, but this column holds no amount: enter the number alone, such as 0.5" in out
    assert "逗号" not in out and "科学计数法" not in out


@pytest.mark.parametrize("typed, hint", [("3,5", "写成 3.5"), ("¥3", "例如 3"), ("3 元", "例如 3")])
def test_a_quantity_typed_oddly_is_no_other_quantity(typed, hint):
    with pytest.raises(V.BadValue) as e:
        V.parse_int(typed)
    assert hint in e.value.zh


@pytest.mark.parametrize("typed, n", [("3", 3), ("1,000", 1000), ("１２", 12), (" 7 ", 7)])
def test_quantities_read_as_before(typed, n):
    assert V.parse_int(typed) == n


@pytest.mark.parametrize("typed", ["1e3", "1_000", "12个", "2.5"])
def test_what_is_no_whole_number_is_said_so_as_before(typed):
    with pytest.raises(V.BadValue) as e:
        V.parse_int(typed)
    assert e.value.zh.startswith(f"应为整数：“{typed}”。请")  # and what to type (test_said_what_to_do)


@pytest.mark.parametrize("typed, n", [("3%", "0.03"), ("4.8", "4.8"), ("(1.5)", "-1.5"), ("1 234.5", "1234.5"),
                                      ("2.5 %", "0.025")])
def test_other_numbers_read_as_before(typed, n):
    assert V.parse_decimal(typed) == D(n)


def test_a_wechat_fee_is_read_as_money_before_it_is_rounded(tmp_path):
    """A trade bill's 手续费 read as money (its ¥ and thousands commas), rounded half up to the fen
    as WeChat charges it; one in scientific notation (read as 0.5 before) or with a $ is a
    located issue, not a fee."""
    from test_wechat import merchant_bill, trade

    from shopbook.money.wechat import read_wechat

    rows = [trade("2026-11-02 10:00:01", "4200001001", "W1001", "99.00", "0.59400"),
            trade("2026-11-02 11:00:00", "4200001002", "W1002", "198.00", "¥1.18800"),
            trade("2026-11-03 10:00:00", "4200001005", "W1005", "99.00", "5e-1"),
            trade("2026-11-04 10:00:00", "4200001006", "W1006", "99.00", "$0.59")]
    path = tmp_path / "1900000109_All_20261102_20261104.csv"
    path.write_bytes(merchant_bill(rows, None, encoding="utf-8"))
    st = read_wechat(path)
    assert [(x.txn_no, x.amount) for x in st.lines if x.kind == "手续费"] == [
        ("4200001001#手续费", D("-0.59")), ("4200001002#手续费", D("-1.19"))]
    fees = [(i.row, i.message_zh) for i in st.issues if "汇总" not in i.message_zh]  # (the bill cut short: said too)
    assert len(fees) == 2 and "科学计数法" in fees[0][1] and "不是人民币金额" in fees[1][1], st.issues
    assert [row for row, _ in fees] == [4, 5]  # the lines they are on


def test_a_number_with_wan_is_told_as_the_whole_number_not_without_its_wan(tmp_path):
    """访客数 1.2万 and a 销售额 target of 5万 (a Chinese shop's shorthand for 12000 and 50000) were told
    '请只填数字 5，不带单位': typing what was said set a target of 5 yuan. Now the whole number is said,
    on a real kpi.xlsx through validate."""
    import datetime as dt

    import openpyxl

    from shopbook.schema import KPI, DailyKpi
    from shopbook.shop import init_shop
    from shopbook.workbook_builder import write_workbook

    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {DailyKpi: [DailyKpi(date=dt.date(2026, 11, 1), visitors=100,
                                                                        orders=2, sales=D("100.00"))]}, keep_backup=False)
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    wb["日报"]["C2"] = "1.2万"
    wb["目标"].append(["销售额", "5万", None])
    wb["目标"].append(["支付订单数", "60单", None])
    wb.save(folder / "kpi.xlsx")
    r = shopbook("validate", folder, "--json")
    said = {i["cell"]: i["message_zh"] for i in json.loads(r.stdout) if i["book"] == "kpi.xlsx"}
    assert said == {"C2": "应为整数：“1.2万”。请写出整个数 12000，不带“万”。",
                    "B3": "不是数字：“5万”。请写出整个数 50000，不带“万”。",
                    "B4": "不是数字：“60单”。请只填数字 60，不带单位。"}, said


def test_a_tier_discount_typed_as_its_zhe_is_told_as_the_zhe_not_as_a_percent(tmp_path):
    """等级's 折扣 typed 6 (a number) or '5.5' (text), as a shop says 6折: before, the error said to
    write 6% (or 0.06), an agent priced at 6 % of list; now it says 6折 or 0.6.
    60 is told as 60% as before, and 6折 reads as 0.6. (English: no 折, the share of list price.)"""
    import openpyxl

    from shopbook.schema import AGENTS, Agent, Tier
    from shopbook.validate import validate_path
    from shopbook.workbook_builder import write_workbook

    path = tmp_path / "agents.xlsx"
    tiers = [Tier(tier=t, discount=D("0.6"), floor=D("0.7")) for t in ("金牌", "银牌", "铜牌", "普通")]
    write_workbook(path, AGENTS, "zh", {Tier: tiers, Agent: [Agent(agent_id="DL001", name="杭州衣橱", tier="金牌")]},
                   keep_backup=False)
    wb = openpyxl.load_workbook(path)
    ws = wb["等级"]
    ws["B2"], ws["B3"], ws["C4"], ws["B5"] = 6, "5.5", "60", "6折"
    wb.save(path)
    said = {i.cell: (i.message_zh, i.message_en) for i in validate_path(path).errors}
    assert said == {
        "B2": ("折扣应在 0–100% 之间：“6”。若是 6 折（售价的 60%），请写 6折（或 0.6）。",
               "A discount must be between 0 and 100 %: '6'. If you mean 60 % of the list price, write 60% or 0.6."),
        "B3": ("折扣应在 0–100% 之间：“5.5”。若是 5.5 折（售价的 55%），请写 5.5折（或 0.55）。",
               "A discount must be between 0 and 100 %: '5.5'. If you mean 55 % of the list price, write 55% or 0.55."),
        "C4": ("百分比应在 0–100% 之间：“60”。若是 60%，请写 60%（或 0.6）。",
               "A percentage must be between 0 and 100 %: '60'. For 60 % write 60% (or 0.6)."),
    }
    assert {t.tier: t.discount for t in read_workbook(path, AGENTS).rows(Tier)}["普通"] == D("0.6")


def test_a_whole_number_is_said_as_typed_not_as_the_readers_float(tmp_path):
    """A commission rate typed 5 on ledger.xlsx's 绩效 was refused as '5.0' (“若是 5.0%，请写 5.0%”), a
    number nobody typed: the reader gives a whole number in a cell as 5.0. The cell's value and the
    advice now say 5, as typed; 2.5 stays 2.5."""
    import openpyxl

    from shopbook.schema import LEDGER, StaffMember
    from shopbook.shop import init_shop

    init_shop(tmp_path, "zh")
    wb = openpyxl.load_workbook(tmp_path / "ledger.xlsx")
    wb["绩效"].append(["小王", "客服", 3000, 5])
    wb["绩效"].append(["小李", "客服", 3000, 2.5])
    wb.save(tmp_path / "ledger.xlsx")
    said = [(i.cell, i.value, i.message_zh, i.message_en) for i in read_workbook(
        tmp_path / "ledger.xlsx", LEDGER, (StaffMember,)).all_issues() if i.severity == "error"]
    assert said == [("D3", "5", "百分比应在 0–100% 之间：“5”。若是 5%，请写 5%（或 0.05）。",
                     "A percentage must be between 0 and 100 %: '5'. For 5 % write 5% (or 0.05)."),
                    ("D4", "2.5", "百分比应在 0–100% 之间：“2.5”。若是 2.5%，请写 2.5%（或 0.025）。",
                     "A percentage must be between 0 and 100 %: '2.5'. For 2.5 % write 2.5% (or 0.025).")], said
