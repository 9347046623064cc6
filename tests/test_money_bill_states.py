"""What a payment bill says of a line beyond its money — a refund still processing, a payment revoked
— and what a run says of the lines it left for a person, in the bills' real shapes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.schema import LEDGER, Account, Category, Direction, Entry
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook
import test_wechat
from test_wechat import merchant_bill

CATEGORIES = {"zh": (("销售收入", Direction.IN, "sales"), ("退款", Direction.OUT, "refunds"),
                     ("平台服务费", Direction.OUT, "other"), ("其他收入", Direction.IN, "other")),
              "en": (("Sales", Direction.IN, "sales"), ("Refunds", Direction.OUT, "refunds"),
                     ("Platform fees", Direction.OUT, "other"), ("Other income", Direction.IN, "other"))}


def bare_shop(tmp_path, lang="zh", entries=()):
    """A shop whose ledger has a WeChat account, the categories a trade bill's lines go to, and `entries`."""
    folder = tmp_path / f"shop-{lang}"
    init_shop(folder, lang)
    write_workbook(folder / "ledger.xlsx", LEDGER, lang, {
        Entry: list(entries),
        Account: [Account(account="微信" if lang == "zh" else "WeChat", opening_date=dt.date(2026, 11, 1),
                          opening_balance=D(0))],
        Category: [Category(category=c, direction=d, group=g) for c, d, g in CATEGORIES[lang]]}, keep_backup=False)
    return open_shop(folder)


def _cli(*args: str):
    return CliRunner().invoke(app, [*args])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_tick_beside_the_lines_added_when_a_refund_not_yet_paid_was_left(tmp_path, lang):
    """QA: --apply on a trade bill with a refund still PROCESSING booked the rest and said
    "✓ 已补录 6 条流水" though the refund's line was left unbooked (exit 1, a "!" line above): the ✓
    read as the step done. Now that line is "!" and says the refund was not added."""
    rows = [list(r) for r in test_wechat.TRADES]
    rows[2][19] = "PROCESSING"  # W1002's refund, as the bill writes a refund on its way
    path = tmp_path / "1900000109_All_20261102_20261104.csv"
    path.write_bytes(merchant_bill(rows))
    shop = bare_shop(tmp_path, lang)
    r = _cli("reconcile", "wechat", str(shop.folder), str(path), "--apply")
    out = "".join(r.output.split())
    assert r.exit_code == 1, r.output
    if lang == "zh":
        assert "!已补录6条流水，1笔还没有成功的退款不补录（见上）" in out and "✓已补录" not in out, r.output
    else:
        assert "!added6ledgerlines;1refundnotyetpaidnotadded(above)" in out and "✓added" not in out, r.output
    booked = {e.txn_no for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)}
    assert len(booked) == 6 and "50300001002" not in booked
    # the refund paid: every line booked, ✓
    rows[2][19] = "SUCCESS"
    path.write_bytes(merchant_bill(rows))
    r = _cli("reconcile", "wechat", str(shop.folder), str(path), "--apply")
    out = "".join(r.output.split())
    assert r.exit_code == 0 and ("✓已补录2条流水" if lang == "zh" else "✓added2ledgerlines") in out, r.output


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_refunds_not_yet_paid_past_ten_say_how_many_more_and_where(tmp_path, lang):
    """QA: the line naming the rows of refunds not yet paid showed the first 10 then " …": how many
    more, and where they are, was not said. Now: "… and 2 more; the reconciliation report's
    Problems sheet holds them all", and the report's Problems sheet has every one."""
    import openpyxl

    from test_wechat import trade

    rows = []
    for k in range(12):
        txn, order = f"42000020{k:02d}", f"W20{k:02d}"
        rows.append(trade(f"2026-11-02 10:{k:02d}:00", txn, order, "10.00", "0.06"))
        rows.append(trade(f"2026-11-03 10:{k:02d}:00", txn, order, "0.00", "-0.06", "REFUND", f"503000020{k:02d}",
                          "10.00"))
        rows[-1][19] = "PROCESSING"
    path = tmp_path / "1900000109_All_20261102_20261103.csv"
    path.write_bytes(merchant_bill(rows, ("24", "120.00", "120.00", "0.00", "0.00", "120.00", "120.00")))
    shop = bare_shop(tmp_path, lang)
    r = _cli("reconcile", "wechat", str(shop.folder), str(path))
    out = " ".join(r.output.split())
    first = [str(3 + 2 * k) for k in range(10)]  # each refund's row (each sale's before it)
    if lang == "zh":
        assert (f"12 笔退款还没有成功（对账单第 {'、'.join(first)} 行，还有 2 笔；对账报告的“问题”表里有全部）"
                in out), r.output
    else:
        assert (f"12 refunds not yet paid (statement rows {', '.join(first)} and 2 more; the reconciliation "
                "report's Problems sheet holds them all)" in out), r.output
    assert "…" not in out.replace("… and", "").replace("… 还有", "")
    (report,) = shop.reports.glob("*.xlsx")
    ws = openpyxl.load_workbook(report)["问题" if lang == "zh" else "Problems"]
    said = [w for w, m in ws.iter_rows(min_row=2, values_only=True) if "50300002" in m]
    assert len(said) == 12 and any("25" in w for w in said)  # the last refund's row, 25, among them
