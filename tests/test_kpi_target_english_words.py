"""QA: an English shop's Targets typed as it says the metrics — Conversion rate 3%, Average order value 150 — was
'Unknown metric 'Conversion rate'. Did you mean 'conversion'?' and each row passed over: the reports judged
conversion by shopbook's default. They are read as the metrics they name (not among the names a Chinese shop is
told to use)."""

import openpyxl

from shopbook.kpi.metrics import METRIC_NAMES, metric_key
from shopbook.shop import init_shop
from shopbook.validate import validate_path


def test_an_english_shops_words_for_its_metrics_are_read(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, lang="en")
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    for row in (["Conversion rate", "3%"], ["Average order value", 150], ["GMV", 6000]):
        wb["Targets"].append(row)
    wb.save(folder / "kpi.xlsx")
    assert [(i.cell, i.message_en) for i in validate_path(folder / "kpi.xlsx").issues] == []
    assert [metric_key(m) for m in ("Conversion rate", "conversion_rate", "CVR", "Average Order Value", "Revenue")] == [
        "conversion", "conversion", "conversion", "aov", "sales"]
    assert "conversion rate" not in METRIC_NAMES  # (a Chinese shop is told its own names)
