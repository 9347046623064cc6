"""A shop's orders.xlsx made from an older template: its 促销 类型 drop-down lacks 大促, which validate's
7 折 warning asks for and Excel refuses. validate says so; validate --write extends the list."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl

from shopbook.io.files import BACKUP_DIR
from shopbook.io.lists import stale_lists
from shopbook.io.reader import read_workbook
from shopbook.schema import WORKBOOKS
from shopbook.validate import validate_path
from shopbook.validate.lists import choice_sheets
from shopbook.validate.write import validate_and_write

TEMPLATE = Path(__file__).resolve().parents[1] / "templates" / "orders.xlsx"
OLD = '"满就送,收藏有礼,满减,包邮"'
STALE_MARK = "The drop-down list of column"  # (validate.lists.STALE_MARK)


def kind_list(ws):
    """The 类型 column's list validation of the 促销 sheet."""
    col = next(c.column_letter for c in ws[1] if c.value == "类型")
    return next(dv for dv in ws.data_validations.dataValidation if dv.type == "list" and str(dv.sqref).startswith(col))


def put_row(ws, row: dict) -> None:
    for j, c in enumerate(ws[1], start=1):
        if isinstance(c.value, str) and c.value.rstrip("*") in row:
            ws.cell(row=2, column=j, value=row[c.value.rstrip("*")])


def old_shop(tmp_path, source: str = OLD) -> Path:
    """The templates' orders.xlsx, its 类型 list as an older template made it, a row typed on 促销 and an
    order today at 5 折; stock.xlsx beside it with the item."""
    path = tmp_path / "orders.xlsx"
    shutil.copy(TEMPLATE, path)
    wb = openpyxl.load_workbook(TEMPLATE.with_name("stock.xlsx"))
    put_row(wb["商品"], {"商家编码": "A1", "名称": "T恤", "成本价": 30, "售价": 100})
    wb.save(tmp_path / "stock.xlsx")
    wb = openpyxl.load_workbook(path)
    kind_list(wb["促销"]).formula1 = source
    put_row(wb["促销"], {"名称": "满 199 减 20", "类型": "满减"})
    put_row(wb["订单"], {"订单编号": "T1", "付款时间": dt.datetime.now().replace(microsecond=0), "收货人": "王", "手机": "13800000000",
                         "收货地址": "杭州", "商家编码": "A1", "数量": 1, "单价": 50})
    wb.save(path)
    return path


def typed(path: Path) -> dict:
    wb = openpyxl.load_workbook(path)
    return {ws.title: {c.coordinate: c.value for r in ws.iter_rows() for c in r if c.value is not None}
            for ws in wb.worksheets if ws.title not in ("校验结果", "Issues")}


def test_an_old_templates_kind_list_is_said_and_extended_by_validate_write(tmp_path):
    path = old_shop(tmp_path)
    said = [i for i in validate_path(path).issues if i.message_en.startswith(STALE_MARK)]
    assert len(said) == 1
    i = said[0]
    assert (i.sheet, i.column, i.severity) == ("促销", "类型", "warning")
    assert "大促" in i.message_zh and "数据验证" in i.message_zh and "validate --write" in i.message_zh
    assert "big event" not in i.message_zh and "大促" in i.message_en  # (the list's words are the shop's)
    # where no read kept the lists (the 校验 button's open book), the workbook's small sheets say the same
    wd = read_workbook(path, next(w for w in WORKBOOKS if w.filename == "orders.xlsx"))
    assert [(s.sheet, s.missing) for s in stale_lists(path, choice_sheets(wd))] == [("促销", ("大促",))]
    floor = next(i for i in validate_path(path).issues if i.column == "单价")
    assert "下拉列表还没有“大促”" in floor.message_zh and "validate --write" in floor.message_en
    before = typed(path)
    _, written = validate_and_write(path)
    assert path in written
    assert [(s.sheet, s.header, s.missing) for s in written.extended[path]] == [("促销", "类型", ("大促",))]
    wb = openpyxl.load_workbook(path)
    assert kind_list(wb["促销"]).formula1 == '"满就送,收藏有礼,满减,包邮,大促"'
    assert typed(path) == before  # every cell typed kept
    backup, = (tmp_path / BACKUP_DIR).glob("orders.*.xlsx")  # the version before, as every rewrite keeps it
    assert kind_list(openpyxl.load_workbook(backup)["促销"]).formula1 == OLD
    after = validate_path(path).issues
    assert not [i for i in after if i.message_en.startswith(STALE_MARK)]
    assert "下拉列表" not in next(i for i in after if i.column == "单价").message_zh
    # the Issues sheet written with it says the 7 折 line, not the list it has just extended
    said = [r[5] for r in openpyxl.load_workbook(path)["校验结果"].iter_rows(min_row=2, values_only=True)]
    assert any("7 折" in m for m in said) and not any("下拉列表" in m for m in said)


def test_a_list_a_person_changed_to_their_own_words_is_left_alone(tmp_path):
    path = old_shop(tmp_path, '"满减,店庆,会员日"')
    assert not [i for i in validate_path(path).issues if i.message_en.startswith(STALE_MARK)]
    validate_and_write(path)
    assert kind_list(openpyxl.load_workbook(path)["促销"]).formula1 == '"满减,店庆,会员日"'


def test_a_list_that_only_warns_is_not_said_to_be_refused(tmp_path):
    path = old_shop(tmp_path)
    wb = openpyxl.load_workbook(path)
    kind_list(wb["促销"]).errorStyle = "warning"  # Excel asks, and lets 大促 in
    wb.save(path)
    assert not [i for i in validate_path(path).issues if i.message_en.startswith(STALE_MARK)]


def test_validate_write_says_which_list_got_which_words(tmp_path, wide_console):
    """QA: validate --write on an older template printed the stale list's warning (before the write, by
    design) and then only '✎ orders.xlsx': nothing said the list was extended. A line after it says so."""
    from typer.testing import CliRunner

    from shopbook.cli import app

    path = old_shop(tmp_path)
    r = CliRunner().invoke(app, ["validate", str(path), "--write", "--lang", "zh"])
    lines = r.output.splitlines()
    at = next(n for n, ln in enumerate(lines) if ln.startswith("✎ ") and ln.endswith("orders.xlsx"))
    assert lines[at + 1] == "✎ orders.xlsx：促销 B 列（类型）的下拉列表加上了“大促”", r.output
    assert "big event" not in r.output and "drop-down" not in r.output
