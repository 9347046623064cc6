"""A person holds an order by typing 已挂起 in the row they are looking at (the line the buyer
asked about), not in every row of it. One row held holds the whole order: the review leaves it
(before, it wrote 已审核 over the person's 已挂起), the pick list does not pick its other rows
(before, half the order was picked, the held line left out), the scan check refuses it."""

from __future__ import annotations

import re

import openpyxl
import pytest

from cli_run import flat, shopbook, type_in
from shopbook.schema import ORDERS, OrderStatus
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import build_shop, lines_of, scan_text

NO, OTHER = "3600000000000000103", "3600000000000000104"


@pytest.fixture
def shop(tmp_path):
    shop = build_shop(tmp_path)
    a = "浙江省 杭州市 西湖区 文三路{}号(310000)"
    orders = [order_row(NO, "tb_a", "王芳", "13800000103", a.format(1), "2026-11-21 09:00:00", goods="198.00"),
              order_row(OTHER, "tb_b", "李雷", "13800000104", a.format(2), "2026-11-21 09:10:00", goods="99.00")]
    details = [detail_row(NO, "黑衬衫", "99.00", "1", "SH-BK-M"), detail_row(NO, "白衬衫", "99.00", "1", "SH-WH-L"),
               detail_row(OTHER, "黑衬衫", "99.00", "1", "SH-BK-M")]
    r = shopbook("orders", "import", shop.folder, *write_pair(tmp_path / "x", orders, details))
    assert r.returncode == 0, r.stdout + r.stderr
    return shop


def _hold_second_row(shop) -> int:
    rows = [ln.row for ln in lines_of(shop) if ln.order_no == NO]
    type_in(shop.path(ORDERS), "订单", {(rows[1], "状态"): "已挂起"})
    return rows[1]


def test_one_row_held_before_the_review_holds_the_order(shop):
    row = _hold_second_row(shop)
    assert shopbook("orders", "review", shop.folder).returncode == 0
    ws = openpyxl.load_workbook(shop.path(ORDERS))["订单"]
    head = [c.value for c in ws[1]]
    assert ws.cell(row, head.index("状态") + 1).value == "已挂起"  # the person's word stands
    r = shopbook("picklist", shop.folder, "--batch", "b1", "--json")
    assert '"orders": ["' + OTHER + '"]' in flat(r.stdout).replace('"orders":["', '"orders": ["')
    assert all(not ln.batch for ln in lines_of(shop) if ln.order_no == NO)


def test_one_row_held_after_the_review_is_not_picked_nor_shipped(shop, tmp_path):
    assert shopbook("orders", "review", shop.folder).returncode == 0
    assert {ln.status for ln in lines_of(shop)} == {OrderStatus.APPROVED}
    _hold_second_row(shop)
    r = shopbook("picklist", shop.folder, "--batch", "b1")
    assert NO in flat(r.stdout) and "整单没有拣货" in flat(r.stdout), r.stdout
    # the order a person held is not one the batch should hold: the batch did its whole job (✓, exit 0)
    assert r.returncode == 0 and "✓ 批次 b1：1 个订单，1 件" in r.stdout, r.stdout
    assert [ln.batch for ln in lines_of(shop) if ln.order_no == NO] == [None, None]
    assert [ln.batch for ln in lines_of(shop) if ln.order_no == OTHER] == ["b1"]
    scans = tmp_path / "scan.txt"
    scans.write_text(scan_text(((NO, "中通", "7310000001"), ("0690000000031",))), "utf-8")  # the row not held
    r = shopbook("ship", shop.folder, scans)
    assert r.returncode == 1 and "已挂起" in r.stdout
    assert {ln.status for ln in lines_of(shop) if ln.order_no == NO} == {OrderStatus.APPROVED, OrderStatus.HELD}


def test_the_review_says_which_order_it_left_for_a_row_held_or_cancelled(shop):
    """An order whose other rows wait for the review is left by it while one row is held or
    cancelled: said, at that row's 状态 cell, in the shop's language, not left waiting without a word."""
    row = [ln.row for ln in lines_of(shop) if ln.order_no == NO][1]
    type_in(shop.path(ORDERS), "订单", {(row, "状态"): "已取消"})
    r = shopbook("orders", "review", shop.folder, "--json")
    assert r.returncode == 0, r.stderr
    r = shopbook("orders", "review", shop.folder)
    said = flat(r.stdout)
    assert f"订单{NO}有一行是已取消，其余的行没有审核" in said, r.stdout
    assert re.search(rf"orders\.xlsx›订单›[A-Z]+{row}状态", said), r.stdout  # that row's 状态 cell
    assert "Order" not in r.stdout
    assert [ln.status for ln in lines_of(shop) if ln.order_no == NO] == [OrderStatus.NEW, OrderStatus.CANCELLED]
    assert {ln.status for ln in lines_of(shop) if ln.order_no == OTHER} == {OrderStatus.APPROVED}


@pytest.mark.parametrize("press", ["picklist", "morning"])
def test_the_pick_list_buttons_say_the_order_left_out(shop, press):
    """Pressed in the open orders.xlsx, the 拣货单 and 审单并拣货 buttons name the order not picked
    as `picklist` does: a person looking for it in the batch learns why it is not there."""
    from shopbook import xl
    from xlfake import FakeBook

    assert shopbook("orders", "review", shop.folder).returncode == 0
    _hold_second_row(shop)
    book = FakeBook(shop.path(ORDERS))
    getattr(xl, press)(book)
    prompt = book.app.alerts[-1]["prompt"]
    assert f"! 订单 {NO} 有一行是已挂起、已取消或待审核：整单没有拣货（一个订单的行一起发）" in prompt, prompt
    assert [ln.batch for ln in lines_of(shop) if ln.order_no == NO] == [None, None]
    assert [ln.batch for ln in lines_of(shop) if ln.order_no == OTHER] != [None]


@pytest.mark.parametrize("press", ["review", "morning"])
def test_the_review_buttons_say_the_rows_left_unreviewed(shop, press):
    """One row held before the review: `orders review` warns that the order's other rows were not
    reviewed, at the held row; the 审单 and 审单并拣货 buttons say the same, there, in the shop's language."""
    from shopbook import xl
    from xlfake import FakeBook

    _hold_second_row(shop)
    cli = shopbook("orders", "review", shop.folder)
    warned = f"订单 {NO} 有一行是已挂起，其余的行没有审核"
    assert flat(warned) in flat(cli.stdout + cli.stderr), cli.stdout
    book = FakeBook(shop.path(ORDERS))  # pressed again: the order's other row still waits
    getattr(xl, press)(book)
    prompt = book.app.alerts[-1]["prompt"]
    assert "! orders.xlsx › 订单 › " in prompt and warned in prompt, prompt
    assert "✓ 已审核：" in prompt and "Order " not in prompt
