"""A 日报 row read with a cell that does not (好评率 typed 99, meaning 99 %): `kpi import` took the cell for a
blank and wrote 生意参谋's 98.00% over what the person typed, with a ✓ and no word. The cell is now kept, said
at it (fix it or clear it; --replace takes 生意参谋's), exit 1; the row's real blanks are still filled."""

import datetime as dt

import openpyxl
from test_kpi_import import sycm_xlsx

from shopbook.kpi.import_sycm import import_kpi
from shopbook.shop import init_shop, open_shop


def test_a_typed_cell_that_does_not_read_is_never_overwritten(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    path = folder / "kpi.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["日报"]
    cols = {c.value: c.column for c in ws[1] if c.value}
    for h, v in {"日期": "2026-11-18", "访客数": "7,001", "支付订单数": 171, "销售额": 35000.10, "好评率": "99"}.items():
        ws.cell(2, cols[h], v)
    wb.save(path)
    f = sycm_xlsx(tmp_path / "【生意参谋平台】店铺整体_日_2026-11-18_2026-11-20.xlsx")

    res = import_kpi(open_shop(folder), [f])
    ws = openpyxl.load_workbook(path)["日报"]
    assert ws.cell(2, cols["好评率"]).value == "99"  # the person's, kept
    assert ws.cell(2, cols["支付买家数"]).value == 166  # a blank of the row: filled
    said = [i for i in res.issues if i.cell == "M2"]
    assert not res.ok and len(said) == 1 and said[0].is_error, res.issues
    assert "读不出，保留了它" in said[0].message_zh and "98.00%" in said[0].message_zh, said[0].message_zh
    assert "--replace" in said[0].message_en

    import_kpi(open_shop(folder), [f], replace=True)  # asked for: 生意参谋's figure taken
    ws = openpyxl.load_workbook(path)["日报"]
    assert ws.cell(2, cols["好评率"]).value == 0.98 and ws.cell(2, cols["日期"]).value is not None
    assert ws.cell(3, cols["日期"]).value == dt.datetime(2026, 11, 19)  # (the other days came in)
