"""An amount typed past the fen (35000.105 in 流水's 金额, in 日报's 销售额; or =A2*0.95 giving it): refused, located,
with 'round it to the fen' alone, while the cell formatted as money shows 35,000.11: a person saw nothing to round.
Now the message says what to type (35000.11, rounded half up) and, for a formula, the ROUND that keeps it to the
fen, in the shop's language, at its workbook, sheet, cell and value."""

from __future__ import annotations

import pytest

from cli_run import flat, shopbook


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_amount_past_the_fen_says_what_to_type(tmp_path, lang):
    import openpyxl

    folder = tmp_path / "shop"
    assert shopbook("init", str(folder), "--lang", lang).returncode == 0
    zh = lang == "zh"
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    wb["账户" if zh else "Accounts"].append(["支付宝" if zh else "Alipay", "2026-11-01", 1000])
    wb["类别" if zh else "Categories"].append(["快递费" if zh else "Courier", "支出" if zh else "out", ""])
    entries = wb["流水" if zh else "Entries"]
    entries.append(["2026-11-03", "支出" if zh else "out", "快递费" if zh else "Courier", 35000.105,
                    "支付宝" if zh else "Alipay"])
    at = entries.max_row
    wb.save(folder / "ledger.xlsx")
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb["日报" if zh else "Daily"]
    head = [c.value for c in ws[1]]
    ws.append([{"日期": "2026-11-03", "date": "2026-11-03", "访客数": 900, "visitors": 900, "支付订单数": 30,
                "orders": 30, "销售额": 35000.105, "sales": 35000.105}.get(h) for h in head])
    day = ws.max_row
    wb.save(folder / "kpi.xlsx")
    r = shopbook("ledger", str(folder), "--month", "2026-11")
    out = flat(r.stdout + r.stderr)
    assert r.returncode == 2, r.stdout + r.stderr
    d = head.index("销售额" if zh else "sales")
    if zh:
        assert flat(f"ledger.xlsx › 流水 › D{at} 金额“35000.105”超过两位小数（分）。请四舍五入到分：35000.11（是公式的话，"
                    "用 =ROUND(公式,2)）") in out, out
    else:
        assert flat(f"ledger.xlsx › Entries › D{at} The amount '35000.105' has more than two decimals (fen). Round it to "
                    "the fen: 35000.11 (for a formula, wrap it in =ROUND(formula, 2))") in out, out
    r = shopbook("validate", str(folder))
    out = flat(r.stdout)
    cell = f"kpi.xlsx › {'日报' if zh else 'Daily'} › {'ABCDEFGHIJKLMNOPQ'[d]}{day}"
    assert flat(cell) in out and "35000.11" in out and ("=ROUND(公式,2)" if zh else "=ROUND(formula,2)") in out, out
    assert ("四舍五入" in out) == zh and ("Roundit" in out) != zh, out


def test_a_formulas_amount_is_rounded_as_excel_shows_it():
    """=A2*0.95 with A2 100.10 holds 95.09499999999998: the cell shows 95.10 and =ROUND(…,2) gives 95.10, but the
    message said to round it to 95.09, a fen off what the person sees."""
    from shopbook import values as V

    with pytest.raises(V.BadValue) as e:
        V.parse_money(100.10 * 0.95)
    assert "请四舍五入到分：95.10" in e.value.zh and "Round it to the fen: 95.10" in e.value.en, e.value.en
