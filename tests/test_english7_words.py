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
    day = dt.date.today()  # (the pay day, today unless --date: the day the money leaves the account)
    assert f"  pay day {day} (--date): the salary lines are dated so" in said, said
    assert f"  proposed ledger line: {day} 小美 -¥3,505.95 " in said, said
    said = runner.invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--book"]).output
    assert f"  booked in the ledger: {day} 小美 -¥3,505.95 " in said, said


def test_a_stocktake_of_a_sku_moved_since_says_when_to_check_the_shelf():
    # '请确认盘点时这些货是否已经在或不在货架上' (when it was counted) beside '… check whether those goods were on the
    # shelf': the English left out when
    from shopbook.schema import Movement, Product, StocktakeCount
    from shopbook.stock.stocktake import plan_stocktake

    day = dt.date(2026, 11, 18)
    plan = plan_stocktake([Product(sku="A", name="Tee", cost=D(10), price=D(20), opening_qty=10)],
                          [Movement(date=dt.date(2026, 11, 19), sku="A", type="出库", qty=2)],
                          [StocktakeCount(date=day, sku="A", counted=9)], day, lang="en")
    assert ("A 在盘点日之后有出入库，请确认盘点时这些货是否已经在或不在货架上",
            "A moved after the count date: check whether those goods were on the shelf when it was counted") \
        in plan.warnings, plan.warnings


def test_an_english_shops_staff_pay_of_a_month_without_orders_says_only_the_base_is_paid(shop):  # noqa: F811
    # 'no commission and no piece pay, the base alone' (只有底薪, word for word)
    from shopbook.shop import open_shop
    from shopbook.staff.workflow import staff_pay

    cfg = shop.folder / "shopbook.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    res = staff_pay(open_shop(shop.folder), "2026-09")
    said = [i.message_en for i in res.payroll.issues]
    assert "The Orders sheet has no order paid or shipped in 2026-09: no commission and no piece pay, only the base " \
           "pay. Check --month." in said, said


def test_a_past_days_stock_alerts_say_which_quantities_leave_the_orders_out():
    # '所以补货量没有算订单（可用按库存算）' beside 'so the quantities leave orders out (available is on hand)':
    # which quantities (the reorder ones) left unsaid
    from shopbook.stock.report import PAST_ALERTS_NOTE

    zh, en = PAST_ALERTS_NOTE
    assert "所以补货量没有算订单（可用按库存算）" in zh
    assert "so the reorder quantities leave orders out (available is what was on hand); " in en, en
