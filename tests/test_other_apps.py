"""Workbooks as the other programs small shops use leave them: WPS Office, LibreOffice, a
Numbers or Google Sheets export. Real files, read and written by shopbook's own calls."""

from __future__ import annotations

from shopbook.io.files import OLE_MAGIC
from shopbook.shop import init_shop
from shopbook.validate.run import validate_path


def test_a_wps_et_where_the_workbook_should_be_is_to_be_saved_again_in_wps(tmp_path):
    """orders.et (WPS's own format) beside a missing orders.xlsx: the advice was to open it in Excel,
    which cannot open an .et. It now says WPS (and Excel still for orders.xls)."""
    folder = tmp_path / "shop"
    init_shop(folder)
    (folder / "orders.xlsx").unlink()
    (folder / "orders.et").write_bytes(OLE_MAGIC + bytes(504))
    (folder / "stock.xlsx").replace(folder / "stock.xls")
    said = {i.book: (i.message_zh, i.message_en) for i in validate_path(folder).issues}
    assert "请在 WPS 里打开 orders.et" in said["orders.xlsx"][0] and "Open orders.et in WPS" in said["orders.xlsx"][1]
    assert "请在 Excel 里打开 stock.xls" in said["stock.xlsx"][0] and "Open stock.xls in Excel" in said["stock.xlsx"][1]
