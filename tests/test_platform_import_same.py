"""The platform import's per-cell fast paths give what the plain ones gave, on real files.

platform_export.cell / _code read a month's export 500,000 times and now take a fast path for
text; _money, _qty and _moment remember what a text parsed to; lifecycle._finish sets the new
rows' values in place instead of copying them. Here the same files (bad cells, money as text,
blanks, dashes, numbers a workbook kept as numbers, dates, a 1904 workbook's serials) are read
with the plain versions, kept below as they were, and with the fast ones: the orders, lines,
issues and skipped rows must be the same, and so must an import into a shop."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

import shopbook.orders.lifecycle as life
import shopbook.orders.platform_export as pe
from platform_fixtures import (PDD_CURRENT, douyin_row, pdd_bytes, pdd_row, refund_row, write_douyin,
                               write_refunds)
from shopbook import values as V
from shopbook.io.reader import header_key, read_workbook
from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS, STOCK, Movement, OrderLine
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import TODAY, add_products, build_shop, product


# -- the plain versions, as they were before the fast paths ---------------------------------------

def plain_cell(row: dict, *names: str) -> str:
    for n in names:
        v = row.get(header_key(n))
        if v not in (None, ""):
            if isinstance(v, float) and v.is_integer():
                v = int(v)
            s = str(v).strip()
            if s.startswith('="') and s.endswith('"'):
                s = s[2:-1]
            if s.startswith("'"):
                s = s[1:]
            if s:
                return s
    return ""


def plain_code(table, k, row, names, res, then=("", "")):
    raw = plain_cell(row, *names)
    if not raw:
        return ""
    number = next((row.get(header_key(n)) for n in names if row.get(header_key(n)) not in (None, "")), None)
    if isinstance(number, float):
        raw = number
    try:
        return V.parse_code(raw)
    except V.BadValue as e:
        # (said in the column the file heads it with, as _code says it)
        res.issues.append(pe._issue(table, k, pe._given_in(row, names), raw, e.zh + then[0], e.en + then[1]))
        return None


def plain_finish(st, res, posted, gifts_of, resolver, lang="zh"):
    v = st.values
    platform = st.platform.value if st.platform else ""
    if st.new:
        res.new_lines += [ln.model_copy(update=v) for ln in st.lines]
        if v["status"] is not life.OrderStatus.NEW:
            res.changes.append(life.Change(st.no, platform, None, v["status"], *st.note, st.file))
    else:
        diff = {f: v[f] for f in life.TRACKED if v[f] != st.before[f]}
        if not diff:
            return
        for ln in st.lines:
            res.cells.setdefault(ln.row, {}).update(diff)
        res.changes.append(life.Change(st.no, platform, st.before["status"], v["status"], *st.note, st.file))
        if v["status"] in (life.OrderStatus.CANCELLED, life.OrderStatus.HELD) and st.before["status"] in life.OPEN \
                and any(ln.batch for ln in st.lines):
            res.pull_batches[st.no] = next(ln.batch for ln in st.lines if ln.batch)
    if st.ship_day is not None:
        res.moves += life.shipment_moves(st.no, life._in_skus(st.lines, st.platform, resolver),
                                         gifts_of(st.no, st.lines), posted, st.ship_day, lang)


@pytest.fixture
def plain(monkeypatch):
    """Switches the import to the plain versions."""
    def on():
        monkeypatch.setattr(pe, "cell", plain_cell)
        monkeypatch.setattr(pe, "_code", plain_code)
        monkeypatch.setattr(pe, "_parsed", lambda parse, raw: parse(raw))
        monkeypatch.setattr(life, "_finish", plain_finish)
    return on


# -- files in the platforms' shapes, with what goes wrong in them ---------------------------------

def taobao(folder, later=False):
    ok = "买家已付款，等待卖家发货"
    rows = [order_row("3600000000000000001", "tb1", "张三", "13900000001", "浙江省 杭州市 西湖区 路1号(310000)",
                      "2026-11-21 09:00:00", goods="89.00", status="卖家已发货，等待买家确认" if later else ok),
            order_row("3600000000000000002", "tb2", "李四", "13900000002", "浙江省 杭州市 西湖区 路2号(310000)",
                      "2026-11-21 09:00:00", goods="¥89.00", postage="八块"),  # money as text; postage not money
            order_row("3600000000000000003", "tb3", "王五", "13900000003", "上海市 路3号", "昨天", goods="89.00",
                      message="  "),  # a time that is none; a blank of spaces
            order_row("3600000000000000004", "tb4", "赵六", "13900000004", "北京市 朝阳区 路4号", "2026-11-21 10:00:00",
                      status="交易关闭" if later else ok),
            order_row("3600000000000000005", "tb5", "钱七", "13900000005", "上海市 路5号", "2026-11-21 10:00:00",
                      status="卖家部分发货" if later else ok),
            order_row("3.6E+18", "tb6", "孙八", "13900000006", "上海市 路6号", "2026-11-21 10:00:00"),  # lost digits
            order_row("3600000000000000007", "tb7", "周九", "13900000007", "上海市 路7号", "2026-11-21 10:00:00",
                      status="等待发货中的怪状态")]
    rows[0].update({"物流公司": "中通快递", "物流单号 ": "73000000000001"} if later else {})
    rows[3].update({"订单关闭原因": "买家不想要了"} if later else {})
    details = [detail_row("3600000000000000001", "衬衫", "89.00", "1", "SH-WT-M"),
               detail_row("3600000000000000001", "衬衫", "89.00", "2", "SH-BK-M"),
               detail_row("3600000000000000002", "衬衫", "¥ 89.00", "1", "SH-WT-M"),
               detail_row("3600000000000000002", "衬衫", "89.00", "abc", "SH-BK-M"),  # a quantity that is no number
               detail_row("3600000000000000003", "衬衫", "89.00", "0", "SH-WT-M"),  # nor positive
               detail_row("3600000000000000003", "衬衫", "=1/0", "1", "SH-BK-M"),  # a formula's text
               detail_row("3600000000000000004", "衬衫", "89.00", "1", "SH-WT-M"),
               detail_row("3600000000000000005", "衬衫", "89.00", "1", "SH-WT-M",
                          status="卖家已发货，等待买家确认" if later else ok),
               detail_row("3600000000000000005", "衬衫", "89.00", "1", "SH-BK-M"),
               detail_row("3600000000000000006", "衬衫", "89.00", "1", "SH-WT-M"),
               detail_row("3600000000000000007", "衬衫", "89.00", "1", ""),  # no code at all
               detail_row("3600000000000000099", "衬衫", "89.00", "1", "SH-WT-M")]  # no such order
    return list(write_pair(folder, rows, details, stamp="20261122" if later else "20261121"))


def pinduoduo(folder, later=False):
    rows = [pdd_row("261121-000000000000001", "已发货，待收货" if later else "待发货", "SH-WT-M", qty=3, total="100.00",
                    tracking="YT0001" if later else "", courier="圆通快递" if later else "",
                    shipped="2026-11-22 18:00:00" if later else ""),  # a total that does not split
            pdd_row("261121-000000000000002", "待发货", "SH-BK-M", total="89.00",
                    after="退款中" if later else "无售后或售后取消"),
            pdd_row("261121-000000000000003", "待发货", "SH-BK-M", total="", paid=""),  # blanks
            pdd_row("261121-000000000000004", "待发货", "SH-BK-M", total="八十九", paid="45000"),
            pdd_row("", "待发货", "SH-BK-M"),
            pdd_row("261121-000000000000006", "已取消" if later else "待发货", "SH-WT-M", qty="二")]
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / "pdd.csv"
    p.write_bytes(pdd_bytes(PDD_CURRENT, rows))
    return [p]


def douyin(folder, later=False):
    rows = [douyin_row("6930000000000000001", "69300000000000000011", "SH-WT-M", price="89.00",
                       status="已发货" if later else "待发货", tracking="SF0001" if later else "-",
                       courier="顺丰速运" if later else "-", shipped="2026/11/22 18:00:00" if later else "-"),
            douyin_row("6930000000000000001", "69300000000000000012", "SH-BK-M", price=" - "),  # a dash with spaces
            douyin_row("6930000000000000002", "69300000000000000021", "SH-BK-M", status="部分发货" if later else "待发货",
                       after="-", tracking="-"),
            douyin_row("6930000000000000003", "-", "SH-BK-M", qty=0),
            douyin_row("6930000000000000004", "69300000000000000041", "--", goods_id="-", price="--", receiver="-",
                       phone="--", province="-", city="-", district="-", street="-", detail="-")]
    return [write_douyin(folder, rows, stamp=1763780000 if later else 1763694000)]


def three_sheet(path):
    """A workbook that kept order numbers, prices and quantities as numbers, times as dates."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "订单报表"
    ws.append(["主订单编号", "订单状态", "收货地址", "收货人姓名", "联系手机", "订单付款时间", "买家应付邮费"])
    ws.append([360000000000011, "买家已付款，等待卖家发货", "浙江省 杭州市 路11号", "吴十", 13900000011,
               dt.datetime(2026, 11, 21, 9, 30), 0])
    ws.append([3600000000000000012, "买家已付款，等待卖家发货", "浙江省 杭州市 路12号", "郑十一", "'13900000012",
               "2026-11-21 09:30:00", 6.5])  # past 15 digits: the number lost digits
    ws.append([360000000000013.0, "买家已付款，等待卖家发货", "浙江省 杭州市 路13号", "冯十二", 13900000013,
               45617.5, 0.1])  # a serial date
    ws = wb.create_sheet("销售明细")
    ws.append(["主订单编号", "子订单编号", "标题", "价格", "购买数量", "商家编码", "订单状态"])
    ws.append([360000000000011, 1, "衬衫", 89, 1, "SH-WT-M", "买家已付款，等待卖家发货"])
    ws.append([360000000000011, 2, "衬衫", 89.005, 2.0, "SH-BK-M", ""])
    ws.append([360000000000013, 3, "衬衫", 0.1 + 0.2, 1, 12345, ""])  # a code kept as a number
    wb.save(path)
    return [path]


