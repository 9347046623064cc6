"""QA (returns): the 售后收货 file's code column is the one whose head names a parcel's or a scanned code, never a
batch's or a row number's. 序号,批次编号,扫描值,时间 (a scanner app's batch export) took the batch number for every
parcel's code ("找不到售后单：B20261206001", none received); an English app's Order ID column, a word the scan check
knows, was refused ("no column of codes"): the returns' file kept its own copy of the scan check's words
(orders.scan), now one list read by both."""

from __future__ import annotations

import pytest
from test_aftersales_receive_two_parcels_one_case import TODAY, _shop

from shopbook.aftersales.workflow import aftersales, codes_scanned

CODES = ["YT7000000001", "TH-1"]


@pytest.mark.parametrize("text", [
    "序号,批次编号,扫描值,时间\r\n1,B20261206001,YT7000000001,2026-12-06 10:01\r\n"
    "2,B20261206001,TH-1,2026-12-06 10:02\r\n",
    "No.,Batch ID,Scan Value,Time\r\n1,B20261206001,YT7000000001,10:01\r\n2,B20261206001,TH-1,10:02\r\n",
    "批次编号,扫描数据,时间\r\nB20261206001,YT7000000001,10:01\r\nB20261206001,TH-1,10:02\r\n",
])
def test_a_batch_column_is_never_the_code_column(tmp_path, text):
    f = tmp_path / "退货扫描.csv"
    f.write_text(text, encoding="utf-8")
    assert codes_scanned(f) == CODES


def test_an_order_id_column_as_the_scan_check_knows_it(tmp_path):
    f = tmp_path / "returns.csv"
    f.write_text("Order ID,Time\r\n3515131473025175746,10:01\r\nTH-1,10:02\r\n", encoding="utf-8")
    assert codes_scanned(f) == ["3515131473025175746", "TH-1"]


def test_a_batch_export_receives_its_parcels(tmp_path):
    shop = _shop(tmp_path / "shop")
    f = tmp_path / "退货扫描.csv"
    f.write_text("序号,批次编号,扫描值,时间\r\n1,B20261206001,YT3234567890,2026-12-06 10:01\r\n", encoding="utf-8")
    res = aftersales(shop, TODAY, received=codes_scanned(f))
    assert res.received == ["YT3234567890"] and res.unknown == [] and not res.needs_a_person(receiving=True)
