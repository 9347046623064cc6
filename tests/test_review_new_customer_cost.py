"""QA (seeds): the five figures the shop reviews each month are 新顾客成本, 全程ROI, 转化率, 复购率 and
忠诚率. The monthly review showed ROI, conversion and the repeat rate, but not what a new customer cost:
the ad spend and the new buyers sat on its 客户与推广 sheet, the division left to the person. Now the
sheet, the e-mail's figures and --json give it: the month's ad spend ÷ its new buyers, to the fen."""

from __future__ import annotations

import email
import json
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pytest

from cli_run import shopbook
from demo_shop import november_copy as demo_copy


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_review_says_what_a_new_customer_cost(tmp_path, lang):
    folder = demo_copy(tmp_path / "shop", lang)
    r = shopbook("report", "monthly", folder, "--period", "2026-10", "--json")
    assert r.returncode in (0, 1), r.stdout + r.stderr
    d = json.loads(r.stdout)
    (month,) = d["customers"]["months"]
    spend = Decimal(d["ads"]["spend"])
    assert spend > 0 and month["new"] > 0
    cost = (spend / month["new"]).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert d["new_customer_cost"] == str(cost)
    ws = openpyxl.load_workbook(d["report"])["客户与推广" if lang == "zh" else "Customers and ads"]
    label = "新客成本（推广花费 ÷ 新客）" if lang == "zh" else "new-customer cost (ad spend ÷ new buyers)"
    assert [row[1] for row in ws.iter_rows(values_only=True) if row[0] == label] == [float(cost)]
    shopbook("email", folder, "--report", "monthly", "--period", "2026-10")
    (eml,) = (folder / "outbox").glob("*.eml")
    body = next(p.get_payload(decode=True).decode() for p in email.message_from_bytes(eml.read_bytes()).walk()
                if p.get_content_type() == "text/plain")
    said = "新客成本（推广花费÷新客）：" if lang == "zh" else "New-customer cost (ad spend ÷ new buyers): "
    assert f"{said}¥{cost:,.2f}" in body, body