def everything(tmp_path, later=False):
    d = tmp_path / ("later" if later else "first")
    files = taobao(d, later) + pinduoduo(d, later) + douyin(d, later)
    if later:
        files.append(write_refunds(d, [refund_row("R1", "3600000000000000002", "SH-WT-M", "89.00", "退款成功"),
                                       refund_row("R2", "3600000000000000002", "SH-BK-M", "八十九", "退款成功")]))
    else:
        files += three_sheet(d / "tmall.xlsx")
    return files


def test_the_files_read_the_same_with_the_fast_paths(tmp_path, plain):
    first, later = everything(tmp_path), everything(tmp_path, later=True)
    fast = [pe.read_order_files(first), pe.read_order_files(later), pe.read_order_files(first + later),
            pe.read_order_files(first + later)]  # twice: the second time every text's value is remembered
    plain()
    slow = [pe.read_order_files(first), pe.read_order_files(later), pe.read_order_files(first + later)]
    assert fast[0].orders and fast[0].issues and fast[1].orders  # the files hold orders and bad cells both
    assert {i.column for i in slow[2].issues} >= {"订单编号", "购买数量", "买家应付邮费", "商品总价(元)", "订单付款时间"}
    assert fast[:3] == slow
    assert fast[3] == slow[2]


def test_a_serial_date_is_read_in_the_date_system_it_is_in(tmp_path):
    """The remembered value of a text depends on the workbook's date system, as its parse does."""
    assert pe._parsed(V.parse_datetime, "45000") == V.parse_datetime("45000")
    token = V.serial_epoch.set(V.EPOCH_1904)
    try:
        assert pe._parsed(V.parse_datetime, "45000") == V.parse_datetime("45000") != dt.datetime(2023, 3, 15)
    finally:
        V.serial_epoch.reset(token)
    with pytest.raises(V.BadValue):  # a text that does not read says so every time
        pe._parsed(V.parse_money, "八十九")
    with pytest.raises(V.BadValue):
        pe._parsed(V.parse_money, "八十九")


