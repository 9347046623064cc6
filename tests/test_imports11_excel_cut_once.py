"""A 抖店 export opened in Excel and saved again (GB18030, every 主订单编号 and 子订单编号 now 6.92812E+18): the import
said two errors a row, the same words each time (4,000 lines on screen for a 双12 export of 2,000 rows). Now the
column Excel cut is said once, at its first row, with how many rows and which, and what to do: download it again."""

from __future__ import annotations

from platform_fixtures import douyin_row, write_douyin
from test_orders import TODAY, build_shop

from shopbook.orders.workflow import import_orders


def test_an_export_saved_in_excel_is_said_once(tmp_path):
    shop = build_shop(tmp_path)
    rows = [douyin_row(f"69281234567890123{i:02d}", f"69281234567890124{i:02d}", "SH-WH-M") for i in range(12)]
    for r in rows:  # what Excel shows, and saves, for 19 digits
        r["主订单编号"], r["子订单编号"], r["商品ID"] = "6.92812E+18", "6.92812E+18", "3.60123E+18"
    s = import_orders(shop, [write_douyin(tmp_path / "x", rows, encoding="gb18030")], today=TODAY)
    assert not s.imported
    assert len(s.issues) == 1, [i.message_zh for i in s.issues]
    one = s.issues[0]
    assert (one.severity, one.row, one.column, one.value) == ("error", 2, "主订单编号", "6.92812E+18")
    assert "12 行的主订单编号被 Excel 存成了科学计数法" in one.message_zh
    assert "第 2、3、4、5、6、7、8、9、10、11 行等 12 行" in one.message_zh and "重新下载" in one.message_zh
    assert "rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 … (12 in all)" in one.message_en and "Download" in one.message_en
