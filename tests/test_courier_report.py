"""`reconcile courier` writes its report workbook as `reconcile alipay` does: a file of its own per bill in
reports/, every difference listed whole with the bill's line, named on screen (✓ only when nothing differs)."""

from __future__ import annotations

import json

import openpyxl
import pytest

from cli_run import flat, shopbook
from test_courier_bill_totals import courier_shop


def _bill(path, rows):
    wb = openpyxl.Workbook()
    wb.active.append(["运单编号", "揽收日期", "目的地", "计费重量", "运费"])
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_courier_reconciliation_writes_its_report(tmp_path, lang):
    shop = courier_shop(tmp_path / "shop", 2)
    if lang == "en":
        toml = shop.folder / "shopbook.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    bill = _bill(tmp_path / "中通11月账单.xlsx", [["73100000000001", "2026-11-10", "浙江", 1, "5.00"],
                                                 ["73100000000009", "2026-11-11", "江苏", 1, "¥1,008.10"]])
    r = shopbook("reconcile", "courier", shop.folder, bill)
    report = shop.reports / (f"{'对账-快递' if lang == 'zh' else 'reconcile-courier'}-中通11月账单.xlsx")
    assert r.returncode == 1 and f"– {report}" in r.stdout, r.stdout + r.stderr
    wb = openpyxl.load_workbook(report)
    rows = {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}
    if lang == "zh":
        summary = {r[0]: r[1:] for r in rows["汇总"]}
        assert summary["账单金额"] == [None, 1013.1] and summary["账单有我们没发"] == [1, 1008.1], summary
        assert rows["账单有我们没发"][1][:2] == [3, "73100000000009"] and rows["账单有我们没发"][1][3] == 1008.1
        assert rows["发了账单没有"][1:] == [["O02", "73100000000002"]]
    else:
        assert {r[0]: r[1:] for r in rows["Summary"]}["Billed not shipped"] == [1, 1008.1]
        assert not any("\u4e00" <= ch <= "\u9fff" for ws in rows for ch in ws), list(rows)  # sheet names: English
    # --json names it too; a bill that differs in nothing gets its ✓
    got = json.loads(shopbook("reconcile", "courier", shop.folder, bill, "--json").stdout)
    assert got["report"] == str(report)
    clean = _bill(tmp_path / "中通11月账单-2.xlsx", [["73100000000001", "2026-11-10", "浙江", 1, "5.00"],
                                                   ["73100000000002", "2026-11-10", "浙江", 1, "5.00"]])
    r = shopbook("reconcile", "courier", shop.folder, clean)
    assert r.returncode == 0 and flat(f"✓ {report.with_name(report.name.replace('账单', '账单-2'))}") in flat(r.stdout), r.stdout
    assert report.exists()  # the first bill's report is its own, not overwritten by the second's


def test_two_couriers_bills_of_one_name_get_a_report_each(tmp_path):
    shop = courier_shop(tmp_path / "shop", 1)
    for courier in ("中通", "圆通"):
        (tmp_path / courier).mkdir()
        bill = _bill(tmp_path / courier / "对账单.xlsx", [["73100000000001", "2026-11-10", "浙江", 1, "5.00"]])
        shopbook("reconcile", "courier", shop.folder, bill, "--courier", courier)
    assert sorted(p.name for p in shop.reports.glob("对账-快递-*")) == ["对账-快递-中通-对账单.xlsx", "对账-快递-圆通-对账单.xlsx"]
