"""A workbook that is no .xlsx is said as what it is: the web page (HTML) or Excel 2003 XML a
platform or an old tool saves as "xls", renamed .xlsx by a person, was said to be "text/CSV", so
the person looked for a CSV. Real files, a real `shopbook` run; nothing is written."""

from __future__ import annotations

import json

import pytest

from cli_run import flat, shopbook
from test_concurrency import small_shop

HTML = ('<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">'
        '<head><meta http-equiv="Content-Type" content="text/html; charset=gbk"></head><body><table>'
        '<tr><td>日期</td><td>访客数</td></tr><tr><td>2026-12-03</td><td>1200</td></tr></table></body></html>')
XML2003 = ('<?xml version="1.0"?>\r\n<?mso-application progid="Excel.Sheet"?>\r\n'
           '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
           'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="日报"><Table><Row>'
           '<Cell><Data ss:Type="String">日期</Data></Cell></Row></Table></Worksheet></Workbook>')


@pytest.mark.parametrize("data, zh, en", [
    (HTML.encode("gbk"), "看起来是网页（HTML）导出", "it looks like a web page (HTML) export renamed to .xlsx"),
    (b"\xff\xfe" + HTML.encode("utf-16-le"), "看起来是网页（HTML）导出", "a web page (HTML) export"),
    (XML2003.encode("utf-8"), "看起来是Excel2003XML表格", "an Excel 2003 XML spreadsheet"),
    ("日期,访客数\r\n2026-12-03,1200\r\n".encode("gbk"), "看起来是文本/CSV", "a text/CSV file"),
])
def test_a_renamed_export_is_said_as_what_it_is(tmp_path, data, zh, en):
    small_shop(tmp_path)
    (tmp_path / "kpi.xlsx").write_bytes(data)
    before = sorted(p.name for p in tmp_path.iterdir())
    r = shopbook("validate", tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr
    out = r.stdout + r.stderr
    # said among the folder's problems, in the shop's language (the others validated all the same);
    # the English words are the issue's, for an English shop (--json gives both)
    assert "kpi.xlsx" in out and zh in flat(out) and "stock.xlsx" in out, out
    r = shopbook("validate", tmp_path, "--json")
    said = [i for i in json.loads(r.stdout) if i["book"] == "kpi.xlsx"]
    assert r.returncode == 2 and len(said) == 1 and flat(en) in flat(said[0]["message_en"]), r.stdout
    assert (tmp_path / "kpi.xlsx").read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".shopbook")) == \
        [n for n in before if not n.startswith(".shopbook")]
