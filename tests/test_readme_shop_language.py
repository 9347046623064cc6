"""README, "One language per shop": a stop about a month its staff typed, or a usage error of a line
naming a shop, is in the shop's language.
`ledger --month 2026-01` in an English shop whose books open in July was refused in Chinese and
English both (the month before the books begin, unlike a month not begun); now in English alone,
exit 2, and --json still gives both in its stop document."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal as D

from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import LEDGER, Account
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook

CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def test_a_month_before_the_books_begin_is_said_in_the_shops_language(tmp_path):
    shop = tmp_path / "shop"
    init_shop(shop, "en")
    write_workbook(shop / "ledger.xlsx", LEDGER, "en",
                   {Account: [Account(account="Bank", opening_date=dt.date(2026, 7, 1), opening_balance=D(100))]},
                   keep_backup=False)
    r = CliRunner().invoke(app, ["ledger", str(shop), "--month", "2026-01", "--json"])
    assert r.exit_code == 2, r.output
    assert "ends before the books begin (2026-07-01" in r.stderr and not CJK.search(r.stderr), r.stderr
    stop = json.loads(r.stdout)["stop"]
    assert stop["exit_code"] == 2 and "账本开始" in stop["zh"] and "books begin" in stop["en"]


def test_a_promotions_review_without_its_name_is_said_in_the_shops_language(tmp_path):
    """`shopbook report promotion SHOP` (the name left out) names a shop folder: the usage error is in
    that shop's language, as `ledger SHOP` without --month is; it was in both (its Chinese with SHOP NAME)."""
    for lang in ("en", "zh"):
        shop = tmp_path / lang
        init_shop(shop, lang)
        r = CliRunner().invoke(app, ["report", "promotion", str(shop)])
        assert r.exit_code == 2, r.output
        if lang == "en":
            assert "Give the promotion's name" in r.stderr and not CJK.search(r.stderr), r.stderr
        else:
            assert "请给出促销名称：shopbook report promotion 店铺 促销名称" in r.stderr and "Give" not in r.stderr, r.stderr
