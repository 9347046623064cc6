"""The 自查 button's box named command lines, "→ shopbook picklist 店铺 · 按钮 拣货单", "退货到了扫描：shopbook aftersales
receive 店铺 YT… → shopbook aftersales 店铺", to a person in Excel with the buttons above the sheet. Each item now says the
button to press where one does it (CheckItem.box_action; a case's step as CaseView.by_button words it), and a held
order still says how it is released: its status set back to 待审核 on the Orders sheet first, then the 审单 button (the
review looks at 待审核 orders only). `shopbook selfcheck` keeps the command."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest

from shopbook import xl
from shopbook.report.selfcheck import read_selfcheck
from shopbook.shop import init_shop, open_shop
from xlfake import FakeBook

WORDS = {"zh": dict(held="已挂起", approved="已审核", new="待审核", shipped="已发货", ret="退货退款", wait="等退货",
                    why="挂起：地址无法解析"),
         "en": dict(held="held", approved="approved", new="new", shipped="shipped", ret="return", wait="waiting for return",
                    why="held: the address does not parse")}


def small_shop(folder, lang):
    init_shop(folder, lang=lang)
    w, now = WORDS[lang], dt.datetime.now()
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    wb.worksheets[0].append(["SH-WH-M", "SH01", "T恤", "白色", "M", "", "A-01-1", 30, 99, 2, 5])
    wb.worksheets[3].append([dt.date.today() - dt.timedelta(days=3), "小王", "13900000000", "SH-WH-M"])  # 缺货登记
    wb.worksheets[4].append(["面单" if lang == "zh" else "Waybills", 10, 5, 7])  # 耗材: two days left
    wb.save(folder / "stock.xlsx")
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    orders, cases = wb.worksheets[0], wb.worksheets[5]
    head = [c.value for c in orders[1]]
    zh = head[0] == "订单编号"

    def order(no, status, paid, **more):
        row = {"订单编号" if zh else "order_no": no, "付款时间" if zh else "paid_at": paid,
               "收货人" if zh else "receiver": "王芳", "手机" if zh else "phone": "13812345678",
               "收货地址" if zh else "address": "浙江省 杭州市 西湖区 文三路100号", "商家编码" if zh else "sku": "SH-WH-M",
               "数量" if zh else "qty": 1, "单价" if zh else "unit_price": 99, "状态" if zh else "status": status}
        row.update(more)
        orders.append([row.get(h) for h in head])

    order("3900000000000000001", w["held"], now - dt.timedelta(days=3), **{"审单结果" if zh else "review": w["why"]})
    order("3900000000000000002", w["approved"], now - dt.timedelta(days=1))
    order("3900000000000000003", w["shipped"], now - dt.timedelta(days=2),
          **{"快递公司" if zh else "courier": "中通", "快递单号" if zh else "tracking_no": "73000003",
             "发货日期" if zh else "shipped_on": dt.date.today() - dt.timedelta(days=1)})
    head = [c.value for c in cases[1]]
    case = {"售后单号": "TH-1", "登记日期": dt.date.today(), "订单编号": "3900000000000000003", "商家编码": "SH-WH-M",
            "数量": 1, "类型": w["ret"], "原因": "不喜欢", "退货单号": "YT900002", "状态": w["wait"],
            "截止日期": dt.date.today() + dt.timedelta(days=7)}
    en = dict(zip(["售后单号", "登记日期", "订单编号", "商家编码", "数量", "类型", "原因", "退货单号", "状态", "截止日期"],
                  ["case_no", "opened_on", "order_no", "sku", "qty", "type", "reason", "return_tracking", "status", "due"]))
    cases.append([{(k if zh else en[k]): v for k, v in case.items()}.get(h) for h in head])
    wb.save(folder / "orders.xlsx")
    return folder


@pytest.fixture(scope="module", params=["zh", "en"])
def pressed(request, tmp_path_factory):
    folder = small_shop(tmp_path_factory.mktemp(request.param) / "shop", request.param)
    book = FakeBook(folder / "orders.xlsx")
    xl.self_check(book)
    return request.param, folder, book.app.alerts[-1]["prompt"]


def test_the_selfcheck_box_names_the_buttons(pressed):
    lang, _, box = pressed
    lines = box.splitlines()
    if lang == "zh":
        assert "  ! 订单 3900000000000000001：挂起超过一天：地址无法解析 → 处理好后在订单表把状态改为待审核，再按“审单”" in lines, box
        assert "  订单 3900000000000000002：1 个已审核订单还没拣货 → 按“拣货单”" in lines, box
        assert "  售后 TH-1（订单 3900000000000000003）：退货退款：退货 YT900002 到了：扫描，再按“售后收货…”选扫描文件收货" in lines, box
    else:
        assert ("  ! order 3900000000000000001: held for more than a day: the address does not parse → once settled, set its "
                "status to new on the Orders sheet, then press Review") in lines, box
        assert "  orders 3900000000000000002: 1 approved order not picked yet → press Pick list" in lines, box
        assert ("  case TH-1 (order 3900000000000000003): return: when the return YT900002 comes: scan it, then press "
                "Receive returns… and choose the scan file") in lines, box
    assert not re.search(r"shopbook [a-z]", box), box


def test_the_command_line_keeps_the_commands(pressed):
    lang, folder, _ = pressed
    said = {i.record: i.what + i.then for i in read_selfcheck(open_shop(folder))}
    zh = lang == "zh"
    assert said["订单 3900000000000000001" if zh else "order 3900000000000000001"].endswith(
        "再审单：shopbook orders review 店铺 · 按钮 审单" if zh else
        "review again: shopbook orders review SHOP · button Review"), said
    assert said["售后 TH-1（订单 3900000000000000003）" if zh else "case TH-1 (order 3900000000000000003)"].endswith(
        "shopbook aftersales receive 店铺 YT900002 → shopbook aftersales 店铺" if zh else
        "shopbook aftersales receive SHOP YT900002 → shopbook aftersales SHOP"), said


def test_an_item_no_button_lists_says_where_it_is_done(pressed):
    """No button lists the supplies or the waiting list: the box says where what was done is typed, not the command."""
    lang, _, box = pressed
    lines = box.splitlines()
    if lang == "zh":
        assert "  面单：耗材快用完：还够 2.0 天 → 补货，到了在 stock.xlsx 的“耗材”表改它的“库存”" in lines, box
        assert "  SKU SH-WH-M T恤：到货了，通知 小王 13900000000 → 通知后在 stock.xlsx 的“缺货登记”表把这一行的“已通知”填“是”" \
            in lines, box
    else:
        assert "  Waybills: running out: 2.0 days left → restock it, then update its on_hand on stock.xlsx's Supplies sheet" \
            in lines, box
        assert ("  SKU SH-WH-M T恤: back in stock: call 小王 13900000000 → once called, type yes in notified on that row of "
                "stock.xlsx's Waitlist sheet") in lines, box
