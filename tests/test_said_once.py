"""What QA found said twice or oddly on screen: `orders morning` told a picked parcel to be
pulled twice (the import's line and the pick list's, which says to clear its batch too); `orders
follow-up` showed when a held order was paid as 2026-11-21T09:00:00; English counts read "1
alerts", "1 adjustments"."""

from __future__ import annotations

import datetime as dt
import re

from cli_run import flat, shopbook
from taobao_fixtures import write_pair
from test_order_life import shop, tb_detail, tb_order, two_picked  # noqa: F401 - (shop: the fixture)

A, B = "3600000000000000201", "3600000000000000202"


def test_the_morning_says_to_pull_a_parcel_once_the_whole_way(shop, tmp_path):
    two_picked(shop, tmp_path, A, B)
    later = write_pair(tmp_path / "d2", [tb_order(A, "交易关闭", close="买家不想买了"), tb_order(B)],
                       [tb_detail(A, "SH-BK-M", "交易关闭"), tb_detail(B, "SH-WH-M")], stamp="20261122")
    r = shopbook("orders", "morning", shop.folder, *later)
    said = flat(r.stdout)
    assert r.returncode == 1, r.stdout + r.stderr  # a parcel to pull needs a person
    assert said.count("把这个包裹拿出来") == 1, r.stdout  # once: the pick list's line, which says what to do after
    assert said.count(A) == 2, r.stdout  # that line, and the import's change that said why (已审核 → 已取消)
    # the pile it is in: its pick batch
    assert re.search(rf"订单{A}（拣货批次\d{{8}}-\d+）拣货后已取消或挂起：把这个包裹拿出来，再清空它的拣货批次", said), said


def test_follow_up_shows_when_a_held_order_was_paid_to_the_minute(shop, tmp_path):
    from cli_run import type_in
    from shopbook.schema import ORDERS
    from test_orders import lines_of

    two_picked(shop, tmp_path, A, B)
    row = next(ln.row for ln in lines_of(shop) if ln.order_no == A)
    type_in(shop.path(ORDERS), "订单", {(row, "状态"): "已挂起"})
    paid = next(ln.paid_at for ln in lines_of(shop) if ln.order_no == A)
    r = shopbook("orders", "follow-up", shop.folder)
    # (held by hand, the review's 通过 still there: listed apart, its review cell not said)
    assert f"{A}  {paid:%Y-%m-%d %H:%M}" in r.stdout and "T" not in r.stdout.split(A)[1].split("\n")[0], r.stdout
    assert "人工挂起（由挂起的人决定何时放行，不急）：1" in r.stdout, r.stdout


def test_an_english_daily_says_1_alert(tmp_path):
    """The daily job's stock step in an English shop with one product under its safety stock."""
    from decimal import Decimal as D

    from shopbook.schema import STOCK, Product
    from shopbook.shop import init_shop
    from shopbook.workbook_builder import write_workbook

    folder = tmp_path / "shop"
    init_shop(folder, lang="en")
    write_workbook(folder / "stock.xlsx", STOCK, "en", {Product: [
        Product(sku="LOW-1", name="shirt", cost=D(20), price=D(60), opening_qty=1, safety_stock=5),
        Product(sku="OK-1", name="shirt", cost=D(20), price=D(60), opening_qty=50, safety_stock=5)]},
        keep_backup=False)
    r = shopbook("daily", folder, "--date", "2026-11-21")  # (no mail set up: the e-mail kept in outbox/)
    said = " ".join(r.stdout.split())
    assert "1 alert" in said and "1 alerts" not in said, r.stdout


def test_daily_with_a_parcel_to_pull_exits_1_and_says_it_again_when_run_again(shop, tmp_path):
    """A cron job learns that a person is needed from the exit code, as `picklist` and `orders
    morning` tell it: before, daily exited 0 with the pull in its step table only."""
    import json

    two_picked(shop, tmp_path, A, B)
    inbox = shop.folder / "inbox"
    inbox.mkdir(exist_ok=True)
    for f in write_pair(tmp_path / "d2", [tb_order(A, "交易关闭", close="买家不想买了"), tb_order(B)],
                        [tb_detail(A, "SH-BK-M", "交易关闭"), tb_detail(B, "SH-WH-M")], stamp="20261122"):
        f.rename(inbox / f.name)
    r = shopbook("daily", shop.folder, "--date", "2026-11-22", "--json")
    assert r.returncode == 1 and json.loads(r.stdout)["pull"] == [A], r.stdout + r.stderr
    picked = next(s for s in json.loads(r.stdout)["steps"] if s["step"] == "picklist")["detail"]
    pulled = rf"!! 订单 {A}（拣货批次 \d{{8}}-\d+）拣货后已取消或挂起：把这个包裹拿出来，再清空它的拣货批次"
    assert any(re.fullmatch(pulled, ln) for ln in picked.splitlines()), picked  # picklist's line
    again = shopbook("daily", shop.folder, "--date", "2026-11-22")  # nothing changed since: its results stand
    assert again.returncode == 1 and "已经做完" in flat(again.stdout), again.stdout + again.stderr
    assert f"订单{A}拣货后已取消或挂起：把这个包裹拿出来" in flat(again.stdout)


def test_an_english_daily_email_counts_one_validation_error_as_one(tmp_path):
    from test_language import english_shop

    from cli_run import type_in
    from shopbook.report.daily import render_email
    from shopbook.report.workflow import run_daily

    shop = english_shop(tmp_path)
    type_in(shop.folder / "stock.xlsx", "Products", {(2, "price"): "abc"})  # one cell that does not read
    run = run_daily(shop, dt.date(2026, 11, 21), send=False)
    _, plain = render_email(run.summary)
    assert "Validation: 1 error (shopbook validate)" in plain, plain


def test_a_parcel_to_pull_is_named_with_its_batch_in_english_too():
    from shopbook.orders.workflow import pull_words

    assert pull_words("T1", "20261121-1") == (
        "订单 T1（拣货批次 20261121-1）拣货后已取消或挂起：把这个包裹拿出来，再清空它的拣货批次",
        "order T1 (pick batch 20261121-1) was cancelled or held after it was picked: pull this parcel, then clear "
        "its batch cell")
    assert pull_words("T1")[0] == "订单 T1 拣货后已取消或挂起：把这个包裹拿出来，再清空它的拣货批次"  # (a run record's: no batch)
