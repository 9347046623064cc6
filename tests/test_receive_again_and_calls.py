"""QA: `purchase receive` (a) run again with --pay on a count that refused an item printed
"✓ …货款已写入流水", exit 0, and never said the item was still refused; (b) listed the waiting-list
customers of every size of the style that came, a size this delivery did not bring among them.

Real files: stock.xlsx written as the templates are, count files as CSV bytes, the CLI run."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from cli_run import CJK, flat, shopbook
from shopbook.io.reader import read_workbook
from shopbook.schema import LEDGER, STOCK, Entry, Product, PurchaseLine, WaitlistEntry
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


def _shop(tmp_path, lang, skus, waiting=()):
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku=s, name="Tee", style="TS", size=s[-1], cost=Decimal(20), price=Decimal(50),
                          status="在售", supplier="Acme") for s in ("TS-M", "TS-L", "JK")],
        PurchaseLine: [PurchaseLine(po_no="CG1", supplier="Acme", sku=s, qty=5, unit_cost=Decimal(18),
                                    order_date=dt.date(2026, 11, 20), status="已下单") for s in skus],
        WaitlistEntry: [WaitlistEntry(date=dt.date(2026, 11, 1), customer=c, contact=t, sku=s) for c, t, s in waiting],
    }, keep_backup=False)
    return folder


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_count_received_again_with_pay_says_the_item_it_refused(tmp_path, lang):
    folder = _shop(tmp_path, lang, ["TS-M"])
    count = tmp_path / "box.csv"
    count.write_bytes(b"TS-M,5\r\nJK,2\r\n")
    r = shopbook("purchase", "receive", folder, count, "--po", "CG1", "--date", "2026-12-01")
    assert r.returncode == 1  # JK refused: a person looks
    r = shopbook("purchase", "receive", folder, count, "--po", "CG1", "--date", "2026-12-01", "--pay")
    text = r.stdout.splitlines()
    # the payment is written (¥90.00), but not with a ✓: the count's JK is still not posted, said again
    assert text[0].startswith("! ") and "90.00" in text[0] and not [ln for ln in text if ln.startswith("✓")], r.stdout
    refused = ("✗ 第 2 行：JK（不在采购单上） × 2 没有入库" if lang == "zh"
               else "✗ line 2: JK (not on the PO) × 2 not posted")
    assert flat(refused) in flat(r.stdout) and r.returncode == 1, r.stdout
    assert lang == "zh" or not CJK.search(r.stdout)
    paid = [e.amount for e in read_workbook(folder / "ledger.xlsx", LEDGER).rows(Entry) if e.order_no == "CG1"]
    assert paid == [Decimal("90.00")]
    r = shopbook("purchase", "receive", folder, count, "--po", "CG1", "--date", "2026-12-01", "--json")
    assert [w["sku"] for w in json.loads(r.stdout)["wrong_items"]] == ["JK"]


def test_a_receipt_lists_only_the_customers_of_what_it_brought(tmp_path):
    """TS-L came on 11-28 (王女士 waits for it: listed then). On 12-01 only TS-M comes: 李先生, not
    王女士 again (before: both, TS-L being the same style)."""
    folder = _shop(tmp_path, "zh", ["TS-M", "TS-L"], [("王女士", "138", "TS-L"), ("李先生", "139", "TS-M")])
    (tmp_path / "l.csv").write_bytes(b"TS-L,5\n")
    (tmp_path / "m.csv").write_bytes(b"TS-M,5\n")
    r = shopbook("purchase", "receive", folder, tmp_path / "l.csv", "--po", "CG1", "--date", "2026-11-28")
    assert [ln.split()[1] for ln in r.stdout.splitlines() if "☎" in ln] == ["王女士"], r.stdout
    r = shopbook("purchase", "receive", folder, tmp_path / "m.csv", "--po", "CG1", "--date", "2026-12-01")
    assert [ln.split()[1] for ln in r.stdout.splitlines() if "☎" in ln] == ["李先生"], r.stdout
