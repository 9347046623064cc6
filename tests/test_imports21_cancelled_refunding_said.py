"""An order a person cancelled in shopbook (已取消 typed) that a later export shows with a refund in progress (拼多多 and
抖店 售后状态 退款中, 淘宝's 退款 export 退款中) was counted '没有变化' under a ✓ and nothing said, while the buyer's
refund waited on the seller on the platform. It is said at the export's row (order number, file, row), in both
languages, the order left cancelled, as one still waiting to ship is (test_imports20_cancelled_still_waiting); not
where the platform's own word cancelled it, nor where a later file of the import closes the refund."""

from __future__ import annotations

import openpyxl
import pytest

from cli_run import typed_in_openpyxl
from platform_fixtures import douyin_row, pdd_row, refund_row, write_douyin, write_pdd, write_refunds
from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus
from taobao_fixtures import detail_row, order_row, write_pair
from test_imports20_cancelled_still_waiting import TB, TODAY, _shop, _status

P, DY = "261121-000000000001", "4912345678901234567"


def _three_cancelled(tmp_path, lang: str):
    """A 拼多多, a 淘宝 and a 抖店 order, waiting to ship, each set 已取消 by a person on the orders sheet."""
    shop = _shop(tmp_path, lang)
    o = order_row(TB, "tb_amy", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                  "2026-11-21 09:15:02", goods="99.00")
    import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(P, "待发货", "SH-WH-M")]),
                         *write_pair(tmp_path / "a", [o], [detail_row(TB, "白衬衫", "99.00", "1", "SH-WH-M")],
                                     stamp="202611211000"),
                         write_douyin(tmp_path / "a", [douyin_row(DY, DY + "1", "SH-WH-M")])], today=TODAY)
    sheet = openpyxl.load_workbook(shop.folder / "orders.xlsx").sheetnames[0]
    column, word = ("状态", "已取消") if lang == "zh" else ("status", "Cancelled")
    typed_in_openpyxl(shop.folder / "orders.xlsx", sheet, {(r, column): word for r in (2, 3, 4)})
    return shop


def _refunding(tmp_path, sub: str):
    return [write_pdd(tmp_path / sub, [pdd_row(P, "待发货", "SH-WH-M", after="退款中")],
                      name="orders_export_20261122.csv"),
            write_refunds(tmp_path / sub, [refund_row("R1", TB, "SH-WH-M", "99.00", "退款中")]),
            write_douyin(tmp_path / sub, [douyin_row(DY, DY + "1", "SH-WH-M", after="退款中")], stamp=1763794000)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_order_cancelled_by_hand_with_a_refund_in_progress_is_said_at_its_row(tmp_path, lang):
    shop = _three_cancelled(tmp_path, lang)
    files = _refunding(tmp_path, "b")
    res = import_orders(shop, files, today=TODAY)
    for no, f in zip((P, TB, DY), files):
        assert _status(shop, no) is OrderStatus.CANCELLED  # never re-opened
        said = [i for i in res.issues if i.value == no]
        assert len(said) == 1 and said[0].severity == "warning", res.issues
        assert said[0].book == f.name and said[0].row == 2
        assert "退款中" in said[0].message_zh and "在平台同意退款" in said[0].message_zh
        assert "refund of it is in progress" in said[0].message_en and "agree to the refund" in said[0].message_en
    lines = " ".join(x[1 if lang == "zh" else 2] for x in res.said(10))
    assert ("在平台同意退款" if lang == "zh" else "agree to the refund") in lines and P in lines and DY in lines


def test_a_refund_closed_by_a_later_file_of_the_import_is_not_said(tmp_path):
    shop = _three_cancelled(tmp_path, "zh")
    files = [*_refunding(tmp_path, "b"),
             write_refunds(tmp_path / "c", [refund_row("R1", TB, "SH-WH-M", "99.00", "退款成功")],
                           name="ExportRefundList20261123.csv")]
    res = import_orders(shop, files, today=TODAY)
    assert not [i for i in res.issues if i.value == TB], res.issues
    assert [i.value for i in res.issues if "同意退款" in i.message_zh] == [P, DY]


def test_an_order_its_refund_cancelled_is_not_said_when_an_older_export_shows_it_refunding(tmp_path):
    shop = _shop(tmp_path, "zh")
    o = order_row(TB, "tb_amy", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                  "2026-11-21 09:15:02", goods="99.00")
    import_orders(shop, list(write_pair(tmp_path / "a", [o], [detail_row(TB, "白衬衫", "99.00", "1", "SH-WH-M")],
                                        stamp="202611211000")), today=TODAY)
    import_orders(shop, [write_refunds(tmp_path / "c", [refund_row("R1", TB, "SH-WH-M", "99.00", "退款成功")])],
                  today=TODAY)
    assert _status(shop, TB) is OrderStatus.CANCELLED
    res = import_orders(shop, [write_refunds(tmp_path / "b", [refund_row("R1", TB, "SH-WH-M", "99.00", "退款中")],
                                             name="ExportRefundList20261121.csv")], today=TODAY)
    assert not [i for i in res.issues if "同意退款" in i.message_zh], res.issues


def test_one_line_refunded_and_the_other_waiting_is_said_as_waiting_not_as_a_refund_to_agree(tmp_path):
    """From the review: a two-line 淘宝 order cancelled by hand, one line's refund done (退款成功) and the other still
    waiting on a later export (部分退款): no refund is left to agree to; the order still waits to ship there."""
    no = "3515000000000020101"
    shop = _shop(tmp_path, "zh")
    o = order_row(no, "tb_amy", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                  "2026-11-21 09:15:02", goods="198.00")
    d = [detail_row(no, "白衬衫", "99.00", "1", "SH-WH-M"), detail_row(no, "黑衬衫", "99.00", "1", "SH-BK-M")]
    import_orders(shop, list(write_pair(tmp_path / "a", [o], d, stamp="202611211000")), today=TODAY)
    sheet = openpyxl.load_workbook(shop.folder / "orders.xlsx").sheetnames[0]
    typed_in_openpyxl(shop.folder / "orders.xlsx", sheet, {(2, "状态"): "已取消", (3, "状态"): "已取消"})
    d[0]["退款状态"] = "退款成功"
    res = import_orders(shop, list(write_pair(tmp_path / "b", [o], d, stamp="202611221000")), today=TODAY)
    said = [i.message_zh for i in res.issues if i.value == no]
    assert not any("同意退款" in m for m in said), said
    assert any("还在等待发货" in m for m in said), said
    assert _status(shop, no) is OrderStatus.CANCELLED
