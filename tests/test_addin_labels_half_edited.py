"""A macros/ being edited beside shopbook (ribbon-labels-en.json half saved, customUI.xml cut short): every command
that names a button in its words (validate, with an after-sales case set 已完成 and its return never posted; the
self-check) stopped on a JSONDecodeError or an XML ParseError. They name the buttons as the ribbon ships them
(addin.build.SHIPPED_LABELS)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

import shopbook.addin.build as build
from blank_books import append_by_header
from shopbook.report.selfcheck import button
from shopbook.shop import init_shop
from shopbook.validate.run import validate_path

MACROS = Path(__file__).parent.parent / "macros"


@pytest.fixture
def macros(tmp_path, monkeypatch):
    copy = tmp_path / "macros"
    shutil.copytree(MACROS, copy)
    monkeypatch.setattr(build, "repo_macros", lambda: copy)
    build.ribbon_labels.cache_clear()
    yield copy
    build.ribbon_labels.cache_clear()


@pytest.fixture(scope="module")
def shop_with_a_done_return(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shop") / "shop"
    init_shop(folder)
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    append_by_header(wb["订单"], [{"订单编号": "3515131400000022", "付款时间": "2026-11-11 00:10:00", "收货人": "王芳",
                                  "手机": "13812345678", "收货地址": "浙江省 杭州市 西湖区 文三路100号", "商家编码": "SH-WH-M",
                                  "数量": 1, "单价": 99, "状态": "已签收", "快递公司": "中通", "快递单号": "73000022",
                                  "发货日期": "2026-11-12"}])
    append_by_header(wb["售后"], [{"售后单号": "SH-9", "登记日期": dt.date.today(), "订单编号": "3515131400000022",
                                  "商家编码": "SH-WH-M", "数量": 1, "类型": "退货退款", "退款金额": 99, "状态": "已完成"}])
    wb.save(folder / "orders.xlsx")
    return folder


@pytest.mark.parametrize("broken", ["ribbon-labels-en.json", "customUI.xml"])
def test_a_half_saved_ribbon_file_names_the_shipped_labels(macros, broken, shop_with_a_done_return):
    text = (macros / broken).read_text(encoding="utf-8")
    (macros / broken).write_text(text[: len(text) // 2], encoding="utf-8")  # saved half way
    assert build.button_label("btnAftersalesReceive") == ("售后收货…", "Receive returns…")
    assert button("zh", "btnValidate") == " · 按钮 校验" and button("en", "btnReview") == " · button Review"
    v = validate_path(shop_with_a_done_return)
    assert any("SH-9" in i.message_zh for i in v.warnings), v.issues
