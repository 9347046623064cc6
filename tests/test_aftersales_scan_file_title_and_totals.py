"""QA (returns): a scanner app's export ends with a totals line (共 3 条; 总数：3; Total: 3) or a person's CSV saved
from Excel with a 合计 row (合计,3 under 序号,单号), and some apps head the export with a title line (退货扫描记录
2026-12-06) above its header. The totals line was a code scanned ("no case for: 共 3 条", or "no case for: 3", its count
in the code column), the title and each word of the header too ("no case for: 扫描记录 …, 序号, 单号, 扫描时间"): ✗ and
exit 1 on a good file. Neither holds a code now."""

from __future__ import annotations

import pytest

from shopbook.aftersales.workflow import codes_scanned

CODES = ["YT7000000001", "TH-1"]


@pytest.mark.parametrize("text", [
    "YT7000000001\r\nTH-1\r\n共 2 条\r\n",
    "1,YT7000000001,2026-12-06 10:01\r\n2,TH-1,2026-12-06 10:02\r\n总数：2\r\n",
    "序号,单号,扫描时间\r\n1,YT7000000001,2026-12-06 10:01\r\n2,TH-1,2026-12-06 10:02\r\n合计,2,\r\n",
    "Barcode,Time\r\nYT7000000001,10:01\r\nTH-1,10:02\r\nTotal: 2,\r\n",
    "退货扫描记录 2026-12-06\r\n序号,单号,扫描时间\r\n1,YT7000000001,2026-12-06 10:01\r\n2,TH-1,2026-12-06 10:02\r\n",
    "退货扫描记录\r\n序号,单号,扫描时间\r\n1,YT7000000001,2026-12-06 10:01\r\n2,TH-1,2026-12-06 10:02\r\n",
])
def test_a_totals_line_or_a_title_holds_no_code(tmp_path, text):
    f = tmp_path / "scan.csv"
    f.write_text(text, encoding="utf-8")
    assert codes_scanned(f) == CODES
