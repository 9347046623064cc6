"""A refund paid in parts across the month's edge and booked as one row of the whole: the person is told to split
the row, never to correct it to one part; `reconcile alipay --json` listed the pair under amount_differs alone,
so a script following it 'corrected' the row to the part (the rest then lost). Each such pair now says it, with the
side the rest lies on."""

from __future__ import annotations

import datetime as dt
import json

from cli_run import shopbook
from test_alipay_refund_across_months import _shop


def test_the_json_marks_a_refund_split_across_the_months_edge(tmp_path):
    shop, row, nov, dec = _shop(tmp_path, dt.datetime(2026, 11, 30))
    r = shopbook("reconcile", "alipay", str(shop.folder), str(nov), "--json")
    doc = json.loads(r.stdout)
    found = [p for k in ("amount_differs", "probable_duplicates") for p in doc["lines"][k]
             if p["ledger"]["row"] == row] if "lines" in doc else []
    assert found and all(p.get("refund_split_across_edge") == "after" for p in found), doc
    r = shopbook("reconcile", "alipay", str(shop.folder), str(dec), "--json")
    doc = json.loads(r.stdout)
    found = [p for k in ("amount_differs", "probable_duplicates") for p in doc["lines"][k] if p["ledger"]["row"] == row]
    assert found and all(p.get("refund_split_across_edge") == "before" for p in found), doc
