"""A day typed into 日报 by hand the evening before (from 千牛's real-time figures), then 生意参谋's
download of it: the typed figures are kept where they differ, and the blanks filled agree with them."""

import datetime as dt

import openpyxl
import pytest
from test_kpi_import import DAYS, shop, sycm_xlsx  # noqa: F401
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import KPI
from shopbook.validate import validate_path


def typed_day(path) -> tuple[list, int]:
    """2026-11-19 as typed: 浏览量 4,000, 访客数 1,200, 支付订单数 104, 销售额 9,999.00 (生意参谋: 3,120, 1,000,
    104, 10,250.50 with 100 buyers: 客单价 102.51, 转化率 10.00%, 人均浏览量 3.12)."""
    wb = openpyxl.load_workbook(path)
    ws = wb["日报"]
    head = [c.value for c in ws[1]]
    row = {"日期": dt.datetime(2026, 11, 19), "浏览量": 4000, "访客数": 1200, "支付订单数": 104, "销售额": 9999}
    ws.append([row.get(h) for h in head])
    wb.save(path)
    return head, ws.max_row


@pytest.mark.parametrize("replace", [False, True])
def test_blanks_filled_beside_typed_figures_never_contradict_them(shop, tmp_path, replace, wide_console):  # noqa: F811
    """QA: the import kept the typed 销售额 9,999.00 (said, exit 1) and filled the blank 客单价 with 生意参谋's
    102.51 (its 10,250.50 ÷ 100): validate then called 客单价 an error ('与 销售额÷支付买家数 = 99.99 不符') at a
    cell no person typed, and so 转化率 (10.00% beside 访客数 1,200) and 访问深度 (3.12 beside 浏览量 4,000).
    Each is left blank, said at its cell; --replace takes 生意参谋's figures whole, which agree."""
    head, n = typed_day(shop.path(KPI))
    f = sycm_xlsx(tmp_path / "【生意参谋平台】店铺整体_2026-11-19.xlsx", days=[DAYS[1]], ad_values=[("1", "1", "1")])
    r = CliRunner().invoke(app, ["kpi", "import", str(shop.folder), str(f), *(["--replace"] if replace else [])])
    said = " ".join(r.output.split())
    assert "Traceback" not in r.output, r.output
    ws = openpyxl.load_workbook(shop.path(KPI))["日报"]
    got = {h: ws.cell(n, k + 1).value for k, h in enumerate(head)}
    assert got["支付买家数"] == 100 and got["成交件数"] == 130  # the blanks the download fills, as before
    errors = [i for i in validate_path(shop.folder).errors if i.sheet == "日报"]
    assert errors == [], [i.message_zh for i in errors]
    if replace:
        assert r.exit_code == 0, r.output
        assert (got["销售额"], got["客单价"], got["转化率"], got["访问深度"]) == (10250.5, 102.51, 0.1, 3.12)
        return
    assert r.exit_code == 1, r.output
    assert (got["销售额"], got["浏览量"], got["访客数"]) == (9999, 4000, 1200)  # typed: kept
    assert (got["客单价"], got["转化率"], got["访问深度"]) == (None, None, None)
    for cell, what in ((f"H{n}", "转化率"), (f"I{n}", "客单价"), (f"K{n}", "访问深度")):
        assert f"日报 › {cell} {what}" in said and f"{what}没有补上生意参谋的" in said, said
    assert "客单价没有补上生意参谋的 ¥102.51" in said and "转化率没有补上生意参谋的 10.00%" in said, said
