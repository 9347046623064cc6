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


def _revoked_bill(tmp_path, revoked_row, summary):
    """A 付款码 (MICROPAY) payment of 99.00 and the row WeChat adds when it is revoked after it succeeded:
    under the payment's own 微信订单号 (WeChat's trade bill documentation)."""
    from test_wechat import trade

    rows = [trade("2026-11-02 10:00:01", "4200001001", "W1001", "99.00", "0.59"), revoked_row]
    for r in rows:
        r[8] = "MICROPAY"
    path = tmp_path / "1900000109_All_20261102_20261102.csv"
    path.write_bytes(merchant_bill(rows, summary))
    return path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_payment_revoked_after_it_succeeded_is_money_back_not_a_sale(tmp_path, lang):
    """QA: any 交易状态 but REFUND was read as a sale. A payment revoked after it succeeded (REVOKED,
    已撤销 — WeChat lists it beside the payment's SUCCESS row, as money going back to the buyer) in a
    refund's shape (应结订单金额 0.00, 退款金额 99.00) was "no money" and lost, and its 99.00 made the
    summary's 退款总金额 'disagree' (the bill called cut off); with its money in 应结订单金额 it was a
    second sale of +99.00. Now it is a refund line of -99.00 (its fee given back), booked under 退款."""
    from test_wechat import trade

    from shopbook.money.wechat import read_wechat

    revoked = trade("2026-11-02 10:05:00", "4200001001", "W1001", "0.00", "-0.59", "REVOKED", "50300001001", "99.00")
    path = _revoked_bill(tmp_path, revoked, ("2", "99.00", "99.00", "0.00", "0.00", "99.00", "99.00"))
    st = read_wechat(path, lang)
    assert st.issues == [] and st.complete
    fee = "#手续费" if lang == "zh" else "#fee"
    assert [(x.txn_no, x.amount, x.order_no) for x in st.lines] == [
        ("4200001001", D("99.00"), "W1001"), ("4200001001" + fee, D("-0.59"), ""),
        ("50300001001", D("-99.00"), "W1001"), ("50300001001" + fee, D("0.59"), "")]
    shop = bare_shop(tmp_path, lang)
    r = _cli("reconcile", "wechat", str(shop.folder), str(path), "--apply")
    assert r.exit_code == 0, r.output
    booked = {e.txn_no: e for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)}
    back = booked["50300001001"]
    assert (back.direction, back.category, back.amount, back.order_no) == (
        Direction.OUT, "退款" if lang == "zh" else "Refunds", D("99.00"), "W1001")
    assert sum(e.amount if e.direction is Direction.IN else -e.amount for e in booked.values()) == 0

    # the same revoked payment with its money in 应结订单金额 and no refund number: out all the same
    revoked = trade("2026-11-02 10:05:00", "4200001001", "W1001", "99.00", "0.00", "REVOKED")
    path = _revoked_bill(tmp_path, revoked, ("2", "198.00", "0.00", "0.00", "0.59", "198.00", "0.00"))
    st = read_wechat(path, lang)
    assert st.issues == [] and st.complete
    mark = "#撤销" if lang == "zh" else "#revoked"
    assert [(x.txn_no, x.amount) for x in st.lines][2:] == [("4200001001" + mark, D("-99.00"))]


def test_a_trade_state_not_known_is_said_never_booked_as_a_sale(tmp_path):
    """A 交易状态 the bill has not been seen to write is said at its row and not booked: before, it
    was a sale like any state but REFUND."""
    from test_wechat import trade

    from shopbook.money.wechat import read_wechat

    odd = trade("2026-11-02 10:05:00", "4200001002", "W1002", "20.00", "0.12", "PAYERROR")
    path = _revoked_bill(tmp_path, odd, ("2", "119.00", "0.00", "0.00", "0.71", "119.00", "0.00"))
    st = read_wechat(path)
    assert [x.txn_no for x in st.lines] == ["4200001001", "4200001001#手续费"]
    (said,) = st.issues
    assert (said.severity, said.row, said.column, said.value) == ("error", 3, "交易状态", "PAYERROR")
    assert "4200001002" in said.message_zh and "not known" in said.message_en
