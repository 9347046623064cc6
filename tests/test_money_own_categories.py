"""A shop's 类别 sheet in its own words (淘宝销售 in 分组 销售, 退货退款 in 退款): what --apply books from a
statement goes there, and a category it asks for comes with the 分组 that puts it right in the P&L."""

import datetime as dt
from decimal import Decimal as D

import pytest
from test_money import classic_statement, november_lines, write_statement
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.schema import LEDGER, Account, Category, Entry
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


def shop_with(tmp_path, lang, categories):
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    write_workbook(folder / "ledger.xlsx", LEDGER, lang, {
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D("1000.00"))],
        Category: [Category(category=c, direction=d, group=g) for c, d, g in categories]}, keep_backup=False)
    return folder


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sales_and_refunds_go_to_the_shops_own_categories_of_their_group(tmp_path, lang, wide_console):
    """QA: a shop whose 类别 sheet names its sales 淘宝销售 (分组 销售) and its refunds 退货退款 (分组 退款) got
    '没有补录：类别表里没有“销售收入”。请在“类别”表中添加“销售收入”（收入）' for each sale and the refund: a second sales
    category to add beside its own, and, added as said (no 分组), the month's sales counted under 其他 in
    the P&L. Now they go to its own; the fee it has no category for is asked for with its 分组."""
    own = [("淘宝销售", "收入", "销售"), ("退货退款", "支出", "退款"), ("支付宝手续费", "支出", "其他")]
    folder = shop_with(tmp_path, lang, own)
    path = write_statement(tmp_path, classic_statement(november_lines()))
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(folder), str(path), "--apply"])
    said = " ".join(r.output.split())
    booked = {e.txn_no: e.category for e in read_workbook(folder / "ledger.xlsx", LEDGER).rows(Entry)}
    assert booked == {"A1": "淘宝销售", "A2": "淘宝销售", "A3": "退货退款", "A6": "淘宝销售"}, r.output
    if lang == "zh":  # (平台服务费: the group 其他 holds more than one of the shop's, not guessed among them)
        assert "请在“类别”表中添加“平台服务费”（支出，分组“其他”）" in said and "添加“销售收入”" not in said, said
    else:
        assert "Add 'Platform fees' (out, group 'other') to the Categories sheet" in said, said


def test_two_sales_categories_are_not_chosen_between_and_the_one_to_add_has_its_group(tmp_path, wide_console):
    folder = shop_with(tmp_path, "zh", [("淘宝销售", "收入", "销售"), ("代理销售", "收入", "销售"),
                                         ("退货退款", "支出", "退款")])
    path = write_statement(tmp_path, classic_statement(november_lines()))
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(folder), str(path), "--apply"])
    said = " ".join(r.output.split())
    assert "请在“类别”表中添加“销售收入”（收入，分组“销售”）" in said, said
    assert {e.txn_no: e.category for e in read_workbook(folder / "ledger.xlsx", LEDGER).rows(Entry)} == {"A3": "退货退款"}
