"""QA: agents.xlsx's 收款 / Payments sheet with its amount column headed as people head what an agent paid —
Paid in an English shop, 实收 in a Chinese one — was told at A1 'The required column 'amount' is missing. Add it
to the header row.', the column there under another word and nothing saying which. It is now named at its own
cell, to rename, in both languages."""

import openpyxl
import pytest

from shopbook.shop import init_shop
from shopbook.validate import validate_path


@pytest.mark.parametrize("lang, header", [("en", "Paid"), ("zh", "实收")])
def test_a_payments_amount_headed_paid_is_named_at_its_cell(tmp_path, lang, header):
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    wb = openpyxl.load_workbook(folder / "agents.xlsx")
    ws = wb["Payments" if lang == "en" else "收款"]
    at = next(c for c in ws[1] if c.value in ("amount", "金额"))
    at.value = header
    wb.save(folder / "agents.xlsx")
    errors = [i for i in validate_path(folder / "agents.xlsx").errors if i.field == "amount"]
    assert [(i.cell, i.column) for i in errors] == [(at.coordinate, header)], [(i.cell, i.message_en) for i in errors]
    if lang == "en":
        assert f"is the header '{header}' that column? If so, rename it 'amount'" in errors[0].message_en
    else:
        assert f"表头“{header}”是不是这一列？是的话请把它改为“金额”" in errors[0].message_zh
