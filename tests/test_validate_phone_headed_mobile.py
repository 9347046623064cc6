"""QA: an English shop's Orders sheet with its phone column headed Mobile (or Telephone; 联系电话 in a Chinese shop,
as the exports head it) was told 'The required column 'phone' is missing. Add it to the header row.' at A1 — the
column is there, under another word, and nothing said which. It is now named at its own cell, to rename."""

import openpyxl
import pytest

from shopbook.shop import init_shop
from shopbook.validate import validate_path


@pytest.mark.parametrize("lang, header", [("en", "Mobile"), ("en", "Telephone"), ("zh", "联系电话")])
def test_a_phone_column_headed_otherwise_is_named_at_its_cell(tmp_path, lang, header):
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    ws = wb.worksheets[0]
    at = next(c for c in ws[1] if c.value in ("phone", "手机"))
    at.value = header
    wb.save(folder / "orders.xlsx")
    errors = [i for i in validate_path(folder / "orders.xlsx").errors if i.field == "phone"]
    assert [(i.cell, i.column) for i in errors] == [(at.coordinate, header)], [(i.cell, i.message_en) for i in errors]
    if lang == "en":
        assert f"is the header '{header}' that column? If so, rename it 'phone'" in errors[0].message_en
    else:
        assert f"表头“{header}”是不是这一列？是的话请把它改为“手机”" in errors[0].message_zh
