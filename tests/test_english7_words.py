"""QA of one language per shop (english7): an English shop's words say what the Chinese ones say, the
unit of an amount too."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from test_staff_pay import shop  # noqa: F401  (the staff pay shop of hand-worked figures, a fixture)


def test_an_english_agents_settlement_says_its_amounts_in_yuan_as_the_chinese_says_yuan(tmp_path):
    # '按每单 6.00 元' beside 'charged 6.00 each', and a payment dated ahead '这笔 110.00 元' beside a bare '110.00'
    from shopbook.agents.settlement import payments_ahead
    from shopbook.agents.workflow import Settlement
    from shopbook.schema import Payment

    done = Settlement("2026-11", [], [], tmp_path / "s.xlsx", fees=1, per_order=D("6.00"), fee_formulas=("H2",))
    (charged, formula) = [(z, e) for _, z, e in done.priced_said()]
    assert "按每单 6.00 元" in charged[0] and "按每单 6.00 元" in formula[0]
    assert "1 agent order with a blank shipping fee: charged 6.00 yuan an order (" in charged[1], charged[1]
    assert "charged 6.00 yuan an order, the formula left as it is" in formula[1], formula[1]
    pm = Payment(date=dt.date(2026, 12, 6), agent_id="DL1", amount=D(110))
    pm.row = 2
    ((_, i),) = payments_ahead([pm], dt.date(2026, 12, 5))
    assert "这笔 110.00 元" in i.message_zh and "agent DL1's 110.00 yuan is on no statement" in i.message_en, i.message_en


def test_a_waitlist_entry_of_a_style_not_listed_says_what_to_do_in_plain_english(tmp_path):
    # '… is listed to call once it is added there and its goods come in; Mistyped, correct the code.': the
    # Chinese order (写错了请改正编码) and a capital after a semicolon
    from test_stock_checks import item, new_shop

    from shopbook.schema import STOCK, Product, WaitlistEntry
    from shopbook.stock import workflow as W
    from shopbook.workbook_builder import write_workbook

    day = dt.date(2026, 12, 1)
    old = item("OLD-M", 5, style="OLD", size="M")
    s = new_shop(tmp_path, [old])
    write_workbook(s.path(STOCK), STOCK, "zh", {Product: [old], WaitlistEntry: [
        WaitlistEntry(date=day, customer="Ann", contact="wx_a", style="NEW9", size="M"),
        WaitlistEntry(date=day, customer="Bo", sku="NEW9-L")]}, keep_backup=False)
    style, code = sorted(W.waitlist(s, day).warnings, key=lambda w: w.field != "style")
    assert code.message_en == ("SKU 'NEW9-L' is not in the Products sheet: if it is a new style still to be listed, Bo "
                               "will be on the list to call once it is added there and its goods come in; if the code "
                               "is mistyped, correct it."), code.message_en
    assert style.message_en.endswith("; if it is mistyped, correct it or give the SKU."), style.message_en


def test_an_english_shops_staff_pay_names_its_ledger_lines_as_the_chinese_does(shop, wide_console):  # noqa: F811
    # '建议记账：… 小美 -3505.95 …' beside a bare 'proposed: …', where the after-sales desk says 'proposed ledger
    # line:' and the report's sheet 'Proposed ledger lines'
    from typer.testing import CliRunner

    from shopbook.cli import app

    cfg = shop.folder / "shopbook.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    runner = CliRunner()
    said = runner.invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11"]).output
    assert "  proposed ledger line: 2026-11-30 小美 -3505.95 " in said, said
    said = runner.invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--book"]).output
    assert "  booked in the ledger: 2026-11-30 小美 -3505.95 " in said, said
