"""QA of `kpi import` on 生意参谋 downloads as they come: a conversion without its % sign, the same
day downloaded twice, weekly aggregates and derived figures with extra decimals."""

import datetime as dt
import json
from decimal import Decimal as D

import pytest
from typer.testing import CliRunner

from shopbook import cli
from shopbook.cli import app
from shopbook.validate import validate_path
from test_kpi_import import DAYS, HEAD, daily_rows, shop, sycm_xlsx  # noqa: F401

runner = CliRunner()
COL = {h: k for k, h in enumerate(HEAD)}


@pytest.fixture(autouse=True)
def wide(monkeypatch):
    monkeypatch.setattr(cli.out, "width", 400)  # one line a message


def day(date: str, **cells) -> list:
    """DAYS[1] (1,000 visitors, 100 buyers) on `date`, with `cells` by header."""
    row = list(DAYS[1])
    row[0] = date
    for h, v in cells.items():
        row[COL[h]] = v
    return row


def test_a_bare_conversion_is_read_by_the_rows_buyers_and_visitors(shop, tmp_path):  # noqa: F811
    """QA: "0.85" beside 支付买家数 34 / 访客数 4000 went in as 85 %, then validate called it an error
    behind a ✓. buyers ÷ visitors say which it is; without them it is not guessed: left out, said."""
    f = sycm_xlsx(tmp_path / "sycm.xlsx", [
        day("2026-11-18", **{"访客数": "4,000", "浏览量": "12,480", "支付买家数": "34", "支付转化率": "0.85",
                             "客单价": "301.49"}),
        day("2026-11-19", **{"支付转化率": "0.1"}),  # 100 ÷ 1,000: 10 %, written as a fraction
        day("2026-11-20", **{"支付买家数": "-", "支付转化率": "0.85", "客单价": "-"}),  # nothing to tell by
    ])
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    assert r.exit_code == 0, r.output
    rows = daily_rows(shop)
    assert rows[dt.date(2026, 11, 18)].conversion == D("0.0085")
    assert rows[dt.date(2026, 11, 19)].conversion == D("0.1")
    assert rows[dt.date(2026, 11, 20)].conversion is None and rows[dt.date(2026, 11, 20)].visitors == 1000
    out = " ".join(r.output.split())
    assert "sycm.xlsx › 店铺整体 › 第 8 行 支付转化率 = '0.85'" in out, out
    assert "转化率“0.85”没有 % 号：是 0.85% 还是 0.85 即 85%？这一行没有支付买家数和访客数可以核对，这一格没有导入" in out
    v = validate_path(shop.folder)
    assert not [i for i in v.errors if i.book == "kpi.xlsx"], [i.message_en for i in v.errors]


def test_a_conversion_the_rows_figures_contradict_is_not_written(shop, tmp_path):  # noqa: F811
    f = sycm_xlsx(tmp_path / "sycm.xlsx", [day("2026-11-18", **{"支付转化率": "85%"})])
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f), "--json"])
    j = json.loads(r.stdout)
    (i,) = j["issues"]
    assert i["severity"] == "warning" and i["value"] == "85%"
    assert "does not match the row's buyers ÷ visitors = 100÷1000 = 10.00%" in i["message_en"]
    assert daily_rows(shop)[dt.date(2026, 11, 18)].conversion is None
    assert not [e for e in validate_path(shop.folder).errors if e.book == "kpi.xlsx"]
