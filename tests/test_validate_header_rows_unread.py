"""QA (validate, what staff type): a required header mistyped (金颔 for 金额) was one error at the header and
the cells' own errors, and nothing else; the person fixed those, ran validate again, and only then met the
account typed 支付保 two rows down, never said to have gone unchecked. The rows of a sheet missing a required
column are not read, so nothing is checked against other rows or sheets: the header's error now says so, and
to run again once it is right, in the shop's language."""

import datetime as dt

import openpyxl

from shopbook.shop import init_shop
from shopbook.validate import validate_path


def _ledger(folder, header: str, lang: str = "zh"):
    init_shop(folder, lang)
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    ws, accounts = wb.worksheets[0], wb.worksheets[1]
    ws["D1"] = header
    accounts.append(["支付宝", dt.datetime(2026, 11, 1), 1000])
    if lang == "zh":
        wb["类别"].append(["销售收入", "收入", "销售"])
    ws.append([dt.datetime(2026, 11, 3), "收入" if lang == "zh" else "in", "销售收入", 100, "支付保"])
    wb.save(folder / "ledger.xlsx")


def test_a_required_header_mistyped_says_the_rows_went_unchecked(tmp_path):
    _ledger(tmp_path / "shop", "金颔")
    v = validate_path(tmp_path / "shop" / "ledger.xlsx")
    (said,) = [i for i in v.issues if i.cell == "D1"]
    assert said.is_error and said.message_zh.startswith("缺少必填列“金额”：表头“金颔”是不是这一列？"), said
    assert "改好之前，这张表的行都没有读取，与其他行、其他表的核对（编码或账户是否存在、是否重复等）都没有做" in said.message_zh
    assert "改好后请再运行一次" in said.message_zh
    assert "none of this sheet's rows are read, and nothing is checked against other rows or sheets" in said.message_en
    assert not [i for i in v.issues if i.value == "支付保"]  # (unchecked, and said to be)
    # once the header is right, the account is checked
    wb = openpyxl.load_workbook(tmp_path / "shop" / "ledger.xlsx")
    wb.worksheets[0]["D1"] = "金额"
    wb.save(tmp_path / "shop" / "ledger.xlsx")
    assert [i.value for i in validate_path(tmp_path / "shop" / "ledger.xlsx").issues] == ["支付保"]


def test_a_required_column_missing_says_so_in_english(tmp_path):
    _ledger(tmp_path / "shop", "sum", lang="en")
    (said,) = [i for i in validate_path(tmp_path / "shop" / "ledger.xlsx").issues if i.field == "amount"]
    assert said.message_en.startswith("The required column 'amount' is missing"), said
    assert said.message_en.endswith("(whether a code or account exists, a row typed twice …); run again then."), said
