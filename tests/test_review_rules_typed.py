"""The 审单规则 sheet as people type it: the 偏远地区 rule's provinces listed with 、 (新疆、西藏), which
validate reads as two provinces, hold orders to either (before: read as one name no address has, every
remote order approved without a word)."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from cli_run import flat, shopbook
from shopbook.schema import ORDERS, OrderLine, ReviewRule
from shopbook.workbook_builder import write_workbook
from test_orders import build_shop, lines_of


@pytest.mark.parametrize("provinces", ["新疆、西藏", "新疆维吾尔自治区、西藏自治区", "新疆，西藏"])
def test_remote_provinces_listed_with_a_pause_mark_hold_their_orders(tmp_path, provinces):
    shop = build_shop(tmp_path)
    lines = [OrderLine(order_no=no, source="手工", receiver=who, phone=phone, address=addr, sku="SH-WH-M", qty=1,
                       unit_price=Decimal("99.00"), status="待审核")
             for no, who, phone, addr in (
                 ("X1", "张伟", "13800000201", "新疆维吾尔自治区 乌鲁木齐市 天山区 某路1号"),
                 ("X2", "次仁", "13800000202", "西藏自治区 拉萨市 城关区 北京中路1号"),
                 ("X3", "王芳", "13800000203", "浙江省 杭州市 西湖区 文三路1号"))]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: lines, ReviewRule: [
        ReviewRule(rule="偏远地区", enabled=True, parameter=provinces)]}, keep_backup=False)
    ws = openpyxl.load_workbook(shop.path(ORDERS))["审单规则"]
    assert ws["C2"].value == provinces  # as typed
    assert shopbook("validate", shop.folder).returncode == 0  # validate reads it as two provinces
    r = shopbook("orders", "review", shop.folder)
    assert r.returncode == 0, r.stdout + r.stderr
    said = flat(r.stdout)
    assert "已审核：1，已挂起：2" in said, r.stdout
    assert "挂起X1：偏远地区（新疆），请确认运费和快递" in said and "挂起X2：偏远地区（西藏），请确认运费和快递" in said
    assert {ln.order_no: ln.status.value for ln in lines_of(shop)} == {"X1": "已挂起", "X2": "已挂起", "X3": "已审核"}