def _import_twice(tmp_path, name):
    shop = build_shop(tmp_path / name)
    add_products(shop, product("SH-WT-M", "SH01", "白色", "M", "A-01-3", "0690000000062", 5))  # the files' code
    out = [import_orders(shop, everything(tmp_path / name), today=TODAY),
           import_orders(shop, everything(tmp_path / name, later=True), today=TODAY + dt.timedelta(days=1))]
    books = [read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine),
             read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)]
    return out, books


def test_an_import_gives_the_same_rows_changes_and_stock(tmp_path, plain):
    fast, fast_books = _import_twice(tmp_path, "fast")
    plain()
    slow, slow_books = _import_twice(tmp_path, "slow")
    assert fast[0].imported and fast[1].changes and fast[1].movements  # new rows, later changes, stock out
    for f, s in zip(fast, slow):
        for attr in ("imported", "skipped", "changes", "pull", "movements", "unknown_skus"):
            assert getattr(f, attr) == getattr(s, attr), attr
        assert [i.with_(book="") for i in f.issues] == [i.with_(book="") for i in s.issues]
        assert [ln.model_fields_set for ln in f.imported] == [ln.model_fields_set for ln in s.imported]
    # the written workbooks: the same rows, read back from the .xlsx
    assert [ln.model_dump() for ln in fast_books[0]] == [ln.model_dump() for ln in slow_books[0]]
    assert [m.model_dump() for m in fast_books[1]] == [m.model_dump() for m in slow_books[1]]
