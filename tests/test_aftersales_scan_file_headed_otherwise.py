"""QA (returns): a scan file headed as Taobao words the parcel (退货物流单号), as an English scanner app heads its
columns (Return Tracking Number, Waybill No., Barcode Data) or as a generic one does (ID,Content,Timestamp; 序号,内容,
时间) was refused: "the scan file's headers name no column of codes: head that column 'code'", every parcel in it
left unreceived. The column is the one whose head holds a word of a code (单号, 条码, 内容, tracking, waybill, content
…); a file where no column, or several, do is refused as before (序号,扫描时间,备注: test_xl_aftersales_scan_file)."""

from __future__ import annotations

import pytest

from shopbook.aftersales.workflow import codes_scanned
from shopbook.issues import ShopbookError

BODY = "1,YT7000000001,2026-12-06 10:01\r\n2,TH-1,12/6/2026 10:02 AM\r\n"


@pytest.mark.parametrize("head", ["序号,退货物流单号,扫描时间", "No.,Return Tracking Number,Time", "#,Waybill No.,Date",
                                  "No,Barcode Data,Time", "ID,Content,Timestamp", "序号,内容,时间"])
def test_the_code_column_headed_otherwise_is_read(tmp_path, head):
    f = tmp_path / "scan.csv"
    f.write_text(f"{head}\r\n{BODY}", encoding="utf-8-sig")
    assert codes_scanned(f) == ["YT7000000001", "TH-1"]


def test_two_columns_naming_a_code_still_name_none(tmp_path):
    f = tmp_path / "scan.csv"
    f.write_text("序号,退货物流单号,商品条码\r\n1,YT7000000001,6901234567892\r\n", encoding="utf-8")
    with pytest.raises(ShopbookError, match="找不到单号那一列"):
        codes_scanned(f)
