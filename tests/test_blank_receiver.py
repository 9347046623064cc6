"""An order whose 收货地址 (or 收货人, 手机) is blank while the others are given cannot ship: it
is refused on the export's cell, like a line that does not read, and the other orders import.
Before, it became an 订单 row with a required cell blank, and every later import stopped on it."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from platform_fixtures import PDD_OLD, douyin_row, pdd_row, three_sheet_workbook, write_douyin, write_pdd
from shopbook.issues import ShopbookError
from shopbook.orders import lifecycle
from shopbook.orders.workflow import import_orders
from shopbook.report.workflow import run_daily
from shopbook.schema import ORDERS, OrderStatus
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import TODAY, build_shop, lines_of

GOOD, BLANK = "3600000000000000004", "3600000000000000003"
ADDRESS = "上海市 浦东新区 世纪大道4号"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def taobao_pair(folder, receiver="王五", mobile="13900000003", address="", status="买家已付款，等待卖家发货",
                stamp="20261121"):
    orders = [order_row(BLANK, "tb3", receiver, mobile, address, "2026-11-21 09:00:00", status=status, goods="99.00"),
              order_row(GOOD, "tb4", "赵六", "13900000004", ADDRESS, "2026-11-21 09:05:00", goods="99.00")]
    details = [detail_row(BLANK, "衬衫", "99.00", "1", "SH-BK-M", status=status),
               detail_row(GOOD, "衬衫", "99.00", "1", "SH-BK-M")]
    return write_pair(folder, orders, details, stamp=stamp)


def refusals(res):
    return [i for i in res.issues if i.is_error]


def test_taobao_order_with_a_blank_address_is_refused_on_its_cell_and_blocks_nothing(shop, tmp_path):
    a, b = taobao_pair(tmp_path / "a")
    res = import_orders(shop, [a, b], today=TODAY)
    assert [ln.order_no for ln in res.imported] == [GOOD]
    (err,) = refusals(res)
    assert (err.book, err.sheet, err.cell, err.column, err.row) == (a.name, "", "第 2 行 / row 2", "收货地址", 2)
    assert BLANK in err.message_zh and "“收货地址”是空的" in err.message_zh and "没有导入" in err.message_zh
    assert BLANK in err.message_en and "'收货地址' (address)" in err.message_en and "not imported" in err.message_en
    rows = lines_of(shop)  # the workbook as written, re-read: no row with a required cell blank
    assert [(ln.order_no, ln.address) for ln in rows] == [(GOOD, ADDRESS)]
    # the next import is not stopped, and the same files again refuse the same order, adding nothing
    again = import_orders(shop, [a, b], today=TODAY)
    assert again.imported == [] and [i.message_en for i in refusals(again)] == [err.message_en]
    other = order_row("3600000000000000005", "tb5", "钱七", "13900000005", ADDRESS, "2026-11-21 10:00:00", goods="99.00")
    c, d = write_pair(tmp_path / "b", [other], [detail_row("3600000000000000005", "衬衫", "99.00", "1", "SH-BK-M")],
                      stamp="20261122")
    assert [ln.order_no for ln in import_orders(shop, [c, d], today=TODAY).imported] == ["3600000000000000005"]


def test_a_blank_receiver_or_phone_is_refused_the_same_way(shop, tmp_path):
    a, b = taobao_pair(tmp_path / "a", receiver="", address=ADDRESS)
    res = import_orders(shop, [a, b], today=TODAY)
    (err,) = refusals(res)
    assert err.column == "收货人姓名" and "“收货人姓名”是空的" in err.message_zh
    c, d = taobao_pair(tmp_path / "b", mobile="", address=ADDRESS, stamp="20261122")
    (err,) = refusals(import_orders(shop, [c, d], today=TODAY))
    assert err.column == "联系手机" and err.book == c.name
    assert [ln.order_no for ln in lines_of(shop)] == [GOOD]
    # an order that does not ship (closed) is only skipped, as before: nothing to refuse
    e, f = taobao_pair(tmp_path / "c", status="交易关闭", stamp="20261123")
    res = import_orders(shop, [e, f], today=TODAY)
    assert refusals(res) == [] and any(s["order_no"] == BLANK for s in res.skipped)


def test_taobao_three_sheet_workbook_names_its_sheet(shop, tmp_path):
    orders = [order_row(BLANK, "tb3", "王五", "13900000003", "", "2026-11-21 09:00:00", goods="99.00"),
              order_row(GOOD, "tb4", "赵六", "13900000004", ADDRESS, "2026-11-21 09:05:00", goods="99.00")]
    details = [{"主订单编号": no, "子订单编号": no + "1", "标题": "黑衬衫", "价格": "99.00", "购买数量": "1",
                "商家编码": "SH-BK-M", "订单状态": "买家已付款，等待卖家发货", "退款状态": "没有申请退款"} for no in (BLANK, GOOD)]
    path = three_sheet_workbook(tmp_path / "淘宝订单导出.xlsx", orders, details, [])
    res = import_orders(shop, [path], today=TODAY)
    (err,) = refusals(res)
    assert (err.book, err.sheet, err.cell, err.column) == ("淘宝订单导出.xlsx", "订单报表", "第 2 行 / row 2", "收货地址")
    assert [ln.order_no for ln in lines_of(shop)] == [GOOD]


def test_pinduoduo_older_layout_with_the_address_parts_blank(shop, tmp_path):
    rows = [pdd_row("231120-01", "待发货", "SH-BK-M", receiver="陈静", phone="13712345678"),
            pdd_row("231120-02", "待发货", "SH-BK-M", receiver="林峰", phone="13712345679", province="浙江省",
                    city="杭州市", district="西湖区", street="文三路 200 号")]
    path = write_pdd(tmp_path / "pdd", rows, old=True)
    assert PDD_OLD.index("省") > 0
    res = import_orders(shop, [path], today=TODAY)
    (err,) = refusals(res)
    assert (err.book, err.row, err.column) == (path.name, 2, "省、市、区、街道") and "231120-01" in err.message_zh
    assert [ln.order_no for ln in lines_of(shop)] == ["231120-02"]


@pytest.mark.parametrize("blank", ["-", " "])  # the export's "-" for empty, or nothing at all
def test_douyin_with_every_address_part_blank(shop, tmp_path, blank):
    parts = dict(province=blank, city=blank, district=blank, street=blank, detail=blank)
    rows = [douyin_row("6930000000000000001", "6930000000000000011", "SH-BK-M", **parts),
            douyin_row("6930000000000000001", "6930000000000000012", "SH-WH-M", **parts),
            douyin_row("6930000000000000002", "6930000000000000021", "SH-BK-M")]
    path = write_douyin(tmp_path / "dy", rows)
    res = import_orders(shop, [path], today=TODAY)
    (err,) = refusals(res)  # one order, once: not one refusal per sub-order
    assert (err.book, err.row, err.column) == (path.name, 2, "省、市、区、街道、详细地址")
    assert "6930000000000000001" in err.message_en
    assert [ln.order_no for ln in lines_of(shop)] == ["6930000000000000002"]


def test_a_refund_or_shipped_file_of_the_refused_order_creates_nothing(shop, tmp_path):
    from platform_fixtures import refund_row, write_refunds

    a, b = taobao_pair(tmp_path / "a")
    import_orders(shop, [a, b], today=TODAY)
    refunds = write_refunds(tmp_path / "r", [refund_row("R1", BLANK, "SH-BK-M", "99.00", "退款成功")])
    shipped = tmp_path / "发货.csv"
    shipped.write_text(f"订单编号,快递公司,快递单号\n{BLANK},中通快递,7300000009\n", encoding="utf-8")
    res = import_orders(shop, [refunds, shipped], today=TODAY)
    assert res.imported == [] and {s["order_no"] for s in res.skipped} == {BLANK}
    assert [ln.order_no for ln in lines_of(shop)] == [GOOD]


def test_the_morning_job_keeps_the_file_in_inbox_and_reports_the_order(shop):
    inbox = shop.folder / "inbox"
    a, b = taobao_pair(inbox)
    run = run_daily(shop, dt.date(2026, 11, 21), send=False, steps_only=("inbox",))
    (step,) = run.steps
    assert step.ok is False and "1 行没有导入" in step.detail
    assert any(BLANK in p and f"{a.name} › 第 2 行" in p for p in run.summary.problems)
    # the file with the refused order stays, seen again tomorrow, and its Taobao partner with it (the order
    # list alone would be refused on its own: 'only the order list was given')
    assert a.exists() and b.exists()
    assert [ln.order_no for ln in lines_of(shop)] == [GOOD]


def test_a_row_an_older_version_imported_stops_the_import_at_its_cell(shop, tmp_path, monkeypatch):
    """A shop that already has such a row: the import's stop names the workbook, sheet and
    cell to fill in, and once it is filled the import goes on."""
    monkeypatch.setattr(lifecycle, "RECEIVER_FIELDS", ())  # as an older version imported it
    a, b = taobao_pair(tmp_path / "a")
    import_orders(shop, [a, b], today=TODAY)
    monkeypatch.undo()
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    col = openpyxl.utils.get_column_letter(next(j for j, h in enumerate(head, 1) if str(h).startswith("收货地址")))
    row = next(r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value == BLANK)
    assert ws[f"{col}{row}"].value in (None, "")
    other = order_row("3600000000000000005", "tb5", "钱七", "13900000005", ADDRESS, "2026-11-21 10:00:00", goods="99.00")
    c, d = write_pair(tmp_path / "b", [other], [detail_row("3600000000000000005", "衬衫", "99.00", "1", "SH-BK-M")],
                      stamp="20261122")
    with pytest.raises(ShopbookError) as e:
        import_orders(shop, [c, d], today=TODAY)
    assert f"orders.xlsx › 订单 › {col}{row}" in e.value.zh and "收货地址" in e.value.zh
    assert f"orders.xlsx › 订单 › {col}{row}" in e.value.en
    ws[f"{col}{row}"] = ADDRESS  # the person fills it in
    wb.save(shop.path(ORDERS))
    res = import_orders(shop, [c, d], today=TODAY)
    assert [ln.order_no for ln in res.imported] == ["3600000000000000005"]
    assert {ln.order_no: ln.status for ln in lines_of(shop)}[BLANK] is OrderStatus.NEW
